//! One availability-zone lane of the canvas: a tall tinted column with its zone's name.
//! While a drag is over it, it shows whether a drop there would be accepted; while a
//! palette kind is chosen, a click on it places that kind in the zone.

use nines_sim::Command;
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
    /// While a run is live: whether the zone is lost (`None` while editing).
    #[prop_or_default]
    pub lost: Option<bool>,
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
        (props.lost == Some(true)).then_some("lost"),
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
                fill="#1e293b" font-size="14" font-weight="600">
                { if props.lost == Some(true) { format!("{name} · lost") } else { name } }
            </text>
            if let Some(lost) = props.lost {
                { fault_button(&props.lane.zone, lost, r.x + r.w - 92.0, r.y + 10.0, &props.on_action) }
            }
            if props.empty {
                <text class="lane-empty" x={(r.x + r.w / 2.0).to_string()} y={(r.bottom() - 24.0).to_string()}
                    text-anchor="middle" fill="#5b6472" font-size="12">
                    { if props.armed { "Click to place here" } else { "Nothing runs in this zone" } }
                </text>
            }
        </g>
    }
}

/// "Lose zone" (or "Restore") in the lane header while a run is live.
fn fault_button(zone: &str, lost: bool, x: f64, y: f64, on_action: &Callback<Action>) -> Html {
    let (label, command) = if lost {
        ("Restore", Command::RestoreZone { zone: zone.to_owned() })
    } else {
        ("Lose zone", Command::LoseZone { zone: zone.to_owned() })
    };
    let onclick = on_action.reform(move |e: MouseEvent| {
        e.stop_propagation();
        Action::Fault(command.clone())
    });
    let onkeydown = {
        let click = onclick.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                if let Ok(m) = web_sys::MouseEvent::new("click") {
                    click.emit(m);
                }
            }
        })
    };
    html! {
        <g class="lane-fault" role="button" tabindex="0" data-zone-fault={zone.to_owned()}
            aria-label={format!("{label} {zone}")} onclick={onclick} onkeydown={onkeydown}>
            <rect x={x.to_string()} y={y.to_string()} width="80" height="22" rx="6" />
            <text x={(x + 40.0).to_string()} y={(y + 15.0).to_string()} text-anchor="middle" font-size="11"
                font-weight="600">{ label }</text>
        </g>
    }
}
