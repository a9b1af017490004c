//! Browser tests of the Playground: render the real App into a fresh element in headless
//! Chromium and assert on the DOM. Run with `cargo test --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

mod common;

use common::Mounted;

wasm_bindgen_test_configure!(run_in_browser);

impl Mounted {
    async fn new() -> Self {
        Mounted::fresh().await
    }

    /// Sets a form control's value and fires the event a person's edit would.
    async fn set_value(&self, selector: &str, value: &str, event: &str) {
        let control = self.one(selector);
        match control.dyn_ref::<HtmlInputElement>() {
            Some(input) => input.set_value(value),
            None => control.dyn_ref::<HtmlSelectElement>().unwrap().set_value(value),
        }
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        control.dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap()).unwrap();
        yew::scheduler::flush().await;
    }
}

fn attr(element: &Element, name: &str) -> String {
    element.get_attribute(name).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn palette_has_eleven_labelled_described_buttons() {
    let app = Mounted::new().await;
    let buttons = app.all(".palette button");
    let names: Vec<_> =
        app.all(".palette button .palette-name").iter().map(|n| n.text_content().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Clients",
            "Load balancer",
            "Instance",
            "Auto-scaling group",
            "Queue",
            "Database",
            "Key-value store",
            "Alarm",
            "CDN",
            "Object storage",
            "DNS"
        ]
    );
    for button in &buttons {
        // Named by all its visible text (label in name): no aria-label that leaves the line out.
        assert_eq!(button.get_attribute("aria-label"), None);
        let line = button.query_selector(".palette-description").unwrap().unwrap().text_content().unwrap();
        assert!(line.len() > 10);
        assert_eq!(attr(button, "aria-describedby"), "palette-hint");
        assert_eq!(button.tag_name(), "BUTTON", "palette items must be keyboard-focusable buttons");
    }
}

#[wasm_bindgen_test]
async fn palette_button_toggles_its_pressed_state() {
    let app = Mounted::new().await;
    let queue = "[data-kind='queue']";
    assert_eq!(attr(&app.one(queue), "aria-pressed"), "false");
    app.click(queue).await;
    assert_eq!(attr(&app.one(queue), "aria-pressed"), "true");
    assert!(app.text(".palette-status").starts_with("Queue chosen"));
}

#[wasm_bindgen_test]
async fn canvas_draws_three_labelled_zone_lanes_inside_the_region() {
    let app = Mounted::new().await;
    let lanes = app.all("svg.canvas .lane");
    let names: Vec<_> = lanes.iter().map(|l| attr(l, "aria-label")).collect();
    assert_eq!(
        names,
        ["Availability zone us-east-1a", "Availability zone us-east-1b", "Availability zone us-east-1c"]
    );
    for (lane, zone) in lanes.iter().zip(["us-east-1a", "us-east-1b", "us-east-1c"]) {
        assert!(lane.text_content().unwrap().contains(zone));
    }
    assert!(app.text("svg.canvas .region").contains("us-east-1"));
}

#[wasm_bindgen_test]
async fn starter_design_components_are_focusable_and_labelled() {
    let app = Mounted::new().await;
    for label in ["clients", "instance web-1 in zone a", "database db-1 in zone a"] {
        // The drawn text, then what it is in brackets (label in name, WCAG 2.5.3).
        let node = app.one(&format!("svg.canvas [aria-label$='({label})']"));
        assert_eq!(attr(&node, "tabindex"), "0", "{label}");
        assert_eq!(attr(&node, "role"), "button", "{label}");
    }
    // web-1 sits inside zone a's lane: its box is within the lane's box on screen.
    let lane = app.one(".lane[data-zone='a']").get_bounding_client_rect();
    let web = app.one("[data-id='web-1']").get_bounding_client_rect();
    assert!(web.left() >= lane.left() && web.right() <= lane.right(), "web-1 outside lane a");
    assert_eq!(app.all("svg.canvas path.edge").len(), 2, "clients → web-1 → db-1");
}

#[wasm_bindgen_test]
async fn selecting_a_component_fills_the_inspector() {
    let app = Mounted::new().await;
    assert!(app.text(".inspector").contains("Nothing selected"));

    app.click("[data-id='web-1']").await;
    let inspector = app.text(".inspector");
    assert!(inspector.contains("Instance") && inspector.contains("web-1"), "{inspector}");
    assert!(inspector.contains("t3.small") && inspector.contains("Mean service time"), "{inspector}");
    assert!(app.all(".inspector .param .unit").iter().any(|u| u.text_content().unwrap().trim() == "ms"));
    assert_eq!(attr(&app.one("[data-id='web-1']"), "aria-pressed"), "true");

    app.press("[data-id='db-1']", "Enter").await;
    assert_eq!(attr(&app.one(".inspector-body"), "data-selected"), "db-1");
    assert!(app.text(".inspector").contains("Failover"));
    assert_eq!(attr(&app.one("[data-id='web-1']"), "aria-pressed"), "false");

    app.press("[data-id='clients']", " ").await;
    assert_eq!(attr(&app.one(".inspector-body"), "data-selected"), "clients");

    app.press("svg.canvas", "Escape").await;
    assert!(app.text(".inspector").contains("Nothing selected"));
}

#[wasm_bindgen_test]
async fn play_button_toggles_label_and_pressed_state() {
    let app = Mounted::new().await;
    let play = app.one("button.play");
    assert_eq!(
        (play.text_content().unwrap().trim().to_owned(), attr(&play, "aria-pressed")),
        ("Play".into(), "false".into())
    );
    app.click("button.play").await;
    let play = app.one("button.play");
    assert_eq!(
        (play.text_content().unwrap().trim().to_owned(), attr(&play, "aria-pressed")),
        ("Pause".into(), "true".into())
    );
    app.click("button.play").await;
    assert_eq!(attr(&app.one("button.play"), "aria-pressed"), "false");
}

#[wasm_bindgen_test]
async fn step_fast_forward_and_reset_move_the_clock() {
    let app = Mounted::new().await;
    assert_eq!(app.text(".clock time"), "00:00:00");
    app.click("button.step").await;
    assert_eq!(app.text(".clock time"), "00:00:01");

    app.set_value("#fast-forward-to", "2m30s", "input").await;
    app.click(".fast-forward button[type='submit']").await;
    assert_eq!(app.text(".clock time"), "00:02:30");

    app.set_value("#fast-forward-to", "later", "input").await;
    app.click(".fast-forward button[type='submit']").await;
    assert_eq!(attr(&app.one("#fast-forward-to"), "aria-invalid"), "true");
    assert!(app.text("#fast-forward-error").contains("such as"));

    app.click("button.reset").await;
    assert_eq!(app.text(".clock time"), "00:00:00");
}

#[wasm_bindgen_test]
async fn speed_select_offers_one_to_a_hundred_times() {
    let app = Mounted::new().await;
    let options: Vec<_> = app.all(".speed option").iter().map(|o| o.text_content().unwrap()).collect();
    assert_eq!(options, ["1×", "2×", "5×", "10×", "20×", "50×", "100×"]);
    app.set_value(".speed select", "20", "change").await;
    app.click("button.step").await;
    // The options are rendered from state: only the chosen speed is marked selected.
    assert!(app.one(".speed option[value='20']").has_attribute("selected"));
    assert!(!app.one(".speed option[value='1']").has_attribute("selected"));
}

#[wasm_bindgen_test]
async fn charts_and_event_log_show_honest_empty_states() {
    let app = Mounted::new().await;
    let titles: Vec<_> = app.all(".chart h3").iter().map(|t| t.text_content().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Requests per second",
            "Latency",
            "Queue depth and oldest age",
            "Healthy vs desired instances",
            "Cost per hour"
        ]
    );
    assert_eq!(app.text(".charts-status"), "Press play to run the simulation");
    let log = app.one(".event-log .log-body");
    assert_eq!(attr(&app.one(".event-log .log-announcer"), "aria-live"), "polite");
    assert!(log.text_content().unwrap().contains("No events yet"));
}
