//! The template's `Metadata`: what Nines simulates that CloudFormation cannot express
//! (traffic, service times, slots, launch and failover times), the grader's structural
//! findings (cfn-lint does not judge high availability), what was left out, and the
//! console's grouping of the parameters.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::builder::{Builder, IMAGE, VPC};
use crate::design::{Component, ComponentSpec};
use crate::grade::findings::structural;

/// Metadata key of the simulation-only facts.
pub const SIMULATION: &str = "Nines::Simulation";
/// Metadata key of the grader's structural findings.
pub const FINDINGS: &str = "Nines::Findings";
/// Metadata key of what the template leaves out.
pub const LEFT_OUT: &str = "Nines::LeftOut";
/// Metadata key of where the template came from.
pub const DESIGN: &str = "Nines::Design";

/// Every metadata entry of the template.
pub fn metadata(b: &Builder<'_>) -> BTreeMap<String, Value> {
    let design = b.design;
    let mut out = BTreeMap::new();
    out.insert(
        DESIGN.to_owned(),
        json!({ "Name": design.name, "Region": b.region().name, "Zones": b.region().zones, "Seed": design.seed }),
    );
    out.insert(SIMULATION.to_owned(), simulation(b));
    let findings = serde_json::to_value(structural(design)).expect("findings are plain data");
    out.insert(FINDINGS.to_owned(), findings);
    let mut left_out = b.left_out.clone();
    left_out.push("Nines's simulated service times, slots, launch, failover and restore times and traffic: see Nines::Simulation".to_owned());
    out.insert(LEFT_OUT.to_owned(), json!(left_out));
    out.insert("AWS::CloudFormation::Interface".to_owned(), interface(b));
    out.into_iter().map(|(k, v)| (k, plain(v))).collect()
}

/// `value` in the types CloudFormation allows in `Metadata` (strings, integers, booleans,
/// objects, arrays; cfn-lint E4002): whole numbers become integers, other numbers their
/// decimal text, and nulls (a default the design did not override) are left out.
pub fn plain(value: Value) -> Value {
    match value {
        Value::Number(n) if n.is_f64() => {
            let x = n.as_f64().unwrap_or(0.0);
            if x.fract() == 0.0 && x.abs() < 9.0e15 { json!(x as i64) } else { json!(x.to_string()) }
        }
        Value::Array(items) => Value::Array(items.into_iter().filter(|v| !v.is_null()).map(plain).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, plain(v))).collect())
        }
        other => other,
    }
}

/// Per component of the stack's region (and the global clients and DNS names), the
/// parameters only the simulation uses.
fn simulation(b: &Builder<'_>) -> Value {
    let mut components = Map::new();
    for c in b.design.components.iter().filter(|c| b.owns(c) || c.spec.is_global()) {
        if let Some(facts) = simulated(c) {
            components.insert(c.id.clone(), facts);
        }
    }
    json!({
        "Note": "Modelled by the Nines simulation, not deployable: measure the real values before trusting its figures.",
        "Components": components,
    })
}

/// What of one component only the simulation knows; `None` when everything is deployed.
fn simulated(c: &Component) -> Option<Value> {
    Some(match &c.spec {
        ComponentSpec::Clients(clients) => json!({ "Kind": "clients", "Traffic": clients }),
        ComponentSpec::Instance(i) => json!({
            "Kind": "instance",
            "Zone": i.zone,
            "Role": i.template.role,
            "Slots": i.template.slots,
            "Service": &i.template.service,
            "AcceptQueue": i.template.accept_queue,
            "Idempotent": i.template.idempotent,
        }),
        ComponentSpec::AutoScalingGroup(g) => json!({
            "Kind": "auto_scaling_group",
            "LaunchTimeSeconds": g.launch_time_s,
            "Role": g.instance.role,
            "Slots": g.instance.slots,
            "Service": &g.instance.service,
            "AcceptQueue": g.instance.accept_queue,
            "Idempotent": g.instance.idempotent,
        }),
        ComponentSpec::Queue(q) => json!({ "Kind": "queue", "ConsumerBatchSize": q.batch_size }),
        ComponentSpec::Database(db) => json!({
            "Kind": "database",
            "PrimaryZone": db.zone,
            "StandbyZone": db.standby_zone,
            "Slots": db.slots,
            "QueryMilliseconds": db.query_ms,
            "FailoverSeconds": db.failover_s,
            "HostReplacementSeconds": db.host_replacement_s,
            "RestoreSeconds": db.restore_s,
            "RecoveryPointSeconds": db.recovery_point_s,
            "ReplicaLagMilliseconds": db.replica_lag_ms,
        }),
        ComponentSpec::KeyValueStore(kv) => json!({
            "Kind": "key_value_store",
            "ReplicationLagMilliseconds": kv.replication_lag_ms,
            "LatencyMilliseconds": kv.latency_ms,
            "ReadConsistency": if kv.consistent_reads { "strong" } else { "eventual" },
            "ConsistentRead": consistent_read_note(kv.consistent_reads),
        }),
        ComponentSpec::Cdn(cdn) => json!({
            "Kind": "cdn",
            "CacheHitRatio": cdn.hit_ratio,
            "EdgeLatencyMilliseconds": cdn.edge_latency_ms,
        }),
        ComponentSpec::ObjectStorage(s) => json!({
            "Kind": "object_storage",
            "Prefixes": s.prefixes,
            "GetsPerSecond": u64::from(s.prefixes) * u64::from(crate::design::GETS_PER_PREFIX),
            "FirstByteLatencyMilliseconds": s.latency_ms,
        }),
        ComponentSpec::Dns(dns) => json!({
            "Kind": "dns",
            "LateResolverShare": dns.late_resolver_share,
            "LateResolverTtlMultiple": dns.late_resolver_ttl_multiple,
        }),
        ComponentSpec::LoadBalancer(_) | ComponentSpec::Alarm(_) => return None,
    })
}

/// Read consistency is not a table setting but a choice on every call: what the
/// application must do for the simulated reads to hold.
fn consistent_read_note(strong: bool) -> &'static str {
    if strong {
        "Strongly consistent: pass ConsistentRead=true on every GetItem and Query (twice the read capacity per read)"
    } else {
        "Eventually consistent (DynamoDB's default): leave ConsistentRead false; a read within the replication lag of a write may return the old value"
    }
}

/// Parameter groups and labels for the CloudFormation console.
fn interface(b: &Builder<'_>) -> Value {
    let names: Vec<&String> = b.parameters.keys().collect();
    let network: Vec<&String> =
        names.iter().copied().filter(|n| n.as_str() == VPC || n.contains("Subnet")).collect();
    let rest: Vec<&String> = names.iter().copied().filter(|n| !network.contains(n)).collect();
    let mut groups = Vec::new();
    if !network.is_empty() {
        groups.push(json!({ "Label": { "default": "Network: the VPC and a subnet per zone" }, "Parameters": network }));
    }
    if !rest.is_empty() {
        groups.push(json!({ "Label": { "default": "Application" }, "Parameters": rest }));
    }
    let mut labels = Map::new();
    if names.iter().any(|n| n.as_str() == IMAGE) {
        labels.insert(IMAGE.to_owned(), json!({ "default": "Machine image (AMI) parameter" }));
    }
    json!({ "ParameterGroups": groups, "ParameterLabels": labels })
}

/// Parameters without a default: what must be filled in before deploying.
pub fn to_fill_in(parameters: &BTreeMap<String, super::template::Parameter>) -> Vec<String> {
    parameters.iter().filter(|(_, p)| p.default.is_none()).map(|(name, _)| name.clone()).collect()
}
