//! The one priority queue of future events, ordered by (time, sequence number).
//!
//! Equal times keep insertion order, so a run never depends on how the heap breaks ties.
//! Keyed timers can be cancelled or replaced: a later schedule with the same key, or
//! [`EventQueue::cancel`], makes the earlier entry stale, and stale entries are skipped
//! when they reach the front (no search through the heap).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

use crate::time::Micros;

/// A scheduled entry; the heap is a max-heap, so ordering is reversed.
#[derive(Clone, Debug)]
struct Entry<E, K> {
    time: Micros,
    seq: u64,
    key: Option<K>,
    event: E,
}

impl<E, K> PartialEq for Entry<E, K> {
    fn eq(&self, other: &Self) -> bool {
        (self.time, self.seq) == (other.time, other.seq)
    }
}
impl<E, K> Eq for Entry<E, K> {}
impl<E, K> PartialOrd for Entry<E, K> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E, K> Ord for Entry<E, K> {
    fn cmp(&self, other: &Self) -> Ordering {
        (other.time, other.seq).cmp(&(self.time, self.seq))
    }
}

/// Future events of type `E`, some of them keyed by a timer key `K`.
#[derive(Clone, Debug)]
pub struct EventQueue<E, K: Ord> {
    heap: BinaryHeap<Entry<E, K>>,
    next_seq: u64,
    /// The live entry of each keyed timer, by its sequence number.
    live: BTreeMap<K, u64>,
}

impl<E, K: Ord + Clone> Default for EventQueue<E, K> {
    fn default() -> Self {
        EventQueue { heap: BinaryHeap::new(), next_seq: 0, live: BTreeMap::new() }
    }
}

impl<E, K: Ord + Clone> EventQueue<E, K> {
    /// Schedules `event` at `time`.
    pub fn schedule(&mut self, time: Micros, event: E) {
        let seq = self.bump();
        self.heap.push(Entry { time, seq, key: None, event });
    }

    /// Schedules `event` at `time` under `key`, replacing any live timer with that key.
    pub fn schedule_keyed(&mut self, key: K, time: Micros, event: E) {
        let seq = self.bump();
        self.live.insert(key.clone(), seq);
        self.heap.push(Entry { time, seq, key: Some(key), event });
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
        self.drop_stale();
        let entry = self.heap.pop()?;
        if let Some(key) = &entry.key {
            self.live.remove(key);
        }
        Some((entry.time, entry.event))
    }

    /// Entries waiting, stale ones included.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Whether nothing is waiting.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }

    fn bump(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    fn drop_stale(&mut self) {
        while let Some(top) = self.heap.peek() {
            let stale = match &top.key {
                Some(key) => self.live.get(key) != Some(&top.seq),
                None => false,
            };
            if !stale {
                return;
            }
            self.heap.pop();
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
