//! CDNs (CloudFront-style): edges answer static requests from their caches, fetch misses
//! from the origin, and forward dynamic requests to the next hop.
//!
//! The facts, their sources and the choice of model (a hit ratio, drawn per static
//! request) are on [`crate::design::CdnSpec`].

use serde::Serialize;

use super::World;
use super::event::{Event, Work};
use super::traffic::Entry;
use crate::event_log::Happening;
use crate::ids::{BucketId, CdnId, RequestId, Subject, ZoneId};
use crate::request::FailureCause;
use crate::time::Micros;

/// What a CDN has done, in requests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CdnCounters {
    /// Requests that reached it.
    pub requests: u64,
    /// Of those, requests for static assets.
    pub static_requests: u64,
    /// Static requests answered from an edge's cache.
    pub hits: u64,
    /// Static requests the edge did not hold.
    pub misses: u64,
    /// Misses fetched from the linked object storage.
    pub origin_fetches: u64,
    /// Origin fetches refused (storage down, or over its request rate): the request fails.
    pub origin_errors: u64,
    /// Requests sent on to the next hop (dynamic ones, and misses without object storage).
    pub forwarded: u64,
    /// Requests refused because the CDN was down.
    pub unavailable: u64,
}

/// One CDN distribution.
#[derive(Clone, Debug)]
pub struct Cdn {
    /// The component's name in the design.
    pub name: String,
    /// Answering (false during an outage).
    pub up: bool,
    /// Share of static requests answered from the cache [0–1].
    pub hit_ratio: f64,
    /// Time an edge takes to answer from its cache [µs].
    pub edge_latency: Micros,
    /// Where dynamic requests go: the same kind of entry point clients have.
    pub(crate) next: Entry,
    /// The object storage misses are fetched from; `None` sends misses to `next`.
    pub origin: Option<BucketId>,
    /// Price of one request through it, data transfer included [USD].
    pub usd_per_request: f64,
    /// Totals since the start.
    pub counters: CdnCounters,
    second_start: CdnCounters,
    /// What happened in the last whole second.
    pub last_second: CdnCounters,
}

impl Cdn {
    /// A CDN with CloudFront-like defaults and nothing linked.
    pub(crate) fn new(name: String) -> Cdn {
        Cdn {
            name,
            up: true,
            hit_ratio: 0.9,
            edge_latency: 10_000,
            next: Entry::Nowhere,
            origin: None,
            usd_per_request: 0.0,
            counters: CdnCounters::default(),
            second_start: CdnCounters::default(),
            last_second: CdnCounters::default(),
        }
    }

    /// Closes a second, keeping its counts.
    pub(crate) fn close_second(&mut self) {
        let (c, s) = (&self.counters, &self.second_start);
        self.last_second = CdnCounters {
            requests: c.requests - s.requests,
            static_requests: c.static_requests - s.static_requests,
            hits: c.hits - s.hits,
            misses: c.misses - s.misses,
            origin_fetches: c.origin_fetches - s.origin_fetches,
            origin_errors: c.origin_errors - s.origin_errors,
            forwarded: c.forwarded - s.forwarded,
            unavailable: c.unavailable - s.unavailable,
        };
        self.second_start = self.counters.clone();
    }

    /// Share of static requests answered at the edge so far [0–1]; `None` before any.
    pub fn measured_hit_ratio(&self) -> Option<f64> {
        let c = &self.counters;
        (c.static_requests > 0).then(|| c.hits as f64 / c.static_requests as f64)
    }
}

impl World {
    /// A request reaches a CDN: a static one is answered at the edge (hit) or fetched from
    /// the origin (miss); a dynamic one goes on along the CDN's link, as from clients.
    pub(crate) fn cdn_request(&mut self, cdn: CdnId, work: Work) {
        let Work::Request { id, generation } = work else { return };
        let static_fraction = self
            .requests
            .get(id)
            .and_then(|r| self.clients.get(r.clients.index()))
            .map_or(0.0, |c| c.static_fraction);
        let edge = &mut self.cdns[cdn.index()];
        edge.counters.requests += 1;
        if !edge.up {
            edge.counters.unavailable += 1;
            self.refuse(work, FailureCause::NoRoute);
            return;
        }
        // No draw for clients without static assets, so their runs keep their draws.
        let is_static = static_fraction > 0.0 && self.rng.chance(static_fraction);
        if !is_static {
            self.forward(cdn, work);
            return;
        }
        // An asset is read, never written.
        if let Some(r) = self.requests.get_mut(id) {
            r.write = false;
        }
        let hit = self.rng.chance(self.cdns[cdn.index()].hit_ratio);
        let edge = &mut self.cdns[cdn.index()];
        edge.counters.static_requests += 1;
        let at = self.now + edge.edge_latency;
        if hit {
            edge.counters.hits += 1;
            self.events.schedule(at, Event::EdgeDone { request: id, generation, ok: true });
            return;
        }
        edge.counters.misses += 1;
        let Some(origin) = edge.origin else {
            self.forward(cdn, work);
            return;
        };
        edge.counters.origin_fetches += 1;
        let bucket = &mut self.buckets[origin.index()];
        let ok = bucket.get();
        let at = at + bucket.latency;
        if !ok {
            self.cdns[cdn.index()].counters.origin_errors += 1;
        }
        self.events.schedule(at, Event::EdgeDone { request: id, generation, ok });
    }

    /// Sends a request on along the CDN's outgoing link.
    fn forward(&mut self, cdn: CdnId, work: Work) {
        let edge = &mut self.cdns[cdn.index()];
        edge.counters.forwarded += 1;
        let next = edge.next;
        self.send(next, work);
    }

    /// An edge's answer reaches the client: the asset, or an error from the origin.
    pub(crate) fn on_edge_done(&mut self, request: RequestId, generation: u32, ok: bool) {
        if ok {
            self.succeed_request(request, generation);
        } else {
            self.fail_request(request, generation, FailureCause::OriginError);
        }
        if self.requests.is_current(request, generation) {
            self.requests.release(request);
        }
    }

    /// The CDN stops answering.
    pub(crate) fn cdn_outage(&mut self, cdn: CdnId) {
        let edge = &mut self.cdns[cdn.index()];
        if !edge.up {
            return;
        }
        edge.up = false;
        let name = edge.name.clone();
        self.incidents.detect(self.now, Subject::Cdn(cdn), ZoneId(u32::MAX));
        self.log.push(self.now, Happening::CdnDown { cdn: name });
    }

    /// The CDN answers again.
    pub(crate) fn restore_cdn(&mut self, cdn: CdnId) {
        let edge = &mut self.cdns[cdn.index()];
        if edge.up {
            return;
        }
        edge.up = true;
        let name = edge.name.clone();
        self.log.push(self.now, Happening::CdnRestored { cdn: name });
    }
}
