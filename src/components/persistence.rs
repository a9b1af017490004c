//! Keeping the design: where it comes from at start-up (a share link, else the autosave,
//! else the single-server starter) and the toolbar's Import, Export, Copy link and Export
//! SVG buttons; saving on every change is `crate::hooks::autosave`. The file formats and their checks live in
//! `crate::persist`; this file only connects them to the screen. Every failure becomes a
//! message in the alert region; none touches the current design.

use std::rc::Rc;

use nines_sim::design::Design;
use wasm_bindgen::JsValue;
use web_sys::{File, FileList, HtmlInputElement};
use yew::prelude::*;

use super::cloudformation_button::CloudFormationButton;
use super::editor_bar::glyph;
use crate::persist::share::{self, Route};
use crate::persist::{import, storage, svg_export};
use crate::starter;
use crate::state::{Action, State, Tone};

/// The design to open, and a message about how it was found (or what went wrong).
pub fn startup() -> State {
    let (design, note) = opening_design();
    let mut state = State::new(design);
    if let Some((text, tone)) = note {
        state.notify(text, tone);
    }
    state
}

/// The state for a level: the learner's own design for it if one is kept (returning
/// resumes it), else the level's start design.
pub fn level_startup(session: &crate::levels::LevelSession) -> State {
    let start = || session.level.start.clone();
    let (design, text, tone) = match storage::load_level_design(&session.key) {
        Ok(Some(design)) => (
            design,
            "Your design for this level from last time is back on the canvas.".to_owned(),
            Tone::Info,
        ),
        Ok(None) => (
            start(),
            format!("Level “{}”: the starting design is on the canvas.", session.level.title),
            Tone::Info,
        ),
        Err(error) => (start(), error.to_string(), Tone::Refused),
    };
    let mut state = State::new(design);
    state.notify(text, tone);
    state
}

fn opening_design() -> (Design, Option<(String, Tone)>) {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let mut note = None;
    if !matches!(hash.as_str(), "" | "#" | "#/") {
        match share::parse_fragment(&hash) {
            Ok(fragment) => {
                if let Some(design) = fragment.design {
                    if fragment.route == Route::Playground {
                        forget_fragment();
                    }
                    let text = format!("Opened “{}” from the link.", display_name(&design));
                    return (design, Some((text, Tone::Info)));
                }
            }
            Err(error) => {
                note = Some((
                    format!("{error} The last design saved in this browser is shown instead."),
                    Tone::Refused,
                ))
            }
        }
    }
    match storage::load() {
        Ok(Some(design)) => (design, note),
        Ok(None) => (starter::design(), note),
        Err(error) => (starter::design(), Some((error.to_string(), Tone::Refused))),
    }
}

/// Drops the design from the address once it is open, so a reload shows the autosave
/// (with the edits made since) instead of the link's original.
fn forget_fragment() {
    let Some(window) = web_sys::window() else { return };
    let (Ok(path), Ok(search), Ok(history)) =
        (window.location().pathname(), window.location().search(), window.history())
    else {
        return;
    };
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
}

fn display_name(design: &Design) -> &str {
    if design.name.trim().is_empty() { "Untitled design" } else { &design.name }
}

/// Reads the first of `files` as a design and opens it, or explains why not.
pub fn import_files(files: Option<FileList>, on_action: Callback<Action>) {
    let Some(file) = files.and_then(|f| f.get(0)) else { return };
    import_file(file, on_action);
}

fn import_file(file: File, on_action: Callback<Action>) {
    let name = file.name();
    wasm_bindgen_futures::spawn_local(async move {
        let result = import::read_file(file).await.and_then(|text| import::import_text(&text));
        on_action.emit(match result {
            Ok(design) => Action::ReplaceDesign {
                reason: format!(
                    "Imported “{}” from {name}. Undo brings the previous design back.",
                    display_name(&design)
                ),
                design: Rc::new(design),
            },
            Err(error) => Action::Notify { text: format!("{name}: {error}"), tone: Tone::Refused },
        });
    });
}

#[derive(Properties, PartialEq)]
pub struct FileButtonsProps {
    pub design: Rc<Design>,
    /// The canvas drawing, for Export SVG.
    pub svg_ref: NodeRef,
    pub on_action: Callback<Action>,
}

/// Import, Export, Copy link and Export SVG.
#[function_component(FileButtons)]
pub fn file_buttons(props: &FileButtonsProps) -> Html {
    let picker = use_node_ref();
    let notify = |on_action: &Callback<Action>, text: String, tone: Tone| {
        on_action.emit(Action::Notify { text, tone })
    };
    let pick = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let picked = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            import_files(input.files(), on_action.clone());
            input.set_value("");
        })
    };
    let export = {
        let (design, on_action) = (props.design.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let name = import::file_name(&design);
            let result = serde_json::to_string_pretty(&*design).map_err(|e| e.to_string()).and_then(|text| {
                import::download(&name, "application/json", &text).map_err(|e| e.to_string())
            });
            match result {
                Ok(()) => notify(&on_action, format!("Exported the design as {name}."), Tone::Done),
                Err(error) => notify(&on_action, error, Tone::Refused),
            }
        })
    };
    let copy_link = {
        let (design, on_action) = (props.design.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let link = match share::current_link(&design) {
                Ok(link) => link,
                Err(error) => return notify(&on_action, error.to_string(), Tone::Refused),
            };
            let on_action = on_action.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match share::copy_to_clipboard(&link).await {
                    Ok(()) => notify(
                        &on_action,
                        format!("Copied a link that opens this design ({} characters).", link.len()),
                        Tone::Done,
                    ),
                    Err(error) => {
                        notify(&on_action, format!("{error}. Copy the link by hand: {link}"), Tone::Refused)
                    }
                }
            });
        })
    };
    let export_svg = {
        let (design, svg, on_action) = (props.design.clone(), props.svg_ref.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(element) = svg.cast::<web_sys::Element>() else { return };
            let name = svg_export::svg_file_name(&design);
            let result = svg_export::standalone_svg(&element, display_name(&design))
                .map_err(|e| e.to_string())
                .and_then(|text| import::download(&name, "image/svg+xml", &text).map_err(|e| e.to_string()));
            match result {
                Ok(()) => notify(&on_action, format!("Exported the diagram as {name}."), Tone::Done),
                Err(error) => notify(&on_action, error, Tone::Refused),
            }
        })
    };
    html! {
        <>
            <span class="toolbar-sep" aria-hidden="true"></span>
            <input type="file" class="visually-hidden import-input" accept=".json,application/json" ref={picker}
                tabindex="-1" aria-hidden="true" onchange={picked} />
            <button type="button" class="btn btn-icon import" onclick={pick}
                title="Open a .nines.json file (or drop it on the canvas)">
                { glyph("M12 15V3M7 8l5-5 5 5M5 15v4a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-4") }
                <span>{"Import"}</span>
            </button>
            <button type="button" class="btn btn-icon export" onclick={export} title="Download the design as a .nines.json file">
                { glyph("M12 3v12M7 10l5 5 5-5M5 15v4a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-4") }
                <span>{"Export"}</span>
            </button>
            <button type="button" class="btn btn-icon copy-link" onclick={copy_link}
                title="Copy a link that carries the whole design">
                { glyph("M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1 1M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1-1") }
                <span>{"Copy link"}</span>
            </button>
            <button type="button" class="btn btn-icon export-svg" onclick={export_svg} title="Download the diagram as SVG, for slides">
                { glyph("M4 5h16v14H4zM4 15l4.5-4.5 3.5 3.5 2.5-2.5L20 17") }
                <span>{"SVG"}</span>
            </button>
            <CloudFormationButton design={props.design.clone()} on_action={props.on_action.clone()} />
        </>
    }
}
