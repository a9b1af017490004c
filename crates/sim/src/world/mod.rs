//! A running simulation: one world owns time, every component, the random generator,
//! the event queue and the measurements.

mod alarms;
mod build;
mod cdn;
mod chaos;
mod commands;
mod consumer;
mod database;
mod dns;
mod event;
mod group;
mod health_check;
mod instance;
mod key_value_store;
mod load_balancer;
mod object_storage;
mod region;
mod sqs_queue;
mod stickiness;
mod template;
mod tick;
mod traffic;
mod zone;

pub use alarms::{AlarmNode, MetricSource};
pub use cdn::{Cdn, CdnCounters};
pub use commands::CommandError;
pub use consumer::QueueNode;
use consumer::QueueTally;
pub use database::{Database, DbNode, DbState};
pub use dns::{Dns, DnsRecord};
pub use group::Group;
pub use instance::{Condition, Downstream, Instance, Lifecycle};
pub use key_value_store::{KvCounters, KvStore};
pub use load_balancer::{LoadBalancer, TargetHealth};
pub use object_storage::{Bucket, BucketCounters};
pub use region::RegionState;
pub use sqs_queue::{Completion, Delivery, Queue, QueueCounters};
pub use zone::Zone;

use crate::command::TimedCommand;
use crate::design::{Design, DesignError, validate};
use crate::event_log::EventLog;
use crate::event_queue::EventQueue;
use crate::ids::{InstanceId, LbId};
use crate::measure::incident::Incidents;
use crate::measure::recorder::Recorder;
use crate::measure::summary::{self, Summary};
use crate::request::Requests;
use crate::rng::SimRng;
use crate::time::{Micros, SECOND};
use chaos::Chaos;
use event::{Event, TimerKey};

/// The simulation of one design from one seed.
///
/// Cloning a world is a checkpoint: the clone continues exactly as the original would.
#[derive(Clone, Debug)]
pub struct World {
    /// Simulated time [µs]; advanced only by [`World::step`].
    pub(crate) now: Micros,
    /// The one random generator. Reuse the same seed to reproduce a run.
    pub(crate) rng: SimRng,
    pub(crate) events: EventQueue<Event, TimerKey>,
    pub(crate) zones: Vec<Zone>,
    pub(crate) regions: Vec<RegionState>,
    pub(crate) dns: Vec<Dns>,
    pub(crate) clients: Vec<traffic::Clients>,
    pub(crate) lbs: Vec<LoadBalancer>,
    pub(crate) instances: Vec<Instance>,
    pub(crate) groups: Vec<Group>,
    pub(crate) queues: Vec<QueueNode>,
    pub(crate) dbs: Vec<Database>,
    pub(crate) kvs: Vec<KvStore>,
    pub(crate) cdns: Vec<Cdn>,
    pub(crate) buckets: Vec<Bucket>,
    pub(crate) alarms: Vec<AlarmNode>,
    pub(crate) requests: Requests,
    pub(crate) recorder: Recorder,
    pub(crate) log: EventLog,
    pub(crate) incidents: Incidents,
    pub(crate) chaos: Option<Chaos>,
    /// Cost accrued [USD].
    pub(crate) cost_usd: f64,
    /// Instances launched by groups, for naming.
    pub(crate) launches: u32,
    /// Hand-placed instances to register with load balancers at the start.
    pub(crate) initial_targets: Vec<(LbId, InstanceId)>,
    /// Every command applied, with its time, for replay.
    pub(crate) commands_applied: Vec<(Micros, crate::command::Command)>,
    /// Events processed so far.
    pub(crate) events_processed: u64,
    /// Requests carry a user drawn from the seeded generator (a sticky load balancer or a
    /// key-value store needs them); off, no draw is made, so other designs run as before.
    pub(crate) draw_users: bool,
    /// User sessions lost with the instance memory that held them.
    pub(crate) sessions_lost: u64,
    /// When the current second ends [µs].
    next_tick: Micros,
    /// The seed this world started from.
    seed: u64,
}

impl World {
    /// Builds a world from a design with the design's own seed; refuses an invalid design
    /// with every problem found.
    pub fn new(design: &Design) -> Result<World, DesignError> {
        World::with_seed(design, design.seed)
    }

    /// Builds a world from a design with another seed (experiments, confidence intervals).
    pub fn with_seed(design: &Design, seed: u64) -> Result<World, DesignError> {
        let problems = validate(design);
        if !problems.is_empty() {
            return Err(DesignError::Invalid(problems));
        }
        Ok(World::build(design, seed))
    }

    fn empty(seed: u64) -> World {
        World {
            now: 0,
            rng: SimRng::new(seed),
            events: EventQueue::default(),
            zones: Vec::new(),
            regions: Vec::new(),
            dns: Vec::new(),
            clients: Vec::new(),
            lbs: Vec::new(),
            instances: Vec::new(),
            groups: Vec::new(),
            queues: Vec::new(),
            dbs: Vec::new(),
            kvs: Vec::new(),
            cdns: Vec::new(),
            buckets: Vec::new(),
            alarms: Vec::new(),
            requests: Requests::default(),
            recorder: Recorder::default(),
            log: EventLog::default(),
            incidents: Incidents::default(),
            chaos: None,
            cost_usd: 0.0,
            launches: 0,
            initial_targets: Vec::new(),
            commands_applied: Vec::new(),
            events_processed: 0,
            draw_users: false,
            sessions_lost: 0,
            next_tick: SECOND,
            seed,
        }
    }

    /// Simulated time [µs].
    pub fn now(&self) -> Micros {
        self.now
    }

    /// The seed this world was built with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Events processed so far (a measure of work done).
    pub fn events_processed(&self) -> u64 {
        self.events_processed
    }

    /// Schedules every command of a script.
    pub fn schedule_all(&mut self, script: &[TimedCommand]) {
        for timed in script {
            self.schedule(timed.at, timed.command.clone());
        }
    }

    /// Processes the next event, if there is one; returns whether there was.
    pub fn step(&mut self) -> bool {
        self.run_steps(Micros::MAX, 1) == 1
    }

    /// Processes events (and ends of seconds) due by `limit`, at most `max` of them; returns
    /// how many. Every way of running goes through this one loop, so the event loop's body
    /// is inlined in one place and the cost of entering it is paid once per call.
    fn run_steps(&mut self, limit: Micros, max: u64) -> u64 {
        let mut done = 0;
        while done < max && self.step_until(limit) {
            done += 1;
        }
        done
    }

    /// Processes the next event, or the end of a second, if it is due by `limit`; returns
    /// whether there was one. The end of second k runs before any event at exactly k s, so
    /// an event at k s is measured in second k.
    #[inline(always)]
    fn step_until(&mut self, limit: Micros) -> bool {
        self.events_processed += 1;
        if let Some((time, event)) = self.events.pop_until(limit.min(self.next_tick - 1)) {
            self.now = time;
            self.dispatch(event);
            return true;
        }
        if self.next_tick <= limit {
            self.now = self.next_tick;
            self.next_tick += SECOND;
            self.on_tick();
            return true;
        }
        self.events_processed -= 1;
        false
    }

    /// Processes every event up to and including simulated time `t`, then sets the clock to `t`.
    pub fn run_until(&mut self, t: Micros) {
        self.run_steps(t, u64::MAX);
        self.now = self.now.max(t);
    }

    /// Runs for `duration` [µs] of simulated time.
    pub fn run_for(&mut self, duration: Micros) {
        self.run_until(self.now + duration);
    }

    /// Processes at most `n` events or up to `t`, whichever comes first; returns how many
    /// were processed (for slicing long fast-forwards in the browser).
    pub fn run_events(&mut self, n: u64, t: Micros) -> u64 {
        let done = self.run_steps(t, n);
        if self.events.peek_time().is_none_or(|next| next > t) {
            self.now = self.now.max(t);
        }
        done
    }

    /// Inlined into the event loop, so handing an event to its handler costs no call.
    #[inline(always)]
    fn dispatch(&mut self, event: Event) {
        match event {
            Event::Arrival { clients, request, generation } => self.on_arrival(clients, request, generation),
            Event::Deadline(clients) => self.on_deadline(clients),
            Event::WorkDone { instance, epoch, work } => self.on_work_done(instance, epoch, work),
            Event::QueryDone { db, node, node_epoch, call } => self.on_query_done(db, node, node_epoch, call),
            Event::KvDone { call, ok } => self.on_kv_done(call, ok),
            Event::EdgeDone { request, generation, ok } => self.on_edge_done(request, generation, ok),
            Event::HealthCheck { lb, instance } => self.on_health_check(lb, instance),
            Event::HealthCheckResult { lb, instance, passed, reason } => {
                self.on_health_check_result(lb, instance, passed, reason)
            }
            Event::Booted(instance) => self.on_booted(instance),
            Event::DrainTimeout { lb, instance } => self.finish_drain(lb, instance),
            Event::GroupCheck(group) => self.on_group_check(group),
            Event::Visibility(queue) => self.on_visibility(queue),
            Event::Poll(instance) => self.on_poll(instance),
            Event::LongPollEnd(queue) => self.on_long_poll_end(queue),
            Event::Database { db, epoch } => self.on_database_timer(db, epoch),
            Event::StandbyReady { db, epoch } => self.on_standby_ready(db, epoch),
            Event::DnsRemoval { lb, zone } => self.on_dns_removal(lb, zone),
            Event::DnsCheck(dns) => self.on_dns_check(dns),
            Event::Chaos => self.on_chaos(),
            Event::Command(command) => self.on_command(*command),
        }
    }

    /// The event log.
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// Per-second measurements.
    pub fn series(&self) -> &crate::measure::series::Series<crate::measure::recorder::Second> {
        &self.recorder.series
    }

    /// The recorder: totals, latency, queueing statistics.
    pub fn recorder(&self) -> &Recorder {
        &self.recorder
    }

    /// Restarts the queueing-statistics window (after a warm-up).
    pub fn reset_queueing_stats(&mut self) {
        self.recorder.reset_queueing(self.now);
    }

    /// Every incident so far (one per fault applied), oldest first.
    pub fn incidents(&self) -> &[crate::measure::incident::Incident] {
        self.incidents.all()
    }

    /// Commands applied so far, with their times.
    pub fn commands_applied(&self) -> &[(Micros, crate::command::Command)] {
        &self.commands_applied
    }

    /// The summary of the run so far.
    pub fn summary(&self) -> Summary {
        let totals = self.recorder.totals.clone();
        let availability = summary::availability(&totals);
        let queues = QueueTally::of(&self.queues);
        Summary {
            seconds: summary::seconds(self.now),
            events: self.events_processed,
            failures_by_cause: summary::failures_by_cause(&totals),
            availability,
            nines: summary::nines(availability),
            longest_outage_s: summary::longest_outage_s(&self.recorder.series),
            latency: self.recorder.latency.summary(),
            incidents: self.incidents.all().to_vec(),
            messages_sent: queues.sent,
            messages_lost: queues.expired,
            messages_duplicated: queues.duplicates,
            duplicate_writes: queues.duplicate_writes,
            messages_dead_lettered: queues.dead_lettered,
            writes_lost: self.dbs.iter().map(|d| d.writes_lost).sum(),
            sessions_lost: self.sessions_lost,
            key_value: summary::KeyValueTotals::of(self.kvs.iter().map(|k| &k.counters)),
            cdn: summary::CdnTotals::of(self.cdns.iter().map(|c| &c.counters)),
            cost_usd: self.cost_usd,
            cost_per_hour: self.cost_rate(),
            totals,
        }
    }

    /// Checks the conservation laws: every request arrived is answered, failed or still
    /// in the system; every message sent is deleted, stored, dead-lettered or expired.
    pub fn check_conservation(&self) -> Result<(), String> {
        let t = &self.recorder.totals;
        let in_system = self.recorder.in_system();
        if t.arrived != t.succeeded + t.failed_total() + in_system {
            return Err(format!(
                "requests: arrived {} ≠ succeeded {} + failed {} + in flight {}",
                t.arrived,
                t.succeeded,
                t.failed_total(),
                in_system
            ));
        }
        let open = self.requests.open_count();
        if open != in_system {
            return Err(format!("requests: {open} open in the slab but {in_system} counted in the system"));
        }
        for q in &self.queues {
            if let Some(error) = q.queue.conservation_error() {
                return Err(format!("queue {}: {error}", q.name));
            }
        }
        Ok(())
    }
}
