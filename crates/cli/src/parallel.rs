//! Work on every file of a folder on every core, for `nines grade DIR` and `nines check
//! LEVEL DIR`: results come back in the files' order, whatever finishes first.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

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
