//! The running simulation behind the Playground.
//!
//! A [`World`] is large, mutable and not `PartialEq`, so it lives outside the reducer's
//! compared state: [`Live`] holds it behind `Rc<RefCell<…>>` with a version number that
//! grows whenever the world moves, and two `Live`s are equal when they share the world at
//! the same version. The world is built from the design on the first Play or Step, and
//! dropped on Reset or when the design changes.
//!
//! Time advances only through [`Live::run_to`], in slices of events bounded by a
//! wall-clock budget, so a frame never blocks however far it was asked to go.
//!
//! The run is a timeline that can be rewound: commands are recorded where they were applied
//! ([`record`]) and the world is cloned every so often as it advances ([`checkpoints`]).
//! [`Live::restore_for`] goes back to the nearest checkpoint, and advancing from there
//! applies the recorded commands again at their places, so the run re-simulated is the run
//! that was. A command applied after a rewind branches the run: the recorded future goes.

pub mod buckets;
pub mod charts;
pub mod checkpoints;
pub mod database_status;
pub mod edge_status;
pub mod fault_menu;
pub mod links;
pub mod record;
pub mod script;
pub mod status;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use nines_sim::design::Design;
use nines_sim::event_log::Severity;
use nines_sim::snapshot::Snapshot;
use nines_sim::time::Micros;
use nines_sim::{Command, World};

use crate::components::wall_clock::wall_ms;
use crate::state::LogEntry;
use checkpoints::Checkpoints;
use record::{Applied, Record};

/// Events processed between two looks at the wall clock.
const SLICE: u64 = 500;

/// Wall-clock budget for the simulation in one animation frame [ms].
pub const FRAME_BUDGET_MS: f64 = 8.0;

/// Longest wall time one frame may account for [ms]: a tab that was hidden for a minute
/// does not come back and simulate that whole minute at once.
pub const MAX_FRAME_MS: f64 = 100.0;

/// The world being simulated, if any, shared between reducer states.
#[derive(Clone, Default)]
pub struct Live {
    run: Rc<RefCell<Option<Run>>>,
    /// Grows whenever the world changes (time, faults, rebuild).
    version: u64,
    /// How much of the world's log has been read into the state.
    log_cursor: usize,
    /// Grows whenever the world is replaced (built, reset, restored from a checkpoint), so
    /// a reader holding cursors into the old world knows to start again.
    epoch: u64,
}

/// A run: the world now, the commands applied to it, and checkpoints to rewind to.
struct Run {
    world: World,
    record: Record,
    checkpoints: Checkpoints,
    /// The furthest simulated time this run has reached [µs] (on its current branch).
    reached: Micros,
}

impl Run {
    fn new(world: World) -> Self {
        Run { checkpoints: Checkpoints::new(&world), world, record: Record::default(), reached: 0 }
    }

    /// Advances by at most `events` events towards `target` [µs], replaying recorded
    /// commands and taking a checkpoint when one is due; returns the events processed.
    fn advance(&mut self, target: Micros, events: u64) -> u64 {
        let done = self.record.advance(&mut self.world, target, events);
        self.checkpoints.take_if_due(&self.world, self.record.next());
        self.reached = self.reached.max(self.world.now());
        done
    }
}

/// What applying a command did to the run's future.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Branch {
    /// Recorded commands after this point that were forgotten.
    pub forgotten: usize,
    /// Where the run had reached before it branched here [µs].
    pub had_reached: Micros,
}

impl PartialEq for Live {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.run, &other.run)
    }
}

impl fmt::Debug for Live {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Live").field("running", &self.is_running()).field("version", &self.version).finish()
    }
}

impl Live {
    /// Whether a world has been built.
    pub fn is_running(&self) -> bool {
        self.run.borrow().is_some()
    }

    /// Builds the world from `design` unless one exists; the error says what is wrong.
    pub fn ensure(&mut self, design: &Design) -> Result<(), String> {
        if self.is_running() {
            return Ok(());
        }
        let world = World::new(design).map_err(|e| format!("The design cannot run yet: {e}"))?;
        *self.run.borrow_mut() = Some(Run::new(world));
        self.replaced();
        Ok(())
    }

    /// Replaces the run with `world` (built elsewhere, e.g. a grader's experiment with its
    /// own seed and scheduled faults); its start is the first checkpoint, so a rewind
    /// replays the same faults.
    pub fn start_with(&mut self, world: World) {
        self.run = Rc::new(RefCell::new(Some(Run::new(world))));
        self.replaced();
    }

    /// Forgets the world (a fresh one is built on the next Play or Step).
    pub fn reset(&mut self) {
        self.run = Rc::default();
        self.replaced();
    }

    /// After the world was replaced: readers start again from its beginning.
    fn replaced(&mut self) {
        self.version += 1;
        self.epoch += 1;
        self.log_cursor = 0;
    }

    /// Which world this is: grows whenever the world is replaced, never when it only moves.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Reads the world, if one is built (series, log, summary …).
    pub fn with_world<R>(&self, read: impl FnOnce(&World) -> R) -> Option<R> {
        self.run.borrow().as_ref().map(|run| read(&run.world))
    }

    /// Simulated time [µs]; zero before the world is built.
    pub fn now(&self) -> Micros {
        self.with_world(World::now).unwrap_or(0)
    }

    /// The furthest simulated time the run has reached [µs]: the end of the timeline.
    pub fn reached(&self) -> Micros {
        self.run.borrow().as_ref().map_or(0, |run| run.reached)
    }

    /// The commands applied in this run, oldest first, including any still to come again
    /// after a rewind.
    pub fn applied(&self) -> Vec<Applied> {
        self.run.borrow().as_ref().map_or_else(Vec::new, |run| run.record.applied().to_vec())
    }

    /// How many checkpoints are kept, and the simulated time between them [µs].
    pub fn checkpoints(&self) -> (usize, Micros) {
        self.run.borrow().as_ref().map_or((0, 0), |run| (run.checkpoints.len(), run.checkpoints.interval()))
    }

    /// Advances towards `target` [µs] for at most `budget_ms` of wall time; returns the
    /// simulated time reached.
    pub fn run_to(&mut self, target: Micros, budget_ms: f64) -> Micros {
        let mut guard = self.run.borrow_mut();
        let Some(run) = guard.as_mut() else { return 0 };
        let start = wall_ms();
        while run.world.now() < target {
            let done = run.advance(target, SLICE);
            if done < SLICE || wall_ms() - start > budget_ms {
                break;
            }
        }
        self.version += 1;
        run.world.now()
    }

    /// Advances towards `target` [µs] by at most `events` events, whatever the wall time
    /// (deterministic: a short jump always finishes at once); returns the time reached.
    pub fn run_events_to(&mut self, target: Micros, events: u64) -> Micros {
        let mut guard = self.run.borrow_mut();
        let Some(run) = guard.as_mut() else { return 0 };
        let mut left = events;
        while left > 0 {
            let batch = left.min(SLICE);
            let done = run.advance(target, batch);
            left -= done;
            if done < batch {
                break;
            }
        }
        self.version += 1;
        run.world.now()
    }

    /// Applies a fault or other command now and records it; the error says why it could
    /// not be. The run branches here: what it had simulated beyond now, and the recorded
    /// commands still to come after a rewind, are forgotten.
    pub fn apply(&mut self, command: Command) -> Result<Branch, String> {
        let mut guard = self.run.borrow_mut();
        let run = guard.as_mut().ok_or_else(|| "Start the run first.".to_owned())?;
        let (events, applied) = (run.world.events_processed(), run.record.next());
        let forgotten = run.record.apply(&mut run.world, command)?;
        run.checkpoints.forget_after(events, applied);
        let had_reached = run.reached;
        run.reached = run.world.now();
        self.version += 1;
        Ok(Branch { forgotten, had_reached })
    }

    /// Goes back (or forward) towards `target` [µs]: restores the newest checkpoint at or
    /// before it when that saves re-simulating, and returns the time restored to. The
    /// recorded commands after the checkpoint are applied again as the world advances.
    pub fn restore_for(&mut self, target: Micros) -> Option<Micros> {
        let mut guard = self.run.borrow_mut();
        let run = guard.as_mut()?;
        let now = run.world.now();
        let checkpoint = run.checkpoints.latest_by(target)?;
        let from = checkpoint.world.now();
        if target >= now && from <= now {
            return None;
        }
        run.world = checkpoint.world.clone();
        run.record.rewind_to(checkpoint.applied);
        drop(guard);
        self.replaced();
        Some(from)
    }

    /// What the world looks like now.
    pub fn snapshot(&self) -> Option<Snapshot> {
        self.with_world(World::snapshot)
    }

    /// Log entries written since the last call, at most the newest `keep`.
    pub fn new_log_entries(&mut self, keep: usize) -> Vec<LogEntry> {
        let guard = self.run.borrow();
        let Some(run) = guard.as_ref() else { return Vec::new() };
        let total = run.world.log().entries().len();
        let (entries, cursor) = run.world.log().since(self.log_cursor.max(total.saturating_sub(keep)));
        self.log_cursor = cursor;
        entries.iter().map(log_entry).collect()
    }

    /// The newest `keep` entries of the whole log whose subject and severity `shows`
    /// accepts, oldest first (a
    /// filtered log reaches further back than the lines kept on screen).
    pub fn log_entries_where(&self, shows: impl Fn(&str, Severity) -> bool, keep: usize) -> Vec<LogEntry> {
        let guard = self.run.borrow();
        let Some(run) = guard.as_ref() else { return Vec::new() };
        let entries = run.world.log().entries().iter().rev();
        let mut found: Vec<LogEntry> =
            entries.filter(|e| shows(e.happening.subject(), e.severity)).take(keep).map(log_entry).collect();
        found.reverse();
        found
    }

    /// How many entries the world's log has.
    pub fn log_len(&self) -> usize {
        self.with_world(|w| w.log().entries().len()).unwrap_or(0)
    }

    /// Every component the log speaks of, sorted.
    pub fn log_subjects(&self) -> Vec<String> {
        let guard = self.run.borrow();
        let Some(run) = guard.as_ref() else { return Vec::new() };
        let subjects: std::collections::BTreeSet<&str> = run
            .world
            .log()
            .entries()
            .iter()
            .map(|e| e.happening.subject())
            .filter(|s| !s.is_empty())
            .collect();
        subjects.into_iter().map(str::to_owned).collect()
    }
}

/// A log entry as the screen shows it.
fn log_entry(e: &nines_sim::event_log::LogEntry) -> LogEntry {
    LogEntry {
        at: e.time,
        source: e.happening.subject().to_owned(),
        text: e.happening.to_string(),
        severity: e.severity,
    }
}
