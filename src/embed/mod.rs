//! Embed mode (`#/embed?…`): the canvas with minimal chrome for an iframe in a slide deck
//! (LEVELS.md, "Embedding in slides and presenting").
//!
//! Everything comes from the URL, so a reload shows the same scene:
//!
//! ```text
//! #/embed?d=<design>&seed=7&script=60s:kill%20i-1;120s:lose-zone%20a&play=1&charts=1&speed=10
//!         └ params ─ validated into a Scene ─ built into a World with the script scheduled
//! ```
//!
//! The pure parts live here and are tested natively: the parameters ([`params`]), the
//! script's URL form ([`script`]), the postMessage protocol ([`message`]), the presenter
//! keys ([`keys`]), what to tell the parent page as the run goes ([`watch`]), the reducer
//! around the Playground's run state ([`presenter`]) and the "Copy embed code" snippet
//! ([`snippet`]). The components are in `crate::components::embed`.

pub mod keys;
pub mod message;
pub mod params;
pub mod presenter;
pub mod script;
pub mod snippet;
pub mod watch;

/// Whether the page was opened as an embed (`#/embed…`), read once at start-up.
pub fn requested() -> bool {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    is_embed_hash(&hash)
}

/// Whether a fragment opens the embed: `#/embed`, `#/embed?…`, `#/embed/`.
pub fn is_embed_hash(hash: &str) -> bool {
    let rest = hash.strip_prefix('#').unwrap_or(hash);
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let path = rest.split_once('?').map_or(rest, |(path, _)| path);
    path.trim_end_matches('/') == "embed"
}

#[cfg(test)]
mod tests {
    use super::is_embed_hash;

    #[test]
    fn only_the_embed_path_is_an_embed() {
        for yes in ["#/embed", "#/embed?d=x", "#/embed/", "/embed?play=1", "#embed"] {
            assert!(is_embed_hash(yes), "{yes}");
        }
        for no in ["", "#/", "#/d=abc", "#/?d=embed", "#/embedded", "#/levels"] {
            assert!(!is_embed_hash(no), "{no}");
        }
    }
}
