//! The design the Playground opens with: the start of the story, one server and one
//! database (`nines_sim::design::reference::single_server`), so the web app, the command
//! line and the library's tests all start from the same shipped file.
//!
//! It is the last resort at start-up: a share link in the address comes first, then the
//! autosaved design (`components::persistence::startup`, reading `persist::share` and
//! `persist::storage`); this one opens when neither gives a design.

use nines_sim::design::{Design, reference};

/// Clients → one web instance in zone a → one single-AZ database in zone a, in us-east-1.
pub fn design() -> Design {
    reference::single_server()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_design_is_the_single_server_story() {
        let design = design();
        assert!(
            nines_sim::design::validate(&design).is_empty(),
            "{:?}",
            nines_sim::design::validate(&design)
        );
        assert_eq!(design.region().name, "us-east-1");
        assert_eq!(design.region().zones, ["a", "b", "c"]);
        assert_eq!(design.targets_of("clients").collect::<Vec<_>>(), ["web-1"]);
        assert_eq!(design.targets_of("web-1").collect::<Vec<_>>(), ["db-1"]);
    }
}
