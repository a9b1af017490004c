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
                let text = error
                    .to_string()
                    .replace("its design", "its level")
                    .replace("any design", "any level")
                    .replace("not a design", "not a level")
                    .replace(".nines.json", ".nines-level.json");
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
        return Err(LevelLinkError::Link(ShareError::TooLong {
            chars: payload.len(),
            max: MAX_FRAGMENT_CHARS,
        }));
    }
    let text = share::unpack(payload).map_err(LevelLinkError::Link)?;
    Ok(parse_level(&text)?)
}

#[cfg(test)]
mod tests {
    use nines_sim::level::by_name;

    use super::*;
    use crate::levels::Screen;
    use crate::persist::import::MAX_FILE_BYTES;

    fn one_server() -> Level {
        by_name("one-server").expect("shipped")
    }

    fn error_of(fragment: &str) -> String {
        match Screen::of(fragment) {
            Screen::Levels { error: Some(error) } => error,
            other => panic!("{fragment:.40}… opened {other:?}"),
        }
    }

    #[test]
    fn a_level_round_trips_through_its_link() {
        let level = one_server();
        let fragment = encode(&level);
        assert!(fragment.starts_with("#/level="), "{fragment:.20}");
        let payload = fragment.strip_prefix("#/level=").unwrap();
        assert_eq!(decode_payload(payload).as_ref(), Ok(&level));
        let Screen::Level(session) = Screen::of(&fragment) else { panic!("not a level") };
        assert_eq!(*session.level, level);
        assert_eq!(session.index, None, "a link's level is not on the path");
        assert!(session.key.starts_with("made-"), "{}", session.key);
    }

    #[test]
    fn shipped_levels_open_by_name_and_unknown_names_say_so() {
        let Screen::Level(session) = Screen::of("#/level/one-server") else { panic!("not a level") };
        assert_eq!(
            (session.key.as_str(), session.index, session.next()),
            ("one-server", Some(0), Some("database"))
        );
        assert!(error_of("#/level/two-servers").contains("no level called “two-servers”"));
        assert_eq!(Screen::of("#/levels"), Screen::Levels { error: None });
        assert_eq!(Screen::of("#/"), Screen::Playground);
    }

    #[test]
    fn a_level_from_a_future_version_says_to_update() {
        let json = one_server().to_json().replacen("\"version\": 1", "\"version\": 7", 1);
        let error = error_of(&format!("#/level={}", share::pack(&json)));
        assert!(
            error.starts_with("This level link cannot be opened: version: the level is format version 7"),
            "{error}"
        );
        assert!(error.contains("Update Nines"), "{error}");
    }

    #[test]
    fn corrupted_and_cut_links_are_damaged() {
        let fragment = encode(&one_server());
        let mut bytes = fragment.clone().into_bytes();
        let at = bytes.len() - 12;
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let error = error_of(std::str::from_utf8(&bytes).unwrap());
        assert!(error.starts_with("This level link cannot be opened. This link is damaged"), "{error}");
        assert!(error.contains("its level does not unpack"), "{error}");
        let cut = error_of(&fragment[..fragment.len() / 2]);
        assert!(cut.contains("Copy the whole link again"), "{cut}");
        let junk = error_of(&format!("#/level={}", share::pack("not a level")));
        assert!(junk.contains("not valid JSON"), "{junk}");
        let bad_char = error_of("#/level=eJx$$");
        assert!(bad_char.contains("its level part has '$'"), "{bad_char}");
    }

    #[test]
    fn oversized_links_are_refused_before_unpacking() {
        let long = format!("#/level={}", "A".repeat(MAX_FRAGMENT_CHARS));
        assert!(error_of(&long).contains(&format!("at most {MAX_FRAGMENT_CHARS}")), "{}", error_of(&long));
        let bomb = format!("#/level={}", share::pack(&" ".repeat(MAX_FILE_BYTES + 1)));
        assert!(bomb.len() < MAX_FRAGMENT_CHARS);
        assert!(error_of(&bomb).contains("unpacks to more than"), "{}", error_of(&bomb));
        assert_eq!(
            decode_payload(&"A".repeat(MAX_FRAGMENT_CHARS + 1)),
            Err(LevelLinkError::Link(ShareError::TooLong {
                chars: MAX_FRAGMENT_CHARS + 1,
                max: MAX_FRAGMENT_CHARS
            }))
        );
    }
}
