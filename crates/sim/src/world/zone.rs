//! Availability zones: losing one, impairing one, and getting it back.

use super::World;
use super::instance::Lifecycle;
use crate::event_log::Happening;
use crate::ids::{InstanceId, ZoneId};
use crate::time::{Micros, from_millis};

/// One availability zone's state.
#[derive(Clone, Debug)]
pub struct Zone {
    /// Its name in commands and the log: the suffix in the first region (`a`), the full
    /// zone name in another (`eu-west-1a`).
    pub name: String,
    /// The region it belongs to.
    pub region: crate::ids::RegionId,
    /// Lost power: everything in it is down.
    pub lost: bool,
    /// When it was lost [µs].
    pub lost_at: Option<Micros>,
    /// Added latency of an impairment [µs].
    pub added_latency: Micros,
    /// Fraction of requests to it that are dropped.
    pub drop_fraction: f64,
}

impl Zone {
    pub(crate) fn new(name: String, region: crate::ids::RegionId) -> Zone {
        Zone { name, region, lost: false, lost_at: None, added_latency: 0, drop_fraction: 0.0 }
    }

    /// Impaired but not lost.
    pub fn impaired(&self) -> bool {
        !self.lost && (self.added_latency > 0 || self.drop_fraction > 0.0)
    }
}

impl World {
    /// The zone loses power: its instances crash, its load-balancer nodes stop answering,
    /// its database copies fail, and nothing launches there until it returns.
    pub(crate) fn lose_zone(&mut self, zone: ZoneId) {
        if self.zones[zone.index()].lost {
            return;
        }
        self.zones[zone.index()].lost = true;
        self.zones[zone.index()].lost_at = Some(self.now);
        let name = self.zones[zone.index()].name.clone();
        self.log.push(self.now, Happening::ZoneLost { zone: name });
        let victims: Vec<InstanceId> = (0..self.instances.len() as u32)
            .map(InstanceId)
            .filter(|i| self.instances[i.index()].zone == zone && self.instances[i.index()].alive())
            .collect();
        for id in victims {
            self.crash_instance(id);
        }
        self.set_nodes_in_zone(zone, false);
        self.databases_lose_zone(zone);
    }

    /// The zone adds latency and drops a fraction of requests to its instances.
    pub(crate) fn impair_zone(&mut self, zone: ZoneId, added_latency_ms: f64, drop_fraction: f64) {
        let z = &mut self.zones[zone.index()];
        z.added_latency = from_millis(added_latency_ms.clamp(0.0, 60_000.0));
        z.drop_fraction = if drop_fraction.is_finite() { drop_fraction.clamp(0.0, 1.0) } else { 0.0 };
    }

    /// The zone is back. Hand-placed instances that died with it reboot; instances of
    /// groups were replaced and stay terminated; load-balancer nodes return to DNS.
    pub(crate) fn restore_zone(&mut self, zone: ZoneId) {
        let z = &mut self.zones[zone.index()];
        let was_lost = std::mem::replace(&mut z.lost, false);
        let lost_at = z.lost_at.take();
        z.added_latency = 0;
        z.drop_fraction = 0.0;
        if !was_lost {
            return;
        }
        let name = z.name.clone();
        self.log.push(self.now, Happening::ZoneRestored { zone: name });
        for instance in self.instances.iter_mut() {
            let died_with_zone = instance.crashed_at.zip(lost_at).is_some_and(|(c, l)| c >= l);
            if instance.zone == zone && instance.group.is_none() && died_with_zone {
                instance.condition = super::instance::Condition::Healthy;
                instance.crashed_at = None;
                instance.lifecycle = Lifecycle::InService;
            }
        }
        self.set_nodes_in_zone(zone, true);
        self.databases_regain_zone(zone);
        for index in 0..self.instances.len() {
            self.poll_if_idle(InstanceId(index as u32));
        }
    }
}
