//! Object storage (S3-style): GETs per second per prefix, a first-byte latency, and no
//! zone to lose.
//!
//! The facts and their sources are on [`crate::design::ObjectStorageSpec`].

use serde::Serialize;

use super::World;
use crate::event_log::Happening;
use crate::ids::{BucketId, Subject, ZoneId};
use crate::time::Micros;

/// What a bucket has done, in GET requests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BucketCounters {
    /// GETs answered.
    pub gets: u64,
    /// GETs refused with 503 Slow Down for exceeding the request rate of its prefixes.
    pub throttled: u64,
    /// GETs refused because the bucket was down.
    pub unavailable: u64,
}

/// One bucket.
#[derive(Clone, Debug)]
pub struct Bucket {
    /// The component's name in the design.
    pub name: String,
    /// Answering (false during a regional outage).
    pub up: bool,
    /// The region it lives in: losing the region takes the bucket down with it.
    pub region: crate::ids::RegionId,
    /// GETs it serves per second [requests/s]: 5,500 per prefix.
    pub gets_per_second: u64,
    /// Time to the first byte of one GET [µs].
    pub latency: Micros,
    /// GETs served in the current second.
    used: u64,
    /// Totals since the start.
    pub counters: BucketCounters,
    second_start: BucketCounters,
    /// What happened in the last whole second.
    pub last_second: BucketCounters,
}

impl Bucket {
    /// A bucket serving `gets_per_second` GETs, each answered after `latency` [µs].
    pub(crate) fn new(name: String, gets_per_second: u64, latency: Micros) -> Bucket {
        Bucket {
            name,
            up: true,
            region: crate::ids::RegionId(0),
            gets_per_second,
            latency,
            used: 0,
            counters: BucketCounters::default(),
            second_start: BucketCounters::default(),
            last_second: BucketCounters::default(),
        }
    }

    /// Serves one GET; returns whether it was answered.
    pub(crate) fn get(&mut self) -> bool {
        if !self.up {
            self.counters.unavailable += 1;
            return false;
        }
        if self.used >= self.gets_per_second {
            self.counters.throttled += 1;
            return false;
        }
        self.used += 1;
        self.counters.gets += 1;
        true
    }

    /// Closes a second: the request budget refills and the last second's counts are kept.
    pub(crate) fn close_second(&mut self) {
        self.used = 0;
        let (c, s) = (&self.counters, &self.second_start);
        self.last_second = BucketCounters {
            gets: c.gets - s.gets,
            throttled: c.throttled - s.throttled,
            unavailable: c.unavailable - s.unavailable,
        };
        self.second_start = self.counters.clone();
    }
}

impl World {
    /// A regional outage of the bucket (rare: it survives any zone's loss).
    pub(crate) fn storage_outage(&mut self, bucket: BucketId) {
        let b = &mut self.buckets[bucket.index()];
        if !b.up {
            return;
        }
        b.up = false;
        let name = b.name.clone();
        self.incidents.detect(self.now, Subject::Bucket(bucket), ZoneId(u32::MAX));
        self.log.push(self.now, Happening::StorageDown { storage: name });
    }

    /// The bucket answers again.
    pub(crate) fn restore_storage(&mut self, bucket: BucketId) {
        let b = &mut self.buckets[bucket.index()];
        if b.up {
            return;
        }
        b.up = true;
        let name = b.name.clone();
        self.log.push(self.now, Happening::StorageRestored { storage: name });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gets_beyond_the_prefix_rate_are_refused_until_the_second_ends() {
        let mut b = Bucket::new("assets".into(), 3, 100_000);
        assert!(b.get() && b.get() && b.get());
        assert!(!b.get(), "the fourth GET in one second is over the rate");
        b.close_second();
        assert_eq!(b.last_second.throttled, 1);
        assert_eq!(b.last_second.gets, 3);
        assert!(b.get(), "the budget refills each second");
    }

    #[test]
    fn a_bucket_that_is_down_refuses_every_get() {
        let mut b = Bucket::new("assets".into(), 10, 1);
        b.up = false;
        assert!(!b.get());
        assert_eq!(b.counters.unavailable, 1);
        assert_eq!(b.counters.gets, 0);
    }
}
