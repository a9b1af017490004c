//! The scripted incident in a URL: the command line's fault lines (`60s:kill i-1`) joined
//! with `;`, which no line can contain (ids are letters, digits, `-` and `_`; actions and
//! numbers have no `;`). The fragment percent-encodes spaces and colons, so the parameter
//! round-trips through any URL; newlines are accepted too, for scripts pasted by hand.

use nines_sim::design::Design;
use nines_sim::time::Micros;
use nines_sim::{Command, TimedCommand};

use crate::live::script::line;

/// What joins two lines in the URL form.
pub const SEPARATOR: char = ';';

/// Most lines a script may have: a talk's incident is a handful of faults.
pub const MAX_LINES: usize = 100;

/// Why a script cannot run on a design; says which line and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    /// 1-based position of the line in the script; 0 for the script as a whole.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub reason: String,
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "script: {}", self.reason),
            n => write!(f, "script, fault {n}: {}", self.reason),
        }
    }
}

/// The URL form of a script: `60s:kill i-1;120s:lose-zone a`.
pub fn encode(script: &[TimedCommand]) -> String {
    let lines: Vec<String> = script.iter().map(|t| line(t.at, &t.command)).collect();
    lines.join(&SEPARATOR.to_string())
}

/// The URL form of commands recorded as (time, command) pairs, e.g. a Playground run's.
pub fn encode_pairs<'a>(commands: impl IntoIterator<Item = (Micros, &'a Command)>) -> String {
    let lines: Vec<String> = commands.into_iter().map(|(at, command)| line(at, command)).collect();
    lines.join(&SEPARATOR.to_string())
}

/// Reads a script and checks every line against `design` (the command line's parser and
/// [`TimedCommand::check_against`]); a line at or after `limit` [µs] is refused.
/// Lines keep their order: equal times apply in the order written, as on the command line.
pub fn decode(text: &str, design: &Design, limit: Micros) -> Result<Vec<TimedCommand>, ScriptError> {
    let lines: Vec<&str> = text.split([SEPARATOR, '\n']).map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() > MAX_LINES {
        return Err(ScriptError {
            line: 0,
            reason: format!("{} faults; an embed takes at most {MAX_LINES}", lines.len()),
        });
    }
    let mut script = Vec::with_capacity(lines.len());
    for (i, text) in lines.into_iter().enumerate() {
        let fail = |reason: String| ScriptError { line: i + 1, reason };
        let timed = TimedCommand::parse(text).map_err(|e| fail(e.to_string()))?;
        timed.check_against(design).map_err(|e| fail(format!("`{text}`: {e}")))?;
        if timed.at >= limit {
            return Err(fail(format!(
                "`{text}` comes at or after the end of the run ({}); make `duration` longer",
                nines_sim::time::clock(limit)
            )));
        }
        script.push(timed);
    }
    Ok(script)
}

#[cfg(test)]
mod tests {
    use nines_sim::design::reference;
    use nines_sim::time::{HOUR, SECOND};

    use super::*;
    use crate::persist::share::{Fragment, Route, parse_fragment};

    fn at(seconds: u64, command: Command) -> TimedCommand {
        TimedCommand { at: seconds * SECOND, command }
    }

    fn incident() -> Vec<TimedCommand> {
        vec![
            at(60, Command::KillInstance { instance: "i-1".into() }),
            at(120, Command::LoseZone { zone: "a".into() }),
            at(300, Command::TrafficSpike { factor: 2.5, duration_s: 90.0 }),
            at(
                400,
                Command::StartChaosMonkey {
                    group: Some("web".into()),
                    mean_interval_s: 60.0,
                    business_hours: true,
                },
            ),
            at(400, Command::KillDatabasePrimary { database: "db".into() }),
        ]
    }

    #[test]
    fn a_script_round_trips_through_a_url() {
        let design = reference::three_tier();
        let script = incident();
        let text = encode(&script);
        assert_eq!(
            text,
            "60s:kill i-1;120s:lose-zone a;300s:spike 2.5 90;400s:chaos web 60 business-hours;400s:kill-db db"
        );
        let mut fragment =
            Fragment { route: Route::Embed, design: Some(design.clone()), ..Fragment::default() };
        fragment.params.insert("script".into(), text);
        let hash = fragment.to_hash();
        assert!(!hash.contains(' ') && !hash.contains(';'), "percent-encoded: {hash}");
        let back = parse_fragment(&hash).unwrap();
        let decoded = decode(&back.params["script"], &design, HOUR).unwrap();
        assert_eq!(decoded, script);
    }

    #[test]
    fn newlines_and_blank_lines_are_accepted() {
        let design = reference::three_tier();
        let decoded = decode("60s:kill i-1\n\n 2m:lose-zone a ;", &design, HOUR).unwrap();
        assert_eq!(decoded, incident()[..2].to_vec());
        assert_eq!(decode("", &design, HOUR).unwrap(), vec![]);
    }

    #[test]
    fn a_bad_line_is_named_with_its_position_and_fix() {
        let design = reference::single_server();
        let err = decode("60s:kill web-1;90s:explode web", &design, HOUR).unwrap_err();
        assert_eq!(err.line, 2);
        let m = err.to_string();
        assert!(m.starts_with("script, fault 2:") && m.contains("`explode` is not an action"), "{m}");

        let err = decode("60s:lose-zone q", &design, HOUR).unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.to_string().contains("lose-zone q"), "{err}");

        let err = decode("kill i-1", &design, HOUR).unwrap_err();
        assert!(err.to_string().contains("TIME:ACTION"), "{err}");

        let err = decode("2h:kill web-1", &design, HOUR).unwrap_err();
        assert!(err.to_string().contains("make `duration` longer"), "{err}");

        let long = vec!["1s:kill web-1"; MAX_LINES + 1].join(";");
        assert_eq!(decode(&long, &design, HOUR).unwrap_err().line, 0);
    }

    #[test]
    fn recorded_pairs_encode_like_scripts() {
        let script = incident();
        assert_eq!(encode_pairs(script.iter().map(|t| (t.at, &t.command))), encode(&script));
    }
}
