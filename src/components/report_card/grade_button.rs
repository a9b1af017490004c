//! The header's Grade button: grades the design in the worker, or cancels while it runs.

use yew::prelude::*;

use super::bridge::Grader;

#[derive(Properties, PartialEq)]
pub struct GradeButtonProps {
    pub grader: Grader,
    /// Whether the worker is grading now.
    pub running: bool,
}

#[function_component(GradeButton)]
pub fn grade_button(props: &GradeButtonProps) -> Html {
    let (label, title, onclick) = if props.running {
        (
            "Cancel grading",
            "Stop the grader; the last report stays",
            props.grader.cancel.reform(|_: MouseEvent| ()),
        )
    } else {
        (
            "Grade",
            "Grade the design against the five principles by running experiments on it",
            props.grader.grade.reform(|_: MouseEvent| ()),
        )
    };
    html! {
        <button type="button" class={classes!("btn", "grade-button", props.running.then_some("is-running"))}
            title={title} onclick={onclick}>
            <svg class="glyph" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                <path class="stroke" d="M5 12.5l4.5 4.5L19 7.5" />
            </svg>
            { label }
        </button>
    }
}
