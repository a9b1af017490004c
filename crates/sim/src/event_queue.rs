//! The one priority queue of future events, ordered by (time, sequence number).
//!
//! Equal times keep insertion order, so a run never depends on how the heap breaks ties.
//! Keyed timers can be cancelled or replaced: a later schedule with the same key, or
//! [`EventQueue::cancel`], makes the earlier entry stale, and stale entries are skipped
//! when they reach the front (no search through the heap).

use std::cmp::Ordering;
use std::hash::Hash;

use dary_heap::QuaternaryHeap;
use rustc_hash::FxHashMap;

use crate::time::Micros;

/// A heap entry: when, in which order, and where its payload waits. Kept to 24 bytes so
/// that sifting moves little memory; the heap is the hottest structure of a run.
#[derive(Clone, Copy, Debug)]
struct Entry {
    time: Micros,
    seq: u64,
    slot: u32,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        (self.time, self.seq) == (other.time, other.seq)
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: the max-heap yields the earliest (time, seq) first.
        (other.time, other.seq).cmp(&(self.time, self.seq))
    }
}

/// Future events of type `E`, some of them keyed by a timer key `K`.
#[derive(Clone, Debug)]
pub struct EventQueue<E, K: Eq + Hash> {
    heap: QuaternaryHeap<Entry>,
    /// Payloads by slot; a slot is reused once its entry leaves the heap.
    payloads: Vec<Option<(Option<K>, E)>>,
    free: Vec<u32>,
    next_seq: u64,
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
            live: FxHashMap::default(),
        }
    }
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
        self.heap.peek().map(|e| e.time)
    }

    /// Removes and returns the next live event with its time.
    pub fn pop(&mut self) -> Option<(Micros, E)> {
        self.pop_until(Micros::MAX)
    }

    /// Removes and returns the next live event if it is due at or before `limit`.
    pub fn pop_until(&mut self, limit: Micros) -> Option<(Micros, E)> {
        self.drop_stale();
        if self.heap.peek()?.time > limit {
            return None;
        }
        let entry = self.heap.pop()?;
        let (key, event) = self.take(entry.slot)?;
        if let Some(key) = key {
            self.live.remove(&key);
        }
        Some((entry.time, event))
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
                self.payloads[slot as usize] = Some((key, event));
                slot
            }
            None => {
                self.payloads.push(Some((key, event)));
                (self.payloads.len() - 1) as u32
            }
        };
        self.heap.push(Entry { time, seq: self.next_seq, slot });
        self.next_seq
    }

    fn take(&mut self, slot: u32) -> Option<(Option<K>, E)> {
        let payload = self.payloads.get_mut(slot as usize)?.take();
        self.free.push(slot);
        payload
    }

    fn drop_stale(&mut self) {
        while let Some(top) = self.heap.peek() {
            let stale = match self.payloads.get(top.slot as usize) {
                Some(Some((Some(key), _))) => self.live.get(key) != Some(&top.seq),
                _ => false,
            };
            if !stale {
                return;
            }
            if let Some(entry) = self.heap.pop() {
                self.take(entry.slot);
            }
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
