//! Applying commands: the one entry point for faults, user actions and scaling changes.

use super::World;
use super::event::{Event, TimerKey};
use super::instance::Lifecycle;
use crate::command::Command;
use crate::event_log::Happening;
use crate::ids::{BucketId, CdnId, DbId, GroupId, InstanceId, KvId, QueueId, RegionId, Subject, ZoneId};
use crate::time::{Micros, from_secs};

/// A command named something the world does not have.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CommandError(pub String);

impl World {
    /// Applies a command now. Unknown names are refused with a message, nothing changes.
    /// A fault opens its incident before it acts, so reactions during the command itself
    /// (a failover starting at once) count as its detection.
    pub fn apply(&mut self, command: Command) -> Result<(), CommandError> {
        let subject = self.resolve(&command)?;
        let text = command.describe();
        if command.is_fault() {
            self.incidents.open(self.now, text.clone(), subject);
        }
        self.log.push(self.now, Happening::Command { text });
        self.perform(&command, subject);
        self.commands_applied.push((self.now, command));
        Ok(())
    }

    /// Schedules a command at simulated time `at` (now, if `at` is in the past).
    pub fn schedule(&mut self, at: Micros, command: Command) {
        self.events.schedule(at.max(self.now), Event::Command(Box::new(command)));
    }

    /// What the names in a command refer to.
    fn resolve(&self, command: &Command) -> Result<Subject, CommandError> {
        let databases = self.dbs.iter().map(|d| d.name.as_str());
        let zones = self.zones.iter().map(|z| z.name.as_str());
        let queues = self.queues.iter().map(|q| q.name.as_str());
        let groups = self.groups.iter().map(|g| g.name.as_str());
        let stores = self.kvs.iter().map(|k| k.name.as_str());
        let buckets = self.buckets.iter().map(|b| b.name.as_str());
        let cdns = self.cdns.iter().map(|c| c.name.as_str());
        let regions = self.regions.iter().map(|r| r.name.as_str());
        Ok(match command {
            Command::KillInstance { instance }
            | Command::HangInstance { instance }
            | Command::SlowInstance { instance, .. }
            | Command::RecoverInstance { instance } => Subject::Instance(self.find_instance(instance)?),
            Command::KillDatabasePrimary { database } | Command::PromoteReplica { database, .. } => {
                Subject::Database(DbId(find(database, "database", databases)?))
            }
            Command::LoseZone { zone } | Command::ImpairZone { zone, .. } | Command::RestoreZone { zone } => {
                Subject::Zone(ZoneId(find(zone, "zone", zones)?))
            }
            Command::StopConsumers { queue } | Command::StartConsumers { queue } => {
                Subject::Queue(QueueId(find(queue, "queue", queues)?))
            }
            Command::SetDesiredCapacity { group, .. }
            | Command::StartChaosMonkey { group: Some(group), .. } => {
                Subject::Group(GroupId(find(group, "group", groups)?))
            }
            Command::StoreOutage { store } | Command::RestoreStore { store } => {
                Subject::Store(KvId(find(store, "key-value store", stores)?))
            }
            Command::StorageOutage { storage } | Command::RestoreStorage { storage } => {
                Subject::Bucket(BucketId(find(storage, "object storage", buckets)?))
            }
            Command::CdnOutage { cdn } | Command::RestoreCdn { cdn } => {
                Subject::Cdn(CdnId(find(cdn, "CDN", cdns)?))
            }
            Command::LoseRegion { region } | Command::RestoreRegion { region } => {
                Subject::Region(RegionId(find(region, "region", regions)?))
            }
            Command::TrafficSpike { .. }
            | Command::StartChaosMonkey { group: None, .. }
            | Command::StopChaosMonkey => Subject::Everything,
        })
    }

    /// Carries out a command whose names resolved to `subject`.
    fn perform(&mut self, command: &Command, subject: Subject) {
        match (command, subject) {
            (Command::KillInstance { .. }, Subject::Instance(id)) => self.crash_instance(id),
            (Command::HangInstance { .. }, Subject::Instance(id)) => self.hang_instance(id),
            (Command::SlowInstance { factor, .. }, Subject::Instance(id)) => {
                let factor = if factor.is_finite() { factor.clamp(1.0, 1000.0) } else { 1.0 };
                if self.instances[id.index()].answers() {
                    self.instances[id.index()].condition = super::instance::Condition::Slow(factor);
                }
            }
            (Command::RecoverInstance { .. }, Subject::Instance(id)) => self.recover_instance(id),
            (Command::KillDatabasePrimary { .. }, Subject::Database(db)) => self.fail_primary(db, false),
            (Command::PromoteReplica { replica, .. }, Subject::Database(db)) => {
                self.promote_replica(db, *replica as usize)
            }
            (Command::LoseZone { .. }, Subject::Zone(z)) => self.lose_zone(z),
            (Command::ImpairZone { added_latency_ms, drop_fraction, .. }, Subject::Zone(z)) => {
                self.impair_zone(z, *added_latency_ms, *drop_fraction)
            }
            (Command::RestoreZone { .. }, Subject::Zone(z)) => self.restore_zone(z),
            (Command::TrafficSpike { factor, duration_s }, _) => {
                let factor = if factor.is_finite() { *factor } else { 1.0 };
                self.spike(factor, from_secs(*duration_s));
            }
            (Command::StopConsumers { .. }, Subject::Queue(q)) => self.set_consumers(q, false),
            (Command::StartConsumers { .. }, Subject::Queue(q)) => self.set_consumers(q, true),
            (Command::SetDesiredCapacity { desired, .. }, Subject::Group(g)) => {
                self.set_desired(g, *desired, "set by hand".to_owned())
            }
            (Command::StartChaosMonkey { mean_interval_s, business_hours, .. }, subject) => {
                let group = if let Subject::Group(g) = subject { Some(g) } else { None };
                self.start_chaos(group, from_secs(mean_interval_s.max(1.0)), *business_hours);
            }
            (Command::StopChaosMonkey, _) => {
                self.chaos = None;
                self.events.cancel(&TimerKey::Chaos);
            }
            (Command::StoreOutage { .. }, Subject::Store(kv)) => self.store_outage(kv),
            (Command::RestoreStore { .. }, Subject::Store(kv)) => self.restore_store(kv),
            (Command::StorageOutage { .. }, Subject::Bucket(b)) => self.storage_outage(b),
            (Command::RestoreStorage { .. }, Subject::Bucket(b)) => self.restore_storage(b),
            (Command::CdnOutage { .. }, Subject::Cdn(cdn)) => self.cdn_outage(cdn),
            (Command::RestoreCdn { .. }, Subject::Cdn(cdn)) => self.restore_cdn(cdn),
            (Command::LoseRegion { .. }, Subject::Region(r)) => self.lose_region(r),
            (Command::RestoreRegion { .. }, Subject::Region(r)) => self.restore_region(r),
            // `resolve` pairs every command with its own kind of subject.
            _ => {}
        }
    }

    /// The living instance with this name (the newest, if names repeat).
    fn find_instance(&self, name: &str) -> Result<InstanceId, CommandError> {
        let found =
            self.instances.iter().rposition(|i| i.name == name && i.lifecycle != Lifecycle::Terminated);
        found.map(|i| InstanceId(i as u32)).ok_or_else(|| {
            let names: Vec<&str> = self
                .instances
                .iter()
                .filter(|i| i.lifecycle != Lifecycle::Terminated)
                .map(|i| i.name.as_str())
                .collect();
            CommandError(format!("there is no running instance `{name}`; running: {}", names.join(", ")))
        })
    }

    /// A scheduled command comes due; a failure is narrated rather than fatal.
    pub(crate) fn on_command(&mut self, command: Command) {
        if let Err(error) = self.apply(command.clone()) {
            let text = format!("{} — not applied: {error}", command.describe());
            self.log.push(self.now, Happening::Command { text });
        }
    }
}

/// The index of `name` among a table's names, or an error listing the names there are.
fn find<'a>(name: &str, kind: &str, names: impl Iterator<Item = &'a str>) -> Result<u32, CommandError> {
    let all: Vec<&str> = names.collect();
    all.iter().position(|n| *n == name).map(|i| i as u32).ok_or_else(|| {
        let known = if all.is_empty() { "none".to_owned() } else { all.join(", ") };
        CommandError(format!("there is no {kind} `{name}`; the design has: {known}"))
    })
}
