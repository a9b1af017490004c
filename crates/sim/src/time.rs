//! Virtual time: an integer count of microseconds since the start of a run.
//!
//! Integers make time exact and identical on every platform; floating-point seconds
//! appear only at the edges (design files, display).

/// A point in simulated time, or a duration [µs].
pub type Micros = u64;

/// One millisecond [µs].
pub const MILLISECOND: Micros = 1_000;
/// One second [µs].
pub const SECOND: Micros = 1_000_000;
/// One minute [µs].
pub const MINUTE: Micros = 60 * SECOND;
/// One hour [µs].
pub const HOUR: Micros = 60 * MINUTE;

/// Converts seconds (from a design or a command) to microseconds, clamping negatives and
/// non-numbers to zero and huge values to about 100 years.
#[inline]
pub fn from_secs(seconds: f64) -> Micros {
    const LIMIT: f64 = 100.0 * 365.0 * 86_400.0;
    if seconds.is_nan() || seconds <= 0.0 { 0 } else { round_us(seconds.min(LIMIT) * 1e6) }
}

/// Rounds a number of microseconds in [0, 2^62] to whole microseconds (NaN gives 0).
///
/// Adding a half and truncating rounds without calling libm's round. Truncating through
/// `i64` gives the same value as straight to `u64` in that range, in a third of the
/// instructions: x86 converts floats to signed integers natively. This runs on every
/// random duration drawn.
#[inline]
pub(crate) fn round_us(us: f64) -> Micros {
    debug_assert!(us.is_nan() || (0.0..=4.6e18).contains(&us), "{us} µs is out of range");
    (us + 0.5) as i64 as Micros
}

/// Converts milliseconds to microseconds, clamped like [`from_secs`].
pub fn from_millis(millis: f64) -> Micros {
    from_secs(millis / 1e3)
}

/// Microseconds as seconds, for display and statistics.
pub fn as_secs(t: Micros) -> f64 {
    t as f64 / 1e6
}

/// `HH:MM:SS` of a simulated time, as the event log shows it.
pub fn clock(t: Micros) -> String {
    let s = t / SECOND;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// Parses a duration such as `90`, `90s`, `2m`, `1h30m`, `1:30`, `00:02:30` into [µs].
pub fn parse_duration(text: &str) -> Option<Micros> {
    let text = text.trim();
    if text.contains(':') {
        let mut total = 0u64;
        for part in text.split(':') {
            total = total.checked_mul(60)?.checked_add(part.parse::<u64>().ok()?)?;
        }
        return total.checked_mul(SECOND);
    }
    if let Ok(seconds) = text.parse::<f64>() {
        return (seconds >= 0.0).then(|| from_secs(seconds));
    }
    let mut total = 0f64;
    let mut number = String::new();
    for ch in text.chars() {
        match ch {
            '0'..='9' | '.' => number.push(ch),
            'h' | 'm' | 's' => {
                let value: f64 = number.parse().ok()?;
                total += value
                    * match ch {
                        'h' => 3600.0,
                        'm' => 60.0,
                        _ => 1.0,
                    };
                number.clear();
            }
            _ => return None,
        }
    }
    number.is_empty().then(|| from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_in_every_spelling() {
        assert_eq!(parse_duration("90"), Some(90 * SECOND));
        assert_eq!(parse_duration("90s"), Some(90 * SECOND));
        assert_eq!(parse_duration("2m"), Some(2 * MINUTE));
        assert_eq!(parse_duration("1h30m"), Some(90 * MINUTE));
        assert_eq!(parse_duration("00:02:30"), Some(150 * SECOND));
        assert_eq!(parse_duration("2x"), None);
        assert_eq!(parse_duration("-3"), None);
        assert_eq!(parse_duration("99999999999999:0"), None, "too long for the clock, not an overflow");
    }

    #[test]
    fn clock_shows_hours_minutes_seconds() {
        assert_eq!(clock(2 * MINUTE + 30 * SECOND), "00:02:30");
        assert_eq!(clock(HOUR + 999_999), "01:00:00");
    }

    #[test]
    fn seconds_clamp_at_the_edges() {
        assert_eq!(from_secs(-1.0), 0);
        assert_eq!(from_secs(f64::NAN), 0);
        assert_eq!(from_secs(1.5), 1_500_000);
    }
}
