//! One availability-zone lane of the canvas: a tall tinted column with its zone's name.
//! While a drag is over it, it shows whether a drop there would be accepted; while a
//! palette kind is chosen, a click on it places that kind in the zone. While a run is
//! live it shows whether the zone is lost (shaded) or impaired (hatched, with what the
//! impairment adds), with buttons to lose, impair or restore it (beside the zone's name,
//! or under it in a lane too narrow for both).

use nines_sim::Command;
use nines_sim::snapshot::ZoneView;
use yew::prelude::*;

use super::node::squeeze_at;
use crate::editor::Target;
use crate::layout::{BUTTONS_BESIDE_NAME_MIN_W, LANE_HEADER, LaneBox, Rect};
use crate::live::fault_menu::{IMPAIR_DROP_FRACTION, IMPAIR_LATENCY_MS};
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
    /// While a run is live: the zone's state (`None` while editing).
    #[prop_or_default]
    pub live: Option<ZoneView>,
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
    let live = props.live.as_ref();
    // An impairment's caption is longer than a compact lane: squeezed into it.
    let caption = caption(live);
    let lost = live.is_some_and(|z| z.lost);
    let impaired = live.is_some_and(|z| z.impaired);
    let class = classes!(
        "lane",
        props.armed.then_some("placeable"),
        lost.then_some("lost"),
        impaired.then_some("impaired"),
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
            if impaired || lost {
                <rect class="lane-hatch" x={r.x.to_string()} y={r.y.to_string()} width={r.w.to_string()}
                    height={r.h.to_string()} rx="10" fill="url(#lane-hatch)" pointer-events="none" />
            }
            <text class="lane-caption" x={(r.x + 14.0).to_string()} y={(r.y + 21.0).to_string()}
                fill="#5b6472" font-size="10" font-weight="600" letter-spacing="0.08em"
                textLength={squeeze_at(&caption, r.w - 22.0, 7.3)} lengthAdjust="spacingAndGlyphs">{ caption.clone() }</text>
            <text class="lane-label" x={(r.x + 14.0).to_string()} y={(r.y + LANE_HEADER - 12.0).to_string()}
                fill="#1e293b" font-size="14" font-weight="600">{ name }</text>
            if live.is_some() {
                { fault_buttons(&props.lane.zone, lost || impaired, r.x + r.w - 10.0, buttons_y(&r), &props.on_action) }
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

/// The top of the live fault buttons [px]: beside the zone's name in a regular lane,
/// under it in a compact one (whose header is taller for them, `layout::COMPACT`).
fn buttons_y(r: &Rect) -> f64 {
    if r.w < BUTTONS_BESIDE_NAME_MIN_W { r.y + LANE_HEADER + 2.0 } else { r.y + 24.0 }
}

/// The lane's small caption: what kind of place it is, or what is wrong with it now.
fn caption(live: Option<&ZoneView>) -> String {
    match live {
        Some(z) if z.lost => "ZONE LOST · NO POWER".to_owned(),
        Some(z) if z.impaired => format!(
            "IMPAIRED +{} MS · {:.0} % DROPPED",
            crate::number::num(z.added_latency_ms),
            z.drop_fraction * 100.0
        ),
        _ => "AVAILABILITY ZONE".to_owned(),
    }
}

/// "Lose" and "Impair" (or "Restore") in the lane header while a run is live, ending at
/// `right`.
fn fault_buttons(zone: &str, broken: bool, right: f64, y: f64, on_action: &Callback<Action>) -> Html {
    let zone = zone.to_owned();
    if broken {
        let restore = Command::RestoreZone { zone: zone.clone() };
        let label = format!("Restore zone {zone}");
        return lane_button("Restore", label, None, restore, (right - 62.0, y, 62.0), &zone, on_action);
    }
    let lose = Command::LoseZone { zone: zone.clone() };
    let impair = Command::ImpairZone {
        zone: zone.clone(),
        added_latency_ms: IMPAIR_LATENCY_MS,
        drop_fraction: IMPAIR_DROP_FRACTION,
    };
    html! {
        <>
            { lane_button("Impair", format!("Impair zone {zone}: +200 ms, 10 % of requests dropped"), Some("I"),
                impair, (right - 106.0, y, 56.0), &zone, on_action) }
            { lane_button("Lose", format!("Lose zone {zone}: power off everything in it"), Some("Z"),
                lose, (right - 46.0, y, 46.0), &zone, on_action) }
        </>
    }
}

/// One SVG button of a lane header that applies `command`, at (x, y, width).
fn lane_button(
    text: &str,
    label: String,
    key: Option<&str>,
    command: Command,
    (x, y, width): (f64, f64, f64),
    zone: &str,
    on_action: &Callback<Action>,
) -> Html {
    let kind = text.to_lowercase();
    let onclick = on_action.reform(move |e: MouseEvent| {
        e.stop_propagation();
        Action::Fault(command.clone())
    });
    let onkeydown = {
        let click = onclick.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                e.stop_propagation();
                if let Ok(m) = web_sys::MouseEvent::new("click") {
                    click.emit(m);
                }
            }
        })
    };
    let title = match key {
        Some(k) => format!("{label} (key {k} with a component in this zone selected)"),
        None => label.clone(),
    };
    html! {
        <g class={classes!("lane-fault", format!("lane-{kind}"))} role="button" tabindex="0"
            data-zone-fault={zone.to_owned()} data-fault={kind.clone()} aria-label={label} onclick={onclick}
            onkeydown={onkeydown}>
            <title>{ title }</title>
            <rect x={x.to_string()} y={y.to_string()} width={width.to_string()} height="21" rx="6" />
            <text x={(x + width / 2.0).to_string()} y={(y + 14.5).to_string()} text-anchor="middle" font-size="11"
                font-weight="600">{ text.to_owned() }</text>
        </g>
    }
}
