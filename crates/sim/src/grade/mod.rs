//! The grader: a design scored against the five principles of highly available design,
//! every point backed by a structural fact or by an experiment actually run.
//!
//! ```text
//! design ─▶ structure (paths, single points of failure, zones, settings)
//!        ─▶ catalogue of experiments ─▶ each a game day in a fresh world (seed derived)
//!        ─▶ recovery (RTO/RPO per disruption type against a policy)
//!        ─▶ scores, letters, evidence, hints ─▶ Report (JSON, text)
//! ```
//!
//! Deterministic: the same design, seed and options give the same report byte for byte.

mod automation;
pub mod catalogue;
mod coupling;
pub mod experiment;
mod failure;
pub mod findings;
#[cfg(not(target_arch = "wasm32"))]
pub mod parallel;
pub mod recovery;
pub mod report;
mod scale;
pub mod score;
pub mod structure;
pub mod text;
mod zones;

use std::ops::ControlFlow;

use serde::{Deserialize, Serialize};

pub use experiment::{Experiment, ExperimentKind, ExperimentRecord, ExperimentResult, PhaseResult};
pub use recovery::{Disruption, Recovery, RecoveryPolicy, Rpo, Target};
pub use report::{Evidence, Interval, Letter, Overall, PrincipleId, PrincipleScore, Report, Source};
pub use structure::Structure;

use crate::design::{Design, DesignError, hourly_cost};
use crate::measure::summary::nines;

/// Options of a grading run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GradeOptions {
    /// Seed the experiments' seeds are derived from; `None` = the design's own seed.
    pub seed: Option<u64>,
    /// Seeds to run the experiments with (1 = one run each; more give a confidence
    /// interval on availability); 0 counts as 1; at most [`MAX_SEEDS`].
    pub seeds: u32,
    /// Recovery targets; `None` = the defaults of [`RecoveryPolicy`] (a level may carry its own).
    pub policy: Option<RecoveryPolicy>,
}

/// The most seeds one grading run accepts.
pub const MAX_SEEDS: u32 = 32;

/// Progress of a grading run, reported before each experiment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Index of the experiment about to run (0-based, over every seed).
    pub index: usize,
    /// Experiments in the whole run.
    pub count: usize,
    /// Its name, e.g. "lose zone a".
    pub name: String,
}

/// Why a design could not be graded.
#[derive(Debug, thiserror::Error)]
pub enum GradeError {
    /// The design is not valid; nothing can run.
    #[error(transparent)]
    Design(#[from] DesignError),
    /// An option is out of range.
    #[error("option `{field}`: {reason}")]
    Option {
        /// The option's name.
        field: &'static str,
        /// What is wrong and how to fix it.
        reason: String,
    },
    /// The caller cancelled between experiments.
    #[error("grading cancelled after {done} of {count} experiments")]
    Cancelled {
        /// Experiments finished.
        done: usize,
        /// Experiments planned.
        count: usize,
    },
}

/// Grades a design: the structure analysis, every experiment of the catalogue, recovery,
/// scores and evidence.
pub fn grade(design: &Design, options: &GradeOptions) -> Result<Report, GradeError> {
    grade_with_progress(design, options, &mut |_| ControlFlow::Continue(()))
}

/// [`grade`], calling `on_progress` before each experiment; returning
/// `ControlFlow::Break(())` cancels the run there (the Web Worker's Cancel).
pub fn grade_with_progress(
    design: &Design,
    options: &GradeOptions,
    on_progress: &mut dyn FnMut(&Progress) -> ControlFlow<()>,
) -> Result<Report, GradeError> {
    let Prepared { seeds, base_seed, structure, plan } = prepare(design, options)?;
    let count = plan.len() * seeds as usize;
    let mut runs: Vec<Vec<ExperimentRecord>> = Vec::new();
    for s in 0..seeds {
        let mut records = Vec::with_capacity(plan.len());
        for (i, experiment) in plan.iter().enumerate() {
            let index = s as usize * plan.len() + i;
            let progress = Progress { index, count, name: experiment.name.clone() };
            if on_progress(&progress).is_break() {
                return Err(GradeError::Cancelled { done: index, count });
            }
            records.push(experiment::run(design, experiment, derive_seed(base_seed, s, i))?);
        }
        runs.push(records);
    }
    Ok(assemble(design, base_seed, &structure, runs, options))
}

/// What every grading run works out before running experiments.
struct Prepared {
    seeds: u32,
    base_seed: u64,
    structure: Structure,
    plan: Vec<Experiment>,
}

/// Checks the options and the design, analyses the structure and plans the experiments.
fn prepare(design: &Design, options: &GradeOptions) -> Result<Prepared, GradeError> {
    let seeds = options.seeds.max(1);
    if seeds > MAX_SEEDS {
        let reason = format!("{seeds} seeds is too many; use 1 to {MAX_SEEDS}");
        return Err(GradeError::Option { field: "seeds", reason });
    }
    crate::World::with_seed(design, design.seed)?;
    let structure = Structure::analyse(design);
    let plan = catalogue::plan(design, &structure);
    Ok(Prepared { seeds, base_seed: options.seed.unwrap_or(design.seed), structure, plan })
}

/// The seed of experiment `index` in seed round `round`: SplitMix64 of the three, so
/// experiments are independent yet fixed by the design's seed.
pub fn derive_seed(seed: u64, round: u32, index: usize) -> u64 {
    let mut z = seed
        .wrapping_add(u64::from(round).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add((index as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Builds the report from the structure and the first round's records (other rounds
/// only widen the availability interval).
fn assemble(
    design: &Design,
    seed: u64,
    structure: &Structure,
    mut runs: Vec<Vec<ExperimentRecord>>,
    options: &GradeOptions,
) -> Report {
    let policy = options.policy.clone().unwrap_or_default();
    let per_round: Vec<f64> = runs.iter().map(|r| pooled_availability(r)).collect();
    let experiments = if runs.is_empty() { Vec::new() } else { runs.swap_remove(0) };
    let recovery = recovery::assess(&experiments, &policy);
    let principles = score::principles(design, structure, &experiments, &recovery);
    let total: u32 = principles.iter().map(|p| p.score).sum();
    let overall_score = (total + principles.len() as u32 / 2) / (principles.len() as u32).max(1);
    let availability = per_round.first().copied().unwrap_or(1.0);
    Report {
        design: design.name.clone(),
        seed,
        overall: Overall { score: overall_score, grade: Letter::of(overall_score) },
        principles,
        availability: round6(availability),
        nines: round6(nines(availability)),
        interval: interval(&per_round),
        cost_per_month: round2(hourly_cost(design).usd_per_month),
        recovery,
        experiments,
    }
}

/// Mean of the experiments' availabilities [0–1]: every experiment weighs the same, so
/// the 5× spike's many requests do not drown the rest.
fn pooled_availability(records: &[ExperimentRecord]) -> f64 {
    if records.is_empty() {
        return 1.0;
    }
    records.iter().map(|r| r.result.availability).sum::<f64>() / records.len() as f64
}

/// Mean and 95 % interval (Student t) of the per-seed availabilities; `None` for one seed.
fn interval(values: &[f64]) -> Option<Interval> {
    if values.len() < 2 {
        return None;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
    let half = student_t95(values.len() - 1) * libm::sqrt(variance / n);
    Some(Interval {
        seeds: values.len() as u32,
        mean: round6(mean),
        low: round6((mean - half).max(0.0)),
        high: round6((mean + half).min(1.0)),
    })
}

/// Two-sided 95 % quantile of Student's t with `df` degrees of freedom.
fn student_t95(df: usize) -> f64 {
    const TABLE: [f64; 10] = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];
    match df {
        0 => f64::INFINITY,
        1..=10 => TABLE[df - 1],
        11..=20 => 2.1,
        _ => 2.0,
    }
}

/// Rounded to 6 decimals, so the JSON never carries noise digits.
pub(crate) fn round6(x: f64) -> f64 {
    libm::round(x * 1e6) / 1e6
}

/// Rounded to cents.
pub(crate) fn round2(x: f64) -> f64 {
    libm::round(x * 100.0) / 100.0
}
