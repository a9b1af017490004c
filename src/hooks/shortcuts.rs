//! Keyboard shortcuts that work anywhere on the page: Ctrl+Z undo, Ctrl+Shift+Z and
//! Ctrl+Y redo (⌘ on a Mac). Inside a text field they are left to the field's own undo.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::state::Action;

/// Whether keys typed at `target` are text editing (its own undo applies).
pub fn typing_into(target: Option<web_sys::EventTarget>) -> bool {
    let Some(target) = target else { return false };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        return !matches!(input.type_().as_str(), "checkbox" | "radio" | "button" | "submit" | "file");
    }
    target.dyn_ref::<HtmlElement>().is_some_and(|e| e.tag_name() == "TEXTAREA" || e.is_content_editable())
}

/// The action a key press means everywhere, if any.
pub fn shortcut(key: &str, ctrl: bool, shift: bool, alt: bool) -> Option<Action> {
    if !ctrl || alt {
        return None;
    }
    match key.to_ascii_lowercase().as_str() {
        "z" if shift => Some(Action::Redo),
        "z" => Some(Action::Undo),
        "y" => Some(Action::Redo),
        _ => None,
    }
}

#[hook]
pub fn use_shortcuts(on_action: Callback<Action>) {
    use_effect_with(on_action, |on_action| {
        let on_action = on_action.clone();
        // Not passive: the shortcut replaces the browser's own Ctrl+Z outside text fields.
        let options = EventListenerOptions::enable_prevent_default();
        let listener =
            EventListener::new_with_options(&gloo::utils::window(), "keydown", options, move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                let Some(action) =
                    shortcut(&e.key(), e.ctrl_key() || e.meta_key(), e.shift_key(), e.alt_key())
                else {
                    return;
                };
                if typing_into(e.target()) {
                    return;
                }
                e.prevent_default();
                on_action.emit(action);
            });
        move || drop(listener)
    });
}
