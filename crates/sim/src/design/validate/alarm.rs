//! Checks of alarms: what they watch, and CloudWatch's rules on periods.

use super::checker::{Checker, Site, named, noun, num};
use crate::design::param::MAX_EVALUATION_S;
use crate::design::{AlarmSpec, Component, ComponentSpec, MetricName};

/// Checks an alarm: its source, whether the source publishes the metric, and its periods.
pub(super) fn alarm(ck: &mut Checker, site: &Site, spec: &AlarmSpec) {
    source(ck, site, spec);
    periods(ck, site, spec);
    if !spec.threshold.is_finite() {
        ck.report(&site.path("threshold"), format!("the threshold of {} must be a number", site.who));
    }
}

fn source(ck: &mut Checker, site: &Site, spec: &AlarmSpec) {
    let id = spec.source.as_str();
    let Some(watched) = ck.component(id) else {
        let message = if id.is_empty() {
            format!("{} watches nothing; set source to the id of the component it watches", site.who)
        } else {
            format!("{} watches {id}, which is not a component ({})", site.who, ck.id_list())
        };
        ck.report(&site.path("source"), message);
        return;
    };
    if publishes(ck, watched, spec.metric) {
        return;
    }
    let watched_who = named(noun(&watched.spec), id);
    let offered: Vec<&str> =
        MetricName::ALL.into_iter().filter(|&m| publishes(ck, watched, m)).map(MetricName::name).collect();
    let message = if spec.metric == MetricName::BacklogPerInstance && is_group(watched) {
        format!(
            "{} watches backlog_per_instance of {watched_who}, but no queue sends to it; connect a queue to {id} or watch another metric",
            site.who
        )
    } else if offered.is_empty() {
        format!(
            "{} watches {watched_who}, which publishes no metrics; watch a load balancer, instance, group, queue or database",
            site.who
        )
    } else {
        format!(
            "{} watches {} of {watched_who}, which does not publish it; choose one of: {}",
            site.who,
            spec.metric.name(),
            offered.join(", ")
        )
    };
    ck.report(&site.path("metric"), message);
}

/// Whether `component` publishes `metric`.
fn publishes(ck: &Checker, component: &Component, metric: MetricName) -> bool {
    use MetricName as M;
    match &component.spec {
        ComponentSpec::Instance(_) => matches!(metric, M::CpuUtilization | M::RequestCount),
        ComponentSpec::AutoScalingGroup(_) => match metric {
            M::CpuUtilization | M::RequestCount => true,
            M::BacklogPerInstance => ck.is_fed_by_queue(&component.id),
            _ => false,
        },
        ComponentSpec::Database(_) => metric == M::CpuUtilization,
        ComponentSpec::LoadBalancer(_) => {
            matches!(metric, M::RequestCount | M::ErrorCount | M::HealthyHostCount | M::Latency)
        }
        ComponentSpec::Queue(_) => matches!(metric, M::MessagesVisible | M::OldestMessageAge),
        ComponentSpec::Clients(_)
        | ComponentSpec::Alarm(_)
        | ComponentSpec::KeyValueStore(_)
        | ComponentSpec::ObjectStorage(_)
        | ComponentSpec::Cdn(_)
        | ComponentSpec::Dns(_) => false,
    }
}

fn is_group(component: &Component) -> bool {
    matches!(component.spec, ComponentSpec::AutoScalingGroup(_))
}

/// Period of 10 s, 30 s or a multiple of 60 s; M of N datapoints; N periods within a day.
fn periods(ck: &mut Checker, site: &Site, spec: &AlarmSpec) {
    let period = spec.period_s;
    // A period longer than the day CloudWatch looks back over could never be evaluated.
    let multiple = period >= 60.0 && period % 60.0 == 0.0 && period <= MAX_EVALUATION_S;
    let period_ok = period == 10.0 || period == 30.0 || multiple;
    if !period_ok {
        let message = format!(
            "{} has a period of {} s; CloudWatch periods are 10, 30 or a multiple of 60 s up to 86,400 (default 60)",
            site.who,
            num(period)
        );
        ck.report(&site.path("period_s"), message);
    }
    let n = spec.evaluation_periods;
    if n == 0 {
        let message = format!("{} evaluates 0 periods; evaluate at least 1 (default 3)", site.who);
        ck.report(&site.path("evaluation_periods"), message);
    } else if period_ok && f64::from(n) * period > MAX_EVALUATION_S {
        let message = format!(
            "{} evaluates {n} periods of {} s = {} s; CloudWatch looks back at most one day ({} s), so use at most {} periods",
            site.who,
            num(period),
            num(f64::from(n) * period),
            num(MAX_EVALUATION_S),
            num((MAX_EVALUATION_S / period).floor())
        );
        ck.report(&site.path("evaluation_periods"), message);
    }
    let m = spec.datapoints_to_alarm;
    if m == 0 || (n > 0 && m > n) {
        let message = format!(
            "{} alarms on {m} of {n} datapoints; datapoints_to_alarm must be 1 to evaluation_periods ({n})",
            site.who
        );
        ck.report(&site.path("datapoints_to_alarm"), message);
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;

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
}
