//! What the browser tests share: the App mounted in a fresh element (or on the three-tier
//! design), DOM look-ups, clicks that work on HTML and SVG alike, key presses, moving the
//! clock, waiting for timers and renders, and leaving nothing behind for the next test.
//! Every tests/*.rs uses these instead of its own copies.

#![allow(dead_code)]

use nines::App;
use nines::persist::share;
use nines_sim::design::reference;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};
use yew::AppHandle;

/// A mounted App and the element it lives in; unmounted and removed on drop.
pub struct Mounted {
    pub root: Element,
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
    /// Mounts the App in a new element at the end of the body, with an inline `style`.
    pub async fn mount_with(style: &str) -> Self {
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        if !style.is_empty() {
            root.set_attribute("style", style).unwrap();
        }
        document.body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Mounted { root, handle: Some(handle) }
    }

    /// Mounts the App on the starter design, not on whatever an earlier test autosaved.
    pub async fn fresh() -> Self {
        storage().remove_item("nines.design.v1").unwrap();
        Mounted::mount_with("").await
    }

    pub fn one(&self, selector: &str) -> Element {
        self.maybe(selector).unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    pub fn maybe(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().dyn_into().unwrap()).collect()
    }

    pub fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }

    pub fn text(&self, selector: &str) -> String {
        self.one(selector).text_content().unwrap_or_default()
    }

    pub async fn click(&self, selector: &str) {
        click(&self.one(selector)).await;
    }

    /// The App opened on the three-tier design through a share-link fragment.
    pub async fn three_tier() -> Self {
        let window = web_sys::window().unwrap();
        window.location().set_hash(&share::encode(&reference::three_tier())).unwrap();
        Mounted::mount_with("").await
    }

    /// An attribute of the element matching `selector` (empty if it has none).
    pub fn attr(&self, selector: &str, name: &str) -> String {
        self.one(selector).get_attribute(name).unwrap_or_default()
    }

    /// Presses `key` on the element matching `selector`.
    pub async fn press(&self, selector: &str, key: &str) {
        press(key, Some(&self.one(selector))).await;
    }

    /// Waits for the frames to bring the clock to `to` (e.g. `00:02:00`), then lets the
    /// last frame's renders finish.
    pub async fn clock_reads(&self, to: &str) {
        for _ in 0..1000 {
            if self.text(".clock time") == to {
                sleep(10).await;
                return;
            }
            sleep(20).await;
        }
        panic!("the clock reads {} not {to}", self.text(".clock time"));
    }

    /// Fast-forwards to `to` (e.g. `00:02:00`) and waits for the frames to get there.
    pub async fn fast_forward(&self, to: &str) {
        let input: HtmlInputElement = self.one("#fast-forward-to").dyn_into().unwrap();
        input.set_value(to);
        input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
        yew::scheduler::flush().await;
        self.click(".fast-forward button[type=submit]").await;
        self.clock_reads(to).await;
    }

    /// Unmounts and leaves no share link or autosave behind for the next test.
    pub fn forget(self) {
        drop(self);
        forget_design();
    }
}

/// Presses `key` (a bubbling, cancellable keydown) on `target`, or on the page body if
/// `None`; then lets Yew render.
pub async fn press(key: &str, target: Option<&Element>) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let body: Element = gloo::utils::document().body().unwrap().into();
    target.unwrap_or(&body).dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

/// Forgets the share link and the autosaved design, so later tests start from the starter.
pub fn forget_design() {
    web_sys::window().unwrap().location().set_hash("").unwrap();
    storage().remove_item("nines.design.v1").unwrap();
}

/// Clicks an element: `click()` on HTML, a real bubbling mouse event on SVG (which has no
/// `click()`); then lets Yew render.
pub async fn click(target: &Element) {
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

/// Waits `ms` milliseconds of real time, then lets Yew render.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    yew::scheduler::flush().await;
}

/// The page's local storage.
pub fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}
