//! The charts under the canvas: traffic, latency, queue, capacity and cost over simulated
//! time, live while the run plays; sessions lost and the key-value store's refused and
//! stale calls too, for designs that have a sticky load balancer or a store.
//!
//! The world moves every animation frame, and this component renders every time it does,
//! but it only reads what is new ([`ChartFeed`]) and lays the plots out again only when
//! that is worth drawing ([`Drawing`]); otherwise the plots receive the very same data and
//! Yew skips them. One time cursor is shared by all the charts, so the moment a failure spike
//! happens can be read against healthy instances and queue age at once.

use std::rc::Rc;

use nines_sim::design::Design;
use yew::prelude::*;

pub mod frame;
pub mod plot;

use crate::hooks::chart_plots::{ChartPlots, use_chart_plots};
use crate::live::charts::spec::charts_for;
use frame::ChartFrame;

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub playing: bool,
    /// The running world (equal while it has not moved), read for the series.
    pub live: crate::live::Live,
    /// The design: which charts it needs.
    pub design: Rc<Design>,
}

#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let specs = use_memo(props.design.clone(), |design| charts_for(design));
    let ChartPlots { plots, cursor, on_cursor } = use_chart_plots(&props.live, &specs);
    let running = plots.is_some();
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
                { for specs.iter().enumerate().map(|(i, spec)| html! {
                    <ChartFrame spec={spec.clone()} data={plots.as_ref().map(|p| p[i].clone())} cursor={cursor}
                        on_cursor={on_cursor.clone()} />
                }) }
            </div>
        </section>
    }
}
