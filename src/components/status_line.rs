//! The one-line status under the canvas toolbar: what the last edit did, or why it was
//! refused. It is a live region, so screen readers hear "Placed instance web-2 in zone b"
//! as it happens; refusals are announced assertively.

use yew::prelude::*;

use crate::state::{Action, Status, Tone};

#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    pub status: Option<Status>,
    pub on_action: Callback<Action>,
}

#[function_component(StatusLine)]
pub fn status_line(props: &StatusLineProps) -> Html {
    let polite = props.status.as_ref().filter(|s| s.tone != Tone::Refused);
    let alert = props.status.as_ref().filter(|s| s.tone == Tone::Refused);
    let line = |s: &Status| {
        let (class, mark) = match s.tone {
            Tone::Done => ("done", "✓"),
            Tone::Refused => ("refused", "!"),
            Tone::Info => ("info", "i"),
        };
        html! {
            <p class={classes!("status-line", class)} key={s.seq.to_string()}>
                <span class="status-mark" aria-hidden="true">{ mark }</span>
                <span class="status-text">{ s.text.clone() }</span>
                <button type="button" class="status-close" aria-label="Dismiss message"
                    onclick={props.on_action.reform(|_| Action::DismissStatus)}>{"×"}</button>
            </p>
        }
    };
    let hint = props.status.is_none().then(|| {
        html! {
            <p class="status-line hint">
                <span class="status-mark" aria-hidden="true">{"?"}</span>
                <span class="status-text">
                    {"Drag from the palette into a zone or the region. Drag a component's round handle to link it, or press L on it. Ctrl+Z undoes."}
                </span>
            </p>
        }
    });
    html! {
        <div class="status-area">
            { for hint }
            <div role="status" aria-live="polite" aria-atomic="true" class="status-polite">
                { for polite.map(line) }
            </div>
            <div role="alert" aria-live="assertive" aria-atomic="true" class="status-alert">
                { for alert.map(line) }
            </div>
        </div>
    }
}
