//! Scaling policies → `AWS::AutoScaling::ScalingPolicy`: target tracking on CPU, on ALB
//! requests per target, or on backlog per instance (metric math over the queue and the
//! group); step and simple scaling, triggered by their alarm (the alarm names the policy
//! in its actions, see `alarm.rs`).

use serde_json::{Value, json};

use super::builder::Builder;
use super::intrinsic::{get_att, reference, whole};
use super::load_balancer::full_names;
use super::template::Resource;
use crate::design::{ComponentSpec, GroupSpec, PolicySpec, Statistic, StepAdjustment, TrackedMetric};

/// The logical id of policy `index` (0-based) of group `group`.
pub fn policy_id(b: &Builder<'_>, group: &str, index: usize) -> String {
    b.id(group, &format!("ScalingPolicy{}", index + 1))
}

/// Adds policy `index` of group `id`, or notes why it cannot be expressed.
pub fn export(b: &mut Builder<'_>, id: &str, g: &GroupSpec, index: usize, policy: &PolicySpec) {
    let properties = match policy {
        PolicySpec::TargetTracking { metric, target } => target_tracking(b, id, g, *metric, *target),
        PolicySpec::Step { alarm, steps } => step(b, id, alarm, steps),
        PolicySpec::Simple { alarm, change } => Ok(json!({
            "AutoScalingGroupName": reference(&b.id(id, "Group")),
            "PolicyType": "SimpleScaling",
            "AdjustmentType": "ChangeInCapacity",
            "ScalingAdjustment": change,
            "Cooldown": whole(g.cooldown_s).to_string(),
        }))
        .and_then(|p| alarm_exists(b, alarm).map(|()| p)),
    };
    match properties {
        Ok(p) => b.add(policy_id(b, id, index), Resource::new("AWS::AutoScaling::ScalingPolicy", p)),
        Err(why) => b.leave_out(format!("{id}'s scaling policy {}: {why}", index + 1)),
    }
}

fn target_tracking(
    b: &Builder<'_>,
    id: &str,
    g: &GroupSpec,
    metric: TrackedMetric,
    target: f64,
) -> Result<Value, String> {
    if g.max <= g.min {
        return Err(format!(
            "target tracking on a group whose max ({}) is not above its min ({}) can never change capacity",
            g.max, g.min
        ));
    }
    let mut configuration = json!({ "TargetValue": target });
    match metric {
        TrackedMetric::Cpu => {
            configuration["PredefinedMetricSpecification"] =
                json!({ "PredefinedMetricType": "ASGAverageCPUUtilization" });
        }
        TrackedMetric::RequestCountPerTarget => {
            let lb = b
                .load_balancer_of(id)
                .ok_or("requests per target needs a load balancer sending to the group")?;
            let (balancer, target_group) = full_names(b, &lb.id);
            configuration["PredefinedMetricSpecification"] = json!({
                "PredefinedMetricType": "ALBRequestCountPerTarget",
                "ResourceLabel": { "Fn::Join": ["/", [balancer, target_group]] },
            });
        }
        TrackedMetric::BacklogPerInstance => {
            configuration["CustomizedMetricSpecification"] =
                json!({ "Metrics": backlog_queries(b, id, "Average")? });
        }
    }
    Ok(json!({
        "AutoScalingGroupName": reference(&b.id(id, "Group")),
        "PolicyType": "TargetTrackingScaling",
        "TargetTrackingConfiguration": configuration,
    }))
}

/// Metric math for backlog per instance, AWS's recipe for scaling on SQS: visible
/// messages of the queue the group consumes ÷ the group's in-service instances.
pub fn backlog_queries(b: &Builder<'_>, id: &str, stat: &str) -> Result<Vec<Value>, String> {
    let queue = b.queue_of(id).ok_or("backlog per instance needs a queue sending to the group")?;
    let messages = json!({
        "Namespace": "AWS/SQS",
        "MetricName": "ApproximateNumberOfMessagesVisible",
        "Dimensions": [{ "Name": "QueueName", "Value": get_att(&b.id(&queue.id, "Queue"), "QueueName") }],
    });
    let instances = json!({
        "Namespace": "AWS/AutoScaling",
        "MetricName": "GroupInServiceInstances",
        "Dimensions": [{ "Name": "AutoScalingGroupName", "Value": reference(&b.id(id, "Group")) }],
    });
    Ok(vec![
        json!({ "Id": "messages", "MetricStat": { "Metric": messages, "Stat": stat }, "ReturnData": false }),
        json!({ "Id": "instances", "MetricStat": { "Metric": instances, "Stat": "Average" }, "ReturnData": false }),
        json!({ "Id": "backlog", "Expression": "messages / instances", "Label": "Backlog per instance", "ReturnData": true }),
    ])
}

fn step(b: &Builder<'_>, id: &str, alarm: &str, steps: &[StepAdjustment]) -> Result<Value, String> {
    alarm_exists(b, alarm)?;
    let adjustments: Vec<Value> = steps
        .iter()
        .map(|s| {
            let mut step = json!({ "ScalingAdjustment": s.change });
            if let Some(lower) = s.lower {
                step["MetricIntervalLowerBound"] = json!(lower);
            }
            if let Some(upper) = s.upper {
                step["MetricIntervalUpperBound"] = json!(upper);
            }
            step
        })
        .collect();
    let mut properties = json!({
        "AutoScalingGroupName": reference(&b.id(id, "Group")),
        "PolicyType": "StepScaling",
        "AdjustmentType": "ChangeInCapacity",
        "StepAdjustments": adjustments,
    });
    if let Some(ComponentSpec::Alarm(a)) = b.design.component(alarm).map(|c| &c.spec) {
        // Step scaling aggregates with Average, Minimum or Maximum only.
        let aggregation = match a.statistic {
            Statistic::Minimum => Some("Minimum"),
            Statistic::Maximum => Some("Maximum"),
            Statistic::Average => Some("Average"),
            Statistic::Sum | Statistic::SampleCount => None,
        };
        if let Some(aggregation) = aggregation {
            properties["MetricAggregationType"] = json!(aggregation);
        }
    }
    Ok(properties)
}

fn alarm_exists(b: &Builder<'_>, alarm: &str) -> Result<(), String> {
    match b.design.component(alarm).map(|c| &c.spec) {
        Some(ComponentSpec::Alarm(_)) => Ok(()),
        _ => Err(format!("its alarm `{alarm}` is not an alarm of the design")),
    }
}
