//! The region's settings above the canvas: its name and its availability zones, each
//! removable (refused, with the reason, while something runs there), plus "Add zone".

use std::rc::Rc;

use nines_sim::design::Design;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::editor::Edit;
use crate::editor::zones::{MAX_ZONES, MIN_ZONES, users};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct RegionBarProps {
    pub design: Rc<Design>,
    pub on_action: Callback<Action>,
}

#[function_component(RegionBar)]
pub fn region_bar(props: &RegionBarProps) -> Html {
    let region = props.design.region();
    let on_name = props.on_action.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Edit(Edit::SetRegionName { name: input.value() })
    });
    let full = region.zones.len() >= MAX_ZONES;
    html! {
        <div class="region-bar">
            <label class="region-name">
                <span>{"Region"}</span>
                <input type="text" value={region.name.clone()} onchange={on_name} spellcheck="false"
                    maxlength="40" aria-describedby="region-name-help" />
                <span id="region-name-help" class="visually-hidden">{"Press Enter to rename the region."}</span>
            </label>
            <div class="zone-list" role="group" aria-label="Availability zones">
                <span class="zone-list-label">{"Zones"}</span>
                { for region.zones.iter().map(|zone| {
                    let used = users(&props.design, zone);
                    let hint = if region.zones.len() <= MIN_ZONES {
                        format!("Remove zone {zone} (a region keeps at least {MIN_ZONES})")
                    } else if used.is_empty() {
                        format!("Remove zone {zone}")
                    } else {
                        format!("Remove zone {zone} (in use by {})", used.join(", "))
                    };
                    let z = zone.clone();
                    html! {
                        <span class="zone-pill" data-zone={zone.clone()}>
                            <span class="zone-letter">{ zone.clone() }</span>
                            <button type="button" class="zone-remove" aria-label={format!("Remove zone {}{zone}", region.name)}
                                title={hint}
                                onclick={props.on_action.reform(move |_| Action::Edit(Edit::RemoveZone { zone: z.clone() }))}>
                                <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true"><path d="M3 3l6 6M9 3 3 9" /></svg>
                            </button>
                        </span>
                    }
                }) }
                <button type="button" class="btn btn-small add-zone" disabled={full}
                    title={if full { "A region has at most 6 zones" } else { "Add the next availability zone" }}
                    onclick={props.on_action.reform(|_| Action::Edit(Edit::AddZone))}>
                    {"+ Add zone"}
                </button>
            </div>
        </div>
    }
}
