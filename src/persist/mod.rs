//! Keeping and exchanging designs: autosave in the browser, import and export of
//! `*.nines.json` files, share links in the URL fragment, and SVG export of the diagram.
//!
//! Each file has a pure core (text in, text or a typed error out) with native unit tests,
//! and thin browser wrappers around it (`save`, `load`, `read_file`, `download`,
//! `copy_to_clipboard`, `standalone_svg`) that the UI calls from its effects and event
//! handlers. Nothing here panics on what came from a user, a file, storage or a URL.

pub mod cloudformation_export;
pub mod import;
pub mod level_link;
pub mod progress;
pub mod share;
pub mod storage;
pub mod svg_export;

pub use import::{ImportError, export_text, file_name, import_text};
pub use share::{Fragment, Route, ShareError, decode, encode, parse_fragment};
pub use storage::{StorageError, load, save};
pub use svg_export::{SvgExportError, standalone_svg};

/// A browser API refused to do something (make a download, write the clipboard).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("Could not {action}: {detail}")]
pub struct BrowserError {
    /// What was being done, in words that follow "Could not", e.g. "copy the link".
    pub action: &'static str,
    /// What the browser said, or what was missing.
    pub detail: String,
}

impl BrowserError {
    /// A failure of `action`, with the browser's own reason (an exception or a rejection).
    pub(crate) fn from_js(action: &'static str, value: &wasm_bindgen::JsValue) -> Self {
        BrowserError { action, detail: js_message(value) }
    }
}

/// The message of a JavaScript exception or rejection, for showing to the learner.
pub(crate) fn js_message(value: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    value.as_string().unwrap_or_else(|| "the browser gave no reason".to_owned())
}
