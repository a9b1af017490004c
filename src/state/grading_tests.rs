//! The report card in the reducer: progress, a finished report, stale after an edit (and
//! fresh again after undo), Cancel, and "Show me" turning evidence into a live run.

use std::rc::Rc;
use std::sync::OnceLock;

use nines_sim::design::reference;
use nines_sim::grade::{GradeOptions, Report, grade};
use yew::Reducible;

use super::*;
use crate::editor::Edit;

/// The three-tier reference's report, graded once for every test here.
fn report() -> Rc<Report> {
    static REPORT: OnceLock<String> = OnceLock::new();
    let json = REPORT.get_or_init(|| {
        let report = grade(&reference::three_tier(), &GradeOptions::default()).expect("three-tier grades");
        serde_json::to_string(&report).expect("serialises")
    });
    Rc::new(serde_json::from_str(json).expect("parses"))
}

fn run(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
    actions.into_iter().fold(state, |s, a| s.reduce(a))
}

/// The three-tier design on the canvas with its report card.
fn graded() -> Rc<State> {
    let s = Rc::new(State::new(reference::three_tier()));
    let design = s.design.clone();
    let report = report();
    let json: Rc<str> = serde_json::to_string(&*report).expect("serialises").into();
    run(s, [Action::Grade(GradeEvent::Started), Action::Grade(GradeEvent::Finished { report, json, design })])
}

fn settle(mut s: Rc<State>) -> Rc<State> {
    for _ in 0..100_000 {
        if s.fast_forward_to.is_none() {
            return s;
        }
        s = s.reduce(Action::Frame { elapsed_ms: 16.0 });
    }
    panic!("still simulating at {}", s.clock);
}

#[test]
fn progress_runs_then_the_report_is_kept_and_announced() {
    let s = run(Rc::new(State::new(reference::three_tier())), [Action::Grade(GradeEvent::Started)]);
    assert!(s.grade.running());
    let s =
        run(s, [Action::Grade(GradeEvent::Progress { done: 2, total: 9, experiment: "lose zone a".into() })]);
    assert_eq!(s.grade.phase, Phase::Running { done: 2, total: 9, current: "lose zone a".into() });
    assert_eq!(s.grade.progress(), (2, 9));

    let s = graded();
    assert_eq!((s.grade.phase.clone(), s.grade.finished), (Phase::Idle, 1));
    assert!(s.status.as_ref().is_some_and(|st| st.text.starts_with("Graded: ")), "{:?}", s.status);
    assert!(!s.grade.is_stale(&s.design));
}

#[test]
fn an_edit_makes_the_card_stale_and_undo_makes_it_fresh_again() {
    let s = run(graded(), [Action::Edit(Edit::SetDesignName { name: "changed".into() })]);
    assert!(s.grade.is_stale(&s.design));
    assert!(s.grade.card.is_some(), "the stale report is still shown");
    let s = run(s, [Action::Undo]);
    assert!(!s.grade.is_stale(&s.design), "the same design again is not stale");
}

#[test]
fn cancel_stops_progress_and_late_messages_do_not_revive_it() {
    let s = run(graded(), [Action::Grade(GradeEvent::Started), Action::Grade(GradeEvent::Cancelled)]);
    assert_eq!(s.grade.phase, Phase::Idle);
    assert!(s.grade.card.is_some(), "the last report stays");
    let s = run(s, [Action::Grade(GradeEvent::Progress { done: 3, total: 9, experiment: "x".into() })]);
    assert_eq!(s.grade.phase, Phase::Idle);
}

#[test]
fn a_failure_says_why() {
    let s =
        run(graded(), [Action::Grade(GradeEvent::Started), Action::Grade(GradeEvent::Failed("bad".into()))]);
    assert_eq!(s.grade.phase, Phase::Failed("bad".into()));
    assert_eq!(s.status.as_ref().map(|st| st.tone), Some(Tone::Refused));
}

/// The first evidence line of an experiment with a moment after its first fault.
fn experiment_line(report: &Report) -> (usize, usize) {
    for (p, principle) in report.principles.iter().enumerate() {
        for (e, line) in principle.evidence.iter().enumerate() {
            let faulted =
                line.experiment.and_then(|i| report.experiments.get(i)).is_some_and(|x| !x.faults.is_empty());
            if faulted && line.at.is_some() && line.component.is_some() {
                return (p, e);
            }
        }
    }
    panic!("the three-tier report has no experiment evidence with a component and a moment");
}

#[test]
fn show_me_runs_the_experiment_to_its_moment_with_its_faults_and_selects_the_component() {
    let s = graded();
    let report = s.grade.card.as_ref().expect("a card").report.clone();
    let (principle, evidence) = experiment_line(&report);
    let line = &report.principles[principle].evidence[evidence];
    let record = &report.experiments[line.experiment.expect("an experiment")];
    let at = line.at.expect("a moment");

    let s = settle(run(s, [Action::ShowEvidence { principle, evidence }]));
    assert_eq!(s.clock, at);
    assert!(!s.playing, "lands paused at the moment");
    assert_eq!(s.selected, line.component);
    assert_eq!(s.focus.as_ref().map(|f| &f.id), line.component.as_ref(), "focus follows to the node");
    assert_eq!(s.live.with_world(|w| w.seed()), Some(record.seed), "the experiment's own seed");
    let applied = s.live.with_world(|w| w.commands_applied().len()).expect("a world");
    let due = record.faults.iter().filter(|f| f.at <= at).count();
    assert_eq!(applied, due, "every fault up to the moment was applied");
    let first = record.faults[0].command.short_form();
    let said = s.status.as_ref().map(|st| st.text.clone()).unwrap_or_default();
    assert!(
        said.contains(&record.name) && said.contains(&first),
        "names the experiment and its faults: {said}"
    );

    // Rewinding replays the experiment: its faults are part of the world.
    let back = settle(run(s.clone(), [Action::Seek(0)]));
    assert_eq!(back.clock, 0);
    let again = settle(run(back, [Action::Seek(at)]));
    assert_eq!(again.snapshot, s.snapshot, "the same moment again");
}

#[test]
fn show_me_on_a_structural_fact_only_selects() {
    let s = graded();
    let report = s.grade.card.as_ref().expect("a card").report.clone();
    let found = report.principles.iter().enumerate().find_map(|(p, pr)| {
        pr.evidence.iter().position(|e| e.experiment.is_none() && e.component.is_some()).map(|e| (p, e))
    });
    let Some((principle, evidence)) = found else { return };
    let s = run(s, [Action::ShowEvidence { principle, evidence }]);
    assert_eq!(s.selected, report.principles[principle].evidence[evidence].component);
    assert!(!s.live.is_running(), "nothing to run");
}

#[test]
fn show_me_with_no_card_or_a_bad_index_does_nothing() {
    let s = Rc::new(State::new(reference::three_tier()));
    assert!(Rc::ptr_eq(&s, &s.clone().reduce(Action::ShowEvidence { principle: 0, evidence: 0 })));
    let g = graded();
    let after = g.clone().reduce(Action::ShowEvidence { principle: 99, evidence: 0 });
    assert!(Rc::ptr_eq(&g, &after));
}
