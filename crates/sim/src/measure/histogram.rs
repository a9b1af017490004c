//! A log-bucketed latency histogram: bounded memory at any count, percentiles within 1 %.
//!
//! Buckets follow the HDR layout. A value's bucket is its binary exponent plus the six bits
//! after its leading one, so each range [2^e, 2^(e+1)) is cut into 64 equal buckets. Values
//! below 128 µs get a bucket each (exact); above that a bucket is at most 1/64 of its lower
//! bound wide, and reporting its midpoint is off by less than 1/128 ≈ 0.78 %. Finding a
//! bucket takes one `leading_zeros`, a shift and an add: no floating point, and no
//! allocation once the buckets span the values seen.
//!
//! Only the buckets between the smallest and largest value seen are stored, so a typical
//! per-second histogram (1 ms to 1 s) holds about 640 counters (5 KB); the whole range is
//! 1,728 counters (14 KB). [`Histogram::clear`] zeroes the stored buckets but keeps them, so
//! a histogram cleared every simulated second does not grow them again value by value.

use serde::{Deserialize, Serialize};

use super::series::Sample;

/// Bits of a value kept after its leading one: 64 buckets per power of two.
const MANTISSA_BITS: u32 = 6;
/// Buckets per power of two.
const SUB_BUCKETS: usize = 1 << MANTISSA_BITS;

/// Largest value given its own bucket [µs], about 71.6 minutes. Larger values share the top
/// bucket (percentiles that land there report about this value, except the 100th, which is
/// the exact maximum); their exact value still counts toward the mean and the maximum.
pub const MAX_TRACKED_US: u64 = (1 << 32) - 1;

/// Latencies [µs] counted in log-spaced buckets, with the exact count, sum, minimum and maximum.
///
/// Two histograms are equal when they hold the same values in the same buckets, however
/// they were built (recorded, merged, cleared and reused).
#[derive(Clone, Debug, Default)]
pub struct Histogram {
    /// Counts of buckets `first..first + counts.len()`: empty until the first value, then at
    /// least the buckets from the minimum's to the maximum's (exactly those until a
    /// [`Histogram::clear`], which zeroes them and keeps them for reuse).
    counts: Vec<u64>,
    /// Bucket index of `counts[0]`.
    first: usize,
    /// Values recorded (saturating).
    count: u64,
    /// Exact sum of the values recorded [µs] (saturating).
    sum_us: u128,
    /// Smallest value recorded [µs]; 0 while empty.
    min_us: u64,
    /// Largest value recorded, unclamped [µs]; 0 while empty.
    max_us: u64,
}

/// What a latency chart or report shows of a [`Histogram`]. All times [µs]; 0 when empty.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LatencySummary {
    /// Values recorded.
    pub count: u64,
    /// Exact mean [µs].
    pub mean_us: f64,
    /// Median [µs].
    pub p50_us: u64,
    /// 95th percentile [µs].
    pub p95_us: u64,
    /// 99th percentile [µs].
    pub p99_us: u64,
    /// Exact maximum [µs].
    pub max_us: u64,
}

impl Histogram {
    /// An empty histogram; it allocates on the first value recorded.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one value [µs]. O(1); allocates only when the value falls outside the
    /// buckets already spanned.
    #[inline]
    pub fn record(&mut self, value_us: u64) {
        self.record_n(value_us, 1);
    }

    /// Records `n` values equal to `value_us` [µs]; `n = 0` changes nothing.
    #[inline]
    pub fn record_n(&mut self, value_us: u64, n: u64) {
        if n == 0 {
            return;
        }
        let bucket = bucket_of(value_us);
        self.span(bucket, bucket, value_us, value_us);
        let slot = &mut self.counts[bucket - self.first];
        *slot = slot.saturating_add(n);
        self.count = self.count.saturating_add(n);
        self.sum_us = self.sum_us.saturating_add(u128::from(value_us) * u128::from(n));
    }

    /// Values recorded.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Whether nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Exact sum of the values recorded [µs].
    pub fn sum_us(&self) -> u128 {
        self.sum_us
    }

    /// Exact mean [µs]; 0 when empty.
    pub fn mean_us(&self) -> f64 {
        if self.count == 0 { 0.0 } else { self.sum_us as f64 / self.count as f64 }
    }

    /// Exact smallest value [µs]; 0 when empty.
    pub fn min_us(&self) -> u64 {
        self.min_us
    }

    /// Exact largest value [µs]; 0 when empty.
    pub fn max_us(&self) -> u64 {
        self.max_us
    }

    /// The `p`th percentile [µs], `p` in [0, 100]: the smallest recorded value with at
    /// least `p` % of the values at or below it, within 1 % (exact below 128 µs, and at
    /// p = 0 and p = 100, which give the minimum and maximum). Out-of-range `p` is clamped
    /// and NaN counts as 0; an empty histogram gives 0.
    pub fn percentile_us(&self, p: f64) -> u64 {
        if self.count == 0 {
            return 0;
        }
        let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 100.0) };
        // Float-to-int `as` saturates, so the rank is always in 1..=count.
        let rank = ((p * self.count as f64 / 100.0).ceil() as u64).clamp(1, self.count);
        if rank == 1 {
            return self.min_us;
        }
        if rank == self.count {
            return self.max_us;
        }
        let bucket =
            if rank <= self.count / 2 { self.rank_from_below(rank) } else { self.rank_from_above(rank) };
        bucket.map_or(self.max_us, |bucket| self.representative(bucket))
    }

    /// The bucket holding the `rank`th smallest value, counting up from the minimum's.
    fn rank_from_below(&self, rank: u64) -> Option<usize> {
        let occupied = self.occupied();
        let mut seen = 0u64;
        for (offset, &count) in occupied.iter().enumerate() {
            seen = seen.saturating_add(count);
            if seen >= rank {
                return Some(self.lowest_occupied() + offset);
            }
        }
        None
    }

    /// The bucket holding the `rank`th smallest value, counting down from the maximum's:
    /// cheaper for high percentiles. It is the highest bucket whose values and those above
    /// it number more than `count - rank`.
    fn rank_from_above(&self, rank: u64) -> Option<usize> {
        let occupied = self.occupied();
        let above = self.count - rank;
        let mut seen = 0u64;
        for (offset, &count) in occupied.iter().enumerate().rev() {
            seen = seen.saturating_add(count);
            if seen > above {
                return Some(self.lowest_occupied() + offset);
            }
        }
        None
    }

    /// Bucket index of the minimum's bucket (0 when empty).
    fn lowest_occupied(&self) -> usize {
        if self.count == 0 { self.first } else { bucket_of(self.min_us) }
    }

    /// The counts of the buckets from the minimum's to the maximum's; empty when empty.
    fn occupied(&self) -> &[u64] {
        &self.counts[self.occupied_range()]
    }

    /// Where [`Self::occupied`] lies in `counts`; every count outside it is zero.
    fn occupied_range(&self) -> std::ops::Range<usize> {
        if self.count == 0 {
            return 0..0;
        }
        bucket_of(self.min_us) - self.first..bucket_of(self.max_us) - self.first + 1
    }

    /// Count, mean, p50, p95, p99 and maximum in one value.
    pub fn summary(&self) -> LatencySummary {
        LatencySummary {
            count: self.count,
            mean_us: self.mean_us(),
            p50_us: self.percentile_us(50.0),
            p95_us: self.percentile_us(95.0),
            p99_us: self.percentile_us(99.0),
            max_us: self.max_us,
        }
    }

    /// The non-empty buckets in increasing order, as `(lowest, highest, count)` with both
    /// bounds inclusive [µs], for drawing the distribution. The top bucket also holds any
    /// values above [`MAX_TRACKED_US`].
    pub fn buckets(&self) -> impl Iterator<Item = (u64, u64, u64)> + '_ {
        let lowest = self.lowest_occupied();
        self.occupied().iter().enumerate().filter(|&(_, &count)| count > 0).map(move |(offset, &count)| {
            let (low, width) = bounds_of(lowest + offset);
            (low, low + (width - 1), count)
        })
    }

    /// Adds every value of `other` to this histogram, as if recorded here.
    pub fn merge(&mut self, other: &Histogram) {
        if other.count == 0 {
            return;
        }
        if self.count == 0 {
            self.clone_from(other);
            return;
        }
        let (low, theirs) = (other.lowest_occupied(), other.occupied());
        self.span(low, low + theirs.len() - 1, other.min_us, other.max_us);
        let start = low - self.first;
        let mine = &mut self.counts[start..start + theirs.len()];
        if self.count.checked_add(other.count).is_some() {
            // No bucket holds more than its histogram's count, so no sum can overflow: a
            // plain add, which the compiler vectorises (this runs every simulated second).
            mine.iter_mut().zip(theirs).for_each(|(mine, &theirs)| *mine += theirs);
        } else {
            mine.iter_mut().zip(theirs).for_each(|(mine, &theirs)| *mine = mine.saturating_add(theirs));
        }
        self.count = self.count.saturating_add(other.count);
        self.sum_us = self.sum_us.saturating_add(other.sum_us);
    }

    /// Forgets every value, keeping the buckets (zeroed) for the next values: a histogram
    /// cleared every second stops allocating once it has spanned its usual values.
    pub fn clear(&mut self) {
        let occupied = self.occupied_range();
        self.counts[occupied].fill(0);
        self.count = 0;
        self.sum_us = 0;
        self.min_us = 0;
        self.max_us = 0;
    }

    /// Widens the stored buckets to include `low..=high` and the extremes to include
    /// `min_us..=max_us`.
    #[inline]
    fn span(&mut self, low: usize, high: usize, min_us: u64, max_us: u64) {
        if self.counts.is_empty() {
            self.first = low;
            self.counts.resize(high - low + 1, 0);
        } else if low < self.first || high >= self.first + self.counts.len() {
            self.widen(low, high);
        }
        if self.count == 0 {
            (self.min_us, self.max_us) = (min_us, max_us);
        } else {
            self.min_us = self.min_us.min(min_us);
            self.max_us = self.max_us.max(max_us);
        }
    }

    /// The rare path of [`Self::span`]: a bucket below or above those stored.
    #[cold]
    fn widen(&mut self, low: usize, high: usize) {
        if low < self.first {
            self.counts.splice(0..0, std::iter::repeat_n(0, self.first - low));
            self.first = low;
        }
        if high >= self.first + self.counts.len() {
            self.counts.resize(high - self.first + 1, 0);
        }
    }

    /// The value reported for a bucket [µs]: its midpoint, kept within the exact extremes.
    fn representative(&self, bucket: usize) -> u64 {
        let (low, width) = bounds_of(bucket);
        (low + (width - 1) / 2).max(self.min_us).min(self.max_us)
    }
}

impl PartialEq for Histogram {
    /// The same values in the same buckets, whatever zeroed buckets either keeps.
    fn eq(&self, other: &Self) -> bool {
        (self.count, self.sum_us, self.min_us, self.max_us)
            == (other.count, other.sum_us, other.min_us, other.max_us)
            && self.occupied() == other.occupied()
    }
}

impl Eq for Histogram {}

impl Sample for Histogram {
    /// Adds the later period's values.
    fn merge(&mut self, later: &Self) {
        Histogram::merge(self, later);
    }
}

/// Bucket index of a value [µs], clamped to [`MAX_TRACKED_US`].
#[inline]
const fn bucket_of(value_us: u64) -> usize {
    let value = if value_us > MAX_TRACKED_US { MAX_TRACKED_US } else { value_us };
    // OR-ing in bit 6 makes values below 64 use shift 0, where the bucket is the value itself.
    let shift = 63 - (value | SUB_BUCKETS as u64).leading_zeros() - MANTISSA_BITS;
    shift as usize * SUB_BUCKETS + (value >> shift) as usize
}

/// Lowest value [µs] and width [µs] of a bucket; the inverse of [`bucket_of`].
const fn bounds_of(bucket: usize) -> (u64, u64) {
    let shift = (bucket / SUB_BUCKETS).saturating_sub(1);
    let mantissa = (bucket - shift * SUB_BUCKETS) as u64;
    (mantissa << shift, 1 << shift)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Number of buckets covering 0..=[`MAX_TRACKED_US`].
    const BUCKETS: usize = bucket_of(MAX_TRACKED_US) + 1;

    /// The exact `p`th percentile under the same rank rule as [`Histogram::percentile_us`].
    fn exact_percentile(sorted: &[u64], p: f64) -> u64 {
        let rank = ((p * sorted.len() as f64 / 100.0).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1]
    }

    fn assert_within_1_percent(got: u64, want: u64) {
        let error = (got as f64 - want as f64).abs() / want.max(1) as f64;
        assert!(error <= 0.01, "got {got}, want {want}: error {:.3} %", error * 100.0);
    }

    /// Deterministic log-uniform values from 1 µs to about 17 minutes.
    fn log_uniform(n: usize) -> Vec<u64> {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let exponent = (state % 30) as u32;
                (1u64 << exponent) + (state >> 34) % (1u64 << exponent)
            })
            .collect()
    }

    #[test]
    fn buckets_are_contiguous_and_invert() {
        assert_eq!(BUCKETS, 1728);
        let mut next = 0;
        for bucket in 0..BUCKETS {
            let (low, width) = bounds_of(bucket);
            assert_eq!(low, next, "bucket {bucket}");
            assert_eq!(bucket_of(low), bucket);
            assert_eq!(bucket_of(low + width - 1), bucket);
            next = low + width;
        }
        assert_eq!(next - 1, MAX_TRACKED_US);
    }

    #[test]
    fn every_bucket_midpoint_is_within_one_128th() {
        for bucket in 0..BUCKETS {
            let (low, width) = bounds_of(bucket);
            let mid = low + (width - 1) / 2;
            let furthest = (mid - low).max(low + width - 1 - mid);
            assert!(furthest * 128 <= low.max(1), "bucket {bucket}");
        }
    }

    #[test]
    fn empty_histogram_reports_zero() {
        let h = Histogram::new();
        assert_eq!((h.count(), h.max_us(), h.min_us(), h.sum_us()), (0, 0, 0, 0));
        assert_eq!(h.mean_us(), 0.0);
        for p in [0.0, 50.0, 100.0, f64::NAN, -1.0, 1e9] {
            assert_eq!(h.percentile_us(p), 0);
        }
        assert_eq!(h.summary(), LatencySummary::default());
        assert_eq!(h.buckets().count(), 0);
    }

    #[test]
    fn uniform_percentiles_are_within_1_percent() {
        let mut h = Histogram::new();
        for v in 1..=100_000 {
            h.record(v);
        }
        assert_within_1_percent(h.percentile_us(50.0), 50_000);
        assert_within_1_percent(h.percentile_us(95.0), 95_000);
        assert_within_1_percent(h.percentile_us(99.0), 99_000);
        assert_within_1_percent(h.percentile_us(99.9), 99_900);
        assert_eq!(h.percentile_us(0.0), 1);
        assert_eq!(h.percentile_us(100.0), 100_000);
        assert_eq!(h.mean_us(), 50_000.5);
        assert_eq!(h.max_us(), 100_000);
    }

    #[test]
    fn log_uniform_percentiles_are_within_1_percent() {
        let mut values = log_uniform(200_000);
        let mut h = Histogram::new();
        values.iter().for_each(|&v| h.record(v));
        values.sort_unstable();
        for p in [0.1, 1.0, 5.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9, 99.99] {
            assert_within_1_percent(h.percentile_us(p), exact_percentile(&values, p));
        }
    }

    #[test]
    fn small_values_are_exact() {
        let mut h = Histogram::new();
        (0..128).for_each(|v| h.record(v));
        for v in 0..128u64 {
            assert_eq!(h.percentile_us((v as f64 + 0.5) * 100.0 / 128.0), v);
        }
    }

    #[test]
    fn strange_p_is_clamped() {
        let mut h = Histogram::new();
        [10, 20, 30].iter().for_each(|&v| h.record(v));
        assert_eq!(h.percentile_us(f64::NAN), 10);
        assert_eq!(h.percentile_us(-5.0), 10);
        assert_eq!(h.percentile_us(f64::NEG_INFINITY), 10);
        assert_eq!(h.percentile_us(250.0), 30);
        assert_eq!(h.percentile_us(f64::INFINITY), 30);
    }

    #[test]
    fn merge_equals_recording_both() {
        let values = log_uniform(5_000);
        let (left, right) = values.split_at(1_234);
        let (mut a, mut b, mut both) = (Histogram::new(), Histogram::new(), Histogram::new());
        left.iter().for_each(|&v| a.record(v));
        right.iter().for_each(|&v| b.record(v));
        values.iter().for_each(|&v| both.record(v));
        let mut merged = a.clone();
        merged.merge(&b);
        assert_eq!(merged, both);
        let mut other_way = b.clone();
        other_way.merge(&a);
        assert_eq!(other_way, both);
    }

    #[test]
    fn merge_with_empty_changes_nothing_but_emptiness() {
        let mut h = Histogram::new();
        h.record(42);
        let before = h.clone();
        h.merge(&Histogram::new());
        assert_eq!(h, before);
        let mut empty = Histogram::new();
        empty.merge(&before);
        assert_eq!(empty, before);
    }

    #[test]
    fn merge_of_disjoint_ranges_spans_both() {
        let (mut high, mut low) = (Histogram::new(), Histogram::new());
        high.record(1_000_000);
        low.record(3);
        high.merge(&low);
        assert_eq!((high.min_us(), high.max_us(), high.count()), (3, 1_000_000, 2));
        assert_eq!(high.buckets().collect::<Vec<_>>(), vec![(3, 3, 1), (999_424, 1_007_615, 1)]);
    }

    #[test]
    fn huge_values_clamp_into_the_top_bucket() {
        let mut h = Histogram::new();
        h.record(1);
        h.record(u64::MAX);
        h.record(10 * 3_600_000_000);
        assert_eq!(h.max_us(), u64::MAX);
        assert_eq!(h.counts.len(), BUCKETS - 1);
        assert_eq!(h.sum_us(), 1 + u128::from(u64::MAX) + 36_000_000_000);
        assert!((h.mean_us() / ((u64::MAX as f64 + 36e9) / 3.0) - 1.0).abs() < 1e-12);
        assert_eq!(h.percentile_us(100.0), u64::MAX);
        let p50 = h.percentile_us(50.0);
        assert!(p50 >= MAX_TRACKED_US / 100 * 99, "{p50}");
        h.record_n(u64::MAX, u64::MAX);
        assert_eq!(h.count(), u64::MAX);
        assert!(h.percentile_us(50.0) >= MAX_TRACKED_US / 100 * 99);
        assert_eq!(h.percentile_us(100.0), u64::MAX);
    }

    #[test]
    fn one_hour_is_tracked_within_1_percent() {
        let mut h = Histogram::new();
        let hour = 3_600_000_000;
        h.record_n(hour, 10);
        h.record(1);
        h.record(u64::MAX);
        assert_within_1_percent(h.percentile_us(50.0), hour);
    }

    #[test]
    fn mean_is_exact() {
        let mut h = Histogram::new();
        h.record(1);
        h.record(2);
        h.record_n(1_000_003, 3);
        assert_eq!(h.sum_us(), 3_000_012);
        assert_eq!(h.mean_us(), 3_000_012.0 / 5.0);
    }

    #[test]
    fn record_n_equals_n_records_and_zero_is_nothing() {
        let (mut once, mut many) = (Histogram::new(), Histogram::new());
        once.record_n(777, 5);
        (0..5).for_each(|_| many.record(777));
        assert_eq!(once, many);
        let mut none = Histogram::new();
        none.record_n(777, 0);
        assert_eq!(none, Histogram::new());
    }

    #[test]
    fn clear_equals_new_and_is_reusable() {
        let mut h = Histogram::new();
        log_uniform(100).iter().for_each(|&v| h.record(v));
        h.clear();
        assert_eq!(h, Histogram::new());
        h.record(5);
        let mut fresh = Histogram::new();
        fresh.record(5);
        assert_eq!(h, fresh);
    }

    #[test]
    fn a_cleared_histogram_answers_like_a_fresh_one() {
        let (wide, narrow) = (log_uniform(1_000), [700, 900, 1_000, 5_000, 6_000]);
        let mut reused = Histogram::new();
        wide.iter().for_each(|&v| reused.record(v));
        reused.clear();
        let mut fresh = Histogram::new();
        for h in [&mut reused, &mut fresh] {
            narrow.iter().for_each(|&v| h.record(v));
        }
        assert_eq!(reused, fresh);
        assert_eq!(reused.summary(), fresh.summary());
        assert_eq!(reused.buckets().collect::<Vec<_>>(), fresh.buckets().collect::<Vec<_>>());
        let (mut into_fresh, mut into_reused) = (Histogram::new(), Histogram::new());
        into_fresh.merge(&fresh);
        into_reused.merge(&reused);
        into_reused.merge(&reused);
        into_fresh.merge(&fresh);
        assert_eq!(into_reused, into_fresh);
    }

    #[test]
    fn summary_matches_percentiles() {
        let mut h = Histogram::new();
        (1..=1_000).for_each(|v| h.record(v * 1_000));
        let s = h.summary();
        assert_eq!(s.count, 1_000);
        assert_eq!(s.p50_us, h.percentile_us(50.0));
        assert_eq!(s.p95_us, h.percentile_us(95.0));
        assert_eq!(s.p99_us, h.percentile_us(99.0));
        assert_eq!(s.max_us, 1_000_000);
        assert_eq!(s.mean_us, 500_500.0);
    }

    #[test]
    fn memory_stays_within_the_bucket_span() {
        let mut h = Histogram::new();
        for v in 1_000..=1_000_000 {
            h.record(v);
        }
        assert_eq!(h.counts.len(), bucket_of(1_000_000) - bucket_of(1_000) + 1);
        assert!(h.counts.len() * 8 < 6 * 1024);
    }

    proptest! {
        #[test]
        fn percentiles_are_within_1_percent_of_exact(
            mut values in prop::collection::vec(0..=MAX_TRACKED_US, 1..300),
            p in 0.0..=100.0f64,
        ) {
            let mut h = Histogram::new();
            values.iter().for_each(|&v| h.record(v));
            values.sort_unstable();
            let want = exact_percentile(&values, p);
            let got = h.percentile_us(p);
            prop_assert!((got as f64 - want as f64).abs() <= want as f64 / 100.0, "got {got}, want {want}");
        }

        #[test]
        fn percentiles_are_monotonic_in_p(values in prop::collection::vec(any::<u64>(), 1..100)) {
            let mut h = Histogram::new();
            values.iter().for_each(|&v| h.record(v));
            let mut last = 0;
            for p in 0..=100 {
                let value = h.percentile_us(f64::from(p));
                prop_assert!(value >= last);
                last = value;
            }
        }
    }
}
