//! The embed's URL parameters, validated into a [`Scene`]: the design, the seed, the
//! scripted incident, and how to show it. Bad input gets an [`EmbedError`] naming the
//! parameter and the fix, shown in the embed instead of the canvas.
//!
//! | name | meaning | default |
//! | --- | --- | --- |
//! | `d` | the design, as in share links | required (or `level`) |
//! | `level` | a shipped level's name, or a level link's payload ([`resolve_level`]) | — |
//! | `show` | with `level`: `start` (the level's starting design) or `solution` | `start` |
//! | `seed` | the simulation's seed, a whole number | the design's own (the level's) |
//! | `script` | fault lines joined by `;` ([`super::script`]) | none (the level's incident) |
//! | `play` | `1` starts playing on load | `0` |
//! | `charts` | `1` shows the requests-per-second strip | `1` |
//! | `speed` | × real time, one of the Playground's speeds | 10 |
//! | `duration` | when the run finishes (`10m`, `600`, `01:00:00`) | last fault + 5 min, ≥ 5 min (the level's) |
//!
//! With `level`, the scene is the level as its check runs it ([`Level::as_run`]): its seed,
//! its traffic, its incident as the script, for its duration; the parameters above still
//! override each of these.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use nines_sim::design::Design;
use nines_sim::level::{self, Level};
use nines_sim::time::{self, MINUTE, Micros};
use nines_sim::{TimedCommand, World};

use super::script::{self, ScriptError};
use crate::persist::level_link::{self, LevelLinkError};
use crate::persist::share::{Fragment, ShareError};
use crate::state::SPEEDS;

/// Speed when the URL names none [× real time]: a minute of simulated time in six seconds.
pub const DEFAULT_SPEED: u32 = 10;

/// Shortest default run [µs], and how long the run goes on after the last fault [µs].
pub const DEFAULT_TAIL: Micros = 5 * MINUTE;

/// Longest run an embed plays [µs]: a simulated day.
pub const MAX_DURATION: Micros = 24 * time::HOUR;

/// Every parameter an embed reads; any other name is refused as a probable typo.
pub const KNOWN: [&str; 9] = ["d", "level", "show", "seed", "script", "play", "charts", "speed", "duration"];

/// Which of a level's two designs an embed shows (`show=`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    /// The level's starting design: the audience sees the failure the level teaches.
    #[default]
    Start,
    /// The level's solution: the fix surviving the same incident.
    Solution,
}

impl Show {
    /// The value of `show=`: `start` or `solution`.
    pub fn param(self) -> &'static str {
        match self {
            Show::Start => "start",
            Show::Solution => "solution",
        }
    }
}

/// The level an embed shows, for its title and its "open in Nines" link.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneLevel {
    /// The level's title, e.g. "One server".
    pub title: String,
    /// The fragment that opens the level in Nines: `#/level/NAME` or `#/level=PAYLOAD`.
    pub hash: String,
}

/// What an embed shows, entirely from its URL.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The design on the canvas.
    pub design: Rc<Design>,
    /// The seed of the one random generator: the same scene on every load.
    pub seed: u64,
    /// The scripted incident, in the order written.
    pub script: Vec<TimedCommand>,
    /// Start playing once loaded.
    pub play: bool,
    /// Show the requests-per-second strip.
    pub charts: bool,
    /// Speed [× real time]; one of [`SPEEDS`].
    pub speed: u32,
    /// When the run is finished [µs].
    pub duration: Micros,
    /// The level the scene comes from (`level=`), if any.
    pub level: Option<SceneLevel>,
}

impl Scene {
    /// A fresh world for the scene: its seed, the script scheduled at its times.
    pub fn world(&self) -> Result<World, String> {
        let mut world =
            World::with_seed(&self.design, self.seed).map_err(|e| format!("The design cannot run: {e}"))?;
        world.schedule_all(&self.script);
        Ok(world)
    }

    /// The first scripted time strictly after `now` [µs], if any.
    pub fn next_event_after(&self, now: Micros) -> Option<Micros> {
        self.script.iter().map(|t| t.at).filter(|&at| at > now).min()
    }
}

/// Why an embed cannot show its scene. Messages name the parameter and what to write.
#[derive(Clone, Debug, PartialEq)]
pub enum EmbedError {
    /// The fragment itself is damaged (the design part, the route, its length).
    Link(ShareError),
    /// Neither `d` nor `level`.
    NoScene,
    /// Both `d` and `level`.
    Both,
    /// `level=…` looks like a name but no shipped level has it.
    UnknownLevel(String),
    /// `level=…` is a payload that does not open as a level.
    LevelLink(LevelLinkError),
    /// `show=…` without `level=`.
    ShowWithoutLevel,
    /// A parameter this embed does not read.
    Unknown(String),
    /// A parameter with a value it cannot take.
    Field { name: &'static str, value: String, fix: String },
    /// The script does not parse or does not fit the design.
    Script(ScriptError),
}

impl fmt::Display for EmbedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmbedError::Link(error) => write!(f, "{error}"),
            EmbedError::NoScene => write!(
                f,
                "This embed link has no design (no \"d=\" part) and no level (no \"level=\" part). \
                 In Nines, use \"Copy embed code\" to copy one."
            ),
            EmbedError::Both => {
                write!(f, "This embed link has both a design (d=) and a level (level=); keep one of them.")
            }
            EmbedError::UnknownLevel(name) => write!(
                f,
                "level={name}: Nines has no level called \"{name}\". Write one of {}, \
                 or the part after \"#/level=\" of a level link.",
                level::NAMES.join(", ")
            ),
            EmbedError::LevelLink(error) => write!(f, "level=…: {error}"),
            EmbedError::ShowWithoutLevel => write!(
                f,
                "show= chooses between a level's start and solution, but this link has no level=; \
                 remove show= or add level=."
            ),
            EmbedError::Unknown(name) => write!(
                f,
                "\"{name}\" is not an embed parameter; the embed reads {}. Check its spelling.",
                KNOWN.join(", ")
            ),
            EmbedError::Field { name, value, fix } => write!(f, "{name}={value} cannot be used: {fix}"),
            EmbedError::Script(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for EmbedError {}

/// Reads a parsed `#/embed?…` fragment into a scene.
pub fn scene(fragment: Fragment) -> Result<Scene, EmbedError> {
    let params = fragment.params;
    if let Some(name) = params.keys().find(|name| !KNOWN.contains(&name.as_str())) {
        return Err(EmbedError::Unknown(name.clone()));
    }
    let (design, level) = match (fragment.design, params.get("level")) {
        (Some(_), Some(_)) => return Err(EmbedError::Both),
        (Some(_), None) | (None, None) if params.contains_key("show") => {
            return Err(EmbedError::ShowWithoutLevel);
        }
        (Some(design), None) => (design, None),
        (None, Some(value)) => {
            let (level, hash) = resolve_level(value)?;
            let design = level.as_run(match show(&params)? {
                Show::Start => &level.start,
                Show::Solution => &level.solution,
            });
            (design, Some((level, hash)))
        }
        (None, None) => return Err(EmbedError::NoScene),
    };
    let seed = seed(&params, design.seed)?;
    let duration = duration(&params)?.or(level.as_ref().map(|(l, _)| l.duration().min(MAX_DURATION)));
    let script = match (params.get("script"), &level) {
        (None, Some((level, _))) => level.incident.iter().map(|f| f.command.clone()).collect(),
        _ => script::decode(text(&params, "script"), &design, duration.unwrap_or(MAX_DURATION))
            .map_err(EmbedError::Script)?,
    };
    let duration = duration.unwrap_or_else(|| default_duration(&script));
    Ok(Scene {
        level: level.map(|(level, hash)| SceneLevel { title: level.title, hash }),
        design: Rc::new(design),
        seed,
        script,
        play: flag(&params, "play", false)?,
        charts: flag(&params, "charts", true)?,
        speed: speed(&params)?,
        duration,
    })
}

/// The whole fragment (`location.hash`) into a scene.
pub fn scene_from_hash(hash: &str) -> Result<Scene, EmbedError> {
    scene(crate::persist::share::parse_fragment(hash).map_err(EmbedError::Link)?)
}

/// The level in `level=`, with the fragment that opens it in Nines. A value made only of
/// lowercase letters, digits and `-` is a shipped level's name (`one-server`); anything
/// else is a level link's payload (base64url of zlib, which always has capitals), checked
/// like a level file ([`level_link::decode_payload`]).
pub fn resolve_level(value: &str) -> Result<(Level, String), EmbedError> {
    let value = value.trim();
    let is_name =
        !value.is_empty() && value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if is_name {
        let level = level::by_name(value).ok_or_else(|| EmbedError::UnknownLevel(value.to_owned()))?;
        return Ok((level, format!("#/level/{value}")));
    }
    let level = level_link::decode_payload(value).map_err(EmbedError::LevelLink)?;
    Ok((level, format!("#/level={value}")))
}

fn show(params: &BTreeMap<String, String>) -> Result<Show, EmbedError> {
    match params.get("show").map(|v| v.trim()) {
        None | Some("start") => Ok(Show::Start),
        Some("solution") => Ok(Show::Solution),
        Some(value) => {
            Err(field("show", value, "write show=start (the level's starting design) or show=solution"))
        }
    }
}

/// The last fault plus [`DEFAULT_TAIL`], and never less than the tail itself.
pub fn default_duration(script: &[TimedCommand]) -> Micros {
    let last = script.iter().map(|t| t.at).max().unwrap_or(0);
    last.saturating_add(DEFAULT_TAIL).clamp(DEFAULT_TAIL, MAX_DURATION)
}

fn text<'a>(params: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    params.get(name).map_or("", String::as_str)
}

fn field(name: &'static str, value: &str, fix: impl Into<String>) -> EmbedError {
    EmbedError::Field { name, value: value.to_owned(), fix: fix.into() }
}

fn seed(params: &BTreeMap<String, String>, default: u64) -> Result<u64, EmbedError> {
    match params.get("seed") {
        None => Ok(default),
        Some(value) => value.trim().parse::<u64>().map_err(|_| {
            field("seed", value, "write a whole number from 0 to 18446744073709551615, e.g. seed=7")
        }),
    }
}

fn flag(params: &BTreeMap<String, String>, name: &'static str, default: bool) -> Result<bool, EmbedError> {
    match params.get(name).map(|v| v.trim()) {
        None => Ok(default),
        Some("1" | "true" | "yes") => Ok(true),
        Some("0" | "false" | "no") => Ok(false),
        Some(value) => Err(field(name, value, format!("write {name}=1 or {name}=0"))),
    }
}

fn speed(params: &BTreeMap<String, String>) -> Result<u32, EmbedError> {
    let Some(value) = params.get("speed") else { return Ok(DEFAULT_SPEED) };
    let listed: Vec<String> = SPEEDS.iter().map(u32::to_string).collect();
    let number = value.trim().trim_end_matches(['x', '×']);
    number
        .parse::<u32>()
        .ok()
        .filter(|s| SPEEDS.contains(s))
        .ok_or_else(|| field("speed", value, format!("choose one of {} (× real time)", listed.join(", "))))
}

fn duration(params: &BTreeMap<String, String>) -> Result<Option<Micros>, EmbedError> {
    let Some(value) = params.get("duration") else { return Ok(None) };
    let fix = "write a time from 1s to 24h, such as 600, 10m or 01:30:00";
    match time::parse_duration(value) {
        Some(at) if (time::SECOND..=MAX_DURATION).contains(&at) => Ok(Some(at)),
        _ => Err(field("duration", value, fix)),
    }
}

#[cfg(test)]
mod tests {
    use nines_sim::Command;
    use nines_sim::design::reference;
    use nines_sim::time::SECOND;

    use super::*;
    use crate::persist::share::payload;

    fn hash(design: &Design, rest: &str) -> String {
        format!("#/embed?d={}{rest}", payload(design))
    }

    #[test]
    fn a_full_link_reads_every_parameter() {
        let design = reference::three_tier();
        let link =
            hash(&design, "&seed=42&script=60s%3Akill%20i-1%3B2m%3Alose-zone%20a&play=1&charts=0&speed=20");
        let scene = scene_from_hash(&link).unwrap();
        assert_eq!(*scene.design, design);
        assert_eq!(scene.seed, 42);
        assert_eq!(scene.script.len(), 2);
        assert_eq!(scene.script[1].command, Command::LoseZone { zone: "a".into() });
        assert!(scene.play && !scene.charts);
        assert_eq!(scene.speed, 20);
        assert_eq!(scene.duration, 120 * SECOND + DEFAULT_TAIL);
        assert_eq!(scene.next_event_after(0), Some(60 * SECOND));
        assert_eq!(scene.next_event_after(60 * SECOND), Some(120 * SECOND));
        assert_eq!(scene.next_event_after(120 * SECOND), None);
    }

    #[test]
    fn defaults_come_from_the_design() {
        let design = reference::single_server();
        let scene = scene_from_hash(&hash(&design, "")).unwrap();
        assert_eq!(scene.seed, design.seed);
        assert!(scene.script.is_empty() && !scene.play && scene.charts);
        assert_eq!((scene.speed, scene.duration), (DEFAULT_SPEED, DEFAULT_TAIL));
        let scene = scene_from_hash(&hash(&design, "&duration=15m&speed=5x")).unwrap();
        assert_eq!((scene.speed, scene.duration), (5, 15 * MINUTE));
    }

    #[test]
    fn bad_values_name_the_parameter_and_the_fix() {
        let design = reference::single_server();
        let cases = [
            ("&seed=-1", "seed=-1 cannot be used: write a whole number"),
            ("&seed=abc", "seed=abc"),
            ("&play=maybe", "write play=1 or play=0"),
            ("&charts=2", "write charts=1 or charts=0"),
            ("&speed=3", "choose one of 1, 2, 5, 10, 20, 50, 100"),
            ("&duration=forever", "duration=forever"),
            ("&duration=0", "duration=0"),
            ("&duration=48h", "from 1s to 24h"),
            ("&scirpt=60s%3Akill%20web-1", "\"scirpt\" is not an embed parameter"),
            ("&script=60s%3Akill%20web-9", "script, fault 1: `60s:kill web-9`"),
            ("&script=10m%3Akill%20web-1&duration=5m", "make `duration` longer"),
            ("&level=one-server", "both a design (d=) and a level (level=); keep one of them"),
            ("&show=solution", "show= chooses between a level's start and solution"),
        ];
        for (rest, expected) in cases {
            let err = scene_from_hash(&hash(&design, rest)).unwrap_err();
            assert!(err.to_string().contains(expected), "{rest}: {err}");
        }
    }

    #[test]
    fn links_without_a_design_say_so() {
        assert_eq!(scene_from_hash("#/embed?play=1"), Err(EmbedError::NoScene));
        let damaged = scene_from_hash("#/embed?d=eJx$$").unwrap_err();
        assert!(matches!(damaged, EmbedError::Link(_)), "{damaged:?}");
        assert!(damaged.to_string().contains("damaged"), "{damaged}");
    }

    #[test]
    fn the_scene_builds_the_same_world_every_time() {
        let design = reference::three_tier();
        let scene = scene_from_hash(&hash(&design, "&seed=9&script=30s%3Akill%20i-1")).unwrap();
        let run = || {
            let mut world = scene.world().unwrap();
            world.run_until(90 * SECOND);
            (world.seed(), world.incidents().to_vec(), world.log().entries().len())
        };
        let (seed, incidents, lines) = run();
        assert_eq!(seed, 9);
        assert_eq!(incidents.len(), 1);
        assert_eq!(incidents[0].started, 30 * SECOND);
        assert_eq!(run(), (seed, incidents, lines));
    }

    #[test]
    fn the_example_decks_scenes_are_valid() {
        let deck = include_str!("../../static/deck.html");
        let links: Vec<String> = deck
            .split("src=\"./")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].replace("&amp;", "&"))
            .collect();
        assert_eq!(links.len(), 2, "{links:?}");
        let scenes: Vec<Scene> = links.iter().map(|l| scene_from_hash(l).unwrap()).collect();
        assert_eq!(scenes[0].design.name, reference::single_server().name);
        assert_eq!(scenes[1].design.name, reference::three_tier().name);
        assert!(scenes.iter().all(|s| s.script.len() == 1 && s.charts && !s.play));
    }

    fn level_scene(rest: &str) -> Result<Scene, EmbedError> {
        scene_from_hash(&format!("#/embed?{rest}"))
    }

    #[test]
    fn a_shipped_level_is_its_start_run_with_its_incident() {
        let level = level::by_name("one-server").unwrap();
        let scene = level_scene("level=one-server&play=1").unwrap();
        assert_eq!(*scene.design, level.as_run(&level.start));
        assert_eq!(scene.seed, level.seed);
        let incident: Vec<TimedCommand> = level.incident.iter().map(|f| f.command.clone()).collect();
        assert!(!incident.is_empty());
        assert_eq!(scene.script, incident);
        assert_eq!(scene.duration, level.duration());
        assert!(scene.play);
        let shown = scene.level.as_ref().unwrap();
        assert_eq!((shown.title.as_str(), shown.hash.as_str()), (level.title.as_str(), "#/level/one-server"));
        assert_eq!(level_scene("level=one-server&show=start").unwrap().design, scene.design);
    }

    #[test]
    fn show_solution_runs_the_fix_through_the_same_incident() {
        let level = level::by_name("health-checks").unwrap();
        let start = level_scene("level=health-checks").unwrap();
        let solution = level_scene("level=health-checks&show=solution").unwrap();
        assert_eq!(*solution.design, level.as_run(&level.solution));
        assert_ne!(solution.design, start.design);
        assert_eq!(
            (&solution.script, solution.duration, solution.seed),
            (&start.script, start.duration, start.seed)
        );
        // The solution survives the incident the start design fails: fewer requests fail.
        let failed = |scene: &Scene| {
            let mut world = scene.world().unwrap();
            world.run_until(scene.duration);
            world.incidents().iter().map(|i| i.failed_requests).sum::<u64>()
        };
        let (start_failed, solution_failed) = (failed(&start), failed(&solution));
        assert!(solution_failed * 2 < start_failed, "{solution_failed} vs {start_failed} failed requests");
    }

    #[test]
    fn url_parameters_override_the_levels_own() {
        let scene =
            level_scene("level=one-server&seed=9&script=60s%3Akill%20web-1&duration=10m&charts=0").unwrap();
        assert_eq!((scene.seed, scene.duration, scene.charts), (9, 10 * MINUTE, false));
        assert_eq!(scene.script.len(), 1);
        assert_eq!(scene.script[0].at, 60 * SECOND);
        let late = level_scene("level=one-server&script=25m%3Akill%20web-1").unwrap_err();
        assert!(late.to_string().contains("make `duration` longer"), "{late}");
    }

    #[test]
    fn a_level_made_in_code_round_trips_through_its_payload() {
        let mut level = level::by_name("database").unwrap();
        level.title = "Made for the talk".into();
        level.seed = 77;
        level.duration_s = 900;
        let fragment = level_link::encode(&level);
        let payload = fragment.strip_prefix("#/level=").unwrap();
        let scene = level_scene(&format!("level={payload}&show=solution")).unwrap();
        assert_eq!(*scene.design, level.as_run(&level.solution));
        assert_eq!((scene.seed, scene.duration), (77, 15 * MINUTE));
        assert_eq!(scene.script.len(), level.incident.len());
        let shown = scene.level.unwrap();
        assert_eq!((shown.title.as_str(), shown.hash), ("Made for the talk", fragment));
    }

    #[test]
    fn bad_levels_name_the_parameter_and_the_fix() {
        let unknown = level_scene("level=two-servers").unwrap_err();
        assert_eq!(unknown, EmbedError::UnknownLevel("two-servers".into()));
        let text = unknown.to_string();
        assert!(text.starts_with("level=two-servers: Nines has no level called"), "{text}");
        assert!(level::NAMES.iter().all(|name| text.contains(name)), "{text}");

        let payload = level_link::encode(&level::by_name("one-server").unwrap());
        let mut bytes = payload.into_bytes();
        let at = bytes.len() - 12;
        bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
        let corrupt = String::from_utf8(bytes).unwrap().replace("#/level=", "level=");
        let error = level_scene(&corrupt).unwrap_err();
        assert!(matches!(error, EmbedError::LevelLink(_)), "{error:?}");
        assert!(error.to_string().starts_with("level=…: This level link cannot be opened."), "{error}");
        let junk = level_scene(&format!("level={}", crate::persist::share::pack("not a level"))).unwrap_err();
        assert!(junk.to_string().contains("not valid JSON"), "{junk}");

        let show = level_scene("level=one-server&show=fix").unwrap_err();
        assert!(show.to_string().contains("show=fix cannot be used: write show=start"), "{show}");
        let empty = level_scene("level=").unwrap_err();
        assert!(matches!(empty, EmbedError::LevelLink(_)), "{empty:?}");
    }

    #[test]
    fn a_design_and_a_level_together_are_refused() {
        let design = reference::single_server();
        assert_eq!(scene_from_hash(&hash(&design, "&level=one-server")), Err(EmbedError::Both));
        assert_eq!(scene_from_hash(&hash(&design, "&level=nonsense-level")), Err(EmbedError::Both));
        let none = scene_from_hash("#/embed?play=1").unwrap_err().to_string();
        assert!(none.contains("no \"d=\" part") && none.contains("no \"level=\" part"), "{none}");
    }
}
