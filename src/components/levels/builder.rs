//! "Make a level": the level builder, beside Grade in the header. It opens a dialog with
//! the design on the canvas as the solution, the goal pre-filled with what the current
//! run measured, and the incident taken from the faults recorded in the run; the
//! instructor writes the title, story, explanation and hints and chooses the palette. The
//! result is a link (`#/level=…`) that opens the level for a student in one click, and a
//! `NAME.nines-level.json` file.

use std::rc::Rc;

use nines_sim::design::Design;
use nines_sim::grade::report::PrincipleId;
use nines_sim::level::{ComponentKind, Level};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::editor_bar::glyph;
use crate::kind::Kind;
use crate::levels::builder::{LevelDraft, Probe, RunFigures, StartFrom, build, file_name};
use crate::live::Live;
use crate::live::record::Applied;
use crate::persist::{import, level_link, share};
use crate::state::{Action, Tone};

#[derive(Properties, PartialEq)]
pub struct MakeLevelButtonProps {
    /// The design on the canvas: the level's solution.
    pub design: Rc<Design>,
    /// The current run, for the measured values.
    pub live: Live,
    /// The faults applied in the run, for the incident.
    pub applied: Rc<Vec<Applied>>,
    pub on_action: Callback<Action>,
}

/// What the dialog shows after "Make the level".
#[derive(Clone, PartialEq)]
enum Outcome {
    /// Not made yet (or edited since).
    None,
    /// Problems to fix, each naming its field.
    Problems(Vec<String>),
    /// The level and its link.
    Made { level: Rc<Level>, link: String },
}

#[function_component(MakeLevelButton)]
pub fn make_level_button(props: &MakeLevelButtonProps) -> Html {
    let draft = use_state(|| None::<LevelDraft>);
    let outcome = use_state(|| Outcome::None);
    let opener = use_node_ref();
    let open = {
        let (draft, outcome, design, live, applied) =
            (draft.clone(), outcome.clone(), props.design.clone(), props.live.clone(), props.applied.clone());
        Callback::from(move |_: MouseEvent| {
            let figures = live
                .with_world(|w| RunFigures {
                    summary: Some(w.summary()),
                    cost_per_hour: Some(w.cost_rate()),
                    reached: w.now(),
                })
                .unwrap_or_default();
            draft.set(Some(LevelDraft::from_run(&design, &figures, &applied)));
            outcome.set(Outcome::None);
        })
    };
    let close = {
        let (draft, opener) = (draft.clone(), opener.clone());
        Callback::from(move |()| {
            draft.set(None);
            if let Some(button) = opener.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    html! {
        <>
            <button type="button" class="btn btn-icon make-level" ref={opener} onclick={open} aria-haspopup="dialog"
                title="Make a level for students from this design and the faults of this run">
                { glyph("M5 21V4h11l-2 4 2 4H5") }
                <span>{"Make a level"}</span>
            </button>
            if let Some(current) = &*draft {
                <BuilderDialog draft={current.clone()} outcome={(*outcome).clone()} design={props.design.clone()}
                    on_draft={let (d, o) = (draft.clone(), outcome.clone()); Callback::from(move |next| { d.set(Some(next)); o.set(Outcome::None); })}
                    on_outcome={let o = outcome.clone(); Callback::from(move |next| o.set(next))}
                    on_close={close} on_action={props.on_action.clone()} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct BuilderDialogProps {
    draft: LevelDraft,
    outcome: Outcome,
    design: Rc<Design>,
    on_draft: Callback<LevelDraft>,
    on_outcome: Callback<Outcome>,
    on_close: Callback<()>,
    on_action: Callback<Action>,
}

#[function_component(BuilderDialog)]
fn builder_dialog(props: &BuilderDialogProps) -> Html {
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(input) = first.cast::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        });
    }
    let d = &props.draft;
    // One callback per text field: set the field in a copy of the draft.
    let text = |set: fn(&mut LevelDraft, String)| {
        let (draft, on_draft) = (props.draft.clone(), props.on_draft.clone());
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| e.target_dyn_into::<HtmlTextAreaElement>().map(|t| t.value()))
                .unwrap_or_default();
            let mut next = draft.clone();
            set(&mut next, value);
            on_draft.emit(next);
        })
    };
    let on_key = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                on_close.emit(());
            }
        })
    };
    let make = {
        let (draft, design, on_outcome) =
            (props.draft.clone(), props.design.clone(), props.on_outcome.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_outcome.emit(match build(&draft, &design) {
                Ok(level) => {
                    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
                    Outcome::Made { link: level_link::link(&href, &level), level: Rc::new(level) }
                }
                Err(problems) => Outcome::Problems(problems),
            });
        })
    };
    html! {
        <div class="builder-backdrop">
            <section class="panel level-builder" role="dialog" aria-modal="true" aria-labelledby="builder-title"
                onkeydown={on_key}>
                <header class="panel-head">
                    <h2 id="builder-title">{"Make a level"}</h2>
                    <button type="button" class="btn builder-close" onclick={props.on_close.reform(|_: MouseEvent| ())}>
                        {"Close"}
                    </button>
                </header>
                <p class="builder-intro">
                    { "The design on the canvas is the level's solution. The goal below is filled in with what this run \
                       measured, and the incident with the faults you applied in it: change them as you like." }
                </p>
                <form class="builder-form" onsubmit={make}>
                    <label class="builder-field">
                        <span>{"Title"}</span>
                        <input ref={first} type="text" class="builder-title" value={d.title.clone()} maxlength="80"
                            required=true oninput={text(|d, v| d.title = v)} />
                    </label>
                    <label class="builder-field">
                        <span>{"Story"}</span>
                        <textarea class="builder-story" rows="3" value={d.story.clone()} oninput={text(|d, v| d.story = v)} />
                    </label>
                    { principle_select(props) }
                    <fieldset class="builder-goal">
                        <legend>{"Goal (checked by running the level)"}</legend>
                        { for d.goals.iter().enumerate().map(|(i, goal)| goal_row(props, i, goal.probe)) }
                    </fieldset>
                    <label class="builder-field">
                        <span>{"Incident: one fault per line, as the command line's --fault (e.g. 120s:lose-zone a)"}</span>
                        <textarea class="builder-incident" rows="3" value={d.incident.clone()} spellcheck="false"
                            oninput={text(|d, v| d.incident = v)} />
                    </label>
                    <div class="builder-numbers">
                        <label class="builder-field"><span>{"Run length [s]"}</span>
                            <input type="text" inputmode="numeric" class="builder-duration" value={d.duration_s.clone()}
                                oninput={text(|d, v| d.duration_s = v)} /></label>
                        <label class="builder-field"><span>{"Budget [USD/hour]"}</span>
                            <input type="text" inputmode="decimal" class="builder-budget" value={d.budget.clone()}
                                oninput={text(|d, v| d.budget = v)} /></label>
                        <label class="builder-field"><span>{"Par for a star [USD/hour, optional]"}</span>
                            <input type="text" inputmode="decimal" class="builder-par" value={d.par.clone()}
                                oninput={text(|d, v| d.par = v)} /></label>
                    </div>
                    { palette_boxes(props) }
                    { start_choice(props) }
                    <label class="builder-field">
                        <span>{"Hints, one per line (shown one at a time)"}</span>
                        <textarea class="builder-hints" rows="3" value={d.hints.clone()} oninput={text(|d, v| d.hints = v)} />
                    </label>
                    <label class="builder-field">
                        <span>{"Explanation: why the solution works (shown after a check)"}</span>
                        <textarea class="builder-explanation" rows="2" value={d.explanation.clone()}
                            oninput={text(|d, v| d.explanation = v)} />
                    </label>
                    <div class="builder-actions">
                        <button type="submit" class="btn btn-primary builder-make">{"Make the level"}</button>
                    </div>
                </form>
                <div class="builder-outcome" aria-live="polite">
                    { outcome(&props.outcome, &props.on_action) }
                </div>
            </section>
        </div>
    }
}

fn principle_select(props: &BuilderDialogProps) -> Html {
    let on_change = {
        let (draft, on_draft) = (props.draft.clone(), props.on_draft.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let mut next = draft.clone();
            if let Some(p) = PrincipleId::ALL.into_iter().find(|p| p.key() == select.value()) {
                next.principle = p;
            }
            on_draft.emit(next);
        })
    };
    html! {
        <label class="builder-field">
            <span>{"Principle it teaches"}</span>
            <select class="builder-principle" onchange={on_change}>
                { for PrincipleId::ALL.into_iter().map(|p| html! {
                    <option value={p.key()} selected={p == props.draft.principle}>{ p.title() }</option>
                }) }
            </select>
        </label>
    }
}

fn goal_row(props: &BuilderDialogProps, index: usize, probe: Probe) -> Html {
    let goal = &props.draft.goals[index];
    let id = format!("builder-goal-{}", probe.slug());
    let toggle = {
        let (draft, on_draft) = (props.draft.clone(), props.on_draft.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = draft.clone();
            next.goals[index].on = input.checked();
            on_draft.emit(next);
        })
    };
    let edit = {
        let (draft, on_draft) = (props.draft.clone(), props.on_draft.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = draft.clone();
            next.goals[index].value = input.value();
            on_draft.emit(next);
        })
    };
    html! {
        <div class={classes!("goal-row", format!("goal-row-{}", probe.slug()))}>
            <input type="checkbox" id={format!("{id}-on")} checked={goal.on} onchange={toggle} />
            <label for={format!("{id}-on")}>{ probe.label() }</label>
            <input type="text" inputmode="decimal" id={id.clone()} class="goal-value" value={goal.value.clone()}
                aria-label={format!("{} value", probe.label())} disabled={!goal.on} oninput={edit} />
        </div>
    }
}

fn palette_boxes(props: &BuilderDialogProps) -> Html {
    html! {
        <fieldset class="builder-palette">
            <legend>{"Components the student may place"}</legend>
            { for Kind::ALL.into_iter().map(|kind| {
                let level_kind = kind.level_kind();
                let checked = props.draft.palette.contains(&level_kind);
                let on_change = {
                    let (draft, on_draft) = (props.draft.clone(), props.on_draft.clone());
                    Callback::from(move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        let mut next = draft.clone();
                        next.palette.retain(|k| *k != level_kind);
                        if input.checked() {
                            next.palette.push(level_kind);
                            next.palette.sort_by_key(|k| ComponentKind::ALL.iter().position(|a| a == k));
                        }
                        on_draft.emit(next);
                    })
                };
                html! {
                    <label class="palette-choice">
                        <input type="checkbox" checked={checked} onchange={on_change} data-kind={kind.slug()} />
                        { kind.name() }
                    </label>
                }
            }) }
        </fieldset>
    }
}

fn start_choice(props: &BuilderDialogProps) -> Html {
    let choose = |from: StartFrom| {
        let (draft, on_draft) = (props.draft.clone(), props.on_draft.clone());
        Callback::from(move |_: Event| {
            let mut next = draft.clone();
            next.start_from = from;
            on_draft.emit(next);
        })
    };
    let current = props.draft.start_from;
    html! {
        <fieldset class="builder-start">
            <legend>{"Students start from"}</legend>
            <label><input type="radio" name="builder-start" checked={current == StartFrom::Canvas}
                onchange={choose(StartFrom::Canvas)} />{"This design, to improve"}</label>
            <label><input type="radio" name="builder-start" checked={current == StartFrom::ClientsOnly}
                onchange={choose(StartFrom::ClientsOnly)} />{"Only its clients, to build the rest"}</label>
        </fieldset>
    }
}

fn outcome(outcome: &Outcome, on_action: &Callback<Action>) -> Html {
    match outcome {
        Outcome::None => html! {},
        Outcome::Problems(problems) => html! {
            <div class="builder-problems" role="alert">
                <p>{ format!("The level cannot be made yet: {} to fix.", count_problems(problems.len())) }</p>
                <ul>{ for problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
            </div>
        },
        Outcome::Made { level, link } => {
            let download = {
                let (level, on_action) = (level.clone(), on_action.clone());
                Callback::from(move |_: MouseEvent| {
                    let name = file_name(&level);
                    let (text, tone) = match import::download(&name, "application/json", &level.to_json()) {
                        Ok(()) => (format!("Saved the level as {name}."), Tone::Done),
                        Err(e) => (e.to_string(), Tone::Refused),
                    };
                    on_action.emit(Action::Notify { text, tone });
                })
            };
            let copy = {
                let (link, on_action) = (link.clone(), on_action.clone());
                Callback::from(move |_: MouseEvent| {
                    let (link, on_action) = (link.clone(), on_action.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let (text, tone) = match share::copy_to_clipboard(&link).await {
                            Ok(()) => {
                                (format!("Copied the level's link ({} characters).", link.len()), Tone::Done)
                            }
                            Err(e) => (format!("{e}. Copy the link from the box by hand."), Tone::Refused),
                        };
                        on_action.emit(Action::Notify { text, tone });
                    });
                })
            };
            html! {
                <div class="builder-made">
                    <p>{ format!("“{}” is ready: {} criteria, {} faults, {} hints.", level.title, level.criteria.len(),
                        level.incident.len(), level.hints.len()) }</p>
                    <label class="builder-field">
                        <span>{"Link for students"}</span>
                        <input type="text" class="builder-link" readonly=true value={link.clone()}
                            onfocus={Callback::from(|e: FocusEvent| { let i: HtmlInputElement = e.target_unchecked_into(); i.select(); })} />
                    </label>
                    <div class="builder-actions">
                        <button type="button" class="btn copy-level-link" onclick={copy}>{"Copy link"}</button>
                        <button type="button" class="btn download-level" onclick={download}>
                            { format!("Download {}", file_name(level)) }
                        </button>
                        <a class="btn open-level" href={link.clone()} target="_blank" rel="noopener">{"Open as a student"}</a>
                    </div>
                </div>
            }
        }
    }
}

fn count_problems(n: usize) -> String {
    if n == 1 { "1 problem".to_owned() } else { format!("{n} problems") }
}
