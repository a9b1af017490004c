//! An EC2 Auto Scaling group and its scaling policies.

use serde::{Deserialize, Serialize};

use super::InstanceTemplate;

mod policy_de;

/// An auto-scaling group: keeps `desired` healthy instances spread over its zones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupSpec {
    /// Zones the group launches into (fewest-instances first).
    pub zones: Vec<String>,
    /// Never fewer instances than this.
    pub min: u32,
    /// Instances wanted now; defaults to `min`, kept within [min, max].
    pub desired: u32,
    /// Never more instances than this (rebalancing may exceed it briefly).
    pub max: u32,
    /// Launch to in-service time, drawn uniformly from this range [s]; AWS: "two or three minutes".
    pub launch_time_s: [f64; 2],
    /// Which failures the group notices and replaces.
    pub health_check_type: HealthCheckType,
    /// Seconds after launch before health checks count [s]; console default 300, API 0.
    pub grace_period_s: f64,
    /// Scaling policies; target tracking, step or simple.
    pub policies: Vec<PolicySpec>,
    /// Wait after a simple-scaling activity [s]; default 300.
    pub cooldown_s: f64,
    /// Seconds a new instance is not counted by scaling policies [s]; unset = `cooldown_s`.
    pub warmup_s: Option<f64>,
    /// What each launched instance is.
    pub instance: InstanceTemplate,
}

impl Default for GroupSpec {
    fn default() -> Self {
        GroupSpec {
            zones: vec!["a".to_owned(), "b".to_owned()],
            min: 2,
            desired: 2,
            max: 6,
            launch_time_s: [120.0, 180.0],
            health_check_type: HealthCheckType::Elb,
            grace_period_s: 300.0,
            policies: Vec::new(),
            cooldown_s: 300.0,
            warmup_s: None,
            instance: InstanceTemplate::default(),
        }
    }
}

/// Health-check type of a group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthCheckType {
    /// EC2 status only: notices crashed or terminated instances, not hung ones.
    Ec2,
    /// Also the load balancer's health checks: notices hung instances too.
    #[default]
    Elb,
}

/// A scaling policy.
///
/// Written by serde's derive, read by hand (`group/policy_de.rs`: a new type needs its arm
/// there).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PolicySpec {
    /// Keep a metric near a target value (AWS manages the alarms).
    TargetTracking {
        /// The metric to hold near the target.
        metric: TrackedMetric,
        /// The value to hold the metric at, in the metric's unit (e.g. 50 for 50 % CPU).
        target: f64,
    },
    /// Change capacity by the step matching how far an alarm's metric breaches.
    Step {
        /// The alarm whose breach triggers the policy.
        alarm: String,
        /// Capacity changes by how far the metric breaches the alarm's threshold.
        steps: Vec<StepAdjustment>,
    },
    /// Change capacity by a fixed amount when an alarm fires, then wait the cooldown.
    Simple {
        /// The alarm whose breach triggers the policy.
        alarm: String,
        /// Instances to add (positive) or remove (negative) each time it fires.
        change: i32,
    },
}

/// Metrics target tracking can follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackedMetric {
    /// Average CPU utilisation of the group [%].
    Cpu,
    /// Requests per target per minute from the load balancer.
    RequestCountPerTarget,
    /// Visible messages of the consumed queue divided by in-service instances.
    BacklogPerInstance,
}

/// One step of a step-scaling policy: bounds are relative to the alarm threshold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepAdjustment {
    /// Lower bound of the breach (inclusive); `null` = minus infinity.
    #[serde(default)]
    pub lower: Option<f64>,
    /// Upper bound of the breach (exclusive); `null` = infinity.
    #[serde(default)]
    pub upper: Option<f64>,
    /// Instances to add (positive) or remove (negative).
    pub change: i32,
}
