//! Timing of the lessons: with the real AWS defaults, the moments a learner watches for
//! come out where AWS says they do. The defaults come from AWS's documentation:
//! - "Health checks for Application Load Balancer target groups",
//!   <https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html>
//! - "Set the health check grace period for an Auto Scaling group",
//!   <https://docs.aws.amazon.com/autoscaling/ec2/userguide/health-check-grace-period.html>
//! - "Amazon SQS message quotas",
//!   <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html>
//! - "Using Amazon CloudWatch alarms",
//!   <https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html>
//! - "Failover process for Amazon RDS" (Multi-AZ),
//!   <https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html>
//!
//! Each scenario runs from several pinned seeds, so health-check phases,
//! failover durations and launch times cover their ranges.

mod common;

use common::{
    assert_conserved, clients, component, database, design, link, load_balancer, log_text, logged, queue,
    run_checked, seconds, secs, server, worker,
};
use nines_sim::design::{ComponentSpec, Design, Distribution, reference};
use nines_sim::event_log::Happening;
use nines_sim::request::FailureCause;
use nines_sim::time::{MINUTE, Micros, SECOND};
use nines_sim::world::DbState;
use nines_sim::{Command, World};

/// Seeds every timing scenario runs from.
const SEEDS: std::ops::RangeInclusive<u64> = 1..=10;

fn kill(name: &str) -> Command {
    Command::KillInstance { instance: name.to_owned() }
}

/// Clients → a load balancer over zones a and b → `per_zone` web instances in each zone.
/// Instances are named `web-a1`, `web-b1`, …; 16 slots, 10 ms, unbounded accept queue.
fn web_behind_lb(per_zone: usize, rate: f64, timeout_s: Option<f64>) -> Design {
    let mut components = vec![
        component("clients", clients(rate, 1.0, timeout_s)),
        component("lb", load_balancer(&["a", "b"], true)),
    ];
    let mut connections = vec![link("clients", "lb")];
    for zone in ["a", "b"] {
        for k in 1..=per_zone {
            let id = format!("web-{zone}{k}");
            components.push(component(&id, server(zone, 16, 10.0)));
            connections.push(link("lb", &id));
        }
    }
    design(&["a", "b"], components, connections)
}

/// The times [µs] at which `lb` took `target` out of service.
fn out_of_service(world: &World, target: &str) -> Vec<Micros> {
    logged(world, |h| match h {
        Happening::OutOfService { target: t, .. } if t == target => Some(()),
        _ => None,
    })
    .into_iter()
    .map(|(t, ())| t)
    .collect()
}

/// The times [µs] at which `target` came (back) into service.
fn in_service(world: &World, target: &str) -> Vec<Micros> {
    logged(world, |h| match h {
        Happening::InService { target: t, .. } if t == target => Some(()),
        _ => None,
    })
    .into_iter()
    .map(|(t, ())| t)
    .collect()
}

/// Seconds [s] in which at least one request failed with `cause`.
fn seconds_failing(world: &World, cause: FailureCause) -> Vec<u64> {
    seconds(world).into_iter().filter(|(_, s)| s.failed[cause.index()] > 0).map(|(t, _)| t).collect()
}

/// Requests failed with `cause` over the whole run.
fn failed(world: &World, cause: FailureCause) -> u64 {
    world.recorder().totals.failed[cause.index()]
}

#[test]
fn a_crashed_target_leaves_rotation_30_to_65_s_after_the_crash_and_fails_requests_only_until_then() {
    let rate = 400.0;
    for seed in SEEDS {
        let mut world = World::with_seed(&web_behind_lb(2, rate, Some(10.0)), seed).expect("valid design");
        // Vary the crash against the health-check phase as well as the seed; off the second
        // boundary, so per-second counts fall on one side of it.
        let crash = 300 * SECOND + seed * 3_100_000 + 250_000;
        world.schedule(crash, kill("web-a1"));
        run_checked(&mut world, crash + 300 * SECOND, MINUTE);

        let out = out_of_service(&world, "web-a1");
        assert_eq!(out.len(), 1, "seed {seed}: one removal\n{}", log_text(&world));
        let detect_s = secs(out[0] - crash);
        assert!((30.0..=65.0).contains(&detect_s), "seed {seed}: removed {detect_s} s after the crash");

        // Between the crash and the removal, requests routed to the dead target fail…
        let failing = seconds_failing(&world, FailureCause::TargetCrashed);
        let (first, last) = (failing[0], *failing.last().expect("some failed"));
        assert!(first >= crash / SECOND, "seed {seed}: target_crashed before the crash, at {first} s");
        assert!(last <= out[0] / SECOND + 1, "seed {seed}: target_crashed at {last} s, after the removal");
        // … about a quarter of them (one target of four), which is the lesson's number.
        let expected = rate / 4.0 * detect_s;
        let got = failed(&world, FailureCause::TargetCrashed) as f64;
        assert!(
            (0.8 * expected..=1.2 * expected).contains(&got),
            "seed {seed}: {got} target_crashed failures, expected about {expected:.0}"
        );
        let other = world.recorder().totals.failed_total() - failed(&world, FailureCause::TargetCrashed);
        assert_eq!(other, 0, "seed {seed}: no other failures: {:?}", world.summary().failures_by_cause);
    }
}

#[test]
fn a_hung_target_leaves_rotation_35_to_65_s_after_the_hang_and_returns_about_150_s_after_recovery() {
    let timeout = 10.0;
    for seed in SEEDS {
        let mut world =
            World::with_seed(&web_behind_lb(2, 400.0, Some(timeout)), seed).expect("valid design");
        let hang = 300 * SECOND + seed * 3_100_000 + 250_000;
        let recover = hang + 120 * SECOND;
        world.schedule(hang, Command::HangInstance { instance: "web-b2".into() });
        world.schedule(recover, Command::RecoverInstance { instance: "web-b2".into() });
        run_checked(&mut world, recover + 300 * SECOND, MINUTE);

        let out = out_of_service(&world, "web-b2");
        assert_eq!(out.len(), 1, "seed {seed}: one removal\n{}", log_text(&world));
        let detect_s = secs(out[0] - hang);
        assert!((35.0..=65.0).contains(&detect_s), "seed {seed}: removed {detect_s} s after the hang");

        // The hung target's requests time out: only those sent before its removal.
        assert!(failed(&world, FailureCause::Timeout) > 0, "seed {seed}: timeouts count for the hang");
        let timing_out = seconds_failing(&world, FailureCause::Timeout);
        let last_allowed = (out[0] + (timeout as u64 + 1) * SECOND) / SECOND;
        assert!(timing_out[0] >= hang / SECOND, "seed {seed}: a timeout before the hang");
        assert!(
            *timing_out.last().expect("some") <= last_allowed,
            "seed {seed}: timeouts until {:?} s, removal at {} s",
            timing_out.last(),
            secs(out[0])
        );

        let back = in_service(&world, "web-b2");
        assert_eq!(back.len(), 1, "seed {seed}: one return\n{}", log_text(&world));
        let return_s = secs(back[0] - recover);
        assert!((120.0..=185.0).contains(&return_s), "seed {seed}: back {return_s} s after recovery");
    }
}

/// Clients → a load balancer over zones a and b with cross-zone on or off → 2 instances in
/// zone a and 8 in zone b (AWS-FACTS §1.4). Each instance writes every request it serves
/// to a queue of its own that nobody consumes, so a queue's backlog counts its requests.
fn two_versus_eight(cross_zone: bool) -> Design {
    let mut components = vec![
        component("clients", clients(1000.0, 0.0, Some(30.0))),
        component("lb", load_balancer(&["a", "b"], cross_zone)),
    ];
    let mut connections = vec![link("clients", "lb")];
    for (zone, count) in [("a", 2), ("b", 8)] {
        for k in 1..=count {
            let (id, q) = (format!("web-{zone}{k}"), format!("served-{zone}{k}"));
            components.push(component(&id, server(zone, 16, 5.0)));
            components.push(component(&q, queue(30.0, None)));
            connections.push(link("lb", &id));
            connections.push(link(&id, &q));
        }
    }
    design(&["a", "b"], components, connections)
}

/// Share of all requests each instance served, by the name of its queue, after 200 s.
fn shares(cross_zone: bool, seed: u64) -> Vec<(String, f64)> {
    let mut world = World::with_seed(&two_versus_eight(cross_zone), seed).expect("valid design");
    run_checked(&mut world, 200 * SECOND, MINUTE);
    let summary = world.summary();
    assert_eq!(summary.totals.failed_total(), 0, "nothing fails: {:?}", summary.failures_by_cause);
    let queues = world.snapshot().queues;
    let served: u64 = queues.iter().map(|q| u64::from(q.visible + q.in_flight)).sum();
    assert_eq!(served, summary.messages_sent, "every request served left one message");
    assert!(served + 2000 >= summary.totals.arrived, "nearly every request was served by now");
    queues.iter().map(|q| (q.name.clone(), f64::from(q.visible) / served as f64)).collect()
}

#[test]
fn cross_zone_on_gives_each_of_ten_targets_ten_percent() {
    for seed in [1, 2, 3] {
        for (name, share) in shares(true, seed) {
            assert!((share - 0.10).abs() <= 0.005, "seed {seed}: {name} served {:.2} %", share * 100.0);
        }
    }
}

#[test]
fn cross_zone_off_gives_25_percent_to_each_zone_a_target_and_6_25_to_each_zone_b_target() {
    for seed in [1, 2, 3] {
        for (name, share) in shares(false, seed) {
            let expected = if name.starts_with("served-a") { 0.25 } else { 0.0625 };
            assert!(
                (share - expected).abs() <= 0.005,
                "seed {seed}: {name} served {:.2} %, expected {:.2} %",
                share * 100.0,
                expected * 100.0
            );
        }
    }
}

/// Clients (20 % writes, 10 s timeout) → `web-1` in `web_zone` → database `db`, in a region
/// with zones a, b and c.
fn web_and_database(web_zone: &str, db: ComponentSpec, rate: f64) -> Design {
    design(
        &["a", "b", "c"],
        vec![
            component("clients", clients(rate, 0.8, Some(10.0))),
            component("web-1", server(web_zone, 16, 10.0)),
            component("db", db),
        ],
        vec![link("clients", "web-1"), link("web-1", "db")],
    )
}

fn kill_db() -> Command {
    Command::KillDatabasePrimary { database: "db".into() }
}

/// `DatabaseRecovered` entries: (time [µs], writes lost).
fn recoveries(world: &World) -> Vec<(Micros, u64)> {
    logged(world, |h| match h {
        Happening::DatabaseRecovered { writes_lost, .. } => Some(*writes_lost),
        _ => None,
    })
}

/// Checks that requests failed as database_unavailable only within `from..=to` [µs] (to
/// the second), and returns the failing seconds' span [s].
fn database_outage_within(world: &World, from: Micros, to: Micros, seed: u64) -> u64 {
    let failing = seconds_failing(world, FailureCause::DatabaseUnavailable);
    let (first, last) = (failing[0], *failing.last().expect("some failed"));
    assert!(first >= from / SECOND, "seed {seed}: database_unavailable at {first} s, before {from} µs");
    assert!(last <= to / SECOND + 1, "seed {seed}: database_unavailable at {last} s, after {to} µs");
    last - first + 1
}

#[test]
fn a_multi_az_failover_stops_reads_and_writes_for_60_to_120_s() {
    for seed in SEEDS {
        let mut world =
            World::with_seed(&web_and_database("c", database("a", Some("b")), 100.0), seed).expect("valid");
        let kill_at = 300 * SECOND + 250_000;
        world.schedule(kill_at, kill_db());
        run_checked(&mut world, kill_at + 1100 * SECOND, MINUTE);

        let started = logged(&world, |h| match h {
            Happening::FailoverStarted { from_zone, to_zone, .. } => {
                Some((from_zone.clone(), to_zone.clone()))
            }
            _ => None,
        });
        assert_eq!(started, vec![(kill_at, ("a".to_owned(), "b".to_owned()))], "seed {seed}");
        let done = logged(&world, |h| match h {
            Happening::FailoverDone { zone, seconds, .. } => Some((zone.clone(), *seconds)),
            _ => None,
        });
        assert_eq!(done.len(), 1, "seed {seed}:\n{}", log_text(&world));
        let (done_at, (zone, took_s)) = done[0].clone();
        assert_eq!(zone, "b", "seed {seed}");
        assert!((60.0..=120.0).contains(&took_s), "seed {seed}: failover took {took_s} s");
        assert!((secs(done_at - kill_at) - took_s).abs() < 1e-6, "seed {seed}: logged duration is real");

        let span = database_outage_within(&world, kill_at, done_at, seed);
        assert!(
            (span as f64 - took_s).abs() <= 2.0,
            "seed {seed}: failed {span} s for a {took_s} s failover"
        );
        // Reads fail as well as writes: nothing succeeds inside the failover.
        for (second, sample) in seconds(&world) {
            if second > kill_at / SECOND && second + 1 < done_at / SECOND {
                assert_eq!(sample.succeeded, 0, "seed {seed}: a request succeeded at {second} s");
            }
        }
        // The old primary's zone gets the new standby 15 minutes later.
        let standby = logged(&world, |h| match h {
            Happening::StandbyReady { zone, .. } => Some(zone.clone()),
            _ => None,
        });
        assert_eq!(standby, vec![(done_at + 900 * SECOND, "a".to_owned())], "seed {seed}");
        let db = &world.snapshot().databases[0];
        assert_eq!((db.state, db.primary_zone.as_str()), (DbState::Available, "b"), "seed {seed}");
        let summary = world.summary();
        assert_eq!(summary.writes_lost, 0, "seed {seed}: a synchronous standby loses nothing");
        let db_failures = failed(&world, FailureCause::DatabaseUnavailable);
        assert_eq!(
            summary.totals.failed_total(),
            db_failures,
            "seed {seed}: {:?}",
            summary.failures_by_cause
        );
    }
}

#[test]
fn a_single_az_database_instance_failure_is_down_10_to_30_minutes_and_loses_no_writes() {
    for seed in SEEDS {
        let mut world =
            World::with_seed(&web_and_database("a", database("a", None), 50.0), seed).expect("valid");
        let kill_at = 300 * SECOND + 250_000;
        world.schedule(kill_at, kill_db());
        run_checked(&mut world, kill_at + 1900 * SECOND, MINUTE);

        let down = logged(&world, |h| matches!(h, Happening::DatabaseDown { .. }).then_some(()));
        assert_eq!(down, vec![(kill_at, ())], "seed {seed}");
        let back = recoveries(&world);
        assert_eq!(back.len(), 1, "seed {seed}:\n{}", log_text(&world));
        let (back_at, lost) = back[0];
        let down_s = secs(back_at - kill_at);
        assert!((600.0..=1800.0).contains(&down_s), "seed {seed}: down {down_s} s");
        assert_eq!(lost, 0, "seed {seed}: host replacement keeps the storage");
        let span = database_outage_within(&world, kill_at, back_at, seed);
        assert!((span as f64 - down_s).abs() <= 2.0, "seed {seed}: failed {span} s, down {down_s} s");
        assert_eq!(world.summary().writes_lost, 0, "seed {seed}");
    }
}

/// Zone a holds a single-AZ database; web-1 sits in zone b and survives the zone loss.
fn database_zone_lost(seed: u64) -> (World, Micros) {
    let mut world = World::with_seed(&web_and_database("b", database("a", None), 20.0), seed).expect("valid");
    let lost_at = 600 * SECOND + 250_000;
    world.schedule(lost_at, Command::LoseZone { zone: "a".into() });
    (world, lost_at)
}

#[test]
fn a_single_az_database_whose_zone_returns_before_the_restore_recovers_with_no_writes_lost() {
    for seed in 1..=5 {
        let (mut world, lost_at) = database_zone_lost(seed);
        let back_at = lost_at + 1200 * SECOND;
        world.schedule(back_at, Command::RestoreZone { zone: "a".into() });
        run_checked(&mut world, lost_at + 600 * SECOND, MINUTE);
        let db = &world.snapshot().databases[0];
        assert!(matches!(db.state, DbState::Down { zone_loss: true, .. }), "seed {seed}: {:?}", db.state);
        run_checked(&mut world, back_at + 600 * SECOND, MINUTE);

        let down = logged(&world, |h| match h {
            Happening::DatabaseDown { until, .. } => Some(until.clone()),
            _ => None,
        });
        assert_eq!(down.len(), 1, "seed {seed}");
        assert!(down[0].1.contains("point-in-time restore"), "seed {seed}: {}", down[0].1);
        assert_eq!(recoveries(&world), vec![(back_at, 0)], "seed {seed}: back with the zone, intact");
        database_outage_within(&world, lost_at, back_at, seed);
        assert_eq!(world.summary().writes_lost, 0, "seed {seed}");
    }
}

#[test]
fn a_restore_that_finishes_before_the_zone_returns_loses_about_the_last_five_minutes_of_writes() {
    let write_rate = 20.0 * 0.2;
    for seed in 1..=5 {
        let (mut world, lost_at) = database_zone_lost(seed);
        run_checked(&mut world, lost_at + 14_460 * SECOND, 10 * MINUTE);
        let back = recoveries(&world);
        assert_eq!(back.len(), 1, "seed {seed}:\n{}", log_text(&world));
        let (back_at, lost) = back[0];
        let restore_s = secs(back_at - lost_at);
        assert!((7200.0..=14_400.0).contains(&restore_s), "seed {seed}: restore took {restore_s} s");
        // The recovery point is 300 s: the writes committed in those last five minutes.
        let expected = write_rate * 300.0;
        assert!(
            (0.8 * expected..=1.2 * expected).contains(&(lost as f64)),
            "seed {seed}: {lost} writes lost, expected about {expected}"
        );
        assert_eq!(world.summary().writes_lost, lost, "seed {seed}");
        // The zone's return afterwards changes nothing.
        world.apply(Command::RestoreZone { zone: "a".into() }).expect("zone a exists");
        let later = world.now() + 120 * SECOND;
        run_checked(&mut world, later, MINUTE);
        assert_eq!(recoveries(&world).len(), 1, "seed {seed}");
        assert_eq!(world.summary().writes_lost, lost, "seed {seed}");
    }
}

/// Clients (writes only, patient) → web-1 → queue `jobs` → worker-1 (4 slots, 10 ms
/// constant) → optionally a single-AZ database.
fn queue_pipeline(visibility_s: f64, max_receive_count: Option<u32>, with_db: bool) -> Design {
    let mut components = vec![
        component("clients", clients(1.0, 0.0, None)),
        component("web-1", server("a", 16, 10.0)),
        component("jobs", queue(visibility_s, max_receive_count)),
        component("worker-1", worker("a", 4, 10.0, Distribution::Constant)),
    ];
    let mut connections = vec![link("clients", "web-1"), link("web-1", "jobs"), link("jobs", "worker-1")];
    if with_db {
        components.push(component("db", database("a", None)));
        connections.push(link("worker-1", "db"));
    }
    design(&["a", "b"], components, connections)
}

/// Steps until the first message is in flight (received by the worker) and returns when;
/// then kills web-1 so that no other message is ever sent.
fn first_message_received(world: &mut World) -> Micros {
    while world.snapshot().queues[0].in_flight == 0 {
        assert!(world.step(), "the world ran out of events");
    }
    let received = world.now();
    world.apply(kill("web-1")).expect("web-1 exists");
    received
}

/// (visible, in flight, dead-lettered) of the queue `jobs` after running to `t`.
fn queue_at(world: &mut World, t: Micros) -> (u32, u32, u64) {
    world.run_until(t);
    assert_conserved(world);
    let q = &world.snapshot().queues[0];
    (q.visible, q.in_flight, q.dead_lettered)
}

#[test]
fn a_message_held_by_a_hung_worker_returns_after_exactly_the_visibility_timeout() {
    for (seed, visibility_s) in [(1, 30.0), (2, 30.0), (3, 45.0), (4, 7.0)] {
        let mut world = World::with_seed(&queue_pipeline(visibility_s, Some(5), false), seed).expect("valid");
        let received = first_message_received(&mut world);
        world.apply(Command::HangInstance { instance: "worker-1".into() }).expect("worker-1 exists");
        let returns = received + (visibility_s * 1e6) as Micros;
        assert_eq!(queue_at(&mut world, returns - 1), (0, 1, 0), "seed {seed}: still invisible");
        assert_eq!(queue_at(&mut world, returns + 1), (1, 0, 0), "seed {seed}: visible again");
        run_checked(&mut world, returns + 600 * SECOND, MINUTE);
        assert_eq!(world.snapshot().queues[0].visible, 1, "seed {seed}: nobody took it, nobody lost it");
        assert_eq!(world.summary().messages_lost, 0);
    }
}

#[test]
fn a_message_that_keeps_failing_is_received_max_receive_count_times_then_dead_lettered() {
    for (seed, visibility_s, max) in [(1, 30.0, 3), (2, 30.0, 5), (3, 10.0, 1)] {
        let mut world =
            World::with_seed(&queue_pipeline(visibility_s, Some(max), true), seed).expect("valid");
        // The worker's database is down for 10–30 minutes: every processing fails.
        world.apply(kill_db()).expect("db exists");
        let received = first_message_received(&mut world);
        // Receive k happens at received + (k − 1) × timeout; receive max + 1 dead-letters it.
        let moved = received + u64::from(max) * (visibility_s * 1e6) as Micros;
        assert_eq!(queue_at(&mut world, moved - 1), (0, 1, 0), "seed {seed}: receive {max} still held");
        assert_eq!(queue_at(&mut world, moved + 1), (0, 0, 1), "seed {seed}: dead-lettered");
        run_checked(&mut world, moved + 120 * SECOND, MINUTE);
        let summary = world.summary();
        assert_eq!((summary.messages_sent, summary.messages_dead_lettered), (1, 1), "seed {seed}");
        assert_eq!(summary.messages_lost, 0, "seed {seed}: dead-lettered is not lost");
        let narrated = logged(&world, |h| match h {
            Happening::DeadLettered { count, .. } => Some(*count),
            _ => None,
        });
        assert_eq!(narrated.iter().map(|(_, c)| c).sum::<u64>(), 1, "seed {seed}: the log says so");
    }
}

#[test]
fn consumers_stopped_for_ten_minutes_build_a_backlog_that_drains_and_nothing_is_lost() {
    for seed in [1, 2] {
        let mut world = World::with_seed(&reference::three_tier(), seed).expect("valid");
        let (stop, start) = (300 * SECOND, 900 * SECOND);
        world.schedule(stop, Command::StopConsumers { queue: "jobs".into() });
        world.schedule(start, Command::StartConsumers { queue: "jobs".into() });
        let (mid, before_start) = (queue_at(&mut world, 600 * SECOND), queue_at(&mut world, start - SECOND));
        assert!(
            mid.0 > 30_000 && before_start.0 > mid.0 + 30_000,
            "seed {seed}: backlog grows {mid:?} {before_start:?}"
        );
        assert_eq!(before_start.1, 0, "seed {seed}: nothing in flight while nobody consumes");
        run_checked(&mut world, 2100 * SECOND, MINUTE);
        let q = &world.snapshot().queues[0];
        assert!(q.visible < 100, "seed {seed}: the backlog drained to {}", q.visible);
        let summary = world.summary();
        assert_eq!((summary.messages_lost, summary.messages_dead_lettered), (0, 0), "seed {seed}");
    }
}

/// `CapacityChanged` entries of a group: (time, from, to).
fn capacity_changes(world: &World, group: &str) -> Vec<(Micros, (u32, u32))> {
    logged(world, |h| match h {
        Happening::CapacityChanged { group: g, from, to, .. } if g == group => Some((*from, *to)),
        _ => None,
    })
}

#[test]
fn a_traffic_spike_scales_the_web_group_out_within_five_minutes_and_back_in_after_it() {
    for seed in [1, 2] {
        let mut world = World::with_seed(&reference::three_tier(), seed).expect("valid");
        let (spike, end) = (600 * SECOND, 1800 * SECOND);
        world.schedule(spike, Command::TrafficSpike { factor: 3.0, duration_s: 1200.0 });
        run_checked(&mut world, end + 3000 * SECOND, MINUTE);
        let changes = capacity_changes(&world, "web");
        let first_out = changes.iter().find(|(_, (from, to))| to > from).expect("a scale-out");
        assert!(
            first_out.0 > spike && first_out.0 <= spike + 300 * SECOND,
            "seed {seed}: first scale-out at {} s\n{}",
            secs(first_out.0),
            log_text(&world)
        );
        assert!(
            changes.iter().all(|(t, (from, to))| to > from || *t > end),
            "seed {seed}: no scale-in during the spike"
        );
        let peak = changes.iter().map(|(_, (_, to))| *to).max().unwrap_or(0);
        let scaled_in = changes.iter().any(|(t, (from, to))| *t > end && to < from);
        let now = world.snapshot().groups.iter().find(|g| g.name == "web").expect("web").desired;
        assert!(scaled_in && now < peak, "seed {seed}: back from {peak} to {now}\n{}", log_text(&world));
    }
}

#[test]
fn losing_zone_a_fails_the_database_over_and_moves_the_web_tier_to_zone_b_until_a_returns() {
    for seed in [1, 2] {
        let mut world = World::with_seed(&reference::three_tier(), seed).expect("valid");
        let in_a: Vec<String> =
            world.snapshot().instances.into_iter().filter(|i| i.zone == "a").map(|i| i.name).collect();
        assert!(!in_a.is_empty());
        let (lost, back) = (600 * SECOND + 250_000, 3000 * SECOND + 250_000);
        world.schedule(lost, Command::LoseZone { zone: "a".into() });
        world.schedule(back, Command::RestoreZone { zone: "a".into() });
        run_checked(&mut world, back + 900 * SECOND, MINUTE);
        let log = log_text(&world);

        let crashed = logged(&world, |h| match h {
            Happening::Crashed { instance } => Some(instance.clone()),
            _ => None,
        });
        for name in &in_a {
            assert!(crashed.contains(&(lost, name.clone())), "seed {seed}: {name} died with zone a\n{log}");
        }
        let failover = logged(&world, |h| match h {
            Happening::FailoverDone { zone, seconds, .. } => Some((zone.clone(), *seconds)),
            _ => None,
        });
        assert_eq!(failover.len(), 1, "seed {seed}\n{log}");
        assert_eq!(failover[0].1.0, "b");
        assert!((60.0..=120.0).contains(&failover[0].1.1), "seed {seed}: {:?}", failover[0]);

        let launches = logged(&world, |h| match h {
            Happening::Launching { group, zone, reason, .. } if group == "web" => {
                Some((zone.clone(), reason.clone()))
            }
            _ => None,
        });
        let while_lost: Vec<_> = launches.iter().filter(|(t, _)| *t > lost && *t < back).collect();
        let web_in_a = in_a.iter().filter(|n| crashed.iter().any(|(_, c)| c == *n)).count();
        assert!(while_lost.len() >= web_in_a / 2, "seed {seed}: replacements launched\n{log}");
        assert!(while_lost.iter().all(|(_, (zone, _))| zone == "b"), "seed {seed}: only into zone b\n{log}");
        let blocked = logged(&world, |h| matches!(h, Happening::LaunchBlocked { .. }).then_some(()));
        assert!(blocked.is_empty(), "seed {seed}: zone b could always take launches\n{log}");
        let rebalanced = launches
            .iter()
            .any(|(t, (zone, reason))| *t > back && zone == "a" && reason.contains("rebalanc"));
        assert!(rebalanced, "seed {seed}: rebalancing launches into zone a once it returns\n{log}");

        // Ten minutes after the loss, every minute is back above 99 %.
        let per_second = seconds(&world);
        for minute in (lost / SECOND + 600) / 60..back / SECOND / 60 {
            let (ok, bad) = per_second
                .iter()
                .filter(|(s, _)| s / 60 == minute)
                .fold((0u64, 0u64), |(ok, bad), (_, p)| {
                    (ok + u64::from(p.succeeded), bad + u64::from(p.failed_total()))
                });
            let availability = ok as f64 / (ok + bad).max(1) as f64;
            assert!(
                availability >= 0.99,
                "seed {seed}: minute {minute} at {:.3} %\n{log}",
                availability * 100.0
            );
        }
    }
}

#[test]
fn when_every_target_is_unhealthy_the_load_balancer_fails_open() {
    for seed in [1, 2, 3] {
        let mut world = World::with_seed(&web_behind_lb(1, 100.0, Some(10.0)), seed).expect("valid design");
        let crash = 300 * SECOND + 250_000;
        world.schedule(crash, kill("web-a1"));
        world.schedule(crash, kill("web-b1"));
        run_checked(&mut world, crash + 300 * SECOND, MINUTE);
        let last_out = out_of_service(&world, "web-a1")[0].max(out_of_service(&world, "web-b1")[0]);
        let open = logged(&world, |h| matches!(h, Happening::FailOpen { .. }).then_some(()));
        assert_eq!(
            open,
            vec![(last_out, ())],
            "seed {seed}: fails open as the last target leaves\n{}",
            log_text(&world)
        );
        // Routed to dead targets regardless of health: refused connections, not 503s.
        assert_eq!(failed(&world, FailureCause::NoHealthyTarget), 0, "seed {seed}");
        let after: u64 = seconds(&world)
            .iter()
            .filter(|(s, _)| *s > last_out / SECOND + 1)
            .map(|(_, p)| u64::from(p.failed[FailureCause::TargetCrashed.index()]))
            .sum();
        assert!(after > 20_000, "seed {seed}: {after} requests still sent to the dead targets");
    }
}

#[test]
fn a_load_balancer_node_in_a_lost_zone_fails_its_share_until_dns_drops_it() {
    for seed in [1, 2, 3] {
        let mut world = World::with_seed(&web_behind_lb(2, 400.0, Some(10.0)), seed).expect("valid design");
        let lost = 300 * SECOND + 250_000;
        world.schedule(lost, Command::LoseZone { zone: "a".into() });
        run_checked(&mut world, lost + 300 * SECOND, MINUTE);
        let removed = logged(&world, |h| match h {
            Happening::NodeRemovedFromDns { zone, .. } => Some(zone.clone()),
            _ => None,
        });
        assert_eq!(removed.len(), 1, "seed {seed}\n{}", log_text(&world));
        let (removed_at, zone) = removed[0].clone();
        assert_eq!(zone, "a");
        // ELB detection (~30 s) plus the 60 s TTL of its DNS record.
        let gone_s = secs(removed_at - lost);
        assert!((60.0..=120.0).contains(&gone_s), "seed {seed}: dropped from DNS {gone_s} s after the loss");
        let span = seconds_failing(&world, FailureCause::ZoneLost);
        assert!(
            span[0] >= lost / SECOND && *span.last().expect("some") <= removed_at / SECOND + 1,
            "seed {seed}"
        );
        // Half the requests reach the dead node meanwhile.
        let expected = 400.0 * 0.5 * gone_s;
        let got = failed(&world, FailureCause::ZoneLost) as f64;
        assert!(
            (0.9 * expected..=1.1 * expected).contains(&got),
            "seed {seed}: {got} zone_lost, expected {expected:.0}"
        );
    }
}
