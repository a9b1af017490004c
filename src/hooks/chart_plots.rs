//! The charts' reading of a live run, shared by the Metrics panel and the embed's strip:
//! only what is new since the last frame ([`ChartFeed`]), laid out again only when that is
//! worth drawing ([`Drawing`]), and one time cursor shared by every chart drawn from it.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::wall_clock::wall_ms;
use crate::live::Live;
use crate::live::charts::data::ChartFeed;
use crate::live::charts::geometry::PlotData;
use crate::live::charts::pace::Drawing;
use crate::live::charts::spec::ChartSpec;

/// What the charts draw: one plot per chart asked for (none before the run starts), and
/// the shared cursor [simulated second].
pub struct ChartPlots {
    /// The plots, in the order of the specs asked for; `None` until the world has run.
    pub plots: Option<Vec<Rc<PlotData>>>,
    /// The second under the hover or keyboard cursor, if any.
    pub cursor: Option<u64>,
    /// Moves (or clears) the cursor.
    pub on_cursor: Callback<Option<u64>>,
}

/// Reads `live` incrementally and lays out the charts of `specs`, paced; redraws the
/// caller when a held-back history falls due.
#[hook]
pub fn use_chart_plots(live: &Live, specs: &[ChartSpec]) -> ChartPlots {
    let feed = use_mut_ref(ChartFeed::default);
    let drawing = use_mut_ref(Drawing::default);
    let force_update = use_force_update();
    let cursor = use_state_eq(|| None::<u64>);
    let on_cursor = {
        let cursor = cursor.setter();
        use_callback((), move |second: Option<u64>, _| cursor.set(second))
    };
    let history = feed.borrow_mut().update(live);
    let epoch = live.epoch();
    let redraw = move || force_update.force_update();
    let plots = history.map(|h| drawing.borrow_mut().plots(specs, epoch, h, wall_ms(), redraw));
    ChartPlots { plots, cursor: *cursor, on_cursor }
}
