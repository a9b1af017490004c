//! The Playground's one state and the actions that change it (the reducer).
//!
//! No simulation is connected yet: the run controls move a placeholder clock and the
//! playing flag so the controls, their labels and their tests are real. When the engine
//! lands, the world lives here and `Step`/`FastForward` advance it instead.

use std::rc::Rc;

use nines_sim::design::Design;
use nines_sim::time::{self, Micros};
use yew::Reducible;

use crate::kind::Kind;

/// Simulation speeds offered by the speed select [× real time].
pub const SPEEDS: [u32; 7] = [1, 2, 5, 10, 20, 50, 100];

/// How far one press of Step advances simulated time [µs].
pub const STEP: Micros = time::SECOND;

/// One line of the event log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogEntry {
    /// Simulated time of the event [µs].
    pub at: Micros,
    /// Id of the component it concerns.
    pub source: String,
    /// What happened, in a sentence.
    pub text: String,
}

/// Everything the Playground shows.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The design on the canvas.
    pub design: Rc<Design>,
    /// Id of the selected component, shown in the inspector.
    pub selected: Option<String>,
    /// The palette kind chosen for placing, if any.
    pub armed: Option<Kind>,
    /// Whether simulated time is running.
    pub playing: bool,
    /// Speed [× real time]; one of [`SPEEDS`].
    pub speed: u32,
    /// Simulated time [µs].
    pub clock: Micros,
    /// What the learner typed into "fast-forward to".
    pub fast_forward: String,
    /// Why that text was refused, if it was.
    pub fast_forward_error: Option<String>,
    /// Events so far, oldest first.
    pub events: Vec<LogEntry>,
}

/// Everything a learner can do to the Playground.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Play if paused, pause if playing.
    TogglePlay,
    /// Pause and advance by [`STEP`].
    Step,
    /// Choose a speed; values not in [`SPEEDS`] are ignored.
    SetSpeed(u32),
    /// The "fast-forward to" text changed.
    EditFastForward(String),
    /// Jump to the time in the "fast-forward to" box.
    FastForward,
    /// Back to time zero, paused, with an empty log.
    Reset,
    /// Select a component by id (ignored if the design has no such component).
    Select(String),
    /// Select nothing.
    ClearSelection,
    /// Choose a palette kind for placing, or un-choose it when it already was.
    Arm(Kind),
}

impl State {
    /// A paused Playground at time zero showing `design`.
    pub fn new(design: Design) -> Self {
        State {
            design: Rc::new(design),
            selected: None,
            armed: None,
            playing: false,
            speed: 1,
            clock: 0,
            fast_forward: String::new(),
            fast_forward_error: None,
            events: Vec::new(),
        }
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::TogglePlay => self.playing = !self.playing,
            Action::Step => {
                self.playing = false;
                self.clock = self.clock.saturating_add(STEP);
            }
            Action::SetSpeed(speed) if SPEEDS.contains(&speed) => self.speed = speed,
            Action::SetSpeed(_) => {}
            Action::EditFastForward(text) => {
                self.fast_forward = text;
                self.fast_forward_error = None;
            }
            Action::FastForward => self.fast_forward(),
            Action::Reset => {
                self.playing = false;
                self.clock = 0;
                self.events.clear();
                self.fast_forward_error = None;
            }
            Action::Select(id) if self.design.component(&id).is_some() => self.selected = Some(id),
            Action::Select(_) => {}
            Action::ClearSelection => self.selected = None,
            Action::Arm(kind) => self.armed = if self.armed == Some(kind) { None } else { Some(kind) },
        }
    }

    fn fast_forward(&mut self) {
        match time::parse_duration(&self.fast_forward) {
            Some(target) if target > self.clock => {
                self.clock = target;
                self.playing = false;
                self.fast_forward_error = None;
            }
            Some(_) => {
                self.fast_forward_error =
                    Some(format!("Choose a time after the current one ({}).", time::clock(self.clock)))
            }
            None => {
                self.fast_forward_error = Some("Enter a time such as 90s, 2m, 1h30m or 00:05:00.".to_owned())
            }
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self { self } else { Rc::new(next) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> Rc<State> {
        Rc::new(State::new(crate::starter::design()))
    }

    fn run(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions.into_iter().fold(state, |s, a| s.reduce(a))
    }

    #[test]
    fn starts_paused_at_zero_with_nothing_selected() {
        let s = start();
        assert!(!s.playing);
        assert_eq!((s.clock, s.speed, s.selected.as_deref()), (0, 1, None));
    }

    #[test]
    fn play_toggles() {
        let s = run(start(), [Action::TogglePlay]);
        assert!(s.playing);
        assert!(!run(s, [Action::TogglePlay]).playing);
    }

    #[test]
    fn step_pauses_and_advances_one_step() {
        let s = run(start(), [Action::TogglePlay, Action::Step, Action::Step]);
        assert!(!s.playing);
        assert_eq!(s.clock, 2 * STEP);
    }

    #[test]
    fn speed_accepts_only_offered_values() {
        assert_eq!(run(start(), [Action::SetSpeed(20)]).speed, 20);
        assert_eq!(run(start(), [Action::SetSpeed(20), Action::SetSpeed(3)]).speed, 20);
    }

    #[test]
    fn fast_forward_jumps_to_a_later_time() {
        let s = run(start(), [Action::EditFastForward("00:05:00".into()), Action::FastForward]);
        assert_eq!(s.clock, 5 * time::MINUTE);
        assert_eq!(s.fast_forward_error, None);
    }

    #[test]
    fn fast_forward_explains_bad_or_past_times() {
        let s = run(start(), [Action::EditFastForward("soon".into()), Action::FastForward]);
        assert!(s.fast_forward_error.as_deref().unwrap().contains("such as"));
        assert_eq!(s.clock, 0);
        let s = run(s, [Action::EditFastForward("2m".into())]);
        assert_eq!(s.fast_forward_error, None, "editing clears the error");
        let s = run(s, [Action::FastForward, Action::EditFastForward("1m".into()), Action::FastForward]);
        assert_eq!(s.clock, 2 * time::MINUTE);
        assert!(s.fast_forward_error.as_deref().unwrap().contains("00:02:00"));
    }

    #[test]
    fn reset_returns_to_zero_and_pauses_but_keeps_design_and_selection() {
        let s = run(
            start(),
            [
                Action::Select("web-1".into()),
                Action::SetSpeed(10),
                Action::Step,
                Action::TogglePlay,
                Action::Reset,
            ],
        );
        assert_eq!((s.clock, s.playing, s.speed), (0, false, 10));
        assert_eq!(s.selected.as_deref(), Some("web-1"));
    }

    #[test]
    fn selects_only_existing_components() {
        let s = run(start(), [Action::Select("db-1".into()), Action::Select("ghost".into())]);
        assert_eq!(s.selected.as_deref(), Some("db-1"));
        assert_eq!(run(s, [Action::ClearSelection]).selected, None);
    }

    #[test]
    fn arming_a_kind_twice_disarms_it() {
        let s = run(start(), [Action::Arm(Kind::Queue)]);
        assert_eq!(s.armed, Some(Kind::Queue));
        assert_eq!(run(s.clone(), [Action::Arm(Kind::Alarm)]).armed, Some(Kind::Alarm));
        assert_eq!(run(s, [Action::Arm(Kind::Queue)]).armed, None);
    }

    #[test]
    fn actions_that_change_nothing_keep_the_same_state() {
        let s = start();
        assert!(Rc::ptr_eq(&s, &s.clone().reduce(Action::SetSpeed(3))));
    }
}
