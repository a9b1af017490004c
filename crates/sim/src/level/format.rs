//! The level file format, version 1: what a `NAME.nines-level.json` holds.

use serde::{Deserialize, Serialize};

use super::{ComponentKind, Criterion, ScriptedFault};
use crate::design::{ComponentSpec, Design, RateProfile};
use crate::grade::report::PrincipleId;
use crate::time::{Micros, SECOND};

/// The only level format version this build reads and writes.
pub const LEVEL_VERSION: u32 = 1;

/// A level: a starting design, the rules, an incident and a goal, with its teaching text.
///
/// Every field is data; [`super::check`] runs the design against it. Read one with
/// [`super::parse_level`], write one with [`Level::to_json`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Level {
    /// Format version; always [`LEVEL_VERSION`].
    pub version: u32,
    /// A short title, e.g. "One server".
    pub title: String,
    /// The story paragraph that sets the scene.
    pub story: String,
    /// The principle the level teaches.
    pub principle: PrincipleId,
    /// The design the learner starts from (it fails the goal).
    pub start: Design,
    /// The kinds of component the learner may use; a design with any other kind fails.
    pub palette: Vec<ComponentKind>,
    /// Most the design may cost as drawn [USD/hour]; a dearer design fails.
    pub budget_per_hour_usd: f64,
    /// The traffic every clients component of the checked design sends, replacing its own
    /// profile, so that a design cannot pass by asking for less; `None` keeps the design's.
    #[serde(default)]
    pub traffic: Option<RateProfile>,
    /// Simulated time the check runs [s].
    pub duration_s: u64,
    /// The scripted incident: faults in the command line's `--fault` syntax, each at its time.
    #[serde(default)]
    pub incident: Vec<ScriptedFault>,
    /// The goal: every criterion must pass.
    pub criteria: Vec<Criterion>,
    /// Hints, revealed one at a time.
    #[serde(default)]
    pub hints: Vec<String>,
    /// Why the solution works, shown after success or failure.
    pub explanation: String,
    /// A reference solution (it passes the goal).
    pub solution: Design,
    /// The cost of the cheapest design known to pass [USD/hour]: at or below it earns a star.
    #[serde(default)]
    pub par_per_hour_usd: Option<f64>,
    /// Seed of the check's simulation; the design's own seed is not used.
    #[serde(default = "default_seed")]
    pub seed: u64,
}

fn default_seed() -> u64 {
    1
}

impl Level {
    /// The canonical JSON text of the level (pretty, two-space indent, fields in
    /// declaration order). [`super::parse_level`] of it gives this level back exactly.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Simulated time the check runs [µs].
    pub fn duration(&self) -> Micros {
        self.duration_s.saturating_mul(SECOND)
    }

    /// `design` as the check runs it: the level's seed, and the level's traffic (if any)
    /// in place of every clients component's profile.
    pub fn as_run(&self, design: &Design) -> Design {
        let mut design = design.clone();
        design.seed = self.seed;
        if let Some(traffic) = &self.traffic {
            for component in &mut design.components {
                if let ComponentSpec::Clients(clients) = &mut component.spec {
                    clients.profile = traffic.clone();
                }
            }
        }
        design
    }

    /// Whether `design` earns the star: it costs at most the par [USD/hour] as drawn.
    pub fn meets_par(&self, cost_per_hour_usd: f64) -> bool {
        self.par_per_hour_usd.is_some_and(|par| cost_per_hour_usd <= par + 1e-9)
    }
}
