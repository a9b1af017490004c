//! The embed's postMessage edge: a `message` listener on the window that checks each
//! message ([`crate::embed::message::receive`]) and turns a valid one into a presenter
//! action, and [`post`], which sends the embed's own messages to the parent page. The
//! listener is removed when the embed unmounts.

use std::rc::Rc;

use gloo::events::EventListener;
use nines_sim::design::Design;
use serde_json::Value;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::embed::message::{Inbound, Outbound, Received, receive};
use crate::embed::presenter::PresenterAction;

/// Listens for the parent page's messages while mounted.
#[hook]
pub fn use_embed_messages(design: Rc<Design>, dispatch: Callback<PresenterAction>) {
    use_effect_with((design, dispatch), |(design, dispatch)| {
        let (design, dispatch) = (design.clone(), dispatch.clone());
        let listener = EventListener::new(&gloo::utils::window(), "message", move |event| {
            let data = js_sys::Reflect::get(event, &JsValue::from_str("data")).unwrap_or(JsValue::UNDEFINED);
            match receive(&as_json(&data), &design) {
                Received::Do(inbound) => dispatch.emit(action(inbound)),
                Received::Own => {}
                Received::Bad(reason) => warn(&format!("Nines embed: {reason}")),
            }
        });
        move || drop(listener)
    });
}

fn action(inbound: Inbound) -> PresenterAction {
    match inbound {
        Inbound::Play => PresenterAction::Play,
        Inbound::Pause => PresenterAction::Pause,
        Inbound::Reset => PresenterAction::Reset,
        Inbound::Seek(at) => PresenterAction::SeekTo(at),
        Inbound::Fault(command) => PresenterAction::Fault(command),
    }
}

/// A message's data as JSON: a string as itself, anything else through `JSON.stringify`
/// (what cannot be stringified — a function, a cycle — becomes `null`, and is refused).
fn as_json(data: &JsValue) -> Value {
    if let Some(text) = data.as_string() {
        return Value::String(text);
    }
    js_sys::JSON::stringify(data)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null)
}

/// Posts `message` to the parent page, when there is one (not when the embed is the top page).
pub fn post(message: &Outbound) {
    let window = gloo::utils::window();
    let Ok(Some(parent)) = window.parent() else { return };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let Ok(data) = js_sys::JSON::parse(&message.to_json().to_string()) else { return };
    // "*": the embed has no secrets, and it cannot know which site frames it.
    let _ = parent.post_message(&data, "*");
}

/// `console.warn(text)`, without pulling in a console crate for one call.
pub fn warn(text: &str) {
    let console = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("console")).ok();
    let warn = console.as_ref().and_then(|c| js_sys::Reflect::get(c, &JsValue::from_str("warn")).ok());
    let warn = warn.and_then(|w| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(w).ok());
    if let (Some(console), Some(warn)) = (console, warn) {
        let _ = warn.call1(&console, &JsValue::from_str(text));
    }
}
