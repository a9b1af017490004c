//! Design files as a learner hands them to Nines: the shipped reference designs, and every
//! way a file can be wrong. Each bad file must come back as a typed error that names the
//! field and says what to do, never as a panic.

use std::time::Instant;

use nines_sim::design::{Design, DesignError, Problem, parse_design, reference, validate};
use proptest::prelude::*;
use serde_json::Value;

const SINGLE_SERVER: &str = include_str!("../designs/single-server.nines.json");
const THREE_TIER: &str = include_str!("../designs/three-tier.nines.json");
const MMC: &str = include_str!("../designs/mmc.nines.json");
const SESSION_STORE: &str = include_str!("../designs/session-store.nines.json");

/// The problems of a file that must parse as JSON but fail validation.
fn invalid(text: &str) -> Vec<Problem> {
    match parse_design(text) {
        Err(DesignError::Invalid(problems)) => problems,
        other => panic!("expected DesignError::Invalid, got {other:?}"),
    }
}

/// The three-tier file with `from` replaced by `to`, checking that `from` was there.
fn three_tier_with(from: &str, to: &str) -> String {
    assert!(THREE_TIER.contains(from), "three-tier.nines.json has no {from:?}");
    THREE_TIER.replacen(from, to, 1)
}

#[test]
fn reference_designs_parse_validate_clean_and_round_trip() {
    for (name, text) in [("single-server", SINGLE_SERVER), ("three-tier", THREE_TIER), ("mmc", MMC)] {
        let design = parse_design(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(validate(&design), vec![], "{name}");
        assert_eq!(reference::by_name(name).as_ref(), Some(&design), "{name}");
        let written = serde_json::to_string_pretty(&design).expect("a design serializes");
        let again = parse_design(&written).unwrap_or_else(|e| panic!("{name} after a round trip: {e}"));
        assert_eq!(again, design, "{name}");
    }
}

#[test]
fn reference_designs_say_what_the_brief_says() {
    let one = reference::single_server();
    assert_eq!((one.name.as_str(), one.region().zones.len(), one.components.len()), ("One server", 3, 3));
    let three = reference::three_tier();
    assert_eq!(three.name, "Three tier");
    let ids: Vec<&str> = three.components.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["clients", "lb-1", "web", "jobs", "workers", "db", "jobs-age"]);
    assert_eq!(three.connections.len(), 6);
    let mmc = reference::by_name("mmc").expect("mmc is shipped");
    assert_eq!((mmc.region().zones.len(), mmc.components.len()), (1, 2));
}

#[test]
fn text_that_is_not_json_is_refused() {
    let error = parse_design("this is not a design").expect_err("not JSON");
    assert!(matches!(&error, DesignError::NotJson(m) if m.contains("line 1")), "{error:?}");
    assert!(error.to_string().starts_with("the file is not valid JSON"));
}

#[test]
fn a_truncated_file_is_refused_as_not_json() {
    let cut = &THREE_TIER[..THREE_TIER.len() / 2];
    let error = parse_design(cut).expect_err("truncated");
    assert!(matches!(&error, DesignError::NotJson(m) if m.contains("EOF")), "{error:?}");
}

#[test]
fn a_wrong_version_is_refused_with_what_was_found() {
    let three = three_tier_with("\"version\": 1", "\"version\": 3");
    assert_eq!(parse_design(&three), Err(DesignError::WrongVersion { found: "3".to_owned() }));
    let two = three_tier_with("\"version\": 1", "\"version\": 2");
    match parse_design(&two) {
        Err(DesignError::Shape { path, message }) => {
            assert_eq!(path, "region");
            assert!(message.contains("`regions`") && message.contains("\"version\": 1"), "{message}");
        }
        other => panic!("a version-2 file with a version-1 region: {other:?}"),
    }
    let text = three_tier_with("\"version\": 1", "\"version\": \"1\"");
    let error = parse_design(&text).expect_err("a string version");
    assert_eq!(error, DesignError::WrongVersion { found: "\"1\"".to_owned() });
    assert!(error.to_string().contains("this Nines reads versions 1 to 2"), "{error}");
}

#[test]
fn a_missing_version_is_named() {
    let text = three_tier_with("\"version\": 1,", "");
    match parse_design(&text) {
        Err(DesignError::Shape { path, message }) => {
            assert_eq!(path, "version");
            assert!(message.contains("\"version\": 2"), "{message}");
        }
        other => panic!("expected a Shape error at version, got {other:?}"),
    }
    let error = parse_design("[1, 2, 3]").expect_err("not an object");
    assert!(matches!(&error, DesignError::Shape { path, .. } if path.is_empty()), "{error:?}");
}

#[test]
fn an_unknown_component_kind_lists_the_kinds() {
    let text = three_tier_with("\"kind\": \"queue\"", "\"kind\": \"lambda\"");
    match parse_design(&text) {
        Err(DesignError::Shape { path, message }) => {
            assert_eq!(path, "components[3]");
            assert!(message.contains("lambda"), "{message}");
            for kind in nines_sim::design::KINDS {
                assert!(message.contains(&format!("`{kind}`")), "{message} should list {kind}");
            }
        }
        other => panic!("expected a Shape error, got {other:?}"),
    }
}

#[test]
fn a_missing_required_field_is_named() {
    let text =
        SINGLE_SERVER.replacen("\"zone\": \"a\",\n      \"size\": \"t3.small\"", "\"size\": \"t3.small\"", 1);
    assert_ne!(text, SINGLE_SERVER);
    match parse_design(&text) {
        Err(DesignError::Shape { path, message }) => {
            // The instance's fields are flattened into the component, so the path stops at
            // the component and the message names the field.
            assert_eq!(path, "components[1]");
            assert_eq!(message, "missing field `zone`");
        }
        other => panic!("expected a Shape error, got {other:?}"),
    }
}

#[test]
fn an_unknown_field_typo_is_named_by_its_path() {
    let problems = invalid(&three_tier_with("\"min\": 4", "\"min_size\": 4"));
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].path, "components[2].min_size");
    assert!(problems[0].message.contains("`min_size` is not a field here"), "{}", problems[0].message);
    assert!(problems[0].message.contains("min"), "the known fields include min");
}

#[test]
fn absurd_values_are_refused_with_their_range() {
    let cases = [
        ("\"rate\": 1000.0", "\"rate\": 1e12", "components[0].profile.rate", "0–100,000 requests/s"),
        ("\"interval_s\": 30.0", "\"interval_s\": 0", "components[1].health_check.interval_s", "5–300 s"),
        ("\"desired\": 4", "\"desired\": 13", "components[2].desired", "desired 13 outside min 4 – max 12"),
    ];
    for (from, to, path, words) in cases {
        let problems = invalid(&three_tier_with(from, to));
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].path, path);
        assert!(problems[0].message.contains(words), "{}", problems[0].message);
    }
    let error =
        parse_design(&three_tier_with("\"rate\": 1000.0", "\"rate\": 1e400")).expect_err("too big for f64");
    assert!(matches!(error, DesignError::NotJson(_)), "{error:?}");
    let error =
        parse_design(&three_tier_with("\"batch_size\": 10", "\"batch_size\": -1")).expect_err("negative");
    assert!(
        matches!(&error, DesignError::Shape { path, .. } if path == "components[3].batch_size"),
        "{error:?}"
    );
}

#[test]
fn every_problem_comes_back_at_once() {
    let text = three_tier_with(
        "\"zone\": \"a\",\n      \"standby_zone\": \"b\"",
        "\"zone\": \"a\", \"standby_zone\": \"a\"",
    )
    .replacen("\"zones\": [\"a\", \"b\"]", "\"zones\": [\"a\", \"d\"]", 1)
    .replacen("{ \"from\": \"web\", \"to\": \"db\" }", "{ \"from\": \"web\", \"to\": \"dbb\" }", 1);
    let error = parse_design(&text).expect_err("three problems");
    let problems = error.problems();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["components[1].zones[1]", "components[5].standby_zone", "connections[3].to"]);
    assert!(
        problems[0].message.contains("load balancer lb-1 has a node in zone d"),
        "{}",
        problems[0].message
    );
    assert_eq!(error.to_string().lines().count(), 3);
}

#[test]
fn fifty_megabytes_of_junk_is_too_large_quickly() {
    let junk = "x".repeat(50 * 1024 * 1024);
    let started = Instant::now();
    let error = parse_design(&junk).expect_err("too large");
    assert!(started.elapsed().as_secs_f64() < 1.0, "took {:?}", started.elapsed());
    match error {
        DesignError::TooLarge { size, max } => assert!(size == junk.len() && max < size),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

/// Replaces leaf `k` of a JSON value with one of a few awkward values, as `choice` says.
fn mutate(value: &mut Value, choices: &[Option<usize>], k: &mut usize) {
    const NUMBERS: [&str; 8] =
        ["0", "-1", "1e12", "1e308", "18446744073709551615", "0.5", "4294967296", "-0.0"];
    const STRINGS: [&str; 6] = ["", "a", "web", "db", "d", "m5.large"];
    match value {
        Value::Object(map) => map.values_mut().for_each(|v| mutate(v, choices, k)),
        Value::Array(items) => items.iter_mut().for_each(|v| mutate(v, choices, k)),
        leaf => {
            let choice = choices[*k % choices.len()];
            *k += 1;
            let Some(c) = choice else { return };
            *leaf = match leaf {
                Value::Number(_) => serde_json::from_str(NUMBERS[c % NUMBERS.len()]).unwrap_or(Value::Null),
                Value::String(_) => Value::String(STRINGS[c % STRINGS.len()].to_owned()),
                _ => Value::Null,
            };
        }
    }
}

proptest! {
    #[test]
    fn mutated_reference_designs_never_panic(
        which in 0usize..3,
        choices in proptest::collection::vec(proptest::option::weighted(0.15, 0usize..64), 1..128),
    ) {
        let mut value: Value = serde_json::from_str([SINGLE_SERVER, THREE_TIER, MMC][which]).expect("shipped JSON");
        mutate(&mut value, &choices, &mut 0);
        let text = value.to_string();
        if let Ok(design) = parse_design(&text) {
            prop_assert_eq!(validate(&design), vec![]);
            let again: Design = parse_design(&serde_json::to_string(&design).expect("serializes")).expect("round trip");
            prop_assert_eq!(again, design);
        }
    }
}

#[test]
fn a_group_without_desired_starts_at_its_minimum() {
    let mut design = serde_json::to_value(reference::three_tier()).expect("serialises");
    let web = design["components"]
        .as_array_mut()
        .and_then(|c| c.iter_mut().find(|c| c["id"] == "web"))
        .expect("the web group");
    web.as_object_mut().expect("an object").remove("desired");
    web["min"] = 5.into();
    let parsed = parse_design(&design.to_string()).expect("valid without desired");
    let group = parsed.components.iter().find_map(|c| match &c.spec {
        nines_sim::design::ComponentSpec::AutoScalingGroup(g) if c.id == "web" => Some(g.desired),
        _ => None,
    });
    assert_eq!(group, Some(5));
}

/// The Shape error of `text`, as (path, message).
fn shape(text: &str) -> (String, String) {
    match parse_design(text) {
        Err(DesignError::Shape { path, message }) => (path, message),
        other => panic!("expected a Shape error, got {other:?}"),
    }
}

#[test]
fn a_component_is_read_kind_first_and_names_the_field_inside_it() {
    let store = |from: &str, to: &str| {
        assert!(SESSION_STORE.contains(from), "session-store.nines.json has no {from:?}");
        SESSION_STORE.replacen(from, to, 1)
    };
    // Every kind names the failing field inside the component, the key-value store too.
    let (path, message) = shape(&store("\"read_capacity\": 1000", "\"read_capacity\": \"lots\""));
    assert_eq!(path, "components[6].read_capacity");
    assert_eq!(message, "invalid type: string \"lots\", expected u32");
    let (path, message) = shape(&store("\"kind\": \"key_value_store\",", ""));
    assert_eq!((path.as_str(), message.as_str()), ("components[6]", "missing field `kind`"));
    let (path, message) = shape(&store("\"id\": \"sessions\",", ""));
    assert_eq!((path.as_str(), message.as_str()), ("components[6]", "missing field `id`"));
    let (path, message) = shape(&store("\"id\": \"sessions\"", "\"id\": 6"));
    assert_eq!(
        (path.as_str(), message.as_str()),
        ("components[6].id", "invalid type: integer `6`, expected a string")
    );
    // A kind is its name: serde's derive also took a variant's index (`"kind": 7` was read as
    // the eighth kind); the hand-written reader does not.
    let (path, message) = shape(&store("\"kind\": \"key_value_store\"", "\"kind\": 7"));
    assert_eq!(path, "components[6]");
    assert_eq!(message, "invalid type: integer `7`, expected variant identifier");
    let (path, message) = shape(&three_tier_with(
        "\"id\": \"clients\",",
        "\"id\": \"clients\", \"position\": {\"x\": \"left\", \"y\": 0},",
    ));
    assert_eq!(
        (path.as_str(), message.as_str()),
        ("components[0].position.x", "invalid type: string \"left\", expected f64")
    );
}

#[test]
fn components_read_the_same_through_every_deserializer() {
    for name in reference::NAMES {
        let design = reference::by_name(name).expect("shipped");
        let text = serde_json::to_string(&design).expect("serialises");
        let from_text: Design = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let from_value: Design =
            serde_json::from_value(serde_json::to_value(&design).expect("serialises")).expect("reads");
        assert_eq!((&from_text, &from_value), (&design, &design), "{name}");
    }
    let mut web = serde_json::to_value(&reference::three_tier().components[1]).expect("serialises");
    web["health_check"]["interval_s"] = "often".into();
    let error = serde_json::from_value::<nines_sim::design::Component>(web).expect_err("a string interval");
    assert_eq!(error.to_string(), "invalid type: string \"often\", expected f64");
}

/// Every design file and level shipped in version 1 opens, migrated to one region, and
/// writes itself back as version 2 that reads the same.
#[test]
fn version_1_files_migrate_to_one_region_and_write_version_2() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/designs");
    let mut migrated = 0;
    for entry in std::fs::read_dir(dir).expect("designs/ exists") {
        let path = entry.expect("a file").path();
        let text = std::fs::read_to_string(&path).expect("readable");
        let raw: Value = serde_json::from_str(&text).expect("JSON");
        let design = parse_design(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        if raw["version"] == 1 {
            migrated += 1;
            assert_eq!(design.regions.len(), 1, "{}", path.display());
            assert_eq!(serde_json::to_value(&design.regions[0]).ok().as_ref(), Some(&raw["region"]));
        }
        let written = serde_json::to_value(&design).expect("serializes");
        assert_eq!(written["version"], 2);
        assert!(written.get("region").is_none() && written["regions"].is_array());
        assert_eq!(parse_design(&written.to_string()).as_ref(), Ok(&design), "{}", path.display());
    }
    assert!(migrated >= 9, "the nine version-1 designs: {migrated}");
    for name in nines_sim::level::NAMES {
        let level = nines_sim::level::by_name(name).unwrap_or_else(|| panic!("level {name}"));
        assert_eq!((level.start.version, level.solution.version), (2, 2), "{name}");
        assert_eq!(level.start.regions.len(), 1, "{name}");
        // The same level written in version 1 (as shipped before regions) reads the same.
        let mut old: Value =
            serde_json::from_str(nines_sim::level::text_of(name).unwrap_or_default()).expect("JSON");
        for field in ["start", "solution"] {
            let design = &mut old[field];
            let region = design["regions"][0].clone();
            design["version"] = Value::from(1);
            design.as_object_mut().map(|o| o.remove("regions"));
            design["region"] = region;
        }
        let again =
            nines_sim::level::parse_level(&old.to_string()).unwrap_or_else(|e| panic!("{name} v1: {e}"));
        assert_eq!(again, level, "{name}");
    }
}
