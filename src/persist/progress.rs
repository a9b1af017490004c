//! The learner's progress through the levels: which are solved, the cheapest passing
//! design's cost, and how many hints were opened. Kept in local storage under
//! [`PROGRESS_KEY`], and exported and imported as a small versioned JSON file so that it
//! survives a change of machine.
//!
//! ```json
//! { "nines_progress": 1,
//!   "levels": { "one-server": { "solved": true, "best_cost_per_hour_usd": 0.21, "hints_used": 1 } } }
//! ```
//!
//! [`parse_progress`] is the one gate for stored and imported text: it checks the version,
//! the shape and the values, and says which field is wrong, so a broken file is refused
//! whole and the progress in the browser is left as it was.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::storage::{KeyValue, StorageError};

/// The progress file format this Nines writes and reads.
pub const PROGRESS_VERSION: u32 = 1;

/// The local-storage key of the progress.
pub const PROGRESS_KEY: &str = "nines.progress.v1";

/// The exported file's name.
pub const PROGRESS_FILE: &str = "nines-progress.json";

/// Largest progress file read [bytes]; a full path of levels is a few hundred bytes.
pub const MAX_PROGRESS_BYTES: usize = 256 * 1024;

/// Most hints a level has room for; more in a file means it was not written by Nines.
const MAX_HINTS: u32 = 100;

/// Progress on one level.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelProgress {
    /// Whether a design has passed the level's check.
    pub solved: bool,
    /// Cost of the cheapest design that passed [USD per hour]; `None` until one passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_cost_per_hour_usd: Option<f64>,
    /// How many hints were revealed (the most ever, not reset by a pass).
    #[serde(default)]
    pub hints_used: u32,
}

/// Progress on every level, by level name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// The format version, [`PROGRESS_VERSION`].
    pub nines_progress: u32,
    /// Progress by level name; levels never opened are absent.
    pub levels: BTreeMap<String, LevelProgress>,
}

impl Progress {
    /// No progress yet.
    pub fn new() -> Self {
        Progress { nines_progress: PROGRESS_VERSION, levels: BTreeMap::new() }
    }

    /// Progress on `level` (empty when never opened).
    pub fn of(&self, level: &str) -> LevelProgress {
        self.levels.get(level).cloned().unwrap_or_default()
    }

    /// Records a passing check of `level` by a design costing `cost` [USD per hour]:
    /// solved, and the best cost if this one is cheaper.
    pub fn record_pass(&mut self, level: &str, cost: f64) {
        let entry = self.levels.entry(level.to_owned()).or_default();
        entry.solved = true;
        if cost.is_finite() && entry.best_cost_per_hour_usd.is_none_or(|best| cost < best) {
            entry.best_cost_per_hour_usd = Some(cost);
        }
    }

    /// Records that `count` hints of `level` are revealed (never lowers the count).
    pub fn record_hints(&mut self, level: &str, count: u32) {
        let entry = self.levels.entry(level.to_owned()).or_default();
        entry.hints_used = entry.hints_used.max(count);
    }

    /// The progress as the file's pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Why a progress file (or the stored progress) was refused. Messages name the problem
/// and say that nothing changed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ProgressError {
    /// Larger than any progress file [bytes].
    #[error("This file is {bytes} bytes, far more than any progress file (at most {max}); it is not one.")]
    TooLarge { bytes: usize, max: usize },
    /// Not JSON at all.
    #[error("This file is not JSON ({0}), so it is not a Nines progress file.")]
    NotJson(String),
    /// JSON without the `nines_progress` version number.
    #[error(
        "This file has no \"nines_progress\" version number, so it is not a Nines progress file (a design \
         or a level file, perhaps?)."
    )]
    NotProgress,
    /// Written by another version of Nines.
    #[error(
        "This progress file is version {found}; this Nines reads version {PROGRESS_VERSION}. Open it with the \
         Nines that wrote it, or update this one."
    )]
    WrongVersion { found: u64 },
    /// The right version, but a field is missing, unknown or of the wrong type.
    #[error("This progress file has a problem: {0}.")]
    Shape(String),
    /// A value that cannot be: a negative cost, thousands of hints.
    #[error("This progress file has a problem: levels.{level}.{field} {problem}.")]
    Value { level: String, field: &'static str, problem: String },
}

/// Reads progress text (an imported file or the stored copy), refusing anything that is
/// not exactly a progress file of this version.
pub fn parse_progress(text: &str) -> Result<Progress, ProgressError> {
    if text.len() > MAX_PROGRESS_BYTES {
        return Err(ProgressError::TooLarge { bytes: text.len(), max: MAX_PROGRESS_BYTES });
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ProgressError::NotJson(e.to_string()))?;
    let version = value.get("nines_progress").ok_or(ProgressError::NotProgress)?;
    match version.as_u64() {
        Some(v) if v == u64::from(PROGRESS_VERSION) => {}
        Some(found) => return Err(ProgressError::WrongVersion { found }),
        None => return Err(ProgressError::Shape("\"nines_progress\" must be the number 1".to_owned())),
    }
    let progress: Progress =
        serde_json::from_value(value).map_err(|e| ProgressError::Shape(e.to_string()))?;
    check_values(&progress)?;
    Ok(progress)
}

fn check_values(progress: &Progress) -> Result<(), ProgressError> {
    for (level, entry) in &progress.levels {
        let bad = |field, problem: &str| ProgressError::Value {
            level: level.clone(),
            field,
            problem: problem.into(),
        };
        if let Some(cost) = entry.best_cost_per_hour_usd
            && !(cost.is_finite() && cost >= 0.0)
        {
            return Err(bad("best_cost_per_hour_usd", "must be a cost of zero or more dollars per hour"));
        }
        if entry.hints_used > MAX_HINTS {
            return Err(bad("hints_used", "is more hints than any level has"));
        }
        if entry.best_cost_per_hour_usd.is_some() && !entry.solved {
            return Err(bad("best_cost_per_hour_usd", "is set on a level that is not solved"));
        }
    }
    Ok(())
}

/// The progress in `store`; none yet is empty progress. Unreadable stored progress is an
/// error, and is left where it is (a later save would replace it, so the caller says so).
pub fn load_from(store: &impl KeyValue) -> Result<Progress, ProgressOrStorage> {
    match store.get(PROGRESS_KEY).map_err(ProgressOrStorage::Storage)? {
        None => Ok(Progress::new()),
        Some(text) => parse_progress(&text).map_err(ProgressOrStorage::Progress),
    }
}

/// Saves `progress` into `store` under [`PROGRESS_KEY`].
pub fn save_to(store: &mut impl KeyValue, progress: &Progress) -> Result<(), StorageError> {
    store.set(PROGRESS_KEY, &serde_json::to_string(progress).unwrap_or_default())
}

/// The progress kept in this browser.
pub fn load() -> Result<Progress, ProgressOrStorage> {
    load_from(&super::storage::LocalStorage::open().map_err(ProgressOrStorage::Storage)?)
}

/// Keeps `progress` in this browser.
pub fn save(progress: &Progress) -> Result<(), StorageError> {
    save_to(&mut super::storage::LocalStorage::open()?, progress)
}

/// Reading stored progress failed: the browser's storage, or the text in it.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ProgressOrStorage {
    /// Local storage itself failed.
    #[error("{0}")]
    Storage(StorageError),
    /// The stored text is not progress.
    #[error("The progress saved in this browser could not be read. {0}")]
    Progress(ProgressError),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Progress {
        let mut p = Progress::new();
        p.record_hints("one-server", 2);
        p.record_pass("one-server", 0.25);
        p.record_pass("one-server", 0.5);
        p.record_hints("one-server", 1);
        p.record_hints("database", 3);
        p
    }

    #[test]
    fn a_pass_keeps_the_cheapest_cost_and_hints_never_go_down() {
        let p = sample();
        assert_eq!(
            p.of("one-server"),
            LevelProgress { solved: true, best_cost_per_hour_usd: Some(0.25), hints_used: 2 }
        );
        assert_eq!(
            p.of("database"),
            LevelProgress { solved: false, best_cost_per_hour_usd: None, hints_used: 3 }
        );
        assert_eq!(p.of("never-opened"), LevelProgress::default());
    }

    #[test]
    fn progress_round_trips_through_the_file_and_storage() {
        let p = sample();
        assert_eq!(parse_progress(&p.to_json()), Ok(p.clone()));
        let mut store = BTreeMap::new();
        assert_eq!(load_from(&store), Ok(Progress::new()));
        save_to(&mut store, &p).unwrap();
        assert_eq!(load_from(&store), Ok(p));
    }

    #[test]
    fn broken_files_are_refused_with_the_problem_named() {
        let cases: [(&str, &str); 8] = [
            ("{not json", "not JSON"),
            ("{\"components\": []}", "no \"nines_progress\""),
            ("{\"nines_progress\": 2, \"levels\": {}}", "version 2"),
            ("{\"nines_progress\": \"1\", \"levels\": {}}", "must be the number 1"),
            ("{\"nines_progress\": 1}", "missing field `levels`"),
            (
                "{\"nines_progress\": 1, \"levels\": {\"a\": {\"solved\": true, \"stars\": 3}}}",
                "unknown field `stars`",
            ),
            (
                "{\"nines_progress\": 1, \"levels\": {\"a\": {\"solved\": true, \"best_cost_per_hour_usd\": -1}}}",
                "levels.a.best_cost_per_hour_usd must be a cost",
            ),
            (
                "{\"nines_progress\": 1, \"levels\": {\"a\": {\"solved\": false, \"hints_used\": 5000}}}",
                "levels.a.hints_used",
            ),
        ];
        for (text, expected) in cases {
            let message = parse_progress(text).unwrap_err().to_string();
            assert!(message.contains(expected), "{text}: {message}");
        }
        let huge = format!(
            "{{\"nines_progress\": 1, \"levels\": {{}}, \"x\": \"{}\"}}",
            "a".repeat(MAX_PROGRESS_BYTES)
        );
        assert!(matches!(parse_progress(&huge), Err(ProgressError::TooLarge { .. })));
    }

    #[test]
    fn broken_stored_progress_is_an_error_not_a_silent_reset() {
        let mut store = BTreeMap::new();
        store.insert(PROGRESS_KEY.to_owned(), "{\"nines_progress\": 9, \"levels\": {}}".to_owned());
        let err = load_from(&store).unwrap_err();
        assert!(
            err.to_string().starts_with("The progress saved in this browser could not be read."),
            "{err}"
        );
        assert!(store.contains_key(PROGRESS_KEY), "left where it was");
    }
}
