//! Browser tests of the design editor: the reducer's edits, and the real App driven by
//! keyboard, synthetic pointer events and file inputs in headless Chromium.
//! Run with `cargo test --target wasm32-unknown-unknown --test editor`.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use nines::App;
use nines::editor::drop::{Hit, Source};
use nines::editor::{Edit, Target};
use nines::kind::Kind;
use nines::state::{Action, State, Tone};
use nines_sim::design::{ComponentSpec, Design, reference};
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit, PointerEvent, PointerEventInit,
};
use yew::Reducible;

mod common;

use common::{Mounted, sleep, storage};

wasm_bindgen_test_configure!(run_in_browser);

// ---- The reducer, in the browser ----

fn start() -> Rc<State> {
    Rc::new(State::new(reference::single_server()))
}

fn run(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
    actions.into_iter().fold(state, |s, a| s.reduce(a))
}

fn zone_of(design: &Design, id: &str) -> String {
    match &design.component(id).unwrap().spec {
        ComponentSpec::Instance(i) => i.zone.clone(),
        ComponentSpec::Database(d) => d.zone.clone(),
        _ => panic!("{id} has no zone"),
    }
}

fn status(s: &State) -> (String, Tone) {
    let st = s.status.clone().unwrap();
    (st.text, st.tone)
}

#[wasm_bindgen_test]
fn reducer_accepts_a_drop_in_a_zone() {
    let s = run(
        start(),
        [Action::Drop {
            source: Source::Palette(Kind::Instance),
            hit: Hit::Lane("b".into()),
            position: None,
        }],
    );
    assert_eq!(zone_of(&s.design, "web-2"), "b");
    assert_eq!(status(&s), ("Placed instance web-2 in zone b.".into(), Tone::Done));
}

#[wasm_bindgen_test]
fn reducer_refuses_a_drop_outside_any_zone_with_the_reason() {
    let before = start();
    let s = run(
        before.clone(),
        [Action::Drop { source: Source::Palette(Kind::Database), hit: Hit::Band(0), position: None }],
    );
    assert_eq!(s.design, before.design);
    let (text, tone) = status(&s);
    assert_eq!(tone, Tone::Refused);
    assert!(text.contains("drop it inside a zone lane"), "{text}");
}

#[wasm_bindgen_test]
fn reducer_moves_between_zones_and_refuses_a_standby_beside_its_primary() {
    let s = run(
        start(),
        [Action::Drop {
            source: Source::Node { id: "db-1".into() },
            hit: Hit::Lane("c".into()),
            position: None,
        }],
    );
    assert_eq!(zone_of(&s.design, "db-1"), "c");
    let s = run(s, [Action::EditValue { id: "db-1".into(), path: "standby_zone".into(), value: json!("a") }]);
    let s = run(
        s,
        [Action::Drop {
            source: Source::Copy { id: "db-1".into(), copy: nines::editor::Copy::Standby },
            hit: Hit::Lane("c".into()),
            position: None,
        }],
    );
    let (text, tone) = status(&s);
    assert_eq!(tone, Tone::Refused);
    assert!(text.contains("standby must be in another zone"), "{text}");
}

#[wasm_bindgen_test]
fn reducer_deletes_a_component_with_its_links() {
    let s = run(start(), [Action::Edit(Edit::Delete { id: "web-1".into() })]);
    assert!(s.design.component("web-1").is_none());
    assert!(s.design.connections.is_empty());
}

#[wasm_bindgen_test]
fn reducer_refuses_a_meaningless_link_with_the_reason() {
    let s = run(start(), [Action::Edit(Edit::Connect { from: "clients".into(), to: "db-1".into() })]);
    let (text, tone) = status(&s);
    assert_eq!(tone, Tone::Refused);
    assert!(
        text.contains("clients send requests only to a DNS name, a load balancer, a web instance or a CDN"),
        "{text}"
    );
    assert_eq!(s.design.connections.len(), 2);
}

#[wasm_bindgen_test]
fn reducer_keeps_an_invalid_value_out_of_the_design() {
    let before = start();
    let s = run(
        before.clone(),
        [Action::EditText { id: "web-1".into(), path: "accept_queue".into(), text: "-3".into() }],
    );
    assert_eq!(s.design, before.design);
    assert!(s.draft("web-1", "accept_queue").unwrap().error.is_some());
}

#[wasm_bindgen_test]
fn reducer_undoes_and_redoes_a_sequence() {
    let s = run(
        start(),
        [
            Action::Edit(Edit::AddZone { region: 0 }),
            Action::Drop {
                source: Source::Palette(Kind::Instance),
                hit: Hit::Lane("d".into()),
                position: None,
            },
            Action::Edit(Edit::Delete { id: "db-1".into() }),
        ],
    );
    let end = s.design.clone();
    let s = run(s, [Action::Undo, Action::Undo, Action::Undo]);
    assert_eq!(*s.design, reference::single_server());
    let s = run(s, [Action::Redo, Action::Redo]);
    assert!(s.design.component("web-2").is_some() && s.design.component("db-1").is_some());
    let s = run(s, [Action::Redo]);
    assert_eq!(s.design, end);
}

#[wasm_bindgen_test]
fn reducer_adds_and_removes_zones() {
    let s = run(
        start(),
        [
            Action::Edit(Edit::AddZone { region: 0 }),
            Action::Edit(Edit::RemoveZone { region: 0, zone: "a".into() }),
        ],
    );
    assert_eq!(s.design.region().zones, ["a", "b", "c", "d"]);
    assert!(status(&s).0.contains("in use by instance web-1"));
    let s = run(s, [Action::Edit(Edit::RemoveZone { region: 0, zone: "c".into() })]);
    assert_eq!(s.design.region().zones, ["a", "b", "d"]);
}

// ---- The App ----

impl Mounted {
    async fn new() -> Self {
        storage().remove_item("nines.design.v1").unwrap();
        Mounted::mount_with("width: 1400px").await
    }

    fn design(&self) -> Design {
        let window = web_sys::window().unwrap();
        let read = js_sys::Reflect::get(&window, &JsValue::from_str("__nines_design")).unwrap();
        let json = read.dyn_ref::<js_sys::Function>().unwrap().call0(&JsValue::NULL).unwrap();
        serde_json::from_str(&json.as_string().unwrap()).unwrap()
    }

    async fn key(&self, target: &Element, key: &str, ctrl: bool, shift: bool) {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_ctrl_key(ctrl);
        init.set_shift_key(shift);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        target.dispatch_event(&event).unwrap();
        yew::scheduler::flush().await;
    }

    async fn type_into(&self, selector: &str, text: &str) {
        let input: HtmlInputElement = self.one(selector).dyn_into().unwrap();
        input.set_value(text);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
        yew::scheduler::flush().await;
    }

    fn active_id(&self) -> String {
        gloo::utils::document().active_element().and_then(|e| e.get_attribute("data-id")).unwrap_or_default()
    }

    fn active_text(&self) -> String {
        gloo::utils::document().active_element().and_then(|e| e.text_content()).unwrap_or_default()
    }
}

fn centre(e: &Element) -> (f64, f64) {
    let r = e.get_bounding_client_rect();
    (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0)
}

fn pointer(kind: &str, (x, y): (f64, f64)) -> PointerEvent {
    let init = PointerEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_pointer_id(7);
    init.set_pointer_type("touch");
    init.set_is_primary(true);
    init.set_button(0);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    PointerEvent::new_with_event_init_dict(kind, &init).unwrap()
}

/// Drags `from` to the point `to` with pointer events, as a finger would.
async fn drag(from: &Element, to: (f64, f64)) {
    let start = centre(from);
    from.dispatch_event(&pointer("pointerdown", start)).unwrap();
    for k in 1..=6 {
        let t = f64::from(k) / 6.0;
        let p = (start.0 + (to.0 - start.0) * t, start.1 + (to.1 - start.1) * t);
        gloo::utils::document().dispatch_event(&pointer("pointermove", p)).unwrap();
        yew::scheduler::flush().await;
    }
    gloo::utils::document().dispatch_event(&pointer("pointerup", to)).unwrap();
    yew::scheduler::flush().await;
    sleep(5).await;
}

fn lane_floor(app: &Mounted, zone: &str) -> (f64, f64) {
    let r = app.one(&format!(".lane[data-zone='{zone}'] .lane-body")).get_bounding_client_rect();
    (r.left() + r.width() / 2.0, r.bottom() - 12.0)
}

#[wasm_bindgen_test]
async fn keyboard_only_places_links_and_deletes_a_component() {
    let app = Mounted::new().await;
    // Choose Instance in the palette (Enter on a button is a click).
    app.click("[data-kind='instance']").await;
    assert!(app.text(".palette-status").starts_with("Instance chosen"));
    // Focus moved into the placement bar, onto the first zone.
    assert_eq!(app.active_text().trim(), "Zone us-east-1a");
    let buttons = app.root.query_selector_all(".placement-bar button.choice").unwrap();
    assert_eq!(buttons.length(), 3);
    buttons.item(1).unwrap().dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    assert_eq!(zone_of(&app.design(), "web-2"), "b");
    assert_eq!(app.active_id(), "web-2", "focus follows the new component");
    assert!(app.text(".status-polite").contains("Placed instance web-2 in zone b."));
    let lane_b = app.one(".lane[data-zone='b']");
    let outline = app.one(&format!("#{}", lane_b.get_attribute("aria-describedby").unwrap()));
    assert!(outline.text_content().unwrap().contains("instance web-2"), "lane b says what runs there");

    // L starts a link; the bar lists allowed targets; Enter on one draws it.
    let node = app.one("[data-id='web-2'][data-role='primary']");
    app.key(&node, "l", false, false).await;
    assert!(app.text(".placement-bar").starts_with("Link web-2 to"));
    assert!(app.text(".placement-bar").contains("database db-1"));
    assert_eq!(app.active_text().trim(), "database db-1", "the first allowed target has focus");
    app.click(".placement-bar button.choice").await;
    assert!(app.design().connections.iter().any(|c| c.from == "web-2" && c.to == "db-1"));
    assert_eq!(app.count("path.edge[data-from='web-2'][data-to='db-1']"), 1);

    // Delete deletes; Ctrl+Z brings it back with its link.
    let node = app.one("[data-id='web-2'][data-role='primary']");
    app.key(&node, "Delete", false, false).await;
    assert!(app.design().component("web-2").is_none());
    app.key(&app.one("svg.canvas"), "z", true, false).await;
    assert!(app.design().connections.iter().any(|c| c.from == "web-2" && c.to == "db-1"));
    app.key(&app.one("svg.canvas"), "z", true, true).await;
    assert!(app.design().component("web-2").is_none(), "Ctrl+Shift+Z redoes");
}

#[wasm_bindgen_test]
async fn a_refused_keyboard_link_is_explained() {
    let app = Mounted::new().await;
    let db = app.one("[data-id='db-1'][data-role='primary']");
    app.key(&db, "l", false, false).await;
    assert!(app.text(".placement-bar").contains("no other component can take a new link from it"));
    assert!(app.text(".refused-links").contains("a database sends nothing"));
    app.key(&app.one(".placement-bar"), "Escape", false, false).await;
    assert!(app.maybe(".placement-bar").is_none());
}

#[wasm_bindgen_test]
async fn pointer_drags_place_refuse_and_move() {
    let app = Mounted::new().await;
    drag(&app.one("[data-kind='queue']"), lane_floor(&app, "c")).await;
    assert!(
        app.design().component("queue-1").is_some(),
        "a regional kind dropped in a lane goes onto the region"
    );

    let band = centre(&app.one(".band .band-body"));
    drag(&app.one("[data-kind='instance']"), band).await;
    assert!(app.design().component("web-2").is_none());
    assert!(
        app.text(".status-alert").contains("drop it inside a zone lane"),
        "{}",
        app.text(".status-alert")
    );

    drag(&app.one("[data-id='web-1'][data-role='primary']"), lane_floor(&app, "b")).await;
    assert_eq!(zone_of(&app.design(), "web-1"), "b");
    assert!(app.design().component("web-1").unwrap().position.is_some(), "a drop records where");

    // Drag a link from the handle of web-1 onto the queue.
    let handle = app.one("[data-id='web-1'] .link-handle-dot");
    let queue = centre(&app.one("[data-id='queue-1'] .node-body"));
    drag(&handle, queue).await;
    assert!(app.design().connections.iter().any(|c| c.from == "web-1" && c.to == "queue-1"));
}

#[wasm_bindgen_test]
async fn typed_values_are_checked_as_typed() {
    let app = Mounted::new().await;
    app.click("[data-id='web-1']").await;
    let field = "#field-web-1-service-mean-ms";
    app.type_into(field, "-5").await;
    assert_eq!(app.one(field).get_attribute("aria-invalid").as_deref(), Some("true"));
    let row = app.text(".field-row[data-path='service.mean_ms']");
    assert!(row.contains("0.01–600,000 ms"), "{row}");
    assert_eq!(app.design(), reference::single_server(), "nothing committed");
    assert_eq!(app.one(field).dyn_into::<HtmlInputElement>().unwrap().value(), "-5", "the typed text stays");
    app.type_into(field, "80").await;
    assert_eq!(app.one(field).get_attribute("aria-invalid").as_deref(), Some("false"));
    match &app.design().component("web-1").unwrap().spec {
        ComponentSpec::Instance(i) => assert_eq!(i.template.service.mean_ms, 80.0),
        _ => unreachable!(),
    }
    app.click("button.undo").await;
    assert_eq!(app.design(), reference::single_server());
    app.click("button.redo").await;
    assert_ne!(app.design(), reference::single_server());
}

#[wasm_bindgen_test]
async fn zones_are_added_and_a_used_zone_is_refused() {
    let app = Mounted::new().await;
    app.click("button.add-zone").await;
    assert_eq!(app.count(".lane"), 4);
    app.click(".zone-pill[data-zone='a'] .zone-remove").await;
    assert_eq!(app.count(".lane"), 4);
    assert!(app.text(".status-alert").contains("Zone a is in use by instance web-1"));
    app.click(".zone-pill[data-zone='d'] .zone-remove").await;
    assert_eq!(app.count(".lane"), 3);
}

#[wasm_bindgen_test]
async fn a_second_region_is_built_from_the_region_bar_and_the_palette() {
    let app = Mounted::new().await;
    app.click("button.add-region").await;
    assert_eq!(app.count(".region-row"), 2);
    assert_eq!(app.count(".lane"), 5, "us-east-1 a–c and us-west-2 a–b");
    assert_eq!(app.count("button.add-region"), 0, "two regions at most");
    let hints: Vec<String> = app.all(".band-empty").iter().filter_map(|t| t.text_content()).collect();
    assert_eq!(
        hints.last().map(String::as_str),
        Some("Drop load balancers, groups, queues and alarms here"),
        "clients and DNS stay global, so the new region's band does not ask for them: {hints:?}"
    );
    app.click(".region-row[data-region='1'] button.add-zone").await;
    app.click(".region-row[data-region='0'] .zone-pill[data-zone='c'] .zone-remove").await;
    assert_eq!(app.design().regions[1].zones, ["a", "b", "c"]);
    assert_eq!(app.design().region().zones, ["a", "b"], "each row edits its own region");

    // A regional kind dropped in the second region's lane goes into that region; an
    // instance dropped in its lane runs in that zone.
    drag(&app.one("[data-kind='load-balancer']"), lane_floor(&app, "us-west-2a")).await;
    assert_eq!(app.design().component("lb-1").unwrap().region.as_deref(), Some("us-west-2"));
    drag(&app.one("[data-kind='instance']"), lane_floor(&app, "us-west-2c")).await;
    let web = app.design().component("web-2").unwrap().clone();
    assert_eq!((web.region.as_deref(), zone_of(&app.design(), "web-2").as_str()), (Some("us-west-2"), "c"));
    assert!(app.text(".status-polite").contains("Placed instance web-2 in zone us-west-2c."));

    // The keyboard's path reaches the second region too: choose Instance, then its zone.
    app.click("[data-kind='instance']").await;
    let choices: Vec<String> =
        app.all(".placement-bar button.choice").iter().filter_map(|b| b.text_content()).collect();
    assert_eq!(choices.last().map(|t| t.trim()), Some("Zone us-west-2c"), "{choices:?}");
    app.all(".placement-bar button.choice").last().unwrap().dyn_ref::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    assert_eq!(app.design().component("web-3").unwrap().region.as_deref(), Some("us-west-2"));
    app.click("button.undo").await;

    // The inspector offers the instance's own region's zones.
    app.click("[data-id='web-2'][data-role='primary']").await;
    let options: Vec<String> =
        app.all("#field-web-2-zone option").iter().filter_map(|o| o.get_attribute("value")).collect();
    assert_eq!(options, ["a", "b", "c"], "zone c is us-west-2's; us-east-1 no longer has one");
    assert!(app.text("#field-web-2-zone").contains("Zone us-west-2c"), "{}", app.text("#field-web-2-zone"));

    // The region in use cannot be removed; emptied, it can, and undo brings it back.
    app.click(".region-row[data-region='1'] .remove-region").await;
    assert!(
        app.text(".status-alert").contains("Region us-west-2 is in use by load balancer lb-1"),
        "{}",
        app.text(".status-alert")
    );
    app.click("button.undo").await;
    app.click("button.undo").await;
    app.click(".region-row[data-region='1'] .remove-region").await;
    assert_eq!(app.count(".region-row"), 1);
    assert_eq!(app.count(".lane"), 2, "us-east-1 a and b");
    app.click("button.undo").await;
    assert_eq!(app.design().regions[1].zones, ["a", "b", "c"]);
}

#[wasm_bindgen_test]
async fn new_asks_first() {
    let app = Mounted::new().await;
    app.click("button.new-design").await;
    assert!(app.text(".confirm-new").contains("3 components"));
    assert_eq!(app.design(), reference::single_server());
    app.click(".confirm-new .confirm").await;
    assert!(app.design().components.is_empty());
    app.click("button.undo").await;
    assert_eq!(app.design(), reference::single_server());
}

#[wasm_bindgen_test]
async fn a_broken_import_is_explained_and_changes_nothing() {
    let app = Mounted::new().await;
    let parts = js_sys::Array::of1(&JsValue::from_str("this is not a design"));
    let file = web_sys::File::new_with_str_sequence(&parts, "junk.nines.json").unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: HtmlInputElement = app.one("input.import-input").dyn_into().unwrap();
    input.set_files(transfer.files().as_ref());
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    for _ in 0..50 {
        sleep(10).await;
        if app.maybe(".status-alert .status-line").is_some() {
            break;
        }
    }
    let alert = app.text(".status-alert");
    assert!(alert.contains("junk.nines.json") && alert.contains("not JSON"), "{alert}");
    assert_eq!(app.design(), reference::single_server());

    let good = serde_json::to_string(&reference::three_tier()).unwrap();
    let file = web_sys::File::new_with_str_sequence(
        &js_sys::Array::of1(&JsValue::from_str(&good)),
        "three.nines.json",
    )
    .unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    input.set_files(transfer.files().as_ref());
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    for _ in 0..50 {
        sleep(10).await;
        if app.design().components.len() == 7 {
            break;
        }
    }
    assert_eq!(app.design(), reference::three_tier());
    assert!(app.text(".cost").contains("/h"));
}

#[wasm_bindgen_test]
async fn the_design_is_autosaved() {
    let app = Mounted::new().await;
    app.click("button.add-zone").await;
    let saved = storage().get_item("nines.design.v1").unwrap().unwrap();
    assert!(saved.contains("\"d\""), "{saved}");
    drop(app);
    // A new App (a reload) opens the autosaved design.
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    assert_eq!(root.query_selector_all(".lane").unwrap().length(), 4);
    handle.destroy();
    root.remove();
    storage().remove_item("nines.design.v1").unwrap();
}

#[wasm_bindgen_test]
fn keyboard_shortcuts_map_to_undo_and_redo() {
    use nines::hooks::shortcuts::shortcut;
    assert_eq!(shortcut("z", true, false, false), Some(Action::Undo));
    assert_eq!(shortcut("Z", true, true, false), Some(Action::Redo));
    assert_eq!(shortcut("y", true, false, false), Some(Action::Redo));
    assert_eq!(shortcut("z", false, false, false), None);
    assert_eq!(shortcut("z", true, false, true), None);
    let _ = Target::Region(0);
}
