//! The presenter's key help, shown on `?`: the few big keys a clicker can send.

use yew::prelude::*;

use crate::embed::keys::HELP;

#[derive(Properties, PartialEq)]
pub struct KeyHelpProps {
    pub on_close: Callback<MouseEvent>,
}

#[function_component(KeyHelp)]
pub fn key_help(props: &KeyHelpProps) -> Html {
    html! {
        <section id="embed-keys" class="embed-help" role="dialog" aria-labelledby="embed-keys-title">
            <h2 id="embed-keys-title">{"Presenter keys"}</h2>
            <dl>
                { for HELP.iter().map(|(keys, what)| html! {
                    <div class="embed-help-row">
                        <dt>{ for keys.iter().map(|key| html! { <kbd>{ *key }</kbd> }) }</dt>
                        <dd>{ *what }</dd>
                    </div>
                }) }
            </dl>
            <p class="embed-help-note">{"Click a component to select it for K and Z. Esc or ? closes this."}</p>
            <button type="button" class="embed-btn" onclick={props.on_close.clone()}>{"Close"}</button>
        </section>
    }
}
