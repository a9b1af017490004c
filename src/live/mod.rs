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

pub mod database_status;
pub mod fault_menu;
pub mod frames;
pub mod links;
pub mod status;

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use nines_sim::design::Design;
use nines_sim::snapshot::Snapshot;
use nines_sim::time::Micros;
use nines_sim::{Command, World};

use crate::state::LogEntry;

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
    world: Rc<RefCell<Option<World>>>,
    /// Grows whenever the world changes (time, faults, rebuild).
    version: u64,
    /// How much of the world's log has been read into the state.
    log_cursor: usize,
    /// Grows whenever the world is replaced (built, reset, restored from a checkpoint), so
    /// a reader holding cursors into the old world knows to start again.
    epoch: u64,
}

impl PartialEq for Live {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.world, &other.world)
    }
}

impl fmt::Debug for Live {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Live")
            .field("running", &self.world.borrow().is_some())
            .field("version", &self.version)
            .finish()
    }
}

impl Live {
    /// Whether a world has been built.
    pub fn is_running(&self) -> bool {
        self.world.borrow().is_some()
    }

    /// Builds the world from `design` unless one exists; the error says what is wrong.
    pub fn ensure(&mut self, design: &Design) -> Result<(), String> {
        if self.is_running() {
            return Ok(());
        }
        let world = World::new(design).map_err(|e| format!("The design cannot run yet: {e}"))?;
        *self.world.borrow_mut() = Some(world);
        self.version += 1;
        self.epoch += 1;
        self.log_cursor = 0;
        Ok(())
    }

    /// Forgets the world (a fresh one is built on the next Play or Step).
    pub fn reset(&mut self) {
        self.world = Rc::default();
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
        self.world.borrow().as_ref().map(read)
    }

    /// Simulated time [µs]; zero before the world is built.
    pub fn now(&self) -> Micros {
        self.world.borrow().as_ref().map_or(0, World::now)
    }

    /// Advances towards `target` [µs] for at most `budget_ms` of wall time; returns the
    /// simulated time reached.
    pub fn run_to(&mut self, target: Micros, budget_ms: f64) -> Micros {
        let mut guard = self.world.borrow_mut();
        let Some(world) = guard.as_mut() else { return 0 };
        let start = now_ms();
        while world.now() < target {
            let done = world.run_events(SLICE, target);
            if done < SLICE || now_ms() - start > budget_ms {
                break;
            }
        }
        self.version += 1;
        world.now()
    }

    /// Advances towards `target` [µs] by at most `events` events, whatever the wall time
    /// (deterministic: a short jump always finishes at once); returns the time reached.
    pub fn run_events_to(&mut self, target: Micros, events: u64) -> Micros {
        let mut guard = self.world.borrow_mut();
        let Some(world) = guard.as_mut() else { return 0 };
        world.run_events(events, target);
        self.version += 1;
        world.now()
    }

    /// Applies a fault or other command now; the error says why it could not be.
    pub fn apply(&mut self, command: Command) -> Result<(), String> {
        let mut guard = self.world.borrow_mut();
        let world = guard.as_mut().ok_or_else(|| "Start the run first.".to_owned())?;
        world.apply(command).map_err(|e| e.0)?;
        self.version += 1;
        Ok(())
    }

    /// What the world looks like now.
    pub fn snapshot(&self) -> Option<Snapshot> {
        self.world.borrow().as_ref().map(World::snapshot)
    }

    /// Log entries written since the last call.
    pub fn new_log_entries(&mut self) -> Vec<LogEntry> {
        let guard = self.world.borrow();
        let Some(world) = guard.as_ref() else { return Vec::new() };
        let (entries, cursor) = world.log().since(self.log_cursor);
        self.log_cursor = cursor;
        entries
            .iter()
            .map(|e| LogEntry {
                at: e.time,
                source: e.happening.subject().to_owned(),
                text: e.happening.to_string(),
            })
            .collect()
    }
}

/// Wall-clock milliseconds from an arbitrary origin.
fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static ORIGIN: OnceLock<Instant> = OnceLock::new();
        ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
    }
}
