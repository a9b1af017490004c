//! Browser tests of the live run: the three-tier reference design runs in the real App,
//! driven by animation frames, and a killed instance is seen failing and leaving service.
#![cfg(target_arch = "wasm32")]

use nines::App;
use nines::persist::share;
use nines_sim::design::reference;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    root: Element,
    handle: Option<AppHandle<App>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

impl Mounted {
    /// The App opened on the three-tier design through a share-link fragment.
    async fn three_tier() -> Self {
        let window = web_sys::window().unwrap();
        window.location().set_hash(&share::encode(&reference::three_tier())).unwrap();
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Mounted { root, handle: Some(handle) }
    }

    fn one(&self, selector: &str) -> Element {
        self.root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
    }

    fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }

    async fn click(&self, selector: &str) {
        click(&self.one(selector)).await;
    }

    /// Fast-forwards to `to` (e.g. `00:02:00`) and waits for the frames to get there.
    async fn fast_forward(&self, to: &str) {
        let input: HtmlInputElement = self.one("#fast-forward-to").dyn_into().unwrap();
        input.set_value(to);
        input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
        yew::scheduler::flush().await;
        self.click(".fast-forward button[type=submit]").await;
        for _ in 0..500 {
            if self.text(".clock time") == to {
                return;
            }
            sleep(20).await;
        }
        panic!("the clock reads {} not {to}", self.text(".clock time"));
    }

    fn pill_state(&self, name: &str) -> String {
        self.one(&format!(".instance-pill[data-instance='{name}']"))
            .get_attribute("data-state")
            .unwrap_or_default()
    }
}

async fn click(target: &Element) {
    match target.dyn_ref::<HtmlElement>() {
        Some(html) => html.click(),
        None => {
            let init = web_sys::MouseEventInit::new();
            init.set_bubbles(true);
            let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
            target.dispatch_event(&event).unwrap();
        }
    }
    yew::scheduler::flush().await;
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn a_killed_web_instance_fails_checks_and_leaves_service() {
    let app = Mounted::three_tier().await;
    assert_eq!(app.text(".clock time"), "00:00:00");
    app.click("button.step").await;
    assert_eq!(app.text(".clock time"), "00:00:01");

    app.fast_forward("00:02:00").await;
    let web: Vec<Element> = app.all(".node.group[data-id='web'] .instance-pill");
    assert!(!web.is_empty(), "the web group shows its instances");
    assert!(
        web.iter().all(|p| p.get_attribute("class").unwrap_or_default().contains("live-ok")),
        "all web instances in service at 2 min"
    );
    let victim = web[0].get_attribute("data-instance").unwrap();
    let logged = app.all(".log-list li").len();

    click(&web[0]).await;
    assert!(app.pill_state(&victim).contains("crashed"), "{}", app.pill_state(&victim));
    assert!(app.all(".log-list li").len() > logged, "the kill is logged");

    app.fast_forward("00:03:30").await;
    let state = app.pill_state(&victim);
    assert!(state.contains("out of service") || state.contains("terminated"), "{state}");
    let log = app.text(".log-list");
    assert!(log.contains(&victim), "{log}");
    let class = app.one(".node[data-id='web']").get_attribute("class").unwrap_or_default();
    assert!(class.contains("live-warn") || class.contains("live-bad"), "{class}");

    // Reset drops the run.
    app.click("button.reset").await;
    assert_eq!(app.text(".clock time"), "00:00:00");
    assert!(app.all(".instance-pill").is_empty());
    assert!(app.all(".log-list li").is_empty());
    drop(app);
    web_sys::window().unwrap().local_storage().unwrap().unwrap().remove_item("nines.design.v1").unwrap();
}
