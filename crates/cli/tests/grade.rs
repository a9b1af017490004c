//! `nines grade` as an instructor runs it: one design as text or JSON, a folder of
//! submissions as one row each, a broken file as a row with its error and exit code 2.

use std::path::PathBuf;

mod common;

use common::{nines, stderr, stdout};

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nines-grade-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn reference_json(name: &str) -> String {
    stdout(&nines(&["reference", name]))
}

#[test]
fn json_has_the_fields_the_issue_names() {
    let out = nines(&["grade", "reference:single-server", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let score = json["overall"]["score"].as_u64().expect("overall.score");
    assert!(score < 40, "one server fails: {score}");
    assert_eq!(json["overall"]["grade"], "F");
    let ids: Vec<&str> =
        json["principles"].as_array().expect("principles").iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["design_for_failure", "multi_az", "build_for_scale", "loose_coupling", "automate_and_test"]
    );
    for p in json["principles"].as_array().expect("principles") {
        assert!(p["score"].is_u64() && p["grade"].is_string() && p["evidence"].is_array(), "{p}");
        assert!(p.get("hint").is_some(), "{p}");
    }
    assert!(json["availability"].is_f64() && json["nines"].is_f64() && json["cost_per_month"].is_f64());
    let recovery = json["recovery"].as_array().expect("recovery");
    assert!(!recovery.is_empty());
    for r in recovery {
        for field in ["type", "rto_s", "rpo", "policy", "met"] {
            assert!(r.get(field).is_some(), "recovery row without {field}: {r}");
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_runs() {
    let a = nines(&["grade", "reference:single-server", "--json", "--seed", "3"]);
    let b = nines(&["grade", "reference:single-server", "--json", "--seed", "3"]);
    let c = nines(&["grade", "reference:single-server", "--json", "--seed", "4"]);
    assert_eq!(stdout(&a), stdout(&b));
    assert_ne!(stdout(&a), stdout(&c));
}

#[test]
fn text_names_the_grade_the_evidence_and_the_hint() {
    let out = nines(&["grade", "reference:single-server", "--seeds", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for needle in ["One server: F", "web-1 is a single point of failure", "hint:", "over 2 seeds", "breached"]
    {
        assert!(text.contains(needle), "`{needle}` missing from\n{text}");
    }
}

#[test]
fn a_folder_is_graded_one_sorted_row_per_file_and_a_broken_file_exits_2() {
    let dir = scratch("folder");
    std::fs::create_dir_all(dir.join("team-b")).expect("subdir");
    std::fs::write(dir.join("team-b/one.nines.json"), reference_json("single-server")).expect("write");
    std::fs::write(dir.join("alice.nines.json"), reference_json("single-server")).expect("write");
    std::fs::write(dir.join("bob.nines.json"), "{ \"version\": 1, \"components\": [").expect("write");
    std::fs::write(dir.join("notes.txt"), "not a design").expect("write");
    let csv = dir.join("grades.csv");
    let out = nines(&["grade", dir.to_str().expect("utf-8"), "--csv", csv.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2), "a broken file makes exit 2: {}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{text}");
    assert!(rows[0].starts_with("alice.nines.json") && rows[0].contains(" F "), "{text}");
    assert!(rows[1].starts_with("bob.nines.json") && rows[1].contains("error:"), "{text}");
    assert!(rows[2].starts_with("team-b/one.nines.json"), "{text}");
    let csv = std::fs::read_to_string(&csv).expect("csv written");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[0].starts_with("file,score,grade,design_for_failure,multi_az"), "{csv}");
    assert_eq!(lines[1].split(',').count(), lines[0].split(',').count(), "{csv}");
    assert!(lines[2].starts_with("bob.nines.json,,,") && lines[2].len() > 30, "{csv}");
    // The JSON array carries the same reports as grading each file alone.
    let out = nines(&["grade", dir.to_str().expect("utf-8"), "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let alone = nines(&["grade", dir.join("alice.nines.json").to_str().expect("utf-8"), "--json"]);
    let alone: serde_json::Value = serde_json::from_str(&stdout(&alone)).expect("valid JSON");
    assert_eq!(rows[0]["report"], alone);
    assert!(rows[1]["error"].is_string() && rows[1].get("report").is_none(), "{}", rows[1]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_arguments_explain_themselves() {
    let out = nines(&["grade"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("grade what?"), "{}", stderr(&out));
    let out = nines(&["grade", "reference:single-server", "--seeds", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--seeds `0`"), "{}", stderr(&out));
    let out = nines(&["grade", "reference:nothing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no reference design `nothing`"), "{}", stderr(&out));
}

#[test]
fn reference_lists_the_ladder_designs() {
    let list = stdout(&nines(&["reference"]));
    for name in ["single-server", "two-servers", "multi-az-db", "two-zones", "auto-scaling", "three-tier"] {
        assert!(list.lines().any(|l| l == name), "{name} missing from\n{list}");
    }
}

#[test]
fn the_sticky_sessions_design_loses_sessions_when_an_instance_dies_and_the_store_fixes_it() {
    let list = stdout(&nines(&["reference"]));
    assert!(list.lines().any(|l| l == "sticky-sessions") && list.lines().any(|l| l == "session-store"));
    let run = |design: &str| stdout(&nines(&["run", design, "--seconds", "600", "--fault", "5m:kill web-1"]));
    let sticky = run("reference:sticky-sessions");
    assert!(sticky.contains("sessions lost"), "{sticky}");
    let store = run("reference:session-store");
    assert!(!store.contains("sessions lost"), "{store}");
    assert!(store.contains("key-value") && store.contains("0 throttled"), "{store}");
    let outage = stdout(&nines(&[
        "run",
        "reference:session-store",
        "--seconds",
        "300",
        "--fault",
        "1m:store-outage sessions",
        "--fault",
        "2m:restore-store sessions",
    ]));
    assert!(!outage.contains("0 refused while down"), "{outage}");
}

#[test]
fn the_static_cdn_design_serves_assets_at_the_edge_and_an_origin_outage_fails_only_misses() {
    let list = stdout(&nines(&["reference"]));
    assert!(list.lines().any(|l| l == "static-cdn"), "{list}");
    let run = stdout(&nines(&["run", "reference:static-cdn", "--seconds", "120"]));
    assert!(run.contains("CDN") && run.contains("edge hits") && run.contains("0 errors"), "{run}");
    let outage = stdout(&nines(&[
        "run",
        "reference:static-cdn",
        "--seconds",
        "240",
        "--fault",
        "1m:storage-outage assets",
        "--fault",
        "2m:restore-storage assets",
    ]));
    assert!(outage.contains("origin error") && !outage.contains(" 0 errors"), "{outage}");
}
