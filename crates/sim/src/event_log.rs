//! The event log: a typed, timestamped narration of everything that happened in a run.
//!
//! Entries are appended in time order and read incrementally (`since(cursor)`), so the UI
//! never copies the whole history per frame.

use std::fmt;

use serde::Serialize;

use crate::time::{Micros, clock};

/// How much an entry matters to someone watching.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Routine: launches, checks passing.
    Info,
    /// Something is going wrong or was done on purpose.
    Warning,
    /// Users are affected or data is lost.
    Critical,
}

/// What happened. Names are the ids the learner sees.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Happening {
    /// A command was applied (a fault, a capacity change, chaos on or off).
    Command {
        /// The command in words, e.g. "killed web-1".
        text: String,
    },
    /// A health check of `target` by `lb` failed; `count` of `threshold` in a row.
    HealthCheckFailed {
        /// The load balancer that checked.
        lb: String,
        /// The instance checked.
        target: String,
        /// Checks failed in a row so far, this one included.
        count: u32,
        /// Failed checks in a row that take the target out of service.
        threshold: u32,
        /// Why it failed, e.g. "timed out" or "connection refused".
        reason: String,
    },
    /// The target left rotation after failing `threshold` checks in a row.
    OutOfService {
        /// The load balancer that stopped routing to it.
        lb: String,
        /// The instance taken out.
        target: String,
        /// Failed checks in a row it took.
        threshold: u32,
    },
    /// The target passed enough checks and receives requests.
    InService {
        /// The load balancer that now routes to it.
        lb: String,
        /// The instance put in service.
        target: String,
    },
    /// Every target is unhealthy, so the load balancer routes to all of them.
    FailOpen {
        /// The load balancer failing open.
        lb: String,
    },
    /// The target stopped receiving new requests and finishes what it has.
    Draining {
        /// The load balancer draining it.
        lb: String,
        /// The instance being drained.
        target: String,
    },
    /// A load-balancer node's zone failed and DNS stopped returning it.
    NodeRemovedFromDns {
        /// The load balancer whose node left DNS.
        lb: String,
        /// The node's zone.
        zone: String,
    },
    /// A load-balancer node is back in DNS.
    NodeRestored {
        /// The load balancer whose node returned.
        lb: String,
        /// The node's zone.
        zone: String,
    },
    /// A group started an instance.
    Launching {
        /// The auto-scaling group launching it.
        group: String,
        /// The new instance's name.
        instance: String,
        /// The zone chosen for it.
        zone: String,
        /// Why: scaling out, replacing an unhealthy member, rebalancing …
        reason: String,
    },
    /// A launched instance finished booting.
    Launched {
        /// The instance now in service.
        instance: String,
    },
    /// A group found an instance unhealthy and will replace it.
    MarkedUnhealthy {
        /// The auto-scaling group.
        group: String,
        /// The member found unhealthy.
        instance: String,
        /// The health check that found it: "EC2" or "ELB".
        check: String,
    },
    /// An instance was terminated.
    Terminated {
        /// The instance.
        instance: String,
        /// Why, e.g. "replaced or scaled in".
        reason: String,
    },
    /// An instance crashed.
    Crashed {
        /// The instance.
        instance: String,
    },
    /// Users bound to an instance by a sticky cookie lost the sessions it held in memory.
    SessionsLost {
        /// The instance that held them.
        instance: String,
        /// Sessions lost [users].
        sessions: u64,
    },
    /// A key-value store stopped answering (a rare regional event).
    StoreDown {
        /// The key-value store.
        store: String,
    },
    /// A key-value store answers again.
    StoreRestored {
        /// The key-value store.
        store: String,
    },
    /// Object storage stopped answering (a rare regional event).
    StorageDown {
        /// The object storage.
        storage: String,
    },
    /// Object storage answers again.
    StorageRestored {
        /// The object storage.
        storage: String,
    },
    /// A CDN stopped answering.
    CdnDown {
        /// The CDN.
        cdn: String,
    },
    /// A CDN answers again.
    CdnRestored {
        /// The CDN.
        cdn: String,
    },
    /// A group changed its desired capacity.
    CapacityChanged {
        /// The auto-scaling group.
        group: String,
        /// Desired capacity before [instances].
        from: u32,
        /// Desired capacity after [instances].
        to: u32,
        /// What asked for it, e.g. "set by hand", "alarm jobs-age" or a target-tracking policy.
        reason: String,
    },
    /// A group could not launch anywhere.
    LaunchBlocked {
        /// The auto-scaling group.
        group: String,
        /// Why, e.g. "every zone is down".
        reason: String,
    },
    /// An alarm changed state.
    Alarm {
        /// The alarm.
        alarm: String,
        /// AWS's name of the old state, e.g. "OK".
        from: String,
        /// AWS's name of the new state, e.g. "ALARM".
        to: String,
        /// The metric value that decided it, in the metric's unit; `None` with no data.
        value: Option<f64>,
    },
    /// A database failover began.
    FailoverStarted {
        /// The database.
        database: String,
        /// The failed primary's zone.
        from_zone: String,
        /// The standby's zone, where the new primary will be.
        to_zone: String,
    },
    /// A database failover completed; the standby is the new primary.
    FailoverDone {
        /// The database.
        database: String,
        /// The new primary's zone.
        zone: String,
        /// How long the failover took [s].
        seconds: f64,
    },
    /// A database is down with no standby to take over.
    DatabaseDown {
        /// The database.
        database: String,
        /// The recovery under way and its end as a clock time, e.g. "host replacement until 00:09:12".
        until: String,
    },
    /// A database is available again.
    DatabaseRecovered {
        /// The database.
        database: String,
        /// Committed writes lost by the outage (a restore loses the last minutes).
        writes_lost: u64,
    },
    /// A new standby finished building.
    StandbyReady {
        /// The database.
        database: String,
        /// The new standby's zone.
        zone: String,
    },
    /// Messages reached the dead-letter queue.
    DeadLettered {
        /// The source queue.
        queue: String,
        /// Messages moved since the last such entry.
        count: u64,
    },
    /// Messages expired unprocessed: lost.
    Expired {
        /// The queue.
        queue: String,
        /// Messages expired since the last such entry.
        count: u64,
    },
    /// The same message was processed twice by a consumer that is not idempotent.
    DuplicateWrite {
        /// The queue the message came from.
        queue: String,
        /// The worker instance that processed it again.
        worker: String,
    },
    /// A zone lost power.
    ZoneLost {
        /// The zone.
        zone: String,
    },
    /// A zone returned.
    ZoneRestored {
        /// The zone.
        zone: String,
    },
    /// A whole region went down.
    RegionLost {
        /// The region's name.
        region: String,
    },
    /// A region returned.
    RegionRestored {
        /// The region's name.
        region: String,
    },
    /// A DNS name's health checks flipped a record: it leaves or rejoins the answers.
    DnsRecord {
        /// The DNS name.
        dns: String,
        /// The load balancer of the record.
        lb: String,
        /// Healthy again (true) or unhealthy (false).
        healthy: bool,
    },
}

impl Happening {
    /// How much it matters.
    pub fn severity(&self) -> Severity {
        use Happening::*;
        match self {
            Command { .. } | HealthCheckFailed { .. } | Draining { .. } | MarkedUnhealthy { .. } => {
                Severity::Warning
            }
            OutOfService { .. } | LaunchBlocked { .. } | Alarm { .. } | FailoverStarted { .. } => {
                Severity::Warning
            }
            FailOpen { .. } | NodeRemovedFromDns { .. } | Crashed { .. } | DatabaseDown { .. } => {
                Severity::Critical
            }
            SessionsLost { .. } | StoreDown { .. } => Severity::Critical,
            StorageDown { .. } | CdnDown { .. } => Severity::Critical,
            RegionLost { .. } => Severity::Critical,
            DnsRecord { healthy: false, .. } => Severity::Warning,
            DeadLettered { .. } | Expired { .. } | DuplicateWrite { .. } | ZoneLost { .. } => {
                Severity::Critical
            }
            _ => Severity::Info,
        }
    }

    /// The component the entry is mainly about (for highlighting it on the canvas).
    pub fn subject(&self) -> &str {
        use Happening::*;
        match self {
            Command { .. } => "",
            HealthCheckFailed { target, .. } | OutOfService { target, .. } | InService { target, .. } => {
                target
            }
            Draining { target, .. } => target,
            FailOpen { lb } | NodeRemovedFromDns { lb, .. } | NodeRestored { lb, .. } => lb,
            Launching { instance, .. } | Launched { instance } | MarkedUnhealthy { instance, .. } => instance,
            Terminated { instance, .. } | Crashed { instance } | SessionsLost { instance, .. } => instance,
            StoreDown { store } | StoreRestored { store } => store,
            StorageDown { storage } | StorageRestored { storage } => storage,
            CdnDown { cdn } | CdnRestored { cdn } => cdn,
            CapacityChanged { group, .. } | LaunchBlocked { group, .. } => group,
            Alarm { alarm, .. } => alarm,
            FailoverStarted { database, .. }
            | FailoverDone { database, .. }
            | DatabaseDown { database, .. } => database,
            DatabaseRecovered { database, .. } | StandbyReady { database, .. } => database,
            DeadLettered { queue, .. } | Expired { queue, .. } | DuplicateWrite { queue, .. } => queue,
            ZoneLost { zone } | ZoneRestored { zone } => zone,
            RegionLost { region } | RegionRestored { region } => region,
            DnsRecord { dns, .. } => dns,
        }
    }
}

impl fmt::Display for Happening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Happening::*;
        match self {
            Command { text } => write!(f, "fault: {text}"),
            HealthCheckFailed { lb, target, count, threshold, reason } => {
                write!(f, "{lb}: {target} failed a health check ({count}/{threshold}): {reason}")
            }
            OutOfService { lb, target, threshold } => {
                write!(f, "{lb}: {target} failed {threshold} consecutive health checks → OutOfService")
            }
            InService { lb, target } => write!(f, "{lb}: {target} passed its health checks → InService"),
            FailOpen { lb } => write!(f, "{lb}: no healthy target left → failing open to all targets"),
            Draining { lb, target } => write!(f, "{lb}: {target} deregistered → draining"),
            NodeRemovedFromDns { lb, zone } => write!(f, "{lb}: node in zone {zone} removed from DNS"),
            NodeRestored { lb, zone } => write!(f, "{lb}: node in zone {zone} back in DNS"),
            Launching { group, instance, zone, reason } => {
                write!(f, "{group}: launching {instance} in zone {zone} ({reason})")
            }
            Launched { instance } => write!(f, "{instance}: booted"),
            MarkedUnhealthy { group, instance, check } => {
                write!(f, "{group}: {instance} failed its {check} health check → replacing it")
            }
            Terminated { instance, reason } => write!(f, "{instance}: terminated ({reason})"),
            Crashed { instance } => write!(f, "{instance}: crashed"),
            SessionsLost { instance, sessions } => {
                write!(f, "{instance}: {sessions} user session(s) held in its memory lost")
            }
            StoreDown { store } => write!(f, "{store}: not answering (regional outage)"),
            StoreRestored { store } => write!(f, "{store}: answering again"),
            StorageDown { storage } => {
                write!(
                    f,
                    "{storage}: not answering (regional outage); CDN misses fail, hits are still served"
                )
            }
            StorageRestored { storage } => write!(f, "{storage}: answering again"),
            CdnDown { cdn } => write!(f, "{cdn}: not answering; every request through it fails"),
            CdnRestored { cdn } => write!(f, "{cdn}: answering again"),
            CapacityChanged { group, from, to, reason } => {
                write!(f, "{group}: desired capacity {from} → {to} ({reason})")
            }
            LaunchBlocked { group, reason } => write!(f, "{group}: cannot launch: {reason}"),
            Alarm { alarm, from, to, value } => match value {
                Some(v) => write!(f, "alarm {alarm}: {from} → {to} (value {v:.1})"),
                None => write!(f, "alarm {alarm}: {from} → {to} (no data)"),
            },
            FailoverStarted { database, from_zone, to_zone } => {
                write!(f, "{database}: primary in zone {from_zone} failed → failing over to zone {to_zone}")
            }
            FailoverDone { database, zone, seconds } => {
                write!(f, "{database}: failover complete after {seconds:.0} s, primary now in zone {zone}")
            }
            DatabaseDown { database, until } => write!(f, "{database}: down, no standby ({until})"),
            DatabaseRecovered { database, writes_lost: 0 } => write!(f, "{database}: available again"),
            DatabaseRecovered { database, writes_lost } => {
                write!(f, "{database}: available again, {writes_lost} committed writes lost")
            }
            StandbyReady { database, zone } => write!(f, "{database}: new standby ready in zone {zone}"),
            DeadLettered { queue, count } => {
                write!(f, "{queue}: {count} message(s) moved to the dead-letter queue")
            }
            Expired { queue, count } => write!(f, "{queue}: {count} message(s) expired unprocessed (lost)"),
            DuplicateWrite { queue, worker } => {
                write!(f, "{queue}: {worker} processed a message twice (not idempotent: duplicate write)")
            }
            ZoneLost { zone } => write!(f, "zone {zone} lost power"),
            ZoneRestored { zone } => write!(f, "zone {zone} restored"),
            RegionLost { region } => write!(f, "region {region} lost: every zone and regional service in it"),
            RegionRestored { region } => write!(f, "region {region} restored"),
            DnsRecord { dns, lb, healthy: false } => {
                write!(f, "{dns}: {lb} failed its health checks → out of the DNS answers")
            }
            DnsRecord { dns, lb, healthy: true } => {
                write!(f, "{dns}: {lb} passed its health checks → back in the DNS answers")
            }
        }
    }
}

/// One line of the log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LogEntry {
    /// When [µs].
    pub time: Micros,
    /// How much it matters.
    pub severity: Severity,
    /// What happened.
    pub happening: Happening,
}

impl fmt::Display for LogEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", clock(self.time), self.happening)
    }
}

/// The whole log of a run, append-only.
#[derive(Clone, Debug, Default)]
pub struct EventLog {
    entries: Vec<LogEntry>,
}

impl EventLog {
    /// Appends an entry.
    pub fn push(&mut self, time: Micros, happening: Happening) {
        let severity = happening.severity();
        self.entries.push(LogEntry { time, severity, happening });
    }

    /// Every entry so far.
    pub fn entries(&self) -> &[LogEntry] {
        &self.entries
    }

    /// Entries after the first `cursor` ones, and the new cursor.
    pub fn since(&self, cursor: usize) -> (&[LogEntry], usize) {
        let start = cursor.min(self.entries.len());
        (&self.entries[start..], self.entries.len())
    }
}
