//! Principle 3, build for scale: a load balancer in front of a group that scales on a
//! sensible metric up to what a 5× spike needs, and the spike itself; a remark (no
//! points) when clients ask for static assets that no CDN serves.

use super::experiment::{ExperimentKind, ExperimentRecord};
use super::score::{Card, Finding, Inputs, availability_share, percent};
use crate::design::{ComponentSpec, Design, GroupSpec, PolicySpec, Role, TrackedMetric};

/// Points for a load balancer in front of a group.
const BALANCED_GROUP: u32 = 20;
/// Points for scaling policies on sensible metrics.
const POLICY: u32 = 20;
/// Points for a maximum above the spike's need.
const HEADROOM: u32 = 15;
/// Points for the spike's availability.
const SPIKE: u32 = 30;
/// Points for capacity following demand up and back down.
const FOLLOWS: u32 = 15;

/// The factor of the grader's traffic spike.
pub const SPIKE_FACTOR: f64 = 5.0;

/// The checks of principle 3.
pub fn score(inputs: &Inputs<'_>) -> Card {
    let mut card = Card::default();
    let groups = groups(inputs);
    let web_groups: Vec<_> = groups.iter().filter(|(_, g)| g.instance.role == Role::Web).collect();
    let text = match web_groups.first() {
        Some((id, _)) => format!("a load balancer spreads requests over the group {id}"),
        None => "no group behind a load balancer answers requests: capacity cannot grow".to_owned(),
    };
    let hint = "put the web servers in an auto-scaling group behind a load balancer";
    card.structure(
        BALANCED_GROUP,
        Finding::fact(!web_groups.is_empty(), text, web_groups.first().map(|g| g.0), hint),
    );
    if groups.is_empty() {
        let text = "no auto-scaling group: nothing can scale".to_owned();
        card.structure(POLICY + HEADROOM, Finding::fact(false, text, None, hint));
    }
    for (id, group) in &groups {
        card.structure(POLICY / groups.len() as u32, policy(id, group));
        card.structure(HEADROOM / groups.len() as u32, headroom(inputs, id, group));
    }
    for (index, record) in inputs.of_kind(ExperimentKind::TrafficSpike) {
        card.measured(SPIKE, spike(record), inputs, index);
        card.measured(FOLLOWS, follows(record), inputs, index);
    }
    for (id, text) in static_without_cdn(inputs.design) {
        card.note(text, Some(id));
    }
    card
}

/// Clients whose static requests (`static_fraction` > 0) no CDN answers, each with a
/// remark: the servers carry requests an edge could serve. A remark, worth no points, so
/// that no existing grade moves; the spike experiment already measures what it costs.
fn static_without_cdn(design: &Design) -> Vec<(&str, String)> {
    let is_cdn = |id: &str| design.component(id).is_some_and(|c| matches!(c.spec, ComponentSpec::Cdn(_)));
    design
        .components
        .iter()
        .filter_map(|c| match &c.spec {
            ComponentSpec::Clients(clients) if clients.static_fraction > 0.0 => {
                Some((c.id.as_str(), clients))
            }
            _ => None,
        })
        .filter(|(id, _)| !design.connections.iter().any(|l| l.from == *id && is_cdn(&l.to)))
        .map(|(id, clients)| {
            let text = format!(
                "{id}: {:.0} % of requests are for static assets and no CDN serves them, so every one \
                 reaches the servers; a CDN in front (with object storage behind it) would answer most \
                 at its edges and leave the servers the dynamic requests",
                clients.static_fraction * 100.0
            );
            (id, text)
        })
        .collect()
}

/// Groups on a request path, design order.
fn groups<'a>(inputs: &Inputs<'a>) -> Vec<(&'a str, &'a GroupSpec)> {
    inputs
        .design
        .components
        .iter()
        .filter(|c| inputs.structure.is_on_path(&c.id))
        .filter_map(|c| match &c.spec {
            ComponentSpec::AutoScalingGroup(g) => Some((c.id.as_str(), g)),
            _ => None,
        })
        .collect()
}

/// A policy on a metric that tracks this group's load: CPU or requests per target for web
/// servers, backlog per instance for workers; step and simple policies on an alarm count.
fn policy(id: &str, group: &GroupSpec) -> Finding {
    let sensible = |p: &PolicySpec| match (p, group.instance.role) {
        (PolicySpec::TargetTracking { metric, .. }, Role::Web) => {
            matches!(metric, TrackedMetric::Cpu | TrackedMetric::RequestCountPerTarget)
        }
        (PolicySpec::TargetTracking { metric, .. }, Role::Worker) => {
            *metric == TrackedMetric::BacklogPerInstance
        }
        (PolicySpec::Step { .. } | PolicySpec::Simple { .. }, _) => true,
    };
    let ok = group.policies.iter().any(sensible) && group.max > group.min;
    let text = if ok {
        format!("{id} scales between {} and {} on a metric that follows its load", group.min, group.max)
    } else if group.policies.is_empty() || group.max <= group.min {
        format!(
            "{id} has no scaling policy (or max = min): it stays at {} instances whatever comes",
            group.desired
        )
    } else {
        format!("{id} scales on a metric that does not follow its load")
    };
    let hint = format!(
        "give {id} a target-tracking policy ({}) and a max above min",
        if group.instance.role == Role::Web {
            "CPU 50 % or requests per target"
        } else {
            "backlog per instance"
        }
    );
    Finding::fact(ok, text, Some(id), &hint)
}

/// The group's maximum can serve the spike's load at ≤ 90 % utilisation.
fn headroom(inputs: &Inputs<'_>, id: &str, group: &GroupSpec) -> Finding {
    let tier = inputs.structure.tier(id);
    let per_instance = tier.map_or(0.0, |t| t.capacity / f64::from(t.members.max(1)));
    let need = tier.map_or(0.0, |t| t.load) * SPIKE_FACTOR;
    let at_max = per_instance * f64::from(group.max);
    let ok = need <= 0.9 * at_max;
    let text = format!(
        "{id} at max {} serves {:.0}/s; a {SPIKE_FACTOR}× spike needs {:.0}/s",
        group.max, at_max, need
    );
    let hint = format!("raise {id}'s max so that it can serve {SPIKE_FACTOR}× the normal load");
    Finding::fact(ok, text, Some(id), &hint)
}

/// The spike's availability; a key-value store that throttled is named as the limit.
fn spike(record: &ExperimentRecord) -> Finding {
    let r = &record.result;
    let mut text = format!(
        "{} → {} available during, p99 {:.0} ms at worst",
        record.name,
        percent(r.availability_during),
        r.p99_during_ms
    );
    let hint = if r.kv_throttled > 0 {
        text.push_str(&format!(", {} key-value calls throttled", r.kv_throttled));
        format!(
            "provision the key-value store for {SPIKE_FACTOR}× the normal reads and writes: calls beyond its capacity units fail"
        )
    } else {
        "scale out on a metric that follows load, with a max high enough for the spike".to_owned()
    };
    Finding { share: availability_share(r.availability_during), text, component: None, hint: Some(hint) }
}

/// Capacity rose with the spike and came back down after it.
fn follows(record: &ExperimentRecord) -> Finding {
    let r = &record.result;
    let start = r.desired_start;
    let up = r.peak_desired > start;
    let down = up && r.desired_end < r.peak_desired;
    let share = 0.5 * f64::from(u8::from(up)) + 0.5 * f64::from(u8::from(down));
    let text = format!(
        "capacity {start} → {} at the peak → {} at the end; cost ${:.2}/h → ${:.2}/h → ${:.2}/h",
        r.peak_desired, r.desired_end, r.cost_per_hour[0], r.cost_per_hour[1], r.cost_per_hour[2]
    );
    let hint = "let a scaling policy add instances for the spike and remove them afterwards".to_owned();
    Finding { share, text, component: None, hint: Some(hint) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::reference;

    #[test]
    fn static_requests_without_a_cdn_are_remarked_on_and_a_cdn_silences_it() {
        let with_cdn = reference::static_cdn();
        assert_eq!(static_without_cdn(&with_cdn), vec![], "the CDN serves them");
        // The same clients linked straight to the load balancer, past the CDN.
        let mut bypass = with_cdn.clone();
        for link in &mut bypass.connections {
            if link.from == "clients" {
                link.to = "lb-1".into();
            }
        }
        let remarks = static_without_cdn(&bypass);
        assert_eq!(remarks.len(), 1, "{remarks:?}");
        assert_eq!(remarks[0].0, "clients");
        assert!(
            remarks[0]
                .1
                .starts_with("clients: 70 % of requests are for static assets and no CDN serves them"),
            "{}",
            remarks[0].1
        );
        assert_eq!(
            static_without_cdn(&reference::three_tier()),
            vec![],
            "no static requests: nothing to say"
        );
    }
}
