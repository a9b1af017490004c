//! Autosave: every new design goes to local storage, so a reload or a closed tab loses
//! nothing. Where the design comes from at start-up is `crate::components::persistence`.

use std::rc::Rc;

use nines_sim::design::Design;
use yew::prelude::*;

use crate::persist::storage;
use crate::state::{Action, Tone};

/// Saves every new design to local storage; reports a failure once, not at every edit.
/// With `level` (a level's key), the design is the learner's own for that level and is
/// kept apart from the Playground's.
#[hook]
pub fn use_autosave(design: Rc<Design>, level: Option<String>, on_action: Callback<Action>) {
    let last_error = use_mut_ref(|| None::<String>);
    use_effect_with(design, move |design| {
        let saved = match &level {
            Some(key) => storage::save_level_design(key, design),
            None => storage::save(design),
        };
        let error = saved.err().map(|e| e.to_string());
        let mut last = last_error.borrow_mut();
        if let Some(text) = &error
            && last.as_ref() != Some(text)
        {
            on_action.emit(Action::Notify { text: text.clone(), tone: Tone::Refused });
        }
        *last = error;
    });
}
