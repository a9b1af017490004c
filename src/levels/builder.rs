//! The level builder's core: a draft of a level made from the design on the canvas and
//! its run (what the form edits, all text), and [`build`], which turns the draft into a
//! [`Level`] that passes the same gate as a level file.
//!
//! The canvas design is the level's reference solution; the goal is pre-filled with what
//! its run measured (so the solution meets it), the incident with the faults recorded in
//! the run (as "Copy as script" writes them), the palette with the kinds the design uses.

use nines_sim::design::{ComponentSpec, Design, hourly_cost};
use nines_sim::grade::report::PrincipleId;
use nines_sim::level::{ComponentKind, Criterion, LEVEL_VERSION, Level, ScriptedFault, parse_level};
use nines_sim::measure::summary::Summary;
use nines_sim::time::{Micros, SECOND};

use crate::live::record::Applied;
use crate::live::script::script;

/// Where the learner starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StartFrom {
    /// The canvas design as it is: the learner improves it (the incident's faults name
    /// its components, so they apply).
    #[default]
    Canvas,
    /// The canvas design's clients alone: the learner builds everything else (faults that
    /// name a component then need the learner to use that name).
    ClientsOnly,
}

/// A goal line of the form: a probe, whether it is part of the goal, and its value as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalDraft {
    /// Which probe.
    pub probe: Probe,
    /// Whether the goal includes it.
    pub on: bool,
    /// The tolerance as typed, in the probe's unit.
    pub value: String,
}

/// The probes the builder offers (the measured values of a run).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    /// Availability over the run ≥ value [%].
    Availability,
    /// p99 latency over the run ≤ value [ms].
    P99,
    /// Queue messages lost ≤ value.
    MessagesLost,
    /// Committed writes lost ≤ value.
    WritesLost,
    /// Cost at the end of the run ≤ value [USD/hour].
    Cost,
}

impl Probe {
    /// Every probe, in the form's order.
    pub const ALL: [Probe; 5] =
        [Probe::Availability, Probe::P99, Probe::MessagesLost, Probe::WritesLost, Probe::Cost];

    /// The form's label for it.
    pub fn label(self) -> &'static str {
        match self {
            Probe::Availability => "Availability at least [%]",
            Probe::P99 => "p99 latency at most [ms]",
            Probe::MessagesLost => "Queue messages lost at most",
            Probe::WritesLost => "Database writes lost at most",
            Probe::Cost => "Cost at the end at most [USD/hour]",
        }
    }

    /// A short name for ids and messages.
    pub fn slug(self) -> &'static str {
        match self {
            Probe::Availability => "availability",
            Probe::P99 => "p99",
            Probe::MessagesLost => "messages-lost",
            Probe::WritesLost => "writes-lost",
            Probe::Cost => "cost",
        }
    }

    fn criterion(self, value: &str) -> Result<Criterion, String> {
        let number = || -> Result<f64, String> {
            value.trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).ok_or_else(|| {
                format!("{}: “{}” is not a number of zero or more", self.label(), value.trim())
            })
        };
        let whole = || -> Result<u64, String> {
            value
                .trim()
                .parse::<u64>()
                .map_err(|_| format!("{}: “{}” is not a whole number", self.label(), value.trim()))
        };
        Ok(match self {
            Probe::Availability => Criterion::AvailabilityAtLeast { percent: number()? },
            Probe::P99 => Criterion::P99AtMost { ms: number()?, after_s: 0 },
            Probe::MessagesLost => Criterion::MessagesLost { max: whole()? },
            Probe::WritesLost => Criterion::WritesLost { max: whole()? },
            Probe::Cost => Criterion::CostPerHourAtMost { usd: number()? },
        })
    }
}

/// Everything the builder's form holds, as text where the learner types.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelDraft {
    pub title: String,
    pub story: String,
    /// Why the solution works, shown after a check.
    pub explanation: String,
    pub principle: PrincipleId,
    /// One hint per line.
    pub hints: String,
    /// The kinds the learner may place.
    pub palette: Vec<ComponentKind>,
    /// [USD/hour].
    pub budget: String,
    /// [USD/hour]; empty for no par.
    pub par: String,
    /// [s].
    pub duration_s: String,
    /// One fault per line, `TIME:ACTION ARGS` (the CLI's `--fault`).
    pub incident: String,
    pub start_from: StartFrom,
    pub goals: Vec<GoalDraft>,
}

/// What a run measured, for pre-filling the goal.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunFigures {
    /// The run's summary, if there was a run.
    pub summary: Option<Summary>,
    /// Cost rate at the end of the run [USD/hour].
    pub cost_per_hour: Option<f64>,
    /// How far the run got [µs].
    pub reached: Micros,
}

impl LevelDraft {
    /// A draft from the canvas design, its run's figures and the faults applied in it.
    pub fn from_run(design: &Design, run: &RunFigures, applied: &[Applied]) -> LevelDraft {
        let cost = hourly_cost(design).usd_per_hour;
        let last_fault = applied.iter().map(|a| a.at).max().unwrap_or(0);
        let minutes = (run.reached.max(last_fault + 5 * 60 * SECOND)).div_ceil(60 * SECOND).max(1);
        let summary = run.summary.as_ref();
        let run_cost = run.cost_per_hour.unwrap_or(cost);
        // Without a run: a goal of the usual shape (three nines, a second, nothing lost).
        let value = |probe: Probe| match (probe, summary) {
            (Probe::Availability, Some(s)) => floor_to(s.availability * 100.0, 2),
            (Probe::Availability, None) => "99.9".to_owned(),
            (Probe::P99, Some(s)) => trim((s.latency.p99_us as f64 / 10_000.0).ceil().max(1.0) * 10.0),
            (Probe::P99, None) => "1000".to_owned(),
            (Probe::MessagesLost, s) => s.map_or(0, |s| s.messages_lost).to_string(),
            (Probe::WritesLost, s) => s.map_or(0, |s| s.writes_lost).to_string(),
            (Probe::Cost, _) => ceil_to(run_cost, 2),
        };
        let on = |probe: Probe| matches!(probe, Probe::Availability | Probe::WritesLost);
        let mut palette: Vec<ComponentKind> = Vec::new();
        for kind in ComponentKind::ALL {
            if design.components.iter().any(|c| ComponentKind::of(&c.spec) == Some(kind)) {
                palette.push(kind);
            }
        }
        LevelDraft {
            title: String::new(),
            story: String::new(),
            explanation: String::new(),
            principle: PrincipleId::DesignForFailure,
            hints: String::new(),
            palette,
            budget: ceil_to((cost * 1.5).max(0.01), 2),
            par: ceil_to(cost.max(0.01), 2),
            duration_s: (minutes * 60).to_string(),
            incident: script(applied),
            start_from: StartFrom::default(),
            goals: Probe::ALL
                .iter()
                .map(|&probe| GoalDraft { probe, on: on(probe), value: value(probe) })
                .collect(),
        }
    }
}

/// `value` rounded down to `places` decimals, as text (a goal the run itself meets).
fn floor_to(value: f64, places: i32) -> String {
    let scale = 10f64.powi(places);
    trim((value * scale + 1e-9).floor() / scale)
}

/// `value` rounded up to `places` decimals, as text.
fn ceil_to(value: f64, places: i32) -> String {
    let scale = 10f64.powi(places);
    trim((value * scale - 1e-9).ceil() / scale)
}

fn trim(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The level `draft` describes, with `design` as its solution, checked exactly as a level
/// file is ([`parse_level`] of its JSON), so that what the builder makes always opens.
/// Every problem is returned, each naming the field to fix.
pub fn build(draft: &LevelDraft, design: &Design) -> Result<Level, Vec<String>> {
    let mut problems = Vec::new();
    let mut number = |text: &str, field: &str| -> f64 {
        match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                problems.push(format!("{field}: “{}” is not a number", text.trim()));
                0.0
            }
        }
    };
    let budget = number(&draft.budget, "Budget");
    let par = (!draft.par.trim().is_empty()).then(|| number(&draft.par, "Par"));
    let duration = number(&draft.duration_s, "Duration");
    let mut incident = Vec::new();
    for (i, line) in draft.incident.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match ScriptedFault::parse(line.trim()) {
            Ok(fault) => incident.push(fault),
            Err(e) => problems.push(format!("Incident, line {}: {e}", i + 1)),
        }
    }
    let mut criteria = Vec::new();
    for goal in draft.goals.iter().filter(|g| g.on) {
        match goal.probe.criterion(&goal.value) {
            Ok(c) => criteria.push(c),
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let level = Level {
        version: LEVEL_VERSION,
        title: draft.title.trim().to_owned(),
        story: draft.story.trim().to_owned(),
        principle: draft.principle,
        start: start_design(design, draft.start_from),
        palette: draft.palette.clone(),
        budget_per_hour_usd: budget,
        traffic: None,
        duration_s: duration.max(0.0).round() as u64,
        incident,
        criteria,
        hints: draft.hints.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        explanation: draft.explanation.trim().to_owned(),
        solution: design.clone(),
        par_per_hour_usd: par,
        seed: design.seed,
    };
    // The gate every level file passes: what fails it would fail for the learner too.
    parse_level(&level.to_json()).map_err(|e| {
        e.problems()
            .iter()
            .map(|p| if p.path.is_empty() { p.message.clone() } else { format!("{}: {}", p.path, p.message) })
            .collect()
    })
}

/// The learner's starting design.
fn start_design(design: &Design, from: StartFrom) -> Design {
    let mut start = design.clone();
    if from == StartFrom::ClientsOnly {
        start.components.retain(|c| matches!(c.spec, ComponentSpec::Clients(_)));
        let kept = |id: &str| start.components.iter().any(|c| c.id == id);
        let connections =
            start.connections.iter().filter(|c| kept(&c.from) && kept(&c.to)).cloned().collect();
        start.connections = connections;
    }
    start
}

/// The file name of a level: its title as a slug, then `.nines-level.json`.
pub fn file_name(level: &Level) -> String {
    format!("{}.nines-level.json", crate::persist::import::slug(&level.title))
}

#[cfg(test)]
mod tests {
    use nines_sim::World;
    use nines_sim::design::reference;

    use super::*;
    use crate::levels::Screen;
    use crate::persist::level_link;

    fn run_figures(design: &Design, seconds: u64) -> RunFigures {
        let mut world = World::new(design).unwrap();
        world.run_until(seconds * SECOND);
        RunFigures {
            summary: Some(world.summary()),
            cost_per_hour: Some(world.cost_rate()),
            reached: world.now(),
        }
    }

    fn filled(design: &Design) -> LevelDraft {
        let applied = vec![Applied {
            at: 60 * SECOND,
            after_events: 0,
            command: nines_sim::Command::LoseZone { zone: "a".into() },
        }];
        let mut draft = LevelDraft::from_run(design, &run_figures(design, 30), &applied);
        draft.title = "Lose a zone".into();
        draft.story = "Zone a goes dark at one minute.".into();
        draft.explanation = "Two servers behind a load balancer keep serving.".into();
        draft.hints = "Look at the load balancer.\n\nCount the servers.\n".into();
        draft
    }

    #[test]
    fn the_draft_is_prefilled_from_the_run() {
        let design = reference::three_tier();
        let draft = filled(&design);
        assert_eq!(draft.incident, "60s:lose-zone a\n");
        assert_eq!(draft.duration_s, "360", "the last fault plus five minutes, in whole minutes");
        let availability = &draft.goals[0];
        assert_eq!((availability.probe, availability.on), (Probe::Availability, true));
        let measured: f64 = availability.value.parse().unwrap();
        assert!((0.0..=100.0).contains(&measured), "{measured}");
        assert!(draft.palette.contains(&ComponentKind::LoadBalancer), "{:?}", draft.palette);
    }

    #[test]
    fn a_built_level_round_trips_through_its_link_exactly() {
        let design = reference::three_tier();
        let level = build(&filled(&design), &design).unwrap_or_else(|p| panic!("{p:#?}"));
        assert_eq!(level.hints, ["Look at the load balancer.", "Count the servers."]);
        assert_eq!(level.solution, design);
        assert_eq!(level.start, design, "students start from the canvas design by default");
        // build → to_json → link → parse → equal.
        let link = level_link::link("https://nines.example/app/#/d=old", &level);
        let fragment = link.split_once('#').map(|(_, f)| format!("#{f}")).unwrap();
        assert!(fragment.starts_with("#/level="), "{fragment}");
        let Screen::Level(session) = Screen::of(&fragment) else { panic!("not a level screen") };
        assert_eq!(*session.level, level);
        assert_eq!(&*session.json, level.to_json());
        assert_eq!(parse_level(&level.to_json()).as_ref(), Ok(&level));
    }

    #[test]
    fn the_builder_names_what_to_fix() {
        let design = reference::three_tier();
        let mut draft = filled(&design);
        draft.title = "  ".into();
        draft.budget = "lots".into();
        draft.incident.push_str("2m:explode everything\n");
        let problems = build(&draft, &design).unwrap_err();
        assert!(problems.iter().any(|p| p.starts_with("Budget: “lots”")), "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("Incident, line 2")), "{problems:?}");
        let mut draft = filled(&design);
        draft.title = "".into();
        draft.budget = "0.01".into();
        let problems = build(&draft, &design).unwrap_err();
        assert!(problems.iter().any(|p| p.starts_with("title:")), "{problems:?}");
        assert!(problems.iter().any(|p| p.starts_with("solution:") && p.contains("budget")), "{problems:?}");
    }
}
