//! What a run records as it goes: per-second samples, run totals, latency, queueing.

use serde::{Serialize, Serializer};

use super::histogram::Histogram;
use super::region_second::RegionSecond;
use super::series::{Sample, Series};
use crate::request::FailureCause;
use crate::time::Micros;

/// Seconds kept at full resolution before the series halves its resolution (6 hours).
pub const SERIES_CAPACITY: usize = 6 * 3600;

/// Failure causes counted per second and per run.
pub const CAUSES: usize = FailureCause::ALL.len();

/// Writes per-cause counts; the last cause (origin errors, added with CDNs) only when it
/// happened, so a run without a CDN writes the JSON, and has the fingerprint, it had before.
fn causes<S: Serializer, T: Serialize + Default + PartialEq>(
    failed: &[T; CAUSES],
    s: S,
) -> Result<S::Ok, S::Error> {
    let last = FailureCause::OriginError.index();
    let written = if failed[last] == T::default() { last } else { CAUSES };
    failed[..written].serialize(s)
}

/// Everything charted for one second (or, after downsampling, several seconds).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Second {
    /// Requests sent by clients.
    pub arrived: u32,
    /// Requests answered successfully.
    pub succeeded: u32,
    /// Requests failed, by [`FailureCause`] index.
    #[serde(serialize_with = "causes")]
    pub failed: [u32; CAUSES],
    /// Median latency of successful requests [ms] (the worst second when merged).
    pub p50_ms: f32,
    /// 99th-percentile latency [ms] (the worst second when merged).
    pub p99_ms: f32,
    /// Instances in service and alive.
    pub in_service: u32,
    /// Load-balancer targets healthy, over every load balancer.
    pub healthy_targets: u32,
    /// Desired capacity, summed over groups.
    pub desired: u32,
    /// Instances booting.
    pub pending: u32,
    /// Visible messages, summed over queues.
    pub queue_visible: u32,
    /// Messages in flight, summed over queues.
    pub queue_in_flight: u32,
    /// Age of the oldest message of any queue [s].
    pub queue_oldest_s: f32,
    /// Databases available, out of all.
    pub db_available: u32,
    /// Cost rate of everything running [USD/hour].
    pub cost_per_hour: f32,
    /// Static requests CDNs answered from their edges (absent from the JSON when none, as
    /// in every design without a CDN).
    #[serde(skip_serializing_if = "is_zero")]
    pub edge_hits: u32,
    /// Requests CDNs sent on to the load balancer or instance behind them (absent when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub cdn_forwarded: u32,
    /// Sessions and key-value store calls; recorded only for designs with a sticky load
    /// balancer or a key-value store (the designs whose requests carry users), and absent
    /// from the JSON otherwise, so other designs' series read exactly as before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sessions: Option<SessionSecond>,
    /// Requests that entered each region and those of them that failed; recorded only for
    /// designs with more than one region, and absent from the JSON otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regions: Option<RegionSecond>,
}

/// What sticky sessions and key-value stores did in one second (or, merged, several).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SessionSecond {
    /// User sessions lost with the instance memory that held them, since the start of the
    /// run (a running total: the step at a kill is the users that instance held).
    pub sessions_lost: u32,
    /// Key-value calls refused for exceeding the provisioned throughput, all stores.
    pub kv_throttled: u32,
    /// Eventually consistent reads that returned an item older than its last write.
    pub kv_stale_reads: u32,
    /// Key-value calls refused because the store was down (a regional outage).
    pub kv_unavailable: u32,
}

impl Sample for SessionSecond {
    fn merge(&mut self, later: &Self) {
        self.sessions_lost = later.sessions_lost;
        self.kv_throttled += later.kv_throttled;
        self.kv_stale_reads += later.kv_stale_reads;
        self.kv_unavailable += later.kv_unavailable;
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Second {
    /// Requests failed, all causes.
    pub fn failed_total(&self) -> u32 {
        self.failed.iter().sum()
    }
}

impl Sample for Second {
    fn merge(&mut self, later: &Self) {
        self.arrived += later.arrived;
        self.succeeded += later.succeeded;
        for (a, b) in self.failed.iter_mut().zip(later.failed) {
            *a += b;
        }
        self.edge_hits += later.edge_hits;
        self.cdn_forwarded += later.cdn_forwarded;
        self.p50_ms = self.p50_ms.max(later.p50_ms);
        self.p99_ms = self.p99_ms.max(later.p99_ms);
        let sessions = match (self.sessions, later.sessions) {
            (Some(mut earlier), Some(later)) => {
                earlier.merge(&later);
                Some(earlier)
            }
            (earlier, later) => later.or(earlier),
        };
        let regions = match (self.regions, later.regions) {
            (Some(mut earlier), Some(later)) => {
                earlier.merge(&later);
                Some(earlier)
            }
            (earlier, later) => later.or(earlier),
        };
        let gauges = Second {
            arrived: self.arrived,
            succeeded: self.succeeded,
            failed: self.failed,
            edge_hits: self.edge_hits,
            cdn_forwarded: self.cdn_forwarded,
            ..later.clone()
        };
        *self = Second { p50_ms: self.p50_ms, p99_ms: self.p99_ms, sessions, regions, ..gauges };
    }
}

/// Whole-run request counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Requests sent by every traffic source since the start.
    pub arrived: u64,
    /// Requests answered successfully.
    pub succeeded: u64,
    /// By [`FailureCause`] index.
    #[serde(serialize_with = "causes")]
    pub failed: [u64; CAUSES],
}

impl Totals {
    /// Requests failed, all causes.
    pub fn failed_total(&self) -> u64 {
        self.failed.iter().sum()
    }
}

/// Queueing statistics over a measurement window, for checks against theory.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QueueingStats {
    /// Requests that reached a slot.
    pub served: u64,
    /// Of those, how many waited at all.
    pub waited: u64,
    /// Sum of waits for a slot [µs].
    pub wait_sum: u128,
    /// Requests that completed (successfully) in the window.
    pub completed: u64,
    /// Sum of their response times [µs].
    pub response_sum: u128,
    /// Integral of requests in the system over time [request·µs].
    pub in_system_area: u128,
    /// Window start [µs].
    pub since: Micros,
    /// Arrivals in the window.
    pub arrivals: u64,
}

/// Records a run's measurements.
#[derive(Clone, Debug)]
pub struct Recorder {
    current: Second,
    second_latency: Histogram,
    last: Second,
    /// Latency of every successful request of the run, up to the last closed second.
    pub latency: Histogram,
    /// Per-second samples.
    pub series: Series<Second>,
    /// Run totals.
    pub totals: Totals,
    /// Queueing statistics since the last window reset.
    pub queueing: QueueingStats,
    in_system: u64,
    in_system_since: Micros,
    /// This second's requests by region; `None` unless [`Recorder::track_regions`] was called.
    regions: Option<RegionSecond>,
}

impl Default for Recorder {
    fn default() -> Self {
        Recorder {
            current: Second::default(),
            second_latency: Histogram::new(),
            last: Second::default(),
            latency: Histogram::new(),
            series: Series::new(SERIES_CAPACITY),
            totals: Totals::default(),
            queueing: QueueingStats::default(),
            in_system: 0,
            in_system_since: 0,
            regions: None,
        }
    }
}

// The per-request methods are inlined: each is a handful of additions on every request.
impl Recorder {
    #[inline]
    fn account(&mut self, now: Micros) {
        let elapsed = now.saturating_sub(self.in_system_since);
        self.queueing.in_system_area += self.in_system as u128 * elapsed as u128;
        self.in_system_since = now;
    }

    /// A request arrived.
    #[inline]
    pub fn arrived(&mut self, now: Micros) {
        self.account(now);
        self.in_system += 1;
        self.current.arrived += 1;
        self.totals.arrived += 1;
        self.queueing.arrivals += 1;
    }

    /// A request succeeded after `latency` [µs].
    #[inline]
    pub fn succeeded(&mut self, now: Micros, latency: Micros) {
        self.account(now);
        self.in_system = self.in_system.saturating_sub(1);
        self.current.succeeded += 1;
        self.totals.succeeded += 1;
        self.second_latency.record(latency);
        self.queueing.completed += 1;
        self.queueing.response_sum += latency as u128;
    }

    /// A request failed.
    pub fn failed(&mut self, now: Micros, cause: FailureCause) {
        self.account(now);
        self.in_system = self.in_system.saturating_sub(1);
        self.current.failed[cause.index()] += 1;
        self.totals.failed[cause.index()] += 1;
    }

    /// Records requests by region from now on (for designs with more than one region).
    pub fn track_regions(&mut self) {
        self.regions.get_or_insert_with(RegionSecond::default);
    }

    /// Whether requests are recorded by region.
    #[inline]
    pub fn tracks_regions(&self) -> bool {
        self.regions.is_some()
    }

    /// A request entered region `region` (index in the design's regions); ignored unless
    /// regions are tracked.
    #[inline]
    pub fn region_received(&mut self, region: usize) {
        if let Some(r) = &mut self.regions {
            r.receive(region);
        }
    }

    /// A request that had entered region `region` failed; ignored unless regions are tracked.
    #[inline]
    pub fn region_failed(&mut self, region: usize) {
        if let Some(r) = &mut self.regions {
            r.fail(region);
        }
    }

    /// A request reached a slot after waiting `wait` [µs].
    #[inline]
    pub fn record_wait(&mut self, wait: Micros) {
        self.queueing.served += 1;
        if wait > 0 {
            self.queueing.waited += 1;
        }
        self.queueing.wait_sum += wait as u128;
    }

    /// Restarts the queueing window (after a warm-up).
    pub fn reset_queueing(&mut self, now: Micros) {
        self.account(now);
        self.queueing = QueueingStats { since: now, ..QueueingStats::default() };
    }

    /// Closes the second with the world's gauges and starts the next.
    pub fn close_second(&mut self, gauges: Second) {
        let ms = |us: u64| us as f32 / 1000.0;
        let sample = Second {
            arrived: self.current.arrived,
            succeeded: self.current.succeeded,
            failed: self.current.failed,
            p50_ms: ms(self.second_latency.percentile_us(50.0)),
            p99_ms: ms(self.second_latency.percentile_us(99.0)),
            regions: self.regions.as_mut().map(std::mem::take),
            ..gauges
        };
        self.latency.merge(&self.second_latency);
        self.second_latency.clear();
        self.current = Second::default();
        self.series.push(sample.clone());
        self.last = sample;
    }

    /// The last closed second.
    pub fn last_second(&self) -> &Second {
        &self.last
    }

    /// Requests arrived and not yet answered or failed.
    pub fn in_system(&self) -> u64 {
        self.in_system
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_sessions(lost: u32, throttled: u32) -> Second {
        let sessions =
            SessionSecond { sessions_lost: lost, kv_throttled: throttled, ..SessionSecond::default() };
        Second { arrived: 10, sessions: Some(sessions), ..Second::default() }
    }

    #[test]
    fn merged_seconds_keep_the_later_session_total_and_add_store_calls() {
        let mut first = with_sessions(5, 3);
        first.merge(&with_sessions(9, 4));
        assert_eq!(first.arrived, 20);
        assert_eq!(
            first.sessions,
            Some(SessionSecond { sessions_lost: 9, kv_throttled: 7, ..SessionSecond::default() })
        );
        let mut plain = Second::default();
        plain.merge(&Second::default());
        assert_eq!(plain.sessions, None, "a design without them never records them");
    }
}
