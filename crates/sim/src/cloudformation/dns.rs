//! A Nines DNS name → Amazon Route 53, written into each regional stack: for every load
//! balancer the name points to in this stack's region, an `AWS::Route53::HealthCheck` on
//! the load balancer and an `AWS::Route53::RecordSet` in a hosted zone given as parameters
//! (the common multi-region pattern: each regional stack adds its own record to a shared
//! zone, so either region can be deployed, updated or deleted on its own).
//!
//! - Health checks: HTTP on the load balancer's DNS name, the health-check path, every 30 s
//!   or 10 s (`RequestInterval`, fixed once created) and `FailureThreshold` 1–10, as the
//!   design says ("AWS::Route53::HealthCheck HealthCheckConfig",
//!   <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-route53-healthcheck-healthcheckconfig.html>).
//! - Records: a `SetIdentifier` each; failover routing marks the first linked load balancer
//!   `PRIMARY` and the second `SECONDARY`, as the engine does; latency routing names the
//!   stack's own region (`Region: !Ref AWS::Region`). Each record carries its health check
//!   ("Values specific for failover records",
//!   <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-failover.html>;
//!   "AWS::Route53::RecordSet",
//!   <https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-route53-recordset.html>).
//! - **CNAME, not alias.** An alias record to a load balancer has no TTL of its own: Route 53
//!   answers with the load balancer's fixed 60 s. A CNAME keeps the TTL the learner chose
//!   and the simulation measured its failover with, so the deployed system fails over as
//!   the simulated one did. The price: a CNAME cannot be at the zone apex
//!   (`example.com`), so the record name must be a subdomain (`www.example.com`), and a
//!   resolver makes a second lookup for the load balancer's own name ("Choosing between
//!   alias and non-alias records",
//!   <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html>).
//!
//! The hosted zone is not created here: it outlives either region's stack and is shared by
//! both, so its id and the record name are parameters. Resolvers that keep answers past
//! their TTL are simulated only (`Nines::Simulation`).

use serde_json::json;

use super::builder::{APP_PORT, Builder};
use super::intrinsic::{get_att, name_tag, reference, sub, whole};
use super::load_balancer::health_check_path;
use super::template::{Parameter, Resource};
use crate::design::{ComponentSpec, DnsRouting, DnsSpec};

/// Adds DNS name `id`'s health checks and records for the load balancers of this stack's
/// region; notes where the other records are.
pub fn export(b: &mut Builder<'_>, id: &str, dns: &DnsSpec) {
    let design = b.design;
    let linked: Vec<_> =
        b.receivers(id).into_iter().filter(|c| matches!(c.spec, ComponentSpec::LoadBalancer(_))).collect();
    let mine: Vec<(usize, &str)> =
        linked.iter().enumerate().filter(|(_, c)| b.owns(c)).map(|(k, c)| (k, c.id.as_str())).collect();
    if mine.is_empty() {
        return;
    }
    let (zone, name) = parameters(b, id);
    for &(index, lb) in &mine {
        let check = health_check(b, id, lb, dns);
        record(b, lb, dns, index, (&zone, &name), &check);
    }
    let elsewhere: Vec<String> = linked
        .iter()
        .filter(|c| !b.owns(c))
        .map(|c| {
            format!(
                "{id}'s record for {} is in the {} stack: deploy it with the same hosted zone and record name",
                c.id,
                design.region_of(c).name
            )
        })
        .collect();
    for sentence in elsewhere {
        b.leave_out(sentence);
    }
    b.leave_out(format!(
        "{id}: resolvers that keep answers past the TTL ({:.0} % of requests, {:.0} TTLs) are simulated only",
        dns.late_resolver_share * 100.0,
        dns.late_resolver_ttl_multiple
    ));
    b.output(b.id(id, "Url"), format!("Where clients reach {id}"), sub(&format!("http://${{{name}}}")));
}

/// The hosted zone and record-name parameters of DNS name `id`, declared; their ids.
fn parameters(b: &mut Builder<'_>, id: &str) -> (String, String) {
    let zone = b.id(id, "HostedZoneId");
    let name = b.id(id, "RecordName");
    b.parameters.entry(zone.clone()).or_insert_with(|| {
        Parameter::new(
            "AWS::Route53::HostedZone::Id",
            format!("The Route 53 public hosted zone that holds {id}'s records (create it once, outside these stacks); the same in every region's stack."),
        )
    });
    b.parameters.entry(name.clone()).or_insert_with(|| Parameter {
        allowed_pattern: Some("^[A-Za-z0-9*_-]+\\.[A-Za-z0-9.-]+\\.?$".to_owned()),
        constraint_description: Some("a subdomain of the hosted zone, e.g. www.example.com".to_owned()),
        ..Parameter::new(
            "String",
            format!("The name clients resolve for {id}, in the hosted zone: a subdomain such as www.example.com (a CNAME cannot be the zone apex); the same in every region's stack."),
        )
    });
    (zone, name)
}

/// The health check on load balancer `lb`; its logical id.
fn health_check(b: &mut Builder<'_>, id: &str, lb: &str, dns: &DnsSpec) -> String {
    let logical = b.id(lb, "HealthCheck");
    let path = health_check_path(b);
    let properties = json!({
        "HealthCheckConfig": {
            "Type": "HTTP",
            "FullyQualifiedDomainName": get_att(&b.id(lb, "LoadBalancer"), "DNSName"),
            "Port": APP_PORT,
            "ResourcePath": path,
            "RequestInterval": whole(dns.health_check_interval_s()),
            "FailureThreshold": dns.failure_threshold,
        },
        "HealthCheckTags": name_tag(&format!("{id} → {lb}")),
    });
    b.add(logical.clone(), Resource::new("AWS::Route53::HealthCheck", properties));
    logical
}

/// The record of load balancer `lb`, the `index`th (from 0) the DNS name points to, in
/// the hosted zone and under the record name of these parameter ids, with health check
/// `check`.
fn record(
    b: &mut Builder<'_>,
    lb: &str,
    dns: &DnsSpec,
    index: usize,
    (zone, name): (&str, &str),
    check: &str,
) {
    let mut properties = json!({
        "HostedZoneId": reference(zone),
        "Name": reference(name),
        "Type": "CNAME",
        "TTL": whole(dns.ttl_s).to_string(),
        "ResourceRecords": [get_att(&b.id(lb, "LoadBalancer"), "DNSName")],
        "SetIdentifier": lb,
        "HealthCheckId": reference(check),
    });
    match dns.routing {
        DnsRouting::Failover => {
            properties["Failover"] = json!(if index == 0 { "PRIMARY" } else { "SECONDARY" });
        }
        DnsRouting::Latency => properties["Region"] = reference("AWS::Region"),
    }
    b.add(b.id(lb, "Record"), Resource::new("AWS::Route53::RecordSet", properties));
}
