//! The workloads of the README's "Benchmarks", shared by `benches/engine.rs` (criterion)
//! and `examples/bench_run.rs` (one timed run, for `scripts/bench`), so both measure the same
//! thing. `bench/simpy_mmc.py` is the SimPy twin of [`mmc`]: keep their parameters equal.

// Each user (the bench, the example) takes only what it needs.
#![allow(dead_code)]

use nines_sim::World;
use nines_sim::command::{Command, TimedCommand};
use nines_sim::design::{Design, reference};
use nines_sim::time::{HOUR, MINUTE, Micros, from_secs};

/// Servers of the M/M/c workload.
pub const MMC_SERVERS: u32 = 2;
/// Utilisation of the M/M/c workload.
pub const MMC_RHO: f64 = 0.9;
/// Mean service time of the M/M/c workload [ms]: λ = ρc/E[S] = 180 customers/s, so 10^6
/// customers take about 5,556 simulated seconds (the engine's per-second tick stays a small
/// share of the events).
pub const MMC_MEAN_SERVICE_MS: f64 = 10.0;
/// Customers (arrivals) the M/M/c workload is run for.
pub const MMC_CUSTOMERS: f64 = 1_000_000.0;
/// Erlang C for c = 2, ρ = 0.9 (AWS-FACTS §9.1): probability of waiting, and Wq·μ.
pub const MMC_ERLANG_C: (f64, f64) = (0.852632, 4.263158);

/// A design and how long to simulate it.
pub struct Workload {
    /// Name on the command line and in reports.
    pub name: &'static str,
    /// What is simulated.
    pub design: Design,
    /// Simulated time to run [µs].
    pub duration: Micros,
    /// Faults scheduled at the start (none for the steady workloads).
    pub faults: Vec<TimedCommand>,
}

impl Workload {
    /// Builds a fresh world (not timed by the benchmarks: validation and build are cheap
    /// next to the run, but they are not the engine's speed).
    pub fn world(&self) -> World {
        let mut world = World::new(&self.design).expect("reference designs are valid (unit-tested)");
        world.schedule_all(&self.faults);
        world
    }

    /// Builds a world and runs it for the workload's duration.
    pub fn run(&self) -> World {
        let mut world = self.world();
        world.run_until(self.duration);
        world
    }
}

/// The reference three-tier design at its own profile (1,000 requests/s) for one simulated hour.
pub fn three_tier() -> Workload {
    Workload { name: "three-tier", design: reference::three_tier(), duration: HOUR, faults: Vec::new() }
}

/// The reference multi-region design (500 requests/s behind DNS failover) for one
/// simulated hour, its primary region lost at 10 minutes and restored at 40.
pub fn multi_region() -> Workload {
    let region = || "us-east-1".to_owned();
    Workload {
        name: "multi-region",
        design: reference::multi_region(),
        duration: HOUR,
        faults: vec![
            TimedCommand { at: 10 * MINUTE, command: Command::LoseRegion { region: region() } },
            TimedCommand { at: 40 * MINUTE, command: Command::RestoreRegion { region: region() } },
        ],
    }
}

/// M/M/2 at ρ = 0.9, run for 10^6 expected arrivals.
pub fn mmc() -> Workload {
    let lambda = MMC_RHO * f64::from(MMC_SERVERS) * 1000.0 / MMC_MEAN_SERVICE_MS;
    Workload {
        name: "mmc",
        design: reference::mmc(MMC_SERVERS, MMC_RHO, MMC_MEAN_SERVICE_MS),
        duration: from_secs(MMC_CUSTOMERS / lambda),
        faults: Vec::new(),
    }
}

/// Every workload, by name.
pub fn by_name(name: &str) -> Option<Workload> {
    match name {
        "three-tier" => Some(three_tier()),
        "mmc" => Some(mmc()),
        "multi-region" => Some(multi_region()),
        _ => None,
    }
}

/// Simulated requests (customers) that arrived in a run: the unit of throughput.
pub fn requests(world: &World) -> u64 {
    world.recorder().totals.arrived
}
