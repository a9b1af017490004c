//! Grading speed (GRADING.md "Speed"): every experiment of the three-tier reference,
//! `cargo bench -p nines-sim --bench grade`.
//!
//! One iteration is a whole grading run (~9 experiments, ~90 simulated minutes, ~9 M
//! requests), so sampling is flat: one warm-up and ten samples per variant. `sequential`
//! is what the browser's Web Worker does; `parallel` spreads the experiments over every
//! core, as `nines grade` does for one design.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use nines_sim::design::reference;
use nines_sim::grade::parallel::grade_parallel;
use nines_sim::grade::{GradeOptions, grade};

fn grading(c: &mut Criterion) {
    let design = reference::three_tier();
    let options = GradeOptions::default();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group("grade");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(100));
    group.bench_function("three-tier/sequential", |b| {
        b.iter(|| grade(black_box(&design), &options).map(|r| r.overall.score))
    });
    group.bench_function(format!("three-tier/parallel-{threads}"), |b| {
        b.iter(|| grade_parallel(black_box(&design), &options, threads).map(|r| r.overall.score))
    });
    group.finish();
}

criterion_group!(benches, grading);
criterion_main!(benches);
