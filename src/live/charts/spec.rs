//! What each chart shows: its title, units and lines, in reading order. Plain data, read
//! by the chart components, the geometry, the pacing and the text alternative alike.

use std::ops::Deref;
use std::rc::Rc;

use nines_sim::design::{ComponentSpec, Design};
use nines_sim::request::FailureCause;
use yew::AttrValue;

use super::data::Metric;

/// How a line is stroked: besides its colour, so that lines can be told apart without
/// colour (WCAG 1.4.1) where a chart has several of the same kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    /// A solid line: a measurement.
    Solid,
    /// Short dashes: targets and limits, or a second measurement beside a solid one.
    Dashed,
    /// Long dashes.
    Long,
    /// Dots.
    Dotted,
}

impl Dash {
    /// The plot's `stroke-dasharray` [px, strokes do not scale]; `None` for a solid line.
    pub fn plot(self) -> Option<&'static str> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some("5 4"),
            Dash::Long => Some("12 5"),
            Dash::Dotted => Some("1.5 4"),
        }
    }

    /// The legend swatch's `stroke-dasharray` (16 view units wide).
    pub fn swatch(self) -> Option<&'static str> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some("4 3"),
            Dash::Long => Some("7 2"),
            Dash::Dotted => Some("2 2"),
        }
    }
}

/// One line of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Its name in the legend, e.g. "Succeeded", or "us-west-2 received" for a line named
    /// after the design's region.
    pub name: AttrValue,
    /// Stroke colour; at least 3:1 against white (WCAG 1.4.11, graphics).
    pub color: &'static str,
    /// How it is stroked.
    pub dash: Dash,
    /// What it shows.
    pub metric: Metric,
    /// Read against the right-hand axis (a second unit).
    pub right_axis: bool,
}

/// A chart's lines: the fixed ones of [`CHARTS`], or lines named for a design.
#[derive(Clone, Debug, PartialEq)]
pub enum Lines {
    /// Lines known when compiling.
    Fixed(&'static [Series]),
    /// Lines made for one design (named after its regions).
    Made(Rc<[Series]>),
}

impl Deref for Lines {
    type Target = [Series];

    fn deref(&self) -> &[Series] {
        match self {
            Lines::Fixed(lines) => lines,
            Lines::Made(lines) => lines,
        }
    }
}

/// What a chart shows.
#[derive(Clone, Debug, PartialEq)]
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
    pub series: Lines,
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
    /// Designs with two regions.
    TwoRegions,
}

impl Shown {
    /// Whether `design` has what the chart needs.
    pub fn fits(self, design: &Design) -> bool {
        let any = |f: fn(&ComponentSpec) -> bool| design.components.iter().any(|c| f(&c.spec));
        match self {
            Shown::Always => true,
            Shown::StickyBalancer => any(|c| matches!(c, ComponentSpec::LoadBalancer(lb) if lb.stickiness)),
            Shown::KeyValueStore => any(|c| matches!(c, ComponentSpec::KeyValueStore(_))),
            Shown::TwoRegions => design.regions.len() > 1,
        }
    }
}

/// The charts `design` shows, in reading order, the requests by region with its lines
/// named after the design's regions.
pub fn charts_for(design: &Design) -> Vec<ChartSpec> {
    CHARTS
        .iter()
        .filter(|spec| spec.shown.fits(design))
        .map(|spec| match spec.shown {
            Shown::TwoRegions => {
                let named = spec.series.iter().map(|s| named_for_region(s, design)).collect();
                ChartSpec { series: Lines::Made(named), ..spec.clone() }
            }
            _ => spec.clone(),
        })
        .collect()
}

/// A by-region line named after its region: "us-west-2 received", "us-west-2 failed".
fn named_for_region(series: &Series, design: &Design) -> Series {
    let (k, what) = match series.metric {
        Metric::RegionReceived(k) => (k, "received"),
        Metric::RegionFailed(k) => (k, "failed"),
        _ => return series.clone(),
    };
    match design.regions.get(usize::from(k)) {
        Some(region) => Series { name: format!("{} {what}", region.name).into(), ..series.clone() },
        None => series.clone(),
    }
}

const fn line(name: &'static str, color: &'static str, metric: Metric) -> Series {
    Series { name: AttrValue::Static(name), color, dash: Dash::Solid, metric, right_axis: false }
}

const fn dashed(name: &'static str, color: &'static str, dash: Dash, metric: Metric) -> Series {
    Series { name: AttrValue::Static(name), color, dash, metric, right_axis: false }
}

const fn failed(name: &'static str, color: &'static str, cause: FailureCause) -> Series {
    line(name, color, Metric::Failed(cause))
}

/// Every chart, in reading order: the requests, the requests by region for two-region
/// designs (its lines named by [`charts_for`]), four more for every design, then sessions
/// and the key-value store for the designs that have them.
pub const CHARTS: [ChartSpec; 8] = [
    ChartSpec {
        key: "requests",
        title: "Requests per second",
        unit: "req/s",
        right_unit: None,
        series: Lines::Fixed(&[
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
            dashed("CDN edge hits", "#0891b2", Dash::Dashed, Metric::EdgeHits),
            dashed("CDN → load balancer", "#4338ca", Dash::Dashed, Metric::CdnForwarded),
        ]),
        wide: true,
        shown: Shown::Always,
    },
    ChartSpec {
        key: "regions",
        title: "Requests by region",
        unit: "req/s",
        right_unit: None,
        // Named "us-east-1 received" and so on by [`charts_for`]; each line has its own
        // stroke, so the regions and received/failed read apart without colour.
        series: Lines::Fixed(&[
            line("Region 1 received", "#1d4ed8", Metric::RegionReceived(0)),
            dashed("Region 2 received", "#0f766e", Dash::Long, Metric::RegionReceived(1)),
            dashed("Region 1 failed", "#b91c1c", Dash::Dashed, Metric::RegionFailed(0)),
            dashed("Region 2 failed", "#a16207", Dash::Dotted, Metric::RegionFailed(1)),
        ]),
        wide: false,
        shown: Shown::TwoRegions,
    },
    ChartSpec {
        key: "latency",
        title: "Latency",
        unit: "ms",
        right_unit: None,
        series: Lines::Fixed(&[line("p50", "#0369a1", Metric::P50), line("p99", "#7e22ce", Metric::P99)]),
        wide: false,
        shown: Shown::Always,
    },
    ChartSpec {
        key: "queue",
        title: "Queue depth and oldest age",
        unit: "messages",
        right_unit: Some("s"),
        series: Lines::Fixed(&[
            line("Visible", "#b45309", Metric::QueueVisible),
            line("In flight", "#4338ca", Metric::QueueInFlight),
            Series {
                name: AttrValue::Static("Oldest age"),
                color: "#0f766e",
                dash: Dash::Solid,
                metric: Metric::QueueOldest,
                right_axis: true,
            },
        ]),
        wide: false,
        shown: Shown::Always,
    },
    ChartSpec {
        key: "instances",
        title: "Healthy vs desired instances",
        unit: "instances",
        right_unit: None,
        series: Lines::Fixed(&[
            line("In service", "#15803d", Metric::InService),
            line("Healthy LB targets", "#0e7490", Metric::HealthyTargets),
            line("Launching", "#b45309", Metric::Launching),
            dashed("Desired", "#475569", Dash::Dashed, Metric::Desired),
        ]),
        wide: false,
        shown: Shown::Always,
    },
    ChartSpec {
        key: "cost",
        title: "Cost per hour",
        unit: "$/h",
        right_unit: None,
        series: Lines::Fixed(&[line("Cost", "#4338ca", Metric::CostPerHour)]),
        wide: false,
        shown: Shown::Always,
    },
    ChartSpec {
        key: "sessions",
        title: "Sessions lost so far",
        unit: "users",
        right_unit: None,
        series: Lines::Fixed(&[line("Sessions lost", "#9f1239", Metric::SessionsLost)]),
        wide: false,
        shown: Shown::StickyBalancer,
    },
    ChartSpec {
        key: "key-value",
        title: "Key-value store",
        unit: "calls/s",
        right_unit: None,
        series: Lines::Fixed(&[
            line("Throttled", "#b45309", Metric::StoreThrottled),
            line("Stale reads", "#4338ca", Metric::StoreStale),
            line("Refused (down)", "#475569", Metric::StoreRefused),
        ]),
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
    fn a_two_region_design_charts_requests_by_region_named_after_its_regions() {
        let design = reference::multi_region();
        assert_eq!(keys(&design), ["requests", "regions", "latency", "queue", "instances", "cost"]);
        let charts = charts_for(&design);
        let names: Vec<&str> = charts[1].series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["us-east-1 received", "us-west-2 received", "us-east-1 failed", "us-west-2 failed"]
        );
        let dashes: Vec<Dash> = charts[1].series.iter().map(|s| s.dash).collect();
        assert_eq!(dashes, [Dash::Solid, Dash::Long, Dash::Dashed, Dash::Dotted], "each its own stroke");
        assert!(!keys(&reference::three_tier()).contains(&"regions"), "one region: no such chart");
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
