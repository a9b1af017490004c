//! The run's fault record: every command the learner applied, and exactly where, so that a
//! run re-simulated from a checkpoint is the same run.
//!
//! A command from the UI lands between two `run_events` calls, and those calls stop after
//! a fixed number of events or a wall-clock budget, so it may land in the middle of an
//! instant (several events share a µs) or at a time the clock was moved to with no event
//! there. Its time alone does not say where it was applied; the count of events processed
//! before it does. Each [`Applied`] keeps both, and [`Record::advance`] replays by count:
//!
//! ```text
//! first run:  … e41 e42 | e43 e44 [kill web-1] e45 …    applied after event 44, at 120 s
//! replay:     … e41 e42 e43 e44 [kill web-1] e45 …      runs exactly 44 events, then
//!                                                       moves the clock to 120 s, applies
//! ```
//!
//! Why that is exact: the world is deterministic, and the only thing a `run_events` call
//! boundary changes is the clock (moved up to the call's limit when nothing is due before
//! it). The next event processed always sets the clock to its own time, so the boundary
//! leaves no trace — except in the state a command sees at once. Replay therefore runs
//! the same events (every one due by the command's time, so a limit of that time never
//! holds one back or lets one through that the first run did not process) and then moves
//! the clock to the command's time with a zero-event call, exactly as the first run's
//! boundary did. `src/live/tests.rs` proves it against runs stopped at random points.

use nines_sim::time::Micros;
use nines_sim::{Command, World};

/// A command the learner applied, with where in the run it was applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// Simulated time when it was applied [µs].
    pub at: Micros,
    /// Events the world had processed when it was applied ([`World::events_processed`]).
    pub after_events: u64,
    /// What was applied.
    pub command: Command,
}

/// The commands applied in this run, oldest first, and how many the world has had so far.
///
/// After a rewind the world is behind the record: the commands after `next` are still to
/// come, and [`Record::advance`] applies each when the world gets to its place again.
#[derive(Clone, Debug, Default)]
pub struct Record {
    applied: Vec<Applied>,
    /// How many of `applied` the current world has had.
    next: usize,
}

impl Record {
    /// Every command of the run, oldest first, including those still to come after a rewind.
    pub fn applied(&self) -> &[Applied] {
        &self.applied
    }

    /// How many commands the current world has had.
    pub fn next(&self) -> usize {
        self.next
    }

    /// After restoring a checkpoint that had had `next` commands.
    pub fn rewind_to(&mut self, next: usize) {
        self.next = next.min(self.applied.len());
    }

    /// Applies `command` to `world` now and records it. Commands still to come are
    /// forgotten first (the run branches here); returns how many were. A refused command
    /// changes nothing, the record included.
    pub fn apply(&mut self, world: &mut World, command: Command) -> Result<usize, String> {
        let at = world.now();
        let after_events = world.events_processed();
        world.apply(command.clone()).map_err(|e| e.0)?;
        let forgotten = self.applied.len() - self.next;
        self.applied.truncate(self.next);
        self.applied.push(Applied { at, after_events, command });
        self.next = self.applied.len();
        Ok(forgotten)
    }

    /// Advances `world` towards `target` [µs] by at most `events` events, applying each
    /// recorded command still to come exactly where it was first applied. Returns the
    /// events processed: fewer than `events` only when `target` was reached.
    pub fn advance(&mut self, world: &mut World, target: Micros, events: u64) -> u64 {
        let mut done = 0;
        while let Some(due) = self.applied.get(self.next) {
            let before = due.after_events.saturating_sub(world.events_processed());
            if before == 0 {
                if due.at > target {
                    // Its place is reached but not its time: hold every later event back.
                    world.run_events(0, target);
                    return done;
                }
                world.run_events(0, due.at);
                let command = due.command.clone();
                // It was accepted in this very state the first time, so it is again.
                let _ = world.apply(command);
                self.next += 1;
                continue;
            }
            let batch = before.min(events - done);
            if batch == 0 {
                return done;
            }
            let ran = world.run_events(batch, target.min(due.at));
            done += ran;
            if ran < batch {
                return done;
            }
        }
        done + world.run_events(events - done, target)
    }
}
