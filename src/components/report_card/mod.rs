//! The report card: the design graded against the five principles, with the evidence
//! behind every point, the recovery table, progress while the worker grades, and a note
//! when the design has changed since.
//!
//! ```text
//! REPORT CARD                               [Download JSON] [Grade again]
//!  B  82 / 100 overall · 3.2 nines (99.94 %) · $1,204.10 / month
//!  ▸ The design changed since this report.  (stale only)
//!  A  Design for failure     ██████████░ 92 / 100
//!     +10 web spans two instances …           Show me: kill web-1 at 02:00 · web
//!     Hint: …
//!  …
//!  Recovery against the policy  (table: disruption, RTO, RPO, policy, met / breached)
//! ```

pub mod bridge;
pub mod grade_button;
pub mod principle;
pub mod recovery;

use std::rc::Rc;

use nines_sim::design::Design;
use nines_sim::grade::{Letter, Report};
use yew::prelude::*;

use crate::components::figures::{availability, usd};
use crate::persist::{file_name, import::download};
use crate::state::{Action, Card, Grade, Phase, Tone};
use bridge::Grader;
use principle::PrincipleRow;
use recovery::RecoveryTable;

#[derive(Properties, PartialEq)]
pub struct ReportCardProps {
    pub grade: Grade,
    /// Whether the design changed since the report was made.
    pub stale: bool,
    pub grader: Grader,
    pub on_action: Callback<Action>,
}

#[function_component(ReportCard)]
pub fn report_card(props: &ReportCardProps) -> Html {
    let g = &props.grade;
    if g.card.is_none() && g.phase == Phase::Idle {
        return html! {};
    }
    html! {
        <section class="panel report-card" aria-labelledby="report-card-title" aria-busy={g.running().to_string()}
            data-graded={g.finished.to_string()}>
            <header class="panel-head">
                <h2 id="report-card-title">{"Report card"}</h2>
                if let Some(card) = &g.card {
                    <div class="rc-actions">
                        <button type="button" class="btn rc-download" onclick={save(card, &props.on_action)}>
                            {"Download JSON"}
                        </button>
                        if props.stale && !g.running() {
                            <button type="button" class="btn btn-primary rc-regrade"
                                onclick={props.grader.grade.reform(|_: MouseEvent| ())}>{"Grade again"}</button>
                        }
                    </div>
                }
            </header>
            { phase(&g.phase, &props.grader) }
            if let Some(card) = &g.card {
                if props.stale {
                    <p class="rc-stale" role="status">
                        {"The design changed since this report was made: it is stale. Grade again to judge the design as it is now."}
                    </p>
                }
                { report(&card.report, &props.on_action) }
            }
        </section>
    }
}

/// Progress and Cancel while grading; the reason after a failure.
fn phase(phase: &Phase, grader: &Grader) -> Html {
    match phase {
        Phase::Idle => html! {},
        Phase::Running { done, total, current } => {
            let text = match (*total, current.is_empty()) {
                (0, _) | (_, true) => "Grading: starting the experiments…".to_owned(),
                (total, false) => format!("Grading: experiment {} of {total}, {current}", done + 1),
            };
            html! {
                <div class="rc-progress">
                    <label for="grade-progress">{ text }</label>
                    <progress id="grade-progress" max={(*total).max(1).to_string()} value={done.to_string()}>
                        { format!("{done} of {total}") }
                    </progress>
                    <button type="button" class="btn rc-cancel" onclick={grader.cancel.reform(|_: MouseEvent| ())}>{"Cancel"}</button>
                </div>
            }
        }
        Phase::Failed(reason) => html! {
            <p class="rc-failed" role="alert">{ format!("Grading failed: {reason}") }</p>
        },
    }
}

/// The overall line, the five principles and the recovery table.
fn report(report: &Report, on_action: &Callback<Action>) -> Html {
    let overall = report.overall.grade;
    html! {
        <>
            <div class="rc-overall">
                <span class={classes!("rc-letter", "rc-letter-big", letter_class(overall))}>{ overall.as_str() }</span>
                <dl class="rc-figures">
                    <div><dt>{"Overall"}</dt><dd>{ format!("{} / 100", report.overall.score) }</dd></div>
                    <div><dt>{"Availability"}</dt>
                        <dd>{ format!("{:.1} nines ({})", report.nines, availability(report.availability)) }</dd></div>
                    <div><dt>{"Cost"}</dt><dd>{ format!("{} / month", usd(report.cost_per_month)) }</dd></div>
                    <div><dt>{"Experiments"}</dt><dd>{ report.experiments.len().to_string() }</dd></div>
                </dl>
            </div>
            <ol class="rc-principles">
                { for report.principles.iter().enumerate().map(|(index, p)| html! {
                    <PrincipleRow index={index} principle={p.clone()} on_action={on_action.clone()} />
                }) }
            </ol>
            <RecoveryTable rows={report.recovery.clone()} />
        </>
    }
}

/// Downloads the report as pretty JSON named after the design (`three-tier.report.json`).
fn save(card: &Rc<Card>, on_action: &Callback<Action>) -> Callback<MouseEvent> {
    let (card, on_action) = (card.clone(), on_action.clone());
    Callback::from(move |_| {
        let name = report_file_name(&card.design);
        let result =
            serde_json::to_string_pretty(&*card.report).map_err(|e| e.to_string()).and_then(|text| {
                download(&name, "application/json", &format!("{text}\n")).map_err(|e| e.to_string())
            });
        let (text, tone) = match result {
            Ok(()) => (format!("Saved the report as {name}."), Tone::Done),
            Err(error) => (error, Tone::Refused),
        };
        on_action.emit(Action::Notify { text, tone });
    })
}

/// `three-tier.nines.json` → `three-tier.report.json`.
pub fn report_file_name(design: &Design) -> String {
    let name = file_name(design);
    format!("{}.report.json", name.strip_suffix(".nines.json").unwrap_or(&name))
}

/// The CSS class of a letter's colour.
pub(crate) fn letter_class(letter: Letter) -> &'static str {
    match letter {
        Letter::A => "grade-a",
        Letter::B => "grade-b",
        Letter::C => "grade-c",
        Letter::D => "grade-d",
        Letter::F => "grade-f",
    }
}
