//! Building a world from a design: resolving ids, links and sizes; the steady state at t = 0.

use std::collections::BTreeMap;

use super::World;
use super::alarms::{AlarmNode, MetricSource};
use super::cdn::Cdn;
use super::consumer::QueueNode;
use super::database::{Database, DbNode};
use super::dns::{Dns, DnsRecord};
use super::event::Event;
use super::group::{GROUP_CHECK_INTERVAL, Group};
use super::instance::{Downstream, Instance};
use super::key_value_store::KvStore;
use super::load_balancer::{HealthCheck, LoadBalancer, Node};
use super::object_storage::Bucket;
use super::region::RegionState;
use super::sqs_queue::Queue;
use super::stickiness::Stickiness;
use super::template::Template;
use super::traffic::{Clients, Entry};
use super::zone::Zone;
use crate::alarm::{Alarm, PeriodStats};
use crate::design::{CdnSpec, GETS_PER_PREFIX, KeyValueStoreSpec, ObjectStorageSpec};
use crate::design::{ComponentSpec, Design, GroupSpec, PolicySpec};
use crate::ids::{
    AlarmId, BucketId, CdnId, ClientsId, DbId, DnsId, GroupId, InstanceId, KvId, LbId, QueueId, RegionId,
    ZoneId,
};
use crate::price_table::PriceTable;
use crate::scaling_policy::{SimplePolicy, StepPolicy, TargetTracker};
use crate::time::{SECOND, from_millis, from_secs};

/// A design id resolved to what the world made of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Made {
    Clients(ClientsId),
    LoadBalancer(LbId),
    Instance(InstanceId),
    Group(GroupId),
    Queue(QueueId),
    Database(DbId),
    Alarm(AlarmId),
    Store(KvId),
    Cdn(CdnId),
    Bucket(BucketId),
    Dns(DnsId),
}

/// Builder state: the world under construction and the id map.
struct Builder<'a> {
    design: &'a Design,
    world: World,
    made: BTreeMap<&'a str, Made>,
    prices: &'static PriceTable,
    /// The region of the component being made (index into `design.regions`).
    region: usize,
}

impl World {
    /// Builds the world of a validated design at time zero, in steady state.
    pub(crate) fn build(design: &Design, seed: u64) -> World {
        let mut b = Builder {
            design,
            world: World::empty(seed),
            made: BTreeMap::new(),
            prices: PriceTable::standard(),
            region: 0,
        };
        b.world.zones = zones(design);
        b.world.regions = regions(design);
        if design.regions.len() > 1 {
            b.world.recorder.track_regions();
        }
        b.world.draw_users = design.components.iter().any(|c| match &c.spec {
            ComponentSpec::LoadBalancer(lb) => lb.stickiness,
            ComponentSpec::KeyValueStore(_) => true,
            _ => false,
        });
        for pass in 0..2 {
            for component in &design.components {
                b.region = design.region_index(component);
                b.make(pass, &component.id, &component.spec);
            }
        }
        b.link();
        b.start();
        b.world
    }
}

impl<'a> Builder<'a> {
    /// Pass 0 makes load balancers, queues, databases, stores, CDNs and buckets (link
    /// targets); pass 1 the rest.
    fn make(&mut self, pass: u32, id: &'a str, spec: &ComponentSpec) {
        let region = self.region;
        let zone = |name: &str| zone_of(self.design, region, name);
        let w = &mut self.world;
        let made = match (pass, spec) {
            (0, ComponentSpec::LoadBalancer(lb)) => {
                let nodes = lb.zones.iter().map(|z| Node::new(zone(z))).collect();
                let hc = &lb.health_check;
                let settings = HealthCheck {
                    interval: from_secs(hc.interval_s),
                    timeout: from_secs(hc.timeout_s),
                    healthy_threshold: hc.healthy_threshold,
                    unhealthy_threshold: hc.unhealthy_threshold,
                };
                let mut balancer = LoadBalancer::new(id.to_owned(), nodes, settings);
                balancer.cross_zone = lb.cross_zone;
                balancer.routing = lb.routing;
                balancer.deregistration_delay = from_secs(lb.deregistration_delay_s);
                balancer.usd_per_hour = self.prices.load_balancer_usd_per_hour;
                if lb.stickiness {
                    balancer.stickiness = Some(Stickiness::new(
                        from_secs(lb.stickiness_duration_s).max(SECOND),
                        total_users(self.design),
                    ));
                }
                w.lbs.push(balancer);
                Made::LoadBalancer(LbId(w.lbs.len() as u32 - 1))
            }
            (0, ComponentSpec::Queue(q)) => {
                w.queues.push(QueueNode::new(id.to_owned(), Queue::new(q)));
                Made::Queue(QueueId(w.queues.len() as u32 - 1))
            }
            (0, ComponentSpec::Database(d)) => {
                let class = self.prices.database(&d.size);
                let slots = d.slots.max(1);
                let mut db = Database::new(id.to_owned(), DbNode::new(zone(&d.zone), slots), None);
                db.standby = d.standby_zone.as_deref().map(&zone);
                db.replicas = d.read_replicas.iter().map(|z| DbNode::new(zone(z), slots)).collect();
                db.query_mean = from_millis(d.query_ms);
                db.failover_s = d.failover_s;
                db.host_replacement_s = d.host_replacement_s;
                db.restore_s = d.restore_s;
                db.recovery_point = from_secs(d.recovery_point_s);
                db.replica_lag = from_millis(d.replica_lag_ms);
                db.usd_per_hour = class.map_or(0.0, |c| c.usd_per_hour);
                db.multi_az_factor = self.prices.multi_az_factor;
                w.dbs.push(db);
                Made::Database(DbId(w.dbs.len() as u32 - 1))
            }
            (0, ComponentSpec::KeyValueStore(k)) => {
                let mut store = make_store(id, k, total_users(self.design), self.prices);
                store.region = RegionId(region as u32);
                w.kvs.push(store);
                Made::Store(KvId(w.kvs.len() as u32 - 1))
            }
            (0, ComponentSpec::Cdn(c)) => {
                w.cdns.push(make_cdn(id, c, self.prices));
                Made::Cdn(CdnId(w.cdns.len() as u32 - 1))
            }
            (0, ComponentSpec::ObjectStorage(s)) => {
                let mut bucket = make_bucket(id, s);
                bucket.region = RegionId(region as u32);
                w.buckets.push(bucket);
                Made::Bucket(BucketId(w.buckets.len() as u32 - 1))
            }
            (1, ComponentSpec::Clients(c)) => {
                let first_user = w.clients.iter().map(|c| c.users).sum();
                w.clients.push(Clients {
                    name: id.to_owned(),
                    profile: c.profile.clone(),
                    read_fraction: c.read_fraction.clamp(0.0, 1.0),
                    static_fraction: c.static_fraction.clamp(0.0, 1.0),
                    timeout: c.timeout_s.map(from_secs).filter(|t| *t > 0),
                    entry: Entry::Nowhere,
                    spike: None,
                    deadlines: Default::default(),
                    arrival_generation: 0,
                    users: c.users.max(1),
                    first_user,
                    region: RegionId(region as u32),
                });
                Made::Clients(ClientsId(w.clients.len() as u32 - 1))
            }
            (1, ComponentSpec::Instance(i)) => {
                let template = Template::resolve(&i.template, self.prices);
                let instance = Instance::new(id.to_owned(), zone(&i.zone), None, 0, template);
                Made::Instance(w.spawn(instance, Downstream::default(), None))
            }
            (1, ComponentSpec::AutoScalingGroup(g)) => Made::Group(self.make_group(id, g)),
            (0, ComponentSpec::Dns(d)) => {
                w.dns.push(Dns {
                    name: id.to_owned(),
                    routing: d.routing,
                    interval: from_secs(d.health_check_interval_s()),
                    threshold: d.failure_threshold.max(1),
                    ttl: from_secs(d.ttl_s),
                    late_share: d.late_resolver_share.clamp(0.0, 1.0),
                    late_ttl: from_secs(d.ttl_s * d.late_resolver_ttl_multiple.max(1.0)),
                    records: Vec::new(),
                    changed: None,
                    usd_per_hour: 0.0,
                });
                Made::Dns(DnsId(w.dns.len() as u32 - 1))
            }
            (1, ComponentSpec::Alarm(a)) => {
                w.alarms.push(AlarmNode {
                    name: id.to_owned(),
                    source: MetricSource::Instance(InstanceId(0)),
                    metric: a.metric,
                    period: from_secs(a.period_s).max(SECOND),
                    alarm: Alarm::new(a),
                    stats: PeriodStats::new(),
                });
                Made::Alarm(AlarmId(w.alarms.len() as u32 - 1))
            }
            _ => return,
        };
        self.made.insert(id, made);
    }

    fn make_group(&mut self, id: &str, g: &GroupSpec) -> GroupId {
        let zones = g.zones.iter().map(|z| zone_of(self.design, self.region, z)).collect();
        let mut group = Group::new(id.to_owned(), zones, Template::resolve(&g.instance, self.prices));
        group.min = g.min;
        group.max = g.max.max(g.min);
        group.desired = g.desired.clamp(group.min, group.max);
        group.launch_time_s = g.launch_time_s;
        group.health_check_type = g.health_check_type;
        group.grace = from_secs(g.grace_period_s);
        group.warmup = from_secs(g.warmup_s.unwrap_or(g.cooldown_s));
        for policy in &g.policies {
            if let PolicySpec::TargetTracking { metric, target } = policy {
                group.trackers.push((TargetTracker::new(*metric, *target), PeriodStats::new()));
            }
        }
        self.world.groups.push(group);
        GroupId(self.world.groups.len() as u32 - 1)
    }

    /// Resolves connections, alarm sources and policy alarms.
    fn link(&mut self) {
        for connection in &self.design.connections {
            let (Some(&from), Some(&to)) =
                (self.made.get(connection.from.as_str()), self.made.get(connection.to.as_str()))
            else {
                continue;
            };
            self.connect(from, to);
        }
        for component in &self.design.components {
            match &component.spec {
                ComponentSpec::Alarm(a) => self.link_alarm(&component.id, &a.source),
                ComponentSpec::AutoScalingGroup(g) => self.link_policies(&component.id, g),
                _ => {}
            }
        }
    }

    fn connect(&mut self, from: Made, to: Made) {
        let w = &mut self.world;
        match (from, to) {
            (Made::Clients(c), Made::LoadBalancer(lb)) => {
                w.clients[c.index()].entry = Entry::LoadBalancer(lb)
            }
            (Made::Clients(c), Made::Instance(i)) => w.clients[c.index()].entry = Entry::Instance(i),
            (Made::Clients(c), Made::Cdn(cdn)) => w.clients[c.index()].entry = Entry::Cdn(cdn),
            (Made::Cdn(cdn), Made::LoadBalancer(lb)) => w.cdns[cdn.index()].next = Entry::LoadBalancer(lb),
            (Made::Cdn(cdn), Made::Instance(i)) => w.cdns[cdn.index()].next = Entry::Instance(i),
            (Made::Cdn(cdn), Made::Bucket(b)) => w.cdns[cdn.index()].origin = Some(b),
            (Made::Cdn(cdn), Made::Dns(d)) => w.cdns[cdn.index()].next = Entry::Dns(d),
            (Made::Clients(c), Made::Dns(d)) => w.clients[c.index()].entry = Entry::Dns(d),
            (Made::Dns(d), Made::LoadBalancer(lb)) => {
                let region =
                    w.lbs[lb.index()].nodes.first().map_or(RegionId(0), |n| w.zones[n.zone.index()].region);
                w.dns[d.index()].records.push(DnsRecord {
                    lb,
                    region,
                    healthy: true,
                    streak: 0,
                    answers: 0,
                    answers_last: 0,
                    answers_total: 0,
                });
            }
            (Made::LoadBalancer(lb), Made::Instance(i)) => w.initial_targets.push((lb, i)),
            (Made::LoadBalancer(lb), Made::Group(g)) => w.groups[g.index()].lbs.push(lb),
            (Made::Instance(i), Made::Queue(q)) => w.instances[i.index()].downstream.queue = Some(q),
            (Made::Group(g), Made::Queue(q)) => w.groups[g.index()].downstream.queue = Some(q),
            (Made::Queue(q), Made::Instance(i)) => w.instances[i.index()].consumes = Some(q),
            (Made::Queue(q), Made::Group(g)) => w.groups[g.index()].consumes = Some(q),
            (Made::Instance(i), Made::Database(db)) => w.instances[i.index()].downstream.db = Some(db),
            (Made::Group(g), Made::Database(db)) => w.groups[g.index()].downstream.db = Some(db),
            (Made::Instance(i), Made::Store(kv)) => w.instances[i.index()].downstream.kv = Some(kv),
            (Made::Group(g), Made::Store(kv)) => w.groups[g.index()].downstream.kv = Some(kv),
            _ => {}
        }
    }

    fn link_alarm(&mut self, alarm_id: &str, source: &str) {
        let (Some(Made::Alarm(alarm)), Some(made)) = (self.made.get(alarm_id), self.made.get(source)) else {
            return;
        };
        let source = match *made {
            Made::Instance(i) => MetricSource::Instance(i),
            Made::Group(g) => MetricSource::Group(g),
            Made::LoadBalancer(lb) => MetricSource::LoadBalancer(lb),
            Made::Queue(q) => MetricSource::Queue(q),
            Made::Database(db) => MetricSource::Database(db),
            _ => return,
        };
        self.world.alarms[alarm.index()].source = source;
    }

    fn link_policies(&mut self, group_id: &str, spec: &GroupSpec) {
        let Some(&Made::Group(group)) = self.made.get(group_id) else { return };
        let cooldown = from_secs(spec.cooldown_s);
        for policy in &spec.policies {
            let (alarm, action) = match policy {
                PolicySpec::Step { alarm, steps } => (alarm, Ok(StepPolicy::new(steps.clone()))),
                PolicySpec::Simple { alarm, change } => (alarm, Err(SimplePolicy::new(*change, cooldown))),
                PolicySpec::TargetTracking { .. } => continue,
            };
            let Some(&Made::Alarm(alarm)) = self.made.get(alarm.as_str()) else { continue };
            let g = &mut self.world.groups[group.index()];
            match action {
                Ok(step) => g.steps.push((alarm, step)),
                Err(simple) => g.simples.push((alarm, simple)),
            }
        }
    }

    /// Steady state at t = 0: groups at desired capacity, everyone registered and healthy,
    /// workers polling, traffic flowing, clocks ticking.
    fn start(&mut self) {
        let w = &mut self.world;
        for (lb, instance) in std::mem::take(&mut w.initial_targets) {
            w.register(lb, instance, true);
        }
        for index in 0..w.groups.len() {
            let group = GroupId(index as u32);
            for _ in 0..w.groups[index].desired {
                if w.launch(group, "initial capacity") {
                    let id = *w.groups[index].members.last().unwrap_or(&InstanceId(0));
                    w.instances[id.index()].lifecycle = super::instance::Lifecycle::InService;
                    w.instances[id.index()].in_service_at = Some(0);
                    for lb in w.groups[index].lbs.clone() {
                        w.register(lb, id, true);
                    }
                }
            }
            w.events.schedule(GROUP_CHECK_INTERVAL, Event::GroupCheck(group));
        }
        w.log = Default::default();
        for index in 0..w.instances.len() {
            w.poll_if_idle(InstanceId(index as u32));
        }
        for index in 0..w.clients.len() {
            w.schedule_arrival(ClientsId(index as u32));
        }
        let dns_prices = &self.prices.dns;
        for (index, dns) in w.dns.iter_mut().enumerate() {
            let fast = dns.interval < from_secs(30.0);
            dns.usd_per_hour = dns_prices.usd_per_hour(dns.records.len(), fast);
            w.events.schedule(dns.interval, Event::DnsCheck(DnsId(index as u32)));
        }
    }
}

/// Every user of every traffic source: the number of items a store keeps and of cookies.
fn total_users(design: &Design) -> u32 {
    design
        .components
        .iter()
        .filter_map(|c| if let ComponentSpec::Clients(c) = &c.spec { Some(c.users.max(1)) } else { None })
        .fold(0u32, u32::saturating_add)
}

/// A key-value store with its capacity, consistency, timings and price.
fn make_store(id: &str, spec: &KeyValueStoreSpec, items: u32, prices: &PriceTable) -> KvStore {
    let mut store = KvStore::new(id.to_owned(), items);
    store.read_capacity = spec.read_capacity.max(1);
    store.write_capacity = spec.write_capacity.max(1);
    store.consistent = spec.consistent_reads;
    store.lag = from_millis(spec.replication_lag_ms);
    store.latency = from_millis(spec.latency_ms).max(1);
    let kv = &prices.key_value_store;
    store.usd_per_hour = f64::from(store.read_capacity) * kv.usd_per_rcu_hour
        + f64::from(store.write_capacity) * kv.usd_per_wcu_hour;
    store
}

/// A CDN with its hit ratio, edge latency and price per request.
fn make_cdn(id: &str, spec: &CdnSpec, prices: &PriceTable) -> Cdn {
    let mut cdn = Cdn::new(id.to_owned());
    cdn.hit_ratio = spec.hit_ratio.clamp(0.0, 1.0);
    cdn.edge_latency = from_millis(spec.edge_latency_ms).max(1);
    cdn.usd_per_request = prices.cdn.per_request();
    cdn
}

/// A bucket serving 5,500 GETs per second per prefix.
fn make_bucket(id: &str, spec: &ObjectStorageSpec) -> Bucket {
    let rate = u64::from(spec.prefixes.max(1)) * u64::from(GETS_PER_PREFIX);
    Bucket::new(id.to_owned(), rate, from_millis(spec.latency_ms).max(1))
}

/// The world's zone of zone suffix `name` in region `region` (validation guarantees it
/// exists).
fn zone_of(design: &Design, region: usize, name: &str) -> ZoneId {
    ZoneId(design.global_zone(region, name).unwrap_or(0) as u32)
}

/// Every region's zones in one list, region after region.
fn zones(design: &Design) -> Vec<Zone> {
    let mut out = Vec::new();
    for (index, region) in design.regions.iter().enumerate() {
        let id = RegionId(index as u32);
        out.extend(region.zones.iter().map(|z| Zone::new(design.zone_name(index, z), id)));
    }
    out
}

/// Each region with its range of the zone list.
fn regions(design: &Design) -> Vec<RegionState> {
    let mut start = 0u32;
    let mut out = Vec::new();
    for region in &design.regions {
        let end = start + region.zones.len() as u32;
        out.push(RegionState { name: region.name.clone(), zones: start..end, lost: false });
        start = end;
    }
    out
}
