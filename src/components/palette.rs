//! The palette: one button per kind of component, with its icon and a line on what it does.
//! A button's accessible name is all its visible text, name and line (WCAG 2.5.3, label
//! in name: speech users say what they see).
//!
//! Drag a button onto the canvas to place it; or click it (Enter, Space) to choose it and
//! then click a zone lane or pick a zone in the placement bar, keyboard only if need be.

use yew::prelude::*;

use super::icon::Icon;
use crate::editor::drop::Source;
use crate::hooks::drag::{DragStart, Ghost};
use crate::kind::{Kind, Scope};
use crate::state::Action;
use nines_sim::level::ComponentKind;

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    /// The kind chosen for placing, if any.
    pub armed: Option<Kind>,
    pub on_action: Callback<Action>,
    pub on_drag_start: Callback<DragStart>,
    /// The kinds a level allows; `None` (the Playground) offers every kind.
    #[prop_or_default]
    pub allowed: Option<Vec<ComponentKind>>,
}

#[function_component(Palette)]
pub fn palette(props: &PaletteProps) -> Html {
    html! {
        <nav class="panel palette" aria-labelledby="palette-title">
            <header class="panel-head">
                <h2 id="palette-title">{"Components"}</h2>
            </header>
            <p class="palette-hint" id="palette-hint">
                {"Drag onto the canvas, or press to choose and then pick a zone."}
            </p>
            <ul class="palette-list">
                { for Kind::ALL.into_iter().filter(|kind| allows(props.allowed.as_deref(), *kind)).map(|kind| item(kind, props)) }
            </ul>
            <p class="palette-status" aria-live="polite">
                if let Some(kind) = props.armed {
                    { format!("{} chosen. {}", kind.name(), match kind.scope() {
                        Scope::Zone => "Click a zone lane, or choose a zone above the canvas. Esc cancels.",
                        Scope::Region => "Click the region, or choose Place above the canvas. Esc cancels.",
                    }) }
                }
            </p>
        </nav>
    }
}

/// Whether a level's palette (`None`: no level) offers `kind`.
fn allows(allowed: Option<&[ComponentKind]>, kind: Kind) -> bool {
    allowed.is_none_or(|list| list.contains(&kind.level_kind()))
}

fn item(kind: Kind, props: &PaletteProps) -> Html {
    let (tile, ink) = kind.colors();
    let on_press = {
        let start = props.on_drag_start.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0 {
                let ghost = Ghost { kind: Some(kind), label: format!("New {}", kind.noun()) };
                start.emit(DragStart::from_event(&e, Source::Palette(kind), ghost));
            }
        })
    };
    html! {
        <li>
            <button type="button" class={classes!("palette-item", kind.slug())}
                style={format!("--tile: {tile}; --ink: {ink}")}
                aria-describedby="palette-hint"
                aria-pressed={(props.armed == Some(kind)).to_string()}
                data-kind={kind.slug()}
                onpointerdown={on_press}
                onclick={props.on_action.reform(move |_| Action::Arm(kind))}>
                <span class="tile"><Icon kind={kind} /></span>
                <span class="palette-text">
                    <span class="palette-name">{ kind.name() }</span>
                    <span class="palette-description">{ kind.description() }</span>
                </span>
            </button>
        </li>
    }
}
