//! An auto-scaling group → a launch template and an `AWS::AutoScaling::AutoScalingGroup`
//! (zones → subnets, min/max/desired, health checks, grace period, target group),
//! then its scaling policies.

use serde_json::{Value, json};

use super::builder::{Builder, Tier};
use super::iam::instance_profile;
use super::intrinsic::{get_att, reference, whole};
use super::network::{security_group, server_ingress};
use super::scaling;
use super::template::Resource;
use crate::design::{GroupSpec, HealthCheckType, PolicySpec, TrackedMetric};

/// Adds the group `id`: security group, role, launch template, group, policies.
pub fn export(b: &mut Builder<'_>, id: &str, g: &GroupSpec) {
    let ingress = server_ingress(b, id);
    let group_sg = security_group(b, id, "auto-scaling group instances", ingress);
    let profile = instance_profile(b, id);
    let template = b.id(id, "LaunchTemplate");
    let data = json!({
        "ImageId": b.image(),
        "InstanceType": g.instance.size,
        "SecurityGroupIds": [group_sg],
        "IamInstanceProfile": { "Arn": get_att(&profile, "Arn") },
        "MetadataOptions": { "HttpTokens": "required" },
    });
    b.add(template.clone(), Resource::new("AWS::EC2::LaunchTemplate", json!({ "LaunchTemplateData": data })));
    let properties = group_properties(b, id, g, &template);
    b.add(b.id(id, "Group"), Resource::new("AWS::AutoScaling::AutoScalingGroup", properties));
    for (index, policy) in g.policies.iter().enumerate() {
        scaling::export(b, id, g, index, policy);
    }
}

/// The group's properties.
fn group_properties(b: &mut Builder<'_>, id: &str, g: &GroupSpec, template: &str) -> Value {
    let desired = g.desired.clamp(g.min, g.max.max(g.min));
    let mut properties = json!({
        "LaunchTemplate": {
            "LaunchTemplateId": reference(template),
            "Version": get_att(template, "LatestVersionNumber"),
        },
        "MinSize": g.min.to_string(),
        "MaxSize": g.max.max(g.min).to_string(),
        "DesiredCapacity": desired.to_string(),
        "VPCZoneIdentifier": b.subnets(Tier::Private, &g.zones),
        "HealthCheckType": health_check_type(b, id, g),
        "HealthCheckGracePeriod": whole(g.grace_period_s),
        "Cooldown": whole(g.cooldown_s).to_string(),
        "Tags": [{ "Key": "Name", "Value": id, "PropagateAtLaunch": true }],
    });
    if let Some(warmup) = g.warmup_s {
        properties["DefaultInstanceWarmup"] = json!(whole(warmup));
    }
    if let Some(lb) = b.load_balancer_of(id) {
        properties["TargetGroupARNs"] = json!([reference(&b.id(&lb.id, "TargetGroup"))]);
    }
    if tracks_backlog(g) {
        // Backlog per instance divides by this group metric, which is off by default.
        properties["MetricsCollection"] =
            json!([{ "Granularity": "1Minute", "Metrics": ["GroupInServiceInstances"] }]);
    }
    properties
}

/// `ELB` or `EC2`; ELB health checks need a target group, so a group no load balancer
/// sends to keeps EC2 checks (and the template says so).
fn health_check_type(b: &mut Builder<'_>, id: &str, g: &GroupSpec) -> &'static str {
    match g.health_check_type {
        HealthCheckType::Ec2 => "EC2",
        HealthCheckType::Elb if b.load_balancer_of(id).is_some() => "ELB",
        HealthCheckType::Elb => {
            b.leave_out(format!(
                "{id} asks for ELB health checks but no load balancer sends to it: exported with EC2 health checks"
            ));
            "EC2"
        }
    }
}

/// Whether the group scales on backlog per instance (by target tracking or an alarm).
fn tracks_backlog(g: &GroupSpec) -> bool {
    g.policies
        .iter()
        .any(|p| matches!(p, PolicySpec::TargetTracking { metric: TrackedMetric::BacklogPerInstance, .. }))
}
