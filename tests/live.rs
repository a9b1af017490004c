//! Browser tests of the live run: the three-tier reference design runs in the real App,
//! driven by animation frames, and a killed instance is seen failing and leaving service.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use web_sys::Element;

mod common;

use common::{Mounted, click};

wasm_bindgen_test_configure!(run_in_browser);

impl Mounted {
    fn pill_state(&self, name: &str) -> String {
        self.one(&format!(".instance-pill[data-instance='{name}']"))
            .get_attribute("data-state")
            .unwrap_or_default()
    }
}

#[wasm_bindgen_test]
async fn a_killed_web_instance_fails_checks_and_leaves_service() {
    let app = Mounted::three_tier().await;
    assert_eq!(app.text(".clock time"), "00:00:00");
    app.click("button.step").await;
    assert_eq!(app.text(".clock time"), "00:00:01");

    app.fast_forward("00:02:00").await;
    let web: Vec<Element> = app.all(".instance-pills[data-group='web'] .instance-pill");
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
    app.forget();
}
