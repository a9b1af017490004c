//! The design canvas, drawn as SVG: the region, its zone lanes, the regional band, the
//! connections and the components. Plain SVG with presentation attributes, so the same
//! markup can later be exported for slides.

use std::rc::Rc;

use nines_sim::design::Design;
use yew::prelude::*;

use super::node::Node;
use super::zone_lane::ZoneLane;
use crate::layout::{self, BAND_HEADER, EdgePath, Layout, Rect};
use crate::params;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub design: Rc<Design>,
    pub selected: Option<AttrValue>,
    pub on_action: Callback<Action>,
}

#[function_component(Canvas)]
pub fn canvas(props: &CanvasProps) -> Html {
    let layout = use_memo(props.design.clone(), |design| layout::layout(design));
    let design = &props.design;
    let clear = props.on_action.reform(|_: MouseEvent| Action::ClearSelection);
    let on_key = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                on_action.emit(Action::ClearSelection);
            }
        })
    };
    let region = &design.region;
    let summary = format!(
        "Region {} with {} availability zones and {} components",
        region.name,
        region.zones.len(),
        design.components.len()
    );
    html! {
        <section class="panel canvas-panel" aria-labelledby="canvas-title">
            <header class="panel-head">
                <h2 id="canvas-title">{"Architecture"}</h2>
                <p class="panel-hint">{"Select a component to inspect it. Esc clears the selection."}</p>
            </header>
            <div class="canvas-scroll">
                <svg class="canvas" xmlns="http://www.w3.org/2000/svg" role="group" aria-label={summary}
                    viewBox={format!("0 0 {} {}", layout.width, layout.height)}
                    font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', sans-serif"
                    onkeydown={on_key}>
                    <desc>{ connections_text(design) }</desc>
                    <defs>
                        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
                            orient="auto-start-reverse">
                            <path d="M0 0.5 10 5 0 9.5z" fill="#64748b" />
                        </marker>
                    </defs>
                    <rect class="canvas-bg" width="100%" height="100%" fill="transparent" onclick={clear.clone()} />
                    { region_box(&layout, &region.name, clear) }
                    { for layout.lanes.iter().map(|lane| {
                        let empty = !layout.nodes.iter().any(|n| n.zone.as_ref() == Some(&lane.zone));
                        html! { <ZoneLane lane={lane.clone()} region={region.name.clone()} empty={empty} /> }
                    }) }
                    { band(&layout.band) }
                    <g class="edges" aria-hidden="true">
                        { for layout.edges.iter().map(edge) }
                    </g>
                    <g class="nodes">
                        { for nodes(&layout, design, props) }
                    </g>
                </svg>
            </div>
        </section>
    }
}

fn region_box(layout: &Layout, name: &str, clear: Callback<MouseEvent>) -> Html {
    let r = layout.region;
    html! {
        <g class="region" onclick={clear}>
            <rect x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()} height={r.h.to_string()}
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

fn band(r: &Rect) -> Html {
    html! {
        <g class="band" aria-hidden="true">
            <rect x={(r.x - 6.0).to_string()} y={r.y.to_string()} width={(r.w + 12.0).to_string()}
                height={r.h.to_string()} rx="10" fill="#eef2ff" fill-opacity="0.75" stroke="#a5b4fc"
                stroke-dasharray="6 4" />
            <text x={(r.x + 10.0).to_string()} y={(r.y + BAND_HEADER - 8.0).to_string()} fill="#4338ca"
                font-size="10" font-weight="700" letter-spacing="0.08em">{"REGIONAL · SPANS ALL ZONES"}</text>
        </g>
    }
}

fn edge(e: &EdgePath) -> Html {
    html! {
        <path class="edge" d={e.d()} data-from={e.from.clone()} data-to={e.to.clone()} fill="none" stroke="#64748b"
            stroke-width="1.75" stroke-linejoin="round" marker-end="url(#arrow)" />
    }
}

fn nodes<'a>(
    layout: &'a Layout,
    design: &'a Design,
    props: &'a CanvasProps,
) -> impl Iterator<Item = Html> + 'a {
    layout.nodes.iter().map(move |n| {
        let summary = design.component(&n.id).map(params::summary).unwrap_or_default();
        let selected = props.selected.as_deref() == Some(n.id.as_str());
        html! {
            <Node node={n.clone()} summary={summary} selected={selected} on_action={props.on_action.clone()} />
        }
    })
}

/// The connections in words, for screen readers and exported files.
fn connections_text(design: &Design) -> String {
    if design.connections.is_empty() {
        return "No connections.".to_owned();
    }
    let links: Vec<_> = design.connections.iter().map(|c| format!("{} to {}", c.from, c.to)).collect();
    format!("Connections: {}.", links.join(", "))
}
