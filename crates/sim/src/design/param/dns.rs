//! Parameters of a DNS name with health-checked records (Amazon Route 53 Developer Guide;
//! facts and sources are on `DnsSpec`).

use super::{Domain, Param, number, whole};
use crate::design::DnsRouting;
use crate::design::choice::{Choice, choices_of};

const DNS: Param = Param { kind: "dns", ..Param::BASE };

pub(crate) const DNS_ROUTING: Param = Param {
    path: "routing",
    label: "Routing policy",
    what: "the routing policy",
    domain: Domain::Choice(choices_of!(DnsRouting)),
    default: "failover",
    why: "Failover answers with the primary (first linked) load balancer while it passes its health check, else the secondary; latency sends each client to its own region's load balancer while it is healthy.",
    ..DNS
};
pub(crate) const FAST_CHECKS: Param = Param {
    path: "fast_health_checks",
    label: "Fast health checks (10 s)",
    what: "fast health checks",
    domain: Domain::Toggle,
    default: "off (every 30 s)",
    why: "Route 53 checks each record every 30 s, or every 10 s for a higher price; a dead region is noticed three times sooner.",
    ..DNS
};
pub(crate) const FAILURE_THRESHOLD: Param = Param {
    path: "failure_threshold",
    label: "Failure threshold",
    what: "the failure threshold",
    domain: whole(1.0, 10.0),
    unit: "checks",
    default: "3 checks",
    why: "Consecutive failed checks before a record counts as unhealthy (and passed checks before it returns); detection takes up to this many intervals.",
    ..DNS
};
pub(crate) const TTL: Param = Param {
    path: "ttl_s",
    label: "TTL",
    what: "the TTL",
    domain: number(0.0, 86_400.0),
    unit: "s",
    default: "60 s",
    why: "How long resolvers cache an answer: after a failover, clients keep going to the dead region for up to one TTL (AWS advises 60 s or less with health checks).",
    ..DNS
};
pub(crate) const LATE_SHARE: Param = Param {
    path: "late_resolver_share",
    label: "Late resolvers",
    what: "the share of late resolvers",
    domain: number(0.0, 1.0),
    default: "0.05",
    why: "Share of requests whose resolver keeps an answer past its TTL; they reach the dead region longest after a failover.",
    ..DNS
};
pub(crate) const LATE_MULTIPLE: Param = Param {
    path: "late_resolver_ttl_multiple",
    label: "Late resolvers keep answers",
    what: "how many TTLs late resolvers keep answers",
    domain: number(1.0, 100.0),
    unit: "× TTL",
    default: "10 × TTL",
    why: "How long a late resolver keeps an answer, in TTLs; it stretches the tail of a failover.",
    ..DNS
};

/// The DNS parameters in the inspector's order.
pub(crate) const DNS_PARAMS: &[Param] =
    &[DNS_ROUTING, FAST_CHECKS, FAILURE_THRESHOLD, TTL, LATE_SHARE, LATE_MULTIPLE];
