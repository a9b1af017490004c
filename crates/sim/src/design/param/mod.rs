//! Every parameter of every component, once: its field path, what values it takes, its
//! unit, its default and the sentence on why it matters for availability.
//!
//! This table is the one home of those facts. The validator checks ranges with it and
//! quotes its defaults in messages, the app's inspector builds its controls and help from
//! it, and `nines params` prints it. Ranges are AWS's where AWS has one (cited on the
//! design types) and otherwise what Nines can simulate.
//!
//! Entries are keyed by component kind and field path (`load_balancer` +
//! `health_check.interval_s`); list elements are written `[]` (`policies[].target`). An
//! auto-scaling group's launch template (`instance.…`) shares the entries of `instance`.

mod alarm;
mod compute;
mod data;
mod dns;
mod edge;
mod traffic;

use super::choice::Choice;

pub(crate) use alarm::*;
pub(crate) use compute::*;
pub(crate) use data::*;
pub(crate) use dns::*;
pub(crate) use edge::*;
pub(crate) use traffic::*;

/// What values a parameter takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Domain {
    /// A number within a range.
    Number(Range),
    /// A `[shortest, longest]` pair of numbers, each within the range, shortest first.
    Span(Range),
    /// One of a fixed list of values, in the order the type declares them.
    Choice(&'static [Choice]),
    /// On or off.
    Toggle,
    /// One of the region's zones.
    Zone,
    /// A set of the region's zones, each at most once.
    Zones,
    /// A list of the region's zones that may repeat, at most `max` long.
    ZoneList {
        /// Most entries allowed.
        max: usize,
    },
    /// An instance type from the price table.
    InstanceSize,
    /// A database class from the price table.
    DatabaseClass,
    /// The id of another component.
    Component,
    /// The id of an alarm component.
    Alarm,
    /// A clients' list of `{at_s, rate}` steps.
    Rates,
    /// A step policy's list of `{lower, upper, change}` adjustments.
    Adjustments,
}

/// Allowed values of a number: `lo`–`hi` inclusive (`lo` exclusive when `above`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// Smallest value; see `above`.
    pub lo: f64,
    /// Largest value; may be infinite ("or more").
    pub hi: f64,
    /// Whole numbers only.
    pub integer: bool,
    /// `lo` itself is not allowed: the value must be above it (a ramp time above 0 s).
    pub above: bool,
}

impl Range {
    /// Whether `value` is a finite number in the range.
    pub fn contains(&self, value: f64) -> bool {
        let low = if self.above { value > self.lo } else { value >= self.lo };
        value.is_finite() && low && value <= self.hi && (!self.integer || value.fract() == 0.0)
    }
}

/// One parameter of one kind of component.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    /// Component kind as files spell it, e.g. `load_balancer`; `instance` entries also
    /// describe an auto-scaling group's launch template.
    pub kind: &'static str,
    /// Field path inside the component, e.g. `health_check.interval_s`.
    pub path: &'static str,
    /// Short label, e.g. `Interval`.
    pub label: &'static str,
    /// The parameter in a sentence, e.g. `the health-check interval`.
    pub what: &'static str,
    /// What values it takes.
    pub domain: Domain,
    /// Unit of numbers, e.g. `s`, `ms`, `requests/s`; empty for counts and fractions.
    pub unit: &'static str,
    /// The default (AWS's where AWS has one) as messages quote it, e.g. `30 s`; for
    /// fields without one, an example.
    pub default: &'static str,
    /// For fields that may be `null`: what `null` means, e.g. `Wait forever`.
    pub none: Option<&'static str>,
    /// What it does and why it matters for availability, in one sentence.
    pub why: &'static str,
}

impl Param {
    /// A number parameter's base: fill in the rest with struct update syntax.
    pub(crate) const BASE: Param = Param {
        kind: "",
        path: "",
        label: "",
        what: "",
        domain: Domain::Toggle,
        unit: "",
        default: "",
        none: None,
        why: "",
    };

    /// The numeric range, for numbers and spans.
    pub fn range(&self) -> Option<Range> {
        match self.domain {
            Domain::Number(range) | Domain::Span(range) => Some(range),
            _ => None,
        }
    }

    /// Whether `value` is in the range of a number or span parameter; never for others.
    pub fn contains(&self, value: f64) -> bool {
        self.range().is_some_and(|range| range.contains(value))
    }

    /// The key the docs list it under, e.g. `load_balancer.health_check.interval_s`.
    pub fn key(&self) -> String {
        format!("{}.{}", self.kind, self.path)
    }
}

/// Numbers `lo`–`hi` inclusive.
pub(crate) const fn number(lo: f64, hi: f64) -> Domain {
    Domain::Number(Range { lo, hi, integer: false, above: false })
}

/// Whole numbers `lo`–`hi` inclusive.
pub(crate) const fn whole(lo: f64, hi: f64) -> Domain {
    Domain::Number(Range { lo, hi, integer: true, above: false })
}

/// Numbers above `lo`, up to `hi`.
pub(crate) const fn above(lo: f64, hi: f64) -> Domain {
    Domain::Number(Range { lo, hi, integer: false, above: true })
}

/// `[shortest, longest]` pairs, each `0`–`hi`.
pub(crate) const fn span(hi: f64) -> Domain {
    Domain::Span(Range { lo: 0.0, hi, integer: false, above: false })
}

/// Every parameter, kind by kind in the order the inspector shows them.
pub fn all() -> impl Iterator<Item = &'static Param> {
    [TRAFFIC, COMPUTE, DATA, EDGE, ALARM_PARAMS, DNS_PARAMS].into_iter().flatten()
}

/// The parameter at `path` of a component of `kind`, if the table has it. Indices may be
/// concrete (`policies[2].target`) or written `[]`; a group's `instance.…` fields are the
/// launch template's.
pub fn find(kind: &str, path: &str) -> Option<&'static Param> {
    let path = without_indices(path);
    let (kind, path) = match path.strip_prefix("instance.") {
        Some(rest) if kind == "auto_scaling_group" => ("instance", rest.to_owned()),
        _ => (kind, path),
    };
    all().find(|p| p.kind == kind && p.path == path)
}

/// `policies[2].steps[0].change` → `policies[].steps[].change`.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for ch in path.chars() {
        match ch {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod coverage;
#[cfg(test)]
mod ranges;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_reach_nested_indexed_and_template_fields() {
        let interval = find("load_balancer", "health_check.interval_s").map(|p| p.default);
        assert_eq!(interval, Some("30 s"));
        assert_eq!(
            find("auto_scaling_group", "policies[3].target").map(|p| p.path),
            Some("policies[].target")
        );
        let mean = find("auto_scaling_group", "instance.service.mean_ms");
        assert_eq!(mean.map(|p| p.kind), Some("instance"));
        assert_eq!(find("queue", "health_check.interval_s"), None);
        assert_eq!(without_indices("a[12].b[0]"), "a[].b[]");
    }

    #[test]
    fn ranges_hold_their_bounds_and_nothing_else() {
        let r = Range { lo: 0.0, hi: 10.0, integer: true, above: false };
        assert!(r.contains(0.0) && r.contains(10.0));
        assert!(!r.contains(0.5) && !r.contains(-1.0) && !r.contains(11.0) && !r.contains(f64::NAN));
        let r = Range { lo: 0.0, hi: f64::INFINITY, integer: false, above: true };
        assert!(!r.contains(0.0) && r.contains(1e-9) && !r.contains(f64::INFINITY));
    }

    #[test]
    fn every_entry_is_written_out_and_unique() {
        let mut keys = std::collections::BTreeSet::new();
        for p in all() {
            assert!(keys.insert(p.key()), "{} twice", p.key());
            assert!(!p.label.is_empty() && !p.what.is_empty(), "{}", p.key());
            assert!(p.why.len() > 20 && p.why.ends_with('.'), "{}: {}", p.key(), p.why);
            if let Some(r) = p.range() {
                assert!(r.lo < r.hi, "{}", p.key());
            }
        }
    }
}
