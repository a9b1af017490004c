//! What the charts draw: the run's per-second series, read incrementally and folded into
//! min/max buckets, one set per world.
//!
//! Every animation frame at 100× moves the world, so the charts ask for their data every
//! frame. [`ChartFeed::update`] reads only the seconds stored since its last call (through
//! the series' cursor) and hands back the same `Rc` when none arrived, so the plots can
//! skip rendering by pointer comparison. A new world (built, reset, restored from a
//! checkpoint on rewind) has a new [`Live::epoch`]: the feed then starts again from that
//! world's series, which after a rewind is simply shorter.

use std::rc::Rc;

use nines_sim::measure::recorder::Second;
use nines_sim::measure::series::{Series, SeriesCursor};
use nines_sim::request::FailureCause;

use crate::live::Live;
use crate::live::buckets::Buckets;

/// Most buckets a chart draws: about a plot's width in pixels, so each bucket is a pixel
/// or two wide and min/max per bucket draws what the full series would.
pub const PLOT_POINTS: usize = 300;

/// One figure of a second that a chart line shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Requests answered successfully [req/s].
    Succeeded,
    /// Requests failed for one cause [req/s].
    Failed(FailureCause),
    /// Median latency of successful requests [ms].
    P50,
    /// 99th-percentile latency [ms].
    P99,
    /// Visible messages, all queues.
    QueueVisible,
    /// Messages in flight (received, not yet deleted), all queues.
    QueueInFlight,
    /// Age of the oldest message [s].
    QueueOldest,
    /// Instances in service and alive.
    InService,
    /// Load-balancer targets passing health checks.
    HealthyTargets,
    /// Instances launching.
    Launching,
    /// Desired capacity of every auto-scaling group.
    Desired,
    /// Cost rate of everything running [USD/h].
    CostPerHour,
    /// User sessions lost with instance memory since the start [sessions, running total].
    SessionsLost,
    /// Key-value calls throttled over the provisioned throughput [calls/s].
    StoreThrottled,
    /// Eventually consistent key-value reads that returned an old item [reads/s].
    StoreStale,
    /// Key-value calls refused while the store was down [calls/s].
    StoreRefused,
    /// Static requests answered at a CDN's edges [req/s].
    EdgeHits,
    /// Requests a CDN sent on to the load balancer behind it [req/s].
    CdnForwarded,
    /// Requests that entered region `k` of the design (its load balancers or instances)
    /// [req/s]; 0 in one-region designs, which do not record it.
    RegionReceived(u8),
    /// Requests that entered region `k` and failed [req/s].
    RegionFailed(u8),
}

/// How many metrics a bucket holds.
pub const METRICS: usize = 29;

impl Metric {
    /// Every metric, in bucket order.
    pub const ALL: [Metric; METRICS] = [
        Metric::Succeeded,
        Metric::Failed(FailureCause::NoRoute),
        Metric::Failed(FailureCause::NoHealthyTarget),
        Metric::Failed(FailureCause::TargetCrashed),
        Metric::Failed(FailureCause::Timeout),
        Metric::Failed(FailureCause::Rejected),
        Metric::Failed(FailureCause::DatabaseUnavailable),
        Metric::Failed(FailureCause::ZoneLost),
        Metric::Failed(FailureCause::OriginError),
        Metric::P50,
        Metric::P99,
        Metric::QueueVisible,
        Metric::QueueInFlight,
        Metric::QueueOldest,
        Metric::InService,
        Metric::HealthyTargets,
        Metric::Launching,
        Metric::Desired,
        Metric::CostPerHour,
        Metric::SessionsLost,
        Metric::StoreThrottled,
        Metric::StoreStale,
        Metric::StoreRefused,
        Metric::EdgeHits,
        Metric::CdnForwarded,
        Metric::RegionReceived(0),
        Metric::RegionReceived(1),
        Metric::RegionFailed(0),
        Metric::RegionFailed(1),
    ];

    /// Position in a bucket.
    pub fn index(self) -> usize {
        match self {
            Metric::Succeeded => 0,
            Metric::Failed(cause) => 1 + cause.index(),
            Metric::P50 => 9,
            Metric::P99 => 10,
            Metric::QueueVisible => 11,
            Metric::QueueInFlight => 12,
            Metric::QueueOldest => 13,
            Metric::InService => 14,
            Metric::HealthyTargets => 15,
            Metric::Launching => 16,
            Metric::Desired => 17,
            Metric::CostPerHour => 18,
            Metric::SessionsLost => 19,
            Metric::StoreThrottled => 20,
            Metric::StoreStale => 21,
            Metric::StoreRefused => 22,
            Metric::EdgeHits => 23,
            Metric::CdnForwarded => 24,
            Metric::RegionReceived(k) => 25 + usize::from(k.min(1)),
            Metric::RegionFailed(k) => 27 + usize::from(k.min(1)),
        }
    }

    /// The value in a point covering `span_s` seconds: counts become rates per second,
    /// gauges are read as they are (the series keeps the later one when it merges). The
    /// session and region metrics are 0 for designs that do not record them.
    pub fn of(self, point: &Second, span_s: u64) -> f32 {
        let rate = |count: u32| count as f32 / span_s.max(1) as f32;
        let sessions = point.sessions.unwrap_or_default();
        let regions = point.regions.unwrap_or_default();
        let region = |counts: &[u32], k: u8| counts.get(usize::from(k)).copied().unwrap_or(0);
        match self {
            Metric::Succeeded => rate(point.succeeded),
            Metric::Failed(cause) => rate(point.failed[cause.index()]),
            Metric::P50 => point.p50_ms,
            Metric::P99 => point.p99_ms,
            Metric::QueueVisible => point.queue_visible as f32,
            Metric::QueueInFlight => point.queue_in_flight as f32,
            Metric::QueueOldest => point.queue_oldest_s,
            Metric::InService => point.in_service as f32,
            Metric::HealthyTargets => point.healthy_targets as f32,
            Metric::Launching => point.pending as f32,
            Metric::Desired => point.desired as f32,
            Metric::CostPerHour => point.cost_per_hour,
            Metric::SessionsLost => sessions.sessions_lost as f32,
            Metric::StoreThrottled => rate(sessions.kv_throttled),
            Metric::StoreStale => rate(sessions.kv_stale_reads),
            Metric::StoreRefused => rate(sessions.kv_unavailable),
            Metric::EdgeHits => rate(point.edge_hits),
            Metric::CdnForwarded => rate(point.cdn_forwarded),
            Metric::RegionReceived(k) => rate(region(&regions.received, k)),
            Metric::RegionFailed(k) => rate(region(&regions.failed, k)),
        }
    }
}

/// Every metric of one point.
fn values(point: &Second, span_s: u64) -> [f32; METRICS] {
    Metric::ALL.map(|m| m.of(point, span_s))
}

/// A run's history as the charts draw it. Shared by every plot; replaced, never changed.
pub type ChartHistory = Buckets<METRICS>;

/// Reads a live world's series into buckets as it grows.
#[derive(Debug, Default)]
pub struct ChartFeed {
    /// The world the buckets were read from ([`Live::epoch`]); `None` before the first read.
    epoch: Option<u64>,
    /// Where reading resumes in that world's series.
    cursor: SeriesCursor,
    /// The history so far; `None` until a world exists.
    history: Option<Rc<ChartHistory>>,
}

impl ChartFeed {
    /// The history of the world in `live`, up to the last complete second; the same `Rc`
    /// as last time when no second was stored since. `None` while no world is built.
    pub fn update(&mut self, live: &Live) -> Option<Rc<ChartHistory>> {
        if self.epoch != Some(live.epoch()) {
            *self = ChartFeed { epoch: Some(live.epoch()), ..ChartFeed::default() };
        }
        let Some(()) = live.with_world(|world| self.read(world.series())) else {
            self.history = None;
            return None;
        };
        self.history.clone()
    }

    /// Folds the points stored since the cursor into the history.
    fn read(&mut self, series: &Series<Second>) {
        let update = series.since(self.cursor);
        let resolution = series.resolution_s();
        let mut history = match self.history.take() {
            Some(history) if !update.reset => history,
            _ => Rc::new(Buckets::new(PLOT_POINTS, resolution)),
        };
        if !update.points.is_empty() {
            let buckets = Rc::make_mut(&mut history);
            for point in update.points {
                buckets.push(&values(point, resolution), resolution);
            }
        }
        self.cursor = update.cursor;
        self.history = Some(history);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;
    use nines_sim::measure::recorder::SessionSecond;
    use nines_sim::measure::region_second::RegionSecond;
    use nines_sim::time::SECOND;

    fn running() -> Live {
        let mut live = Live::default();
        live.ensure(&reference::three_tier()).unwrap();
        live
    }

    #[test]
    fn every_metric_has_its_own_slot() {
        for (i, metric) in Metric::ALL.iter().enumerate() {
            assert_eq!(metric.index(), i, "{metric:?}");
        }
    }

    #[test]
    fn counts_become_rates_over_the_span() {
        let point =
            Second { succeeded: 40, failed: [0, 0, 0, 8, 0, 0, 0, 0], desired: 6, ..Second::default() };
        assert_eq!(Metric::Succeeded.of(&point, 4), 10.0);
        assert_eq!(Metric::Failed(FailureCause::Timeout).of(&point, 4), 2.0);
        assert_eq!(Metric::Desired.of(&point, 4), 6.0, "gauges are not divided");
        assert_eq!(Metric::SessionsLost.of(&point, 4), 0.0, "not recorded: nothing lost");
        let sessions =
            SessionSecond { sessions_lost: 340, kv_throttled: 80, kv_stale_reads: 8, kv_unavailable: 4 };
        let point = Second { sessions: Some(sessions), ..Second::default() };
        assert_eq!(Metric::SessionsLost.of(&point, 4), 340.0, "a running total is not divided");
        assert_eq!(Metric::StoreThrottled.of(&point, 4), 20.0);
        assert_eq!(Metric::StoreStale.of(&point, 4), 2.0);
        assert_eq!(Metric::StoreRefused.of(&point, 4), 1.0);
        assert_eq!(Metric::RegionReceived(1).of(&point, 4), 0.0, "one region: nothing by region");
        let regions = RegionSecond { received: [40, 8], failed: [12, 0] };
        let point = Second { regions: Some(regions), ..Second::default() };
        assert_eq!(Metric::RegionReceived(0).of(&point, 4), 10.0);
        assert_eq!(Metric::RegionReceived(1).of(&point, 4), 2.0);
        assert_eq!(Metric::RegionFailed(0).of(&point, 4), 3.0);
        assert_eq!(Metric::RegionFailed(1).of(&point, 4), 0.0);
    }

    #[test]
    fn nothing_to_draw_before_a_world_exists() {
        assert_eq!(ChartFeed::default().update(&Live::default()), None);
    }

    #[test]
    fn the_same_history_until_a_second_is_stored() {
        let mut live = running();
        let mut feed = ChartFeed::default();
        live.run_to(3 * SECOND + SECOND / 2, f64::INFINITY);
        let first = feed.update(&live).unwrap();
        assert_eq!(first.seconds(), 3);
        live.run_to(3 * SECOND + SECOND * 3 / 4, f64::INFINITY);
        assert!(Rc::ptr_eq(&first, &feed.update(&live).unwrap()), "no new second, same Rc");
        live.run_to(5 * SECOND + 1, f64::INFINITY);
        let later = feed.update(&live).unwrap();
        assert_eq!(later.seconds(), 5);
        assert_eq!(first.seconds(), 3, "a history handed out never changes");
    }

    #[test]
    fn a_new_world_starts_a_new_history() {
        let mut live = running();
        let mut feed = ChartFeed::default();
        live.run_to(20 * SECOND + 1, f64::INFINITY);
        assert_eq!(feed.update(&live).unwrap().seconds(), 20);
        live.reset();
        assert_eq!(feed.update(&live), None);
        live.ensure(&reference::three_tier()).unwrap();
        live.run_to(4 * SECOND + 1, f64::INFINITY);
        assert_eq!(feed.update(&live).unwrap().seconds(), 4, "read again from the new world");
    }

    #[test]
    fn an_hour_is_read_into_a_few_hundred_buckets() {
        let mut live = running();
        let mut feed = ChartFeed::default();
        live.run_to(3600 * SECOND + 1, f64::INFINITY);
        let history = feed.update(&live).unwrap();
        assert_eq!(history.seconds(), 3600);
        assert!(history.len() <= PLOT_POINTS + 1, "{}", history.len());
        let served: f32 = history.iter().map(|(_, _, b)| b[0].max).fold(0.0, f32::max);
        assert!(served > 0.0, "requests succeeded");
    }
}
