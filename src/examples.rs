//! The Examples menu's entries: every reference design the library ships
//! (`nines_sim::design::reference`), in the order of the story — the calibration ladder
//! from one server to three tiers — then the M/M/c check, each with one line on what it
//! shows. The designs themselves come from the library, so the menu, the command line's
//! `reference:NAME` and the tests open the very same files.

use nines_sim::design::{Design, reference};

/// One entry of the Examples menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// The reference design's name, one of [`reference::NAMES`].
    pub name: &'static str,
    /// What opening it shows, in one line.
    pub shows: &'static str,
}

/// Every reference design: the ladder ([`reference::LADDER`]) in order, then the rest.
pub const EXAMPLES: [Example; 11] = [
    Example {
        name: "single-server",
        shows: "Where the story starts: every part is a single point of failure.",
    },
    Example {
        name: "two-servers",
        shows: "Two instances behind a load balancer: one can die and requests still flow.",
    },
    Example {
        name: "multi-az-db",
        shows: "Adds a Multi-AZ database: a standby in zone b takes over in one to two minutes.",
    },
    Example {
        name: "two-zones",
        shows: "One server per zone, each able to carry the load: survives losing a zone.",
    },
    Example {
        name: "auto-scaling",
        shows: "An auto-scaling group with ELB health checks replaces dead instances and follows the load.",
    },
    Example {
        name: "three-tier",
        shows: "Load balancer, web group over two zones, a queue with workers scaled on backlog, Multi-AZ database.",
    },
    Example {
        name: "sticky-sessions",
        shows: "A sticky load balancer with sessions in each instance's memory: kill one and its users' sessions are lost.",
    },
    Example {
        name: "session-store",
        shows: "The fix: sessions kept in a key-value store, so any instance can serve anyone and a kill loses none.",
    },
    Example {
        name: "static-cdn",
        shows: "A CDN serves the 70 % of requests that are static assets from its edges: only the rest reach the servers.",
    },
    Example {
        name: "multi-region",
        shows: "Two regions behind DNS failover: lose one and traffic moves within health-check time plus the TTL.",
    },
    Example {
        name: "mmc",
        shows: "One server with c slots and Poisson traffic: its waits match queueing theory.",
    },
];

impl Example {
    /// The design, parsed from the library's shipped file.
    pub fn design(&self) -> Option<Design> {
        reference::by_name(self.name)
    }

    /// The design's own title ("Three tier"), or the file name when it has none.
    pub fn title(&self) -> String {
        self.design().map(|d| d.name).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| self.name.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_design_is_offered_once_and_opens() {
        let mut names: Vec<&str> = EXAMPLES.iter().map(|e| e.name).collect();
        names.sort_unstable();
        let mut expected = reference::NAMES.to_vec();
        expected.sort_unstable();
        assert_eq!(names, expected);
        for example in EXAMPLES {
            let design = example.design().unwrap_or_else(|| panic!("{} opens", example.name));
            assert!(nines_sim::design::validate(&design).is_empty(), "{}", example.name);
            assert!(!example.shows.is_empty() && example.shows.ends_with('.'), "{}", example.name);
        }
    }

    #[test]
    fn the_ladder_comes_first_in_story_order() {
        let first: Vec<&str> = EXAMPLES.iter().take(reference::LADDER.len()).map(|e| e.name).collect();
        assert_eq!(first, reference::LADDER);
        assert_eq!(EXAMPLES[5].title(), "Three tier");
    }
}
