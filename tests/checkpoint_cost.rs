//! What checkpoints cost for the three-tier reference design: the wall time and heap bytes
//! of one world clone (against the estimate that bounds their memory), and the share of
//! run time spent checkpointing over a twelve-hour run. The figures behind
//! `src/live/checkpoints.rs`; run on demand with
//! `cargo test -p nines --test checkpoint_cost -- --ignored --nocapture --test-threads 1`
//! (the test profile builds the simulation at opt-level 2).
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use nines::live::checkpoints::{CAPACITY, Checkpoints, estimated_bytes};
use nines_sim::World;
use nines_sim::design::reference;
use nines_sim::time::SECOND;

/// The system allocator, counting the bytes it hands out.
struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
#[ignore = "a measurement, not a check; run on demand"]
fn clone_size_and_cost() {
    let mut world = World::new(&reference::three_tier()).expect("valid");
    println!("{:>8} {:>11} {:>11} {:>14}", "at [s]", "clone [ms]", "clone [kB]", "estimate [kB]");
    for minutes in [1u64, 10, 60, 120, 360, 720] {
        world.run_until(minutes * 60 * SECOND);
        let allocated = ALLOCATED.load(Ordering::Relaxed);
        let start = Instant::now();
        let copies: Vec<World> = (0..10).map(|_| world.clone()).collect();
        let clone_ms = start.elapsed().as_secs_f64() * 1000.0 / 10.0;
        let clone_kb = (ALLOCATED.load(Ordering::Relaxed) - allocated) as f64 / 10.0 / 1024.0;
        drop(copies);
        let estimate_kb = estimated_bytes(&world) as f64 / 1024.0;
        println!("{:>8} {clone_ms:>11.3} {clone_kb:>11.0} {estimate_kb:>14.0}", world.now() / SECOND);
        let ratio = estimate_kb / clone_kb;
        assert!((0.8..1.3).contains(&ratio), "the estimate is within −20 % … +30 %: {ratio:.2}");
    }
}

#[test]
#[ignore = "a measurement, not a check; run on demand"]
fn checkpointing_share_of_run_time() {
    let mut world = World::new(&reference::three_tier()).expect("valid");
    let mut checkpoints = Checkpoints::new(&world);
    let (mut simulating, mut checkpointing) = (0.0, 0.0);
    println!(
        "{:>8} {:>8} {:>6} {:>13} {:>13} {:>10}",
        "at [s]", "share", "kept", "interval [s]", "memory [MB]", "worst [ms]"
    );
    let mut worst: f64 = 0.0;
    for second in 1..=12 * 3600 {
        let start = Instant::now();
        world.run_until(second * SECOND);
        let ran = Instant::now();
        checkpoints.take_if_due(&world, 0);
        let took = ran.elapsed().as_secs_f64();
        worst = worst.max(took * 1000.0);
        simulating += (ran - start).as_secs_f64();
        checkpointing += took;
        if [600, 3600, 6 * 3600, 12 * 3600].contains(&second) {
            let memory = checkpoints.len() as f64 * estimated_bytes(&world) as f64 / (1 << 20) as f64;
            println!(
                "{second:>8} {:>7.2}% {:>6} {:>13} {memory:>13.1} {worst:>10.2}",
                100.0 * checkpointing / simulating,
                checkpoints.len(),
                checkpoints.interval() / SECOND
            );
        }
    }
    assert!(checkpointing / simulating < 0.05, "checkpointing costs under 5 % of run time");
    assert!(checkpoints.len() <= CAPACITY);
}
