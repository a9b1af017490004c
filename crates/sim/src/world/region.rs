//! Regions: losing one (every zone of it and its regional services) and getting it back.
//!
//! Inside the world, zones are one list, region after region; a region is a range of it.
//! Losing a region loses each of its zones (instances, load-balancer nodes, database
//! copies, launches) and stops its key-value stores and object storage (a CDN's edges keep serving what they
//! hold). Its queues keep their messages (SQS
//! stores them redundantly) but everything that sends to or consumes them in the region is
//! gone with the zones.

use super::World;
use super::event::Work;
use crate::event_log::Happening;
use crate::ids::{BucketId, KvId, RegionId, ZoneId};

/// One region's state.
#[derive(Clone, Debug)]
pub struct RegionState {
    /// Its name, e.g. `us-east-1`.
    pub name: String,
    /// Its zones: this range of the world's zone list.
    pub zones: std::ops::Range<u32>,
    /// Lost: every zone and regional service in it is down.
    pub lost: bool,
}

impl World {
    /// The region loses everything in it at once.
    pub(crate) fn lose_region(&mut self, region: RegionId) {
        let r = &mut self.regions[region.index()];
        if r.lost {
            return;
        }
        r.lost = true;
        let (name, zones) = (r.name.clone(), r.zones.clone());
        self.log.push(self.now, Happening::RegionLost { region: name });
        for zone in zones {
            self.lose_zone(ZoneId(zone));
        }
        for kv in self.stores_in(region) {
            self.store_outage(kv);
        }
        for bucket in self.buckets_in(region) {
            self.storage_outage(bucket);
        }
    }

    /// The region is back: its zones return and its stores answer again.
    pub(crate) fn restore_region(&mut self, region: RegionId) {
        let r = &mut self.regions[region.index()];
        if !r.lost {
            return;
        }
        r.lost = false;
        let (name, zones) = (r.name.clone(), r.zones.clone());
        self.log.push(self.now, Happening::RegionRestored { region: name });
        for zone in zones {
            self.restore_zone(ZoneId(zone));
        }
        for kv in self.stores_in(region) {
            self.restore_store(kv);
        }
        for bucket in self.buckets_in(region) {
            self.restore_storage(bucket);
        }
    }

    /// `work`, if it is a request that has not entered a region yet, enters the region of
    /// the zone `zone_of` finds (a load balancer's or an instance's): counted for the
    /// requests-by-region series. Does nothing, not even the lookup, in a design with one
    /// region: it is on every request's path.
    #[inline]
    pub(crate) fn enter_region(&mut self, work: Work, zone_of: impl FnOnce(&World) -> Option<ZoneId>) {
        if !self.recorder.tracks_regions() {
            return;
        }
        let (Work::Request { id, .. }, Some(zone)) = (work, zone_of(self)) else { return };
        let region = self.zones[zone.index()].region;
        if let Some(request) = self.requests.get_mut(id)
            && request.region.is_none()
        {
            request.region = Some(region);
            self.recorder.region_received(region.index());
        }
    }

    fn stores_in(&self, region: RegionId) -> Vec<KvId> {
        (0..self.kvs.len() as u32).map(KvId).filter(|kv| self.kvs[kv.index()].region == region).collect()
    }

    fn buckets_in(&self, region: RegionId) -> Vec<BucketId> {
        (0..self.buckets.len() as u32)
            .map(BucketId)
            .filter(|b| self.buckets[b.index()].region == region)
            .collect()
    }

    /// The regions, in the design's order.
    pub fn regions(&self) -> &[RegionState] {
        &self.regions
    }

    /// The DNS names.
    pub fn dns(&self) -> &[super::dns::Dns] {
        &self.dns
    }
}
