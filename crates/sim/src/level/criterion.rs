//! Success criteria: each a probe on the run with a tolerance, and the sentence the goal
//! panel shows, written from the same fields the check measures.

use serde::Serialize;

use crate::design::{ComponentSpec, Design};

/// One success criterion of a level. In a file: `{"probe": "availability_at_least", "percent": 99.9}`.
///
/// Written by serde's derive, read by hand (`criterion_de.rs`: a new probe needs its arm there).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "probe", rename_all = "snake_case")]
pub enum Criterion {
    /// Successful over finished requests, over the whole run, is at least `percent` %.
    AvailabilityAtLeast {
        /// Least availability [%], 0–100, e.g. 99.9.
        percent: f64,
    },
    /// Queue messages that expired unprocessed, over the run, are at most `max`.
    MessagesLost {
        /// Most messages lost; usually 0.
        max: u64,
    },
    /// Committed database writes lost, over the run, are at most `max`.
    WritesLost {
        /// Most writes lost; usually 0.
        max: u64,
    },
    /// Duplicate messages processed by consumers that are not idempotent (a charge made
    /// twice), over the run, are at most `max`.
    DuplicateWrites {
        /// Most harmful duplicates; usually 0.
        max: u64,
    },
    /// The 99th percentile latency of successful requests from `after_s` to the end is at
    /// most `ms`.
    P99AtMost {
        /// Highest p99 latency [ms].
        ms: f64,
        /// Start of the measured window [s from the start of the run]; 0 for the whole run.
        #[serde(default)]
        after_s: u64,
    },
    /// What everything running costs at the end of the run is at most `usd` per hour.
    CostPerHourAtMost {
        /// Highest cost rate at the end of the run [USD/hour].
        usd: f64,
    },
    /// Every incident of the run recovers (requests stop failing, then 30 s without a
    /// failure) within `seconds` of its fault; one never recovered fails.
    RecoveryWithin {
        /// Longest time from a fault to recovery [s].
        seconds: f64,
    },
    /// The load balancer has at least `count` healthy targets at the end of the run.
    HealthyTargetsAtLeast {
        /// The load balancer's id, e.g. `lb-1`; it must exist in the level's solution.
        load_balancer: String,
        /// Fewest healthy targets [instances].
        count: u32,
    },
}

impl Criterion {
    /// The goal panel's sentence for this criterion, e.g. "At least 99.9 % of requests succeed".
    pub fn sentence(&self) -> String {
        match self {
            Criterion::AvailabilityAtLeast { percent } => {
                format!("At least {percent} % of requests succeed over the run")
            }
            Criterion::MessagesLost { max: 0 } => "No queue message is lost".to_owned(),
            Criterion::MessagesLost { max } => format!("At most {max} queue messages are lost"),
            Criterion::WritesLost { max: 0 } => "No committed database write is lost".to_owned(),
            Criterion::WritesLost { max } => format!("At most {max} committed database writes are lost"),
            Criterion::DuplicateWrites { max: 0 } => {
                "No message is processed twice with harm (no duplicate write)".to_owned()
            }
            Criterion::DuplicateWrites { max } => {
                format!("At most {max} messages are processed twice with harm (duplicate writes)")
            }
            Criterion::P99AtMost { ms, after_s: 0 } => format!("p99 latency is at most {ms} ms over the run"),
            Criterion::P99AtMost { ms, after_s } => {
                format!("p99 latency is at most {ms} ms from {} on", crate::time::clock(after_s * 1_000_000))
            }
            Criterion::CostPerHourAtMost { usd } => {
                format!("Everything running costs at most ${usd:.2} per hour at the end of the run")
            }
            Criterion::RecoveryWithin { seconds } => {
                format!("Every incident recovers (requests stop failing) within {seconds} s")
            }
            Criterion::HealthyTargetsAtLeast { load_balancer, count } => {
                format!("{load_balancer} has at least {count} healthy targets at the end of the run")
            }
        }
    }

    /// The unit of the measured value, for printing it: `%`, `ms`, `USD/hour`, `s`, or a count.
    pub fn unit(&self) -> &'static str {
        match self {
            Criterion::AvailabilityAtLeast { .. } => "%",
            Criterion::MessagesLost { .. } => "messages",
            Criterion::WritesLost { .. } => "writes",
            Criterion::DuplicateWrites { .. } => "duplicates",
            Criterion::P99AtMost { .. } => "ms",
            Criterion::CostPerHourAtMost { .. } => "USD/hour",
            Criterion::RecoveryWithin { .. } => "s",
            Criterion::HealthyTargetsAtLeast { .. } => "targets",
        }
    }

    /// The probe's name in files, e.g. `availability_at_least`.
    pub fn key(&self) -> &'static str {
        match self {
            Criterion::AvailabilityAtLeast { .. } => "availability_at_least",
            Criterion::MessagesLost { .. } => "messages_lost",
            Criterion::WritesLost { .. } => "writes_lost",
            Criterion::DuplicateWrites { .. } => "duplicate_writes",
            Criterion::P99AtMost { .. } => "p99_at_most",
            Criterion::CostPerHourAtMost { .. } => "cost_per_hour_at_most",
            Criterion::RecoveryWithin { .. } => "recovery_within",
            Criterion::HealthyTargetsAtLeast { .. } => "healthy_targets_at_least",
        }
    }

    /// Whether a measured value meets the tolerance. The comparison is the sentence's:
    /// "at least" is `>=`, "at most" and "within" are `<=`.
    pub fn passes(&self, measured: f64) -> bool {
        match self {
            Criterion::AvailabilityAtLeast { percent } => measured >= *percent,
            Criterion::MessagesLost { max }
            | Criterion::WritesLost { max }
            | Criterion::DuplicateWrites { max } => measured <= *max as f64,
            Criterion::P99AtMost { ms, .. } => measured <= *ms,
            Criterion::CostPerHourAtMost { usd } => measured <= *usd,
            Criterion::RecoveryWithin { seconds } => measured <= *seconds,
            Criterion::HealthyTargetsAtLeast { count, .. } => measured >= f64::from(*count),
        }
    }

    /// Problems with the criterion's own values, as (field, message) pairs relative to it.
    pub(crate) fn value_problems(&self, duration_s: u64) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut range = |field: &'static str, value: f64, low: f64, high: f64| {
            if !(value.is_finite() && (low..=high).contains(&value)) {
                out.push((field, format!("must be from {low} to {high}, not {value}")));
            }
        };
        match self {
            Criterion::AvailabilityAtLeast { percent } => range("percent", *percent, 0.0, 100.0),
            Criterion::P99AtMost { ms, after_s } => {
                range("ms", *ms, 0.001, 3_600_000.0);
                if *after_s >= duration_s {
                    out.push((
                        "after_s",
                        format!("starts at {after_s} s, at or after the end of the run ({duration_s} s)"),
                    ));
                }
            }
            Criterion::CostPerHourAtMost { usd } => range("usd", *usd, 0.0, 1e6),
            Criterion::RecoveryWithin { seconds } => range("seconds", *seconds, 0.0, 1e7),
            _ => {}
        }
        out
    }

    /// Whether the component the criterion names (if any) is in `design` with the right
    /// kind; the message names it and what the design has instead.
    pub(crate) fn component_problem(&self, design: &Design) -> Option<(&'static str, String)> {
        let Criterion::HealthyTargetsAtLeast { load_balancer, .. } = self else { return None };
        let is_lb = |spec: &ComponentSpec| matches!(spec, ComponentSpec::LoadBalancer(_));
        if design.component(load_balancer).is_some_and(|c| is_lb(&c.spec)) {
            return None;
        }
        let known: Vec<&str> =
            design.components.iter().filter(|c| is_lb(&c.spec)).map(|c| c.id.as_str()).collect();
        let known = if known.is_empty() { "none".to_owned() } else { known.join(", ") };
        Some((
            "load_balancer",
            format!("there is no load balancer `{load_balancer}` in the solution; it has: {known}"),
        ))
    }
}
