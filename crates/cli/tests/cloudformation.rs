//! `nines export-cfn`: every reference design, every design file shipped, every level
//! solution (once `crates/sim/levels/` exists), a design using every component kind and
//! option and a one-region design behind a DNS name are exported as YAML and as JSON with
//! the game day — a two-region design as one template per region (`--out-dir`) — and
//! cfn-lint, the validator AWS maintains, must pass each with no error and no warning.
//!
//! cfn-lint comes from `scripts/setup` (a virtual environment under the tools folder;
//! `scripts/env` exports `NINES_CFN_LINT`). Without it the lint test fails under CI and
//! says how to install it elsewhere.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{nines, stderr, stdout};
use nines_sim::design::{
    AlarmSpec, Comparison, Component, ComponentSpec, Connection, DnsSpec, KeyValueStoreSpec, MetricName,
    PolicySpec, Sessions, Statistic, StepAdjustment, TrackedMetric, reference,
};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The cfn-lint scripts/setup installed, if it is there.
fn cfn_lint() -> Option<PathBuf> {
    let path = std::env::var_os("NINES_CFN_LINT").map(PathBuf::from).unwrap_or_else(|| {
        let tools = std::env::var_os("NINES_TOOLS").map(PathBuf::from).unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/nines-tools")
        });
        tools.join("cfn-lint/bin/cfn-lint")
    });
    path.is_file().then_some(path)
}

/// `*.nines.json` files below `dir`, sorted.
fn design_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(design_files(&path));
        } else if path.to_string_lossy().ends_with(".nines.json") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The `solution` design of every level file below `crates/sim/levels/`, as (name, JSON).
fn level_solutions() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![repo().join("crates/sim/levels")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a readable level file");
            let level: serde_json::Value = serde_json::from_str(&text).expect("a level file is JSON");
            if let Some(solution) = level.get("solution").filter(|s| s.is_object()) {
                let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                out.push((format!("level-{name}"), solution.to_string()));
            }
        }
    }
    out.sort();
    out
}

/// Three-tier with everything the reference designs leave out: read replicas, step and
/// simple scaling on alarms, requests-per-target tracking, alarms on every metric
/// CloudWatch publishes, lone instances beside the web group behind the load balancer, a
/// sticky load balancer, and a key-value store (strongly consistent reads) that the web
/// group keeps sessions in and the workers write to.
fn every_kind() -> String {
    let mut design = reference::three_tier();
    design.name = "Every kind".to_owned();
    let alarm = |source: &str, metric, statistic, threshold, comparison| AlarmSpec {
        source: source.to_owned(),
        metric,
        statistic,
        threshold,
        comparison,
        ..AlarmSpec::default()
    };
    for c in &mut design.components {
        match &mut c.spec {
            ComponentSpec::Database(db) => db.read_replicas = vec!["b".to_owned(), "c".to_owned()],
            ComponentSpec::LoadBalancer(lb) => {
                lb.stickiness = true;
                lb.stickiness_duration_s = 3600.0;
            }
            ComponentSpec::AutoScalingGroup(g) if c.id == "web" => {
                g.instance.sessions = Sessions::InStore;
                g.warmup_s = Some(120.0);
                g.policies.push(PolicySpec::TargetTracking {
                    metric: TrackedMetric::RequestCountPerTarget,
                    target: 1000.0,
                });
                let steps = vec![
                    StepAdjustment { lower: Some(0.0), upper: Some(20.0), change: 1 },
                    StepAdjustment { lower: Some(20.0), upper: None, change: 3 },
                ];
                g.policies.push(PolicySpec::Step { alarm: "web-cpu-high".to_owned(), steps });
            }
            ComponentSpec::AutoScalingGroup(g) => {
                g.policies.push(PolicySpec::Simple { alarm: "backlog-high".to_owned(), change: 2 });
            }
            _ => {}
        }
    }
    let mut extra = vec![
        (
            "web-cpu-high",
            alarm(
                "web",
                MetricName::CpuUtilization,
                Statistic::Average,
                70.0,
                Comparison::GreaterThanThreshold,
            ),
        ),
        (
            "backlog-high",
            alarm(
                "workers",
                MetricName::BacklogPerInstance,
                Statistic::Average,
                500.0,
                Comparison::GreaterThanThreshold,
            ),
        ),
        (
            "db-cpu",
            alarm(
                "db",
                MetricName::CpuUtilization,
                Statistic::Maximum,
                90.0,
                Comparison::GreaterThanOrEqualToThreshold,
            ),
        ),
        (
            "lb-errors",
            alarm("lb-1", MetricName::ErrorCount, Statistic::Sum, 10.0, Comparison::GreaterThanThreshold),
        ),
        (
            "lb-latency",
            alarm("lb-1", MetricName::Latency, Statistic::Average, 250.0, Comparison::GreaterThanThreshold),
        ),
        (
            "lb-hosts",
            alarm(
                "lb-1",
                MetricName::HealthyHostCount,
                Statistic::Minimum,
                2.0,
                Comparison::LessThanThreshold,
            ),
        ),
        (
            "lb-requests",
            alarm(
                "lb-1",
                MetricName::RequestCount,
                Statistic::Sum,
                100_000.0,
                Comparison::GreaterThanThreshold,
            ),
        ),
        (
            "web-requests",
            alarm(
                "web",
                MetricName::RequestCount,
                Statistic::Sum,
                50_000.0,
                Comparison::GreaterThanThreshold,
            ),
        ),
        (
            "jobs-depth",
            alarm(
                "jobs",
                MetricName::MessagesVisible,
                Statistic::Average,
                1000.0,
                Comparison::GreaterThanThreshold,
            ),
        ),
    ];
    let store = KeyValueStoreSpec {
        read_capacity: 2500,
        write_capacity: 800,
        consistent_reads: true,
        ..KeyValueStoreSpec::default()
    };
    design.components.push(Component {
        id: "sessions".to_owned(),
        position: None,
        region: None,
        spec: ComponentSpec::KeyValueStore(store),
    });
    for from in ["web", "workers"] {
        design.connections.push(Connection { from: from.to_owned(), to: "sessions".to_owned() });
    }
    let two = reference::by_name("two-zones").expect("shipped");
    for mut c in two.components.into_iter().filter(|c| matches!(c.spec, ComponentSpec::Instance(_))) {
        c.id = format!("side-{}", c.id);
        design.connections.push(Connection { from: "lb-1".to_owned(), to: c.id.clone() });
        design.connections.push(Connection { from: c.id.clone(), to: "db".to_owned() });
        design.components.push(c);
    }
    extra.push((
        "side-cpu",
        alarm(
            "side-web-1",
            MetricName::CpuUtilization,
            Statistic::Average,
            80.0,
            Comparison::GreaterThanThreshold,
        ),
    ));
    for (id, spec) in extra {
        design.components.push(Component {
            id: id.to_owned(),
            position: None,
            region: None,
            spec: ComponentSpec::Alarm(spec),
        });
    }
    serde_json::to_string_pretty(&design).expect("a design serialises")
}

/// Three-tier with a DNS name (Route 53 failover record and health check) in front of its
/// load balancer: one region, one stack with the record.
fn three_tier_behind_dns() -> String {
    let mut design = reference::three_tier();
    design.name = "Three tier behind DNS".to_owned();
    design.components.push(Component {
        id: "www".to_owned(),
        position: None,
        region: None,
        spec: ComponentSpec::Dns(DnsSpec { fast_health_checks: true, ..DnsSpec::default() }),
    });
    design.connections.retain(|l| l.from != "clients");
    design.connections.push(Connection { from: "clients".to_owned(), to: "www".to_owned() });
    design.connections.push(Connection { from: "www".to_owned(), to: "lb-1".to_owned() });
    serde_json::to_string_pretty(&design).expect("a design serialises")
}

/// Every design to lint as (name, `nines export-cfn` argument), writing files into `dir`.
fn designs(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        reference::NAMES.iter().map(|n| ((*n).to_owned(), format!("reference:{n}"))).collect();
    for path in design_files(&repo().join("crates/sim/designs")) {
        let name = path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        out.push((format!("file-{name}"), path.to_string_lossy().into_owned()));
    }
    let mut written = level_solutions();
    written.push(("every-kind".to_owned(), every_kind()));
    written.push(("three-tier-behind-dns".to_owned(), three_tier_behind_dns()));
    for (name, json) in written {
        let path = dir.join(format!("{name}.nines.json"));
        std::fs::write(&path, json).expect("write a design");
        out.push((name, path.to_string_lossy().into_owned()));
    }
    out
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nines-cfn-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn every_design_exports_a_template_cfn_lint_passes() {
    let Some(lint) = cfn_lint() else {
        let how = "cfn-lint is not installed: run scripts/setup (or set NINES_CFN_LINT)";
        assert!(std::env::var_os("CI").is_none(), "{how}");
        eprintln!("skipped: {how}");
        return;
    };
    let dir = temp_dir("lint");
    let mut templates = Vec::new();
    let mut two_region = 0;
    for (name, design) in designs(&dir) {
        for (suffix, extra) in [("yaml", &[][..]), ("game-day", &["--format", "json", "--game-day"][..])] {
            // Every stack of every design, each to its own file: one for a one-region
            // design, one per region for a two-region one.
            let folder = dir.join(format!("{name}.{suffix}"));
            let mut args = vec!["export-cfn", design.as_str(), "--out-dir", folder.to_str().expect("utf-8")];
            args.extend_from_slice(extra);
            let out = nines(&args);
            assert!(out.status.success(), "export-cfn {design}: {}", stderr(&out));
            let written: Vec<PathBuf> = stdout(&out).lines().map(PathBuf::from).collect();
            if name.contains("multi-region") {
                let names: Vec<String> = written
                    .iter()
                    .map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
                    .collect();
                let ext = if suffix == "yaml" { "yaml" } else { "json" };
                assert_eq!(
                    names,
                    [
                        format!("multi-region-us-east-1.template.{ext}"),
                        format!("multi-region-us-west-2.template.{ext}")
                    ],
                    "{design}"
                );
                two_region += written.len();
            } else {
                assert_eq!(written.len(), 1, "{design}: one region, one stack");
            }
            for path in &written {
                let text = std::fs::read_to_string(path).expect("the written template");
                assert!(!text.is_empty(), "{}", path.display());
            }
            templates.extend(written);
        }
    }
    // The multi-region design, as a reference and as a file, YAML and JSON: 2 stacks each.
    assert_eq!(two_region, 8, "two stacks per export of the multi-region design");
    assert!(templates.len() >= 2 * (reference::NAMES.len() + 1 + 9), "{} templates", templates.len());
    let out = Command::new(&lint).arg("--").args(&templates).output().expect("cfn-lint runs");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "cfn-lint found problems (2 = error, 4 = warning):\n{report}");
    assert!(report.trim().is_empty(), "cfn-lint printed:\n{report}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_yaml_names_every_component_and_what_to_fill_in() {
    let out = nines(&["export-cfn", "reference:three-tier"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("# Three tier — exported from Nines"), "{text}");
    for needle in [
        "Lb1LoadBalancer:",
        "WebGroup:",
        "WorkersGroup:",
        "JobsQueue:",
        "DbDatabase:",
        "MultiAZ: true",
        "Nines::Simulation:",
    ] {
        assert!(text.contains(needle), "{needle} missing");
    }
    assert!(!text.contains("GameDay"), "the game day only with --game-day");
}

#[test]
fn json_with_a_game_day_parses_and_holds_the_experiment() {
    let out = nines(&["export-cfn", "reference:three-tier", "--format", "json", "--game-day"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(json["Resources"]["GameDayLoseZone"]["Type"], "AWS::FIS::ExperimentTemplate");
    assert_eq!(json["Resources"]["ResiliencyPolicy"]["Type"], "AWS::ResilienceHub::ResiliencyPolicy");
}

#[test]
fn a_bad_design_or_option_exits_with_code_2_and_says_why() {
    let dir = temp_dir("bad");
    let path = dir.join("broken.nines.json");
    std::fs::write(&path, r#"{"version": 1, "region": {"zones": ["a"]}, "components": [{"id": "x", "kind": "queue", "visibility_timeout_s": -1}]}"#)
        .expect("write");
    let out = nines(&["export-cfn", path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("visibility_timeout_s"), "{}", stderr(&out));
    let out = nines(&["export-cfn", "reference:three-tier", "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("use yaml or json"), "{}", stderr(&out));
    let out = nines(&["export-cfn", "missing.nines.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read missing.nines.json"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_kind_is_exported_with_nothing_left_out_that_aws_can_say() {
    let dir = temp_dir("every");
    let path = dir.join("every-kind.nines.json");
    std::fs::write(&path, every_kind()).expect("write");
    let out = nines(&["export-cfn", path.to_str().expect("utf-8 path"), "--format", "json", "--game-day"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let count = |kind: &str| {
        json["Resources"].as_object().map_or(0, |r| r.values().filter(|v| v["Type"] == kind).count())
    };
    assert_eq!(
        count("AWS::AutoScaling::ScalingPolicy"),
        5,
        "cpu, requests per target, step, backlog, simple"
    );
    assert_eq!(count("AWS::CloudWatch::Alarm"), 12, "11 of the design's and the game day's stop condition");
    assert_eq!(count("AWS::RDS::DBInstance"), 3, "primary and two read replicas");
    assert_eq!(count("AWS::EC2::Instance"), 2);
    assert_eq!(count("AWS::DynamoDB::Table"), 1);
    let throughput = &json["Resources"]["SessionsTable"]["Properties"]["ProvisionedThroughput"];
    assert_eq!(*throughput, serde_json::json!({ "ReadCapacityUnits": 2500, "WriteCapacityUnits": 800 }));
    let attributes = json["Resources"]["Lb1TargetGroup"]["Properties"]["TargetGroupAttributes"].to_string();
    assert!(attributes.contains("stickiness.lb_cookie.duration_seconds"), "{attributes}");
    assert_eq!(json["Metadata"]["Nines::Simulation"]["Components"]["sessions"]["ReadConsistency"], "strong");
    let left_out = json["Metadata"]["Nines::LeftOut"].as_array().expect("a list");
    assert_eq!(
        left_out.len(),
        4,
        "Multi-AZ placement, the simulation, the dependency target, the store's VPC endpoint: {left_out:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_two_region_design_prints_the_stack_of_the_region_asked_for() {
    let out = nines(&["export-cfn", "reference:multi-region"]);
    assert_eq!(out.status.code(), Some(2));
    let error = stderr(&out);
    assert!(
        error.contains("us-east-1, us-west-2") && error.contains("--region") && error.contains("--out-dir"),
        "{error}"
    );
    let out = nines(&["export-cfn", "reference:multi-region", "--region", "eu-west-1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--region eu-west-1"), "{}", stderr(&out));

    let out = nines(&["export-cfn", "reference:multi-region", "--region", "us-west-2", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let resources = &json["Resources"];
    assert_eq!(resources["LbWestRecord"]["Type"], "AWS::Route53::RecordSet");
    assert_eq!(resources["LbWestRecord"]["Properties"]["Failover"], "SECONDARY");
    assert_eq!(resources["LbWestHealthCheck"]["Type"], "AWS::Route53::HealthCheck");
    assert!(resources.get("LbEastLoadBalancer").is_none(), "us-east-1's load balancer is in its own stack");
    assert_eq!(json["Metadata"]["Nines::Design"]["Region"], "us-west-2");
    let out = nines(&["export-cfn", "reference:multi-region", "--region", "us-east-1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("# The us-east-1 stack: create it in us-east-1."), "{}", stdout(&out));
}
