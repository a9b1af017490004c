//! Every editable parameter of every kind of component, as the inspector shows it: which
//! fields, in which sections, with which control.
//!
//! The facts about each field (range, unit, label, help sentence, what `null` means) are
//! not written here: they come from the library's parameter table
//! (`nines_sim::design::param`), the same table `validate` checks against, keyed by the
//! same paths (`health_check.interval_s`, `instance.service.mean_ms`) at which `validate`
//! reports problems, so a problem finds its field by path. Defaults are read from the
//! library's `Default` implementations.

use nines_sim::design::param::{self, Domain};
use nines_sim::design::{
    Component, ComponentSpec, Design, Distribution, InstanceTemplate, PolicySpec, RateProfile, Role,
};
use nines_sim::price_table::PriceTable;

use crate::kind::{Kind, component_label};
use crate::number::num;

/// The small text syntaxes of list fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepsKind {
    /// A clients profile's steps: `at_s: rate, …`, e.g. `0: 100, 600: 400`.
    Rates,
    /// A step policy's adjustments: `lower..upper: change, …`, e.g. `0..20: +1, 20..: +3`.
    Adjustments,
}

/// The control that edits a field.
#[derive(Clone, Debug, PartialEq)]
pub enum Widget {
    /// A number in `unit` (may be empty), allowed `lo`–`hi` (above `lo` if `above`); whole
    /// numbers if `integer`; `none` labels the choice of no value (`null`) for optional fields.
    Number { unit: &'static str, lo: f64, hi: f64, integer: bool, above: bool, none: Option<&'static str> },
    /// A `[shortest, longest]` pair of numbers in `unit`, each `lo`–`hi`.
    Span { unit: &'static str, lo: f64, hi: f64 },
    /// One of a list: (value as files spell it, label as people read it).
    Choice(Vec<(String, String)>),
    /// On or off.
    Toggle,
    /// A set of the region's zones, each at most once.
    ZoneSet,
    /// One of the region's zones; `none` labels the choice of no zone.
    Zone { none: Option<&'static str> },
    /// A list of zones that may repeat (read replicas), at most `max` long.
    ZoneList { max: usize },
    /// A list written in a small text syntax.
    Steps(StepsKind),
}

/// One editable parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Path inside the component, e.g. `health_check.interval_s`.
    pub path: String,
    /// Short label, from the parameter table.
    pub label: &'static str,
    /// The control that edits it.
    pub widget: Widget,
    /// What it does and why it matters for availability, in one sentence.
    pub help: &'static str,
}

/// A titled group of fields in the inspector.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Heading of the group.
    pub title: &'static str,
    /// Its fields, in reading order.
    pub fields: Vec<Field>,
}

/// What a field chooses from that only the design knows: its alarms and components.
struct Ids {
    /// Choices for a policy's alarm.
    alarms: Vec<(String, String)>,
    /// Choices for an alarm's source.
    sources: Vec<(String, String)>,
}

/// The field at `path` of a `kind` component, built from its table entry; `None` only if
/// the table lacks it (the tests check that it never does).
fn field(ids: &Ids, kind: &str, path: &str) -> Option<Field> {
    let p = param::find(kind, path)?;
    let widget = match p.domain {
        Domain::Number(r) => Widget::Number {
            unit: p.unit,
            lo: r.lo,
            hi: r.hi,
            integer: r.integer,
            above: r.above,
            none: p.none,
        },
        Domain::Span(r) => Widget::Span { unit: p.unit, lo: r.lo, hi: r.hi },
        Domain::Choice(list) => {
            Widget::Choice(list.iter().map(|c| (c.name.to_owned(), c.label.to_owned())).collect())
        }
        Domain::Toggle => Widget::Toggle,
        Domain::Zone => Widget::Zone { none: p.none },
        Domain::Zones => Widget::ZoneSet,
        Domain::ZoneList { max } => Widget::ZoneList { max },
        Domain::InstanceSize => Widget::Choice(sizes(false)),
        Domain::DatabaseClass => Widget::Choice(sizes(true)),
        Domain::Component => Widget::Choice(ids.sources.clone()),
        Domain::Alarm => Widget::Choice(ids.alarms.clone()),
        Domain::Rates => Widget::Steps(StepsKind::Rates),
        Domain::Adjustments => Widget::Steps(StepsKind::Adjustments),
    };
    Some(Field { path: path.to_owned(), label: p.label, widget, help: p.why })
}

/// Instance types (or database classes) with their slots and price, from the price table.
fn sizes(databases: bool) -> Vec<(String, String)> {
    let prices = PriceTable::standard();
    let label =
        |name: &String, slots: u32, usd: f64| (name.clone(), format!("{name} · {slots} slots · ${usd}/h"));
    if databases {
        prices.databases.iter().map(|(name, c)| label(name, c.slots, c.usd_per_hour)).collect()
    } else {
        prices.instances.iter().map(|(name, c)| label(name, c.slots, c.usd_per_hour)).collect()
    }
}

/// A section of the fields at `paths`.
fn section(ids: &Ids, kind: &str, title: &'static str, paths: &[String]) -> Section {
    Section { title, fields: paths.iter().filter_map(|path| field(ids, kind, path)).collect() }
}

fn owned(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|p| (*p).to_owned()).collect()
}

/// Every section of fields for `component`, in reading order. What is shown follows the
/// component's current choices (a ramp shows ramp fields; a worker shows idempotence).
pub fn sections(design: &Design, component: &Component) -> Vec<Section> {
    let ids = Ids { alarms: alarms(design), sources: sources(design, component) };
    let kind = component.spec.kind_name();
    let one = |title, paths: Vec<String>| vec![section(&ids, kind, title, &paths)];
    match &component.spec {
        ComponentSpec::Clients(c) => one("Traffic", clients(&c.profile)),
        ComponentSpec::LoadBalancer(lb) => vec![
            section(&ids, kind, "Placement and routing", &owned(&["zones", "cross_zone", "routing"])),
            section(&ids, kind, "Health check", &owned(LB_HEALTH)),
            section(&ids, kind, "Sticky sessions", &owned(sticky_fields(lb.stickiness))),
        ],
        ComponentSpec::Instance(i) => vec![
            section(&ids, kind, "Placement", &owned(&["zone"])),
            section(&ids, kind, "Server", &template("", &i.template)),
        ],
        ComponentSpec::AutoScalingGroup(g) => vec![
            section(&ids, kind, "Placement", &owned(&["zones"])),
            section(&ids, kind, "Capacity", &owned(&["min", "desired", "max", "launch_time_s"])),
            section(&ids, kind, "Health and timing", &owned(GROUP_TIMING)),
            policy_section(&ids, &g.policies),
            section(&ids, kind, "Launch template", &template("instance.", &g.instance)),
        ],
        ComponentSpec::Queue(_) => one("Queue", owned(QUEUE)),
        ComponentSpec::Database(_) => vec![
            section(&ids, kind, "Placement", &owned(&["zone", "standby_zone", "read_replicas"])),
            section(&ids, kind, "Capacity", &owned(&["size", "slots", "query_ms"])),
            section(&ids, kind, "Recovery", &owned(DB_RECOVERY)),
        ],
        ComponentSpec::Alarm(_) => one("Alarm", owned(ALARM)),
        ComponentSpec::KeyValueStore(_) => vec![
            section(&ids, kind, "Capacity", &owned(&["read_capacity", "write_capacity"])),
            section(
                &ids,
                kind,
                "Consistency",
                &owned(&["consistent_reads", "replication_lag_ms", "latency_ms"]),
            ),
        ],
        ComponentSpec::Cdn(_) => one("Edge cache", owned(&["hit_ratio", "edge_latency_ms"])),
        ComponentSpec::ObjectStorage(_) => one("Requests", owned(&["prefixes", "latency_ms"])),
        ComponentSpec::Dns(_) => vec![
            section(
                &ids,
                kind,
                "Routing and health checks",
                &owned(&["routing", "fast_health_checks", "failure_threshold"]),
            ),
            section(
                &ids,
                kind,
                "Caching",
                &owned(&["ttl_s", "late_resolver_share", "late_resolver_ttl_multiple"]),
            ),
        ],
    }
}

/// The stickiness switch, and its duration only while it is on.
fn sticky_fields(on: bool) -> &'static [&'static str] {
    if on { &["stickiness", "stickiness_duration_s"] } else { &["stickiness"] }
}

const LB_HEALTH: &[&str] = &[
    "health_check.interval_s",
    "health_check.timeout_s",
    "health_check.healthy_threshold",
    "health_check.unhealthy_threshold",
    "deregistration_delay_s",
];
const GROUP_TIMING: &[&str] = &["health_check_type", "grace_period_s", "cooldown_s", "warmup_s"];
const QUEUE: &[&str] =
    &["visibility_timeout_s", "retention_s", "receive_wait_s", "batch_size", "max_receive_count"];
const DB_RECOVERY: &[&str] =
    &["failover_s", "host_replacement_s", "restore_s", "recovery_point_s", "replica_lag_ms"];
const ALARM: &[&str] = &[
    "source",
    "metric",
    "statistic",
    "period_s",
    "evaluation_periods",
    "datapoints_to_alarm",
    "threshold",
    "comparison",
    "missing_data",
];

/// Every field of `component`, sections flattened.
pub fn all(design: &Design, component: &Component) -> Vec<Field> {
    sections(design, component).into_iter().flat_map(|s| s.fields).collect()
}

/// The clients' fields: the profile's shape, that shape's own fields, reads and timeout.
fn clients(profile: &RateProfile) -> Vec<String> {
    let shape: &[&str] = match profile {
        RateProfile::Constant { .. } => &["rate"],
        RateProfile::Ramp { .. } => &["from", "to", "over_s"],
        RateProfile::Spike { .. } => &["base", "peak", "at_s", "for_s"],
        RateProfile::Daily { .. } => &["mean", "amplitude", "period_s"],
        RateProfile::Steps { .. } => &["steps"],
    };
    let mut paths = vec!["profile.shape".to_owned()];
    paths.extend(shape.iter().map(|f| format!("profile.{f}")));
    paths.extend(owned(&["read_fraction", "timeout_s", "users", "static_fraction"]));
    paths
}

/// Fields of an instance template under `prefix` (`""` for an instance, `"instance."` for a group).
fn template(prefix: &str, t: &InstanceTemplate) -> Vec<String> {
    let mut paths = vec!["size", "slots", "role", "service.distribution", "service.mean_ms"];
    if t.service.distribution == Distribution::LogNormal {
        paths.push("service.sigma");
    }
    paths.push("accept_queue");
    if t.role == Role::Worker {
        paths.push("idempotent");
    } else {
        paths.push("sessions");
    }
    paths.iter().map(|f| format!("{prefix}{f}")).collect()
}

/// Each policy's type and the fields of that type.
fn policies(policies: &[PolicySpec]) -> Vec<String> {
    let mut paths = Vec::new();
    for (k, policy) in policies.iter().enumerate() {
        let fields: &[&str] = match policy {
            PolicySpec::TargetTracking { .. } => &["type", "metric", "target"],
            PolicySpec::Step { .. } => &["type", "alarm", "steps"],
            PolicySpec::Simple { .. } => &["type", "alarm", "change"],
        };
        paths.extend(fields.iter().map(|f| format!("policies[{k}].{f}")));
    }
    paths
}

/// The scaling policies; each alarm control also offers the alarm its policy names now,
/// even none or a missing one, so the control shows what the file holds.
fn policy_section(ids: &Ids, list: &[PolicySpec]) -> Section {
    let mut section = section(ids, "auto_scaling_group", "Scaling policies", &policies(list));
    for field in &mut section.fields {
        let index = field.path.strip_prefix("policies[").and_then(|rest| rest.split(']').next());
        let policy = index.and_then(|k| k.parse::<usize>().ok()).and_then(|k| list.get(k));
        let (
            Some(PolicySpec::Step { alarm, .. } | PolicySpec::Simple { alarm, .. }),
            Widget::Choice(options),
        ) = (policy, &mut field.widget)
        else {
            continue;
        };
        if field.path.ends_with(".alarm") && !options.iter().any(|(v, _)| v == alarm) {
            let label = if alarm.is_empty() { "Choose an alarm".to_owned() } else { alarm.clone() };
            options.insert(0, (alarm.clone(), label));
        }
    }
    section
}

/// The design's alarms, which a step or simple policy may name.
fn alarms(design: &Design) -> Vec<(String, String)> {
    design
        .components
        .iter()
        .filter(|c| matches!(c.spec, ComponentSpec::Alarm(_)))
        .map(|c| (c.id.clone(), c.id.clone()))
        .collect()
}

/// Components an alarm may watch: all but alarms, clients and itself.
fn sources(design: &Design, component: &Component) -> Vec<(String, String)> {
    let mut sources: Vec<(String, String)> = design
        .components
        .iter()
        .filter(|c| {
            c.id != component.id && !matches!(c.spec, ComponentSpec::Alarm(_) | ComponentSpec::Clients(_))
        })
        .map(|c| (c.id.clone(), component_label(Kind::of(&c.spec), &c.id, None)))
        .collect();
    if let ComponentSpec::Alarm(a) = &component.spec
        && a.source.is_empty()
    {
        sources.insert(0, (String::new(), "Choose a component".to_owned()));
    }
    sources
}

/// The default value of `path` for a new component of `kind`, from the library's defaults;
/// `None` where there is no single default (a policy's fields, a placed zone).
pub fn default_of(kind: Kind, path: &str) -> Option<serde_json::Value> {
    if path.starts_with("policies[") || path == "zone" || path == "source" {
        return None;
    }
    let spec = match kind {
        Kind::Clients => ComponentSpec::Clients(Default::default()),
        Kind::LoadBalancer => ComponentSpec::LoadBalancer(Default::default()),
        Kind::Instance => ComponentSpec::Instance(nines_sim::design::InstanceSpec {
            zone: String::new(),
            template: InstanceTemplate::default(),
        }),
        Kind::AutoScalingGroup => ComponentSpec::AutoScalingGroup(Default::default()),
        Kind::Queue => ComponentSpec::Queue(Default::default()),
        Kind::Database => ComponentSpec::Database(Default::default()),
        Kind::Alarm => ComponentSpec::Alarm(Default::default()),
        Kind::KeyValueStore => ComponentSpec::KeyValueStore(Default::default()),
        Kind::ObjectStorage => ComponentSpec::ObjectStorage(Default::default()),
        Kind::Cdn => ComponentSpec::Cdn(Default::default()),
        Kind::Dns => ComponentSpec::Dns(Default::default()),
    };
    let value =
        super::field_value::to_value(&Component { id: String::new(), position: None, region: None, spec });
    super::field_value::get(&value, path).cloned()
}

/// "5–300 s", "0–1", "60 s or more", "above 0 s": the allowed values of a number field in words.
pub fn range_text(widget: &Widget) -> Option<String> {
    let (unit, lo, hi, above) = match widget {
        Widget::Number { unit, lo, hi, above, .. } => (*unit, *lo, *hi, *above),
        Widget::Span { unit, lo, hi } => (*unit, *lo, *hi, false),
        _ => return None,
    };
    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
    Some(if hi.is_infinite() && lo.is_infinite() {
        "any number".to_owned()
    } else if hi.is_infinite() && above {
        format!("above {}{unit}", num(lo))
    } else if hi.is_infinite() {
        format!("{}{unit} or more", num(lo))
    } else {
        format!("{}–{}{unit}", num(lo), num(hi))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    #[test]
    fn every_kind_has_fields_with_help() {
        let d = reference::three_tier();
        for c in &d.components {
            let fields = all(&d, c);
            assert!(!fields.is_empty(), "{}", c.id);
            for f in &fields {
                assert!(f.help.len() > 20 && f.help.ends_with('.'), "{}.{}: {}", c.id, f.path, f.help);
                assert!(!f.label.is_empty());
            }
        }
    }

    #[test]
    fn defaults_come_from_the_library() {
        assert_eq!(default_of(Kind::LoadBalancer, "health_check.interval_s"), Some(serde_json::json!(30.0)));
        assert_eq!(default_of(Kind::Queue, "retention_s"), Some(serde_json::json!(345_600.0)));
        assert_eq!(default_of(Kind::AutoScalingGroup, "instance.size"), Some(serde_json::json!("m5.large")));
        assert_eq!(default_of(Kind::Database, "standby_zone"), Some(serde_json::Value::Null));
        assert_eq!(default_of(Kind::Instance, "zone"), None);
    }

    #[test]
    fn ranges_read_well() {
        let number = |unit, lo, hi, above| Widget::Number { unit, lo, hi, integer: false, above, none: None };
        assert_eq!(range_text(&number("s", 5.0, 300.0, false)).unwrap(), "5–300 s");
        assert_eq!(range_text(&number("s", 60.0, f64::INFINITY, false)).unwrap(), "60 s or more");
        assert_eq!(range_text(&number("", 0.0, f64::INFINITY, true)).unwrap(), "above 0");
        assert_eq!(range_text(&number("", f64::NEG_INFINITY, f64::INFINITY, false)).unwrap(), "any number");
        assert_eq!(range_text(&Widget::Toggle), None);
    }

    /// Components of every kind in every variant the inspector distinguishes.
    fn every_variant() -> Design {
        use nines_sim::design::{InstanceSpec, RateStep, StepAdjustment, TrackedMetric};
        let mut d = reference::three_tier();
        let mut template = InstanceTemplate { role: Role::Worker, ..Default::default() };
        template.service.distribution = Distribution::LogNormal;
        let instance = ComponentSpec::Instance(InstanceSpec { zone: "a".into(), template });
        d.components.push(Component { id: "solo".into(), position: None, region: None, spec: instance });
        let store = ComponentSpec::KeyValueStore(Default::default());
        d.components.push(Component { id: "kv".into(), position: None, region: None, spec: store });
        let cdn = ComponentSpec::Cdn(Default::default());
        d.components.push(Component { id: "cdn".into(), position: None, region: None, spec: cdn });
        let storage = ComponentSpec::ObjectStorage(Default::default());
        d.components.push(Component { id: "assets".into(), position: None, region: None, spec: storage });
        let sticky = ComponentSpec::LoadBalancer(nines_sim::design::LoadBalancerSpec {
            stickiness: true,
            ..Default::default()
        });
        d.components.push(Component { id: "sticky".into(), position: None, region: None, spec: sticky });
        let dns = ComponentSpec::Dns(Default::default());
        d.components.push(Component { id: "dns".into(), position: None, region: None, spec: dns });
        let profiles = [
            RateProfile::Ramp { from: 1.0, to: 2.0, over_s: 3.0 },
            RateProfile::Spike { base: 1.0, peak: 2.0, at_s: 3.0, for_s: 4.0 },
            RateProfile::Daily { mean: 1.0, amplitude: 0.5, period_s: 60.0 },
            RateProfile::Steps { steps: vec![RateStep { at_s: 0.0, rate: 1.0 }] },
        ];
        for (k, profile) in profiles.into_iter().enumerate() {
            let spec =
                ComponentSpec::Clients(nines_sim::design::ClientsSpec { profile, ..Default::default() });
            d.components.push(Component { id: format!("clients-{k}"), position: None, region: None, spec });
        }
        if let Some(ComponentSpec::AutoScalingGroup(g)) = d.components.get_mut(4).map(|c| &mut c.spec) {
            let step = StepAdjustment { lower: Some(0.0), upper: None, change: 1 };
            g.policies = vec![
                PolicySpec::TargetTracking { metric: TrackedMetric::Cpu, target: 50.0 },
                PolicySpec::Step { alarm: "jobs-age".into(), steps: vec![step] },
                PolicySpec::Simple { alarm: "jobs-age".into(), change: 1 },
            ];
        }
        d
    }

    /// The inspector shows every entry of the library's parameter table (list elements
    /// inside their list's text field), and nothing the table lacks.
    #[test]
    fn every_table_entry_is_shown_and_every_field_has_one() {
        let d = every_variant();
        let mut shown = std::collections::BTreeSet::new();
        for c in &d.components {
            for f in all(&d, c) {
                let entry = param::find(c.spec.kind_name(), &f.path);
                let entry = entry.unwrap_or_else(|| panic!("{}.{} has no entry", c.id, f.path));
                assert_eq!((entry.label, entry.why), (f.label, f.help), "{}", f.path);
                shown.insert(entry.key());
            }
        }
        let lists: Vec<String> = shown.iter().map(|key| format!("{key}[]")).collect();
        let hidden: Vec<String> = param::all()
            .map(|p| p.key())
            .filter(|key| !shown.contains(key) && !lists.iter().any(|list| key.starts_with(list.as_str())))
            .collect();
        assert_eq!(hidden, Vec::<String>::new(), "table entries the inspector never shows");
    }

    #[test]
    fn a_policy_keeps_its_own_alarm_choosable() {
        let mut d = every_variant();
        if let ComponentSpec::AutoScalingGroup(g) = &mut d.components[4].spec {
            g.policies[2] = PolicySpec::Simple { alarm: String::new(), change: 1 };
        }
        let fields = all(&d, &d.components[4]);
        let options = |path: &str| match fields.iter().find(|f| f.path == path).map(|f| &f.widget) {
            Some(Widget::Choice(options)) => options.iter().map(|(v, _)| v.clone()).collect::<Vec<_>>(),
            other => panic!("{path}: {other:?}"),
        };
        assert_eq!(options("policies[1].alarm"), ["jobs-age"]);
        assert_eq!(options("policies[2].alarm"), ["", "jobs-age"]);
    }
}
