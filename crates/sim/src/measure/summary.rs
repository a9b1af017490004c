//! The per-run summary: availability and nines, outages, incidents, losses, cost.

use serde::Serialize;

use super::histogram::LatencySummary;
use super::incident::Incident;
use super::recorder::{Second, Totals};
use super::series::Series;
use crate::request::FailureCause;
use crate::time::Micros;

/// Share of requests failing above which a second counts as an outage.
pub const OUTAGE_FAILURE_SHARE: f64 = 0.05;

/// What a run achieved, in numbers a learner can compare.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Simulated time covered [s].
    pub seconds: f64,
    /// Events the engine processed (a measure of the work done).
    pub events: u64,
    /// Request counts.
    pub totals: Totals,
    /// Failed requests by cause, labelled.
    pub failures_by_cause: Vec<(String, u64)>,
    /// Successful over finished requests [0–1]; 1 when nothing finished.
    pub availability: f64,
    /// The availability as a count of nines, e.g. 3.2 for 99.94 %.
    pub nines: f64,
    /// Longest run of seconds in which more than 5 % of requests failed [s].
    pub longest_outage_s: f64,
    /// Latency of successful requests.
    pub latency: LatencySummary,
    /// Each fault and what it cost.
    pub incidents: Vec<Incident>,
    /// Messages sent to queues.
    pub messages_sent: u64,
    /// Messages expired unprocessed (lost).
    pub messages_lost: u64,
    /// Messages processed more than once.
    pub messages_duplicated: u64,
    /// Duplicates processed by non-idempotent consumers (harmful).
    pub duplicate_writes: u64,
    /// Messages moved to a dead-letter queue.
    pub messages_dead_lettered: u64,
    /// Committed database writes lost.
    pub writes_lost: u64,
    /// User sessions lost with the instance memory that held them (sticky sessions kept in
    /// memory); absent from the JSON when zero.
    #[serde(skip_serializing_if = "is_zero")]
    pub sessions_lost: u64,
    /// Calls of key-value stores, summed; absent from the JSON when the design has none.
    #[serde(skip_serializing_if = "KeyValueTotals::is_empty")]
    pub key_value: KeyValueTotals,
    /// Requests through CDNs, summed; absent from the JSON when the design has none.
    #[serde(skip_serializing_if = "CdnTotals::is_empty")]
    pub cdn: CdnTotals,
    /// Cost accrued [USD].
    pub cost_usd: f64,
    /// Cost rate at the end [USD/hour].
    pub cost_per_hour: f64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// What every key-value store of a run did, in calls.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KeyValueTotals {
    /// Reads answered.
    pub reads: u64,
    /// Writes answered.
    pub writes: u64,
    /// Calls throttled for exceeding the provisioned throughput.
    pub throttled: u64,
    /// Eventually consistent reads that returned an old value.
    pub stale_reads: u64,
    /// Conditional writes whose version check failed after a stale read (retried).
    pub conditional_failures: u64,
    /// Calls refused during a store outage.
    pub unavailable: u64,
}

impl KeyValueTotals {
    /// The sum of some stores' counters.
    pub fn of<'a>(stores: impl Iterator<Item = &'a crate::world::KvCounters>) -> KeyValueTotals {
        let mut t = KeyValueTotals::default();
        for c in stores {
            t.reads += c.reads;
            t.writes += c.writes;
            t.throttled += c.throttled;
            t.stale_reads += c.stale_reads;
            t.conditional_failures += c.conditional_failures;
            t.unavailable += c.unavailable;
        }
        t
    }

    /// Nothing was called.
    pub fn is_empty(&self) -> bool {
        *self == KeyValueTotals::default()
    }
}

/// What every CDN of a run did, in requests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CdnTotals {
    /// Requests that reached a CDN.
    pub requests: u64,
    /// Of those, requests for static assets.
    pub static_requests: u64,
    /// Static requests answered from an edge's cache.
    pub edge_hits: u64,
    /// Static requests the edge did not hold.
    pub misses: u64,
    /// Misses fetched from object storage.
    pub origin_fetches: u64,
    /// Origin fetches refused (storage down or over its request rate).
    pub origin_errors: u64,
    /// Requests sent on towards the load balancer (dynamic ones, and misses without object
    /// storage).
    pub forwarded: u64,
    /// Requests refused while a CDN was down.
    pub unavailable: u64,
}

impl CdnTotals {
    /// The sum of some CDNs' counters.
    pub fn of<'a>(cdns: impl Iterator<Item = &'a crate::world::CdnCounters>) -> CdnTotals {
        let mut t = CdnTotals::default();
        for c in cdns {
            t.requests += c.requests;
            t.static_requests += c.static_requests;
            t.edge_hits += c.hits;
            t.misses += c.misses;
            t.origin_fetches += c.origin_fetches;
            t.origin_errors += c.origin_errors;
            t.forwarded += c.forwarded;
            t.unavailable += c.unavailable;
        }
        t
    }

    /// No request went through a CDN.
    pub fn is_empty(&self) -> bool {
        *self == CdnTotals::default()
    }

    /// Share of static requests answered at the edge [0–1]; `None` before any.
    pub fn hit_ratio(&self) -> Option<f64> {
        (self.static_requests > 0).then(|| self.edge_hits as f64 / self.static_requests as f64)
    }
}

/// Nines of an availability: −log10(1 − a), capped at 9 for a perfect run.
pub fn nines(availability: f64) -> f64 {
    if availability >= 1.0 { 9.0 } else { (-libm::log10(1.0 - availability)).clamp(0.0, 9.0) }
}

/// Availability of finished requests.
pub fn availability(totals: &Totals) -> f64 {
    let finished = totals.succeeded + totals.failed_total();
    if finished == 0 { 1.0 } else { totals.succeeded as f64 / finished as f64 }
}

/// Longest stretch of outage seconds in a series [s].
pub fn longest_outage_s(series: &Series<Second>) -> f64 {
    let resolution = series.resolution_s() as f64;
    let (mut longest, mut run) = (0.0f64, 0.0f64);
    for (_, point) in series.iter() {
        let failed = point.failed_total() as f64;
        let finished = failed + point.succeeded as f64;
        if finished > 0.0 && failed / finished > OUTAGE_FAILURE_SHARE {
            run += resolution;
            longest = longest.max(run);
        } else {
            run = 0.0;
        }
    }
    longest
}

/// Failed counts with their cause labels, causes that never happened left out.
pub fn failures_by_cause(totals: &Totals) -> Vec<(String, u64)> {
    FailureCause::ALL
        .iter()
        .filter(|c| totals.failed[c.index()] > 0)
        .map(|c| (c.label().to_owned(), totals.failed[c.index()]))
        .collect()
}

/// Simulated seconds of a duration.
pub fn seconds(t: Micros) -> f64 {
    t as f64 / 1e6
}
