//! Which screen the URL fragment opens: the Playground, the path of levels, or one level.

use std::rc::Rc;

use crate::persist::level_link;
use crate::persist::share::{self, LEVEL_NAME_PARAM, LEVEL_PARAM, Route};

use super::LevelSession;

/// A screen of the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// The editor (and, for now, the embed view).
    Playground,
    /// The path of levels; `error` says why a level link did not open, if one did not.
    Levels { error: Option<String> },
    /// One level on the canvas.
    Level(Rc<LevelSession>),
}

impl Screen {
    /// The screen `hash` (`location.hash`) opens. A level link that cannot be opened
    /// shows the path with the reason; a broken design link is the Playground's to explain.
    pub fn of(hash: &str) -> Screen {
        let fragment = match share::parse_fragment(hash) {
            Ok(fragment) => fragment,
            Err(error) if is_level_link(hash) => {
                return Screen::Levels { error: Some(level_link::LevelLinkError::Link(error).to_string()) };
            }
            Err(_) => return Screen::Playground,
        };
        match fragment.route {
            Route::Playground | Route::Embed => Screen::Playground,
            Route::Levels => Screen::Levels { error: None },
            Route::Level => match (fragment.params.get(LEVEL_NAME_PARAM), fragment.params.get(LEVEL_PARAM)) {
                (Some(name), _) => match LevelSession::shipped(name) {
                    Some(session) => Screen::Level(Rc::new(session)),
                    None => Screen::Levels {
                        error: Some(format!(
                            "There is no level called “{name}”. These are the levels this Nines has."
                        )),
                    },
                },
                (None, Some(payload)) => match level_link::decode_payload(payload) {
                    Ok(level) => Screen::Level(Rc::new(LevelSession::made(level))),
                    Err(error) => Screen::Levels { error: Some(error.to_string()) },
                },
                (None, None) => Screen::Levels { error: None },
            },
        }
    }
}

/// Whether `hash` is meant as a level link (`#/level…`), even one too damaged to parse.
fn is_level_link(hash: &str) -> bool {
    let rest = hash.trim_start_matches('#').trim_start_matches('/');
    rest.starts_with("level")
}
