//! The grader's Web Worker: grades a design off the main thread, so the page keeps
//! animating while every experiment runs.
//!
//! ```text
//! page (Yew)                         worker (grade-worker.js, no Yew)
//!   Job { design as JSON, options } ─▶ grade_with_progress
//!   ◀─ Reply::Progress × experiments    (before each experiment)
//!   ◀─ Reply::Finished { report JSON }  or Reply::Failed { reason }
//!
//!   CheckJob { level, design as JSON } ─▶ level::check_with_progress
//!   ◀─ Reply::CheckProgress × steps
//!   ◀─ Reply::Checked { verdict JSON }  or Reply::Failed { reason }
//! ```
//!
//! One worker binary does both: a level's check runs the same engine as the grader, and a
//! second wasm file would carry the engine a second time.
//!
//! The design travels as its JSON file text (the design's serde shape uses `flatten`, which
//! gloo-worker's bincode cannot carry) and the report comes back as the grader's own JSON,
//! so "Download JSON" saves exactly what was graded and tests can hash it. This module is
//! the only thing the worker binary (`src/grade_worker.rs`) links from the app's crate:
//! the grader, serde and gloo-worker, never Yew.

use gloo_worker::{HandlerId, Worker, WorkerScope};
use nines_sim::design::parse_design;
use nines_sim::grade::{GradeOptions, Progress, grade_with_progress};
use nines_sim::level::{CheckProgress, check_with_progress, parse_level};
use serde::{Deserialize, Serialize};

/// File name of the worker's script, as Trunk emits it beside `index.html` (resolved against
/// the page's URL, so the app works from a sub-path too).
pub const SCRIPT: &str = "grade-worker.js";

/// A design to grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// The design as its `.nines.json` text.
    pub design_json: String,
    /// Seed, seeds and recovery policy; default: the design's seed, one seed, AWS defaults.
    pub options: GradeOptions,
}

/// A design to check against a level's goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckJob {
    /// The level as its `.nines-level.json` text.
    pub level_json: String,
    /// The design as its `.nines.json` text.
    pub design_json: String,
}

/// What the page asks the worker to do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Grade a design against the five principles.
    Grade(Job),
    /// Check a design against a level's goal.
    Check(CheckJob),
}

/// What the worker says while and after grading or checking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// An experiment is about to run.
    Progress(Progress),
    /// The report, as the grader's JSON (`serde_json::to_string` of the `Report`).
    Finished { json: String },
    /// The check is this far along.
    CheckProgress(CheckProgress),
    /// The level's verdict, as the library's JSON (`serde_json::to_string` of the `Verdict`).
    Checked { json: String },
    /// The design could not be graded or checked: why, naming the field where there is one.
    Failed { reason: String },
}

/// Checks `job`'s design against its level, telling `send` how far it got and then the
/// verdict (or why there is none). Pure, like [`run`].
pub fn run_check(job: &CheckJob, send: &mut dyn FnMut(Reply)) {
    let level = match parse_level(&job.level_json) {
        Ok(level) => level,
        Err(e) => return send(Reply::Failed { reason: e.to_string() }),
    };
    let design = match parse_design(&job.design_json) {
        Ok(design) => design,
        Err(e) => return send(Reply::Failed { reason: e.to_string() }),
    };
    let mut on_progress = |progress: CheckProgress| {
        send(Reply::CheckProgress(progress));
        true
    };
    let reply = match check_with_progress(&level, &design, &mut on_progress) {
        Ok(verdict) => match serde_json::to_string(&verdict) {
            Ok(json) => Reply::Checked { json },
            Err(e) => Reply::Failed { reason: format!("the verdict could not be written as JSON: {e}") },
        },
        Err(e) => Reply::Failed { reason: e.to_string() },
    };
    send(reply);
}

/// Grades `job`, telling `send` about each experiment before it runs and then the report
/// (or why there is none). Pure: the worker and native tests call the same function.
pub fn run(job: &Job, send: &mut dyn FnMut(Reply)) {
    let design = match parse_design(&job.design_json) {
        Ok(design) => design,
        Err(e) => return send(Reply::Failed { reason: e.to_string() }),
    };
    let mut on_progress = |progress: &Progress| {
        send(Reply::Progress(progress.clone()));
        std::ops::ControlFlow::Continue(())
    };
    let reply = match grade_with_progress(&design, &job.options, &mut on_progress) {
        Ok(report) => match serde_json::to_string(&report) {
            Ok(json) => Reply::Finished { json },
            Err(e) => Reply::Failed { reason: format!("the report could not be written as JSON: {e}") },
        },
        Err(e) => Reply::Failed { reason: e.to_string() },
    };
    send(reply);
}

/// The worker: one job at a time, replies to whoever sent it.
pub struct GradeWorker;

impl Worker for GradeWorker {
    type Message = ();
    type Input = Request;
    type Output = Reply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        GradeWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, request: Request, who: HandlerId) {
        match request {
            Request::Grade(job) => run(&job, &mut |reply| scope.respond(who, reply)),
            Request::Check(job) => run_check(&job, &mut |reply| scope.respond(who, reply)),
        }
    }
}

#[cfg(test)]
mod tests {
    use nines_sim::design::reference;
    use nines_sim::grade::{Report, grade};

    use super::*;

    fn replies(design_json: String) -> Vec<Reply> {
        let mut out = Vec::new();
        run(&Job { design_json, options: GradeOptions::default() }, &mut |r| out.push(r));
        out
    }

    #[test]
    fn the_worker_reports_each_experiment_then_the_same_report_as_the_library() {
        let design = reference::three_tier();
        let out = replies(crate::persist::export_text(&design));
        let (last, progress) = out.split_last().expect("replies");
        let Reply::Finished { json } = last else { panic!("expected a report, got {last:?}") };
        let native = grade(&design, &GradeOptions::default()).expect("three-tier grades");
        // The JSON is the contract, byte for byte; the page's parsed copy is the report itself.
        assert_eq!(*json, serde_json::to_string(&native).expect("serialises"));
        let report: Report = serde_json::from_str(json).expect("the report parses");
        assert_eq!(report, native);
        assert_eq!(progress.len(), report.experiments.len(), "one progress message per experiment");
        for (i, reply) in progress.iter().enumerate() {
            let Reply::Progress(p) = reply else { panic!("expected progress, got {reply:?}") };
            assert_eq!((p.index, p.count, &p.name), (i, progress.len(), &report.experiments[i].name));
        }
    }

    #[test]
    fn a_broken_design_is_a_failure_with_its_reason() {
        let out = replies("{\"components\": 3}".to_owned());
        assert!(matches!(&out[..], [Reply::Failed { reason }] if !reason.is_empty()), "{out:?}");
    }
}
