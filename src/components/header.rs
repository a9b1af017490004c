//! The top bar: product name, design name, the run controls, and the switch into and out
//! of the projector layout (Present / Leave presentation).

use nines_sim::time::{self, Micros};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::levels::top_nav::{Here, TopNav};
use crate::editor::Edit;
use crate::state::{Action, SPEEDS};

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub design_name: AttrValue,
    pub playing: bool,
    pub speed: u32,
    pub clock: Micros,
    pub fast_forward: AttrValue,
    pub fast_forward_error: Option<AttrValue>,
    /// Share of a running fast-forward done, 0–1.
    #[prop_or_default]
    pub progress: Option<f64>,
    pub on_action: Callback<Action>,
    /// Whether the projector layout is on.
    #[prop_or_default]
    pub presenting: bool,
    /// The phone's read-only view: the design's name is shown, not edited.
    #[prop_or_default]
    pub read_only: bool,
    /// Shown after the design's name (the live cost).
    #[prop_or_default]
    pub children: Html,
    /// Which screen this is, for the Playground/Levels links.
    #[prop_or(Here::Playground)]
    pub here: Here,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let send = |action: Action| props.on_action.reform(move |_| action.clone());
    let on_speed = props.on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::SetSpeed(select.value().parse().unwrap_or(1))
    });
    let on_ff_input = props.on_action.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::EditFastForward(input.value())
    });
    let on_ff_submit = props.on_action.reform(|e: SubmitEvent| {
        e.prevent_default();
        Action::FastForward
    });
    let on_name = props.on_action.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Edit(Edit::SetDesignName { name: input.value() })
    });
    let on_name_done = props
        .on_action
        .reform(|_: FocusEvent| Action::EndFieldEdit { id: String::new(), path: "name".to_owned() });
    let (play_label, play_icon) = if props.playing { ("Pause", "pause") } else { ("Play", "play") };
    let invalid = props.fast_forward_error.is_some();

    html! {
        <header class="topbar">
            <div class="brand">
                <svg class="brand-mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
                    <rect width="32" height="32" rx="8" />
                    <text x="16" y="22" text-anchor="middle">{"9s"}</text>
                </svg>
                <span class="brand-name">{"Nines"}</span>
            </div>
            <TopNav here={props.here} />
            <div class="design-title">
                <h1 id="page-title" class="visually-hidden" tabindex="-1">{ format!("Nines: {}", props.design_name) }</h1>
                <label class="eyebrow" for="design-name">{"Design"}</label>
                <input id="design-name" class="design-name" type="text" value={props.design_name.clone()}
                    placeholder="Untitled design" maxlength="100" spellcheck="false" autocomplete="off"
                    readonly={props.read_only}
                    oninput={on_name} onblur={on_name_done} />
            </div>
            { props.children.clone() }
            <div class="run-controls" role="group" aria-label="Run controls">
                <button type="button" class={classes!("btn", "btn-primary", "play")}
                    aria-pressed={props.playing.to_string()} onclick={send(Action::TogglePlay)}>
                    { glyph(play_icon) }
                    <span class="btn-label">{ play_label }</span>
                </button>
                <button type="button" class="btn step" onclick={send(Action::Step)}
                    title="Advance one second of simulated time">
                    { glyph("step") }
                    <span class="btn-label">{"Step"}</span>
                </button>
                <label class="field speed">
                    <span>{"Speed"}</span>
                    <select onchange={on_speed}>
                        { for SPEEDS.iter().map(|s| html! {
                            <option value={s.to_string()} selected={*s == props.speed}>{ format!("{s}×") }</option>
                        }) }
                    </select>
                </label>
                <form class="field fast-forward" onsubmit={on_ff_submit}>
                    <label for="fast-forward-to">{"Fast-forward to"}</label>
                    <input id="fast-forward-to" type="text" inputmode="numeric" placeholder="00:05:00"
                        size="8" value={props.fast_forward.clone()} oninput={on_ff_input}
                        aria-invalid={invalid.to_string()}
                        aria-describedby={invalid.then_some("fast-forward-error")} />
                    <button type="submit" class="btn" title="Fast-forward to this simulated time">{"Go"}</button>
                    if let Some(done) = props.progress {
                        <progress class="ff-progress" max="1" value={done.to_string()}
                            aria-label="Fast-forward progress">{ format!("{:.0}%", done * 100.0) }</progress>
                    }
                    if let Some(error) = &props.fast_forward_error {
                        <p id="fast-forward-error" class="field-error" role="alert">{ error.clone() }</p>
                    }
                </form>
                <button type="button" class="btn reset" onclick={send(Action::Reset)}>
                    { glyph("reset") }
                    <span class="btn-label">{"Reset"}</span>
                </button>
            </div>
            <div class="clock" role="timer" aria-label="Simulated time">
                <span class="eyebrow">{"Simulated time"}</span>
                <time>{ time::clock(props.clock) }</time>
            </div>
            { present_button(props.presenting, &props.on_action) }
        </header>
    }
}

/// One button that switches the projector layout on and off. It stays the same element
/// when its label changes, so keyboard focus stays on it across the switch.
fn present_button(presenting: bool, on_action: &Callback<Action>) -> Html {
    let (label, title) = if presenting {
        ("Leave presentation", "Back to the editor (Esc)")
    } else {
        ("Present", "Projector layout: canvas, requests chart and event log on one screen, in large type")
    };
    html! {
        <button type="button" class={classes!("btn", "present-toggle", presenting.then_some("leave"))}
            title={title} aria-keyshortcuts={presenting.then_some("Escape")}
            onclick={on_action.reform(move |_| Action::Present(!presenting))}>
            { glyph(if presenting { "leave" } else { "present" }) }
            <span class="btn-label">{ label }</span>
        </button>
    }
}

/// Small filled glyphs for the run buttons (decorative: the buttons carry text).
fn glyph(name: &str) -> Html {
    let shape = match name {
        "play" => html! { <path d="M7 4.5v15l12.5-7.5z" /> },
        "pause" => {
            html! { <><rect x="6" y="5" width="4.2" height="14" rx="1" /><rect x="13.8" y="5" width="4.2" height="14" rx="1" /></> }
        }
        "step" => {
            html! { <><path d="M5 5v14l10-7z" /><rect x="16" y="5" width="3.2" height="14" rx="1" /></> }
        }
        "present" => html! {
            <path class="stroke" d="M3.5 4.5h17M5 4.5v10h14v-10M12 14.5v3M8.5 20.5l3.5-3 3.5 3" />
        },
        "leave" => html! { <path class="stroke" d="M6 6l12 12M18 6L6 18" /> },
        _ => html! {
            <path class="stroke" d="M4.5 12a7.5 7.5 0 1 0 2.2-5.3M4.5 4.5v4h4" />
        },
    };
    html! {
        <svg class="glyph" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
            { shape }
        </svg>
    }
}
