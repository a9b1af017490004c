//! The report card's state: whether the grader is running in its worker, how far it got,
//! and the last report with the design it judged (so the panel can say it is stale).
//!
//! The worker itself lives outside the reducer ([`crate::components::report_card::bridge`]);
//! it reports what happens as [`GradeEvent`]s, and "Show me" turns an evidence line into a
//! live run of its experiment ([`State::show_evidence`]).

use std::rc::Rc;

use nines_sim::design::Design;
use nines_sim::grade::Report;

use super::{State, Tone};

/// Where grading stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Phase {
    /// Not grading (never started, finished, or cancelled).
    #[default]
    Idle,
    /// The worker is grading.
    Running {
        /// Experiments finished so far.
        done: usize,
        /// Experiments in all; 0 until the worker has said.
        total: usize,
        /// Name of the experiment running now, e.g. "lose zone a"; empty at the start.
        current: String,
    },
    /// The last attempt failed: why, in a sentence.
    Failed(String),
}

/// A finished report, with what it was computed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// The report as data.
    pub report: Rc<Report>,
    /// The report exactly as the grader serialised it (what "Download JSON" saves).
    pub json: Rc<str>,
    /// The design it judged; a different design on the canvas makes the card stale.
    pub design: Rc<Design>,
}

/// The report card: the grader's phase and the last report.
#[derive(Clone, Debug, Default)]
pub struct Grade {
    /// Running, idle or failed.
    pub phase: Phase,
    /// The last finished report, kept while grading again.
    pub card: Option<Rc<Card>>,
    /// Reports finished so far (tests tell a fresh report from the last by it).
    pub finished: u64,
}

/// A card never changes once made, so two are the same card when they are one allocation:
/// the panel's props are compared on every animation frame, and comparing reports, their
/// JSON and designs by value there would be work done for nothing.
impl PartialEq for Grade {
    fn eq(&self, other: &Grade) -> bool {
        let same_card = match (&self.card, &other.card) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_card && self.phase == other.phase && self.finished == other.finished
    }
}

impl Grade {
    /// Whether the worker is grading now.
    pub fn running(&self) -> bool {
        matches!(self.phase, Phase::Running { .. })
    }

    /// Experiments done and in all while grading; (0, 0) otherwise.
    pub fn progress(&self) -> (usize, usize) {
        match self.phase {
            Phase::Running { done, total, .. } => (done, total),
            Phase::Idle | Phase::Failed(_) => (0, 0),
        }
    }

    /// Whether the card judged another design than `design` (the learner changed it since).
    pub fn is_stale(&self, design: &Rc<Design>) -> bool {
        self.card.as_ref().is_some_and(|card| !Rc::ptr_eq(&card.design, design) && *card.design != **design)
    }
}

/// What the grader's worker (or the learner, for Cancel) says happened.
#[derive(Clone, Debug, PartialEq)]
pub enum GradeEvent {
    /// Grading began in the worker.
    Started,
    /// An experiment is about to run: `done` of `total` are finished.
    Progress { done: usize, total: usize, experiment: String },
    /// The report is ready; `design` is the design that was sent to the worker.
    Finished { report: Rc<Report>, json: Rc<str>, design: Rc<Design> },
    /// Grading failed: why.
    Failed(String),
    /// The learner cancelled.
    Cancelled,
}

impl State {
    /// Applies what the grader's worker reported.
    pub(super) fn grade_event(&mut self, event: GradeEvent) {
        match event {
            GradeEvent::Started => {
                self.grade.phase = Phase::Running { done: 0, total: 0, current: String::new() };
            }
            GradeEvent::Progress { done, total, experiment } => {
                // A late message after Cancel must not bring the progress bar back.
                if self.grade.running() {
                    self.grade.phase = Phase::Running { done, total, current: experiment };
                }
            }
            GradeEvent::Finished { report, json, design } => {
                let text = format!(
                    "Graded: {} overall ({}), {:.1} nines.",
                    report.overall.grade.as_str(),
                    report.overall.score,
                    report.nines
                );
                self.grade.card = Some(Rc::new(Card { report, json, design }));
                self.grade.finished += 1;
                self.grade.phase = Phase::Idle;
                self.say(text, Tone::Done);
            }
            GradeEvent::Failed(reason) => {
                self.say(format!("Grading failed: {reason}"), Tone::Refused);
                self.grade.phase = Phase::Failed(reason);
            }
            GradeEvent::Cancelled => {
                if self.grade.running() {
                    self.grade.phase = Phase::Idle;
                    self.say("Grading cancelled.".to_owned(), Tone::Info);
                }
            }
        }
    }
}
