//! Load balancers: nodes per zone, routing, fail-open, registration and draining.

use serde::Serialize;

use super::World;
use super::event::{Event, TimerKey, Work};
use crate::design::Routing;
use crate::event_log::Happening;
use crate::ids::Subject;
use crate::ids::{InstanceId, LbId, ZoneId};
use crate::request::FailureCause;
use crate::time::Micros;

/// Health of a registered target, as the target group reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetHealth {
    /// Registered, waiting for its first passing check.
    Initial,
    /// Receives requests.
    Healthy,
    /// Failed enough checks in a row; out of rotation.
    Unhealthy,
    /// Deregistered; finishing what it has, no new requests.
    Draining,
}

/// A registered target and its recent check results.
#[derive(Clone, Debug)]
pub struct Target {
    pub instance: InstanceId,
    pub zone: ZoneId,
    pub health: TargetHealth,
    /// Consecutive passes.
    pub passes: u32,
    /// Consecutive failures.
    pub failures: u32,
}

/// One load-balancer node, in one zone.
#[derive(Clone, Debug)]
pub struct Node {
    pub zone: ZoneId,
    /// The zone is up (a node in a lost zone answers nothing).
    pub up: bool,
    /// DNS still returns this node's address.
    pub in_dns: bool,
    /// Targets this node may send to, rebuilt when health changes.
    routable: Vec<InstanceId>,
    /// Round-robin position.
    cursor: u32,
}

impl Node {
    pub(crate) fn new(zone: ZoneId) -> Node {
        Node { zone, up: true, in_dns: true, routable: Vec::new(), cursor: 0 }
    }
}

/// Health-check settings in simulation units.
#[derive(Clone, Copy, Debug)]
pub struct HealthCheck {
    /// Time between checks of one target [µs]; ALB default 30 s.
    pub interval: Micros,
    /// A check not answered within this fails [µs]; ALB default 5 s.
    pub timeout: Micros,
    /// Passed checks in a row that make a target healthy; ALB default 5.
    pub healthy_threshold: u32,
    /// Failed checks in a row that make a target unhealthy; ALB default 2.
    pub unhealthy_threshold: u32,
}

/// A load balancer with one target group.
#[derive(Clone, Debug)]
pub struct LoadBalancer {
    /// The component's name in the design.
    pub name: String,
    /// One node per enabled zone, in the design's order.
    pub nodes: Vec<Node>,
    /// A node may send to targets in any zone (ALB default), not only its own.
    pub cross_zone: bool,
    /// How a node picks a target: round robin or least outstanding requests.
    pub routing: Routing,
    /// Health-check settings of its target group.
    pub health_check: HealthCheck,
    /// Deregistration delay [µs].
    pub deregistration_delay: Micros,
    /// Registered targets with their health, in registration order.
    pub targets: Vec<Target>,
    /// Every target unhealthy: requests go to all of them.
    pub failing_open: bool,
    /// Price [USD/hour].
    pub usd_per_hour: f64,
    /// Duration-based sticky sessions, if on (ALB default off).
    pub(crate) stickiness: Option<super::stickiness::Stickiness>,
    /// Routing tables need rebuilding.
    pub(crate) dirty: bool,
}

impl LoadBalancer {
    pub(crate) fn new(name: String, nodes: Vec<Node>, health_check: HealthCheck) -> LoadBalancer {
        LoadBalancer {
            name,
            nodes,
            cross_zone: true,
            routing: Routing::RoundRobin,
            health_check,
            deregistration_delay: 0,
            targets: Vec::new(),
            failing_open: false,
            usd_per_hour: 0.0,
            stickiness: None,
            dirty: true,
        }
    }

    /// The target entry of an instance.
    pub fn target(&self, instance: InstanceId) -> Option<&Target> {
        self.targets.iter().find(|t| t.instance == instance)
    }

    fn target_mut(&mut self, instance: InstanceId) -> Option<&mut Target> {
        self.targets.iter_mut().find(|t| t.instance == instance)
    }

    /// Whether the node at `node_index` may send to `target` now.
    pub(crate) fn routes_to(&self, node_index: usize, target: InstanceId) -> bool {
        self.nodes.get(node_index).is_some_and(|n| n.routable.contains(&target))
    }

    /// With sticky sessions on: each registered target with the users whose unexpired
    /// cookie binds them to it, in registration order (how unevenly stickiness spreads them).
    pub fn users_by_target(&self, now: Micros) -> Vec<(InstanceId, u32)> {
        let Some(sticky) = &self.stickiness else { return Vec::new() };
        self.targets.iter().map(|t| (t.instance, sticky.users_of(t.instance, now))).collect()
    }

    /// Healthy targets.
    pub fn healthy_count(&self) -> u32 {
        self.targets.iter().filter(|t| t.health == TargetHealth::Healthy).count() as u32
    }

    /// Rebuilds every node's routable list: healthy targets in scope; with cross-zone off
    /// a node whose zone has none borrows the others' (DNS stops sending to it); with no
    /// healthy target at all, every registered one (fail open).
    fn rebuild(&mut self) -> bool {
        let serving = |t: &&Target, health: &[TargetHealth]| health.contains(&t.health);
        let healthy: Vec<&Target> =
            self.targets.iter().filter(|t| serving(t, &[TargetHealth::Healthy])).collect();
        let open = healthy.is_empty()
            && self
                .targets
                .iter()
                .any(|t| matches!(t.health, TargetHealth::Unhealthy | TargetHealth::Initial));
        let pool: Vec<&Target> = if open {
            self.targets.iter().filter(|t| t.health != TargetHealth::Draining).collect()
        } else {
            healthy
        };
        let cross_zone = self.cross_zone;
        let tables: Vec<Vec<InstanceId>> = self
            .nodes
            .iter()
            .map(|node| {
                let local: Vec<InstanceId> =
                    pool.iter().filter(|t| cross_zone || t.zone == node.zone).map(|t| t.instance).collect();
                if local.is_empty() { pool.iter().map(|t| t.instance).collect() } else { local }
            })
            .collect();
        for (node, table) in self.nodes.iter_mut().zip(tables) {
            node.routable = table;
        }
        self.dirty = false;
        let started = open && !self.failing_open;
        self.failing_open = open;
        started
    }
}

impl World {
    /// A request reaches the load balancer: DNS picks a node, the node picks a target.
    pub(crate) fn route(&mut self, lb: LbId, work: Work) {
        self.enter_region(work, |w| w.lbs[lb.index()].nodes.first().map(|n| n.zone));
        let in_dns = self.lbs[lb.index()].nodes.iter().filter(|n| n.in_dns).count() as u32;
        if in_dns == 0 {
            return self.refuse(work, FailureCause::ZoneLost);
        }
        let pick = self.rng.below(in_dns) as usize;
        let Some(node_index) =
            self.lbs[lb.index()].nodes.iter().enumerate().filter(|(_, n)| n.in_dns).nth(pick).map(|(i, _)| i)
        else {
            return self.refuse(work, FailureCause::ZoneLost);
        };
        if !self.lbs[lb.index()].nodes[node_index].up {
            return self.refuse(work, FailureCause::ZoneLost);
        }
        self.refresh_routes(lb);
        let target = match (self.lbs[lb.index()].stickiness.is_some(), work) {
            (true, Work::Request { id, .. }) => {
                let user = self.requests.get(id).map_or(0, |r| r.user);
                self.sticky_target(lb, node_index, user)
            }
            _ => self.choose_target(lb, node_index),
        };
        match target {
            Some(instance) => self.deliver_request(instance, work),
            None => self.refuse(work, FailureCause::NoHealthyTarget),
        }
    }

    pub(crate) fn choose_target(&mut self, lb: LbId, node_index: usize) -> Option<InstanceId> {
        let balancer = &mut self.lbs[lb.index()];
        let routing = balancer.routing;
        let node = &mut balancer.nodes[node_index];
        let count = node.routable.len() as u32;
        if count == 0 {
            return None;
        }
        let start = node.cursor % count;
        node.cursor = node.cursor.wrapping_add(1);
        match routing {
            Routing::RoundRobin => Some(node.routable[start as usize]),
            Routing::LeastOutstandingRequests => {
                (0..count).map(|k| node.routable[((start + k) % count) as usize]).min_by_key(|id| {
                    let i = &self.instances[id.index()];
                    i.busy() + i.queued()
                })
            }
        }
    }

    /// Rebuilds routing tables after a health change, and narrates fail-open.
    pub(crate) fn refresh_routes(&mut self, lb: LbId) {
        let balancer = &mut self.lbs[lb.index()];
        if balancer.dirty && balancer.rebuild() {
            let name = balancer.name.clone();
            self.log.push(self.now, Happening::FailOpen { lb: name });
        }
    }

    /// Registers an instance as a target. `healthy` skips the first check (steady state at
    /// the start of a run); otherwise the target needs one passing check.
    pub(crate) fn register(&mut self, lb: LbId, instance: InstanceId, healthy: bool) {
        let zone = self.instances[instance.index()].zone;
        let balancer = &mut self.lbs[lb.index()];
        if balancer.target(instance).is_some() {
            return;
        }
        let health = if healthy { TargetHealth::Healthy } else { TargetHealth::Initial };
        balancer.targets.push(Target { instance, zone, health, passes: 0, failures: 0 });
        balancer.dirty = true;
        let interval = balancer.health_check.interval;
        // Checks of different targets are spread over the interval, as on a real ALB.
        let phase =
            if healthy { self.rng.below(interval.max(1).min(u32::MAX as u64) as u32) as Micros } else { 0 };
        self.events.schedule_keyed(
            TimerKey::HealthCheck(lb, instance),
            self.now + phase.max(1),
            Event::HealthCheck { lb, instance },
        );
    }

    /// Deregisters a target with draining: no new requests; removed when idle or after the delay.
    pub(crate) fn deregister(&mut self, lb: LbId, instance: InstanceId) {
        let now = self.now;
        let balancer = &mut self.lbs[lb.index()];
        let delay = balancer.deregistration_delay;
        let Some(target) = balancer.target_mut(instance) else { return };
        if target.health == TargetHealth::Draining {
            return;
        }
        target.health = TargetHealth::Draining;
        balancer.dirty = true;
        let (lb_name, target_name) = (balancer.name.clone(), self.instances[instance.index()].name.clone());
        self.events.cancel(&TimerKey::HealthCheck(lb, instance));
        self.log.push(now, Happening::Draining { lb: lb_name, target: target_name });
        if self.instances[instance.index()].busy() == 0 {
            self.finish_drain(lb, instance);
        } else {
            self.events.schedule_keyed(
                TimerKey::Drain(lb, instance),
                now + delay,
                Event::DrainTimeout { lb, instance },
            );
        }
    }

    /// Draining is over: the target leaves the group; a terminating instance terminates.
    pub(crate) fn finish_drain(&mut self, lb: LbId, instance: InstanceId) {
        self.events.cancel(&TimerKey::Drain(lb, instance));
        let balancer = &mut self.lbs[lb.index()];
        balancer.targets.retain(|t| t.instance != instance);
        balancer.dirty = true;
        if self.instances[instance.index()].terminating && !self.is_draining_anywhere(instance) {
            self.terminate_instance(instance, "scaled in or replaced");
        }
    }

    /// Whether any load balancer still drains the instance.
    pub(crate) fn is_draining_anywhere(&self, instance: InstanceId) -> bool {
        self.lbs.iter().any(|lb| lb.target(instance).is_some_and(|t| t.health == TargetHealth::Draining))
    }

    /// Removes the instance from every target group at once (it is gone).
    pub(crate) fn deregister_everywhere(&mut self, instance: InstanceId) {
        for index in 0..self.lbs.len() {
            let lb = LbId(index as u32);
            let balancer = &mut self.lbs[index];
            if balancer.target(instance).is_some() {
                balancer.targets.retain(|t| t.instance != instance);
                balancer.dirty = true;
                self.events.cancel(&TimerKey::HealthCheck(lb, instance));
                self.events.cancel(&TimerKey::Drain(lb, instance));
            }
        }
    }

    /// A slot was freed: a draining target that is now idle finishes draining; a worker
    /// with room polls its queue. Inlined: it runs after every piece of work, and usually
    /// neither case applies.
    #[inline]
    pub(crate) fn after_slot_freed(&mut self, id: InstanceId) {
        let instance = &self.instances[id.index()];
        let (drained, worker) = (instance.busy() == 0 && instance.terminating, instance.consumes.is_some());
        if drained {
            self.finish_drains(id);
        }
        if worker {
            self.poll_if_idle(id);
        }
    }

    /// An idle instance being terminated leaves every load balancer draining it.
    fn finish_drains(&mut self, id: InstanceId) {
        for index in 0..self.lbs.len() {
            let lb = LbId(index as u32);
            if self.lbs[index].target(id).is_some_and(|t| t.health == TargetHealth::Draining) {
                self.finish_drain(lb, id);
            }
        }
    }

    /// Marks a zone's nodes down or up; a node down is removed from DNS after detection.
    pub(crate) fn set_nodes_in_zone(&mut self, zone: ZoneId, up: bool) {
        for index in 0..self.lbs.len() {
            let lb = LbId(index as u32);
            let name = self.lbs[index].name.clone();
            for node in self.lbs[index].nodes.iter_mut().filter(|n| n.zone == zone) {
                node.up = up;
                if up && !node.in_dns {
                    node.in_dns = true;
                    let zone_name = self.zones[zone.index()].name.clone();
                    self.log.push(self.now, Happening::NodeRestored { lb: name.clone(), zone: zone_name });
                }
            }
            if !up {
                self.events.schedule(self.now + DNS_REMOVAL_DELAY, Event::DnsRemoval { lb, zone });
            }
        }
    }

    /// DNS stops returning the node of a failed zone, if the zone has been down for the
    /// whole detection time (a timer from an earlier loss of a zone that came back and
    /// failed again is ignored).
    pub(crate) fn on_dns_removal(&mut self, lb: LbId, zone: ZoneId) {
        let down_long_enough =
            self.zones[zone.index()].lost_at.is_some_and(|t| t + DNS_REMOVAL_DELAY <= self.now);
        if !down_long_enough {
            return;
        }
        let balancer = &mut self.lbs[lb.index()];
        let mut removed = false;
        for node in balancer.nodes.iter_mut().filter(|n| n.zone == zone && !n.up && n.in_dns) {
            node.in_dns = false;
            removed = true;
        }
        if removed {
            let (lb_name, zone_name) = (balancer.name.clone(), self.zones[zone.index()].name.clone());
            self.log.push(self.now, Happening::NodeRemovedFromDns { lb: lb_name, zone: zone_name });
            self.incidents.detect(self.now, Subject::Zone(zone), zone);
        }
    }
}

/// Time from a node's failure until DNS stops returning it [µs]: ELB's detection (about
/// 30 s) plus the 60 s TTL of its DNS record (AWS-FACTS §1.4, §6).
pub(crate) const DNS_REMOVAL_DELAY: Micros = 90 * crate::time::SECOND;
