//! One scripted fault of a level's incident, kept in the command line's short form.

use serde::{Deserialize, Serialize};

use crate::command::{CommandParseError, TimedCommand};
use crate::time::{MINUTE, SECOND};

/// A fault as the command line's `--fault` writes it (`10m:kill web-1`), with the command
/// it parses to. In a level file it is just the string; the text is kept as written so
/// that a level read and written again is the same file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ScriptedFault {
    /// The short form as written, e.g. `10m:kill web-1`.
    pub text: String,
    /// What it does and when.
    pub command: TimedCommand,
}

impl ScriptedFault {
    /// Parses the short form `TIME:ACTION ARGS…`; unknown actions are refused.
    pub fn parse(text: &str) -> Result<ScriptedFault, CommandParseError> {
        let command = TimedCommand::parse(text)?;
        Ok(ScriptedFault { text: text.to_owned(), command })
    }
}

impl ScriptedFault {
    /// The short form of a command, e.g. one recorded in a live run, so that a level can
    /// be made from the faults a presenter applied. Times are written in whole minutes
    /// (`5m`) or seconds (`90s`); a time with a fraction of a second has no short form and
    /// gives `None`, as does a command the short form cannot express.
    pub fn from_command(command: &TimedCommand) -> Option<ScriptedFault> {
        let time = match command.at {
            at if at % MINUTE == 0 => format!("{}m", at / MINUTE),
            at if at % SECOND == 0 => format!("{}s", at / SECOND),
            _ => return None,
        };
        let text = format!("{time}:{}", command.command.short_form());
        let fault = ScriptedFault::parse(&text).ok()?;
        (fault.command == *command).then_some(fault)
    }
}

impl TryFrom<String> for ScriptedFault {
    type Error = CommandParseError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        ScriptedFault::parse(&text)
    }
}

impl From<ScriptedFault> for String {
    fn from(fault: ScriptedFault) -> String {
        fault.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_short_form_survives_a_trip_through_its_command() {
        for text in [
            "5m:kill web-1",
            "90s:hang i-2",
            "1m:slow web-1 2.5",
            "2m:recover web-1",
            "3m:kill-db db-1",
            "4m:promote db-1 0",
            "36m:lose-zone a",
            "1m:impair-zone b 80 0.1",
            "46m:restore-zone a",
            "5m:spike 10 1200",
            "26m:stop-consumers jobs",
            "31m:start-consumers jobs",
            "7m:desired web 4",
            "2m:chaos web 600",
            "2m:chaos 60 business-hours",
            "20m:stop-chaos",
            "10m:store-outage sessions",
            "15m:restore-store sessions",
        ] {
            let fault = ScriptedFault::parse(text).expect(text);
            let back = ScriptedFault::from_command(&fault.command).expect(text);
            assert_eq!(back, fault, "{text}");
        }
    }

    #[test]
    fn a_time_without_a_short_form_gives_none() {
        let mut fault = ScriptedFault::parse("5m:kill web-1").expect("parses");
        fault.command.at += 1;
        assert_eq!(ScriptedFault::from_command(&fault.command), None);
    }
}
