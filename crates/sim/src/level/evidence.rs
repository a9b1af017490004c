//! The evidence of a failed check: the moment it broke and the component at fault, with
//! what the app needs to replay that moment ("show me").

use serde::{Deserialize, Serialize};

use super::Criterion;
use super::measure::worst_p99_second;
use crate::command::{Command, TimedCommand};
use crate::measure::incident::Incident;
use crate::time::{Micros, SECOND, clock};
use crate::world::World;

/// The moment that explains a failure, with what is needed to replay it ("show me"):
/// run `level.as_run(design)` with `seed`, schedule `commands`, and stop at `at_us`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Index in the level's criteria of the failed criterion this explains.
    pub criterion: usize,
    /// The moment to show [µs from the start of the run].
    pub at_us: Micros,
    /// The component at fault (the fault's target, the single point of failure), if one is.
    pub component: Option<String>,
    /// What happened, in a sentence, e.g. "killed web-1 at 00:10:00: 1,234 requests failed".
    pub what: String,
    /// The seed of the run.
    pub seed: u64,
    /// The level's incident as commands, in time order.
    pub commands: Vec<TimedCommand>,
}

/// The moment that explains why `criterion` (number `index`) failed.
pub(crate) fn evidence(
    index: usize,
    criterion: &Criterion,
    world: &World,
    seed: u64,
    commands: Vec<TimedCommand>,
) -> Evidence {
    let Moment { at_us, component, what } = moment(criterion, world);
    Evidence { criterion: index, at_us, component, what, seed, commands }
}

/// When a criterion's failure shows, what is at fault, and what happened.
struct Moment {
    at_us: Micros,
    component: Option<String>,
    what: String,
}

fn moment(criterion: &Criterion, world: &World) -> Moment {
    let end = world.now();
    let incidents = world.summary().incidents;
    match criterion {
        Criterion::AvailabilityAtLeast { .. } => {
            let worst = incidents.iter().max_by_key(|i| i.failed_requests);
            incident_moment(world, worst, |i| format!("{} requests failed", i.failed_requests))
        }
        Criterion::RecoveryWithin { .. } => {
            let slowest =
                incidents.iter().max_by_key(|i| i.recovered.unwrap_or(end).saturating_sub(i.started));
            incident_moment(world, slowest, |i| match i.time_to_recover_s() {
                Some(s) => format!("requests kept failing for {s:.0} s"),
                None => "requests were still failing at the end".to_owned(),
            })
        }
        Criterion::MessagesLost { .. } | Criterion::WritesLost { .. } | Criterion::DuplicateWrites { .. } => {
            let summary = world.summary();
            let lost = format!(
                "{} messages lost, {} writes lost, {} duplicate writes over the run",
                summary.messages_lost, summary.writes_lost, summary.duplicate_writes
            );
            match incidents.first() {
                Some(first) => incident_moment(world, Some(first), |_| lost.clone()),
                None => Moment { at_us: 0, component: None, what: lost },
            }
        }
        Criterion::P99AtMost { after_s, .. } => {
            let at_us = worst_p99_second(world, *after_s).unwrap_or(after_s * SECOND);
            Moment { at_us, component: None, what: format!("the slowest second started at {}", clock(at_us)) }
        }
        Criterion::CostPerHourAtMost { .. } => Moment {
            at_us: end,
            component: None,
            what: format!("at the end of the run everything running cost ${:.3} per hour", world.cost_rate()),
        },
        Criterion::HealthyTargetsAtLeast { load_balancer, .. } => Moment {
            at_us: end,
            component: Some(load_balancer.clone()),
            what: format!("at the end of the run {load_balancer} had too few healthy targets"),
        },
    }
}

/// The moment an incident started, naming its fault's target; `None` (no incident) is
/// the start of the run.
fn incident_moment(
    world: &World,
    incident: Option<&Incident>,
    outcome: impl Fn(&Incident) -> String,
) -> Moment {
    match incident {
        Some(i) => Moment {
            at_us: i.started,
            component: target_of_incident(world, i),
            what: format!("{} at {}: {}", i.label, clock(i.started), outcome(i)),
        },
        None => Moment { at_us: 0, component: None, what: "no fault of the incident took effect".to_owned() },
    }
}

/// The component a fault named: the command applied when the incident opened, with the
/// same description.
fn target_of_incident(world: &World, incident: &Incident) -> Option<String> {
    world
        .commands_applied()
        .iter()
        .find(|(at, command)| *at == incident.started && command.describe() == incident.label)
        .and_then(|(_, command)| target_of(command))
}

/// The component or zone a command names, if it names one.
fn target_of(command: &Command) -> Option<String> {
    match command {
        Command::KillInstance { instance }
        | Command::HangInstance { instance }
        | Command::SlowInstance { instance, .. }
        | Command::RecoverInstance { instance } => Some(instance.clone()),
        Command::KillDatabasePrimary { database } | Command::PromoteReplica { database, .. } => {
            Some(database.clone())
        }
        Command::LoseZone { zone } | Command::ImpairZone { zone, .. } | Command::RestoreZone { zone } => {
            Some(format!("zone {zone}"))
        }
        Command::StopConsumers { queue } | Command::StartConsumers { queue } => Some(queue.clone()),
        Command::SetDesiredCapacity { group, .. } => Some(group.clone()),
        _ => None,
    }
}
