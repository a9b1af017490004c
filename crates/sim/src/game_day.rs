//! Game days: a timeline of faults and a steady-state hypothesis checked before, during
//! and after them.
//!
//! ```text
//!   before            during (faults … + settle)        after
//! |--------------|=================================|-------------|
//! 0         first fault                  last fault + settle   end
//! ```

use serde::{Deserialize, Serialize};

use crate::command::TimedCommand;
use crate::design::{Design, DesignError};
use crate::measure::recorder::Second;
use crate::time::{MINUTE, Micros, SECOND};
use crate::world::World;

/// What must stay true for the system to count as healthy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hypothesis {
    /// Every whole minute's availability is at least this [0–1], e.g. 0.999.
    pub min_availability_per_minute: f64,
    /// Messages lost (expired unprocessed) at most.
    pub max_messages_lost: u64,
    /// Committed database writes lost at most.
    pub max_writes_lost: u64,
}

impl Hypothesis {
    /// "Availability stays above `percent` % every minute, nothing is lost."
    pub fn availability_and_no_loss(percent: f64) -> Hypothesis {
        Hypothesis { min_availability_per_minute: percent / 100.0, max_messages_lost: 0, max_writes_lost: 0 }
    }
}

/// A game day: the hypothesis, the faults with their times, and how long to watch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GameDay {
    /// What must hold in every phase for the game day to pass.
    pub hypothesis: Hypothesis,
    /// The faults and actions, each at its time from the start [µs].
    pub timeline: Vec<TimedCommand>,
    /// Total simulated time [µs].
    pub duration: Micros,
    /// How long after the last fault still counts as "during" [µs]; default 10 minutes.
    pub settle: Micros,
}

/// The three phases of a game day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// From the start to the first fault: the steady state.
    Before,
    /// From the first fault until the settle time after the last one.
    During,
    /// From the end of "during" to the end of the game day: has it recovered?
    After,
}

/// How the hypothesis fared in one phase.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhaseVerdict {
    /// Which phase this verdict is about.
    pub phase: Phase,
    /// When the phase starts [µs].
    pub from: Micros,
    /// When the phase ends [µs].
    pub to: Micros,
    /// The worst whole minute's availability [0–1], and when that minute started [µs];
    /// `None` when the phase holds no whole minute with traffic.
    pub worst_minute: Option<(f64, Micros)>,
    /// Queue messages that expired unprocessed during the phase.
    pub messages_lost: u64,
    /// Committed database writes lost during the phase.
    pub writes_lost: u64,
    /// The hypothesis held in this phase: worst minute at or above the minimum, losses within bounds.
    pub holds: bool,
}

/// The outcome of a game day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    /// One verdict per phase, in time order: before, during, after.
    pub phases: Vec<PhaseVerdict>,
    /// The hypothesis held in every phase.
    pub holds: bool,
}

/// Runs a game day on a fresh world of `design` with `seed`; returns the verdict and the
/// world at the end, for its log and measurements.
pub fn run_game_day(design: &Design, seed: u64, day: &GameDay) -> Result<(Verdict, World), DesignError> {
    run_game_day_reporting(design, seed, day, &mut |_| {})
}

/// [`run_game_day`], calling `progress` with the simulated time reached [µs] after every
/// simulated minute, so a long run can show how far it has got.
pub fn run_game_day_reporting(
    design: &Design,
    seed: u64,
    day: &GameDay,
    progress: &mut dyn FnMut(Micros),
) -> Result<(Verdict, World), DesignError> {
    let mut world = World::with_seed(design, seed)?;
    world.schedule_all(&day.timeline);
    let first = day.timeline.iter().map(|t| t.at).min().unwrap_or(day.duration).min(day.duration);
    let last = day.timeline.iter().map(|t| t.at).max().unwrap_or(first);
    let during_end = (last + day.settle).max(first).min(day.duration);
    let bounds = [
        (Phase::Before, 0, first),
        (Phase::During, first, during_end),
        (Phase::After, during_end, day.duration),
    ];
    let mut phases = Vec::new();
    for (phase, from, to) in bounds {
        let losses_before = losses(&world);
        run_reporting(&mut world, to, progress);
        if to > from {
            let losses_after = losses(&world);
            let worst_minute = worst_minute(&world, from, to);
            let messages_lost = losses_after.0 - losses_before.0;
            let writes_lost = losses_after.1 - losses_before.1;
            let h = &day.hypothesis;
            let holds = worst_minute.is_none_or(|(a, _)| a >= h.min_availability_per_minute)
                && messages_lost <= h.max_messages_lost
                && writes_lost <= h.max_writes_lost;
            phases.push(PhaseVerdict { phase, from, to, worst_minute, messages_lost, writes_lost, holds });
        }
    }
    let holds = phases.iter().all(|p| p.holds);
    Ok((Verdict { phases, holds }, world))
}

/// Runs the world to `to` [µs] a simulated minute at a time, reporting after each.
/// Stopping at minute marks changes nothing: `run_until` only stops the clock.
pub fn run_reporting(world: &mut World, to: Micros, progress: &mut dyn FnMut(Micros)) {
    while world.now() < to {
        let next = (world.now() / MINUTE + 1).saturating_mul(MINUTE).min(to);
        world.run_until(next);
        progress(world.now());
    }
}

/// Messages lost and writes lost so far.
fn losses(world: &World) -> (u64, u64) {
    let summary = world.summary();
    (summary.messages_lost, summary.writes_lost)
}

/// The lowest availability of any whole minute within [from, to) that had finished
/// requests, with the minute's start [µs]. Long runs store coarser points; a point counts
/// towards the minute it starts in.
fn worst_minute(world: &World, from: Micros, to: Micros) -> Option<(f64, Micros)> {
    let first_minute = from.div_ceil(MINUTE);
    let end_minute = to / MINUTE;
    let mut worst: Option<(f64, Micros)> = None;
    for minute in first_minute..end_minute {
        let (start_s, end_s) = (minute * 60, minute * 60 + 60);
        let mut total = Second::default();
        for (_, point) in world.series().window(start_s, end_s) {
            total.succeeded += point.succeeded;
            total.failed.iter_mut().zip(point.failed).for_each(|(a, b)| *a += b);
        }
        let finished = f64::from(total.succeeded + total.failed_total());
        if finished > 0.0 {
            let availability = f64::from(total.succeeded) / finished;
            if worst.is_none_or(|(w, _)| availability < w) {
                worst = Some((availability, start_s * SECOND));
            }
        }
    }
    worst
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Command;
    use crate::design::reference;

    fn day(percent: f64, timeline: Vec<TimedCommand>) -> GameDay {
        GameDay {
            hypothesis: Hypothesis::availability_and_no_loss(percent),
            timeline,
            duration: 40 * MINUTE,
            settle: 10 * MINUTE,
        }
    }

    #[test]
    fn a_single_server_fails_a_game_day_that_kills_it() {
        let kill =
            TimedCommand { at: 10 * MINUTE, command: Command::KillInstance { instance: "web-1".into() } };
        let (verdict, _) =
            run_game_day(&reference::single_server(), 1, &day(99.0, vec![kill])).expect("valid");
        assert!(!verdict.holds);
        assert_eq!(verdict.phases.len(), 3);
        assert!(verdict.phases[0].holds, "steady before the fault: {:?}", verdict.phases[0]);
        let during = &verdict.phases[1];
        assert!(!during.holds && during.worst_minute.is_some_and(|(a, _)| a < 0.01), "{during:?}");
    }

    #[test]
    fn three_tier_holds_through_losing_a_web_instance_at_a_lenient_hypothesis() {
        let kill =
            TimedCommand { at: 10 * MINUTE, command: Command::KillInstance { instance: "i-1".into() } };
        let (verdict, world) =
            run_game_day(&reference::three_tier(), 1, &day(70.0, vec![kill])).expect("valid");
        assert!(verdict.holds, "{verdict:?}");
        // At 99.9 % the minute with the dead target in rotation fails the same run.
        let worst = verdict.phases[1].worst_minute.expect("traffic").0;
        assert!(worst < 0.999 && worst > 0.7, "worst minute {worst}");
        assert!(world.check_conservation().is_ok());
    }
}
