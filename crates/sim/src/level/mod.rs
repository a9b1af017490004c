//! Levels: a starting design plus a goal, checked by running the simulation.
//!
//! A level is data, not code (`NAME.nines-level.json`): an instructor writes one without
//! touching Rust, and the same check runs in the browser and on the command line.
//!
//! ```text
//!  level file ──parse_level──▶ Level ──check(level, design)──▶ Verdict
//!                               │  start, palette, budget        │ one result per criterion,
//!                               │  traffic, incident, duration   │ each with its sentence and
//!                               │  criteria, hints, solution     │ measured value; evidence
//! ```
//!
//! The goal panel shows [`Criterion::sentence`]; the check measures the very fields the
//! sentence is written from, so the two cannot disagree.

mod check;
mod criterion;
mod criterion_de;
mod evidence;
mod fault;
mod format;
mod measure;
mod palette;
mod parse;
mod shipped;

pub use check::{CheckError, CheckProgress, CriterionResult, Verdict, check, check_with_progress};
pub use criterion::Criterion;
pub use evidence::Evidence;
pub use fault::ScriptedFault;
pub use format::{LEVEL_VERSION, Level};
pub use palette::ComponentKind;
pub use parse::{LevelError, MAX_LEVEL_BYTES, parse_level};
pub use shipped::{NAMES, by_name, shipped, text_of};
