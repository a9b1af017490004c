//! Databases: a primary with slots, a Multi-AZ standby, read replicas, failover, recovery.

use std::collections::VecDeque;

use serde::Serialize;

use super::World;
use super::event::{DbCall, Event, NodeRef, Work};
use crate::event_log::Happening;
use crate::ids::Subject;
use crate::ids::{DbId, InstanceId, ZoneId};
use crate::time::{MINUTE, Micros, SECOND, as_secs, clock};

/// One copy of the database that can serve queries.
#[derive(Clone, Debug)]
pub struct DbNode {
    /// The zone the copy runs in.
    pub zone: ZoneId,
    /// The copy answers queries (its host and zone are up).
    pub up: bool,
    /// Queries it serves at once.
    pub slots: u32,
    /// Queries it is serving now; at most `slots`.
    pub busy: u32,
    /// Bumped when the node fails, so queries in progress come back as failures.
    pub(crate) epoch: u32,
    pub(crate) waiting: VecDeque<DbCall>,
    /// A replica promoted away: it stays in its slot so that indices in pending queries
    /// remain valid, but it serves nothing.
    pub retired: bool,
}

impl DbNode {
    pub(crate) fn new(zone: ZoneId, slots: u32) -> DbNode {
        DbNode { zone, up: true, slots, busy: 0, epoch: 0, waiting: VecDeque::new(), retired: false }
    }

    /// The node starts afresh (a new host, a promoted copy) in `zone`. Its epoch keeps
    /// rising, so queries sent to the old host come back as failures.
    fn restart(&mut self, zone: ZoneId) {
        self.zone = zone;
        self.up = true;
        self.busy = 0;
        self.epoch += 1;
        self.waiting.clear();
    }
}

/// What the database as a whole is doing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DbState {
    /// Serving reads and writes.
    Available,
    /// The primary failed; the standby takes over at `until` [µs].
    FailingOver {
        /// When the primary failed [µs].
        since: Micros,
        /// When the standby takes over [µs].
        until: Micros,
        /// The standby's zone, where the new primary will be.
        to: ZoneId,
    },
    /// Down without a standby until `until` [µs] (host replacement or restore), or until
    /// its zone returns; `writes_at_risk` are lost if a restore finishes first.
    Down {
        /// When it went down [µs].
        since: Micros,
        /// When the host replacement or restore finishes [µs].
        until: Micros,
        /// It went down with its zone, so it comes back by restore (or when the zone returns).
        zone_loss: bool,
        /// Committed writes a restore would lose: those within the recovery point.
        writes_at_risk: u64,
    },
}

/// A database.
#[derive(Clone, Debug)]
pub struct Database {
    /// The component's name in the design.
    pub name: String,
    /// The primary copy: every write and, without replicas, every read.
    pub primary: DbNode,
    /// Zone of the synchronous standby, if any.
    pub standby: Option<ZoneId>,
    /// Read replicas, in the design's order; promoted ones stay as retired slots.
    pub replicas: Vec<DbNode>,
    /// Available, failing over or down.
    pub state: DbState,
    /// Mean query time [µs].
    pub query_mean: Micros,
    /// Multi-AZ failover duration range [s], drawn uniformly; AWS: typically 60–120.
    pub failover_s: [f64; 2],
    /// Single-AZ host replacement duration range [s] after a primary failure.
    pub host_replacement_s: [f64; 2],
    /// Point-in-time restore duration range [s] after losing a single-AZ database's zone.
    pub restore_s: [f64; 2],
    /// Recovery point [µs].
    pub recovery_point: Micros,
    /// Mean replication lag of read replicas [µs].
    pub replica_lag: Micros,
    /// Zone where the next standby should be built.
    standby_preference: Option<ZoneId>,
    /// Price of one copy [USD/hour].
    pub usd_per_hour: f64,
    /// Price multiplier of a Multi-AZ deployment (primary plus standby); 2.
    pub multi_az_factor: f64,
    /// Committed writes per second over the last recovery-point window: (second, count).
    recent_writes: VecDeque<(u64, u64)>,
    /// Committed writes in total.
    pub writes: u64,
    /// Committed writes lost to restores and promotions.
    pub writes_lost: u64,
    /// Bumped by every state change, so stale timers are ignored.
    pub(crate) epoch: u32,
    rr: u32,
}

/// Time to build a new Multi-AZ standby after a failover [µs].
pub(crate) const STANDBY_REBUILD: Micros = 15 * MINUTE;

impl Database {
    pub(crate) fn new(name: String, primary: DbNode, standby: Option<ZoneId>) -> Database {
        Database {
            name,
            primary,
            standby,
            replicas: Vec::new(),
            state: DbState::Available,
            query_mean: 5_000,
            failover_s: [60.0, 120.0],
            host_replacement_s: [600.0, 1800.0],
            restore_s: [7200.0, 14_400.0],
            recovery_point: 300 * SECOND,
            replica_lag: 100_000,
            standby_preference: None,
            usd_per_hour: 0.0,
            multi_az_factor: 2.0,
            recent_writes: VecDeque::new(),
            writes: 0,
            writes_lost: 0,
            epoch: 0,
            rr: 0,
        }
    }

    /// Whether writes are accepted.
    pub fn available(&self) -> bool {
        self.state == DbState::Available && self.primary.up
    }

    /// Cost rate [USD/hour]: the primary (doubled for Multi-AZ) and each replica.
    pub fn cost_rate(&self) -> f64 {
        let primary =
            if self.standby.is_some() { self.usd_per_hour * self.multi_az_factor } else { self.usd_per_hour };
        primary + self.usd_per_hour * self.active_replicas().count() as f64
    }

    /// Read replicas not promoted away.
    pub fn active_replicas(&self) -> impl Iterator<Item = &DbNode> {
        self.replicas.iter().filter(|r| !r.retired)
    }

    fn node_mut(&mut self, node: NodeRef) -> Option<&mut DbNode> {
        match node {
            NodeRef::Primary => Some(&mut self.primary),
            NodeRef::Replica(i) => self.replicas.get_mut(i as usize),
        }
    }

    /// Reads go round-robin to replicas that are up, else to the primary.
    fn pick_node(&mut self, write: bool) -> Option<NodeRef> {
        let serving = |r: &DbNode| r.up && !r.retired;
        let up = self.replicas.iter().filter(|r| serving(r)).count();
        if !write && up > 0 {
            self.rr = self.rr.wrapping_add(1);
            let nth = self.rr as usize % up;
            let index =
                self.replicas.iter().enumerate().filter(|(_, r)| serving(r)).nth(nth).map(|(i, _)| i)?;
            return Some(NodeRef::Replica(index as u8));
        }
        self.available().then_some(NodeRef::Primary)
    }

    fn record_write(&mut self, now: Micros) {
        self.writes += 1;
        let second = now / SECOND;
        match self.recent_writes.back_mut() {
            Some((s, count)) if *s == second => *count += 1,
            _ => self.recent_writes.push_back((second, 1)),
        }
        let window = self.recovery_point / SECOND;
        while self.recent_writes.front().is_some_and(|(s, _)| s + window < second) {
            self.recent_writes.pop_front();
        }
    }

    /// Writes committed within the recovery-point window before `now`.
    fn writes_in_window(&self, now: Micros, window: Micros) -> u64 {
        let from = now.saturating_sub(window) / SECOND;
        self.recent_writes.iter().filter(|(s, _)| *s >= from).map(|(_, c)| c).sum()
    }
}

impl World {
    /// An instance's work asks the database a query; the work keeps its slot meanwhile.
    pub(crate) fn query(&mut self, db: DbId, instance: InstanceId, epoch: u32, work: Work, write: bool) {
        let call = DbCall { instance, epoch, work, write };
        let database = &mut self.dbs[db.index()];
        let Some(node_ref) = database.pick_node(write) else { return self.answer(call, false) };
        let Some(node) = database.node_mut(node_ref) else { return self.answer(call, false) };
        if node.busy < node.slots {
            node.busy += 1;
            let node_epoch = node.epoch;
            let took = self.rng.exponential(database.query_mean);
            self.events.schedule(self.now + took, Event::QueryDone { db, node: node_ref, node_epoch, call });
        } else {
            node.waiting.push_back(call);
        }
    }

    /// A query finished (or its node failed meanwhile): answer the caller, start the next.
    pub(crate) fn on_query_done(&mut self, db: DbId, node_ref: NodeRef, node_epoch: u32, call: DbCall) {
        let now = self.now;
        let database = &mut self.dbs[db.index()];
        let Some(node) = database.node_mut(node_ref).filter(|n| n.epoch == node_epoch) else {
            return self.answer(call, false);
        };
        node.busy -= 1;
        if let Some(next) = node.waiting.pop_front() {
            node.busy += 1;
            let took = self.rng.exponential(database.query_mean);
            let event = Event::QueryDone { db, node: node_ref, node_epoch, call: next };
            self.events.schedule(now + took, event);
        }
        if call.write {
            database.record_write(now);
        }
        self.answer(call, true);
    }

    /// Gives the query's outcome back to the instance that waits for it.
    fn answer(&mut self, call: DbCall, ok: bool) {
        if self.instances.get(call.instance.index()).is_some_and(|i| i.epoch == call.epoch) {
            self.finish_work(call.instance, call.work, ok);
        }
    }

    /// A database node fails: queued queries fail now, running ones when they return.
    fn fail_node(&mut self, db: DbId, node_ref: NodeRef) {
        let Some(node) = self.dbs[db.index()].node_mut(node_ref) else { return };
        node.up = false;
        node.busy = 0;
        node.epoch += 1;
        let waiting: Vec<DbCall> = node.waiting.drain(..).collect();
        for call in waiting {
            self.answer(call, false);
        }
    }

    /// The primary fails: Multi-AZ fails over to the standby; otherwise the database is
    /// down until a new host (instance failure) or a restore or the zone's return (zone loss).
    pub(crate) fn fail_primary(&mut self, db: DbId, zone_loss: bool) {
        let now = self.now;
        if !self.dbs[db.index()].primary.up {
            return;
        }
        self.fail_node(db, NodeRef::Primary);
        let standby = self.dbs[db.index()].standby.filter(|z| !self.zones[z.index()].lost);
        let database = &mut self.dbs[db.index()];
        database.epoch += 1;
        let from_zone = self.zones[database.primary.zone.index()].name.clone();
        let happening = if let Some(to) = standby {
            let until = now + self.rng.between_secs(database.failover_s);
            database.state = DbState::FailingOver { since: now, until, to };
            let to_zone = self.zones[to.index()].name.clone();
            Happening::FailoverStarted { database: database.name.clone(), from_zone, to_zone }
        } else {
            let range = if zone_loss { database.restore_s } else { database.host_replacement_s };
            let until = now + self.rng.between_secs(range);
            let writes_at_risk =
                if zone_loss { database.writes_in_window(now, database.recovery_point) } else { 0 };
            database.state = DbState::Down { since: now, until, zone_loss, writes_at_risk };
            let what = if zone_loss { "point-in-time restore" } else { "host replacement" };
            Happening::DatabaseDown {
                database: database.name.clone(),
                until: format!("{what} until {}", clock(until)),
            }
        };
        let until = match database.state {
            DbState::FailingOver { until, .. } | DbState::Down { until, .. } => until,
            DbState::Available => now,
        };
        let epoch = database.epoch;
        self.events.schedule(until, Event::Database { db, epoch });
        let zone = self.dbs[db.index()].primary.zone;
        self.incidents.detect(now, Subject::Database(db), zone);
        self.log.push(now, happening);
    }

    /// A failover, host replacement or restore finished.
    pub(crate) fn on_database_timer(&mut self, db: DbId, epoch: u32) {
        let now = self.now;
        let database = &mut self.dbs[db.index()];
        if database.epoch != epoch {
            return;
        }
        match database.state {
            DbState::FailingOver { since, to, .. } => {
                let old = database.primary.zone;
                database.primary.restart(to);
                database.standby = None;
                database.state = DbState::Available;
                let name = database.name.clone();
                let zone = self.zones[to.index()].name.clone();
                let seconds = as_secs(now - since);
                self.log.push(now, Happening::FailoverDone { database: name, zone, seconds });
                self.schedule_standby_rebuild(db, old);
            }
            DbState::Down { writes_at_risk, zone_loss, .. } => {
                let lost = if zone_loss { writes_at_risk } else { 0 };
                self.recover_database(db, lost);
            }
            DbState::Available => {}
        }
    }

    /// The database serves again, having lost `writes_lost` committed writes.
    fn recover_database(&mut self, db: DbId, writes_lost: u64) {
        let database = &mut self.dbs[db.index()];
        database.epoch += 1;
        let zone = database.primary.zone;
        database.primary.restart(zone);
        database.state = DbState::Available;
        database.writes_lost += writes_lost;
        let name = database.name.clone();
        self.log.push(self.now, Happening::DatabaseRecovered { database: name, writes_lost });
    }

    /// A new standby is built, preferring the old primary's zone if it is up.
    fn schedule_standby_rebuild(&mut self, db: DbId, preferred: ZoneId) {
        let epoch = self.dbs[db.index()].epoch;
        self.dbs[db.index()].standby_preference = Some(preferred);
        self.events.schedule(self.now + STANDBY_REBUILD, Event::StandbyReady { db, epoch });
    }

    /// The rebuilt standby is ready (if nothing changed meanwhile).
    pub(crate) fn on_standby_ready(&mut self, db: DbId, epoch: u32) {
        let primary_zone = self.dbs[db.index()].primary.zone;
        if self.dbs[db.index()].epoch != epoch || self.dbs[db.index()].standby.is_some() {
            return;
        }
        let usable = |z: &ZoneId| *z != primary_zone && !self.zones[z.index()].lost;
        let preferred = self.dbs[db.index()].standby_preference.filter(usable);
        let Some(zone) = preferred.or_else(|| (0..self.zones.len()).map(|z| ZoneId(z as u32)).find(usable))
        else {
            return;
        };
        let database = &mut self.dbs[db.index()];
        database.standby = Some(zone);
        let (name, zone) = (database.name.clone(), self.zones[zone.index()].name.clone());
        self.log.push(self.now, Happening::StandbyReady { database: name, zone });
    }

    /// A zone fails: copies of every database in it fail.
    pub(crate) fn databases_lose_zone(&mut self, zone: ZoneId) {
        for index in 0..self.dbs.len() {
            let db = DbId(index as u32);
            for r in 0..self.dbs[index].replicas.len() {
                if self.dbs[index].replicas[r].zone == zone && !self.dbs[index].replicas[r].retired {
                    self.fail_node(db, NodeRef::Replica(r as u8));
                }
            }
            let database = &mut self.dbs[index];
            if database.standby == Some(zone) {
                database.standby = None;
                if let DbState::FailingOver { since, .. } = database.state {
                    // The standby died mid-failover: nothing is left to take over.
                    let until = since + self.rng.between_secs(database.restore_s);
                    database.epoch += 1;
                    database.state = DbState::Down { since, until, zone_loss: true, writes_at_risk: 0 };
                    let epoch = database.epoch;
                    self.events.schedule(until, Event::Database { db, epoch });
                } else {
                    let primary_zone = database.primary.zone;
                    self.schedule_standby_rebuild(db, primary_zone);
                }
            }
            if self.dbs[index].primary.zone == zone {
                self.fail_primary(db, true);
            }
        }
    }

    /// A zone returns: replicas in it come back; a database waiting for its zone recovers
    /// with its storage intact (no writes lost).
    pub(crate) fn databases_regain_zone(&mut self, zone: ZoneId) {
        for index in 0..self.dbs.len() {
            let database = &mut self.dbs[index];
            for replica in database.replicas.iter_mut().filter(|r| r.zone == zone && !r.retired) {
                replica.up = true;
            }
            let waiting = matches!(database.state, DbState::Down { zone_loss: true, .. });
            if waiting && database.primary.zone == zone {
                self.recover_database(DbId(index as u32), 0);
            }
        }
    }

    /// Promotes a read replica to a standalone primary; writes not yet replicated are lost.
    pub(crate) fn promote_replica(&mut self, db: DbId, replica: usize) {
        let now = self.now;
        let usable = self.dbs[db.index()].replicas.get(replica).is_some_and(|r| r.up && !r.retired);
        if !usable {
            return;
        }
        let lag = self.replica_lag(db);
        self.fail_node(db, NodeRef::Replica(replica as u8));
        self.fail_node(db, NodeRef::Primary);
        let database = &mut self.dbs[db.index()];
        database.replicas[replica].retired = true;
        let zone = database.replicas[replica].zone;
        let lost = database.writes_in_window(now, lag.max(SECOND)) * lag / SECOND;
        database.primary.restart(zone);
        database.standby = None;
        database.epoch += 1;
        database.state = DbState::Available;
        database.writes_lost += lost;
        let name = database.name.clone();
        self.log.push(now, Happening::DatabaseRecovered { database: name, writes_lost: lost });
    }

    fn replica_lag(&mut self, db: DbId) -> Micros {
        self.rng.exponential(self.dbs[db.index()].replica_lag)
    }
}
