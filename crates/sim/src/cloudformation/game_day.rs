//! The optional game day: an `AWS::FIS::ExperimentTemplate` that loses a zone (stops
//! every group's instances in it, restarting them after ten minutes) with a CloudWatch
//! alarm as its stop condition, one that fails each Multi-AZ database over, and an `AWS::ResilienceHub::ResiliencyPolicy` holding the
//! report card's recovery targets.

use serde_json::{Map, Value, json};

use super::builder::Builder;
use super::intrinsic::{get_att, reference, zone_name};
use super::load_balancer::full_names;
use super::names::stem;
use super::template::Resource;
use crate::design::{ComponentSpec, Design};
use crate::grade::structure::Structure;
use crate::grade::{Disruption, RecoveryPolicy};

/// FIS's managed policy for EC2 actions.
const FIS_EC2_ACCESS: &str = "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access";
/// FIS's managed policy for RDS actions.
const FIS_RDS_ACCESS: &str = "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorRDSAccess";
/// How long the zone stays lost before FIS starts the instances again (ISO 8601).
const OUTAGE: &str = "PT10M";
/// The stop condition: more than this share of requests failing [%] …
const STOP_ERROR_PERCENT: f64 = 5.0;

/// Adds the game day resources to a template with at least one auto-scaling group;
/// notes why not otherwise.
pub fn export(b: &mut Builder<'_>, policy: &RecoveryPolicy) {
    resiliency_policy(b, policy);
    let groups: Vec<String> = b
        .own_components()
        .filter(|c| matches!(c.spec, ComponentSpec::AutoScalingGroup(_)))
        .map(|c| c.id.clone())
        .collect();
    let Some(zone) = zone_to_lose(b) else {
        b.leave_out("game day: the design has no zone to lose".to_owned());
        return;
    };
    if groups.is_empty() {
        b.leave_out("game day: no auto-scaling group whose instances a lost zone would stop".to_owned());
        return;
    }
    let alarm = stop_alarm(b, &groups[0]);
    let role = "GameDayRole";
    b.add(
        role.to_owned(),
        Resource::new(
            "AWS::IAM::Role",
            json!({
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{ "Effect": "Allow", "Principal": { "Service": "fis.amazonaws.com" }, "Action": "sts:AssumeRole" }],
                },
                "ManagedPolicyArns": [FIS_EC2_ACCESS, FIS_RDS_ACCESS],
            }),
        ),
    );
    let (targets, actions) = targets_and_actions(b, &groups, &zone);
    let name = format!("Nines game day for {}: lose zone {zone}", b.design.name);
    b.add(
        "GameDayLoseZone".to_owned(),
        Resource::new(
            "AWS::FIS::ExperimentTemplate",
            json!({
                "Description": format!("Lose zone {zone}: stop the instances of {} there for 10 minutes", groups.join(", ")),
                "RoleArn": get_att(role, "Arn"),
                "StopConditions": [{ "Source": "aws:cloudwatch:alarm", "Value": get_att(&alarm, "Arn") }],
                "Targets": targets,
                "Actions": actions,
                "Tags": { "Name": name },
            }),
        ),
    );
    for db in multi_az_databases(b) {
        failover(b, &db, role, &alarm);
    }
}

/// Ids of the Multi-AZ databases: the grader's "fail the database primary" has an FIS
/// counterpart for them (a reboot with failover); without a standby it would be an outage.
fn multi_az_databases(b: &Builder<'_>) -> Vec<String> {
    b.own_components()
        .filter(|c| matches!(&c.spec, ComponentSpec::Database(db) if db.standby_zone.is_some()))
        .map(|c| c.id.clone())
        .collect()
}

/// An experiment that fails database `id` over to its standby.
fn failover(b: &mut Builder<'_>, id: &str, role: &str, alarm: &str) {
    let target = format!("{}Primary", stem(id));
    b.add(
        format!("GameDayFailover{}", stem(id)),
        Resource::new(
            "AWS::FIS::ExperimentTemplate",
            json!({
                "Description": format!("Fail {id}'s primary: reboot with failover to the Multi-AZ standby"),
                "RoleArn": get_att(role, "Arn"),
                "StopConditions": [{ "Source": "aws:cloudwatch:alarm", "Value": get_att(alarm, "Arn") }],
                "Targets": {
                    target.clone(): {
                        "ResourceType": "aws:rds:db",
                        "ResourceArns": [get_att(&b.id(id, "Database"), "DBInstanceArn")],
                        "SelectionMode": "ALL",
                    },
                },
                "Actions": {
                    "Failover": {
                        "ActionId": "aws:rds:reboot-db-instances",
                        "Parameters": { "forceFailover": "true" },
                        "Targets": { "DBInstances": target },
                    },
                },
                "Tags": { "Name": format!("Nines game day for {}: fail {id} over", b.design.name) },
            }),
        ),
    );
}

/// The zone of the stack's region whose loss hurts most: the worst zone of the first
/// server layer when it lies in this region, else the region's first zone. The grader
/// names zones as the world does ([`Design::zone_name`]); the template uses the suffix.
fn zone_to_lose(b: &Builder<'_>) -> Option<String> {
    let design: &Design = b.design;
    let structure = Structure::analyse(design);
    let worst = structure.layers.iter().find_map(|l| l.worst_zone.clone());
    let region = b.region();
    worst
        .and_then(|w| region.zones.iter().find(|z| design.zone_name(b.region, z) == w).cloned())
        .or_else(|| region.zones.first().cloned())
}

/// One FIS target (the group's running instances in `zone`) and one stop action per group.
fn targets_and_actions(b: &Builder<'_>, groups: &[String], zone: &str) -> (Value, Value) {
    let mut targets = Map::new();
    let mut actions = Map::new();
    for group in groups {
        let target = format!("{}InstancesInZone{}", stem(group), stem(zone));
        targets.insert(
            target.clone(),
            json!({
                "ResourceType": "aws:ec2:instance",
                "ResourceTags": { "aws:autoscaling:groupName": reference(&b.id(group, "Group")) },
                "Filters": [
                    { "Path": "Placement.AvailabilityZone", "Values": [zone_name(zone)] },
                    { "Path": "State.Name", "Values": ["running"] },
                ],
                "SelectionMode": "ALL",
            }),
        );
        actions.insert(
            format!("Stop{}InZone{}", stem(group), stem(zone)),
            json!({
                "ActionId": "aws:ec2:stop-instances",
                "Description": format!("stop {group}'s instances in zone {zone}, start them after 10 minutes"),
                "Parameters": { "startInstancesAfterDuration": OUTAGE },
                "Targets": { "Instances": target },
            }),
        );
    }
    (Value::Object(targets), Value::Object(actions))
}

/// The alarm that stops the experiment: failed requests above 5 % at the load balancer in
/// front of `group`, else the oldest message of the queue it consumes waiting over 15
/// minutes, else no instance of the group in service. Returns its logical id.
fn stop_alarm(b: &mut Builder<'_>, group: &str) -> String {
    let mut properties = if let Some(lb) = b.load_balancer_of(group) {
        let (balancer, _) = full_names(b, &lb.id);
        let metric = |id: &str, name: &str| {
            json!({
                "Id": id,
                "MetricStat": {
                    "Metric": { "Namespace": "AWS/ApplicationELB", "MetricName": name, "Dimensions": [{ "Name": "LoadBalancer", "Value": balancer }] },
                    "Period": 60,
                    "Stat": "Sum",
                },
                "ReturnData": false,
            })
        };
        json!({
            "AlarmDescription": format!("Stop the game day: more than {STOP_ERROR_PERCENT} % of requests to {} fail", lb.id),
            "Metrics": [
                metric("errors", "HTTPCode_ELB_5XX_Count"),
                metric("requests", "RequestCount"),
                { "Id": "failed", "Expression": "100 * FILL(errors, 0) / requests", "Label": "Failed requests (%)", "ReturnData": true },
            ],
            "Threshold": STOP_ERROR_PERCENT,
        })
    } else if let Some(queue) = b.queue_of(group) {
        json!({
            "AlarmDescription": format!("Stop the game day: the oldest message of {} waits over 15 minutes", queue.id),
            "Namespace": "AWS/SQS",
            "MetricName": "ApproximateAgeOfOldestMessage",
            "Dimensions": [{ "Name": "QueueName", "Value": get_att(&b.id(&queue.id, "Queue"), "QueueName") }],
            "Statistic": "Maximum",
            "Period": 60,
            "Threshold": 900,
        })
    } else {
        json!({
            "AlarmDescription": format!("Stop the game day: {group} has no instance in service"),
            "Namespace": "AWS/AutoScaling",
            "MetricName": "GroupInServiceInstances",
            "Dimensions": [{ "Name": "AutoScalingGroupName", "Value": reference(&b.id(group, "Group")) }],
            "Statistic": "Minimum",
            "Period": 60,
            "Threshold": 1,
        })
    };
    let lower = properties.get("MetricName").is_some_and(|m| m == "GroupInServiceInstances");
    properties["ComparisonOperator"] =
        json!(if lower { "LessThanThreshold" } else { "GreaterThanThreshold" });
    properties["EvaluationPeriods"] = json!(1);
    properties["TreatMissingData"] = json!("notBreaching");
    let logical = "GameDayStopAlarm".to_owned();
    b.add(logical.clone(), Resource::new("AWS::CloudWatch::Alarm", properties));
    logical
}

/// The report card's recovery targets as a Resilience Hub policy. Resilience Hub has four
/// disruption types: Hardware takes the stricter of Nines's instance and database targets;
/// Nines's dependency target has no counterpart and is noted.
fn resiliency_policy(b: &mut Builder<'_>, policy: &RecoveryPolicy) {
    let target = |d: Disruption| {
        let t = policy.target(d);
        // Nines's RPO counts writes and messages lost; zero lost is a recovery point of 0 s.
        let rpo = if t.rpo_lost == 0 { 0 } else { 300 };
        (libm::round(t.rto_s) as u64, rpo)
    };
    let (instance, database) = (target(Disruption::Instance), target(Disruption::Database));
    let hardware = (instance.0.min(database.0), instance.1.min(database.1));
    let entry = |(rto, rpo): (u64, u64)| json!({ "RtoInSecs": rto, "RpoInSecs": rpo });
    let name: String = format!("nines-{}", stem(&b.design.name)).chars().take(60).collect();
    b.add(
        "ResiliencyPolicy".to_owned(),
        Resource::new(
            "AWS::ResilienceHub::ResiliencyPolicy",
            json!({
                "PolicyName": name,
                "PolicyDescription": "The recovery targets of the Nines report card",
                "Tier": "Critical",
                "Policy": {
                    "AZ": entry(target(Disruption::Zone)),
                    "Hardware": entry(hardware),
                    "Software": entry(target(Disruption::Software)),
                },
            }),
        ),
    );
    let dependency = policy.target(Disruption::Dependency);
    b.leave_out(format!(
        "the report card's dependency target (RTO {:.0} s, {} lost) has no Resilience Hub disruption type, and Nines has no Region target",
        dependency.rto_s, dependency.rpo_lost
    ));
}
