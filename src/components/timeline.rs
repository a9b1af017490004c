//! The run's timeline: a scrubber from the start to the furthest time reached, with a mark
//! at each fault. Moving it rewinds (or re-simulates forward) to that time, the recorded
//! faults applied again where they were; below it, the faults of this run and a replay.

use std::rc::Rc;

use nines_sim::time::{self, Micros, SECOND};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::faults::record::FaultRecord;
use crate::live::record::Applied;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// Whether a run exists to move through.
    pub running: bool,
    /// Simulated time now [µs].
    pub clock: Micros,
    /// The furthest simulated time reached [µs]: the end of the scrubber.
    pub reached: Micros,
    /// The commands applied in this run, oldest first.
    pub applied: Rc<Vec<Applied>>,
    /// Share of a re-simulation done, 0–1, while one runs.
    #[prop_or_default]
    pub progress: Option<f64>,
    pub on_action: Callback<Action>,
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let end_s = props.reached.div_ceil(SECOND);
    let on_input = props.on_action.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Seek(input.value().parse::<u64>().unwrap_or(0).saturating_mul(SECOND))
    });
    let fill = 100.0 * props.clock as f64 / props.reached.max(1) as f64;
    let value_text = format!("{} of {}", time::clock(props.clock), time::clock(props.reached));
    html! {
        <section class="panel timeline" aria-labelledby="timeline-title">
            <header class="panel-head">
                <h2 id="timeline-title">{"Timeline"}</h2>
                <span class="badge">{ format!("reached {}", time::clock(props.reached)) }</span>
                if let Some(done) = props.progress {
                    <progress class="timeline-progress" max="1" value={done.to_string()}
                        aria-label="Simulation progress">{ format!("{:.0}%", done * 100.0) }</progress>
                }
            </header>
            <div class="scrubber">
                <label for="timeline-scrubber" class="visually-hidden">{"Simulated time to show"}</label>
                <input id="timeline-scrubber" type="range" min="0" max={end_s.to_string()} step="1"
                    value={(props.clock / SECOND).to_string()} aria-valuetext={value_text}
                    aria-describedby="timeline-hint" style={format!("--fill: {fill:.2}%")} disabled={!props.running || end_s == 0}
                    oninput={on_input} />
                <div class="scrubber-marks" aria-hidden="true">
                    { for props.applied.iter().map(|a| mark(a, props.reached)) }
                </div>
                <div class="scrubber-scale" aria-hidden="true">
                    <span>{"00:00:00"}</span>
                    <span>{ time::clock(props.reached) }</span>
                </div>
            </div>
            <p id="timeline-hint" class="timeline-hint">
                { hint(props.running, props.clock, props.reached) }
            </p>
            <FaultRecord running={props.running} clock={props.clock} applied={props.applied.clone()}
                on_action={props.on_action.clone()} />
        </section>
    }
}

/// A fault's mark on the scrubber track, at its share of the run.
fn mark(applied: &Applied, reached: Micros) -> Html {
    let share = applied.at as f64 / reached.max(1) as f64;
    let title = format!("{} {}", time::clock(applied.at), applied.command.describe());
    html! {
        <span class="scrubber-mark" style={format!("--at: {:.4}", share.min(1.0))} title={title}></span>
    }
}

/// One line on what the scrubber does now.
fn hint(running: bool, clock: Micros, reached: Micros) -> String {
    if !running {
        "Press Play or Step to start the run; then drag here to go back to any moment.".to_owned()
    } else if clock < reached {
        format!(
            "Rewound to {}. Play continues with the recorded faults; a new fault discards those after it.",
            time::clock(clock)
        )
    } else {
        "Drag back to rewind: the run is re-simulated exactly, with its faults.".to_owned()
    }
}
