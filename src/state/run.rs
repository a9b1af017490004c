//! The run controls: how Play, Step, fast-forward, frames and faults move the live world.

use std::rc::Rc;

use nines_sim::Command;
use nines_sim::time::{self, Micros};

use super::{State, Tone};
use crate::live::{Branch, FRAME_BUDGET_MS, MAX_FRAME_MS};

/// Events run straight from the Go click, before frames take over: about 10 ms of work
/// natively, enough to finish a few minutes of a small design at once. A count, not a
/// wall-clock budget, so whether a jump finishes at once does not depend on machine load.
const CLICK_EVENTS: u64 = 40_000;

/// Most event-log lines kept on screen; older ones scroll away.
pub const LOG_CAP: usize = 200;

impl State {
    /// Builds the world if needed; says why not (and stays paused) when the design cannot run.
    fn start(&mut self) -> bool {
        match self.live.ensure(&self.design) {
            Ok(()) => true,
            Err(reason) => {
                self.playing = false;
                self.fast_forward_to = None;
                self.say(reason, Tone::Refused);
                false
            }
        }
    }

    pub(super) fn toggle_play(&mut self) {
        if self.playing {
            self.playing = false;
        } else if self.start() {
            self.playing = true;
            self.fast_forward_to = None;
        }
    }

    pub(super) fn step(&mut self) {
        self.playing = false;
        self.fast_forward_to = None;
        if self.start() {
            let target = self.live.now().saturating_add(super::STEP);
            self.live.run_to(target, f64::INFINITY);
            self.sync();
        }
    }

    pub(super) fn fast_forward(&mut self) {
        match time::parse_duration(&self.fast_forward) {
            Some(target) if target > self.clock => {
                self.fast_forward_error = None;
                self.playing = false;
                if self.start() {
                    self.fast_forward_to = Some(target);
                    self.fast_forward_from = self.clock;
                    // The first slice runs at once, so a short jump is done by the next paint.
                    if self.live.run_events_to(target, CLICK_EVENTS) >= target {
                        self.fast_forward_to = None;
                    }
                    self.sync();
                }
            }
            Some(target) if target < self.clock => self.seek(target),
            Some(_) => {
                self.fast_forward_error =
                    Some(format!("Choose a time other than the current one ({}).", time::clock(self.clock)))
            }
            None => {
                self.fast_forward_error = Some("Enter a time such as 90s, 2m, 1h30m or 00:05:00.".to_owned())
            }
        }
    }

    /// One animation frame `elapsed_ms` after the last: fast-forward a slice, or play
    /// `elapsed × speed` of simulated time, within the frame budget.
    pub(super) fn frame(&mut self, elapsed_ms: f64) {
        if let Some(target) = self.fast_forward_to {
            self.frame_slice(target, FRAME_BUDGET_MS);
        } else if self.playing {
            let wall_us = elapsed_ms.clamp(0.0, MAX_FRAME_MS) * 1000.0;
            let advance = (wall_us * f64::from(self.speed)) as Micros;
            let target = self.live.now().saturating_add(advance);
            self.live.run_to(target, FRAME_BUDGET_MS);
            self.sync();
        }
    }

    /// One slice of a fast-forward towards `target`, within `budget_ms` of wall time.
    fn frame_slice(&mut self, target: Micros, budget_ms: f64) {
        if self.live.run_to(target, budget_ms) >= target {
            self.fast_forward_to = None;
        }
        self.sync();
    }

    pub(super) fn fault(&mut self, command: Command) {
        if !self.start() {
            return;
        }
        let text = command.describe();
        match self.live.apply(command) {
            Ok(branch) => {
                let at = time::clock(self.clock);
                let said = format!("At {at}: {text}.{}", branched(branch, self.clock));
                self.say(said, Tone::Info);
            }
            Err(reason) => self.say(reason, Tone::Refused),
        }
        self.sync();
    }

    /// Moves the run to `target` [µs], at most as far as it has reached: restores the
    /// nearest checkpoint if that is quicker, then re-simulates there like a fast-forward
    /// (recorded faults are applied again at their places).
    pub(super) fn seek(&mut self, target: Micros) {
        if !self.live.is_running() {
            return;
        }
        let target = target.min(self.live.reached());
        self.playing = false;
        self.fast_forward_error = None;
        if let Some(from) = self.live.restore_for(target) {
            self.events = Rc::default();
            self.clock = from;
        }
        self.fast_forward_from = self.clock;
        self.fast_forward_to = Some(target);
        // One frame's worth at once: a drag sends many of these, and each must stay quick.
        self.frame_slice(target, FRAME_BUDGET_MS);
    }

    /// Back to the start with the recorded faults kept, playing: the same run again.
    pub(super) fn replay_from_start(&mut self) {
        if !self.live.is_running() {
            return;
        }
        self.seek(0);
        self.playing = true;
        let count = self.applied.len();
        let faults = if count == 1 { "fault".to_owned() } else { format!("{count} faults") };
        self.say(format!("Replaying from the start with the same {faults}."), Tone::Info);
    }

    /// Drops the run: time zero, paused, empty log.
    pub(super) fn reset_run(&mut self) {
        self.live.reset();
        self.playing = false;
        self.fast_forward_to = None;
        self.clock = 0;
        self.events = Rc::default();
        self.snapshot = None;
        self.fast_forward_error = None;
        self.reached = 0;
        self.applied = Rc::default();
    }

    /// Copies what the screen shows from the world: clock, snapshot, new log lines, the
    /// timeline's end and the recorded faults.
    fn sync(&mut self) {
        self.clock = self.live.now();
        self.snapshot = self.live.snapshot().map(Rc::new);
        self.reached = self.live.reached();
        let applied = self.live.applied();
        if *self.applied != applied {
            self.applied = Rc::new(applied);
        }
        let new = self.live.new_log_entries(LOG_CAP);
        if !new.is_empty() {
            // Copied only on a frame that adds lines; the other frames share them.
            let events = Rc::make_mut(&mut self.events);
            events.extend(new);
            if events.len() > LOG_CAP {
                events.drain(..events.len() - LOG_CAP);
            }
        }
    }

    /// Share of a fast-forward done, 0–1, while one is running.
    pub fn fast_forward_progress(&self) -> Option<f64> {
        let target = self.fast_forward_to?;
        let span = target.saturating_sub(self.fast_forward_from).max(1) as f64;
        Some((self.clock.saturating_sub(self.fast_forward_from) as f64 / span).clamp(0.0, 1.0))
    }
}

/// What the status line adds when a fault branched a rewound run: the recorded future that
/// was forgotten. Empty when the run was at its furthest point.
fn branched(branch: Branch, now: Micros) -> String {
    if branch.had_reached <= now {
        return String::new();
    }
    let lost = match branch.forgotten {
        0 => String::new(),
        1 => " and the fault recorded after it".to_owned(),
        n => format!(" and the {n} faults recorded after it"),
    };
    format!(" The run branches here: what was simulated after {}{lost} is discarded.", time::clock(now))
}
