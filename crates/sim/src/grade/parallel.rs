//! Grading on several threads (native only; WebAssembly grades in one Web Worker).
//!
//! Every experiment runs in its own world from its own derived seed, so running them in
//! any order on any thread gives the very report [`super::grade`] gives.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{
    ExperimentRecord, GradeError, GradeOptions, Prepared, Report, assemble, derive_seed, experiment, prepare,
};
use crate::design::Design;

/// [`super::grade`] with the experiments spread over `threads` threads (at least 1).
pub fn grade_parallel(design: &Design, options: &GradeOptions, threads: usize) -> Result<Report, GradeError> {
    let Prepared { seeds, base_seed, structure, plan } = prepare(design, options)?;
    let jobs: Vec<(u32, usize)> = (0..seeds).flat_map(|s| (0..plan.len()).map(move |i| (s, i))).collect();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<ExperimentRecord, GradeError>>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, jobs.len().max(1)) {
            scope.spawn(|| {
                while let Some(&(round, index)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let seed = derive_seed(base_seed, round, index);
                    let record = experiment::run(design, &plan[index], seed).map_err(GradeError::from);
                    if let Ok(mut slots) = results.lock() {
                        slots[round as usize * plan.len() + index] = Some(record);
                    }
                }
            });
        }
    });
    let mut flat = Vec::with_capacity(jobs.len());
    for slot in results.into_inner().unwrap_or_default() {
        match slot {
            Some(record) => flat.push(record?),
            None => {
                return Err(GradeError::Option {
                    field: "threads",
                    reason: "a grading thread failed".to_owned(),
                });
            }
        }
    }
    let mut runs: Vec<Vec<ExperimentRecord>> = Vec::new();
    let mut rest = flat.into_iter();
    for _ in 0..seeds {
        runs.push(rest.by_ref().take(plan.len()).collect());
    }
    Ok(assemble(design, base_seed, &structure, runs, options))
}
