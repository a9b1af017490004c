//! Chart geometry: the scales of a plot and its lines as SVG path `d` strings.
//!
//! A plot is drawn in a fixed 1000 × 1000 view box stretched to the plot's box
//! (`preserveAspectRatio="none"`, strokes that do not scale), so every coordinate is an
//! integer and nothing here needs to know the plot's size in pixels. Each bucket is drawn
//! as a vertical stroke from its smallest to its largest value, in the order they
//! happened, which at a pixel or two per bucket looks exactly like the full series.

use std::rc::Rc;

use yew::AttrValue;

use super::data::ChartHistory;
use super::spec::ChartSpec;

/// Width and height of the view box every plot is drawn in.
pub const VIEW: i64 = 1000;

/// Lengths of the time axis [s]: the axis ends at the first one the run fits in, so the
/// line grows to the right and the axis rescales only at these steps. Longer runs round
/// up to whole days.
const TIME_SPANS_S: [u64; 12] = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/// End of the time axis for a run of `seconds` [s].
pub fn time_domain_s(seconds: u64) -> u64 {
    TIME_SPANS_S
        .iter()
        .copied()
        .find(|&span| span >= seconds)
        .unwrap_or_else(|| seconds.div_ceil(86_400) * 86_400)
}

/// Top of a value axis for data reaching `max`: a round number a little above it
/// (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten), so the line never touches the
/// frame; 1 when there is nothing above zero.
pub fn nice_ceil(max: f32) -> f32 {
    const STEPS: [f64; 11] = [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0];
    let target = f64::from(max) * 1.04;
    if !target.is_finite() || target <= 0.0 {
        return 1.0;
    }
    let base = 10f64.powf(target.log10().floor());
    let step = STEPS.iter().find(|&&s| s * base >= target * (1.0 - 1e-9)).copied().unwrap_or(10.0);
    (step * base) as f32
}

/// Horizontal position of the middle of a bucket starting at `start_s` and covering
/// `span_s` seconds, on an axis ending at `domain_s` [view units].
pub fn x_of(start_s: u64, span_s: u64, domain_s: u64) -> i64 {
    let twice_middle = i128::from(2 * start_s + span_s);
    (twice_middle * i128::from(VIEW) / i128::from(2 * domain_s.max(1))) as i64
}

/// Vertical position of `value` on an axis from 0 to `top` [view units]; 0 is the top.
pub fn y_of(value: f32, top: f32) -> i64 {
    let share = (value / top).clamp(0.0, 1.0);
    VIEW - (f64::from(share) * VIEW as f64).round() as i64
}

/// One drawn line of a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Index of the series in its chart's spec.
    pub series: usize,
    /// The SVG path.
    pub d: AttrValue,
}

/// Everything one plot draws, computed once per new history.
#[derive(Debug)]
pub struct PlotData {
    /// The history drawn (shared by every chart).
    pub history: Rc<ChartHistory>,
    /// End of the time axis [s].
    pub domain_s: u64,
    /// Top of the left value axis, in the chart's unit.
    pub left_top: f32,
    /// Top of the right value axis, if the chart has one.
    pub right_top: Option<f32>,
    /// The lines drawn, in spec order; series that never left zero are not drawn.
    pub lines: Vec<Line>,
}

/// Plot data is a pure function of its chart's (constant) spec and history, so two are
/// equal exactly when they draw the same history object: a pointer comparison.
impl PartialEq for PlotData {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.history, &other.history)
    }
}

impl PlotData {
    /// Lays out `spec`'s lines over `history`.
    pub fn new(spec: &ChartSpec, history: Rc<ChartHistory>) -> Self {
        let domain_s = time_domain_s(history.seconds());
        let axis_peak = |right: bool| {
            let series = spec.series.iter().filter(|s| s.right_axis == right);
            series.map(|s| peak(&history, s.metric.index())).fold(0.0, f32::max)
        };
        let left_top = nice_ceil(axis_peak(false));
        let right_top = spec.series.iter().any(|s| s.right_axis).then(|| nice_ceil(axis_peak(true)));
        let lines = spec
            .series
            .iter()
            .enumerate()
            .filter(|(i, s)| *i == 0 || peak(&history, s.metric.index()) > 0.0)
            .map(|(i, s)| {
                let top = if s.right_axis { right_top.unwrap_or(left_top) } else { left_top };
                Line { series: i, d: path(&history, s.metric.index(), domain_s, top).into() }
            })
            .collect();
        PlotData { history, domain_s, left_top, right_top, lines }
    }

    /// Whether series `index` of the spec is drawn.
    pub fn draws(&self, index: usize) -> bool {
        self.lines.iter().any(|l| l.series == index)
    }
}

/// Largest value of metric `m` in the history (0 when empty).
pub fn peak(history: &ChartHistory, m: usize) -> f32 {
    history.iter().map(|(_, _, b)| b[m].max).fold(0.0, f32::max)
}

/// The path of metric `m` over the history, on a time axis ending at `domain_s` [s] and a
/// value axis from 0 to `top`. Empty when the history is.
pub fn path(history: &ChartHistory, m: usize, domain_s: u64, top: f32) -> String {
    let mut pen = Pen::with_capacity(history.len() * 12);
    for (start, span, bucket) in history.iter() {
        let extent = bucket[m];
        let x = x_of(start, span, domain_s);
        let (first, second) = if extent.rising { (extent.min, extent.max) } else { (extent.max, extent.min) };
        pen.to(x, y_of(first, top));
        pen.to(x, y_of(second, top));
    }
    pen.finish()
}

/// Appends an integer in decimal. Paths are thousands of numbers rebuilt every new second,
/// and `write!` through `core::fmt` costs several times more per number in wasm.
fn push_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut rest = n.unsigned_abs();
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// Writes a polyline as a compact path: vertical strokes as `V`, flat runs as one `H`.
struct Pen {
    d: String,
    /// Where the line has reached (possibly through a deferred flat run).
    at: Option<(i64, i64)>,
    /// End of a flat run not written yet.
    flat_to: Option<i64>,
}

impl Pen {
    fn with_capacity(bytes: usize) -> Self {
        Pen { d: String::with_capacity(bytes), at: None, flat_to: None }
    }

    fn to(&mut self, x: i64, y: i64) {
        match self.at {
            None => self.command('M', &[x, y]),
            Some((ax, ay)) if (ax, ay) == (x, y) => return,
            Some((_, ay)) if ay == y => self.flat_to = Some(x),
            Some((ax, _)) => {
                self.flush_flat();
                if ax == x { self.command('V', &[y]) } else { self.command('L', &[x, y]) }
            }
        }
        self.at = Some((x, y));
    }

    fn flush_flat(&mut self) {
        if let Some(x) = self.flat_to.take() {
            self.command('H', &[x]);
        }
    }

    /// Appends a command letter and its numbers, space-separated.
    fn command(&mut self, letter: char, numbers: &[i64]) {
        self.d.push(letter);
        for (i, &n) in numbers.iter().enumerate() {
            if i > 0 {
                self.d.push(' ');
            }
            push_int(&mut self.d, n);
        }
    }

    fn finish(mut self) -> String {
        self.flush_flat();
        self.d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::buckets::Buckets;
    use crate::live::charts::data::METRICS;

    fn history(values: &[f32]) -> ChartHistory {
        let mut history: ChartHistory = Buckets::new(300, 1);
        for &v in values {
            let mut sample = [0.0; METRICS];
            sample[0] = v;
            history.push(&sample, 1);
        }
        history
    }

    #[test]
    fn the_time_axis_grows_in_round_steps() {
        assert_eq!(time_domain_s(0), 60);
        assert_eq!(time_domain_s(60), 60);
        assert_eq!(time_domain_s(61), 120);
        assert_eq!(time_domain_s(3000), 3600);
        assert_eq!(time_domain_s(90_000), 172_800);
    }

    #[test]
    fn value_axes_end_a_little_above_the_data() {
        assert_eq!(nice_ceil(0.0), 1.0);
        assert_eq!(nice_ceil(0.85), 1.0);
        assert_eq!(nice_ceil(4.0), 5.0);
        assert_eq!(nice_ceil(6.0), 8.0);
        assert_eq!(nice_ceil(96.0), 100.0);
        assert_eq!(nice_ceil(100.0), 120.0);
        assert_eq!(nice_ceil(1234.0), 1500.0);
    }

    #[test]
    fn positions_scale_into_the_view_box() {
        assert_eq!(x_of(0, 60, 60), 500);
        assert_eq!(x_of(59, 1, 60), 991);
        assert_eq!(y_of(0.0, 10.0), VIEW);
        assert_eq!(y_of(10.0, 10.0), 0);
        assert_eq!(y_of(25.0, 10.0), 0, "clamped to the frame");
    }

    #[test]
    fn integers_are_written_in_decimal() {
        for n in [0, 7, 10, 999, 1000, -42, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_int(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn flat_runs_collapse_and_spikes_are_vertical() {
        let h = history(&[5.0, 5.0, 5.0, 5.0]);
        assert_eq!(path(&h, 0, 4, 10.0), "M125 500H875");
        let h = history(&[0.0, 10.0, 0.0]);
        assert_eq!(path(&h, 0, 4, 10.0), "M125 1000L375 0L625 1000");
        assert_eq!(path(&history(&[]), 0, 60, 1.0), "");
    }

    #[test]
    fn a_merged_bucket_draws_its_range_in_the_order_it_happened() {
        let mut h: ChartHistory = Buckets::new(2, 1);
        for v in [2.0, 8.0, 6.0, 0.0, 4.0] {
            let mut sample = [0.0; METRICS];
            sample[0] = v;
            h.push(&sample, 1);
        }
        // Buckets of 2 s: [2, 8] rising, [6, 0] falling, then the open [4].
        assert_eq!(path(&h, 0, 8, 10.0), "M125 800V200L375 400V1000L562 600");
    }
}
