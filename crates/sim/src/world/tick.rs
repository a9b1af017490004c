//! The end of each simulated second: samples, metrics, alarms, policies, cost.

use super::World;
use super::instance::Lifecycle;
use crate::ids::{GroupId, QueueId};
use crate::measure::recorder::{Second, SessionSecond};
use crate::time::{MINUTE, SECOND, as_secs};

impl World {
    /// Closes one simulated second.
    pub(crate) fn on_tick(&mut self) {
        let now = self.now;
        for instance in self.instances.iter_mut().filter(|i| i.lifecycle != Lifecycle::Terminated) {
            instance.utilisation = instance.take_utilisation(now, SECOND);
            instance.received_last = std::mem::take(&mut instance.received);
        }
        for index in 0..self.queues.len() {
            self.narrate_queue_losses(QueueId(index as u32));
        }
        for store in &mut self.kvs {
            store.close_second();
        }
        for cdn in &mut self.cdns {
            cdn.close_second();
        }
        for bucket in &mut self.buckets {
            bucket.close_second();
        }
        for dns in &mut self.dns {
            dns.close_second();
        }
        // Measure the second as it ended, then let metrics, alarms and policies act on it.
        let gauges = self.gauges();
        self.cost_usd += gauges.cost_per_hour as f64 / 3600.0;
        self.recorder.close_second(gauges);
        let minute_ends = now.is_multiple_of(MINUTE);
        for index in 0..self.groups.len() {
            self.track_targets(GroupId(index as u32), minute_ends);
        }
        self.sample_alarms();
        self.incidents.tick(now);
    }

    /// The state gauges of this instant, for the per-second sample.
    fn gauges(&self) -> Second {
        let mut s = Second::default();
        for instance in &self.instances {
            match instance.lifecycle {
                Lifecycle::InService if instance.alive() => s.in_service += 1,
                Lifecycle::Pending => s.pending += 1,
                _ => {}
            }
        }
        s.healthy_targets = self.lbs.iter().map(|lb| lb.healthy_count()).sum();
        s.desired = self.groups.iter().map(|g| g.desired).sum();
        for node in &self.queues {
            s.queue_visible += node.queue.visible();
            s.queue_in_flight += node.queue.in_flight();
            s.queue_oldest_s = s.queue_oldest_s.max(as_secs(node.queue.oldest_age(self.now)) as f32);
        }
        s.db_available = self.dbs.iter().filter(|d| d.available()).count() as u32;
        s.cost_per_hour = self.cost_rate() as f32;
        // The CDNs closed this second before the gauges were read.
        for cdn in &self.cdns {
            s.edge_hits += cdn.last_second.hits as u32;
            s.cdn_forwarded += cdn.last_second.forwarded as u32;
        }
        s.sessions = self.draw_users.then(|| self.session_second());
        s
    }

    /// Sessions lost so far and the stores' refused and stale calls of the second that
    /// just closed (the stores' `last_second`).
    fn session_second(&self) -> SessionSecond {
        let narrow = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let mut s = SessionSecond { sessions_lost: narrow(self.sessions_lost), ..SessionSecond::default() };
        for store in &self.kvs {
            let c = &store.last_second;
            s.kv_throttled = s.kv_throttled.saturating_add(narrow(c.throttled));
            s.kv_stale_reads = s.kv_stale_reads.saturating_add(narrow(c.stale_reads));
            s.kv_unavailable = s.kv_unavailable.saturating_add(narrow(c.unavailable));
        }
        s
    }

    /// What everything running costs now [USD/hour]; queue requests are charged by the
    /// average rate so far.
    pub fn cost_rate(&self) -> f64 {
        let prices = crate::price_table::PriceTable::standard();
        let instances: f64 = self
            .instances
            .iter()
            .filter(|i| i.lifecycle != Lifecycle::Terminated)
            .map(|i| i.template.usd_per_hour)
            .sum();
        let lbs: f64 = self.lbs.iter().map(|lb| lb.usd_per_hour).sum();
        let dbs: f64 = self.dbs.iter().map(|d| d.cost_rate()).sum();
        let requests: u64 = self
            .queues
            .iter()
            .map(|q| {
                let c = q.queue.counters();
                c.sent + c.received + c.deleted + c.empty_receives
            })
            .sum();
        let hours = as_secs(self.now).max(1.0) / 3600.0;
        let queue = requests as f64 / 1e6 * prices.queue_usd_per_million_requests / hours;
        let stores: f64 = self.kvs.iter().map(|k| k.cost_rate()).sum();
        // CDN and object-storage requests, like queue requests, by the average rate so far.
        let cdns: f64 = self.cdns.iter().map(|c| c.counters.requests as f64 * c.usd_per_request).sum();
        let gets: u64 = self.buckets.iter().map(|b| b.counters.gets + b.counters.throttled).sum();
        let storage = gets as f64 / 1000.0 * prices.object_storage.usd_per_1k_gets;
        let total = instances + lbs + dbs + queue + stores + (cdns + storage) / hours;
        // Added only when there is one, so designs without DNS sum exactly as before.
        self.dns.iter().fold(total, |sum, d| sum + d.usd_per_hour)
    }
}
