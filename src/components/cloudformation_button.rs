//! The toolbar's "CloudFormation" button: exports the design as an AWS CloudFormation
//! template in the exporter's Web Worker (spawned on the first press, then kept),
//! downloads it, and says in the status line which parameters to fill in.

use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use nines_sim::design::Design;
use yew::prelude::*;

use super::editor_bar::glyph;
use crate::exporter::{ExportWorker, Job, Reply, SCRIPT};
use crate::persist::cloudformation_export::MIME;
use crate::persist::{export_text, import};
use crate::state::{Action, Tone};

#[derive(Properties, PartialEq)]
pub struct CloudFormationButtonProps {
    pub design: Rc<Design>,
    pub on_action: Callback<Action>,
}

/// Export CloudFormation.
#[function_component(CloudFormationButton)]
pub fn cloudformation_button(props: &CloudFormationButtonProps) -> Html {
    let bridge = use_mut_ref(|| None::<WorkerBridge<ExportWorker>>);
    let onclick = {
        let (design, on_action) = (props.design.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let mut slot = bridge.borrow_mut();
            let worker = slot.get_or_insert_with(|| {
                let on_action = on_action.clone();
                ExportWorker::spawner()
                    .callback(move |reply| deliver(reply, &on_action))
                    .as_module(false)
                    .spawn(SCRIPT)
            });
            worker.send(Job { design_json: export_text(&design) });
        })
    };
    html! {
        <button type="button" class="btn btn-icon export-cfn" {onclick}
            title="Download the design as an AWS CloudFormation template (YAML) to deploy it">
            { glyph("M12 3l8 4.5v9L12 21l-8-4.5v-9zM12 12l8-4.5M12 12v9M12 12L4 7.5") }
            <span>{"CloudFormation"}</span>
        </button>
    }
}

/// Downloads the worker's template and says what to fill in, or why there is none.
fn deliver(reply: Reply, on_action: &Callback<Action>) {
    let (text, tone) = match reply {
        Reply::Done { file_name, text, note } => match import::download(&file_name, MIME, &text) {
            Ok(()) => (format!("Exported {file_name}. {note}"), Tone::Done),
            Err(error) => (error.to_string(), Tone::Refused),
        },
        Reply::Refused { reason } => (reason, Tone::Refused),
    };
    on_action.emit(Action::Notify { text, tone });
}
