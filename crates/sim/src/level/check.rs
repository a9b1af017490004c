//! Checking a design against a level: the rules (palette, budget, incident applies), then
//! one run of the simulation with the level's traffic and incident, then each criterion.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::evidence::{Evidence, evidence};
use super::measure::{LatencyMark, measure};
use super::{ComponentKind, Criterion, Level};
use crate::command::TimedCommand;
use crate::design::{Design, hourly_cost, validate};
use crate::time::{MINUTE, Micros, SECOND};
use crate::world::World;

/// How far a check has got, passed to the progress callback after every simulated minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckProgress {
    /// Simulated time reached [µs].
    pub simulated_us: Micros,
    /// Simulated time the check runs in all [µs].
    pub total_us: Micros,
}

impl CheckProgress {
    /// Share done [0–1].
    pub fn fraction(&self) -> f64 {
        if self.total_us == 0 { 1.0 } else { self.simulated_us as f64 / self.total_us as f64 }
    }
}

/// Why a check could not give a verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum CheckError {
    /// The design breaks the design rules; every problem as `path: message`.
    #[error("the design is not valid:\n{}", .problems.join("\n"))]
    InvalidDesign {
        /// Each problem, naming its field and the fix.
        problems: Vec<String>,
    },
    /// The progress callback asked to stop.
    #[error("the check was cancelled")]
    Cancelled,
}

/// One criterion's outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionResult {
    /// The criterion as the level states it.
    pub criterion: Criterion,
    /// The goal panel's sentence for it ([`Criterion::sentence`]).
    pub sentence: String,
    /// The value measured, in [`Criterion::unit`] (availability in %, p99 in ms, …).
    pub measured: f64,
    /// The measured value meets the tolerance.
    pub passed: bool,
}

/// The outcome of checking a design against a level. The same level and design give the
/// same verdict, byte for byte.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Every rule is kept and every criterion passed.
    pub passed: bool,
    /// One result per criterion, in the level's order; empty when the run could not start
    /// (see `problems`).
    pub results: Vec<CriterionResult>,
    /// Rules the design breaks: a kind not in the palette, over budget, or a fault of the
    /// incident that cannot apply to it (then nothing was run). Each fails the verdict.
    pub problems: Vec<String>,
    /// The moment that explains the first failed criterion; `None` when all passed.
    pub explanation: Option<Evidence>,
    /// What the design costs as drawn, with the level's traffic [USD/hour].
    pub cost_per_hour_usd: f64,
    /// The level's budget [USD/hour].
    pub budget_per_hour_usd: f64,
    /// Passed, and at or under the level's par: earns the star.
    pub meets_par: bool,
    /// The seed of the run.
    pub seed: u64,
}

/// Checks `design` against `level`: see [`check_with_progress`].
pub fn check(level: &Level, design: &Design) -> Result<Verdict, CheckError> {
    check_with_progress(level, design, &mut |_| true)
}

/// Checks `design` against `level`, calling `progress` after every simulated minute; when
/// it returns `false` the check stops with [`CheckError::Cancelled`].
pub fn check_with_progress(
    level: &Level,
    design: &Design,
    progress: &mut dyn FnMut(CheckProgress) -> bool,
) -> Result<Verdict, CheckError> {
    let problems = validate(design);
    if !problems.is_empty() {
        return Err(CheckError::InvalidDesign {
            problems: problems.iter().map(ToString::to_string).collect(),
        });
    }
    let run_design = level.as_run(design);
    let cost = hourly_cost(&run_design).usd_per_hour;
    let mut verdict = Verdict {
        passed: false,
        results: Vec::new(),
        problems: rule_problems(level, design, cost),
        explanation: None,
        cost_per_hour_usd: cost,
        budget_per_hour_usd: level.budget_per_hour_usd,
        meets_par: false,
        seed: level.seed,
    };
    let refused = incident_problems(level, design);
    if !refused.is_empty() {
        verdict.problems.extend(refused);
        return Ok(verdict);
    }
    let commands = commands_of(level);
    let (world, marks) = run(level, &run_design, &commands, progress)?;
    verdict.results = level
        .criteria
        .iter()
        .map(|criterion| {
            let measured = measure(criterion, &world, &marks);
            CriterionResult {
                criterion: criterion.clone(),
                sentence: criterion.sentence(),
                measured,
                passed: criterion.passes(measured),
            }
        })
        .collect();
    verdict.explanation = verdict
        .results
        .iter()
        .position(|r| !r.passed)
        .map(|index| evidence(index, &level.criteria[index], &world, level.seed, commands.clone()));
    verdict.passed = verdict.problems.is_empty() && verdict.results.iter().all(|r| r.passed);
    verdict.meets_par = verdict.passed && level.meets_par(cost);
    Ok(verdict)
}

/// Palette and budget: what the design breaks, each in a sentence with the fix.
fn rule_problems(level: &Level, design: &Design, cost: f64) -> Vec<String> {
    let mut out: Vec<String> = design
        .components
        .iter()
        .filter(|c| !ComponentKind::of(&c.spec).is_some_and(|k| level.palette.contains(&k)))
        .map(|c| {
            let allowed: Vec<&str> = level.palette.iter().map(|k| k.key()).collect();
            format!(
                "`{}` is a {}, which this level does not allow; use only: {}",
                c.id,
                c.spec.kind_name(),
                allowed.join(", ")
            )
        })
        .collect();
    if cost > level.budget_per_hour_usd + 1e-9 {
        out.push(format!(
            "the design costs ${cost:.3} per hour, over the budget of ${:.3} per hour",
            level.budget_per_hour_usd
        ));
    }
    out
}

/// Faults of the incident that cannot apply to `design` (it renamed or removed their target).
fn incident_problems(level: &Level, design: &Design) -> Vec<String> {
    level
        .incident
        .iter()
        .filter_map(|fault| {
            fault.command.check_against(design).err().map(|e| {
                format!(
                    "the level's incident `{}` cannot apply to this design: {e}. Keep the names of the starting design",
                    fault.text
                )
            })
        })
        .collect()
}

/// The incident's commands in time order (equal times keep the file's order).
fn commands_of(level: &Level) -> Vec<TimedCommand> {
    let mut commands: Vec<TimedCommand> = level.incident.iter().map(|f| f.command.clone()).collect();
    commands.sort_by_key(|c| c.at);
    commands
}

/// Runs the level's simulation to its end, a minute at a time, marking the latency
/// histogram where a p99 window starts.
fn run(
    level: &Level,
    design: &Design,
    commands: &[TimedCommand],
    progress: &mut dyn FnMut(CheckProgress) -> bool,
) -> Result<(World, Vec<LatencyMark>), CheckError> {
    let mut world = World::with_seed(design, level.seed).map_err(|e| CheckError::InvalidDesign {
        problems: e.problems().iter().map(ToString::to_string).collect(),
    })?;
    world.schedule_all(commands);
    let end = level.duration();
    let mark_times: BTreeSet<u64> = level
        .criteria
        .iter()
        .filter_map(|c| match c {
            Criterion::P99AtMost { after_s, .. } if *after_s > 0 => Some(*after_s),
            _ => None,
        })
        .collect();
    let mut pending: Vec<u64> = mark_times.into_iter().rev().collect();
    let mut marks = Vec::new();
    while world.now() < end {
        let minute = (world.now() / MINUTE + 1).saturating_mul(MINUTE);
        let mark = pending.last().map_or(Micros::MAX, |s| s.saturating_mul(SECOND));
        world.run_until(minute.min(mark).min(end));
        if let Some(&at_s) = pending.last()
            && world.now() >= at_s.saturating_mul(SECOND)
        {
            pending.pop();
            marks.push(LatencyMark { at_s, histogram: world.recorder().latency.clone() });
        }
        if !progress(CheckProgress { simulated_us: world.now(), total_us: end }) {
            return Err(CheckError::Cancelled);
        }
    }
    Ok((world, marks))
}
