//! The CloudFormation exporter's Web Worker: the exporter (and the grader's structural
//! findings it puts in `Metadata`) would add about 90 KB gzip to the page's wasm on every
//! visit, so it lives in a worker the page fetches on the first "CloudFormation" press.
//!
//! ```text
//! page (Yew)                       worker (cfn-worker.js, no Yew)
//!   Job { design as JSON } ───────▶ validate, export each region's stack as YAML
//!   ◀─ Reply::Done { files (one per region), note }  or Reply::Refused { reason }
//! ```
//!
//! This module is the only thing the worker binary (`src/cfn_worker.rs`) links from the
//! app's crate: the exporter, serde and gloo-worker, never Yew.

use gloo_worker::{HandlerId, Worker, WorkerScope};
use nines_sim::design::parse_design;
use serde::{Deserialize, Serialize};

use crate::persist::cloudformation_export::{TemplateFile, fill_in_note, template_files};

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
    /// The templates to download: one for a one-region design, one per region otherwise.
    Done {
        /// Each stack's file, region by region.
        files: Vec<TemplateFile>,
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
    match template_files(&design) {
        Ok(files) => Reply::Done { files, note: fill_in_note(&design) },
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
        let Reply::Done { files, note } = run(&Job { design_json }) else { panic!("refused") };
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].file_name, "three-tier.template.yaml");
        assert!(files[0].text.contains("WebGroup:"));
        assert!(note.contains("VpcId"), "{note}");
    }

    #[test]
    fn a_two_region_design_comes_back_as_a_template_per_region() {
        let design_json = serde_json::to_string(&reference::multi_region()).expect("serialises");
        let Reply::Done { files, .. } = run(&Job { design_json }) else { panic!("refused") };
        let regions: Vec<&str> = files.iter().map(|f| f.region.as_str()).collect();
        assert_eq!(regions, ["us-east-1", "us-west-2"]);
        assert!(files[0].text.contains("# The us-east-1 stack: create it in us-east-1."));
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
