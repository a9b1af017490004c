//! One availability-zone lane of the canvas: a tall tinted column with its zone's name.
//! While a drag is over it, it shows whether a drop there would be accepted; while a
//! palette kind is chosen, a click on it places that kind in the zone.

use yew::prelude::*;

use crate::editor::Target;
use crate::layout::{LANE_HEADER, LaneBox};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ZoneLaneProps {
    pub lane: LaneBox,
    /// Region name, e.g. `us-east-1`; the lane reads `us-east-1a`.
    pub region: AttrValue,
    /// No component of the design runs in this zone.
    pub empty: bool,
    /// A drag is over this lane: would a drop be accepted?
    #[prop_or_default]
    pub target: Option<bool>,
    /// A palette kind is chosen: a click places it here.
    #[prop_or_default]
    pub armed: bool,
    pub on_action: Callback<Action>,
}

#[function_component(ZoneLane)]
pub fn zone_lane(props: &ZoneLaneProps) -> Html {
    let r = props.lane.rect;
    let name = format!("{}{}", props.region, props.lane.zone);
    let onclick = props.armed.then(|| {
        let zone = props.lane.zone.clone();
        props.on_action.reform(move |e: MouseEvent| {
            e.stop_propagation();
            Action::PlaceArmed(Target::Zone(zone.clone()))
        })
    });
    let class = classes!(
        "lane",
        props.armed.then_some("placeable"),
        match props.target {
            Some(true) => Some("drop-ok"),
            Some(false) => Some("drop-refused"),
            None => None,
        }
    );
    html! {
        <g class={class} role="group" aria-label={format!("Availability zone {name}")}
            aria-describedby={format!("describe-zone-{}", props.lane.zone)} data-zone={props.lane.zone.clone()} onclick={onclick}>
            <rect class="lane-body" x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()}
                height={r.h.to_string()} rx="10" fill="#f4f7fb" stroke="#d5dde8" />
            <text class="lane-caption" x={(r.x + 14.0).to_string()} y={(r.y + 21.0).to_string()}
                fill="#5b6472" font-size="10" font-weight="600" letter-spacing="0.08em">{"AVAILABILITY ZONE"}</text>
            <text class="lane-label" x={(r.x + 14.0).to_string()} y={(r.y + LANE_HEADER - 12.0).to_string()}
                fill="#1e293b" font-size="14" font-weight="600">{ name }</text>
            if props.empty {
                <text class="lane-empty" x={(r.x + r.w / 2.0).to_string()} y={(r.bottom() - 24.0).to_string()}
                    text-anchor="middle" fill="#5b6472" font-size="12">
                    { if props.armed { "Click to place here" } else { "Nothing runs in this zone" } }
                </text>
            }
        </g>
    }
}
