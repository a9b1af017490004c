//! Command-line arguments of `nines run`.

use std::path::PathBuf;

use nines_sim::TimedCommand;
use nines_sim::time::{HOUR, Micros, parse_duration};

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
                run.duration = parse_duration(&text)
                    .ok_or_else(|| format!("{arg} `{text}` is not a duration such as 3600, 90m or 2h"))?;
            }
            "--seed" => {
                let text = value(arg)?;
                run.seed = Some(text.parse().map_err(|_| format!("--seed `{text}` is not a whole number"))?);
            }
            "--fault" => run.faults.push(TimedCommand::parse(&value(arg)?).map_err(|e| e.to_string())?),
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

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::time::SECOND;

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
    }
}
