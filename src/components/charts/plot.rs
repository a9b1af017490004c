//! One plot: value axes, the lines, the time axis in simulated clock time, and a time
//! cursor moved by pointer or keyboard.
//!
//! The plot is our own small SVG rather than a charting crate such as plotters: a few
//! `<path>` elements whose `d` strings are built once per new second
//! ([`crate::live::charts::geometry`]) add a few kilobytes to the wasm bundle, where a general
//! plotting library adds hundreds, and the browser does the drawing.
//!
//! For the keyboard the plot is a slider over time (WAI-ARIA slider pattern): arrows move
//! the cursor one point, Page Up/Down and Shift+arrows ten, Home and End to either end,
//! Escape hides it; `aria-valuetext` reads the values under the cursor.

use std::rc::Rc;

use nines_sim::time::{SECOND, clock};
use web_sys::{Element, KeyboardEvent, PointerEvent};
use yew::prelude::*;

use crate::components::figures::compact;
use crate::live::charts::geometry::{PlotData, VIEW, x_of};
use crate::live::charts::spec::ChartSpec;
use crate::live::charts::text::span_label;

/// Points a Page Up/Down or Shift+arrow moves the cursor.
const BIG_STEP: usize = 10;

#[derive(Properties, PartialEq)]
pub struct ChartPlotProps {
    pub spec: ChartSpec,
    /// What to draw; `None` before a run exists.
    pub data: Option<Rc<PlotData>>,
    /// The bucket under the time cursor, if shown.
    pub index: Option<usize>,
    /// What the cursor reads (`aria-valuetext`).
    pub readout: AttrValue,
    /// Id of the chart's text alternative, read as the plot's description.
    pub described_by: AttrValue,
    /// Moves the shared time cursor to a simulated second [s], or hides it.
    pub on_cursor: Callback<Option<u64>>,
}

#[function_component(ChartPlot)]
pub fn chart_plot(props: &ChartPlotProps) -> Html {
    let area = use_node_ref();
    let Some(data) = props.data.clone().filter(|d| !d.history.is_empty()) else {
        let note =
            if props.data.is_some() { "Waiting for the first simulated second" } else { "No data yet" };
        return empty_plot(&props.spec, note);
    };
    let handlers = Handlers { data: data.clone(), index: props.index, on_cursor: props.on_cursor.clone() };
    let history = &data.history;
    let cursor = props
        .index
        .and_then(|i| history.get(i))
        .map(|(start, span, _)| (x_of(start, span, data.domain_s), span_label(start, span)));
    let cursor_x = cursor.as_ref().map(|(x, _)| *x);
    html! {
        <div class="plot">
            { value_axis("left", data.left_top, None) }
            <div class="plot-area" ref={area.clone()} tabindex="0" role="slider"
                aria-label={format!("{}: time cursor", props.spec.title)}
                aria-orientation="horizontal"
                aria-valuemin="0"
                aria-valuemax={history.seconds().to_string()}
                aria-valuenow={props.index.and_then(|i| history.get(i)).map_or(history.seconds(), |b| b.0).to_string()}
                aria-valuetext={props.readout.clone()}
                aria-describedby={props.described_by.clone()}
                onpointermove={handlers.pointer_move(area)}
                onpointerleave={handlers.hide()}
                onblur={handlers.hide()}
                onfocus={handlers.focus()}
                onkeydown={handlers.keys()}>
                <svg viewBox={format!("0 0 {VIEW} {VIEW}")} preserveAspectRatio="none" aria-hidden="true"
                    focusable="false">
                    { grid() }
                    { for data.lines.iter().map(|line| {
                        let series = &props.spec.series[line.series];
                        html! {
                            <path d={line.d.clone()} stroke={series.color} fill="none" stroke-width="1.75"
                                stroke-linejoin="round" stroke-linecap="round"
                                stroke-dasharray={series.dash.plot()}
                                vector-effect="non-scaling-stroke" />
                        }
                    }) }
                    if let Some(x) = cursor_x {
                        <line class="plot-cursor" x1={x.to_string()} x2={x.to_string()} y1="0" y2={VIEW.to_string()}
                            vector-effect="non-scaling-stroke" />
                    }
                </svg>
                if let Some((x, label)) = cursor {
                    { cursor_time(x, label) }
                }
            </div>
            if let Some(top) = data.right_top {
                { value_axis("right", top, right_colour(&props.spec)) }
            }
            { time_axis(data.domain_s) }
        </div>
    }
}

/// A plot frame with nothing in it yet, and a note saying why: gridlines without numbers,
/// since there is no scale until there is data.
fn empty_plot(spec: &ChartSpec, note: &'static str) -> Html {
    html! {
        <div class="plot is-empty">
            <div class="plot-axis y left" aria-hidden="true" />
            <div class="plot-area" role="img" aria-label={format!("{}: {}", spec.title, note.to_lowercase())}>
                <svg viewBox={format!("0 0 {VIEW} {VIEW}")} preserveAspectRatio="none" aria-hidden="true"
                    focusable="false">
                    { grid() }
                </svg>
                <p class="plot-empty" aria-hidden="true">{ note }</p>
            </div>
            if spec.right_unit.is_some() {
                <div class="plot-axis y right" aria-hidden="true" />
            }
            <div class="plot-axis x" aria-hidden="true" />
        </div>
    }
}

/// The time under the cursor, above the plot beside the cursor line: inside the plot, so
/// it never moves the layout, and kept within the plot near either end.
fn cursor_time(x: i64, label: String) -> Html {
    let side = if x < VIEW / 5 {
        "start"
    } else if x > VIEW * 4 / 5 {
        "end"
    } else {
        "middle"
    };
    let left = format!("left: {:.1}%", x as f64 * 100.0 / VIEW as f64);
    html! { <span class={classes!("plot-cursor-time", side)} style={left} aria-hidden="true">{ label }</span> }
}

/// Gridlines: the value axis at 0, half and top; the time axis at quarters.
fn grid() -> Html {
    let horizontal = [0, VIEW / 2, VIEW].map(|y| (0, y, VIEW, y));
    let vertical = [1, 2, 3].map(|q| (VIEW * q / 4, 0, VIEW * q / 4, VIEW));
    html! {
        <g class="plot-grid">
            { for horizontal.into_iter().chain(vertical).map(|(x1, y1, x2, y2)| html! {
                <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
                    class={(y1 == VIEW && y2 == VIEW).then_some("baseline")}
                    vector-effect="non-scaling-stroke" />
            }) }
        </g>
    }
}

/// The colour of the series read against the right axis, which its labels take.
fn right_colour(spec: &ChartSpec) -> Option<&'static str> {
    spec.series.iter().find(|s| s.right_axis).map(|s| s.color)
}

/// Value labels at 0, half and the top of an axis, in `colour` when it belongs to one series.
fn value_axis(side: &'static str, top: f32, colour: Option<&'static str>) -> Html {
    let style = colour.map(|c| format!("color: {c}"));
    html! {
        <div class={classes!("plot-axis", "y", side)} style={style} aria-hidden="true">
            <span style="top: 0%">{ compact(top) }</span>
            <span style="top: 50%">{ compact(top / 2.0) }</span>
            <span style="top: 100%">{"0"}</span>
        </div>
    }
}

/// Simulated clock times at the start, middle and end of the time axis.
fn time_axis(domain_s: u64) -> Html {
    html! {
        <div class="plot-axis x" aria-hidden="true">
            <span class="first">{ clock(0) }</span>
            <span class="middle">{ clock(domain_s / 2 * SECOND) }</span>
            <span class="last">{ clock(domain_s * SECOND) }</span>
        </div>
    }
}

/// The plot's event handlers, which all move the shared cursor.
struct Handlers {
    data: Rc<PlotData>,
    index: Option<usize>,
    on_cursor: Callback<Option<u64>>,
}

impl Handlers {
    /// Start of bucket `index` [s], the cursor position that selects it.
    fn start_of(data: &PlotData, index: usize) -> Option<u64> {
        data.history.get(index).map(|(start, _, _)| start)
    }

    /// The cursor follows the pointer, emitting only when it reaches another bucket.
    fn pointer_move(&self, area: NodeRef) -> Callback<PointerEvent> {
        let (data, current, on_cursor) = (self.data.clone(), self.index, self.on_cursor.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(element) = area.cast::<Element>() else { return };
            let rect = element.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return;
            }
            let share = ((f64::from(e.client_x()) - rect.left()) / rect.width()).clamp(0.0, 1.0);
            let second = (share * data.domain_s as f64) as u64;
            let index = data.history.index_at(second);
            if index != current {
                on_cursor.emit(index.and_then(|i| Handlers::start_of(&data, i)));
            }
        })
    }

    fn hide<E: 'static>(&self) -> Callback<E> {
        let on_cursor = self.on_cursor.clone();
        Callback::from(move |_: E| on_cursor.emit(None))
    }

    /// Focus shows the cursor where it is, or else at the latest point, where a reader most
    /// likely wants it.
    fn focus(&self) -> Callback<FocusEvent> {
        let (data, current, on_cursor) = (self.data.clone(), self.index, self.on_cursor.clone());
        // Emitted even when a cursor shows: tabbing from another plot blurs it first, which
        // hides the cursor, and this puts it back where it was.
        Callback::from(move |_| {
            let index = current.unwrap_or(data.history.len().saturating_sub(1));
            on_cursor.emit(Handlers::start_of(&data, index));
        })
    }

    fn keys(&self) -> Callback<KeyboardEvent> {
        let (data, current, on_cursor) = (self.data.clone(), self.index, self.on_cursor.clone());
        Callback::from(move |e: KeyboardEvent| {
            let last = data.history.len().saturating_sub(1);
            let from = current.unwrap_or(last);
            let step = if e.shift_key() { BIG_STEP } else { 1 };
            let to = match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => from.saturating_sub(step),
                "ArrowRight" | "ArrowUp" => from.saturating_add(step).min(last),
                "PageDown" => from.saturating_sub(BIG_STEP),
                "PageUp" => from.saturating_add(BIG_STEP).min(last),
                "Home" => 0,
                "End" => last,
                "Escape" if current.is_some() => {
                    e.prevent_default();
                    on_cursor.emit(None);
                    return;
                }
                _ => return,
            };
            // The keys are the plot's own: neither the page nor a page-wide shortcut acts on them.
            e.prevent_default();
            e.stop_propagation();
            on_cursor.emit(Handlers::start_of(&data, to));
        })
    }
}
