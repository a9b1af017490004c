//! Every shipped level is proven by the real engine: its starting design fails, its
//! reference solution passes, and the tempting wrong lesson fails (LEVELS.md).
//!
//! Each test prints the measured values and the check's wall time (`--nocapture`).

use std::time::Instant;

use nines_sim::design::{Component, ComponentSpec, Connection, Design};
use nines_sim::level::{self, Level, Verdict, check};

fn level(name: &str) -> Level {
    level::by_name(name).unwrap_or_else(|| panic!("shipped level `{name}` parses"))
}

/// Checks and prints one design's verdict with the check's wall time.
fn verdict(level: &Level, label: &str, design: &Design) -> Verdict {
    let started = Instant::now();
    let verdict = check(level, design).unwrap_or_else(|e| panic!("{label}: {e}"));
    let measured: Vec<String> = verdict
        .results
        .iter()
        .map(|r| format!("{}={:.3}{}", r.criterion.key(), r.measured, if r.passed { "" } else { "✗" }))
        .collect();
    eprintln!(
        "{:<20} {label:<22} {} ${:.3}/h {:>6.0} ms  {} {}",
        level.title,
        if verdict.passed { "pass" } else { "FAIL" },
        verdict.cost_per_hour_usd,
        started.elapsed().as_secs_f64() * 1000.0,
        measured.join(" "),
        verdict.problems.join("; ")
    );
    verdict
}

/// The start fails on a measured criterion (not only a rule), the solution passes, and
/// every wrong lesson fails with the incident applied and within the budget, so that it
/// is the simulation, not a rule, that refutes it.
fn proven(name: &str, wrong: &[(&str, Design)]) {
    let level = level(name);
    let start = verdict(&level, "start", &level.start);
    assert!(!start.passed, "{name}: the start must fail");
    assert!(start.results.iter().any(|r| !r.passed), "{name}: the start fails a criterion: {start:?}");
    let solution = verdict(&level, "solution", &level.solution);
    assert!(solution.passed, "{name}: the solution must pass: {solution:?}");
    assert!(solution.explanation.is_none());
    let again = check(&level, &level.solution).expect("checks");
    let json = |v: &Verdict| serde_json::to_string(v).expect("JSON");
    assert_eq!(json(&again), json(&solution), "{name}: the same verdict byte for byte");
    for (label, design) in wrong {
        let v = verdict(&level, label, design);
        assert!(!v.passed, "{name}: the wrong lesson `{label}` must fail");
        assert!(v.problems.is_empty(), "{name}/{label} breaks no rule, it fails the goal: {:?}", v.problems);
        assert!(v.results.iter().any(|r| !r.passed), "{name}/{label}");
        let evidence = v.explanation.as_ref().expect("a failure comes with evidence");
        assert!(!v.results[evidence.criterion].passed, "the evidence explains a failed criterion");
    }
}

fn component_mut<'a>(design: &'a mut Design, id: &str) -> &'a mut ComponentSpec {
    &mut design.components.iter_mut().find(|c| c.id == id).unwrap_or_else(|| panic!("no `{id}`")).spec
}

fn set_size(design: &mut Design, id: &str, size: &str) {
    match component_mut(design, id) {
        ComponentSpec::Instance(i) => i.template.size = size.to_owned(),
        ComponentSpec::AutoScalingGroup(g) => g.instance.size = size.to_owned(),
        ComponentSpec::Database(d) => d.size = size.to_owned(),
        other => panic!("`{id}` has no size: {other:?}"),
    }
}

fn set_zone(design: &mut Design, id: &str, zone: &str) {
    match component_mut(design, id) {
        ComponentSpec::Instance(i) => i.zone = zone.to_owned(),
        other => panic!("`{id}` is not an instance: {other:?}"),
    }
}

/// A copy of instance `like`, named `id`, in `zone`, wired as `like` is.
fn add_instance(design: &mut Design, like: &str, id: &str, zone: &str) {
    let mut copy: Component = design.component(like).expect("the model instance").clone();
    copy.id = id.to_owned();
    design.components.push(copy);
    set_zone(design, id, zone);
    let wired: Vec<Connection> = design
        .connections
        .iter()
        .filter(|c| c.from == like || c.to == like)
        .map(|c| Connection {
            from: if c.from == like { id.to_owned() } else { c.from.clone() },
            to: if c.to == like { id.to_owned() } else { c.to.clone() },
        })
        .collect();
    design.connections.extend(wired);
}

fn group_mut<'a>(design: &'a mut Design, id: &str) -> &'a mut nines_sim::design::GroupSpec {
    match component_mut(design, id) {
        ComponentSpec::AutoScalingGroup(g) => g,
        other => panic!("`{id}` is not a group: {other:?}"),
    }
}

fn fixed_size(design: &mut Design, group: &str, n: u32) {
    let g = group_mut(design, group);
    (g.min, g.desired, g.max) = (n, n, n.max(g.max));
    g.max = n.max(g.min);
}

#[test]
fn one_server_bigger_instance_does_not_survive() {
    let mut bigger = level("one-server").start;
    set_size(&mut bigger, "web-1", "m5.xlarge");
    proven("one-server", &[("bigger instance", bigger)]);
}

#[test]
fn database_read_replica_or_bigger_database_does_not_fail_over() {
    let start = level("database").start;
    let mut replica = start.clone();
    if let ComponentSpec::Database(d) = component_mut(&mut replica, "db-1") {
        d.read_replicas = vec!["b".to_owned()];
    }
    let mut bigger = start;
    set_size(&mut bigger, "db-1", "db.m5.large");
    proven("database", &[("read replica", replica), ("bigger database", bigger)]);
}

#[test]
fn health_checks_more_instances_do_not_detect_faster() {
    let mut more = level("health-checks").start;
    add_instance(&mut more, "web-1", "web-3", "a");
    add_instance(&mut more, "web-2", "web-4", "b");
    proven("health-checks", &[("more instances", more)]);
}

#[test]
fn lose_a_zone_needs_n_plus_one_in_every_zone() {
    let start = level("lose-a-zone").start;
    let mut one_per_zone = start.clone();
    set_zone(&mut one_per_zone, "web-2", "b");
    let mut bigger = start;
    set_size(&mut bigger, "web-1", "m5.large");
    set_size(&mut bigger, "web-2", "m5.large");
    proven("lose-a-zone", &[("one per zone", one_per_zone), ("bigger, same zone", bigger)]);
}

#[test]
fn self_healing_more_instances_without_elb_health_checks_run_down() {
    let start = level("self-healing").start;
    let mut more = start.clone();
    fixed_size(&mut more, "web", 4);
    group_mut(&mut more, "web").max = 6;
    let mut bigger = start;
    set_size(&mut bigger, "web", "m5.large");
    proven("self-healing", &[("more instances", more), ("bigger instances", bigger)]);
}

#[test]
fn black_friday_a_fleet_sized_for_the_peak_costs_too_much_afterwards() {
    let mut fixed = level("black-friday").start;
    fixed_size(&mut fixed, "web", 4);
    proven("black-friday", &[("fixed fleet for peak", fixed)]);
}

#[test]
fn transcoding_backlog_more_workers_still_lose_and_duplicate_jobs() {
    let start = level("transcoding-backlog").start;
    let mut more = start.clone();
    fixed_size(&mut more, "workers", 6);
    let mut idempotent = start;
    group_mut(&mut idempotent, "workers").instance.idempotent = true;
    proven("transcoding-backlog", &[("more workers", more), ("idempotent only", idempotent)]);
}

#[test]
fn game_day_one_big_zone_or_a_single_az_database_fails() {
    let solution = level("game-day").solution;
    let mut one_zone = solution.clone();
    group_mut(&mut one_zone, "web").zones = vec!["a".to_owned()];
    set_size(&mut one_zone, "web", "m5.large");
    let mut single_az = solution;
    if let ComponentSpec::Database(d) = component_mut(&mut single_az, "db-1") {
        d.standby_zone = None;
    }
    proven("game-day", &[("one zone, bigger", one_zone), ("single-AZ database", single_az)]);
}
