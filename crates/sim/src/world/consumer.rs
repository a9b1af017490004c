//! Workers consuming a queue: long polling, processing, deleting, duplicates.

use super::World;
use super::event::{Event, TimerKey, Work};
use super::instance::Lifecycle;
use crate::design::Role;
use crate::event_log::Happening;
use crate::ids::{InstanceId, MessageId, QueueId};
use crate::queue::{Completion, Queue};
use crate::time::SECOND;

/// A queue and who consumes it.
#[derive(Clone, Debug)]
pub struct QueueNode {
    pub name: String,
    pub queue: Queue,
    /// Consumers stopped by a command.
    pub stopped: bool,
    /// Workers waiting in a long poll, first come first served.
    pub(crate) pollers: Vec<InstanceId>,
    /// Duplicate processing by consumers that are not idempotent (harmful).
    pub duplicate_writes: u64,
    /// Counters already narrated in the log.
    pub(crate) narrated_dead: u64,
    pub(crate) narrated_expired: u64,
}

impl QueueNode {
    pub(crate) fn new(name: String, queue: Queue) -> QueueNode {
        QueueNode {
            name,
            queue,
            stopped: false,
            pollers: Vec::new(),
            duplicate_writes: 0,
            narrated_dead: 0,
            narrated_expired: 0,
        }
    }
}

impl World {
    /// A web instance sends a message; a waiting poller gets it at once.
    pub(crate) fn send_message(&mut self, queue: QueueId) {
        let now = self.now;
        let node = &mut self.queues[queue.index()];
        node.queue.send(now);
        if !node.pollers.is_empty() && !node.stopped {
            let poller = node.pollers.remove(0);
            self.events.cancel(&TimerKey::Poll(poller));
            self.instances[poller.index()].polling = false;
            self.poll_if_idle(poller);
        }
    }

    /// A worker with free slots and no receive outstanding asks for messages.
    pub(crate) fn poll_if_idle(&mut self, id: InstanceId) {
        let instance = &self.instances[id.index()];
        let Some(queue) = instance.consumes else { return };
        let free = instance.slots.saturating_sub(instance.busy());
        let can_poll = instance.role == Role::Worker
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
        let node = &mut self.queues[queue.index()];
        let deliveries = node.queue.receive(now, free);
        if deliveries.is_empty() {
            let wait = node.queue.receive_wait();
            self.instances[id.index()].polling = true;
            if wait > 0 {
                node.pollers.push(id);
            } else {
                // Short polling: the empty receive is billed at once; pause a second.
                node.queue.count_empty_receive();
            }
            let at = now + if wait > 0 { wait } else { SECOND };
            self.events.schedule_keyed(TimerKey::Poll(id), at, Event::Poll(id));
            return;
        }
        for delivery in deliveries {
            let work = Work::Message { queue, message: delivery.message, receipt: delivery.receipt };
            let event = Event::Visibility { queue, message: delivery.message, receipt: delivery.receipt };
            self.events.schedule(delivery.visible_again_at, event);
            self.deliver(id, work);
        }
    }

    /// A long poll ended empty (an empty receive), or a short-poll pause ended.
    pub(crate) fn on_poll(&mut self, id: InstanceId) {
        let Some(queue) = self.instances[id.index()].consumes else { return };
        let node = &mut self.queues[queue.index()];
        if let Some(pos) = node.pollers.iter().position(|p| *p == id) {
            node.pollers.remove(pos);
            node.queue.count_empty_receive();
        }
        self.instances[id.index()].polling = false;
        self.poll_if_idle(id);
    }

    /// A message's visibility timeout ended: if still unprocessed it is visible again.
    pub(crate) fn on_visibility(&mut self, queue: QueueId, message: MessageId, receipt: u32) {
        let now = self.now;
        let node = &mut self.queues[queue.index()];
        if node.queue.visibility_expired(message, receipt, now) && !node.pollers.is_empty() && !node.stopped {
            let poller = node.pollers.remove(0);
            self.events.cancel(&TimerKey::Poll(poller));
            self.instances[poller.index()].polling = false;
            self.poll_if_idle(poller);
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
        let idempotent = self.instances[worker.index()].idempotent;
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
        let pollers = std::mem::take(&mut self.queues[queue.index()].pollers);
        for poller in pollers {
            self.events.cancel(&TimerKey::Poll(poller));
            self.instances[poller.index()].polling = false;
        }
        if running {
            for index in 0..self.instances.len() {
                if self.instances[index].consumes == Some(queue) {
                    self.poll_if_idle(InstanceId(index as u32));
                }
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
