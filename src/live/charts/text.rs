//! A chart in words: the values under the time cursor, and a summary of the whole chart
//! for screen readers (the text alternative of the plot).

use nines_sim::time::{SECOND, clock};

use super::geometry::{PlotData, peak};
use super::spec::{ChartSpec, Series};
use crate::components::figures::compact;
use crate::live::buckets::Extent;

/// Simulated time a bucket covers: `00:12:00`, or `00:12:00–00:12:16` for several seconds.
pub fn span_label(start_s: u64, span_s: u64) -> String {
    if span_s <= 1 {
        clock(start_s * SECOND)
    } else {
        format!("{}–{}", clock(start_s * SECOND), clock((start_s + span_s) * SECOND))
    }
}

/// A metric's value in a bucket: `15`, or its range `12–18` (with `separator`) when it moved.
pub fn extent_value(extent: Extent, separator: &str) -> String {
    let (min, max) = (compact(extent.min), compact(extent.max));
    if min == max { max } else { format!("{min}{separator}{max}") }
}

/// The unit of a series' axis.
pub fn unit_of(spec: &ChartSpec, series: &Series) -> &'static str {
    if series.right_axis { spec.right_unit.unwrap_or(spec.unit) } else { spec.unit }
}

/// What the cursor reads at bucket `index`, for `aria-valuetext`: the time, then each
/// drawn series' value with its unit.
pub fn readout(spec: &ChartSpec, data: &PlotData, index: usize) -> String {
    let Some((start, span, bucket)) = data.history.get(index) else { return String::new() };
    let values: Vec<String> = spec
        .series
        .iter()
        .enumerate()
        .filter(|(i, _)| data.draws(*i))
        .map(|(_, s)| {
            format!("{} {} {}", s.name, extent_value(bucket[s.metric.index()], " to "), unit_of(spec, s))
        })
        .collect();
    format!("{}: {}", span_label(start, span).replace('–', " to "), values.join(", "))
}

/// The whole chart in a few sentences: the time covered, then for each series its latest,
/// lowest and highest value; series that stayed at zero are named together.
pub fn describe(spec: &ChartSpec, data: &PlotData) -> String {
    let history = &data.history;
    let Some((_, _, last)) = history.get(history.len().saturating_sub(1)) else {
        return format!("{}: no simulated second has finished yet.", spec.title);
    };
    let mut text = format!("{}, {} to {}.", spec.title, clock(0), clock(history.seconds() * SECOND));
    let mut flat = Vec::new();
    for series in spec.series.iter() {
        let m = series.metric.index();
        let highest = peak(history, m);
        if highest <= 0.0 {
            flat.push(series.name.as_str());
            continue;
        }
        let lowest = history.iter().map(|(_, _, b)| b[m].min).fold(f32::INFINITY, f32::min);
        text.push_str(&format!(
            " {}: now {}, lowest {}, highest {} {}.",
            series.name,
            compact(last[m].last),
            compact(lowest),
            compact(highest),
            unit_of(spec, series)
        ));
    }
    if !flat.is_empty() {
        text.push_str(&format!(" {}: 0 throughout.", flat.join(", ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::live::buckets::Buckets;
    use crate::live::charts::data::{ChartHistory, METRICS, Metric};
    use crate::live::charts::spec::CHARTS;

    /// Position of the latency chart in [`CHARTS`].
    const LATENCY: usize = 2;

    fn latency(values: &[(f32, f32)]) -> PlotData {
        let mut history: ChartHistory = Buckets::new(300, 1);
        for &(p50, p99) in values {
            let mut sample = [0.0; METRICS];
            sample[Metric::P50.index()] = p50;
            sample[Metric::P99.index()] = p99;
            history.push(&sample, 1);
        }
        PlotData::new(&CHARTS[LATENCY], Rc::new(history))
    }

    #[test]
    fn spans_read_in_simulated_clock_time() {
        assert_eq!(span_label(150, 1), "00:02:30");
        assert_eq!(span_label(3600, 16), "01:00:00–01:00:16");
    }

    #[test]
    fn the_cursor_reads_each_drawn_series_with_its_unit() {
        let data = latency(&[(12.0, 40.0), (14.0, 90.0)]);
        assert_eq!(readout(&CHARTS[LATENCY], &data, 1), "00:00:01: p50 14 ms, p99 90 ms");
        assert_eq!(readout(&CHARTS[LATENCY], &data, 9), "");
    }

    #[test]
    fn the_description_gives_now_lowest_and_highest() {
        let data = latency(&[(12.0, 40.0), (14.0, 90.0)]);
        assert_eq!(
            describe(&CHARTS[LATENCY], &data),
            "Latency, 00:00:00 to 00:00:02. p50: now 14, lowest 12, highest 14 ms. \
             p99: now 90, lowest 40, highest 90 ms."
        );
        let idle = latency(&[(0.0, 0.0)]);
        assert!(describe(&CHARTS[LATENCY], &idle).ends_with("p50, p99: 0 throughout."));
        assert!(describe(&CHARTS[LATENCY], &latency(&[])).contains("no simulated second"));
    }
}
