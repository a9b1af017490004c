//! The Playground's one state and the actions that change it (the reducer).
//!
//! Design edits go through [`crate::editor::apply`]; this reducer decides what an outcome
//! means for the screen: record the design before it for undo, select what was made,
//! announce what happened or why it was refused, keep a refused value's text in its field.
//! The run controls drive the live world ([`crate::live::Live`]); editing the design resets
//! the run.

mod edits;
mod grading;
#[cfg(test)]
mod grading_tests;
mod run;
mod show_me;
#[cfg(test)]
mod tests;

pub use grading::{Card, Grade, GradeEvent, Phase};
pub use run::LOG_CAP;
pub use show_me::Moment;

use std::rc::Rc;

use nines_sim::Command;
use nines_sim::design::{Design, Position};
use nines_sim::event_log::Severity;
use nines_sim::snapshot::Snapshot;
use nines_sim::time::{self, Micros};
use serde_json::Value;
use yew::Reducible;

use crate::editor::drop::{Hit, Source};
use crate::editor::history::History;
use crate::editor::{Edit, Target};
use crate::kind::Kind;
use crate::live::Live;
use crate::live::record::Applied;

/// Simulation speeds offered by the speed select [× real time].
pub const SPEEDS: [u32; 7] = [1, 2, 5, 10, 20, 50, 100];

/// How far one press of Step advances simulated time [µs].
pub const STEP: Micros = time::SECOND;

/// One line of the event log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// Simulated time of the event [µs].
    pub at: Micros,
    /// Id of the component it concerns.
    pub source: String,
    /// What happened, in a sentence.
    pub text: String,
    /// How much it matters (warnings and critical entries are announced).
    pub severity: Severity,
}

/// How a status message reads: a done edit, a refusal, or plain information.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Done,
    Refused,
    Info,
}

/// The sentence under the canvas toolbar, also announced to screen readers.
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    /// Grows with every message, so the same sentence twice is announced twice.
    pub seq: u64,
    pub text: String,
    pub tone: Tone,
}

/// Text typed into a field that is being edited or was refused, kept so the field shows
/// what the learner typed (with the reason) rather than snapping back.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub id: String,
    pub path: String,
    pub text: String,
    /// Why the text was not committed; `None` while it is valid and committed.
    pub error: Option<String>,
}

/// A request to move keyboard focus to a component's node after it was placed or moved.
#[derive(Clone, Debug, PartialEq)]
pub struct FocusRequest {
    pub seq: u64,
    pub id: String,
}

/// Everything the Playground shows.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The design on the canvas.
    pub design: Rc<Design>,
    /// Designs before (and after, for redo) the current one.
    pub history: History,
    /// Id of the selected component, shown in the inspector.
    pub selected: Option<String>,
    /// The palette kind chosen for placing by click or keyboard, if any.
    pub armed: Option<Kind>,
    /// The component a link is being drawn from (keyboard or click linking), if any.
    pub linking: Option<String>,
    /// The last thing that happened, or why it did not.
    pub status: Option<Status>,
    /// Field texts being edited or refused.
    pub drafts: Vec<Draft>,
    /// Whether "new design" is waiting for the learner to confirm.
    pub confirm_new: bool,
    /// Where keyboard focus should go next.
    pub focus: Option<FocusRequest>,
    /// The field typed into last: further typing there amends the same undo step.
    pub(crate) typing: Option<(String, String)>,
    /// Counter behind status and focus sequence numbers.
    pub(crate) seq: u64,
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
    /// Events so far, oldest first (the last [`run::LOG_CAP`]). Shared, because the state
    /// is cloned on every animation frame and most frames add no line: copying the lines
    /// (two strings each) every frame was the reducer's largest cost.
    pub events: Rc<Vec<LogEntry>>,
    /// The running world, if Play, Step or a fault started one.
    pub live: Live,
    /// The world as last drawn.
    pub snapshot: Option<Rc<Snapshot>>,
    /// Where a running fast-forward stops [µs].
    pub fast_forward_to: Option<Micros>,
    /// Where it started [µs], for the progress bar.
    pub fast_forward_from: Micros,
    /// The furthest simulated time the run has reached [µs]: the end of the timeline.
    pub reached: Micros,
    /// The commands applied in this run, oldest first (after a rewind, some are still to
    /// come again).
    pub applied: Rc<Vec<Applied>>,
    /// The report card: the grader's progress and the last report.
    pub grade: Grade,
    /// Whether the projector layout is on: canvas, requests chart, event log and run
    /// controls on one screen, in larger type; the editing panels folded away.
    pub presenting: bool,
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
    /// An animation frame came `elapsed_ms` [ms] of wall time after the last one.
    Frame { elapsed_ms: f64 },
    /// Break something (or mend it) in the running world now.
    Fault(Command),
    /// Select a component by id (ignored if the design has no such component).
    Select(String),
    /// Select nothing, and stop placing or linking.
    ClearSelection,
    /// Choose a palette kind for placing, or un-choose it when it already was.
    Arm(Kind),
    /// Place the chosen palette kind at a target (keyboard or click placement).
    PlaceArmed(Target),
    /// Make one change to the design.
    Edit(Edit),
    /// A drag ended: `source` let go over `hit`, its top-left at `position`.
    Drop { source: Source, hit: Hit, position: Option<Position> },
    /// Text typed into a parameter field (numbers, lists): committed only if valid.
    EditText { id: String, path: String, text: String },
    /// A choice made in a parameter field (selects, checkboxes, zone lists).
    EditValue { id: String, path: String, value: Value },
    /// A field lost focus: a valid text is now final; a refused one stays with its reason.
    EndFieldEdit { id: String, path: String },
    /// Escape in a field: forget its typed text and show the design's value again.
    RevertField { id: String, path: String },
    /// Start drawing a link from a component (then choose its target).
    StartLink(String),
    /// Finish the link being drawn at this component.
    LinkTo(String),
    /// Stop drawing a link.
    CancelLink,
    /// Undo the last design edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Ask before replacing the design with an empty one.
    AskNew,
    /// Keep the current design after all.
    CancelNew,
    /// Replace the design with an empty one (undoable).
    ConfirmNew,
    /// Replace the whole design (import, share link, new); undoable.
    ReplaceDesign { design: Rc<Design>, reason: String },
    /// Show a message that did not come from an edit (an import error, a copied link).
    Notify { text: String, tone: Tone },
    /// Hide the status message.
    DismissStatus,
    /// Move the run to a simulated time [µs] within what it has reached: restore the
    /// nearest checkpoint and re-simulate, applying the recorded faults again.
    Seek(Micros),
    /// Rewind to the start, keep the recorded faults, and play.
    ReplayFromStart,
    /// Show an event-log entry: select its component and move the run to its time [µs].
    GoToEvent { at: Micros, source: String },
    /// The grader's worker (or Cancel) reports progress, a report or a failure.
    Grade(GradeEvent),
    /// "Show me" an evidence line of the report card: select its component and run its
    /// experiment to its moment. Indexes into the report's principles and their evidence.
    ShowEvidence { principle: usize, evidence: usize },
    /// "Show me" on a level check's explanation: replay the check's run to its moment.
    ShowMoment(Rc<Moment>),
    /// Switch the projector layout on (the Present button) or off (Esc, "Leave
    /// presentation"). Placing and linking stop: there is no palette to finish them with.
    Present(bool),
}

impl State {
    /// A paused Playground at time zero showing `design`.
    pub fn new(design: Design) -> Self {
        State {
            design: Rc::new(design),
            history: History::default(),
            selected: None,
            armed: None,
            linking: None,
            status: None,
            drafts: Vec::new(),
            confirm_new: false,
            focus: None,
            typing: None,
            seq: 0,
            playing: false,
            speed: 1,
            clock: 0,
            fast_forward: String::new(),
            fast_forward_error: None,
            events: Rc::default(),
            live: Live::default(),
            snapshot: None,
            fast_forward_to: None,
            fast_forward_from: 0,
            reached: 0,
            applied: Rc::default(),
            grade: Grade::default(),
            presenting: false,
        }
    }

    /// The reducer proper. Every action has its own arm and no arm is a catch-all, so a new
    /// action does not compile until it is given a meaning here.
    fn apply(&mut self, action: Action) {
        match action {
            Action::TogglePlay => self.toggle_play(),
            Action::Step => self.step(),
            Action::SetSpeed(speed) => {
                if SPEEDS.contains(&speed) {
                    self.speed = speed;
                }
            }
            Action::EditFastForward(text) => {
                self.fast_forward = text;
                self.fast_forward_error = None;
            }
            Action::FastForward => self.fast_forward(),
            Action::Reset => self.reset_run(),
            Action::Frame { elapsed_ms } => self.frame(elapsed_ms),
            Action::Fault(command) => self.fault(command),
            Action::Select(id) => self.select(id),
            Action::ClearSelection => {
                self.selected = None;
                self.armed = None;
                self.linking = None;
                self.drafts.clear();
            }
            Action::Arm(kind) => {
                self.linking = None;
                self.armed = if self.armed == Some(kind) { None } else { Some(kind) };
            }
            Action::PlaceArmed(target) => self.place_armed(target),
            Action::Edit(edit) => self.edit(edit),
            Action::Drop { source, hit, position } => self.drop_at(source, hit, position),
            Action::EditText { id, path, text } => self.edit_text(id, path, text),
            Action::EditValue { id, path, value } => self.edit_value(id, path, value),
            Action::EndFieldEdit { id, path } => self.end_field_edit(&id, &path),
            Action::RevertField { id, path } => {
                self.typing = None;
                self.forget_draft(&id, &path);
            }
            Action::StartLink(id) => self.start_link(id),
            Action::LinkTo(to) => self.link_to(to),
            Action::CancelLink => self.cancel_link(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::AskNew => self.confirm_new = true,
            Action::CancelNew => self.confirm_new = false,
            Action::ConfirmNew => self.confirm_new_design(),
            Action::ReplaceDesign { design, reason } => self.replace(design, reason),
            Action::Notify { text, tone } => self.say(text, tone),
            Action::DismissStatus => self.status = None,
            Action::Seek(target) => self.seek(target),
            Action::ReplayFromStart => self.replay_from_start(),
            Action::GoToEvent { at, source } => self.go_to_event(at, source),
            Action::Grade(event) => self.grade_event(event),
            Action::ShowEvidence { principle, evidence } => self.show_evidence(principle, evidence),
            Action::ShowMoment(moment) => self.show_moment(&moment),
            Action::Present(on) => {
                self.presenting = on;
                self.armed = None;
                self.linking = None;
            }
        }
    }

    /// Shows an event-log entry: moves the run to its time and selects its component.
    fn go_to_event(&mut self, at: Micros, source: String) {
        // An instance gone by now is found in the world as it was at `at`.
        let known = self.component_of(&source);
        self.seek(at);
        let component =
            if self.design.component(&known).is_some() { known } else { self.component_of(&source) };
        self.select(component);
    }

    /// Selects a component by id; ignores ids the design does not have.
    fn select(&mut self, id: String) {
        if self.design.component(&id).is_none() {
            return;
        }
        if self.selected.as_ref() != Some(&id) {
            self.drafts.clear();
        }
        self.selected = Some(id);
    }

    /// The design component a log subject belongs to: itself, or the group of an instance
    /// it launched (`i-3` belongs to `web`).
    fn component_of(&self, subject: &str) -> String {
        if self.design.component(subject).is_some() {
            return subject.to_owned();
        }
        let group = self
            .snapshot
            .as_ref()
            .and_then(|s| s.instances.iter().find(|i| i.name == subject).and_then(|i| i.group.clone()));
        group.unwrap_or_else(|| subject.to_owned())
    }

    /// The draft of field `path` of component `id`, if one is kept.
    pub fn draft(&self, id: &str, path: &str) -> Option<&Draft> {
        self.drafts.iter().find(|d| d.id == id && d.path == path)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if !Rc::ptr_eq(&next.design, &self.design) && next.live.is_running() {
            next.reset_run();
        }
        if next == *self { self } else { Rc::new(next) }
    }
}
