//! A CloudWatch alarm on one metric of one component.

use serde::{Deserialize, Serialize};

/// A metric alarm. Scaling policies of type step or simple name an alarm as their trigger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlarmSpec {
    /// Id of the component whose metric is watched.
    pub source: String,
    /// Which metric of it.
    pub metric: MetricName,
    /// How datapoints aggregate over a period.
    pub statistic: Statistic,
    /// Datapoint length [s]; default 60; 10, 30 or a multiple of 60.
    pub period_s: f64,
    /// The N most recent datapoints evaluated.
    pub evaluation_periods: u32,
    /// M of those N that must breach to alarm.
    pub datapoints_to_alarm: u32,
    /// Threshold in the metric's unit.
    pub threshold: f64,
    /// How the statistic is compared with the threshold.
    pub comparison: Comparison,
    /// What a period without data counts as.
    pub missing_data: MissingData,
}

impl Default for AlarmSpec {
    fn default() -> Self {
        AlarmSpec {
            source: String::new(),
            metric: MetricName::CpuUtilization,
            statistic: Statistic::Average,
            period_s: 60.0,
            evaluation_periods: 3,
            datapoints_to_alarm: 3,
            threshold: 70.0,
            comparison: Comparison::GreaterThanThreshold,
            missing_data: MissingData::Missing,
        }
    }
}

/// Metrics a component publishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricName {
    /// Busy slots over slots [%] (instances, groups, databases).
    CpuUtilization,
    /// Requests received (load balancers, instances, groups).
    RequestCount,
    /// Requests that failed (load balancers).
    ErrorCount,
    /// Healthy targets (load balancers).
    HealthyHostCount,
    /// Time to answer [ms] (load balancers).
    Latency,
    /// Visible messages (queues).
    MessagesVisible,
    /// Age of the oldest message [s] (queues).
    OldestMessageAge,
    /// Visible messages per in-service instance (groups consuming a queue).
    BacklogPerInstance,
}

/// CloudWatch statistics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    /// Mean of the period's samples.
    Average,
    /// Total of the period's samples.
    Sum,
    /// Smallest sample of the period.
    Minimum,
    /// Largest sample of the period.
    Maximum,
    /// Number of samples in the period.
    SampleCount,
}

/// Comparison operators of an alarm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// Breaches when the value is above the threshold.
    GreaterThanThreshold,
    /// Breaches when the value is at or above the threshold.
    GreaterThanOrEqualToThreshold,
    /// Breaches when the value is below the threshold.
    LessThanThreshold,
    /// Breaches when the value is at or below the threshold.
    LessThanOrEqualToThreshold,
}

impl Comparison {
    /// Whether `value` breaches `threshold`.
    pub fn breaches(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::GreaterThanThreshold => value > threshold,
            Comparison::GreaterThanOrEqualToThreshold => value >= threshold,
            Comparison::LessThanThreshold => value < threshold,
            Comparison::LessThanOrEqualToThreshold => value <= threshold,
        }
    }
}

/// Missing-data treatment of an alarm.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingData {
    /// Missing datapoints are skipped; all missing keeps the current state (CloudWatch default).
    #[default]
    Missing,
    /// Missing counts as within the threshold.
    NotBreaching,
    /// Missing counts as breaching.
    Breaching,
    /// The alarm keeps its current state.
    Ignore,
}
