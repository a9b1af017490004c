//! A DNS name for the whole system, modelled on Amazon Route 53 records with health checks.
//!
//! Facts used (AWS documentation, `AWS-FACTS.md` §6):
//! - Health checks run every 30 s (standard, the default) or 10 s (fast); an endpoint
//!   changes state after `FailureThreshold` consecutive results, 1–10, default 3
//!   (Route 53 API, `HealthCheckConfig`).
//! - Failover routing answers with the primary record while its health check passes and
//!   with the secondary otherwise; latency-based routing answers with the record of the
//!   region nearest the client, skipping unhealthy ones. When every record is unhealthy,
//!   Route 53 answers as if all were healthy
//!   (<https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html>).
//! - For records tied to health checks AWS recommends a TTL of 60 s or less
//!   (<https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-failover.html>).
//!   A TTL is 0 to 2,147,483,647 s; Nines accepts 0 to 86,400 (a day).
//!
//! Resolver caching: a resolver keeps an answer until its TTL runs out, so after the answer
//! changes, clients move over during one TTL (their caches were filled at spread-out
//! times). Some resolvers and clients keep answers longer than the TTL (Pang et al., "On
//! the Responsiveness of DNS-based Network Control", IMC 2004, found a share of clients
//! using records well past their expiry). Nines models this with `late_resolver_share` of
//! the requests whose resolver holds the answer `late_resolver_ttl_multiple` TTLs: teaching
//! defaults (5 %, 10×), not a measurement.

use serde::{Deserialize, Serialize};

/// How the DNS picks the load balancer it answers with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DnsRouting {
    /// The first record (primary) while healthy, else the second (secondary).
    #[default]
    Failover,
    /// The healthy record in the client's own region, else the next healthy one.
    Latency,
}

/// A DNS name with one record per load balancer it links to, health-checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DnsSpec {
    /// How an answer is chosen among the records; default failover.
    pub routing: DnsRouting,
    /// Health checks every 10 s instead of every 30 s (Route 53's fast interval).
    pub fast_health_checks: bool,
    /// Consecutive failed (or passed) checks that flip a record's health; Route 53
    /// default 3, range 1–10.
    pub failure_threshold: u32,
    /// How long resolvers cache an answer [s]; default 60 (AWS's advice for records with
    /// health checks), range 0–86,400.
    pub ttl_s: f64,
    /// Share of requests whose resolver keeps answers past their TTL [0–1]; default 0.05.
    pub late_resolver_share: f64,
    /// How many TTLs such a resolver keeps an answer; default 10, range 1–100.
    pub late_resolver_ttl_multiple: f64,
}

impl Default for DnsSpec {
    fn default() -> Self {
        DnsSpec {
            routing: DnsRouting::Failover,
            fast_health_checks: false,
            failure_threshold: 3,
            ttl_s: 60.0,
            late_resolver_share: 0.05,
            late_resolver_ttl_multiple: 10.0,
        }
    }
}

impl DnsSpec {
    /// Time between two health checks of a record [s]: 10 fast, 30 standard.
    pub fn health_check_interval_s(&self) -> f64 {
        if self.fast_health_checks { 10.0 } else { 30.0 }
    }

    /// Longest time from a region's loss until the DNS answers with another record [s]:
    /// `failure_threshold` checks (the first may come a whole interval after the loss).
    pub fn detection_s(&self) -> f64 {
        f64::from(self.failure_threshold) * self.health_check_interval_s()
    }

    /// Longest time until every punctual resolver has the new answer [s]: detection
    /// plus one TTL. Late resolvers take `late_resolver_ttl_multiple` TTLs instead.
    pub fn failover_bound_s(&self) -> f64 {
        self.detection_s() + self.ttl_s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_53_defaults_give_90_s_detection_and_150_s_failover() {
        let dns = DnsSpec::default();
        assert_eq!(
            (dns.health_check_interval_s(), dns.detection_s(), dns.failover_bound_s()),
            (30.0, 90.0, 150.0)
        );
        let fast = DnsSpec { fast_health_checks: true, ..DnsSpec::default() };
        assert_eq!(fast.detection_s(), 30.0);
    }
}
