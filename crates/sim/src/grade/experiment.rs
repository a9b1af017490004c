//! One experiment of the grader: a game day (steady-state hypothesis → faults → checks
//! during and after, see [`crate::game_day`]) run in a fresh world, and what it measured.

use serde::{Deserialize, Serialize};

use super::recovery::Disruption;
use super::round6;
use crate::command::TimedCommand;
use crate::design::{Design, DesignError};
use crate::game_day::{GameDay, Hypothesis, Phase, run_game_day};
use crate::measure::recorder::Second;
use crate::time::{Micros, SECOND};
use crate::world::World;

/// What an experiment does, for scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentKind {
    /// No faults: the design's own availability, latency and cost.
    Baseline,
    /// One instance (or one instance of a group) stopped, as FIS `aws:ec2:stop-instances`.
    KillInstance,
    /// One load-balancer node lost (its zone's node fails).
    KillLoadBalancerNode,
    /// The database primary fails, as FIS `aws:rds:failover-db-cluster` / reboot with failover.
    KillDatabase,
    /// A whole zone loses power, as FIS `aws:network:disrupt-connectivity` / AZ power interruption.
    LoseZone,
    /// 5× traffic for 10 minutes, then back to normal.
    TrafficSpike,
    /// One instance alive but not answering.
    HangInstance,
    /// Every consumer of a queue stopped for 10 minutes, then restored.
    StopConsumers,
    /// A whole region lost, then restored (only for a design with two regions).
    LoseRegion,
}

/// An experiment to run: its name, what it targets and its game day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Experiment {
    /// For people, e.g. "lose zone a"; unique within a report.
    pub name: String,
    /// What it does.
    pub kind: ExperimentKind,
    /// The disruption type it assesses for recovery; `None` for the baseline and the spike.
    pub disruption: Option<Disruption>,
    /// The design component it targets (group, load balancer, database, queue), if one.
    pub component: Option<String>,
    /// The AWS Fault Injection Service action it mirrors, if one exists.
    pub fis_action: Option<String>,
    /// The game day: hypothesis, faults and duration.
    pub day: GameDay,
}

/// How the hypothesis fared in one phase of the experiment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhaseResult {
    /// `before`, `during` or `after`.
    pub phase: String,
    /// Phase start [µs].
    pub from: Micros,
    /// Phase end [µs].
    pub to: Micros,
    /// The worst whole minute's availability [0–1]; `None` without traffic.
    pub worst_minute: Option<f64>,
    /// Start of that minute [µs].
    pub worst_minute_at: Option<Micros>,
    /// The hypothesis held in this phase.
    pub holds: bool,
}

/// What an experiment measured. Every real number is rounded to 6 decimals, so the JSON
/// reads back to the very same values and prints the same on every platform.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExperimentResult {
    /// The steady-state hypothesis held before, during and after.
    pub holds: bool,
    /// Each phase's verdict.
    pub phases: Vec<PhaseResult>,
    /// Availability of requests finished from the first fault to the end of "during" [0–1].
    pub availability_during: f64,
    /// Availability of requests finished after that [0–1].
    pub availability_after: f64,
    /// Availability of every request of the run [0–1].
    pub availability: f64,
    /// Requests finished in the run.
    pub requests: u64,
    /// Requests failed in the run.
    pub requests_failed: u64,
    /// From the first fault to the first automatic reaction [s]; `None` if nothing reacted.
    pub time_to_detect_s: Option<f64>,
    /// From the first fault until requests stopped failing [s]; `None` if they never did.
    pub time_to_recover_s: Option<f64>,
    /// Messages expired unprocessed.
    pub messages_lost: u64,
    /// Committed database writes lost.
    pub writes_lost: u64,
    /// User sessions lost with the instance memory that held them (absent when zero, so
    /// reports of designs without sticky sessions are unchanged).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub sessions_lost: u64,
    /// Key-value calls throttled over the stores' provisioned throughput in the run (absent
    /// when zero, so reports of designs without a store are unchanged).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub kv_throttled: u64,
    /// Duplicate deliveries processed by non-idempotent consumers (harmful).
    pub harmful_duplicates: u64,
    /// Worst second's 99th-percentile latency during the faults [ms].
    pub p99_during_ms: f64,
    /// Cost of the run [USD].
    pub cost_usd: f64,
    /// Cost rate at the start, at its peak and at the end [USD/hour].
    pub cost_per_hour: [f64; 3],
    /// Desired capacity of all groups together at the start of the run.
    pub desired_start: u32,
    /// Highest desired capacity of all groups together during the run.
    pub peak_desired: u32,
    /// Desired capacity of all groups together at the end of the run.
    pub desired_end: u32,
    /// Seconds from the last fault until the oldest queued message was again under a
    /// minute old; `None` without a queue or if it never was.
    pub backlog_drained_s: Option<f64>,
    /// The moment most worth watching: the start of the worst minute, else the first
    /// fault [µs].
    pub moment: Micros,
}

/// An experiment as the report keeps it: the definition, its seed and its results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExperimentRecord {
    /// For people, e.g. "lose zone a".
    pub name: String,
    /// What it does.
    pub kind: ExperimentKind,
    /// The disruption type it assesses, if any.
    pub disruption: Option<Disruption>,
    /// The component it targets, if one.
    pub component: Option<String>,
    /// The AWS Fault Injection Service action it mirrors, if one.
    pub fis_action: Option<String>,
    /// The seed of its fresh world.
    pub seed: u64,
    /// Simulated duration [µs].
    pub duration: Micros,
    /// The steady-state hypothesis.
    pub hypothesis: Hypothesis,
    /// The faults, at their times: load them into a run to replay the experiment.
    pub faults: Vec<TimedCommand>,
    /// What it measured.
    pub result: ExperimentResult,
}

/// Runs one experiment in a fresh world seeded with `seed`.
pub fn run(design: &Design, experiment: &Experiment, seed: u64) -> Result<ExperimentRecord, DesignError> {
    let (verdict, world) = run_game_day(design, seed, &experiment.day)?;
    let day = &experiment.day;
    let phases: Vec<PhaseResult> = verdict
        .phases
        .iter()
        .map(|p| PhaseResult {
            phase: phase_name(p.phase).to_owned(),
            from: p.from,
            to: p.to,
            worst_minute: p.worst_minute.map(|w| round6(w.0)),
            worst_minute_at: p.worst_minute.map(|w| w.1),
            holds: p.holds,
        })
        .collect();
    let result = measure(&world, day, verdict.holds, phases);
    Ok(ExperimentRecord {
        name: experiment.name.clone(),
        kind: experiment.kind,
        disruption: experiment.disruption,
        component: experiment.component.clone(),
        fis_action: experiment.fis_action.clone(),
        seed,
        duration: day.duration,
        hypothesis: day.hypothesis.clone(),
        faults: day.timeline.clone(),
        result,
    })
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Before => "before",
        Phase::During => "during",
        Phase::After => "after",
    }
}

/// Reads the measurements off the finished world.
fn measure(world: &World, day: &GameDay, holds: bool, phases: Vec<PhaseResult>) -> ExperimentResult {
    let summary = world.summary();
    let first_fault = day.timeline.iter().map(|t| t.at).min().unwrap_or(0);
    let last_fault = day.timeline.iter().map(|t| t.at).max().unwrap_or(0);
    let during_end = phases.iter().find(|p| p.phase == "during").map_or(day.duration, |p| p.to);
    let window = Window::of(world, first_fault, during_end);
    let after = Window::of(world, during_end, day.duration);
    let faults: Vec<_> = summary.incidents.iter().filter(|i| i.started >= first_fault).collect();
    let time_to_detect_s =
        faults.iter().filter_map(|i| i.detected).min().map(|d| (d - first_fault) as f64 / 1e6);
    let time_to_recover_s = if faults.iter().all(|i| i.recovered.is_some()) {
        Some(faults.iter().filter_map(|i| i.recovered).max().map_or(0.0, |r| (r - first_fault) as f64 / 1e6))
    } else {
        None
    };
    let worst = phases
        .iter()
        .filter(|p| p.phase != "before")
        .filter_map(|p| p.worst_minute.zip(p.worst_minute_at))
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let moment = match worst {
        Some((availability, at)) if availability < 1.0 => at,
        _ => first_fault,
    };
    let finished = summary.totals.succeeded + summary.totals.failed_total();
    ExperimentResult {
        holds,
        phases,
        availability_during: round6(window.availability()),
        availability_after: round6(after.availability()),
        availability: round6(summary.availability),
        requests: finished,
        requests_failed: summary.totals.failed_total(),
        time_to_detect_s,
        time_to_recover_s,
        messages_lost: summary.messages_lost,
        writes_lost: summary.writes_lost,
        sessions_lost: summary.sessions_lost,
        kv_throttled: summary.key_value.throttled,
        harmful_duplicates: summary.duplicate_writes,
        p99_during_ms: round6(window.p99_ms),
        cost_usd: round6(summary.cost_usd),
        cost_per_hour: [first_cost(world), window.peak_cost.max(after.peak_cost), summary.cost_per_hour]
            .map(round6),
        desired_start: world.series().iter().next().map_or(0, |(_, p)| p.desired),
        peak_desired: window.peak_desired.max(after.peak_desired),
        desired_end: world.series().iter().last().map_or(0, |(_, p)| p.desired),
        backlog_drained_s: backlog_drained_s(world, last_fault, day.duration),
        moment,
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Sums of the per-second series over [from, to).
#[derive(Default)]
struct Window {
    succeeded: u64,
    failed: u64,
    p99_ms: f64,
    peak_cost: f64,
    peak_desired: u32,
}

impl Window {
    fn of(world: &World, from: Micros, to: Micros) -> Window {
        let mut w = Window::default();
        for (_, point) in world.series().window(from / SECOND, to.div_ceil(SECOND)) {
            w.add(point);
        }
        w
    }

    fn add(&mut self, point: &Second) {
        self.succeeded += u64::from(point.succeeded);
        self.failed += u64::from(point.failed_total());
        self.p99_ms = self.p99_ms.max(f64::from(point.p99_ms));
        self.peak_cost = self.peak_cost.max(f64::from(point.cost_per_hour));
        self.peak_desired = self.peak_desired.max(point.desired);
    }

    fn availability(&self) -> f64 {
        let finished = self.succeeded + self.failed;
        if finished == 0 { 1.0 } else { self.succeeded as f64 / finished as f64 }
    }
}

fn first_cost(world: &World) -> f64 {
    world.series().iter().next().map_or(0.0, |(_, p)| f64::from(p.cost_per_hour))
}

/// Seconds after `from` until the oldest message is under a minute old again.
fn backlog_drained_s(world: &World, from: Micros, to: Micros) -> Option<f64> {
    if world.queues.is_empty() {
        return None;
    }
    let from_s = from / SECOND;
    world
        .series()
        .window(from_s, to.div_ceil(SECOND))
        .find(|(_, p)| p.queue_oldest_s < 60.0)
        .map(|(start, _)| start.saturating_sub(from_s) as f64)
}
