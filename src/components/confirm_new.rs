//! "New design" asks first: a small dialog saying what will be replaced, with the safe
//! choice one Escape away. (Undo brings the old design back too.)

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ConfirmNewProps {
    /// Components of the design that would be replaced.
    pub components: usize,
    pub on_action: Callback<Action>,
}

#[function_component(ConfirmNew)]
pub fn confirm_new(props: &ConfirmNewProps) -> Html {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let button =
                dialog.cast::<web_sys::Element>().and_then(|d| d.query_selector(".confirm").ok().flatten());
            if let Some(button) = button.and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
                let _ = button.focus();
            }
        });
    }
    let on_key = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_action.emit(Action::CancelNew);
            }
        })
    };
    let n = props.components;
    html! {
        <div class="confirm-new" role="alertdialog" aria-modal="false" aria-labelledby="confirm-new-title"
            aria-describedby="confirm-new-text" ref={dialog} onkeydown={on_key}>
            <div>
                <p id="confirm-new-title" class="confirm-title">{"Start a new design?"}</p>
                <p id="confirm-new-text">
                    { format!("The current design ({n} {}) will be replaced by an empty canvas with the same region and zones. Undo brings it back.",
                        if n == 1 { "component" } else { "components" }) }
                </p>
            </div>
            <div class="confirm-actions">
                <button type="button" class="btn" onclick={props.on_action.reform(|_| Action::CancelNew)}>{"Keep editing"}</button>
                <button type="button" class="btn btn-danger confirm" onclick={props.on_action.reform(|_| Action::ConfirmNew)}>
                    {"Start new design"}
                </button>
            </div>
        </div>
    }
}
