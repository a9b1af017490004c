//! The embed's keys ([`crate::embed::keys`]): the deck's navigation keys go to the parent
//! page as `nines:key`; space or `.`, N, K, Z, R, ? and Escape drive the embed. Listened
//! for on the window while the embed is mounted; ignored with Ctrl, Alt or Meta held.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::embed_messages::post;
use super::shortcuts::typing_into;
use crate::embed::keys::{PresenterKey, presenter_key};
use crate::embed::message::Outbound;
use crate::embed::presenter::PresenterAction;

/// Listens for the presenter's keys while mounted.
#[hook]
pub fn use_presenter_keys(dispatch: Callback<PresenterAction>) {
    use_effect_with(dispatch, |dispatch| {
        let dispatch = dispatch.clone();
        let listener = EventListener::new(&gloo::utils::window(), "keydown", move |e| {
            let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
            if e.ctrl_key() || e.meta_key() || e.alt_key() || typing_into(e.target()) {
                return;
            }
            let key = e.key();
            let Some(meaning) = presenter_key(&key) else { return };
            if meaning == PresenterKey::Deck {
                post(&Outbound::Key(key));
                return;
            }
            // A focused button takes space itself (it presses the button).
            if e.repeat() || (key == " " && on_button(e.target())) {
                return;
            }
            if key == " " {
                e.prevent_default();
            }
            if let Some(action) = action(meaning) {
                dispatch.emit(action);
            }
        });
        move || drop(listener)
    });
}

fn action(key: PresenterKey) -> Option<PresenterAction> {
    Some(match key {
        PresenterKey::Deck => return None,
        PresenterKey::TogglePlay => PresenterAction::TogglePlay,
        PresenterKey::NextEvent => PresenterAction::NextEvent,
        PresenterKey::Kill => PresenterAction::FaultKey("K"),
        PresenterKey::LoseZone => PresenterAction::FaultKey("Z"),
        PresenterKey::Reset => PresenterAction::Reset,
        PresenterKey::Help => PresenterAction::ToggleHelp,
        PresenterKey::Close => PresenterAction::CloseHelp,
    })
}

fn on_button(target: Option<web_sys::EventTarget>) -> bool {
    target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| e.tag_name() == "BUTTON")
}
