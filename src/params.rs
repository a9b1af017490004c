//! A component's parameters as the inspector shows them: label, value and unit, read
//! straight from the design types so the defaults shown are the simulation's own.

use nines_sim::design::{
    AlarmSpec, ClientsSpec, Comparison, DatabaseSpec, Distribution, GroupSpec, HealthCheckType,
    InstanceTemplate, LoadBalancerSpec, MetricName, MissingData, PolicySpec, QueueSpec, RateProfile, Role,
    Routing, Statistic, TrackedMetric,
};
use nines_sim::design::{Component, ComponentSpec};

/// One row of the inspector.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub label: &'static str,
    pub value: String,
    /// Unit after the value, e.g. `s`, `ms`, `req/s`; `None` for words and counts.
    pub unit: Option<&'static str>,
}

fn row(label: &'static str, value: impl Into<String>, unit: Option<&'static str>) -> Param {
    Param { label, value: value.into(), unit }
}

fn num_row(label: &'static str, value: f64, unit: &'static str) -> Param {
    row(label, num(value), Some(unit))
}

fn range_row(label: &'static str, [lo, hi]: [f64; 2], unit: &'static str) -> Param {
    row(label, format!("{}–{}", num(lo), num(hi)), Some(unit))
}

/// A number for people: thousands separated, at most two decimals, no trailing zeros.
pub fn num(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let sign = if rounded < 0.0 { "-" } else { "" };
    let whole = rounded.abs().trunc() as u64;
    let cents = ((rounded.abs() - whole as f64) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match cents {
        0 => format!("{sign}{grouped}"),
        c if c % 10 == 0 => format!("{sign}{grouped}.{}", c / 10),
        c => format!("{sign}{grouped}.{c:02}"),
    }
}

fn zones(list: &[String]) -> String {
    if list.is_empty() { "none".to_owned() } else { list.join(", ") }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// Every parameter of a component, in the order a learner reads them.
pub fn params(component: &Component) -> Vec<Param> {
    match &component.spec {
        ComponentSpec::Clients(c) => clients(c),
        ComponentSpec::LoadBalancer(lb) => load_balancer(lb),
        ComponentSpec::Instance(i) => {
            let mut rows = vec![row("Zone", &i.zone, None)];
            rows.extend(template(&i.template));
            rows
        }
        ComponentSpec::AutoScalingGroup(g) => group(g),
        ComponentSpec::Queue(q) => queue(q),
        ComponentSpec::Database(d) => database(d),
        ComponentSpec::Alarm(a) => alarm(a),
    }
}

/// Most characters a node's summary line shows before it is cut with "…"; sized for
/// [`crate::layout::NODE_W`] at 11 px in a wide system font.
pub const SUMMARY_CHARS: usize = 24;

/// A short line under a node's id on the canvas: "t3.small · web", "db.m5.large · Multi-AZ".
/// The icon already says the kind, so the line says what matters about this one.
pub fn summary(component: &Component) -> String {
    let text = match &component.spec {
        ComponentSpec::Clients(c) => format!("{} req/s peak", num(c.profile.peak_rate())),
        ComponentSpec::LoadBalancer(lb) => format!("zones {}", lb.zones.join(", ")),
        ComponentSpec::Instance(i) => format!("{} · {}", i.template.size, role(i.template.role)),
        ComponentSpec::AutoScalingGroup(g) => format!("{}–{} × {}", g.min, g.max, g.instance.size),
        ComponentSpec::Queue(q) => match q.max_receive_count {
            Some(_) => "standard · with DLQ".to_owned(),
            None => "standard queue".to_owned(),
        },
        ComponentSpec::Database(d) => {
            format!("{} · {}", d.size, if d.standby_zone.is_some() { "Multi-AZ" } else { "single-AZ" })
        }
        ComponentSpec::Alarm(a) if !a.source.is_empty() => format!("watches {}", a.source),
        ComponentSpec::Alarm(_) => "alarm".to_owned(),
    };
    truncate(text, SUMMARY_CHARS)
}

fn role(role: Role) -> &'static str {
    match role {
        Role::Web => "web",
        Role::Worker => "worker",
    }
}

/// Cuts `text` to at most `max` characters, marking the cut with "…".
pub fn truncate(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn clients(c: &ClientsSpec) -> Vec<Param> {
    let mut rows = match &c.profile {
        RateProfile::Constant { rate } => {
            vec![row("Profile", "constant", None), num_row("Rate", *rate, "req/s")]
        }
        RateProfile::Ramp { from, to, over_s } => vec![
            row("Profile", "ramp", None),
            num_row("From", *from, "req/s"),
            num_row("To", *to, "req/s"),
            num_row("Over", *over_s, "s"),
        ],
        RateProfile::Spike { base, peak, at_s, for_s } => vec![
            row("Profile", "spike", None),
            num_row("Base rate", *base, "req/s"),
            num_row("Peak rate", *peak, "req/s"),
            num_row("Spike at", *at_s, "s"),
            num_row("Spike lasts", *for_s, "s"),
        ],
        RateProfile::Daily { mean, amplitude, period_s } => vec![
            row("Profile", "daily cycle", None),
            num_row("Mean rate", *mean, "req/s"),
            num_row("Amplitude", amplitude * 100.0, "%"),
            num_row("Period", *period_s, "s"),
        ],
        RateProfile::Steps { steps } => std::iter::once(row("Profile", "steps", None))
            .chain(
                steps
                    .iter()
                    .map(|s| row("Step", format!("{} req/s from {} s", num(s.rate), num(s.at_s)), None)),
            )
            .collect(),
    };
    rows.push(num_row("Reads", c.read_fraction * 100.0, "%"));
    rows.push(match c.timeout_s {
        Some(t) => num_row("Client timeout", t, "s"),
        None => row("Client timeout", "none (waits forever)", None),
    });
    rows
}

fn load_balancer(lb: &LoadBalancerSpec) -> Vec<Param> {
    let hc = &lb.health_check;
    let routing = match lb.routing {
        Routing::RoundRobin => "round robin",
        Routing::LeastOutstandingRequests => "least outstanding requests",
    };
    vec![
        row("Zones", zones(&lb.zones), None),
        row("Cross-zone", if lb.cross_zone { "on" } else { "off" }, None),
        row("Routing", routing, None),
        num_row("Health-check interval", hc.interval_s, "s"),
        num_row("Health-check timeout", hc.timeout_s, "s"),
        row("Healthy threshold", hc.healthy_threshold.to_string(), Some("checks")),
        row("Unhealthy threshold", hc.unhealthy_threshold.to_string(), Some("checks")),
        num_row("Deregistration delay", lb.deregistration_delay_s, "s"),
    ]
}

fn template(t: &InstanceTemplate) -> Vec<Param> {
    let role = match t.role {
        Role::Web => "web (answers requests)",
        Role::Worker => "worker (consumes a queue)",
    };
    let distribution = match t.service.distribution {
        Distribution::Exponential => "exponential",
        Distribution::LogNormal => "log-normal",
        Distribution::Constant => "constant",
    };
    let mut rows = vec![
        row("Size", &t.size, None),
        match t.slots {
            Some(n) => row("Slots", n.to_string(), Some("concurrent")),
            None => row("Slots", "as the size provides", None),
        },
        row("Role", role, None),
        row("Service time", distribution, None),
        num_row("Mean service time", t.service.mean_ms, "ms"),
    ];
    if t.service.distribution == Distribution::LogNormal {
        rows.push(row("Sigma", num(t.service.sigma), None));
    }
    rows.push(match t.accept_queue {
        Some(n) => row("Accept queue", n.to_string(), Some("requests")),
        None => row("Accept queue", "unbounded", None),
    });
    if t.role == Role::Worker {
        rows.push(row("Idempotent", yes_no(t.idempotent), None));
    }
    rows
}

fn group(g: &GroupSpec) -> Vec<Param> {
    let health = match g.health_check_type {
        HealthCheckType::Ec2 => "EC2 status",
        HealthCheckType::Elb => "ELB health checks",
    };
    let mut rows = vec![
        row("Zones", zones(&g.zones), None),
        row("Minimum", g.min.to_string(), Some("instances")),
        row("Desired", g.desired.to_string(), Some("instances")),
        row("Maximum", g.max.to_string(), Some("instances")),
        range_row("Launch time", g.launch_time_s, "s"),
        row("Health-check type", health, None),
        num_row("Grace period", g.grace_period_s, "s"),
        num_row("Cooldown", g.cooldown_s, "s"),
        match g.warmup_s {
            Some(w) => num_row("Warm-up", w, "s"),
            None => row("Warm-up", "same as cooldown", None),
        },
    ];
    rows.extend(g.policies.iter().map(|p| row("Scaling policy", policy(p), None)));
    if g.policies.is_empty() {
        rows.push(row("Scaling policy", "none (fixed size)", None));
    }
    rows.extend(template(&g.instance));
    rows
}

fn policy(p: &PolicySpec) -> String {
    match p {
        PolicySpec::TargetTracking { metric, target } => {
            let metric = match metric {
                TrackedMetric::Cpu => "CPU %",
                TrackedMetric::RequestCountPerTarget => "requests per target per minute",
                TrackedMetric::BacklogPerInstance => "backlog per instance",
            };
            format!("target tracking: {metric} at {}", num(*target))
        }
        PolicySpec::Step { alarm, steps } => format!("step scaling on {alarm} ({} steps)", steps.len()),
        PolicySpec::Simple { alarm, change } => format!("simple scaling on {alarm}: {change:+}"),
    }
}

fn queue(q: &QueueSpec) -> Vec<Param> {
    vec![
        num_row("Visibility timeout", q.visibility_timeout_s, "s"),
        num_row("Retention", q.retention_s, "s"),
        num_row("Receive wait", q.receive_wait_s, "s"),
        row("Batch size", q.batch_size.to_string(), Some("messages")),
        match q.max_receive_count {
            Some(n) => row("Dead-letter after", n.to_string(), Some("receives")),
            None => row("Dead-letter queue", "none", None),
        },
    ]
}

fn database(d: &DatabaseSpec) -> Vec<Param> {
    vec![
        row("Zone", &d.zone, None),
        row("Standby zone", d.standby_zone.as_deref().unwrap_or("none (single-AZ)"), None),
        row("Read replicas", zones(&d.read_replicas), None),
        row("Size", &d.size, None),
        row("Slots", d.slots.to_string(), Some("queries")),
        num_row("Mean query time", d.query_ms, "ms"),
        range_row("Failover", d.failover_s, "s"),
        range_row("Host replacement", d.host_replacement_s, "s"),
        range_row("Restore", d.restore_s, "s"),
        num_row("Recovery point", d.recovery_point_s, "s"),
        num_row("Replica lag", d.replica_lag_ms, "ms"),
    ]
}

fn alarm(a: &AlarmSpec) -> Vec<Param> {
    let (metric, unit) = match a.metric {
        MetricName::CpuUtilization => ("CPU utilisation", Some("%")),
        MetricName::RequestCount => ("request count", None),
        MetricName::ErrorCount => ("error count", None),
        MetricName::HealthyHostCount => ("healthy host count", None),
        MetricName::Latency => ("latency", Some("ms")),
        MetricName::MessagesVisible => ("messages visible", None),
        MetricName::OldestMessageAge => ("oldest message age", Some("s")),
        MetricName::BacklogPerInstance => ("backlog per instance", None),
    };
    let statistic = match a.statistic {
        Statistic::Average => "average",
        Statistic::Sum => "sum",
        Statistic::Minimum => "minimum",
        Statistic::Maximum => "maximum",
        Statistic::SampleCount => "sample count",
    };
    let comparison = match a.comparison {
        Comparison::GreaterThanThreshold => ">",
        Comparison::GreaterThanOrEqualToThreshold => "≥",
        Comparison::LessThanThreshold => "<",
        Comparison::LessThanOrEqualToThreshold => "≤",
    };
    let missing = match a.missing_data {
        MissingData::Missing => "missing (keeps state)",
        MissingData::NotBreaching => "not breaching",
        MissingData::Breaching => "breaching",
        MissingData::Ignore => "ignored",
    };
    vec![
        row("Watches", if a.source.is_empty() { "nothing yet" } else { &a.source }, None),
        row("Metric", metric, None),
        row("Statistic", statistic, None),
        num_row("Period", a.period_s, "s"),
        row("Evaluation periods", a.evaluation_periods.to_string(), None),
        row("Datapoints to alarm", a.datapoints_to_alarm.to_string(), None),
        row("Fires when", format!("{comparison} {}", num(a.threshold)), unit),
        row("Missing data", missing, None),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(rows: &'a [Param], label: &str) -> &'a Param {
        rows.iter().find(|p| p.label == label).unwrap_or_else(|| panic!("no {label} in {rows:?}"))
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(num(345_600.0), "345,600");
        assert_eq!(num(30.0), "30");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-1_234.05), "-1,234.05");
        assert_eq!(num(999.0), "999");
    }

    #[test]
    fn instance_shows_zone_size_and_service_time_in_ms() {
        let design = crate::starter::design();
        let rows = params(design.component("web-1").unwrap());
        assert_eq!(find(&rows, "Zone").value, "a");
        assert_eq!(find(&rows, "Size").value, "t3.small");
        let mean = find(&rows, "Mean service time");
        assert_eq!((mean.value.as_str(), mean.unit), ("50", Some("ms")));
        assert!(rows.iter().all(|p| p.label != "Idempotent"), "web instances do not consume messages");
    }

    #[test]
    fn database_shows_failover_range_and_single_az() {
        let design = crate::starter::design();
        let rows = params(design.component("db-1").unwrap());
        assert_eq!(find(&rows, "Standby zone").value, "none (single-AZ)");
        let failover = find(&rows, "Failover");
        assert_eq!((failover.value.as_str(), failover.unit), ("60–120", Some("s")));
    }

    #[test]
    fn every_kind_has_rows_with_defaults() {
        let specs = [
            ComponentSpec::Clients(ClientsSpec::default()),
            ComponentSpec::LoadBalancer(LoadBalancerSpec::default()),
            ComponentSpec::AutoScalingGroup(GroupSpec::default()),
            ComponentSpec::Queue(QueueSpec::default()),
            ComponentSpec::Alarm(AlarmSpec::default()),
        ];
        for spec in specs {
            let c = Component { id: "x".into(), position: None, spec };
            assert!(params(&c).len() >= 4, "{:?}", c.spec.kind_name());
            assert!(!summary(&c).is_empty());
        }
        let lb = ComponentSpec::LoadBalancer(LoadBalancerSpec::default());
        let lb = Component { id: "lb".into(), position: None, spec: lb };
        assert_eq!(find(&params(&lb), "Health-check interval").value, "30");
        let q =
            Component { id: "q".into(), position: None, spec: ComponentSpec::Queue(QueueSpec::default()) };
        assert_eq!(find(&params(&q), "Retention").value, "345,600");
    }

    #[test]
    fn summaries_say_what_matters_and_fit_the_node() {
        let design = crate::starter::design();
        assert_eq!(summary(design.component("web-1").unwrap()), "t3.small · web");
        assert_eq!(summary(design.component("db-1").unwrap()), "db.t3.medium · single-AZ");
        assert_eq!(summary(design.component("clients").unwrap()), "50 req/s peak");
        let long = Component {
            id: "db".into(),
            position: None,
            spec: ComponentSpec::Database(DatabaseSpec {
                size: "db.r6g.16xlarge".into(),
                standby_zone: Some("b".into()),
                ..Default::default()
            }),
        };
        assert_eq!(summary(&long), "db.r6g.16xlarge · Multi…");
        assert_eq!(summary(&long).chars().count(), SUMMARY_CHARS);
    }

    #[test]
    fn truncate_keeps_short_text_and_marks_cuts() {
        assert_eq!(truncate("short".into(), 10), "short");
        assert_eq!(truncate("exactly10!".into(), 10), "exactly10!");
        assert_eq!(truncate("eleven char".into(), 10), "eleven ch…");
    }
}
