//! One scripted fault of a level's incident, kept in the command line's short form.

use serde::{Deserialize, Serialize};

use crate::command::{CommandParseError, TimedCommand};

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
