//! Determinism: the same design, seed and timed commands give the
//! same event log and metrics, run after run; another seed gives another run; a cloned
//! world (a checkpoint) continues exactly as the original; and how a run is sliced into
//! calls does not change it.
//!
//! The digest hashes, with 64-bit FNV-1a, in this order: the summary as JSON, every log
//! entry as JSON (exact µs time, severity, happening), the series' resolution and every
//! stored point as JSON, the pending point if any, and the snapshot as JSON. It is stricter
//! than [`World::digest`] (log times to the µs, the snapshot), which is checked as well.

mod common;

use common::assert_conserved;
use nines_sim::command::TimedCommand;
use nines_sim::design::{Design, parse_design, reference};
use nines_sim::digest::Fnv1a;
use nines_sim::time::{Micros, SECOND};
use nines_sim::{Command, World};

/// The library's 64-bit FNV-1a over a sequence of strings, each followed by a separator.
#[derive(Default)]
struct Fnv(Fnv1a);

impl Fnv {
    fn add(&mut self, text: &str) {
        self.0.write(text.as_bytes());
        self.0.write(&[0xff]);
    }
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("serialises")
}

/// The digest of everything a run shows: summary, log, series and snapshot.
fn digest(world: &World) -> u64 {
    let mut h = Fnv::default();
    h.add(&json(&world.summary()));
    for entry in world.log().entries() {
        h.add(&json(entry));
    }
    let series = world.series();
    h.add(&series.resolution_s().to_string());
    for point in series.points() {
        h.add(&json(point));
    }
    if let Some((point, seconds)) = series.pending() {
        h.add(&format!("{seconds}:{}", json(point)));
    }
    h.add(&json(&world.snapshot()));
    h.0.finish()
}

/// Everything compared between two runs that must be identical, with a readable failure.
fn assert_same_run(a: &World, b: &World, what: &str) {
    assert_conserved(a);
    assert_conserved(b);
    assert_eq!(a.now(), b.now(), "{what}: clocks");
    assert_eq!(json(&a.summary()), json(&b.summary()), "{what}: summaries");
    let lines = |w: &World| w.log().entries().iter().map(|e| e.to_string()).collect::<Vec<_>>();
    assert_eq!(lines(a), lines(b), "{what}: logs");
    assert_eq!(a.log().entries(), b.log().entries(), "{what}: log entries to the µs");
    assert_eq!(a.series().points(), b.series().points(), "{what}: series");
    assert_eq!(a.snapshot(), b.snapshot(), "{what}: snapshots");
    assert_eq!(a.events_processed(), b.events_processed(), "{what}: events processed");
    assert_eq!(digest(a), digest(b), "{what}: digests");
    assert_eq!(a.digest(), b.digest(), "{what}: World::digest");
}

fn faults(name: &str) -> Vec<TimedCommand> {
    let lines: &[&str] = match name {
        "three-tier" => &[
            "120s:kill i-1",
            "200s:hang i-2",
            "260s:slow i-4 4",
            "300s:chaos web 200",
            "400s:kill-db db",
            "500s:stop-consumers jobs",
            "600s:lose-zone b",
            "700s:start-consumers jobs",
            "800s:restore-zone b",
            "900s:spike 2 200",
        ],
        "single-server" => &["120s:hang web-1", "200s:recover web-1", "300s:kill-db db-1"],
        "multi-region" => &["100s:kill i-1", "300s:lose-region us-east-1", "700s:restore-region us-east-1"],
        _ => &["100s:slow server 2", "300s:recover server"],
    };
    lines.iter().map(|l| TimedCommand::parse(l).expect("parses")).collect()
}

/// A world of a design and seed with the faults of its scenario scheduled.
fn world(name: &str, design: &Design, seed: u64) -> World {
    let mut world = World::with_seed(design, seed).expect("valid design");
    world.schedule_all(&faults(name));
    world
}

const RUN: Micros = 1200 * SECOND;

#[test]
fn the_same_design_seed_and_commands_give_the_same_run_twice() {
    for (name, design) in reference::all() {
        let mut a = world(name, &design, 5);
        let mut b = world(name, &design, 5);
        a.run_until(RUN);
        b.run_until(RUN);
        assert!(!a.log().entries().is_empty() || name == "mmc", "{name}: something to compare");
        assert_same_run(&a, &b, name);
    }
}

#[test]
fn another_seed_gives_another_run() {
    for (name, design) in reference::all() {
        let digests: Vec<(u64, u64)> = (1..=4)
            .map(|seed| {
                let mut w = world(name, &design, seed);
                w.run_until(300 * SECOND);
                assert_conserved(&w);
                (digest(&w), w.digest())
            })
            .collect();
        for i in 0..digests.len() {
            for j in 0..i {
                assert_ne!(digests[i].0, digests[j].0, "{name}: seeds {} and {} ran alike", i + 1, j + 1);
                assert_ne!(
                    digests[i].1,
                    digests[j].1,
                    "{name}: World::digest of seeds {} and {}",
                    i + 1,
                    j + 1
                );
            }
        }
    }
}

#[test]
fn the_design_seed_is_the_default_seed() {
    let design = reference::three_tier();
    let mut a = World::new(&design).expect("valid");
    let mut b = World::with_seed(&design, design.seed).expect("valid");
    a.run_until(120 * SECOND);
    b.run_until(120 * SECOND);
    assert_same_run(&a, &b, "World::new vs with_seed(design.seed)");
}

#[test]
fn a_cloned_world_continues_exactly_as_the_original_and_as_a_fresh_replay() {
    for (name, design) in reference::all() {
        let (t1, t2) = (450 * SECOND + 123_457, RUN);
        let mut original = world(name, &design, 9);
        original.run_until(t1);
        let mut checkpoint = original.clone();
        original.run_until(t2);
        checkpoint.run_until(t2);
        assert_same_run(&original, &checkpoint, &format!("{name}: continued checkpoint"));
        let mut fresh = world(name, &design, 9);
        fresh.run_until(t2);
        assert_same_run(&original, &fresh, &format!("{name}: fresh replay"));
    }
}

#[test]
fn a_rewound_world_given_the_same_new_command_continues_alike() {
    let design = reference::three_tier();
    let mut original = world("three-tier", &design, 3);
    original.run_until(650 * SECOND);
    let checkpoint = original.clone();
    let command = Command::LoseZone { zone: "a".into() };
    original.apply(command.clone()).expect("zone a exists");
    original.run_until(RUN);
    // Rewind: take the checkpoint, do the same thing at the same time, run forward.
    let mut rewound = checkpoint.clone();
    rewound.apply(command).expect("zone a exists");
    rewound.run_until(RUN);
    assert_same_run(&original, &rewound, "rewound");
    // A different choice at the checkpoint gives a different future.
    let mut other = checkpoint;
    other.apply(Command::LoseZone { zone: "b".into() }).expect("zone b exists");
    other.run_until(RUN);
    assert_conserved(&other);
    assert_ne!(digest(&original), digest(&other));
    assert_ne!(original.digest(), other.digest());
}

#[test]
fn slicing_a_run_into_calls_does_not_change_it() {
    let design = reference::three_tier();
    let end = 400 * SECOND;
    let mut whole = world("three-tier", &design, 11);
    whole.run_until(end);

    let mut by_seconds = world("three-tier", &design, 11);
    while by_seconds.now() < end {
        by_seconds.run_for(SECOND);
    }
    assert_same_run(&whole, &by_seconds, "one second at a time");

    let mut by_events = world("three-tier", &design, 11);
    while by_events.run_events(997, end) > 0 {}
    assert_same_run(&whole, &by_events, "997 events at a time");

    let mut by_steps = world("three-tier", &design, 11);
    while by_steps.step() && by_steps.now() < end - SECOND {}
    by_steps.run_until(end);
    assert_same_run(&whole, &by_steps, "single steps");
}

#[test]
fn a_design_read_back_from_its_file_runs_identically() {
    for (name, design) in reference::all() {
        let text = serde_json::to_string_pretty(&design).expect("serialises");
        let reread = parse_design(&text).expect("parses");
        let mut a = world(name, &design, 2);
        let mut b = world(name, &reread, 2);
        a.run_until(300 * SECOND);
        b.run_until(300 * SECOND);
        assert_same_run(&a, &b, name);
    }
}
