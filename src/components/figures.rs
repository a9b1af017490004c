//! How the charts and the run summary write numbers: short, honest, and never rounded up
//! into a better result than the run achieved.

/// A measurement in at most three significant figures, thousands as `k` and millions as
/// `M`: `0`, `0.85`, `12.5`, `480`, `1.2k`, `35k`.
pub fn compact(value: f32) -> String {
    let v = f64::from(value);
    if !v.is_finite() {
        return "–".to_owned();
    }
    let magnitude = v.abs();
    if magnitude >= 999_500.0 {
        format!("{}M", significant(v / 1e6))
    } else if magnitude >= 9_995.0 {
        format!("{}k", (v / 1e3).round())
    } else if magnitude >= 999.5 {
        format!("{}k", significant(v / 1e3))
    } else {
        significant(v)
    }
}

/// Three significant figures (at least the integer part), trailing zeros dropped.
fn significant(v: f64) -> String {
    let magnitude = v.abs();
    let decimals = if magnitude >= 99.95 {
        0
    } else if magnitude >= 9.995 {
        1
    } else {
        2
    };
    let text = format!("{v:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

pub use crate::number::count;

/// A simulated duration [s] as a person says it: `0.4 s`, `12 s`, `2 min 05 s`, `1 h 02 min`.
pub fn duration(seconds: f64) -> String {
    if !seconds.is_finite() || seconds <= 0.0 {
        return "0 s".to_owned();
    }
    if seconds < 10.0 {
        return format!("{} s", significant(seconds));
    }
    let whole = seconds.round() as u64;
    match whole {
        0..120 => format!("{whole} s"),
        120..3600 => format!("{} min {:02} s", whole / 60, whole % 60),
        _ => format!("{} h {:02} min", whole / 3600, (whole / 60) % 60),
    }
}

/// An availability [0–1] as a percentage, truncated rather than rounded, with as many
/// decimals as its nines need: `68.4 %`, `99.94 %`, `99.9991 %`. A run that failed any
/// request never reads `100 %`.
pub fn availability(share: f64) -> String {
    let share = share.clamp(0.0, 1.0);
    if share >= 1.0 {
        return "100 %".to_owned();
    }
    let nines = -(1.0 - share).log10();
    let decimals = (nines.floor() as i32 - 1).clamp(1, 6);
    let scale = 10f64.powi(decimals);
    // The epsilon keeps 0.999 from reading 99.8 through binary rounding; it is far below
    // the last digit shown, so nothing is ever rounded up.
    let truncated = (share * 100.0 * scale + 1e-6).floor() / scale;
    format!("{truncated:.prec$} %", prec = decimals as usize)
}

/// Dollars for people, the one money format of the app: cents below $100 (`$0.85`,
/// `$99.99`), whole dollars with separators from $100 on (`$1,204`), where cents are noise.
pub fn usd(dollars: f64) -> String {
    let cents = (dollars.max(0.0) * 100.0).round() as u64;
    if cents < 100 * 100 {
        return format!("${}.{:02}", cents / 100, cents % 100);
    }
    format!("${}", count((dollars + 0.5).floor() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_keeps_three_figures() {
        assert_eq!(compact(0.0), "0");
        assert_eq!(compact(0.853), "0.85");
        assert_eq!(compact(2.5), "2.5");
        assert_eq!(compact(12.0), "12");
        assert_eq!(compact(12.46), "12.5");
        assert_eq!(compact(480.2), "480");
        assert_eq!(compact(1234.0), "1.23k");
        assert_eq!(compact(35_210.0), "35k");
        assert_eq!(compact(2_500_000.0), "2.5M");
        assert_eq!(compact(f32::NAN), "–");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(54_012), "54,012");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(0.0), "0 s");
        assert_eq!(duration(0.42), "0.42 s");
        assert_eq!(duration(4.5), "4.5 s");
        assert_eq!(duration(74.2), "74 s");
        assert_eq!(duration(125.0), "2 min 05 s");
        assert_eq!(duration(3720.0), "1 h 02 min");
    }

    #[test]
    fn availability_is_never_rounded_up() {
        assert_eq!(availability(1.0), "100 %");
        assert_eq!(availability(0.99999999), "99.999999 %");
        assert_eq!(availability(0.999996), "99.9996 %");
        assert_eq!(availability(0.999), "99.9 %");
        assert_eq!(availability(0.99949), "99.94 %");
        assert_eq!(availability(0.684), "68.4 %");
        assert_eq!(availability(0.0), "0.0 %");
    }

    #[test]
    fn dollars_have_cents() {
        assert_eq!(usd(0.853), "$0.85");
        assert_eq!(usd(99.994), "$99.99");
        assert_eq!(usd(99.996), "$100");
        assert_eq!(usd(1204.1), "$1,204");
        assert_eq!(usd(-3.0), "$0.00", "never a negative price");
    }
}
