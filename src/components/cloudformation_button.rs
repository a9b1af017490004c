//! The toolbar's "CloudFormation" button: exports the design as AWS CloudFormation in the
//! exporter's Web Worker (spawned on the first press, then kept). A one-region design's
//! template downloads at once and the status line says which parameters to fill in. A
//! two-region design is one stack per region (a stack lives in one region), so a native
//! modal `<dialog>` offers each region's template to download (Escape or Close closes
//! it, and focus returns to the button).

use std::rc::Rc;

use gloo_worker::{Spawnable, WorkerBridge};
use nines_sim::design::Design;
use yew::prelude::*;

use super::editor_bar::glyph;
use crate::exporter::{ExportWorker, Job, Reply, SCRIPT};
use crate::hooks::dialog::{call, use_close_listener};
use crate::persist::cloudformation_export::{MIME, TemplateFile};
use crate::persist::{export_text, import};
use crate::state::{Action, Tone};

#[derive(Properties, PartialEq)]
pub struct CloudFormationButtonProps {
    pub design: Rc<Design>,
    pub on_action: Callback<Action>,
}

/// What the dialog offers: each region's file and the note on what to fill in.
#[derive(Clone, Debug, Default, PartialEq)]
struct Offer {
    files: Vec<TemplateFile>,
    note: String,
}

/// Export CloudFormation.
#[function_component(CloudFormationButton)]
pub fn cloudformation_button(props: &CloudFormationButtonProps) -> Html {
    let bridge = use_mut_ref(|| None::<WorkerBridge<ExportWorker>>);
    let dialog = use_node_ref();
    let opener = use_node_ref();
    let offer = use_state_eq(Offer::default);
    use_close_listener(dialog.clone(), opener.clone(), Callback::noop());
    let onclick = {
        let (design, on_action) = (props.design.clone(), props.on_action.clone());
        let (dialog, offer) = (dialog.clone(), offer.setter());
        Callback::from(move |_: MouseEvent| {
            let mut slot = bridge.borrow_mut();
            let worker = slot.get_or_insert_with(|| {
                let (on_action, dialog, offer) = (on_action.clone(), dialog.clone(), offer.clone());
                ExportWorker::spawner()
                    .callback(move |reply| deliver(reply, &on_action, &dialog, &offer))
                    .as_module(false)
                    .spawn(SCRIPT)
            });
            worker.send(Job { design_json: export_text(&design) });
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| call(&dialog, "close"))
    };
    html! {
        <>
            <button type="button" class="btn btn-icon export-cfn" ref={opener} {onclick}
                title="Download the design as AWS CloudFormation (YAML; one template per region) to deploy it">
                { glyph("M12 3l8 4.5v9L12 21l-8-4.5v-9zM12 12l8-4.5M12 12v9M12 12L4 7.5") }
                <span>{"CloudFormation"}</span>
            </button>
            <dialog class="cfn-dialog" ref={dialog} aria-labelledby="cfn-dialog-title"
                aria-describedby="cfn-dialog-about">
                <h2 id="cfn-dialog-title">{"CloudFormation: one stack per region"}</h2>
                <div id="cfn-dialog-about">
                    <p>
                        { "A CloudFormation stack lives in one region, so this design is one template per region. \
                           Create each stack in its own region with the same hosted zone and record name: each adds \
                           its region's Route 53 record and health check." }
                    </p>
                    <p>{ offer.note.clone() }</p>
                </div>
                <ul class="cfn-dialog-files">
                    { for offer.files.iter().map(|file| file_row(file, &props.on_action)) }
                </ul>
                <div class="cfn-dialog-actions">
                    <button type="button" class="btn cfn-dialog-close" onclick={close}>{"Close"}</button>
                </div>
            </dialog>
        </>
    }
}

/// One region's row: its name and the button that downloads its template.
fn file_row(file: &TemplateFile, on_action: &Callback<Action>) -> Html {
    let onclick = {
        let (file, on_action) = (file.clone(), on_action.clone());
        Callback::from(move |_: MouseEvent| on_action.emit(download(&file.file_name, &file.text, "")))
    };
    html! {
        <li>
            <span class="cfn-dialog-region">{ &file.region }</span>
            <button type="button" class="btn btn-primary cfn-dialog-download" {onclick}>
                { format!("Download {}", file.file_name) }
            </button>
        </li>
    }
}

/// One file: downloads the template of a one-region design; opens the dialog with every
/// region's file otherwise; or says why there is none.
fn deliver(reply: Reply, on_action: &Callback<Action>, dialog: &NodeRef, offer: &UseStateSetter<Offer>) {
    match reply {
        Reply::Done { files, note } if files.len() == 1 => {
            on_action.emit(download(&files[0].file_name, &files[0].text, &note));
        }
        Reply::Done { files, note } => {
            offer.set(Offer { files, note });
            call(dialog, "showModal");
        }
        Reply::Refused { reason } => on_action.emit(Action::Notify { text: reason, tone: Tone::Refused }),
    }
}

/// Downloads one template; the status line says so, with `note` after it.
fn download(file_name: &str, text: &str, note: &str) -> Action {
    let (text, tone) = match import::download(file_name, MIME, text) {
        Ok(()) => (format!("Exported {file_name}. {note}").trim_end().to_owned(), Tone::Done),
        Err(error) => (error.to_string(), Tone::Refused),
    };
    Action::Notify { text, tone }
}
