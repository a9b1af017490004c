//! Playing a level: where the check stands, the last verdict (with the design it judged),
//! how many hints are showing and whether "Show solution" is waiting for a confirmation.
//!
//! A small reducer of its own, kept by the level's panel: the Playground's reducer knows
//! the design and the run, this one knows the level. The worker reports through
//! [`CheckEvent`]s; storage (progress) is written by the panel, at the edge.

use std::rc::Rc;

use nines_sim::design::Design;
use nines_sim::level::{CheckProgress, Verdict};
use yew::Reducible;

/// Where the check stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CheckPhase {
    /// Not checking.
    #[default]
    Idle,
    /// The worker is running the level; share done, 0–1.
    Running { fraction: f64 },
    /// The last check could not give a verdict: why.
    Failed(String),
}

/// A verdict and the design it judged.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The library's verdict.
    pub verdict: Verdict,
    /// The design that was checked; another design on the canvas makes the verdict stale.
    pub design: Rc<Design>,
}

/// What the check's worker (or the learner, for Cancel) says happened.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckEvent {
    /// The check began.
    Started,
    /// The check is this far along.
    Progress(CheckProgress),
    /// The verdict on `design`.
    Finished(Rc<Checked>),
    /// No verdict: why.
    Failed(String),
    /// The learner cancelled.
    Cancelled,
}

/// The level panel's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Play {
    /// Where the check stands.
    pub phase: CheckPhase,
    /// The last verdict, kept while checking again.
    pub last: Option<Rc<Checked>>,
    /// Verdicts so far (tests and the results' announcement tell a fresh one by it).
    pub checks: u64,
    /// Hints showing, from the first.
    pub hints: usize,
    /// Whether "Show solution" asked for a confirmation and waits for it.
    pub confirm_solution: bool,
}

/// What happens on the level panel.
#[derive(Clone, Debug, PartialEq)]
pub enum PlayAction {
    /// From the check's worker.
    Check(CheckEvent),
    /// Show the next hint, up to `of` hints.
    RevealHint { of: usize },
    /// Ask before showing the solution.
    AskSolution,
    /// Keep working without the solution.
    CancelSolution,
    /// The solution was loaded onto the canvas.
    SolutionShown,
}

impl Play {
    /// Starts with `hints` hints showing (as the learner left them).
    pub fn with_hints(hints: usize) -> Play {
        Play { hints, ..Play::default() }
    }

    /// Whether the worker is checking now.
    pub fn running(&self) -> bool {
        matches!(self.phase, CheckPhase::Running { .. })
    }

    fn apply(&mut self, action: PlayAction) {
        match action {
            PlayAction::Check(event) => self.check_event(event),
            PlayAction::RevealHint { of } => self.hints = (self.hints + 1).min(of),
            PlayAction::AskSolution => self.confirm_solution = true,
            PlayAction::CancelSolution | PlayAction::SolutionShown => self.confirm_solution = false,
        }
    }

    fn check_event(&mut self, event: CheckEvent) {
        match event {
            CheckEvent::Started => self.phase = CheckPhase::Running { fraction: 0.0 },
            CheckEvent::Progress(p) => {
                // A late message after Cancel must not bring the progress bar back.
                if self.running() {
                    self.phase = CheckPhase::Running { fraction: p.fraction().clamp(0.0, 1.0) };
                }
            }
            CheckEvent::Finished(checked) => {
                self.last = Some(checked);
                self.checks += 1;
                self.phase = CheckPhase::Idle;
            }
            CheckEvent::Failed(reason) => self.phase = CheckPhase::Failed(reason),
            CheckEvent::Cancelled => {
                if self.running() {
                    self.phase = CheckPhase::Idle;
                }
            }
        }
    }
}

impl Reducible for Play {
    type Action = PlayAction;

    fn reduce(self: Rc<Self>, action: PlayAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self { self } else { Rc::new(next) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(play: Play, action: PlayAction) -> Play {
        (*Rc::new(play).reduce(action)).clone()
    }

    #[test]
    fn hints_come_one_at_a_time_and_stop_at_the_last() {
        let mut play = Play::default();
        for expected in [1, 2, 3, 3] {
            play = reduce(play, PlayAction::RevealHint { of: 3 });
            assert_eq!(play.hints, expected);
        }
    }

    #[test]
    fn progress_after_cancel_is_ignored() {
        let progress = CheckProgress { simulated_us: 5, total_us: 10 };
        let play = reduce(Play::default(), PlayAction::Check(CheckEvent::Started));
        let play = reduce(play, PlayAction::Check(CheckEvent::Progress(progress)));
        assert_eq!(play.phase, CheckPhase::Running { fraction: 0.5 });
        let play = reduce(play, PlayAction::Check(CheckEvent::Cancelled));
        let play = reduce(play, PlayAction::Check(CheckEvent::Progress(progress)));
        assert_eq!(play.phase, CheckPhase::Idle);
    }

    #[test]
    fn the_solution_waits_for_a_confirmation() {
        let play = reduce(Play::default(), PlayAction::AskSolution);
        assert!(play.confirm_solution);
        assert!(!reduce(play.clone(), PlayAction::CancelSolution).confirm_solution);
        assert!(!reduce(play, PlayAction::SolutionShown).confirm_solution);
    }
}
