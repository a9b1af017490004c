//! Esc leaves the projector layout, from anywhere on the page but a text field (where Esc
//! puts the field's value back) or a drop-down list (where it closes the list).

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use super::shortcuts::typing_into;
use crate::state::Action;

/// Listens for Esc while `presenting`; nothing is registered otherwise.
#[hook]
pub fn use_present_keys(presenting: bool, on_action: Callback<Action>) {
    use_effect_with((presenting, on_action), |(presenting, on_action)| {
        let listener = presenting.then(|| {
            let on_action = on_action.clone();
            EventListener::new(&gloo::utils::window(), "keydown", move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                if e.key() != "Escape" || e.default_prevented() || e.ctrl_key() || e.meta_key() || e.alt_key()
                {
                    return;
                }
                let in_list = e.target().is_some_and(|t| t.dyn_ref::<HtmlSelectElement>().is_some());
                if !typing_into(e.target()) && !in_list {
                    on_action.emit(Action::Present(false));
                }
            })
        });
        move || drop(listener)
    });
}
