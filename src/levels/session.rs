//! A level open on the canvas: the level, its JSON for the worker, and the key its
//! progress and the learner's own design are kept under.

use std::rc::Rc;

use nines_sim::digest::Fnv1a;
use nines_sim::level::{self, Level};

/// A level being played.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelSession {
    /// Where progress and the learner's design are kept: the shipped level's name, or
    /// `made-<hash>` for a level from a link (the hash of its JSON, so two different
    /// levels with one title do not share a design).
    pub key: String,
    /// The level.
    pub level: Rc<Level>,
    /// The level's JSON ([`Level::to_json`]), what the check worker reads.
    pub json: Rc<str>,
    /// For a shipped level: its place on the path (0 = the first).
    pub index: Option<usize>,
}

impl LevelSession {
    /// A shipped level, by name; `None` when there is no such level.
    pub fn shipped(name: &str) -> Option<LevelSession> {
        let index = level::NAMES.iter().position(|n| *n == name)?;
        let level = level::by_name(name)?;
        Some(LevelSession::new(name.to_owned(), level, Some(index)))
    }

    /// A level made with the builder (opened from a link or a file).
    pub fn made(level: Level) -> LevelSession {
        let json = level.to_json();
        let mut hash = Fnv1a::default();
        hash.write(json.as_bytes());
        LevelSession::new(format!("made-{:016x}", hash.finish()), level, None)
    }

    fn new(key: String, level: Level, index: Option<usize>) -> LevelSession {
        let json: Rc<str> = level.to_json().into();
        LevelSession { key, level: Rc::new(level), json, index }
    }

    /// The name of the next shipped level on the path, if there is one.
    pub fn next(&self) -> Option<&'static str> {
        self.index.and_then(|i| level::NAMES.get(i + 1).copied())
    }
}

/// The shipped levels in path order, with their names.
pub fn path() -> Vec<(&'static str, Level)> {
    level::shipped()
}
