//! Importing a design file and naming the exported one.
//!
//! [`import_text`] is the one gate every design from outside passes (a picked or dropped
//! file, a share link): the library's [`parse_design`] checks syntax, version, shape,
//! unknown fields and meaning; this module turns its verdict into a message a learner can
//! act on. Nothing is returned unless the whole design is usable, so a bad file never
//! replaces the design on the canvas.

use std::fmt;
use std::future::Future;

use nines_sim::design::{Design, DesignError, Problem, parse_design};
pub use nines_sim::slug::slug;
use wasm_bindgen_futures::JsFuture;

/// Largest design file accepted [bytes]: the library's own limit in `parse_design` (2 MiB,
/// checked by a test); real designs are a few kilobytes.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// Most problems listed in one message; the rest are counted.
pub const MAX_LISTED: usize = 5;

/// Why a file could not be imported. `to_string()` is the whole message for the learner:
/// a headline ([`ImportError::headline`]), what is wrong and what to do.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportError {
    /// The file is larger than any design [bytes]; it was not read.
    TooLarge { bytes: u64, max: u64 },
    /// The browser could not read the file (its reason).
    Unreadable(String),
    /// The text is not a usable design.
    Design(DesignError),
}

impl ImportError {
    /// A short headline for a dialog or toast, e.g. "This file is not JSON".
    pub fn headline(&self) -> &'static str {
        match self {
            ImportError::TooLarge { .. } | ImportError::Design(DesignError::TooLarge { .. }) => {
                "This file is too large to be a design"
            }
            ImportError::Unreadable(_) => "The file could not be read",
            ImportError::Design(DesignError::NotJson(_)) => "This file is not JSON",
            ImportError::Design(DesignError::WrongVersion { .. }) => {
                "This design is for another version of Nines"
            }
            ImportError::Design(DesignError::Shape { .. }) => "This file does not have the shape of a design",
            ImportError::Design(DesignError::Invalid(_)) => "This design has problems",
        }
    }

    /// Every problem as (field path, message), for marking fields; empty path = whole file.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            ImportError::Design(DesignError::Invalid(problems)) => problems.clone(),
            ImportError::Design(DesignError::Shape { path, message }) => {
                vec![Problem::new(path, shape_message(path, message))]
            }
            other => vec![Problem::new("", other.detail())],
        }
    }

    /// What is wrong and what to do, without the headline.
    fn detail(&self) -> String {
        match self {
            ImportError::TooLarge { bytes, max } => too_large(*bytes, *max),
            ImportError::Unreadable(reason) => format!(
                "The browser said: {reason}. Pick the file again, or save it to your computer first and pick that copy."
            ),
            ImportError::Design(error) => describe(error, Source::File),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}. {}", self.headline(), self.detail())
    }
}

impl std::error::Error for ImportError {}

impl From<DesignError> for ImportError {
    fn from(error: DesignError) -> Self {
        ImportError::Design(error)
    }
}

/// Reads a design from the text of a file. A text over [`MAX_FILE_BYTES`] is refused at
/// once, before any parsing.
pub fn import_text(text: &str) -> Result<Design, ImportError> {
    check_size(text.len() as f64)?;
    Ok(parse_design(text)?)
}

/// Refuses a file of `bytes` [bytes] that is larger than any design. Takes the browser's
/// `File.size`, a float.
pub fn check_size(bytes: f64) -> Result<(), ImportError> {
    let max = MAX_FILE_BYTES as u64;
    // A NaN size is no size the browser reports; let the read itself decide.
    if bytes > max as f64 { Err(ImportError::TooLarge { bytes: bytes as u64, max }) } else { Ok(()) }
}

/// The text of an exported `*.nines.json` file: pretty JSON in the fields' own order
/// (`version` first), ending in a newline, so people can read and diff it.
pub fn export_text(design: &Design) -> String {
    // Serialising a design cannot fail: every key is a string and non-finite floats become null.
    let mut text = serde_json::to_string_pretty(design).unwrap_or_default();
    text.push('\n');
    text
}

/// The download name of a design: its name as a slug, then `.nines.json`, e.g.
/// "Three tier" → `three-tier.nines.json`; `design.nines.json` when the name is empty.
pub fn file_name(design: &Design) -> String {
    format!("{}.nines.json", slug(&design.name))
}

/// Reads a picked or dropped file as text, refusing one larger than any design before
/// reading a byte of it. Use with `wasm_bindgen_futures::spawn_local`.
pub fn read_file(file: web_sys::File) -> impl Future<Output = Result<String, ImportError>> {
    let size = file.size();
    async move {
        check_size(size)?;
        let text =
            JsFuture::from(file.text()).await.map_err(|e| ImportError::Unreadable(super::js_message(&e)))?;
        text.as_string().ok_or_else(|| ImportError::Unreadable("the file did not read as text".to_owned()))
    }
}

/// Offers `text` as a file download named `file_name` with MIME type `mime` (e.g.
/// `application/json`, `image/svg+xml`): a Blob, an object URL and a temporary
/// `<a download>` that is clicked and removed at once.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), super::BrowserError> {
    use wasm_bindgen::JsCast;
    const ACTION: &str = "download the file";
    let fail = |e: &wasm_bindgen::JsValue| super::BrowserError::from_js(ACTION, e);
    let missing =
        |what: &str| super::BrowserError { action: ACTION, detail: format!("no {what} in this page") };
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| missing("document"))?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| fail(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| fail(&e))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| fail(&e))?
        .dyn_into()
        .map_err(|_| missing("link element"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body().ok_or_else(|| missing("body"))?;
    let appended = body.append_child(&anchor).map_err(|e| fail(&e));
    if appended.is_ok() {
        anchor.click();
        anchor.remove();
    }
    // The click has handed the Blob to the download already; the URL is no longer needed.
    let _ = web_sys::Url::revoke_object_url(&url);
    appended.map(|_| ())
}

/// Where a design came from, which decides what the learner can do about a bad one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// A picked or dropped file.
    File,
    /// A share link.
    Link,
    /// The browser's autosave.
    Autosave,
}

/// The learner's message for a design error from `source`: what is wrong, where, and what
/// to do.
pub(crate) fn describe(error: &DesignError, source: Source) -> String {
    let (it, redo) = match source {
        Source::File => ("this file", "Fix the file, or export it again from Nines, and import it again"),
        Source::Link => {
            ("the design in this link", "Ask whoever sent the link to fix it in Nines and share it again")
        }
        Source::Autosave => (
            "the saved design",
            "To recover it, copy that text from the browser's developer tools (Application › Local storage), \
             save it as a .nines.json file, fix it and import it",
        ),
    };
    match error {
        DesignError::TooLarge { size, max } => too_large(*size as u64, *max as u64),
        DesignError::NotJson(reason) if source == Source::File => format!(
            "A Nines design is a .nines.json file exported from Nines; this one could not be read as JSON \
             ({reason}). Pick the file Nines exported, not a screenshot, an archive or another document."
        ),
        DesignError::NotJson(reason) => format!("{} is not JSON ({reason}). {redo}.", capital(it)),
        DesignError::WrongVersion { found } => format!(
            "Its \"version\" is {found}, but this Nines reads versions 1 to {}. Open it in the Nines that made it \
             and export it again, or start a new design here.",
            nines_sim::design::DESIGN_VERSION
        ),
        DesignError::Shape { path, message } => format!(
            "{}. Compare {it} with a design exported from Nines. {redo}.",
            shape_message(path, message)
        ),
        DesignError::Invalid(problems) => list_problems(problems, redo),
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn too_large(bytes: u64, max: u64) -> String {
    format!(
        "It is {}; a design is at most {} (real ones are a few KB). Check that you picked a .nines.json file \
         exported from Nines.",
        human_bytes(bytes),
        human_bytes(max)
    )
}

/// "1 problem: …" or "7 problems: …" with the first [`MAX_LISTED`] and a count of the rest.
fn list_problems(problems: &[Problem], redo: &str) -> String {
    let count = problems.len();
    let mut out = format!("{count} {} to fix:", if count == 1 { "problem" } else { "problems" });
    for problem in problems.iter().take(MAX_LISTED) {
        out.push_str("\n• ");
        out.push_str(&problem.to_string());
    }
    if count > MAX_LISTED {
        out.push_str(&format!("\n…and {} more.", count - MAX_LISTED));
    }
    out.push_str(&format!("\n{redo}; your current design is unchanged."));
    out
}

/// serde's wording, made plain: unknown kinds, missing fields, wrong types.
fn shape_message(path: &str, message: &str) -> String {
    let at = if path.is_empty() || path == "." { "the file".to_owned() } else { path.to_owned() };
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (found, allowed) = rest.split_once(", expected one of ").unwrap_or((rest, ""));
        // A component's kind is a flattened tag: serde reports it at the component itself.
        let is_kind = path.ends_with("kind") || allowed.contains("`auto_scaling_group`");
        let allowed = allowed.replace('`', "");
        return if is_kind {
            let at = if path.ends_with("kind") { at } else { format!("{at}.kind") };
            format!("{at}: Nines has no component called {found}; the kinds are {allowed}")
        } else {
            format!("{at}: {found} is not allowed here; use one of {allowed}")
        };
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        let field = field.split_once(" at line").map_or(field, |(f, _)| f);
        return if field.trim_matches('`') == "kind" {
            format!("{at}: a component needs a \"kind\" (clients, instance, load_balancer, …)")
        } else {
            format!("{at}: the field {field} is missing; add it")
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
        return format!("{at}: found {found} where {} belongs", plain_type(expected));
    }
    format!("{at}: {message}")
}

/// serde's names of expected types, in words.
fn plain_type(expected: &str) -> &str {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number (0 or more)",
        "i8" | "i16" | "i32" | "i64" => "a whole number",
        "f32" | "f64" => "a number",
        "a boolean" => "true or false",
        "a sequence" => "a list [ … ]",
        other => other,
    }
}

/// A size for people: `512 B`, `12.3 KB`, `50.0 MB` (powers of 1,024).
fn human_bytes(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / (KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    fn three_tier_json() -> serde_json::Value {
        serde_json::to_value(reference::three_tier()).unwrap()
    }

    fn message(text: &str) -> String {
        import_text(text).unwrap_err().to_string()
    }

    #[test]
    fn reference_designs_round_trip_through_export_and_import() {
        for (name, design) in reference::all() {
            let text = serde_json::to_string_pretty(&design).unwrap();
            assert_eq!(import_text(&text).as_ref(), Ok(&design), "{name}");
        }
    }

    #[test]
    fn exported_text_reads_back_and_starts_with_the_version() {
        for (name, design) in reference::all() {
            let text = export_text(&design);
            assert!(text.starts_with("{\n  \"version\": 2,\n"), "{name}: {text}");
            assert!(text.ends_with("}\n"), "{name}");
            assert_eq!(import_text(&text).as_ref(), Ok(&design), "{name}");
        }
    }

    #[test]
    fn not_json_says_so_and_what_to_pick() {
        for junk in ["", "hello", "\u{89}PNG\r\n", "{\"version\": 1,"] {
            let m = message(junk);
            assert!(m.starts_with("This file is not JSON."), "{m}");
            assert!(m.contains(".nines.json"), "{m}");
        }
    }

    #[test]
    fn wrong_version_names_both_versions() {
        let mut v = three_tier_json();
        v["version"] = 3.into();
        let m = message(&v.to_string());
        assert!(m.starts_with("This design is for another version of Nines."), "{m}");
        assert!(m.contains("\"version\" is 3") && m.contains("reads versions 1 to 2"), "{m}");
    }

    #[test]
    fn unknown_component_lists_the_kinds() {
        let mut v = three_tier_json();
        v["components"][2]["kind"] = "lambda".into();
        let m = message(&v.to_string());
        assert!(m.contains("components[2].kind"), "{m}");
        assert!(m.contains("no component called `lambda`") && m.contains("load_balancer"), "{m}");
    }

    #[test]
    fn missing_field_names_it_and_its_place() {
        let mut v = three_tier_json();
        v["regions"][0].as_object_mut().unwrap().remove("zones");
        let m = message(&v.to_string());
        assert!(m.starts_with("This file does not have the shape of a design."), "{m}");
        assert!(m.contains("region") && m.contains("`zones` is missing"), "{m}");
        let mut v = three_tier_json();
        v["components"][0].as_object_mut().unwrap().remove("kind");
        let m = message(&v.to_string());
        assert!(m.contains("components[0]") && m.contains("needs a \"kind\""), "{m}");
    }

    #[test]
    fn wrong_types_say_what_belongs_there() {
        let mut v = three_tier_json();
        v["components"][2]["min"] = "three".into();
        let m = message(&v.to_string());
        assert!(m.contains("found string \"three\" where a whole number (0 or more) belongs"), "{m}");
        assert!(m.contains("components[2]"), "{m}");
    }

    #[test]
    fn absurd_values_list_five_problems_and_count_the_rest() {
        let mut v = three_tier_json();
        for i in [1, 2, 4] {
            v["components"][i]["zones"] = serde_json::json!(["x", "y"]);
        }
        v["components"][5]["zone"] = "q".into();
        v["components"][3]["visibility_timeout_s"] = (-5.0).into();
        v["components"][0]["read_fraction"] = 7.0.into();
        v["components"][2]["max"] = 1.into();
        let err = import_text(&v.to_string()).unwrap_err();
        let problems = err.problems();
        assert!(problems.len() > MAX_LISTED, "{problems:?}");
        let m = err.to_string();
        assert!(m.starts_with("This design has problems."), "{m}");
        assert_eq!(m.matches("\n• ").count(), MAX_LISTED, "{m}");
        assert!(m.contains(&format!("…and {} more.", problems.len() - MAX_LISTED)), "{m}");
        assert!(m.contains("components["), "paths are named: {m}");
    }

    #[test]
    fn unknown_field_is_a_listed_problem() {
        let mut v = three_tier_json();
        v["components"][2]["min_size"] = 3.into();
        let err = import_text(&v.to_string()).unwrap_err();
        let m = err.to_string();
        assert!(m.contains("1 problem to fix:") && m.contains("components[2].min_size"), "{m}");
    }

    #[test]
    fn fifty_megabytes_of_junk_is_refused_at_once() {
        let junk = "x".repeat(50 * 1024 * 1024);
        let started = std::time::Instant::now();
        let err = import_text(&junk).unwrap_err();
        assert!(started.elapsed().as_millis() < 50, "no parsing: {:?}", started.elapsed());
        assert_eq!(err, ImportError::TooLarge { bytes: 50 * 1024 * 1024, max: MAX_FILE_BYTES as u64 });
        let m = err.to_string();
        assert!(
            m.starts_with("This file is too large to be a design. It is 50.0 MB; a design is at most 2.0 MB"),
            "{m}"
        );
        assert_eq!(check_size(MAX_FILE_BYTES as f64), Ok(()));
        assert!(check_size(MAX_FILE_BYTES as f64 + 1.0).is_err());
        assert_eq!(check_size(f64::NAN), Ok(()));
    }

    #[test]
    fn the_limit_is_the_librarys() {
        let over = " ".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(
            nines_sim::design::parse_design(&over),
            Err(DesignError::TooLarge { size: MAX_FILE_BYTES + 1, max: MAX_FILE_BYTES })
        );
    }

    #[test]
    fn file_names_are_slugs() {
        let mut design = reference::three_tier();
        assert_eq!(file_name(&design), "three-tier.nines.json");
        for (name, expected) in [
            ("", "design"),
            ("   ", "design"),
            ("M/M/c, ρ = 0.9", "m-m-c-ρ-0-9"),
            ("  Café -- Deluxe!! ", "café-deluxe"),
            ("../../etc/passwd", "etc-passwd"),
            ("CON", "con"),
        ] {
            design.name = name.to_owned();
            assert_eq!(file_name(&design), format!("{expected}.nines.json"), "{name:?}");
        }
        design.name = "a".repeat(500);
        assert_eq!(slug(&design.name).chars().count(), nines_sim::slug::MAX_STEM_CHARS);
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(12_595), "12.3 KB");
        assert_eq!(human_bytes(2 * 1024 * 1024), "2.0 MB");
    }
}
