//! The presenter's keys: a few big single keys a clicker can send, and the deck's
//! navigation keys, which belong to the page around the embed.

/// Keys a slide deck navigates with: pressed inside the embed, they go to the parent page
/// (`nines:key`), so a clicker keeps working after the presenter clicked into the embed.
pub const DECK_KEYS: [&str; 6] = ["ArrowLeft", "ArrowRight", "PageUp", "PageDown", "Home", "End"];

/// What a key does in the embed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PresenterKey {
    /// Hand the key to the deck.
    Deck,
    /// Space or `.` (a clicker's "blank" key): play or pause.
    TogglePlay,
    /// `N`: fast-forward to the next scripted event.
    NextEvent,
    /// `K`: kill the selected component.
    Kill,
    /// `Z`: lose the selected component's zone (restore it when it is lost).
    LoseZone,
    /// `R`: back to time zero, the same scene.
    Reset,
    /// `?`: show or hide the key help.
    Help,
    /// Escape: hide the key help.
    Close,
}

/// The keys listed in the help overlay, as (keys, what they do).
pub const HELP: [(&[&str], &str); 7] = [
    (&["Space", "."], "play / pause"),
    (&["N"], "jump to the next scripted event"),
    (&["K"], "kill the selected component"),
    (&["Z"], "lose the selected component's zone"),
    (&["R"], "reset to the start, same scene"),
    (&["←", "→", "PgUp", "PgDn", "Home", "End"], "change slide (sent to the deck)"),
    (&["?"], "show or hide these keys"),
];

/// What `key` (a `KeyboardEvent.key`) means, if anything.
pub fn presenter_key(key: &str) -> Option<PresenterKey> {
    if DECK_KEYS.contains(&key) {
        return Some(PresenterKey::Deck);
    }
    Some(match key {
        " " | "." => PresenterKey::TogglePlay,
        "n" | "N" => PresenterKey::NextEvent,
        "k" | "K" => PresenterKey::Kill,
        "z" | "Z" => PresenterKey::LoseZone,
        "r" | "R" => PresenterKey::Reset,
        "?" => PresenterKey::Help,
        "Escape" => PresenterKey::Close,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_map_as_the_help_says() {
        for key in DECK_KEYS {
            assert_eq!(presenter_key(key), Some(PresenterKey::Deck), "{key}");
        }
        assert_eq!(presenter_key(" "), Some(PresenterKey::TogglePlay));
        assert_eq!(presenter_key("."), Some(PresenterKey::TogglePlay));
        assert_eq!(presenter_key("N"), Some(PresenterKey::NextEvent));
        assert_eq!(presenter_key("k"), Some(PresenterKey::Kill));
        assert_eq!(presenter_key("Z"), Some(PresenterKey::LoseZone));
        assert_eq!(presenter_key("r"), Some(PresenterKey::Reset));
        assert_eq!(presenter_key("?"), Some(PresenterKey::Help));
        assert_eq!(presenter_key("Escape"), Some(PresenterKey::Close));
        for other in ["a", "Enter", "Tab", "ArrowUp", "h", "Shift"] {
            assert_eq!(presenter_key(other), None, "{other}");
        }
    }
}
