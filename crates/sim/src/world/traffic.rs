//! Traffic sources: Poisson arrivals that follow a rate profile, and client timeouts.

use super::World;
use super::event::{Event, TimerKey, Work};
use crate::design::RateProfile;
use crate::ids::{CdnId, ClientsId, DnsId, InstanceId, LbId, RegionId, RequestId};
use crate::request::FailureCause;
use crate::time::{Micros, SECOND, as_secs};
use crate::timeout_fifo::TimeoutFifo;

/// Where a traffic source sends its requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    /// Not connected: every request fails for lack of a route.
    Nowhere,
    /// A load balancer.
    LoadBalancer(LbId),
    /// A single instance, with no load balancer in front.
    Instance(InstanceId),
    /// A CDN, which answers static requests itself and forwards the rest.
    Cdn(CdnId),
    /// A DNS name that answers with a load balancer.
    Dns(DnsId),
}

/// One traffic source.
#[derive(Clone, Debug)]
pub(crate) struct Clients {
    pub name: String,
    pub profile: RateProfile,
    pub read_fraction: f64,
    /// Share of requests for static assets [0–1]; only a CDN tells them apart.
    pub static_fraction: f64,
    /// Client timeout [µs]; `None` waits forever.
    pub timeout: Option<Micros>,
    pub entry: Entry,
    /// Multiplier of a traffic spike, and when it ends [µs].
    pub spike: Option<(f64, Micros)>,
    /// Open requests by deadline; the timeout is constant, so arrival order is deadline order.
    pub deadlines: TimeoutFifo<(RequestId, u32)>,
    /// The current arrival timer; older ones were superseded by a rate change.
    pub arrival_generation: u32,
    /// Its users, numbered `first_user..first_user + users` across the world.
    pub users: u32,
    /// The world-wide number of its first user.
    pub first_user: u32,
    /// The region it is nearest to (latency routing sends it there first).
    pub region: RegionId,
}

impl Clients {
    /// Rate [requests/s] at `now`, spikes included.
    pub(crate) fn rate_at(&self, now: Micros) -> f64 {
        let factor = match self.spike {
            Some((factor, until)) if now < until => factor,
            _ => 1.0,
        };
        self.profile.rate_at(as_secs(now)) * factor
    }

    /// Whether the rate can change at the next second boundary without a command.
    fn varies(&self, now: Micros) -> bool {
        !matches!(self.profile, RateProfile::Constant { .. })
            || self.spike.is_some_and(|(_, until)| now < until)
    }
}

impl World {
    /// Schedules the next arrival of a source. Rates are piecewise constant per second, and
    /// Poisson gaps are memoryless, so a gap crossing a second boundary is redrawn there:
    /// the stream is exactly Poisson with the profile's rate.
    pub(crate) fn schedule_arrival(&mut self, id: ClientsId) {
        let now = self.now;
        let source = &mut self.clients[id.index()];
        let rate = source.rate_at(now);
        let varies = source.varies(now);
        source.arrival_generation = source.arrival_generation.wrapping_add(1);
        let generation = source.arrival_generation;
        let next = self.rng.interarrival(rate).map(|gap| now + gap);
        if !varies {
            // A constant zero rate schedules nothing until a command changes the rate.
            if let Some(at) = next {
                self.events.schedule(at, Event::Arrival { clients: id, request: true, generation });
            }
            return;
        }
        let boundary = (now / SECOND + 1) * SECOND;
        match next {
            Some(at) if at < boundary => {
                self.events.schedule(at, Event::Arrival { clients: id, request: true, generation })
            }
            _ => self.events.schedule(boundary, Event::Arrival { clients: id, request: false, generation }),
        }
    }

    /// An arrival event: a request arrives, or the rate may have changed at a second
    /// boundary and the next gap is drawn afresh.
    pub(crate) fn on_arrival(&mut self, id: ClientsId, request: bool, generation: u32) {
        if self.clients[id.index()].arrival_generation != generation {
            return;
        }
        if request {
            self.new_request(id);
        }
        self.schedule_arrival(id);
    }

    fn new_request(&mut self, id: ClientsId) {
        let now = self.now;
        let source = &self.clients[id.index()];
        let write = !self.rng.chance(source.read_fraction);
        let (entry, timeout) = (source.entry, source.timeout);
        // Drawn only when something looks at users, so other designs keep their draws.
        let user = if self.draw_users { source.first_user + self.rng.below(source.users.max(1)) } else { 0 };
        let (request, generation) = self.requests.open(now, id, write, user);
        self.recorder.arrived(now);
        if let Some(timeout) = timeout
            && self.clients[id.index()].deadlines.push(now + timeout, (request, generation))
        {
            self.events.arm(TimerKey::Deadline(id), now + timeout, Event::Deadline(id));
        }
        self.send(entry, Work::Request { id: request, generation });
    }

    /// Sends a request to the next hop: what clients do, and a CDN with what it forwards.
    pub(crate) fn send(&mut self, entry: Entry, work: Work) {
        match entry {
            Entry::Nowhere => self.refuse(work, FailureCause::NoRoute),
            Entry::LoadBalancer(lb) => self.route(lb, work),
            Entry::Instance(instance) => {
                self.enter_region(work, |w| Some(w.instances[instance.index()].zone));
                self.deliver_request(instance, work)
            }
            Entry::Cdn(cdn) => self.cdn_request(cdn, work),
            Entry::Dns(dns) => self.dns_request(dns, work),
        }
    }

    /// Delivers a request to an instance, noting when it got there (its queueing starts).
    pub(crate) fn deliver_request(&mut self, instance: InstanceId, work: Work) {
        if let Work::Request { id, .. } = work
            && let Some(r) = self.requests.get_mut(id)
        {
            r.enqueued = self.now;
        }
        self.deliver(instance, work);
    }

    /// The oldest open requests reached their timeout: they fail now (their instance may
    /// still be working on them and will find the client gone).
    pub(crate) fn on_deadline(&mut self, id: ClientsId) {
        let now = self.now;
        loop {
            let Some((deadline, (request, generation))) = self.clients[id.index()].deadlines.front() else {
                return;
            };
            let still_open = self.requests.is_current(request, generation)
                && self.requests.get(request).is_some_and(|r| r.open);
            if still_open && deadline > now {
                self.events.schedule_keyed(TimerKey::Deadline(id), deadline, Event::Deadline(id));
                return;
            }
            self.clients[id.index()].deadlines.pop();
            if still_open {
                self.fail_request(request, generation, FailureCause::Timeout);
            }
        }
    }

    /// Closes a request whose client still waits; returns when it arrived [µs], or `None`
    /// if the reference is stale or the client already has its outcome.
    fn close_request(&mut self, id: RequestId, generation: u32) -> Option<Micros> {
        if !self.requests.is_current(id, generation) {
            return None;
        }
        let request = self.requests.get_mut(id).filter(|r| r.open)?;
        request.open = false;
        Some(request.arrived)
    }

    /// The client got its answer.
    pub(crate) fn succeed_request(&mut self, id: RequestId, generation: u32) {
        if let Some(arrived) = self.close_request(id, generation) {
            self.recorder.succeeded(self.now, self.now - arrived);
        }
    }

    /// The client got an error (or gave up).
    pub(crate) fn fail_request(&mut self, id: RequestId, generation: u32, cause: FailureCause) {
        if self.close_request(id, generation).is_some() {
            self.recorder.failed(self.now, cause);
            if let Some(region) = self.requests.get(id).and_then(|r| r.region) {
                self.recorder.region_failed(region.index());
            }
            self.incidents.count_failure(self.now);
        }
    }

    /// Starts a traffic spike on every source.
    pub(crate) fn spike(&mut self, factor: f64, duration: Micros) {
        let until = self.now + duration;
        for index in 0..self.clients.len() {
            self.clients[index].spike = Some((factor.clamp(0.0, 1000.0), until));
            self.schedule_arrival(ClientsId(index as u32));
        }
    }
}
