//! `nines params [KIND]`: the library's parameter table as Markdown, so the docs read the
//! same ranges, units, defaults and reasons that the validator and the inspector use.

use std::process::ExitCode;

use nines_sim::design::param::{self, Domain, Param, Range};

/// Prints every parameter (or those of one component kind) as a Markdown table; an
/// unknown kind is a usage error naming the kinds there are.
pub fn print(kind: Option<&String>) -> Result<ExitCode, String> {
    let rows: Vec<&Param> = param::all().filter(|p| kind.is_none_or(|k| *k == p.kind)).collect();
    if rows.is_empty() {
        let mut kinds: Vec<&str> = param::all().map(|p| p.kind).collect();
        kinds.dedup();
        let asked = kind.map_or("", String::as_str);
        return Err(format!("no component kind `{asked}`; there are: {}", kinds.join(", ")));
    }
    println!("{}", table(&rows));
    Ok(ExitCode::SUCCESS)
}

/// The rows as a Markdown table: parameter, allowed values, unit, default, why.
fn table(rows: &[&Param]) -> String {
    let mut out =
        String::from("| parameter | values | unit | default | why it matters |\n|---|---|---|---|---|\n");
    for p in rows {
        let none = p.none.map(|n| format!("; null: {n}")).unwrap_or_default();
        let line = format!(
            "| `{}` | {}{none} | {} | {} | {} |\n",
            p.key(),
            values(&p.domain),
            p.unit,
            p.default.replace('|', "\\|"),
            p.why.replace('|', "\\|")
        );
        out.push_str(&line);
    }
    out
}

/// What values a parameter takes, in words.
fn values(domain: &Domain) -> String {
    match domain {
        Domain::Number(range) => range_words(range),
        Domain::Span(range) => format!("[shortest, longest], each {}", range_words(range)),
        Domain::Choice(choices) => {
            choices.iter().map(|c| format!("`{}`", c.name)).collect::<Vec<_>>().join(", ")
        }
        Domain::Toggle => "`true`, `false`".to_owned(),
        Domain::Zone => "a zone of the region".to_owned(),
        Domain::Zones => "zones of the region, each once".to_owned(),
        Domain::ZoneList { max } => format!("up to {max} zones of the region"),
        Domain::InstanceSize => "an instance type of the price table".to_owned(),
        Domain::DatabaseClass => "a database class of the price table".to_owned(),
        Domain::Component => "the id of a component".to_owned(),
        Domain::Alarm => "the id of an alarm".to_owned(),
        Domain::Rates => "a list of `{at_s, rate}`".to_owned(),
        Domain::Adjustments => "a list of `{lower, upper, change}`".to_owned(),
    }
}

/// "5–300", "whole 2–10", "60 or more", "above 0", "any number".
fn range_words(range: &Range) -> String {
    let whole = if range.integer { "whole " } else { "" };
    let (lo, hi) = (range.lo, range.hi);
    match (lo.is_finite(), hi.is_finite()) {
        (false, false) => format!("any {whole}number"),
        (true, false) if range.above => format!("{whole}above {lo}"),
        (true, false) => format!("{whole}{lo} or more"),
        (false, true) => format!("{whole}{hi} or less"),
        (true, true) => format!("{whole}{lo}–{hi}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_as_words() {
        let range = |lo, hi, integer, above| Range { lo, hi, integer, above };
        assert_eq!(range_words(&range(5.0, 300.0, false, false)), "5–300");
        assert_eq!(range_words(&range(2.0, 10.0, true, false)), "whole 2–10");
        assert_eq!(range_words(&range(0.0, f64::INFINITY, false, true)), "above 0");
        assert_eq!(range_words(&range(f64::NEG_INFINITY, f64::INFINITY, false, false)), "any number");
    }

    #[test]
    fn the_table_has_a_row_per_parameter_with_its_facts() {
        let rows: Vec<&Param> = param::all().filter(|p| p.kind == "load_balancer").collect();
        let text = table(&rows);
        assert_eq!(text.lines().count(), rows.len() + 2);
        let interval = text.lines().find(|l| l.contains("`load_balancer.health_check.interval_s`"));
        let interval = interval.unwrap_or_default();
        assert!(interval.contains("| 5–300 | s | 30 s |"), "{interval}");
        assert!(text.contains("`round_robin`, `least_outstanding_requests`"), "{text}");
    }
}
