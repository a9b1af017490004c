//! What a design costs to run, straight from the price table, before any simulation.
//!
//! The editor shows this live as the learner edits; the simulation's own running cost
//! ([`crate::World::cost_rate`]) uses the same prices and the same way of billing queue
//! requests, so the two agree on a design in steady state.

use serde::Serialize;

use super::{ComponentSpec, Design, GroupSpec, RateProfile};
use crate::price_table::PriceTable;

/// Hours in the month used for monthly figures (AWS's own convention: 8,760 h / 12) [h].
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Queue requests one message costs: SendMessage, its delivery and DeleteMessage. Like the
/// simulation, Nines bills each message once per call (no batching).
const REQUESTS_PER_MESSAGE: f64 = 3.0;

/// The hourly and monthly cost of a design, component by component.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostBreakdown {
    /// `(component id, cost [USD/hour])` for every component that costs money (instances,
    /// groups at desired capacity, load balancers, queues, databases), in design order.
    /// Clients and alarms cost nothing and are left out.
    pub per_component: Vec<(String, f64)>,
    /// The whole design with every group at its desired capacity [USD/hour].
    pub usd_per_hour: f64,
    /// [`CostBreakdown::usd_per_hour`] over [`HOURS_PER_MONTH`] hours [USD/month].
    pub usd_per_month: f64,
    /// The whole design with every group at its minimum size [USD/hour].
    pub min_usd_per_hour: f64,
    /// The whole design with every group at its maximum size [USD/hour].
    pub max_usd_per_hour: f64,
    /// Ids of components whose size is not in the price table; they are counted as free.
    pub unpriced: Vec<String>,
}

/// Which size every auto-scaling group is priced at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Capacity {
    Min,
    Desired,
    Max,
}

/// The cost of `design` with the price table shipped with Nines. Never panics: unknown sizes
/// cost nothing (and are listed in [`CostBreakdown::unpriced`]), negative or non-finite
/// rates count as no traffic.
///
/// - **Instances**: the hourly price of their size; a group costs that times its desired
///   capacity (also reported at min and max).
/// - **Load balancers**: a flat hourly price (capacity units are not modelled).
/// - **Databases**: the class price, times the Multi-AZ factor with a standby, plus one
///   class price per read replica.
/// - **Queues**: requests are estimated from the traffic, at the rate each clients profile
///   settles at (constant: its rate; ramp: its end rate; spike: its base; daily cycle: its
///   mean; steps: the last step). A write that reaches a web instance or group linked to
///   the queue sends one message; a load balancer shares requests among its targets in
///   proportion to their instances (a group counts its capacity). Each message is three
///   requests (send, receive, delete), as the simulation bills them. On top, each
///   consumer instance is counted as one empty receive per long-poll wait
///   (`receive_wait_s`; one a second when short polling), which is what an idle consumer
///   costs: an upper bound, and at most 0.18 requests per second per consumer with the
///   default 20 s wait, so negligible beside busy traffic.
/// - **CDNs**: every request the clients send through one, at the settled rate, at the
///   price of a request (data transfer out is charged nowhere in Nines, as for servers). Static requests are reads, so
///   only the dynamic share of writes reaches the servers behind it.
/// - **Object storage**: the GETs of the CDNs whose origin it is: static requests times
///   the miss ratio (1 − hit ratio).
pub fn hourly_cost(design: &Design) -> CostBreakdown {
    hourly_cost_with(design, PriceTable::standard())
}

/// [`hourly_cost`] with another price table (tests, what-if prices).
pub fn hourly_cost_with(design: &Design, prices: &PriceTable) -> CostBreakdown {
    let messages = messages_per_second(design);
    let pricer = Pricer { design, prices, messages: &messages };
    let per_component: Vec<(String, f64)> = design
        .components
        .iter()
        .filter_map(|c| pricer.component(c, Capacity::Desired).map(|usd| (c.id.clone(), usd)))
        .collect();
    let usd_per_hour = per_component.iter().map(|(_, usd)| usd).sum();
    let total =
        |capacity| design.components.iter().filter_map(|c| pricer.component(c, capacity)).sum::<f64>();
    CostBreakdown {
        per_component,
        usd_per_hour,
        usd_per_month: usd_per_hour * HOURS_PER_MONTH,
        min_usd_per_hour: total(Capacity::Min),
        max_usd_per_hour: total(Capacity::Max),
        unpriced: unpriced(design, prices),
    }
}

/// What prices a component needs: the design (for links), the table and the queue traffic.
struct Pricer<'a> {
    design: &'a Design,
    prices: &'a PriceTable,
    /// Messages sent to each queue [messages/s], by queue id.
    messages: &'a [(String, f64)],
}

impl Pricer<'_> {
    /// The component's cost [USD/hour], or `None` for components that are never billed.
    fn component(&self, component: &super::Component, capacity: Capacity) -> Option<f64> {
        let prices = self.prices;
        let instance_price = |size: &str| prices.instance(size).map_or(0.0, |c| c.usd_per_hour);
        match &component.spec {
            ComponentSpec::Instance(spec) => Some(instance_price(&spec.template.size)),
            ComponentSpec::AutoScalingGroup(spec) => {
                Some(instance_price(&spec.instance.size) * f64::from(size_at(spec, capacity)))
            }
            ComponentSpec::LoadBalancer(_) => Some(prices.load_balancer_usd_per_hour),
            ComponentSpec::Database(spec) => {
                let class = prices.database(&spec.size).map_or(0.0, |c| c.usd_per_hour);
                let primary =
                    if spec.standby_zone.is_some() { class * prices.multi_az_factor } else { class };
                Some(primary + class * spec.read_replicas.len() as f64)
            }
            ComponentSpec::Queue(spec) => {
                let sent = self.messages.iter().find(|(id, _)| *id == component.id).map_or(0.0, |(_, m)| *m);
                let empty_per_consumer =
                    if spec.receive_wait_s > 0.0 { 1.0 / spec.receive_wait_s } else { 1.0 };
                let consumers = self.consumers(&component.id, capacity);
                let requests_per_s = sent * REQUESTS_PER_MESSAGE + consumers * empty_per_consumer;
                Some(finite(requests_per_s * 3600.0 / 1e6 * prices.queue_usd_per_million_requests))
            }
            // Provisioned capacity is billed per unit-hour, whatever is used.
            ComponentSpec::KeyValueStore(spec) => {
                let kv = &prices.key_value_store;
                Some(
                    f64::from(spec.read_capacity) * kv.usd_per_rcu_hour
                        + f64::from(spec.write_capacity) * kv.usd_per_wcu_hour,
                )
            }
            ComponentSpec::Cdn(_) => {
                let (rate, _) = cdn_traffic(self.design, &component.id);
                Some(finite(rate * 3600.0 * prices.cdn.per_request()))
            }
            ComponentSpec::ObjectStorage(_) => {
                let gets: f64 = self
                    .design
                    .sources_of(&component.id)
                    .filter_map(|id| self.design.component(id))
                    .filter_map(|c| match &c.spec {
                        ComponentSpec::Cdn(cdn) => {
                            let (_, statics) = cdn_traffic(self.design, &c.id);
                            Some(statics * (1.0 - finite(cdn.hit_ratio).clamp(0.0, 1.0)))
                        }
                        _ => None,
                    })
                    .sum();
                Some(finite(gets * 3600.0 / 1000.0 * prices.object_storage.usd_per_1k_gets))
            }
            ComponentSpec::Dns(spec) => {
                let records = self.design.targets_of(&component.id).count();
                Some(prices.dns.usd_per_hour(records, spec.fast_health_checks))
            }
            ComponentSpec::Clients(_) | ComponentSpec::Alarm(_) => None,
        }
    }

    /// Instances consuming the queue `id`: its worker instances and groups' capacity.
    fn consumers(&self, id: &str, capacity: Capacity) -> f64 {
        self.design
            .targets_of(id)
            .filter_map(|target| self.design.component(target))
            .map(|c| match &c.spec {
                ComponentSpec::Instance(_) => 1.0,
                ComponentSpec::AutoScalingGroup(g) => f64::from(size_at(g, capacity)),
                _ => 0.0,
            })
            .sum()
    }
}

/// A group's instance count at `capacity`, clamped as the simulation clamps it.
fn size_at(group: &GroupSpec, capacity: Capacity) -> u32 {
    let max = group.max.max(group.min);
    match capacity {
        Capacity::Min => group.min,
        Capacity::Desired => group.desired.clamp(group.min, max),
        Capacity::Max => max,
    }
}

/// Messages each queue receives in steady state [messages/s], as `(queue id, rate)`.
fn messages_per_second(design: &Design) -> Vec<(String, f64)> {
    let mut rates: Vec<(String, f64)> = Vec::new();
    for component in &design.components {
        let ComponentSpec::Clients(clients) = &component.spec else { continue };
        let rate = finite(settled_rate(&clients.profile)).max(0.0);
        let mut writes = rate * (1.0 - finite(clients.read_fraction).clamp(0.0, 1.0));
        if entry_is_cdn(design, &component.id) {
            writes *= 1.0 - finite(clients.static_fraction).clamp(0.0, 1.0);
        }
        for (web, share) in web_shares(design, &component.id) {
            // A web tier sends to the last queue it is linked to, as the simulation does.
            let queue = design.targets_of(web).filter(|t| is_queue(design, t)).last();
            if let Some(queue) = queue {
                match rates.iter_mut().find(|(id, _)| id == queue) {
                    Some((_, sum)) => *sum += writes * share,
                    None => rates.push((queue.to_owned(), writes * share)),
                }
            }
        }
    }
    rates
}

/// The web instances and groups a clients component's requests reach, with the share of
/// requests each gets. Clients send to their last linked load balancer or instance.
fn web_shares<'a>(design: &'a Design, clients: &'a str) -> Vec<(&'a str, f64)> {
    let mut entry = design.targets_of(clients).filter_map(|t| design.component(t)).last();
    // A CDN forwards to its last linked load balancer or instance, as the simulation does.
    if let Some(cdn) = entry.filter(|c| matches!(c.spec, ComponentSpec::Cdn(_))) {
        entry = design
            .targets_of(&cdn.id)
            .filter_map(|t| design.component(t))
            .filter(|c| matches!(c.spec, ComponentSpec::LoadBalancer(_) | ComponentSpec::Instance(_)))
            .last();
    }
    match entry.map(|c| &c.spec) {
        Some(ComponentSpec::Instance(_)) => entry.map(|c| vec![(c.id.as_str(), 1.0)]).unwrap_or_default(),
        Some(ComponentSpec::LoadBalancer(_)) => {
            let weighted: Vec<(&str, f64)> = design
                .targets_of(entry.map_or("", |c| c.id.as_str()))
                .filter_map(|t| design.component(t))
                .filter_map(|c| match &c.spec {
                    ComponentSpec::Instance(_) => Some((c.id.as_str(), 1.0)),
                    ComponentSpec::AutoScalingGroup(g) => {
                        Some((c.id.as_str(), f64::from(size_at(g, Capacity::Desired))))
                    }
                    _ => None,
                })
                .collect();
            let total: f64 = weighted.iter().map(|(_, w)| w).sum();
            if total > 0.0 {
                weighted.into_iter().map(|(id, w)| (id, w / total)).collect()
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// Whether the clients' entry point (their last link) is a CDN.
fn entry_is_cdn(design: &Design, clients: &str) -> bool {
    let entry = design.targets_of(clients).filter_map(|t| design.component(t)).last();
    entry.is_some_and(|c| matches!(c.spec, ComponentSpec::Cdn(_)))
}

/// Requests reaching a CDN at the settled rates, and the static ones among them
/// [requests/s]: from every clients component whose entry point it is.
fn cdn_traffic(design: &Design, cdn: &str) -> (f64, f64) {
    let (mut all, mut statics) = (0.0, 0.0);
    for c in design.sources_of(cdn).filter_map(|id| design.component(id)) {
        let ComponentSpec::Clients(clients) = &c.spec else { continue };
        let entry = design.targets_of(&c.id).last();
        if entry != Some(cdn) {
            continue;
        }
        let rate = finite(settled_rate(&clients.profile)).max(0.0);
        all += rate;
        statics += rate * finite(clients.static_fraction).clamp(0.0, 1.0);
    }
    (all, statics)
}

fn is_queue(design: &Design, id: &str) -> bool {
    design.component(id).is_some_and(|c| matches!(c.spec, ComponentSpec::Queue(_)))
}

/// The rate a profile settles at: its long-run average [requests/s].
fn settled_rate(profile: &RateProfile) -> f64 {
    match profile {
        RateProfile::Constant { rate } => *rate,
        RateProfile::Ramp { to, .. } => *to,
        RateProfile::Spike { base, .. } => *base,
        RateProfile::Daily { mean, .. } => *mean,
        // The latest step holds for ever; of steps at the same time the last one wins.
        RateProfile::Steps { steps } => {
            steps.iter().max_by(|a, b| a.at_s.total_cmp(&b.at_s)).map_or(0.0, |s| s.rate)
        }
    }
}

/// `x`, or 0 when it is NaN or infinite: a broken number must not poison the total.
fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

fn unpriced(design: &Design, prices: &PriceTable) -> Vec<String> {
    let known = |c: &super::Component| match &c.spec {
        ComponentSpec::Instance(spec) => prices.instance(&spec.template.size).is_some(),
        ComponentSpec::AutoScalingGroup(spec) => prices.instance(&spec.instance.size).is_some(),
        ComponentSpec::Database(spec) => prices.database(&spec.size).is_some(),
        _ => true,
    };
    design.components.iter().filter(|c| !known(c)).map(|c| c.id.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::reference;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn cost_of<'a>(breakdown: &'a CostBreakdown, id: &str) -> Option<&'a f64> {
        breakdown.per_component.iter().find(|(c, _)| c == id).map(|(_, usd)| usd)
    }

    #[test]
    fn single_server_is_one_small_instance_and_one_single_az_database() {
        let cost = hourly_cost(&reference::single_server());
        // web-1: t3.small 0.0208; db-1: db.t3.medium 0.068, single-AZ.
        assert_eq!(cost.per_component.len(), 2, "{cost:?}");
        assert!(close(*cost_of(&cost, "web-1").unwrap(), 0.0208));
        assert!(close(*cost_of(&cost, "db-1").unwrap(), 0.068));
        assert!(close(cost.usd_per_hour, 0.0888), "{cost:?}");
        assert!(close(cost.usd_per_month, 0.0888 * 730.0));
        assert!(close(cost.min_usd_per_hour, 0.0888) && close(cost.max_usd_per_hour, 0.0888));
        assert!(cost.unpriced.is_empty());
    }

    #[test]
    fn three_tier_by_hand() {
        let cost = hourly_cost(&reference::three_tier());
        // lb-1 0.0225; web 4 × m5.large 0.096; db db.m5.large 0.171 × Multi-AZ 2.
        assert!(close(*cost_of(&cost, "lb-1").unwrap(), 0.0225));
        assert!(close(*cost_of(&cost, "web").unwrap(), 0.384));
        assert!(close(*cost_of(&cost, "workers").unwrap(), 0.192));
        assert!(close(*cost_of(&cost, "db").unwrap(), 0.342));
        // jobs: 1000 req/s × 20 % writes = 200 messages/s × 3 requests = 600 requests/s,
        // plus 2 idle workers × 1/20 s = 0.1 → 600.1 × 3600 / 1e6 × 0.40 = 0.864144.
        assert!(close(*cost_of(&cost, "jobs").unwrap(), 0.864144), "{cost:?}");
        assert_eq!(cost_of(&cost, "clients"), None);
        assert_eq!(cost_of(&cost, "jobs-age"), None);
        assert!(close(cost.usd_per_hour, 1.804644), "{cost:?}");
        assert!(close(cost.usd_per_month, 1.804644 * 730.0));
        // min = desired for both groups; max: web 12, workers 10 (queue 600.5 requests/s).
        assert!(close(cost.min_usd_per_hour, 1.804644));
        assert!(close(cost.max_usd_per_hour, 0.0225 + 1.152 + 0.86472 + 0.96 + 0.342), "{cost:?}");
    }

    #[test]
    fn mmc_is_one_instance() {
        let cost = hourly_cost(&reference::mmc(2, 0.9, 100.0));
        assert_eq!(cost.per_component, vec![("server".to_owned(), 0.096)]);
        assert!(close(cost.usd_per_hour, 0.096));
    }

    #[test]
    fn the_estimate_agrees_with_what_a_run_costs() {
        for (name, design) in reference::all() {
            let mut world = crate::World::new(&design).unwrap();
            world.run_for(120 * crate::time::SECOND);
            let (estimate, simulated) = (hourly_cost(&design).usd_per_hour, world.cost_rate());
            assert!((estimate - simulated).abs() <= 0.02 * simulated, "{name}: {estimate} vs {simulated}");
        }
    }

    #[test]
    fn read_replicas_cost_one_class_each() {
        let mut design = reference::three_tier();
        for c in &mut design.components {
            if let ComponentSpec::Database(db) = &mut c.spec {
                db.read_replicas = vec!["b".to_owned(), "c".to_owned()];
            }
        }
        // 0.171 × 2 (Multi-AZ) + 2 × 0.171.
        assert!(close(*cost_of(&hourly_cost(&design), "db").unwrap(), 0.684));
    }

    #[test]
    fn queue_traffic_follows_the_load_balancer_shares() {
        let mut design = reference::three_tier();
        // A second web tier of 4 standalone-equivalent instances without a queue link halves
        // the messages: give the load balancer a plain instance next to the 4-instance group.
        let web = design.component("web").cloned().unwrap();
        let ComponentSpec::AutoScalingGroup(group) = &web.spec else { unreachable!() };
        let instance = crate::design::InstanceSpec { zone: "a".to_owned(), template: group.instance.clone() };
        design.components.push(crate::design::Component {
            id: "web-extra".to_owned(),
            position: None,
            region: None,
            spec: ComponentSpec::Instance(instance),
        });
        design.connections.push(crate::design::Connection { from: "lb-1".into(), to: "web-extra".into() });
        // The group gets 4/5 of 200 writes/s = 160 messages/s → 480.1 requests/s.
        let jobs = *cost_of(&hourly_cost(&design), "jobs").unwrap();
        assert!(close(jobs, 480.1 * 3600.0 / 1e6 * 0.40), "{jobs}");
    }

    #[test]
    fn settled_rates_of_every_profile_shape() {
        use crate::design::RateStep;
        let steps = vec![RateStep { at_s: 0.0, rate: 5.0 }, RateStep { at_s: 60.0, rate: 7.0 }];
        let cases = [
            (RateProfile::Constant { rate: 3.0 }, 3.0),
            (RateProfile::Ramp { from: 1.0, to: 9.0, over_s: 60.0 }, 9.0),
            (RateProfile::Spike { base: 2.0, peak: 20.0, at_s: 5.0, for_s: 5.0 }, 2.0),
            (RateProfile::Daily { mean: 4.0, amplitude: 0.5, period_s: 86_400.0 }, 4.0),
            (RateProfile::Steps { steps }, 7.0),
            (RateProfile::Steps { steps: Vec::new() }, 0.0),
        ];
        for (profile, rate) in cases {
            assert!(close(settled_rate(&profile), rate), "{profile:?}");
        }
    }

    #[test]
    fn nonsense_never_panics_and_stays_finite() {
        let mut design = reference::three_tier();
        for c in &mut design.components {
            match &mut c.spec {
                ComponentSpec::Clients(clients) => {
                    clients.profile = RateProfile::Constant { rate: f64::NAN };
                    clients.read_fraction = f64::INFINITY;
                }
                ComponentSpec::AutoScalingGroup(g) => {
                    g.min = 5;
                    g.max = 1;
                    g.desired = u32::MAX;
                    g.instance.size = "m9.huge".to_owned();
                }
                ComponentSpec::Queue(q) => q.receive_wait_s = f64::NAN,
                _ => {}
            }
        }
        let cost = hourly_cost(&design);
        assert!(cost.usd_per_hour.is_finite() && cost.max_usd_per_hour.is_finite(), "{cost:?}");
        assert_eq!(cost.unpriced, ["web", "workers"]);
    }

    #[test]
    fn serialises_for_the_ui() {
        let json = serde_json::to_value(hourly_cost(&reference::single_server())).unwrap();
        assert_eq!(json["per_component"][0][0], "web-1");
        assert!(json["usd_per_month"].is_number());
    }
}
