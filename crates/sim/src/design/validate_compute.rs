//! Checks of what does the work: instances, the template groups launch from, groups and
//! their scaling policies.

use super::TrackedMetric;
use super::validate::{Bounds, Checker, Site, bounds, noun, num};
use super::{ComponentSpec, GroupSpec, InstanceSpec, InstanceTemplate, PolicySpec, Role, StepAdjustment};
use crate::price_table::PriceTable;

const SLOTS: Bounds = bounds(1.0, 1024.0, "", "the size's own slots");
const ACCEPT_QUEUE: Bounds = bounds(0.0, 100_000.0, " requests", "100; null = unbounded");
const SERVICE_MEAN: Bounds = bounds(0.01, 600_000.0, " ms", "50 ms");
const SIGMA: Bounds = bounds(0.0, 3.0, "", "0.5");
/// Largest group [instances]; AWS quotas start lower than this.
const MAX_GROUP_SIZE: u32 = 1000;
const LAUNCH_TIME: Bounds = bounds(0.0, 3600.0, " s", "[120, 180] s");
const GRACE: Bounds = bounds(0.0, 7200.0, " s", "300 s");
const COOLDOWN: Bounds = bounds(0.0, 3600.0, " s", "300 s");
const WARMUP: Bounds = bounds(0.0, 3600.0, " s", "null = the cooldown");

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
    ck.range_opt(site, "slots", "the slot count", template.slots.map(f64::from), SLOTS);
    ck.range_opt(
        site,
        "accept_queue",
        "the accept queue",
        template.accept_queue.map(f64::from),
        ACCEPT_QUEUE,
    );
    ck.range(site, "service.mean_ms", "the mean service time", template.service.mean_ms, SERVICE_MEAN);
    ck.range(site, "service.sigma", "the log-normal sigma", template.service.sigma, SIGMA);
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
    ck.span(site, "launch_time_s", "launch time", spec.launch_time_s, LAUNCH_TIME);
    ck.range(site, "grace_period_s", "the health-check grace period", spec.grace_period_s, GRACE);
    ck.range(site, "cooldown_s", "the cooldown", spec.cooldown_s, COOLDOWN);
    ck.range_opt(site, "warmup_s", "the instance warm-up", spec.warmup_s, WARMUP);
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
        PolicySpec::Simple { alarm, .. } => policy_alarm(ck, site, alarm),
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
    ck.positive(site, "target", "the target", target, hint);
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
