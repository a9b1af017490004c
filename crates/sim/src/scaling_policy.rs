//! Decisions of EC2 Auto Scaling policies: target tracking, step and simple scaling.
//!
//! Each policy is pure: the group feeds it facts (a metric datapoint, an alarm's state,
//! its capacity) and gets back a new desired capacity, or `None` for "leave it". The group
//! applies the change; nothing here launches or terminates anything.
//!
//! Sources: Amazon EC2 Auto Scaling User Guide, "Target tracking scaling policies"
//! (<https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html>)
//! and "Step and simple scaling policies"
//! (<https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html>).
//!
//! Capacity bounds: AWS rejects min > max. Here the result is clamped to
//! [min, max(min, max)] instead, so `min` wins: a group never shrinks below the floor
//! the learner asked for, and any design runs.

use crate::design::{StepAdjustment, TrackedMetric};
use crate::time::Micros;

/// Datapoints above target that trigger a scale-out: AWS's managed AlarmHigh is
/// "3 datapoints within 3 minutes" (observed alarm shape, AWS-FACTS §2.1).
pub const SCALE_OUT_DATAPOINTS: u32 = 3;
/// Datapoints below the scale-in threshold that trigger a scale-in: AWS's managed
/// AlarmLow is "15 datapoints within 15 minutes" (observed, AWS-FACTS §2.1).
pub const SCALE_IN_DATAPOINTS: u32 = 15;
/// Scale-in threshold as a fraction of the target. AWS does not document it; the alarms
/// it creates for EC2 groups put AlarmLow at 0.7 × target (40 % → 28 %, 50 % → 35 %),
/// consistent with Application Auto Scaling's "more than 10 %" below target.
pub const SCALE_IN_FRACTION: f64 = 0.7;
/// Largest share of desired capacity one scale-in decision removes (at least 1 instance).
/// AWS only says target tracking "scales in more gradually"; we borrow the 10 % of its
/// unhealthy-instance replacement rule (AWS-FACTS §2.2) so capacity steps down, not drops.
pub const SCALE_IN_MAX_FRACTION: f64 = 0.1;

/// What a policy needs to know about its group at the moment it decides.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupCapacity {
    /// Desired capacity now [instances].
    pub desired: u32,
    /// Minimum size [instances].
    pub min: u32,
    /// Maximum size [instances].
    pub max: u32,
    /// In service and past warm-up: what target tracking counts as current capacity.
    pub warmed: u32,
    /// Launched or in service but still warming up (or pending) [instances].
    pub warming: u32,
}

/// Clamps a wanted capacity to [min, max(min, max)] and returns it only if it differs
/// from `desired`. NaN counts as 0; huge values saturate.
fn settle(wanted: f64, desired: u32, min: u32, max: u32) -> Option<u32> {
    // `as` saturates and maps NaN to 0, which is the documented behaviour.
    let new = (wanted as u32).clamp(min, max.max(min));
    (new != desired).then_some(new)
}

/// A target-tracking policy: keeps a group metric near `target` with AWS's managed alarms
/// (3 of 3 datapoints above target to scale out, 15 of 15 below 0.7 × target to scale in).
#[derive(Clone, Debug)]
pub struct TargetTracker {
    /// Metric followed; decides how missing data is read.
    metric: TrackedMetric,
    /// Target value in the metric's unit; must be finite and > 0 or the policy never acts.
    target: f64,
    /// Consecutive latest datapoints above target (capped).
    above: u32,
    /// Consecutive latest datapoints below the scale-in threshold (capped).
    below: u32,
}

impl TargetTracker {
    /// A tracker with no datapoints seen. A target that is zero, negative or not finite
    /// (AWS rejects them) makes a tracker that never acts rather than one that divides by 0.
    pub fn new(metric: TrackedMetric, target: f64) -> Self {
        TargetTracker { metric, target, above: 0, below: 0 }
    }

    /// Metric followed.
    pub fn metric(&self) -> TrackedMetric {
        self.metric
    }

    /// Target value in the metric's unit.
    pub fn target(&self) -> f64 {
        self.target
    }

    /// Feeds one 60 s datapoint (`None` = no data) and decides. Returns the new desired
    /// capacity, or `None` to leave it. After a change both windows restart, so the next
    /// decision waits for fresh datapoints that reflect this one (AWS's alarm would stay
    /// in ALARM and re-invoke each minute; restarting is our simpler guard against acting
    /// twice on the same evidence). Without a change the window slides: a decision that
    /// was clamped away is retried every datapoint, as AWS re-invokes it.
    pub fn observe(&mut self, value: Option<f64>, group: GroupCapacity) -> Option<u32> {
        if !(self.target.is_finite() && self.target > 0.0) {
            return None;
        }
        let value = self.datapoint(value);
        self.record(value);
        let decision = match value {
            Some(v) if self.above >= SCALE_OUT_DATAPOINTS => self.scale_out(v, group),
            Some(v) if self.below >= SCALE_IN_DATAPOINTS && group.warming == 0 => self.scale_in(v, group),
            _ => None,
        };
        if decision.is_some() {
            self.above = 0;
            self.below = 0;
        }
        decision
    }

    /// The datapoint as AWS's alarms see it. ALBRequestCountPerTarget is the one metric
    /// AWS fills with zeros when nothing arrives (AWS-FACTS §2.1), so it can still scale in.
    fn datapoint(&self, value: Option<f64>) -> Option<f64> {
        match value.filter(|v| !v.is_nan()) {
            None if self.metric == TrackedMetric::RequestCountPerTarget => Some(0.0),
            other => other,
        }
    }

    /// Extends or breaks the two streaks. A missing datapoint breaks both: with too little
    /// data AWS neither scales in nor, for a 3-of-3 alarm, goes to ALARM.
    fn record(&mut self, value: Option<f64>) {
        let (above, below) = match value {
            Some(v) => (v > self.target, v < SCALE_IN_FRACTION * self.target),
            None => (false, false),
        };
        self.above = if above { (self.above + 1).min(SCALE_IN_DATAPOINTS) } else { 0 };
        self.below = if below { (self.below + 1).min(SCALE_IN_DATAPOINTS) } else { 0 };
    }

    /// Proportional scale-out, rounded up: warmed × value / target, plus the instances
    /// already warming (they are not counted as capacity, but are coming). Never lowers
    /// desired. An empty group is sized as if one instance saw the metric.
    fn scale_out(&self, value: f64, group: GroupCapacity) -> Option<u32> {
        let empty = group.warmed == 0 && group.warming == 0;
        let current = if empty { 1.0 } else { f64::from(group.warmed) };
        let wanted = (current * value / self.target).ceil() + f64::from(group.warming);
        settle(wanted.max(f64::from(group.desired)), group.desired, group.min, group.max)
    }

    /// Proportional scale-in, rounded down, removing at most [`SCALE_IN_MAX_FRACTION`] of
    /// desired (at least 1) per decision. Never raises desired.
    fn scale_in(&self, value: f64, group: GroupCapacity) -> Option<u32> {
        let desired = f64::from(group.desired);
        let proportional = (f64::from(group.warmed) * value / self.target).floor();
        let step = (desired * SCALE_IN_MAX_FRACTION).floor().max(1.0);
        let wanted = proportional.max(desired - step).min(desired);
        settle(wanted, group.desired, group.min, group.max)
    }
}

/// Combines the decisions of several target-tracking policies on one group, as AWS does:
/// scale out if any policy says so (to the largest capacity asked), scale in only if all
/// agree (to the largest of their smaller capacities, the least removal).
pub fn combine_target_tracking(decisions: &[Option<u32>], desired: u32) -> Option<u32> {
    let out = decisions.iter().flatten().copied().filter(|&d| d > desired).max();
    if out.is_some() {
        return out;
    }
    let all_in = !decisions.is_empty() && decisions.iter().all(|d| d.is_some_and(|d| d < desired));
    if all_in { decisions.iter().flatten().copied().max() } else { None }
}

/// A step-scaling policy: the alarm's breach picks a step, the step's change is applied.
/// Adjustment type is ChangeInCapacity only.
#[derive(Clone, Debug)]
pub struct StepPolicy {
    /// Steps as designed; bounds are relative to the alarm threshold.
    steps: Vec<StepAdjustment>,
}

impl StepPolicy {
    /// A policy over `steps`. AWS rejects overlapping or gapped steps; here the first step
    /// that contains the breach wins and a breach in a gap does nothing.
    pub fn new(steps: Vec<StepAdjustment>) -> Self {
        StepPolicy { steps }
    }

    /// The step whose [lower, upper) holds `breach` (metric − threshold); a `None` bound
    /// is infinite. NaN bounds match nothing.
    pub fn step_for(&self, breach: f64) -> Option<&StepAdjustment> {
        self.steps.iter().find(|s| {
            let above_lower = s.lower.is_none_or(|lower| breach >= lower);
            let below_upper = s.upper.is_none_or(|upper| breach < upper);
            above_lower && below_upper
        })
    }

    /// New desired capacity for an alarm breach of `breach` (`None` = no datapoint: no
    /// action), or `None` to leave it. Call every period the alarm is in ALARM: instances
    /// still warming from earlier steps count towards a scale-out, so a breach that stays
    /// in the same step adds nothing more, and one that climbs a step adds the difference
    /// (as-scaling-simple-step.md, "instance warmup"). Scale-in steps apply to desired.
    pub fn decide(&self, breach: Option<f64>, desired: u32, min: u32, max: u32, warming: u32) -> Option<u32> {
        let step = self.step_for(breach.filter(|b| !b.is_nan())?)?;
        let change = f64::from(step.change);
        let wanted = if step.change > 0 {
            (f64::from(desired.saturating_sub(warming)) + change).max(f64::from(desired))
        } else {
            f64::from(desired) + change
        };
        settle(wanted, desired, min, max)
    }
}

/// A simple-scaling policy: a fixed change when its alarm is in ALARM, then a cooldown
/// during which it ignores the alarm (as-scaling-simple-step.md; AWS recommends step or
/// target tracking instead, which is the lesson).
#[derive(Clone, Debug)]
pub struct SimplePolicy {
    /// Instances added (positive) or removed (negative) per activity.
    change: i32,
    /// Wait after an activity before the next [µs]; AWS default cooldown 300 s.
    cooldown: Micros,
    /// Time of the last change this policy made [µs].
    last_action: Option<Micros>,
}

impl SimplePolicy {
    /// A policy that has never acted.
    pub fn new(change: i32, cooldown: Micros) -> Self {
        SimplePolicy { change, cooldown, last_action: None }
    }

    /// When the current cooldown ends [µs], if one was started.
    pub fn cooldown_ends(&self) -> Option<Micros> {
        self.last_action.map(|t| t.saturating_add(self.cooldown))
    }

    /// New desired capacity at `now` [µs], or `None` if the alarm is not in ALARM, the
    /// cooldown runs, or the clamped result equals `desired`. Only a real change starts a
    /// cooldown. The cooldown counts from the decision, not from the last launch's end as
    /// in AWS; the group's launch time is much shorter than the 300 s default.
    pub fn decide(
        &mut self,
        now: Micros,
        alarm_in_alarm: bool,
        desired: u32,
        min: u32,
        max: u32,
    ) -> Option<u32> {
        if !alarm_in_alarm || self.cooldown_ends().is_some_and(|end| now < end) {
            return None;
        }
        let new = settle(f64::from(desired) + f64::from(self.change), desired, min, max)?;
        self.last_action = Some(now);
        Some(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::SECOND;

    fn group(desired: u32, warmed: u32, warming: u32) -> GroupCapacity {
        GroupCapacity { desired, min: 1, max: 20, warmed, warming }
    }

    /// Feeds `value` `times` times; returns the decisions.
    fn feed(t: &mut TargetTracker, value: Option<f64>, times: u32, g: GroupCapacity) -> Vec<Option<u32>> {
        (0..times).map(|_| t.observe(value, g)).collect()
    }

    #[test]
    fn scale_out_is_proportional_and_rounds_up() {
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        let d = feed(&mut t, Some(90.0), 3, group(4, 4, 0));
        assert_eq!(d, vec![None, None, Some(8)], "4 × 90 / 50 = 7.2 → 8");
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        assert_eq!(feed(&mut t, Some(51.0), 3, group(4, 4, 0))[2], Some(5), "4.08 → 5");
    }

    #[test]
    fn two_high_datapoints_do_nothing() {
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        let g = group(4, 4, 0);
        assert_eq!(feed(&mut t, Some(90.0), 2, g), vec![None, None]);
        assert_eq!(t.observe(Some(40.0), g), None, "a low datapoint breaks the streak");
        assert_eq!(feed(&mut t, Some(90.0), 2, g), vec![None, None]);
        assert_eq!(t.observe(None, g), None, "a missing datapoint breaks it too");
        assert_eq!(feed(&mut t, Some(90.0), 3, g)[2], Some(8));
    }

    #[test]
    fn warming_instances_are_not_capacity_but_are_counted_as_coming() {
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        // 4 warmed at 90 %, 4 warming: 8 wanted from the warmed, 4 already coming → 12.
        assert_eq!(feed(&mut t, Some(90.0), 3, group(8, 4, 4))[2], Some(12));
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        assert_eq!(feed(&mut t, Some(55.0), 3, group(10, 4, 4))[2], None, "5 + 4 < 10: never below desired");
    }

    #[test]
    fn history_restarts_after_acting() {
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        assert_eq!(feed(&mut t, Some(90.0), 3, group(4, 4, 0))[2], Some(8));
        assert_eq!(feed(&mut t, Some(90.0), 3, group(8, 4, 4)), vec![None, None, Some(12)]);
    }

    #[test]
    fn scale_in_needs_fifteen_low_datapoints_and_is_gradual() {
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        let g = group(10, 10, 0);
        let d = feed(&mut t, Some(10.0), 15, g);
        assert!(d[..14].iter().all(Option::is_none), "14 low datapoints do nothing: {d:?}");
        // Proportional would be floor(10 × 10 / 50) = 2; 10 % of 10 = 1 per decision.
        assert_eq!(d[14], Some(9));
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        let big = GroupCapacity { max: 50, ..group(40, 40, 0) };
        assert_eq!(feed(&mut t, Some(30.0), 15, big)[14], Some(36), "floor(24) capped at 10 % of 40");
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        assert_eq!(
            feed(&mut t, Some(20.0), 15, group(3, 3, 0))[14],
            Some(2),
            "floor(1.2) = 1, but 1 per decision"
        );
    }

    #[test]
    fn scale_in_threshold_is_seventy_percent_of_target() {
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        assert!(feed(&mut t, Some(35.0), 30, group(10, 10, 0)).iter().all(Option::is_none), "35 is not < 35");
        assert_eq!(feed(&mut t, Some(34.9), 15, group(10, 10, 0))[14], Some(9));
    }

    #[test]
    fn missing_data_blocks_scale_in() {
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        let g = group(10, 10, 0);
        feed(&mut t, Some(10.0), 14, g);
        assert_eq!(t.observe(None, g), None);
        assert_eq!(t.observe(Some(10.0), g), None, "the streak restarted");
        // Request count per target: AWS emits zeros, so no data still scales in.
        let mut rc = TargetTracker::new(TrackedMetric::RequestCountPerTarget, 1000.0);
        assert_eq!(feed(&mut rc, None, 15, g)[14], Some(9));
    }

    #[test]
    fn no_scale_in_while_a_scale_out_is_warming() {
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        let d = feed(&mut t, Some(10.0), 20, group(10, 8, 2));
        assert!(d.iter().all(Option::is_none));
        assert_eq!(t.observe(Some(10.0), group(10, 10, 0)), Some(9), "the streak survived");
    }

    #[test]
    fn target_tracking_never_passes_min_or_max() {
        let bounded = GroupCapacity { desired: 4, min: 3, max: 6, warmed: 4, warming: 0 };
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        assert_eq!(feed(&mut t, Some(100.0), 3, bounded)[2], Some(6));
        let at_max = GroupCapacity { desired: 6, warmed: 6, ..bounded };
        assert_eq!(feed(&mut t, Some(100.0), 3, at_max)[2], None, "already at max");
        let at_min = GroupCapacity { desired: 3, warmed: 3, ..bounded };
        assert_eq!(feed(&mut t, Some(0.0), 15, at_min)[14], None, "already at min");
        let inverted = GroupCapacity { desired: 5, min: 5, max: 2, warmed: 5, warming: 0 };
        assert_eq!(feed(&mut t, Some(0.0), 15, inverted)[14], None, "min > max: min wins");
        assert_eq!(feed(&mut t, Some(f64::INFINITY), 3, bounded)[2], Some(6), "∞ saturates at max");
    }

    #[test]
    fn empty_group_scales_out_from_one() {
        let mut t = TargetTracker::new(TrackedMetric::BacklogPerInstance, 100.0);
        let empty = GroupCapacity { desired: 0, min: 0, max: 10, warmed: 0, warming: 0 };
        assert_eq!(feed(&mut t, Some(350.0), 3, empty)[2], Some(4));
    }

    #[test]
    fn bad_targets_and_values_never_act_or_panic() {
        for target in [0.0, -5.0, f64::NAN, f64::INFINITY] {
            let mut t = TargetTracker::new(TrackedMetric::Cpu, target);
            assert!(feed(&mut t, Some(90.0), 20, group(4, 4, 0)).iter().all(Option::is_none), "{target}");
        }
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        assert!(feed(&mut t, Some(f64::NAN), 20, group(4, 4, 0)).iter().all(Option::is_none));
        let mut t = TargetTracker::new(TrackedMetric::Cpu, 50.0);
        assert_eq!(feed(&mut t, Some(-1.0), 15, group(4, 4, 0))[14], Some(3), "negative reads as idle");
    }

    #[test]
    fn several_target_trackers_combine_like_aws() {
        assert_eq!(combine_target_tracking(&[Some(8), None, Some(6)], 4), Some(8), "any scales out");
        assert_eq!(combine_target_tracking(&[Some(3), None], 4), None, "scale-in needs all");
        assert_eq!(combine_target_tracking(&[Some(2), Some(3)], 4), Some(3), "least removal");
        assert_eq!(combine_target_tracking(&[Some(2), Some(6)], 4), Some(6));
        assert_eq!(combine_target_tracking(&[], 4), None);
    }

    fn step(lower: Option<f64>, upper: Option<f64>, change: i32) -> StepAdjustment {
        StepAdjustment { lower, upper, change }
    }

    fn out_policy() -> StepPolicy {
        StepPolicy::new(vec![
            step(Some(0.0), Some(10.0), 1),
            step(Some(10.0), Some(20.0), 2),
            step(Some(20.0), None, 3),
        ])
    }

    #[test]
    fn step_selection_uses_half_open_and_infinite_bounds() {
        let p = out_policy();
        assert_eq!(p.step_for(0.0).map(|s| s.change), Some(1), "lower bound inclusive");
        assert_eq!(p.step_for(10.0).map(|s| s.change), Some(2), "upper bound exclusive");
        assert_eq!(p.step_for(1e9).map(|s| s.change), Some(3), "open upper bound");
        assert_eq!(p.step_for(-0.5).map(|s| s.change), None, "below every step");
        let below = StepPolicy::new(vec![step(None, Some(-10.0), -2), step(Some(-10.0), Some(0.0), -1)]);
        assert_eq!(below.step_for(-1e9).map(|s| s.change), Some(-2), "open lower bound");
        assert_eq!(below.step_for(-3.0).map(|s| s.change), Some(-1));
    }

    #[test]
    fn step_decisions_clamp_and_respect_warming() {
        let p = out_policy();
        assert_eq!(p.decide(Some(25.0), 4, 1, 10, 0), Some(7));
        assert_eq!(p.decide(Some(25.0), 9, 1, 10, 0), Some(10), "clamped to max");
        assert_eq!(p.decide(Some(5.0), 5, 1, 10, 1), None, "same step again while warming: nothing more");
        assert_eq!(p.decide(Some(15.0), 5, 1, 10, 1), Some(6), "a higher step adds the difference");
        assert_eq!(p.decide(None, 4, 1, 10, 0), None);
        assert_eq!(p.decide(Some(f64::NAN), 4, 1, 10, 0), None);
        let scale_in = StepPolicy::new(vec![step(None, Some(0.0), -3)]);
        assert_eq!(scale_in.decide(Some(-5.0), 4, 2, 10, 0), Some(2), "clamped to min");
        assert_eq!(scale_in.decide(Some(-5.0), 2, 2, 10, 0), None, "at min");
    }

    #[test]
    fn simple_policy_waits_for_its_cooldown() {
        let mut p = SimplePolicy::new(2, 300 * SECOND);
        assert_eq!(p.decide(0, false, 4, 1, 10), None, "alarm not in ALARM");
        assert_eq!(p.decide(10 * SECOND, true, 4, 1, 10), Some(6));
        assert_eq!(p.cooldown_ends(), Some(310 * SECOND));
        assert_eq!(p.decide(309 * SECOND, true, 6, 1, 10), None, "in cooldown");
        assert_eq!(p.decide(310 * SECOND, true, 6, 1, 10), Some(8));
        assert_eq!(p.decide(700 * SECOND, true, 9, 1, 10), Some(10), "clamped to max");
        assert_eq!(p.decide(1100 * SECOND, true, 10, 1, 10), None, "at max");
        assert_eq!(p.cooldown_ends(), Some(1000 * SECOND), "a no-op starts no cooldown");
        let mut down = SimplePolicy::new(-5, 0);
        assert_eq!(down.decide(0, true, 4, 2, 10), Some(2), "clamped to min");
        assert_eq!(down.decide(0, true, 3, 2, 10), Some(2), "zero cooldown acts again at once");
        assert_eq!(SimplePolicy::new(1, Micros::MAX).decide(Micros::MAX, true, 1, 1, 5), Some(2));
    }
}
