//! The state every check reports into, and the shared ways checks phrase their findings:
//! ranges with their defaults, zone references, and numbers as learners read them.

use std::collections::{BTreeMap, BTreeSet};

use super::Problem;
use crate::design::param::Param;
use crate::design::{Component, ComponentSpec, Design};

/// The design under check, indexes into it, and the problems found so far.
pub(super) struct Checker<'a> {
    /// The design being checked.
    pub(super) design: &'a Design,
    /// Index of the first component with each id.
    ids: BTreeMap<&'a str, usize>,
    /// Each region's zones, for membership tests.
    zones: Vec<BTreeSet<&'a str>>,
    /// The region of the component being checked (index into `design.regions`).
    current: usize,
    /// Ids of components some queue sends messages to.
    queue_fed: BTreeSet<&'a str>,
    /// Ids of the first dozen alarms, for messages about policies.
    alarms: Vec<&'a str>,
    /// Problems found so far, in the order found.
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(design: &'a Design) -> Self {
        let mut ids = BTreeMap::new();
        for (index, component) in design.components.iter().enumerate() {
            ids.entry(component.id.as_str()).or_insert(index);
        }
        let zones = design.regions.iter().map(|r| r.zones.iter().map(String::as_str).collect()).collect();
        let alarms = design
            .components
            .iter()
            .filter(|c| matches!(c.spec, ComponentSpec::Alarm(_)))
            .map(|c| c.id.as_str())
            .take(12)
            .collect();
        let mut ck = Checker {
            design,
            ids,
            zones,
            current: 0,
            queue_fed: BTreeSet::new(),
            alarms,
            problems: Vec::new(),
        };
        ck.queue_fed = design
            .connections
            .iter()
            .filter(|link| matches!(ck.component(&link.from).map(|c| &c.spec), Some(ComponentSpec::Queue(_))))
            .map(|link| link.to.as_str())
            .collect();
        ck
    }

    /// The problems found, in the order found.
    pub(super) fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// Records a problem at `path`.
    pub(super) fn report(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    /// The first component with this id, if any.
    pub(super) fn component(&self, id: &str) -> Option<&'a Component> {
        self.ids.get(id).and_then(|&index| self.design.components.get(index))
    }

    /// Index of the first component with this id, if any.
    pub(super) fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// Whether a queue sends messages to the component with this id.
    pub(super) fn is_fed_by_queue(&self, id: &str) -> bool {
        self.queue_fed.contains(id)
    }

    /// The ids of the design, for "did you mean" lists; at most a dozen.
    pub(super) fn id_list(&self) -> String {
        let ids: Vec<&str> = self.design.components.iter().map(|c| c.id.as_str()).take(12).collect();
        let more = if self.design.components.len() > ids.len() { ", …" } else { "" };
        if ids.is_empty() {
            "the design has no components".to_owned()
        } else {
            format!("ids: {}{more}", ids.join(", "))
        }
    }

    /// The design's alarms for messages: "alarms: cpu-high, jobs-age".
    pub(super) fn alarm_list(&self) -> String {
        if self.alarms.is_empty() {
            "the design has no alarms; add one".to_owned()
        } else {
            format!("alarms: {}", self.alarms.join(", "))
        }
    }

    /// Checks the next components' zones against region `index` (a component's own).
    pub(super) fn in_region(&mut self, index: usize) {
        self.current = index;
    }

    /// The current region's zones as "a, b, c" for messages.
    pub(super) fn zone_list(&self) -> String {
        let zones = self.design.regions.get(self.current).map(|r| r.zones.as_slice()).unwrap_or_default();
        if zones.is_empty() {
            "the region has no zones yet".to_owned()
        } else {
            format!("zones: {}", zones.join(", "))
        }
    }

    /// The current region in words: "the region" when the design has one, else its name.
    pub(super) fn region_words(&self) -> String {
        match self.design.regions.get(self.current) {
            Some(region) if self.design.regions.len() > 1 => format!("region {}", region.name),
            _ => "the region".to_owned(),
        }
    }

    /// Checks that `zone`, referenced as "`who` `verb` zone …", is one of its region's.
    pub(super) fn zone(&mut self, path: &str, who: &str, verb: &str, zone: &str) {
        if !self.zones.get(self.current).is_some_and(|zones| zones.contains(zone)) {
            let message = format!(
                "{who} {verb} zone {zone}, which {} does not have ({})",
                self.region_words(),
                self.zone_list()
            );
            self.report(path, message);
        }
    }

    /// Checks a set of zones: each in the region, none twice.
    pub(super) fn zone_set(&mut self, site: &Site, field: &str, verb: &str, zones: &[String]) {
        let mut seen = BTreeSet::new();
        for (k, zone) in zones.iter().enumerate() {
            let path = site.path(&format!("{field}[{k}]"));
            if !seen.insert(zone.as_str()) {
                self.report(&path, format!("{} lists zone {zone} twice; name each zone once", site.who));
            } else {
                self.zone(&path, &site.who, verb, zone);
            }
        }
    }

    /// Checks `param` of this component (at its own path, in its own words).
    pub(super) fn param(&mut self, site: &Site, param: &Param, value: f64) {
        self.range(site, param.path, param.what, value, param);
    }

    /// Like [`Checker::param`] for a setting where `null` is allowed.
    pub(super) fn param_opt(&mut self, site: &Site, param: &Param, value: Option<f64>) {
        if let Some(value) = value {
            self.param(site, param, value);
        }
    }

    /// Checks that `value` lies in the range of `param`; NaN and infinities never do.
    /// `field` and `what` name it where the table's path has an index (`steps[3].rate`).
    pub(super) fn range(&mut self, site: &Site, field: &str, what: &str, value: f64, param: &Param) {
        let Some(range) = param.range() else { return };
        if !range.contains(value) {
            let unit = if param.unit.is_empty() { String::new() } else { format!(" {}", param.unit) };
            let allowed = if range.hi.is_finite() {
                format!("{}–{}{unit}", num(range.lo), num(range.hi))
            } else {
                format!("{}{unit} or more", num(range.lo))
            };
            let message = format!(
                "{what} of {} is {}{unit}; use {allowed} (default {})",
                site.who,
                num(value),
                param.default
            );
            self.report(&site.path(field), message);
        }
    }

    /// Checks that `value` is a finite number above zero; `hint` says what a good one is.
    pub(super) fn positive(&mut self, site: &Site, field: &str, what: &str, value: f64, hint: &str) {
        if !(value.is_finite() && value > 0.0) {
            let message = format!("{what} of {} is {}; it must be above 0 ({hint})", site.who, num(value));
            self.report(&site.path(field), message);
        }
    }

    /// Checks a `[lo, hi]` span `param`: both ends in its range, and `lo` ≤ `hi`.
    pub(super) fn span(&mut self, site: &Site, param: &Param, span: [f64; 2]) {
        let (field, what) = (param.path, param.what);
        let [lo, hi] = span;
        self.range(site, &format!("{field}[0]"), &format!("shortest {what}"), lo, param);
        self.range(site, &format!("{field}[1]"), &format!("longest {what}"), hi, param);
        if lo > hi {
            let message = format!(
                "{what} of {} is [{}, {}]; write the shorter time first, e.g. [{}, {}]",
                site.who,
                num(lo),
                num(hi),
                num(hi),
                num(lo)
            );
            self.report(&site.path(field), message);
        }
    }
}

/// Where a component sits in the file and how messages name it.
pub(super) struct Site {
    /// Path of the object holding the component's fields, e.g. `components[3]`.
    prefix: String,
    /// The component in words, e.g. `instance web-1`.
    pub(super) who: String,
}

impl Site {
    pub(super) fn new(index: usize, component: &Component) -> Self {
        let id = component.id.as_str();
        let who = if id.is_empty() {
            format!("the {} at components[{index}]", noun(&component.spec))
        } else {
            named(noun(&component.spec), id)
        };
        Site { prefix: format!("components[{index}]"), who }
    }

    /// The path of `field` of this component.
    pub(super) fn path(&self, field: &str) -> String {
        format!("{}.{field}", self.prefix)
    }

    /// The same component, with paths inside its object `field` (a group's `instance`).
    pub(super) fn nested(&self, field: &str) -> Site {
        Site { prefix: self.path(field), who: self.who.clone() }
    }
}

/// A component kind in words, e.g. `load balancer`.
pub(super) fn noun(spec: &ComponentSpec) -> &'static str {
    match spec {
        ComponentSpec::Clients(_) => "clients",
        ComponentSpec::LoadBalancer(_) => "load balancer",
        ComponentSpec::Instance(_) => "instance",
        ComponentSpec::AutoScalingGroup(_) => "group",
        ComponentSpec::Queue(_) => "queue",
        ComponentSpec::Database(_) => "database",
        ComponentSpec::Alarm(_) => "alarm",
        ComponentSpec::KeyValueStore(_) => "key-value store",
        ComponentSpec::ObjectStorage(_) => "object storage",
        ComponentSpec::Cdn(_) => "CDN",
        ComponentSpec::Dns(_) => "DNS",
    }
}

/// "queue jobs", or just "clients" when the id is the noun itself.
pub(super) fn named(noun: &str, id: &str) -> String {
    if noun == id { id.to_owned() } else { format!("{noun} {id}") }
}

/// A number for messages: whole numbers with thousands separators, others as Rust prints them.
pub(super) fn num(x: f64) -> String {
    if !(x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15) {
        return format!("{x}");
    }
    let digits = format!("{}", x.abs());
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if x < 0.0 { format!("-{out}") } else { out }
}
