//! The design canvas, drawn as SVG: the region, its zone lanes, the regional band, the
//! connections and the components. Plain SVG with presentation attributes, so the same
//! markup can be exported for slides.
//!
//! It draws what the pure layout computed and reports presses to the drag controller;
//! while a drag is under way it highlights the lane, band or component under the pointer
//! in green (a drop would be accepted) or red (refused).

use std::rc::Rc;

use nines_sim::design::{ComponentSpec, Design};
use nines_sim::snapshot::Snapshot;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::node::Node;
use super::zone_lane::ZoneLane;
use crate::editor::drop::{Hit, Source};
use crate::editor::{Copy, Target, regions};
use crate::hooks::drag::{DragStart, DragUi};
use crate::kind::{Kind, Scope};
use crate::layout::{BAND_HEADER, EdgePath, Layout, NodeRole, Rect};
use crate::live::{database_status, links, status};
use crate::state::{Action, FocusRequest};
use crate::summary;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub design: Rc<Design>,
    pub layout: Rc<Layout>,
    pub selected: Option<AttrValue>,
    /// The component a link is being drawn from.
    #[prop_or_default]
    pub linking: Option<AttrValue>,
    /// The palette kind chosen for click placement.
    #[prop_or_default]
    pub armed: Option<Kind>,
    #[prop_or_default]
    pub drag: DragUi,
    #[prop_or_default]
    pub focus: Option<FocusRequest>,
    pub svg_ref: NodeRef,
    pub on_action: Callback<Action>,
    pub on_drag_start: Callback<DragStart>,
    /// The running world as last drawn, if a run is live.
    #[prop_or_default]
    pub snapshot: Option<Rc<Snapshot>>,
}

#[function_component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let layout = &props.layout;
    let design = &props.design;
    {
        let svg = props.svg_ref.clone();
        use_effect_with(props.focus.clone(), move |focus| {
            if let Some(focus) = focus {
                focus_node(&svg, &focus.id);
            }
        });
    }
    // A click on region `r` places an armed regional kind there, else clears the selection.
    let clear_in = |r: usize| {
        let (on_action, armed) = (props.on_action.clone(), props.armed);
        Callback::from(move |_: MouseEvent| {
            on_action.emit(match armed {
                Some(kind) if kind.scope() == Scope::Region => Action::PlaceArmed(Target::Region(r)),
                _ => Action::ClearSelection,
            })
        })
    };
    let clear = clear_in(0);
    let on_key = {
        let (on_action, linking) = (props.on_action.clone(), props.linking.is_some());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_action.emit(if linking { Action::CancelLink } else { Action::ClearSelection });
            }
        })
    };
    let region = design.region();
    let hit = props.drag.hit.as_ref();
    let target_of = |wanted: &Hit| (hit == Some(wanted)).then_some(props.drag.ok);
    let regional_count = regional_in(layout, &layout.region);
    let rates = props.snapshot.as_deref().map(|snapshot| {
        html! {
            <g class="edge-rates" aria-hidden="true">
                { for layout.edges.iter().map(|e| rate_label(e, snapshot, design)) }
            </g>
        }
    });
    // Between compact cards a link's rate is wider than the gap: drawn over the cards' edges
    // (on its white halo) instead of hidden under them.
    let compact = layout.metrics != crate::layout::REGULAR;
    html! {
        <div class={classes!("canvas-scroll", props.drag.source.is_some().then_some("dragging"),
            props.armed.is_some().then_some("armed"), props.linking.is_some().then_some("linking"))}>
            <svg class="canvas" xmlns="http://www.w3.org/2000/svg" role="group"
                aria-label={format!("Architecture canvas: {}", regions::listed(design))}
                aria-describedby="describe-design"
                viewBox={format!("0 0 {} {}", layout.width, layout.height)}
                data-arrangement={layout.arrangement.name()}
                data-compact={compact.then_some("true")}
                font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', sans-serif"
                ref={props.svg_ref.clone()}
                onkeydown={on_key}>
                <desc>{ connections_text(design) }</desc>
                <defs>
                    <pattern id="lane-hatch" width="10" height="10" patternUnits="userSpaceOnUse"
                        patternTransform="rotate(45)">
                        <rect width="4" height="10" fill="#b45309" fill-opacity="0.08" />
                    </pattern>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="12" markerHeight="12"
                        markerUnits="userSpaceOnUse" orient="auto-start-reverse">
                        <path d="M0 0.5 10 5 0 9.5z" fill="#64748b" />
                    </marker>
                    <marker id="arrow-active" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="14"
                        markerHeight="14" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
                        <path d="M0 0.5 10 5 0 9.5z" fill="#4338ca" />
                    </marker>
                </defs>
                <rect class="canvas-bg" width="100%" height="100%" fill="transparent" onclick={clear.clone()} />
                { region_box(layout.region, &region.name, clear.clone(), target_of(&Hit::Region(0)).or(target_of(&Hit::Outside))) }
                { for layout.more_regions.iter().enumerate().map(|(k, r)| region_box(r.rect, &r.name, clear_in(k + 1), target_of(&Hit::Region(k + 1)))) }
                { for layout.lanes.iter().map(|lane| {
                    let empty = !layout.nodes.iter().any(|n| n.zone.as_ref() == Some(&lane.zone));
                    let armed = props.armed.is_some_and(|k| k.scope() == Scope::Zone);
                    html! {
                        <ZoneLane lane={lane.clone()} region={if lane.region == 0 { region.name.clone() } else { String::new() }} empty={empty}
                            live={props.snapshot.as_ref().and_then(|s| s.zones.iter().find(|z| z.name == lane.zone).cloned())}
                            target={target_of(&Hit::Lane(lane.zone.clone()))} armed={armed}
                            on_action={props.on_action.clone()} />
                    }
                }) }
                { band(&layout.band, target_of(&Hit::Band(0)), (regional_count == 0).then_some(FIRST_BAND_HINT), clear) }
                // Over the lanes like the first region's band, so its caption shows.
                { for layout.more_regions.iter().enumerate().map(|(k, r)| {
                    band(&r.band, target_of(&Hit::Band(k + 1)), (regional_in(layout, &r.rect) == 0).then_some(LATER_BAND_HINT), clear_in(k + 1))
                }) }
                <g class="edges" aria-hidden="true">
                    { for layout.edges.iter().map(|e| edge(e, props.selected.as_deref(), props.snapshot.as_deref(), design)) }
                </g>
                if !compact { { rates.clone() } }
                if let Some(snapshot) = props.snapshot.as_deref() {
                    { for snapshot.databases.iter().map(|d| failover_arc(layout, snapshot, d)) }
                }
                <g class="nodes">
                    { for nodes(layout, design, props) }
                </g>
                if compact { { rates } }
            </svg>
        </div>
    }
}

/// Moves keyboard focus to a component's node (after placing or moving it).
fn focus_node(svg: &NodeRef, id: &str) {
    let Some(svg) = svg.cast::<web_sys::Element>() else { return };
    let selector = format!("[data-id=\"{}\"][data-role=\"primary\"]", id.replace('"', ""));
    let Ok(Some(node)) = svg.query_selector(&selector) else { return };
    if let Ok(focus) = js_sys::Reflect::get(&node, &JsValue::from_str("focus"))
        && let Some(focus) = focus.dyn_ref::<js_sys::Function>()
    {
        let _ = focus.call0(&node);
    }
}

/// How many regional (zone-less) nodes are drawn inside `area`.
fn regional_in(layout: &Layout, area: &Rect) -> usize {
    layout.nodes.iter().filter(|n| n.zone.is_none() && area.contains(&n.rect)).count()
}

fn target_class(target: Option<bool>) -> Option<&'static str> {
    target.map(|ok| if ok { "drop-ok" } else { "drop-refused" })
}

fn region_box(r: Rect, name: &str, clear: Callback<MouseEvent>, target: Option<bool>) -> Html {
    html! {
        <g class={classes!("region", target_class(target))} onclick={clear}>
            <rect class="region-body" x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()}
                rx="14" fill="#ffffff" stroke="#94a3b8" stroke-width="1.5" />
            <rect x={(r.x + 16.0).to_string()} y={(r.y + 13.0).to_string()} width="58" height="20" rx="10"
                fill="#1e293b" />
            <text x={(r.x + 45.0).to_string()} y={(r.y + 27.0).to_string()} text-anchor="middle" fill="#ffffff"
                font-size="10" font-weight="700" letter-spacing="0.08em">{"REGION"}</text>
            <text class="region-label" x={(r.x + 84.0).to_string()} y={(r.y + 28.5).to_string()} fill="#1e293b"
                font-size="16" font-weight="700">{ name.to_owned() }</text>
        </g>
    }
}

/// What an empty band of the first region takes: clients are global and drawn there.
const FIRST_BAND_HINT: &str = "Drop clients, load balancers, groups, queues and alarms here";
/// What an empty band of a later region takes (clients and DNS stay in the first's).
const LATER_BAND_HINT: &str = "Drop load balancers, groups, queues and alarms here";

/// A region's band; `hint` says what to drop on it while it is empty.
fn band(r: &Rect, target: Option<bool>, hint: Option<&'static str>, click: Callback<MouseEvent>) -> Html {
    html! {
        <g class={classes!("band", target_class(target))} aria-hidden="true" onclick={click}>
            <rect class="band-body" x={(r.x - 6.0).to_string()} y={r.y.to_string()} width={(r.w + 12.0).to_string()}
                height={r.h.to_string()} rx="10" fill="#eef2ff" fill-opacity="0.75" stroke="#a5b4fc"
                stroke-dasharray="6 4" />
            <text x={(r.x + 10.0).to_string()} y={(r.y + BAND_HEADER - 8.0).to_string()} fill="#4338ca"
                font-size="10" font-weight="700" letter-spacing="0.08em">{"REGIONAL · SPANS ALL ZONES"}</text>
            if let Some(hint) = hint {
                <text class="band-empty" x={(r.x + r.w / 2.0).to_string()} y={(r.y + BAND_HEADER + 32.0).to_string()}
                    text-anchor="middle" fill="#4f46e5" font-size="12">
                    { hint }
                </text>
            }
        </g>
    }
}

/// One connection: thicker the more requests it carries, greyed and dashed when the
/// targets behind it are out of service.
fn edge(e: &EdgePath, selected: Option<&str>, snapshot: Option<&Snapshot>, design: &Design) -> Html {
    let active = selected.is_some_and(|id| id == e.from || id == e.to);
    let tone = snapshot.and_then(|s| links::link_tone(s, &e.from, &e.to)).map(|t| t.class());
    let rate = snapshot.and_then(|s| links::link_rate(s, design, &e.from, &e.to));
    let width = match rate {
        Some(rate) => links::width(rate),
        None if active => 2.25,
        None => links::MIN_WIDTH,
    };
    html! {
        <path class={classes!("edge", active.then_some("active"), tone.map(|t| classes!("unhealthy", t)),
                rate.map(|r| if r > 0.0 { "carrying" } else { "idle" }))}
            d={e.d()} data-from={e.from.clone()} data-to={e.to.clone()}
            data-rate={rate.map(|r| format!("{r:.0}"))} fill="none" stroke={if active { "#4338ca" } else { "#64748b" }}
            stroke-width={format!("{width:.2}")} stroke-linejoin="round"
            marker-end={if active { "url(#arrow-active)" } else { "url(#arrow)" }} />
    }
}

/// The request rate of a link, written at the middle of its longest straight run.
fn rate_label(e: &EdgePath, snapshot: &Snapshot, design: &Design) -> Html {
    let Some(rate) = links::link_rate(snapshot, design, &e.from, &e.to) else { return html! {} };
    let Some((a, b)) = e.points.windows(2).map(|w| (w[0], w[1])).max_by(|x, y| {
        let len =
            |(p, q): &(crate::layout::Point, crate::layout::Point)| (q.x - p.x).abs() + (q.y - p.y).abs();
        len(x).total_cmp(&len(y))
    }) else {
        return html! {};
    };
    let (x, y) = ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    let vertical = (a.x - b.x).abs() < 1.0;
    let (dx, dy, anchor) = if vertical { (6.0, 3.5, "start") } else { (0.0, -6.0, "middle") };
    html! {
        <text class="edge-rate" x={(x + dx).to_string()} y={(y + dy).to_string()} text-anchor={anchor}
            font-size="10.5" font-weight="700" data-from={e.from.clone()} data-to={e.to.clone()}>
            { links::rate_text(rate) }
        </text>
    }
}

/// While a database fails over: an animated arrow from the failed primary's copy to the
/// one being promoted, curving under both.
fn failover_arc(layout: &Layout, snapshot: &Snapshot, d: &nines_sim::snapshot::DatabaseView) -> Html {
    let Some(to) = database_status::failover_target(snapshot, d) else { return html! {} };
    let copy = |zone: &str| {
        layout.nodes.iter().find(|n| n.id == d.name && n.zone.as_deref() == Some(zone)).map(|n| n.rect)
    };
    let (Some(from), Some(to)) = (copy(&d.primary_zone), copy(&to)) else { return html! {} };
    let (x1, x2) = (from.center().x, to.center().x);
    let y = from.bottom().max(to.bottom());
    let path = format!("M{x1} {y} Q{} {} {x2} {y}", (x1 + x2) / 2.0, y + 34.0);
    html! {
        <g class="failover-arc" aria-hidden="true" data-database={d.name.clone()}>
            <path d={path} fill="none" marker-end="url(#arrow)" />
            <text x={((x1 + x2) / 2.0).to_string()} y={(y + 13.0).to_string()} text-anchor="middle"
                font-size="10.5" font-weight="700">{"failover"}</text>
        </g>
    }
}

fn nodes<'a>(
    layout: &'a Layout,
    design: &'a Design,
    props: &'a CanvasProps,
) -> impl Iterator<Item = Html> + 'a {
    let dragged = props.drag.source.as_ref();
    let hit = props.drag.hit.as_ref();
    let linking = props.linking.as_deref();
    layout.nodes.iter().map(move |n| {
        let component = design.component(&n.id);
        let summary = component.map(summary::summary).unwrap_or_default();
        let zones: Vec<AttrValue> = match component.map(|c| &c.spec) {
            Some(ComponentSpec::LoadBalancer(lb)) if n.role == NodeRole::Primary => {
                lb.zones.iter().map(|z| AttrValue::from(z.clone())).collect()
            }
            Some(ComponentSpec::AutoScalingGroup(g)) if n.role == NodeRole::Primary => {
                g.zones.iter().map(|z| AttrValue::from(z.clone())).collect()
            }
            _ => Vec::new(),
        };
        let primary = n.role == NodeRole::Primary;
        let live = props.snapshot.as_ref().zip(component).and_then(|(s, c)| live_status(s, c, n));
        let selected = primary && props.selected.as_deref() == Some(n.id.as_str());
        let dragging = match dragged {
            Some(Source::Node { id }) => primary && *id == n.id,
            Some(Source::Copy { id, copy }) => {
                *id == n.id
                    && match copy {
                        Copy::Standby => n.role == NodeRole::Standby,
                        Copy::Replica(k) => n.role == NodeRole::Replica && n.index == *k,
                    }
            }
            _ => false,
        };
        let target = (primary && hit == Some(&Hit::Node(n.id.clone()))).then_some(props.drag.ok);
        html! {
            <Node key={format!("{}-{:?}-{}", n.id, n.role, n.index)} node={n.clone()} summary={summary}
                selected={selected} link_source={primary && linking == Some(n.id.as_str())}
                linking={linking.is_some()} target={target} dragging={dragging} zones={zones} live={live}
                on_action={props.on_action.clone()} on_drag_start={props.on_drag_start.clone()} />
        }
    })
}

/// What the running world says about one drawn node: a database copy by its zone,
/// everything else by its component.
fn live_status(
    snapshot: &Snapshot,
    component: &nines_sim::design::Component,
    n: &crate::layout::NodeBox,
) -> Option<status::NodeStatus> {
    match (&component.spec, n.zone.as_deref()) {
        (ComponentSpec::Database(_), Some(zone)) => database_status::node(snapshot, &n.id, zone, n.role),
        _ if n.role == NodeRole::Primary => status::node_status(snapshot, component),
        _ => None,
    }
}

/// The connections in words, for screen readers and exported files.
fn connections_text(design: &Design) -> String {
    if design.connections.is_empty() {
        return "No connections.".to_owned();
    }
    let links: Vec<_> = design.connections.iter().map(|c| format!("{} to {}", c.from, c.to)).collect();
    format!("Connections: {}.", links.join(", "))
}
