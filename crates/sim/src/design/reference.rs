//! Reference designs shipped with Nines: the start of the story, the classic three-tier
//! design, and an M/M/c queue for checking the engine against theory.
//!
//! The designs are the files in `crates/sim/designs/`, compiled in, so the files a learner
//! can download and the designs the tests and benchmarks run are the same.
//!
//! ```text
//! single-server:  clients ─▶ web-1 ─▶ db-1
//! three-tier:     clients ─▶ lb-1 ─▶ web ─┬─▶ jobs ─▶ workers ─▶ db
//!                                         └─────────────────────▶ db   (+ alarm jobs-age)
//! mmc:            clients ─▶ server (c slots)
//! sticky-sessions: clients ─▶ lb-1 (sticky) ─▶ web-1..3 (sessions in memory) ─▶ db-1
//! session-store:   clients ─▶ lb-1 (sticky) ─▶ web-1..3 (sessions in store) ─┬─▶ sessions (key-value)
//!                                                                            └─▶ db-1
//! static-cdn:      clients (70 % static) ─▶ cdn ─┬─▶ lb-1 ─▶ web-1, web-2 ─▶ db-1
//!                                                └─▶ assets (object storage, the origin)
//! multi-region:    clients ─▶ dns (failover) ─┬─▶ lb-east ─▶ web-east   (us-east-1, primary)
//!                                             └─▶ lb-west ─▶ web-west   (us-west-2, secondary)
//! ```

use super::{ComponentSpec, Design, RateProfile, parse_design};

const SINGLE_SERVER: &str = include_str!("../../designs/single-server.nines.json");
const THREE_TIER: &str = include_str!("../../designs/three-tier.nines.json");
const MMC: &str = include_str!("../../designs/mmc.nines.json");
const TWO_SERVERS: &str = include_str!("../../designs/two-servers.nines.json");
const MULTI_AZ_DB: &str = include_str!("../../designs/multi-az-db.nines.json");
const TWO_ZONES: &str = include_str!("../../designs/two-zones.nines.json");
const AUTO_SCALING: &str = include_str!("../../designs/auto-scaling.nines.json");
const STICKY_SESSIONS: &str = include_str!("../../designs/sticky-sessions.nines.json");
const SESSION_STORE: &str = include_str!("../../designs/session-store.nines.json");
const STATIC_CDN: &str = include_str!("../../designs/static-cdn.nines.json");
const MULTI_REGION: &str = include_str!("../../designs/multi-region.nines.json");

/// Names accepted by [`by_name`], in the order [`all`] returns them.
pub const NAMES: [&str; 11] = [
    "single-server",
    "three-tier",
    "mmc",
    "two-servers",
    "multi-az-db",
    "two-zones",
    "auto-scaling",
    "sticky-sessions",
    "session-store",
    "static-cdn",
    "multi-region",
];

/// The calibration ladder of the seed story, in order: each step teaches one principle
/// (GRADING.md) and must grade higher on it, never lower overall. One server; two servers
/// behind a load balancer (design for failure); plus a Multi-AZ database (design for
/// failure); spread over two zones with N+1 capacity (multiple zones); an auto-scaling
/// group with ELB health checks and target tracking (build for scale); a queue with
/// workers scaled on backlog and a dead-letter queue, the three-tier design (loose coupling).
pub const LADDER: [&str; 6] =
    ["single-server", "two-servers", "multi-az-db", "two-zones", "auto-scaling", "three-tier"];

/// "One server": clients → one t3.small web instance in zone a → a single-AZ database.
/// Every part of it is a single point of failure; the story starts here.
pub fn single_server() -> Design {
    parse_design(SINGLE_SERVER).expect("designs/single-server.nines.json is a valid design (unit-tested)")
}

/// "Three tier": clients → a load balancer over zones a and b → a web group (4–12 m5.large,
/// target tracking CPU 50 %) → a queue → a worker group (2–10, backlog per instance 100),
/// both tiers using a Multi-AZ database; plus an alarm on the age of the oldest message.
pub fn three_tier() -> Design {
    parse_design(THREE_TIER).expect("designs/three-tier.nines.json is a valid design (unit-tested)")
}

/// An M/M/c queue: Poisson clients at `rho × c / mean` requests/s → one instance with `c`
/// slots, exponential service of mean `mean_service_ms` [ms], an unbounded accept queue and
/// no client timeout, so Erlang C predicts its waits. `mmc(2, 0.9, 100.0)` is the shipped
/// `mmc.nines.json` (18 requests/s).
///
/// Nothing is checked here: `c = 0` or a non-positive mean gives a design that
/// [`super::validate`] refuses, never a panic.
pub fn mmc(c: u32, rho: f64, mean_service_ms: f64) -> Design {
    let mut design = shipped_mmc();
    let rate = rho * f64::from(c) * 1000.0 / mean_service_ms;
    for component in &mut design.components {
        match &mut component.spec {
            ComponentSpec::Clients(clients) => clients.profile = RateProfile::Constant { rate },
            ComponentSpec::Instance(server) => {
                server.template.slots = Some(c);
                server.template.service.mean_ms = mean_service_ms;
            }
            _ => {}
        }
    }
    design.name = format!("M/M/{c}, ρ = {rho}");
    design
}

/// "Sticky sessions in memory": clients (1,000 users) → a sticky load balancer over zones a
/// and b → three web instances that keep sessions in memory → a Multi-AZ database. Killing
/// an instance loses the sessions of every user bound to it.
pub fn sticky_sessions() -> Design {
    parse_design(STICKY_SESSIONS).expect("designs/sticky-sessions.nines.json is a valid design (unit-tested)")
}

/// "Sessions in a key-value store": the sticky-sessions design whose instances keep sessions
/// in a DynamoDB-style store; killing an instance loses no session.
pub fn session_store() -> Design {
    parse_design(SESSION_STORE).expect("designs/session-store.nines.json is a valid design (unit-tested)")
}

/// "Static assets through a CDN": the two-zones design with 70 % of its requests for
/// static assets, behind a CDN (hit ratio 0.9) whose origin is object storage. Only the
/// dynamic 30 % reach the load balancer; an object-storage outage fails only the misses.
pub fn static_cdn() -> Design {
    parse_design(STATIC_CDN).expect("designs/static-cdn.nines.json is a valid design (unit-tested)")
}

/// "Multi-region": clients → a DNS name with failover routing (Route 53 defaults: checks
/// every 30 s, threshold 3, TTL 60 s) → a load balancer and a web group of four in each of
/// us-east-1 (primary) and us-west-2 (secondary), each region able to carry all traffic.
pub fn multi_region() -> Design {
    parse_design(MULTI_REGION).expect("designs/multi-region.nines.json is a valid design (unit-tested)")
}

fn shipped_mmc() -> Design {
    parse_design(MMC).expect("designs/mmc.nines.json is a valid design (unit-tested)")
}

/// Every reference design with its name, in the order of [`NAMES`].
pub fn all() -> Vec<(&'static str, Design)> {
    NAMES.iter().filter_map(|name| by_name(name).map(|d| (*name, d))).collect()
}

/// The reference design called `name` (one of [`NAMES`]), if there is one.
pub fn by_name(name: &str) -> Option<Design> {
    match name {
        "single-server" => Some(single_server()),
        "three-tier" => Some(three_tier()),
        "mmc" => Some(shipped_mmc()),
        "two-servers" => parse_design(TWO_SERVERS).ok(),
        "multi-az-db" => parse_design(MULTI_AZ_DB).ok(),
        "two-zones" => parse_design(TWO_ZONES).ok(),
        "auto-scaling" => parse_design(AUTO_SCALING).ok(),
        "sticky-sessions" => parse_design(STICKY_SESSIONS).ok(),
        "session-store" => parse_design(SESSION_STORE).ok(),
        "static-cdn" => parse_design(STATIC_CDN).ok(),
        "multi-region" => Some(multi_region()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{ClientsSpec, InstanceSpec, validate};

    #[test]
    fn shipped_files_parse_and_validate_clean() {
        for (name, design) in all() {
            assert_eq!(validate(&design), vec![], "{name}");
            assert_eq!(by_name(name).as_ref(), Some(&design), "{name}");
        }
        assert_eq!(all().len(), NAMES.len());
        assert_eq!(by_name("four-tier"), None);
    }

    fn clients(design: &Design) -> ClientsSpec {
        let found = design.components.iter().find_map(|c| match &c.spec {
            ComponentSpec::Clients(clients) => Some(clients.clone()),
            _ => None,
        });
        found.expect("the M/M/c design has clients")
    }

    fn server(design: &Design) -> InstanceSpec {
        let found = design.components.iter().find_map(|c| match &c.spec {
            ComponentSpec::Instance(server) => Some(server.clone()),
            _ => None,
        });
        found.expect("the M/M/c design has a server")
    }

    #[test]
    fn mmc_sets_slots_rate_and_service_time() {
        let design = mmc(5, 0.8, 200.0);
        let (clients, server) = (clients(&design), server(&design));
        // λ = ρ c μ = 0.8 × 5 × (1 / 0.2 s) = 20 requests/s.
        assert!((clients.profile.rate_at(0.0) - 20.0).abs() < 1e-9);
        assert_eq!(server.template.slots, Some(5));
        assert_eq!(server.template.service.mean_ms, 200.0);
        assert_eq!(server.template.accept_queue, None);
        assert_eq!(clients.timeout_s, None);
        assert_eq!(validate(&design), vec![]);
    }

    #[test]
    fn mmc_of_the_shipped_parameters_is_the_shipped_file() {
        let built = mmc(2, 0.9, 100.0);
        let shipped = shipped_mmc();
        assert!((clients(&built).profile.rate_at(0.0) - 18.0).abs() < 1e-9);
        assert_eq!(server(&built), server(&shipped));
        assert_eq!(built.connections, shipped.connections);
        assert_eq!(built.regions, shipped.regions);
    }

    #[test]
    fn mmc_with_nonsense_parameters_does_not_panic_and_is_refused() {
        for (c, rho, mean) in [(0, 0.9, 100.0), (2, -1.0, 100.0), (2, 0.9, 0.0), (2, f64::NAN, 100.0)] {
            assert!(!validate(&mmc(c, rho, mean)).is_empty(), "c={c} rho={rho} mean={mean}");
        }
    }
}
