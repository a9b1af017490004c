//! Browser tests of the timeline: the three-tier design runs in the real App, a web
//! instance is killed, the scrubber goes back and forward again and shows the same run; the
//! event log filters and takes the run to an entry.
#![cfg(target_arch = "wasm32")]

use nines_sim::design::reference;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

mod common;

use common::{Mounted, click};

wasm_bindgen_test_configure!(run_in_browser);

impl Mounted {
    /// Moves the scrubber to `seconds`, as dragging or the arrow keys do.
    async fn scrub(&self, seconds: u64) {
        let input: HtmlInputElement = self.one("#timeline-scrubber").dyn_into().unwrap();
        input.set_value(&seconds.to_string());
        input.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
        yew::scheduler::flush().await;
    }

    /// Chooses `value` in the select matching `selector`.
    async fn choose(&self, selector: &str, value: &str) {
        let select: HtmlSelectElement = self.one(selector).dyn_into().unwrap();
        select.set_value(value);
        select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
        yew::scheduler::flush().await;
    }
}

#[wasm_bindgen_test]
async fn scrubbing_back_and_forth_replays_the_same_run_with_its_fault() {
    let app = Mounted::three_tier().await;
    let scrubber = app.one("#timeline-scrubber");
    assert!(scrubber.has_attribute("disabled"), "nothing to scrub before the run starts");

    app.fast_forward("00:02:00").await;
    let pill = app.one(".instance-pills[data-group='web'] .instance-pill");
    let victim = pill.get_attribute("data-instance").unwrap();
    click(&pill).await;
    assert_eq!(app.count(".scrubber-mark"), 1);
    assert!(app.text(".fault-record-list").contains(&format!("00:02:00Killed {victim}")));

    app.fast_forward("00:03:00").await;
    let log = app.text(".log-list");
    let pills = app.text(".node.group[data-id='web']");

    app.scrub(60).await;
    app.clock_reads("00:01:00").await;
    assert_eq!(scrubber.get_attribute("aria-valuetext").as_deref(), Some("00:01:00 of 00:03:00"));
    assert_eq!(app.count(".fault-record-entry.to-come"), 1, "the kill is still to come");
    let early = app.maybe(".log-list").and_then(|l| l.text_content()).unwrap_or_default();
    assert!(!early.contains(&format!("killed {victim}")), "{early}");

    app.scrub(180).await;
    app.clock_reads("00:03:00").await;
    assert_eq!(app.text(".log-list"), log, "the same log");
    assert_eq!(app.text(".node.group[data-id='web']"), pills, "the same instances");
    assert_eq!(app.count(".fault-record-entry.to-come"), 0);

    // A new fault after a rewind branches the run.
    app.scrub(30).await;
    app.clock_reads("00:00:30").await;
    click(&app.one(".instance-pills[data-group='web'] .instance-pill")).await;
    assert!(app.text(".status-line").contains("branches"), "{}", app.text(".status-line"));
    assert_eq!(app.count(".scrubber-mark"), 1);
    assert_eq!(scrubber.get_attribute("max").as_deref(), Some("30"));

    // Replay from start plays again from 00:00:00 with the fault kept.
    app.click("button.replay").await;
    assert_eq!(app.text(".clock time"), "00:00:00");
    assert_eq!(app.one("button.play").get_attribute("aria-pressed").as_deref(), Some("true"));
    app.click("button.play").await;
    app.forget();
}

#[wasm_bindgen_test]
async fn the_log_filters_and_goes_to_an_entry() {
    let app = Mounted::three_tier().await;
    app.fast_forward("00:01:00").await;
    let pill = app.one(".instance-pills[data-group='web'] .instance-pill");
    let victim = pill.get_attribute("data-instance").unwrap();
    click(&pill).await;
    app.fast_forward("00:02:30").await;

    let all = app.count(".log-list li");
    app.choose(".log-filter-severity", "critical").await;
    let critical = app.count(".log-list li");
    assert!(critical >= 1 && critical < all, "{critical} of {all}");
    assert_eq!(app.count(".log-list li.sev-critical"), critical);

    app.choose(".log-filter-severity", "").await;
    app.choose(".log-filter-source", &victim).await;
    let entries = app.all(".log-list li");
    assert!(entries.iter().all(|e| e.get_attribute("data-source").as_deref() == Some(victim.as_str())));

    let first = app.one(".log-list .log-go");
    let at = first.query_selector("time").unwrap().unwrap().text_content().unwrap();
    click(&first).await;
    app.clock_reads(&at).await;
    assert!(app.one(".node[data-id='web']").get_attribute("class").unwrap().contains("selected"));
    app.forget();
}

#[wasm_bindgen_test]
fn checkpointing_costs_little_in_webassembly() {
    use nines_sim::World;
    use nines_sim::time::SECOND;
    let now = || web_sys::window().unwrap().performance().unwrap().now();
    let mut world = World::new(&reference::three_tier()).unwrap();
    world.run_until(600 * SECOND);
    let start = now();
    world.run_for(nines::live::checkpoints::FIRST_INTERVAL);
    let interval_ms = now() - start;
    let start = now();
    let copies: Vec<World> = (0..20).map(|_| world.clone()).collect();
    let clone_ms = (now() - start) / 20.0;
    drop(copies);
    console_log!("at 10 min: one checkpoint {clone_ms:.3} ms, simulating the interval {interval_ms:.1} ms");
    assert!(clone_ms < 0.05 * interval_ms, "checkpointing costs under 5 % of run time");
}
