//! Work on every file of a folder on every core, for `nines grade DIR` and `nines check
//! LEVEL DIR`: results come back in the files' order, whatever finishes first, and are
//! written as one `--json` row each.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// `work` applied to each file's path, on up to one thread per core; each result with the
/// file's path relative to `dir`, in the order of `files`.
pub fn map_files<T: Send>(
    dir: &Path,
    files: &[PathBuf],
    work: impl Fn(&str) -> T + Sync,
) -> Vec<(String, T)> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<Option<(String, T)>>> = Mutex::new((0..files.len()).map(|_| None).collect());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(files.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    let name = file.strip_prefix(dir).unwrap_or(file).display().to_string();
                    let result = work(&file.display().to_string());
                    if let Ok(mut slots) = done.lock() {
                        slots[i] = Some((name, result));
                    }
                }
            });
        }
    });
    done.into_inner().unwrap_or_default().into_iter().flatten().collect()
}

/// One file of a run: its path (relative to the directory) and its outcome or why there is
/// none.
pub struct Row<T> {
    /// Path of the file, relative to the directory.
    pub file: String,
    /// The report or verdict, or why the file could not be used.
    pub outcome: Result<T, String>,
}

/// `--json` for a run: for a single file its outcome alone, byte for byte what `nines …
/// FILE --json` prints; else an array of `{"file", KEY: outcome}` or `{"file", "error"}`.
pub fn json<T: Serialize>(
    rows: &[Row<T>],
    single: bool,
    key: &'static str,
) -> Result<String, serde_json::Error> {
    if single && let Some(Ok(outcome)) = rows.first().map(|r| &r.outcome) {
        return Ok(serde_json::to_string_pretty(outcome)? + "\n");
    }
    let array: Vec<RowJson<'_, T>> = rows.iter().map(|row| RowJson { row, key }).collect();
    Ok(serde_json::to_string_pretty(&array)? + "\n")
}

/// One row of the `--json` array; a struct, not a map, so each outcome keeps its field order.
struct RowJson<'a, T> {
    row: &'a Row<T>,
    key: &'static str,
}

impl<T: Serialize> Serialize for RowJson<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Row", 2)?;
        out.serialize_field("file", &self.row.file)?;
        match &self.row.outcome {
            Ok(outcome) => out.serialize_field(self.key, outcome)?,
            Err(error) => out.serialize_field("error", error)?,
        }
        out.end()
    }
}
