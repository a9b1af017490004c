//! Scoring: each principle is a list of checks worth points (100 when every check
//! applies); a check is a structural fact or a measured result, and every check adds one
//! evidence line. A principle's score is the points won over the points possible.

use super::experiment::{ExperimentKind, ExperimentRecord};
use super::recovery::Recovery;
use super::report::{Evidence, Letter, PrincipleId, PrincipleScore, Source};
use super::structure::Structure;
use super::{automation, coupling, failure, scale, zones};
use crate::design::Design;

/// Everything a principle's checks may look at.
pub struct Inputs<'a> {
    /// The design graded.
    pub design: &'a Design,
    /// Its structural facts.
    pub structure: &'a Structure,
    /// Every experiment run, in report order.
    pub experiments: &'a [ExperimentRecord],
    /// Recovery per disruption type.
    pub recovery: &'a [Recovery],
}

impl Inputs<'_> {
    /// The experiments of one kind, with their report indices.
    pub fn of_kind(&self, kind: ExperimentKind) -> impl Iterator<Item = (usize, &ExperimentRecord)> {
        self.experiments.iter().enumerate().filter(move |(_, e)| e.kind == kind)
    }
}

/// A principle's checks as they are made: points won and possible, evidence with hints.
#[derive(Default)]
pub struct Card {
    won: f64,
    possible: f64,
    lines: Vec<(Evidence, Option<String>)>,
}

/// What one check found: its share of the points [0–1], the sentence, and what it is about.
pub struct Finding {
    /// Share of the check's points won [0–1].
    pub share: f64,
    /// The sentence for the evidence line.
    pub text: String,
    /// Component it is about, if one.
    pub component: Option<String>,
    /// What to change, if points were lost.
    pub hint: Option<String>,
}

impl Finding {
    /// A structural fact that wins all or nothing.
    pub fn fact(ok: bool, text: String, component: Option<&str>, hint: &str) -> Finding {
        Finding {
            share: if ok { 1.0 } else { 0.0 },
            text,
            component: component.map(str::to_owned),
            hint: (!ok).then(|| hint.to_owned()),
        }
    }
}

impl Card {
    /// Records a structural check worth `weight` points.
    pub fn structure(&mut self, weight: u32, finding: Finding) {
        self.push(weight, finding, Source::Structure, None);
    }

    /// Records a check measured by experiment `index` of `inputs`.
    pub fn measured(&mut self, weight: u32, finding: Finding, inputs: &Inputs<'_>, index: usize) {
        self.push(weight, finding, Source::Experiment, inputs.experiments.get(index).map(|e| (index, e)));
    }

    /// A component that earns nothing, stated for the record (0 of 0 points).
    pub fn note(&mut self, text: String, component: Option<&str>) {
        let evidence = Evidence {
            text,
            points: 0,
            of: 0,
            source: Source::Structure,
            component: component.map(str::to_owned),
            experiment: None,
            experiment_name: None,
            at: None,
        };
        self.lines.push((evidence, None));
    }

    fn push(
        &mut self,
        weight: u32,
        finding: Finding,
        source: Source,
        run: Option<(usize, &ExperimentRecord)>,
    ) {
        let share = finding.share.clamp(0.0, 1.0);
        let won = f64::from(weight) * share;
        let lost = f64::from(weight) - won;
        self.won += won;
        self.possible += f64::from(weight);
        let lost_points = libm::round(lost) as i32;
        let points = if lost_points > 0 { -lost_points } else { libm::round(won) as i32 };
        let evidence = Evidence {
            text: finding.text,
            points,
            of: weight,
            source,
            component: finding.component.or_else(|| run.and_then(|(_, e)| e.component.clone())),
            experiment: run.map(|(i, _)| i),
            experiment_name: run.map(|(_, e)| e.name.clone()),
            at: run.map(|(_, e)| e.result.moment),
        };
        self.lines.push((evidence, finding.hint.filter(|_| lost_points > 0)));
    }

    /// Every evidence line in the order the checks were made, each with its hint when
    /// points were lost (the structural findings that annotate an export).
    pub(crate) fn into_lines(self) -> Vec<(Evidence, Option<String>)> {
        self.lines
    }

    /// The score, its letter, the evidence largest effect first, and the hint of the
    /// biggest loss.
    pub fn finish(mut self, id: PrincipleId) -> PrincipleScore {
        let score =
            if self.possible > 0.0 { libm::round(100.0 * self.won / self.possible) as u32 } else { 0 };
        // Stable: equal effects keep the order the checks were made in.
        self.lines.sort_by_key(|(e, _)| std::cmp::Reverse(e.points.unsigned_abs()));
        let hint = self
            .lines
            .iter()
            .filter(|(e, _)| e.points < 0)
            .min_by_key(|(e, _)| e.points)
            .and_then(|(_, h)| h.clone());
        PrincipleScore {
            id,
            title: id.title().to_owned(),
            score: score.min(100),
            grade: Letter::of(score.min(100)),
            evidence: self.lines.into_iter().map(|(e, _)| e).collect(),
            hint,
        }
    }
}

/// Scores the five principles in [`PrincipleId::ALL`] order.
pub fn principles(
    design: &Design,
    structure: &Structure,
    experiments: &[ExperimentRecord],
    recovery: &[Recovery],
) -> Vec<PrincipleScore> {
    let inputs = Inputs { design, structure, experiments, recovery };
    vec![
        failure::score(&inputs).finish(PrincipleId::DesignForFailure),
        zones::score(&inputs).finish(PrincipleId::MultiAz),
        scale::score(&inputs).finish(PrincipleId::BuildForScale),
        coupling::score(&inputs).finish(PrincipleId::LooseCoupling),
        automation::score(&inputs).finish(PrincipleId::AutomateAndTest),
    ]
}

/// Share of points for availability `a` [0–1]: full at ≥ 99.9 %, none at ≤ 90 %,
/// linear in between on the log scale of nines.
pub fn availability_share(a: f64) -> f64 {
    let nines = crate::measure::summary::nines(a);
    ((nines - 1.0) / 2.0).clamp(0.0, 1.0)
}

/// Share of points for how one disruption went [0–1]: availability during it (40 %),
/// recovery without a human within its target (40 %), nothing lost (20 %).
pub fn disruption_share(availability_during: f64, recovered: bool, nothing_lost: bool) -> f64 {
    0.4 * availability_share(availability_during)
        + 0.4 * f64::from(u8::from(recovered))
        + 0.2 * f64::from(u8::from(nothing_lost))
}

/// "99.95 %" with two decimals.
pub fn percent(a: f64) -> String {
    format!("{:.2} %", a * 100.0)
}

/// "41 s", or "not within the experiment".
pub fn seconds(s: Option<f64>) -> String {
    s.map_or_else(|| "did not recover within the experiment".to_owned(), |s| format!("{s:.0} s"))
}

/// "mm:ss" of a simulated moment [µs].
pub fn clock(at: crate::time::Micros) -> String {
    let s = at / crate::time::SECOND;
    format!("{:02}:{:02}", s / 60, s % 60)
}
