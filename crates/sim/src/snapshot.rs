//! The engine → view contract: a picture of every component's state at one instant.
//!
//! The live view, the faults panel and the tests read the running world only through a
//! [`Snapshot`], never through the world's tables, so the world's internals can change
//! without the view noticing. Everything here is a plain value: names instead of ids,
//! times in microseconds of simulated time [µs] unless a field's name says `_s` (seconds)
//! or `_ms` (milliseconds), counts since the start of the run unless said otherwise.
//! Taking a snapshot is cheap enough to do once per animation frame.

use serde::Serialize;

use crate::alarm::AlarmState;
use crate::ids::{InstanceId, ZoneId};
use crate::time::{MINUTE, Micros, as_secs};
use crate::world::{
    Bucket, BucketCounters, Cdn, CdnCounters, Condition, Database, DbState, Group, Instance, KvCounters,
    KvStore, Lifecycle, LoadBalancer, QueueCounters, QueueNode, TargetHealth, World, Zone,
};

/// Everything the live view draws, in the design's order within each list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Snapshot {
    /// Simulated time [µs].
    pub time: Micros,
    /// The region's availability zones.
    pub zones: Vec<ZoneView>,
    /// Traffic sources.
    pub clients: Vec<ClientsView>,
    /// Instances, hand-placed and launched by groups, that are not long terminated.
    pub instances: Vec<InstanceView>,
    /// Load balancers.
    pub load_balancers: Vec<LoadBalancerView>,
    /// Auto-scaling groups.
    pub groups: Vec<GroupView>,
    /// SQS queues.
    pub queues: Vec<QueueView>,
    /// Databases.
    pub databases: Vec<DatabaseView>,
    /// CloudWatch alarms.
    pub alarms: Vec<AlarmView>,
    /// Chaos monkey's settings while it runs; `None` when it is off.
    pub chaos: Option<ChaosView>,
    /// Key-value stores (absent from the JSON when the design has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub key_value_stores: Vec<KeyValueStoreView>,
    /// CDNs (absent from the JSON when the design has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cdns: Vec<CdnView>,
    /// Object storage (absent from the JSON when the design has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub object_storage: Vec<ObjectStorageView>,
    /// User sessions lost so far with the instance memory that held them.
    #[serde(skip_serializing_if = "is_zero")]
    pub sessions_lost: u64,
    /// DNS names (absent from the JSON when the design has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dns: Vec<DnsView>,
    /// Regions that are lost, by name (absent from the JSON when none is).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lost_regions: Vec<String>,
}

/// A DNS name: each record's health and share of the last second's requests.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DnsView {
    /// The component's name in the design.
    pub name: String,
    /// Its records, primary first.
    pub records: Vec<DnsRecordView>,
}

/// One record of a DNS name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DnsRecordView {
    /// The load balancer it answers with.
    pub load_balancer: String,
    /// The region of that load balancer.
    pub region: String,
    /// What its health checks say.
    pub healthy: bool,
    /// Share of the last second's requests sent to it [0–1].
    pub share: f64,
    /// Requests sent to it in the last second.
    pub requests_last_s: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A key-value store: whether it answers, its capacity and what it did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyValueStoreView {
    /// The component's name in the design.
    pub name: String,
    /// Answering (false during a regional outage).
    pub up: bool,
    /// Provisioned read capacity [read capacity units].
    pub read_capacity: u32,
    /// Provisioned write capacity [write capacity units].
    pub write_capacity: u32,
    /// Reads are strongly consistent.
    pub consistent_reads: bool,
    /// Counts over the last whole second.
    pub last_second: KvCounters,
    /// Counts since the start of the run.
    pub totals: KvCounters,
}

/// A CDN: whether it answers, its hit ratio and what it did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CdnView {
    /// The component's name in the design.
    pub name: String,
    /// Answering (false during an outage).
    pub up: bool,
    /// The configured share of static requests answered at the edge [0–1].
    pub hit_ratio: f64,
    /// The share measured so far [0–1]; `None` before any static request.
    pub measured_hit_ratio: Option<f64>,
    /// Whether its origin (object storage) answers; `None` without object storage.
    pub origin_up: Option<bool>,
    /// Counts over the last whole second.
    pub last_second: CdnCounters,
    /// Counts since the start of the run.
    pub totals: CdnCounters,
}

/// Object storage: whether it answers, its GET rate limit and what it did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObjectStorageView {
    /// The component's name in the design.
    pub name: String,
    /// Answering (false during a regional outage).
    pub up: bool,
    /// GETs it serves per second before 503 Slow Down [requests/s].
    pub gets_per_second: u64,
    /// Counts over the last whole second.
    pub last_second: BucketCounters,
    /// Counts since the start of the run.
    pub totals: BucketCounters,
}

/// A target's share of a sticky load balancer's users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StickyShare {
    /// The target instance.
    pub target: String,
    /// Users whose unexpired cookie binds them to it.
    pub users: u32,
}

/// An availability zone and the faults acting on it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ZoneView {
    /// The zone's name in the design, e.g. "a".
    pub name: String,
    /// Lost: every instance, load-balancer node and database node in it is down.
    pub lost: bool,
    /// Impaired: reachable, but adding latency or dropping requests.
    pub impaired: bool,
    /// Latency an impairment adds to every request into the zone [ms]; 0 when not impaired.
    pub added_latency_ms: f64,
    /// Share of requests into the zone an impairment drops [0–1]; 0 when not impaired.
    pub drop_fraction: f64,
}

/// A traffic source and its current rate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClientsView {
    /// The component's name in the design.
    pub name: String,
    /// Requests per second being sent now, spikes included [requests/s].
    pub rate_per_s: f64,
}

/// An instance that is not terminated (or terminated in the last minute, to show it go).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InstanceView {
    /// Its name: the design's for a hand-placed one, `i-N` (N counting launches) for one a group launched.
    pub name: String,
    /// The zone it runs in.
    pub zone: String,
    /// The auto-scaling group that launched it; `None` for a hand-placed instance.
    pub group: Option<String>,
    /// Where it is in its life: pending (booting), in service, terminated.
    pub lifecycle: Lifecycle,
    /// What faults have done to it: healthy, crashed, hung or slowed.
    pub condition: Condition,
    /// Work slots in use now; at most `slots`.
    pub busy: u32,
    /// Work slots: requests or messages it can serve at once.
    pub slots: u32,
    /// Work waiting for a free slot now.
    pub queued: u32,
    /// Some load balancer is draining it: no new requests, finishing what it has.
    pub draining: bool,
    /// Requests received since launch.
    pub requests_received: u64,
    /// Requests received in the last whole simulated second [requests/s]: the traffic
    /// on the link into it, steadier than a difference of totals between frames.
    pub requests_last_s: u32,
    /// Its registration with each load balancer it is a target of; empty if none.
    pub targets: Vec<TargetView>,
}

/// An instance as one load balancer's target: its health and how close it is to changing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetView {
    /// The load balancer's name.
    pub load_balancer: String,
    /// Health as that load balancer sees it.
    pub health: TargetHealth,
    /// Health checks failed in a row so far.
    pub failures: u32,
    /// Failed checks in a row that mark it unhealthy (ALB default 2).
    pub unhealthy_threshold: u32,
    /// Health checks passed in a row so far.
    pub passes: u32,
    /// Passed checks in a row that mark it healthy again (ALB default 5).
    pub healthy_threshold: u32,
}

/// A load balancer: its per-zone nodes and its targets' health.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoadBalancerView {
    /// The component's name in the design.
    pub name: String,
    /// One node per enabled zone, in the design's zone order.
    pub nodes: Vec<LbNodeView>,
    /// Targets healthy now.
    pub healthy: u32,
    /// Targets registered, draining ones included.
    pub targets: u32,
    /// Every target is unhealthy, so it sends requests to all of them (fail open, as ALB does).
    pub failing_open: bool,
    /// With sticky sessions on: each target's users (how unevenly stickiness spreads
    /// them); absent from the JSON otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sticky_users: Vec<StickyShare>,
}

/// One load-balancer node: the address DNS hands out for one zone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LbNodeView {
    /// The zone the node runs in.
    pub zone: String,
    /// The node answers (its zone is not lost).
    pub answering: bool,
    /// DNS still returns its address; a dead node leaves DNS a little after its zone goes.
    pub in_dns: bool,
}

/// An auto-scaling group's capacity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupView {
    /// The component's name in the design.
    pub name: String,
    /// Minimum capacity [instances].
    pub min: u32,
    /// Desired capacity now, as policies or commands last set it [instances].
    pub desired: u32,
    /// Maximum capacity [instances].
    pub max: u32,
    /// Members in service now [instances].
    pub in_service: u32,
    /// Members launched and still booting [instances].
    pub pending: u32,
}

/// An SQS queue and its consumers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueueView {
    /// The component's name in the design.
    pub name: String,
    /// Messages waiting to be received (ApproximateNumberOfMessagesVisible).
    pub visible: u32,
    /// Messages received and not yet deleted (ApproximateNumberOfMessagesNotVisible).
    pub in_flight: u32,
    /// Age of the oldest message stored [s] (ApproximateAgeOfOldestMessage); 0 when empty.
    pub oldest_age_s: f64,
    /// Messages moved to the dead-letter queue so far.
    pub dead_lettered: u64,
    /// Its consumers were stopped by a command.
    pub consumers_stopped: bool,
    /// Every counter of the queue (sent, received, deleted, empty receives …).
    pub counters: QueueCounters,
}

/// A database and where its nodes are.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DatabaseView {
    /// The component's name in the design.
    pub name: String,
    /// Available, failing over or down, with the times involved [µs].
    pub state: DbState,
    /// The zone of the primary, which takes every write.
    pub primary_zone: String,
    /// The zone of the Multi-AZ standby; `None` for a single-AZ database.
    pub standby_zone: Option<String>,
    /// Zones of the read replicas that are up.
    pub replica_zones: Vec<String>,
    /// Writes committed so far.
    pub writes_committed: u64,
    /// Committed writes lost so far.
    pub writes_lost: u64,
    /// Query slots of the primary in use now.
    pub busy: u32,
    /// Query slots of the primary: queries it serves at once.
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

/// A CloudWatch alarm.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlarmView {
    /// The component's name in the design.
    pub name: String,
    /// OK, in alarm, or not enough data yet.
    pub state: AlarmState,
}

impl World {
    /// The state of every component now.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            time: self.now,
            zones: self.zones.iter().map(zone_view).collect(),
            clients: self
                .clients
                .iter()
                .map(|c| ClientsView { name: c.name.clone(), rate_per_s: c.rate_at(self.now) })
                .collect(),
            instances: self.instance_views(),
            load_balancers: self.lbs.iter().map(|lb| self.load_balancer_view(lb)).collect(),
            groups: self.groups.iter().map(|g| self.group_view(g)).collect(),
            queues: self.queues.iter().map(|q| self.queue_view(q)).collect(),
            databases: self.dbs.iter().map(|d| self.database_view(d)).collect(),
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
            key_value_stores: self.kvs.iter().map(kv_view).collect(),
            cdns: self.cdns.iter().map(|c| cdn_view(c, &self.buckets)).collect(),
            object_storage: self.buckets.iter().map(bucket_view).collect(),
            sessions_lost: self.sessions_lost,
            dns: self.dns.iter().map(|d| self.dns_view(d)).collect(),
            lost_regions: self.regions.iter().filter(|r| r.lost).map(|r| r.name.clone()).collect(),
        }
    }

    fn dns_view(&self, d: &crate::world::Dns) -> DnsView {
        let shares = d.shares();
        let records = d
            .records
            .iter()
            .zip(shares)
            .map(|(r, share)| DnsRecordView {
                load_balancer: self.lbs[r.lb.index()].name.clone(),
                region: self.regions.get(r.region.index()).map(|g| g.name.clone()).unwrap_or_default(),
                healthy: r.healthy,
                share,
                requests_last_s: r.answers_last,
            })
            .collect();
        DnsView { name: d.name.clone(), records }
    }

    fn zone_name(&self, zone: ZoneId) -> String {
        self.zones[zone.index()].name.clone()
    }

    /// Instances not terminated, or terminated less than a minute ago (to show them go).
    fn instance_views(&self) -> Vec<InstanceView> {
        let shown = |i: &&Instance| i.terminated_at.is_none_or(|t| self.now < t + MINUTE);
        let ids = (0..).map(InstanceId);
        ids.zip(&self.instances).filter(|(_, i)| shown(i)).map(|(id, i)| self.instance_view(id, i)).collect()
    }

    fn instance_view(&self, id: InstanceId, i: &Instance) -> InstanceView {
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
            zone: self.zone_name(i.zone),
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
    }

    fn load_balancer_view(&self, lb: &LoadBalancer) -> LoadBalancerView {
        LoadBalancerView {
            name: lb.name.clone(),
            nodes: lb
                .nodes
                .iter()
                .map(|n| LbNodeView { zone: self.zone_name(n.zone), answering: n.up, in_dns: n.in_dns })
                .collect(),
            healthy: lb.healthy_count(),
            targets: lb.targets.len() as u32,
            failing_open: lb.failing_open,
            sticky_users: lb
                .users_by_target(self.now)
                .into_iter()
                .map(|(id, users)| StickyShare { target: self.instances[id.index()].name.clone(), users })
                .collect(),
        }
    }

    fn group_view(&self, g: &Group) -> GroupView {
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
    }

    fn queue_view(&self, q: &QueueNode) -> QueueView {
        QueueView {
            name: q.name.clone(),
            visible: q.queue.visible(),
            in_flight: q.queue.in_flight(),
            oldest_age_s: as_secs(q.queue.oldest_age(self.now)),
            dead_lettered: q.queue.counters().dead_lettered,
            consumers_stopped: q.stopped,
            counters: q.queue.counters().clone(),
        }
    }

    fn database_view(&self, d: &Database) -> DatabaseView {
        DatabaseView {
            name: d.name.clone(),
            state: d.state,
            primary_zone: self.zone_name(d.primary.zone),
            standby_zone: d.standby.map(|z| self.zone_name(z)),
            replica_zones: d.active_replicas().map(|r| self.zone_name(r.zone)).collect(),
            writes_committed: d.writes,
            writes_lost: d.writes_lost,
            busy: d.primary.busy,
            slots: d.primary.slots,
        }
    }
}

fn cdn_view(c: &Cdn, buckets: &[Bucket]) -> CdnView {
    CdnView {
        name: c.name.clone(),
        up: c.up,
        hit_ratio: c.hit_ratio,
        measured_hit_ratio: c.measured_hit_ratio(),
        origin_up: c.origin.and_then(|b| buckets.get(b.index())).map(|b| b.up),
        last_second: c.last_second.clone(),
        totals: c.counters.clone(),
    }
}

fn bucket_view(b: &Bucket) -> ObjectStorageView {
    ObjectStorageView {
        name: b.name.clone(),
        up: b.up,
        gets_per_second: b.gets_per_second,
        last_second: b.last_second.clone(),
        totals: b.counters.clone(),
    }
}

fn kv_view(k: &KvStore) -> KeyValueStoreView {
    KeyValueStoreView {
        name: k.name.clone(),
        up: k.up,
        read_capacity: k.read_capacity,
        write_capacity: k.write_capacity,
        consistent_reads: k.consistent,
        last_second: k.last_second.clone(),
        totals: k.counters.clone(),
    }
}

fn zone_view(z: &Zone) -> ZoneView {
    ZoneView {
        name: z.name.clone(),
        lost: z.lost,
        impaired: z.impaired(),
        added_latency_ms: z.added_latency as f64 / 1000.0,
        drop_fraction: z.drop_fraction,
    }
}

#[cfg(test)]
mod tests {
    use crate::command::Command;
    use crate::design::reference::three_tier;
    use crate::time::SECOND;
    use crate::world::World;

    #[test]
    fn a_lost_zone_shows_its_load_balancer_node_not_answering() {
        let mut world = World::new(&three_tier()).expect("three-tier is valid");
        world.run_for(60 * SECOND);
        let before = world.snapshot();
        let lb = &before.load_balancers[0];
        assert!(lb.nodes.iter().all(|n| n.answering && n.in_dns), "every node answers at first: {lb:?}");
        let zone = lb.nodes[0].zone.clone();
        world.apply(Command::LoseZone { zone: zone.clone() }).expect("the zone exists");
        let after = world.snapshot();
        let node =
            after.load_balancers[0].nodes.iter().find(|n| n.zone == zone).expect("the node stays listed");
        assert!(!node.answering, "a node in a lost zone answers nothing: {node:?}");
        assert!(after.load_balancers[0].nodes.iter().any(|n| n.zone != zone && n.answering));
    }
}
