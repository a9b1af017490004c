//! Applying commands: the one entry point for faults, user actions and scaling changes.

use super::World;
use super::event::{Event, TimerKey};
use super::instance::Lifecycle;
use crate::command::Command;
use crate::event_log::Happening;
use crate::ids::{DbId, GroupId, InstanceId, QueueId, ZoneId};
use crate::time::{Micros, from_secs};

/// A command named something the world does not have.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CommandError(pub String);

/// What a command's target resolved to, for incident tracking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Instance(InstanceId),
    Database(DbId),
    Zone(ZoneId),
    Queue(QueueId),
    Group(GroupId),
    Everything,
}

impl World {
    /// Applies a command now. Unknown names are refused with a message, nothing changes.
    pub fn apply(&mut self, command: Command) -> Result<(), CommandError> {
        let subject = self.execute(&command)?;
        let text = command.describe();
        if command.is_fault() {
            self.incidents.open(self.now, text.clone(), subject);
        }
        self.commands_applied.push((self.now, command));
        self.log.push(self.now, Happening::Command { text });
        Ok(())
    }

    /// Schedules a command at simulated time `at` (now, if `at` is in the past).
    pub fn schedule(&mut self, at: Micros, command: Command) {
        self.events.schedule(at.max(self.now), Event::Command(Box::new(command)));
    }

    fn execute(&mut self, command: &Command) -> Result<Subject, CommandError> {
        Ok(match command {
            Command::KillInstance { instance } => {
                let id = self.find_instance(instance)?;
                self.crash_instance(id);
                Subject::Instance(id)
            }
            Command::HangInstance { instance } => {
                let id = self.find_instance(instance)?;
                self.hang_instance(id);
                Subject::Instance(id)
            }
            Command::SlowInstance { instance, factor } => {
                let id = self.find_instance(instance)?;
                let factor = if factor.is_finite() { factor.clamp(1.0, 1000.0) } else { 1.0 };
                if self.instances[id.index()].answers() {
                    self.instances[id.index()].condition = super::instance::Condition::Slow(factor);
                }
                Subject::Instance(id)
            }
            Command::RecoverInstance { instance } => {
                let id = self.find_instance(instance)?;
                self.recover_instance(id);
                Subject::Instance(id)
            }
            Command::KillDatabasePrimary { database } => {
                let db =
                    self.find(database, "database", |w| w.dbs.iter().map(|d| d.name.as_str()).collect())?;
                self.fail_primary(DbId(db), false);
                Subject::Database(DbId(db))
            }
            Command::PromoteReplica { database, replica } => {
                let db =
                    self.find(database, "database", |w| w.dbs.iter().map(|d| d.name.as_str()).collect())?;
                self.promote_replica(DbId(db), *replica as usize);
                Subject::Database(DbId(db))
            }
            Command::LoseZone { zone } => {
                let z =
                    ZoneId(self.find(zone, "zone", |w| w.zones.iter().map(|z| z.name.as_str()).collect())?);
                self.lose_zone(z);
                Subject::Zone(z)
            }
            Command::ImpairZone { zone, added_latency_ms, drop_fraction } => {
                let z =
                    ZoneId(self.find(zone, "zone", |w| w.zones.iter().map(|z| z.name.as_str()).collect())?);
                self.impair_zone(z, *added_latency_ms, *drop_fraction);
                Subject::Zone(z)
            }
            Command::RestoreZone { zone } => {
                let z =
                    ZoneId(self.find(zone, "zone", |w| w.zones.iter().map(|z| z.name.as_str()).collect())?);
                self.restore_zone(z);
                Subject::Zone(z)
            }
            Command::TrafficSpike { factor, duration_s } => {
                let factor = if factor.is_finite() { *factor } else { 1.0 };
                self.spike(factor, from_secs(*duration_s));
                Subject::Everything
            }
            Command::StopConsumers { queue } | Command::StartConsumers { queue } => {
                let q = QueueId(
                    self.find(queue, "queue", |w| w.queues.iter().map(|q| q.name.as_str()).collect())?,
                );
                self.set_consumers(q, matches!(command, Command::StartConsumers { .. }));
                Subject::Queue(q)
            }
            Command::SetDesiredCapacity { group, desired } => {
                let g = GroupId(
                    self.find(group, "group", |w| w.groups.iter().map(|g| g.name.as_str()).collect())?,
                );
                self.set_desired(g, *desired, "set by hand".to_owned());
                Subject::Group(g)
            }
            Command::StartChaosMonkey { group, mean_interval_s, business_hours } => {
                let target = match group {
                    Some(name) => Some(GroupId(
                        self.find(name, "group", |w| w.groups.iter().map(|g| g.name.as_str()).collect())?,
                    )),
                    None => None,
                };
                self.start_chaos(target, from_secs(mean_interval_s.max(1.0)), *business_hours);
                target.map_or(Subject::Everything, Subject::Group)
            }
            Command::StopChaosMonkey => {
                self.chaos = None;
                self.events.cancel(&TimerKey::Chaos);
                Subject::Everything
            }
        })
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

    fn find(&self, name: &str, kind: &str, names: impl Fn(&World) -> Vec<&str>) -> Result<u32, CommandError> {
        let all = names(self);
        all.iter().position(|n| *n == name).map(|i| i as u32).ok_or_else(|| {
            let known = if all.is_empty() { "none".to_owned() } else { all.join(", ") };
            CommandError(format!("there is no {kind} `{name}`; the design has: {known}"))
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
