//! The report card: what the grader found, as data the app, the command line and the tests
//! share. Serialised with serde; the same design, seed and options give the same JSON
//! byte for byte.

use serde::{Deserialize, Serialize};

use super::experiment::ExperimentRecord;
use super::recovery::Recovery;
use crate::time::Micros;

/// The five principles of highly available design, in the order the report lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrincipleId {
    /// 1. No single point of failure; every tier ≥ 2 members; a database standby.
    DesignForFailure,
    /// 2. Every tier spans ≥ 2 zones with N+1 capacity; standby in another zone.
    MultiAz,
    /// 3. Load balancer over a group that scales on a sensible metric.
    BuildForScale,
    /// 4. Slow work through a queue, consumers scaled on backlog, a dead-letter queue.
    LooseCoupling,
    /// 5. Health checks, ELB health checks on groups, alarms: self-healing without a human.
    AutomateAndTest,
}

impl PrincipleId {
    /// Every principle in report order.
    pub const ALL: [PrincipleId; 5] = [
        PrincipleId::DesignForFailure,
        PrincipleId::MultiAz,
        PrincipleId::BuildForScale,
        PrincipleId::LooseCoupling,
        PrincipleId::AutomateAndTest,
    ];

    /// The id as it appears in JSON, e.g. `multi_az`.
    pub fn key(self) -> &'static str {
        match self {
            PrincipleId::DesignForFailure => "design_for_failure",
            PrincipleId::MultiAz => "multi_az",
            PrincipleId::BuildForScale => "build_for_scale",
            PrincipleId::LooseCoupling => "loose_coupling",
            PrincipleId::AutomateAndTest => "automate_and_test",
        }
    }

    /// The principle's title for people, e.g. "Multiple availability zones".
    pub fn title(self) -> &'static str {
        match self {
            PrincipleId::DesignForFailure => "Design for failure",
            PrincipleId::MultiAz => "Multiple availability zones",
            PrincipleId::BuildForScale => "Build for scale",
            PrincipleId::LooseCoupling => "Loose coupling",
            PrincipleId::AutomateAndTest => "Automate and test",
        }
    }
}

/// A letter grade: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else F.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Letter {
    /// 90–100.
    A,
    /// 75–89.
    B,
    /// 60–74.
    C,
    /// 40–59.
    D,
    /// 0–39.
    F,
}

impl Letter {
    /// The letter for a score 0–100.
    pub fn of(score: u32) -> Letter {
        match score {
            90.. => Letter::A,
            75..=89 => Letter::B,
            60..=74 => Letter::C,
            40..=59 => Letter::D,
            _ => Letter::F,
        }
    }

    /// The letter as text.
    pub fn as_str(self) -> &'static str {
        match self {
            Letter::A => "A",
            Letter::B => "B",
            Letter::C => "C",
            Letter::D => "D",
            Letter::F => "F",
        }
    }
}

/// The overall result: the mean of the five principle scores, and its letter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overall {
    /// 0–100, rounded mean of the principle scores.
    pub score: u32,
    /// Letter of `score`.
    pub grade: Letter,
}

/// Where a piece of evidence comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A fact about the design's graph or settings.
    Structure,
    /// A result measured in one of the grader's experiments.
    Experiment,
}

/// One line of evidence: a point won or lost, and why.
///
/// The component, experiment and moment let the app select the component and replay the
/// experiment to that moment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// What was found, in a sentence, e.g. "db-1 has no standby: losing it stops every write".
    pub text: String,
    /// Points won (positive) or, when any were lost, points lost (negative).
    pub points: i32,
    /// Points this check is worth.
    pub of: u32,
    /// Structural fact or measured result.
    pub source: Source,
    /// The component it is about (design id), if one.
    pub component: Option<String>,
    /// Index into [`Report::experiments`] of the experiment that measured it, if any.
    pub experiment: Option<usize>,
    /// Name of that experiment, e.g. "lose zone a".
    pub experiment_name: Option<String>,
    /// The simulated moment within that experiment worth watching [µs], if any.
    pub at: Option<Micros>,
}

/// One principle's score with its evidence and the hint for its biggest loss.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrincipleScore {
    /// Which principle.
    pub id: PrincipleId,
    /// Its title for people.
    pub title: String,
    /// 0–100.
    pub score: u32,
    /// Letter of `score`.
    pub grade: Letter,
    /// Every point won or lost, largest effect first.
    pub evidence: Vec<Evidence>,
    /// What to change to win back the biggest loss; `None` when nothing was lost.
    pub hint: Option<String>,
}

/// Availability over several seeds: the mean and a 95 % confidence interval.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Seeds graded.
    pub seeds: u32,
    /// Mean availability over the seeds [0–1].
    pub mean: f64,
    /// Lower end of the 95 % confidence interval [0–1].
    pub low: f64,
    /// Upper end of the 95 % confidence interval [0–1].
    pub high: f64,
}

/// The report card of one design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The design's name.
    pub design: String,
    /// The seed the experiments' seeds were derived from.
    pub seed: u64,
    /// Overall score and letter.
    pub overall: Overall,
    /// The five principles in [`PrincipleId::ALL`] order.
    pub principles: Vec<PrincipleScore>,
    /// Availability under the grader's experiments: the mean of each experiment's own
    /// [0–1] (the baseline's alone is in `experiments[0]`).
    pub availability: f64,
    /// `availability` in nines, e.g. 3.2 for 99.94 %.
    pub nines: f64,
    /// Over several seeds (option `seeds` > 1): mean and 95 % interval; else `None`.
    pub interval: Option<Interval>,
    /// What the design costs to run at its steady state [USD per 30-day month].
    pub cost_per_month: f64,
    /// Recovery per disruption type against the policy.
    pub recovery: Vec<Recovery>,
    /// Every experiment run, in order, with its faults and results.
    pub experiments: Vec<ExperimentRecord>,
}

impl Report {
    /// Fingerprint of the whole report: FNV-1a of its JSON. Equal digests natively and in
    /// WebAssembly prove the grader agrees byte for byte.
    pub fn digest(&self) -> u64 {
        let mut hash = crate::digest::Fnv1a::default();
        hash.write(serde_json::to_string(self).unwrap_or_default().as_bytes());
        hash.finish()
    }

    /// The score of one principle.
    pub fn principle(&self, id: PrincipleId) -> Option<&PrincipleScore> {
        self.principles.iter().find(|p| p.id == id)
    }
}
