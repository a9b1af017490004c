//! Validation as the editor uses it: which problems an edit would add.
//!
//! The rules live in `nines_sim::design::validate`; the editor never restates them. It
//! validates the design an edit would produce and refuses the edit if that brings a
//! problem the design did not already have, quoting the library's own message.

use std::collections::BTreeSet;

use nines_sim::design::{Design, Problem, validate};

/// Problems of `after` at paths where `before` had none.
pub fn new_problems(before: &Design, after: &Design) -> Vec<Problem> {
    let known: BTreeSet<String> = validate(before).into_iter().map(|p| p.path).collect();
    validate(after).into_iter().filter(|p| !known.contains(&p.path)).collect()
}

/// Problems at `path` or inside it (`path.x`, `path[0]`).
pub fn at_or_under<'a>(problems: &'a [Problem], path: &'a str) -> impl Iterator<Item = &'a Problem> + 'a {
    problems.iter().filter(move |p| is_under(&p.path, path))
}

/// Whether `path` is `prefix` itself or a field or element inside it.
pub fn is_under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// A message as a sentence: first letter capitalised, ending with a full stop.
pub fn sentence(message: &str) -> String {
    let mut chars = message.trim().chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    #[test]
    fn paths_nest_by_field_and_index() {
        assert!(is_under("components[2].zone", "components[2]"));
        assert!(is_under("components[2]", "components[2]"));
        assert!(is_under("components[2].zones[1]", "components[2].zones"));
        assert!(!is_under("components[21].zone", "components[2]"));
        assert!(!is_under("components[2].zone_x", "components[2].zone"));
    }

    #[test]
    fn sentences_are_capitalised_and_stopped() {
        assert_eq!(sentence("web instance web-1 would send"), "Web instance web-1 would send.");
        assert_eq!(sentence("done."), "Done.");
        assert_eq!(sentence(""), "");
    }

    #[test]
    fn only_new_problems_count() {
        let good = reference::single_server();
        assert!(new_problems(&good, &good).is_empty());
        let mut bad = good.clone();
        bad.region_mut().zones.clear();
        assert!(!new_problems(&good, &bad).is_empty());
        assert!(new_problems(&bad, &bad).is_empty(), "problems already there are not new");
    }
}
