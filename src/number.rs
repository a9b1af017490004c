//! Numbers as people read them: thousands separated, at most two decimals.

/// A number for people: thousands separated, at most two decimals, no trailing zeros.
pub fn num(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let rounded = (value * 100.0).round() / 100.0;
    let sign = if rounded < 0.0 { "-" } else { "" };
    let whole = rounded.abs().trunc() as u64;
    let cents = ((rounded.abs() - whole as f64) * 100.0).round() as u64;
    let grouped = count(whole);
    match cents {
        0 => format!("{sign}{grouped}"),
        c if c % 10 == 0 => format!("{sign}{grouped}.{}", c / 10),
        c => format!("{sign}{grouped}.{c:02}"),
    }
}

/// A whole count with thousands separators: `54,012`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(num(345_600.0), "345,600");
        assert_eq!(num(30.0), "30");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(-1_234.05), "-1,234.05");
        assert_eq!(num(999.0), "999");
    }
}
