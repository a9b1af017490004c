//! The postMessage protocol between an embed and the page around it.
//!
//! The parent sends objects `{type: "nines:play"}`, `nines:pause`, `nines:reset`,
//! `{type: "nines:seek", t: SECONDS}` and `{type: "nines:fault", command: "kill i-1"}`;
//! reveal.js sends the plain strings `"slide:start"` and `"slide:stop"` to every iframe of
//! a slide it shows or leaves (`js/controllers/slidecontent.js`, `postMessage('slide:start',
//! '*')`), which play and pause. The embed posts `nines:ready`, `nines:incident`,
//! `nines:recovered`, `nines:finished` and `nines:key` (the deck's navigation keys).
//!
//! Messages arrive from any window, so each is checked here, as JSON, before it does
//! anything: a malformed one is refused with a reason (the embed logs it with
//! `console.warn`) and never reaches the run.

use nines_sim::design::Design;
use nines_sim::time::{Micros, SECOND};
use nines_sim::{Command, TimedCommand};
use serde_json::{Value, json};

use super::params::MAX_DURATION;

/// What the parent page asks of the embed.
#[derive(Clone, Debug, PartialEq)]
pub enum Inbound {
    /// Play (`nines:play`, reveal.js's `slide:start`).
    Play,
    /// Pause (`nines:pause`, reveal.js's `slide:stop`).
    Pause,
    /// Back to time zero, the same scene, paused.
    Reset,
    /// Move the run to this simulated time [µs], simulating forward or rewinding.
    Seek(Micros),
    /// Apply a fault now (checked against the design).
    Fault(Command),
}

/// What became of a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Received {
    /// A request to carry out.
    Do(Inbound),
    /// One of the embed's own messages (it reaches the embed itself when the embed is the
    /// top page): nothing to do, nothing to warn about.
    Own,
    /// Malformed or unknown: the reason, for `console.warn`.
    Bad(String),
}

/// Reads a message's data (as JSON) for the design being shown.
pub fn receive(data: &Value, design: &Design) -> Received {
    match data {
        Value::String(text) => match text.as_str() {
            "slide:start" => Received::Do(Inbound::Play),
            "slide:stop" => Received::Do(Inbound::Pause),
            other => Received::Bad(format!(
                "ignored the message \"{}\": the strings understood are \"slide:start\" and \"slide:stop\"",
                short(other)
            )),
        },
        Value::Object(fields) => match fields.get("type").and_then(Value::as_str) {
            Some(kind) => typed(kind, data, design),
            None => Received::Bad(
                "ignored a message without a string \"type\" (e.g. {type: \"nines:play\"})".into(),
            ),
        },
        _ => Received::Bad("ignored a message that is neither an object with a \"type\" nor a string".into()),
    }
}

fn typed(kind: &str, data: &Value, design: &Design) -> Received {
    let outcome = match kind {
        "nines:play" => Ok(Inbound::Play),
        "nines:pause" => Ok(Inbound::Pause),
        "nines:reset" => Ok(Inbound::Reset),
        "nines:seek" => seek(&data["t"]),
        "nines:fault" => fault(&data["command"], design),
        "nines:ready" | "nines:incident" | "nines:recovered" | "nines:finished" | "nines:key" => {
            return Received::Own;
        }
        other => Err(format!(
            "unknown type \"{}\"; the embed understands nines:play, nines:pause, nines:reset, nines:seek and nines:fault",
            short(other)
        )),
    };
    match outcome {
        Ok(inbound) => Received::Do(inbound),
        Err(reason) => Received::Bad(format!("ignored a {} message: {reason}", short(kind))),
    }
}

fn seek(t: &Value) -> Result<Inbound, String> {
    let max = MAX_DURATION / SECOND;
    match t.as_f64() {
        Some(seconds) if seconds.is_finite() && seconds >= 0.0 && seconds <= max as f64 => {
            Ok(Inbound::Seek((seconds * SECOND as f64).round() as Micros))
        }
        _ => Err(format!(
            "\"t\" must be a number of seconds from 0 to {max}, e.g. {{type: \"nines:seek\", t: 90}}"
        )),
    }
}

fn fault(command: &Value, design: &Design) -> Result<Inbound, String> {
    let text = command.as_str().ok_or(
        "\"command\" must be a fault as the command line writes it, e.g. \"kill i-1\" or \"lose-zone a\"",
    )?;
    // The command line's parser reads `TIME:ACTION`; a fault from the parent is for now.
    let timed = TimedCommand::parse(&format!("0s:{}", text.trim()))
        .map_err(|e| format!("\"{}\": {}", short(text), e.reason))?;
    timed.check_against(design).map_err(|e| format!("\"{}\": {e}", short(text)))?;
    Ok(Inbound::Fault(timed.command))
}

/// A string cut to 60 characters, for messages about text that came from elsewhere.
fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// What the embed tells the parent page.
#[derive(Clone, Debug, PartialEq)]
pub enum Outbound {
    /// Loaded and ready for messages; the run's length [µs] and its scripted times [µs].
    Ready { duration: Micros, script: Vec<Micros> },
    /// A fault was applied (scripted or not) at `at` [µs]: `what` in words ("killed i-1").
    Incident { at: Micros, what: String },
    /// An incident's failures stopped at `at` [µs] (and 30 s passed without one).
    Recovered { at: Micros, what: String },
    /// The run reached its end [µs] and paused.
    Finished { at: Micros },
    /// A deck navigation key pressed inside the embed (`ArrowRight`, …).
    Key(String),
}

impl Outbound {
    /// The message as JSON, times in seconds: `{type: "nines:incident", t: 60, what: "…"}`.
    pub fn to_json(&self) -> Value {
        let seconds = |at: Micros| at as f64 / SECOND as f64;
        match self {
            Outbound::Ready { duration, script } => json!({
                "type": "nines:ready",
                "duration": seconds(*duration),
                "script": script.iter().map(|&at| seconds(at)).collect::<Vec<f64>>(),
            }),
            Outbound::Incident { at, what } => {
                json!({"type": "nines:incident", "t": seconds(*at), "what": what})
            }
            Outbound::Recovered { at, what } => {
                json!({"type": "nines:recovered", "t": seconds(*at), "what": what})
            }
            Outbound::Finished { at } => json!({"type": "nines:finished", "t": seconds(*at)}),
            Outbound::Key(key) => json!({"type": "nines:key", "key": key}),
        }
    }
}

#[cfg(test)]
mod tests {
    use nines_sim::design::reference;

    use super::*;

    fn read(data: Value) -> Received {
        receive(&data, &reference::three_tier())
    }

    fn bad(data: Value) -> String {
        match read(data.clone()) {
            Received::Bad(reason) => reason,
            other => panic!("{data} was accepted: {other:?}"),
        }
    }

    #[test]
    fn requests_are_read() {
        assert_eq!(read(json!({"type": "nines:play"})), Received::Do(Inbound::Play));
        assert_eq!(read(json!({"type": "nines:pause", "extra": 1})), Received::Do(Inbound::Pause));
        assert_eq!(read(json!({"type": "nines:reset"})), Received::Do(Inbound::Reset));
        assert_eq!(read(json!({"type": "nines:seek", "t": 90})), Received::Do(Inbound::Seek(90 * SECOND)));
        assert_eq!(read(json!({"type": "nines:seek", "t": 1.5})), Received::Do(Inbound::Seek(1_500_000)));
        assert_eq!(
            read(json!({"type": "nines:fault", "command": " lose-zone a "})),
            Received::Do(Inbound::Fault(Command::LoseZone { zone: "a".into() }))
        );
    }

    #[test]
    fn reveal_js_strings_play_and_pause() {
        assert_eq!(read(json!("slide:start")), Received::Do(Inbound::Play));
        assert_eq!(read(json!("slide:stop")), Received::Do(Inbound::Pause));
    }

    #[test]
    fn the_embeds_own_messages_are_not_warned_about() {
        for message in [
            Outbound::Ready { duration: SECOND, script: vec![] },
            Outbound::Finished { at: 0 },
            Outbound::Key("ArrowLeft".into()),
        ] {
            assert_eq!(read(message.to_json()), Received::Own);
        }
    }

    #[test]
    fn malformed_messages_are_refused_with_a_reason() {
        assert!(bad(json!({"type": "nines:seek"})).contains("\"t\" must be a number"));
        assert!(bad(json!({"type": "nines:seek", "t": -1})).contains("from 0 to 86400"));
        assert!(bad(json!({"type": "nines:seek", "t": "90"})).contains("\"t\""));
        assert!(bad(json!({"type": "nines:seek", "t": 1e12})).contains("\"t\""));
        assert!(bad(json!({"type": "nines:fault"})).contains("\"command\" must be a fault"));
        assert!(
            bad(json!({"type": "nines:fault", "command": "explode web"}))
                .contains("`explode` is not an action")
        );
        assert!(bad(json!({"type": "nines:fault", "command": "lose-zone q"})).contains("lose-zone q"));
        assert!(bad(json!({"type": "nines:jump"})).contains("unknown type \"nines:jump\""));
        assert!(bad(json!({"kind": "nines:play"})).contains("without a string \"type\""));
        assert!(bad(json!({"type": 3})).contains("\"type\""));
        assert!(bad(json!("slide:next")).contains("slide:start"));
        assert!(bad(json!(null)).contains("neither"));
        assert!(bad(json!([1, 2])).contains("neither"));
        let long = "x".repeat(500);
        assert!(bad(json!({"type": long})).len() < 250, "long input is cut");
    }

    #[test]
    fn outbound_messages_carry_seconds() {
        let incident = Outbound::Incident { at: 60 * SECOND, what: "killed i-1".into() };
        assert_eq!(incident.to_json(), json!({"type": "nines:incident", "t": 60.0, "what": "killed i-1"}));
        let ready = Outbound::Ready { duration: 300 * SECOND, script: vec![60 * SECOND, 90 * SECOND] };
        assert_eq!(
            ready.to_json(),
            json!({"type": "nines:ready", "duration": 300.0, "script": [60.0, 90.0]})
        );
        assert_eq!(Outbound::Key("End".into()).to_json(), json!({"type": "nines:key", "key": "End"}));
    }
}
