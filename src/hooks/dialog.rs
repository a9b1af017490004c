//! Native `<dialog>`s: calling their methods, and giving focus back when one closes.

use gloo::events::EventListener;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Calls a method without arguments on the element behind `node` (`showModal`, `close`,
/// `select`), through JavaScript: web-sys would need a feature for each element type.
pub fn call(node: &NodeRef, method: &str) {
    let Some(element) = node.get() else { return };
    let function = js_sys::Reflect::get(&element, &JsValue::from_str(method)).ok();
    if let Some(function) = function.and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
    {
        let _ = function.call0(&element);
    }
}

/// When the dialog behind `dialog` closes (Close, Escape): runs `on_close` (the one given
/// when the dialog mounted), then gives focus back to `opener`.
#[hook]
pub fn use_close_listener(dialog: NodeRef, opener: NodeRef, on_close: Callback<()>) {
    use_effect_with(dialog, move |dialog| {
        let listener = dialog.get().map(|node| {
            EventListener::new(&node, "close", move |_| {
                on_close.emit(());
                if let Some(button) = opener.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            })
        });
        move || drop(listener)
    });
}
