//! What follows the pointer during a drag: a ghost of the dragged component, the verdict
//! of a drop here ("Place instance in zone b" or why not), and a link's rubber band.
//!
//! It is the only thing that re-renders on every pointer move. When the page defines
//! `window.__nines_perf` as an array, each frame's time from the pointer event to the
//! rendered overlay is pushed onto it [ms] (the end-to-end tests measure drag frames so).

use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::icon::Icon;
use super::wall_clock::wall_ms;
use crate::hooks::drag::{DragBus, Frame};

#[derive(Properties, PartialEq)]
pub struct DragLayerProps {
    pub bus: DragBus,
}

#[function_component(DragLayer)]
pub fn drag_layer(props: &DragLayerProps) -> Html {
    let frame = use_state(|| None::<Frame>);
    {
        let (bus, setter) = (props.bus.clone(), frame.setter());
        use_effect_with((), move |_| {
            bus.connect(Callback::from(move |f| setter.set(f)));
            move || bus.disconnect()
        });
    }
    {
        let t0 = frame.as_ref().map(|f| f.t0);
        use_effect(move || {
            if let Some(t0) = t0 {
                record(wall_ms() - t0);
            }
        });
    }
    let Some(f) = &*frame else { return html! {} };
    let (x, y) = f.client;
    // Near the right edge the verdict opens to the left of the pointer, so it stays readable.
    let width = web_sys::window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).unwrap_or(1e4);
    let flip = x > width - 380.0;
    let verdict = f.verdict.as_ref().map(|v| {
        let place = if flip {
            format!("transform: translate({}px, {}px) translateX(-100%)", x - 16.0, y + 26.0)
        } else {
            format!("transform: translate({}px, {}px)", x + 16.0, y + 26.0)
        };
        html! {
            <div class={classes!("drag-verdict", if v.ok { "ok" } else { "refused" })} style={place}>
                <span class="verdict-mark" aria-hidden="true">{ if v.ok { "✓" } else { "✕" } }</span>
                { v.text.clone() }
            </div>
        }
    });
    let band = f.anchor.map(|(ax, ay)| {
        html! {
            <svg class="drag-band" aria-hidden="true">
                <line x1={ax.to_string()} y1={ay.to_string()} x2={x.to_string()} y2={y.to_string()} />
                <circle cx={x.to_string()} cy={y.to_string()} r="5" />
            </svg>
        }
    });
    let ghost = (f.anchor.is_none()).then(|| {
        let kind = f.ghost.kind;
        let style = kind.map(|k| {
            let (tile, ink) = k.colors();
            format!("--tile: {tile}; --ink: {ink}; ")
        });
        html! {
            <div class="drag-ghost"
                style={format!("{}transform: translate({}px, {}px)", style.unwrap_or_default(), x - 104.0, y - 28.0)}>
                if let Some(kind) = kind {
                    <span class="tile"><Icon kind={kind} /></span>
                }
                <span class="drag-ghost-label">{ f.ghost.label.clone() }</span>
            </div>
        }
    });
    html! {
        <div class="drag-layer" aria-hidden="true">
            { for band }
            { for ghost }
            { for verdict }
        </div>
    }
}

/// Pushes one frame time onto `window.__nines_perf`, if the page asked for it.
fn record(ms: f64) {
    let Some(window) = web_sys::window() else { return };
    let Ok(list) = js_sys::Reflect::get(&window, &JsValue::from_str("__nines_perf")) else { return };
    if let Some(list) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Array>(&list) {
        list.push(&JsValue::from_f64(ms));
    }
}
