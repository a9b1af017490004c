//! The app's root: reads the URL fragment, shows the screen it names, and follows the
//! fragment as it changes (the header's Levels link, a level's "Next level", Back).
//!
//! ```text
//! #/  #/d=…  #/embed?…      the Playground
//! #/levels                  the path of levels, with progress
//! #/level/NAME              a shipped level on the canvas
//! #/level=PAYLOAD           a level made with the level builder
//! ```
//!
//! Each screen is keyed, so moving between levels (or back to the Playground) mounts a
//! fresh Playground that opens the right design. After a change of screen, keyboard focus
//! moves to the new screen's heading, so a screen reader announces where the learner is.

use gloo::events::EventListener;
use yew::prelude::*;

use super::app::Playground;
use super::levels::LevelsScreen;
use crate::levels::Screen;

/// The current `location.hash`.
fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

#[function_component(App)]
pub fn app() -> Html {
    let hash = use_state(current_hash);
    // Whether the screen changed since the page loaded: then focus moves to its heading.
    let moved = use_mut_ref(|| false);
    {
        let hash = hash.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|window| EventListener::new(&window, "hashchange", move |_| hash.set(current_hash())));
            move || drop(listener)
        });
    }
    let screen = use_memo((*hash).clone(), |hash| Screen::of(hash));
    let focus = {
        let kind = screen_kind(&screen);
        let last = use_mut_ref(|| kind.clone());
        if *last.borrow() != kind {
            *moved.borrow_mut() = true;
            *last.borrow_mut() = kind;
        }
        *moved.borrow()
    };
    match &*screen {
        Screen::Playground => html! { <Playground key="playground" focus={focus} /> },
        Screen::Levels { error } => html! {
            <LevelsScreen key="levels" error={error.clone().map(AttrValue::from)} focus={focus} />
        },
        Screen::Level(session) => html! {
            <Playground key={format!("level-{}", session.key)} level={Some(session.clone())} focus={focus} />
        },
    }
}

/// What identifies a screen for focus: its kind and, for a level, its key.
fn screen_kind(screen: &Screen) -> String {
    match screen {
        Screen::Playground => "playground".to_owned(),
        Screen::Levels { .. } => "levels".to_owned(),
        Screen::Level(session) => format!("level-{}", session.key),
    }
}
