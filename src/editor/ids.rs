//! Fresh component ids for placed components: `web-1`, `lb-2`, `db-1`, …
//!
//! Ids follow the shipped designs' style: a short prefix per kind and the smallest number
//! not yet used, so deleting `web-2` and placing again gives `web-2` back.

use nines_sim::design::Design;

use crate::kind::Kind;

/// The prefix of a kind's ids: `web` for instances, `lb` for load balancers.
pub fn prefix(kind: Kind) -> &'static str {
    match kind {
        Kind::Clients => "clients",
        Kind::LoadBalancer => "lb",
        Kind::Instance => "web",
        Kind::AutoScalingGroup => "asg",
        Kind::Queue => "queue",
        Kind::Database => "db",
        Kind::Alarm => "alarm",
        Kind::KeyValueStore => "kv",
        Kind::ObjectStorage => "assets",
        Kind::Cdn => "cdn",
        Kind::Dns => "dns",
    }
}

/// An id no component of `design` has yet. The first clients are just `clients`.
pub fn fresh(design: &Design, kind: Kind) -> String {
    let prefix = prefix(kind);
    if kind == Kind::Clients && design.component(prefix).is_none() {
        return prefix.to_owned();
    }
    let start = if kind == Kind::Clients { 2 } else { 1 };
    (start..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| design.component(id).is_none())
        .unwrap_or_else(|| prefix.to_owned())
}

/// Whether `id` is a well-formed component id: 1–40 letters, digits, `-` or `_`
/// (the rule `validate` applies; checked here to explain a rename before trying it).
pub fn is_well_formed(id: &str) -> bool {
    (1..=40).contains(&id.chars().count())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    #[test]
    fn fresh_ids_take_the_smallest_free_number() {
        let design = reference::single_server();
        assert_eq!(fresh(&design, Kind::Instance), "web-2");
        assert_eq!(fresh(&design, Kind::Database), "db-2");
        assert_eq!(fresh(&design, Kind::LoadBalancer), "lb-1");
        assert_eq!(fresh(&design, Kind::Clients), "clients-2");
        let mut empty = design.clone();
        empty.components.clear();
        assert_eq!(fresh(&empty, Kind::Clients), "clients");
        assert_eq!(fresh(&empty, Kind::Instance), "web-1");
    }

    #[test]
    fn ids_are_checked_like_validate_does() {
        assert!(is_well_formed("web_2-b"));
        assert!(!is_well_formed(""));
        assert!(!is_well_formed("web 2"));
        assert!(!is_well_formed(&"x".repeat(41)));
    }
}
