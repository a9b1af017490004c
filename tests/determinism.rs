//! The same design, seed and faults give the same run natively and in WebAssembly.
//!
//! Both builds compute the digest of one scenario and compare it with the same pinned
//! value, so a pass on both sides proves the browser and the command line agree. If the
//! engine's behaviour changes on purpose, run `cargo test --test determinism` and pin the
//! digest it prints.

use nines_sim::design::reference;
use nines_sim::grade::{GradeOptions, grade};
use nines_sim::time::{MINUTE, SECOND};
use nines_sim::{Command, World};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// The pinned digest of [`scenario`].
const PINNED: u64 = 0xe7ea_0c40_90b1_e793;

/// Three-tier under a web kill, a database failover, a zone loss and a spike.
fn scenario() -> World {
    let mut world = World::new(&reference::three_tier()).expect("the reference design is valid");
    world.schedule(2 * MINUTE, Command::KillInstance { instance: "i-1".into() });
    world.schedule(3 * MINUTE, Command::KillDatabasePrimary { database: "db".into() });
    world.schedule(5 * MINUTE, Command::TrafficSpike { factor: 2.0, duration_s: 120.0 });
    world.schedule(7 * MINUTE, Command::LoseZone { zone: "b".into() });
    world.schedule(9 * MINUTE + 30 * SECOND, Command::RestoreZone { zone: "b".into() });
    world.run_until(10 * MINUTE);
    world
}

#[test]
fn the_scenario_digest_is_the_pinned_one() {
    let world = scenario();
    world.check_conservation().expect("conservation holds");
    let digest = world.digest();
    assert_eq!(digest, PINNED, "digest is {digest:#018x}; pin it if the engine changed on purpose");
}

/// The pinned digest of [`regions_scenario`] (re-pinned when the series gained the
/// requests by region, which the digest covers).
const PINNED_REGIONS: u64 = 0xa7ae_11b7_4d8b_7883;

/// The multi-region design losing its primary region, then getting it back, behind DNS.
fn regions_scenario() -> World {
    let mut world = World::new(&reference::multi_region()).expect("the reference design is valid");
    world.schedule(2 * MINUTE, Command::LoseRegion { region: "us-east-1".into() });
    world.schedule(8 * MINUTE, Command::RestoreRegion { region: "us-east-1".into() });
    world.run_until(15 * MINUTE);
    world
}

#[test]
fn the_regions_scenario_digest_is_the_pinned_one() {
    let world = regions_scenario();
    world.check_conservation().expect("conservation holds");
    let digest = world.digest();
    assert_eq!(digest, PINNED_REGIONS, "digest is {digest:#018x}; pin it if the engine changed on purpose");
}

/// The pinned digest of the one-server design's report card (also pinned natively in
/// `crates/sim/tests/grading.rs`).
const PINNED_REPORT: u64 = 0x8f9b_2010_7c60_c7bb;

#[test]
fn the_report_card_digest_is_the_pinned_one() {
    let report =
        grade(&reference::single_server(), &GradeOptions::default()).expect("the reference design grades");
    let digest = report.digest();
    assert_eq!(digest, PINNED_REPORT, "digest is {digest:#018x}; pin it if the grader changed on purpose");
}
