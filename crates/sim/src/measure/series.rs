//! A per-second time series that stays bounded over long runs by downsampling.
//!
//! The run pushes one sample per simulated second. At most `capacity` points are kept;
//! when one more would not fit, adjacent pairs are merged, halving the points and doubling
//! the seconds each point covers (1 s, 2 s, 4 s …). Seconds then gather in a pending point
//! until it covers a whole period. Each point is merged about log2(run / capacity) times in
//! all, so a push costs O(1) amortised.
//!
//! A UI reads it every animation frame with a [`SeriesCursor`]: [`Series::since`] hands out
//! only the points stored after the cursor, as a borrowed slice. A downsample rewrites
//! every point and bumps [`Series::generation`]; a cursor from an older generation then
//! gets the whole series again, flagged as a reset.
//!
//! ```text
//! capacity 4:  [0][1][2][3]            resolution 1 s
//! push 4:      [0+1][2+3] pending 4    resolution 2 s, generation 1
//! push 5:      [0+1][2+3][4+5]
//! ```

use std::mem;

/// One period's measurements, which two consecutive periods can be folded into.
pub trait Sample: Clone + Default {
    /// Folds the immediately following period into this one, making it cover both. Counts
    /// should add; gauges keep the later or the larger value, as the implementor decides.
    fn merge(&mut self, later: &Self);
}

/// A reader's position in a [`Series`]; [`SeriesCursor::default`] has read nothing.
///
/// A cursor belongs to the series that issued it: after replacing the series (a new run),
/// start again from the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SeriesCursor {
    /// Generation of the series when the cursor was issued.
    generation: u64,
    /// Index of the first point not yet read.
    next: usize,
}

/// What a reader has not seen yet, returned by [`Series::since`].
#[derive(Debug, PartialEq)]
pub struct SeriesUpdate<'a, S> {
    /// Whether the points were rewritten (downsampled) since the cursor was issued: the
    /// reader must drop what it holds and take `points` as the whole series.
    pub reset: bool,
    /// Index of `points[0]` in the series (0 on a reset); its start is
    /// [`Series::start_s`] of this index.
    pub first_index: usize,
    /// The new points, oldest first; empty when there is nothing new.
    pub points: &'a [S],
    /// The cursor to pass next time.
    pub cursor: SeriesCursor,
}

/// Samples of consecutive simulated seconds, downsampled to stay within a capacity.
#[derive(Clone, Debug)]
pub struct Series<S> {
    /// Most points kept; even and at least 2.
    capacity: usize,
    /// Complete points, oldest first; point `i` covers seconds
    /// `i * resolution_s .. (i + 1) * resolution_s`.
    points: Vec<S>,
    /// The point being gathered after the last complete one; meaningful only while
    /// `pending_s > 0`.
    pending: S,
    /// Seconds folded into `pending` [s]; always less than `resolution_s`.
    pending_s: u64,
    /// Seconds per stored point [s]; a power of two.
    resolution_s: u64,
    /// Seconds pushed in total [s].
    seconds: u64,
    /// Downsamples so far.
    generation: u64,
}

impl<S: Sample> Series<S> {
    /// An empty series keeping at most `capacity` points at 1 s each. The capacity is
    /// rounded down to an even number, and at least 2. Memory grows with use up to
    /// `capacity` points plus the pending one.
    pub fn new(capacity: usize) -> Self {
        Series {
            capacity: (capacity & !1).max(2),
            points: Vec::new(),
            pending: S::default(),
            pending_s: 0,
            resolution_s: 1,
            seconds: 0,
            generation: 0,
        }
    }

    /// Adds the sample of the next simulated second. O(1) amortised.
    pub fn push(&mut self, sample: S) {
        self.seconds = self.seconds.saturating_add(1);
        if self.pending_s == 0 {
            self.pending = sample;
        } else {
            self.pending.merge(&sample);
        }
        self.pending_s += 1;
        if self.pending_s >= self.resolution_s {
            self.store_pending();
        }
    }

    /// Most points kept (even, at least 2).
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Seconds each stored point covers [s]: 1, 2, 4 … doubling at each downsample.
    pub fn resolution_s(&self) -> u64 {
        self.resolution_s
    }

    /// Number of complete stored points (the pending point not included).
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether no point is complete yet (there may still be a pending one).
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The complete points, oldest first. The seconds since the last of them are in
    /// [`Series::pending`].
    pub fn points(&self) -> &[S] {
        &self.points
    }

    /// The partial point after the last complete one and the seconds it covers [s]
    /// (fewer than [`Series::resolution_s`]); it starts at `start_s(len())`. `None` when
    /// the seconds pushed fill whole points.
    pub fn pending(&self) -> Option<(&S, u64)> {
        (self.pending_s > 0).then_some((&self.pending, self.pending_s))
    }

    /// Seconds pushed in total [s]; equals `len() * resolution_s()` plus the pending seconds.
    pub fn seconds(&self) -> u64 {
        self.seconds
    }

    /// Simulated second at which point `index` starts [s] (the series starts at second 0).
    /// Defined for any index, so `start_s(len())` is where the pending point starts.
    pub fn start_s(&self, index: usize) -> u64 {
        u64::try_from(index).unwrap_or(u64::MAX).saturating_mul(self.resolution_s)
    }

    /// Number of downsamples so far; every stored point changes when it does.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A cursor at the current end, for a reader that wants only points stored from now on.
    pub fn cursor(&self) -> SeriesCursor {
        SeriesCursor { generation: self.generation, next: self.points.len() }
    }

    /// The points stored since `cursor` was issued, or all of them flagged `reset` if they
    /// were downsampled since (or the cursor is not from this series). Borrows; copies nothing.
    pub fn since(&self, cursor: SeriesCursor) -> SeriesUpdate<'_, S> {
        let reset = cursor.generation != self.generation || cursor.next > self.points.len();
        let first_index = if reset { 0 } else { cursor.next };
        SeriesUpdate { reset, first_index, points: &self.points[first_index..], cursor: self.cursor() }
    }

    /// The stored points that overlap simulated seconds `from_s..to_s` [s], as
    /// `(start_s, point)`, oldest first. The pending point is not included.
    pub fn window(&self, from_s: u64, to_s: u64) -> impl Iterator<Item = (u64, &S)> {
        let len = self.points.len();
        let first = index_at(from_s / self.resolution_s, len);
        let end = index_at(to_s.div_ceil(self.resolution_s), len).max(first);
        self.points[first..end].iter().enumerate().map(move |(k, point)| (self.start_s(first + k), point))
    }

    /// Every stored point as `(start_s, point)`, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &S)> {
        self.window(0, u64::MAX)
    }

    /// Stores the completed pending point, downsampling first if the points are full.
    fn store_pending(&mut self) {
        let point = mem::take(&mut self.pending);
        self.pending_s = 0;
        if self.points.len() < self.capacity {
            self.reserve_one();
            self.points.push(point);
            return;
        }
        self.downsample();
        // The completed point covers half the new resolution: it starts the next pending one.
        self.pending = point;
        self.pending_s = self.resolution_s / 2;
    }

    /// Merges adjacent pairs in place, oldest first, and doubles the resolution.
    fn downsample(&mut self) {
        let pairs = self.points.len() / 2;
        for i in 0..pairs {
            let mut merged = mem::take(&mut self.points[2 * i]);
            merged.merge(&self.points[2 * i + 1]);
            self.points[i] = merged;
        }
        self.points.truncate(pairs);
        self.resolution_s = self.resolution_s.saturating_mul(2);
        self.generation = self.generation.wrapping_add(1);
    }

    /// Makes room for one more point, growing geometrically but never past the capacity.
    fn reserve_one(&mut self) {
        let len = self.points.len();
        if len == self.points.capacity() {
            self.points.reserve_exact(len.max(4).min(self.capacity - len));
        }
    }
}

/// A point index from a second count, clamped to `len`.
fn index_at(index: u64, len: usize) -> usize {
    usize::try_from(index).map_or(len, |index| index.min(len))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records which seconds a point covers, in the order they were merged.
    #[derive(Clone, Debug, Default, PartialEq)]
    struct Seconds(Vec<u64>);

    impl Sample for Seconds {
        fn merge(&mut self, later: &Self) {
            assert_eq!(self.0.last().map(|s| s + 1), later.0.first().copied(), "merged out of order");
            self.0.extend_from_slice(&later.0);
        }
    }

    /// A count per period: what most metrics look like.
    #[derive(Clone, Copy, Debug, Default, PartialEq)]
    struct Count(u64);

    impl Sample for Count {
        fn merge(&mut self, later: &Self) {
            self.0 += later.0;
        }
    }

    fn pushed(capacity: usize, seconds: u64) -> Series<Seconds> {
        let mut series = Series::new(capacity);
        (0..seconds).for_each(|s| series.push(Seconds(vec![s])));
        series
    }

    fn covered(series: &Series<Seconds>) -> Vec<Vec<u64>> {
        series.points().iter().map(|p| p.0.clone()).collect()
    }

    #[test]
    fn capacity_is_even_and_at_least_two() {
        assert_eq!(Series::<Count>::new(0).capacity(), 2);
        assert_eq!(Series::<Count>::new(1).capacity(), 2);
        assert_eq!(Series::<Count>::new(7).capacity(), 6);
        assert_eq!(Series::<Count>::new(8).capacity(), 8);
        assert_eq!(Series::<Count>::new(usize::MAX).capacity(), usize::MAX - 1);
    }

    #[test]
    fn starts_empty() {
        let series = Series::<Count>::new(4);
        assert!(series.is_empty());
        assert_eq!(
            (series.len(), series.seconds(), series.resolution_s(), series.generation()),
            (0, 0, 1, 0)
        );
        assert_eq!(series.pending(), None);
        assert_eq!(series.iter().count(), 0);
    }

    #[test]
    fn points_before_a_downsample_are_one_second_each() {
        let series = pushed(4, 4);
        assert_eq!(covered(&series), vec![vec![0], vec![1], vec![2], vec![3]]);
        assert_eq!((series.resolution_s(), series.generation()), (1, 0));
        assert_eq!((0..4).map(|i| series.start_s(i)).collect::<Vec<_>>(), vec![0, 1, 2, 3]);
        assert_eq!(series.pending(), None);
    }

    #[test]
    fn downsample_merges_pairs_in_time_order() {
        let series = pushed(4, 5);
        assert_eq!(covered(&series), vec![vec![0, 1], vec![2, 3]]);
        assert_eq!((series.resolution_s(), series.generation(), series.seconds()), (2, 1, 5));
        assert_eq!(series.pending(), Some((&Seconds(vec![4]), 1)));
        assert_eq!(series.start_s(1), 2);
        assert_eq!(series.start_s(series.len()), 4);

        let series = pushed(4, 6);
        assert_eq!(covered(&series), vec![vec![0, 1], vec![2, 3], vec![4, 5]]);
        assert_eq!(series.pending(), None);
        assert_eq!(series.start_s(2), 4);
    }

    #[test]
    fn second_downsample_covers_four_seconds() {
        let series = pushed(4, 9);
        assert_eq!(series.generation(), 1);
        let series = pushed(4, 10);
        assert_eq!(covered(&series), vec![(0..4).collect::<Vec<_>>(), (4..8).collect()]);
        assert_eq!((series.resolution_s(), series.generation()), (4, 2));
        assert_eq!(series.pending(), Some((&Seconds(vec![8, 9]), 2)));
    }

    #[test]
    fn every_second_is_covered_once_in_order() {
        for seconds in 0..200 {
            let series = pushed(6, seconds);
            let mut all: Vec<u64> = series.points().iter().flat_map(|p| p.0.clone()).collect();
            if let Some((pending, pending_s)) = series.pending() {
                assert_eq!(pending.0.len() as u64, pending_s);
                all.extend(&pending.0);
            }
            assert_eq!(all, (0..seconds).collect::<Vec<_>>());
            for (i, point) in series.points().iter().enumerate() {
                assert_eq!(point.0.first().copied(), Some(series.start_s(i)));
                assert_eq!(point.0.len() as u64, series.resolution_s());
            }
        }
    }

    #[test]
    fn cursor_reads_only_new_points() {
        let mut series = Series::new(8);
        (0..3).for_each(|s| series.push(Count(s)));
        let update = series.since(SeriesCursor::default());
        assert_eq!(
            (update.reset, update.first_index, update.points),
            (false, 0, &[Count(0), Count(1), Count(2)][..])
        );
        let cursor = update.cursor;

        series.push(Count(3));
        let update = series.since(cursor);
        assert_eq!((update.reset, update.first_index, update.points), (false, 3, &[Count(3)][..]));
        let cursor = update.cursor;

        let update = series.since(cursor);
        assert_eq!((update.reset, update.first_index, update.points.len()), (false, 4, 0));
        assert_eq!(update.cursor, cursor);
        assert_eq!(series.cursor(), cursor);
    }

    #[test]
    fn cursor_after_a_downsample_gets_everything_flagged() {
        let mut series = Series::new(4);
        (0..4).for_each(|_| series.push(Count(1)));
        let cursor = series.since(SeriesCursor::default()).cursor;
        series.push(Count(1));
        assert_eq!(series.generation(), 1);
        let update = series.since(cursor);
        assert!(update.reset);
        assert_eq!((update.first_index, update.points), (0, &[Count(2), Count(2)][..]));
        let update = series.since(update.cursor);
        assert!(!update.reset && update.points.is_empty());
    }

    #[test]
    fn cursor_from_elsewhere_resets() {
        let long = pushed(100, 50);
        let short = pushed(100, 10);
        let update = short.since(long.cursor());
        assert!(update.reset);
        assert_eq!(update.points.len(), 10);
    }

    #[test]
    fn generation_changes_exactly_at_downsamples() {
        let mut series = Series::new(10);
        let mut last = (series.generation(), series.resolution_s());
        for s in 0..10_000 {
            series.push(Count(s));
            let now = (series.generation(), series.resolution_s());
            if now != last {
                assert_eq!(now, (last.0 + 1, last.1 * 2));
                assert_eq!(series.len(), 5);
            }
            last = now;
        }
        assert_eq!(series.resolution_s(), 1 << series.generation());
    }

    #[test]
    fn a_million_pushes_stay_within_capacity() {
        let mut series = Series::new(600);
        let mut most = 0;
        for _ in 0..1_000_000 {
            series.push(Count(1));
            most = most.max(series.points.capacity());
        }
        assert!(most <= 600, "allocated {most}");
        assert!(series.len() <= 600 && series.len() > 300);
        assert_eq!(series.seconds(), 1_000_000);
        assert_eq!(series.resolution_s(), 2048);
        let pending_s = series.pending().map_or(0, |(_, s)| s);
        assert_eq!(series.len() as u64 * series.resolution_s() + pending_s, 1_000_000);
        let stored: u64 = series.points().iter().map(|c| c.0).sum();
        assert_eq!(stored + series.pending().map_or(0, |(c, _)| c.0), 1_000_000);
        assert!(series.points().iter().all(|c| c.0 == 2048));
    }

    #[test]
    fn window_at_one_second() {
        let series = pushed(16, 10);
        let starts: Vec<u64> = series.window(3, 6).map(|(s, _)| s).collect();
        assert_eq!(starts, vec![3, 4, 5]);
        assert_eq!(series.window(8, 100).map(|(s, _)| s).collect::<Vec<_>>(), vec![8, 9]);
        assert_eq!(series.window(6, 3).count(), 0);
        assert_eq!(series.window(5, 5).count(), 0);
        assert_eq!(series.window(10, u64::MAX).count(), 0);
        assert_eq!(series.window(u64::MAX, u64::MAX).count(), 0);
        assert_eq!(series.iter().count(), 10);
    }

    #[test]
    fn window_after_downsample_returns_overlapping_points() {
        let series = pushed(4, 7);
        assert_eq!(series.resolution_s(), 2);
        let window: Vec<(u64, Vec<u64>)> = series.window(3, 6).map(|(s, p)| (s, p.0.clone())).collect();
        assert_eq!(window, vec![(2, vec![2, 3]), (4, vec![4, 5])]);
        assert_eq!(series.window(0, 1).map(|(s, _)| s).collect::<Vec<_>>(), vec![0]);
        // Second 6 is still pending, so it is not in any window.
        assert_eq!(series.window(6, 7).count(), 0);
    }

    #[test]
    fn start_of_huge_index_saturates() {
        let series = pushed(4, 9);
        assert_eq!(series.start_s(usize::MAX), u64::MAX);
    }
}
