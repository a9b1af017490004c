//! The `nines` binary as a user runs it: exit codes, outputs, files.

mod common;

use common::{nines, stderr, stdout};

#[test]
fn a_reference_design_runs_and_prints_its_summary() {
    let out = nines(&["run", "reference:single-server", "--seconds", "120"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("One server: 120 s simulated"), "{text}");
    assert!(text.contains("availability  100.0000 %"), "{text}");
}

#[test]
fn json_output_parses_and_counts_the_fault() {
    let out =
        nines(&["run", "reference:single-server", "--seconds", "300", "--fault", "60s:kill web-1", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let failed = json["summary"]["totals"]["failed"].as_array().expect("failed by cause");
    assert!(failed.iter().filter_map(|v| v.as_u64()).sum::<u64>() > 10_000);
    assert_eq!(json["summary"]["incidents"][0]["label"], "killed web-1");
}

#[test]
fn a_bad_design_file_exits_with_code_2_and_names_the_field() {
    let dir = std::env::temp_dir().join(format!("nines-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bad.nines.json");
    let mut design = serde_json::to_value(nines_sim::design::reference::single_server()).expect("serialises");
    design["components"][1]["zone"] = "d".into();
    std::fs::write(&path, design.to_string()).expect("written");
    let out = nines(&["run", path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("zone d"), "{}", stderr(&out));
    std::fs::write(&path, "{ not json").expect("written");
    let out = nines(&["validate", path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not valid JSON"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_arguments_exit_with_code_2() {
    assert_eq!(nines(&["run"]).status.code(), Some(2));
    assert_eq!(nines(&["run", "reference:three-tier", "--fault", "soon:kill x"]).status.code(), Some(2));
    assert_eq!(nines(&["explode"]).status.code(), Some(2));
    assert_eq!(nines(&["run", "reference:nope"]).status.code(), Some(2));
}

#[test]
fn the_series_is_written_as_csv() {
    let path = std::env::temp_dir().join(format!("nines-series-{}.csv", std::process::id()));
    let out =
        nines(&["run", "reference:mmc", "--seconds", "30", "--csv", path.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(&path).expect("csv written");
    let _ = std::fs::remove_file(&path);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("second,arrived,succeeded,failed_no_route"), "{}", lines[0]);
    assert_eq!(lines.len(), 31, "a header and one row per second");
    assert!(lines[0].ends_with(",cost_per_hour"), "no session columns without sessions: {}", lines[0]);
}

#[test]
fn a_two_region_design_s_csv_has_requests_by_region() {
    let path = std::env::temp_dir().join(format!("nines-regions-{}.csv", std::process::id()));
    let args = ["run", "reference:multi-region", "--seconds", "900", "--fault", "60s:lose-region us-east-1"];
    let out = nines(&[&args[..], &["--csv", path.to_str().expect("utf-8 path")]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(&path).expect("csv written");
    let _ = std::fs::remove_file(&path);
    let lines: Vec<&str> = csv.lines().collect();
    let tail = ",received_us_east_1,failed_us_east_1,received_us_west_2,failed_us_west_2";
    assert!(lines[0].ends_with(tail), "{}", lines[0]);
    let columns = |line: &str| -> Vec<u32> {
        let fields: Vec<&str> = line.split(',').collect();
        fields[fields.len() - 4..].iter().map(|v| v.parse().expect("a count")).collect()
    };
    let before = columns(lines[30]);
    assert!(before[0] > 0 && before[1] == 0 && before[2] == 0, "second 29: all to us-east-1 {before:?}");
    let arrived: u32 = lines[899].split(',').nth(1).and_then(|v| v.parse().ok()).expect("arrived");
    let after = columns(lines[899]);
    assert_eq!(
        (after[0], after[2], after[3]),
        (0, arrived, 0),
        "second 898, past the late resolvers: all to us-west-2"
    );
}

#[test]
fn a_sticky_design_s_csv_has_the_sessions_lost_column() {
    let path = std::env::temp_dir().join(format!("nines-sticky-{}.csv", std::process::id()));
    let args = ["run", "reference:sticky-sessions", "--seconds", "120", "--fault", "1m:kill web-1", "--csv"];
    let out = nines(&[&args[..], &[path.to_str().expect("utf-8 path")]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(&path).expect("csv written");
    let _ = std::fs::remove_file(&path);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with(",sessions_lost,kv_throttled,kv_stale_reads,kv_unavailable"), "{}", lines[0]);
    let lost = |line: &str| line.split(',').rev().nth(3).map(str::to_owned);
    assert_eq!(lost(lines[60]).as_deref(), Some("0"), "second 59, before the kill");
    let after: u32 = lost(lines[120]).and_then(|v| v.parse().ok()).expect("a number");
    assert!(after > 200, "a third of 1,000 users lost their session: {after}");
}

#[test]
fn a_game_day_reports_its_verdict_and_fails_when_the_hypothesis_breaks() {
    let args = ["run", "reference:single-server", "--seconds", "1200", "--fault", "5m:kill web-1"];
    let out = nines(&[&args[..], &["--steady-state", "99.9"]].concat());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("hypothesis BROKEN"), "{text}");
    assert!(text.contains("before") && text.contains("→ holds"), "{text}");
}

#[test]
fn a_fault_the_design_cannot_take_is_refused_before_the_run() {
    let cases = [
        ("10s:kill nosuch", "no instance `nosuch`"),
        ("10s:lose-zone z", "no zone `z`"),
        ("10s:desired web -3", "not a whole number"),
        ("10s:desired web 2.7", "not a whole number"),
        ("10s:desired nosuch 3", "no auto scaling group `nosuch`"),
    ];
    for (fault, reason) in cases {
        let out = nines(&["run", "reference:three-tier", "--seconds", "60", "--fault", fault]);
        assert_eq!(out.status.code(), Some(2), "{fault}: {}", stderr(&out));
        let message = stderr(&out);
        assert!(message.contains(&format!("`{fault}`")), "names the fault: {message}");
        assert!(message.contains(reason), "{message}");
        assert!(stdout(&out).is_empty(), "nothing ran: {}", stdout(&out));
    }
}

#[test]
fn a_business_hours_chaos_monkey_and_a_launched_instance_are_accepted() {
    let out = nines(&[
        "run",
        "reference:three-tier",
        "--seconds",
        "60",
        "--fault",
        "1s:chaos web 600 business-hours",
        "--fault",
        "30s:kill i-1",
        "--log",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("chaos monkey on web every ~600 s, 09:00–15:00 only"), "{text}");
    assert!(text.contains("killed i-1") && !text.contains("not applied"), "{text}");
}

#[test]
fn a_run_longer_than_a_simulated_year_is_refused() {
    let out = nines(&["run", "reference:single-server", "--seconds", "1e99"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("longer than a simulated year"), "{}", stderr(&out));
}

#[test]
fn the_usage_lists_every_action() {
    let out = nines(&["--help"]);
    let text = stdout(&out);
    for action in [
        "kill ID",
        "hang ID",
        "slow ID",
        "recover ID",
        "kill-db ID",
        "promote DB N",
        "lose-zone Z",
        "impair-zone Z",
        "restore-zone Z",
        "spike FACTOR",
        "stop-consumers Q",
        "start-consumers Q",
        "desired GROUP N",
        "chaos [GROUP] SECONDS [business-hours]",
        "stop-chaos",
    ] {
        assert!(text.contains(action), "usage lacks `{action}`:\n{text}");
    }
}

#[test]
fn params_prints_the_librarys_table_and_refuses_an_unknown_kind() {
    let out = nines(&["params", "queue"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("| `queue.retention_s` | 60–1209600 | s | 345,600 s, four days |"), "{text}");
    assert!(!text.contains("load_balancer"), "only the asked kind: {text}");
    let out = nines(&["params", "router"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no component kind `router`; there are: clients, load_balancer"),
        "{}",
        stderr(&out)
    );
}
