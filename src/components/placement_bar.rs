//! The keyboard's way onto the canvas: while a palette kind is chosen, a bar of buttons
//! places it in a zone (or the region); while a link is being drawn, a bar lists the
//! components it may go to, and says why the others are refused. Focus moves into the
//! bar when it opens, so Tab, Enter and Escape are all a keyboard user needs.

use std::rc::Rc;

use nines_sim::design::Design;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::editor::{Target, connect};
use crate::kind::{Kind, Scope, component_label};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct PlacementBarProps {
    pub design: Rc<Design>,
    pub armed: Option<Kind>,
    pub linking: Option<AttrValue>,
    pub on_action: Callback<Action>,
}

#[function_component(PlacementBar)]
pub fn placement_bar(props: &PlacementBarProps) -> Html {
    let bar = use_node_ref();
    {
        let bar = bar.clone();
        let key = (props.armed, props.linking.clone());
        use_effect_with(key, move |_| {
            let first =
                bar.cast::<web_sys::Element>().and_then(|b| b.query_selector("button.choice").ok().flatten());
            if let Some(button) = first.and_then(|b| b.dyn_into::<HtmlElement>().ok()) {
                let _ = button.focus();
            }
        });
    }
    let candidates = {
        let from = props.linking.as_ref().map(|f| f.to_string());
        use_memo((props.design.clone(), from), |(design, from)| {
            from.as_ref().map(|from| connect::candidates(design, from)).unwrap_or_default()
        })
    };
    let stop = if props.linking.is_some() { Action::CancelLink } else { Action::ClearSelection };
    let on_key = {
        let (on_action, stop) = (props.on_action.clone(), stop.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                on_action.emit(stop.clone());
            }
        })
    };
    let cancel = props.on_action.reform(move |_| stop.clone());
    let refused = props.linking.is_some().then(|| refused_links(&candidates));
    let body = match (&props.linking, props.armed) {
        (Some(from), _) => link_choices(from, &candidates, &props.design, &props.on_action),
        (None, Some(kind)) => place_choices(kind, &props.design, &props.on_action),
        (None, None) => return html! {},
    };
    html! {
        <div class="placement-bar" role="toolbar" aria-label="Placement" ref={bar} onkeydown={on_key}>
            { body }
            <button type="button" class="btn btn-quiet cancel" onclick={cancel}>{"Cancel"}</button>
            { refused }
        </div>
    }
}

fn place_choices(kind: Kind, design: &Design, on_action: &Callback<Action>) -> Html {
    let button = |target: Target, text: String| {
        html! {
            <button type="button" class="btn choice" onclick={on_action.reform(move |_| Action::PlaceArmed(target.clone()))}>
                { text }
            </button>
        }
    };
    html! {
        <>
            <span class="bar-label">{ format!("Place {} in", kind.noun()) }</span>
            { match kind.scope() {
                Scope::Zone => design
                    .regions
                    .iter()
                    .enumerate()
                    .flat_map(|(r, region)| region.zones.iter().map(move |z| (r, region, z)))
                    .map(|(r, region, z)| {
                        button(Target::Zone(design.zone_name(r, z)), format!("Zone {}{z}", region.name))
                    })
                    .collect::<Html>(),
                Scope::Region if matches!(kind, Kind::Clients | Kind::Dns) && design.regions.len() > 1 => {
                    button(Target::Region(0), "Every region (global)".to_owned())
                }
                Scope::Region => design
                    .regions
                    .iter()
                    .enumerate()
                    .map(|(r, region)| button(Target::Region(r), format!("Region {}", region.name)))
                    .collect::<Html>(),
            } }
        </>
    }
}

fn link_choices(
    from: &str,
    candidates: &[(String, Result<(), String>)],
    design: &Design,
    on_action: &Callback<Action>,
) -> Html {
    let label = |id: &str| {
        design.component(id).map_or_else(|| id.to_owned(), |c| component_label(Kind::of(&c.spec), id, None))
    };
    let allowed: Vec<&String> = candidates.iter().filter(|(_, r)| r.is_ok()).map(|(id, _)| id).collect();
    html! {
        <>
            <span class="bar-label">{ format!("Link {from} to") }</span>
            if allowed.is_empty() {
                <span class="bar-empty">{"no other component can take a new link from it"}</span>
            }
            { for allowed.iter().map(|id| {
                let to = (*id).clone();
                html! {
                    <button type="button" class="btn choice" onclick={on_action.reform(move |_| Action::LinkTo(to.clone()))}>
                        { label(id) }
                    </button>
                }
            }) }
        </>
    }
}

/// The refused targets and why, folded away.
fn refused_links(candidates: &[(String, Result<(), String>)]) -> Html {
    let refused: Vec<(&String, &String)> =
        candidates.iter().filter_map(|(id, r)| r.as_ref().err().map(|why| (id, why))).collect();
    if refused.is_empty() {
        return html! {};
    }
    html! {
        <details class="refused-links">
            <summary>{ format!("Why not the other {}?", refused.len()) }</summary>
            <ul>
                { for refused.iter().map(|(id, why)| html! {
                    <li><strong>{ (*id).clone() }</strong>{": "}{ (*why).clone() }</li>
                }) }
            </ul>
        </details>
    }
}
