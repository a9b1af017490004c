//! "Copy embed code": the embed link for the design shown (or, on a level's screen, for
//! the level's start or solution), and the `<iframe>` snippet a presenter pastes into a
//! slide.

use std::collections::BTreeMap;

use nines_sim::design::Design;

use super::params::Show;
use crate::levels::LevelSession;
use crate::persist::level_link;
use crate::persist::share::{Fragment, Route};

/// Width and height of the snippet's iframe [CSS px]: the usual 16:9 slide embed.
pub const SIZE: (u32, u32) = (960, 540);

/// How the embed shows its scene (the URL parameters besides the design and script).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// `play=1`: start playing when loaded (reveal.js also sends `slide:start`).
    pub play: bool,
    /// `charts=1`: the requests-per-second strip.
    pub charts: bool,
    /// `speed=…` [× real time].
    pub speed: u32,
}

/// The embed link of `design` with `script` (fault lines joined by `;`) for the page at
/// `page_url` (its fragment replaced). The seed is written out, so the link keeps showing
/// the same run even if the design's default seed were to change.
pub fn embed_url(page_url: &str, design: &Design, script: &str, options: Options) -> String {
    let base = page_url.split_once('#').map_or(page_url, |(base, _)| base);
    let mut params = BTreeMap::new();
    params.insert("seed".to_owned(), design.seed.to_string());
    if !script.is_empty() {
        params.insert("script".to_owned(), script.to_owned());
    }
    insert_options(&mut params, options);
    let fragment = Fragment { route: Route::Embed, design: Some(design.clone()), params };
    format!("{base}{}", fragment.to_hash())
}

/// The embed link of a level's start or solution (`level=…&show=…`) for the page at
/// `page_url`. Seed, incident and duration are left to the level, so the embed runs it
/// as the level's check does.
pub fn level_embed_url(page_url: &str, session: &LevelSession, show: Show, options: Options) -> String {
    let base = page_url.split_once('#').map_or(page_url, |(base, _)| base);
    let mut params = BTreeMap::new();
    params.insert("level".to_owned(), level_param(session));
    params.insert("show".to_owned(), show.param().to_owned());
    insert_options(&mut params, options);
    let fragment = Fragment { route: Route::Embed, design: None, params };
    format!("{base}{}", fragment.to_hash())
}

/// `level=`'s value: a shipped level's name, or a made level's link payload (what
/// follows `#/level=` in its link).
pub fn level_param(session: &LevelSession) -> String {
    match session.index {
        Some(_) => session.key.clone(),
        None => {
            let link = level_link::encode(&session.level);
            link.strip_prefix("#/level=").unwrap_or(&link).to_owned()
        }
    }
}

fn insert_options(params: &mut BTreeMap<String, String>, options: Options) {
    params.insert("play".to_owned(), u8::from(options.play).to_string());
    params.insert("charts".to_owned(), u8::from(options.charts).to_string());
    params.insert("speed".to_owned(), options.speed.to_string());
}

/// The `<iframe>` element for `url`, titled after the design.
pub fn iframe(url: &str, design_name: &str) -> String {
    let name = if design_name.trim().is_empty() { "Untitled design" } else { design_name.trim() };
    let (width, height) = SIZE;
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"{width}\" height=\"{height}\" \
         allow=\"fullscreen; clipboard-write\" style=\"border: 0; max-width: 100%;\"></iframe>",
        attribute(url),
        attribute(&format!("Nines simulation: {name}")),
    )
}

/// Text escaped for a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use nines_sim::design::reference;

    use super::*;
    use crate::embed::params::scene_from_hash;

    #[test]
    fn the_link_opens_the_same_scene_in_the_embed() {
        let design = reference::three_tier();
        let options = Options { play: true, charts: false, speed: 20 };
        let url =
            embed_url("https://nines.example/app/#/d=old", &design, "60s:kill i-1;2m:lose-zone a", options);
        assert!(url.starts_with("https://nines.example/app/#/embed?d="), "{url}");
        let hash = &url[url.find('#').unwrap()..];
        let scene = scene_from_hash(hash).unwrap();
        assert_eq!(*scene.design, design);
        assert_eq!(scene.seed, design.seed);
        assert_eq!(scene.script.len(), 2);
        assert!(scene.play && !scene.charts);
        assert_eq!(scene.speed, 20);
        let quiet = embed_url("https://x/", &design, "", Options { play: false, charts: true, speed: 10 });
        assert!(!quiet.contains("script="), "{quiet}");
    }

    #[test]
    fn a_shipped_levels_link_names_it_and_opens_its_start_or_solution() {
        let session = LevelSession::shipped("health-checks").unwrap();
        let options = Options { play: true, charts: true, speed: 20 };
        let page = "https://nines.example/app/#/level/health-checks";
        let start = level_embed_url(page, &session, Show::Start, options);
        assert!(start.starts_with("https://nines.example/app/#/embed?"), "{start}");
        assert!(start.contains("level=health-checks") && start.contains("show=start"), "{start}");
        let names: Vec<&str> = start.split(['?', '&']).skip(1).filter_map(|p| p.split('=').next()).collect();
        assert_eq!(names, ["charts", "level", "play", "show", "speed"], "the level's own seed and script");
        let scene = scene_from_hash(&start[start.find('#').unwrap()..]).unwrap();
        let level = &session.level;
        assert_eq!(*scene.design, level.as_run(&level.start));
        assert_eq!((scene.seed, scene.duration), (level.seed, level.duration()));
        assert_eq!(scene.script.len(), level.incident.len());
        assert!(scene.play && scene.charts && scene.speed == 20);
        assert_eq!(scene.level.unwrap().hash, "#/level/health-checks");

        let solution = level_embed_url(page, &session, Show::Solution, options);
        let scene = scene_from_hash(&solution[solution.find('#').unwrap()..]).unwrap();
        assert_eq!(*scene.design, level.as_run(&level.solution));
    }

    #[test]
    fn a_made_levels_link_carries_the_level_itself() {
        let mut level = nines_sim::level::by_name("database").unwrap();
        level.title = "Made for the talk".into();
        level.seed = 77;
        let session = LevelSession::made(level.clone());
        let param = level_param(&session);
        assert!(param.len() > 100 && !param.starts_with('#'), "a payload: {param}");
        let url = level_embed_url(
            "https://x/",
            &session,
            Show::Solution,
            Options { play: false, charts: false, speed: 10 },
        );
        let scene = scene_from_hash(&url[url.find('#').unwrap()..]).unwrap();
        assert_eq!(*scene.design, level.as_run(&level.solution));
        assert_eq!(scene.seed, 77);
        let shown = scene.level.unwrap();
        assert_eq!((shown.title.as_str(), shown.hash), ("Made for the talk", level_link::encode(&level)));
    }

    #[test]
    fn the_snippet_is_an_iframe_with_the_attributes_presenters_need() {
        let snippet = iframe("https://x/#/embed?d=a&seed=1", "Shop \"v2\" <beta>");
        assert_eq!(
            snippet,
            "<iframe src=\"https://x/#/embed?d=a&amp;seed=1\" title=\"Nines simulation: Shop &quot;v2&quot; &lt;beta&gt;\" \
             width=\"960\" height=\"540\" allow=\"fullscreen; clipboard-write\" style=\"border: 0; max-width: 100%;\"></iframe>"
        );
        assert!(iframe("u", " ").contains("title=\"Nines simulation: Untitled design\""));
    }
}
