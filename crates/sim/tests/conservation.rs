//! Conservation (every request and message is accounted for exactly once), checked many times
//! during each run rather than only at its end: requests arrived = succeeded + failed + in
//! flight; messages sent = deleted + visible + in flight + dead-lettered + expired; no
//! instance counted in two states. The scenarios cover every reference design and every
//! kind of command.

mod common;

use std::collections::BTreeSet;

use common::{assert_conserved, run_checked};
use nines_sim::command::{Command, TimedCommand};
use nines_sim::design::{ComponentSpec, Design, RateProfile, reference};
use nines_sim::time::{MINUTE, Micros, SECOND};
use nines_sim::world::{Condition, Lifecycle};
use nines_sim::{World, design};

/// The name of a command's variant. The match has no catch-all, so a new variant does not
/// compile until the scenarios below are taught about it.
fn variant(command: &Command) -> &'static str {
    match command {
        Command::KillInstance { .. } => "kill",
        Command::HangInstance { .. } => "hang",
        Command::SlowInstance { .. } => "slow",
        Command::RecoverInstance { .. } => "recover",
        Command::KillDatabasePrimary { .. } => "kill-db",
        Command::PromoteReplica { .. } => "promote",
        Command::LoseZone { .. } => "lose-zone",
        Command::ImpairZone { .. } => "impair-zone",
        Command::RestoreZone { .. } => "restore-zone",
        Command::TrafficSpike { .. } => "spike",
        Command::StopConsumers { .. } => "stop-consumers",
        Command::StartConsumers { .. } => "start-consumers",
        Command::SetDesiredCapacity { .. } => "desired",
        Command::StartChaosMonkey { .. } => "chaos",
        Command::StopChaosMonkey => "stop-chaos",
        Command::StoreOutage { .. } => "store-outage",
        Command::RestoreStore { .. } => "restore-store",
        Command::StorageOutage { .. } => "storage-outage",
        Command::RestoreStorage { .. } => "restore-storage",
        Command::CdnOutage { .. } => "cdn-outage",
        Command::RestoreCdn { .. } => "restore-cdn",
        Command::LoseRegion { .. } => "lose-region",
        Command::RestoreRegion { .. } => "restore-region",
    }
}

const VARIANTS: usize = 23;

/// A script in the command line's short form; times a quarter second off the whole
/// second, so that state read at whole seconds matches the per-second gauges.
fn script(lines: &[&str]) -> Vec<TimedCommand> {
    lines
        .iter()
        .map(|line| {
            let mut timed = TimedCommand::parse(line).unwrap_or_else(|e| panic!("{e}"));
            timed.at += 250_000;
            timed
        })
        .collect()
}

/// Three-tier through every kind of fault and action (instances i-1…i-4 are web, i-5 and
/// i-6 workers at the start).
fn three_tier_script() -> Vec<TimedCommand> {
    script(&[
        "60s:kill i-1",
        "90s:hang i-2",
        "100s:hang i-5",
        "120s:slow i-4 5",
        "200s:recover i-2",
        "240s:recover i-4",
        "300s:impair-zone b 200 0.1",
        "420s:restore-zone b",
        "480s:spike 2 300",
        "600s:stop-consumers jobs",
        "780s:start-consumers jobs",
        "900s:desired web 8",
        "1000s:chaos web 120",
        "1500s:stop-chaos",
        "1600s:kill-db db",
        "1900s:lose-zone a",
        "2500s:restore-zone a",
        "2700s:desired workers 3",
        "2900s:chaos 300",
    ])
}

/// Three-tier whose database has read replicas in zones c and b; promotions happen at full
/// traffic, with queries in flight on every copy.
fn three_tier_with_replicas() -> Design {
    let mut design = reference::three_tier();
    for component in &mut design.components {
        if let ComponentSpec::Database(db) = &mut component.spec {
            db.read_replicas = vec!["c".to_owned(), "b".to_owned()];
        }
    }
    design
}

fn replica_script() -> Vec<TimedCommand> {
    script(&[
        "300s:promote db 0",
        "600s:kill-db db",
        "900s:lose-zone b",
        "1200s:promote db 1",
        "1500s:restore-zone b",
        "1600s:promote db 7",
        "1700s:kill-db db",
    ])
}

fn single_server_script() -> Vec<TimedCommand> {
    script(&[
        "300s:hang web-1",
        "400s:recover web-1",
        "500s:slow web-1 20",
        "550s:recover web-1",
        "600s:kill-db db-1",
        "2400s:lose-zone a",
        "3000s:restore-zone a",
        "3300s:kill web-1",
        "3400s:impair-zone a 5000 0.5",
    ])
}

/// The session-store design: a sticky target dies, a zone goes, the store has an outage.
fn session_store_script() -> Vec<TimedCommand> {
    script(&[
        "60s:kill web-1",
        "200s:lose-zone b",
        "300s:store-outage sessions",
        "360s:restore-store sessions",
        "420s:restore-zone b",
        "500s:hang web-3",
        "560s:recover web-3",
    ])
}

/// The static-cdn design: the origin goes down and back, a web instance dies, the CDN
/// goes down and back, all at full traffic.
fn static_cdn_script() -> Vec<TimedCommand> {
    script(&[
        "60s:storage-outage assets",
        "120s:kill web-1",
        "150s:restore-storage assets",
        "200s:cdn-outage cdn",
        "230s:restore-cdn cdn",
        "260s:lose-zone b",
        "320s:restore-zone b",
    ])
}

/// The multi-region design: a zone of the second region, then the primary region, goes
/// and comes back while DNS fails over and back.
fn multi_region_script() -> Vec<TimedCommand> {
    script(&[
        "60s:kill i-1",
        "120s:lose-zone us-west-2a",
        "200s:restore-zone us-west-2a",
        "300s:lose-region us-east-1",
        "700s:restore-region us-east-1",
    ])
}

fn mmc_script() -> Vec<TimedCommand> {
    script(&[
        "60s:hang server",
        "120s:recover server",
        "180s:slow server 3",
        "240s:spike 1.05 60",
        "400s:kill server",
    ])
}

/// The checks of one instant: conservation, and every instance in exactly one state.
fn assert_consistent(world: &World) {
    assert_conserved(world);
    let snapshot = world.snapshot();
    let living: Vec<_> = snapshot.instances.iter().filter(|i| i.lifecycle != Lifecycle::Terminated).collect();
    let names: BTreeSet<&str> = living.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names.len(), living.len(), "t = {} µs: two living instances share a name", world.now());
    for group in &snapshot.groups {
        let count = |lifecycle: Lifecycle| {
            living
                .iter()
                .filter(|i| i.group.as_deref() == Some(&group.name) && i.lifecycle == lifecycle)
                .count() as u32
        };
        assert_eq!(
            (group.in_service, group.pending),
            (count(Lifecycle::InService), count(Lifecycle::Pending)),
            "t = {} µs: group {} counts its members differently from the instances",
            world.now(),
            group.name
        );
    }
    for lb in &snapshot.load_balancers {
        assert!(lb.healthy <= lb.targets, "{}: {} healthy of {} targets", lb.name, lb.healthy, lb.targets);
    }
}

/// Instances serving and booting, as the per-second gauges count them.
fn instance_gauges(world: &World) -> (u32, u32) {
    let snapshot = world.snapshot();
    let living = snapshot.instances.iter().filter(|i| i.lifecycle != Lifecycle::Terminated);
    let serving = living
        .clone()
        .filter(|i| i.lifecycle == Lifecycle::InService && i.condition != Condition::Crashed)
        .count() as u32;
    let pending = living.filter(|i| i.lifecycle == Lifecycle::Pending).count() as u32;
    (serving, pending)
}

/// Runs to the whole second after now and checks that its gauges describe the world as
/// it was when the second ended: before any event of that very instant.
fn assert_gauges_at_next_second(world: &mut World) {
    let end = (world.now() / SECOND + 1) * SECOND;
    world.run_until(end - 1);
    let expected = instance_gauges(world);
    world.run_until(end);
    let last = world.series().points().last().expect("a second has ended");
    assert_eq!(
        (last.in_service, last.pending),
        expected,
        "t = {} µs: per-second gauges disagree with the instances",
        world.now()
    );
}

/// Runs a design from a seed through a script to `until`, checking every `every`, and
/// returns the world.
fn run_scenario(
    design: &Design,
    seed: u64,
    commands: &[TimedCommand],
    until: Micros,
    every: Micros,
) -> World {
    let mut world = World::with_seed(design, seed).expect("valid design");
    world.schedule_all(commands);
    assert_consistent(&world);
    while world.now() < until {
        let next = (world.now() + every).min(until);
        world.run_until(next);
        assert_consistent(&world);
        if world.now() + SECOND <= until {
            assert_gauges_at_next_second(&mut world);
        }
    }
    world
}

/// Every command of the script was applied, none refused for naming something missing.
fn assert_all_applied(world: &World, commands: &[TimedCommand]) {
    let applied: Vec<&Command> = world.commands_applied().iter().map(|(_, c)| c).collect();
    let refused: Vec<String> = world
        .log()
        .entries()
        .iter()
        .map(|e| e.to_string())
        .filter(|line| line.contains("not applied"))
        .collect();
    assert!(refused.is_empty(), "refused: {refused:?}");
    for timed in commands {
        assert!(applied.contains(&&timed.command), "{:?} was not applied", timed.command);
    }
}

#[test]
fn the_scenarios_cover_every_kind_of_command() {
    let covered: BTreeSet<&str> = [
        three_tier_script(),
        replica_script(),
        single_server_script(),
        mmc_script(),
        session_store_script(),
        static_cdn_script(),
        multi_region_script(),
    ]
    .iter()
    .flatten()
    .map(|timed| variant(&timed.command))
    .collect();
    assert_eq!(covered.len(), VARIANTS, "covered only {covered:?}");
}

#[test]
fn every_reference_design_conserves_minute_by_minute_when_undisturbed() {
    for (name, design) in reference::all() {
        for seed in [1, 2] {
            let world = run_scenario(&design, seed, &[], 1800 * SECOND, MINUTE);
            let summary = world.summary();
            assert!(summary.totals.arrived > 0, "{name}: traffic flowed");
            assert_eq!(summary.messages_lost, 0, "{name}");
        }
    }
}

#[test]
fn the_three_tier_design_conserves_through_every_kind_of_fault_and_action() {
    let commands = three_tier_script();
    for seed in [1, 2, 3] {
        let world = run_scenario(&reference::three_tier(), seed, &commands, 3600 * SECOND, 10 * SECOND);
        assert_all_applied(&world, &commands);
        let summary = world.summary();
        assert!(summary.totals.failed_total() > 0 && summary.messages_sent > 0);
    }
}

#[test]
fn a_database_with_read_replicas_conserves_through_promotions_and_failovers() {
    let commands = replica_script();
    for seed in [1, 2] {
        let world = run_scenario(&three_tier_with_replicas(), seed, &commands, 2400 * SECOND, 10 * SECOND);
        // `promote db 7` names a replica the database does not have: applied, changes nothing.
        assert_all_applied(&world, &commands);
        // Replica c became the primary at 300 s; replica b was down with its zone at 1200 s.
        assert_eq!(world.snapshot().databases[0].replica_zones, ["b"]);
    }
}

#[test]
fn the_single_server_design_conserves_through_its_single_points_of_failure() {
    let commands = single_server_script();
    for seed in [1, 2, 3] {
        let world = run_scenario(&reference::single_server(), seed, &commands, 3600 * SECOND, 10 * SECOND);
        assert_all_applied(&world, &commands);
    }
}

#[test]
fn the_session_store_design_conserves_through_kills_zone_loss_and_a_store_outage() {
    let commands = session_store_script();
    for seed in [1, 2] {
        let world = run_scenario(&reference::session_store(), seed, &commands, 900 * SECOND, 10 * SECOND);
        assert_all_applied(&world, &commands);
        let summary = world.summary();
        assert!(summary.key_value.unavailable > 0, "the outage refused calls: {:?}", summary.key_value);
        assert_eq!(summary.sessions_lost, 0, "sessions live in the store");
    }
}

#[test]
fn the_static_cdn_design_conserves_through_origin_and_cdn_outages() {
    let commands = static_cdn_script();
    for seed in [1, 2] {
        let world = run_scenario(&reference::static_cdn(), seed, &commands, 420 * SECOND, 5 * SECOND);
        assert_all_applied(&world, &commands);
        let summary = world.summary();
        assert!(summary.cdn.origin_errors > 0 && summary.cdn.unavailable > 0, "{:?}", summary.cdn);
    }
}

#[test]
fn the_multi_region_design_conserves_through_a_region_loss_and_its_return() {
    let commands = multi_region_script();
    for seed in [1, 2] {
        let world = run_scenario(&reference::multi_region(), seed, &commands, 1500 * SECOND, 10 * SECOND);
        assert_all_applied(&world, &commands);
        let summary = world.summary();
        assert!(summary.totals.failed_total() > 0, "the region loss failed requests until DNS moved them");
    }
}

#[test]
fn the_mmc_design_conserves_when_its_patient_clients_pile_up_behind_a_hung_server() {
    let commands = mmc_script();
    for seed in [1, 2] {
        let world =
            run_scenario(&design::reference::mmc(2, 0.9, 100.0), seed, &commands, 600 * SECOND, SECOND);
        assert_all_applied(&world, &commands);
    }
}

/// The reference three-tier design at a gentle 20 requests/s, small enough to check after
/// every single event.
fn gentle_three_tier() -> Design {
    let mut design = reference::three_tier();
    for component in &mut design.components {
        if let ComponentSpec::Clients(clients) = &mut component.spec {
            clients.profile = RateProfile::Constant { rate: 20.0 };
        }
    }
    design
}

#[test]
fn conservation_holds_after_every_single_event() {
    let cases = [
        (
            gentle_three_tier(),
            script(&["30s:kill i-1", "60s:hang i-5", "100s:lose-zone a", "200s:restore-zone a"]),
        ),
        (reference::single_server(), script(&["20s:hang web-1", "50s:recover web-1", "80s:kill-db db-1"])),
    ];
    for (design, commands) in cases {
        let mut world = World::with_seed(&design, 7).expect("valid design");
        world.schedule_all(&commands);
        let mut events = 0u64;
        while world.now() < 300 * SECOND && world.step() {
            assert_conserved(&world);
            events += 1;
        }
        assert!(events > 10_000, "{}: only {events} events", design.name);
        assert_all_applied(&world, &commands);
    }
}

#[test]
fn commands_naming_nothing_are_refused_and_change_nothing() {
    let bogus = [
        Command::KillInstance { instance: "i-999".into() },
        Command::HangInstance { instance: "nobody".into() },
        Command::SlowInstance { instance: String::new(), factor: 2.0 },
        Command::RecoverInstance { instance: "web".into() },
        Command::KillDatabasePrimary { database: "jobs".into() },
        Command::PromoteReplica { database: "nodb".into(), replica: 0 },
        Command::LoseZone { zone: "z".into() },
        Command::ImpairZone { zone: "A".into(), added_latency_ms: 10.0, drop_fraction: 0.5 },
        Command::RestoreZone { zone: "us-east-1a".into() },
        Command::StopConsumers { queue: "db".into() },
        Command::StartConsumers { queue: "queue".into() },
        Command::SetDesiredCapacity { group: "lb-1".into(), desired: 3 },
        Command::StartChaosMonkey {
            group: Some("ghosts".into()),
            mean_interval_s: 10.0,
            business_hours: false,
        },
    ];
    let mut world = World::new(&reference::three_tier()).expect("valid design");
    world.run_until(30 * SECOND);
    let before = world.snapshot();
    for command in &bogus {
        let error = world.apply(command.clone()).expect_err("names nothing");
        assert!(error.to_string().contains("there is no"), "{command:?}: {error}");
    }
    assert_eq!(world.snapshot(), before, "refused commands change nothing");
    assert!(world.commands_applied().is_empty() && world.summary().incidents.is_empty());
    // Scheduled, they are narrated as not applied and the run goes on.
    for (k, command) in bogus.iter().enumerate() {
        world.schedule(40 * SECOND + k as u64 * SECOND, command.clone());
    }
    run_checked(&mut world, 120 * SECOND, 10 * SECOND);
    let refused = world.log().entries().iter().filter(|e| e.to_string().contains("not applied")).count();
    assert_eq!(refused, bogus.len());
    assert!(world.commands_applied().is_empty());
}
