//! Embed mode's screen (`#/embed?…`): the scene from the URL, or a clear message saying
//! which parameter is wrong and how to fix it. The pure logic is in [`crate::embed`].

pub mod bar;
pub mod help;
pub mod player;
pub mod rate_strip;

use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::embed::params::scene_from_hash;
use player::EmbedPlayer;

/// The embed's root: reads `location.hash` once, and reloads when it changes (a deck that
/// points its iframe at another scene), so every scene starts from its URL alone.
#[function_component(EmbedApp)]
pub fn embed_app() -> Html {
    let scene = use_memo((), |_| {
        let hash = gloo::utils::window().location().hash().unwrap_or_default();
        scene_from_hash(&hash).map(Rc::new)
    });
    use_effect_with((), |_| {
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", |_| {
            let _ = gloo::utils::window().location().reload();
        });
        move || drop(listener)
    });
    match &*scene {
        Ok(scene) => html! { <EmbedPlayer scene={scene.clone()} /> },
        Err(error) => html! {
            <main class="embed embed-problem">
                <div class="embed-problem-box" role="alert">
                    <h1>{"This embedded simulation cannot be shown"}</h1>
                    <p>{ error.to_string() }</p>
                </div>
            </main>
        },
    }
}
