//! A DNS name in front of load balancers: Route 53-style health checks, failover or
//! latency routing, and resolvers that cache answers for a TTL (some longer).
//!
//! The model (facts and sources on [`crate::design::DnsSpec`]):
//! - Every `interval` the DNS checks each record's load balancer: it passes while at least
//!   one of its nodes answers and it has a healthy target (Route 53's "evaluate target
//!   health" on an alias record). `threshold` consecutive results against a record's state
//!   flip it.
//! - The answer is a pure function of the records' health: failover takes the first
//!   healthy record (the primary is the first linked); latency takes the healthy record in
//!   the client's region, else the first healthy one. With no healthy record, Route 53
//!   answers as if all were healthy.
//! - When a flip changes an answer, resolvers still hold the old one: their caches were
//!   filled at times spread evenly over the last TTL, so a request `e` after the change
//!   still gets the old answer with probability `1 − e / TTL`. A `late_share` of requests
//!   go through resolvers that keep answers `late_multiple` TTLs, and use that window.
//!   Draws happen only inside such a window, so a DNS costs no random draws in steady
//!   state.

use super::World;
use super::event::{Event, Work};
use crate::design::DnsRouting;
use crate::event_log::Happening;
use crate::ids::{DnsId, LbId, RegionId, Subject, ZoneId};
use crate::request::FailureCause;
use crate::time::Micros;

/// One record of a DNS name: a load balancer and what the health checks think of it.
#[derive(Clone, Debug)]
pub struct DnsRecord {
    /// The load balancer it answers with.
    pub lb: LbId,
    /// The region the load balancer lives in.
    pub region: RegionId,
    /// What the health checks currently say.
    pub healthy: bool,
    /// Consecutive check results against `healthy` so far.
    pub streak: u32,
    /// Requests sent to it this second.
    pub answers: u64,
    /// Requests sent to it in the last whole second.
    pub answers_last: u64,
    /// Requests sent to it in total.
    pub answers_total: u64,
}

/// A DNS name's state.
#[derive(Clone, Debug)]
pub struct Dns {
    /// The component's id.
    pub name: String,
    /// How answers are chosen.
    pub routing: DnsRouting,
    /// Time between health checks [µs].
    pub interval: Micros,
    /// Consecutive results that flip a record.
    pub threshold: u32,
    /// Resolver cache time [µs].
    pub ttl: Micros,
    /// Share of requests whose resolver keeps answers longer.
    pub late_share: f64,
    /// How long such a resolver keeps an answer [µs].
    pub late_ttl: Micros,
    /// The records, primary first.
    pub records: Vec<DnsRecord>,
    /// When an answer last changed [µs], and the answers before, by client region.
    pub(crate) changed: Option<(Micros, Vec<Option<usize>>)>,
    /// Cost [USD/hour].
    pub usd_per_hour: f64,
}

impl Dns {
    /// The record answered to a client in `region` now, by the records' health.
    pub fn answer(&self, region: RegionId) -> Option<usize> {
        let healthy = |k: &usize| self.records[*k].healthy;
        let all = 0..self.records.len();
        let own = all.clone().find(|k| self.records[*k].region == region);
        match self.routing {
            DnsRouting::Failover => {
                all.clone().find(healthy).or(if self.records.is_empty() { None } else { Some(0) })
            }
            DnsRouting::Latency => {
                own.filter(healthy).or_else(|| all.clone().find(healthy)).or(own).or(all.min())
            }
        }
    }

    /// The answers for clients of every region in `0..regions`.
    fn answers(&self, regions: u32) -> Vec<Option<usize>> {
        (0..regions).map(|r| self.answer(RegionId(r))).collect()
    }

    /// Share of requests sent to each record in the last whole second, in record order.
    pub fn shares(&self) -> Vec<f64> {
        let total: u64 = self.records.iter().map(|r| r.answers_last).sum();
        self.records
            .iter()
            .map(|r| if total == 0 { 0.0 } else { r.answers_last as f64 / total as f64 })
            .collect()
    }

    pub(crate) fn close_second(&mut self) {
        for record in &mut self.records {
            record.answers_last = std::mem::take(&mut record.answers);
        }
    }
}

impl World {
    /// A request sent to a DNS name (by its clients, or by a CDN forwarding it): resolved
    /// for the region of the clients that sent it, then routed to the answer's load balancer.
    pub(crate) fn dns_request(&mut self, dns: DnsId, work: Work) {
        let region = match work {
            Work::Request { id, .. } => self.requests.get(id).map(|r| self.clients[r.clients.index()].region),
            _ => None,
        };
        match self.resolve_dns(dns, region.unwrap_or(RegionId(0))) {
            Some(lb) => self.route(lb, work),
            None => self.refuse(work, FailureCause::NoRoute),
        }
    }

    /// The load balancer a client in `region` reaches through `dns` now: the current
    /// answer, or the one before it while the client's resolver still caches that.
    fn resolve_dns(&mut self, dns: DnsId, region: RegionId) -> Option<LbId> {
        let now = self.now;
        let d = &self.dns[dns.index()];
        let current = d.answer(region);
        let mut record = current;
        if let Some((at, before)) = &d.changed {
            let old = before.get(region.index()).copied().flatten();
            let elapsed = now - at;
            if old != current && elapsed < d.late_ttl.max(d.ttl) {
                let (ttl, late_share) = (d.ttl, d.late_share);
                let late_ttl = d.late_ttl;
                let window = if self.rng.chance(late_share) { late_ttl } else { ttl };
                if elapsed < window && self.rng.chance(1.0 - elapsed as f64 / window as f64) {
                    record = old;
                }
            }
        }
        let d = &mut self.dns[dns.index()];
        let record = &mut d.records[record?];
        record.answers += 1;
        record.answers_total += 1;
        Some(record.lb)
    }

    /// A round of health checks of every record of `dns`; the next is scheduled.
    pub(crate) fn on_dns_check(&mut self, dns: DnsId) {
        let regions = self.regions.len() as u32;
        let before = self.dns[dns.index()].answers(regions);
        for k in 0..self.dns[dns.index()].records.len() {
            let lb = self.dns[dns.index()].records[k].lb;
            let passed = self.lb_passes_dns_check(lb);
            self.dns_check_result(dns, k, passed);
        }
        let d = &mut self.dns[dns.index()];
        if d.answers(regions) != before {
            d.changed = Some((self.now, before));
        }
        let next = self.now + self.dns[dns.index()].interval;
        self.events.schedule(next, Event::DnsCheck(dns));
    }

    /// Route 53's view of a load balancer: a node answers and a target is healthy.
    fn lb_passes_dns_check(&self, lb: LbId) -> bool {
        let balancer = &self.lbs[lb.index()];
        balancer.nodes.iter().any(|n| n.up) && balancer.healthy_count() > 0
    }

    /// One check of record `k`: counts toward a flip, flips at the threshold.
    fn dns_check_result(&mut self, dns: DnsId, k: usize, passed: bool) {
        let now = self.now;
        let d = &mut self.dns[dns.index()];
        let threshold = d.threshold.max(1);
        let record = &mut d.records[k];
        if passed == record.healthy {
            record.streak = 0;
            return;
        }
        record.streak += 1;
        if record.streak < threshold {
            return;
        }
        record.healthy = passed;
        record.streak = 0;
        let (region, lb) = (record.region, record.lb);
        let dns_name = d.name.clone();
        let lb_name = self.lbs[lb.index()].name.clone();
        if !passed {
            self.incidents.detect(now, Subject::Region(region), ZoneId(u32::MAX));
        }
        self.log.push(now, Happening::DnsRecord { dns: dns_name, lb: lb_name, healthy: passed });
    }
}
