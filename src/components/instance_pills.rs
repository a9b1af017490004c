//! A running group's instances, one pill each under the group's card: its name, zone and
//! state. Each pill is its own button, in the tab order right after its group: click,
//! Enter, Space or K kills that instance, H hangs it, S slows it, R recovers it. Other
//! fault keys (Z, I, T, C) go on to the Faults panel's handler.

use nines_sim::Command;
use yew::prelude::*;

use super::node::{glyph, squeeze_at};
use crate::layout::Rect;
use crate::live::fault_menu::SLOW_FACTOR;
use crate::live::status::{Badge, InstanceState};
use crate::state::Action;

/// How far a row of four or more pills reaches past each side of the card [px].
const PILL_OVERHANG: f64 = 22.0;

/// Height of an instance pill, and its distance below the card [px].
const PILL_H: f64 = 28.0;
const PILL_GAP: f64 = 4.0;

/// The keys a pill answers, for `aria-keyshortcuts`.
const KEYS: &str = "Enter Space K H S R";

/// The pills of group `group`, whose card is `card`. Four or more reach a little past
/// the card's sides, into the gap between cards.
pub fn pills(group: &str, badges: &[Badge], card: Rect, on_action: &Callback<Action>) -> Html {
    let n = badges.len().max(1) as f64;
    let gap = 4.0;
    let w = card.w;
    let (left, row) = if n >= 4.0 { (-PILL_OVERHANG, w + 2.0 * PILL_OVERHANG) } else { (0.0, w) };
    let pw = ((row - gap * (n - 1.0)) / n).min(104.0);
    let top = card.h + PILL_GAP;
    html! {
        <g class="instance-pills" data-group={group.to_owned()} role="group"
            aria-label={format!("Instances of {group}")}
            transform={format!("translate({} {})", card.x, card.y)}>
            { for badges.iter().enumerate().map(|(k, b)| pill(b, left + k as f64 * (pw + gap), top, pw, on_action)) }
        </g>
    }
}

/// What a key on a focused pill does to its instance; `None` leaves the key to others.
pub fn key_command(key: &str, instance: &str) -> Option<Command> {
    let instance = instance.to_owned();
    Some(match key {
        "Enter" | " " | "k" | "K" => Command::KillInstance { instance },
        "h" | "H" => Command::HangInstance { instance },
        "s" | "S" => Command::SlowInstance { instance, factor: SLOW_FACTOR },
        "r" | "R" => Command::RecoverInstance { instance },
        _ => return None,
    })
}

/// One pill at `x`, `top`, `pw` wide [px].
fn pill(b: &Badge, x: f64, top: f64, pw: f64, on_action: &Callback<Action>) -> Html {
    let name = b.name.clone();
    let kill = on_action.reform(move |e: MouseEvent| {
        e.stop_propagation();
        Action::Fault(Command::KillInstance { instance: name.clone() })
    });
    let on_key = {
        let (on_action, name) = (on_action.clone(), b.name.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() || e.repeat() {
                return;
            }
            let Some(command) = key_command(&e.key(), &name) else { return };
            // Handled here: the window's fault keys would aim at the selection instead.
            e.prevent_default();
            e.stop_propagation();
            on_action.emit(Action::Fault(command));
        })
    };
    let stop = Callback::from(|e: PointerEvent| e.stop_propagation());
    let label = if pw >= 80.0 { format!("{} · {}", b.name, b.zone) } else { b.name.clone() };
    let state = if pw < 80.0 { short(b) } else { b.text.clone() };
    let room = pw - 9.0;
    // The glyph shrinks in narrow badges and the name gives way to it.
    let r = if pw < 56.0 { 4.5 } else { 5.5 };
    let name_room = pw - 9.0 - 2.0 * r - 3.0;
    html! {
        <g class={classes!("instance-pill", b.tone.class(), b.state.class())} data-instance={b.name.clone()}
            data-state={b.text.clone()} data-zone={b.zone.clone()} role="button" tabindex="0"
            aria-label={format!("{label} {state} ({})", accessible_name(b))} aria-keyshortcuts={KEYS}
            onclick={kill} onkeydown={on_key} onpointerdown={stop}>
            <title>{ format!("{} in zone {}: {} (click to kill)", b.name, b.zone, b.text) }</title>
            <rect class="pill-focus" x={(x - 3.0).to_string()} y={(top - 3.0).to_string()}
                width={(pw + 6.0).to_string()} height={(PILL_H + 6.0).to_string()} rx="8" fill="none" />
            <rect x={x.to_string()} y={top.to_string()} width={pw.to_string()} height={PILL_H.to_string()} rx="6" />
            <text x={(x + 5.0).to_string()} y={(top + 11.0).to_string()} font-size="10" font-weight="700"
                textLength={squeeze_at(&label, name_room, 5.6)} lengthAdjust="spacingAndGlyphs" aria-hidden="true">
                { label }</text>
            // A space between name and state in the text taken from the drawing.
            {" "}
            <text class="pill-state" x={(x + 5.0).to_string()} y={(top + 23.0).to_string()} font-size="9.5"
                textLength={squeeze_at(&state, room, 5.3)} lengthAdjust="spacingAndGlyphs" aria-hidden="true">
                { state }</text>
            { glyph(Some(b.state), b.tone, x + pw - r - 3.0, top + 8.0, r) }
        </g>
    }
}

/// What a screen reader says on a pill after the pill's own text (label in name, WCAG
/// 2.5.3): the whole state, and what its keys do.
pub fn accessible_name(b: &Badge) -> String {
    format!(
        "Instance {} in zone {}: {}. Enter or K kills it, H hangs, S slows, R recovers.",
        b.name, b.zone, b.text
    )
}

/// A badge's state in a few letters, for pills too narrow for the whole text: the fault
/// first (that is what the learner did), then how far the health checks have got.
fn short(b: &Badge) -> String {
    let fault = match b.state {
        InstanceState::Crashed => Some("crash"),
        InstanceState::Hung => Some("hung"),
        InstanceState::Slow => Some("slow"),
        _ => None,
    };
    let health = b.text.rsplit(" · ").next().unwrap_or(&b.text);
    let health = match health {
        "in service" => "ok".to_owned(),
        "out of service" => "out".to_owned(),
        "terminated" => "gone".to_owned(),
        "launching" => "boot".to_owned(),
        "draining" => "drain".to_owned(),
        t if t.starts_with("failing ") => format!("fail {}", &t[8..]),
        t if t.starts_with("registering ") => format!("reg {}", &t[12..]),
        t => t.chars().take(5).collect(),
    };
    // The glyph already shows the fault once the health checks have caught up.
    match fault {
        Some(f) if health == "ok" => f.to_owned(),
        Some(f) if health.starts_with("fail ") => format!("{f} {}", &health[5..]),
        _ => health,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::status::Tone;

    #[test]
    fn the_fault_keys_act_on_the_pills_own_instance() {
        assert_eq!(key_command("Enter", "i-3"), Some(Command::KillInstance { instance: "i-3".into() }));
        assert_eq!(key_command(" ", "i-3"), Some(Command::KillInstance { instance: "i-3".into() }));
        assert_eq!(key_command("h", "i-3"), Some(Command::HangInstance { instance: "i-3".into() }));
        assert_eq!(
            key_command("S", "i-3"),
            Some(Command::SlowInstance { instance: "i-3".into(), factor: SLOW_FACTOR })
        );
        assert_eq!(key_command("r", "i-3"), Some(Command::RecoverInstance { instance: "i-3".into() }));
        assert_eq!(key_command("z", "i-3"), None, "zone keys go on to the Faults panel");
    }

    #[test]
    fn the_name_says_state_zone_and_keys() {
        let b = Badge {
            name: "i-3".into(),
            zone: "b".into(),
            text: "failing 1/2".into(),
            tone: Tone::Warn,
            state: InstanceState::Failing,
        };
        let name = accessible_name(&b);
        assert!(name.starts_with("Instance i-3 in zone b: failing 1/2."), "{name}");
        assert!(name.contains("Enter or K kills it"), "{name}");
        assert_eq!(short(&b), "fail 1/2");
    }
}
