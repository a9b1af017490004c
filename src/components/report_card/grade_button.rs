//! The header's Grade button: grades the design in the worker, or cancels while it runs.

use yew::prelude::*;

use super::bridge::Grader;

#[derive(Properties, PartialEq)]
pub struct GradeButtonProps {
    pub grader: Grader,
    /// Whether the worker is grading now.
    pub running: bool,
    /// Experiments done and in all while grading (0 of 0 until the worker says).
    #[prop_or_default]
    pub progress: (usize, usize),
}

#[function_component(GradeButton)]
pub fn grade_button(props: &GradeButtonProps) -> Html {
    let (label, title, onclick) = if props.running {
        let label = match props.progress {
            (_, 0) => "Cancel grading".to_owned(),
            (done, total) => format!("Cancel grading · {done}/{total}"),
        };
        (label, "Stop the grader; the last report stays", props.grader.cancel.reform(|_: MouseEvent| ()))
    } else {
        (
            "Grade".to_owned(),
            "Grade the design against the five principles by running experiments on it",
            props.grader.grade.reform(|_: MouseEvent| ()),
        )
    };
    html! {
        <button type="button" class={classes!("btn", "grade-button", props.running.then_some("is-running"))}
            title={title} onclick={onclick}>
            <svg class="glyph" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                if props.running {
                    <path class="stroke" d="M6.5 6.5l11 11M17.5 6.5l-11 11" />
                } else {
                    <path class="stroke" d="M5 12.5l4.5 4.5L19 7.5" />
                }
            </svg>
            { label }
        </button>
    }
}
