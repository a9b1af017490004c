//! A level's panel above the canvas: the story, the goal (exactly the criteria the check
//! judges, in their own sentences), the budget against the design's cost, Check with its
//! progress, the results with the evidence and "Show me", hints one at a time, and the
//! solution behind a confirmation.

use std::rc::Rc;

use nines_sim::design::{Design, hourly_cost};
use nines_sim::level::{CriterionResult, Level};
use yew::prelude::*;

use super::check::use_checker;
use crate::components::figures::{availability, duration, usd};
use crate::levels::LevelSession;
use crate::levels::play::{CheckEvent, CheckPhase, Checked, Play, PlayAction};
use crate::number::count;
use crate::persist::progress;
use crate::state::{Action, Moment, Tone};

#[derive(Properties, PartialEq)]
pub struct LevelPanelProps {
    pub session: Rc<LevelSession>,
    /// The design on the canvas.
    pub design: Rc<Design>,
    /// Move keyboard focus to the level's title on mount (after a change of screen).
    #[prop_or_default]
    pub focus: bool,
    pub on_action: Callback<Action>,
}

#[function_component(LevelPanel)]
pub fn level_panel(props: &LevelPanelProps) -> Html {
    let session = props.session.clone();
    let level = &session.level;
    let play = {
        let key = session.key.clone();
        use_reducer(move || {
            let used = progress::load().map(|p| p.of(&key).hints_used).unwrap_or(0);
            Play::with_hints(used as usize)
        })
    };
    let on_event = {
        let (dispatcher, key, on_action) = (play.dispatcher(), session.key.clone(), props.on_action.clone());
        use_callback((), move |event: CheckEvent, _| {
            if let CheckEvent::Finished(checked) = &event
                && checked.verdict.passed
            {
                record(&on_action, |p| p.record_pass(&key, checked.verdict.cost_per_hour_usd));
            }
            dispatcher.dispatch(PlayAction::Check(event));
        })
    };
    let checker = use_checker(session.clone(), props.design.clone(), on_event);
    let title = use_node_ref();
    {
        let (title, focus) = (title.clone(), props.focus);
        use_effect_with((), move |_| {
            if focus && let Some(h) = title.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let eyebrow = match session.index {
        Some(i) => format!("Level {} of {}", i + 1, nines_sim::level::NAMES.len()),
        None => "A level made with the level builder".to_owned(),
    };
    html! {
        <section class="panel level-panel" aria-labelledby="level-title">
            <header class="level-head">
                <p class="eyebrow">{ eyebrow }</p>
                <h2 id="level-title" ref={title} tabindex="-1">{ level.title.clone() }</h2>
            </header>
            <p class="level-story">{ level.story.clone() }</p>
            <div class="level-columns">
                { goal(level, &props.design) }
                { check_area(&play, &checker, &session, &props.design, &props.on_action) }
            </div>
            { hints(&play, level, &session.key, &props.on_action) }
        </section>
    }
}

/// Records something in the stored progress. Unreadable stored progress is replaced (the
/// path screen said so when it could not read it); a failure to save is said in the
/// status line, and play goes on.
fn record(on_action: &Callback<Action>, change: impl FnOnce(&mut progress::Progress)) {
    let mut p = progress::load().unwrap_or_else(|_| progress::Progress::new());
    change(&mut p);
    if let Err(error) = progress::save(&p) {
        on_action.emit(Action::Notify { text: format!("Progress not saved: {error}"), tone: Tone::Refused });
    }
}

/// The goal: one line per criterion the check judges, and the budget against the cost.
fn goal(level: &Level, design: &Design) -> Html {
    let cost = hourly_cost(&level.as_run(design)).usd_per_hour;
    let over = cost > level.budget_per_hour_usd + 1e-9;
    html! {
        <div class="level-goal">
            <h2 id="level-goal-title">{"Goal"}</h2>
            <ul class="goal-list" aria-labelledby="level-goal-title">
                { for level.criteria.iter().map(|c| html! { <li>{ c.sentence() }</li> }) }
            </ul>
            <p class={classes!("level-budget", over.then_some("is-over"))}>
                { format!("Budget {}/h · your design {}/h", usd(level.budget_per_hour_usd), usd(cost)) }
                if over { <strong>{" — over budget"}</strong> }
            </p>
            if !level.incident.is_empty() {
                <details class="level-incident">
                    <summary>{ format!("The incident ({} scripted faults)", level.incident.len()) }</summary>
                    <ul>{ for level.incident.iter().map(|f| html! { <li><code>{ f.text.clone() }</code></li> }) }</ul>
                </details>
            }
        </div>
    }
}

/// Check (or Cancel with progress), then the last verdict.
fn check_area(
    play: &UseReducerHandle<Play>,
    checker: &super::check::Checker,
    session: &Rc<LevelSession>,
    design: &Rc<Design>,
    on_action: &Callback<Action>,
) -> Html {
    let button = match &play.phase {
        CheckPhase::Running { fraction } => html! {
            <>
                <button type="button" class="btn level-check is-running" onclick={checker.cancel.reform(|_: MouseEvent| ())}>
                    { format!("Cancel check · {:.0}%", fraction * 100.0) }
                </button>
                <progress class="check-progress" max="1" value={fraction.to_string()} aria-label="Check progress" />
            </>
        },
        _ => html! {
            <button type="button" class="btn btn-primary level-check" onclick={checker.check.reform(|_: MouseEvent| ())}
                title="Run the level's incident against your design and judge the goal">
                {"Check"}
            </button>
        },
    };
    html! {
        <div class="level-check-area">
            <div class="level-check-row">{ button }</div>
            <div class="level-result" aria-live="polite" aria-atomic="true">
                if let CheckPhase::Failed(reason) = &play.phase {
                    <p class="level-verdict is-error">{ format!("The check could not run: {reason}") }</p>
                }
                if let Some(checked) = &play.last {
                    { verdict(checked, session, design, on_action) }
                }
            </div>
        </div>
    }
}

/// A verdict: pass or not, each criterion with its measured value, the rule problems, the
/// evidence with "Show me", and on success the cost against par and the next level.
fn verdict(
    checked: &Rc<Checked>,
    session: &Rc<LevelSession>,
    design: &Rc<Design>,
    on_action: &Callback<Action>,
) -> Html {
    let v = &checked.verdict;
    let stale = !Rc::ptr_eq(&checked.design, design) && *checked.design != **design;
    let headline = if v.passed { "Passed: the goal is met." } else { "Not yet: the goal is not met." };
    html! {
        <div class={classes!("level-verdict", if v.passed { "is-passed" } else { "is-failed" })}>
            <p class="verdict-headline">
                <span aria-hidden="true">{ if v.passed { "✓ " } else { "✗ " } }</span>
                { headline }
            </p>
            if stale {
                <p class="verdict-stale">{"The design changed since this check: press Check again."}</p>
            }
            <ul class="criterion-results">
                { for v.results.iter().map(criterion_line) }
            </ul>
            if !v.problems.is_empty() {
                <ul class="verdict-problems">
                    { for v.problems.iter().map(|p| html! { <li>{ capitalised(p) }</li> }) }
                </ul>
            }
            if let Some(evidence) = &v.explanation {
                <div class="verdict-evidence">
                    <p>
                        <strong>{"What happened: "}</strong>{ sentence(&evidence.what) }
                        if let Some(component) = &evidence.component {
                            { format!(" The weak spot: {component}.") }
                        }
                    </p>
                    <button type="button" class="btn show-me" onclick={show_me(checked, session, on_action)}>
                        {"Show me"}
                    </button>
                </div>
            }
            if v.passed {
                <p class="level-explanation">{ session.level.explanation.clone() }</p>
            } else if v.explanation.is_some() {
                // The explanation says what works: behind a disclosure, so it is the learner's
                // choice to read it before trying.
                <details class="level-explanation">
                    <summary>{"Why it breaks, and what would hold (gives the answer away)"}</summary>
                    <p>{ session.level.explanation.clone() }</p>
                </details>
            }
            if v.passed {
                { success(checked, session) }
            }
        </div>
    }
}

fn criterion_line(result: &CriterionResult) -> Html {
    html! {
        <li class={if result.passed { "is-passed" } else { "is-failed" }}>
            <span class="criterion-mark" aria-hidden="true">{ if result.passed { "✓" } else { "✗" } }</span>
            <span class="visually-hidden">{ if result.passed { "Passed: " } else { "Failed: " } }</span>
            <span class="criterion-sentence">{ result.sentence.clone() }</span>
            <span class="criterion-measured">{ format!(" — measured {}", measured(result)) }</span>
        </li>
    }
}

/// A measured value in its unit, for people.
pub fn measured(result: &CriterionResult) -> String {
    let value = result.measured;
    match result.criterion.unit() {
        "%" => availability(value / 100.0),
        "ms" if value < 10.0 => format!("{value:.1} ms"),
        "ms" => format!("{value:.0} ms"),
        "USD/hour" => format!("{}/h", usd(value)),
        "s" => duration(value),
        unit => format!("{} {unit}", count(value.max(0.0).round() as u64)),
    }
}

/// `text` ending in a full stop.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) { text.to_owned() } else { format!("{text}.") }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "Show me": the check's run replayed in the live view at the moment of the evidence.
fn show_me(
    checked: &Rc<Checked>,
    session: &Rc<LevelSession>,
    on_action: &Callback<Action>,
) -> Callback<MouseEvent> {
    let Some(evidence) = checked.verdict.explanation.clone() else { return Callback::noop() };
    let moment = Rc::new(Moment {
        design: Rc::new(session.level.as_run(&checked.design)),
        seed: evidence.seed,
        faults: evidence.commands,
        at: evidence.at_us,
        component: evidence.component,
        what: evidence.what,
    });
    on_action.reform(move |_| Action::ShowMoment(moment.clone()))
}

/// Success: the cost against par (a star at or under it) and the way on.
fn success(checked: &Checked, session: &LevelSession) -> Html {
    let v = &checked.verdict;
    let par = session.level.par_per_hour_usd.map(|par| {
        if v.meets_par {
            format!(
                "Your design costs {}/h, at or under par ({}/h): a star!",
                usd(v.cost_per_hour_usd),
                usd(par)
            )
        } else {
            format!(
                "Your design costs {}/h; par is {}/h. A cheaper design that still passes earns a star.",
                usd(v.cost_per_hour_usd),
                usd(par)
            )
        }
    });
    let next = session.next().and_then(|name| nines_sim::level::by_name(name).map(|l| (name, l.title)));
    html! {
        <div class="level-success">
            if let Some(par) = par {
                <p class="level-par">
                    if v.meets_par { <span class="level-star" aria-hidden="true">{"★ "}</span> }
                    { par }
                </p>
            }
            <p class="level-next">
                if let Some((name, title)) = next {
                    <a class="btn btn-primary next-level" href={format!("#/level/{name}")}>{ format!("Next level: {title}") }</a>
                }
                <a class="btn back-to-levels" href="#/levels">{"All levels"}</a>
            </p>
        </div>
    }
}

/// Hints one at a time, then the solution behind a confirmation.
fn hints(play: &UseReducerHandle<Play>, level: &Level, key: &str, on_action: &Callback<Action>) -> Html {
    let total = level.hints.len();
    let shown = play.hints.min(total);
    let reveal = {
        let (dispatcher, key, on_action) = (play.dispatcher(), key.to_owned(), on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let count = (shown + 1).min(total) as u32;
            record(&on_action, |p| p.record_hints(&key, count));
            dispatcher.dispatch(PlayAction::RevealHint { of: total });
        })
    };
    let send = |action: PlayAction| {
        let dispatcher = play.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action.clone()))
    };
    let (ask, cancel) = (send(PlayAction::AskSolution), send(PlayAction::CancelSolution));
    let confirm = {
        let (dispatcher, on_action, solution) =
            (play.dispatcher(), on_action.clone(), Rc::new(level.solution.clone()));
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::ReplaceDesign {
                design: solution.clone(),
                reason: "Loaded the level's solution. Undo brings your design back.".to_owned(),
            });
            dispatcher.dispatch(PlayAction::SolutionShown);
        })
    };
    html! {
        <div class="level-hints">
            if shown > 0 {
                <ol class="hint-list" aria-label="Hints">
                    { for level.hints.iter().take(shown).enumerate().map(|(i, hint)| html! {
                        <li><strong>{ format!("Hint {} of {total}: ", i + 1) }</strong>{ hint.clone() }</li>
                    }) }
                </ol>
            }
            <div class="hint-buttons">
                if shown < total {
                    <button type="button" class="btn show-hint" onclick={reveal}>
                        { format!("Show hint {} of {total}", shown + 1) }
                    </button>
                } else if play.confirm_solution {
                    <div class="solution-confirm" role="group" aria-label="Show the solution?">
                        <span>{"Replace your design with the solution? Undo brings yours back."}</span>
                        <button type="button" class="btn btn-primary confirm-solution" onclick={confirm}>{"Show solution"}</button>
                        <button type="button" class="btn" onclick={cancel}>{"Keep trying"}</button>
                    </div>
                } else {
                    <button type="button" class="btn show-solution" onclick={ask}>{"Show solution…"}</button>
                }
            </div>
        </div>
    }
}
