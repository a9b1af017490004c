//! Min/max buckets: a long run of samples folded into a few hundred points for a plot.
//!
//! A plot a few hundred pixels wide cannot show an hour of per-second samples one by one,
//! and drawing them all would cost far more than a frame allows. [`Buckets`] folds
//! consecutive samples into buckets of `width_s` seconds and keeps, per metric, the
//! smallest and largest value in each bucket (so a one-second spike is never averaged
//! away) and the last one (for a "now" readout). When the buckets are full, adjacent pairs
//! merge and the width doubles, exactly as the simulation's own series downsamples, so a
//! push costs O(1) amortised however long the run.
//!
//! ```text
//! capacity 4, width 1 s:  [0][1][2][3]
//! push 4:                 [0–1][2–3] open [4]      width 2 s
//! ```

/// One metric's values within a bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Extent {
    /// Smallest value.
    pub min: f32,
    /// Largest value.
    pub max: f32,
    /// Whether the smallest came before the largest (the line rises through the bucket).
    pub rising: bool,
    /// The latest value.
    pub last: f32,
}

impl Extent {
    /// The extent of a single value.
    pub fn of(value: f32) -> Self {
        Extent { min: value, max: value, rising: true, last: value }
    }

    /// This extent followed by `later`.
    pub fn then(self, later: Extent) -> Self {
        let min_later = later.min < self.min;
        let max_later = later.max > self.max;
        let rising = match (min_later, max_later) {
            (false, true) => true,
            (true, false) => false,
            (false, false) => self.rising,
            (true, true) => later.rising,
        };
        Extent {
            min: if min_later { later.min } else { self.min },
            max: if max_later { later.max } else { self.max },
            rising,
            last: later.last,
        }
    }
}

/// One bucket: the extent of each of `N` metrics.
pub type Bucket<const N: usize> = [Extent; N];

/// Samples of `N` metrics folded into at most `capacity` buckets (plus one open bucket).
#[derive(Clone, Debug, PartialEq)]
pub struct Buckets<const N: usize> {
    /// Most complete buckets kept; even and at least 2.
    capacity: usize,
    /// Seconds per bucket [s]; the first sample's span times a power of two.
    width_s: u64,
    /// Complete buckets, oldest first; bucket `i` starts at `i * width_s`.
    done: Vec<Bucket<N>>,
    /// The bucket being filled after the last complete one, and the seconds it covers [s].
    open: Option<(Bucket<N>, u64)>,
    /// Seconds pushed in total [s].
    seconds: u64,
}

impl<const N: usize> Buckets<N> {
    /// No buckets yet, each to cover `width_s` seconds [s] (at least 1) until the first merge.
    pub fn new(capacity: usize, width_s: u64) -> Self {
        Buckets {
            capacity: (capacity & !1).max(2),
            width_s: width_s.max(1),
            done: Vec::new(),
            open: None,
            seconds: 0,
        }
    }

    /// Adds the values of the next `span_s` seconds [s]. A span must divide the width
    /// (the series' resolution does: both are powers of two and the width starts there).
    pub fn push(&mut self, values: &[f32; N], span_s: u64) {
        let sample: Bucket<N> = values.map(Extent::of);
        self.seconds = self.seconds.saturating_add(span_s);
        let (bucket, covered) = match self.open.take() {
            Some((open, covered)) => (fold(&open, &sample), covered + span_s),
            None => (sample, span_s),
        };
        if covered < self.width_s {
            self.open = Some((bucket, covered));
            return;
        }
        if self.done.len() < self.capacity {
            self.done.push(bucket);
            return;
        }
        self.merge_pairs();
        // The completed bucket covers half the new width: it opens the next bucket.
        self.open = Some((bucket, covered));
    }

    /// Seconds per complete bucket [s].
    pub fn width_s(&self) -> u64 {
        self.width_s
    }

    /// Seconds pushed in total [s].
    pub fn seconds(&self) -> u64 {
        self.seconds
    }

    /// Buckets, the open one included.
    pub fn len(&self) -> usize {
        self.done.len() + usize::from(self.open.is_some())
    }

    /// Whether nothing was pushed yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bucket `index` (the open one last) as `(start_s, span_s, extents)`.
    pub fn get(&self, index: usize) -> Option<(u64, u64, &Bucket<N>)> {
        let start = index as u64 * self.width_s;
        match self.done.get(index) {
            Some(bucket) => Some((start, self.width_s, bucket)),
            None if index == self.done.len() => self.open.as_ref().map(|(b, covered)| (start, *covered, b)),
            None => None,
        }
    }

    /// Every bucket, oldest first and the open one last, as `(start_s, span_s, extents)`.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u64, &Bucket<N>)> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Index of the bucket holding simulated second `second` [s], clamped to the last one;
    /// `None` when empty.
    pub fn index_at(&self, second: u64) -> Option<usize> {
        let last = self.len().checked_sub(1)?;
        Some(usize::try_from(second / self.width_s).map_or(last, |i| i.min(last)))
    }

    /// Merges adjacent complete buckets in place and doubles the width.
    fn merge_pairs(&mut self) {
        let pairs = self.done.len() / 2;
        for i in 0..pairs {
            self.done[i] = fold(&self.done[2 * i], &self.done[2 * i + 1]);
        }
        self.done.truncate(pairs);
        self.width_s = self.width_s.saturating_mul(2);
    }
}

/// Two consecutive buckets as one.
fn fold<const N: usize>(earlier: &Bucket<N>, later: &Bucket<N>) -> Bucket<N> {
    std::array::from_fn(|m| earlier[m].then(later[m]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pushed(capacity: usize, values: &[f32]) -> Buckets<1> {
        let mut buckets = Buckets::new(capacity, 1);
        for &v in values {
            buckets.push(&[v], 1);
        }
        buckets
    }

    fn extents(buckets: &Buckets<1>) -> Vec<(u64, u64, f32, f32)> {
        buckets.iter().map(|(start, span, b)| (start, span, b[0].min, b[0].max)).collect()
    }

    #[test]
    fn fills_one_second_buckets_until_full() {
        let buckets = pushed(4, &[3.0, 1.0, 2.0]);
        assert_eq!(extents(&buckets), vec![(0, 1, 3.0, 3.0), (1, 1, 1.0, 1.0), (2, 1, 2.0, 2.0)]);
        assert_eq!(buckets.seconds(), 3);
    }

    #[test]
    fn merging_keeps_the_spike_and_the_dip() {
        let buckets = pushed(4, &[1.0, 9.0, 2.0, 0.0, 5.0]);
        assert_eq!(buckets.width_s(), 2);
        assert_eq!(extents(&buckets), vec![(0, 2, 1.0, 9.0), (2, 2, 0.0, 2.0), (4, 1, 5.0, 5.0)]);
        let first = buckets.get(0).unwrap().2[0];
        assert!(first.rising, "1 then 9 rises");
        assert!(!buckets.get(1).unwrap().2[0].rising, "2 then 0 falls");
        assert_eq!(first.last, 9.0);
    }

    #[test]
    fn an_hour_stays_within_capacity_and_loses_no_peak() {
        let values: Vec<f32> = (0..3600).map(|s| if s == 1234 { 500.0 } else { 10.0 }).collect();
        let buckets = pushed(300, &values);
        assert!(buckets.len() <= 301 && buckets.len() >= 150, "{}", buckets.len());
        assert_eq!(buckets.width_s(), 16);
        let peak = buckets.iter().map(|(_, _, b)| b[0].max).fold(0.0, f32::max);
        assert_eq!(peak, 500.0);
        let (start, span, _) = buckets.get(buckets.len() - 1).unwrap();
        assert_eq!(start + span, 3600, "the open bucket ends at the last second");
    }

    #[test]
    fn spans_wider_than_a_second_fold_in_whole() {
        let mut buckets: Buckets<1> = Buckets::new(4, 4);
        for v in [1.0, 2.0, 3.0] {
            buckets.push(&[v], 4);
        }
        assert_eq!(extents(&buckets), vec![(0, 4, 1.0, 1.0), (4, 4, 2.0, 2.0), (8, 4, 3.0, 3.0)]);
    }

    #[test]
    fn index_at_clamps_to_the_last_bucket() {
        let buckets = pushed(4, &[1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(buckets.index_at(0), Some(0));
        assert_eq!(buckets.index_at(3), Some(1));
        assert_eq!(buckets.index_at(4), Some(2));
        assert_eq!(buckets.index_at(99), Some(2));
        assert_eq!(pushed(4, &[]).index_at(0), None);
    }
}
