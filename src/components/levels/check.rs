//! The page's end of a level check: the design and the level go to the grader's worker
//! (the same worker binary, a `Request::Check`), and its replies become [`CheckEvent`]s.
//! Cancel drops the bridge, as for grading ([`crate::components::report_card::bridge`]).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use nines_sim::design::Design;
use nines_sim::level::Verdict;
use yew::prelude::*;

use crate::grader::{CheckJob, GradeWorker, Reply, Request, SCRIPT};
use crate::levels::LevelSession;
use crate::levels::play::{CheckEvent, Checked};
use crate::persist::export_text;

/// What the panel's Check and Cancel buttons call.
#[derive(Clone, PartialEq)]
pub struct Checker {
    /// Check the design now on the canvas.
    pub check: Callback<()>,
    /// Stop checking (the last verdict stays).
    pub cancel: Callback<()>,
}

/// The check's worker for this level; `design` is the design on the canvas.
#[hook]
pub fn use_checker(session: Rc<LevelSession>, design: Rc<Design>, on_event: Callback<CheckEvent>) -> Checker {
    let slot = use_mut_ref(|| None::<WorkerBridge<GradeWorker>>);
    let check = {
        let (slot, on_event) = (slot.clone(), on_event.clone());
        use_callback((session, design), move |(), (session, design)| {
            start(&slot, session, design.clone(), &on_event)
        })
    };
    let cancel = use_callback((), move |(), _| {
        *slot.borrow_mut() = None;
        on_event.emit(CheckEvent::Cancelled);
    });
    Checker { check, cancel }
}

fn start(
    slot: &Rc<RefCell<Option<WorkerBridge<GradeWorker>>>>,
    session: &LevelSession,
    design: Rc<Design>,
    on_event: &Callback<CheckEvent>,
) {
    let job = CheckJob { level_json: session.json.to_string(), design_json: export_text(&design) };
    let on_reply = {
        let on_event = on_event.clone();
        move |reply: Reply| on_event.emit(event_of(reply, &design))
    };
    let bridge = GradeWorker::spawner().callback(on_reply).as_module(false).spawn(SCRIPT);
    bridge.send(Request::Check(job));
    *slot.borrow_mut() = Some(bridge);
    on_event.emit(CheckEvent::Started);
}

/// The panel's view of a reply about `design`.
pub fn event_of(reply: Reply, design: &Rc<Design>) -> CheckEvent {
    match reply {
        Reply::CheckProgress(p) => CheckEvent::Progress(p),
        Reply::Checked { json } => match serde_json::from_str::<Verdict>(&json) {
            Ok(verdict) => CheckEvent::Finished(Rc::new(Checked { verdict, design: design.clone() })),
            Err(e) => CheckEvent::Failed(format!("the worker's verdict could not be read: {e}")),
        },
        Reply::Failed { reason } => CheckEvent::Failed(reason),
        Reply::Progress(_) | Reply::Finished { .. } => {
            CheckEvent::Failed("the worker answered with a grade, not a level check".to_owned())
        }
    }
}
