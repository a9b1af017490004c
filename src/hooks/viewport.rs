//! Whether the window is phone-narrow: the Playground is then a read-only viewer (the
//! canvas at full width, Play, faults on tap, charts and log below; no palette, no
//! dragging, no inspector). The CSS lays it out at the same width (`layout.css`).

use gloo::events::EventListener;
use yew::prelude::*;

/// Widest window that gets the read-only phone view [CSS px]; matches `layout.css`.
pub const PHONE_MAX_WIDTH: f64 = 700.0;

fn is_narrow() -> bool {
    let width = gloo::utils::window().inner_width().ok().and_then(|w| w.as_f64());
    width.is_some_and(|w| w <= PHONE_MAX_WIDTH)
}

/// True while the window is at most [`PHONE_MAX_WIDTH`] wide; follows resizes and turns.
#[hook]
pub fn use_phone_width() -> bool {
    let narrow = use_state_eq(is_narrow);
    {
        let narrow = narrow.setter();
        use_effect_with((), move |_| {
            let listener =
                EventListener::new(&gloo::utils::window(), "resize", move |_| narrow.set(is_narrow()));
            move || drop(listener)
        });
    }
    *narrow
}
