//! Fault keys: K kill, H hang, S slow, R recover, D kill the database primary, Z lose
//! or restore a zone, I impair or restore it, Q stop or start a queue's consumers,
//! O a key-value store's regional outage or its end, B object storage's and E a CDN's
//! outage or its end, T traffic spike, C chaos monkey on or off — on the selected component
//! ([`crate::live::fault_menu`]). Ignored while typing in a field, with a modifier held,
//! or when auto-repeating; a key that cannot apply says why in the status line.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use nines_sim::design::Design;
use nines_sim::snapshot::Snapshot;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::shortcuts::typing_into;
use crate::live::fault_menu::{FaultSettings, Scene, key_command};
use crate::state::{Action, Tone};

/// What a key press needs to know, refreshed on every render.
struct Latest {
    design: Rc<Design>,
    snapshot: Option<Rc<Snapshot>>,
    selected: Option<AttrValue>,
    settings: FaultSettings,
}

/// Listens for fault keys on the window while the Faults panel is mounted.
#[hook]
pub fn use_fault_keys(
    design: Rc<Design>,
    snapshot: Option<Rc<Snapshot>>,
    selected: Option<AttrValue>,
    settings: FaultSettings,
    on_action: Callback<Action>,
) {
    // The snapshot changes every frame: the listener reads the latest through this cell
    // instead of being registered again each time.
    let latest = use_mut_ref(|| None::<Latest>);
    *latest.borrow_mut() = Some(Latest { design, snapshot, selected, settings });
    use_effect_with(on_action, move |on_action| {
        let on_action = on_action.clone();
        let listener = EventListener::new(&gloo::utils::window(), "keydown", move |e| {
            let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
            if e.ctrl_key() || e.meta_key() || e.alt_key() || e.repeat() || e.default_prevented() {
                return;
            }
            if typing_into(e.target()) || choosing_in_list(e.target()) {
                return;
            }
            if let Some(action) = action_for(&e.key(), &latest) {
                on_action.emit(action);
            }
        });
        move || drop(listener)
    });
}

/// Whether keys go to a drop-down list (letters jump to its options there).
fn choosing_in_list(target: Option<web_sys::EventTarget>) -> bool {
    target.is_some_and(|t| t.dyn_ref::<web_sys::HtmlSelectElement>().is_some())
}

/// The action a key means now, if it is a fault key.
fn action_for(key: &str, latest: &RefCell<Option<Latest>>) -> Option<Action> {
    let guard = latest.borrow();
    let l = guard.as_ref()?;
    let scene = Scene {
        design: &l.design,
        snapshot: l.snapshot.as_deref(),
        selected: l.selected.as_deref(),
        settings: &l.settings,
    };
    Some(match key_command(key, &scene)? {
        Ok(command) => Action::Fault(command),
        Err(reason) => Action::Notify { text: reason, tone: Tone::Refused },
    })
}
