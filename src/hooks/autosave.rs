//! Autosave: every new design goes to local storage, so a reload or a closed tab loses
//! nothing. Where the design comes from at start-up is `crate::components::persistence`.

use std::rc::Rc;

use nines_sim::design::Design;
use yew::prelude::*;

use crate::persist::storage;
use crate::state::{Action, Tone};

/// Saves every new design to local storage; reports a failure once, not at every edit.
#[hook]
pub fn use_autosave(design: Rc<Design>, on_action: Callback<Action>) {
    let last_error = use_mut_ref(|| None::<String>);
    use_effect_with(design, move |design| {
        let error = storage::save(design).err().map(|e| e.to_string());
        let mut last = last_error.borrow_mut();
        if let Some(text) = &error
            && last.as_ref() != Some(text)
        {
            on_action.emit(Action::Notify { text: text.clone(), tone: Tone::Refused });
        }
        *last = error;
    });
}
