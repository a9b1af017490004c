//! The palette: one button per kind of component, with its icon and a line on what it does.

use yew::prelude::*;

use super::icon::Icon;
use crate::kind::Kind;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    /// The kind chosen for placing, if any.
    pub armed: Option<Kind>,
    pub on_action: Callback<Action>,
}

#[function_component(Palette)]
pub fn palette(props: &PaletteProps) -> Html {
    html! {
        <nav class="panel palette" aria-labelledby="palette-title">
            <header class="panel-head">
                <h2 id="palette-title">{"Components"}</h2>
            </header>
            <ul class="palette-list">
                { for Kind::ALL.into_iter().map(|kind| item(kind, props)) }
            </ul>
            <p class="palette-status" aria-live="polite">
                if let Some(kind) = props.armed {
                    { format!("{} chosen. Adding components to the canvas is not available yet.", kind.name()) }
                }
            </p>
        </nav>
    }
}

fn item(kind: Kind, props: &PaletteProps) -> Html {
    let (tile, ink) = kind.colors();
    let description_id = format!("palette-{}-description", kind.slug());
    html! {
        <li>
            <button type="button" class={classes!("palette-item", kind.slug())}
                style={format!("--tile: {tile}; --ink: {ink}")}
                aria-label={kind.name()} aria-describedby={description_id.clone()}
                aria-pressed={(props.armed == Some(kind)).to_string()}
                data-kind={kind.slug()}
                onclick={props.on_action.reform(move |_| Action::Arm(kind))}>
                <span class="tile"><Icon kind={kind} /></span>
                <span class="palette-text">
                    <span class="palette-name">{ kind.name() }</span>
                    <span class="palette-description" id={description_id}>{ kind.description() }</span>
                </span>
            </button>
        </li>
    }
}
