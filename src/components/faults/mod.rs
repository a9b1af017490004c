//! The Faults panel: break the selected component (kill, hang, slow or recover an
//! instance — each instance of a group —, kill a database primary or promote a replica,
//! stop or start a queue's consumers), lose, impair or restore a zone, a traffic spike,
//! and chaos monkey. Every button applies a [`Command`] now (starting the run if needed);
//! the same faults are on keys ([`crate::hooks::fault_keys`]), shown on the buttons.

use std::rc::Rc;

use nines_sim::Command;
use nines_sim::design::{ComponentSpec, Design};
use nines_sim::snapshot::Snapshot;
use web_sys::HtmlInputElement;
use yew::prelude::*;

mod edge;
pub mod record;
pub mod settings;

use crate::hooks::fault_keys::use_fault_keys;
use crate::live::fault_menu::{self, FaultSettings, IMPAIR_DROP_FRACTION, IMPAIR_LATENCY_MS, SLOW_FACTOR};
use crate::live::status;
use crate::state::Action;
use settings::{ChaosControls, SpikeControls};

#[derive(Properties, PartialEq)]
pub struct FaultsProps {
    pub design: Rc<Design>,
    pub selected: Option<AttrValue>,
    pub snapshot: Option<Rc<Snapshot>>,
    pub on_action: Callback<Action>,
}

/// A fault button: its text, what it does in words, its key (on the first row only). The
/// words start with the text (label in name, WCAG 2.5.3: voice control finds it by it).
pub(super) fn fault_button(
    text: &str,
    label: String,
    key: Option<&str>,
    command: Command,
    on_action: &Callback<Action>,
) -> Html {
    let mends = matches!(
        command,
        Command::RecoverInstance { .. }
            | Command::RestoreZone { .. }
            | Command::StartConsumers { .. }
            | Command::RestoreStore { .. }
            | Command::RestoreStorage { .. }
            | Command::RestoreCdn { .. }
            | Command::RestoreRegion { .. }
            | Command::StopChaosMonkey
    );
    let onclick = on_action.reform(move |_| Action::Fault(command.clone()));
    let title = match key {
        Some(k) => format!("{label} (key {k})"),
        None => label.clone(),
    };
    html! {
        <button type="button" class={classes!("btn", "btn-fault", mends.then_some("btn-mend"))} onclick={onclick}
            aria-label={label} title={title}
            aria-keyshortcuts={key.map(str::to_owned)}>
            { text.to_owned() }
            // The key is drawn by CSS from `data-key`: a hint, not part of the button's
            // words (its name starts with them; aria-keyshortcuts tells the key).
            if let Some(k) = key { <kbd aria-hidden="true" data-key={k.to_owned()}></kbd> }
        </button>
    }
}

#[function_component(Faults)]
pub fn faults(props: &FaultsProps) -> Html {
    let settings = use_state(FaultSettings::default);
    use_fault_keys(
        props.design.clone(),
        props.snapshot.clone(),
        props.selected.clone(),
        (*settings).clone(),
        props.on_action.clone(),
    );
    let on_settings = {
        let settings = settings.clone();
        Callback::from(move |next: FaultSettings| settings.set(next))
    };
    let selected = props.selected.as_deref().and_then(|id| props.design.component(id));
    html! {
        <section class="panel faults" aria-labelledby="faults-title">
            <header class="panel-head">
                <h2 id="faults-title">{"Break things"}</h2>
            </header>
            <div class="faults-body">
                { selected.map(|c| selected_section(props, c)).unwrap_or_else(|| html! {
                    <p class="fault-hint">{"Select an instance, group, database, queue, store, CDN or object storage to break it."}</p>
                }) }
                { regions_section(props) }
                { zones_section(props) }
                <SpikeControls settings={(*settings).clone()} on_change={on_settings.clone()}
                    on_action={props.on_action.clone()} />
                <ChaosControls settings={(*settings).clone()} on_change={on_settings} design={props.design.clone()}
                    chaos={props.snapshot.as_ref().and_then(|s| s.chaos.clone())} on_action={props.on_action.clone()} />
                <p class="fault-keys" id="fault-keys-help">
                    <strong>{"Keys"}</strong>
                    {" (act on the selected component; ignored while typing): "}
                    { for fault_menu::KEYS.iter().enumerate().map(|(k, (key, what))| html! {
                        <>
                            if k > 0 { {" · "} }
                            <kbd>{ *key }</kbd>{ format!(" {what}") }
                        </>
                    }) }
                </p>
            </div>
        </section>
    }
}

/// The faults of the selected component, under its name.
fn selected_section(props: &FaultsProps, component: &nines_sim::design::Component) -> Html {
    let id = component.id.as_str();
    let on_action = &props.on_action;
    let snapshot = props.snapshot.as_deref();
    let rows: Html = match &component.spec {
        ComponentSpec::Instance(_) | ComponentSpec::AutoScalingGroup(_) => match snapshot {
            Some(s) => {
                let rows: Vec<Html> = fault_menu::instances_of(s, id)
                    .enumerate()
                    .map(|(k, i)| instance_row(i, k == 0, on_action))
                    .collect();
                if rows.is_empty() {
                    html! { <li class="fault-hint">{ format!("{id} has no running instance now.") }</li> }
                } else {
                    rows.into_iter().collect()
                }
            }
            None if matches!(component.spec, ComponentSpec::Instance(_)) => {
                instance_buttons(id, None, true, on_action)
            }
            None => html! {
                <li class="fault-hint">{"Press Play or Step: the group's instances appear here."}</li>
            },
        },
        ComponentSpec::Database(d) => database_rows(id, d, snapshot, on_action),
        ComponentSpec::Queue(_) => {
            let stopped = snapshot
                .and_then(|s| s.queues.iter().find(|q| q.name == id))
                .is_some_and(|q| q.consumers_stopped);
            let queue = id.to_owned();
            let button = if stopped {
                fault_button(
                    "Start consumers",
                    format!("Start the consumers of {id}"),
                    Some("Q"),
                    Command::StartConsumers { queue },
                    on_action,
                )
            } else {
                fault_button(
                    "Stop consumers",
                    format!("Stop every consumer of {id}"),
                    Some("Q"),
                    Command::StopConsumers { queue },
                    on_action,
                )
            };
            html! { <li class="fault-row">{ button }</li> }
        }
        ComponentSpec::KeyValueStore(_) => store_row(id, snapshot, on_action),
        ComponentSpec::ObjectStorage(_) => edge::storage_row(id, snapshot, on_action),
        ComponentSpec::Cdn(_) => edge::cdn_row(id, snapshot, on_action),
        _ => html! {
            <li class="fault-hint">{ format!("{id} has no faults of its own: try its zone, a spike or chaos monkey.") }</li>
        },
    };
    html! {
        <div class="fault-group" aria-labelledby="faults-selected">
            <h3 id="faults-selected">{ format!("Selected: {id}") }</h3>
            <ul class="fault-list">{ rows }</ul>
        </div>
    }
}

/// A key-value store: a regional outage, or its end. A zone loss never takes it down
/// (it is replicated across three zones), so this is its only fault.
fn store_row(
    id: &str,
    snapshot: Option<&nines_sim::snapshot::Snapshot>,
    on_action: &Callback<Action>,
) -> Html {
    let up = snapshot.and_then(|s| s.key_value_stores.iter().find(|k| k.name == id)).is_none_or(|k| k.up);
    let store = id.to_owned();
    let button = if up {
        fault_button(
            "Regional outage",
            format!(
                "Regional outage of {id}: it stops answering, a rare regional event (losing a zone never does it)"
            ),
            Some("O"),
            Command::StoreOutage { store },
            on_action,
        )
    } else {
        fault_button(
            "Restore",
            format!("Restore {id}: it answers again"),
            Some("O"),
            Command::RestoreStore { store },
            on_action,
        )
    };
    html! {
        <li class="fault-row" data-store={id.to_owned()}>
            <span class="fault-name">{ id.to_owned() }</span>
            <span class="fault-state">{ if up { "answering · survives a zone loss" } else { "down · regional outage" } }</span>
            <span class="fault-buttons">{ button }</span>
        </li>
    }
}

/// One running instance: its state, and the faults that fit it.
fn instance_row(i: &nines_sim::snapshot::InstanceView, first: bool, on_action: &Callback<Action>) -> Html {
    let badge = status::badge(i);
    instance_buttons(&i.name, Some((badge, i)), first, on_action)
}

/// Kill, hang and slow an instance (or recover it when hung or slow); keys on `first`.
fn instance_buttons(
    name: &str,
    live: Option<(status::Badge, &nines_sim::snapshot::InstanceView)>,
    first: bool,
    on_action: &Callback<Action>,
) -> Html {
    let key = |k: &'static str| first.then_some(k);
    let instance = name.to_owned();
    let breakable = live.as_ref().is_none_or(|(_, i)| fault_menu::can_break(i));
    let recoverable = live.as_ref().is_some_and(|(_, i)| fault_menu::can_recover(i));
    let slow = format!("Slow ×{}", crate::number::num(SLOW_FACTOR));
    html! {
        <li class={classes!("fault-row", live.as_ref().map(|(b, _)| b.tone.class()))} data-instance={name.to_owned()}>
            <span class="fault-name">{ name.to_owned() }</span>
            if let Some((badge, _)) = &live {
                <span class="fault-state">{ format!("{} · zone {}", badge.text, badge.zone) }</span>
            }
            <span class="fault-buttons">
                if live.as_ref().is_none_or(|(b, _)| b.state != status::InstanceState::Crashed) {
                    { fault_button("Kill", format!("Kill {name}"), key("K"),
                        Command::KillInstance { instance: instance.clone() }, on_action) }
                }
                if breakable {
                    { fault_button("Hang", format!("Hang {name}: alive but never answers"), key("H"),
                        Command::HangInstance { instance: instance.clone() }, on_action) }
                    { fault_button(&slow, format!("{slow}: {name}, every request takes {} times longer",
                        crate::number::num(SLOW_FACTOR)), key("S"),
                        Command::SlowInstance { instance: instance.clone(), factor: SLOW_FACTOR }, on_action) }
                }
                if recoverable {
                    { fault_button("Recover", format!("Recover {name}: answer normally again"), key("R"),
                        Command::RecoverInstance { instance }, on_action) }
                }
            </span>
        </li>
    }
}

/// Kill the primary; promote a read replica when it has some.
fn database_rows(
    id: &str,
    spec: &nines_sim::design::DatabaseSpec,
    snapshot: Option<&Snapshot>,
    on_action: &Callback<Action>,
) -> Html {
    let view = snapshot.and_then(|s| s.databases.iter().find(|d| d.name == id));
    let replicas: Vec<String> = view.map_or_else(|| spec.read_replicas.clone(), |d| d.replica_zones.clone());
    let where_ = view.map(|d| {
        let standby =
            d.standby_zone.as_deref().map_or("no standby".to_owned(), |z| format!("standby in {z}"));
        format!("primary in {} · {standby}", d.primary_zone)
    });
    html! {
        <>
            <li class="fault-row">
                if let Some(text) = where_ { <span class="fault-state">{ text }</span> }
                { fault_button("Kill primary", format!("Kill primary of {id}"), Some("D"),
                    Command::KillDatabasePrimary { database: id.to_owned() }, on_action) }
            </li>
            { for replicas.iter().enumerate().map(|(k, zone)| html! {
                <li class="fault-row">
                    { fault_button(&format!("Promote replica {} ({zone})", k + 1),
                        format!("Promote replica {} (the read replica in zone {zone}) of {id} to primary", k + 1), None,
                        Command::PromoteReplica { database: id.to_owned(), replica: k as u32 }, on_action) }
                </li>
            }) }
        </>
    }
}

/// Lose or restore each region, when the design has more than one.
fn regions_section(props: &FaultsProps) -> Html {
    if props.design.regions.len() < 2 {
        return Html::default();
    }
    let lost = |name: &str| props.snapshot.as_ref().is_some_and(|s| s.lost_regions.iter().any(|r| r == name));
    html! {
        <div class="fault-group" aria-labelledby="faults-regions">
            <h3 id="faults-regions">{"Regions"}</h3>
            <ul class="fault-list">
                { for props.design.regions.iter().map(|region| {
                    let name = region.name.clone();
                    let down = lost(&name);
                    html! {
                        <li class="fault-row inline" data-region={name.clone()}>
                            <span class="fault-name">{ format!("region {name}") }</span>
                            <span class="fault-state">{ if props.snapshot.is_none() { "" } else if down { "lost" } else { "up" } }</span>
                            <span class="fault-buttons">
                                if down {
                                    { fault_button("Restore", format!("Restore region {name}"), None,
                                        Command::RestoreRegion { region: name.clone() }, &props.on_action) }
                                } else {
                                    { fault_button("Lose", format!("Lose region {name}: every zone and regional service in it"), None,
                                        Command::LoseRegion { region: name.clone() }, &props.on_action) }
                                }
                            </span>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// Lose, impair or restore each zone of the design.
fn zones_section(props: &FaultsProps) -> Html {
    let zones = &props.design.zone_names();
    // With two regions, the first region's zones are named in full too ("us-east-1a").
    let first = props.design.region().name.clone();
    let many = props.design.regions.len() > 1;
    let first_zones = props.design.region().zones.clone();
    let shown = move |zone: &str| {
        if many && first_zones.iter().any(|z| z == zone) { format!("{first}{zone}") } else { zone.to_owned() }
    };
    html! {
        <div class="fault-group" aria-labelledby="faults-zones">
            <h3 id="faults-zones">{"Zones"}</h3>
            <ul class="fault-list">
                { for zones.iter().map(|zone| {
                    let view = props.snapshot.as_ref().and_then(|s| s.zones.iter().find(|z| &z.name == zone));
                    let state = match view {
                        Some(z) if z.lost => "lost",
                        Some(z) if z.impaired => "impaired",
                        Some(_) => "up",
                        None => "",
                    };
                    let broken = matches!(state, "lost" | "impaired");
                    html! {
                        <li class="fault-row inline" data-zone={zone.clone()}>
                            <span class="fault-name">{ format!("zone {}", shown(zone)) }</span>
                            <span class="fault-state">{ state }</span>
                            <span class="fault-buttons">
                                if broken {
                                    { fault_button("Restore", format!("Restore zone {zone}"), None,
                                        Command::RestoreZone { zone: zone.clone() }, &props.on_action) }
                                } else {
                                    { fault_button("Lose", format!("Lose zone {zone}: power off everything in it"), None,
                                        Command::LoseZone { zone: zone.clone() }, &props.on_action) }
                                    { fault_button("Impair", format!("Impair zone {zone}: +{} ms, {:.0} % of requests dropped",
                                        crate::number::num(IMPAIR_LATENCY_MS), IMPAIR_DROP_FRACTION * 100.0), None,
                                        Command::ImpairZone { zone: zone.clone(), added_latency_ms: IMPAIR_LATENCY_MS,
                                            drop_fraction: IMPAIR_DROP_FRACTION }, &props.on_action) }
                                }
                            </span>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// The text of an input from its event.
pub(super) fn input_text(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}
