//! The room the canvas has on screen, for [`crate::layout_fit::fit`]: the width of the
//! box around the drawing (the `.canvas-scroll` element, the SVG's parent) and, where the
//! drawing must fit whole (the projector layout, an embed), its height.
//!
//! Measured once mounted, on every window resize, and when `bounded` changes (entering or
//! leaving the projector layout) — not after each drawing: the box's size comes from the
//! page's grid, not from the drawing, and measuring after every layout could make a
//! taller drawing (a page scrollbar) and a narrower box chase each other.

use gloo::events::EventListener;
use web_sys::Element;
use yew::prelude::*;

use crate::layout_fit::Room;

/// The canvas's room, measured around the SVG that `svg` points to; `None` until it is
/// mounted. With `bounded`, the height counts too.
#[hook]
pub fn use_canvas_room(svg: NodeRef, bounded: bool) -> Option<Room> {
    let room = use_state_eq(|| None);
    {
        let room = room.setter();
        use_effect_with(bounded, move |&bounded| {
            let measure = move || room.set(measure(&svg, bounded));
            measure();
            let listener = EventListener::new(&gloo::utils::window(), "resize", move |_| measure());
            move || drop(listener)
        });
    }
    *room
}

/// The size of the SVG's parent box, inside its border and scrollbar [CSS px], in whole
/// pixels so that sub-pixel changes do not lay the canvas out again.
fn measure(svg: &NodeRef, bounded: bool) -> Option<Room> {
    let parent = svg.cast::<Element>()?.parent_element()?;
    let width = f64::from(parent.client_width());
    let height = bounded.then(|| f64::from(parent.client_height()));
    (width > 0.0).then_some(Room { width, height })
}
