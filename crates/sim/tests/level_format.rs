//! The level file format: every shipped level reads, round-trips and is canonical; bad
//! files are refused with the field and the fix; checks are deterministic, cancellable,
//! and judge exactly what each criterion's sentence says.

use nines_sim::command::TimedCommand;
use nines_sim::design::reference;
use nines_sim::level::{
    self, CheckError, ComponentKind, Criterion, LEVEL_VERSION, Level, LevelError, ScriptedFault, Verdict,
    check, check_with_progress, parse_level,
};
use serde_json::{Value, json};

fn one_server() -> Level {
    level::by_name("one-server").expect("shipped")
}

/// The one-server level as JSON, changed by `edit`, then parsed.
fn edited(edit: impl FnOnce(&mut Value)) -> Result<Level, LevelError> {
    let mut value: Value = serde_json::from_str(&one_server().to_json()).expect("JSON");
    edit(&mut value);
    parse_level(&value.to_string())
}

/// The problems of a refused level, as `path: message` lines.
fn refused(result: Result<Level, LevelError>) -> String {
    result.expect_err("the level is refused").to_string()
}

#[test]
fn every_shipped_level_reads_and_the_path_has_eight_steps() {
    assert_eq!(level::NAMES.len(), 8);
    let shipped = level::shipped();
    assert_eq!(shipped.len(), 8, "every file parses: {:?}", level::NAMES);
    for (name, level) in &shipped {
        assert_eq!(level.version, LEVEL_VERSION);
        assert!((2..=3).contains(&level.hints.len()), "{name}: 2–3 hints");
        assert!(level.par_per_hour_usd.is_some(), "{name}: a par");
        assert!(!level.incident.is_empty() && !level.criteria.is_empty(), "{name}");
        let text = level::text_of(name).expect("its file");
        parse_level(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn to_json_round_trips_exactly_and_the_shipped_files_are_canonical() {
    let bless = std::env::var_os("NINES_BLESS_LEVELS").is_some();
    for (name, level) in level::shipped() {
        let json = level.to_json();
        assert_eq!(parse_level(&json).as_ref(), Ok(&level), "{name}");
        let path = format!("{}/levels/{name}.nines-level.json", env!("CARGO_MANIFEST_DIR"));
        if bless {
            std::fs::write(&path, &json).expect("write the canonical file");
        } else {
            assert_eq!(level::text_of(name), Some(json.as_str()), "{name}: run with NINES_BLESS_LEVELS=1");
        }
    }
}

#[test]
fn a_level_from_the_future_is_refused_with_a_clear_message() {
    let e = refused(edited(|v| v["version"] = json!(LEVEL_VERSION + 1)));
    assert!(
        e.starts_with("version:") && e.contains("newer than this Nines") && e.contains("Update Nines"),
        "{e}"
    );
    let e = refused(edited(|v| v["version"] = json!("one")));
    assert!(e.contains("version") && e.contains("\"one\""), "{e}");
    let e = refused(edited(|v| {
        v.as_object_mut().map(|o| o.remove("version"));
    }));
    assert!(e.starts_with("version: missing"), "{e}");
}

#[test]
fn an_unknown_fault_verb_is_refused_at_parse_time_naming_the_entry() {
    let e = refused(edited(|v| v["incident"] = json!(["5m:kill web-1", "6m:explode web-1"])));
    assert!(e.starts_with("incident[1]") && e.contains("`explode` is not an action"), "{e}");
    let e = refused(edited(|v| v["incident"] = json!(["soon:kill web-1"])));
    assert!(e.starts_with("incident[0]") && e.contains("duration"), "{e}");
}

/// The one-server level rebuilt on the session-store design: a key-value store in the
/// palette, the store's outage and restore in the incident.
fn session_store_level(palette: Value) -> Result<Level, LevelError> {
    let design = serde_json::to_value(reference::session_store()).expect("JSON");
    edited(|v| {
        v["start"] = design.clone();
        v["solution"] = design;
        v["palette"] = palette;
        v["budget_per_hour_usd"] = json!(5.0);
        v["par_per_hour_usd"] = json!(5.0);
        v["incident"] = json!(["5m:store-outage sessions", "8m:restore-store sessions"]);
    })
}

#[test]
fn a_level_may_allow_a_key_value_store_and_script_its_outage() {
    let kinds = json!(["clients", "load_balancer", "instance", "database", "key_value_store"]);
    let level = session_store_level(kinds).unwrap_or_else(|e| panic!("{e}"));
    assert!(level.palette.contains(&ComponentKind::KeyValueStore));
    assert_eq!(parse_level(&level.to_json()).as_ref(), Ok(&level), "round-trips");
    // A store outage recorded in a live run becomes the same level text.
    for (text, recorded) in
        level.incident.iter().zip(["5m:store-outage sessions", "8m:restore-store sessions"])
    {
        let command = TimedCommand::parse(recorded).expect("a command");
        assert_eq!(ScriptedFault::from_command(&command).as_ref(), Some(text));
    }
    let e = refused(session_store_level(json!(["clients", "load_balancer", "instance", "database"])));
    assert!(e.contains("`sessions` is a key_value_store") && e.contains("palette does not allow"), "{e}");
}

#[test]
fn a_fault_or_criterion_naming_what_the_solution_lacks_is_refused() {
    let e = refused(edited(|v| v["incident"] = json!(["5m:kill web-9"])));
    assert!(e.contains("incident[0]") && e.contains("no instance `web-9`") && e.contains("web-1"), "{e}");
    let e = refused(edited(|v| {
        v["criteria"] = json!([{"probe": "healthy_targets_at_least", "load_balancer": "lb-9", "count": 1}])
    }));
    assert!(e.contains("criteria[0].load_balancer") && e.contains("`lb-9`") && e.contains("lb-1"), "{e}");
    let e = refused(edited(|v| v["incident"] = json!(["25m:kill web-1"])));
    assert!(e.contains("incident[0]") && e.contains("after the end of the run"), "{e}");
}

#[test]
fn malformed_json_and_wrong_types_name_the_place() {
    let e = parse_level("{\"version\": 1,").expect_err("truncated").to_string();
    assert!(e.contains("not valid JSON") && e.contains("line 1"), "{e}");
    let e = refused(edited(|v| v["duration_s"] = json!("long")));
    assert!(e.starts_with("duration_s:") && e.contains("invalid type"), "{e}");
    let e = refused(edited(|v| v["criteria"][0]["percent"] = json!("high")));
    assert!(e.starts_with("criteria[0]") && e.contains("invalid type"), "{e}");
    let e = refused(edited(|v| v["criteria"][0] = json!({"probe": "fast"})));
    assert!(e.starts_with("criteria[0]") && e.contains("unknown variant `fast`"), "{e}");
    let e = refused(edited(|v| v["principle"] = json!("speed")));
    assert!(e.starts_with("principle") && e.contains("speed"), "{e}");
    let e = refused(edited(|v| v["budget"] = json!(1)));
    assert!(e.contains("budget: `budget` is not a field here") && e.contains("budget_per_hour_usd"), "{e}");
}

#[test]
fn meaning_is_checked_field_by_field() {
    let e = refused(edited(|v| v["start"]["components"][1]["zone"] = json!("q")));
    assert!(e.contains("start.components[1].zone"), "{e}");
    let e = refused(edited(|v| v["palette"] = json!(["clients", "instance", "database"])));
    assert!(e.contains("solution.components[1].kind") && e.contains("`lb-1` is a load_balancer"), "{e}");
    let e = refused(edited(|v| v["criteria"][0]["percent"] = json!(101.0)));
    assert!(e.contains("criteria[0].percent: must be from 0 to 100, not 101"), "{e}");
    let e = refused(edited(|v| v["budget_per_hour_usd"] = json!(0.05)));
    assert!(e.contains("solution: costs") && e.contains("over the budget"), "{e}");
    let e = refused(edited(|v| v["par_per_hour_usd"] = json!(9.0)));
    assert!(e.contains("par_per_hour_usd"), "{e}");
    let e = refused(edited(|v| v["title"] = json!("  ")));
    assert!(e.contains("title: is empty"), "{e}");
    let e = refused(edited(|v| v["criteria"] = json!([])));
    assert!(e.contains("criteria: is empty"), "{e}");
    let e = refused(edited(|v| v["traffic"] = json!({"shape": "constant", "rate": -5.0})));
    assert!(e.contains("traffic:"), "{e}");
}

#[test]
fn a_level_built_in_code_lists_its_problems_before_it_is_saved() {
    for (name, level) in level::shipped() {
        assert_eq!(level.problems(), Vec::new(), "{name}");
    }
    let mut level = one_server();
    level.title = String::new();
    level.incident.push(level::ScriptedFault::parse("25m:kill web-9").expect("parses"));
    level
        .solution
        .connections
        .push(nines_sim::design::Connection { from: "web-1".into(), to: "nowhere".into() });
    let problems: Vec<String> = level.problems().iter().map(ToString::to_string).collect();
    assert!(problems.iter().any(|p| p.starts_with("title: is empty")), "{problems:?}");
    assert!(
        problems.iter().any(|p| p.starts_with("incident[1]") && p.contains("after the end")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.starts_with("incident[1]") && p.contains("web-9")), "{problems:?}");
    assert!(
        problems.iter().any(|p| p.starts_with("solution.connections") && p.contains("nowhere")),
        "{problems:?}"
    );
}

#[test]
fn the_same_level_and_design_give_the_same_verdict_byte_for_byte() {
    let level = one_server();
    let a = serde_json::to_string(&check(&level, &level.solution).expect("checks")).expect("JSON");
    let b = serde_json::to_string(&check(&level, &level.solution).expect("checks")).expect("JSON");
    assert_eq!(a, b);
    let back: Verdict = serde_json::from_str(&a).expect("a verdict reads back (the app's worker sends it)");
    assert_eq!(serde_json::to_string(&back).expect("JSON"), a);
    // The design's own seed does not matter: the level's seed does.
    let mut reseeded = level.solution.clone();
    reseeded.seed = 99;
    let c = serde_json::to_string(&check(&level, &reseeded).expect("checks")).expect("JSON");
    assert_eq!(a, c);
}

#[test]
fn the_check_judges_exactly_what_each_sentence_says() {
    let level = one_server();
    let verdict = check(&level, &level.solution).expect("checks");
    for (result, criterion) in verdict.results.iter().zip(&level.criteria) {
        assert_eq!(&result.criterion, criterion);
        assert_eq!(result.sentence, criterion.sentence());
        assert_eq!(result.passed, criterion.passes(result.measured));
    }
    // The threshold the sentence names is exactly where the verdict turns.
    let measured = verdict.results[0].measured;
    let mut at = level.clone();
    at.criteria[0] = Criterion::AvailabilityAtLeast { percent: measured };
    assert!(check(&at, &at.solution).expect("checks").passed, "{}", at.criteria[0].sentence());
    let mut above = level.clone();
    above.criteria[0] = Criterion::AvailabilityAtLeast { percent: measured + 0.001 };
    let failed = check(&above, &above.solution).expect("checks");
    assert!(!failed.passed && !failed.results[0].passed && failed.results[1].passed);
    assert!(failed.results[0].sentence.contains(&format!("{}", measured + 0.001)));
}

#[test]
fn a_failure_points_at_the_moment_and_the_component() {
    let level = one_server();
    let verdict = check(&level, &level.start).expect("checks");
    let evidence = verdict.explanation.expect("evidence");
    assert_eq!(evidence.criterion, 0);
    assert_eq!(evidence.at_us, 300_000_000, "the kill at 05:00");
    assert_eq!(evidence.component.as_deref(), Some("web-1"));
    assert!(evidence.what.contains("killed web-1 at 00:05:00"), "{}", evidence.what);
    assert_eq!(evidence.seed, level.seed);
    assert_eq!(evidence.commands.len(), 1);
}

#[test]
fn rules_broken_fail_the_verdict_with_the_reason() {
    let level = one_server();
    // Renamed the instance the incident kills: nothing is run, the verdict says why.
    let mut renamed: Value = serde_json::to_value(&level.solution).expect("JSON");
    let text = renamed.to_string().replace("\"web-1\"", "\"web-a\"");
    renamed = serde_json::from_str(&text).expect("JSON");
    let renamed = nines_sim::parse_design(&renamed.to_string()).expect("a valid design");
    let verdict = check(&level, &renamed).expect("checks");
    assert!(!verdict.passed && verdict.results.is_empty());
    assert!(verdict.problems[0].contains("5m:kill web-1") && verdict.problems[0].contains("Keep the names"));
    // A kind outside the palette, and a design over budget.
    let transcoding = level::by_name("transcoding-backlog").expect("shipped");
    let mut queued = level.solution.clone();
    let queue = transcoding.solution.component("jobs").expect("a queue").clone();
    queued.components.push(queue);
    let verdict = check(&level, &queued).expect("checks");
    assert!(!verdict.passed);
    assert!(
        verdict.problems.iter().any(|p| p.contains("`jobs` is a queue, which this level does not allow"))
    );
    let mut poor = level.clone();
    poor.budget_per_hour_usd = 0.1;
    let verdict = check(&poor, &poor.solution).expect("checks");
    assert!(!verdict.passed && verdict.results.iter().all(|r| r.passed), "only the budget fails");
    assert!(verdict.problems.iter().any(|p| p.contains("over the budget")), "{:?}", verdict.problems);
}

#[test]
fn progress_is_reported_and_a_check_can_be_cancelled() {
    let level = one_server();
    let mut seen = Vec::new();
    check_with_progress(&level, &level.solution, &mut |p| {
        seen.push(p.fraction());
        true
    })
    .expect("checks");
    assert_eq!(seen.len(), 20, "once per simulated minute");
    assert!(seen.windows(2).all(|w| w[0] < w[1]) && seen.last() == Some(&1.0));
    let mut calls = 0;
    let cancelled = check_with_progress(&level, &level.solution, &mut |_| {
        calls += 1;
        calls < 3
    });
    assert_eq!(cancelled, Err(CheckError::Cancelled));
    assert_eq!(calls, 3);
}

#[test]
fn an_invalid_design_is_an_error_not_a_verdict() {
    let level = one_server();
    let mut broken = level.solution.clone();
    broken.connections.push(nines_sim::design::Connection { from: "web-1".into(), to: "nowhere".into() });
    match check(&level, &broken) {
        Err(CheckError::InvalidDesign { problems }) => {
            assert!(problems.iter().any(|p| p.contains("nowhere")))
        }
        other => panic!("{other:?}"),
    }
}
