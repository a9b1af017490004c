//! One timed run of a benchmark workload, printed as one line of JSON for `scripts/bench`.
//!
//! ```text
//! cargo run --profile bench -p nines-sim --example bench_run -- three-tier
//! cargo run --profile bench -p nines-sim --example bench_run -- mmc [--warmups N] [--runs N]
//! ```
//!
//! It runs the workload once untimed (warm-up: page faults, caches, allocator), then once
//! timed (or `--runs N` times, keeping the best), and reports wall seconds, simulated
//! requests, requests per wall-second, events processed and, on Linux, the process's peak
//! resident memory (VmHWM). Run one workload per process so the peak is that workload's
//! alone; each world is dropped before the next is built, so the peak is one run's.
//!
//! The workloads are those of `benches/engine.rs` (criterion): see `benches/workloads/mod.rs`.

#[path = "../benches/workloads/mod.rs"]
mod workloads;

use std::process::ExitCode;
use std::time::Instant;

use serde_json::json;

const USAGE: &str = "usage: bench_run (three-tier | mmc | multi-region) [--warmups N] [--runs N]";

fn main() -> ExitCode {
    let Some((workload, warmups, runs)) = parse_args() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };

    for _ in 0..warmups {
        drop(std::hint::black_box(workload.run()));
    }
    // Each timed run starts from a fresh world; the best wall time is the least disturbed by
    // whatever else the machine is doing (the runs are deterministic, so all do the same work).
    let mut walls = Vec::new();
    let mut finished = None;
    for _ in 0..runs {
        drop(finished.take()); // before the next world is built, so only one is ever alive
        let mut world = workload.world();
        let started = Instant::now();
        world.run_until(std::hint::black_box(workload.duration));
        walls.push(started.elapsed().as_secs_f64());
        finished = Some(world);
    }
    let world = finished.expect("runs > 0 (parse_args)");
    let wall_s = walls.iter().copied().fold(f64::INFINITY, f64::min);

    let requests = workloads::requests(&world);
    let mut report = json!({
        "workload": workload.name,
        "design": workload.design.name,
        "simulated_s": nines_sim::time::as_secs(world.now()),
        "wall_s": wall_s,
        "wall_s_runs": walls,
        "requests": requests,
        "requests_per_wall_s": requests as f64 / wall_s,
        "events": world.events_processed(),
        "events_per_wall_s": world.events_processed() as f64 / wall_s,
        "peak_rss_mb": peak_rss_mb(),
    });
    if workload.name == "mmc" {
        // The same numbers bench/simpy_mmc.py prints, to show both ran the same queue.
        let q = &world.recorder().queueing;
        let mean_service_us = workloads::MMC_MEAN_SERVICE_MS * 1000.0;
        report["p_wait"] = json!(q.waited as f64 / q.served as f64);
        report["wq_mu"] = json!(q.wait_sum as f64 / q.served as f64 / mean_service_us);
        report["erlang_c"] = json!({"p_wait": workloads::MMC_ERLANG_C.0, "wq_mu": workloads::MMC_ERLANG_C.1});
    }
    if let Err(error) = world.check_conservation() {
        eprintln!("bench_run: conservation broken: {error}");
        return ExitCode::FAILURE;
    }
    println!("{report}");
    ExitCode::SUCCESS
}

/// The workload, warm-up runs (default 1) and timed runs (default 1); `None` on a bad command line.
fn parse_args() -> Option<(workloads::Workload, u32, u32)> {
    let mut args = std::env::args().skip(1);
    let workload = workloads::by_name(&args.next()?)?;
    let (mut warmups, mut runs) = (1, 1);
    while let Some(flag) = args.next() {
        let n = args.next()?.parse().ok()?;
        match flag.as_str() {
            "--warmups" => warmups = n,
            "--runs" if n > 0 => runs = n,
            _ => return None,
        }
    }
    Some((workload, warmups, runs))
}

/// Peak resident set size of this process [MB = 10^6 bytes], from `VmHWM` in
/// /proc/self/status; `null` where there is no such file (not Linux).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024.0 / 1e6)
}
