//! CloudWatch metric statistics and alarm evaluation, without time or a world.
//!
//! The caller aggregates samples into one [`PeriodStats`] per period, then calls
//! [`Alarm::evaluate`] once per period with that period's statistic. Everything here is
//! pure: the same datapoints give the same states on every run.
//!
//! Source of every rule: AWS CloudWatch User Guide, "Using Amazon CloudWatch alarms"
//! (awsdocs/amazon-cloudwatch-user-guide `doc_source/AlarmThatSendsEmail.md`), sections
//! "Evaluating an alarm" and "Configuring how CloudWatch alarms treat missing data", and
//! the AWS knowledge-center article "Why did my CloudWatch alarm send me a notification
//! after a single breached data point?". The two truth tables of the guide are the test
//! table at the bottom of this file.

use std::collections::VecDeque;

use serde::Serialize;

use crate::design::{AlarmSpec, Comparison, MissingData, Statistic};

/// Most datapoints an alarm evaluates: CloudWatch requires evaluation periods × period
/// ≤ 1 day, and the shortest period is 10 s, so N ≤ 8,640. Bounds memory on absurd designs.
pub const MAX_EVALUATION_PERIODS: u32 = 8_640;

/// Extra periods CloudWatch retrieves beyond the N evaluated (the "evaluation range").
/// AWS does not publish the formula; its documented example retrieves 5 datapoints for
/// N = 3, so we use N + 2.
const EXTRA_RANGE: usize = 2;

/// Samples of one metric within one period, reduced to what the statistics need.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PeriodStats {
    /// Sum of the samples, in the metric's unit.
    pub sum: f64,
    /// Smallest sample; +∞ while empty.
    pub min: f64,
    /// Largest sample; −∞ while empty.
    pub max: f64,
    /// Number of samples.
    pub count: u64,
}

impl Default for PeriodStats {
    fn default() -> Self {
        PeriodStats { sum: 0.0, min: f64::INFINITY, max: f64::NEG_INFINITY, count: 0 }
    }
}

impl PeriodStats {
    /// An empty period (no samples: a missing datapoint).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one sample. A NaN is dropped: CloudWatch refuses non-numbers in PutMetricData,
    /// and one NaN would poison every later sum.
    pub fn record(&mut self, value: f64) {
        if value.is_nan() {
            return;
        }
        self.sum += value;
        self.min = self.min.min(value);
        self.max = self.max.max(value);
        self.count += 1;
    }

    /// Pools another period's samples into this one, as CloudWatch pools the datapoints
    /// of every instance when aggregating a group-wide metric.
    pub fn merge(&mut self, other: &PeriodStats) {
        self.sum += other.sum;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
        self.count += other.count;
    }

    /// Whether no sample arrived.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The period's datapoint for `statistic`; `None` = missing (no samples). CloudWatch
    /// publishes no datapoint for an empty period, so even SampleCount is missing, not 0.
    pub fn statistic(&self, statistic: Statistic) -> Option<f64> {
        if self.is_empty() {
            return None;
        }
        Some(match statistic {
            Statistic::Average => self.sum / self.count as f64,
            Statistic::Sum => self.sum,
            Statistic::Minimum => self.min,
            Statistic::Maximum => self.max,
            Statistic::SampleCount => self.count as f64,
        })
    }
}

/// State of a CloudWatch alarm; serialised with AWS's spelling (`"INSUFFICIENT_DATA"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AlarmState {
    /// The metric is within the threshold.
    Ok,
    /// The metric breaches the threshold.
    Alarm,
    /// Just started, or too little data to decide (the initial state).
    InsufficientData,
}

impl AlarmState {
    /// AWS's name of the state, for the event log.
    pub fn label(self) -> &'static str {
        match self {
            AlarmState::Ok => "OK",
            AlarmState::Alarm => "ALARM",
            AlarmState::InsufficientData => "INSUFFICIENT_DATA",
        }
    }
}

/// A change of alarm state, returned by [`Alarm::evaluate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct AlarmTransition {
    /// State before this evaluation.
    pub from: AlarmState,
    /// State after it.
    pub to: AlarmState,
}

/// A running metric alarm: the recent datapoints and the current state.
#[derive(Clone, Debug)]
pub struct Alarm {
    /// Statistic the caller should feed, from the spec.
    statistic: Statistic,
    /// Operator comparing a datapoint with `threshold`.
    comparison: Comparison,
    /// Threshold in the metric's unit.
    threshold: f64,
    /// N, clamped to 1..=[`MAX_EVALUATION_PERIODS`].
    evaluation_periods: usize,
    /// M, clamped to 1..=N.
    datapoints_to_alarm: usize,
    /// What a missing datapoint counts as.
    missing_data: MissingData,
    /// The evaluation range, oldest first; `None` = missing. Periods before the alarm
    /// started count as missing, as for a metric that did not exist yet.
    range: VecDeque<Option<f64>>,
    /// Current state.
    state: AlarmState,
}

/// What the evaluation range holds, newest first, before missing data is treated.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    /// Real datapoints counted (at most N).
    present: usize,
    /// Of those, how many breach.
    breaching: usize,
    /// Age of the oldest breaching one counted [periods]; 1 = the latest period.
    oldest_breach_age: usize,
}

impl Alarm {
    /// A new alarm in INSUFFICIENT_DATA. CloudWatch rejects M > N or N = 0; here N is
    /// clamped to 1..=[`MAX_EVALUATION_PERIODS`] and M to 1..=N instead, so any design runs.
    pub fn new(spec: &AlarmSpec) -> Self {
        let n = spec.evaluation_periods.clamp(1, MAX_EVALUATION_PERIODS) as usize;
        let m = (spec.datapoints_to_alarm as usize).clamp(1, n);
        Alarm {
            statistic: spec.statistic,
            comparison: spec.comparison,
            threshold: spec.threshold,
            evaluation_periods: n,
            datapoints_to_alarm: m,
            missing_data: spec.missing_data,
            range: VecDeque::with_capacity(n + EXTRA_RANGE),
            state: AlarmState::InsufficientData,
        }
    }

    /// Records one period's datapoint (`None` or NaN = missing) and re-evaluates.
    /// Call once per period, in order. Returns the transition if the state changed.
    pub fn evaluate(&mut self, datapoint: Option<f64>) -> Option<AlarmTransition> {
        if self.range.len() == self.evaluation_periods + EXTRA_RANGE {
            self.range.pop_front();
        }
        self.range.push_back(datapoint.filter(|v| !v.is_nan()));
        let from = self.state;
        self.state = self.next_state();
        (from != self.state).then_some(AlarmTransition { from, to: self.state })
    }

    /// Aggregates `stats` with the alarm's statistic and evaluates it.
    pub fn evaluate_period(&mut self, stats: &PeriodStats) -> Option<AlarmTransition> {
        self.evaluate(stats.statistic(self.statistic))
    }

    /// Current state.
    pub fn state(&self) -> AlarmState {
        self.state
    }

    /// Whether the alarm is in ALARM (Auto Scaling re-invokes its action every period then).
    pub fn in_alarm(&self) -> bool {
        self.state == AlarmState::Alarm
    }

    /// The statistic the alarm expects datapoints in.
    pub fn statistic(&self) -> Statistic {
        self.statistic
    }

    /// How far the latest real datapoint in the evaluation range lies past the threshold:
    /// datapoint − threshold, in the metric's unit (negative below it). Step scaling picks
    /// its step by this. `None` when the range holds no datapoint.
    pub fn breach(&self) -> Option<f64> {
        let latest = self.range.iter().rev().find_map(|d| *d)?;
        Some(latest - self.threshold).filter(|b| !b.is_nan())
    }

    /// The state the current range implies. "In all of these situations, the number of
    /// datapoints evaluated is equal to the value of Evaluation Periods."
    fn next_state(&self) -> AlarmState {
        let tally = self.tally();
        let n = self.evaluation_periods;
        let m = self.datapoints_to_alarm;
        // Enough real datapoints: missing ones are skipped and the treatment is ignored.
        if tally.present >= n {
            return verdict(tally.breaching >= m);
        }
        // Too few: fill N − present with the treatment, as few fills as possible.
        let fills = n - tally.present;
        match self.missing_data {
            MissingData::NotBreaching => verdict(tally.breaching >= m),
            MissingData::Breaching => verdict(tally.breaching + fills >= m),
            MissingData::Missing | MissingData::Ignore => self.undecided(tally),
        }
    }

    /// `missing` and `ignore` with fewer than N real datapoints. The guide's tables: a
    /// non-breaching datapoint gives OK; breaching ones alone give ALARM only if the oldest
    /// is at least M periods old (knowledge-center article; `missing` only), otherwise
    /// `missing` says INSUFFICIENT_DATA and `ignore` keeps the state.
    fn undecided(&self, tally: Tally) -> AlarmState {
        let m = self.datapoints_to_alarm;
        let ignore = self.missing_data == MissingData::Ignore;
        if tally.breaching >= m {
            AlarmState::Alarm
        } else if tally.present > tally.breaching {
            AlarmState::Ok
        } else if ignore {
            self.state
        } else if tally.breaching > 0 && tally.oldest_breach_age >= m {
            AlarmState::Alarm
        } else {
            AlarmState::InsufficientData
        }
    }

    /// Counts the N most recent real datapoints of the range.
    fn tally(&self) -> Tally {
        let mut tally = Tally::default();
        for (age, value) in (1..).zip(self.range.iter().rev()) {
            let Some(value) = value else { continue };
            tally.present += 1;
            if self.comparison.breaches(*value, self.threshold) {
                tally.breaching += 1;
                tally.oldest_breach_age = age;
            }
            if tally.present == self.evaluation_periods {
                break;
            }
        }
        tally
    }
}

/// ALARM if the breaching datapoints reach M, else OK.
fn verdict(alarm: bool) -> AlarmState {
    if alarm { AlarmState::Alarm } else { AlarmState::Ok }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(n: u32, m: u32, missing_data: MissingData) -> AlarmSpec {
        AlarmSpec {
            evaluation_periods: n,
            datapoints_to_alarm: m,
            threshold: 3.0,
            comparison: Comparison::GreaterThanThreshold,
            missing_data,
            ..AlarmSpec::default()
        }
    }

    /// Feeds a row of the guide's tables, oldest first: `0` within, `X` breaching, `-` missing.
    fn run(alarm: &mut Alarm, row: &str) {
        for c in row.chars().filter(|c| !c.is_whitespace()) {
            alarm.evaluate(match c {
                '0' => Some(1.0),
                'X' => Some(5.0),
                _ => None,
            });
        }
    }

    const O: AlarmState = AlarmState::Ok;
    const A: AlarmState = AlarmState::Alarm;
    const I: AlarmState = AlarmState::InsufficientData;
    /// "Retain current state" in the guide's IGNORE column.
    const KEEP: Option<AlarmState> = None;

    /// (M, datapoints oldest first, MISSING, IGNORE, BREACHING, NOT BREACHING).
    type Row = (u32, &'static str, AlarmState, Option<AlarmState>, AlarmState, AlarmState);

    /// Both tables of "How alarm state is evaluated when data is missing", N = 3, verbatim.
    const TRUTH_TABLE: [Row; 11] = [
        (3, "0 - X - X", O, Some(O), O, O),
        (3, "0 - - - -", O, Some(O), O, O),
        (3, "- - - - -", I, KEEP, A, O),
        (3, "0 X X - X", A, Some(A), A, A),
        (3, "- - - - X", I, KEEP, A, O),
        (3, "X - - - -", A, KEEP, A, O),
        (2, "0 - X - X", A, Some(A), A, A),
        (2, "0 0 X 0 X", A, Some(A), A, A),
        (2, "0 - X - -", O, Some(O), A, O),
        (2, "- - - - 0", O, Some(O), A, O),
        (2, "- - - - X", I, KEEP, A, O),
    ];

    /// Runs `prior` (to set the state `ignore` retains), then `row`; `row` fills the whole
    /// 5-datapoint range, so only it is evaluated at the end.
    fn state_after(m: u32, treatment: MissingData, prior: &str, row: &str) -> AlarmState {
        let mut alarm = Alarm::new(&spec(3, m, treatment));
        run(&mut alarm, prior);
        run(&mut alarm, row);
        alarm.state()
    }

    #[test]
    fn reproduces_the_cloudwatch_missing_data_truth_tables() {
        for (m, row, missing, ignore, breaching, not_breaching) in TRUTH_TABLE {
            assert_eq!(state_after(m, MissingData::Missing, "", row), missing, "missing {m}/3 {row}");
            assert_eq!(state_after(m, MissingData::Breaching, "", row), breaching, "breaching {m}/3 {row}");
            let nb = state_after(m, MissingData::NotBreaching, "", row);
            assert_eq!(nb, not_breaching, "notBreaching {m}/3 {row}");
            // IGNORE: "retain current state" is checked from both OK and ALARM.
            for (prior, before) in [("0 0 0", O), ("X X X", A)] {
                let want = ignore.unwrap_or(before);
                let got = state_after(m, MissingData::Ignore, prior, row);
                assert_eq!(got, want, "ignore {m}/3 {row} after {before:?}");
            }
        }
    }

    #[test]
    fn a_lone_breach_alarms_once_it_is_m_periods_old() {
        // Knowledge center: ALARM when "the oldest available breaching data point … is at
        // least as old as the value of Datapoints to Alarm" and nothing newer is within.
        let mut alarm = Alarm::new(&spec(3, 3, MissingData::Missing));
        run(&mut alarm, "X -");
        assert_eq!(alarm.state(), I, "2 periods old");
        assert_eq!(alarm.evaluate(None), Some(AlarmTransition { from: I, to: A }), "3 periods old");
        run(&mut alarm, "- -");
        assert_eq!(alarm.state(), A, "still in the 5-datapoint range");
        assert_eq!(alarm.evaluate(None), Some(AlarmTransition { from: A, to: I }), "scrolled out");
    }

    #[test]
    fn starts_insufficient_and_needs_m_breaching_datapoints() {
        let mut alarm = Alarm::new(&spec(3, 3, MissingData::Missing));
        assert_eq!(alarm.state(), I);
        assert_eq!(alarm.evaluate(Some(9.0)), None);
        assert_eq!(alarm.evaluate(Some(9.0)), None);
        assert_eq!(alarm.evaluate(Some(9.0)), Some(AlarmTransition { from: I, to: A }));
        assert!(alarm.in_alarm());
        assert_eq!(alarm.evaluate(Some(1.0)), Some(AlarmTransition { from: A, to: O }));
        assert_eq!(alarm.evaluate(Some(9.0)), None, "one breach after recovery stays OK");
    }

    #[test]
    fn m_of_n_breaches_need_not_be_consecutive() {
        let mut alarm = Alarm::new(&spec(5, 3, MissingData::Missing));
        run(&mut alarm, "X 0 X 0");
        assert_eq!(alarm.state(), O);
        run(&mut alarm, "X");
        assert_eq!(alarm.state(), A);
        run(&mut alarm, "0 0");
        assert_eq!(alarm.state(), O, "only 2 of the last 5 breach");
    }

    #[test]
    fn stale_state_holds_two_periods_then_treatment_applies() {
        let mut alarm = Alarm::new(&spec(3, 3, MissingData::NotBreaching));
        run(&mut alarm, "X X X - -");
        assert_eq!(alarm.state(), A, "3 real datapoints remain in the range");
        run(&mut alarm, "-");
        assert_eq!(alarm.state(), O);
    }

    #[test]
    fn nan_datapoints_and_threshold_never_panic() {
        let mut alarm = Alarm::new(&spec(3, 1, MissingData::Breaching));
        alarm.evaluate(Some(f64::NAN));
        assert_eq!(alarm.state(), A, "NaN counts as missing, treated as breaching");
        let mut nan_threshold =
            Alarm::new(&AlarmSpec { threshold: f64::NAN, ..spec(1, 1, MissingData::Missing) });
        nan_threshold.evaluate(Some(1e9));
        assert_eq!(nan_threshold.state(), O, "nothing breaches a NaN threshold");
        assert_eq!(nan_threshold.breach(), None);
    }

    #[test]
    fn absurd_periods_are_clamped() {
        let mut zero = Alarm::new(&spec(0, 0, MissingData::Missing));
        zero.evaluate(Some(9.0));
        assert_eq!(zero.state(), A, "N = M = 0 behaves as 1 of 1");
        let mut m_over_n = Alarm::new(&spec(2, 7, MissingData::Missing));
        run(&mut m_over_n, "X X");
        assert_eq!(m_over_n.state(), A, "M is clamped to N");
        let huge = Alarm::new(&spec(u32::MAX, u32::MAX, MissingData::Missing));
        assert!(huge.range.capacity() < 10_000);
    }

    #[test]
    fn breach_is_latest_real_datapoint_minus_threshold() {
        let mut alarm = Alarm::new(&spec(3, 3, MissingData::Missing));
        assert_eq!(alarm.breach(), None);
        run(&mut alarm, "X");
        alarm.evaluate(None);
        assert_eq!(alarm.breach(), Some(2.0));
        alarm.evaluate(Some(1.0));
        assert_eq!(alarm.breach(), Some(-2.0));
    }

    #[test]
    fn comparisons_follow_the_operator() {
        let low = AlarmSpec {
            comparison: Comparison::LessThanOrEqualToThreshold,
            ..spec(1, 1, MissingData::Missing)
        };
        let mut alarm = Alarm::new(&low);
        alarm.evaluate(Some(3.0));
        assert!(alarm.in_alarm(), "3 <= 3");
        alarm.evaluate(Some(3.5));
        assert!(!alarm.in_alarm());
    }

    #[test]
    fn period_statistics() {
        let mut stats = PeriodStats::new();
        assert_eq!(stats.statistic(Statistic::SampleCount), None, "an empty period is missing");
        for v in [2.0, 8.0, f64::NAN, 5.0] {
            stats.record(v);
        }
        assert_eq!(stats.statistic(Statistic::Average), Some(5.0));
        assert_eq!(stats.statistic(Statistic::Sum), Some(15.0));
        assert_eq!(stats.statistic(Statistic::Minimum), Some(2.0));
        assert_eq!(stats.statistic(Statistic::Maximum), Some(8.0));
        assert_eq!(stats.statistic(Statistic::SampleCount), Some(3.0), "NaN dropped");
        let mut other = PeriodStats::new();
        other.record(11.0);
        stats.merge(&other);
        stats.merge(&PeriodStats::new());
        assert_eq!(stats.statistic(Statistic::Average), Some(6.5));
        assert_eq!(stats.statistic(Statistic::Minimum), Some(2.0));
        assert_eq!(stats.statistic(Statistic::Maximum), Some(11.0));
    }

    #[test]
    fn evaluate_period_uses_the_spec_statistic() {
        let mut alarm =
            Alarm::new(&AlarmSpec { statistic: Statistic::Maximum, ..spec(1, 1, MissingData::Missing) });
        let mut stats = PeriodStats::new();
        stats.record(0.0);
        stats.record(4.0);
        assert_eq!(alarm.evaluate_period(&stats), Some(AlarmTransition { from: I, to: A }), "max 4 > 3");
        assert_eq!(alarm.evaluate_period(&PeriodStats::new()), None, "1 real datapoint still in range");
    }

    #[test]
    fn state_serialises_with_aws_spelling() {
        let json = serde_json::to_string(&AlarmState::InsufficientData).unwrap_or_default();
        assert_eq!(json, "\"INSUFFICIENT_DATA\"");
        assert_eq!(AlarmState::Alarm.label(), "ALARM");
    }
}
