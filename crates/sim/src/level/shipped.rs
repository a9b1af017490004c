//! The levels shipped with Nines: the files in `crates/sim/levels/`, compiled in, so the
//! files an instructor downloads and the levels the tests check are the same.
//!
//! The path of LEVELS.md, one principle at a time:
//!
//! ```text
//! one-server ─▶ database ─▶ health-checks ─▶ lose-a-zone ─▶ self-healing
//!   ─▶ black-friday ─▶ transcoding-backlog ─▶ game-day
//! ```

use super::{Level, parse_level};

/// Every shipped level's name and file text, in the order of the path.
const FILES: [(&str, &str); 8] = [
    ("one-server", include_str!("../../levels/one-server.nines-level.json")),
    ("database", include_str!("../../levels/database.nines-level.json")),
    ("health-checks", include_str!("../../levels/health-checks.nines-level.json")),
    ("lose-a-zone", include_str!("../../levels/lose-a-zone.nines-level.json")),
    ("self-healing", include_str!("../../levels/self-healing.nines-level.json")),
    ("black-friday", include_str!("../../levels/black-friday.nines-level.json")),
    ("transcoding-backlog", include_str!("../../levels/transcoding-backlog.nines-level.json")),
    ("game-day", include_str!("../../levels/game-day.nines-level.json")),
];

/// Names accepted by [`by_name`], in the order of the path (LEVELS.md).
pub const NAMES: [&str; FILES.len()] = {
    let mut names = [""; FILES.len()];
    let mut i = 0;
    while i < FILES.len() {
        names[i] = FILES[i].0;
        i += 1;
    }
    names
};

/// Every shipped level with its name, in the order of the path.
pub fn shipped() -> Vec<(&'static str, Level)> {
    FILES.iter().filter_map(|(name, _)| by_name(name).map(|l| (*name, l))).collect()
}

/// The shipped level called `name` (e.g. `one-server`), if there is one.
pub fn by_name(name: &str) -> Option<Level> {
    FILES.iter().find(|(n, _)| *n == name).and_then(|(_, text)| parse_level(text).ok())
}

/// The shipped level file's text called `name`, byte for byte.
pub fn text_of(name: &str) -> Option<&'static str> {
    FILES.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}
