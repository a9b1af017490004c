//! The design in words for screen readers, out of sight: one sentence per zone and per
//! component, which the canvas's lanes and nodes name with `aria-describedby`, so a
//! screen reader can tell what is where and what is linked to what.

use std::rc::Rc;

use nines_sim::design::Design;
use yew::prelude::*;

use crate::editor::describe;

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    pub design: Rc<Design>,
}

#[function_component(Outline)]
pub fn outline(props: &OutlineProps) -> Html {
    let sentences = use_memo(props.design.clone(), |design| {
        let zones: Vec<(String, String)> = design
            .region()
            .zones
            .iter()
            .map(|z| (format!("describe-zone-{z}"), describe::lane(design, z)))
            .chain(design.regions.iter().enumerate().skip(1).flat_map(|(r, region)| {
                region.zones.iter().map(move |z| {
                    (format!("describe-zone-{}", design.zone_name(r, z)), describe::lane_in(design, r, z))
                })
            }))
            .collect();
        let components: Vec<(String, String)> = design
            .components
            .iter()
            .map(|c| (format!("describe-{}", c.id), describe::component(design, c)))
            .collect();
        (describe::design(design), zones, components)
    });
    let (summary, zones, components) = &*sentences;
    html! {
        <div class="visually-hidden" id="design-outline">
            <p id="describe-design">{ summary.clone() }</p>
            { for zones.iter().chain(components.iter()).map(|(id, text)| html! {
                <p id={id.clone()}>{ text.clone() }</p>
            }) }
        </div>
    }
}
