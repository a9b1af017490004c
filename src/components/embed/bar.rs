//! The embed's minimal chrome: play/pause, simulated time with the run's progress, the
//! next scripted event, reset, the key help, and a link to open the design in Nines.

use std::rc::Rc;

use nines_sim::design::Design;
use nines_sim::time::{self, Micros};
use yew::prelude::*;

use crate::embed::params::SceneLevel;
use crate::embed::presenter::PresenterAction;
use crate::persist::share;
use crate::state::{Status, Tone};

#[derive(Properties, PartialEq)]
pub struct EmbedBarProps {
    pub playing: bool,
    /// Simulated time [µs].
    pub clock: Micros,
    /// When the run finishes [µs].
    pub duration: Micros,
    /// Speed [× real time].
    pub speed: u32,
    /// The next scripted event's time [µs], if one is still to come.
    pub next: Option<Micros>,
    pub has_script: bool,
    pub status: Option<Status>,
    pub help: bool,
    pub design: Rc<Design>,
    /// The level the scene comes from: the "Nines" link opens the level instead of the design.
    pub level: Option<SceneLevel>,
    pub dispatch: Callback<PresenterAction>,
}

#[function_component(EmbedBar)]
pub fn embed_bar(props: &EmbedBarProps) -> Html {
    let send = |action: PresenterAction| props.dispatch.reform(move |_: MouseEvent| action.clone());
    let (label, icon) = if props.playing { ("Pause", "pause") } else { ("Play", "play") };
    let done = (props.clock as f64 / props.duration.max(1) as f64).clamp(0.0, 1.0);
    let open = use_memo((props.design.clone(), props.level.clone()), |(design, level)| match level {
        Some(level) => {
            (format!("./{}", level.hash), format!("Open the level “{}” in Nines (new tab)", level.title))
        }
        None => (
            format!("./{}", share::encode(design)),
            "Open this design in the Nines Playground (new tab)".into(),
        ),
    });
    html! {
        <header class="embed-bar">
            <button type="button" class="embed-btn embed-play" aria-pressed={props.playing.to_string()}
                onclick={send(PresenterAction::TogglePlay)} title={format!("{label} (space or .)")}>
                { glyph(icon) }<span class="embed-label">{ label }</span>
            </button>
            <div class="embed-clock" role="timer" aria-label="Simulated time">
                <time>{ time::clock(props.clock) }</time>
                <span class="embed-speed">{ format!("{}×", props.speed) }</span>
            </div>
            <progress class="embed-progress" max="1" value={done.to_string()}
                aria-label={format!("Run progress, ends at {}", time::clock(props.duration))} />
            if props.has_script {
                <button type="button" class="embed-btn embed-next" disabled={props.next.is_none()}
                    onclick={send(PresenterAction::NextEvent)}
                    title="Jump to the next scripted event (N)">
                    { glyph("next") }
                    <span class="embed-label">{ props.next.map_or_else(|| "No more events".to_owned(),
                        |at| format!("Next {}", time::clock(at))) }</span>
                </button>
            }
            <button type="button" class="embed-btn embed-reset" onclick={send(PresenterAction::Reset)}
                title="Back to the start, same scene (R)" aria-label="Reset">
                { glyph("reset") }
            </button>
            <p class={classes!("embed-status", props.status.as_ref().map(tone))} role="status">
                { props.status.as_ref().map(|s| s.text.clone()).unwrap_or_default() }
            </p>
            <button type="button" class="embed-btn embed-help-button" aria-expanded={props.help.to_string()}
                aria-controls="embed-keys" onclick={send(PresenterAction::ToggleHelp)}
                title="Presenter keys (?)" aria-label="Presenter keys">{"?"}</button>
            <a class="embed-open" href={open.0.clone()} target="_blank" rel="noopener"
                title={open.1.clone()}>{"Nines"}</a>
        </header>
    }
}

fn tone(status: &Status) -> &'static str {
    match status.tone {
        Tone::Refused => "refused",
        Tone::Done | Tone::Info => "info",
    }
}

/// Filled glyphs for the bar's buttons (decorative: each button has a name).
fn glyph(name: &str) -> Html {
    let shape = match name {
        "play" => html! { <path d="M7 4.5v15l12.5-7.5z" /> },
        "pause" => {
            html! { <><rect x="6" y="5" width="4.2" height="14" rx="1" /><rect x="13.8" y="5" width="4.2" height="14" rx="1" /></> }
        }
        "next" => html! { <><path d="M4 5v14l8-7z" /><path d="M12 5v14l8-7z" /></> },
        _ => html! { <path class="stroke" d="M4.5 12a7.5 7.5 0 1 0 2.2-5.3M4.5 4.5v4h4" /> },
    };
    html! {
        <svg class="glyph" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            { shape }
        </svg>
    }
}
