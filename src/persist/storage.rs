//! Autosave: the design in the browser's local storage, so a reload loses nothing.
//!
//! The design is kept as JSON under a key that names the format version
//! ([`design_key`], `nines.design.v1`), so a future format can migrate the old key instead
//! of misreading it. A stored design that no longer reads (edited by hand, written by a
//! newer Nines, cut short) is never thrown away: it moves to a backup key
//! ([`backup_key`], `nines.design.v1.broken`) and the error says where it went.
//!
//! The logic runs over the [`KeyValue`] trait, so it is tested natively over a map; the
//! browser's `localStorage` is one thin implementation of it ([`LocalStorage`]).

use std::collections::BTreeMap;

use nines_sim::design::{Design, DesignError, parse_design};

/// The version in the autosave keys. The stored text names its own design version and is
/// migrated when read, so the keys stay those of version 1: an autosave, a broken-design
/// backup or a level's saved design from before design format 2 is found and opened.
const STORAGE_VERSION: u32 = 1;

use super::import::{Source, describe};

/// Why the design could not be saved or restored. Every message says what it means for the
/// learner's work and what to do.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// The browser gives this page no local storage (blocked cookies, some private
    /// windows, a sandboxed iframe).
    #[error(
        "This browser does not let Nines keep data ({0}), so the design will not survive a reload. \
         Use Export to keep a copy."
    )]
    Unavailable(String),
    /// The browser's storage quota for this site is used up.
    #[error(
        "The browser's storage for this site is full, so the latest changes are not saved. Use Export to \
         keep a copy, then clear this site's data in the browser settings."
    )]
    Full,
    /// Reading or writing failed for another reason (the browser's words).
    #[error("The browser could not {action} the saved design ({detail}). Use Export to keep a copy.")]
    Failed { action: &'static str, detail: String },
    /// The stored design no longer reads; it was moved to `kept_under`, not deleted.
    #[error(
        "The design saved in this browser could not be read, so the starter design is shown instead. The \
         saved text is kept under \"{kept_under}\" in this site's local storage. {}",
        describe(.error, Source::Autosave)
    )]
    Broken {
        /// The local-storage key that now holds the unreadable text.
        kept_under: String,
        /// Why it could not be read.
        error: DesignError,
    },
}

/// The key of the autosaved design in format `version`: `nines.design.v{version}`.
pub fn design_key(version: u32) -> String {
    format!("nines.design.v{version}")
}

/// The key an unreadable autosave is moved to: `nines.design.v{version}.broken`. One slot:
/// a later unreadable autosave replaces an earlier one.
pub fn backup_key(version: u32) -> String {
    format!("{}.broken", design_key(version))
}

/// What the stored text turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Restored {
    /// Nothing was stored.
    Nothing,
    /// A design to open.
    Design(Design),
    /// Text that is not a design, and why.
    Broken(DesignError),
}

/// Decides what a stored text is: a design if it parses and validates like an import,
/// else broken. (Work in progress that does not validate is broken too: the library has no
/// parse without validation, and a second instantiation of the design's deserialiser here
/// would cost ~120 KB of wasm. The text is kept aside, so nothing is lost.)
pub fn restore(stored: Option<&str>) -> Restored {
    match stored.map(parse_design) {
        None => Restored::Nothing,
        Some(Ok(design)) => Restored::Design(design),
        Some(Err(error)) => Restored::Broken(error),
    }
}

/// A string key-value store: the browser's local storage, or a map in tests.
pub trait KeyValue {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`, replacing what was there.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key` and its value, if present.
    fn remove(&mut self, key: &str) -> Result<(), StorageError>;
}

impl KeyValue for BTreeMap<String, String> {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(BTreeMap::get(self, key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        BTreeMap::remove(self, key);
        Ok(())
    }
}

/// Saves `design` into `store` under [`design_key`], as compact JSON.
pub fn save_to(store: &mut impl KeyValue, design: &Design) -> Result<(), StorageError> {
    // Through a `Value`, reusing the serialiser `parse_design` already needs (smaller wasm).
    let text = serde_json::to_value(design)
        .map(|v| v.to_string())
        .map_err(|e| StorageError::Failed { action: "write", detail: e.to_string() })?;
    store.set(&design_key(STORAGE_VERSION), &text)
}

/// Restores the design saved in `store`: `Ok(None)` when there is none. An unreadable one
/// is moved to [`backup_key`] and reported as [`StorageError::Broken`]; the next load then
/// finds nothing rather than the same error. If the backup cannot be written (storage
/// full), the text stays under [`design_key`] and the error says so.
pub fn load_from(store: &mut impl KeyValue) -> Result<Option<Design>, StorageError> {
    let key = design_key(STORAGE_VERSION);
    let stored = store.get(&key)?;
    match restore(stored.as_deref()) {
        Restored::Nothing => Ok(None),
        Restored::Design(design) => Ok(Some(design)),
        Restored::Broken(error) => {
            let text = stored.unwrap_or_default();
            let backup = backup_key(STORAGE_VERSION);
            let kept_under = match store.set(&backup, &text) {
                Ok(()) => {
                    store.remove(&key)?;
                    backup
                }
                Err(_) => key,
            };
            Err(StorageError::Broken { kept_under, error })
        }
    }
}

/// The browser's `localStorage`, reached without panicking when it is missing or blocked.
pub struct LocalStorage(web_sys::Storage);

impl LocalStorage {
    /// This page's local storage, or why there is none.
    pub fn open() -> Result<LocalStorage, StorageError> {
        let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".to_owned()))?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(LocalStorage(storage)),
            Ok(None) => Err(StorageError::Unavailable("local storage is turned off".to_owned())),
            Err(e) => Err(StorageError::Unavailable(super::js_message(&e))),
        }
    }
}

impl KeyValue for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0
            .get_item(key)
            .map_err(|e| StorageError::Failed { action: "read", detail: super::js_message(&e) })
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0.set_item(key, value).map_err(|e| {
            let quota = js_sys::Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string());
            match quota.as_deref() {
                Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => StorageError::Full,
                _ => StorageError::Failed { action: "write", detail: super::js_message(&e) },
            }
        })
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.0
            .remove_item(key)
            .map_err(|e| StorageError::Failed { action: "clear", detail: super::js_message(&e) })
    }
}

/// Autosaves `design` to the browser's local storage. Call after every change.
pub fn save(design: &Design) -> Result<(), StorageError> {
    save_to(&mut LocalStorage::open()?, design)
}

/// The autosaved design, if any. Call once at start-up, when the URL holds no design.
pub fn load() -> Result<Option<Design>, StorageError> {
    load_from(&mut LocalStorage::open()?)
}

/// The key of the learner's own design for level `level`: `nines.level.v1.{level}`.
pub fn level_design_key(level: &str) -> String {
    format!("nines.level.v{STORAGE_VERSION}.{level}")
}

/// Saves the learner's design for `level` (so returning to the level resumes it).
pub fn save_level_design(level: &str, design: &Design) -> Result<(), StorageError> {
    let text = serde_json::to_value(design)
        .map(|v| v.to_string())
        .map_err(|e| StorageError::Failed { action: "write", detail: e.to_string() })?;
    LocalStorage::open()?.set(&level_design_key(level), &text)
}

/// The learner's design for `level`, if one was saved and still reads; an unreadable one
/// is an error (the caller opens the level's start design and says so; the text stays).
pub fn load_level_design(level: &str) -> Result<Option<Design>, StorageError> {
    let key = level_design_key(level);
    match restore(LocalStorage::open()?.get(&key)?.as_deref()) {
        Restored::Nothing => Ok(None),
        Restored::Design(design) => Ok(Some(design)),
        Restored::Broken(error) => Err(StorageError::Broken { kept_under: key, error }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    type Map = BTreeMap<String, String>;

    #[test]
    fn keys_name_the_format_version() {
        assert_eq!(design_key(1), "nines.design.v1");
        assert_eq!(backup_key(1), "nines.design.v1.broken");
        assert_eq!(design_key(STORAGE_VERSION), "nines.design.v1");
    }

    #[test]
    fn saved_designs_come_back() {
        for (name, design) in reference::all() {
            let mut store = Map::new();
            save_to(&mut store, &design).unwrap();
            assert_eq!(load_from(&mut store), Ok(Some(design)), "{name}");
        }
    }

    #[test]
    fn nothing_saved_is_none() {
        assert_eq!(load_from(&mut Map::new()), Ok(None));
        assert_eq!(restore(None), Restored::Nothing);
    }

    #[test]
    fn a_later_save_replaces_the_earlier_one() {
        let mut store = Map::new();
        save_to(&mut store, &reference::three_tier()).unwrap();
        save_to(&mut store, &reference::single_server()).unwrap();
        assert_eq!(load_from(&mut store), Ok(Some(reference::single_server())));
        assert_eq!(store.len(), 1);
    }

    #[test]
    fn a_broken_autosave_is_kept_aside_and_reported_once() {
        for junk in ["{\"version\": 1, \"comp", "not json at all", "{\"version\": 7}", "[]"] {
            let mut store = Map::new();
            store.insert(design_key(1), junk.to_owned());
            let err = load_from(&mut store).unwrap_err();
            let StorageError::Broken { kept_under, .. } = &err else { panic!("{err:?}") };
            assert_eq!(kept_under, "nines.design.v1.broken");
            assert_eq!(store.get("nines.design.v1.broken").map(String::as_str), Some(junk));
            assert!(!store.contains_key("nines.design.v1"));
            let m = err.to_string();
            assert!(m.contains("could not be read") && m.contains("nines.design.v1.broken"), "{m}");
            assert_eq!(load_from(&mut store), Ok(None), "reported once");
        }
    }

    #[test]
    fn a_design_that_does_not_validate_is_kept_aside_with_its_problems() {
        let mut design = reference::three_tier();
        design.region_mut().zones.clear();
        let mut store = Map::new();
        save_to(&mut store, &design).unwrap();
        let err = load_from(&mut store).unwrap_err();
        assert!(matches!(&err, StorageError::Broken { error: DesignError::Invalid(_), .. }), "{err:?}");
        assert!(err.to_string().contains("regions[0].zones"), "{err}");
        assert!(store.contains_key("nines.design.v1.broken"));
    }

    #[test]
    fn unknown_fields_are_broken_not_silently_dropped() {
        let mut v = serde_json::to_value(reference::single_server()).unwrap();
        v["components"][1]["colour"] = "red".into();
        assert!(matches!(restore(Some(&v.to_string())), Restored::Broken(DesignError::Invalid(_))));
    }

    /// A store whose writes fail, like a full browser storage.
    struct Full(Map);

    impl KeyValue for Full {
        fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
            KeyValue::get(&self.0, key)
        }
        fn set(&mut self, _: &str, _: &str) -> Result<(), StorageError> {
            Err(StorageError::Full)
        }
        fn remove(&mut self, key: &str) -> Result<(), StorageError> {
            KeyValue::remove(&mut self.0, key)
        }
    }

    #[test]
    fn when_the_backup_cannot_be_written_the_text_stays_where_it_was() {
        let mut store = Full(Map::from([(design_key(1), "junk".to_owned())]));
        let err = load_from(&mut store).unwrap_err();
        assert!(matches!(&err, StorageError::Broken { kept_under, .. } if kept_under == "nines.design.v1"));
        assert_eq!(store.0.get("nines.design.v1").map(String::as_str), Some("junk"));
        assert_eq!(save_to(&mut store, &reference::single_server()), Err(StorageError::Full));
        assert!(StorageError::Full.to_string().contains("Export"));
    }
}
