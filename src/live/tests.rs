//! The rewind proof: a run re-simulated from a checkpoint, with its recorded faults applied
//! again, is the run that was — same digest, same snapshot — however the first run was
//! sliced, including faults applied in the middle of an instant.

use nines_sim::design::reference;
use nines_sim::rng::SimRng;
use nines_sim::time::{Micros, SECOND};
use nines_sim::{Command, World};

use super::Live;

/// A playground run of the three-tier reference design.
fn three_tier() -> Live {
    let mut live = Live::default();
    live.ensure(&reference::three_tier()).expect("the reference design runs");
    live
}

/// What must match between two runs: the digest (summary, log, series, clock) and what the
/// canvas would draw.
fn fingerprint(live: &Live) -> (u64, String) {
    let digest = live.with_world(World::digest).expect("running");
    let snapshot = serde_json::to_string(&live.snapshot()).expect("serialises");
    (digest, snapshot)
}

/// Advances to `target` the way the browser does: many calls of a few events each, so it
/// often stops between two events of the same instant.
fn advance_sliced(live: &mut Live, target: Micros, rng: &mut SimRng) {
    while live.now() < target {
        let events = 1 + u64::from(rng.below(400));
        live.run_events_to(target, events);
    }
}

/// A fault on something the world has now, chosen by `rng`.
fn some_fault(live: &Live, rng: &mut SimRng) -> Command {
    let snapshot = live.snapshot().expect("running");
    let alive: Vec<String> = snapshot
        .instances
        .iter()
        .filter(|i| i.condition == nines_sim::world::Condition::Healthy)
        .map(|i| i.name.clone())
        .collect();
    let instance = alive[rng.below(alive.len() as u32) as usize].clone();
    match rng.below(6) {
        0 => Command::KillInstance { instance },
        1 => Command::HangInstance { instance },
        2 => Command::SlowInstance { instance, factor: 4.0 },
        3 => Command::LoseZone { zone: "b".into() },
        4 => Command::TrafficSpike { factor: 3.0, duration_s: 30.0 },
        _ => Command::KillDatabasePrimary { database: "db".into() },
    }
}

#[test]
fn kill_rewind_to_start_and_replay_is_the_same_run() {
    // Run A: play to 1 min, kill, play to 2 min, kill, play to 3 min — sliced finely.
    let mut rng = SimRng::new(7);
    let mut a = three_tier();
    advance_sliced(&mut a, 60 * SECOND + 123, &mut rng);
    a.apply(Command::KillInstance { instance: "i-1".into() }).expect("applies");
    advance_sliced(&mut a, 120 * SECOND, &mut rng);
    a.apply(Command::KillInstance { instance: "i-2".into() }).expect("applies");
    advance_sliced(&mut a, 180 * SECOND, &mut rng);
    let end = fingerprint(&a);

    // Run B: back to 0, re-simulated to 3 min in big slices.
    assert_eq!(a.restore_for(0), Some(0));
    assert_eq!(a.now(), 0);
    a.run_to(180 * SECOND, f64::INFINITY);
    assert_eq!(fingerprint(&a), end);
    assert_eq!(a.with_world(|w| w.commands_applied().len()), Some(2));

    // And from a checkpoint in the middle (between the two kills).
    let from = a.restore_for(100 * SECOND).expect("a checkpoint before 100 s");
    assert!(from > 60 * SECOND && from <= 100 * SECOND, "restored {from}");
    a.run_to(180 * SECOND, f64::INFINITY);
    assert_eq!(fingerprint(&a), end);
}

#[test]
fn any_slicing_and_faults_replay_exactly_from_any_checkpoint() {
    for case in 0..10 {
        let mut rng = SimRng::new(1000 + case);
        let mut a = three_tier();
        let mut at = 0;
        for _ in 0..3 {
            at += u64::from(5 + rng.below(80)) * SECOND + u64::from(rng.below(1_000_000));
            advance_sliced(&mut a, at, &mut rng);
            // Sometimes a few events more, stopping inside whatever instant comes next.
            a.run_events_to(Micros::MAX, u64::from(rng.below(3)));
            at = a.now();
            let fault = some_fault(&a, &mut rng);
            a.apply(fault).expect("applies");
        }
        let end = at + 60 * SECOND;
        advance_sliced(&mut a, end, &mut rng);
        let expected = fingerprint(&a);

        let back_to = u64::from(rng.below((end / SECOND) as u32)) * SECOND;
        a.restore_for(back_to).expect("a checkpoint");
        a.run_to(back_to, f64::INFINITY);
        advance_sliced(&mut a, end, &mut rng);
        assert_eq!(fingerprint(&a), expected, "case {case}: rewound to {back_to} µs");
    }
}

#[test]
fn replaying_faults_by_time_alone_would_not_be_exact() {
    // The reason faults are replayed by event count: scheduled at their time, a fault
    // applied between two events of one instant lands after all of them instead.
    let mut diverged = 0;
    for case in 0..10 {
        let mut rng = SimRng::new(2000 + case);
        let mut a = three_tier();
        advance_sliced(&mut a, u64::from(30 + rng.below(30)) * SECOND, &mut rng);
        a.run_events_to(Micros::MAX, 1 + u64::from(rng.below(3)));
        let fault = some_fault(&a, &mut rng);
        a.apply(fault.clone()).expect("applies");
        a.run_to(a.now() + 30 * SECOND, f64::INFINITY);

        let mut b = World::new(&reference::three_tier()).expect("valid");
        let applied = a.applied();
        b.schedule(applied[0].at, fault);
        b.run_until(a.now());
        if b.digest() != fingerprint(&a).0 {
            diverged += 1;
        }
    }
    assert!(diverged > 0, "mid-instant faults should show the difference");
}

#[test]
fn a_fault_after_a_rewind_branches_the_run() {
    let mut live = three_tier();
    live.run_to(60 * SECOND, f64::INFINITY);
    live.apply(Command::KillInstance { instance: "i-1".into() }).expect("applies");
    live.run_to(120 * SECOND, f64::INFINITY);
    live.apply(Command::KillInstance { instance: "i-2".into() }).expect("applies");
    live.run_to(180 * SECOND, f64::INFINITY);
    let epoch = live.epoch();

    live.restore_for(90 * SECOND);
    live.run_to(90 * SECOND, f64::INFINITY);
    assert!(live.epoch() > epoch, "readers of the old world start again");
    assert_eq!((live.now(), live.reached()), (90 * SECOND, 180 * SECOND));
    let branch = live.apply(Command::LoseZone { zone: "b".into() }).expect("applies");
    assert_eq!((branch.forgotten, branch.had_reached), (1, 180 * SECOND));
    assert_eq!(live.reached(), 90 * SECOND, "the simulated future is gone");
    let kept: Vec<Micros> = live.applied().iter().map(|a| a.at).collect();
    assert_eq!(kept, [60 * SECOND, 90 * SECOND]);

    // The new branch replays exactly too.
    live.run_to(150 * SECOND, f64::INFINITY);
    let expected = fingerprint(&live);
    live.restore_for(0);
    live.run_to(150 * SECOND, f64::INFINITY);
    assert_eq!(fingerprint(&live), expected);
}

#[test]
fn log_entries_start_again_after_a_restore() {
    let mut live = three_tier();
    live.run_to(60 * SECOND, f64::INFINITY);
    live.apply(Command::KillInstance { instance: "i-1".into() }).expect("applies");
    live.run_to(120 * SECOND, f64::INFINITY);
    let all = live.new_log_entries(usize::MAX);
    assert!(live.new_log_entries(usize::MAX).is_empty());
    live.restore_for(0);
    live.run_to(120 * SECOND, f64::INFINITY);
    assert_eq!(live.new_log_entries(usize::MAX), all);
    live.restore_for(0);
    live.run_to(120 * SECOND, f64::INFINITY);
    assert_eq!(live.new_log_entries(3), all[all.len() - 3..]);
}

#[test]
fn a_filtered_log_searches_the_whole_run() {
    use nines_sim::event_log::Severity;
    let mut live = three_tier();
    live.run_to(60 * SECOND, f64::INFINITY);
    live.apply(Command::KillInstance { instance: "i-1".into() }).expect("applies");
    live.run_to(300 * SECOND, f64::INFINITY);
    let critical = live.log_entries_where(|_, severity| severity == Severity::Critical, 200);
    assert!(!critical.is_empty() && critical.iter().all(|e| e.severity == Severity::Critical));
    let about_i1 = live.log_entries_where(|source, _| source == "i-1", 2);
    assert_eq!(about_i1.len(), 2, "the newest two");
    assert!(about_i1[0].at <= about_i1[1].at, "oldest first");
    assert!(live.log_subjects().contains(&"i-1".to_owned()));
    assert!(!live.log_subjects().contains(&String::new()), "fault lines have no subject");
}

#[test]
fn faults_before_the_first_event_and_back_to_back_replay_exactly() {
    let mut rng = SimRng::new(99);
    let mut live = three_tier();
    live.apply(Command::TrafficSpike { factor: 2.0, duration_s: 20.0 }).expect("applies at 0");
    advance_sliced(&mut live, 45 * SECOND, &mut rng);
    live.run_events_to(Micros::MAX, 1);
    live.apply(Command::HangInstance { instance: "i-2".into() }).expect("applies");
    live.apply(Command::LoseZone { zone: "a".into() }).expect("applies at the same place");
    let place = live.with_world(|w| (w.now(), w.events_processed()));
    advance_sliced(&mut live, 100 * SECOND, &mut rng);
    let expected = fingerprint(&live);

    // Going back to the time of the two faults replays both, in order.
    let (at, events) = place.expect("running");
    live.restore_for(0);
    live.run_to(at, f64::INFINITY);
    assert_eq!(live.now(), at);
    assert!(live.with_world(World::events_processed) >= Some(events));
    let commands = live.with_world(|w| w.commands_applied().iter().map(|(t, _)| *t).collect::<Vec<_>>());
    assert_eq!(commands, Some(vec![0, at, at]));
    live.run_to(100 * SECOND, f64::INFINITY);
    assert_eq!(fingerprint(&live), expected);
}
