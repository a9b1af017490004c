//! Principle 1, design for failure: no single point of failure on a request path, a
//! database standby, and single-component kills survived without a human.

use super::experiment::{ExperimentKind, ExperimentRecord};
use super::score::{Card, Finding, Inputs, clock, disruption_share, percent, seconds};
use crate::design::{ComponentSpec, Role, Sessions};

/// Points for no single point of failure.
const SPOF: u32 = 35;
/// Points for database standbys.
const STANDBY: u32 = 15;
/// Points for the single-component kills.
const KILLS: u32 = 50;
/// Points, for designs with sticky sessions, for keeping sessions out of instance memory.
const SESSIONS: u32 = 10;

/// The checks of principle 1.
pub fn score(inputs: &Inputs<'_>) -> Card {
    let mut card = Card::default();
    for id in &inputs.structure.off_path {
        card.note(format!("{id} is on no request path: it earns nothing"), Some(id));
    }
    single_points(inputs, &mut card);
    standbys(inputs, &mut card);
    sticky_sessions(inputs, &mut card);
    let kills: Vec<(usize, &ExperimentRecord)> = inputs
        .experiments
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, ExperimentKind::KillInstance | ExperimentKind::KillDatabase))
        .collect();
    for (index, record) in &kills {
        card.measured(KILLS / kills.len() as u32, survived(record), inputs, *index);
    }
    card
}

/// The stages of a request path: each present stage has an equal share of the points,
/// lost if any of its components is a single point of failure (so adding components to a
/// healthy stage never dilutes a single point of failure elsewhere).
fn single_points(inputs: &Inputs<'_>, card: &mut Card) {
    let s = inputs.structure;
    let mut stages: Vec<&str> = s.tiers.iter().map(|t| stage(&t.kind, inputs, &t.id)).collect();
    stages.sort_unstable();
    stages.dedup();
    if s.single_points.is_empty() {
        let text = "no single component on a request path cuts every path".to_owned();
        card.structure(SPOF, Finding::fact(true, text, None, ""));
        return;
    }
    for stage_name in &stages {
        let spofs: Vec<&String> = s
            .single_points
            .iter()
            .filter(|id| s.tier(id).is_some_and(|t| stage(&t.kind, inputs, id) == *stage_name))
            .collect();
        let weight = SPOF / stages.len() as u32;
        let finding = match spofs.first() {
            None => Finding::fact(
                true,
                format!("the {stage_name} stage has no single point of failure"),
                None,
                "",
            ),
            Some(id) => {
                let text = format!(
                    "{id} is a single point of failure: losing it cuts every path through the {stage_name} stage"
                );
                let hint = format!(
                    "give {id} a second member: a second instance behind a load balancer, a group of ≥ 2, or a Multi-AZ standby"
                );
                Finding::fact(false, text, Some(id), &hint)
            }
        };
        card.structure(weight, finding);
    }
}

/// The stage of a tier: load balancer, web, queue, worker or database.
fn stage(kind: &str, inputs: &Inputs<'_>, id: &str) -> &'static str {
    let role = inputs.design.component(id).and_then(|c| match &c.spec {
        ComponentSpec::Instance(i) => Some(i.template.role),
        ComponentSpec::AutoScalingGroup(g) => Some(g.instance.role),
        _ => None,
    });
    match (kind, role) {
        ("load_balancer", _) => "load-balancer",
        ("queue", _) => "queue",
        ("database", _) => "database",
        (_, Some(Role::Worker)) => "worker",
        _ => "web",
    }
}

fn standbys(inputs: &Inputs<'_>, card: &mut Card) {
    let dbs: Vec<_> = inputs
        .design
        .components
        .iter()
        .filter(|c| inputs.structure.is_on_path(&c.id))
        .filter_map(|c| match &c.spec {
            ComponentSpec::Database(db) => Some((c.id.as_str(), db)),
            _ => None,
        })
        .collect();
    for (id, db) in &dbs {
        let ok = db.standby_zone.is_some();
        let text = if ok {
            format!("{id} has a Multi-AZ standby: a failed primary fails over in 1–2 minutes")
        } else {
            format!("{id} has no standby: a failed primary waits 10–30 minutes for a new host")
        };
        let hint = format!("make {id} Multi-AZ (set a standby zone)");
        card.structure(STANDBY / dbs.len() as u32, Finding::fact(ok, text, Some(id), &hint));
    }
}

/// A sticky load balancer on a request path whose targets keep sessions in memory: when
/// a target dies, so do its users' sessions (ALB stickiness sends them elsewhere).
fn sticky_sessions(inputs: &Inputs<'_>, card: &mut Card) {
    let design = inputs.design;
    for c in design.components.iter().filter(|c| inputs.structure.is_on_path(&c.id)) {
        let ComponentSpec::LoadBalancer(lb) = &c.spec else { continue };
        if !lb.stickiness {
            continue;
        }
        let in_memory: Vec<&str> = design
            .targets_of(&c.id)
            .filter(|t| {
                design.component(t).is_some_and(|t| match &t.spec {
                    ComponentSpec::Instance(i) => i.template.sessions == Sessions::InMemory,
                    ComponentSpec::AutoScalingGroup(g) => g.instance.sessions == Sessions::InMemory,
                    _ => false,
                })
            })
            .collect();
        let id = c.id.as_str();
        let finding = match in_memory.first() {
            None => Finding::fact(
                true,
                format!(
                    "{id} has sticky sessions, and its targets keep sessions in a store: a dead target loses none"
                ),
                Some(id),
                "",
            ),
            Some(first) => Finding::fact(
                false,
                format!(
                    "{id} pins users to targets that keep sessions in memory ({}): a dead target loses its users' sessions",
                    in_memory.join(", ")
                ),
                Some(first),
                &format!(
                    "keep sessions in a key-value store: link {first} to one and set its sessions to \"in a store\""
                ),
            ),
        };
        card.structure(SESSIONS, finding);
    }
}

/// How well one kill went: availability, automatic recovery within 5 min, nothing lost.
fn survived(record: &ExperimentRecord) -> Finding {
    let r = &record.result;
    let recovered = r.time_to_recover_s.is_some_and(|s| s <= 300.0);
    let lost = r.writes_lost + r.messages_lost + r.sessions_lost;
    let share = disruption_share(r.availability_during, recovered, lost == 0);
    let mut text = format!(
        "{} at {} → {} available during, recovered: {}, {} writes and {} messages lost",
        record.name,
        clock(record.faults.first().map_or(0, |f| f.at)),
        percent(r.availability_during),
        seconds(r.time_to_recover_s),
        r.writes_lost,
        r.messages_lost
    );
    if r.sessions_lost > 0 {
        text.push_str(&format!(", {} user sessions lost", r.sessions_lost));
    }
    let target = record.component.clone().unwrap_or_default();
    let hint = if recovered {
        format!(
            "{target} survives losing a member but requests fail meanwhile: add members so the rest carry the load"
        )
    } else {
        format!(
            "nothing replaces {target} when it fails: put it in an auto-scaling group of ≥ 2 behind a load balancer, or make it Multi-AZ"
        )
    };
    Finding { share, text, component: record.component.clone(), hint: Some(hint) }
}
