//! One component on the canvas: a card with its icon, id and a one-line summary.
//!
//! Primary nodes are buttons: click, Enter or Space selects (or finishes a link being
//! drawn), L starts a link, Delete deletes, and a press-and-drag moves them. The round
//! handle on the right edge drags out a new link. A database's standby and replicas are
//! dashed copies that can be dragged to another zone. While a run is live a group's
//! instances are drawn under its card ([`super::instance_pills`]).

use yew::prelude::*;

use super::{icon, instance_pills};
use crate::editor::drop::Source;
use crate::editor::{Copy, Edit};
use crate::hooks::drag::{DragStart, Ghost};
use crate::kind::component_label;
use crate::layout::{NodeBox, NodeRole};
use crate::live::status::{InstanceState, NodeStatus, Tone};
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
        NodeRole::Primary => (props.summary.to_string(), label),
        NodeRole::Standby => ("Standby · Multi-AZ".to_owned(), format!("standby of {label}")),
        NodeRole::Replica => ("Read replica".to_owned(), format!("read replica of {label}")),
    };
    let live = props.live.as_ref();
    let summary = live.map_or(summary, |l| l.text.clone());
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
        live.map(|l| classes!("live", l.tone.class(), l.moving.then_some("moving"))),
        match props.target {
            Some(true) => Some("drop-ok"),
            Some(false) => Some("drop-refused"),
            None => None,
        },
    );
    // The pills are the card's siblings, not its children: inside the card's button they
    // would be neither focusable nor visible to screen readers.
    let pills = live
        .filter(|l| primary && !l.instances.is_empty())
        .map(|l| instance_pills::pills(&n.id, &l.instances, n.rect, &props.on_action));
    html! {
        <>
        <g class={class}
            transform={format!("translate({} {})", n.rect.x, n.rect.y)}
            data-id={n.id.clone()}
            data-role={match n.role { NodeRole::Primary => "primary", NodeRole::Standby => "standby", NodeRole::Replica => "replica" }}
            role={if primary { "button" } else { "img" }}
            tabindex={primary.then_some("0")}
            aria-label={drawn_name(&n.id, &summary, &props.zones, live.and_then(|l| l.corner.as_deref()), &label)}
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
            // Spaces between the drawn words, so text taken from the drawing (find in
            // page, copy, accessibility checkers) reads "web 1000 requests/s", not "web1000".
            {" "}
            <text class="node-summary" x="58" y="43" fill="#5b6472" font-size="11"
                textLength={squeeze(&summary, w - 66.0)} lengthAdjust="spacingAndGlyphs">{ summary }</text>
            {" "}
            { chips(&props.zones, live.map(|l| l.zone_nodes.as_slice()).unwrap_or_default(), w) }
            if let Some(live) = live {
                <title>{ live.title.clone() }</title>
                { glyph(live.state, live.tone, 44.0, 44.0, 7.5) }
                if let Some(corner) = &live.corner {
                    { corner_tag(corner, w - 8.0 - props.zones.len() as f64 * 17.0) }
                }
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
        { for pills }
        </>
    }
}

/// A card's accessible name: the words drawn on it, in the order drawn (id, summary, zone
/// letters, corner tag), then what it is in brackets — so the name contains the visible
/// text (WCAG 2.5.3, label in name) and voice control finds the card by what it shows.
fn drawn_name(id: &str, summary: &str, zones: &[AttrValue], corner: Option<&str>, what: &str) -> String {
    let mut words: Vec<&str> = vec![id, summary];
    words.extend(zones.iter().map(AttrValue::as_str));
    words.extend(corner);
    format!("{} ({what})", words.join(" "))
}

/// A `textLength` that fits a summary too long for `room` [px] into it; `None` when it
/// fits as it is (about 5.6 px a character at 11 px).
fn squeeze(text: &str, room: f64) -> Option<String> {
    squeeze_at(text, room, 5.6)
}

/// The same for text whose characters are about `per_char` px wide. A badge squeezed
/// narrower than its padding still gets a positive length (SVG refuses a negative one).
pub(super) fn squeeze_at(text: &str, room: f64, per_char: f64) -> Option<String> {
    let estimate = text.chars().count() as f64 * per_char;
    (estimate > room).then(|| room.max(1.0).to_string())
}

/// Small zone letters at the card's top-right: where a load balancer or group reaches.
/// While a run is live a load balancer's letters are its nodes: green while the node
/// answers, amber when out of DNS, red and struck through when down.
fn chips(zones: &[AttrValue], nodes: &[(String, Tone)], w: f64) -> Html {
    let count = zones.len() as f64;
    html! {
        <g class="zone-chips" aria-hidden="true">
            { for zones.iter().enumerate().map(|(k, z)| {
                let x = w - 8.0 - (count - k as f64) * 17.0;
                let node = nodes.iter().find(|(zone, _)| zone.as_str() == z.as_str()).map(|(_, t)| *t);
                html! {
                    <>
                    <g class={classes!("zone-chip", node.map(|t| classes!("lb-node", t.class())))}
                        data-zone={z.clone()}>
                        <rect x={x.to_string()} y="7" width="15" height="14" rx="4" fill="#f1f5f9" stroke="#cbd5e1" />
                        <text x={(x + 7.5).to_string()} y="17.5" text-anchor="middle" font-size="9.5" font-weight="700"
                            fill="#475569">{ z.clone() }</text>
                        if node == Some(Tone::Bad) {
                            <path class="lb-node-strike" d={format!("M{} 19 {} 9", x + 2.5, x + 12.5)} />
                        }
                    </g>
                    {" "}
                    </>
                }
            }) }
        </g>
    }
}

/// A short live tag (`oldest 4 s`, `PRIMARY`, `chaos`) ending at `right`, top of the card.
fn corner_tag(text: &str, right: f64) -> Html {
    let width = 8.0 + text.chars().count() as f64 * 5.6;
    let x = right - width;
    html! {
        <>
        {" "}
        <g class="corner-tag" aria-hidden="true">
            <rect x={x.to_string()} y="7" width={width.to_string()} height="14" rx="4" />
            <text x={(x + width / 2.0).to_string()} y="17.3" text-anchor="middle" font-size="9" font-weight="700">
                { text.to_owned() }</text>
        </g>
        </>
    }
}

/// A round state mark: a check, a clock, a cross, pause bars … on the tone's colour.
/// Without a state (a load balancer, a queue) the tone alone picks the mark.
pub(super) fn glyph(state: Option<InstanceState>, tone: Tone, cx: f64, cy: f64, r: f64) -> Html {
    let k = r / 7.0;
    let d = match (state, tone) {
        (Some(InstanceState::InService), _) | (None, Tone::Ok) => "M-3.2 0.2-1 2.4 3.3-2.4",
        (Some(InstanceState::Launching | InstanceState::Registering), _) => "M0-3.4V0l2.2 1.5",
        (Some(InstanceState::Failing), _) | (None, Tone::Warn) => "M0-3.4v3.6M0 2.8v.4",
        // A slash, as on a no-entry sign: the load balancer sends it nothing.
        (Some(InstanceState::OutOfService), _) => "M-2.6 2.6 2.6-2.6",
        (Some(InstanceState::Draining), _) => "M0-3.4v6M-2.6 0.6 0 3.2l2.6-2.6",
        (Some(InstanceState::Hung), _) => "M-1.6-3v6M1.6-3v6",
        // An ellipsis: still working, just taking its time.
        (Some(InstanceState::Slow), _) => "M-3.3 0h.01M0 0h.01M3.3 0h.01",
        (Some(InstanceState::Crashed | InstanceState::Terminated), _) | (None, Tone::Bad) => {
            "M-2.7-2.7l5.4 5.4M2.7-2.7l-5.4 5.4"
        }
    };
    // Dots need a heavier pen than lines to read at this size [px].
    let weight = if state == Some(InstanceState::Slow) { 2.2 } else { 1.8 };
    let class = classes!("state-glyph", tone.class(), state.map(InstanceState::class));
    html! {
        <g class={class} transform={format!("translate({cx} {cy})")} aria-hidden="true">
            <circle r={r.to_string()} />
            <path d={d} transform={format!("scale({k})")} fill="none" stroke-width={(weight / k).to_string()}
                stroke-linecap="round" stroke-linejoin="round" />
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::{drawn_name, squeeze_at};
    use yew::AttrValue;

    #[test]
    fn the_name_is_the_drawn_text_then_what_it_is() {
        let zones = [AttrValue::from("a"), AttrValue::from("b")];
        let name =
            drawn_name("web", "min 4 · desired 4 · max 12", &zones, Some("chaos"), "auto-scaling group web");
        assert_eq!(name, "web min 4 · desired 4 · max 12 a b chaos (auto-scaling group web)");
        assert_eq!(
            drawn_name("clients", "1000 requests/s", &[], None, "clients"),
            "clients 1000 requests/s (clients)"
        );
    }

    #[test]
    fn squeezed_text_never_gets_a_negative_length() {
        assert_eq!(squeeze_at("in service", 100.0, 5.6), None);
        assert_eq!(squeeze_at("in service", 20.0, 5.6).as_deref(), Some("20"));
        assert_eq!(squeeze_at("in service", -1.7, 5.6).as_deref(), Some("1"));
    }
}
