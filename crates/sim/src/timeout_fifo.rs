//! Timeouts of one fixed length, kept in the order they were set.
//!
//! When every timeout of a kind has the same length (a client's request timeout, a
//! queue's visibility timeout, its long-poll wait), the order they were set in is the
//! order they expire in. A FIFO then replaces thousands of heap entries, most of which
//! would be cancelled, with one timer for the front entry.

use std::collections::VecDeque;

use crate::time::Micros;

/// Pending timeouts, earliest first.
#[derive(Clone, Debug)]
pub struct TimeoutFifo<T> {
    entries: VecDeque<(Micros, T)>,
}

impl<T> Default for TimeoutFifo<T> {
    fn default() -> Self {
        TimeoutFifo { entries: VecDeque::new() }
    }
}

impl<T: Copy> TimeoutFifo<T> {
    /// Adds a timeout due at `due` [µs], which must not be earlier than the last one added.
    /// Returns true if it is now the only entry, so the caller must arm its timer.
    pub fn push(&mut self, due: Micros, item: T) -> bool {
        debug_assert!(self.entries.back().is_none_or(|(last, _)| *last <= due), "timeouts out of order");
        self.entries.push_back((due, item));
        self.entries.len() == 1
    }

    /// The earliest timeout.
    pub fn front(&self) -> Option<(Micros, T)> {
        self.entries.front().copied()
    }

    /// Removes the earliest timeout.
    pub fn pop(&mut self) -> Option<(Micros, T)> {
        self.entries.pop_front()
    }

    /// Timeouts pending, stale ones included.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none is pending.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_is_the_earliest_and_only_the_first_push_arms() {
        let mut fifo = TimeoutFifo::default();
        assert!(fifo.push(10, 'a'));
        assert!(!fifo.push(20, 'b'));
        assert_eq!(fifo.front(), Some((10, 'a')));
        fifo.pop();
        assert_eq!(fifo.front(), Some((20, 'b')));
        fifo.pop();
        assert!(fifo.is_empty());
    }
}
