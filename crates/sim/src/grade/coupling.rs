//! Principle 4, loose coupling: slow work goes through a queue whose consumers scale on
//! backlog, a dead-letter queue, a visibility timeout longer than the work, idempotent
//! consumers; and the front end stays up while the consumers are down.

use super::experiment::{ExperimentKind, ExperimentRecord};
use super::score::{Card, Finding, Inputs, disruption_share, percent};
use crate::design::{ComponentSpec, InstanceTemplate, PolicySpec, QueueSpec, TrackedMetric};

/// Points for the queue between the front end and the work.
const QUEUED: u32 = 25;
/// Points for consumers scaling on backlog per instance.
const BACKLOG_SCALING: u32 = 15;
/// Points for a dead-letter queue.
const DLQ: u32 = 15;
/// Points for a visibility timeout longer than the processing time.
const VISIBILITY: u32 = 10;
/// Points for idempotent consumers.
const IDEMPOTENT: u32 = 10;
/// Points for the consumer outage.
const OUTAGE: u32 = 25;

/// A visibility timeout must exceed this many mean processing times (6× the mean is the
/// 99.75th percentile of an exponential service time).
pub const VISIBILITY_OVER_MEAN: f64 = 6.0;

/// The checks of principle 4.
pub fn score(inputs: &Inputs<'_>) -> Card {
    let mut card = Card::default();
    let queues = queues(inputs);
    if queues.is_empty() {
        let text = "no queue on a request path: every request does all its work in line".to_owned();
        let hint = "put slow work (writes' follow-up) behind a queue: web → queue → worker group";
        card.structure(100 - OUTAGE, Finding::fact(false, text, None, hint));
        card.structure(
            OUTAGE,
            Finding::fact(false, "no consumers to lose: nothing decoupled to test".to_owned(), None, hint),
        );
        return card;
    }
    let n = queues.len() as u32;
    for (id, queue, consumers) in &queues {
        let text = format!("{id} takes the web tier's follow-up work off the request path");
        card.structure(QUEUED / n, Finding::fact(true, text, Some(id), ""));
        consumer_checks(&mut card, n, id, queue, consumers);
    }
    let outages: Vec<_> = inputs.of_kind(ExperimentKind::StopConsumers).collect();
    for (index, record) in &outages {
        card.measured(OUTAGE / outages.len() as u32, outage(record), inputs, *index);
    }
    card
}

/// Queues on a path with their consumers' templates and policies.
type QueueFacts<'a> = (&'a str, &'a QueueSpec, Vec<(&'a str, &'a InstanceTemplate, Vec<&'a PolicySpec>)>);

fn queues<'a>(inputs: &Inputs<'a>) -> Vec<QueueFacts<'a>> {
    let design = inputs.design;
    design
        .components
        .iter()
        .filter(|c| inputs.structure.is_on_path(&c.id))
        .filter_map(|c| match &c.spec {
            ComponentSpec::Queue(q) => Some((c.id.as_str(), q)),
            _ => None,
        })
        .map(|(id, q)| {
            let consumers = design
                .targets_of(id)
                .filter_map(|t| design.component(t))
                .filter_map(|c| match &c.spec {
                    ComponentSpec::Instance(i) => Some((c.id.as_str(), &i.template, Vec::new())),
                    ComponentSpec::AutoScalingGroup(g) => {
                        Some((c.id.as_str(), &g.instance, g.policies.iter().collect()))
                    }
                    _ => None,
                })
                .collect();
            (id, q, consumers)
        })
        .collect()
}

fn consumer_checks(
    card: &mut Card,
    n: u32,
    id: &str,
    queue: &QueueSpec,
    consumers: &[(&str, &InstanceTemplate, Vec<&PolicySpec>)],
) {
    let on_backlog = |p: &&PolicySpec| {
        matches!(p, PolicySpec::TargetTracking { metric: TrackedMetric::BacklogPerInstance, .. })
    };
    let scaled: Vec<&str> =
        consumers.iter().filter(|(_, _, ps)| ps.iter().any(on_backlog)).map(|c| c.0).collect();
    let ok = !consumers.is_empty() && scaled.len() == consumers.len();
    let text = if ok {
        format!("the consumers of {id} ({}) scale on backlog per instance", scaled.join(", "))
    } else {
        format!("the consumers of {id} do not scale on backlog per instance: a backlog grows unanswered")
    };
    let hint = format!("give {id}'s worker group a target-tracking policy on backlog per instance");
    card.structure(BACKLOG_SCALING / n, Finding::fact(ok, text, consumers.first().map(|c| c.0), &hint));
    let dlq = queue.max_receive_count;
    let text = match dlq {
        Some(k) => format!("{id} moves a message to a dead-letter queue after {k} receives"),
        None => format!("{id} has no dead-letter queue: a poison message is retried until it expires"),
    };
    card.structure(
        DLQ / n,
        Finding::fact(
            dlq.is_some(),
            text,
            Some(id),
            &format!("set {id}'s max receive count (a dead-letter queue)"),
        ),
    );
    let slowest = consumers.iter().map(|c| c.1.service.mean_ms).fold(0.0, f64::max) / 1000.0;
    let ok = queue.visibility_timeout_s >= VISIBILITY_OVER_MEAN * slowest;
    let text = format!(
        "{id}'s visibility timeout {:.0} s against {:.2} s mean processing",
        queue.visibility_timeout_s, slowest
    );
    let hint = format!("raise {id}'s visibility timeout above the workers' longest processing time");
    card.structure(VISIBILITY / n, Finding::fact(ok, text, Some(id), &hint));
    let careless: Vec<&str> = consumers.iter().filter(|c| !c.1.idempotent).map(|c| c.0).collect();
    let ok = careless.is_empty() && !consumers.is_empty();
    let text = if ok {
        format!("the consumers of {id} are idempotent: duplicates are harmless")
    } else {
        format!("{} not idempotent: a duplicate delivery writes twice", careless.join(", "))
    };
    let hint = format!("make the consumers of {id} idempotent (at-least-once delivery sends duplicates)");
    card.structure(IDEMPOTENT / n, Finding::fact(ok, text, consumers.first().map(|c| c.0), &hint));
}

fn outage(record: &ExperimentRecord) -> Finding {
    let r = &record.result;
    let drained = r.backlog_drained_s.is_some_and(|s| s <= 300.0);
    let clean = r.messages_lost == 0 && r.harmful_duplicates == 0;
    let share = disruption_share(r.availability_during, drained, clean);
    let text = format!(
        "{} → front end {} available, backlog drained {} after restart, {} lost, {} harmful duplicates",
        record.name,
        percent(r.availability_during),
        r.backlog_drained_s.map_or_else(|| "not within the experiment".to_owned(), |s| format!("{s:.0} s")),
        r.messages_lost,
        r.harmful_duplicates
    );
    let hint = "scale the consumers on backlog per instance so a backlog drains quickly".to_owned();
    Finding { share, text, component: record.component.clone(), hint: Some(hint) }
}
