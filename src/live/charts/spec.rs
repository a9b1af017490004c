//! What each chart shows: its title, units and lines, in reading order. Plain data, read
//! by the chart components, the geometry, the pacing and the text alternative alike.

use nines_sim::design::{ComponentSpec, Design};
use nines_sim::request::FailureCause;

use super::data::Metric;

/// One line of a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Series {
    /// Its name in the legend, e.g. "Succeeded".
    pub name: &'static str,
    /// Stroke colour; at least 3:1 against white (WCAG 1.4.11, graphics).
    pub color: &'static str,
    /// Drawn dashed (targets and limits rather than measurements).
    pub dashed: bool,
    /// What it shows.
    pub metric: Metric,
    /// Read against the right-hand axis (a second unit).
    pub right_axis: bool,
}

/// What a chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartSpec {
    /// Slug for test selectors and CSS: `requests`.
    pub key: &'static str,
    /// The heading above the chart, e.g. "Requests per second".
    pub title: &'static str,
    /// Unit of the left axis, e.g. `req/s`.
    pub unit: &'static str,
    /// Unit of the right axis, for charts with series in two units.
    pub right_unit: Option<&'static str>,
    /// Its lines, in legend order.
    pub series: &'static [Series],
    /// Takes two grid columns (charts with many series).
    pub wide: bool,
    /// Which designs show it.
    pub shown: Shown,
}

/// Which designs a chart is shown for: a chart of sessions or of a key-value store on a
/// design without them would be a flat line that teaches nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Every design.
    Always,
    /// Designs with a sticky load balancer (only stickiness can lose a session).
    StickyBalancer,
    /// Designs with a key-value store.
    KeyValueStore,
}

impl Shown {
    /// Whether `design` has what the chart needs.
    pub fn fits(self, design: &Design) -> bool {
        let any = |f: fn(&ComponentSpec) -> bool| design.components.iter().any(|c| f(&c.spec));
        match self {
            Shown::Always => true,
            Shown::StickyBalancer => any(|c| matches!(c, ComponentSpec::LoadBalancer(lb) if lb.stickiness)),
            Shown::KeyValueStore => any(|c| matches!(c, ComponentSpec::KeyValueStore(_))),
        }
    }
}

/// The charts `design` shows, in reading order.
pub fn charts_for(design: &Design) -> Vec<ChartSpec> {
    CHARTS.iter().filter(|spec| spec.shown.fits(design)).copied().collect()
}

const fn line(name: &'static str, color: &'static str, metric: Metric) -> Series {
    Series { name, color, dashed: false, metric, right_axis: false }
}

const fn failed(name: &'static str, color: &'static str, cause: FailureCause) -> Series {
    line(name, color, Metric::Failed(cause))
}

/// Every chart, in reading order: five for every design, then sessions and the
/// key-value store for the designs that have them ([`charts_for`]).
pub const CHARTS: [ChartSpec; 7] = [
    ChartSpec {
        key: "requests",
        title: "Requests per second",
        unit: "req/s",
        right_unit: None,
        series: &[
            line("Succeeded", "#15803d", Metric::Succeeded),
            failed("No route", "#0e7490", FailureCause::NoRoute),
            failed("No healthy target", "#b91c1c", FailureCause::NoHealthyTarget),
            failed("Target crashed", "#c2410c", FailureCause::TargetCrashed),
            failed("Timeout", "#a16207", FailureCause::Timeout),
            failed("Rejected", "#be185d", FailureCause::Rejected),
            failed("Database unavailable", "#7e22ce", FailureCause::DatabaseUnavailable),
            failed("Zone lost", "#475569", FailureCause::ZoneLost),
            failed("Origin error", "#9a3412", FailureCause::OriginError),
            // Drawn only for designs with a CDN: how much of the success the edge served.
            Series {
                name: "CDN edge hits",
                color: "#0891b2",
                dashed: true,
                metric: Metric::EdgeHits,
                right_axis: false,
            },
            Series {
                name: "CDN → load balancer",
                color: "#4338ca",
                dashed: true,
                metric: Metric::CdnForwarded,
                right_axis: false,
            },
        ],
        wide: true,
        shown: Shown::Always,
    },
    ChartSpec {
        key: "latency",
        title: "Latency",
        unit: "ms",
        right_unit: None,
        series: &[line("p50", "#0369a1", Metric::P50), line("p99", "#7e22ce", Metric::P99)],
        wide: false,
        shown: Shown::Always,
    },
    ChartSpec {
        key: "queue",
        title: "Queue depth and oldest age",
        unit: "messages",
        right_unit: Some("s"),
        series: &[
            line("Visible", "#b45309", Metric::QueueVisible),
            line("In flight", "#4338ca", Metric::QueueInFlight),
            Series {
                name: "Oldest age",
                color: "#0f766e",
                dashed: false,
                metric: Metric::QueueOldest,
                right_axis: true,
            },
        ],
        wide: false,
        shown: Shown::Always,
    },
    ChartSpec {
        key: "instances",
        title: "Healthy vs desired instances",
        unit: "instances",
        right_unit: None,
        series: &[
            line("In service", "#15803d", Metric::InService),
            line("Healthy LB targets", "#0e7490", Metric::HealthyTargets),
            line("Launching", "#b45309", Metric::Launching),
            Series {
                name: "Desired",
                color: "#475569",
                dashed: true,
                metric: Metric::Desired,
                right_axis: false,
            },
        ],
        wide: false,
        shown: Shown::Always,
    },
    ChartSpec {
        key: "cost",
        title: "Cost per hour",
        unit: "$/h",
        right_unit: None,
        series: &[line("Cost", "#4338ca", Metric::CostPerHour)],
        wide: false,
        shown: Shown::Always,
    },
    ChartSpec {
        key: "sessions",
        title: "Sessions lost so far",
        unit: "users",
        right_unit: None,
        series: &[line("Sessions lost", "#9f1239", Metric::SessionsLost)],
        wide: false,
        shown: Shown::StickyBalancer,
    },
    ChartSpec {
        key: "key-value",
        title: "Key-value store",
        unit: "calls/s",
        right_unit: None,
        series: &[
            line("Throttled", "#b45309", Metric::StoreThrottled),
            line("Stale reads", "#4338ca", Metric::StoreStale),
            line("Refused (down)", "#475569", Metric::StoreRefused),
        ],
        wide: false,
        shown: Shown::KeyValueStore,
    },
];

#[cfg(test)]
mod tests {
    use nines_sim::design::reference;

    use super::*;

    fn keys(design: &Design) -> Vec<&'static str> {
        charts_for(design).iter().map(|c| c.key).collect()
    }

    #[test]
    fn session_and_store_charts_only_for_designs_that_have_them() {
        let always = ["requests", "latency", "queue", "instances", "cost"];
        assert_eq!(keys(&reference::three_tier()), always);
        assert_eq!(keys(&reference::sticky_sessions()), [&always[..], &["sessions"]].concat());
        assert_eq!(keys(&reference::session_store()), [&always[..], &["sessions", "key-value"]].concat());
        let mut not_sticky = reference::sticky_sessions();
        for component in &mut not_sticky.components {
            if let ComponentSpec::LoadBalancer(lb) = &mut component.spec {
                lb.stickiness = false;
            }
        }
        assert_eq!(keys(&not_sticky), always, "without stickiness no session can be lost");
    }

    #[test]
    fn every_metric_is_charted_once() {
        let mut charted: Vec<usize> =
            CHARTS.iter().flat_map(|c| c.series.iter().map(|s| s.metric.index())).collect();
        charted.sort_unstable();
        let all: Vec<usize> = (0..super::super::data::METRICS).collect();
        assert_eq!(charted, all);
    }
}
