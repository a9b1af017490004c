//! Principle 5, automate and test: health checks with sane thresholds, groups that use
//! them to replace what fails, alarms on what matters, and a hung instance found and
//! replaced without a human within what the settings promise.

use super::experiment::{ExperimentKind, ExperimentRecord};
use super::score::{Card, Finding, Inputs, availability_share, percent, seconds};
use crate::design::{ComponentSpec, HealthCheckSpec, HealthCheckType, Role};

/// Points for sane health checks.
const HEALTH_CHECKS: u32 = 20;
/// Points for groups replacing what the load balancer finds unhealthy.
const SELF_HEALING: u32 = 20;
/// Points for alarms on components on a path.
const ALARMS: u32 = 10;
/// Points for the hang: detected within the promise.
const DETECTED: u32 = 15;
/// Points for the hang: recovered within the policy.
const RECOVERED: u32 = 20;
/// Points for the hang: availability meanwhile.
const AVAILABLE: u32 = 15;

/// Slack over the health checks' promise for detection [s]: checks are not aligned
/// with the fault.
const DETECTION_SLACK_S: f64 = 10.0;

/// The checks of principle 5.
pub fn score(inputs: &Inputs<'_>) -> Card {
    let mut card = Card::default();
    let on_path = |id: &str| inputs.structure.is_on_path(id);
    let lbs: Vec<(&str, &HealthCheckSpec)> = inputs
        .design
        .components
        .iter()
        .filter(|c| on_path(&c.id))
        .filter_map(|c| match &c.spec {
            ComponentSpec::LoadBalancer(lb) => Some((c.id.as_str(), &lb.health_check)),
            _ => None,
        })
        .collect();
    health_checks(&mut card, &lbs);
    self_healing(inputs, &mut card);
    alarms(inputs, &mut card);
    let promise =
        lbs.iter().map(|(_, h)| promise_s(h)).fold(None, |a: Option<f64>, p| Some(a.map_or(p, |a| a.max(p))));
    for (index, record) in inputs.of_kind(ExperimentKind::HangInstance) {
        hang(inputs, &mut card, index, record, promise);
    }
    card
}

/// Seconds the health checks promise to notice a dead target: the failed checks in a row
/// plus one timeout.
pub fn promise_s(h: &HealthCheckSpec) -> f64 {
    f64::from(h.unhealthy_threshold) * h.interval_s + h.timeout_s
}

fn health_checks(card: &mut Card, lbs: &[(&str, &HealthCheckSpec)]) {
    if lbs.is_empty() {
        let text = "no load balancer: no health check takes a failed server out of service".to_owned();
        card.structure(
            HEALTH_CHECKS,
            Finding::fact(
                false,
                text,
                None,
                "put a load balancer with health checks in front of the web servers",
            ),
        );
    }
    for (id, h) in lbs {
        let ok = h.interval_s <= 30.0 && h.timeout_s < h.interval_s && h.unhealthy_threshold <= 3;
        let text = format!(
            "{id} checks every {:.0} s, out after {} failures: a dead target is noticed within {:.0} s",
            h.interval_s,
            h.unhealthy_threshold,
            promise_s(h)
        );
        let hint = format!("check {id}'s targets every 30 s or more often, out after 2–3 failures");
        card.structure(HEALTH_CHECKS / lbs.len() as u32, Finding::fact(ok, text, Some(id), &hint));
    }
}

fn self_healing(inputs: &Inputs<'_>, card: &mut Card) {
    let web_groups: Vec<(&str, HealthCheckType)> = inputs
        .design
        .components
        .iter()
        .filter(|c| inputs.structure.is_on_path(&c.id))
        .filter_map(|c| match &c.spec {
            ComponentSpec::AutoScalingGroup(g) if g.instance.role == Role::Web => {
                Some((c.id.as_str(), g.health_check_type))
            }
            _ => None,
        })
        .collect();
    if web_groups.is_empty() {
        let text = "no auto-scaling group replaces a failed web server: a human must".to_owned();
        card.structure(
            SELF_HEALING,
            Finding::fact(
                false,
                text,
                None,
                "run the web servers in an auto-scaling group with ELB health checks",
            ),
        );
    }
    for (id, kind) in &web_groups {
        let ok = *kind == HealthCheckType::Elb;
        let text = if ok {
            format!("{id} uses ELB health checks: a hung instance is replaced, not just a crashed one")
        } else {
            format!("{id} uses EC2 health checks only: a hung instance stays in the group for ever")
        };
        let hint = format!("set {id}'s health check type to ELB");
        card.structure(SELF_HEALING / web_groups.len() as u32, Finding::fact(ok, text, Some(id), &hint));
    }
}

fn alarms(inputs: &Inputs<'_>, card: &mut Card) {
    let watched: Vec<(&str, &str)> = inputs
        .design
        .components
        .iter()
        .filter_map(|c| match &c.spec {
            ComponentSpec::Alarm(a) if inputs.structure.is_on_path(&a.source) => {
                Some((c.id.as_str(), a.source.as_str()))
            }
            _ => None,
        })
        .collect();
    let ok = !watched.is_empty();
    let text = match watched.first() {
        Some((alarm, source)) => format!(
            "alarm {alarm} watches {source}{}",
            if watched.len() > 1 { format!(" (and {} more)", watched.len() - 1) } else { String::new() }
        ),
        None => "no alarm watches anything on a request path: trouble goes unnoticed".to_owned(),
    };
    let hint = "add an alarm on what matters, e.g. the age of the oldest queued message";
    card.structure(ALARMS, Finding::fact(ok, text, watched.first().map(|w| w.0), hint));
}

fn hang(inputs: &Inputs<'_>, card: &mut Card, index: usize, record: &ExperimentRecord, promise: Option<f64>) {
    let r = &record.result;
    let promised = promise.map_or(0.0, |p| p + DETECTION_SLACK_S);
    let detected = r.time_to_detect_s.is_some_and(|d| d <= promised);
    let text = format!(
        "{}: detected after {}, promised within {:.0} s",
        record.name,
        r.time_to_detect_s.map_or_else(|| "never".to_owned(), |d| format!("{d:.0} s")),
        promised
    );
    let hint = "add load-balancer health checks so a hung instance is taken out of service";
    card.measured(DETECTED, Finding::fact(detected, text, None, hint), inputs, index);
    let rto =
        inputs.recovery.iter().find(|x| x.kind.as_str() == "software").map_or(300.0, |x| x.policy.rto_s);
    let recovered = r.time_to_recover_s.is_some_and(|s| s <= rto);
    let text = format!(
        "{}: requests stopped failing after {} (policy {rto:.0} s)",
        record.name,
        seconds(r.time_to_recover_s)
    );
    let hint = "use ELB health checks on the group so the hung instance is replaced";
    card.measured(RECOVERED, Finding::fact(recovered, text, None, hint), inputs, index);
    let text = format!("{}: {} available during", record.name, percent(r.availability_during));
    let finding = Finding {
        share: availability_share(r.availability_during),
        text,
        component: None,
        hint: Some("check health more often so a hung instance leaves service sooner".to_owned()),
    };
    card.measured(AVAILABLE, finding, inputs, index);
}
