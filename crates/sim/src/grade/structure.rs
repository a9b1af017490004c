//! The design as a graph: which components are on a request path, which single
//! components and which zones cut every path to some data store, and how much capacity
//! each tier keeps when a zone is lost.
//!
//! ```text
//! clients ─▶ lb ─▶ web ─┬─▶ queue ─▶ workers ─▶ db      sinks: components with no
//!                       └────────────────────▶ db      onward link (here db)
//! ```
//! A component (or zone) is a single point of failure when losing it leaves some sink
//! that clients reached before unreachable (or is itself such a sink).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::design::{Component, ComponentSpec, Design, Role};
use crate::price_table::PriceTable;

/// Highest utilisation at which the survivors of a zone loss still "carry the load".
pub const MAX_UTILISATION_AFTER_ZONE_LOSS: f64 = 0.9;

/// One component on a request path that serves work: its members and zones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tier {
    /// The component's id.
    pub id: String,
    /// Its kind, as in design files (`auto_scaling_group`, `database`, …).
    pub kind: String,
    /// Members that fail independently: instances at desired capacity, load-balancer
    /// nodes, database primary plus standby; a queue counts as a regional service (2).
    pub members: u32,
    /// Zones it spans, sorted.
    pub zones: Vec<String>,
    /// Work arriving at it at the clients' peak rate [per s].
    pub load: f64,
    /// What it can serve with every member up [per s]; 0 for managed services (load
    /// balancer, queue), which scale by themselves.
    pub capacity: f64,
}

/// Servers that share the same sender (a load balancer, a queue or the clients): they
/// stand in for each other, so their zones and capacity count together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Layer {
    /// The sender they share.
    pub sender: String,
    /// Ids of the instances and groups in it, design order.
    pub members: Vec<String>,
    /// Zones the members span, sorted.
    pub zones: Vec<String>,
    /// Work arriving at the layer at the clients' peak rate [per s].
    pub load: f64,
    /// What the layer serves with every member up [per s].
    pub capacity: f64,
    /// What it still serves after losing its worst zone [per s]; a worker group behind a
    /// queue counts the maximum it may scale to in the surviving zones.
    pub capacity_after_zone_loss: f64,
    /// The zone whose loss leaves the least capacity.
    pub worst_zone: Option<String>,
}

impl Layer {
    /// The survivors of the worst zone's loss carry the load at ≤ 90 % utilisation.
    pub fn survives_zone_loss(&self) -> bool {
        self.load <= self.capacity_after_zone_loss * MAX_UTILISATION_AFTER_ZONE_LOSS
    }
}

/// The structural facts of a design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Structure {
    /// Ids of components on a request path (reached from clients), design order.
    pub on_path: Vec<String>,
    /// Ids of components that serve nothing (not reached from clients; alarms excluded).
    pub off_path: Vec<String>,
    /// Components on a path that serve work, design order.
    pub tiers: Vec<Tier>,
    /// Servers grouped by the sender they share, sender design order.
    pub layers: Vec<Layer>,
    /// Components whose loss cuts every path to some sink, design order.
    pub single_points: Vec<String>,
    /// Zones whose loss cuts every path to some sink, region order.
    pub zone_single_points: Vec<String>,
}

impl Structure {
    /// Analyses a design's graph.
    pub fn analyse(design: &Design) -> Structure {
        let graph = Graph::of(design);
        let reached = graph.reach(&BTreeSet::new());
        let served: Vec<&Component> =
            design.components.iter().filter(|c| !matches!(c.spec, ComponentSpec::Alarm(_))).collect();
        let on_path: Vec<String> =
            served.iter().filter(|c| reached.contains(&c.id)).map(|c| c.id.clone()).collect();
        let off_path = served.iter().filter(|c| !reached.contains(&c.id)).map(|c| c.id.clone()).collect();
        let loads = loads(design, &on_path);
        let tiers: Vec<Tier> = design
            .components
            .iter()
            .filter(|c| on_path.contains(&c.id))
            .filter_map(|c| tier(design, c, loads.get(&c.id).copied().unwrap_or(0.0)))
            .collect();
        let sinks = graph.sinks(&reached);
        let cuts = |removed: &BTreeSet<String>| {
            let now = graph.reach(removed);
            sinks.iter().any(|s| !now.contains(s))
        };
        let single_points = tiers
            .iter()
            .filter(|t| t.members < 2 && cuts(&BTreeSet::from([t.id.clone()])))
            .map(|t| t.id.clone())
            .collect();
        let zone_single_points = design
            .region()
            .zones
            .iter()
            .filter(|z| cuts(&lost_with_zone(design, &on_path, z)))
            .cloned()
            .collect();
        let layers = layers(design, &on_path, &tiers);
        Structure { on_path, off_path, tiers, layers, single_points, zone_single_points }
    }

    /// Whether a component is on a request path.
    pub fn is_on_path(&self, id: &str) -> bool {
        self.on_path.iter().any(|p| p == id)
    }

    /// The tier of a component, if it is one on a path.
    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.id == id)
    }
}

/// Adjacency of the design without alarms.
struct Graph<'a> {
    clients: Vec<&'a str>,
    edges: BTreeMap<&'a str, Vec<&'a str>>,
}

impl<'a> Graph<'a> {
    fn of(design: &'a Design) -> Graph<'a> {
        let clients = design
            .components
            .iter()
            .filter(|c| matches!(c.spec, ComponentSpec::Clients(_)))
            .map(|c| c.id.as_str())
            .collect();
        let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for link in &design.connections {
            edges.entry(link.from.as_str()).or_default().push(link.to.as_str());
        }
        Graph { clients, edges }
    }

    /// Components reached from the clients without passing through `removed`.
    fn reach(&self, removed: &BTreeSet<String>) -> BTreeSet<String> {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut stack: Vec<&str> = self.clients.clone();
        while let Some(id) = stack.pop() {
            if removed.contains(id) || !seen.insert(id.to_owned()) {
                continue;
            }
            stack.extend(self.edges.get(id).into_iter().flatten().copied());
        }
        seen
    }

    /// Reached components with no onward link to a reached component.
    fn sinks(&self, reached: &BTreeSet<String>) -> Vec<String> {
        reached
            .iter()
            .filter(|id| !self.clients.contains(&id.as_str()))
            .filter(|id| {
                self.edges.get(id.as_str()).is_none_or(|to| to.iter().all(|t| !reached.contains(*t)))
            })
            .cloned()
            .collect()
    }
}

/// Components on a path that stop serving when `zone` loses power: instances in it,
/// groups and load balancers only in it, databases whose primary is in it without a
/// standby elsewhere.
pub fn lost_with_zone(design: &Design, on_path: &[String], zone: &str) -> BTreeSet<String> {
    let only_in = |zones: &[String]| zones.iter().all(|z| z == zone);
    design
        .components
        .iter()
        .filter(|c| on_path.contains(&c.id))
        .filter(|c| match &c.spec {
            ComponentSpec::Instance(i) => i.zone == zone,
            ComponentSpec::AutoScalingGroup(g) => only_in(&g.zones),
            ComponentSpec::LoadBalancer(lb) => only_in(&lb.zones),
            ComponentSpec::Database(db) => {
                db.zone == zone && db.standby_zone.as_deref().is_none_or(|s| s == zone)
            }
            _ => false,
        })
        .map(|c| c.id.clone())
        .collect()
}

/// Work arriving at each component at the clients' peak rate [per s]: load balancers
/// split evenly over their targets, every request queries its web server's database,
/// every write sends one message to its queue, every message one query; a CDN sends on
/// the dynamic share and its origin the static misses.
fn loads(design: &Design, on_path: &[String]) -> BTreeMap<String, f64> {
    let mut load: BTreeMap<String, f64> = BTreeMap::new();
    // The graph is layered and at most 6 links deep (clients → cdn → lb → web → queue →
    // worker → db), so 7 passes of "each load from the last pass's" settle every load.
    let (mut write_fraction, mut static_fraction) = (0.2, 0.0);
    for c in &design.components {
        if let ComponentSpec::Clients(clients) = &c.spec {
            *load.entry(c.id.clone()).or_default() += clients.profile.peak_rate();
            write_fraction = 1.0 - clients.read_fraction;
            static_fraction = clients.static_fraction;
        }
    }
    for _ in 0..7 {
        let mut next: BTreeMap<String, f64> =
            load.iter().filter(|(id, _)| is_clients(design, id)).map(|(k, v)| (k.clone(), *v)).collect();
        for c in design.components.iter().filter(|c| on_path.contains(&c.id)) {
            let incoming = load.get(&c.id).copied().unwrap_or(0.0);
            let targets: Vec<&str> = design.targets_of(&c.id).collect();
            for t in &targets {
                let share = match (&c.spec, design.component(t).map(|x| &x.spec)) {
                    (ComponentSpec::Clients(_) | ComponentSpec::LoadBalancer(_), _) => {
                        incoming / targets.len() as f64
                    }
                    (_, Some(ComponentSpec::Queue(_))) => incoming * write_fraction,
                    (ComponentSpec::Queue(_), _) => incoming / targets.len() as f64,
                    (ComponentSpec::Cdn(cdn), Some(ComponentSpec::ObjectStorage(_))) => {
                        incoming * static_fraction * (1.0 - cdn.hit_ratio)
                    }
                    (ComponentSpec::Cdn(cdn), _) => {
                        let has_origin = design.targets_of(&c.id).any(|o| {
                            design
                                .component(o)
                                .is_some_and(|o| matches!(o.spec, ComponentSpec::ObjectStorage(_)))
                        });
                        let kept = if has_origin { 1.0 } else { cdn.hit_ratio };
                        incoming * (1.0 - static_fraction * kept)
                    }
                    _ => incoming,
                };
                *next.entry((*t).to_owned()).or_default() += share;
            }
        }
        load = next;
    }
    load
}

fn is_clients(design: &Design, id: &str) -> bool {
    design.component(id).is_some_and(|c| matches!(c.spec, ComponentSpec::Clients(_)))
}

/// The tier facts of one serving component; `None` for clients and alarms.
fn tier(design: &Design, c: &Component, load: f64) -> Option<Tier> {
    let sorted = |zones: Vec<String>| -> Vec<String> {
        zones.into_iter().collect::<BTreeSet<_>>().into_iter().collect()
    };
    let (members, zones, capacity) = match &c.spec {
        ComponentSpec::Clients(_) | ComponentSpec::Alarm(_) => return None,
        // Route 53 answers from a global fleet of name servers: nothing to lose.
        ComponentSpec::Dns(_) => (2, design.region().zones.clone(), 0.0),
        ComponentSpec::Instance(i) => (
            1,
            vec![i.zone.clone()],
            per_instance(&i.template.size, i.template.slots, i.template.service.mean_ms),
        ),
        ComponentSpec::AutoScalingGroup(g) => {
            let desired = g.desired.max(g.min);
            let each = per_instance(&g.instance.size, g.instance.slots, g.instance.service.mean_ms);
            (desired, g.zones.clone(), each * f64::from(desired))
        }
        ComponentSpec::LoadBalancer(lb) => (lb.zones.len() as u32, lb.zones.clone(), 0.0),
        // SQS stores every message in several zones of the region: no member to lose.
        ComponentSpec::Queue(_) => (2, design.region().zones.clone(), 0.0),
        // DynamoDB replicates every table across three zones of the region: a zone's loss
        // leaves it answering, so it has no member to lose either.
        ComponentSpec::KeyValueStore(_) => (3, design.region().zones.clone(), 0.0),
        // S3 stores every object in at least three zones of the region, and a CDN answers
        // from hundreds of edge locations: neither has a member a zone's loss can take.
        ComponentSpec::ObjectStorage(_) | ComponentSpec::Cdn(_) => (3, design.region().zones.clone(), 0.0),
        ComponentSpec::Database(db) => {
            let mut zones = vec![db.zone.clone()];
            zones.extend(db.standby_zone.clone());
            let members = 1 + u32::from(db.standby_zone.is_some());
            (members, zones, f64::from(db.slots.max(1)) * 1000.0 / db.query_ms.max(1e-3))
        }
    };
    Some(Tier {
        id: c.id.clone(),
        kind: c.spec.kind_name().to_owned(),
        members,
        zones: sorted(zones),
        load,
        capacity,
    })
}

/// The layers of servers, one per sender of servers on a path.
fn layers(design: &Design, on_path: &[String], tiers: &[Tier]) -> Vec<Layer> {
    let mut out = Vec::new();
    for sender in design.components.iter().filter(|c| on_path.contains(&c.id)) {
        let members: Vec<&Component> = design
            .targets_of(&sender.id)
            .filter_map(|t| design.component(t))
            .filter(|c| matches!(c.spec, ComponentSpec::Instance(_) | ComponentSpec::AutoScalingGroup(_)))
            .collect();
        if members.is_empty() {
            continue;
        }
        let member_tiers: Vec<&Tier> =
            members.iter().filter_map(|m| tiers.iter().find(|t| t.id == m.id)).collect();
        let zones: Vec<String> = member_tiers
            .iter()
            .flat_map(|t| t.zones.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut worst: Option<(f64, String)> = None;
        for zone in &design.region().zones {
            let left: f64 = members.iter().map(|m| surviving_capacity(m, zone)).sum();
            if worst.as_ref().is_none_or(|(w, _)| left < *w) {
                worst = Some((left, zone.clone()));
            }
        }
        out.push(Layer {
            sender: sender.id.clone(),
            members: members.iter().map(|m| m.id.clone()).collect(),
            zones,
            load: member_tiers.iter().map(|t| t.load).sum(),
            capacity: member_tiers.iter().map(|t| t.capacity).sum(),
            capacity_after_zone_loss: worst.as_ref().map_or(0.0, |w| w.0),
            worst_zone: worst.map(|w| w.1),
        });
    }
    out
}

/// Capacity of one server after `zone` is lost [per s].
fn surviving_capacity(c: &Component, zone: &str) -> f64 {
    match &c.spec {
        ComponentSpec::Instance(i) if i.zone != zone => {
            per_instance(&i.template.size, i.template.slots, i.template.service.mean_ms)
        }
        ComponentSpec::AutoScalingGroup(g) => {
            let each = per_instance(&g.instance.size, g.instance.slots, g.instance.service.mean_ms);
            let zones: BTreeSet<&String> = g.zones.iter().collect();
            let left = zones.iter().filter(|z| **z != zone).count() as u32;
            let desired = g.desired.max(g.min);
            let in_zone = if zones.iter().any(|z| *z == zone) {
                desired.div_ceil(zones.len().max(1) as u32)
            } else {
                0
            };
            let survivors = if left == 0 {
                0
            } else if g.instance.role == Role::Worker {
                // Behind a queue the backlog waits while the group scales up to its max.
                g.max
            } else {
                desired - in_zone.min(desired)
            };
            each * f64::from(survivors)
        }
        _ => 0.0,
    }
}

/// Requests (or messages) one instance serves per second at full utilisation.
fn per_instance(size: &str, slots: Option<u32>, mean_ms: f64) -> f64 {
    let slots = slots.or_else(|| PriceTable::standard().instance(size).map(|k| k.slots)).unwrap_or(1);
    f64::from(slots) * 1000.0 / mean_ms.max(1e-3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{Connection, reference};

    fn link(design: &mut Design, from: &str, to: &str) {
        design.connections.push(Connection { from: from.to_owned(), to: to.to_owned() });
    }

    #[test]
    fn one_server_has_two_single_points_and_one_fatal_zone() {
        let s = Structure::analyse(&reference::single_server());
        assert_eq!(s.single_points, ["web-1", "db-1"]);
        assert_eq!(s.zone_single_points, ["a"]);
        assert_eq!(s.on_path, ["clients", "web-1", "db-1"]);
        assert!(s.off_path.is_empty());
    }

    #[test]
    fn two_servers_leave_only_the_database_single() {
        let s = Structure::analyse(&reference::by_name("two-servers").expect("shipped"));
        assert_eq!(s.single_points, ["db-1"]);
        // Both servers and the database live in zone a: losing it cuts every path.
        assert_eq!(s.zone_single_points, ["a"]);
        let layer = &s.layers[0];
        assert_eq!((layer.sender.as_str(), layer.members.len()), ("lb-1", 2));
        assert!(!layer.survives_zone_loss(), "{layer:?}");
    }

    #[test]
    fn two_zones_with_a_standby_have_no_single_point_and_carry_a_zone_loss() {
        let s = Structure::analyse(&reference::by_name("two-zones").expect("shipped"));
        assert!(s.single_points.is_empty(), "{:?}", s.single_points);
        assert!(s.zone_single_points.is_empty(), "{:?}", s.zone_single_points);
        assert!(s.layers.iter().all(Layer::survives_zone_loss), "{:?}", s.layers);
    }

    #[test]
    fn a_zone_holding_every_server_cuts_every_path_even_with_a_standby_elsewhere() {
        let mut design = reference::by_name("two-zones").expect("shipped");
        for c in &mut design.components {
            if let ComponentSpec::Instance(i) = &mut c.spec {
                i.zone = "b".to_owned();
            }
        }
        let s = Structure::analyse(&design);
        assert_eq!(s.zone_single_points, ["b"]);
        assert!(s.single_points.is_empty(), "two servers, Multi-AZ database: {:?}", s.single_points);
    }

    #[test]
    fn an_unconnected_standby_is_off_path_and_changes_nothing() {
        let mut design = reference::single_server();
        let mut spare = design.component("web-1").expect("web-1").clone();
        spare.id = "web-spare".to_owned();
        design.components.push(spare);
        let s = Structure::analyse(&design);
        assert_eq!(s.off_path, ["web-spare"]);
        assert_eq!(s.single_points, ["web-1", "db-1"], "the spare takes over nothing");
        // Connected behind the same sender… there is none: clients send to one server.
        link(&mut design, "web-spare", "db-1");
        let s = Structure::analyse(&design);
        assert_eq!(s.off_path, ["web-spare"], "sending to the database is not being on a path");
    }

    #[test]
    fn loads_follow_the_three_tier_paths() {
        let s = Structure::analyse(&reference::three_tier());
        let load = |id: &str| s.tier(id).map(|t| t.load).unwrap_or(f64::NAN);
        assert!((load("web") - 1000.0).abs() < 1e-9);
        // 20 % writes each send one message; every request and message queries the database.
        assert!((load("jobs") - 200.0).abs() < 1e-9);
        assert!((load("workers") - 200.0).abs() < 1e-9);
        assert!((load("db") - 1200.0).abs() < 1e-9);
        assert!(s.single_points.is_empty() && s.zone_single_points.is_empty());
    }
}
