//! Parameters of CloudWatch alarms (Amazon CloudWatch User Guide, "Using Amazon CloudWatch
//! alarms", <https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html>).

use super::{Domain, Param, number, whole};
use crate::design::choice::choices_of;
use crate::design::{Choice, Comparison, MetricName, MissingData, Statistic};

const ALARM: Param = Param { kind: "alarm", ..Param::BASE };

/// CloudWatch evaluates at most one day of datapoints [s].
pub(crate) const MAX_EVALUATION_S: f64 = 86_400.0;

pub(crate) const SOURCE: Param = Param {
    path: "source",
    label: "Watches",
    what: "the watched component",
    domain: Domain::Component,
    why: "The component whose metric the alarm watches; an alarm on nothing never fires.",
    ..ALARM
};
pub(crate) const METRIC: Param = Param {
    path: "metric",
    label: "Metric",
    what: "the metric",
    domain: Domain::Choice(choices_of!(MetricName)),
    default: "cpu_utilization",
    why: "Which metric of the source; each kind publishes its own (queues: depth and age; load balancers: requests, errors, healthy hosts).",
    ..ALARM
};
pub(crate) const STATISTIC: Param = Param {
    path: "statistic",
    label: "Statistic",
    what: "the statistic",
    domain: Domain::Choice(choices_of!(Statistic)),
    default: "average",
    why: "How the datapoints of one period combine into the value compared with the threshold.",
    ..ALARM
};
pub(crate) const PERIOD: Param = Param {
    path: "period_s",
    label: "Period",
    what: "the period",
    domain: number(10.0, MAX_EVALUATION_S),
    unit: "s",
    default: "60",
    why: "Length of one datapoint: 10, 30 or a multiple of 60 s; shorter periods alarm sooner.",
    ..ALARM
};
pub(crate) const EVALUATION_PERIODS: Param = Param {
    path: "evaluation_periods",
    label: "Evaluation periods",
    what: "the evaluation periods",
    domain: whole(1.0, MAX_EVALUATION_S / 10.0),
    unit: "periods",
    default: "3",
    why: "How many recent periods the alarm looks at (at most one day of them).",
    ..ALARM
};
pub(crate) const DATAPOINTS: Param = Param {
    path: "datapoints_to_alarm",
    label: "Datapoints to alarm",
    what: "the datapoints to alarm",
    why: "How many of those periods must breach (M of N): fewer reacts faster, more ignores blips.",
    ..EVALUATION_PERIODS
};
pub(crate) const THRESHOLD: Param = Param {
    path: "threshold",
    label: "Threshold",
    what: "the threshold",
    domain: number(f64::NEG_INFINITY, f64::INFINITY),
    default: "70",
    why: "The value the statistic is compared with, in the metric's unit.",
    ..ALARM
};
pub(crate) const COMPARISON: Param = Param {
    path: "comparison",
    label: "Fires when",
    what: "the comparison",
    domain: Domain::Choice(choices_of!(Comparison)),
    default: "greater_than_threshold",
    why: "How the statistic is compared with the threshold, so the alarm fires on too much or too little.",
    ..ALARM
};
pub(crate) const MISSING_DATA: Param = Param {
    path: "missing_data",
    label: "Missing data",
    what: "missing-data treatment",
    domain: Domain::Choice(choices_of!(MissingData)),
    default: "missing",
    why: "What a period without data counts as; treating it as breaching alarms when a source goes silent.",
    ..ALARM
};

/// The alarm's parameters, in the inspector's order.
pub(crate) const ALARM_PARAMS: &[Param] =
    &[SOURCE, METRIC, STATISTIC, PERIOD, EVALUATION_PERIODS, DATAPOINTS, THRESHOLD, COMPARISON, MISSING_DATA];
