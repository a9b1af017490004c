//! The running SQS queue: one standard queue as a pure state machine of messages,
//! deliveries and counters. Its settings as drawn are [`crate::design::QueueSpec`]
//! (`design/queue.rs`); the workers that poll it are in `world/consumer.rs`.
//!
//! The queue schedules nothing: the world calls it and schedules timers from what it
//! returns. The world's part of the contract:
//! - for every [`Delivery`], call [`Queue::visibility_expired`] at its `visible_again_at`
//!   (also when the visibility timeout is 0: that timer is due at once);
//! - a consumer that finishes calls [`Queue::complete`] and then [`Queue::delete`]; one that
//!   crashes or gives up calls [`Queue::abandon`] (the message still returns only when its
//!   visibility timeout lapses, as in AWS);
//! - a poll that ends with nothing calls [`Queue::count_empty_receive`]: only the caller
//!   knows when a long poll is over;
//! - call [`Queue::expire`] at [`Queue::next_expiry`] or on every metrics tick.
//!   [`Queue::receive`] expires first as well, so no consumer ever sees an expired message.
//!
//! Memory is bounded by live messages plus tombstones: a message that expired or went to
//! the dead-letter queue before anyone completed it is remembered while a consumer still
//! holds a delivery of it, so that consumer's late `complete` is rightly a first
//! processing. Deleted or completed messages need no tombstone: any later completion is a
//! duplicate. Only ordered containers are used, so no run depends on hash order.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::design::QueueSpec;
use crate::ids::MessageId;
use crate::time::{Micros, SECOND, from_secs};

/// Longest visibility timeout AWS accepts [µs] (12 h).
const MAX_VISIBILITY: Micros = 43_200 * SECOND;
/// Shortest retention AWS accepts [µs].
const MIN_RETENTION: Micros = 60 * SECOND;
/// Longest retention AWS accepts [µs] (14 days).
const MAX_RETENTION: Micros = 1_209_600 * SECOND;
/// Longest long-poll wait AWS accepts [µs].
const MAX_WAIT: Micros = 20 * SECOND;
/// Most messages one ReceiveMessage call returns.
const MAX_BATCH: u32 = 10;

/// What happened to the queue's messages since the start of the run; all counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QueueCounters {
    /// Messages sent (SendMessage); one per [`Queue::send`].
    pub sent: u64,
    /// Deliveries handed to consumers, redeliveries included (NumberOfMessagesReceived).
    pub received: u64,
    /// Deliveries of a message that had been delivered before.
    pub redelivered: u64,
    /// Messages deleted by a consumer; once per message (NumberOfMessagesDeleted).
    pub deleted: u64,
    /// Polls that found nothing, as reported by [`Queue::count_empty_receive`].
    pub empty_receives: u64,
    /// Messages moved to the dead-letter queue after too many receives.
    pub dead_lettered: u64,
    /// Messages deleted unprocessed because they outlived retention: lost data.
    pub expired: u64,
    /// Times a visibility timeout lapsed and made an undeleted message visible again.
    pub returned: u64,
    /// Completions that were the first processing of their message.
    pub completed: u64,
    /// Completions of a message that had already been processed: duplicate work.
    pub duplicates: u64,
}

/// One message handed to one consumer by one receive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The message delivered.
    pub message: MessageId,
    /// Receipt handle of this delivery; unique across the queue's deliveries (until 2^32 of them).
    pub receipt: u32,
    /// Receives of this message so far, this one included (ApproximateReceiveCount).
    pub receive_count: u32,
    /// When the message becomes visible again unless deleted [µs]; schedule
    /// [`Queue::visibility_expired`] then.
    pub visible_again_at: Micros,
}

/// Outcome of a consumer finishing a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completion {
    /// Nobody had processed this message before.
    First,
    /// Someone already had: the visibility timeout let a second consumer process it.
    Duplicate,
}

/// A message's place in send order: original send time, then send sequence for ties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    sent_at: Micros,
    seq: u64,
    id: MessageId,
}

/// Where a remembered message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Visible,
    InFlight,
    /// Expired or dead-lettered, kept only as a tombstone for deliveries still held.
    Gone,
}

/// What the queue remembers about one message.
#[derive(Clone, Debug)]
struct Record {
    key: Key,
    state: State,
    receive_count: u32,
    /// Receipt of the first delivery; with `receipt`, the range this message's receipts span.
    first_receipt: u32,
    /// Receipt of the latest delivery.
    receipt: u32,
    /// End of the latest delivery's invisibility [µs].
    visible_again_at: Micros,
    completed: bool,
    /// Deliveries whose consumer has neither completed nor abandoned them.
    open: u32,
}

impl Record {
    fn new(key: Key) -> Self {
        Record {
            key,
            state: State::Visible,
            receive_count: 0,
            first_receipt: 0,
            receipt: 0,
            visible_again_at: 0,
            completed: false,
            open: 0,
        }
    }

    /// Whether `receipt` came from a delivery of this message; wrapping arithmetic keeps
    /// this right after the receipt counter wraps, and it rejects a stale handle for an
    /// earlier message that had the same id.
    fn issued(&self, receipt: u32) -> bool {
        self.receive_count > 0
            && receipt.wrapping_sub(self.first_receipt) <= self.receipt.wrapping_sub(self.first_receipt)
    }

    /// Whether a consumer may still report on this tombstone with a first completion.
    fn referenced(&self) -> bool {
        self.state != State::Gone || (!self.completed && self.open > 0)
    }
}

/// One SQS standard queue: unlimited backlog, at-least-once delivery, optional DLQ.
#[derive(Clone, Debug)]
pub struct Queue {
    /// Invisibility after a receive [µs]; AWS range 0–12 h.
    visibility_timeout: Micros,
    /// Age at which a message is deleted unprocessed [µs]; AWS range 60 s–14 days.
    retention: Micros,
    /// Long-poll wait [µs]; AWS range 0–20 s.
    receive_wait: Micros,
    /// Most messages one receive returns; 1–10.
    batch_size: u32,
    /// Receives after which the next receive dead-letters the message; `None` = no DLQ.
    max_receive_count: Option<u32>,
    /// Every live message and tombstone, by id.
    records: BTreeMap<MessageId, Record>,
    /// Visible messages in send order.
    visible: BTreeSet<Key>,
    /// In-flight messages in send order.
    in_flight: BTreeSet<Key>,
    next_id: u32,
    next_seq: u64,
    next_receipt: u32,
    counters: QueueCounters,
}

impl Queue {
    /// An empty queue; spec values outside AWS's ranges are clamped into them.
    pub fn new(spec: &QueueSpec) -> Self {
        Queue {
            visibility_timeout: from_secs(spec.visibility_timeout_s).min(MAX_VISIBILITY),
            retention: from_secs(spec.retention_s).clamp(MIN_RETENTION, MAX_RETENTION),
            receive_wait: from_secs(spec.receive_wait_s).min(MAX_WAIT),
            batch_size: spec.batch_size.clamp(1, MAX_BATCH),
            max_receive_count: spec.max_receive_count,
            records: BTreeMap::new(),
            visible: BTreeSet::new(),
            in_flight: BTreeSet::new(),
            next_id: 0,
            next_seq: 0,
            next_receipt: 0,
            counters: QueueCounters::default(),
        }
    }

    /// Enqueues a new message sent at `now` [µs]; it is visible at once.
    pub fn send(&mut self, now: Micros) -> MessageId {
        let id = self.allocate_id();
        let key = Key { sent_at: now, seq: self.next_seq, id };
        self.next_seq = self.next_seq.wrapping_add(1);
        self.records.insert(id, Record::new(key));
        self.visible.insert(key);
        self.counters.sent += 1;
        id
    }

    /// Ids only wrap after 2^32 sends; skipping ids still on record keeps a wrapped id
    /// from naming two messages at once.
    fn allocate_id(&mut self) -> MessageId {
        loop {
            let id = MessageId(self.next_id);
            self.next_id = self.next_id.wrapping_add(1);
            if !self.records.contains_key(&id) {
                return id;
            }
        }
    }

    /// Expires what outlived retention at `now` [µs] (see [`Queue::expire`]), then receives
    /// up to `min(max, batch size)` visible messages, oldest first, and makes them invisible. A message whose receive count would exceed the maximum
    /// moves to the dead-letter queue instead and takes no place in the batch. Does not
    /// count an empty result: see [`Queue::count_empty_receive`].
    pub fn receive(&mut self, now: Micros, max: u32) -> Vec<Delivery> {
        self.expire(now);
        let limit = max.min(self.batch_size) as usize;
        // Sized to what can come back, so an empty poll allocates nothing.
        let mut deliveries = Vec::with_capacity(limit.min(self.visible.len()));
        while deliveries.len() < limit {
            let Some(key) = self.visible.pop_first() else { break };
            if let Some(delivery) = self.deliver_or_dead_letter(key, now) {
                deliveries.push(delivery);
            }
        }
        deliveries
    }

    /// Counts one poll that ended with nothing (NumberOfEmptyReceives, billed).
    pub fn count_empty_receive(&mut self) {
        self.counters.empty_receives += 1;
    }

    /// Delivers the message just taken off the visible set, or dead-letters it.
    fn deliver_or_dead_letter(&mut self, key: Key, now: Micros) -> Option<Delivery> {
        let max_receive_count = self.max_receive_count;
        let record = self.records.get_mut(&key.id)?;
        let count = record.receive_count.saturating_add(1);
        if max_receive_count.is_some_and(|max| count > max) {
            self.counters.dead_lettered += 1;
            self.retire(key.id);
            return None;
        }
        let receipt = self.next_receipt;
        self.next_receipt = self.next_receipt.wrapping_add(1);
        let visible_again_at = now.saturating_add(self.visibility_timeout);
        if record.receive_count == 0 {
            record.first_receipt = receipt;
        }
        record.receive_count = count;
        record.receipt = receipt;
        record.visible_again_at = visible_again_at;
        record.state = State::InFlight;
        record.open = record.open.saturating_add(1);
        self.in_flight.insert(key);
        self.counters.received += 1;
        if count > 1 {
            self.counters.redelivered += 1;
        }
        Some(Delivery { message: key.id, receipt, receive_count: count, visible_again_at })
    }

    /// Whether delivery `receipt` of `message` is still in flight, waiting for its
    /// visibility timeout (false once deleted, returned or superseded).
    pub fn awaits_visibility(&self, message: MessageId, receipt: u32) -> bool {
        self.records.get(&message).is_some_and(|r| r.state == State::InFlight && r.receipt == receipt)
    }

    /// The visibility timer of delivery `receipt` fired at `now` [µs]. If that delivery is
    /// still the message's latest, the message is undeleted and its timeout has lapsed, the
    /// message becomes visible again in its send-order place, receive count kept. Returns
    /// whether it did; a stale or early timer changes nothing.
    pub fn visibility_expired(&mut self, message: MessageId, receipt: u32, now: Micros) -> bool {
        let Some(record) = self.records.get_mut(&message) else { return false };
        if record.state != State::InFlight || record.receipt != receipt || now < record.visible_again_at {
            return false;
        }
        record.state = State::Visible;
        let key = record.key;
        self.in_flight.remove(&key);
        self.visible.insert(key);
        self.counters.returned += 1;
        true
    }

    /// A consumer finished processing delivery `receipt` of `message`. `Duplicate` (and
    /// counted) if the message had been processed before, including when it was deleted
    /// meanwhile by the consumer that processed it.
    pub fn complete(&mut self, message: MessageId, receipt: u32) -> Completion {
        let first = match self.records.get_mut(&message) {
            Some(record) if record.issued(receipt) => {
                record.open = record.open.saturating_sub(1);
                !std::mem::replace(&mut record.completed, true)
            }
            // Deleted, or the id now names a later message: this one was processed.
            _ => false,
        };
        self.release_if_unreferenced(message);
        if first {
            self.counters.completed += 1;
            Completion::First
        } else {
            self.counters.duplicates += 1;
            Completion::Duplicate
        }
    }

    /// A consumer holding delivery `receipt` of `message` crashed or gave up without
    /// completing it. The message's visibility is unchanged; this only lets the queue
    /// forget a tombstone nobody can report on any more.
    pub fn abandon(&mut self, message: MessageId, receipt: u32) {
        if let Some(record) = self.records.get_mut(&message)
            && record.issued(receipt)
        {
            record.open = record.open.saturating_sub(1);
        }
        self.release_if_unreferenced(message);
    }

    /// Deletes `message` with the receipt of any of its deliveries (standard queues accept an
    /// older handle). Returns false, counting nothing, if it is already gone.
    pub fn delete(&mut self, message: MessageId, receipt: u32) -> bool {
        let Some(record) = self.records.get(&message) else { return false };
        if record.state == State::Gone || !record.issued(receipt) {
            return false;
        }
        let key = record.key;
        self.visible.remove(&key);
        self.in_flight.remove(&key);
        self.records.remove(&message);
        self.counters.deleted += 1;
        true
    }

    /// Deletes, unprocessed, every visible message whose age since its original send is at
    /// least the retention at `now` [µs], counting them as expired (lost). In-flight messages
    /// expire once they are visible again. Returns how many expired.
    pub fn expire(&mut self, now: Micros) -> u32 {
        let mut expired = 0;
        while let Some(&key) = self.visible.first()
            && key.sent_at.saturating_add(self.retention) <= now
        {
            self.visible.pop_first();
            self.retire(key.id);
            self.counters.expired += 1;
            expired += 1;
        }
        expired
    }

    /// When the oldest visible message reaches retention [µs]; `None` if nothing is visible.
    /// A message returning from flight may expire earlier, so re-read this after
    /// [`Queue::visibility_expired`].
    pub fn next_expiry(&self) -> Option<Micros> {
        self.visible.first().map(|key| key.sent_at.saturating_add(self.retention))
    }

    /// Marks a message that left without a delete and forgets it unless a holder may still
    /// complete it first.
    fn retire(&mut self, message: MessageId) {
        if let Some(record) = self.records.get_mut(&message) {
            record.state = State::Gone;
        }
        self.release_if_unreferenced(message);
    }

    fn release_if_unreferenced(&mut self, message: MessageId) {
        if self.records.get(&message).is_some_and(|record| !record.referenced()) {
            self.records.remove(&message);
        }
    }

    /// Messages available to receive (ApproximateNumberOfMessagesVisible).
    pub fn visible(&self) -> u32 {
        u32::try_from(self.visible.len()).unwrap_or(u32::MAX)
    }

    /// Messages received and neither deleted nor visible again (…NotVisible).
    pub fn in_flight(&self) -> u32 {
        u32::try_from(self.in_flight.len()).unwrap_or(u32::MAX)
    }

    /// Messages the queue remembers, live ones and tombstones: its memory footprint.
    pub fn records_held(&self) -> u32 {
        u32::try_from(self.records.len()).unwrap_or(u32::MAX)
    }

    /// Age at `now` of the oldest visible or in-flight message [µs]; 0 if none
    /// (ApproximateAgeOfOldestMessage).
    pub fn oldest_age(&self, now: Micros) -> Micros {
        let oldest =
            self.visible.first().into_iter().chain(self.in_flight.first()).map(|key| key.sent_at).min();
        oldest.map_or(0, |sent_at| now.saturating_sub(sent_at))
    }

    /// Counts since the start of the run.
    pub fn counters(&self) -> &QueueCounters {
        &self.counters
    }

    /// `None` iff sent = deleted + visible + in flight + dead-lettered + expired; otherwise
    /// a message naming every term.
    pub fn conservation_error(&self) -> Option<String> {
        let c = &self.counters;
        let (visible, in_flight) = (self.visible.len() as u64, self.in_flight.len() as u64);
        let accounted = c.deleted + visible + in_flight + c.dead_lettered + c.expired;
        (c.sent != accounted).then(|| {
            format!(
                "queue: sent {} ≠ deleted {} + visible {visible} + in flight {in_flight} + \
                 dead-lettered {} + expired {} = {accounted}",
                c.sent, c.deleted, c.dead_lettered, c.expired
            )
        })
    }

    /// Long-poll wait of a receive [µs].
    pub fn receive_wait(&self) -> Micros {
        self.receive_wait
    }

    /// Invisibility of a received message [µs].
    pub fn visibility_timeout(&self) -> Micros {
        self.visibility_timeout
    }

    /// Age at which a message is deleted unprocessed [µs]; at least 60 s.
    pub fn retention(&self) -> Micros {
        self.retention
    }

    /// Most messages one receive returns; 1–10.
    pub fn batch_size(&self) -> u32 {
        self.batch_size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(visibility_s: f64, max_receive_count: Option<u32>) -> QueueSpec {
        QueueSpec { visibility_timeout_s: visibility_s, max_receive_count, ..QueueSpec::default() }
    }

    fn assert_conserved(queue: &Queue) {
        assert_eq!(queue.conservation_error(), None);
    }

    #[test]
    fn receives_oldest_first_and_returns_messages_to_their_send_order_place() {
        let mut queue = Queue::new(&spec(30.0, None));
        let ids: Vec<_> = (0..4).map(|i| queue.send(i * SECOND)).collect();
        let first = queue.receive(10 * SECOND, 2);
        assert_eq!(first.iter().map(|d| d.message).collect::<Vec<_>>(), ids[..2]);
        assert!(queue.visibility_expired(first[0].message, first[0].receipt, first[0].visible_again_at));
        let next = queue.receive(first[0].visible_again_at, 10);
        assert_eq!(next.iter().map(|d| d.message).collect::<Vec<_>>(), [ids[0], ids[2], ids[3]]);
        assert_eq!(next[0].receive_count, 2);
        assert_eq!(queue.counters().redelivered, 1);
        assert_conserved(&queue);
    }

    #[test]
    fn batch_is_limited_by_request_spec_and_ten() {
        let mut queue = Queue::new(&QueueSpec { batch_size: 3, ..QueueSpec::default() });
        (0..20).for_each(|_| {
            queue.send(0);
        });
        assert_eq!(queue.receive(0, 10).len(), 3);
        assert_eq!(queue.receive(0, 2).len(), 2);
        assert_eq!(queue.receive(0, 0).len(), 0);
        let mut wide = Queue::new(&QueueSpec { batch_size: 50, ..QueueSpec::default() });
        (0..20).for_each(|_| {
            wide.send(0);
        });
        assert_eq!(wide.receive(0, 100).len(), 10);
        assert_eq!((queue.visible(), queue.in_flight()), (15, 5));
    }

    #[test]
    fn message_returns_after_exactly_the_visibility_timeout() {
        let mut queue = Queue::new(&spec(30.0, None));
        let id = queue.send(0);
        let d = queue.receive(5 * SECOND, 1)[0];
        assert_eq!(d.visible_again_at, 35 * SECOND);
        assert!(queue.receive(d.visible_again_at - 1, 1).is_empty());
        assert!(!queue.visibility_expired(id, d.receipt, d.visible_again_at - 1));
        assert_eq!(queue.in_flight(), 1);
        assert!(queue.visibility_expired(id, d.receipt, d.visible_again_at));
        assert_eq!((queue.visible(), queue.in_flight()), (1, 0));
        assert!(!queue.visibility_expired(id, d.receipt, d.visible_again_at), "fires once");
        assert_eq!(queue.counters().returned, 1);
    }

    #[test]
    fn zero_visibility_timeout_returns_at_once() {
        let mut queue = Queue::new(&spec(0.0, None));
        let id = queue.send(0);
        let d = queue.receive(7, 1)[0];
        assert_eq!(d.visible_again_at, 7);
        assert!(queue.visibility_expired(id, d.receipt, 7));
        assert_eq!(queue.receive(7, 1)[0].receive_count, 2);
    }

    #[test]
    fn stale_receipt_changes_nothing() {
        let mut queue = Queue::new(&spec(30.0, None));
        let id = queue.send(0);
        let old = queue.receive(0, 1)[0];
        assert!(queue.visibility_expired(id, old.receipt, old.visible_again_at));
        let new = queue.receive(old.visible_again_at, 1)[0];
        assert_ne!(new.receipt, old.receipt);
        assert!(!queue.visibility_expired(id, old.receipt, new.visible_again_at));
        assert_eq!(queue.in_flight(), 1);
        assert!(queue.visibility_expired(id, new.receipt, new.visible_again_at));
    }

    #[test]
    fn dead_letters_when_receive_count_would_exceed_the_maximum() {
        let mut queue = Queue::new(&spec(30.0, Some(5)));
        let id = queue.send(0);
        let mut now = 0;
        for count in 1..=5 {
            let d = queue.receive(now, 10)[0];
            assert_eq!((d.message, d.receive_count), (id, count));
            now = d.visible_again_at;
            assert!(queue.visibility_expired(id, d.receipt, now));
        }
        assert!(queue.receive(now, 10).is_empty(), "the sixth receive moves it");
        let c = queue.counters();
        assert_eq!((c.received, c.dead_lettered, queue.visible()), (5, 1, 0));
        assert_conserved(&queue);
    }

    #[test]
    fn dead_lettered_message_does_not_take_a_place_in_the_batch() {
        let mut queue = Queue::new(&spec(0.0, Some(1)));
        let poison = queue.send(0);
        let d = queue.receive(0, 1)[0];
        assert!(queue.visibility_expired(poison, d.receipt, 0));
        let good = queue.send(1);
        let batch = queue.receive(1, 1);
        assert_eq!(batch.iter().map(|d| d.message).collect::<Vec<_>>(), [good]);
        assert_eq!(queue.counters().dead_lettered, 1);
    }

    #[test]
    fn without_a_dead_letter_queue_a_message_keeps_coming_back() {
        let mut queue = Queue::new(&spec(0.0, None));
        let id = queue.send(0);
        for count in 1..=50 {
            let d = queue.receive(0, 1)[0];
            assert_eq!(d.receive_count, count);
            assert!(queue.visibility_expired(id, d.receipt, 0));
        }
        assert_eq!(queue.counters().dead_lettered, 0);
    }

    #[test]
    fn retention_expiry_is_counted_as_lost() {
        let mut queue = Queue::new(&QueueSpec { retention_s: 10.0, ..QueueSpec::default() });
        assert_eq!(queue.retention(), 60 * SECOND, "AWS minimum");
        let old = queue.send(0);
        let held = queue.send(0);
        queue.send(30 * SECOND);
        let d = queue.receive(0, 10);
        assert_eq!(d.len(), 3);
        assert!(queue.visibility_expired(old, d[0].receipt, d[0].visible_again_at));
        assert_eq!(queue.next_expiry(), Some(60 * SECOND));
        assert_eq!(queue.expire(60 * SECOND - 1), 0);
        assert_eq!(queue.expire(60 * SECOND), 1, "only the visible old message");
        assert_eq!((queue.visible(), queue.in_flight(), queue.counters().expired), (0, 2, 1));
        assert!(!queue.delete(old, d[0].receipt));
        assert!(queue.delete(held, d[1].receipt));
        assert_conserved(&queue);
    }

    #[test]
    fn receive_never_hands_out_an_expired_message() {
        let mut queue = Queue::new(&QueueSpec { retention_s: 60.0, ..QueueSpec::default() });
        queue.send(0);
        let fresh = queue.send(SECOND);
        let d = queue.receive(60 * SECOND, 10);
        assert_eq!(d.iter().map(|d| d.message).collect::<Vec<_>>(), [fresh]);
        assert_eq!(queue.counters().expired, 1);
    }

    #[test]
    fn slow_consumer_makes_a_counted_duplicate_and_nothing_breaks() {
        let mut queue = Queue::new(&spec(30.0, Some(5)));
        let id = queue.send(0);
        let a = queue.receive(0, 1)[0];
        assert!(queue.visibility_expired(id, a.receipt, a.visible_again_at));
        let b = queue.receive(a.visible_again_at, 1)[0];
        assert_eq!(queue.complete(id, a.receipt), Completion::First);
        assert!(queue.delete(id, a.receipt), "an older receipt still deletes");
        assert_eq!(queue.complete(id, b.receipt), Completion::Duplicate);
        assert!(!queue.delete(id, b.receipt));
        assert!(!queue.visibility_expired(id, b.receipt, b.visible_again_at));
        let c = queue.counters();
        assert_eq!((c.completed, c.duplicates, c.deleted), (1, 1, 1));
        assert_eq!((queue.in_flight(), queue.records_held()), (0, 0));
        assert_conserved(&queue);
    }

    #[test]
    fn late_completion_of_a_dead_lettered_message_is_its_first() {
        let mut queue = Queue::new(&spec(30.0, Some(1)));
        let id = queue.send(0);
        let slow = queue.receive(0, 1)[0];
        assert!(queue.visibility_expired(id, slow.receipt, slow.visible_again_at));
        assert!(queue.receive(slow.visible_again_at, 1).is_empty());
        assert_eq!(queue.records_held(), 1, "tombstone while the slow consumer holds it");
        assert_eq!(queue.complete(id, slow.receipt), Completion::First);
        assert!(!queue.delete(id, slow.receipt));
        assert_eq!(queue.records_held(), 0);
        assert_conserved(&queue);
    }

    #[test]
    fn abandoning_the_last_delivery_frees_a_tombstone() {
        let mut queue = Queue::new(&spec(0.0, Some(1)));
        let id = queue.send(0);
        let d = queue.receive(0, 1)[0];
        assert!(queue.visibility_expired(id, d.receipt, 0));
        assert!(queue.receive(0, 1).is_empty());
        assert_eq!(queue.records_held(), 1);
        queue.abandon(id, d.receipt);
        assert_eq!(queue.records_held(), 0);
    }

    #[test]
    fn empty_receives_are_counted_only_by_the_caller() {
        let mut queue = Queue::new(&QueueSpec::default());
        assert!(queue.receive(0, 10).is_empty());
        assert_eq!(queue.counters().empty_receives, 0);
        queue.count_empty_receive();
        assert_eq!(queue.counters().empty_receives, 1);
    }

    #[test]
    fn oldest_age_covers_in_flight_messages() {
        let mut queue = Queue::new(&QueueSpec::default());
        assert_eq!(queue.oldest_age(5 * SECOND), 0);
        queue.send(SECOND);
        queue.send(2 * SECOND);
        queue.receive(3 * SECOND, 1);
        assert_eq!(queue.oldest_age(10 * SECOND), 9 * SECOND);
    }

    #[test]
    fn absurd_specs_are_clamped_not_fatal() {
        let absurd = QueueSpec {
            visibility_timeout_s: f64::INFINITY,
            retention_s: f64::NAN,
            receive_wait_s: -4.0,
            batch_size: 0,
            max_receive_count: Some(0),
        };
        let mut queue = Queue::new(&absurd);
        assert_eq!((queue.visibility_timeout(), queue.receive_wait()), (MAX_VISIBILITY, 0));
        assert_eq!((queue.retention(), queue.batch_size()), (MIN_RETENTION, 1));
        queue.send(u64::MAX);
        assert!(queue.receive(u64::MAX, u32::MAX).is_empty(), "max receive count 0 dead-letters");
        assert!(!queue.delete(MessageId(7), 7));
        assert_eq!(queue.complete(MessageId(7), 7), Completion::Duplicate);
        assert_conserved(&queue);
    }

    /// A deterministic linear congruential generator (Knuth's MMIX constants).
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n.max(1)
        }
    }

    /// Drives a queue with random sends, receives, timers, completions, deletes, abandons and
    /// expiries, checking invariants after every step; returns the final counters.
    fn random_run(seed: u64, steps: u32) -> QueueCounters {
        let spec = QueueSpec {
            visibility_timeout_s: 2.0,
            retention_s: 60.0,
            batch_size: 4,
            max_receive_count: Some(3),
            ..QueueSpec::default()
        };
        let mut queue = Queue::new(&spec);
        let mut rng = Lcg(seed);
        let (mut now, mut held, mut timers) = (0, Vec::<Delivery>::new(), Vec::<Delivery>::new());
        for _ in 0..steps {
            let target = now + rng.below(SECOND);
            timers.sort_by_key(|d| (d.visible_again_at, d.receipt));
            let due = timers.iter().take_while(|d| d.visible_again_at <= target).count();
            for d in timers.drain(..due) {
                queue.visibility_expired(d.message, d.receipt, d.visible_again_at);
            }
            now = target;
            match rng.below(10) {
                0..=2 => {
                    queue.send(now);
                }
                3..=4 => {
                    let batch = queue.receive(now, 1 + rng.below(10) as u32);
                    assert!(batch.len() <= 4);
                    timers.extend(&batch);
                    held.extend(batch);
                }
                5..=6 if !held.is_empty() => {
                    let d = held.swap_remove(rng.below(held.len() as u64) as usize);
                    // A world may delete before reporting completion; both orders must conserve.
                    if rng.below(4) == 0 {
                        queue.delete(d.message, d.receipt);
                        queue.complete(d.message, d.receipt);
                    } else {
                        queue.complete(d.message, d.receipt);
                        queue.delete(d.message, d.receipt);
                    }
                }
                7 if !held.is_empty() => {
                    let d = held.swap_remove(rng.below(held.len() as u64) as usize);
                    queue.abandon(d.message, d.receipt);
                }
                8 => {
                    queue.expire(now);
                }
                _ => {}
            }
            assert_conserved(&queue);
            assert!(
                queue.records_held() as usize <= (queue.visible() + queue.in_flight()) as usize + held.len()
            );
        }
        for d in held.drain(..) {
            queue.abandon(d.message, d.receipt);
        }
        assert_eq!(queue.records_held(), queue.visible() + queue.in_flight(), "no tombstone left");
        queue.counters().clone()
    }

    #[test]
    fn random_operations_conserve_messages_and_free_memory() {
        let counters = random_run(42, 20_000);
        // The run must exercise every path, or the invariants above prove little.
        assert!(counters.deleted > 0 && counters.dead_lettered > 0 && counters.expired > 0);
        assert!(counters.duplicates > 0 && counters.returned > 0);
        assert_eq!(counters, random_run(42, 20_000), "same seed, same run");
        assert_ne!(counters, random_run(43, 20_000));
    }
}
