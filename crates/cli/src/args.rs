//! Command-line arguments of `nines run`.

use std::path::PathBuf;

use nines_sim::TimedCommand;
use nines_sim::time::{HOUR, Micros, SECOND, parse_duration};

/// What `nines run` was asked to do.
#[derive(Debug, PartialEq)]
pub struct RunArgs {
    /// The design file, or `reference:NAME` for a shipped design.
    pub design: String,
    /// Simulated time to run [µs]; default one hour.
    pub duration: Micros,
    /// Seed overriding the design's own.
    pub seed: Option<u64>,
    /// Faults and other commands with their times.
    pub faults: Vec<TimedCommand>,
    /// Each fault as typed, in the order of `faults`, for messages that name it.
    pub fault_texts: Vec<String>,
    /// Print the summary as JSON.
    pub json: bool,
    /// Write the per-second series as CSV here.
    pub csv: Option<PathBuf>,
    /// Print the event log too.
    pub log: bool,
    /// Run as a game day: availability [%] every minute must stay at least this, and
    /// nothing may be lost.
    pub steady_state: Option<f64>,
}

/// Parses the arguments after `run`.
pub fn parse_run(args: &[String]) -> Result<RunArgs, String> {
    let mut run = RunArgs {
        design: String::new(),
        duration: HOUR,
        seed: None,
        faults: Vec::new(),
        fault_texts: Vec::new(),
        json: false,
        csv: None,
        log: false,
        steady_state: None,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| iter.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--seconds" | "--duration" => {
                let text = value(arg)?;
                run.duration = parse_run_length(arg, &text)?;
            }
            "--seed" => {
                let text = value(arg)?;
                run.seed = Some(text.parse().map_err(|_| format!("--seed `{text}` is not a whole number"))?);
            }
            "--fault" => {
                let text = value(arg)?;
                run.faults.push(TimedCommand::parse(&text).map_err(|e| e.to_string())?);
                run.fault_texts.push(text);
            }
            "--steady-state" => {
                let text = value(arg)?;
                let percent =
                    text.trim_end_matches('%').parse::<f64>().ok().filter(|p| (0.0..=100.0).contains(p));
                run.steady_state =
                    Some(percent.ok_or_else(|| {
                        format!("--steady-state `{text}` is not a percentage such as 99.9")
                    })?);
            }
            "--json" => run.json = true,
            "--log" => run.log = true,
            "--csv" => run.csv = Some(PathBuf::from(value(arg)?)),
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            design if run.design.is_empty() => run.design = design.to_owned(),
            extra => return Err(format!("unexpected argument `{extra}`: one design at a time")),
        }
    }
    if run.design.is_empty() {
        return Err(
            "which design? Give a file such as three-tier.nines.json, or reference:three-tier".to_owned()
        );
    }
    Ok(run)
}

/// The longest run `nines run` accepts: a simulated year [µs]. Enough for any lesson
/// (error budgets are yearly), and it keeps a mistyped `1e99` from running for ever.
pub const MAX_DURATION: Micros = 365 * 24 * HOUR;

/// A run length from `--seconds`: a duration above zero and at most [`MAX_DURATION`].
fn parse_run_length(flag: &str, text: &str) -> Result<Micros, String> {
    let duration = parse_duration(text)
        .ok_or_else(|| format!("{flag} `{text}` is not a duration such as 3600, 90m or 2h"))?;
    if duration == 0 {
        return Err(format!("{flag} `{text}` is no time at all: give a duration such as 3600, 90m or 2h"));
    }
    // `from_secs` saturates, so 1e99 arrives here as a huge number rather than wrapping.
    if duration > MAX_DURATION {
        return Err(format!(
            "{flag} `{text}` is longer than a simulated year: give at most {} seconds (8760h)",
            MAX_DURATION / SECOND
        ));
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn every_option_parses() {
        let run = parse_run(&strings(&[
            "d.json",
            "--seconds",
            "600",
            "--seed",
            "7",
            "--fault",
            "120s:kill web-1",
            "--json",
        ]))
        .expect("parses");
        assert_eq!(run.design, "d.json");
        assert_eq!(run.duration, 600 * SECOND);
        assert_eq!(run.seed, Some(7));
        assert_eq!(run.faults.len(), 1);
        assert!(run.json);
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(parse_run(&strings(&[])).unwrap_err().contains("which design"));
        assert!(parse_run(&strings(&["d", "--seed", "x"])).unwrap_err().contains("whole number"));
        assert!(parse_run(&strings(&["d", "--frobnicate"])).unwrap_err().contains("unknown option"));
        assert!(parse_run(&strings(&["d", "--fault", "soon:kill x"])).unwrap_err().contains("duration"));
        let e = parse_run(&strings(&["d", "--fault", "10s:desired web 2.7"])).unwrap_err();
        assert!(e.contains("`10s:desired web 2.7`") && e.contains("whole number"), "{e}");
    }

    #[test]
    fn the_run_length_is_at_most_a_simulated_year() {
        for text in ["1e99", "8761h", "inf"] {
            let e = parse_run(&strings(&["d", "--seconds", text])).unwrap_err();
            assert!(e.contains(text), "{e}");
        }
        let e = parse_run(&strings(&["d", "--seconds", "1e99"])).unwrap_err();
        assert!(e.contains("longer than a simulated year"), "{e}");
        assert!(parse_run(&strings(&["d", "--seconds", "0"])).unwrap_err().contains("no time"));
        let year = parse_run(&strings(&["d", "--seconds", "8760h"])).expect("a year is allowed");
        assert_eq!(year.duration, MAX_DURATION);
    }
}
