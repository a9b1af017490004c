//! The embed's reducer: the Playground's run state ([`State`]) for one fixed [`Scene`],
//! with the presenter's requests on top. The design never changes here: only run actions
//! and selection reach the inner state, so nothing on the canvas can edit it.
//!
//! The world is built by the scene (its seed, its script scheduled) rather than by the
//! Playground's Play, so a reset — or a reload — shows the same scene from time zero.

use std::rc::Rc;

use nines_sim::Command;
use nines_sim::time::{self, Micros, SECOND};
use yew::Reducible;

use super::params::Scene;
use crate::live::fault_menu::{FaultSettings, Scene as FaultScene, key_command};
use crate::state::{Action, State, Tone};

/// The embed's whole state.
#[derive(Clone, Debug, PartialEq)]
pub struct Presenter {
    /// The run: clock, snapshot, log, selection, status.
    pub run: Rc<State>,
    /// What the URL asked for.
    pub scene: Rc<Scene>,
    /// Whether the key help is shown.
    pub help: bool,
}

/// What can happen to an embed.
#[derive(Clone, Debug, PartialEq)]
pub enum PresenterAction {
    /// From the canvas or the frame loop: only frames, selection, faults and the status
    /// message pass; anything else (an edit, a drop) is ignored.
    Run(Action),
    /// Play (from the start again when the run had finished).
    Play,
    /// Pause.
    Pause,
    /// Play if paused, pause if playing.
    TogglePlay,
    /// Back to time zero with the same scene, paused.
    Reset,
    /// Move to a simulated time [µs] (at most the run's end).
    SeekTo(Micros),
    /// Fast-forward to the next scripted event.
    NextEvent,
    /// Apply a fault now.
    Fault(Command),
    /// A fault key on the selected component: `K` or `Z`.
    FaultKey(&'static str),
    /// Show or hide the key help.
    ToggleHelp,
    /// Hide the key help.
    CloseHelp,
}

impl Presenter {
    /// The scene at time zero, paused.
    pub fn new(scene: Rc<Scene>) -> Self {
        let mut state = State::new((*scene.design).clone());
        state.speed = scene.speed;
        let mut presenter = Presenter { run: Rc::new(state), scene, help: false };
        presenter.rebuild();
        presenter
    }

    /// Whether the run has reached its end.
    pub fn finished(&self) -> bool {
        self.run.clock >= self.scene.duration
    }

    fn send(&mut self, action: Action) {
        self.run = self.run.clone().reduce(action);
    }

    /// A fresh world for the scene, drawn at time zero.
    fn rebuild(&mut self) {
        let mut state = (*self.run).clone();
        match self.scene.world() {
            Ok(world) => state.live.start_with(world),
            Err(reason) => state.notify(reason, Tone::Refused),
        }
        self.run = Rc::new(state);
        // A seek to where the world is draws it (snapshot, clock) without moving it.
        self.send(Action::Seek(0));
    }

    fn apply(&mut self, action: PresenterAction) {
        match action {
            PresenterAction::Run(action) => self.pass(action),
            PresenterAction::Play => self.play(),
            PresenterAction::Pause => {
                if self.run.playing {
                    self.send(Action::TogglePlay);
                }
            }
            PresenterAction::TogglePlay => {
                if self.run.playing {
                    self.send(Action::TogglePlay);
                } else {
                    self.play();
                }
            }
            PresenterAction::Reset => {
                self.send(Action::Reset);
                self.rebuild();
            }
            PresenterAction::SeekTo(target) => self.seek_to(target),
            PresenterAction::NextEvent => match self.scene.next_event_after(self.run.clock) {
                Some(at) => self.seek_to(at),
                None => self.send(Action::Notify {
                    text: format!("No scripted event after {}.", time::clock(self.run.clock)),
                    tone: Tone::Info,
                }),
            },
            PresenterAction::Fault(command) => self.send(Action::Fault(command)),
            PresenterAction::FaultKey(key) => self.fault_key(key),
            PresenterAction::ToggleHelp => self.help = !self.help,
            PresenterAction::CloseHelp => self.help = false,
        }
    }

    fn pass(&mut self, action: Action) {
        match action {
            Action::Frame { .. } => {
                self.send(action);
                if self.run.playing && self.finished() {
                    self.send(Action::TogglePlay);
                }
            }
            // Selection, and the canvas's own fault buttons (a zone's Lose, an instance badge).
            Action::Select(_)
            | Action::ClearSelection
            | Action::Fault(_)
            | Action::DismissStatus
            | Action::Notify { .. } => self.send(action),
            _ => {}
        }
    }

    fn play(&mut self) {
        if self.run.playing {
            return;
        }
        if self.finished() {
            self.apply(PresenterAction::Reset);
        }
        self.send(Action::TogglePlay);
    }

    /// Rewinds to `target` [µs] through the checkpoints, or simulates forward to it.
    fn seek_to(&mut self, target: Micros) {
        let target = target.min(self.scene.duration);
        let clock = self.run.clock;
        if target < clock {
            self.send(Action::Seek(target));
        } else if target > clock {
            let seconds = format!("{}.{:06}", target / SECOND, target % SECOND);
            self.send(Action::EditFastForward(seconds));
            self.send(Action::FastForward);
        }
    }

    fn fault_key(&mut self, key: &str) {
        let settings = FaultSettings::default();
        let scene = FaultScene {
            design: &self.run.design,
            snapshot: self.run.snapshot.as_deref(),
            selected: self.run.selected.as_deref(),
            settings: &settings,
        };
        match key_command(key, &scene) {
            Some(Ok(command)) => self.send(Action::Fault(command)),
            Some(Err(reason)) => self.send(Action::Notify { text: reason, tone: Tone::Refused }),
            None => {}
        }
    }
}

impl Reducible for Presenter {
    type Action = PresenterAction;

    fn reduce(self: Rc<Self>, action: PresenterAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next == *self { self } else { Rc::new(next) }
    }
}

#[cfg(test)]
mod tests {
    use nines_sim::design::reference;
    use nines_sim::time::SECOND;

    use super::*;
    use crate::editor::Edit;
    use crate::embed::params::scene_from_hash;
    use crate::persist::share::payload;

    fn presenter(rest: &str) -> Rc<Presenter> {
        let hash = format!("#/embed?d={}{rest}", payload(&reference::three_tier()));
        Rc::new(Presenter::new(Rc::new(scene_from_hash(&hash).unwrap())))
    }

    fn send(p: Rc<Presenter>, action: PresenterAction) -> Rc<Presenter> {
        p.reduce(action)
    }

    /// Frames of 50 ms until nothing is moving or `frames` have passed.
    fn frames(mut p: Rc<Presenter>, frames: usize) -> Rc<Presenter> {
        for _ in 0..frames {
            if !p.run.playing && p.run.fast_forward_to.is_none() {
                break;
            }
            p = send(p, PresenterAction::Run(Action::Frame { elapsed_ms: 50.0 }));
        }
        p
    }

    fn log(p: &Presenter) -> Vec<(Micros, String)> {
        p.run.events.iter().map(|e| (e.at, e.text.clone())).collect()
    }

    #[test]
    fn it_opens_paused_at_zero_with_the_world_drawn() {
        let p = presenter("&script=60s%3Akill%20i-1");
        assert!(!p.run.playing);
        assert_eq!(p.run.clock, 0);
        assert!(p.run.snapshot.is_some(), "the canvas shows the live world from the start");
        assert_eq!(p.run.live.applied(), vec![], "the script is scheduled, not recorded");
    }

    #[test]
    fn next_event_jumps_to_each_scripted_fault_and_the_same_run_comes_every_time() {
        let run = || {
            let mut p = presenter("&script=60s%3Akill%20i-1%3B120s%3Alose-zone%20a&speed=100");
            p = frames(send(p, PresenterAction::NextEvent), 10_000);
            assert_eq!(p.run.clock, 60 * SECOND);
            assert!(
                log(&p).iter().any(|(at, text)| *at == 60 * SECOND && text.contains("killed i-1")),
                "{:?}",
                log(&p)
            );
            p = frames(send(p, PresenterAction::NextEvent), 10_000);
            assert_eq!(p.run.clock, 120 * SECOND);
            let p2 = send(p.clone(), PresenterAction::NextEvent);
            assert_eq!(p2.run.clock, 120 * SECOND, "no third event");
            assert!(p2.run.status.as_ref().unwrap().text.contains("No scripted event"));
            log(&p)
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn reset_goes_back_to_the_same_scene() {
        let p = presenter("&script=30s%3Akill%20i-1");
        let fresh = log(&p);
        let p = frames(send(p, PresenterAction::SeekTo(45 * SECOND)), 10_000);
        assert_eq!(p.run.clock, 45 * SECOND);
        let p = send(p, PresenterAction::Reset);
        assert_eq!((p.run.clock, p.run.playing), (0, false));
        assert_eq!(log(&p), fresh);
        // And the script is still there after the reset.
        let p = frames(send(p, PresenterAction::NextEvent), 10_000);
        assert_eq!(p.run.clock, 30 * SECOND);
    }

    #[test]
    fn playing_stops_at_the_end_and_plays_again_from_the_start() {
        let p = presenter("&duration=2s&speed=100");
        let p = frames(send(p, PresenterAction::Play), 1000);
        assert!(!p.run.playing && p.finished(), "paused at the end: {}", p.run.clock);
        let p = send(p, PresenterAction::Play);
        assert!(p.run.playing);
        assert!(p.run.clock < SECOND, "started over: {}", p.run.clock);
    }

    #[test]
    fn seeking_back_rewinds_and_edits_are_ignored() {
        let p = frames(presenter("").reduce(PresenterAction::SeekTo(90 * SECOND)), 10_000);
        let p = frames(send(p, PresenterAction::SeekTo(40 * SECOND)), 10_000);
        assert_eq!(p.run.clock, 40 * SECOND);
        let design = p.run.design.clone();
        let p = send(p, PresenterAction::Run(Action::Edit(Edit::SetDesignName { name: "x".into() })));
        assert!(Rc::ptr_eq(&p.run.design, &design));
    }

    #[test]
    fn fault_keys_act_on_the_selection_or_say_why_not() {
        let p = presenter("");
        let p = send(p, PresenterAction::FaultKey("K"));
        assert_eq!(p.run.status.as_ref().map(|s| s.tone), Some(Tone::Refused));
        let p = send(p, PresenterAction::Run(Action::Select("db".into())));
        let p = send(p, PresenterAction::FaultKey("Z"));
        assert!(p.run.live.with_world(|w| w.incidents().len()).unwrap() == 1, "{:?}", p.run.status);
    }
}
