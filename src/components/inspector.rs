//! The inspector: the selected component's kind, id and parameters with units.
//! Read-only for now; editing arrives with the editor.

use std::rc::Rc;

use nines_sim::design::Design;
use yew::prelude::*;

use super::icon::Icon;
use crate::kind::Kind;
use crate::params::{self, Param};

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub design: Rc<Design>,
    pub selected: Option<AttrValue>,
}

#[function_component(Inspector)]
pub fn inspector(props: &InspectorProps) -> Html {
    let component = props.selected.as_deref().and_then(|id| props.design.component(id));
    html! {
        <section class="panel inspector" aria-labelledby="inspector-title">
            <header class="panel-head">
                <h2 id="inspector-title">{"Inspector"}</h2>
            </header>
            { match component {
                Some(c) => {
                    let kind = Kind::of(&c.spec);
                    let (tile, ink) = kind.colors();
                    html! {
                        <div class="inspector-body" data-selected={c.id.clone()}>
                            <div class="inspector-title" style={format!("--tile: {tile}; --ink: {ink}")}>
                                <span class="tile"><Icon kind={kind} /></span>
                                <div>
                                    <p class="inspector-kind">{ kind.name() }</p>
                                    <p class="inspector-id">{ c.id.clone() }</p>
                                </div>
                            </div>
                            <dl class="params">
                                { for params::params(c).iter().map(param) }
                            </dl>
                            <p class="panel-note">{"Defaults from the simulation model. Parameters are read-only for now."}</p>
                        </div>
                    }
                }
                None => html! {
                    <div class="empty">
                        <p class="empty-title">{"Nothing selected"}</p>
                        <p>{"Click a component on the canvas, or Tab to it and press Enter, to see its parameters."}</p>
                    </div>
                },
            } }
        </section>
    }
}

fn param(p: &Param) -> Html {
    html! {
        <div class="param">
            <dt>{ p.label }</dt>
            <dd>
                { p.value.clone() }
                if let Some(unit) = p.unit {
                    <span class="unit">{ format!(" {unit}") }</span>
                }
            </dd>
        </div>
    }
}
