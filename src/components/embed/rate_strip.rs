//! The embed's charts strip: the Playground's requests-per-second chart alone (succeeded
//! and failed by cause), read incrementally as the Metrics panel does.

use yew::prelude::*;

use crate::components::charts::frame::ChartFrame;
use crate::components::wall_clock::wall_ms;
use crate::live::Live;
use crate::live::charts::data::ChartFeed;
use crate::live::charts::pace::Drawing;
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
    let feed = use_mut_ref(ChartFeed::default);
    let drawing = use_mut_ref(Drawing::default);
    let force_update = use_force_update();
    let cursor = use_state_eq(|| None::<u64>);
    let on_cursor = {
        let cursor = cursor.setter();
        use_callback((), move |second: Option<u64>, _| cursor.set(second))
    };
    let history = feed.borrow_mut().update(&props.live);
    let epoch = props.live.epoch();
    let redraw = move || force_update.force_update();
    let plot = history.map(|h| drawing.borrow_mut().plots(epoch, h, wall_ms(), redraw)[REQUESTS].clone());
    html! {
        <section class="embed-charts" aria-labelledby="embed-charts-title">
            // The Playground's charts sit under a "Metrics" heading too: each chart's title is
            // a level-3 heading.
            <h2 id="embed-charts-title" class="visually-hidden">{"Metrics"}</h2>
            <ChartFrame spec={CHARTS[REQUESTS]} data={plot} cursor={*cursor} on_cursor={on_cursor} />
        </section>
    }
}
