//! Sticky sessions and the key-value store against the documented behaviour: ALB
//! duration-based stickiness (a user stays on one target while it is healthy; a dead
//! target's in-memory sessions are lost) and DynamoDB (provisioned throughput with
//! throttling, eventually consistent reads stale only within the replication lag, strongly
//! consistent reads at twice the capacity, regional: a zone loss does not take it down).

mod common;

use common::{assert_conserved, run_checked, seconds};
use nines_sim::design::{ComponentSpec, Design, KeyValueStoreSpec, reference};
use nines_sim::snapshot::{KeyValueStoreView, Snapshot};
use nines_sim::time::{MINUTE, SECOND};
use nines_sim::{Command, World};

/// Users bound to each target, by target name.
fn shares(snapshot: &Snapshot) -> Vec<(String, u32)> {
    snapshot.load_balancers[0].sticky_users.iter().map(|s| (s.target.clone(), s.users)).collect()
}

fn users_of(snapshot: &Snapshot, target: &str) -> u32 {
    shares(snapshot).iter().find(|(t, _)| t == target).map_or(0, |(_, u)| *u)
}

fn store(snapshot: &Snapshot) -> &KeyValueStoreView {
    &snapshot.key_value_stores[0]
}

fn with_store(mut design: Design, edit: impl Fn(&mut KeyValueStoreSpec)) -> Design {
    for component in &mut design.components {
        if let ComponentSpec::KeyValueStore(kv) = &mut component.spec {
            edit(kv);
        }
    }
    design
}

fn run(design: &Design, until: u64) -> World {
    let mut world = World::new(design).expect("valid design");
    run_checked(&mut world, until, 10 * SECOND);
    world
}

#[test]
fn without_stickiness_nobody_is_bound_and_with_it_every_user_is_bound_to_one_target() {
    let mut plain = reference::sticky_sessions();
    for component in &mut plain.components {
        if let ComponentSpec::LoadBalancer(lb) = &mut component.spec {
            lb.stickiness = false;
        }
    }
    let world = run(&plain, 120 * SECOND);
    assert!(world.snapshot().load_balancers[0].sticky_users.is_empty(), "stickiness is off by default");

    let world = run(&reference::sticky_sessions(), 120 * SECOND);
    let shares = shares(&world.snapshot());
    assert_eq!(shares.len(), 3, "{shares:?}");
    // 300 requests/s from 1,000 users for two minutes: every user has come at least once.
    assert_eq!(shares.iter().map(|(_, u)| u).sum::<u32>(), 1000, "{shares:?}");
    assert!(shares.iter().all(|(_, u)| (200..=470).contains(u)), "roughly a third each: {shares:?}");
}

#[test]
fn sticky_users_stay_on_their_target_while_it_is_healthy() {
    let mut world = World::new(&reference::sticky_sessions()).expect("valid");
    world.run_until(2 * MINUTE);
    let before = shares(&world.snapshot());
    let received =
        |w: &World| -> Vec<u64> { w.snapshot().instances.iter().map(|i| i.requests_received).collect() };
    let at_two = received(&world);
    world.run_until(10 * MINUTE);
    assert_eq!(shares(&world.snapshot()), before, "no user moved in eight healthy minutes");
    let at_ten = received(&world);
    // Each target keeps its users, so its share of the traffic is its share of the users.
    let total: u64 = at_ten.iter().zip(&at_two).map(|(a, b)| a - b).sum();
    for ((name, users), (now, then)) in before.iter().zip(at_ten.iter().zip(&at_two)) {
        let share = (now - then) as f64 / total as f64;
        let expected = f64::from(*users) / 1000.0;
        assert!((share - expected).abs() < 0.03, "{name}: {share:.3} of requests, {expected:.3} of users");
    }
    assert_eq!(world.summary().sessions_lost, 0);
}

#[test]
fn killing_a_sticky_target_loses_exactly_its_users_sessions() {
    let mut world = World::new(&reference::sticky_sessions()).expect("valid");
    world.run_until(5 * MINUTE);
    let bound = users_of(&world.snapshot(), "web-1");
    assert!(bound > 200, "web-1 holds a third of the users: {bound}");
    world.apply(Command::KillInstance { instance: "web-1".into() }).expect("web-1 exists");
    assert_eq!(world.summary().sessions_lost, u64::from(bound), "lost at the crash, all at once");
    run_checked(&mut world, 15 * MINUTE, 10 * SECOND);
    let after = world.snapshot();
    assert_eq!(world.summary().sessions_lost, u64::from(bound), "moving them elsewhere loses nothing more");
    assert_eq!(users_of(&after, "web-1"), 0, "the health checks took web-1 out; its users moved");
    assert_eq!(shares(&after).iter().map(|(_, u)| u).sum::<u32>(), 1000);
    let json = serde_json::to_value(world.summary()).expect("serialises");
    assert_eq!(json["sessions_lost"], u64::from(bound), "the summary's JSON carries it");
    assert!(
        world
            .log()
            .entries()
            .iter()
            .any(|e| e.to_string().contains("user session(s) held in its memory lost"))
    );
}

#[test]
fn the_series_steps_up_by_the_sessions_a_kill_loses_in_the_second_it_happens() {
    let mut world = World::new(&reference::sticky_sessions()).expect("valid");
    world.run_until(5 * MINUTE);
    let bound = users_of(&world.snapshot(), "web-1");
    world.apply(Command::KillInstance { instance: "web-1".into() }).expect("web-1 exists");
    world.run_until(7 * MINUTE);
    let lost = |second: u64| {
        let points = seconds(&world);
        points[second as usize].1.sessions.expect("a sticky design records sessions").sessions_lost
    };
    assert_eq!(lost(299), 0, "nothing lost before the kill");
    assert_eq!(lost(300), bound, "the second the kill happens in (5:00–5:01) carries the loss");
    assert_eq!(lost(419), bound, "a running total, not a rate");
    let json = serde_json::to_value(seconds(&world)[300].1).expect("serialises");
    assert_eq!(json["sessions"]["sessions_lost"], bound);

    let plain = run(&reference::three_tier(), 30 * SECOND);
    assert!(
        seconds(&plain).iter().all(|(_, s)| s.sessions.is_none()),
        "no sticky LB, no store: nothing recorded"
    );
    let json = serde_json::to_string(seconds(&plain)[0].1).expect("serialises");
    assert!(!json.contains("sessions"), "other designs' series read as before: {json}");
}

#[test]
fn the_series_counts_each_seconds_throttled_stale_and_refused_store_calls() {
    let design = with_store(reference::session_store(), |kv| kv.write_capacity = 20);
    let mut world = World::new(&design).expect("valid");
    world.run_until(2 * MINUTE);
    world.apply(Command::StoreOutage { store: "sessions".into() }).expect("the store exists");
    world.run_until(3 * MINUTE);
    let summary = world.summary();
    let points = seconds(&world);
    let sum = |pick: fn(&nines_sim::measure::recorder::SessionSecond) -> u32| -> u64 {
        points.iter().map(|(_, s)| u64::from(pick(&s.sessions.expect("recorded")))).sum()
    };
    // The last second's calls are counted once it closes: every closed second is in the series.
    assert_eq!(sum(|s| s.kv_throttled), summary.key_value.throttled);
    assert_eq!(sum(|s| s.kv_stale_reads), summary.key_value.stale_reads);
    assert_eq!(sum(|s| s.kv_unavailable), summary.key_value.unavailable);
    let before: Vec<u32> = points[10..120].iter().map(|(_, s)| s.sessions.unwrap().kv_throttled).collect();
    assert!(before.iter().all(|&t| t > 20), "about 40 writes/s over 20 WCU, every second: {before:?}");
    let during = &points[121..180];
    assert!(
        during.iter().all(|(_, s)| s.sessions.unwrap().kv_unavailable > 200),
        "a down store refuses every call"
    );
    assert!(
        during.iter().all(|(_, s)| s.sessions.unwrap().kv_throttled == 0),
        "nothing is throttled while down"
    );
}

#[test]
fn a_hung_sticky_target_loses_its_users_sessions_when_they_move() {
    let mut world = World::new(&reference::sticky_sessions()).expect("valid");
    world.run_until(5 * MINUTE);
    let bound = users_of(&world.snapshot(), "web-2");
    world.apply(Command::HangInstance { instance: "web-2".into() }).expect("web-2 exists");
    assert_eq!(world.summary().sessions_lost, 0, "a hung process still holds its memory");
    world.run_until(15 * MINUTE);
    // Out of service after two failed checks (≤ 65 s); every user returns within minutes.
    assert_eq!(world.summary().sessions_lost, u64::from(bound));
}

#[test]
fn a_session_store_loses_no_session_when_a_sticky_target_dies() {
    let mut world = World::new(&reference::session_store()).expect("valid");
    world.run_until(5 * MINUTE);
    assert!(users_of(&world.snapshot(), "web-1") > 200);
    world.apply(Command::KillInstance { instance: "web-1".into() }).expect("web-1 exists");
    run_checked(&mut world, 15 * MINUTE, 10 * SECOND);
    let summary = world.summary();
    assert_eq!(summary.sessions_lost, 0);
    assert!(
        summary.key_value.reads > 100_000 && summary.key_value.writes > 20_000,
        "{:?}",
        summary.key_value
    );
    assert_eq!(summary.key_value.throttled, 0, "300 requests/s fit 1,000 RCU and 500 WCU");
}

#[test]
fn stale_reads_happen_only_with_eventual_consistency_and_a_lag() {
    let eventual = run(&reference::session_store(), 10 * MINUTE);
    let kv = &eventual.summary().key_value;
    assert!(kv.stale_reads > 0, "reads soon after a user's write see the old item: {kv:?}");
    // A read is stale when it falls in the lag after its user's last write: each user
    // writes 0.3 × 0.2 = 0.06 times a second and lags average 0.5 s, so 0.06 × 0.5 = 3 %
    // of reads are stale.
    let share = kv.stale_reads as f64 / kv.reads as f64;
    assert!((0.02..0.04).contains(&share), "{share:.4} of reads stale: {kv:?}");
    assert!(kv.conditional_failures <= kv.stale_reads, "a failed condition follows a stale read: {kv:?}");

    let consistent =
        run(&with_store(reference::session_store(), |kv| kv.consistent_reads = true), 10 * MINUTE);
    assert_eq!(consistent.summary().key_value.stale_reads, 0);
    assert_eq!(consistent.summary().key_value.conditional_failures, 0);
    let no_lag = run(&with_store(reference::session_store(), |kv| kv.replication_lag_ms = 0.0), 10 * MINUTE);
    assert_eq!(no_lag.summary().key_value.stale_reads, 0, "no window, no stale read");
}

#[test]
fn calls_beyond_the_provisioned_throughput_are_throttled_and_fail() {
    // 300 requests/s, a fifth writes: about 60 writes/s against 20 WCU.
    let design = with_store(reference::session_store(), |kv| kv.write_capacity = 20);
    let mut world = World::new(&design).expect("valid");
    for second in 1..=120 {
        world.run_until(second * SECOND);
        let snapshot = world.snapshot();
        let last = &store(&snapshot).last_second;
        assert!(last.writes <= 20, "second {second}: {} writes answered of 20 WCU", last.writes);
    }
    assert_conserved(&world);
    let summary = world.summary();
    let throttled = summary.key_value.throttled;
    assert!(throttled > 3000, "about 40 writes/s over: {throttled}");
    let failed = summary
        .failures_by_cause
        .iter()
        .find(|(cause, _)| cause == "database unavailable")
        .map_or(0, |(_, n)| *n);
    // Throttled calls fail their request (a few may fail by timeout after a client gave up).
    assert!(failed + 50 >= throttled && failed <= throttled, "{failed} failed, {throttled} throttled");

    // Strongly consistent reads cost twice: 240 reads/s need 120 RCU eventually, 240 strongly.
    let reads = |consistent: bool| {
        let design = with_store(reference::session_store(), |kv| {
            kv.read_capacity = 180;
            kv.consistent_reads = consistent;
        });
        run(&design, 2 * MINUTE).summary().key_value.throttled
    };
    assert_eq!(reads(false), 0, "180 RCU serve 360 eventually consistent reads/s");
    assert!(reads(true) > 1000, "180 RCU serve only 180 strongly consistent reads/s");
}

#[test]
fn a_zone_loss_leaves_the_store_up_and_only_a_store_outage_stops_it() {
    let mut world = World::new(&reference::session_store()).expect("valid");
    world.run_until(2 * MINUTE);
    world.apply(Command::LoseZone { zone: "a".into() }).expect("zone a exists");
    world.run_until(5 * MINUTE);
    assert!(store(&world.snapshot()).up);
    assert_eq!(world.summary().key_value.unavailable, 0);
    world.apply(Command::RestoreZone { zone: "a".into() }).expect("zone a exists");
    world.apply(Command::StoreOutage { store: "sessions".into() }).expect("the store exists");
    world.run_until(6 * MINUTE);
    assert!(!store(&world.snapshot()).up);
    let refused = world.summary().key_value.unavailable;
    assert!(refused > 10_000, "a minute of 300 requests/s refused: {refused}");
    world.apply(Command::RestoreStore { store: "sessions".into() }).expect("the store exists");
    world.run_until(7 * MINUTE);
    assert!(store(&world.snapshot()).up);
    assert_eq!(world.summary().key_value.unavailable, refused, "answering again");
    assert!(
        World::new(&reference::session_store())
            .expect("valid")
            .apply(Command::StoreOutage { store: "db-1".into() })
            .is_err()
    );
}

#[test]
fn the_store_costs_its_provisioned_capacity() {
    let world = run(&reference::session_store(), 60 * SECOND);
    let sticky = run(&reference::sticky_sessions(), 60 * SECOND);
    // 1,000 RCU × $0.00013 + 500 WCU × $0.00065 per hour.
    let expected = 1000.0 * 0.00013 + 500.0 * 0.00065;
    let extra = world.summary().cost_per_hour - sticky.summary().cost_per_hour;
    assert!((extra - expected).abs() < 1e-9, "{extra} vs {expected}");
}

#[test]
fn old_files_read_and_write_as_before_and_defaults_may_be_spelled_out() {
    let three_tier = serde_json::to_string(&reference::three_tier()).expect("serialises");
    for key in ["stickiness", "sessions", "users", "key_value"] {
        assert!(!three_tier.contains(key), "a design without the features writes no {key}");
    }
    let mut value: serde_json::Value = serde_json::from_str(&three_tier).expect("json");
    value["components"][0]["users"] = 1000.into();
    value["components"][1]["stickiness"] = false.into();
    value["components"][1]["stickiness_duration_s"] = 86_400.0.into();
    value["components"][2]["instance"]["sessions"] = "in_memory".into();
    let spelled = nines_sim::parse_design(&value.to_string()).expect("defaults spelled out are fields");
    assert_eq!(spelled, reference::three_tier());
    value["components"][1]["stickyness"] = true.into();
    let error = nines_sim::parse_design(&value.to_string()).expect_err("a typo is still refused");
    assert!(error.to_string().contains("`stickyness` is not a field here"), "{error}");
}
