//! Checks that a design means something before a world is built from it.
//!
//! Every check reports into one [`Checker`], so the learner sees every problem at once,
//! each at the path of the field to fix (`components[3].zone`). The checks live next to
//! this file, one file per family: names and zones (`validate_names.rs`), traffic
//! (`validate_traffic.rs`), compute (`validate_compute.rs`), data (`validate_data.rs`),
//! alarms (`validate_alarm.rs`) and connections (`validate_links.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Component, ComponentSpec, Design, validate_alarm, validate_compute, validate_data};
use super::{validate_links, validate_names, validate_traffic};

/// One thing wrong with a design: where (a field path such as `components[2].zone`) and
/// what to do about it, in words a learner can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Field path, e.g. `components[3].zone`; empty for the whole design.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: &str, message: impl Into<String>) -> Self {
        Problem { path: path.to_owned(), message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem of a design, in the order of the file; empty when the design can be
/// simulated. Never panics, whatever the design holds.
///
/// A disconnected design (clients linked to nothing, a group nobody sends to) is not a
/// problem: the simulation runs it and the requests fail for lack of a route.
pub fn validate(design: &Design) -> Vec<Problem> {
    let mut ck = Checker::new(design);
    validate_names::design(&mut ck);
    for (index, component) in design.components.iter().enumerate() {
        let site = Site::new(index, component);
        match &component.spec {
            ComponentSpec::Clients(spec) => validate_traffic::clients(&mut ck, &site, spec),
            ComponentSpec::LoadBalancer(spec) => validate_traffic::load_balancer(&mut ck, &site, spec),
            ComponentSpec::Instance(spec) => validate_compute::instance(&mut ck, &site, spec),
            ComponentSpec::AutoScalingGroup(spec) => validate_compute::group(&mut ck, &site, spec),
            ComponentSpec::Queue(spec) => validate_data::queue(&mut ck, &site, spec),
            ComponentSpec::Database(spec) => validate_data::database(&mut ck, &site, spec),
            ComponentSpec::Alarm(spec) => validate_alarm::alarm(&mut ck, &site, spec),
        }
    }
    validate_links::connections(&mut ck);
    ck.problems
}

/// The design under check, indexes into it, and the problems found so far.
pub(super) struct Checker<'a> {
    /// The design being checked.
    pub(super) design: &'a Design,
    /// Index of the first component with each id.
    ids: BTreeMap<&'a str, usize>,
    /// The region's zones, for membership tests.
    zones: BTreeSet<&'a str>,
    /// Ids of components some queue sends messages to.
    queue_fed: BTreeSet<&'a str>,
    /// Ids of the first dozen alarms, for messages about policies.
    alarms: Vec<&'a str>,
    /// Problems found so far, in the order found.
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    fn new(design: &'a Design) -> Self {
        let mut ids = BTreeMap::new();
        for (index, component) in design.components.iter().enumerate() {
            ids.entry(component.id.as_str()).or_insert(index);
        }
        let zones = design.region.zones.iter().map(String::as_str).collect();
        let alarms = design
            .components
            .iter()
            .filter(|c| matches!(c.spec, ComponentSpec::Alarm(_)))
            .map(|c| c.id.as_str())
            .take(12)
            .collect();
        let mut ck = Checker { design, ids, zones, queue_fed: BTreeSet::new(), alarms, problems: Vec::new() };
        ck.queue_fed = design
            .connections
            .iter()
            .filter(|link| matches!(ck.component(&link.from).map(|c| &c.spec), Some(ComponentSpec::Queue(_))))
            .map(|link| link.to.as_str())
            .collect();
        ck
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

    /// The region's zones as "a, b, c" for messages.
    pub(super) fn zone_list(&self) -> String {
        if self.design.region.zones.is_empty() {
            "the region has no zones yet".to_owned()
        } else {
            format!("zones: {}", self.design.region.zones.join(", "))
        }
    }

    /// Checks that `zone`, referenced as "`who` `verb` zone …", is one of the region's.
    pub(super) fn zone(&mut self, path: &str, who: &str, verb: &str, zone: &str) {
        if !self.zones.contains(zone) {
            let message =
                format!("{who} {verb} zone {zone}, which the region does not have ({})", self.zone_list());
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

    /// Checks that `value` lies in `bounds`; NaN and infinities never do.
    pub(super) fn range(&mut self, site: &Site, field: &str, what: &str, value: f64, bounds: Bounds) {
        if !bounds.contains(value) {
            let Bounds { lo, hi, unit, default } = bounds;
            let allowed = if hi.is_finite() {
                format!("{}–{}{unit}", num(lo), num(hi))
            } else {
                format!("{}{unit} or more", num(lo))
            };
            let message =
                format!("{what} of {} is {}{unit}; use {allowed} (default {default})", site.who, num(value));
            self.report(&site.path(field), message);
        }
    }

    /// Like [`Checker::range`] for a setting where `null` is allowed.
    pub(super) fn range_opt(
        &mut self,
        site: &Site,
        field: &str,
        what: &str,
        value: Option<f64>,
        bounds: Bounds,
    ) {
        if let Some(value) = value {
            self.range(site, field, what, value, bounds);
        }
    }

    /// Checks that `value` is a finite number above zero; `hint` says what a good one is.
    pub(super) fn positive(&mut self, site: &Site, field: &str, what: &str, value: f64, hint: &str) {
        if !(value.is_finite() && value > 0.0) {
            let message = format!("{what} of {} is {}; it must be above 0 ({hint})", site.who, num(value));
            self.report(&site.path(field), message);
        }
    }

    /// Checks a `[lo, hi]` range of seconds: both ends in 0–`max`, and `lo` ≤ `hi`.
    pub(super) fn span(&mut self, site: &Site, field: &str, what: &str, span: [f64; 2], bounds: Bounds) {
        let [lo, hi] = span;
        self.range(site, &format!("{field}[0]"), &format!("shortest {what}"), lo, bounds);
        self.range(site, &format!("{field}[1]"), &format!("longest {what}"), hi, bounds);
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

/// Allowed values of a number: `lo`–`hi` inclusive, in `unit`, with the default named.
#[derive(Clone, Copy, Debug)]
pub(super) struct Bounds {
    lo: f64,
    hi: f64,
    /// Appended to numbers, with its leading space: `" s"`, `" ms"`, or empty.
    unit: &'static str,
    /// The default as a learner would type it, with its unit.
    default: &'static str,
}

impl Bounds {
    /// Whether `value` is a finite number within the bounds.
    pub(super) fn contains(self, value: f64) -> bool {
        value.is_finite() && (self.lo..=self.hi).contains(&value)
    }
}

/// Bounds `lo`–`hi` [unit], default `default`; `hi` may be infinite for "or more".
pub(super) const fn bounds(lo: f64, hi: f64, unit: &'static str, default: &'static str) -> Bounds {
    Bounds { lo, hi, unit, default }
}

/// Where a component sits in the file and how messages name it.
pub(super) struct Site {
    /// Path of the object holding the component's fields, e.g. `components[3]`.
    prefix: String,
    /// The component in words, e.g. `instance web-1`.
    pub(super) who: String,
}

impl Site {
    fn new(index: usize, component: &Component) -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{
        AlarmSpec, Connection, DatabaseSpec, GroupSpec, InstanceSpec, InstanceTemplate, MetricName,
        PolicySpec, QueueSpec, RateProfile, RateStep, Role, StepAdjustment, TrackedMetric, reference,
    };

    /// The one problem of `design`; fails the test if there are none or several.
    fn only(design: &Design) -> Problem {
        let mut problems = validate(design);
        assert_eq!(problems.len(), 1, "expected one problem, got {problems:#?}");
        problems.remove(0)
    }

    fn paths(design: &Design) -> Vec<String> {
        validate(design).into_iter().map(|p| p.path).collect()
    }

    fn assert_mentions(problem: &Problem, words: &[&str]) {
        for word in words {
            assert!(problem.message.contains(word), "{:?} should mention {word:?}", problem.message);
        }
    }

    fn spec<'a>(design: &'a mut Design, id: &str) -> &'a mut ComponentSpec {
        let found = design.components.iter_mut().find(|c| c.id == id);
        &mut found.unwrap_or_else(|| panic!("no component {id}")).spec
    }

    fn group<'a>(design: &'a mut Design, id: &str) -> &'a mut GroupSpec {
        match spec(design, id) {
            ComponentSpec::AutoScalingGroup(group) => group,
            other => panic!("{id} is a {}", other.kind_name()),
        }
    }

    fn add(design: &mut Design, id: &str, spec: ComponentSpec) {
        design.components.push(Component { id: id.to_owned(), position: None, spec });
    }

    fn link(design: &mut Design, from: &str, to: &str) {
        design.connections.push(Connection { from: from.to_owned(), to: to.to_owned() });
    }

    fn instance(zone: &str, role: Role) -> ComponentSpec {
        let template = InstanceTemplate { role, ..InstanceTemplate::default() };
        ComponentSpec::Instance(InstanceSpec { zone: zone.to_owned(), template })
    }

    #[test]
    fn reference_designs_and_a_disconnected_design_are_clean() {
        for (name, design) in reference::all() {
            assert_eq!(validate(&design), vec![], "{name}");
        }
        let mut lonely = reference::three_tier();
        lonely.connections.clear();
        assert_eq!(validate(&lonely), vec![], "a design without links runs; its requests find no route");
    }

    #[test]
    fn ids_must_be_unique_short_and_plain() {
        let mut design = reference::single_server();
        design.components[1].id = "db-1".to_owned();
        let problem = &validate(&design)[0];
        assert_eq!(problem.path, "components[2].id");
        assert_mentions(problem, &["db-1", "components[1]"]);

        let mut design = reference::single_server();
        design.components[2].id = "db 1".to_owned();
        design.connections.clear();
        let problem = only(&design);
        assert_eq!(problem.path, "components[2].id");
        assert_mentions(&problem, &["db 1", "' '"]);

        design.components[2].id = "d".repeat(41);
        assert_eq!(only(&design).path, "components[2].id");
        design.components[2].id = String::new();
        let problem = only(&design);
        assert_eq!(problem.path, "components[2].id");
        assert_mentions(&problem, &["database at components[2]", "no id"]);
    }

    #[test]
    fn region_has_one_to_six_distinct_well_formed_zones() {
        let mut design = reference::mmc(1, 0.5, 10.0);
        design.region.zones = vec!["a".into(), "B".into(), "a".into()];
        assert_eq!(paths(&design), ["region.zones[1]", "region.zones[2]"]);
        assert_mentions(&validate(&design)[1], &["zone a", "twice"]);

        design.region.zones = (0..7).map(|k| format!("z{k}")).chain(["a".to_owned()]).collect();
        let problem = only(&design);
        assert_eq!(problem.path, "region.zones");
        assert_mentions(&problem, &["8 zones", "1 to 6"]);

        design.region.zones.clear();
        let problems = validate(&design);
        assert_eq!(problems[0].path, "region.zones");
        assert_eq!(problems[1].path, "components[1].zone");
        assert_mentions(&problems[1], &["server", "zone a", "no zones yet"]);
    }

    #[test]
    fn zone_references_must_exist_in_the_region() {
        let mut design = reference::single_server();
        design.components[1].id = "web-2".to_owned();
        design.connections.clear();
        let ComponentSpec::Instance(web) = spec(&mut design, "web-2") else { unreachable!() };
        web.zone = "d".to_owned();
        let problem = only(&design);
        assert_eq!(problem.path, "components[1].zone");
        assert_eq!(
            problem.message,
            "instance web-2 is in zone d, which the region does not have (zones: a, b, c)"
        );

        let mut design = reference::three_tier();
        group(&mut design, "workers").zones = vec!["a".into(), "e".into(), "a".into()];
        let ComponentSpec::Database(db) = spec(&mut design, "db") else { unreachable!() };
        db.read_replicas = vec!["b".into(), "b".into(), "f".into()];
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            ["components[4].zones[1]", "components[4].zones[2]", "components[5].read_replicas[2]"]
        );
        assert_mentions(&problems[0], &["group workers", "zone e"]);
        assert_mentions(&problems[1], &["group workers", "zone a twice"]);
        assert_mentions(&problems[2], &["database db", "read replica", "zone f"]);
    }

    #[test]
    fn standby_in_another_zone_alb_in_two_zones_group_in_one() {
        let mut design = reference::three_tier();
        let ComponentSpec::Database(db) = spec(&mut design, "db") else { unreachable!() };
        db.standby_zone = Some("a".to_owned());
        let problem = only(&design);
        assert_eq!(problem.path, "components[5].standby_zone");
        assert_mentions(&problem, &["database db", "same zone", "e.g. b"]);

        let mut design = reference::three_tier();
        let ComponentSpec::LoadBalancer(lb) = spec(&mut design, "lb-1") else { unreachable!() };
        lb.zones = vec!["a".to_owned()];
        group(&mut design, "web").zones.clear();
        let problems = validate(&design);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_eq!(problems[0].path, "components[1].zones");
        assert_mentions(&problems[0], &["load balancer lb-1", "at least two zones", "AWS"]);
        assert_eq!(problems[1].path, "components[2].zones");
        assert_mentions(&problems[1], &["group web", "no zones"]);
    }

    #[test]
    fn links_must_mean_something() {
        let mut design = reference::three_tier();
        add(&mut design, "worker-1", instance("a", Role::Worker));
        link(&mut design, "lb-1", "worker-1");
        let problem = only(&design);
        assert_eq!(problem.path, "connections[6].to");
        assert_mentions(
            &problem,
            &[
                "load balancer lb-1",
                "worker instance worker-1",
                "a load balancer sends requests only to web instances or web groups",
                "worker-1 is a worker, so connect a queue to it instead",
            ],
        );

        let refused = [
            ("clients", "web", "connections[6].to", "put a load balancer in front"),
            ("jobs", "web", "connections[6].to", "set its role to worker"),
            ("web", "workers", "connections[6].to", "web → queue → workers"),
            ("workers", "jobs", "connections[6].to", "draw the link from jobs to workers"),
            ("db", "web", "connections[6].from", "database sends nothing"),
            ("jobs-age", "jobs", "connections[6].from", "source field"),
            ("web", "clients", "connections[6].to", "requests start there"),
        ];
        for (from, to, path, words) in refused {
            let mut design = reference::three_tier();
            link(&mut design, from, to);
            let problem = only(&design);
            assert_eq!(problem.path, path, "{from} → {to}");
            assert_mentions(&problem, &[from, to, words]);
        }
    }

    #[test]
    fn links_need_two_existing_distinct_ends_once() {
        let mut design = reference::three_tier();
        link(&mut design, "web-9", "db");
        link(&mut design, "web", "");
        link(&mut design, "jobs", "jobs");
        link(&mut design, "web", "db");
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(got, ["connections[6].from", "connections[7].to", "connections[8].to", "connections[9]"]);
        assert_mentions(&problems[0], &["web-9", "not a component", "ids: clients, lb-1"]);
        assert_mentions(&problems[1], &["no to"]);
        assert_mentions(&problems[2], &["queue jobs", "itself"]);
        assert_mentions(&problems[3], &["repeats connections[3]", "web → db"]);
    }

    #[test]
    fn links_respect_their_limits() {
        let mut design = reference::three_tier();
        add(&mut design, "db-2", ComponentSpec::Database(DatabaseSpec::default()));
        add(&mut design, "jobs-2", ComponentSpec::Queue(QueueSpec::default()));
        add(&mut design, "web-1", instance("a", Role::Web));
        add(&mut design, "lb-2", spec(&mut reference::three_tier(), "lb-1").clone());
        link(&mut design, "web", "db-2"); // 6: second database
        link(&mut design, "web", "jobs-2"); // 7: second queue
        link(&mut design, "workers", "db-2"); // 8: second database of a worker
        link(&mut design, "jobs-2", "workers"); // 9: second queue of a worker
        link(&mut design, "clients", "web-1"); // 10: second entry of the clients
        link(&mut design, "lb-2", "web-1"); // 11: second front of web-1
        let problems = validate(&design);
        let got: Vec<(&str, &str)> =
            problems.iter().map(|p| (p.path.as_str(), p.message.split(';').next().unwrap_or(""))).collect();
        assert_eq!(
            got,
            [
                ("connections[6].to", "web group web already sends work to database db (connections[3])"),
                ("connections[7].to", "web group web already sends work to queue jobs (connections[2])"),
                (
                    "connections[8].to",
                    "worker group workers already sends work to database db (connections[5])"
                ),
                ("connections[9].from", "worker group workers already consumes queue jobs (connections[4])"),
                (
                    "connections[10].to",
                    "clients already send requests to load balancer lb-1 (connections[0])"
                ),
                (
                    "connections[11].from",
                    "web instance web-1 already receives requests from clients (connections[10])"
                ),
            ]
        );
    }

    #[test]
    fn alarms_watch_an_existing_component_and_a_metric_it_publishes() {
        let mut design = reference::three_tier();
        let ComponentSpec::Alarm(alarm) = spec(&mut design, "jobs-age") else { unreachable!() };
        alarm.source = "jbos".to_owned();
        let problem = only(&design);
        assert_eq!(problem.path, "components[6].source");
        assert_mentions(&problem, &["alarm jobs-age", "jbos", "not a component"]);

        let cases = [
            ("jobs", MetricName::CpuUtilization, "messages_visible, oldest_message_age"),
            ("db", MetricName::Latency, "cpu_utilization"),
            ("web", MetricName::BacklogPerInstance, "no queue sends to it"),
            ("clients", MetricName::RequestCount, "publishes no metrics"),
        ];
        for (source, metric, words) in cases {
            let mut design = reference::three_tier();
            let alarm = AlarmSpec { source: source.to_owned(), metric, ..AlarmSpec::default() };
            add(&mut design, "watch", ComponentSpec::Alarm(alarm));
            let problem = only(&design);
            assert_eq!(problem.path, "components[7].metric", "{source}");
            assert_mentions(&problem, &["alarm watch", source, words]);
        }
        let mut design = reference::three_tier();
        let backlog = AlarmSpec {
            source: "workers".into(),
            metric: MetricName::BacklogPerInstance,
            ..AlarmSpec::default()
        };
        add(&mut design, "backlog", ComponentSpec::Alarm(backlog));
        assert_eq!(validate(&design), vec![], "a group a queue feeds publishes its backlog");
    }

    #[test]
    fn alarm_periods_follow_cloudwatch() {
        let mut design = reference::three_tier();
        let ComponentSpec::Alarm(alarm) = spec(&mut design, "jobs-age") else { unreachable!() };
        alarm.period_s = 45.0;
        alarm.datapoints_to_alarm = 2;
        let problems = validate(&design);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].path, "components[6].period_s");
        assert_mentions(&problems[0], &["alarm jobs-age", "45 s", "10, 30 or a multiple of 60"]);
        assert_eq!(problems[1].path, "components[6].datapoints_to_alarm");
        assert_mentions(&problems[1], &["2 of 1"]);

        let ComponentSpec::Alarm(alarm) = spec(&mut design, "jobs-age") else { unreachable!() };
        alarm.period_s = 300.0;
        alarm.evaluation_periods = 289;
        let problem = only(&design);
        assert_eq!(problem.path, "components[6].evaluation_periods");
        assert_mentions(&problem, &["86,700 s", "at most 288 periods"]);

        let ComponentSpec::Alarm(alarm) = spec(&mut design, "jobs-age") else { unreachable!() };
        alarm.evaluation_periods = 0;
        assert_eq!(paths(&design), ["components[6].evaluation_periods"]);
    }

    #[test]
    fn traffic_profiles_stay_in_range() {
        let mut design = reference::single_server();
        let ComponentSpec::Clients(clients) = spec(&mut design, "clients") else { unreachable!() };
        clients.profile = RateProfile::Constant { rate: 1e12 };
        clients.read_fraction = 1.5;
        clients.timeout_s = Some(0.0);
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            ["components[0].profile.rate", "components[0].read_fraction", "components[0].timeout_s"]
        );
        assert_eq!(
            problems[0].message,
            "the request rate of clients is 1,000,000,000,000 requests/s; use 0–100,000 requests/s (default 100 requests/s)"
        );
        assert_mentions(&problems[2], &["0.1–3,600 s", "null waits forever"]);

        let ComponentSpec::Clients(clients) = spec(&mut design, "clients") else { unreachable!() };
        *clients = crate::design::ClientsSpec::default();
        let step = |at_s, rate| RateStep { at_s, rate };
        let profiles = [
            (RateProfile::Ramp { from: 0.0, to: 10.0, over_s: 0.0 }, "profile.over_s"),
            (RateProfile::Spike { base: 1.0, peak: 2.0, at_s: -5.0, for_s: 10.0 }, "profile.at_s"),
            (RateProfile::Spike { base: 1.0, peak: 2.0, at_s: 5.0, for_s: f64::INFINITY }, "profile.for_s"),
            (RateProfile::Daily { mean: 5.0, amplitude: 1.5, period_s: 86_400.0 }, "profile.amplitude"),
            (RateProfile::Daily { mean: 5.0, amplitude: 0.5, period_s: 59.0 }, "profile.period_s"),
            (RateProfile::Steps { steps: vec![step(10.0, 1.0), step(5.0, 2.0)] }, "profile.steps[1].at_s"),
            (RateProfile::Steps { steps: vec![step(0.0, f64::NAN)] }, "profile.steps[0].rate"),
            (RateProfile::Steps { steps: vec![] }, "profile.steps"),
        ];
        for (profile, path) in profiles {
            let ComponentSpec::Clients(clients) = spec(&mut design, "clients") else { unreachable!() };
            clients.profile = profile;
            let problem = only(&design);
            assert_eq!(problem.path, format!("components[0].{path}"));
            assert_mentions(&problem, &["clients"]);
        }
    }

    #[test]
    fn health_checks_and_draining_follow_the_alb_ranges() {
        let mut design = reference::three_tier();
        let ComponentSpec::LoadBalancer(lb) = spec(&mut design, "lb-1") else { unreachable!() };
        lb.health_check.interval_s = 10.0;
        lb.health_check.timeout_s = 10.0;
        lb.health_check.healthy_threshold = 11;
        lb.health_check.unhealthy_threshold = 1;
        lb.deregistration_delay_s = -1.0;
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "components[1].health_check.timeout_s",
                "components[1].health_check.healthy_threshold",
                "components[1].health_check.unhealthy_threshold",
                "components[1].deregistration_delay_s",
            ]
        );
        assert_mentions(&problems[0], &["load balancer lb-1", "less than its interval"]);
        assert_mentions(&problems[1], &["2–10", "default 5"]);
        assert_mentions(&problems[3], &["0–3,600 s", "default 300 s"]);

        let ComponentSpec::LoadBalancer(lb) = spec(&mut design, "lb-1") else { unreachable!() };
        *lb = crate::design::LoadBalancerSpec::default();
        lb.health_check.interval_s = 0.0;
        let problem = only(&design);
        assert_eq!(problem.path, "components[1].health_check.interval_s");
        assert_mentions(&problem, &["load balancer lb-1", "5–300 s", "default 30 s"]);
    }

    #[test]
    fn instances_have_a_known_size_and_sane_service() {
        let mut design = reference::single_server();
        let ComponentSpec::Instance(web) = spec(&mut design, "web-1") else { unreachable!() };
        web.template.size = "m5.huge".to_owned();
        web.template.slots = Some(0);
        web.template.accept_queue = Some(100_001);
        web.template.service.mean_ms = 0.0;
        web.template.service.sigma = 4.0;
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "components[1].size",
                "components[1].slots",
                "components[1].accept_queue",
                "components[1].service.mean_ms",
                "components[1].service.sigma",
            ]
        );
        assert_mentions(&problems[0], &["instance web-1", "m5.huge", "t3.micro", "m5.large"]);
        assert_mentions(&problems[1], &["1–1,024"]);
        assert_mentions(&problems[3], &["0.01–600,000 ms", "default 50 ms"]);
    }

    #[test]
    fn groups_keep_min_desired_max_and_timings_in_order() {
        let mut design = reference::three_tier();
        let web = group(&mut design, "web");
        (web.min, web.desired, web.max) = (4, 20, 12);
        web.launch_time_s = [180.0, 120.0];
        web.grace_period_s = 7201.0;
        web.cooldown_s = -1.0;
        web.warmup_s = Some(3601.0);
        web.instance.size = "db.m5.large".to_owned();
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "components[2].desired",
                "components[2].launch_time_s",
                "components[2].grace_period_s",
                "components[2].cooldown_s",
                "components[2].warmup_s",
                "components[2].instance.size",
            ]
        );
        assert_mentions(&problems[0], &["group web", "desired 20", "max 12"]);
        assert_mentions(&problems[1], &["[180, 120]", "e.g. [120, 180]"]);

        let web = group(&mut reference::three_tier(), "web").clone();
        let mut design = reference::three_tier();
        *group(&mut design, "web") = GroupSpec { min: 5, desired: 5, max: 1001, ..web };
        assert_eq!(paths(&design), ["components[2].max"]);
        group(&mut design, "web").max = 3;
        assert_eq!(paths(&design), ["components[2].min", "components[2].desired"]);
    }

    #[test]
    fn scaling_policies_make_sense() {
        let mut design = reference::three_tier();
        group(&mut design, "web").policies = vec![
            PolicySpec::TargetTracking { metric: TrackedMetric::Cpu, target: 150.0 },
            PolicySpec::TargetTracking { metric: TrackedMetric::BacklogPerInstance, target: 0.0 },
            PolicySpec::Simple { alarm: "cpu-high".to_owned(), change: 1 },
            PolicySpec::Step { alarm: "jobs".to_owned(), steps: vec![] },
            PolicySpec::Step {
                alarm: "jobs-age".to_owned(),
                steps: vec![
                    StepAdjustment { lower: Some(0.0), upper: Some(10.0), change: 1 },
                    StepAdjustment { lower: Some(5.0), upper: None, change: 2 },
                    StepAdjustment { lower: Some(3.0), upper: Some(3.0), change: 2 },
                ],
            },
        ];
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "components[2].policies[0].target",
                "components[2].policies[1].target",
                "components[2].policies[1].metric",
                "components[2].policies[2].alarm",
                "components[2].policies[3].alarm",
                "components[2].policies[3].steps",
                "components[2].policies[4].steps[2]",
                "components[2].policies[4].steps[1]",
            ]
        );
        assert_mentions(&problems[0], &["group web", "at most 100 %"]);
        assert_mentions(&problems[2], &["group web", "backlog_per_instance"]);
        assert_mentions(&problems[3], &["cpu-high", "alarms: jobs-age"]);
        assert_mentions(&problems[4], &["jobs", "queue, not an alarm"]);
        assert_mentions(&problems[7], &["overlaps step 0"]);
    }

    #[test]
    fn queues_stay_in_sqs_ranges() {
        let mut design = reference::three_tier();
        let ComponentSpec::Queue(queue) = spec(&mut design, "jobs") else { unreachable!() };
        *queue = QueueSpec {
            visibility_timeout_s: 43_201.0,
            retention_s: 59.0,
            receive_wait_s: 21.0,
            batch_size: 0,
            max_receive_count: Some(0),
        };
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "components[3].visibility_timeout_s",
                "components[3].retention_s",
                "components[3].receive_wait_s",
                "components[3].batch_size",
                "components[3].max_receive_count",
            ]
        );
        assert_mentions(&problems[1], &["queue jobs", "60–1,209,600 s", "default 345,600 s"]);
    }

    #[test]
    fn databases_have_a_known_class_and_sane_timings() {
        let mut design = reference::three_tier();
        let ComponentSpec::Database(db) = spec(&mut design, "db") else { unreachable!() };
        db.size = "m5.large".to_owned();
        db.slots = 0;
        db.query_ms = 60_001.0;
        db.failover_s = [120.0, 60.0];
        db.host_replacement_s = [0.0, 86_401.0];
        db.restore_s = [0.0, 604_800.0];
        db.recovery_point_s = -1.0;
        db.replica_lag_ms = 3_600_001.0;
        db.read_replicas = vec!["a".to_owned(); 6];
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "components[5].read_replicas",
                "components[5].size",
                "components[5].slots",
                "components[5].query_ms",
                "components[5].failover_s",
                "components[5].host_replacement_s[1]",
                "components[5].recovery_point_s",
                "components[5].replica_lag_ms",
            ]
        );
        assert_mentions(&problems[0], &["database db", "6 read replicas", "at most 5"]);
        assert_mentions(&problems[1], &["m5.large", "db.m5.large", "db.t3.micro"]);
    }

    #[test]
    fn design_limits_on_name_and_counts() {
        let mut design = reference::mmc(2, 0.5, 100.0);
        design.name = "n".repeat(101);
        for k in 0..500 {
            add(&mut design, &format!("q{k}"), ComponentSpec::Queue(QueueSpec::default()));
        }
        for _ in 0..2000 {
            link(&mut design, "clients", "server");
        }
        let problems = validate(&design);
        assert_eq!(problems[0].path, "name");
        assert_mentions(&problems[0], &["101 characters", "100"]);
        assert_eq!(problems[1].path, "components");
        assert_mentions(&problems[1], &["502 components", "500"]);
        assert_eq!(problems[2].path, "connections");
        assert_mentions(&problems[2], &["2001 connections", "2000"]);
    }

    #[test]
    fn every_problem_is_reported_and_non_finite_numbers_never_pass() {
        let mut design = reference::three_tier();
        for component in &mut design.components {
            match &mut component.spec {
                ComponentSpec::Clients(c) => c.read_fraction = f64::NAN,
                ComponentSpec::LoadBalancer(lb) => lb.deregistration_delay_s = f64::INFINITY,
                ComponentSpec::AutoScalingGroup(g) => g.cooldown_s = f64::NEG_INFINITY,
                ComponentSpec::Queue(q) => q.retention_s = f64::NAN,
                ComponentSpec::Database(d) => d.failover_s = [f64::NAN, f64::NAN],
                ComponentSpec::Alarm(a) => a.threshold = f64::NAN,
                ComponentSpec::Instance(_) => {}
            }
        }
        assert_eq!(
            paths(&design),
            [
                "components[0].read_fraction",
                "components[1].deregistration_delay_s",
                "components[2].cooldown_s",
                "components[3].retention_s",
                "components[4].cooldown_s",
                "components[5].failover_s[0]",
                "components[5].failover_s[1]",
                "components[6].threshold",
            ]
        );
    }

    #[test]
    fn big_designs_validate_quickly() {
        let mut design = reference::three_tier();
        for k in 0..20_000 {
            add(&mut design, &format!("web-{k}"), instance("a", Role::Web));
            link(&mut design, "lb-1", &format!("web-{k}"));
            link(&mut design, "nowhere", &format!("web-{k}"));
        }
        let started = std::time::Instant::now();
        let problems = validate(&design);
        assert!(started.elapsed().as_secs_f64() < 2.0, "took {:?}", started.elapsed());
        assert_eq!(problems.len(), 2 + 20_000);
    }
}
