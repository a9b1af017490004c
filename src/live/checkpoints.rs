//! Checkpoints of the run: clones of the world taken as it advances, so a rewind restores
//! the nearest one before the chosen time and re-simulates only the rest.
//!
//! One is taken whenever the world has moved [`FIRST_INTERVAL`] past the newest. When one
//! more would not fit — more than [`CAPACITY`] of them, or more than [`MEMORY_BUDGET`]
//! bytes — every other one is dropped (the start always stays) and the interval doubles,
//! as the per-second series halves its points. Memory stays bounded over any run, and a
//! rewind re-simulates at most one interval, which grows only with the length of the run.
//!
//! ```text
//! capacity 4:  [0 s][20 s][40 s][60 s]      interval 20 s
//! at 80 s:     [0 s][40 s][80 s]            interval 40 s
//! ```
//!
//! Figures for the three-tier reference design (tests/checkpoint_cost.rs, native, the
//! simulation at opt-level 2): a clone holds about 25 kB plus 130 B per second of series —
//! 120 kB at ten minutes, 950 kB at two hours, 2.2 MB at six hours, where the series starts
//! halving, and no more after — and costs about 1 ms per 500 kB. Simulating 30 s costs
//! about 15 ms. Clone size and interval both grow with the run, so checkpointing stays
//! near 1 % of run time (measured 0.5 % at ten minutes, 0.9 % at one hour, 0.3 % over
//! twelve hours). The memory budget keeps a long run to 7–13 checkpoints about an hour
//! apart: a rewind there re-simulates up to an hour, a few seconds with a progress bar.

use nines_sim::World;
use nines_sim::time::{Micros, SECOND};

/// Simulated time between checkpoints until the first thinning [µs].
pub const FIRST_INTERVAL: Micros = 30 * SECOND;

/// Most checkpoints kept; even, and at least 2.
pub const CAPACITY: usize = 32;

/// Most memory the checkpoints may hold together, estimated [bytes].
pub const MEMORY_BUDGET: usize = 32 << 20;

/// Estimated heap size of a world with no series and no log [bytes] (three-tier: 25 kB).
const WORLD_BYTES: usize = 25 << 10;

/// Estimated heap bytes per stored point of the per-second series [bytes].
const SERIES_POINT_BYTES: usize = 128;

/// Estimated heap bytes per event-log entry [bytes].
const LOG_ENTRY_BYTES: usize = 160;

/// Estimated heap size of a clone of `world` [bytes]; within 25 % for the three-tier
/// designs (checked by tests/checkpoint_cost.rs).
pub fn estimated_bytes(world: &World) -> usize {
    WORLD_BYTES + world.series().len() * SERIES_POINT_BYTES + world.log().entries().len() * LOG_ENTRY_BYTES
}

/// The world at one point of the run.
#[derive(Clone, Debug)]
pub struct Checkpoint {
    /// The world as it was (a clone continues exactly as the original did).
    pub world: World,
    /// How many recorded commands it had had ([`super::record::Record::next`]).
    pub applied: usize,
}

/// The run's checkpoints, oldest first; the first is the start of the run.
#[derive(Clone, Debug)]
pub struct Checkpoints {
    kept: Vec<Checkpoint>,
    /// Simulated time between consecutive checkpoints [µs].
    interval: Micros,
}

impl Checkpoints {
    /// Checkpoints of a run that starts as `start`.
    pub fn new(start: &World) -> Self {
        Checkpoints { kept: vec![Checkpoint { world: start.clone(), applied: 0 }], interval: FIRST_INTERVAL }
    }

    /// How many are kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// Whether none is (never: the start always stays).
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Simulated time between checkpoints now [µs].
    pub fn interval(&self) -> Micros {
        self.interval
    }

    /// Takes a checkpoint of `world`, which has had `applied` recorded commands, if it is
    /// an interval past the newest.
    pub fn take_if_due(&mut self, world: &World, applied: usize) {
        let newest = self.kept.last().map_or(0, |c| c.world.now());
        if world.now() < newest.saturating_add(self.interval) {
            return;
        }
        // The newest is the largest: an upper bound for every one kept.
        let bytes = estimated_bytes(world);
        while self.kept.len() > 1
            && (self.kept.len() == CAPACITY || (self.kept.len() + 1) * bytes > MEMORY_BUDGET)
        {
            self.thin();
        }
        self.kept.push(Checkpoint { world: world.clone(), applied });
    }

    /// Drops every other checkpoint after the start and doubles the interval.
    fn thin(&mut self) {
        let mut index = 0;
        self.kept.retain(|_| {
            index += 1;
            index % 2 == 1
        });
        self.interval = self.interval.saturating_mul(2);
    }

    /// The newest checkpoint at or before `time` [µs].
    pub fn latest_by(&self, time: Micros) -> Option<&Checkpoint> {
        self.kept.iter().rev().find(|c| c.world.now() <= time)
    }

    /// Forgets the checkpoints that are not on the way to a world that has processed
    /// `events` events and had `applied` recorded commands: the run branches there.
    pub fn forget_after(&mut self, events: u64, applied: usize) {
        self.kept.retain(|c| {
            let done = c.world.events_processed();
            done < events || (done == events && c.applied <= applied)
        });
    }
}

#[cfg(test)]
mod tests {
    use nines_sim::design::reference;

    use super::*;

    #[test]
    fn thinning_keeps_the_start_and_bounds_the_count() {
        let mut world = World::new(&reference::three_tier()).expect("valid");
        let mut checkpoints = Checkpoints::new(&world);
        for _ in 0..200 {
            world.run_for(10 * SECOND);
            checkpoints.take_if_due(&world, 0);
        }
        assert!(checkpoints.len() <= CAPACITY);
        assert!(checkpoints.len() >= CAPACITY / 2);
        assert_eq!(checkpoints.latest_by(0).map(|c| c.world.now()), Some(0));
        assert_eq!(checkpoints.interval(), FIRST_INTERVAL * 4, "2000 s over 32 points: 120 s apart");
        let newest = checkpoints.latest_by(Micros::MAX).expect("one").world.now();
        assert!(world.now() - newest < checkpoints.interval());
    }

    #[test]
    fn a_branch_forgets_only_later_checkpoints() {
        let mut world = World::new(&reference::three_tier()).expect("valid");
        let mut checkpoints = Checkpoints::new(&world);
        let mut at_60 = 0;
        for step in 1..=6 {
            world.run_for(FIRST_INTERVAL);
            checkpoints.take_if_due(&world, 0);
            if step == 3 {
                at_60 = world.events_processed();
            }
        }
        assert_eq!(checkpoints.len(), 7);
        checkpoints.forget_after(at_60, 0);
        assert_eq!(checkpoints.len(), 4, "0, 20, 40 and 60 s stay");
        checkpoints.forget_after(at_60 - 1, 0);
        assert_eq!(checkpoints.len(), 3);
    }
}
