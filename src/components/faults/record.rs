//! "Faults this run": each recorded fault with its time (a button that moves the run
//! there), a replay of the whole run from the start, and the faults copied as a script.

use std::rc::Rc;

use nines_sim::time::{self, Micros};
use yew::prelude::*;

use crate::live::record::Applied;
use crate::live::script;
use crate::persist::share;
use crate::state::{Action, Tone};

#[derive(Properties, PartialEq)]
pub struct FaultRecordProps {
    pub running: bool,
    /// Simulated time now [µs]: faults after it are still to come again.
    pub clock: Micros,
    pub applied: Rc<Vec<Applied>>,
    pub on_action: Callback<Action>,
}

#[function_component(FaultRecord)]
pub fn fault_record(props: &FaultRecordProps) -> Html {
    let replay = props.on_action.reform(|_| Action::ReplayFromStart);
    let copy = {
        let (applied, on_action) = (props.applied.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| copy_script(script::script(&applied), on_action.clone()))
    };
    let empty = props.applied.is_empty();
    html! {
        <div class="fault-record">
            <div class="fault-record-head">
                <h3 id="fault-record-title">{"Faults this run"}</h3>
                <button type="button" class="btn replay" disabled={!props.running} onclick={replay}
                    title="Rewind to 00:00:00 and play again with the same faults">
                    {"Replay from start"}
                </button>
                <button type="button" class="btn copy-script" disabled={empty} onclick={copy}
                    title="Copy the faults in the command line's form, e.g. 120s:kill web-1">
                    {"Copy as script"}
                </button>
            </div>
            if empty {
                <p class="fault-record-empty">{"None yet. Faults you apply are recorded here with their time."}</p>
            } else {
                <ol class="fault-record-list" aria-labelledby="fault-record-title">
                    { for props.applied.iter().map(|a| entry(a, props.clock, &props.on_action)) }
                </ol>
            }
        </div>
    }
}

/// One recorded fault: its time and what it did; choosing it moves the run to that time.
fn entry(applied: &Applied, clock: Micros, on_action: &Callback<Action>) -> Html {
    let at = applied.at;
    let to_come = at > clock;
    let text = capitalised(&applied.command.describe());
    html! {
        <li class={classes!("fault-record-entry", to_come.then_some("to-come"))}>
            <button type="button" class="fault-record-go" onclick={on_action.reform(move |_| Action::Seek(at))}>
                <time>{ time::clock(at) }</time>
                <span class="fault-record-text">{ text }</span>
                if to_come { <span class="fault-record-note">{"to come"}</span> }
            </button>
        </li>
    }
}

/// `killed i-1` → `Killed i-1`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Copies `text` to the clipboard and says whether it worked.
fn copy_script(text: String, on_action: Callback<Action>) {
    wasm_bindgen_futures::spawn_local(async move {
        let lines = text.lines().count();
        let (text, tone) = match share::copy_to_clipboard(&text).await {
            Ok(()) => (
                format!("Copied {lines} fault line(s); give each to the command line as --fault LINE."),
                Tone::Done,
            ),
            Err(error) => (format!("{error}. The script: {}", text.replace('\n', "; ")), Tone::Refused),
        };
        on_action.emit(Action::Notify { text, tone });
    });
}
