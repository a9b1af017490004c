//! Engine throughput on the workloads of the README's "Benchmarks", in simulated requests
//! (customers) per wall-second: `cargo bench -p nines-sim --bench engine`.
//!
//! Each iteration is a whole run (one simulated hour of the three-tier design or of the
//! multi-region design losing its primary region, or 10^6 M/M/2 customers), so sampling is flat and small: twelve runs per workload (one to count the
//! requests, one warm-up, ten samples), well under two minutes in all. `scripts/bench`
//! prints the comparison table (SimPy, peak memory) from `examples/bench_run.rs` instead.

mod workloads;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use workloads::Workload;

fn bench_workload(c: &mut Criterion, workload: &Workload) {
    // The run is deterministic, so one run tells the throughput unit exactly.
    let requests = workloads::requests(&workload.run());
    let mut group = c.benchmark_group("engine");
    // A measurement time far below ten runs makes criterion take one run per sample, ten in
    // all, after one warm-up run; it then warns "Unable to complete 10 samples", as intended.
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(100))
        .throughput(Throughput::Elements(requests));
    group.bench_function(workload.name, |b| {
        b.iter_batched(
            || workload.world(),
            |mut world| {
                world.run_until(black_box(workload.duration));
                world
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn engine(c: &mut Criterion) {
    bench_workload(c, &workloads::three_tier());
    bench_workload(c, &workloads::mmc());
    bench_workload(c, &workloads::multi_region());
}

criterion_group!(benches, engine);
criterion_main!(benches);
