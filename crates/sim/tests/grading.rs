//! The grader tested like an instrument (GRADING.md "Calibration"): the ladder of the
//! seed story climbs on the principle each step teaches and never falls overall; each
//! principle can be lost and won back with the smallest change; no cheap wins; the same
//! design and seed give the same report byte for byte.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::{Mutex, OnceLock};

use nines_sim::design::{ComponentSpec, Design, HealthCheckType, reference};
use nines_sim::grade::parallel::grade_parallel;
use nines_sim::grade::{
    Disruption, ExperimentKind, GradeError, GradeOptions, PrincipleId, Progress, Report, Source, grade,
    grade_with_progress, text,
};

/// Reports by design name, graded once per test binary (grading takes seconds).
fn graded(name: &str) -> Report {
    static CACHE: OnceLock<Mutex<BTreeMap<String, Report>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(BTreeMap::new()));
    if let Some(report) = cache.lock().expect("cache").get(name) {
        return report.clone();
    }
    let design = reference::by_name(name).expect("a shipped design");
    let report = grade_parallel(&design, &GradeOptions::default(), 2).expect("gradable");
    cache.lock().expect("cache").insert(name.to_owned(), report.clone());
    report
}

fn score(report: &Report, id: PrincipleId) -> u32 {
    report.principle(id).map(|p| p.score).expect("every principle is scored")
}

fn mutated(name: &str, change: impl Fn(&mut ComponentSpec)) -> Design {
    let mut design = reference::by_name(name).expect("a shipped design");
    design.components.iter_mut().for_each(|c| change(&mut c.spec));
    design
}

fn grade_of(design: &Design) -> Report {
    grade_parallel(design, &GradeOptions::default(), 2).expect("gradable")
}

#[test]
fn the_ladder_climbs_on_each_steps_principle_and_never_falls_overall() {
    let taught = [
        PrincipleId::DesignForFailure,
        PrincipleId::DesignForFailure,
        PrincipleId::MultiAz,
        PrincipleId::BuildForScale,
        PrincipleId::LooseCoupling,
    ];
    let reports: Vec<Report> = reference::LADDER.iter().map(|n| graded(n)).collect();
    for (i, principle) in taught.iter().enumerate() {
        let (before, after) = (&reports[i], &reports[i + 1]);
        let (from, to) = (reference::LADDER[i], reference::LADDER[i + 1]);
        assert!(
            score(after, *principle) > score(before, *principle),
            "{to} must beat {from} on {}: {} vs {}",
            principle.key(),
            score(after, *principle),
            score(before, *principle)
        );
        assert!(
            after.overall.score >= before.overall.score,
            "{to} {} < {from} {}",
            after.overall.score,
            before.overall.score
        );
    }
    assert!(reports[0].overall.score < 40, "one server fails: {}", reports[0].overall.score);
    assert!(reports[5].overall.score >= 75, "three-tier grades B or better: {}", reports[5].overall.score);
}

#[test]
fn every_principle_has_evidence_and_every_lost_point_a_hint() {
    for name in ["single-server", "three-tier"] {
        let report = graded(name);
        assert_eq!(report.principles.len(), 5);
        for p in &report.principles {
            assert!(!p.evidence.is_empty(), "{name} {}", p.id.key());
            let lost = p.evidence.iter().any(|e| e.points < 0);
            assert_eq!(p.hint.is_some(), lost, "{name} {}: hint iff points were lost", p.id.key());
            for e in p.evidence.iter().filter(|e| e.source == Source::Experiment) {
                let index = e.experiment.expect("measured evidence names its experiment");
                let run = &report.experiments[index];
                assert_eq!(e.experiment_name.as_deref(), Some(run.name.as_str()));
                assert!(e.at.is_some_and(|at| at <= run.duration), "{e:?}");
            }
        }
    }
}

#[test]
fn three_tier_meets_every_recovery_target_and_one_server_breaches_them() {
    let good = graded("three-tier");
    let kinds: Vec<Disruption> = good.recovery.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, Disruption::ALL);
    assert!(good.recovery.iter().all(|r| r.met), "{:?}", good.recovery);
    let bad = graded("single-server");
    let instance = bad.recovery.iter().find(|r| r.kind == Disruption::Instance).expect("a kill ran");
    assert!(!instance.met && instance.rto_s.is_none(), "nothing replaces the one server: {instance:?}");
    let kinds: Vec<ExperimentKind> = good.experiments.iter().map(|e| e.kind).collect();
    for kind in [ExperimentKind::Baseline, ExperimentKind::TrafficSpike, ExperimentKind::StopConsumers] {
        assert!(kinds.contains(&kind), "{kind:?} in {kinds:?}");
    }
}

/// Each principle: a design that loses it by one change from three-tier, and three-tier
/// (the change undone) winning it back.
#[test]
fn each_principle_is_lost_by_one_change_and_won_back_by_undoing_it() {
    let top = graded("three-tier");
    let cases: [(PrincipleId, Design); 5] = [
        (
            PrincipleId::DesignForFailure,
            mutated("three-tier", |c| {
                if let ComponentSpec::Database(db) = c {
                    db.standby_zone = None;
                }
            }),
        ),
        (
            PrincipleId::MultiAz,
            mutated("three-tier", |c| {
                if let ComponentSpec::AutoScalingGroup(g) = c {
                    g.zones = vec!["a".to_owned()];
                }
            }),
        ),
        (
            PrincipleId::BuildForScale,
            mutated("three-tier", |c| {
                if let ComponentSpec::AutoScalingGroup(g) = c {
                    g.policies.clear();
                }
            }),
        ),
        (
            PrincipleId::LooseCoupling,
            mutated("three-tier", |c| {
                if let ComponentSpec::Queue(q) = c {
                    q.max_receive_count = None;
                }
            }),
        ),
        (
            PrincipleId::AutomateAndTest,
            mutated("three-tier", |c| {
                if let ComponentSpec::AutoScalingGroup(g) = c {
                    g.health_check_type = HealthCheckType::Ec2;
                }
            }),
        ),
    ];
    for (principle, design) in cases {
        let lost = grade_of(&design);
        assert!(
            score(&lost, principle) < score(&top, principle),
            "{}: {} without the change, {} with it",
            principle.key(),
            score(&lost, principle),
            score(&top, principle)
        );
        let p = lost.principle(principle).expect("scored");
        assert!(p.hint.is_some(), "{} names what to change", principle.key());
    }
}

#[test]
fn a_bigger_instance_does_not_fix_a_single_point_of_failure() {
    let small = graded("single-server");
    let big = grade_of(&mutated("single-server", |c| {
        if let ComponentSpec::Instance(i) = c {
            i.template.size = "m5.2xlarge".to_owned();
        }
    }));
    assert!(score(&big, PrincipleId::DesignForFailure) <= score(&small, PrincipleId::DesignForFailure));
    assert!(score(&big, PrincipleId::MultiAz) <= score(&small, PrincipleId::MultiAz));
    assert!(big.cost_per_month > small.cost_per_month, "and it costs more");
    let text = &big.principle(PrincipleId::DesignForFailure).expect("scored").evidence;
    assert!(text.iter().any(|e| e.text.contains("web-1 is a single point of failure")), "{text:?}");
}

#[test]
fn an_unconnected_standby_earns_nothing() {
    let bare = graded("single-server");
    let mut design = reference::single_server();
    let mut spare = design.component("web-1").expect("web-1").clone();
    spare.id = "web-spare".to_owned();
    if let ComponentSpec::Instance(i) = &mut spare.spec {
        i.zone = "b".to_owned();
    }
    design.components.push(spare);
    let mut db = design.component("db-1").expect("db-1").clone();
    db.id = "db-spare".to_owned();
    design.components.push(db);
    let padded = grade_of(&design);
    for id in PrincipleId::ALL {
        assert!(
            score(&padded, id) <= score(&bare, id),
            "{}: {} > {}",
            id.key(),
            score(&padded, id),
            score(&bare, id)
        );
    }
    let evidence = &padded.principle(PrincipleId::DesignForFailure).expect("scored").evidence;
    assert!(evidence.iter().any(|e| e.text.contains("web-spare is on no request path")), "{evidence:?}");
    assert!(padded.cost_per_month > bare.cost_per_month, "the idle spares still cost");
}

#[test]
fn over_provisioning_shows_its_cost() {
    let top = graded("three-tier");
    let fat = grade_of(&mutated("three-tier", |c| {
        if let ComponentSpec::AutoScalingGroup(g) = c {
            g.min = g.max;
            g.desired = g.max;
        }
    }));
    assert!(
        fat.cost_per_month > 1.5 * top.cost_per_month,
        "{} vs {}",
        fat.cost_per_month,
        top.cost_per_month
    );
    // A group that cannot grow (max = min) does not "scale".
    assert!(score(&fat, PrincipleId::BuildForScale) < score(&top, PrincipleId::BuildForScale));
}

#[test]
fn the_same_design_and_seed_give_the_same_report_byte_for_byte() {
    let design = reference::single_server();
    let once =
        serde_json::to_string(&grade(&design, &GradeOptions::default()).expect("gradable")).expect("json");
    let twice =
        serde_json::to_string(&grade(&design, &GradeOptions::default()).expect("gradable")).expect("json");
    assert_eq!(once, twice);
    let threaded = grade_parallel(&design, &GradeOptions::default(), 3).expect("gradable");
    assert_eq!(serde_json::to_string(&threaded).expect("json"), once, "threads change nothing");
    let back: Report = serde_json::from_str(&once).expect("a report reads back");
    assert_eq!(back, threaded);
    let other = grade(&design, &GradeOptions { seed: Some(7), ..GradeOptions::default() }).expect("gradable");
    assert_eq!(other.seed, 7);
    assert_ne!(serde_json::to_string(&other).expect("json"), once, "another seed, other runs");
}

#[test]
fn several_seeds_give_an_interval_around_the_mean() {
    let design = reference::single_server();
    let report = grade(&design, &GradeOptions { seeds: 3, ..GradeOptions::default() }).expect("gradable");
    let interval = report.interval.expect("three seeds give an interval");
    assert_eq!(interval.seeds, 3);
    assert!(interval.low <= interval.mean && interval.mean <= interval.high, "{interval:?}");
    assert!(interval.high - interval.low > 0.0, "different seeds differ: {interval:?}");
    let error =
        grade(&design, &GradeOptions { seeds: 1000, ..GradeOptions::default() }).expect_err("too many");
    assert!(error.to_string().contains("option `seeds`"), "{error}");
}

#[test]
fn progress_names_each_experiment_and_cancel_stops_between_them() {
    let design = reference::single_server();
    let mut seen: Vec<Progress> = Vec::new();
    let report = grade_with_progress(&design, &GradeOptions::default(), &mut |p| {
        seen.push(p.clone());
        ControlFlow::Continue(())
    })
    .expect("gradable");
    assert_eq!(seen.len(), report.experiments.len());
    for (i, (p, e)) in seen.iter().zip(&report.experiments).enumerate() {
        assert_eq!((p.index, p.count, p.name.as_str()), (i, seen.len(), e.name.as_str()));
    }
    let result = grade_with_progress(&design, &GradeOptions::default(), &mut |p| {
        if p.index == 2 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    });
    assert!(matches!(result, Err(GradeError::Cancelled { done: 2, .. })), "{result:?}");
}

#[test]
fn an_invalid_design_is_refused_with_its_problems() {
    let mut design = reference::single_server();
    design.connections.clear();
    design.region_mut().zones.clear();
    let error = grade(&design, &GradeOptions::default()).expect_err("invalid");
    assert!(matches!(error, GradeError::Design(_)), "{error}");
}

#[test]
fn the_text_report_shows_grades_evidence_recovery_and_experiments() {
    let report = graded("three-tier");
    let text = text::render(&report);
    for needle in ["Three tier: ", "Design for failure", "Loose coupling", "recovery", "lose zone a", "met"] {
        assert!(text.contains(needle), "`{needle}` missing from\n{text}");
    }
}

/// The digest of the one-server design's report; the root package's `tests/determinism.rs`
/// pins the same value natively and in WebAssembly.
const PINNED_REPORT: u64 = 0x8f9b_2010_7c60_c7bb;

#[test]
fn the_one_server_report_digest_is_the_pinned_one() {
    let digest = grade(&reference::single_server(), &GradeOptions::default()).expect("gradable").digest();
    assert_eq!(
        digest, PINNED_REPORT,
        "digest is {digest:#018x}; pin it (here and in tests/determinism.rs) if the grader changed on purpose"
    );
}

fn evidence(report: &Report, id: PrincipleId) -> Vec<String> {
    report.principle(id).map(|p| p.evidence.iter().map(|e| e.text.clone()).collect()).unwrap_or_default()
}

#[test]
fn sessions_in_memory_behind_a_sticky_load_balancer_cost_design_for_failure_and_a_store_wins_it_back() {
    let sticky = graded("sticky-sessions");
    let store = graded("session-store");
    let lines = evidence(&sticky, PrincipleId::DesignForFailure);
    assert!(
        lines.iter().any(|l| l.contains("lb-1 pins users to targets that keep sessions in memory")),
        "{lines:#?}"
    );
    let kill = sticky
        .experiments
        .iter()
        .find(|e| e.kind == ExperimentKind::KillInstance)
        .expect("a kill experiment");
    assert!(kill.result.sessions_lost > 200, "a third of 1,000 users: {}", kill.result.sessions_lost);
    assert!(lines.iter().any(|l| l.contains("user sessions lost")), "{lines:#?}");

    let fixed = evidence(&store, PrincipleId::DesignForFailure);
    assert!(
        fixed.iter().any(|l| l.contains("keep sessions in a store: a dead target loses none")),
        "{fixed:#?}"
    );
    assert!(store.experiments.iter().all(|e| e.result.sessions_lost == 0));
    // The key-value store is replicated across zones: it is no single point of failure.
    assert!(!fixed.iter().any(|l| l.contains("sessions is a single point of failure")), "{fixed:#?}");
    assert!(
        score(&store, PrincipleId::DesignForFailure) > score(&sticky, PrincipleId::DesignForFailure),
        "{} vs {}",
        score(&store, PrincipleId::DesignForFailure),
        score(&sticky, PrincipleId::DesignForFailure)
    );
}

#[test]
fn a_key_value_store_too_small_for_the_spike_is_named_in_build_for_scale() {
    // About 60 writes/s normally; the 5× spike needs about 300. 100 WCU fit the first only.
    let mut design = reference::session_store();
    for component in &mut design.components {
        if let ComponentSpec::KeyValueStore(kv) = &mut component.spec {
            kv.write_capacity = 100;
        }
    }
    let small = grade_parallel(&design, &GradeOptions::default(), 2).expect("gradable");
    let spike = small.experiments.iter().find(|e| e.kind == ExperimentKind::TrafficSpike).expect("a spike");
    assert!(
        spike.result.kv_throttled > 1000,
        "the spike's extra writes are throttled: {}",
        spike.result.kv_throttled
    );
    let lines = evidence(&small, PrincipleId::BuildForScale);
    let line = lines
        .iter()
        .find(|l| l.contains("key-value calls throttled"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(line.contains(&spike.result.kv_throttled.to_string()), "{line}");

    let fits = graded("session-store");
    let spike = fits.experiments.iter().find(|e| e.kind == ExperimentKind::TrafficSpike).expect("a spike");
    assert_eq!(spike.result.kv_throttled, 0, "500 WCU carry the spike");
    let json = serde_json::to_string(&spike.result).expect("serialises");
    assert!(!json.contains("kv_throttled"), "absent when zero: reports without throttling are unchanged");
}

#[test]
fn static_requests_that_no_cdn_serves_are_a_remark_under_build_for_scale_worth_no_points() {
    let mut bypass = reference::static_cdn();
    for link in &mut bypass.connections {
        if link.from == "clients" {
            link.to = "lb-1".into();
        }
    }
    let report = grade_of(&bypass);
    let scale = report.principle(PrincipleId::BuildForScale).expect("scored");
    let remark = scale
        .evidence
        .iter()
        .find(|e| e.text.contains("static assets and no CDN serves them"))
        .unwrap_or_else(|| panic!("{:#?}", evidence(&report, PrincipleId::BuildForScale)));
    assert_eq!((remark.points, remark.of), (0, 0), "a remark moves no score");
    assert_eq!(remark.component.as_deref(), Some("clients"));
    let served = graded("static-cdn");
    assert!(
        !evidence(&served, PrincipleId::BuildForScale).iter().any(|l| l.contains("no CDN serves them")),
        "the CDN serves them"
    );
}
