//! The table covers every field: each value of every kind of component, in every variant
//! (each rate-profile shape, each policy type, optional fields set), has an entry, and
//! every entry is some field's. A field added to a design type without an entry fails
//! here.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{all, find};
use crate::design::{
    AlarmSpec, CdnSpec, ClientsSpec, Component, ComponentSpec, DatabaseSpec, Distribution, GroupSpec,
    InstanceSpec, InstanceTemplate, KeyValueStoreSpec, LoadBalancerSpec, ObjectStorageSpec, PolicySpec,
    QueueSpec, RateProfile, RateStep, Sessions, StepAdjustment, TrackedMetric,
};

/// One profile of each shape; the match makes a new shape fail to compile until it has one.
fn profiles() -> Vec<RateProfile> {
    let samples = vec![
        RateProfile::Constant { rate: 1.0 },
        RateProfile::Ramp { from: 1.0, to: 2.0, over_s: 3.0 },
        RateProfile::Spike { base: 1.0, peak: 2.0, at_s: 3.0, for_s: 4.0 },
        RateProfile::Daily { mean: 1.0, amplitude: 0.5, period_s: 60.0 },
        RateProfile::Steps { steps: vec![RateStep { at_s: 0.0, rate: 1.0 }] },
    ];
    for sample in &samples {
        match sample {
            RateProfile::Constant { .. }
            | RateProfile::Ramp { .. }
            | RateProfile::Spike { .. }
            | RateProfile::Daily { .. }
            | RateProfile::Steps { .. } => {}
        }
    }
    samples
}

/// One policy of each type, with every optional bound set.
fn policies() -> Vec<PolicySpec> {
    let step = StepAdjustment { lower: Some(0.0), upper: Some(1.0), change: 1 };
    let samples = vec![
        PolicySpec::TargetTracking { metric: TrackedMetric::Cpu, target: 50.0 },
        PolicySpec::Step { alarm: "a".into(), steps: vec![step] },
        PolicySpec::Simple { alarm: "a".into(), change: 1 },
    ];
    for sample in &samples {
        match sample {
            PolicySpec::TargetTracking { .. } | PolicySpec::Step { .. } | PolicySpec::Simple { .. } => {}
        }
    }
    samples
}

/// Every kind of component in every variant, with optional fields holding values.
fn samples() -> Vec<ComponentSpec> {
    // Fields left out of files at their defaults (stickiness, sessions, users) are set.
    let mut template = InstanceTemplate {
        slots: Some(2),
        accept_queue: Some(1),
        sessions: Sessions::InStore,
        ..Default::default()
    };
    template.service.distribution = Distribution::LogNormal;
    let mut specs: Vec<ComponentSpec> = profiles()
        .into_iter()
        .map(|profile| {
            ComponentSpec::Clients(ClientsSpec {
                profile,
                users: 50,
                static_fraction: 0.5,
                ..Default::default()
            })
        })
        .collect();
    specs.extend([
        ComponentSpec::LoadBalancer(LoadBalancerSpec {
            stickiness: true,
            stickiness_duration_s: 3600.0,
            ..Default::default()
        }),
        ComponentSpec::Instance(InstanceSpec { zone: "a".into(), template: template.clone() }),
        ComponentSpec::AutoScalingGroup(GroupSpec {
            policies: policies(),
            warmup_s: Some(1.0),
            instance: template,
            ..Default::default()
        }),
        ComponentSpec::Queue(QueueSpec::default()),
        ComponentSpec::Database(DatabaseSpec {
            standby_zone: Some("b".into()),
            read_replicas: vec!["c".into()],
            ..Default::default()
        }),
        ComponentSpec::Alarm(AlarmSpec::default()),
        ComponentSpec::KeyValueStore(KeyValueStoreSpec::default()),
        ComponentSpec::ObjectStorage(ObjectStorageSpec::default()),
        ComponentSpec::Cdn(CdnSpec::default()),
        ComponentSpec::Dns(crate::design::DnsSpec::default()),
    ]);
    specs
}

/// Records the path of every value under `value` that the table must describe.
fn walk(kind: &str, path: &str, value: &Value, reached: &mut BTreeSet<String>, missing: &mut Vec<String>) {
    let entry = find(kind, path);
    if let Some(param) = entry {
        reached.insert(param.key());
    }
    let child = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match value {
        Value::Object(fields) => {
            for (key, inner) in fields {
                walk(kind, &child(key), inner, reached, missing);
            }
        }
        // Lists of objects (steps, policies) are described element by element; lists of
        // values (zones, spans) by one entry for the list.
        Value::Array(items) if items.iter().any(Value::is_object) => {
            for (k, item) in items.iter().enumerate() {
                walk(kind, &format!("{path}[{k}]"), item, reached, missing);
            }
        }
        _ if entry.is_none() => missing.push(format!("{kind}.{path}")),
        _ => {}
    }
}

#[test]
fn every_field_has_an_entry_and_every_entry_a_field() {
    let (mut reached, mut missing) = (BTreeSet::new(), Vec::new());
    for spec in samples() {
        let kind = spec.kind_name();
        let component = Component { id: "x".into(), position: None, region: None, spec };
        let Ok(Value::Object(fields)) = serde_json::to_value(&component) else { panic!("{kind}") };
        for (key, value) in &fields {
            if !matches!(key.as_str(), "id" | "kind" | "position" | "region") {
                walk(kind, key, value, &mut reached, &mut missing);
            }
        }
    }
    assert_eq!(missing, Vec::<String>::new(), "fields without an entry in design/param/");
    let stale: Vec<String> = all().map(|p| p.key()).filter(|key| !reached.contains(key)).collect();
    assert_eq!(stale, Vec::<String>::new(), "entries no field has");
}

/// The number a default starts with: `345,600 s, four days` → 345600, `[60, 120] s` → 60.
fn leading_number(text: &str) -> Option<f64> {
    let text = text.strip_prefix('[').unwrap_or(text);
    let digits: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .filter(|c| *c != ',')
        .collect();
    digits.parse().ok()
}

/// The table's defaults are the design types' own: a default written as a number (or a
/// `[lo, hi]` pair) is the value a new component of that kind starts with.
#[test]
fn defaults_quoted_are_the_types_defaults() {
    let fresh = [
        ComponentSpec::Clients(ClientsSpec::default()),
        ComponentSpec::LoadBalancer(LoadBalancerSpec::default()),
        ComponentSpec::Instance(InstanceSpec { zone: "a".into(), template: Default::default() }),
        ComponentSpec::AutoScalingGroup(GroupSpec::default()),
        ComponentSpec::Queue(QueueSpec::default()),
        ComponentSpec::Database(DatabaseSpec::default()),
        ComponentSpec::Alarm(AlarmSpec::default()),
        ComponentSpec::KeyValueStore(KeyValueStoreSpec::default()),
        ComponentSpec::ObjectStorage(ObjectStorageSpec::default()),
        ComponentSpec::Cdn(CdnSpec::default()),
        ComponentSpec::Dns(crate::design::DnsSpec::default()),
    ];
    let mut checked = 0;
    for spec in fresh {
        let kind = spec.kind_name();
        let value = serde_json::to_value(&spec).unwrap_or(Value::Null);
        for param in all().filter(|p| p.kind == kind && p.range().is_some()) {
            let current = param.path.split('.').try_fold(&value, |v, key| v.get(key));
            let current = match current {
                Some(Value::Array(pair)) => pair.first().and_then(Value::as_f64),
                other => other.and_then(Value::as_f64),
            };
            if let (Some(current), Some(quoted)) = (current, leading_number(param.default)) {
                assert_eq!(quoted, current, "{}: default {:?}", param.key(), param.default);
                checked += 1;
            }
        }
    }
    assert!(checked >= 25, "only {checked} defaults checked");
}
