//! Alarms in a running world: which metric of which component, sampled each second.

use super::World;
use super::instance::Lifecycle;
use crate::alarm::{Alarm, PeriodStats};
use crate::design::{MetricName, TrackedMetric};
use crate::event_log::Happening;
use crate::ids::{AlarmId, DbId, GroupId, InstanceId, LbId, QueueId};
use crate::time::{Micros, as_secs};

/// Which component an alarm watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricSource {
    /// One instance's metrics: CPU and requests.
    Instance(InstanceId),
    /// An auto-scaling group's metrics, aggregated over its in-service members.
    Group(GroupId),
    /// A load balancer's metrics: requests, errors, healthy hosts, latency.
    LoadBalancer(LbId),
    /// A queue's metrics: visible messages and the age of the oldest.
    Queue(QueueId),
    /// A database's metrics: its primary's CPU.
    Database(DbId),
}

/// An alarm and the datapoint it is collecting.
#[derive(Clone, Debug)]
pub struct AlarmNode {
    /// The component's name in the design.
    pub name: String,
    /// The component whose metric it watches.
    pub source: MetricSource,
    /// The metric it watches.
    pub metric: MetricName,
    /// Length of one datapoint's period [µs], e.g. 60 s.
    pub period: Micros,
    /// The alarm's state machine: threshold, evaluation periods, current state.
    pub alarm: Alarm,
    pub(crate) stats: PeriodStats,
}

impl World {
    /// The metric's value over the last second, if the source has one.
    fn metric_value(&self, source: MetricSource, metric: MetricName) -> Option<f64> {
        use MetricName::*;
        match (source, metric) {
            (MetricSource::Instance(id), CpuUtilization) => {
                let i = &self.instances[id.index()];
                (i.lifecycle == Lifecycle::InService && i.alive()).then_some(100.0 * i.utilisation)
            }
            (MetricSource::Instance(id), RequestCount) => {
                Some(self.instances[id.index()].received_last as f64)
            }
            (MetricSource::Group(g), CpuUtilization) => self.tracked_metric(g, TrackedMetric::Cpu),
            (MetricSource::Group(g), BacklogPerInstance) => {
                self.tracked_metric(g, TrackedMetric::BacklogPerInstance)
            }
            (MetricSource::Group(g), RequestCount) => Some(
                self.groups[g.index()]
                    .members
                    .iter()
                    .map(|m| self.instances[m.index()].received_last as f64)
                    .sum(),
            ),
            (MetricSource::LoadBalancer(_), RequestCount) => Some(self.recorder.last_second().arrived as f64),
            (MetricSource::LoadBalancer(_), ErrorCount) => {
                Some(self.recorder.last_second().failed.iter().map(|&f| f as f64).sum())
            }
            (MetricSource::LoadBalancer(lb), HealthyHostCount) => {
                Some(self.lbs[lb.index()].healthy_count() as f64)
            }
            (MetricSource::LoadBalancer(_), Latency) => {
                let s = self.recorder.last_second();
                (s.succeeded > 0).then_some(s.p50_ms as f64)
            }
            (MetricSource::Queue(q), MessagesVisible) => Some(self.queues[q.index()].queue.visible() as f64),
            (MetricSource::Queue(q), OldestMessageAge) => {
                Some(as_secs(self.queues[q.index()].queue.oldest_age(self.now)))
            }
            (MetricSource::Database(db), CpuUtilization) => {
                let d = &self.dbs[db.index()];
                (d.primary.up).then(|| 100.0 * d.primary.busy as f64 / d.primary.slots.max(1) as f64)
            }
            _ => None,
        }
    }

    /// Once a second: record each alarm's metric; at the end of its period, evaluate it.
    pub(crate) fn sample_alarms(&mut self) {
        for index in 0..self.alarms.len() {
            let node = &self.alarms[index];
            if let Some(value) = self.metric_value(node.source, node.metric) {
                self.alarms[index].stats.record(value);
            }
            let node = &mut self.alarms[index];
            if node.period == 0 || !self.now.is_multiple_of(node.period) {
                continue;
            }
            let stats = std::mem::take(&mut node.stats);
            let value = stats.statistic(node.alarm.statistic());
            if let Some(transition) = node.alarm.evaluate_period(&stats) {
                let happening = Happening::Alarm {
                    alarm: node.name.clone(),
                    from: transition.from.label().to_owned(),
                    to: transition.to.label().to_owned(),
                    value,
                };
                self.log.push(self.now, happening);
            }
            self.run_alarm_policies(AlarmId(index as u32));
        }
    }
}
