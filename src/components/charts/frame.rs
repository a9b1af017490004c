//! One chart: a titled figure with a legend that reads the values (latest, or under the
//! time cursor), the plot, and a text alternative for screen readers (the figure's and the
//! plot's description).

use std::rc::Rc;

use yew::prelude::*;

use super::plot::ChartPlot;
use crate::components::figures::compact;
use crate::live::charts::geometry::PlotData;
use crate::live::charts::spec::{ChartSpec, Series};
use crate::live::charts::text::{describe, extent_value, readout};

#[derive(Properties, PartialEq)]
pub struct ChartFrameProps {
    pub spec: ChartSpec,
    /// What to draw; `None` before a run exists.
    pub data: Option<Rc<PlotData>>,
    /// The shared time cursor [s], if shown.
    pub cursor: Option<u64>,
    pub on_cursor: Callback<Option<u64>>,
}

#[function_component(ChartFrame)]
pub fn chart_frame(props: &ChartFrameProps) -> Html {
    let spec = &props.spec;
    let title_id = format!("chart-{}-title", spec.key);
    let desc_id = format!("chart-{}-desc", spec.key);
    let data = props.data.as_deref();
    let index = data.zip(props.cursor).and_then(|(d, second)| d.history.index_at(second));
    let readout = data.zip(index).map(|(d, i)| readout(spec, d, i)).unwrap_or_default();
    let description = data.map_or_else(|| format!("{}: no run yet.", spec.title), |d| describe(spec, d));
    let unit = match spec.right_unit {
        Some(right) => format!("({} · {right})", spec.unit),
        None => format!("({})", spec.unit),
    };
    html! {
        <figure class={classes!("chart", spec.wide.then_some("wide"), index.is_some().then_some("has-cursor"))}
            data-chart={spec.key} aria-labelledby={title_id.clone()} aria-describedby={desc_id.clone()}>
            <figcaption>
                <h3 id={title_id}>{ spec.title }</h3>
                <span class="unit">{ unit }</span>
            </figcaption>
            <ul class="legend">
                { for spec.series.iter().enumerate().map(|(i, s)| legend_item(s, data, index, i)) }
            </ul>
            <ChartPlot spec={spec.clone()} data={props.data.clone()} index={index} readout={readout}
                described_by={desc_id.clone()}
                on_cursor={props.on_cursor.clone()} />
            // Hidden yet still the figure's description (aria-describedby reads hidden
            // text), so a new second does not lay out five long lines of text.
            <p class="chart-description" id={desc_id} hidden={true}>{ description }</p>
        </figure>
    }
}

/// A legend entry: swatch, name and the value now (or under the cursor). Series that
/// never left zero are not drawn, and their entries say so by fading the swatch.
fn legend_item(series: &Series, data: Option<&PlotData>, index: Option<usize>, i: usize) -> Html {
    let m = series.metric.index();
    let value = data.and_then(|d| {
        let history = &d.history;
        match index {
            Some(index) => history.get(index).map(|(_, _, b)| extent_value(b[m], "–")),
            None => history.get(history.len().checked_sub(1)?).map(|(_, _, b)| compact(b[m].last)),
        }
    });
    let idle = data.is_some_and(|d| !d.history.is_empty() && !d.draws(i));
    html! {
        <li class={classes!(idle.then_some("idle"))} data-series={series.name.clone()}>
            <svg class="swatch" viewBox="0 0 16 4" width="16" height="4" aria-hidden="true">
                <line x1="0" y1="2" x2="16" y2="2" stroke={series.color} stroke-width="3"
                    stroke-dasharray={series.dash.swatch()} />
            </svg>
            <span class="legend-name">{ series.name.clone() }</span>
            if let Some(value) = value {
                <span class="legend-value">{ value }</span>
            }
        </li>
    }
}
