//! Measuring a finished run for each criterion: the value the criterion's sentence is about.

use super::Criterion;
use crate::measure::histogram::Histogram;
use crate::time::{Micros, SECOND};
use crate::world::World;

/// The latency histogram of successful requests as it stood at a time, kept so that a
/// window's percentile is the end's histogram minus this one.
#[derive(Clone, Debug)]
pub(crate) struct LatencyMark {
    /// When the mark was taken [s].
    pub at_s: u64,
    /// The run's latency histogram at that time.
    pub histogram: Histogram,
}

/// The value `criterion` judges, measured on `world` at the end of its run, in the
/// criterion's unit (see [`Criterion::unit`]).
pub(crate) fn measure(criterion: &Criterion, world: &World, marks: &[LatencyMark]) -> f64 {
    let summary = world.summary();
    match criterion {
        Criterion::AvailabilityAtLeast { .. } => summary.availability * 100.0,
        Criterion::MessagesLost { .. } => summary.messages_lost as f64,
        Criterion::WritesLost { .. } => summary.writes_lost as f64,
        Criterion::DuplicateWrites { .. } => summary.duplicate_writes as f64,
        Criterion::P99AtMost { after_s, .. } => {
            let end = &world.recorder().latency;
            let start = marks.iter().find(|m| m.at_s == *after_s).map(|m| &m.histogram);
            let window = start.map_or_else(|| end.clone(), |start| difference(end, start));
            window.percentile_us(99.0) as f64 / 1000.0
        }
        Criterion::CostPerHourAtMost { .. } => world.cost_rate(),
        Criterion::RecoveryWithin { .. } => worst_recovery_s(world),
        Criterion::HealthyTargetsAtLeast { load_balancer, .. } => world
            .snapshot()
            .load_balancers
            .iter()
            .find(|lb| &lb.name == load_balancer)
            .map_or(0.0, |lb| f64::from(lb.healthy)),
    }
}

/// The longest time from a fault to recovery over every incident [s]; an incident not
/// recovered counts until the end of the run; 0 with no incident.
pub(crate) fn worst_recovery_s(world: &World) -> f64 {
    let now = world.now();
    world
        .summary()
        .incidents
        .iter()
        .map(|i| i.recovered.unwrap_or(now).saturating_sub(i.started) as f64 / SECOND as f64)
        .fold(0.0, f64::max)
}

/// The values recorded after `start` was taken: `end` less `start`, bucket by bucket
/// (each value stands at its bucket's lowest bound, within the histogram's 1 %).
fn difference(end: &Histogram, start: &Histogram) -> Histogram {
    let mut before: Vec<(u64, u64)> = start.buckets().map(|(low, _, count)| (low, count)).collect();
    before.reverse();
    let mut out = Histogram::new();
    for (low, _, count) in end.buckets() {
        let mut earlier = 0;
        while let Some(&(b_low, b_count)) = before.last() {
            if b_low > low {
                break;
            }
            before.pop();
            if b_low == low {
                earlier = b_count;
            }
        }
        out.record_n(low, count.saturating_sub(earlier));
    }
    out
}

/// The time [µs] of the second with the worst p99 latency at or after `after_s`, for
/// evidence; `None` when no second had a successful request.
pub(crate) fn worst_p99_second(world: &World, after_s: u64) -> Option<Micros> {
    let mut worst: Option<(f32, u64)> = None;
    for (start_s, point) in world.series().window(after_s, u64::MAX) {
        if point.succeeded > 0 && worst.is_none_or(|(w, _)| point.p99_ms > w) {
            worst = Some((point.p99_ms, start_s));
        }
    }
    worst.map(|(_, s)| s * SECOND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_difference_keeps_only_values_recorded_after_the_mark() {
        let mut start = Histogram::new();
        start.record_n(1_000, 100);
        let mut end = start.clone();
        end.record_n(900_000, 10);
        end.record_n(1_000, 5);
        let window = difference(&end, &start);
        assert_eq!(window.count(), 15);
        assert!(window.percentile_us(99.0) >= 890_000, "{}", window.percentile_us(99.0));
        assert!(end.percentile_us(99.0) < 900_000 * 99 / 100 + 10_000);
    }
}
