//! A picture of every component's state at one instant, for drawing.

use serde::Serialize;

use crate::alarm::AlarmState;
use crate::time::{Micros, as_secs};
use crate::world::{Condition, DbState, Lifecycle, TargetHealth, World};

/// Everything the live view draws.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Snapshot {
    /// Simulated time [µs].
    pub time: Micros,
    pub zones: Vec<ZoneView>,
    pub clients: Vec<ClientsView>,
    pub instances: Vec<InstanceView>,
    pub load_balancers: Vec<LoadBalancerView>,
    pub groups: Vec<GroupView>,
    pub queues: Vec<QueueView>,
    pub databases: Vec<DatabaseView>,
    pub alarms: Vec<AlarmView>,
    /// Chaos monkey's settings while it runs; `None` when it is off.
    pub chaos: Option<ChaosView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ZoneView {
    pub name: String,
    pub lost: bool,
    pub impaired: bool,
    /// Latency an impairment adds to every request into the zone [ms]; 0 when not impaired.
    pub added_latency_ms: f64,
    /// Share of requests into the zone an impairment drops [0–1]; 0 when not impaired.
    pub drop_fraction: f64,
}

/// A traffic source and its current rate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClientsView {
    pub name: String,
    /// Requests per second being sent now, spikes included.
    pub rate_per_s: f64,
}

/// An instance that is not terminated (or terminated in the last minute, to show it go).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InstanceView {
    pub name: String,
    pub zone: String,
    pub group: Option<String>,
    pub lifecycle: Lifecycle,
    pub condition: Condition,
    pub busy: u32,
    pub slots: u32,
    pub queued: u32,
    pub draining: bool,
    /// Requests received since launch.
    pub requests_received: u64,
    /// Requests received in the last whole simulated second [requests/s]: the traffic
    /// on the link into it, steadier than a difference of totals between frames.
    pub requests_last_s: u32,
    /// Per load balancer: (lb, health, consecutive failures, unhealthy threshold).
    pub targets: Vec<TargetView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetView {
    pub load_balancer: String,
    pub health: TargetHealth,
    pub failures: u32,
    pub unhealthy_threshold: u32,
    pub passes: u32,
    pub healthy_threshold: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoadBalancerView {
    pub name: String,
    /// (zone, answering, in DNS) per node.
    pub nodes: Vec<(String, bool, bool)>,
    pub healthy: u32,
    pub targets: u32,
    pub failing_open: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupView {
    pub name: String,
    pub min: u32,
    pub desired: u32,
    pub max: u32,
    pub in_service: u32,
    pub pending: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueueView {
    pub name: String,
    pub visible: u32,
    pub in_flight: u32,
    pub oldest_age_s: f64,
    pub dead_lettered: u64,
    pub consumers_stopped: bool,
    /// Every counter of the queue (sent, received, deleted, empty receives …).
    pub counters: crate::world::QueueCounters,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DatabaseView {
    pub name: String,
    pub state: DbState,
    pub primary_zone: String,
    pub standby_zone: Option<String>,
    pub replica_zones: Vec<String>,
    /// Writes committed so far.
    pub writes_committed: u64,
    /// Committed writes lost so far.
    pub writes_lost: u64,
    pub busy: u32,
    pub slots: u32,
}

/// Chaos monkey while it runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChaosView {
    /// The group it terminates instances of, or `None` for every group.
    pub group: Option<String>,
    /// Mean time between terminations [s].
    pub mean_interval_s: f64,
    /// Only strikes 09:00–15:00 of each simulated day.
    pub business_hours: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlarmView {
    pub name: String,
    pub state: AlarmState,
}

impl World {
    /// The state of every component now.
    pub fn snapshot(&self) -> Snapshot {
        let zone_name = |z: crate::ids::ZoneId| self.zones[z.index()].name.clone();
        Snapshot {
            time: self.now,
            zones: self
                .zones
                .iter()
                .map(|z| ZoneView {
                    name: z.name.clone(),
                    lost: z.lost,
                    impaired: z.impaired(),
                    added_latency_ms: z.added_latency as f64 / 1000.0,
                    drop_fraction: z.drop_fraction,
                })
                .collect(),
            clients: self
                .clients
                .iter()
                .map(|c| ClientsView { name: c.name.clone(), rate_per_s: c.rate_at(self.now) })
                .collect(),
            instances: self
                .instances
                .iter()
                .enumerate()
                .filter(|(_, i)| i.terminated_at.is_none_or(|t| self.now < t + crate::time::MINUTE))
                .map(|(index, i)| {
                    let id = crate::ids::InstanceId(index as u32);
                    let targets: Vec<TargetView> = self
                        .lbs
                        .iter()
                        .filter_map(|lb| {
                            lb.target(id).map(|t| TargetView {
                                load_balancer: lb.name.clone(),
                                health: t.health,
                                failures: t.failures,
                                unhealthy_threshold: lb.health_check.unhealthy_threshold,
                                passes: t.passes,
                                healthy_threshold: lb.health_check.healthy_threshold,
                            })
                        })
                        .collect();
                    InstanceView {
                        name: i.name.clone(),
                        zone: zone_name(i.zone),
                        group: i.group.map(|g| self.groups[g.index()].name.clone()),
                        lifecycle: i.lifecycle,
                        condition: i.condition,
                        busy: i.busy(),
                        slots: i.template.slots,
                        queued: i.queued(),
                        draining: targets.iter().any(|t| t.health == TargetHealth::Draining),
                        requests_received: i.received_total,
                        requests_last_s: i.received_last,
                        targets,
                    }
                })
                .collect(),
            load_balancers: self
                .lbs
                .iter()
                .map(|lb| LoadBalancerView {
                    name: lb.name.clone(),
                    nodes: lb.nodes.iter().map(|n| (zone_name(n.zone), n.up, n.in_dns)).collect(),
                    healthy: lb.healthy_count(),
                    targets: lb.targets.len() as u32,
                    failing_open: lb.failing_open,
                })
                .collect(),
            groups: self
                .groups
                .iter()
                .map(|g| {
                    let count = |l: Lifecycle| {
                        g.members.iter().filter(|m| self.instances[m.index()].lifecycle == l).count() as u32
                    };
                    GroupView {
                        name: g.name.clone(),
                        min: g.min,
                        desired: g.desired,
                        max: g.max,
                        in_service: count(Lifecycle::InService),
                        pending: count(Lifecycle::Pending),
                    }
                })
                .collect(),
            queues: self
                .queues
                .iter()
                .map(|q| QueueView {
                    name: q.name.clone(),
                    visible: q.queue.visible(),
                    in_flight: q.queue.in_flight(),
                    oldest_age_s: as_secs(q.queue.oldest_age(self.now)),
                    dead_lettered: q.queue.counters().dead_lettered,
                    consumers_stopped: q.stopped,
                    counters: q.queue.counters().clone(),
                })
                .collect(),
            databases: self
                .dbs
                .iter()
                .map(|d| DatabaseView {
                    name: d.name.clone(),
                    state: d.state,
                    primary_zone: zone_name(d.primary.zone),
                    standby_zone: d.standby.map(zone_name),
                    replica_zones: d.active_replicas().map(|r| zone_name(r.zone)).collect(),
                    writes_committed: d.writes,
                    writes_lost: d.writes_lost,
                    busy: d.primary.busy,
                    slots: d.primary.slots,
                })
                .collect(),
            alarms: self
                .alarms
                .iter()
                .map(|a| AlarmView { name: a.name.clone(), state: a.alarm.state() })
                .collect(),
            chaos: self.chaos.as_ref().map(|c| ChaosView {
                group: c.group.map(|g| self.groups[g.index()].name.clone()),
                mean_interval_s: as_secs(c.mean_interval),
                business_hours: c.business_hours,
            }),
        }
    }
}
