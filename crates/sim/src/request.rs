//! Requests in flight, and why a request can fail.

use serde::Serialize;

use crate::ids::{ClientsId, RegionId, RequestId};
use crate::time::Micros;

/// Why a request failed. The order is the order of the `failed` arrays in measurements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureCause {
    /// The clients are not connected to anything.
    NoRoute,
    /// The load balancer had no target to send to (HTTP 503).
    NoHealthyTarget,
    /// The chosen target was dead and refused the connection (HTTP 502).
    TargetCrashed,
    /// No answer before the client's timeout.
    Timeout,
    /// The target's accept queue was full.
    Rejected,
    /// The database could not take the query.
    DatabaseUnavailable,
    /// The load-balancer node or target sat in a lost or impaired zone.
    ZoneLost,
    /// A CDN's origin fetch was refused: object storage down or over its request rate.
    OriginError,
}

impl FailureCause {
    /// Every cause, in index order.
    pub const ALL: [FailureCause; 8] = [
        FailureCause::NoRoute,
        FailureCause::NoHealthyTarget,
        FailureCause::TargetCrashed,
        FailureCause::Timeout,
        FailureCause::Rejected,
        FailureCause::DatabaseUnavailable,
        FailureCause::ZoneLost,
        FailureCause::OriginError,
    ];

    /// Position in per-cause arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// A short label for charts and reports.
    pub fn label(self) -> &'static str {
        match self {
            FailureCause::NoRoute => "no route",
            FailureCause::NoHealthyTarget => "no healthy target",
            FailureCause::TargetCrashed => "target crashed",
            FailureCause::Timeout => "timeout",
            FailureCause::Rejected => "rejected",
            FailureCause::DatabaseUnavailable => "database unavailable",
            FailureCause::ZoneLost => "zone lost",
            FailureCause::OriginError => "origin error",
        }
    }
}

/// One request from arrival until nobody holds it any more.
#[derive(Clone, Debug)]
pub struct Request {
    /// When the client sent it [µs].
    pub arrived: Micros,
    /// When it reached the instance that serves it [µs].
    pub enqueued: Micros,
    /// Which traffic source sent it.
    pub clients: ClientsId,
    /// Writes go to the primary and may enqueue a job; reads may use a replica.
    pub write: bool,
    /// The client is still waiting for the answer (false once answered, failed or timed out).
    pub open: bool,
    /// Bumped on reuse of the slot, so stale references are recognised.
    pub generation: u32,
    /// The user who sent it (0 when the design needs no users: no sticky load balancer and
    /// no key-value store).
    pub user: u32,
    /// The region it entered (the first load balancer or instance it reached); `None`
    /// before that, and always in designs with one region.
    pub region: Option<RegionId>,
}

/// A slab of requests: slots are reused, so memory follows requests in flight, not the run.
#[derive(Clone, Debug, Default)]
pub struct Requests {
    slots: Vec<Request>,
    free: Vec<u32>,
    live: u32,
}

impl Requests {
    /// Stores a new open request and returns its id and generation.
    #[inline]
    pub fn open(&mut self, arrived: Micros, clients: ClientsId, write: bool, user: u32) -> (RequestId, u32) {
        self.live += 1;
        if let Some(index) = self.free.pop() {
            let slot = &mut self.slots[index as usize];
            let generation = slot.generation.wrapping_add(1);
            *slot = Request {
                arrived,
                enqueued: arrived,
                clients,
                write,
                open: true,
                generation,
                user,
                region: None,
            };
            return (RequestId(index), generation);
        }
        let index = self.slots.len() as u32;
        self.slots.push(Request {
            arrived,
            enqueued: arrived,
            clients,
            write,
            open: true,
            generation: 0,
            user,
            region: None,
        });
        (RequestId(index), 0)
    }

    /// The request, if the id is in range.
    #[inline]
    pub fn get(&self, id: RequestId) -> Option<&Request> {
        self.slots.get(id.index())
    }

    /// The request, mutably.
    #[inline]
    pub fn get_mut(&mut self, id: RequestId) -> Option<&mut Request> {
        self.slots.get_mut(id.index())
    }

    /// Whether `id` still refers to the request of that generation.
    #[inline]
    pub fn is_current(&self, id: RequestId, generation: u32) -> bool {
        // A freed slot keeps its generation until reuse, so it is marked by an impossible
        // arrival time instead.
        self.get(id).is_some_and(|r| r.generation == generation && r.arrived != Micros::MAX)
    }

    /// Frees the slot: nobody holds the request any more.
    #[inline]
    pub fn release(&mut self, id: RequestId) {
        if let Some(slot) = self.slots.get_mut(id.index())
            && slot.arrived != Micros::MAX
        {
            slot.arrived = Micros::MAX;
            slot.open = false;
            self.free.push(id.0);
            self.live -= 1;
        }
    }

    /// Requests whose client still waits for an answer.
    pub fn open_count(&self) -> u64 {
        self.slots.iter().filter(|r| r.open).count() as u64
    }

    /// Requests held by someone (open or not).
    pub fn live(&self) -> u32 {
        self.live
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_reused_with_a_new_generation() {
        let mut requests = Requests::default();
        let (a, ga) = requests.open(5, ClientsId(0), false, 0);
        requests.release(a);
        assert!(!requests.is_current(a, ga));
        let (b, gb) = requests.open(6, ClientsId(0), true, 0);
        assert_eq!(a, b);
        assert_ne!(ga, gb);
        assert!(requests.is_current(b, gb));
        assert_eq!(requests.live(), 1);
        requests.release(b);
        requests.release(b);
        assert_eq!(requests.live(), 0, "a double release is harmless");
    }
}
