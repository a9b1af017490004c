//! The queue's consumers: worker instances long-polling a queue, processing what they
//! receive, deleting it, and the harm when a non-idempotent worker processes a duplicate.
//!
//! The SQS queue's behaviour has three homes, one per part:
//! - `design/queue.rs`: the queue's settings as drawn ([`crate::design::QueueSpec`]);
//! - `world/sqs_queue.rs`: the running queue, a pure state machine of messages,
//!   deliveries and counters ([`super::Queue`]);
//! - this file: the queue in the world ([`QueueNode`]) and the polling workers, who turn
//!   the state machine's answers into timers and work.

use super::World;
use super::event::{Event, TimerKey, Work};
use super::instance::Lifecycle;
use super::sqs_queue::{Completion, Queue};
use crate::design::Role;
use crate::event_log::Happening;
use crate::ids::{InstanceId, MessageId, QueueId};
use crate::time::SECOND;
use crate::timeout_fifo::TimeoutFifo;

/// A queue in the running world and the state of its consumers.
#[derive(Clone, Debug)]
pub struct QueueNode {
    /// The component's name in the design.
    pub name: String,
    /// The queue's messages and counters.
    pub queue: Queue,
    /// Consumers stopped by a command.
    pub stopped: bool,
    /// Workers waiting in a long poll, with the poll's end; first come, first served.
    pub(crate) pollers: TimeoutFifo<(InstanceId, u32)>,
    /// Deliveries waiting for their visibility timeout.
    pub(crate) timeouts: TimeoutFifo<(MessageId, u32)>,
    /// Duplicate processing by consumers that are not idempotent (harmful).
    pub duplicate_writes: u64,
    /// Dead-lettered messages already narrated in the log, so each is told once.
    pub(crate) narrated_dead: u64,
    /// Expired messages already narrated in the log.
    pub(crate) narrated_expired: u64,
}

impl QueueNode {
    pub(crate) fn new(name: String, queue: Queue) -> QueueNode {
        QueueNode {
            name,
            queue,
            stopped: false,
            pollers: TimeoutFifo::default(),
            timeouts: TimeoutFifo::default(),
            duplicate_writes: 0,
            narrated_dead: 0,
            narrated_expired: 0,
        }
    }
}

/// Message counts summed over every queue of a world, for the run's summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct QueueTally {
    /// Messages sent.
    pub sent: u64,
    /// Messages that outlived retention unprocessed: lost.
    pub expired: u64,
    /// Completions of a message already processed.
    pub duplicates: u64,
    /// Of those, duplicates processed by workers that are not idempotent (harmful).
    pub duplicate_writes: u64,
    /// Messages moved to a dead-letter queue.
    pub dead_lettered: u64,
}

impl QueueTally {
    /// The sums over `queues`.
    pub(crate) fn of(queues: &[QueueNode]) -> QueueTally {
        let mut tally = QueueTally::default();
        for q in queues {
            let c = q.queue.counters();
            tally.sent += c.sent;
            tally.expired += c.expired;
            tally.duplicates += c.duplicates;
            tally.duplicate_writes += q.duplicate_writes;
            tally.dead_lettered += c.dead_lettered;
        }
        tally
    }
}

impl World {
    /// A web instance sends a message; a waiting poller gets it at once.
    pub(crate) fn send_message(&mut self, queue: QueueId) {
        self.queues[queue.index()].queue.send(self.now);
        self.wake_poller(queue);
    }

    /// Whether a long-poll registration is still the worker's current one.
    fn poll_is_current(&self, id: InstanceId, ticket: u32) -> bool {
        let instance = &self.instances[id.index()];
        instance.polling && instance.poll_ticket == ticket
    }

    /// Ends the oldest live long poll early because a message became visible.
    fn wake_poller(&mut self, queue: QueueId) {
        if self.queues[queue.index()].stopped {
            return;
        }
        while let Some((_, (id, ticket))) = self.queues[queue.index()].pollers.pop() {
            if self.poll_is_current(id, ticket) {
                self.instances[id.index()].polling = false;
                self.poll_if_idle(id);
                return;
            }
        }
    }

    /// A worker with free slots and no receive outstanding asks for messages.
    pub(crate) fn poll_if_idle(&mut self, id: InstanceId) {
        let instance = &self.instances[id.index()];
        let Some(queue) = instance.consumes else { return };
        let free = instance.template.slots.saturating_sub(instance.busy());
        let can_poll = instance.template.role == Role::Worker
            && instance.lifecycle == Lifecycle::InService
            && instance.answers()
            && !instance.terminating
            && !instance.polling
            && free > 0
            && !self.queues[queue.index()].stopped;
        if can_poll {
            self.receive(id, queue, free);
        }
    }

    fn receive(&mut self, id: InstanceId, queue: QueueId, free: u32) {
        let now = self.now;
        let deliveries = self.queues[queue.index()].queue.receive(now, free);
        if deliveries.is_empty() {
            return self.wait_for_messages(id, queue);
        }
        for delivery in deliveries {
            let node = &mut self.queues[queue.index()];
            let due = delivery.visible_again_at;
            if node.timeouts.push(due, (delivery.message, delivery.receipt)) {
                self.events.arm(TimerKey::Visibility(queue), due, Event::Visibility(queue));
            }
            self.deliver(id, Work::Message { queue, message: delivery.message, receipt: delivery.receipt });
        }
        // The queue had fewer messages than free slots: those slots keep a long poll open,
        // as a consumer's idle threads would, instead of waiting for a busy one to finish.
        if self.instances[id.index()].busy() < self.instances[id.index()].template.slots {
            self.wait_for_messages(id, queue);
        }
    }

    /// An empty receive: a long poll waits for a message or its end; a short poll is billed
    /// at once and the worker pauses a second before asking again.
    fn wait_for_messages(&mut self, id: InstanceId, queue: QueueId) {
        let now = self.now;
        let instance = &mut self.instances[id.index()];
        instance.polling = true;
        instance.poll_ticket = instance.poll_ticket.wrapping_add(1);
        let ticket = instance.poll_ticket;
        let node = &mut self.queues[queue.index()];
        let wait = node.queue.receive_wait();
        if wait == 0 {
            node.queue.count_empty_receive();
            self.events.schedule_keyed(TimerKey::Poll(id), now + SECOND, Event::Poll(id));
        } else if node.pollers.push(now + wait, (id, ticket)) {
            self.events.arm(TimerKey::LongPoll(queue), now + wait, Event::LongPollEnd(queue));
        }
    }

    /// A short-poll pause ended.
    pub(crate) fn on_poll(&mut self, id: InstanceId) {
        self.instances[id.index()].polling = false;
        self.poll_if_idle(id);
    }

    /// Long polls came to their end empty: each is an empty receive, and the worker asks again.
    pub(crate) fn on_long_poll_end(&mut self, queue: QueueId) {
        let now = self.now;
        while let Some((due, (id, ticket))) = self.queues[queue.index()].pollers.front() {
            if !self.poll_is_current(id, ticket) {
                self.queues[queue.index()].pollers.pop();
                continue;
            }
            if due > now {
                self.events.schedule_keyed(TimerKey::LongPoll(queue), due, Event::LongPollEnd(queue));
                return;
            }
            self.queues[queue.index()].pollers.pop();
            self.queues[queue.index()].queue.count_empty_receive();
            self.instances[id.index()].polling = false;
            self.poll_if_idle(id);
        }
    }

    /// Visibility timeouts came due: unprocessed messages become visible again and wake a
    /// poller; deliveries already settled are skipped without events.
    pub(crate) fn on_visibility(&mut self, queue: QueueId) {
        let now = self.now;
        while let Some((due, (message, receipt))) = self.queues[queue.index()].timeouts.front() {
            let node = &mut self.queues[queue.index()];
            if !node.queue.awaits_visibility(message, receipt) {
                node.timeouts.pop();
                continue;
            }
            if due > now {
                self.events.schedule_keyed(TimerKey::Visibility(queue), due, Event::Visibility(queue));
                return;
            }
            node.timeouts.pop();
            if node.queue.visibility_expired(message, receipt, now) {
                self.wake_poller(queue);
            }
        }
    }

    /// A worker processed a message successfully: count a duplicate, then delete it.
    pub(crate) fn settle_message(
        &mut self,
        worker: InstanceId,
        queue: QueueId,
        message: MessageId,
        receipt: u32,
    ) {
        let idempotent = self.instances[worker.index()].template.idempotent;
        let node = &mut self.queues[queue.index()];
        if node.queue.complete(message, receipt) == Completion::Duplicate && !idempotent {
            node.duplicate_writes += 1;
            let (queue_name, worker_name) = (node.name.clone(), self.instances[worker.index()].name.clone());
            self.log.push(self.now, Happening::DuplicateWrite { queue: queue_name, worker: worker_name });
        }
        self.queues[queue.index()].queue.delete(message, receipt);
    }

    /// Stops or restarts every consumer of a queue.
    pub(crate) fn set_consumers(&mut self, queue: QueueId, running: bool) {
        self.queues[queue.index()].stopped = !running;
        let consumers: Vec<InstanceId> = (0..self.instances.len() as u32)
            .map(InstanceId)
            .filter(|i| self.instances[i.index()].consumes == Some(queue))
            .collect();
        for id in consumers {
            // Ends every long poll: stopped workers stop asking, restarted ones ask afresh.
            self.instances[id.index()].polling = false;
            self.events.cancel(&TimerKey::Poll(id));
            if running {
                self.poll_if_idle(id);
            }
        }
    }

    /// Narrates new dead-lettered and expired messages (checked once a second).
    pub(crate) fn narrate_queue_losses(&mut self, queue: QueueId) {
        let now = self.now;
        let node = &mut self.queues[queue.index()];
        node.queue.expire(now);
        let counters = node.queue.counters().clone();
        let name = node.name.clone();
        if counters.dead_lettered > node.narrated_dead {
            let count = counters.dead_lettered - node.narrated_dead;
            node.narrated_dead = counters.dead_lettered;
            self.log.push(now, Happening::DeadLettered { queue: name.clone(), count });
        }
        if counters.expired > node.narrated_expired {
            let count = counters.expired - node.narrated_expired;
            node.narrated_expired = counters.expired;
            self.log.push(now, Happening::Expired { queue: name, count });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::design::reference::three_tier;
    use crate::time::SECOND;
    use crate::world::World;

    #[test]
    fn the_summary_tallies_every_queue_counter_it_reports() {
        let mut world = World::new(&three_tier()).expect("three-tier is valid");
        world.run_for(120 * SECOND);
        let summary = world.summary();
        let queues = world.snapshot().queues;
        let sum =
            |f: fn(&crate::world::QueueCounters) -> u64| queues.iter().map(|q| f(&q.counters)).sum::<u64>();
        assert!(summary.messages_sent > 0, "the web tier sends jobs");
        assert_eq!(summary.messages_sent, sum(|c| c.sent));
        assert_eq!(summary.messages_lost, sum(|c| c.expired));
        assert_eq!(summary.messages_duplicated, sum(|c| c.duplicates));
        assert_eq!(summary.messages_dead_lettered, sum(|c| c.dead_lettered));
    }
}
