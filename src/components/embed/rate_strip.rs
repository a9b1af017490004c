//! The embed's charts strip: the Playground's requests-per-second chart alone (succeeded
//! and failed by cause), read incrementally as the Metrics panel does.

use yew::prelude::*;

use crate::components::charts::frame::ChartFrame;
use crate::hooks::chart_plots::{ChartPlots, use_chart_plots};
use crate::live::Live;
use crate::live::charts::spec::CHARTS;

/// Position of the requests chart in [`CHARTS`].
const REQUESTS: usize = 0;

#[derive(Properties, PartialEq)]
pub struct RateStripProps {
    /// The running world (equal while it has not moved).
    pub live: Live,
}

#[function_component(RateStrip)]
pub fn rate_strip(props: &RateStripProps) -> Html {
    let ChartPlots { plots, cursor, on_cursor } = use_chart_plots(&props.live, &CHARTS[REQUESTS..=REQUESTS]);
    let plot = plots.map(|p| p[0].clone());
    html! {
        <section class="embed-charts" aria-labelledby="embed-charts-title">
            // The Playground's charts sit under a "Metrics" heading too: each chart's title is
            // a level-3 heading.
            <h2 id="embed-charts-title" class="visually-hidden">{"Metrics"}</h2>
            <ChartFrame spec={CHARTS[REQUESTS].clone()} data={plot} cursor={cursor} on_cursor={on_cursor} />
        </section>
    }
}
