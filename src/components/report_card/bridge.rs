//! The page's end of the grader's Web Worker: spawned on the first Grade, its replies
//! turned into reducer actions.
//!
//! The worker grades synchronously, so it cannot read a Cancel message until it is done.
//! Cancel therefore drops the bridge: the reply callback goes with it (late replies fall on
//! the floor), gloo-worker tells the worker to close once the job it is on returns, and the
//! next Grade spawns a fresh worker. The page never waits for the old one.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use nines_sim::design::Design;
use nines_sim::grade::{GradeOptions, Report};
use yew::prelude::*;

use crate::grader::{GradeWorker, Job, Reply, Request, SCRIPT};
use crate::persist::export_text;
use crate::state::{Action, GradeEvent};

/// What the header's Grade button and the report card's Cancel call.
#[derive(Clone, PartialEq)]
pub struct Grader {
    /// Grade the design now on the canvas.
    pub grade: Callback<()>,
    /// Stop grading (the report card keeps the last report).
    pub cancel: Callback<()>,
}

/// The live worker, if one is spawned.
#[derive(Default)]
struct Slot {
    bridge: Option<WorkerBridge<GradeWorker>>,
}

/// The grader's worker for this page; `design` is the design on the canvas.
#[hook]
pub fn use_grader(design: Rc<Design>, on_action: Callback<Action>) -> Grader {
    let slot = use_mut_ref(Slot::default);
    let grade = {
        let (slot, on_action) = (slot.clone(), on_action.clone());
        use_callback(design, move |(), design| start(&slot, design.clone(), &on_action))
    };
    let cancel = use_callback((), move |(), _| {
        slot.borrow_mut().bridge = None;
        on_action.emit(Action::Grade(GradeEvent::Cancelled));
    });
    Grader { grade, cancel }
}

/// Sends `design` to a fresh worker (a running job's worker is let go, as for Cancel).
fn start(slot: &Rc<RefCell<Slot>>, design: Rc<Design>, on_action: &Callback<Action>) {
    let job = Job { design_json: export_text(&design), options: GradeOptions::default() };
    let on_reply = {
        let on_action = on_action.clone();
        move |reply: Reply| {
            on_action.emit(Action::Grade(event_of(reply, &design)));
        }
    };
    let bridge = GradeWorker::spawner().callback(on_reply).as_module(false).spawn(SCRIPT);
    bridge.send(Request::Grade(job));
    slot.borrow_mut().bridge = Some(bridge);
    on_action.emit(Action::Grade(GradeEvent::Started));
}

/// The reducer's view of a reply about `design`.
fn event_of(reply: Reply, design: &Rc<Design>) -> GradeEvent {
    match reply {
        Reply::Progress(p) => GradeEvent::Progress { done: p.index, total: p.count, experiment: p.name },
        Reply::Finished { json } => match serde_json::from_str::<Report>(&json) {
            Ok(report) => {
                GradeEvent::Finished { report: Rc::new(report), json: json.into(), design: design.clone() }
            }
            Err(e) => GradeEvent::Failed(format!("the worker's report could not be read: {e}")),
        },
        Reply::Failed { reason } => GradeEvent::Failed(reason),
        Reply::CheckProgress(_) | Reply::Checked { .. } => {
            GradeEvent::Failed("the worker answered a level check, not a grade".to_owned())
        }
    }
}
