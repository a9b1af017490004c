//! Key-value stores (DynamoDB-style): provisioned throughput per second, eventually or
//! strongly consistent reads, conditional writes, and no zone to lose.
//!
//! The facts and their sources are on [`crate::design::KeyValueStoreSpec`]. A table is
//! replicated across three zones by AWS, so a zone loss leaves it answering; only a
//! regional outage (`store-outage`) stops it.

use serde::Serialize;

use super::World;
use super::event::{DbCall, Event, Work};
use crate::event_log::Happening;
use crate::ids::{KvId, Subject, ZoneId};
use crate::time::Micros;

/// What a key-value store has done, in calls.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KvCounters {
    /// Reads answered.
    pub reads: u64,
    /// Writes answered (each a conditional write on the item's version).
    pub writes: u64,
    /// Calls refused for exceeding the provisioned throughput.
    pub throttled: u64,
    /// Eventually consistent reads that returned an item older than its last write.
    pub stale_reads: u64,
    /// Conditional writes whose version check failed because the application had read a
    /// stale copy (ConditionalCheckFailedException); the application re-reads and retries.
    pub conditional_failures: u64,
    /// Calls refused because the store was down.
    pub unavailable: u64,
}

/// One key-value store.
#[derive(Clone, Debug)]
pub struct KvStore {
    /// The component's name in the design.
    pub name: String,
    /// Answering (false during a regional outage).
    pub up: bool,
    /// The region it lives in.
    pub region: crate::ids::RegionId,
    /// Provisioned read capacity [read capacity units].
    pub read_capacity: u32,
    /// Provisioned write capacity [write capacity units].
    pub write_capacity: u32,
    /// Strongly consistent reads (two half-units each) instead of eventually consistent (one).
    pub consistent: bool,
    /// Longest replication lag of a write [µs]; each write draws its own, uniformly below it.
    pub lag: Micros,
    /// Time one call takes [µs].
    pub latency: Micros,
    /// Price of the provisioned capacity [USD/hour].
    pub usd_per_hour: f64,
    /// Read half-units used in the current second (an eventually consistent read is one
    /// half of a read capacity unit).
    read_used: u64,
    /// Write units used in the current second.
    write_used: u64,
    /// Per item (one per user): until when a copy may still hold the old value [µs].
    fresh_at: Vec<Micros>,
    /// Per item: the application's last read of it was stale.
    read_stale: Vec<bool>,
    /// Totals since the start.
    pub counters: KvCounters,
    /// The counters at the start of the current second.
    second_start: KvCounters,
    /// What happened in the last whole second.
    pub last_second: KvCounters,
}

/// What became of one call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KvOutcome {
    /// Answered.
    Ok,
    /// Over the provisioned throughput.
    Throttled,
    /// The store is down.
    Unavailable,
}

impl KvStore {
    /// A store with room for `items` keys.
    pub(crate) fn new(name: String, items: u32) -> KvStore {
        KvStore {
            name,
            up: true,
            region: crate::ids::RegionId(0),
            read_capacity: 1000,
            write_capacity: 500,
            consistent: false,
            lag: 1_000_000,
            latency: 5_000,
            usd_per_hour: 0.0,
            read_used: 0,
            write_used: 0,
            fresh_at: vec![0; items.max(1) as usize],
            read_stale: vec![false; items.max(1) as usize],
            counters: KvCounters::default(),
            second_start: KvCounters::default(),
            last_second: KvCounters::default(),
        }
    }

    /// Serves one read or write of `key` at `now`; a write's replication lag is
    /// `lag_draw` × the longest lag (`lag_draw` uniform in [0, 1)).
    pub(crate) fn serve(&mut self, now: Micros, key: u32, write: bool, lag_draw: f64) -> KvOutcome {
        if !self.up {
            self.counters.unavailable += 1;
            return KvOutcome::Unavailable;
        }
        let item = key as usize % self.fresh_at.len();
        if write {
            if self.write_used + 1 > u64::from(self.write_capacity) {
                self.counters.throttled += 1;
                return KvOutcome::Throttled;
            }
            self.write_used += 1;
            self.counters.writes += 1;
            if std::mem::take(&mut self.read_stale[item]) {
                // The version the application read was old: the condition fails, it re-reads
                // (strongly) and writes again, which costs one more write unit.
                self.counters.conditional_failures += 1;
                self.write_used += 1;
            }
            self.fresh_at[item] = now + (self.lag as f64 * lag_draw) as Micros;
            return KvOutcome::Ok;
        }
        let cost = if self.consistent { 2 } else { 1 };
        if self.read_used + cost > 2 * u64::from(self.read_capacity) {
            self.counters.throttled += 1;
            return KvOutcome::Throttled;
        }
        self.read_used += cost;
        self.counters.reads += 1;
        let stale = !self.consistent && now < self.fresh_at[item];
        self.read_stale[item] = stale;
        if stale {
            self.counters.stale_reads += 1;
        }
        KvOutcome::Ok
    }

    /// Closes a second: the capacity refills and the last second's counts are kept.
    pub(crate) fn close_second(&mut self) {
        self.read_used = 0;
        self.write_used = 0;
        let c = &self.counters;
        let s = &self.second_start;
        self.last_second = KvCounters {
            reads: c.reads - s.reads,
            writes: c.writes - s.writes,
            throttled: c.throttled - s.throttled,
            stale_reads: c.stale_reads - s.stale_reads,
            conditional_failures: c.conditional_failures - s.conditional_failures,
            unavailable: c.unavailable - s.unavailable,
        };
        self.second_start = self.counters.clone();
    }

    /// Cost rate [USD/hour] of the provisioned capacity.
    pub fn cost_rate(&self) -> f64 {
        self.usd_per_hour
    }
}

impl World {
    /// An instance's work calls its key-value store; the work keeps its slot until the
    /// answer comes back after the store's latency.
    pub(crate) fn kv_call(&mut self, kv: crate::ids::KvId, call: DbCall) {
        let key = self.work_key(call.work);
        let draw = if call.write { self.rng.unit() } else { 0.0 };
        let store = &mut self.kvs[kv.index()];
        let outcome = store.serve(self.now, key, call.write, draw);
        let at = self.now + store.latency;
        self.events.schedule(at, Event::KvDone { call, ok: outcome == KvOutcome::Ok });
    }

    /// The item a piece of work reads or writes: its user's, or one per message.
    fn work_key(&self, work: Work) -> u32 {
        match work {
            Work::Request { id, .. } => self.requests.get(id).map_or(0, |r| r.user),
            Work::Message { message, .. } => message.0,
        }
    }

    /// A key-value call came back: the work goes on to its database if it has one (the
    /// call was its session), or finishes, failed if the call was refused.
    pub(crate) fn on_kv_done(&mut self, call: DbCall, ok: bool) {
        let Some(instance) = self.instances.get(call.instance.index()).filter(|i| i.epoch == call.epoch)
        else {
            return;
        };
        match instance.downstream.db {
            Some(db) if ok => self.query(db, call.instance, call.epoch, call.work, call.write),
            _ => self.finish_work(call.instance, call.work, ok),
        }
    }

    /// A regional outage of the store (rare: the store survives any zone's loss).
    pub(crate) fn store_outage(&mut self, kv: KvId) {
        let store = &mut self.kvs[kv.index()];
        if !store.up {
            return;
        }
        store.up = false;
        let name = store.name.clone();
        self.incidents.detect(self.now, Subject::Store(kv), ZoneId(u32::MAX));
        self.log.push(self.now, Happening::StoreDown { store: name });
    }

    /// The store answers again.
    pub(crate) fn restore_store(&mut self, kv: KvId) {
        let store = &mut self.kvs[kv.index()];
        if store.up {
            return;
        }
        store.up = true;
        let name = store.name.clone();
        self.log.push(self.now, Happening::StoreRestored { store: name });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> KvStore {
        let mut s = KvStore::new("kv".into(), 10);
        s.read_capacity = 2;
        s.write_capacity = 2;
        s.lag = 1_000_000;
        s
    }

    #[test]
    fn reads_beyond_twice_the_read_units_are_throttled_until_the_second_ends() {
        let mut s = store();
        for _ in 0..4 {
            assert_eq!(s.serve(0, 1, false, 0.0), KvOutcome::Ok, "2 RCU = 4 eventually consistent reads/s");
        }
        assert_eq!(s.serve(0, 1, false, 0.0), KvOutcome::Throttled);
        s.close_second();
        assert_eq!(s.last_second.throttled, 1);
        assert_eq!(s.serve(0, 1, false, 0.0), KvOutcome::Ok, "the capacity refills each second");
    }

    #[test]
    fn consistent_reads_cost_twice_as_much_and_are_never_stale() {
        let mut s = store();
        s.consistent = true;
        assert_eq!(s.serve(0, 3, true, 0.99), KvOutcome::Ok);
        assert_eq!(s.serve(1, 3, false, 0.0), KvOutcome::Ok);
        assert_eq!(s.serve(1, 3, false, 0.0), KvOutcome::Ok);
        assert_eq!(s.serve(1, 3, false, 0.0), KvOutcome::Throttled, "2 RCU = 2 strongly consistent reads/s");
        assert_eq!(s.counters.stale_reads, 0);
    }

    #[test]
    fn eventually_consistent_reads_are_stale_only_within_the_write_lag() {
        let mut s = store();
        s.serve(0, 5, true, 0.5); // visible everywhere 500 ms later
        s.serve(499_999, 5, false, 0.0);
        assert_eq!(s.counters.stale_reads, 1, "within the lag window");
        s.serve(500_000, 5, false, 0.0);
        s.serve(100, 6, false, 0.0);
        assert_eq!(s.counters.stale_reads, 1, "after the window, or for another item, reads are fresh");
    }

    #[test]
    fn a_write_after_a_stale_read_fails_its_condition_once() {
        let mut s = store();
        s.write_capacity = 10;
        s.serve(0, 1, true, 0.9);
        s.serve(10, 1, false, 0.0);
        s.serve(20, 1, true, 0.0);
        s.serve(30, 1, true, 0.0);
        assert_eq!(s.counters.conditional_failures, 1);
        assert_eq!(s.counters.writes, 3);
    }

    #[test]
    fn a_store_that_is_down_refuses_every_call() {
        let mut s = store();
        s.up = false;
        assert_eq!(s.serve(0, 1, false, 0.0), KvOutcome::Unavailable);
        assert_eq!(s.counters.unavailable, 1);
    }
}
