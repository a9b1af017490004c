//! A Nines alarm → `AWS::CloudWatch::Alarm` on the CloudWatch metric that matches the
//! watched component's metric; its actions are the step and simple scaling policies
//! that name it.

use serde_json::{Value, json};

use super::builder::Builder;
use super::intrinsic::{get_att, reference, whole};
use super::load_balancer::full_names;
use super::scaling::{backlog_queries, policy_id};
use super::template::Resource;
use crate::design::{AlarmSpec, Comparison, ComponentSpec, MetricName, MissingData, PolicySpec, Statistic};

/// The shortest period of AWS's own (standard-resolution) metrics [s]; 10 and 30 s
/// periods are for high-resolution custom metrics.
pub const STANDARD_PERIOD_S: u32 = 60;

/// Where a CloudWatch metric comes from: one metric, or metric math.
pub enum Metric {
    /// Namespace, metric name and dimensions; `scale` converts the design's threshold
    /// into the metric's unit (0.001 for milliseconds → seconds).
    Single {
        /// e.g. `AWS/SQS`.
        namespace: &'static str,
        /// e.g. `ApproximateAgeOfOldestMessage`.
        name: &'static str,
        /// `[{"Name": …, "Value": …}]`.
        dimensions: Value,
        /// Factor from the design's unit to CloudWatch's.
        scale: f64,
    },
    /// Metric-data queries; the one with `ReturnData: true` is alarmed on.
    Math(Vec<Value>),
}

/// Adds alarm `id`, or notes why its metric has no CloudWatch counterpart.
pub fn export(b: &mut Builder<'_>, id: &str, alarm: &AlarmSpec) {
    match metric(b, alarm) {
        Ok(metric) => {
            let mut alarm = alarm.clone();
            if alarm.period_s < f64::from(STANDARD_PERIOD_S) {
                b.leave_out(format!(
                    "alarm {id}'s {} s period: AWS metrics are published each minute, so the template uses {STANDARD_PERIOD_S} s",
                    alarm.period_s
                ));
                alarm.period_s = f64::from(STANDARD_PERIOD_S);
            }
            let properties = properties(b, id, &alarm, metric);
            b.add(b.id(id, "Alarm"), Resource::new("AWS::CloudWatch::Alarm", properties));
        }
        Err(why) => b.leave_out(format!("alarm {id}: {why}")),
    }
}

fn properties(b: &Builder<'_>, id: &str, alarm: &AlarmSpec, metric: Metric) -> Value {
    let mut properties = json!({
        "AlarmDescription": format!("Nines alarm {id} on {} of {}", metric_label(alarm.metric), alarm.source),
        "EvaluationPeriods": alarm.evaluation_periods,
        "DatapointsToAlarm": alarm.datapoints_to_alarm,
        "ComparisonOperator": comparison(alarm.comparison),
        "TreatMissingData": missing_data(alarm.missing_data),
    });
    match metric {
        Metric::Single { namespace, name, dimensions, scale } => {
            properties["Namespace"] = json!(namespace);
            properties["MetricName"] = json!(name);
            properties["Dimensions"] = dimensions;
            properties["Statistic"] = json!(statistic(alarm.statistic));
            properties["Period"] = json!(whole(alarm.period_s));
            properties["Threshold"] = json!(alarm.threshold * scale);
        }
        Metric::Math(mut queries) => {
            for q in &mut queries {
                if let Some(stat) = q.get_mut("MetricStat") {
                    stat["Period"] = json!(whole(alarm.period_s));
                }
            }
            properties["Metrics"] = Value::Array(queries);
            properties["Threshold"] = json!(alarm.threshold);
        }
    }
    let actions = actions(b, id);
    if !actions.is_empty() {
        properties["AlarmActions"] = Value::Array(actions);
    }
    properties
}

/// The scaling policies triggered by alarm `id`.
fn actions(b: &Builder<'_>, id: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for c in &b.design.components {
        let ComponentSpec::AutoScalingGroup(g) = &c.spec else { continue };
        for (index, policy) in g.policies.iter().enumerate() {
            let named = match policy {
                PolicySpec::Step { alarm, .. } | PolicySpec::Simple { alarm, .. } => alarm == id,
                PolicySpec::TargetTracking { .. } => false,
            };
            let logical = policy_id(b, &c.id, index);
            if named && b.resources.contains_key(&logical) {
                out.push(reference(&logical));
            }
        }
    }
    out
}

/// The CloudWatch metric for `alarm`'s source and metric.
pub fn metric(b: &Builder<'_>, alarm: &AlarmSpec) -> Result<Metric, String> {
    let source = b
        .design
        .component(&alarm.source)
        .ok_or(format!("its source `{}` is not in the design", alarm.source))?;
    let id = source.id.as_str();
    let one = |namespace, name, dimensions, scale| Ok(Metric::Single { namespace, name, dimensions, scale });
    let dimension = |name: &str, value: Value| json!([{ "Name": name, "Value": value }]);
    match (&source.spec, alarm.metric) {
        (ComponentSpec::AutoScalingGroup(_), MetricName::CpuUtilization) => one(
            "AWS/EC2",
            "CPUUtilization",
            dimension("AutoScalingGroupName", reference(&b.id(id, "Group"))),
            1.0,
        ),
        (ComponentSpec::Instance(_), MetricName::CpuUtilization) => {
            one("AWS/EC2", "CPUUtilization", dimension("InstanceId", reference(&b.id(id, "Instance"))), 1.0)
        }
        (ComponentSpec::Database(_), MetricName::CpuUtilization) => one(
            "AWS/RDS",
            "CPUUtilization",
            dimension("DBInstanceIdentifier", reference(&b.id(id, "Database"))),
            1.0,
        ),
        (ComponentSpec::LoadBalancer(_), m) => load_balancer_metric(b, id, m),
        (ComponentSpec::AutoScalingGroup(_), MetricName::RequestCount) => {
            let lb = b
                .load_balancer_of(id)
                .ok_or("requests of a group are counted by its load balancer, and none sends to it")?;
            let (balancer, target_group) = full_names(b, &lb.id);
            let dimensions = json!([
                { "Name": "LoadBalancer", "Value": balancer },
                { "Name": "TargetGroup", "Value": target_group },
            ]);
            one("AWS/ApplicationELB", "RequestCount", dimensions, 1.0)
        }
        (ComponentSpec::Queue(_), MetricName::MessagesVisible | MetricName::OldestMessageAge) => {
            let name = if alarm.metric == MetricName::MessagesVisible {
                "ApproximateNumberOfMessagesVisible"
            } else {
                "ApproximateAgeOfOldestMessage"
            };
            one("AWS/SQS", name, dimension("QueueName", get_att(&b.id(id, "Queue"), "QueueName")), 1.0)
        }
        (ComponentSpec::AutoScalingGroup(_), MetricName::BacklogPerInstance) => {
            Ok(Metric::Math(backlog_queries(b, id, statistic(alarm.statistic))?))
        }
        (spec, m) => Err(format!(
            "CloudWatch publishes no {} for a {}",
            metric_label(m),
            spec.kind_name().replace('_', " ")
        )),
    }
}

fn load_balancer_metric(b: &Builder<'_>, id: &str, m: MetricName) -> Result<Metric, String> {
    let (balancer, target_group) = full_names(b, id);
    let by_balancer = json!([{ "Name": "LoadBalancer", "Value": balancer }]);
    let (name, dimensions, scale) = match m {
        MetricName::RequestCount => ("RequestCount", by_balancer, 1.0),
        // Requests the load balancer answered with a 5XX: what clients see as failures.
        MetricName::ErrorCount => ("HTTPCode_ELB_5XX_Count", by_balancer, 1.0),
        MetricName::HealthyHostCount => (
            "HealthyHostCount",
            json!([
                { "Name": "LoadBalancer", "Value": balancer },
                { "Name": "TargetGroup", "Value": target_group },
            ]),
            1.0,
        ),
        // Nines measures milliseconds; TargetResponseTime is in seconds.
        MetricName::Latency => ("TargetResponseTime", by_balancer, 0.001),
        other => return Err(format!("CloudWatch publishes no {} for a load balancer", metric_label(other))),
    };
    Ok(Metric::Single { namespace: "AWS/ApplicationELB", name, dimensions, scale })
}

fn metric_label(m: MetricName) -> &'static str {
    match m {
        MetricName::CpuUtilization => "CPU utilisation",
        MetricName::RequestCount => "request count",
        MetricName::ErrorCount => "error count",
        MetricName::HealthyHostCount => "healthy host count",
        MetricName::Latency => "latency",
        MetricName::MessagesVisible => "visible messages",
        MetricName::OldestMessageAge => "age of the oldest message",
        MetricName::BacklogPerInstance => "backlog per instance",
    }
}

/// CloudWatch's name of a statistic.
pub fn statistic(s: Statistic) -> &'static str {
    match s {
        Statistic::Average => "Average",
        Statistic::Sum => "Sum",
        Statistic::Minimum => "Minimum",
        Statistic::Maximum => "Maximum",
        Statistic::SampleCount => "SampleCount",
    }
}

fn comparison(c: Comparison) -> &'static str {
    match c {
        Comparison::GreaterThanThreshold => "GreaterThanThreshold",
        Comparison::GreaterThanOrEqualToThreshold => "GreaterThanOrEqualToThreshold",
        Comparison::LessThanThreshold => "LessThanThreshold",
        Comparison::LessThanOrEqualToThreshold => "LessThanOrEqualToThreshold",
    }
}

fn missing_data(m: MissingData) -> &'static str {
    match m {
        MissingData::Missing => "missing",
        MissingData::NotBreaching => "notBreaching",
        MissingData::Breaching => "breaching",
        MissingData::Ignore => "ignore",
    }
}
