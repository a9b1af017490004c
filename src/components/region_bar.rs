//! The regions' settings above the canvas, one row per region: its name and its
//! availability zones, each removable (refused, with the reason, while something runs
//! there), "Add zone"; "Add region" while the design has one region, and "Remove region"
//! on the second (refused, with the reason, while something lives there).

use std::rc::Rc;

use nines_sim::design::{Design, MAX_REGIONS};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::editor::Edit;
use crate::editor::regions::{partner, residents};
use crate::editor::zones::{MAX_ZONES, MIN_ZONES, users};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct RegionBarProps {
    pub design: Rc<Design>,
    pub on_action: Callback<Action>,
}

#[function_component(RegionBar)]
pub fn region_bar(props: &RegionBarProps) -> Html {
    let design = &props.design;
    let can_add = design.regions.len() < MAX_REGIONS;
    let add_region = can_add.then(|| {
        let title = format!("Add a second region, {}, with zones a and b", partner(&design.region().name));
        html! {
            <button type="button" class="btn btn-small add-region" title={title}
                onclick={props.on_action.reform(|_| Action::Edit(Edit::AddRegion))}>
                {"+ Add region"}
            </button>
        }
    });
    html! {
        <div class={classes!("region-bar", (design.regions.len() > 1).then_some("two-regions"))}>
            { for (0..design.regions.len()).map(|r| region_row(design, r, &props.on_action)) }
            { add_region }
        </div>
    }
}

/// One region's row: name, zones, "Add zone" and, for a later region, "Remove region".
fn region_row(design: &Design, r: usize, on_action: &Callback<Action>) -> Html {
    let region = &design.regions[r];
    let on_name = on_action.reform(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Edit(Edit::SetRegionName { region: r, name: input.value() })
    });
    let full = region.zones.len() >= MAX_ZONES;
    let help = format!("region-name-help-{r}");
    let label = if design.regions.len() > 1 { format!("Region {}", r + 1) } else { "Region".to_owned() };
    html! {
        <div class="region-row" data-region={r.to_string()} role="group" aria-label={format!("Region {}", region.name)}>
            <label class="region-name">
                <span>{ label }</span>
                <input type="text" value={region.name.clone()} onchange={on_name} spellcheck="false"
                    maxlength="40" aria-describedby={help.clone()} />
                <span id={help} class="visually-hidden">{"Press Enter to rename the region."}</span>
            </label>
            <div class="zone-list" role="group" aria-label={format!("Availability zones of {}", region.name)}>
                <span class="zone-list-label">{"Zones"}</span>
                { for region.zones.iter().map(|zone| zone_pill(design, r, zone, on_action)) }
                <button type="button" class="btn btn-small add-zone" disabled={full}
                    aria-label={format!("+ Add zone to {}", region.name)}
                    title={if full { "A region has at most 6 zones" } else { "Add the next availability zone" }}
                    onclick={on_action.reform(move |_| Action::Edit(Edit::AddZone { region: r }))}>
                    {"+ Add zone"}
                </button>
            </div>
            if r > 0 {
                { remove_region(design, r, on_action) }
            }
        </div>
    }
}

fn zone_pill(design: &Design, r: usize, zone: &str, on_action: &Callback<Action>) -> Html {
    let region = &design.regions[r];
    let used = users(design, r, zone);
    let hint = if region.zones.len() <= MIN_ZONES {
        format!("Remove zone {zone} (a region keeps at least {MIN_ZONES})")
    } else if used.is_empty() {
        format!("Remove zone {zone}")
    } else {
        format!("Remove zone {zone} (in use by {})", used.join(", "))
    };
    let z = zone.to_owned();
    html! {
        <span class="zone-pill" data-zone={zone.to_owned()}>
            <span class="zone-letter">{ zone.to_owned() }</span>
            <button type="button" class="zone-remove" aria-label={format!("Remove zone {}{zone}", region.name)}
                title={hint}
                onclick={on_action.reform(move |_| Action::Edit(Edit::RemoveZone { region: r, zone: z.clone() }))}>
                <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true"><path d="M3 3l6 6M9 3 3 9" /></svg>
            </button>
        </span>
    }
}

fn remove_region(design: &Design, r: usize, on_action: &Callback<Action>) -> Html {
    let name = &design.regions[r].name;
    let used = residents(design, r);
    let title = if used.is_empty() {
        format!("Remove region {name}")
    } else {
        format!("Remove region {name} (in use by {})", used.join(", "))
    };
    html! {
        <button type="button" class="btn btn-small btn-quiet remove-region" title={title}
            aria-label={format!("Remove region {name}")}
            onclick={on_action.reform(move |_| Action::Edit(Edit::RemoveRegion { region: r }))}>
            {"Remove region"}
        </button>
    }
}
