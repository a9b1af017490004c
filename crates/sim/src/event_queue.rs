//! The one priority queue of future events, ordered by (time, sequence number).
//!
//! Equal times keep insertion order, so a run never depends on how the heap breaks ties.
//! Keyed timers can be cancelled or replaced: a later schedule with the same key, or
//! [`EventQueue::cancel`], makes the earlier entry stale, and stale entries are skipped
//! when they reach the front (no search through the heap).

use std::cmp::Reverse;
use std::hash::Hash;

use dary_heap::QuaternaryHeap;
use rustc_hash::FxHashMap;

use crate::time::Micros;

/// Bits of a heap entry below the time: a sequence number, a keyed flag and a slot.
const SEQ_BITS: u32 = 39;
const SLOT_BITS: u32 = 24;
const KEYED: u128 = 1 << SLOT_BITS;
const SLOT_MASK: u128 = (1 << SLOT_BITS) - 1;

/// Future events of type `E`, some of them keyed by a timer key `K`.
///
/// A heap entry is one `u128`: time [µs] in the high 64 bits, then a sequence number
/// (insertion order among equal times), a flag for keyed timers and the slot of the
/// payload. Ordering is a single integer comparison, and unkeyed events, the vast
/// majority, never touch the keyed-timer table. Slots (2^24) bound the events pending at
/// once, far above what a valid design can have (one per busy slot and a few timers per
/// component); sequence numbers (2^39) bound the events of one run.
#[derive(Clone, Debug)]
pub struct EventQueue<E, K: Eq + Hash> {
    heap: QuaternaryHeap<Reverse<u128>>,
    /// Payloads by slot; a slot is reused once its entry leaves the heap.
    payloads: Vec<Option<E>>,
    free: Vec<u32>,
    next_seq: u64,
    /// The key of each pending keyed entry, by slot.
    keys: FxHashMap<u32, K>,
    /// The live entry of each keyed timer, by its sequence number. Only looked up, never
    /// iterated, so a hash map cannot make a run depend on hashing.
    live: FxHashMap<K, u64>,
}

impl<E, K: Eq + Hash + Clone> Default for EventQueue<E, K> {
    fn default() -> Self {
        EventQueue {
            heap: QuaternaryHeap::new(),
            payloads: Vec::new(),
            free: Vec::new(),
            next_seq: 0,
            keys: FxHashMap::default(),
            live: FxHashMap::default(),
        }
    }
}

/// The parts of a packed heap entry.
fn unpack(entry: u128) -> (Micros, u64, bool, u32) {
    let time = (entry >> 64) as Micros;
    let seq = ((entry >> (SLOT_BITS + 1)) as u64) & ((1 << SEQ_BITS) - 1);
    (time, seq, entry & KEYED != 0, (entry & SLOT_MASK) as u32)
}

impl<E, K: Eq + Hash + Clone> EventQueue<E, K> {
    /// Schedules `event` at `time`.
    pub fn schedule(&mut self, time: Micros, event: E) {
        self.push(time, None, event);
    }

    /// Schedules `event` at `time` under `key`, replacing any live timer with that key.
    pub fn schedule_keyed(&mut self, key: K, time: Micros, event: E) {
        let seq = self.push(time, Some(key.clone()), event);
        self.live.insert(key, seq);
    }

    /// Schedules a keyed timer unless one with that key is already live. For a FIFO of
    /// equal timeouts the live timer is due no later than any new entry, and its handler
    /// re-arms for whatever is then at the front, so nothing is lost and no stale entry
    /// is left behind.
    pub fn arm(&mut self, key: K, time: Micros, event: E) {
        if !self.is_live(&key) {
            self.schedule_keyed(key, time, event);
        }
    }

    /// Cancels the live timer with `key`, if any. Returns whether one was live.
    pub fn cancel(&mut self, key: &K) -> bool {
        self.live.remove(key).is_some()
    }

    /// Whether a timer with `key` is live.
    pub fn is_live(&self, key: &K) -> bool {
        self.live.contains_key(key)
    }

    /// Time of the next live event, if any.
    pub fn peek_time(&mut self) -> Option<Micros> {
        self.drop_stale();
        self.heap.peek().map(|Reverse(entry)| unpack(*entry).0)
    }

    /// Removes and returns the next live event with its time.
    pub fn pop(&mut self) -> Option<(Micros, E)> {
        self.pop_until(Micros::MAX)
    }

    /// Removes and returns the next live event if it is due at or before `limit`.
    pub fn pop_until(&mut self, limit: Micros) -> Option<(Micros, E)> {
        self.drop_stale();
        let Reverse(top) = *self.heap.peek()?;
        let (time, _, keyed, slot) = unpack(top);
        if time > limit {
            return None;
        }
        self.heap.pop();
        if keyed && let Some(key) = self.keys.remove(&slot) {
            self.live.remove(&key);
        }
        let event = self.payloads.get_mut(slot as usize)?.take();
        self.free.push(slot);
        event.map(|e| (time, e))
    }

    /// Entries waiting, stale ones included.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Whether nothing is waiting.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    fn push(&mut self, time: Micros, key: Option<K>, event: E) -> u64 {
        self.next_seq += 1;
        let slot = match self.free.pop() {
            Some(slot) => {
                self.payloads[slot as usize] = Some(event);
                slot
            }
            None => {
                self.payloads.push(Some(event));
                (self.payloads.len() - 1) as u32
            }
        };
        debug_assert!(u128::from(slot) <= SLOT_MASK, "too many pending events");
        let keyed = match key {
            Some(key) => {
                self.keys.insert(slot, key);
                KEYED
            }
            None => 0,
        };
        let seq = u128::from(self.next_seq) & ((1 << SEQ_BITS) - 1);
        let entry = (u128::from(time) << 64) | (seq << (SLOT_BITS + 1)) | keyed | u128::from(slot);
        self.heap.push(Reverse(entry));
        self.next_seq
    }

    /// Pops keyed entries that were cancelled or replaced, freeing their slots.
    fn drop_stale(&mut self) {
        while let Some(&Reverse(top)) = self.heap.peek() {
            let (_, seq, keyed, slot) = unpack(top);
            if !keyed {
                return;
            }
            let live = self.keys.get(&slot).and_then(|key| self.live.get(key)) == Some(&seq);
            if live {
                return;
            }
            self.heap.pop();
            self.keys.remove(&slot);
            if let Some(payload) = self.payloads.get_mut(slot as usize) {
                *payload = None;
            }
            self.free.push(slot);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Queue = EventQueue<&'static str, u8>;

    fn drain(q: &mut Queue) -> Vec<(Micros, &'static str)> {
        std::iter::from_fn(|| q.pop()).collect()
    }

    #[test]
    fn equal_times_keep_insertion_order() {
        let mut q = Queue::default();
        q.schedule(5, "b1");
        q.schedule(1, "a");
        q.schedule(5, "b2");
        q.schedule(5, "b3");
        assert_eq!(drain(&mut q), vec![(1, "a"), (5, "b1"), (5, "b2"), (5, "b3")]);
    }

    #[test]
    fn keyed_timers_are_replaced_and_cancelled() {
        let mut q = Queue::default();
        q.schedule_keyed(1, 10, "first");
        q.schedule_keyed(1, 20, "replacement");
        q.schedule_keyed(2, 15, "cancelled");
        assert!(q.cancel(&2));
        assert!(!q.cancel(&2));
        q.schedule(30, "plain");
        assert_eq!(drain(&mut q), vec![(20, "replacement"), (30, "plain")]);
        assert!(!q.is_live(&1));
    }

    #[test]
    fn peek_skips_stale_entries() {
        let mut q = Queue::default();
        q.schedule_keyed(1, 3, "stale");
        q.schedule(7, "live");
        q.cancel(&1);
        assert_eq!(q.peek_time(), Some(7));
    }
}
