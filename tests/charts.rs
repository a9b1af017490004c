//! Browser tests of the live charts and the run summary: the three-tier reference design
//! runs in the real App; the charts draw it, a keyboard cursor reads values on every chart
//! at once, the summary counts an incident, and Reset empties both. The last test renders
//! the charts alone over an hour of history and prints what a frame costs.
#![cfg(target_arch = "wasm32")]

use nines::components::charts::{Charts, ChartsProps};
use nines::live::Live;
use nines::live::charts::data::ChartFeed;
use nines::live::charts::geometry::PlotData;
use nines::live::charts::spec::CHARTS;
use nines::live::charts::text::describe;
use std::rc::Rc;

use nines_sim::Command;
use nines_sim::design::{Design, reference};
use nines_sim::time::{HOUR, MILLISECOND, SECOND};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

mod common;

use common::{Mounted, click};

/// Every stylesheet index.html links, in its order.
const PAGE_CSS: &str = concat!(
    include_str!("../static/css/base.css"),
    include_str!("../static/css/layout.css"),
    include_str!("../static/css/controls.css"),
    include_str!("../static/css/header.css"),
    include_str!("../static/css/palette.css"),
    include_str!("../static/css/canvas.css"),
    include_str!("../static/css/editor.css"),
    include_str!("../static/css/inspector.css"),
    include_str!("../static/css/live.css"),
    include_str!("../static/css/charts.css"),
    include_str!("../static/css/run-summary.css"),
    include_str!("../static/css/timeline.css"),
    include_str!("../static/css/event-log.css"),
    include_str!("../static/css/faults.css"),
);

wasm_bindgen_test_configure!(run_in_browser);

const REQUESTS_PLOT: &str = ".chart[data-chart='requests'] .plot-area";

#[wasm_bindgen_test]
async fn charts_and_summary_are_honestly_empty_before_a_run() {
    let app = Mounted::three_tier().await;
    assert_eq!(app.text(".charts-status"), "Press play to run the simulation");
    assert_eq!(app.count(".chart .plot.is-empty"), 5);
    assert_eq!(app.count(".chart path"), 0);
    assert!(app.text(".run-summary").contains("No run yet"), "{}", app.text(".run-summary"));
    assert_eq!(app.count(".summary-figure"), 0);
    app.forget();
}

#[wasm_bindgen_test]
async fn charts_draw_the_run_and_a_keyboard_cursor_reads_every_chart() {
    let app = Mounted::three_tier().await;
    app.fast_forward("00:02:00").await;

    let succeeded = app.one(".chart[data-chart='requests'] path");
    let d = succeeded.get_attribute("d").unwrap_or_default();
    assert!(d.starts_with('M') && d.len() > 20, "the succeeded line is drawn: {d}");
    assert!(app.count(".chart[data-chart='instances'] path") >= 2, "in service and desired");
    assert_eq!(app.text(".chart[data-chart='requests'] .plot-axis.x .last"), "00:02:00");
    let value = app.text(".chart[data-chart='requests'] li[data-series='Succeeded'] .legend-value");
    assert!(!value.is_empty() && value != "0", "the legend reads the latest value: {value}");
    assert!(app.text("#chart-latency-desc").contains("p99: now"));

    // The plot is a slider over time: focus puts the cursor at the latest point.
    let plot: HtmlElement = app.one(REQUESTS_PLOT).dyn_into().unwrap();
    assert_eq!(plot.tab_index(), 0);
    assert_eq!(app.attr(REQUESTS_PLOT, "role"), "slider");
    plot.focus().unwrap();
    yew::scheduler::flush().await;
    app.press(REQUESTS_PLOT, "Home").await;
    assert_eq!(app.attr(REQUESTS_PLOT, "aria-valuenow"), "0");
    app.press(REQUESTS_PLOT, "ArrowRight").await;
    let text = app.attr(REQUESTS_PLOT, "aria-valuetext");
    assert!(text.starts_with("00:00:01") && text.contains("Succeeded"), "{text}");
    assert_eq!(app.text(".chart[data-chart='requests'] .plot-cursor-time"), "00:00:01");
    assert_eq!(app.count(".plot-cursor"), 5, "one cursor, shown on every chart");
    assert_eq!(app.text(".chart[data-chart='cost'] .plot-cursor-time"), "00:00:01");

    // Tabbing to the next plot keeps the cursor where it was.
    let latency: HtmlElement = app.one(".chart[data-chart='latency'] .plot-area").dyn_into().unwrap();
    latency.focus().unwrap();
    yew::scheduler::flush().await;
    assert_eq!(app.text(".chart[data-chart='latency'] .plot-cursor-time"), "00:00:01");
    plot.focus().unwrap();
    yew::scheduler::flush().await;

    app.press(REQUESTS_PLOT, "End").await;
    assert!(app.text(".chart[data-chart='requests'] .plot-cursor-time").starts_with("00:01:5"));
    app.press(REQUESTS_PLOT, "Escape").await;
    assert_eq!(app.count(".plot-cursor"), 0);

    // Reset empties the charts again.
    app.click("button.reset").await;
    assert_eq!(app.count(".chart path"), 0);
    assert_eq!(app.text(".charts-status"), "Press play to run the simulation");
    app.forget();
}

#[wasm_bindgen_test]
async fn the_summary_counts_an_incident_from_fault_to_recovery() {
    let app = Mounted::three_tier().await;
    app.fast_forward("00:02:00").await;
    assert!(
        app.text(".run-summary .panel-hint").contains("00:02:00"),
        "{}",
        app.text(".run-summary .panel-hint")
    );
    assert_eq!(app.count(".summary-figure"), 6);
    let availability = app.text(".summary-figure[data-figure='availability'] .figure-value");
    assert!(availability.ends_with('%'), "{availability}");
    assert!(app.text(".run-summary").contains("No faults injected yet"));

    let victim = app.one(".instance-pills[data-group='web'] .instance-pill");
    click(&victim).await;
    app.fast_forward("00:04:00").await;
    let rows = app.all(".incidents tbody tr");
    assert_eq!(rows.len(), 1, "{}", app.text(".run-summary"));
    let row = rows[0].text_content().unwrap_or_default();
    assert!(row.contains("00:02:00"), "{row}");
    assert!(!row.contains("not yet"), "detected and recovered within two minutes: {row}");
    let failed = app.text(".summary-figure[data-figure='failed'] .figure-value");
    assert_ne!(failed, "0", "a killed instance fails some requests");
    app.forget();
}

/// Median and worst of some timings [ms].
fn stats(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[ms.len() - 1])
}

fn now_ms() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// The design the timed charts show: three tiers (no sticky load balancer, no store).
fn design() -> Rc<Design> {
    Rc::new(reference::three_tier())
}

/// Renders `Charts` alone for `design`'s run with `faults` applied at their times, up to
/// `until` [µs]; returns the root element.
async fn charts_of(design: Design, faults: &[(u64, Command)], until: u64) -> web_sys::Element {
    let mut live = Live::default();
    live.ensure(&design).unwrap();
    for (at, command) in faults {
        live.run_to(*at, f64::INFINITY);
        live.apply(command.clone()).unwrap();
    }
    live.run_to(until, f64::INFINITY);
    let root = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::body().append_child(&root).unwrap();
    let props = ChartsProps { playing: false, live, design: Rc::new(design) };
    yew::Renderer::<Charts>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn legend_value(root: &web_sys::Element, chart: &str, series: &str) -> String {
    let selector = format!(".chart[data-chart='{chart}'] li[data-series='{series}'] .legend-value");
    root.query_selector(&selector).unwrap().and_then(|e| e.text_content()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn sessions_lost_and_the_stores_refused_calls_are_charted_for_designs_that_have_them() {
    let kill = (60 * SECOND, Command::KillInstance { instance: "web-1".into() });
    let root = charts_of(reference::sticky_sessions(), std::slice::from_ref(&kill), 120 * SECOND + 1).await;
    let charts: Vec<String> = (0..root.query_selector_all("[data-chart]").unwrap().length())
        .filter_map(|i| root.query_selector_all("[data-chart]").unwrap().item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok()?.get_attribute("data-chart"))
        .collect();
    assert_eq!(charts, ["requests", "latency", "queue", "instances", "cost", "sessions"]);
    let lost: u32 = legend_value(&root, "sessions", "Sessions lost").replace(',', "").parse().unwrap();
    assert!((200..500).contains(&lost), "a third of 1,000 users: {lost}");
    assert!(root.query_selector(".chart[data-chart='sessions'] path").unwrap().is_some());
    let text = root.query_selector("#chart-sessions-desc").unwrap().unwrap().text_content().unwrap();
    assert!(text.starts_with("Sessions lost so far, 00:00:00 to 00:02:00. Sessions lost: now"), "{text}");
    root.remove();

    let outage = (60 * SECOND, Command::StoreOutage { store: "sessions".into() });
    let root = charts_of(reference::session_store(), &[kill, outage], 90 * SECOND + 1).await;
    assert_eq!(legend_value(&root, "sessions", "Sessions lost"), "0", "the store kept them");
    let refused: f64 = legend_value(&root, "key-value", "Refused (down)").replace(',', "").parse().unwrap();
    assert!(refused > 200.0, "every call refused while the store is down: {refused}");
    let drawn = root.query_selector_all(".chart[data-chart='key-value'] path").unwrap().length();
    assert!(drawn >= 2, "throttled (always drawn, first) and refused: {drawn}");
    root.remove();
}

#[wasm_bindgen_test]
async fn requests_by_region_are_charted_for_a_two_region_design_and_move_after_a_region_loss() {
    let loss = (60 * SECOND, Command::LoseRegion { region: "us-east-1".into() });
    // Detection (three 30 s checks) plus the 60 s TTL plus a minute.
    let root = charts_of(reference::multi_region(), &[loss], 330 * SECOND + 1).await;
    let first_two: Vec<String> = (0..2)
        .filter_map(|i| root.query_selector_all("[data-chart]").unwrap().item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok()?.get_attribute("data-chart"))
        .collect();
    assert_eq!(first_two, ["requests", "regions"], "right after the requests");
    let rate = |series: &str| -> f64 {
        legend_value(&root, "regions", series).replace(',', "").parse().unwrap_or_else(|_| panic!("{series}"))
    };
    let (east, west) = (rate("us-east-1 received"), rate("us-west-2 received"));
    assert!(west > 300.0 && east < 0.15 * west, "the traffic moved: east {east}, west {west}");
    assert_eq!(rate("us-west-2 failed"), 0.0);
    let text = root.query_selector("#chart-regions-desc").unwrap().unwrap().text_content().unwrap();
    assert!(text.starts_with("Requests by region, 00:00:00 to 00:05:30. us-east-1 received: now"), "{text}");
    assert!(text.contains("us-east-1 failed: now"), "{text}");
    root.remove();
}

/// Moves the world `step` [µs] `count` times, timing each render of the charts with the
/// layout it forces [ms].
async fn frames(
    handle: &mut yew::AppHandle<Charts>,
    live: &mut Live,
    root: &web_sys::Element,
    step: u64,
    count: usize,
) -> Vec<f64> {
    let mut ms = Vec::with_capacity(count);
    for _ in 0..count {
        live.run_to(live.now() + step, f64::INFINITY);
        let start = now_ms();
        handle.update(ChartsProps { playing: true, live: live.clone(), design: design() });
        yew::scheduler::flush().await;
        root.get_bounding_client_rect();
        ms.push(now_ms() - start);
    }
    ms
}

/// Renders `Charts` alone over an hour of the three-tier design and times what a frame
/// costs: Yew's render and DOM update, then a forced style and layout. Prints the figures.
#[wasm_bindgen_test]
async fn chart_render_cost_with_an_hour_of_history() {
    let mut live = Live::default();
    live.ensure(&reference::three_tier()).unwrap();
    live.run_to(HOUR, f64::INFINITY);
    let document = gloo::utils::document();
    // The page's own stylesheets, so style and layout cost what they cost in the app.
    let style = document.create_element("style").unwrap();
    style.set_text_content(Some(PAGE_CSS));
    document.head().unwrap().append_child(&style).unwrap();
    let root = document.create_element("div").unwrap();
    // As wide as the centre column beside the palette and side panels at 1400 px.
    root.set_attribute("style", "width: 760px").unwrap();
    document.body().unwrap().append_child(&root).unwrap();

    let start = now_ms();
    let props = ChartsProps { playing: true, live: live.clone(), design: design() };
    let mut handle = yew::Renderer::<Charts>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root.get_bounding_client_rect();
    let first = now_ms() - start;
    assert_eq!(root.query_selector_all("[data-chart] .plot-axis.x .last").unwrap().length(), 5);

    // A frame that draws: 24 new seconds, a pixel on the two-hour axis a run past an hour has.
    let drawn = frames(&mut handle, &mut live, &root, 24 * SECOND, 40).await;
    // Frames at 100× and 60 frames a second: 1.67 s each, drawn when a pixel's worth arrived
    // or a quarter second passed, so this is the cost per frame averaged over frames.
    let at_100x = frames(&mut handle, &mut live, &root, 1_667 * MILLISECOND, 120).await;
    // Frames inside one second: the world moved, nothing new to draw.
    let nothing_new = frames(&mut handle, &mut live, &root, 0, 40).await;
    let (drawn_median, drawn_worst) = stats(drawn.clone());
    let at_100x_mean = at_100x.iter().sum::<f64>() / at_100x.len() as f64;
    let (idle_median, _) = stats(nothing_new);

    // Of which the pure layout: five plots' scales, paths and descriptions.
    let history = ChartFeed::default().update(&live).unwrap();
    let start = now_ms();
    for _ in 0..20 {
        for spec in &CHARTS {
            let data = PlotData::new(spec, history.clone());
            std::hint::black_box(describe(spec, &data));
        }
    }
    let layout = (now_ms() - start) / 20.0;
    let line = format!(
        "chart render with 1 h of history (render, DOM update, style and layout): first {first:.2} ms; \
         a frame that draws: median {drawn_median:.2} ms, worst {drawn_worst:.2} ms (of which scales, \
         paths and text {layout:.2} ms); at 100×: {at_100x_mean:.2} ms per frame on average; \
         nothing new: median {idle_median:.2} ms"
    );
    console_log!("{line}");
    web_sys::console::log_1(&line.clone().into());
    handle.destroy();
    root.remove();
    style.remove();
    // Generous bounds for an unoptimised test build on a busy machine; the release build is
    // several times faster (see the README's figure).
    assert!(drawn_median < 12.0, "{line}");
    assert!(at_100x_mean < 4.0, "{line}");
    assert!(idle_median < 1.0, "{line}");
}
