//! One component on the canvas: a card with its icon, id and a one-line summary.
//! Primary nodes are buttons (focusable, selectable by click, Enter or Space); a database's
//! standby and replicas are drawn as dashed copies that select their primary on click.

use yew::prelude::*;

use super::icon;
use crate::kind::component_label;
use crate::layout::{NodeBox, NodeRole};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct NodeProps {
    pub node: NodeBox,
    /// Second line of the card, e.g. "Instance · m5.large".
    pub summary: AttrValue,
    pub selected: bool,
    pub on_action: Callback<Action>,
}

#[function_component(Node)]
pub fn node(props: &NodeProps) -> Html {
    let n = &props.node;
    let (tile, ink) = n.kind.colors();
    let id = n.id.clone();
    let select = props.on_action.reform(move |e: MouseEvent| {
        e.stop_propagation();
        Action::Select(id.clone())
    });
    let primary = n.role == NodeRole::Primary;
    let label = component_label(n.kind, &n.id, n.zone.as_deref());
    let (summary, label) = match n.role {
        NodeRole::Primary => (props.summary.to_string(), label),
        NodeRole::Standby => ("Standby · Multi-AZ".to_owned(), format!("standby of {label}")),
        NodeRole::Replica => ("Read replica".to_owned(), format!("read replica of {label}")),
    };
    let on_key = {
        let (on_action, id) = (props.on_action.clone(), n.id.clone());
        Callback::from(move |e: KeyboardEvent| {
            if matches!(e.key().as_str(), "Enter" | " ") {
                e.prevent_default();
                on_action.emit(Action::Select(id.clone()));
            }
        })
    };
    let (w, h) = (n.rect.w, n.rect.h);
    html! {
        <g class={classes!("node", n.kind.slug(), (!primary).then_some("copy"), props.selected.then_some("selected"))}
            transform={format!("translate({} {})", n.rect.x, n.rect.y)}
            data-id={n.id.clone()}
            role={if primary { "button" } else { "img" }}
            tabindex={primary.then_some("0")}
            aria-label={label}
            aria-pressed={primary.then(|| props.selected.to_string())}
            onclick={select}
            onkeydown={primary.then_some(on_key)}>
            <rect class="focus-ring" x="-5" y="-5" width={(w + 10.0).to_string()} height={(h + 10.0).to_string()}
                rx="13" fill="none" />
            <rect class="node-body" width={w.to_string()} height={h.to_string()} rx="9"
                fill="#ffffff" stroke={if primary { "#cbd5e1" } else { "#94a3b8" }}
                stroke-dasharray={(!primary).then_some("5 4")} />
            <rect class="node-tile" x="9" y="9" width="38" height="38" rx="8" fill={tile} />
            <svg class="node-icon" x="16" y="16" width="24" height="24" viewBox="0 0 24 24" fill="none"
                stroke={ink} stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
                { icon::shapes(n.kind) }
            </svg>
            <text class="node-id" x="58" y="25" fill="#1e293b" font-size="14" font-weight="600">{ n.id.clone() }</text>
            <text class="node-summary" x="58" y="43" fill="#5b6472" font-size="11">{ summary }</text>
        </g>
    }
}
