//! Instances: slots, an accept queue, service times, faults.

use std::collections::VecDeque;

use serde::Serialize;

use super::World;
use super::event::{Event, TimerKey, Work};
use super::template::Template;
use crate::event_log::Happening;
use crate::ids::{DbId, GroupId, InstanceId, KvId, QueueId, ZoneId};
use crate::request::FailureCause;
use crate::time::{Micros, SECOND, from_millis};

/// Where an instance's work goes next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Downstream {
    /// Web: each successful write sends one message here.
    pub queue: Option<QueueId>,
    /// Every request (web) or message (worker) makes one query here.
    pub db: Option<DbId>,
    /// Without a database: every request or message makes one call to this key-value store.
    pub kv: Option<KvId>,
}

/// Where an instance is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    /// Booting after a launch.
    Pending,
    /// Running.
    InService,
    /// Gone for good.
    Terminated,
}

/// What faults have done to a running instance.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Working normally.
    Healthy,
    /// Dead: nothing answers.
    Crashed,
    /// Alive but never answers.
    Hung,
    /// Every service time multiplied by the factor.
    Slow(f64),
}

/// One instance.
#[derive(Clone, Debug)]
pub struct Instance {
    /// Design id or `i-N` for launched ones.
    pub name: String,
    /// The zone it runs in.
    pub zone: ZoneId,
    /// The group that launched it, if any.
    pub group: Option<GroupId>,
    /// What it is: size, role, slots, accept queue, service time, price.
    pub template: Template,
    /// Where finished work goes.
    pub downstream: Downstream,
    /// The queue a worker consumes.
    pub consumes: Option<QueueId>,
    /// Lifecycle state.
    pub lifecycle: Lifecycle,
    /// Fault state.
    pub condition: Condition,
    /// When it was launched [µs].
    pub launched_at: Micros,
    /// When it came into service [µs].
    pub in_service_at: Option<Micros>,
    /// When it crashed [µs].
    pub crashed_at: Option<Micros>,
    /// When it terminated [µs].
    pub terminated_at: Option<Micros>,
    /// Bumped by every fault, so completions scheduled before it are ignored.
    pub(crate) epoch: u32,
    /// Work holding slots.
    pub(crate) active: Vec<Work>,
    /// Work waiting for a slot, oldest first.
    pub(crate) waiting: VecDeque<Work>,
    /// Busy slot-microseconds since the last sample.
    busy_area: u64,
    /// Last change of `active.len()` [µs].
    busy_since: Micros,
    /// A worker has a receive outstanding or is pausing between polls.
    pub(crate) polling: bool,
    /// Numbers the worker's long polls, so an ended one is recognised in the queue's FIFO.
    pub(crate) poll_ticket: u32,
    /// Its group is terminating it once its load balancers have drained it.
    pub terminating: bool,
    /// Requests received since the last per-second sample.
    pub(crate) received: u32,
    /// Requests received in the last whole second.
    pub received_last: u32,
    /// Requests received since launch.
    pub received_total: u64,
    /// Busy fraction of slots in the last whole second [0–1].
    pub utilisation: f64,
    /// Auto Scaling ignores its health until then (grace period) [µs].
    pub grace_until: Micros,
}

impl Instance {
    /// A new instance in the given state, with nothing to do.
    pub(crate) fn new(
        name: String,
        zone: ZoneId,
        group: Option<GroupId>,
        now: Micros,
        template: Template,
    ) -> Instance {
        Instance {
            name,
            zone,
            group,
            template,
            downstream: Downstream::default(),
            consumes: None,
            lifecycle: Lifecycle::InService,
            condition: Condition::Healthy,
            launched_at: now,
            in_service_at: Some(now),
            crashed_at: None,
            terminated_at: None,
            epoch: 0,
            active: Vec::new(),
            waiting: VecDeque::new(),
            busy_area: 0,
            busy_since: now,
            polling: false,
            poll_ticket: 0,
            terminating: false,
            received: 0,
            received_last: 0,
            received_total: 0,
            utilisation: 0.0,
            grace_until: 0,
        }
    }

    /// Slots in use.
    pub fn busy(&self) -> u32 {
        self.active.len() as u32
    }

    /// Work waiting for a slot.
    pub fn queued(&self) -> u32 {
        self.waiting.len() as u32
    }

    /// Running and able to answer (healthy or slow).
    pub fn answers(&self) -> bool {
        self.lifecycle == Lifecycle::InService
            && matches!(self.condition, Condition::Healthy | Condition::Slow(_))
    }

    /// Not terminated and not crashed.
    pub fn alive(&self) -> bool {
        self.lifecycle != Lifecycle::Terminated && self.condition != Condition::Crashed
    }

    /// Service-time multiplier of a slow fault.
    pub fn slowness(&self) -> f64 {
        if let Condition::Slow(f) = self.condition { f } else { 1.0 }
    }

    /// Whether the accept queue has room for one more.
    fn has_room(&self) -> bool {
        self.template.accept_queue.is_none_or(|cap| self.queued() < cap)
    }

    /// Busy fraction of slots since the last call [0–1], and starts a new sample.
    pub(crate) fn take_utilisation(&mut self, now: Micros, period: Micros) -> f64 {
        self.account_busy(now);
        let area = std::mem::take(&mut self.busy_area);
        if period == 0 || self.template.slots == 0 {
            0.0
        } else {
            area as f64 / (self.template.slots as f64 * period as f64)
        }
    }

    fn account_busy(&mut self, now: Micros) {
        self.busy_area += self.busy() as u64 * now.saturating_sub(self.busy_since);
        self.busy_since = now;
    }
}

/// Fixed response time of a health-check endpoint on a healthy instance [µs].
pub(crate) const HEALTH_ENDPOINT_TIME: Micros = 2 * crate::time::MILLISECOND;

impl World {
    /// Hands work to an instance: a slot if one is free, else the accept queue, else refused.
    pub(crate) fn deliver(&mut self, id: InstanceId, work: Work) {
        let now = self.now;
        let Some(instance) = self.instances.get_mut(id.index()) else {
            return self.refuse(work, FailureCause::NoRoute);
        };
        if let Work::Request { .. } = work {
            instance.received += 1;
            instance.received_total += 1;
        }
        if !instance.alive() || instance.lifecycle != Lifecycle::InService {
            return self.refuse(work, FailureCause::TargetCrashed);
        }
        if let Some(zone) = self.zones.get(instance.zone.index())
            && zone.drop_fraction > 0.0
            && self.rng.chance(zone.drop_fraction)
        {
            return self.refuse(work, FailureCause::ZoneLost);
        }
        let instance = &mut self.instances[id.index()];
        if instance.busy() < instance.template.slots {
            self.start_work(id, work, now);
        } else if instance.has_room() {
            instance.waiting.push_back(work);
        } else {
            self.refuse(work, FailureCause::Rejected);
        }
    }

    /// Work that could not be placed: a request fails, a message stays in its queue and
    /// reappears after its visibility timeout.
    pub(crate) fn refuse(&mut self, work: Work, cause: FailureCause) {
        match work {
            Work::Request { id, generation } => {
                self.fail_request(id, generation, cause);
                self.requests.release(id);
            }
            Work::Message { queue, message, receipt } => {
                self.queues[queue.index()].queue.abandon(message, receipt)
            }
        }
    }

    /// Occupies a slot and schedules the end of the service (never, if hung).
    fn start_work(&mut self, id: InstanceId, work: Work, now: Micros) {
        if let Work::Request { id: request, .. } = work
            && let Some(r) = self.requests.get(request)
        {
            let waited = now.saturating_sub(r.enqueued);
            self.recorder.record_wait(waited);
        }
        let latency = self.zones[self.instances[id.index()].zone.index()].added_latency;
        let instance = &mut self.instances[id.index()];
        instance.account_busy(now);
        instance.active.push(work);
        if instance.condition == Condition::Hung {
            return;
        }
        let service = self.rng.service(&instance.template.service, instance.slowness()) + latency;
        let epoch = instance.epoch;
        self.events.schedule(now + service, Event::WorkDone { instance: id, epoch, work });
    }

    /// A slot's service finished: continue to the database, or finish the work.
    pub(crate) fn on_work_done(&mut self, id: InstanceId, epoch: u32, work: Work) {
        let Some(instance) = self.instances.get(id.index()) else { return };
        if instance.epoch != epoch {
            return;
        }
        let write = match work {
            Work::Request { id: request, .. } => self.requests.get(request).is_some_and(|r| r.write),
            Work::Message { .. } => true,
        };
        let call = super::event::DbCall { instance: id, epoch, work, write };
        // With both a database and a key-value store, the store holds sessions: a request
        // reads (or writes) its session there first, then queries the database.
        let session_first = instance.template.sessions_in_store && matches!(work, Work::Request { .. });
        match (instance.downstream.db, instance.downstream.kv) {
            (Some(_), Some(kv)) if session_first => self.kv_call(kv, call),
            (Some(db), _) => self.query(db, id, epoch, work, write),
            (None, Some(kv)) => self.kv_call(kv, call),
            (None, None) => self.finish_work(id, work, true),
        }
    }

    /// Work is over (its database answer is in, if it needed one): free the slot, answer
    /// the client or settle the message, and take the next waiting work.
    pub(crate) fn finish_work(&mut self, id: InstanceId, work: Work, ok: bool) {
        let now = self.now;
        let instance = &mut self.instances[id.index()];
        instance.account_busy(now);
        if let Some(pos) = instance.active.iter().position(|w| *w == work) {
            instance.active.swap_remove(pos);
        }
        let downstream = instance.downstream;
        match work {
            Work::Request { id: request, generation } => {
                if ok {
                    if let Some(queue) = downstream.queue
                        && self.requests.get(request).is_some_and(|r| r.write)
                    {
                        self.send_message(queue);
                    }
                    self.succeed_request(request, generation);
                } else {
                    self.fail_request(request, generation, FailureCause::DatabaseUnavailable);
                }
                self.requests.release(request);
            }
            Work::Message { queue, message, receipt } if ok => {
                self.settle_message(id, queue, message, receipt)
            }
            Work::Message { queue, message, receipt } => {
                self.queues[queue.index()].queue.abandon(message, receipt)
            }
        }
        self.take_next_work(id);
        self.after_slot_freed(id);
    }

    /// Starts waiting work while slots are free, skipping requests whose client gave up.
    fn take_next_work(&mut self, id: InstanceId) {
        let now = self.now;
        loop {
            let instance = &mut self.instances[id.index()];
            if instance.busy() >= instance.template.slots {
                return;
            }
            let Some(work) = instance.waiting.pop_front() else { return };
            if let Work::Request { id: request, .. } = work
                && !self.requests.get(request).is_some_and(|r| r.open)
            {
                self.requests.release(request);
                continue;
            }
            self.start_work(id, work, now);
        }
    }

    /// Crash: everything held is lost; requests fail now, messages come back later.
    pub(crate) fn crash_instance(&mut self, id: InstanceId) {
        let now = self.now;
        let Some(instance) = self.instances.get_mut(id.index()) else { return };
        if !instance.alive() {
            return;
        }
        instance.condition = Condition::Crashed;
        instance.crashed_at = Some(now);
        let name = instance.name.clone();
        self.drop_all_work(id, FailureCause::TargetCrashed);
        self.log.push(now, Happening::Crashed { instance: name });
        self.lose_sessions(id);
    }

    /// Frees every slot and the accept queue, failing held requests with `cause`.
    pub(crate) fn drop_all_work(&mut self, id: InstanceId, cause: FailureCause) {
        let now = self.now;
        let instance = &mut self.instances[id.index()];
        instance.account_busy(now);
        instance.epoch += 1;
        let held: Vec<Work> = instance.active.drain(..).chain(instance.waiting.drain(..)).collect();
        instance.polling = false;
        self.events.cancel(&TimerKey::Poll(id));
        for work in held {
            self.refuse(work, cause);
        }
    }

    /// Hang: the process keeps its connections and slots but never answers again.
    pub(crate) fn hang_instance(&mut self, id: InstanceId) {
        let Some(instance) = self.instances.get_mut(id.index()) else { return };
        if !instance.alive() {
            return;
        }
        instance.condition = Condition::Hung;
        instance.epoch += 1; // work in progress never completes
    }

    /// Heals a hung or slow instance; a hung one restarts its process, dropping held work.
    pub(crate) fn recover_instance(&mut self, id: InstanceId) {
        let Some(instance) = self.instances.get(id.index()) else { return };
        match instance.condition {
            Condition::Hung => {
                self.drop_all_work(id, FailureCause::Timeout);
                self.instances[id.index()].condition = Condition::Healthy;
                self.after_slot_freed(id);
            }
            Condition::Slow(_) => self.instances[id.index()].condition = Condition::Healthy,
            Condition::Healthy | Condition::Crashed => {}
        }
    }

    /// Terminates an instance for good: deregistered everywhere, its work dropped.
    pub(crate) fn terminate_instance(&mut self, id: InstanceId, reason: &str) {
        let now = self.now;
        let Some(instance) = self.instances.get(id.index()) else { return };
        if instance.lifecycle == Lifecycle::Terminated {
            return;
        }
        self.drop_all_work(id, FailureCause::TargetCrashed);
        self.lose_sessions(id);
        self.deregister_everywhere(id);
        let instance = &mut self.instances[id.index()];
        instance.lifecycle = Lifecycle::Terminated;
        instance.terminated_at = Some(now);
        let name = instance.name.clone();
        if let Some(group) = instance.group {
            self.groups[group.index()].members.retain(|m| *m != id);
        }
        self.log.push(now, Happening::Terminated { instance: name, reason: reason.to_owned() });
    }

    /// Whether the instance answers health checks, and if not, why; with the time the
    /// answer (or the timeout) takes [µs].
    pub(crate) fn health_probe(&self, id: InstanceId, timeout: Micros) -> (bool, &'static str, Micros) {
        let Some(instance) = self.instances.get(id.index()) else { return (false, "gone", 0) };
        // A powered-off zone does not refuse connections: nothing answers at all.
        if self.zones[instance.zone.index()].lost {
            return (false, "timed out (zone lost)", timeout);
        }
        if !instance.alive() || instance.lifecycle != Lifecycle::InService {
            return (false, "connection refused", 0);
        }
        if instance.condition == Condition::Hung {
            return (false, "timed out", timeout);
        }
        if !instance.has_room() && instance.busy() >= instance.template.slots {
            return (false, "HTTP 503: overloaded", from_millis(1.0));
        }
        let took = (HEALTH_ENDPOINT_TIME as f64 * instance.slowness()) as Micros
            + self.zones[instance.zone.index()].added_latency;
        if took >= timeout { (false, "timed out (slow)", timeout) } else { (true, "", took) }
    }
}

/// Seconds after a crash before an EC2 status check reports it and Auto Scaling acts
/// (status checks run every minute and an impaired check is tolerated for a while) [µs].
pub(crate) const EC2_STATUS_DELAY: Micros = 120 * SECOND;
