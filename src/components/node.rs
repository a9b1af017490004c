//! One component on the canvas: a card with its icon, id and a one-line summary.
//!
//! Primary nodes are buttons: click, Enter or Space selects (or finishes a link being
//! drawn), L starts a link, Delete deletes, and a press-and-drag moves them. The round
//! handle on the right edge drags out a new link. A database's standby and replicas are
//! dashed copies that can be dragged to another zone.

use yew::prelude::*;

use super::drag::{DragStart, Ghost};
use super::icon;
use crate::editor::drop::Source;
use crate::editor::{Copy, Edit};
use crate::kind::component_label;
use crate::layout::{NodeBox, NodeRole};
use crate::live::status::{Badge, NodeStatus};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct NodeProps {
    pub node: NodeBox,
    /// Second line of the card, e.g. "t3.small · web".
    pub summary: AttrValue,
    pub selected: bool,
    /// A link is being drawn from this node.
    #[prop_or_default]
    pub link_source: bool,
    /// A link is being drawn (from any node): a click or Enter here finishes it.
    #[prop_or_default]
    pub linking: bool,
    /// A drag is over this node and could drop onto it: accepted (`true`) or refused.
    #[prop_or_default]
    pub target: Option<bool>,
    /// This node is the one being dragged.
    #[prop_or_default]
    pub dragging: bool,
    /// Zones a load balancer or group reaches into, drawn as small chips.
    #[prop_or_default]
    pub zones: Vec<AttrValue>,
    /// What the running world says about this component, if a run is live.
    #[prop_or_default]
    pub live: Option<NodeStatus>,
    pub on_action: Callback<Action>,
    pub on_drag_start: Callback<DragStart>,
}

#[function_component(Node)]
pub fn node(props: &NodeProps) -> Html {
    let n = &props.node;
    let (tile, ink) = n.kind.colors();
    let primary = n.role == NodeRole::Primary;
    let label = component_label(n.kind, &n.id, n.zone.as_deref());
    let (summary, label) = match n.role {
        NodeRole::Primary => match &props.live {
            Some(live) => (live.text.clone(), label),
            None => (props.summary.to_string(), label),
        },
        NodeRole::Standby => ("Standby · Multi-AZ".to_owned(), format!("standby of {label}")),
        NodeRole::Replica => ("Read replica".to_owned(), format!("read replica of {label}")),
    };
    let on_click = {
        let (on_action, id, linking) = (props.on_action.clone(), n.id.clone(), props.linking);
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            on_action.emit(if linking && primary {
                Action::LinkTo(id.clone())
            } else {
                Action::Select(id.clone())
            });
        })
    };
    let on_key = {
        let (on_action, id) = (props.on_action.clone(), n.id.clone());
        let (linking, link_source) = (props.linking, props.link_source);
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let action = match e.key().as_str() {
                "Enter" | " " if linking && !link_source => Action::LinkTo(id.clone()),
                "Enter" | " " => Action::Select(id.clone()),
                "l" | "L" if link_source => Action::CancelLink,
                "l" | "L" => Action::StartLink(id.clone()),
                "Delete" | "Backspace" => Action::Edit(Edit::Delete { id: id.clone() }),
                _ => return,
            };
            e.prevent_default();
            e.stop_propagation();
            on_action.emit(action);
        })
    };
    let on_press = {
        let (start, node, ghost_label) = (props.on_drag_start.clone(), n.clone(), label.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let source = match node.role {
                NodeRole::Primary => Source::Node { id: node.id.clone() },
                NodeRole::Standby => Source::Copy { id: node.id.clone(), copy: Copy::Standby },
                NodeRole::Replica => Source::Copy { id: node.id.clone(), copy: Copy::Replica(node.index) },
            };
            let ghost = Ghost { kind: Some(node.kind), label: ghost_label.clone() };
            let mut press = DragStart::from_event(&e, source, ghost);
            press.origin = Some(node.rect);
            start.emit(press);
        })
    };
    let on_handle = {
        let (start, id) = (props.on_drag_start.clone(), n.id.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            e.stop_propagation();
            e.prevent_default();
            let ghost = Ghost { kind: None, label: format!("Link from {id}") };
            let mut press = DragStart::from_event(&e, Source::Link { from: id.clone() }, ghost);
            let target: Option<web_sys::Element> = e.target_dyn_into();
            press.anchor = target.map(|t| {
                let r = t.get_bounding_client_rect();
                (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0)
            });
            start.emit(press);
        })
    };
    let (w, h) = (n.rect.w, n.rect.h);
    let class = classes!(
        "node",
        n.kind.slug(),
        (!primary).then_some("copy"),
        props.selected.then_some("selected"),
        props.link_source.then_some("link-source"),
        (props.linking && primary && !props.link_source).then_some("link-candidate"),
        props.dragging.then_some("dragging"),
        props.live.as_ref().filter(|_| primary).map(|l| classes!("live", l.tone.class())),
        match props.target {
            Some(true) => Some("drop-ok"),
            Some(false) => Some("drop-refused"),
            None => None,
        },
    );
    html! {
        <g class={class}
            transform={format!("translate({} {})", n.rect.x, n.rect.y)}
            data-id={n.id.clone()}
            data-role={match n.role { NodeRole::Primary => "primary", NodeRole::Standby => "standby", NodeRole::Replica => "replica" }}
            role={if primary { "button" } else { "img" }}
            tabindex={primary.then_some("0")}
            aria-label={label}
            aria-describedby={primary.then(|| format!("describe-{}", n.id))}
            aria-pressed={primary.then(|| props.selected.to_string())}
            onclick={on_click}
            onpointerdown={on_press}
            onkeydown={primary.then_some(on_key)}>
            <rect class="focus-ring" x="-5" y="-5" width={(w + 10.0).to_string()} height={(h + 10.0).to_string()}
                rx="13" fill="none" />
            <rect class="node-shadow" y="1.5" width={w.to_string()} height={h.to_string()} rx="9"
                fill="#0f172a" fill-opacity="0.07" />
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
            { chips(&props.zones, w) }
            if let Some(live) = props.live.as_ref().filter(|l| primary && !l.instances.is_empty()) {
                { pills(&live.instances, w, h, &props.on_action) }
            }
            if primary {
                <g class="link-handle" onpointerdown={on_handle} aria-hidden="true">
                    <title>{ format!("Drag to link {} to another component (or press L)", n.id) }</title>
                    <circle class="link-handle-hit" cx={w.to_string()} cy={(h / 2.0).to_string()} r="13" fill="transparent" />
                    <circle class="link-handle-dot" cx={w.to_string()} cy={(h / 2.0).to_string()} r="6.5" />
                    <path class="link-handle-arrow" d={format!("M{} {}h5m-2.2-2.4 2.4 2.4-2.4 2.4", w - 2.6, h / 2.0)} />
                </g>
            }
        </g>
    }
}

/// Small zone letters at the card's top-right: where a load balancer or group reaches.
fn chips(zones: &[AttrValue], w: f64) -> Html {
    let count = zones.len() as f64;
    html! {
        <g class="zone-chips" aria-hidden="true">
            { for zones.iter().enumerate().map(|(k, z)| {
                let x = w - 8.0 - (count - k as f64) * 17.0;
                html! {
                    <g class="zone-chip">
                        <rect x={x.to_string()} y="7" width="15" height="14" rx="4" fill="#f1f5f9" stroke="#cbd5e1" />
                        <text x={(x + 7.5).to_string()} y="17.5" text-anchor="middle" font-size="9.5" font-weight="700"
                            fill="#475569">{ z.clone() }</text>
                    </g>
                }
            }) }
        </g>
    }
}

/// One badge per running instance of a group, under its card; clicking one kills it.
fn pills(badges: &[Badge], w: f64, h: f64, on_action: &Callback<Action>) -> Html {
    let n = badges.len().max(1) as f64;
    let gap = 4.0;
    let pw = ((w - gap * (n - 1.0)) / n).min(104.0);
    html! {
        <g class="instance-pills">
            { for badges.iter().enumerate().map(|(k, b)| {
                let x = k as f64 * (pw + gap);
                let name = b.name.clone();
                let kill = on_action.reform(move |e: MouseEvent| {
                    e.stop_propagation();
                    Action::Fault(nines_sim::Command::KillInstance { instance: name.clone() })
                });
                let stop = Callback::from(|e: PointerEvent| e.stop_propagation());
                html! {
                    <g class={classes!("instance-pill", b.tone.class())} data-instance={b.name.clone()}
                        data-state={b.text.clone()} onclick={kill} onpointerdown={stop}>
                        <title>{ format!("{}: {} (click to kill)", b.name, b.text) }</title>
                        <rect x={x.to_string()} y={(h + 4.0).to_string()} width={pw.to_string()} height="22" rx="6" />
                        <text x={(x + 6.0).to_string()} y={(h + 13.0).to_string()} font-size="8.5" font-weight="700">
                            { b.name.clone() }</text>
                        <text class="pill-state" x={(x + 6.0).to_string()} y={(h + 23.0).to_string()} font-size="8.5">
                            { if pw < 80.0 { short(&b.text) } else { b.text.clone() } }</text>
                    </g>
                }
            }) }
        </g>
    }
}

/// A badge's state in a few letters, for pills too narrow for the whole text.
fn short(text: &str) -> String {
    let last = text.rsplit(" · ").next().unwrap_or(text);
    match last {
        "in service" => "ok".to_owned(),
        "out of service" => "out".to_owned(),
        "terminated" => "gone".to_owned(),
        "launching" => "boot".to_owned(),
        "draining" => "drain".to_owned(),
        t if t.starts_with("failing ") => format!("fail {}", &t[8..]),
        t if t.starts_with("registering ") => format!("reg {}", &t[12..]),
        t => t.chars().take(5).collect(),
    }
}
