//! Every editable parameter of every kind of component: its field path, the control that
//! edits it, its real range and unit, and a sentence on what it does and why it matters
//! for availability.
//!
//! Paths are the library's own (`health_check.interval_s`, `instance.service.mean_ms`),
//! the same ones `validate` reports problems at, so a problem finds its field by path.
//! Ranges are AWS's where AWS has one (../shared/spec/AWS-FACTS.md) and otherwise the
//! library's; a unit test checks each range against `validate`. Defaults are never written
//! here: they are read from the library's `Default` implementations.

use nines_sim::design::{
    Component, ComponentSpec, Design, Distribution, InstanceTemplate, PolicySpec, RateProfile, Role,
};
use nines_sim::price_table::PriceTable;

use crate::kind::{Kind, component_label};
use crate::params::num;

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
    /// A number in `unit` (may be empty), allowed `lo`–`hi`; whole numbers if `integer`;
    /// `none` labels the choice of no value (`null`) for optional fields.
    Number { unit: &'static str, lo: f64, hi: f64, integer: bool, none: Option<&'static str> },
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
    pub label: &'static str,
    pub widget: Widget,
    /// What it does and why it matters for availability, in one sentence.
    pub help: &'static str,
}

/// A titled group of fields in the inspector.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: &'static str,
    pub fields: Vec<Field>,
}

fn number(
    path: &str,
    label: &'static str,
    unit: &'static str,
    lo: f64,
    hi: f64,
    help: &'static str,
) -> Field {
    Field {
        path: path.to_owned(),
        label,
        widget: Widget::Number { unit, lo, hi, integer: false, none: None },
        help,
    }
}

fn whole(path: &str, label: &'static str, unit: &'static str, lo: f64, hi: f64, help: &'static str) -> Field {
    Field {
        path: path.to_owned(),
        label,
        widget: Widget::Number { unit, lo, hi, integer: true, none: None },
        help,
    }
}

fn optional(mut field: Field, none: &'static str) -> Field {
    if let Widget::Number { none: n, .. } = &mut field.widget {
        *n = Some(none);
    }
    field
}

fn span(path: &str, label: &'static str, hi: f64, help: &'static str) -> Field {
    Field { path: path.to_owned(), label, widget: Widget::Span { unit: "s", lo: 0.0, hi }, help }
}

fn choice(path: &str, label: &'static str, options: &[(&str, &str)], help: &'static str) -> Field {
    let options = options.iter().map(|(v, l)| ((*v).to_owned(), (*l).to_owned())).collect();
    Field { path: path.to_owned(), label, widget: Widget::Choice(options), help }
}

fn toggle(path: &str, label: &'static str, help: &'static str) -> Field {
    Field { path: path.to_owned(), label, widget: Widget::Toggle, help }
}

fn field(path: &str, label: &'static str, widget: Widget, help: &'static str) -> Field {
    Field { path: path.to_owned(), label, widget, help }
}

/// Every section of fields for `component`, in reading order. What is shown follows the
/// component's current choices (a ramp shows ramp fields; a worker shows idempotence).
pub fn sections(design: &Design, component: &Component) -> Vec<Section> {
    match &component.spec {
        ComponentSpec::Clients(c) => vec![Section { title: "Traffic", fields: clients(&c.profile) }],
        ComponentSpec::LoadBalancer(_) => load_balancer(),
        ComponentSpec::Instance(i) => vec![
            Section { title: "Placement", fields: vec![zone_field("zone", ZONE_INSTANCE)] },
            Section { title: "Server", fields: template("", &i.template) },
        ],
        ComponentSpec::AutoScalingGroup(g) => group(design, &g.policies, &g.instance),
        ComponentSpec::Queue(_) => vec![Section { title: "Queue", fields: queue() }],
        ComponentSpec::Database(_) => database(),
        ComponentSpec::Alarm(_) => vec![Section { title: "Alarm", fields: alarm(design, component) }],
    }
}

/// Every field of `component`, sections flattened.
pub fn all(design: &Design, component: &Component) -> Vec<Field> {
    sections(design, component).into_iter().flat_map(|s| s.fields).collect()
}

const ZONE_INSTANCE: &str = "The availability zone it runs in: if that zone fails, so does this instance.";

fn zone_field(path: &str, help: &'static str) -> Field {
    field(path, "Zone", Widget::Zone { none: None }, help)
}

const RATE_HI: f64 = 100_000.0;

fn clients(profile: &RateProfile) -> Vec<Field> {
    let mut fields = vec![choice(
        "profile.shape",
        "Rate profile",
        &[
            ("constant", "Constant"),
            ("ramp", "Ramp"),
            ("spike", "Spike"),
            ("daily", "Daily cycle"),
            ("steps", "Steps"),
        ],
        "How the request rate changes over time; ramps, spikes and daily peaks are what scaling must keep up with.",
    )];
    let rate = |path: &str, label, help| number(path, label, "req/s", 0.0, RATE_HI, help);
    match profile {
        RateProfile::Constant { .. } => fields.push(rate(
            "profile.rate",
            "Rate",
            "Requests per second the clients send; capacity below this means queued, slow or failed requests.",
        )),
        RateProfile::Ramp { .. } => fields.extend([
            rate("profile.from", "Starting rate", "The rate at the start of the ramp."),
            rate("profile.to", "Final rate", "The rate the ramp ends at and then holds; watch whether scaling keeps pace."),
            number("profile.over_s", "Ramp time", "s", 1.0, 1e7, "How long the ramp takes; a fast ramp outruns instances that take minutes to launch."),
        ]),
        RateProfile::Spike { .. } => fields.extend([
            rate("profile.base", "Base rate", "The usual rate before and after the spike."),
            rate("profile.peak", "Peak rate", "The rate during the spike; a queue or spare capacity must absorb it."),
            number("profile.at_s", "Spike starts at", "s", 0.0, 1e7, "Simulated time the spike begins."),
            number("profile.for_s", "Spike lasts", "s", 1.0, 1e7, "How long the spike lasts; short spikes end before new instances are in service."),
        ]),
        RateProfile::Daily { .. } => fields.extend([
            rate("profile.mean", "Mean rate", "The average rate over a cycle."),
            number("profile.amplitude", "Amplitude", "", 0.0, 1.0, "Swing around the mean as a fraction (0.5 = ±50 %); scaling follows it to save cost at night."),
            number("profile.period_s", "Period", "s", 60.0, 1e7, "Length of one cycle; a day is 86,400 s."),
        ]),
        RateProfile::Steps { .. } => fields.push(field(
            "profile.steps",
            "Steps",
            Widget::Steps(StepsKind::Rates),
            "Piecewise-constant rate as time: rate pairs, e.g. 0: 100, 600: 400 (req/s from each time in seconds).",
        )),
    }
    fields.extend([
        number("read_fraction", "Read fraction", "", 0.0, 1.0, "Share of requests that only read (0–1); reads can use read replicas, writes need the primary database."),
        optional(
            number("timeout_s", "Client timeout", "s", 0.1, 3600.0, "How long a client waits before giving up; an answer that comes later counts as a failure, which is how a hung server costs availability."),
            "Wait forever",
        ),
    ]);
    fields
}

fn load_balancer() -> Vec<Section> {
    vec![
        Section {
            title: "Placement and routing",
            fields: vec![
                field(
                    "zones",
                    "Zones",
                    Widget::ZoneSet,
                    "Zones with a load-balancer node; an ALB needs at least two, so losing one zone leaves another answering.",
                ),
                toggle(
                    "cross_zone",
                    "Cross-zone load balancing",
                    "Each node spreads requests over healthy targets in every zone (ALB default on); off, a zone with fewer targets is overloaded.",
                ),
                choice(
                    "routing",
                    "Routing",
                    &[
                        ("round_robin", "Round robin"),
                        ("least_outstanding_requests", "Least outstanding requests"),
                    ],
                    "Round robin gives every target the same share; least outstanding requests steers around slow or overloaded targets.",
                ),
            ],
        },
        Section {
            title: "Health check",
            fields: vec![
                number(
                    "health_check.interval_s",
                    "Interval",
                    "s",
                    5.0,
                    300.0,
                    "Time between checks of each target; shorter intervals notice a dead instance sooner, so fewer requests are sent to it.",
                ),
                number(
                    "health_check.timeout_s",
                    "Timeout",
                    "s",
                    2.0,
                    120.0,
                    "A check not answered within this time fails; it must be shorter than the interval.",
                ),
                whole(
                    "health_check.healthy_threshold",
                    "Healthy threshold",
                    "checks",
                    2.0,
                    10.0,
                    "Consecutive passes before a target gets traffic again; higher is safer but restores capacity more slowly.",
                ),
                whole(
                    "health_check.unhealthy_threshold",
                    "Unhealthy threshold",
                    "checks",
                    2.0,
                    10.0,
                    "Consecutive failures before a target leaves service; until then about interval × threshold of requests still go to a dead target.",
                ),
                number(
                    "deregistration_delay_s",
                    "Deregistration delay",
                    "s",
                    0.0,
                    3600.0,
                    "How long a leaving target may finish its in-flight requests; too short cuts requests off, too long slows replacement.",
                ),
            ],
        },
    ]
}

/// Fields of an instance template under `prefix` (`""` for an instance, `"instance."` for a group).
fn template(prefix: &str, t: &InstanceTemplate) -> Vec<Field> {
    let p = |f: &str| format!("{prefix}{f}");
    let prices = PriceTable::standard();
    let sizes: Vec<(String, String)> = prices
        .instances
        .iter()
        .map(|(name, c)| (name.clone(), format!("{name} · {} slots · ${}/h", c.slots, c.usd_per_hour)))
        .collect();
    let mut fields = vec![
        field(
            &p("size"),
            "Size",
            Widget::Choice(sizes),
            "Instance type: how many requests it serves at once and what it costs per hour.",
        ),
        optional(
            whole(
                &p("slots"),
                "Slots",
                "concurrent",
                1.0,
                1024.0,
                "Requests served at once, overriding the size's own count; for experiments such as checking M/M/c theory.",
            ),
            "As the size provides",
        ),
        choice(
            &p("role"),
            "Role",
            &[("web", "Web server (answers requests)"), ("worker", "Worker (consumes a queue)")],
            "Web servers answer clients or a load balancer; workers take messages from a queue, so a slow worker delays work instead of failing it.",
        ),
        choice(
            &p("service.distribution"),
            "Service time shape",
            &[("exponential", "Exponential"), ("log_normal", "Log-normal"), ("constant", "Constant")],
            "Shape of the random time one request takes; log-normal has the long tail real latencies show.",
        ),
        number(
            &p("service.mean_ms"),
            "Mean service time",
            "ms",
            0.01,
            600_000.0,
            "Average time one request takes on a slot; with the slots it sets how many requests per second the server can serve.",
        ),
    ];
    if t.service.distribution == Distribution::LogNormal {
        fields.push(number(
            &p("service.sigma"),
            "Sigma",
            "",
            0.0,
            3.0,
            "Spread of the log-normal service time; larger means a longer tail of slow requests.",
        ));
    }
    fields.push(optional(
        whole(&p("accept_queue"), "Accept queue", "requests", 0.0, 100_000.0, "Requests that may wait for a free slot; beyond it requests are rejected at once rather than waiting and timing out."),
        "Unbounded",
    ));
    if t.role == Role::Worker {
        fields.push(toggle(&p("idempotent"), "Idempotent", "Processing a message twice does no harm; queues deliver at least once, so duplicates happen after failures."));
    }
    fields
}

fn group(design: &Design, policies: &[PolicySpec], t: &InstanceTemplate) -> Vec<Section> {
    let count = |path: &str, label, help| whole(path, label, "instances", 0.0, 1000.0, help);
    vec![
        Section {
            title: "Placement",
            fields: vec![field(
                "zones",
                "Zones",
                Widget::ZoneSet,
                "Zones the group launches into, spread evenly; with two or more, losing a zone leaves capacity running while the group relaunches elsewhere.",
            )],
        },
        Section {
            title: "Capacity",
            fields: vec![
                count(
                    "min",
                    "Minimum",
                    "The group never runs fewer instances: the capacity that survives any scale-in.",
                ),
                count(
                    "desired",
                    "Desired",
                    "Instances the group keeps running now, replacing any that fail; between minimum and maximum.",
                ),
                count(
                    "max",
                    "Maximum",
                    "The ceiling: limits cost and how far the group scales out under load.",
                ),
                span(
                    "launch_time_s",
                    "Launch time",
                    3600.0,
                    "Time from launch to in service, drawn from this range; while a replacement boots, the others carry its load.",
                ),
            ],
        },
        Section {
            title: "Health and timing",
            fields: vec![
                choice(
                    "health_check_type",
                    "Health-check type",
                    &[
                        ("ec2", "EC2 status (crashes only)"),
                        ("elb", "ELB health checks (also hung instances)"),
                    ],
                    "EC2 replaces only crashed instances; ELB also replaces hung ones that fail the load balancer's checks.",
                ),
                number(
                    "grace_period_s",
                    "Grace period",
                    "s",
                    0.0,
                    7200.0,
                    "Time after launch before health checks count, so a booting instance is not killed; too long leaves a broken one in service.",
                ),
                number(
                    "cooldown_s",
                    "Cooldown",
                    "s",
                    0.0,
                    3600.0,
                    "Wait after a simple-scaling activity before the next, so one spike does not trigger several launches.",
                ),
                optional(
                    number(
                        "warmup_s",
                        "Instance warm-up",
                        "s",
                        0.0,
                        3600.0,
                        "Time a new instance is not counted by scaling policies while it warms up, so the group does not over-scale.",
                    ),
                    "Same as cooldown",
                ),
            ],
        },
        Section { title: "Scaling policies", fields: policy_fields(design, policies) },
        Section { title: "Launch template", fields: template("instance.", t) },
    ]
}

/// Type choices of a scaling policy.
pub const POLICY_TYPES: [(&str, &str); 3] = [
    ("target_tracking", "Target tracking"),
    ("step", "Step scaling on an alarm"),
    ("simple", "Simple scaling on an alarm"),
];

fn policy_fields(design: &Design, policies: &[PolicySpec]) -> Vec<Field> {
    let alarms: Vec<(String, String)> = design
        .components
        .iter()
        .filter(|c| matches!(c.spec, ComponentSpec::Alarm(_)))
        .map(|c| (c.id.clone(), c.id.clone()))
        .collect();
    let mut fields = Vec::new();
    for (k, policy) in policies.iter().enumerate() {
        let p = |f: &str| format!("policies[{k}].{f}");
        fields.push(choice(
            &p("type"),
            "Policy",
            &POLICY_TYPES,
            "Target tracking keeps a metric near a target; step and simple scaling react to an alarm.",
        ));
        match policy {
            PolicySpec::TargetTracking { .. } => fields.extend([
                choice(
                    &p("metric"),
                    "Metric",
                    &[
                        ("cpu", "Average CPU %"),
                        ("request_count_per_target", "Requests per target per minute"),
                        ("backlog_per_instance", "Queue backlog per instance"),
                    ],
                    "The metric held near the target; backlog per instance scales workers on the queue they consume.",
                ),
                number(&p("target"), "Target", "", 0.01, 1e6, "The value to hold the metric at, e.g. 50 (% CPU) or 100 (messages per instance)."),
            ]),
            PolicySpec::Step { alarm, .. } | PolicySpec::Simple { alarm, .. } => {
                let mut options = alarms.clone();
                if alarm.is_empty() || !options.iter().any(|(v, _)| v == alarm) {
                    options.insert(0, (alarm.clone(), if alarm.is_empty() { "Choose an alarm".to_owned() } else { alarm.clone() }));
                }
                fields.push(field(&p("alarm"), "Alarm", Widget::Choice(options), "The alarm that triggers this policy when it fires."));
                if matches!(policy, PolicySpec::Step { .. }) {
                    fields.push(field(
                        &p("steps"),
                        "Steps",
                        Widget::Steps(StepsKind::Adjustments),
                        "Instances to add by how far the metric breaches the threshold: lower..upper: change, e.g. 0..20: +1, 20..: +3.",
                    ));
                } else {
                    fields.push(whole(&p("change"), "Change", "instances", -100.0, 100.0, "Instances to add (negative: remove) each time the alarm fires."));
                }
            }
        }
    }
    fields
}

fn queue() -> Vec<Field> {
    vec![
        number(
            "visibility_timeout_s",
            "Visibility timeout",
            "s",
            0.0,
            43_200.0,
            "A received message stays hidden this long; if its worker dies it reappears for another, so nothing is lost. Keep it above the processing time.",
        ),
        number(
            "retention_s",
            "Retention",
            "s",
            60.0,
            1_209_600.0,
            "Messages older than this are deleted unprocessed; long retention lets work survive a long outage of the consumers.",
        ),
        number(
            "receive_wait_s",
            "Receive wait",
            "s",
            0.0,
            20.0,
            "Long-poll wait of a receive (AWS default 0, recommended 20): fewer empty receives, lower cost.",
        ),
        whole("batch_size", "Batch size", "messages", 1.0, 10.0, "Messages one receive may return."),
        optional(
            whole(
                "max_receive_count",
                "Max receives before dead-letter",
                "receives",
                1.0,
                1000.0,
                "After this many receives without success a message moves to a dead-letter queue, so one poison message cannot block work forever.",
            ),
            "No dead-letter queue",
        ),
    ]
}

fn database() -> Vec<Section> {
    let prices = PriceTable::standard();
    let classes: Vec<(String, String)> = prices
        .databases
        .iter()
        .map(|(name, c)| (name.clone(), format!("{name} · {} slots · ${}/h", c.slots, c.usd_per_hour)))
        .collect();
    vec![
        Section {
            title: "Placement",
            fields: vec![
                zone_field(
                    "zone",
                    "Zone of the primary, which takes every write; lost without a standby, writes stop until a restore.",
                ),
                field(
                    "standby_zone",
                    "Standby zone (Multi-AZ)",
                    Widget::Zone { none: Some("None (single-AZ)") },
                    "A synchronous standby in another zone takes over in about 60–120 s when the primary or its zone fails.",
                ),
                field(
                    "read_replicas",
                    "Read replicas",
                    Widget::ZoneList { max: 5 },
                    "Asynchronous copies that serve reads; they add read capacity and keep reads answered while the primary is down.",
                ),
            ],
        },
        Section {
            title: "Capacity",
            fields: vec![
                field(
                    "size",
                    "Class",
                    Widget::Choice(classes),
                    "Database class: queries served at once and the price per hour (a Multi-AZ standby doubles it).",
                ),
                whole(
                    "slots",
                    "Slots",
                    "queries",
                    1.0,
                    1024.0,
                    "Queries served at once; beyond them queries wait.",
                ),
                number(
                    "query_ms",
                    "Mean query time",
                    "ms",
                    0.01,
                    60_000.0,
                    "Average time one query takes; with the slots it sets the queries per second the database can serve.",
                ),
            ],
        },
        Section {
            title: "Recovery",
            fields: vec![
                span(
                    "failover_s",
                    "Failover time",
                    86_400.0,
                    "How long a Multi-AZ failover takes (AWS: typically 60–120 s); writes fail meanwhile.",
                ),
                span(
                    "host_replacement_s",
                    "Host replacement",
                    86_400.0,
                    "Single-AZ only: time to replace a failed host (10–30 minutes), with the database down meanwhile.",
                ),
                span(
                    "restore_s",
                    "Point-in-time restore",
                    604_800.0,
                    "Single-AZ only: time to restore after losing the zone; often hours.",
                ),
                number(
                    "recovery_point_s",
                    "Recovery point",
                    "s",
                    0.0,
                    86_400.0,
                    "Writes from this long before a restore's failure are lost; AWS says typically within the last five minutes.",
                ),
                number(
                    "replica_lag_ms",
                    "Replica lag",
                    "ms",
                    0.0,
                    3_600_000.0,
                    "How far read replicas trail the primary; reads from them can be this stale.",
                ),
            ],
        },
    ]
}

fn alarm(design: &Design, component: &Component) -> Vec<Field> {
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
    vec![
        field("source", "Watches", Widget::Choice(sources), "The component whose metric the alarm watches."),
        choice(
            "metric",
            "Metric",
            &[
                ("cpu_utilization", "CPU utilisation (%)"),
                ("request_count", "Request count"),
                ("error_count", "Error count"),
                ("healthy_host_count", "Healthy host count"),
                ("latency", "Latency (ms)"),
                ("messages_visible", "Messages visible"),
                ("oldest_message_age", "Oldest message age (s)"),
                ("backlog_per_instance", "Backlog per instance"),
            ],
            "Which metric of the source; each kind publishes its own (queues: depth and age; load balancers: requests, errors, healthy hosts).",
        ),
        choice(
            "statistic",
            "Statistic",
            &[
                ("average", "Average"),
                ("sum", "Sum"),
                ("minimum", "Minimum"),
                ("maximum", "Maximum"),
                ("sample_count", "Sample count"),
            ],
            "How the datapoints of one period combine into the value compared with the threshold.",
        ),
        number(
            "period_s",
            "Period",
            "s",
            10.0,
            86_400.0,
            "Length of one datapoint: 10, 30 or a multiple of 60 s; shorter periods alarm sooner.",
        ),
        whole(
            "evaluation_periods",
            "Evaluation periods",
            "periods",
            1.0,
            8640.0,
            "How many recent periods the alarm looks at (at most one day of them).",
        ),
        whole(
            "datapoints_to_alarm",
            "Datapoints to alarm",
            "periods",
            1.0,
            8640.0,
            "How many of those periods must breach (M of N): fewer reacts faster, more ignores blips.",
        ),
        number(
            "threshold",
            "Threshold",
            "",
            -1e12,
            1e12,
            "The value the statistic is compared with, in the metric's unit.",
        ),
        choice(
            "comparison",
            "Fires when",
            &[
                ("greater_than_threshold", "> threshold"),
                ("greater_than_or_equal_to_threshold", "≥ threshold"),
                ("less_than_threshold", "< threshold"),
                ("less_than_or_equal_to_threshold", "≤ threshold"),
            ],
            "How the statistic is compared with the threshold.",
        ),
        choice(
            "missing_data",
            "Missing data",
            &[
                ("missing", "Missing (keep state)"),
                ("not_breaching", "Not breaching"),
                ("breaching", "Breaching"),
                ("ignore", "Ignore"),
            ],
            "What a period without data counts as; treating it as breaching alarms when a source goes silent.",
        ),
    ]
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
    };
    let value = serde_json::to_value(Component { id: String::new(), position: None, spec }).ok()?;
    super::field_value::get(&value, path).cloned()
}

/// "5–300 s", "0–1", "1 or more": the allowed values of a number field in words.
pub fn range_text(widget: &Widget) -> Option<String> {
    let (unit, lo, hi) = match widget {
        Widget::Number { unit, lo, hi, .. } | Widget::Span { unit, lo, hi } => (*unit, *lo, *hi),
        _ => return None,
    };
    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
    Some(if hi >= 1e6 && lo <= -1e6 {
        "any number".to_owned()
    } else if hi >= 1e6 {
        format!("{} or more{unit}", num(lo))
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
        let w = Widget::Number { unit: "s", lo: 5.0, hi: 300.0, integer: false, none: None };
        assert_eq!(range_text(&w).unwrap(), "5–300 s");
        let w = Widget::Number { unit: "", lo: 1.0, hi: 1e7, integer: false, none: None };
        assert_eq!(range_text(&w).unwrap(), "1 or more");
        assert_eq!(range_text(&Widget::Toggle), None);
    }
}
