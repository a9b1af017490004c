//! Checks of what does the work: instances, the template groups launch from, groups and
//! their scaling policies.

use super::checker::{Checker, Site, noun, num};
use crate::design::param::{
    ACCEPT_QUEUE, COOLDOWN, GRACE, LAUNCH_TIME, MAX_GROUP_SIZE, SERVICE_MEAN, SIGMA, SIMPLE_CHANGE, SLOTS,
    STEP_CHANGE, TARGET, WARMUP,
};
use crate::design::{
    ComponentSpec, GroupSpec, InstanceSpec, InstanceTemplate, PolicySpec, Role, Sessions, StepAdjustment,
    TrackedMetric,
};
use crate::price_table::PriceTable;

/// Sessions kept "in a store" need a store: a link from the instance or group `id` to a
/// key-value store or a database.
pub(super) fn sessions(ck: &mut Checker, site: &Site, id: &str, template: &InstanceTemplate) {
    if template.sessions != Sessions::InStore {
        return;
    }
    let has_store = ck
        .design
        .targets_of(id)
        .filter_map(|t| ck.design.component(t))
        .any(|c| matches!(c.spec, ComponentSpec::KeyValueStore(_) | ComponentSpec::Database(_)));
    if !has_store {
        let message = format!(
            "{} keeps sessions in a store but is linked to no key-value store or database; link it to one, or set sessions to in_memory",
            site.who
        );
        ck.report(&site.path("sessions"), message);
    }
}

/// Checks a hand-placed instance: its zone and what it is.
pub(super) fn instance(ck: &mut Checker, site: &Site, spec: &InstanceSpec) {
    ck.zone(&site.path("zone"), &site.who, "is in", &spec.zone);
    template(ck, site, &spec.template);
}

/// Checks an instance template; `site` points at the object holding its fields.
fn template(ck: &mut Checker, site: &Site, template: &InstanceTemplate) {
    let prices = PriceTable::standard();
    if prices.instance(&template.size).is_none() {
        let sizes: Vec<&str> = prices.instances.keys().map(String::as_str).collect();
        let message = format!(
            "{} has size {:?}, which is not in the price table; choose one of: {}",
            site.who,
            template.size,
            sizes.join(", ")
        );
        ck.report(&site.path("size"), message);
    }
    ck.param_opt(site, &SLOTS, template.slots.map(f64::from));
    ck.param_opt(site, &ACCEPT_QUEUE, template.accept_queue.map(f64::from));
    ck.param(site, &SERVICE_MEAN, template.service.mean_ms);
    ck.param(site, &SIGMA, template.service.sigma);
}

/// Checks a group: zones, sizes, timings, its template and its policies.
pub(super) fn group(ck: &mut Checker, site: &Site, spec: &GroupSpec) {
    ck.zone_set(site, "zones", "launches into", &spec.zones);
    if spec.zones.is_empty() {
        let message =
            format!("{} has no zones to launch into; give it at least one, e.g. [\"a\", \"b\"]", site.who);
        ck.report(&site.path("zones"), message);
    }
    capacity(ck, site, spec);
    ck.span(site, &LAUNCH_TIME, spec.launch_time_s);
    ck.param(site, &GRACE, spec.grace_period_s);
    ck.param(site, &COOLDOWN, spec.cooldown_s);
    ck.param_opt(site, &WARMUP, spec.warmup_s);
    template(ck, &site.nested("instance"), &spec.instance);
    for (k, policy) in spec.policies.iter().enumerate() {
        self::policy(ck, &site.nested(&format!("policies[{k}]")), spec.instance.role, policy);
    }
}

fn capacity(ck: &mut Checker, site: &Site, spec: &GroupSpec) {
    let GroupSpec { min, desired, max, .. } = *spec;
    if max > MAX_GROUP_SIZE {
        let message =
            format!("{} has max {max}; Nines runs groups of at most {MAX_GROUP_SIZE} instances", site.who);
        ck.report(&site.path("max"), message);
    }
    if min > max {
        let message = format!("{} has min {min} above max {max}; keep min ≤ desired ≤ max", site.who);
        ck.report(&site.path("min"), message);
    }
    if desired < min || desired > max {
        let message = format!(
            "{} has desired {desired} outside min {min} – max {max}; keep min ≤ desired ≤ max",
            site.who
        );
        ck.report(&site.path("desired"), message);
    }
}

/// Checks one scaling policy; `site` points at the policy object.
fn policy(ck: &mut Checker, site: &Site, role: Role, policy: &PolicySpec) {
    match policy {
        PolicySpec::TargetTracking { metric, target } => target_tracking(ck, site, role, *metric, *target),
        PolicySpec::Step { alarm, steps } => {
            policy_alarm(ck, site, alarm);
            step_adjustments(ck, site, steps);
        }
        PolicySpec::Simple { alarm, change } => {
            policy_alarm(ck, site, alarm);
            ck.range(site, "change", SIMPLE_CHANGE.what, f64::from(*change), &SIMPLE_CHANGE);
        }
    }
}

fn target_tracking(ck: &mut Checker, site: &Site, role: Role, metric: TrackedMetric, target: f64) {
    let hint = match metric {
        TrackedMetric::Cpu => "percent CPU, e.g. 50",
        TrackedMetric::RequestCountPerTarget => "requests per target per minute, e.g. 1000",
        TrackedMetric::BacklogPerInstance => {
            "messages per instance: acceptable wait ÷ time per message, e.g. 100"
        }
    };
    ck.positive(site, "target", TARGET.what, target, hint);
    if metric == TrackedMetric::Cpu && target > 100.0 {
        let message =
            format!("{} tracks CPU at {} %; a CPU target is at most 100 %, e.g. 50", site.who, num(target));
        ck.report(&site.path("target"), message);
    }
    let fits = match metric {
        TrackedMetric::Cpu => None,
        TrackedMetric::RequestCountPerTarget => (role != Role::Web)
            .then_some("request_count_per_target comes from a load balancer, which sends only to web groups"),
        TrackedMetric::BacklogPerInstance => (role != Role::Worker).then_some(
            "backlog_per_instance counts the queue a worker group consumes; web groups consume none",
        ),
    };
    if let Some(why) = fits {
        let message = format!("{} cannot track this metric: {why}; track cpu instead", site.who);
        ck.report(&site.path("metric"), message);
    }
}

/// Checks that a step or simple policy names an existing alarm.
fn policy_alarm(ck: &mut Checker, site: &Site, alarm: &str) {
    let path = site.path("alarm");
    match ck.component(alarm).map(|c| &c.spec) {
        Some(ComponentSpec::Alarm(_)) => {}
        Some(other) => {
            let message = format!(
                "{} is triggered by {alarm}, which is a {}, not an alarm; name an alarm component",
                site.who,
                noun(other)
            );
            ck.report(&path, message);
        }
        None if alarm.is_empty() => {
            ck.report(
                &path,
                format!("{}'s policy names no alarm; set alarm to the id of an alarm", site.who),
            );
        }
        None => {
            let message = format!(
                "{}'s policy is triggered by alarm {alarm}, which is not a component ({})",
                site.who,
                ck.alarm_list()
            );
            ck.report(&path, message);
        }
    }
}

/// Checks step adjustments: at least one, each with lower < upper, none overlapping.
fn step_adjustments(ck: &mut Checker, site: &Site, steps: &[StepAdjustment]) {
    if steps.is_empty() {
        let message = format!(
            "{}'s step policy has no steps; add one, e.g. {{\"lower\": 0, \"upper\": null, \"change\": 1}}",
            site.who
        );
        ck.report(&site.path("steps"), message);
    }
    let mut valid = Vec::new();
    for (m, step) in steps.iter().enumerate() {
        let what = format!("the change of step {m}");
        ck.range(site, &format!("steps[{m}].change"), &what, f64::from(step.change), &STEP_CHANGE);
        let lower = step.lower.unwrap_or(f64::NEG_INFINITY);
        let upper = step.upper.unwrap_or(f64::INFINITY);
        let finite = step.lower.is_none_or(f64::is_finite) && step.upper.is_none_or(f64::is_finite);
        if finite && lower < upper {
            valid.push((lower, upper, m));
        } else {
            let message = format!(
                "step {m} of {}'s policy has lower {} and upper {}; lower must be below upper (null = unbounded)",
                site.who,
                bound(step.lower),
                bound(step.upper)
            );
            ck.report(&site.path(&format!("steps[{m}]")), message);
        }
    }
    // Sorted by lower bound, a step overlaps an earlier one exactly when it starts before
    // the furthest upper bound seen so far.
    valid.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
    let mut furthest: Option<(f64, usize)> = None;
    for (lower, upper, m) in valid {
        if let Some((reach, other)) = furthest {
            if lower < reach {
                let message = format!(
                    "step {m} of {}'s policy overlaps step {other}; each breach size needs exactly one step",
                    site.who
                );
                ck.report(&site.path(&format!("steps[{m}]")), message);
            }
            if upper <= reach {
                continue;
            }
        }
        furthest = Some((upper, m));
    }
}

fn bound(value: Option<f64>) -> String {
    value.map_or_else(|| "null".to_owned(), num)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;

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
}
