//! "Embed": the Playground's button and dialog that give the `<iframe>` snippet of the
//! current design, its seed and the run's recorded faults as the scripted incident, for a
//! slide deck ([`crate::embed::snippet`]). On a level's screen a choice offers the level
//! instead: its start or its solution, run as its check runs it (`level=…&show=…`). A native modal `<dialog>`: the page behind it
//! is inert while it is open (focus stays in the dialog), Escape closes it, and focus
//! returns to the button.

use std::rc::Rc;

use nines_sim::design::Design;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::editor_bar::glyph;
use crate::embed::params::{DEFAULT_SPEED, Show};
use crate::embed::script::encode_pairs;
use crate::embed::snippet::{Options, embed_url, iframe, level_embed_url};
use crate::hooks::dialog::{call, use_close_listener};
use crate::levels::LevelSession;
use crate::live::record::Applied;
use crate::persist::share::copy_to_clipboard;
use crate::state::SPEEDS;

#[derive(Properties, PartialEq)]
pub struct EmbedCodeProps {
    pub design: Rc<Design>,
    /// The run's recorded faults: the embed's script.
    pub applied: Rc<Vec<Applied>>,
    /// The Playground's speed [× real time], the embed's too unless it is 1×.
    pub speed: u32,
    /// The level whose screen this is, if any: the dialog then offers it too.
    #[prop_or_default]
    pub level: Option<Rc<LevelSession>>,
}

/// What the embed shows: the canvas, or (on a level's screen) one of the level's designs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    /// The design on the canvas with the run's faults.
    Canvas,
    /// The level's start or solution with its own incident.
    Level(Show),
}

impl Source {
    const ALL: [(Source, &'static str, &'static str); 3] = [
        (Source::Canvas, "canvas", "This design"),
        (Source::Level(Show::Start), "start", "The level’s start"),
        (Source::Level(Show::Solution), "solution", "The level’s solution"),
    ];
}

#[function_component(EmbedCode)]
pub fn embed_code(props: &EmbedCodeProps) -> Html {
    let dialog = use_node_ref();
    let opener = use_node_ref();
    let textarea = use_node_ref();
    let open = use_state_eq(|| false);
    let options = use_state_eq(|| Options { play: false, charts: true, speed: embed_speed(props.speed) });
    let result = use_state_eq(String::new);
    let source = use_state_eq(|| Source::Canvas);
    let level = props.level.as_deref();
    let source_now = if level.is_some() { *source } else { Source::Canvas };
    let forget = open.setter();
    // Closed by Close or Escape: forget it is open.
    use_close_listener(dialog.clone(), opener.clone(), Callback::from(move |()| forget.set(false)));
    let show = {
        let (dialog, open, options, result, speed) =
            (dialog.clone(), open.clone(), options.clone(), result.clone(), props.speed);
        Callback::from(move |_: MouseEvent| {
            options.set(Options { speed: embed_speed(speed), ..*options });
            result.set(String::new());
            open.set(true);
            call(&dialog, "showModal");
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| call(&dialog, "close"))
    };
    let snippet = (*open).then(|| {
        let page = gloo::utils::window().location().href().unwrap_or_default();
        match (source_now, level) {
            (Source::Level(show), Some(session)) => {
                let title = format!("{} ({})", session.level.title, show.param());
                iframe(&level_embed_url(&page, session, show, *options), &title)
            }
            _ => {
                let script = encode_pairs(props.applied.iter().map(|a| (a.at, &a.command)));
                iframe(&embed_url(&page, &props.design, &script, *options), &props.design.name)
            }
        }
    });
    let copy = {
        let (snippet, textarea, result) =
            (snippet.clone().unwrap_or_default(), textarea.clone(), result.clone());
        Callback::from(move |_: MouseEvent| {
            let (snippet, textarea, result) = (snippet.clone(), textarea.clone(), result.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match copy_to_clipboard(&snippet).await {
                    Ok(()) => result.set("Copied. Paste it into your slide's HTML.".to_owned()),
                    Err(error) => {
                        call(&textarea, "select");
                        result.set(format!("{error}. The code is selected: press Ctrl+C (⌘C) to copy it."));
                    }
                }
            });
        })
    };
    let toggle = |pick: fn(&mut Options, bool)| {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = *options;
            pick(&mut next, input.checked());
            options.set(next);
        })
    };
    let on_speed = {
        let options = options.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let speed = select.value().parse().unwrap_or(DEFAULT_SPEED);
            options.set(Options { speed, ..*options });
        })
    };
    let scripted = props.applied.len();
    let about_text = match (source_now, level) {
        (Source::Level(show), Some(session)) => about_level(&session.level.title, show),
        _ => about(scripted),
    };
    let choices = level.map(|_| {
        let pick = |choice: Source| {
            let (source, result) = (source.clone(), result.clone());
            Callback::from(move |_: Event| {
                source.set(choice);
                result.set(String::new());
            })
        };
        html! {
            <fieldset class="embed-code-source">
                <legend>{"Embed"}</legend>
                { for Source::ALL.iter().map(|(choice, value, text)| html! {
                    <label>
                        <input type="radio" name="embed-code-source" value={*value}
                            checked={source_now == *choice} onchange={pick(*choice)} />
                        { *text }
                    </label>
                }) }
            </fieldset>
        }
    });
    html! {
        <>
            <button type="button" class="btn btn-icon embed-code" ref={opener} onclick={show}
                aria-haspopup="dialog" title="Copy an <iframe> that shows this design and its faults in a slide deck">
                { glyph("M8 7l-5 5 5 5M16 7l5 5-5 5M13.5 5l-3 14") }
                <span>{"Embed"}</span>
            </button>
            <dialog class="embed-code-dialog" ref={dialog} aria-labelledby="embed-code-title"
                aria-describedby="embed-code-about">
                <h2 id="embed-code-title">{"Copy embed code"}</h2>
                <p id="embed-code-about">{ about_text }</p>
                { choices.unwrap_or_default() }
                <div class="embed-code-options">
                    <label><input type="checkbox" checked={options.play} onchange={toggle(|o, on| o.play = on)} />
                        {"Start playing when shown"}</label>
                    <label><input type="checkbox" checked={options.charts} onchange={toggle(|o, on| o.charts = on)} />
                        {"Requests chart"}</label>
                    <label>{"Speed"}
                        <select onchange={on_speed}>
                            { for SPEEDS.iter().map(|s| html! {
                                <option value={s.to_string()} selected={*s == options.speed}>{ format!("{s}×") }</option>
                            }) }
                        </select>
                    </label>
                </div>
                <label for="embed-code-text" class="visually-hidden">{"Embed code"}</label>
                <textarea id="embed-code-text" ref={textarea} readonly={true} rows="6" spellcheck="false"
                    value={snippet.unwrap_or_default()} />
                <div class="embed-code-actions">
                    <p class="embed-code-result" role="status">{ (*result).clone() }</p>
                    <button type="button" class="btn btn-primary embed-code-copy" onclick={copy}>{"Copy"}</button>
                    <button type="button" class="btn embed-code-close" onclick={close}>{"Close"}</button>
                </div>
            </dialog>
        </>
    }
}

/// The Playground's speed, unless it is real time: a talk rarely has minutes to wait.
fn embed_speed(playground: u32) -> u32 {
    if playground > 1 { playground } else { DEFAULT_SPEED }
}

fn about(scripted: usize) -> String {
    let faults = match scripted {
        0 => "no faults yet (apply some in a run and they become the embed's script)".to_owned(),
        1 => "the run's 1 fault at its time".to_owned(),
        n => format!("the run's {n} faults at their times"),
    };
    format!(
        "An <iframe> for a slide (960×540) that shows this design with the same seed and {faults}. \
         Inside it: space plays, N jumps to the next fault, ? lists the keys."
    )
}

fn about_level(title: &str, show: Show) -> String {
    let design = match show {
        Show::Start => "starting design, so the audience sees the failure it teaches",
        Show::Solution => "solution, surviving the same incident",
    };
    format!(
        "An <iframe> for a slide (960×540) that runs the level “{title}” as its check does \
         (its seed, traffic and incident, for its duration) with the level’s {design}. \
         Inside it: space plays, N jumps to the next fault, ? lists the keys."
    )
}
