//! `nines level` and `nines check` as an instructor runs them: one design's verdict, a
//! folder of students' designs as one row each, exit codes 0 (pass), 1 (fail), 2 (bad file).

use std::path::{Path, PathBuf};

mod common;

use common::{nines, stderr, stdout};

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nines-check-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The one-server level's file as `nines level` prints it.
fn level_json() -> serde_json::Value {
    serde_json::from_str(&stdout(&nines(&["level", "one-server"]))).expect("the level is JSON")
}

/// Writes the level's start and solution designs into `dir` under the given file names.
fn write_designs(dir: &Path, start: &str, solution: &str) {
    let level = level_json();
    std::fs::write(dir.join(start), level["start"].to_string()).expect("write");
    std::fs::write(dir.join(solution), level["solution"].to_string()).expect("write");
}

#[test]
fn level_lists_the_path_and_prints_a_level_file() {
    let out = nines(&["level"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 8);
    assert!(
        lines[0].starts_with("one-server")
            && lines[0].contains("design_for_failure")
            && lines[0].contains("One server")
    );
    assert!(lines[7].starts_with("game-day"));
    let level = level_json();
    assert_eq!(level["version"], 1);
    assert_eq!(level["title"], "One server");
    let out = nines(&["level", "nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no level `nosuch`"), "{}", stderr(&out));
}

#[test]
fn a_passing_design_exits_0_and_a_failing_one_1_with_each_criterion_measured() {
    let dir = scratch("single");
    write_designs(&dir, "start.nines.json", "solution.nines.json");
    let solution = dir.join("solution.nines.json").display().to_string();
    let out = nines(&["check", "level:one-server", &solution]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("One server: passed"), "{text}");
    assert!(text.contains("pass  At least 97 % of requests succeed over the run — measured 98.12"), "{text}");
    let start = dir.join("start.nines.json").display().to_string();
    let out = nines(&["check", "level:one-server", &start]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("FAIL  At least 97 % of requests succeed over the run — measured 25.25"), "{text}");
    assert!(text.contains("evidence: killed web-1 at 00:05:00"), "{text}");
    let json = nines(&["check", "level:one-server", &start, "--json"]);
    assert_eq!(json.status.code(), Some(1));
    let verdict: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(verdict["passed"], false);
    assert_eq!(verdict["results"].as_array().map(Vec::len), Some(2));
    assert_eq!(verdict["explanation"]["component"], "web-1");
}

#[test]
fn a_level_file_path_works_like_level_name() {
    let dir = scratch("file");
    let path = dir.join("mine.nines-level.json");
    std::fs::write(&path, stdout(&nines(&["level", "one-server"]))).expect("write");
    let out = nines(&["check", &path.display().to_string(), "reference:single-server"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("One server: FAILED"));
}

#[test]
fn bad_files_exit_2_naming_the_problem() {
    let dir = scratch("bad");
    let future = dir.join("future.nines-level.json");
    let mut level = level_json();
    level["version"] = serde_json::json!(2);
    std::fs::write(&future, level.to_string()).expect("write");
    let out = nines(&["check", &future.display().to_string(), "reference:single-server"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("newer than this Nines"), "{}", stderr(&out));
    let out = nines(&["check", "level:nosuch", "reference:single-server"]);
    assert_eq!(out.status.code(), Some(2));
    let broken = dir.join("broken.nines.json");
    std::fs::write(&broken, "{ not json").expect("write");
    let out = nines(&["check", "level:one-server", &broken.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a usable design"), "{}", stderr(&out));
    let out = nines(&["check", "level:one-server"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("check what?"), "{}", stderr(&out));
}

#[test]
fn a_folder_is_checked_as_one_row_per_design_sorted_by_path() {
    let dir = scratch("dir");
    std::fs::create_dir_all(dir.join("bob")).expect("dir");
    write_designs(&dir, "carol.nines.json", "alice.nines.json");
    std::fs::copy(dir.join("alice.nines.json"), dir.join("bob/design.nines.json")).expect("copy");
    std::fs::write(dir.join("notes.txt"), "not a design").expect("write");
    let folder = dir.display().to_string();
    let out = nines(&["check", "level:one-server", &folder]);
    assert_eq!(out.status.code(), Some(1), "carol fails: {}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().skip(1).take(3).collect();
    assert!(rows[0].starts_with("alice.nines.json") && rows[0].contains("pass"), "{text}");
    assert!(rows[1].starts_with("bob/design.nines.json") && rows[1].contains("pass"), "{text}");
    assert!(rows[2].starts_with("carol.nines.json") && rows[2].contains("FAIL"), "{text}");
    assert!(text.contains("#1 At least 97 % of requests succeed over the run"), "{text}");

    let csv_path = dir.join("room.csv");
    let out =
        nines(&["check", "level:one-server", &folder, "--json", "--csv", &csv_path.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let files: Vec<&str> = rows.as_array().expect("rows").iter().filter_map(|r| r["file"].as_str()).collect();
    assert_eq!(files, ["alice.nines.json", "bob/design.nines.json", "carol.nines.json"]);
    assert_eq!(rows[0]["verdict"]["passed"], true);
    assert_eq!(rows[2]["verdict"]["passed"], false);
    // Each row's verdict is byte for byte the single design's.
    let single =
        nines(&["check", "level:one-server", &dir.join("alice.nines.json").display().to_string(), "--json"]);
    let single: serde_json::Value = serde_json::from_str(&stdout(&single)).expect("JSON");
    assert_eq!(rows[0]["verdict"], single);
    let csv = std::fs::read_to_string(&csv_path).expect("the CSV was written");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "file,passed,cost_per_hour_usd,1_availability_at_least,2_recovery_within,problems,error"
    );
    assert_eq!(lines.len(), 4);
    assert!(lines[1].starts_with("alice.nines.json,true,0.1321,98.12"), "{csv}");
    assert!(lines[3].starts_with("carol.nines.json,false,"), "{csv}");

    // Every design passing exits 0; an unreadable one among them exits 2 and is a row.
    std::fs::remove_file(dir.join("carol.nines.json")).expect("remove");
    let out = nines(&["check", "level:one-server", &folder]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    std::fs::write(dir.join("dave.nines.json"), "{}").expect("write");
    let out = nines(&["check", "level:one-server", &folder]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("dave.nines.json") && stdout(&out).contains("error:"), "{}", stdout(&out));
    assert!(stderr(&out).contains("1 of 3 files could not be checked"), "{}", stderr(&out));
}
