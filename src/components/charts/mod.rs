//! The charts under the canvas: traffic, latency, queue, capacity and cost over simulated
//! time, live while the run plays.
//!
//! The world moves every animation frame, and this component renders every time it does,
//! but it only reads what is new ([`ChartFeed`]) and lays the plots out again only when
//! that is worth drawing ([`Drawing`]); otherwise the plots receive the very same data and
//! Yew skips them. One time cursor is shared by all the charts, so the moment a failure spike
//! happens can be read against healthy instances and queue age at once.

use nines_sim::request::FailureCause;
use yew::prelude::*;

pub mod frame;
pub mod plot;

use crate::components::wall_clock::wall_ms;
use crate::live::charts::data::{ChartFeed, Metric};
use crate::live::charts::pace::Drawing;
use frame::{ChartFrame, ChartSpec, Series};

const fn line(name: &'static str, color: &'static str, metric: Metric) -> Series {
    Series { name, color, dashed: false, metric, right_axis: false }
}

const fn failed(name: &'static str, color: &'static str, cause: FailureCause) -> Series {
    line(name, color, Metric::Failed(cause))
}

/// The five charts, in reading order.
pub const CHARTS: [ChartSpec; 5] = [
    ChartSpec {
        key: "requests",
        title: "Requests per second",
        unit: "req/s",
        right_unit: None,
        series: &[
            line("Succeeded", "#15803d", Metric::Succeeded),
            failed("No route", "#0e7490", FailureCause::NoRoute),
            failed("No healthy target", "#b91c1c", FailureCause::NoHealthyTarget),
            failed("Target crashed", "#c2410c", FailureCause::TargetCrashed),
            failed("Timeout", "#a16207", FailureCause::Timeout),
            failed("Rejected", "#be185d", FailureCause::Rejected),
            failed("Database unavailable", "#7e22ce", FailureCause::DatabaseUnavailable),
            failed("Zone lost", "#475569", FailureCause::ZoneLost),
        ],
        wide: true,
    },
    ChartSpec {
        key: "latency",
        title: "Latency",
        unit: "ms",
        right_unit: None,
        series: &[line("p50", "#0369a1", Metric::P50), line("p99", "#7e22ce", Metric::P99)],
        wide: false,
    },
    ChartSpec {
        key: "queue",
        title: "Queue depth and oldest age",
        unit: "messages",
        right_unit: Some("s"),
        series: &[
            line("Visible", "#b45309", Metric::QueueVisible),
            line("In flight", "#4338ca", Metric::QueueInFlight),
            Series {
                name: "Oldest age",
                color: "#0f766e",
                dashed: false,
                metric: Metric::QueueOldest,
                right_axis: true,
            },
        ],
        wide: false,
    },
    ChartSpec {
        key: "instances",
        title: "Healthy vs desired instances",
        unit: "instances",
        right_unit: None,
        series: &[
            line("In service", "#15803d", Metric::InService),
            line("Healthy LB targets", "#0e7490", Metric::HealthyTargets),
            line("Launching", "#b45309", Metric::Launching),
            Series {
                name: "Desired",
                color: "#475569",
                dashed: true,
                metric: Metric::Desired,
                right_axis: false,
            },
        ],
        wide: false,
    },
    ChartSpec {
        key: "cost",
        title: "Cost per hour",
        unit: "$/h",
        right_unit: None,
        series: &[line("Cost", "#4338ca", Metric::CostPerHour)],
        wide: false,
    },
];

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub playing: bool,
    /// The running world (equal while it has not moved), read for the series.
    pub live: crate::live::Live,
}

#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let feed = use_mut_ref(ChartFeed::default);
    let drawing = use_mut_ref(Drawing::default);
    let force_update = use_force_update();
    let cursor = use_state_eq(|| None::<u64>);
    let on_cursor = {
        let cursor = cursor.setter();
        use_callback((), move |second: Option<u64>, _| cursor.set(second))
    };
    let history = feed.borrow_mut().update(&props.live);
    let running = history.is_some();
    let epoch = props.live.epoch();
    let redraw = move || force_update.force_update();
    let plots = history.map(|h| drawing.borrow_mut().plots(epoch, h, wall_ms(), redraw));
    let status = match (running, props.playing) {
        (false, _) => "Press play to run the simulation",
        (true, true) => "Live · hover or focus a chart to read values",
        (true, false) => "Hover or focus a chart to read values",
    };
    html! {
        <section class="panel charts" aria-labelledby="charts-title">
            <header class="panel-head">
                <h2 id="charts-title">{"Metrics"}</h2>
                <p class="charts-status" role="status">{ status }</p>
            </header>
            <div class="chart-grid">
                { for CHARTS.iter().enumerate().map(|(i, spec)| html! {
                    <ChartFrame spec={*spec} data={plots.as_ref().map(|p| p[i].clone())} cursor={*cursor}
                        on_cursor={on_cursor.clone()} />
                }) }
            </div>
        </section>
    }
}
