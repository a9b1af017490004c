//! `window.__nines_design()`: the current design as JSON, for end-to-end tests and for
//! curious learners in the console. Read-only: it returns a copy.

use std::rc::Rc;

use nines_sim::design::Design;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

#[hook]
pub fn use_design_hook(design: Rc<Design>) {
    let kept = use_mut_ref(|| None::<Closure<dyn Fn() -> JsValue>>);
    use_effect_with(design, move |design| {
        let design = design.clone();
        let read = Closure::<dyn Fn() -> JsValue>::new(move || {
            JsValue::from_str(&serde_json::to_string(&*design).unwrap_or_default())
        });
        if let Some(window) = web_sys::window() {
            let _ = js_sys::Reflect::set(&window, &JsValue::from_str("__nines_design"), read.as_ref());
        }
        // The previous closure is dropped only after the window points at the new one.
        *kept.borrow_mut() = Some(read);
    });
}
