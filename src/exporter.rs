//! The CloudFormation exporter's Web Worker: the exporter (and the grader's structural
//! findings it puts in `Metadata`) would add about 90 KB gzip to the page's wasm on every
//! visit, so it lives in a worker the page fetches on the first "CloudFormation" press.
//!
//! ```text
//! page (Yew)                       worker (cfn-worker.js, no Yew)
//!   Job { design as JSON } ───────▶ validate, export as YAML
//!   ◀─ Reply::Done { file name, template, note }  or Reply::Refused { reason }
//! ```
//!
//! This module is the only thing the worker binary (`src/cfn_worker.rs`) links from the
//! app's crate: the exporter, serde and gloo-worker, never Yew.

use gloo_worker::{HandlerId, Worker, WorkerScope};
use nines_sim::design::parse_design;
use serde::{Deserialize, Serialize};

use crate::persist::cloudformation_export::{fill_in_note, template_file_name, template_text};

/// File name of the worker's script, as Trunk emits it beside `index.html`.
pub const SCRIPT: &str = "cfn-worker.js";

/// A design to export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// The design as its `.nines.json` text (bincode cannot carry the design's `flatten`).
    pub design_json: String,
}

/// The exported template, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The template to download.
    Done {
        /// `NAME.template.yaml`.
        file_name: String,
        /// The template as YAML.
        text: String,
        /// Which parameters to fill in, for the status line.
        note: String,
    },
    /// The design cannot be exported yet: its first problem.
    Refused {
        /// What is wrong, naming the field.
        reason: String,
    },
}

/// Exports `job`'s design. Pure: the worker and native tests call the same function.
pub fn run(job: &Job) -> Reply {
    let design = match parse_design(&job.design_json) {
        Ok(design) => design,
        Err(e) => {
            return Reply::Refused {
                reason: format!("Fix the design before exporting it as CloudFormation: {e}"),
            };
        }
    };
    match template_text(&design) {
        Ok(text) => Reply::Done { file_name: template_file_name(&design), text, note: fill_in_note(&design) },
        Err(reason) => Reply::Refused { reason },
    }
}

/// The worker: exports each design it is sent and replies to the sender.
pub struct ExportWorker;

impl Worker for ExportWorker {
    type Message = ();
    type Input = Job;
    type Output = Reply;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        ExportWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, job: Job, who: HandlerId) {
        scope.respond(who, run(&job));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    #[test]
    fn a_design_comes_back_as_a_named_template_with_its_note() {
        let design_json = serde_json::to_string(&reference::three_tier()).expect("serialises");
        let Reply::Done { file_name, text, note } = run(&Job { design_json }) else { panic!("refused") };
        assert_eq!(file_name, "three-tier.template.yaml");
        assert!(text.contains("WebGroup:"));
        assert!(note.contains("VpcId"), "{note}");
    }

    #[test]
    fn a_broken_file_is_refused_with_the_field() {
        let reply = run(&Job {
            design_json: r#"{"version": 1, "region": {"zones": []}, "components": []}"#.to_owned(),
        });
        let Reply::Refused { reason } = reply else { panic!("accepted") };
        assert!(reason.contains("zones"), "{reason}");
    }
}
