//! The animation-frame loop that drives a playing or fast-forwarding run.
//!
//! While `active`, every browser frame reports its wall time to the reducer; the reducer
//! decides how far the simulation moves (Bevy's fixed-timestep split: rendering only says
//! how much time passed). Dropping the frame handle on cleanup stops the loop.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::render::{AnimationFrame, request_animation_frame};
use yew::prelude::*;

use crate::state::Action;

type Slot = Rc<RefCell<Option<AnimationFrame>>>;

/// Sends [`Action::Frame`] once per animation frame while `active`.
#[hook]
pub fn use_frames(active: bool, on_action: Callback<Action>) {
    use_effect_with(active, move |&active| {
        let slot: Slot = Rc::default();
        if active {
            schedule(slot.clone(), None, on_action);
        }
        move || drop(slot.borrow_mut().take())
    });
}

fn schedule(slot: Slot, last: Option<f64>, on_action: Callback<Action>) {
    let next = slot.clone();
    let frame = request_animation_frame(move |timestamp| {
        let elapsed_ms = last.map_or(1000.0 / 60.0, |l| (timestamp - l).max(0.0));
        on_action.emit(Action::Frame { elapsed_ms });
        schedule(next, Some(timestamp), on_action);
    });
    *slot.borrow_mut() = Some(frame);
}
