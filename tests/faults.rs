//! Browser tests of faults from the UI and the states they draw: the three-tier
//! reference design runs in the real App; faults come from keys, lane buttons and the
//! Faults panel, and the canvas shows hung and slow instances, an impaired and a lost
//! zone, a database failing over, chaos monkey, load-balancer nodes and link traffic.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;

mod common;

use common::{Mounted, click, press};

wasm_bindgen_test_configure!(run_in_browser);

/// The App on the three-tier design (by share link), fast-forwarded to two minutes.
async fn warmed_up() -> Mounted {
    let app = Mounted::three_tier().await;
    app.fast_forward("00:02:00").await;
    app
}

/// Selects a component by clicking its card.
async fn select(app: &Mounted, id: &str) {
    app.click(&format!(".node[data-id='{id}'][data-role='primary']")).await;
}

fn states(app: &Mounted, group: &str) -> Vec<String> {
    app.all(&format!(".instance-pills[data-group='{group}'] .instance-pill"))
        .iter()
        .map(|p| p.get_attribute("data-state").unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn keys_hang_slow_and_recover_the_selected_group_instances() {
    let app = warmed_up().await;
    select(&app, "web").await;
    press("h", None).await;
    let after_hang = states(&app, "web");
    assert!(after_hang[0].starts_with("hung"), "{after_hang:?}");
    assert!(app.one(".instance-pill.state-hung").get_attribute("class").unwrap().contains("live-bad"));

    press("S", None).await;
    let after_slow = states(&app, "web");
    assert!(after_slow[1].starts_with("slow ×5"), "the next healthy one is slowed: {after_slow:?}");
    assert_eq!(app.count(".instance-pill.state-slow"), 1);

    press("r", None).await;
    assert_eq!(app.count(".instance-pill.state-hung"), 0, "R recovers the hung one first");

    // Typing in a field is not a fault key.
    let factor = app.one("#spike-factor");
    press("k", Some(&factor)).await;
    assert!(states(&app, "web").iter().all(|s| !s.starts_with("crashed")), "{:?}", states(&app, "web"));
    // The buttons name their keys.
    assert_eq!(app.attr(".fault-row[data-instance] button[aria-keyshortcuts='K']", "aria-keyshortcuts"), "K");
    assert!(app.text(".fault-keys").contains("chaos monkey on/off"));
    app.forget();
}

#[wasm_bindgen_test]
async fn links_carry_traffic_and_the_load_balancer_shows_its_zone_nodes() {
    let app = warmed_up().await;
    assert_eq!(app.attr(".edge[data-from='clients'][data-to='lb-1']", "data-rate"), "1000");
    assert_eq!(app.text(".edge-rate[data-from='clients']").trim(), "1000/s");
    let web: f64 = app.attr(".edge[data-from='lb-1'][data-to='web']", "data-rate").parse().unwrap();
    assert!(web > 500.0, "{web}");
    let wide: f64 = app.attr(".edge[data-from='clients']", "stroke-width").parse().unwrap();
    let plain: f64 = app.attr(".edge[data-from='web'][data-to='jobs']", "stroke-width").parse().unwrap();
    assert!(wide > plain + 2.0, "busy links are thicker: {wide} vs {plain}");
    assert_eq!(app.count(".node[data-id='lb-1'] .zone-chip.lb-node.live-ok"), 2);
    assert_eq!(app.text(".node[data-id='web'] .node-summary"), "min 4 · desired 4 · max 12");
    app.forget();
}

#[wasm_bindgen_test]
async fn zones_are_impaired_lost_and_restored_and_the_database_fails_over() {
    let app = warmed_up().await;
    click(&app.one("[data-zone-fault='c'][data-fault='impair']")).await;
    assert!(app.attr(".lane[data-zone='c']", "class").contains("impaired"));
    assert!(app.text(".lane[data-zone='c'] .lane-caption").starts_with("IMPAIRED +200 MS"));
    click(&app.one("[data-zone-fault='c'][data-fault='restore']")).await;
    assert!(!app.attr(".lane[data-zone='c']", "class").contains("impaired"));

    select(&app, "db").await;
    press("z", None).await;
    assert!(app.attr(".lane[data-zone='a']", "class").contains("lost"));
    assert!(
        app.one(".node[data-id='lb-1'] .zone-chip[data-zone='a']")
            .get_attribute("class")
            .unwrap()
            .contains("live-bad")
    );
    assert_eq!(app.text(".node[data-id='db'][data-role='standby'] .corner-tag").trim(), "PROMOTING");
    assert!(app.attr(".node[data-id='db'][data-role='standby']", "class").contains("moving"));
    assert_eq!(app.count(".failover-arc"), 1);

    app.fast_forward("00:05:00").await;
    assert_eq!(app.text(".node[data-id='db'][data-role='standby'] .corner-tag").trim(), "PRIMARY");
    assert_eq!(app.count(".failover-arc"), 0);
    click(&app.one("[data-zone-fault='a'][data-fault='restore']")).await;
    assert!(!app.attr(".lane[data-zone='a']", "class").contains("lost"));
    // Z follows the primary: it now runs in b.
    press("z", None).await;
    assert!(app.attr(".lane[data-zone='b']", "class").contains("lost"));
    press("z", None).await;
    assert!(!app.attr(".lane[data-zone='b']", "class").contains("lost"), "Z again restores it");
    app.forget();
}

#[wasm_bindgen_test]
async fn chaos_monkey_and_spike_settings_are_checked_and_applied() {
    let app = warmed_up().await;
    let factor: HtmlInputElement = app.one("#spike-factor").dyn_into().unwrap();
    factor.set_value("lots");
    factor.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert!(
        app.text(".fault-setting.invalid .field-problem").starts_with("Spike factor: enter a multiplier")
    );
    press("t", None).await;
    assert!(app.text(".status-line").contains("Spike factor"), "{}", app.text(".status-line"));

    press("c", None).await;
    assert!(app.text(".chaos-state").starts_with("On:"), "{}", app.text(".chaos-state"));
    assert_eq!(app.text(".node[data-id='web'] .corner-tag").trim(), "chaos");
    press("c", None).await;
    assert_eq!(app.text(".chaos-state"), "Off.");
    assert_eq!(app.count(".node[data-id='web'] .corner-tag"), 0);

    select(&app, "jobs").await;
    press("q", None).await;
    assert!(app.text(".node[data-id='jobs'] .node-summary").contains("consumers stopped"));
    app.forget();
}

#[wasm_bindgen_test]
async fn each_instance_pill_is_its_own_named_button_and_takes_the_fault_keys() {
    let app = warmed_up().await;
    let pills = app.all(".instance-pills[data-group='web'] .instance-pill");
    assert!(pills.len() >= 2, "the web group shows its instances");
    for pill in &pills {
        assert_eq!(pill.get_attribute("role").as_deref(), Some("button"));
        assert_eq!(pill.get_attribute("tabindex").as_deref(), Some("0"), "reachable by Tab");
        let name = pill.get_attribute("aria-label").unwrap_or_default();
        let instance = pill.get_attribute("data-instance").unwrap();
        // The pill's own text first (label in name), then the whole state in brackets.
        assert!(name.starts_with(instance.as_str()), "{name}");
        assert!(name.contains(&format!("(Instance {instance} in zone ")), "{name}");
        // Inside another button it would be presentational: not focusable, not announced.
        let outer = pill.parent_element().unwrap().closest("[role='button'], button").unwrap();
        assert!(outer.is_none(), "{instance} sits inside a button");
    }
    // Focus moves onto a pill, and the keys act on that pill's instance, not the first.
    let second = &pills[1];
    let victim = second.get_attribute("data-instance").unwrap();
    // SVG elements have focus() too; web-sys exposes it only with a feature this crate lacks.
    let focus = js_sys::Reflect::get(second, &"focus".into()).unwrap();
    focus.dyn_into::<js_sys::Function>().unwrap().call0(second).unwrap();
    let active = gloo::utils::document().active_element().unwrap();
    assert_eq!(active.get_attribute("data-instance").as_deref(), Some(victim.as_str()));
    press("h", Some(second)).await;
    let pill = |name: &str| app.attr(&format!(".instance-pill[data-instance='{name}']"), "data-state");
    assert!(pill(&victim).starts_with("hung"), "{}", pill(&victim));
    assert_eq!(app.count(".instance-pill.state-hung"), 1, "only the focused one");
    press("r", Some(&app.one(&format!(".instance-pill[data-instance='{victim}']")))).await;
    assert_eq!(app.count(".instance-pill.state-hung"), 0, "R recovers it");
    press("Enter", Some(&app.one(&format!(".instance-pill[data-instance='{victim}']")))).await;
    assert!(pill(&victim).starts_with("crashed"), "Enter kills it: {}", pill(&victim));
    app.forget();
}

/// The App opened on `design` through a share-link fragment.
async fn mounted(design: &nines_sim::design::Design) -> Mounted {
    let window = web_sys::window().unwrap();
    window.location().set_hash(&nines::persist::share::encode(design)).unwrap();
    Mounted::mount_with("").await
}

/// Every fault button's accessible name starts with its visible words (WCAG 2.5.3).
fn names_start_with_their_text(app: &Mounted) {
    let buttons = app.all(".faults .btn-fault");
    assert!(!buttons.is_empty());
    for button in buttons {
        let text = button.text_content().unwrap_or_default();
        let name = button.get_attribute("aria-label").unwrap_or_else(|| text.clone());
        assert!(name.starts_with(text.trim()), "“{name}” does not start with its text “{}”", text.trim());
    }
}

#[wasm_bindgen_test]
async fn the_store_bucket_and_cdn_outages_are_named_by_their_words_and_on_keys() {
    use nines_sim::design::reference;
    let app = mounted(&reference::session_store()).await;
    select(&app, "sessions").await;
    assert_eq!(
        app.attr(".fault-row[data-store] .btn-fault", "aria-label").split(':').next(),
        Some("Regional outage of sessions")
    );
    names_start_with_their_text(&app);
    press("o", None).await;
    assert_eq!(app.text(".fault-row[data-store] .btn-fault"), "Restore");
    names_start_with_their_text(&app);
    app.forget();

    let app = mounted(&reference::static_cdn()).await;
    select(&app, "assets").await;
    assert_eq!(app.attr(".fault-row[data-edge='assets'] .btn-fault", "aria-keyshortcuts"), "B");
    names_start_with_their_text(&app);
    press("b", None).await;
    assert_eq!(app.text(".fault-row[data-edge='assets'] .fault-state"), "down · regional outage");
    names_start_with_their_text(&app);
    select(&app, "cdn").await;
    assert_eq!(app.attr(".fault-row[data-edge='cdn'] .btn-fault", "aria-keyshortcuts"), "E");
    press("e", None).await;
    assert_eq!(app.text(".fault-row[data-edge='cdn'] .fault-state"), "down");
    names_start_with_their_text(&app);
    press("E", None).await;
    assert_eq!(app.text(".fault-row[data-edge='cdn'] .fault-state"), "answering from its edges");
    let keys = app.text(".fault-keys");
    assert!(keys.contains("B object storage (bucket) outage or restore"), "{keys}");
    assert!(keys.contains("E CDN (edge) outage or restore"), "{keys}");
    app.forget();
}
