//! One principle of the report card: its letter, a score bar with the score as text, every
//! evidence line (a button where there is something to show) and the hint.

use nines_sim::grade::{Evidence, PrincipleScore, Source};
use nines_sim::time::clock;
use yew::prelude::*;

use super::letter_class;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct PrincipleProps {
    /// Its place in the report (for "Show me").
    pub index: usize,
    pub principle: PrincipleScore,
    pub on_action: Callback<Action>,
}

#[function_component(PrincipleRow)]
pub fn principle_row(props: &PrincipleProps) -> Html {
    let p = &props.principle;
    let heading = format!("principle-{}", p.id.key());
    let grade = p.grade.as_str();
    html! {
        <li class="rc-principle" data-principle={p.id.key()} aria-labelledby={heading.clone()}>
            <div class="rc-principle-head">
                <span class={classes!("rc-letter", letter_class(p.grade))} aria-hidden="true">{ grade }</span>
                <h3 id={heading}>{ p.title.clone() }
                    <span class="visually-hidden">{ format!(": grade {grade}, {} of 100", p.score) }</span>
                </h3>
                <div class="rc-bar" aria-hidden="true">
                    <span class={classes!("rc-bar-fill", letter_class(p.grade))}
                        style={format!("width: {}%", p.score.min(100))}></span>
                </div>
                <span class="rc-score" aria-hidden="true">{ format!("{} / 100", p.score) }</span>
            </div>
            if p.evidence.is_empty() {
                <p class="rc-none">{"No evidence for this principle."}</p>
            } else {
                <ul class="rc-evidence">
                    { for p.evidence.iter().enumerate().map(|(i, e)| evidence_line(props, i, e)) }
                </ul>
            }
            if let Some(hint) = &p.hint {
                <p class="rc-hint"><strong>{"Hint: "}</strong>{ hint.clone() }</p>
            }
        </li>
    }
}

/// One evidence line: points won or lost (with a sign, not only a colour), the sentence,
/// and where to look; a button when it names a component or an experiment.
fn evidence_line(props: &PrincipleProps, index: usize, e: &Evidence) -> Html {
    let points = match e.points {
        p if p > 0 => format!("+{p}"),
        p if p < 0 => format!("−{}", p.unsigned_abs()),
        _ => "±0".to_owned(),
    };
    let tone = match e.points {
        p if p > 0 => "won",
        p if p < 0 => "lost",
        _ => "even",
    };
    let body = html! {
        <>
            <span class={classes!("rc-points", tone)}>{ points }</span>
            <span class="rc-text">{ e.text.clone() }</span>
            <span class="rc-where">{ where_to_look(e) }</span>
        </>
    };
    let showable = e.component.is_some() || e.experiment.is_some();
    html! {
        <li class={classes!("rc-line", tone)} data-source={source_key(e.source)}>
            if showable {
                <button type="button" class="rc-show" data-component={e.component.clone()}
                    data-at={e.at.map(|t| t.to_string())}
                    onclick={props.on_action.reform({
                        let (principle, evidence) = (props.index, index);
                        move |_| {
                            show_canvas();
                            Action::ShowEvidence { principle, evidence }
                        }
                    })}>
                    { body }
                </button>
            } else {
                <div class="rc-fact">{ body }</div>
            }
        </li>
    }
}

/// Scrolls the canvas to the top of the view, so the learner sees the run it now shows.
fn show_canvas() {
    let canvas = gloo::utils::document().query_selector(".canvas-panel").ok().flatten();
    if let Some(canvas) = canvas {
        canvas.scroll_into_view();
    }
}

/// "Show me: lose zone a at 05:00 · web", "Select db", or "Structure" for a bare fact.
fn where_to_look(e: &Evidence) -> String {
    match (&e.experiment_name, &e.component) {
        (Some(name), component) => {
            let at = e.at.map(|t| format!(" at {}", clock(t))).unwrap_or_default();
            let on = component.as_ref().map(|c| format!(" · {c}")).unwrap_or_default();
            format!("Show me: {name}{at}{on}")
        }
        (None, Some(component)) => format!("Select {component}"),
        (None, None) => "Design structure".to_owned(),
    }
}

fn source_key(source: Source) -> &'static str {
    match source {
        Source::Structure => "structure",
        Source::Experiment => "experiment",
    }
}
