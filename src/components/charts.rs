//! The charts under the canvas: traffic, latency, queue, capacity and cost over simulated time.

use yew::prelude::*;

use super::chart_frame::{ChartFrame, ChartSpec, Series};

const fn line(name: &'static str, color: &'static str) -> Series {
    Series { name, color, dashed: false }
}

/// The five charts, in reading order.
pub const CHARTS: [ChartSpec; 5] = [
    ChartSpec {
        key: "requests",
        title: "Requests per second",
        unit: "req/s",
        series: &[
            line("Succeeded", "#15803d"),
            line("No healthy target", "#b91c1c"),
            line("Target crashed", "#c2410c"),
            line("Timeout", "#a16207"),
            line("Rejected", "#be185d"),
            line("Database unavailable", "#7e22ce"),
            line("Zone lost", "#475569"),
        ],
        wide: true,
    },
    ChartSpec {
        key: "latency",
        title: "Latency",
        unit: "ms",
        series: &[line("p50", "#0369a1"), line("p99", "#7e22ce")],
        wide: false,
    },
    ChartSpec {
        key: "queue",
        title: "Queue depth and oldest age",
        unit: "messages · s",
        series: &[line("Visible messages", "#b45309"), line("Oldest age", "#0f766e")],
        wide: false,
    },
    ChartSpec {
        key: "instances",
        title: "Healthy vs desired instances",
        unit: "instances",
        series: &[line("Healthy", "#15803d"), Series { name: "Desired", color: "#475569", dashed: true }],
        wide: false,
    },
    ChartSpec {
        key: "cost",
        title: "Cost per hour",
        unit: "$/h",
        series: &[line("Cost", "#4338ca")],
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
    html! {
        <section class="panel charts" aria-labelledby="charts-title">
            <header class="panel-head">
                <h2 id="charts-title">{"Metrics"}</h2>
                <p class="charts-status" role="status">
                    { if props.playing {
                        "Playing. The simulation engine is not connected yet, so there is no data to chart."
                    } else {
                        "Press play to run the simulation"
                    } }
                </p>
            </header>
            <div class="chart-grid">
                { for CHARTS.iter().map(|spec| html! { <ChartFrame spec={*spec} /> }) }
            </div>
        </section>
    }
}
