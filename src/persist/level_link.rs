//! Level links: a level made with the level builder travels in the URL fragment like a
//! design does (`#/level=<payload>`, base64url of zlib of the level's JSON), with the same
//! size and safety limits as design links ([`super::share::unpack`]), and passes the same
//! gate as a level file ([`parse_level`]).

use std::fmt;

use nines_sim::level::{Level, LevelError, parse_level};

use super::share::{self, LEVEL_PARAM, MAX_FRAGMENT_CHARS, ShareError};

/// Why a level link could not be opened. `to_string()` is the whole message.
#[derive(Clone, Debug, PartialEq)]
pub enum LevelLinkError {
    /// The link itself is damaged, too long, or unpacks to too much.
    Link(ShareError),
    /// The link unpacks, but not to a usable level.
    Level(String),
}

impl fmt::Display for LevelLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LevelLinkError::Link(error) => {
                // The share errors speak of a design; here it is a level.
                let text = error.to_string().replace("its design part", "its level part").replace(
                    "its design does not unpack",
                    "its level does not unpack",
                );
                write!(f, "This level link cannot be opened. {text}")
            }
            LevelLinkError::Level(reason) => write!(
                f,
                "This level link cannot be opened: {reason} Ask whoever made it for the .nines-level.json file, \
                 or to make the link again."
            ),
        }
    }
}

impl std::error::Error for LevelLinkError {}

impl From<LevelError> for LevelLinkError {
    fn from(error: LevelError) -> Self {
        let mut text = error.to_string();
        if !text.ends_with('.') {
            text.push('.');
        }
        LevelLinkError::Level(text)
    }
}

/// The fragment that opens `level`: `#/level=<payload>`.
pub fn encode(level: &Level) -> String {
    format!("#/{LEVEL_PARAM}={}", share::pack(&level.to_json()))
}

/// A full link to `level` on the page at `page_url` (any fragment replaced).
pub fn link(page_url: &str, level: &Level) -> String {
    let base = page_url.split_once('#').map_or(page_url, |(base, _)| base);
    format!("{base}{}", encode(level))
}

/// The level a `#/level=` payload carries, validated like a level file. The fragment's
/// length was already checked by [`share::parse_fragment`]; a payload alone is checked here.
pub fn decode_payload(payload: &str) -> Result<Level, LevelLinkError> {
    if payload.len() > MAX_FRAGMENT_CHARS {
        return Err(LevelLinkError::Link(ShareError::TooLong { chars: payload.len(), max: MAX_FRAGMENT_CHARS }));
    }
    let text = share::unpack(payload).map_err(LevelLinkError::Link)?;
    Ok(parse_level(&text)?)
}
