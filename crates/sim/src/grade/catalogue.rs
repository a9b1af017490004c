//! The experiment catalogue of a design: which game days the grader runs, with what
//! faults, at what times and for how long.
//!
//! Durations are chosen to let the slowest automatic reaction play out, not more (every
//! simulated second of the three-tier design costs ~1,000 requests):
//!
//! | experiment | fault at | watched after the (last) fault | why |
//! | --- | --- | --- | --- |
//! | baseline | — | 3 min | steady state, cost |
//! | kill / hang instance | 1 min | 5 min + 1 min after | 2 failed checks (60 s) + launch 2–3 min |
//! | kill database primary | 1 min | 4 min + 1 min after | Multi-AZ failover 60–120 s |
//! | lose zone (restored after 6 min) | 1 min | 2 min + 1 min after the restore | replacements in other zones |
//! | spike 5× for 10 min | 1 min | 15 min + 13 min after | warm-up; scale-in needs 15 low minutes |
//! | stop consumers 10 min | 1 min | 5 min after restart + 1 min | backlog drains |
//! | lose region (two regions; restored after 15 min) | 1 min | 3 min after the restore | DNS detection + TTL, late resolvers' 10 TTLs |
//!
//! A single-AZ database's host replacement (10–30 min) and restore (hours) do not fit:
//! they show as "not recovered within the experiment", which is the truth that matters.

use super::experiment::{Experiment, ExperimentKind};
use super::recovery::Disruption;
use super::structure::Structure;
use crate::command::{Command, TimedCommand};
use crate::design::{ComponentSpec, Design, Role};
use crate::game_day::{GameDay, Hypothesis};
use crate::time::{MINUTE, Micros};
use crate::world::World;

/// When every fault strikes: after one whole steady minute.
pub const FAULT_AT: Micros = MINUTE;

/// When a lost zone returns: 6 minutes after the loss, later than the default 5-minute
/// RTO, so recovering only because the zone came back never meets the policy.
pub const ZONE_RESTORED_AT: Micros = FAULT_AT + 6 * MINUTE;

/// The steady-state hypothesis of every experiment: each minute ≥ 99 % available,
/// nothing lost.
pub const HYPOTHESIS_PERCENT: f64 = 99.0;

/// The experiments for a design, in a fixed order: baseline; kills (instances, database
/// primaries); zones; spike; hang; consumers.
pub fn plan(design: &Design, structure: &Structure) -> Vec<Experiment> {
    let mut plan = vec![baseline()];
    let victims = victims(design, structure);
    for (component, instance) in &victims {
        plan.push(kill_instance(component, instance));
    }
    for c in design.components.iter().filter(|c| structure.is_on_path(&c.id)) {
        if let ComponentSpec::Database(_) = c.spec {
            plan.push(kill_database(&c.id));
        }
    }
    for zone in zones_in_use(design, structure) {
        plan.push(lose_zone(&zone));
    }
    if design.regions.len() > 1 {
        for region in &design.regions {
            plan.push(lose_region(&region.name));
        }
    }
    plan.push(spike());
    if let Some((component, instance)) = victims.iter().find(|(c, _)| serves_requests(design, c)) {
        plan.push(hang(component, instance));
    }
    for c in design.components.iter().filter(|c| structure.is_on_path(&c.id)) {
        if matches!(c.spec, ComponentSpec::Queue(_)) && design.targets_of(&c.id).next().is_some() {
            plan.push(stop_consumers(&c.id));
        }
    }
    plan
}

fn day(timeline: Vec<TimedCommand>, duration: Micros, settle: Micros) -> GameDay {
    GameDay {
        hypothesis: Hypothesis::availability_and_no_loss(HYPOTHESIS_PERCENT),
        timeline,
        duration,
        settle,
    }
}

fn at(t: Micros, command: Command) -> TimedCommand {
    TimedCommand { at: t, command }
}

fn baseline() -> Experiment {
    Experiment {
        name: "baseline".to_owned(),
        kind: ExperimentKind::Baseline,
        disruption: None,
        component: None,
        fis_action: None,
        day: day(Vec::new(), 3 * MINUTE, 0),
    }
}

fn kill_instance(component: &str, instance: &str) -> Experiment {
    let faults = vec![at(FAULT_AT, Command::KillInstance { instance: instance.to_owned() })];
    Experiment {
        name: if instance == component {
            format!("kill {instance}")
        } else {
            format!("kill {instance} of {component}")
        },
        kind: ExperimentKind::KillInstance,
        disruption: Some(Disruption::Instance),
        component: Some(component.to_owned()),
        fis_action: Some("aws:ec2:terminate-instances".to_owned()),
        day: day(faults, FAULT_AT + 6 * MINUTE, 5 * MINUTE),
    }
}

fn kill_database(database: &str) -> Experiment {
    let faults = vec![at(FAULT_AT, Command::KillDatabasePrimary { database: database.to_owned() })];
    Experiment {
        name: format!("fail {database} primary"),
        kind: ExperimentKind::KillDatabase,
        disruption: Some(Disruption::Database),
        component: Some(database.to_owned()),
        fis_action: Some("aws:rds:reboot-db-instances (force failover)".to_owned()),
        day: day(faults, FAULT_AT + 5 * MINUTE, 4 * MINUTE),
    }
}

fn lose_zone(zone: &str) -> Experiment {
    let faults = vec![
        at(FAULT_AT, Command::LoseZone { zone: zone.to_owned() }),
        at(ZONE_RESTORED_AT, Command::RestoreZone { zone: zone.to_owned() }),
    ];
    Experiment {
        name: format!("lose zone {zone}"),
        kind: ExperimentKind::LoseZone,
        disruption: Some(Disruption::Zone),
        component: None,
        fis_action: Some("aws:network:disrupt-connectivity (AZ power interruption scenario)".to_owned()),
        day: day(faults, ZONE_RESTORED_AT + 3 * MINUTE, 2 * MINUTE),
    }
}

/// When a lost region returns: long enough for DNS detection (≤ 90 s) and the late
/// resolvers' ten TTLs of 60 s to play out.
pub const REGION_RESTORED_AT: Micros = FAULT_AT + 15 * MINUTE;

fn lose_region(region: &str) -> Experiment {
    let faults = vec![
        at(FAULT_AT, Command::LoseRegion { region: region.to_owned() }),
        at(REGION_RESTORED_AT, Command::RestoreRegion { region: region.to_owned() }),
    ];
    Experiment {
        name: format!("lose region {region}"),
        kind: ExperimentKind::LoseRegion,
        disruption: None,
        component: None,
        fis_action: None,
        day: day(faults, REGION_RESTORED_AT + 3 * MINUTE, 2 * MINUTE),
    }
}

fn spike() -> Experiment {
    let faults = vec![at(FAULT_AT, Command::TrafficSpike { factor: 5.0, duration_s: 600.0 })];
    Experiment {
        name: "spike 5× for 10 min".to_owned(),
        kind: ExperimentKind::TrafficSpike,
        disruption: None,
        component: None,
        fis_action: None,
        day: day(faults, FAULT_AT + 28 * MINUTE, 15 * MINUTE),
    }
}

fn hang(component: &str, instance: &str) -> Experiment {
    let faults = vec![at(FAULT_AT, Command::HangInstance { instance: instance.to_owned() })];
    Experiment {
        name: if instance == component {
            format!("hang {instance}")
        } else {
            format!("hang {instance} of {component}")
        },
        kind: ExperimentKind::HangInstance,
        disruption: Some(Disruption::Software),
        component: Some(component.to_owned()),
        fis_action: Some("aws:ssm:send-command (stop the service, process alive)".to_owned()),
        day: day(faults, FAULT_AT + 6 * MINUTE, 5 * MINUTE),
    }
}

fn stop_consumers(queue: &str) -> Experiment {
    let faults = vec![
        at(FAULT_AT, Command::StopConsumers { queue: queue.to_owned() }),
        at(FAULT_AT + 10 * MINUTE, Command::StartConsumers { queue: queue.to_owned() }),
    ];
    Experiment {
        name: format!("stop consumers of {queue} for 10 min"),
        kind: ExperimentKind::StopConsumers,
        disruption: Some(Disruption::Dependency),
        component: Some(queue.to_owned()),
        fis_action: None,
        day: day(faults, FAULT_AT + 16 * MINUTE, 5 * MINUTE),
    }
}

/// One instance to kill per serving component on a path, `(component id, instance name)`:
/// a hand-placed instance is itself; a group's is its first instance at the start.
fn victims(design: &Design, structure: &Structure) -> Vec<(String, String)> {
    let Ok(world) = World::with_seed(design, design.seed) else { return Vec::new() };
    let mut out = Vec::new();
    for c in design.components.iter().filter(|c| structure.is_on_path(&c.id)) {
        match &c.spec {
            ComponentSpec::Instance(_) => out.push((c.id.clone(), c.id.clone())),
            ComponentSpec::AutoScalingGroup(_) => {
                let group = world.groups.iter().position(|g| g.name == c.id);
                let first = world
                    .instances
                    .iter()
                    .find(|i| group.is_some_and(|g| i.group.map(|x| x.0 as usize) == Some(g)));
                if let Some(instance) = first {
                    out.push((c.id.clone(), instance.name.clone()));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a component answers requests (a web instance or group).
fn serves_requests(design: &Design, id: &str) -> bool {
    design.component(id).is_some_and(|c| match &c.spec {
        ComponentSpec::Instance(i) => i.template.role == Role::Web,
        ComponentSpec::AutoScalingGroup(g) => g.instance.role == Role::Web,
        _ => false,
    })
}

/// Zones that hold something on a request path, in region order.
fn zones_in_use(design: &Design, structure: &Structure) -> Vec<String> {
    let used =
        |zone: &str| structure.tiers.iter().any(|t| t.kind != "queue" && t.zones.iter().any(|z| z == zone));
    design.region().zones.iter().filter(|z| used(z)).cloned().collect()
}
