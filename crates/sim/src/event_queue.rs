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
///
/// An event handed out by [`EventQueue::pop_until`] leaves its entry at the top of the heap
/// until the next call: most handlers schedule an event, and putting it in the place of the
/// old top costs one sift instead of a pop's and a push's. Entries are unique, so the order
/// of events is that of the plain pop and push.
#[derive(Clone, Debug)]
pub struct EventQueue<E, K: Eq + Hash> {
    heap: QuaternaryHeap<Reverse<u128>>,
    /// Payloads and keys by slot; a slot is reused once its event is handed out or dropped.
    slots: Vec<Slot<E, K>>,
    free: Vec<u32>,
    next_seq: u64,
    /// The live entry of each keyed timer, by its sequence number. Only looked up, never
    /// iterated, so a hash map cannot make a run depend on hashing.
    live: FxHashMap<K, u64>,
    /// The top entry of the heap was handed out and is still to be removed (see above).
    top_handed_out: bool,
}

/// What a heap entry's slot holds.
#[derive(Clone, Debug)]
struct Slot<E, K> {
    /// The event; `None` once handed out or dropped.
    event: Option<E>,
    /// The timer key of a keyed entry.
    key: Option<K>,
}

impl<E, K: Eq + Hash + Clone> Default for EventQueue<E, K> {
    fn default() -> Self {
        EventQueue {
            heap: QuaternaryHeap::new(),
            slots: Vec::new(),
            free: Vec::new(),
            next_seq: 0,
            live: FxHashMap::default(),
            top_handed_out: false,
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
    #[inline]
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
        self.remove_handed_out();
        self.drop_stale();
        self.heap.peek().map(|Reverse(entry)| unpack(*entry).0)
    }

    /// Removes and returns the next live event with its time.
    pub fn pop(&mut self) -> Option<(Micros, E)> {
        self.pop_until(Micros::MAX)
    }

    /// Removes and returns the next live event if it is due at or before `limit`.
    #[inline]
    pub fn pop_until(&mut self, limit: Micros) -> Option<(Micros, E)> {
        self.remove_handed_out();
        self.drop_stale();
        let Reverse(top) = *self.heap.peek()?;
        let (time, _, keyed, slot) = unpack(top);
        if time > limit {
            return None;
        }
        self.top_handed_out = true;
        let Slot { event, key } = self.slots.get_mut(slot as usize)?;
        if keyed && let Some(key) = key.take() {
            self.live.remove(&key);
        }
        let event = event.take();
        self.free.push(slot);
        event.map(|e| (time, e))
    }

    /// Entries waiting, stale ones included.
    pub fn len(&self) -> usize {
        self.heap.len() - usize::from(self.top_handed_out)
    }

    /// Whether nothing is waiting.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Inlined, so the caller builds the event straight into its slot; the heap's part is
    /// out of line.
    #[inline(always)]
    fn push(&mut self, time: Micros, key: Option<K>, event: E) -> u64 {
        self.next_seq += 1;
        let keyed = if key.is_some() { KEYED } else { 0 };
        let slot = self.store(Slot { event: Some(event), key });
        let seq = u128::from(self.next_seq) & ((1 << SEQ_BITS) - 1);
        self.insert((u128::from(time) << 64) | (seq << (SLOT_BITS + 1)) | keyed | u128::from(slot));
        self.next_seq
    }

    /// Adds a packed entry to the heap.
    #[inline(never)]
    fn insert(&mut self, entry: u128) {
        if std::mem::take(&mut self.top_handed_out)
            && let Some(mut top) = self.heap.peek_mut()
        {
            // The handed-out top makes way for the new entry, which sinks to its place.
            *top = Reverse(entry);
        } else {
            self.heap.push(Reverse(entry));
        }
    }

    /// Puts a payload in a free slot (a new one if none is free) and returns the slot.
    #[inline(always)]
    fn store(&mut self, payload: Slot<E, K>) -> u32 {
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slots[slot as usize] = payload;
                slot
            }
            None => {
                self.slots.push(payload);
                (self.slots.len() - 1) as u32
            }
        };
        debug_assert!(u128::from(slot) <= SLOT_MASK, "too many pending events");
        slot
    }

    /// Removes the entry of the event last handed out, if it is still in the heap.
    #[inline]
    fn remove_handed_out(&mut self) {
        if std::mem::take(&mut self.top_handed_out) {
            self.heap.pop();
        }
    }

    /// Pops keyed entries that were cancelled or replaced, freeing their slots. Unkeyed
    /// entries are always live, so the usual case is one check.
    #[inline]
    fn drop_stale(&mut self) {
        if let Some(&Reverse(top)) = self.heap.peek()
            && top & KEYED != 0
        {
            self.drop_stale_timers();
        }
    }

    /// The keyed case of [`Self::drop_stale`].
    fn drop_stale_timers(&mut self) {
        while let Some(&Reverse(top)) = self.heap.peek() {
            let (_, seq, keyed, slot) = unpack(top);
            if !keyed {
                return;
            }
            let Slot { event, key } = &mut self.slots[slot as usize];
            if key.as_ref().and_then(|key| self.live.get(key)) == Some(&seq) {
                return;
            }
            *event = None;
            *key = None;
            self.heap.pop();
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
    fn pushes_between_pops_keep_time_and_insertion_order() {
        let mut q = Queue::default();
        q.schedule(4, "d");
        q.schedule_keyed(1, 2, "timer");
        assert_eq!(q.pop(), Some((2, "timer")));
        assert_eq!(q.len(), 1);
        q.schedule(4, "e"); // takes the handed-out top's place, after "d" among equals
        q.schedule(3, "c");
        q.schedule_keyed(1, 5, "rearmed");
        assert_eq!(q.pop(), Some((3, "c")));
        assert_eq!(q.peek_time(), Some(4));
        q.schedule_keyed(2, 1, "cancelled");
        q.cancel(&2);
        assert_eq!(q.len(), 4);
        assert_eq!(drain(&mut q), vec![(4, "d"), (4, "e"), (5, "rearmed")]);
        assert!(q.is_empty());
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
