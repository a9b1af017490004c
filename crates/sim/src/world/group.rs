//! Auto-scaling groups: launches, health replacement, reconciliation, rebalancing, scaling.

use super::World;
use super::event::Event;
use super::instance::{Condition, EC2_STATUS_DELAY, Instance, Lifecycle};
use super::load_balancer::TargetHealth;
use super::template::Template;
use crate::alarm::PeriodStats;
use crate::design::{HealthCheckType, Role, Statistic, TrackedMetric};
use crate::event_log::Happening;
use crate::ids::Subject;
use crate::ids::{AlarmId, GroupId, InstanceId, LbId, QueueId, ZoneId};
use crate::scaling_policy::{
    GroupCapacity, SimplePolicy, StepPolicy, TargetTracker, combine_target_tracking,
};
use crate::time::{MINUTE, Micros, SECOND};

use super::instance::Downstream;

/// How often a group checks its instances' health and its capacity [µs].
pub(crate) const GROUP_CHECK_INTERVAL: Micros = 10 * SECOND;

/// An auto-scaling group.
#[derive(Clone, Debug)]
pub struct Group {
    /// The component's name in the design.
    pub name: String,
    /// Zones it launches into, balanced across.
    pub zones: Vec<ZoneId>,
    /// Minimum capacity [instances].
    pub min: u32,
    /// Desired capacity [instances]; set by policies and commands within [min, max].
    pub desired: u32,
    /// Maximum capacity [instances].
    pub max: u32,
    /// Boot time range of a launched instance [s], drawn uniformly; default 120–180.
    pub launch_time_s: [f64; 2],
    /// Which health check replaces members: EC2 status only, or the load balancer's too.
    pub health_check_type: HealthCheckType,
    /// Health-check grace period after launch [µs]: failing checks are ignored until it ends.
    pub grace: Micros,
    /// Instance warm-up for scaling policies [µs].
    pub warmup: Micros,
    /// The launch template: size, role, slots and service time of each member.
    pub template: Template,
    /// Instances not yet terminated, in launch order.
    pub members: Vec<InstanceId>,
    /// Load balancers whose target groups members register with.
    pub lbs: Vec<LbId>,
    /// The queue members poll, if they are workers.
    pub consumes: Option<QueueId>,
    /// Where members send work after serving a request (a queue, a database).
    pub downstream: Downstream,
    pub(crate) trackers: Vec<(TargetTracker, PeriodStats)>,
    pub(crate) steps: Vec<(AlarmId, StepPolicy)>,
    pub(crate) simples: Vec<(AlarmId, SimplePolicy)>,
    last_blocked_log: Option<Micros>,
    /// A launch made to rebalance zones; scale-in waits until it is in service.
    rebalancing: Option<InstanceId>,
}

impl Group {
    pub(crate) fn new(name: String, zones: Vec<ZoneId>, template: Template) -> Group {
        Group {
            name,
            zones,
            min: 0,
            desired: 0,
            max: 0,
            launch_time_s: [120.0, 180.0],
            health_check_type: HealthCheckType::Elb,
            grace: 0,
            warmup: 0,
            template,
            members: Vec::new(),
            lbs: Vec::new(),
            consumes: None,
            downstream: Downstream::default(),
            trackers: Vec::new(),
            steps: Vec::new(),
            simples: Vec::new(),
            last_blocked_log: None,
            rebalancing: None,
        }
    }
}

impl World {
    /// Members that count towards capacity: launching or in service, not being terminated.
    pub(crate) fn active_members(&self, group: GroupId) -> Vec<InstanceId> {
        let g = &self.groups[group.index()];
        g.members.iter().copied().filter(|m| !self.instances[m.index()].terminating).collect()
    }

    /// Periodic check: replace unhealthy instances, then match the desired capacity.
    pub(crate) fn on_group_check(&mut self, group: GroupId) {
        self.replace_unhealthy(group);
        self.reconcile(group);
        self.events.schedule(self.now + GROUP_CHECK_INTERVAL, Event::GroupCheck(group));
    }

    /// Why Auto Scaling considers a member unhealthy, if it does.
    fn unhealthy_reason(&self, group: GroupId, id: InstanceId) -> Option<&'static str> {
        let g = &self.groups[group.index()];
        let instance = &self.instances[id.index()];
        if instance.terminating {
            return None;
        }
        // A launch that died before it booted never reaches `running`: unhealthy at once.
        if instance.lifecycle == Lifecycle::Pending && instance.condition == Condition::Crashed {
            return Some("EC2 status");
        }
        if instance.lifecycle != Lifecycle::InService || self.now < instance.grace_until {
            return None;
        }
        if instance.condition == Condition::Crashed
            && instance.crashed_at.is_some_and(|t| self.now >= t + EC2_STATUS_DELAY)
        {
            return Some("EC2 status");
        }
        let elb_unhealthy = g
            .lbs
            .iter()
            .any(|lb| self.lbs[lb.index()].target(id).is_some_and(|t| t.health == TargetHealth::Unhealthy));
        (g.health_check_type == HealthCheckType::Elb && elb_unhealthy).then_some("ELB")
    }

    /// Terminates unhealthy members (launching replacements in parallel), at most 10 % of
    /// desired capacity at a time.
    fn replace_unhealthy(&mut self, group: GroupId) {
        let g = &self.groups[group.index()];
        let limit = (g.desired / 10).max(1) as usize;
        let booting = g.members.iter().filter(|m| self.is_booting(**m)).count();
        let mut budget = limit.saturating_sub(booting);
        for id in g.members.clone() {
            if budget == 0 {
                return;
            }
            let Some(check) = self.unhealthy_reason(group, id) else { continue };
            budget -= 1;
            let (group_name, name) =
                (self.groups[group.index()].name.clone(), self.instances[id.index()].name.clone());
            let happening =
                Happening::MarkedUnhealthy { group: group_name, instance: name, check: check.to_owned() };
            self.incidents.detect(self.now, Subject::Instance(id), self.instances[id.index()].zone);
            self.log.push(self.now, happening);
            self.begin_termination(id);
        }
    }

    /// A launch on its way to service (not one that died booting).
    fn is_booting(&self, id: InstanceId) -> bool {
        let instance = &self.instances[id.index()];
        instance.lifecycle == Lifecycle::Pending && instance.alive()
    }

    /// Launches or terminates until the active members match desired; rebalances zones,
    /// launching first and terminating only once the new instance is in service.
    pub(crate) fn reconcile(&mut self, group: GroupId) {
        if let Some(launch) = self.groups[group.index()].rebalancing
            && !self.is_booting(launch)
        {
            self.groups[group.index()].rebalancing = None;
        }
        let active = self.active_members(group);
        let desired = self.groups[group.index()].desired as usize;
        if active.len() < desired {
            for _ in active.len()..desired {
                if !self.launch(group, "capacity below desired") {
                    break;
                }
            }
        } else if active.len() > desired && self.groups[group.index()].rebalancing.is_none() {
            for _ in desired..active.len() {
                if let Some(victim) = self.scale_in_victim(group) {
                    self.begin_termination(victim);
                }
            }
        } else {
            self.rebalance(group);
        }
    }

    /// Active member counts per usable zone of the group.
    fn zone_counts(&self, group: GroupId) -> Vec<(ZoneId, usize)> {
        let active = self.active_members(group);
        self.groups[group.index()]
            .zones
            .iter()
            .filter(|z| !self.zones[z.index()].lost)
            .map(|z| (*z, active.iter().filter(|m| self.instances[m.index()].zone == *z).count()))
            .collect()
    }

    /// After a zone returns, launch into it before terminating elsewhere (AZRebalance),
    /// exceeding max by at most 10 % or one instance.
    fn rebalance(&mut self, group: GroupId) {
        let counts = self.zone_counts(group);
        let (Some(low), Some(high)) = (counts.iter().map(|c| c.1).min(), counts.iter().map(|c| c.1).max())
        else {
            return;
        };
        let g = &self.groups[group.index()];
        let booting = g.members.iter().any(|m| self.is_booting(*m));
        let ceiling = g.max + (g.max / 10).max(1);
        if high - low > 1
            && !booting
            && (g.members.len() as u32) < ceiling
            && self.launch(group, "rebalancing zones")
        {
            self.groups[group.index()].rebalancing = self.groups[group.index()].members.last().copied();
        }
    }

    /// Scale-in choice: the zone with the most instances, then the oldest instance there.
    fn scale_in_victim(&self, group: GroupId) -> Option<InstanceId> {
        let active = self.active_members(group);
        let mut counts: Vec<(ZoneId, usize)> = Vec::new();
        for m in &active {
            let zone = self.instances[m.index()].zone;
            match counts.iter_mut().find(|c| c.0 == zone) {
                Some(c) => c.1 += 1,
                None => counts.push((zone, 1)),
            }
        }
        let fullest = counts.iter().max_by_key(|c| (c.1, std::cmp::Reverse(c.0)))?.0;
        active.into_iter().find(|m| self.instances[m.index()].zone == fullest)
    }

    /// Starts one instance in the usable zone with the fewest; false if no zone can take it.
    pub(crate) fn launch(&mut self, group: GroupId, reason: &str) -> bool {
        let now = self.now;
        let Some(zone) = self.zone_counts(group).into_iter().min_by_key(|c| c.1).map(|c| c.0) else {
            let g = &mut self.groups[group.index()];
            if g.last_blocked_log.is_none_or(|t| now >= t + MINUTE) {
                g.last_blocked_log = Some(now);
                let name = g.name.clone();
                self.log
                    .push(now, Happening::LaunchBlocked { group: name, reason: "every zone is down".into() });
            }
            return false;
        };
        let g = &self.groups[group.index()];
        let (template, downstream, consumes) = (g.template.clone(), g.downstream, g.consumes);
        let name = self.next_instance_name();
        let id =
            self.spawn(Instance::new(name.clone(), zone, Some(group), now, template), downstream, consumes);
        let instance = &mut self.instances[id.index()];
        instance.lifecycle = Lifecycle::Pending;
        instance.in_service_at = None;
        let boot = self.rng.between_secs(self.groups[group.index()].launch_time_s);
        self.groups[group.index()].members.push(id);
        self.events.schedule(now + boot, Event::Booted(id));
        let (group_name, zone_name) =
            (self.groups[group.index()].name.clone(), self.zones[zone.index()].name.clone());
        self.log.push(
            now,
            Happening::Launching {
                group: group_name,
                instance: name,
                zone: zone_name,
                reason: reason.into(),
            },
        );
        true
    }

    /// A launched instance finished booting: it registers with the group's load balancers
    /// (needing one passing check) or starts polling its queue.
    pub(crate) fn on_booted(&mut self, id: InstanceId) {
        let now = self.now;
        let instance = &mut self.instances[id.index()];
        if instance.lifecycle != Lifecycle::Pending || !instance.alive() {
            return;
        }
        instance.lifecycle = Lifecycle::InService;
        instance.in_service_at = Some(now);
        let (name, group) = (instance.name.clone(), instance.group);
        if let Some(group) = group {
            self.instances[id.index()].grace_until = now + self.groups[group.index()].grace;
            for lb in self.groups[group.index()].lbs.clone() {
                self.register(lb, id, false);
            }
        }
        self.log.push(now, Happening::Launched { instance: name });
        self.poll_if_idle(id);
    }

    /// Takes an instance out of service: draining from its load balancers first, then
    /// terminated. Workers stop polling and terminate at once (their messages come back).
    pub(crate) fn begin_termination(&mut self, id: InstanceId) {
        self.instances[id.index()].terminating = true;
        let lbs: Vec<LbId> = (0..self.lbs.len() as u32)
            .map(LbId)
            .filter(|lb| self.lbs[lb.index()].target(id).is_some())
            .collect();
        let draining = self.instances[id.index()].template.role == Role::Web && !lbs.is_empty();
        if draining {
            for lb in lbs {
                self.deregister(lb, id);
            }
        } else {
            self.terminate_instance(id, "replaced or scaled in");
        }
    }

    /// Sets a group's desired capacity within [min, max] and acts on it at once.
    pub(crate) fn set_desired(&mut self, group: GroupId, desired: u32, reason: String) {
        let g = &mut self.groups[group.index()];
        let new = desired.clamp(g.min, g.max.max(g.min));
        if new == g.desired {
            return;
        }
        let from = std::mem::replace(&mut g.desired, new);
        let name = g.name.clone();
        self.log.push(self.now, Happening::CapacityChanged { group: name, from, to: new, reason });
        self.reconcile(group);
    }

    /// Capacity facts for scaling policies.
    fn capacity(&self, group: GroupId) -> GroupCapacity {
        let g = &self.groups[group.index()];
        let mut capacity =
            GroupCapacity { desired: g.desired, min: g.min, max: g.max, warmed: 0, warming: 0 };
        for id in self.active_members(group) {
            let instance = &self.instances[id.index()];
            match instance.in_service_at {
                Some(t) if self.now >= t + g.warmup => capacity.warmed += 1,
                _ => capacity.warming += 1,
            }
        }
        capacity
    }

    /// The value of a tracked metric over the last second.
    pub(crate) fn tracked_metric(&self, group: GroupId, metric: TrackedMetric) -> Option<f64> {
        let serving: Vec<&Instance> = self
            .active_members(group)
            .into_iter()
            .map(|id| &self.instances[id.index()])
            .filter(|i| i.lifecycle == Lifecycle::InService && i.alive())
            .collect();
        let count = serving.len() as f64;
        match metric {
            TrackedMetric::Cpu => {
                (count > 0.0).then(|| 100.0 * serving.iter().map(|i| i.utilisation).sum::<f64>() / count)
            }
            TrackedMetric::RequestCountPerTarget => {
                Some(serving.iter().map(|i| i.received_last as f64).sum::<f64>() / count.max(1.0))
            }
            TrackedMetric::BacklogPerInstance => {
                let queue = self.groups[group.index()].consumes?;
                Some(self.queues[queue.index()].queue.visible() as f64 / count.max(1.0))
            }
        }
    }

    /// Once a second: feed each target-tracking policy its metric; once a minute: decide.
    pub(crate) fn track_targets(&mut self, group: GroupId, minute_ends: bool) {
        let metrics: Vec<TrackedMetric> =
            self.groups[group.index()].trackers.iter().map(|t| t.0.metric()).collect();
        for (k, metric) in metrics.into_iter().enumerate() {
            if let Some(value) = self.tracked_metric(group, metric) {
                self.groups[group.index()].trackers[k].1.record(value);
            }
        }
        if !minute_ends || self.groups[group.index()].trackers.is_empty() {
            return;
        }
        let capacity = self.capacity(group);
        let g = &mut self.groups[group.index()];
        let mut decisions = Vec::new();
        let mut described = Vec::new();
        for (tracker, stats) in g.trackers.iter_mut() {
            let statistic = match tracker.metric() {
                TrackedMetric::RequestCountPerTarget => Statistic::Sum,
                _ => Statistic::Average,
            };
            let value = stats.statistic(statistic);
            *stats = PeriodStats::new();
            decisions.push(tracker.observe(value, capacity));
            described.push(format!(
                "target tracking {:?} {:.1} vs {}",
                tracker.metric(),
                value.unwrap_or(0.0),
                tracker.target()
            ));
        }
        if let Some(new) = combine_target_tracking(&decisions, capacity.desired) {
            let reason = described.join(", ");
            self.set_desired(group, new, reason);
        }
    }

    /// After an alarm's evaluation: step and simple policies on it act while it is in ALARM.
    pub(crate) fn run_alarm_policies(&mut self, alarm: AlarmId) {
        let now = self.now;
        let (in_alarm, breach, alarm_name) = {
            let a = &self.alarms[alarm.index()];
            (a.alarm.in_alarm(), a.alarm.breach(), a.name.clone())
        };
        if !in_alarm {
            return;
        }
        for index in 0..self.groups.len() {
            let group = GroupId(index as u32);
            let capacity = self.capacity(group);
            let g = &mut self.groups[index];
            let mut wanted = None;
            for (a, policy) in &g.steps {
                if *a == alarm {
                    wanted = policy.decide(breach, g.desired, g.min, g.max, capacity.warming).or(wanted);
                }
            }
            for (a, policy) in &mut g.simples {
                if *a == alarm {
                    wanted = policy.decide(now, true, g.desired, g.min, g.max).or(wanted);
                }
            }
            if let Some(new) = wanted {
                self.set_desired(group, new, format!("alarm {alarm_name}"));
            }
        }
    }
}
