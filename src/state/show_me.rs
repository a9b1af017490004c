//! "Show me": an evidence line of the report card becomes a live run.
//!
//! The grader ran each experiment in a fresh world with its own seed and a script of
//! faults at set times. Showing one rebuilds that world from the design on the canvas with
//! the same seed, schedules the same faults into it (so they are part of the world, and a
//! rewind to a checkpoint replays them), selects the component the line names, and
//! fast-forwards to the line's moment in frame-sized slices. The learner lands paused at
//! the moment the grader measured, presses Play to watch on, or drags the timeline back.

use std::rc::Rc;

use nines_sim::design::Design;
use nines_sim::grade::{Evidence, Report};
use nines_sim::time::{self, Micros};
use nines_sim::{TimedCommand, World};

use super::run::CLICK_EVENTS;
use super::{State, Tone};

/// A level check's moment to replay ("Show me" on a failed check): the level's run of the
/// design, its seed and incident, the moment and the component at fault.
#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    /// The design as the check ran it (`Level::as_run`: the level's traffic and seed).
    pub design: Rc<Design>,
    /// Seed of the check's run.
    pub seed: u64,
    /// The level's incident, in time order.
    pub faults: Vec<TimedCommand>,
    /// The moment to show [µs].
    pub at: Micros,
    /// The component at fault, selected and focused, if there is one.
    pub component: Option<String>,
    /// What happened then, in a sentence.
    pub what: String,
}

impl State {
    /// Replays a level check's moment in the live view: the check's world, paused at
    /// `moment.at`, with the component at fault selected.
    pub(super) fn show_moment(&mut self, moment: &Moment) {
        if let Some(component) = &moment.component {
            self.select(component.clone());
            if self.selected.as_ref() == Some(component) {
                self.seq += 1;
                self.focus = Some(super::FocusRequest { seq: self.seq, id: component.clone() });
            }
        }
        match World::with_seed(&moment.design, moment.seed) {
            Ok(mut world) => {
                world.schedule_all(&moment.faults);
                self.reset_run();
                self.live.start_with(world);
                self.run_ahead_to(moment.at);
                self.say(
                    format!(
                        "Showing the level's run ({}) at {}: {}. Press Play to watch on, or drag the timeline back.",
                        faults_in_words(&moment.faults),
                        time::clock(moment.at),
                        moment.what.trim_end_matches('.')
                    ),
                    Tone::Info,
                );
            }
            Err(error) => self.say(format!("Cannot replay the level's run: {error}"), Tone::Refused),
        }
    }

    /// Shows evidence line `evidence` of principle `principle` (indexes into the report).
    pub(super) fn show_evidence(&mut self, principle: usize, evidence: usize) {
        let Some(card) = self.grade.card.clone() else { return };
        let Some(line) = card.report.principles.get(principle).and_then(|p| p.evidence.get(evidence)) else {
            return;
        };
        if let Some(component) = &line.component {
            self.select(component.clone());
            if self.selected.as_ref() == Some(component) {
                // Keyboard focus follows to the node on the canvas, which scrolls it into view.
                self.seq += 1;
                self.focus = Some(super::FocusRequest { seq: self.seq, id: component.clone() });
            }
        }
        let stale = self.grade.is_stale(&self.design);
        match experiment_run(&card.report, line, &self.design) {
            Some(Ok((world, at, name, faults))) => {
                self.reset_run();
                self.live.start_with(world);
                self.run_ahead_to(at);
                let note =
                    if stale { " The design changed since grading, so this run may differ." } else { "" };
                self.say(
                    format!(
                        "Showing the experiment “{name}” ({faults}) at {}: {}. Press Play to watch on, or drag the timeline back.{note}",
                        time::clock(at),
                        line.text.trim_end_matches('.')
                    ),
                    Tone::Info,
                );
            }
            Some(Err(reason)) => self.say(format!("Cannot replay “{}”: {reason}", line.text), Tone::Refused),
            // A structural fact: selecting the component is all there is to show.
            None => self.say(line.text.clone(), Tone::Info),
        }
    }

    /// Pauses and fast-forwards the run to `target` [µs]: the first slice at once, the rest
    /// in frames (as "Fast-forward to" does), so a long jump never blocks the page.
    fn run_ahead_to(&mut self, target: Micros) {
        self.playing = false;
        self.fast_forward_error = None;
        self.fast_forward_from = self.clock;
        self.fast_forward_to = Some(target);
        if self.live.run_events_to(target, CLICK_EVENTS) >= target {
            self.fast_forward_to = None;
        }
        self.sync();
    }
}

/// The world of the experiment behind `line`, the moment to run it to [µs], the
/// experiment's name and its faults in words; `None` when the line is a structural fact.
fn experiment_run(
    report: &Report,
    line: &Evidence,
    design: &Design,
) -> Option<Result<ExperimentRun, String>> {
    let record = report.experiments.get(line.experiment?)?;
    Some(World::with_seed(design, record.seed).map_err(|e| e.to_string()).map(|mut world| {
        world.schedule_all(&record.faults);
        let first_fault = record.faults.first().map_or(0, |f| f.at);
        (world, line.at.unwrap_or(first_fault), record.name.clone(), faults_in_words(&record.faults))
    }))
}

/// A rebuilt experiment: its world, the moment to show [µs], its name and its faults.
type ExperimentRun = (World, Micros, String, String);

/// "no faults", or "kill i-5 at 00:01:00, restore-zone a at 00:06:00".
fn faults_in_words(faults: &[TimedCommand]) -> String {
    if faults.is_empty() {
        return "no faults".to_owned();
    }
    let each: Vec<String> =
        faults.iter().map(|f| format!("{} at {}", f.command.short_form(), time::clock(f.at))).collect();
    each.join(", ")
}
