//! Checks that a design means something before a world is built from it.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Design;

/// One thing wrong with a design: where (a field path such as `components[2].zone`) and
/// what to do about it, in words a learner can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Field path, e.g. `components[3].zone`; empty for the whole design.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: &str, message: impl Into<String>) -> Self {
        Problem { path: path.to_owned(), message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem of a design; empty when the design can be simulated.
pub fn validate(design: &Design) -> Vec<Problem> {
    let mut problems = Vec::new();
    if design.region.zones.is_empty() {
        problems.push(Problem::new("region.zones", "a region needs at least one availability zone"));
    }
    problems
}
