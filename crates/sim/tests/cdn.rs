//! The CDN and object storage against the numbers: a CDN with object storage as its
//! origin sends only the dynamic share of requests to the load balancer
//! (1 − static fraction); without object storage its misses go there too
//! (1 − static fraction × hit ratio); without a CDN the instances serve everything.
//! Misses fetch from object storage at (static fraction × (1 − hit ratio)) of the
//! requests, at most 5,500 GETs per second per prefix (S3's documented rate); an
//! object-storage outage fails only the misses, and every request still ends once.

mod common;

use common::{assert_conserved, component, design, link, run_checked};
use nines_sim::design::{
    CdnSpec, ClientsSpec, ComponentSpec, Design, ObjectStorageSpec, RateProfile, reference,
};
use nines_sim::request::FailureCause;
use nines_sim::time::{MINUTE, SECOND};
use nines_sim::{Command, World};

/// The shipped lesson's numbers.
const STATIC_FRACTION: f64 = 0.7;
const HIT_RATIO: f64 = 0.9;

fn run(design: &Design, until: u64) -> World {
    let mut world = World::new(design).expect("valid design");
    run_checked(&mut world, until, 10 * SECOND);
    world
}

/// Requests that reached an instance's slot.
fn instance_load(world: &World) -> u64 {
    world.recorder().queueing.served
}

/// `measured` is `share` of `n` within five binomial standard deviations (plus the few
/// requests still in flight).
fn assert_share(what: &str, measured: u64, n: u64, share: f64) {
    let expected = n as f64 * share;
    let sd = (n as f64 * share * (1.0 - share)).sqrt();
    let off = (measured as f64 - expected).abs();
    assert!(
        off <= 5.0 * sd + 50.0,
        "{what}: {measured} of {n}, expected {expected:.0} ± {:.0}",
        5.0 * sd + 50.0
    );
}

fn with_cdn(mut design: Design, edit: impl Fn(&mut CdnSpec)) -> Design {
    for c in &mut design.components {
        if let ComponentSpec::Cdn(cdn) = &mut c.spec {
            edit(cdn);
        }
    }
    design
}

/// The static-cdn design without object storage: the CDN caches what the instances serve.
fn without_storage() -> Design {
    let mut d = reference::static_cdn();
    d.components.retain(|c| c.id != "assets");
    d.connections.retain(|l| l.to != "assets");
    d
}

/// The static-cdn design without the CDN: clients straight to the load balancer.
fn without_cdn() -> Design {
    let mut d = without_storage();
    d.components.retain(|c| c.id != "cdn");
    d.connections.retain(|l| l.from != "cdn");
    for l in &mut d.connections {
        if l.to == "cdn" {
            l.to = "lb-1".into();
        }
    }
    d
}

#[test]
fn with_a_cdn_and_object_storage_only_the_dynamic_share_reaches_the_instances() {
    let world = run(&reference::static_cdn(), 5 * MINUTE);
    let s = world.summary();
    let n = s.totals.arrived;
    assert!(n > 140_000, "500 requests/s for 5 minutes: {n}");
    assert_eq!(s.cdn.requests, n, "every request goes through the CDN");
    assert_share("instance load", instance_load(&world), n, 1.0 - STATIC_FRACTION);
    assert_share("forwarded", s.cdn.forwarded, n, 1.0 - STATIC_FRACTION);
    assert_share("static", s.cdn.static_requests, n, STATIC_FRACTION);
    assert_share("edge hits", s.cdn.edge_hits, n, STATIC_FRACTION * HIT_RATIO);
    assert_share("origin fetches", s.cdn.origin_fetches, n, STATIC_FRACTION * (1.0 - HIT_RATIO));
    assert_eq!(s.cdn.misses, s.cdn.origin_fetches, "every miss goes to object storage");
    assert_eq!(s.cdn.origin_errors, 0);
    assert_eq!(s.totals.failed_total(), 0, "{:?}", s.failures_by_cause);
    // A hit takes the edge's 10 ms, a miss 10 + 100 ms: the median request is a hit.
    assert!(s.latency.p50_us <= 12_000, "p50 {} µs", s.latency.p50_us);
}

#[test]
fn without_object_storage_the_misses_reach_the_instances_too() {
    let world = run(&without_storage(), 5 * MINUTE);
    let s = world.summary();
    let n = s.totals.arrived;
    assert_share("instance load", instance_load(&world), n, 1.0 - STATIC_FRACTION * HIT_RATIO);
    assert_eq!(s.cdn.origin_fetches, 0);
    assert_eq!(s.cdn.forwarded, s.cdn.requests - s.cdn.edge_hits);
}

#[test]
fn without_a_cdn_the_instances_serve_every_request() {
    let world = run(&without_cdn(), 5 * MINUTE);
    let s = world.summary();
    assert!(s.cdn.is_empty());
    let load = instance_load(&world);
    assert!(load <= s.totals.arrived);
    assert!(
        s.totals.arrived - load <= 100,
        "all but those in flight reached an instance: {load} of {}",
        s.totals.arrived
    );
}

#[test]
fn the_hit_ratio_sets_the_origin_fetch_rate() {
    for hit_ratio in [0.0, 0.5, 1.0] {
        let world = run(&with_cdn(reference::static_cdn(), |c| c.hit_ratio = hit_ratio), 2 * MINUTE);
        let s = world.summary();
        let n = s.totals.arrived;
        assert_share(
            &format!("origin fetches at {hit_ratio}"),
            s.cdn.origin_fetches,
            n,
            STATIC_FRACTION * (1.0 - hit_ratio),
        );
        assert_share(
            &format!("instance load at {hit_ratio}"),
            instance_load(&world),
            n,
            1.0 - STATIC_FRACTION,
        );
        let gets = world.snapshot().object_storage[0].totals.gets;
        assert_eq!(gets, s.cdn.origin_fetches, "each fetch is one GET");
    }
}

#[test]
fn an_object_storage_outage_fails_only_the_misses() {
    let mut world = World::new(&reference::static_cdn()).expect("valid");
    world.schedule(2 * MINUTE, Command::StorageOutage { storage: "assets".into() });
    world.schedule(4 * MINUTE, Command::RestoreStorage { storage: "assets".into() });
    run_checked(&mut world, 2 * MINUTE, 10 * SECOND);
    let before = world.summary();
    run_checked(&mut world, 4 * MINUTE, 10 * SECOND);
    let during = world.summary();
    run_checked(&mut world, 6 * MINUTE, 10 * SECOND);
    let after = world.summary();

    assert_eq!(before.totals.failed_total(), 0);
    let failed = during.totals.failed_total();
    let misses = during.cdn.misses - before.cdn.misses;
    let n = during.totals.arrived - before.totals.arrived;
    assert_eq!(failed, during.totals.failed[FailureCause::OriginError.index()], "only origin errors");
    // A miss just before the restore may still fail a moment after it; nothing else does.
    assert!(failed.abs_diff(misses) <= 20, "failed {failed}, misses {misses}");
    assert_share("failures during the outage", failed, n, STATIC_FRACTION * (1.0 - HIT_RATIO));
    assert_eq!(during.cdn.origin_errors, failed.max(during.cdn.origin_errors));
    let hits = during.cdn.edge_hits - before.cdn.edge_hits;
    assert_share("edge hits during the outage", hits, n, STATIC_FRACTION * HIT_RATIO);
    assert!(after.totals.failed_total() - failed <= 20, "after the restore, misses succeed again");
    assert_eq!(after.failures_by_cause.len(), 1, "{:?}", after.failures_by_cause);
    assert_eq!(after.failures_by_cause[0].0, "origin error");
    assert!(
        world.log().entries().iter().any(|e| e.to_string().contains("assets: not answering")),
        "the outage is logged"
    );
    assert_eq!(world.incidents().len(), 1, "one fault, one incident");
    assert_conserved(&world);
}

#[test]
fn a_cdn_outage_fails_everything_sent_through_it() {
    let mut world = World::new(&reference::static_cdn()).expect("valid");
    world.schedule(MINUTE, Command::CdnOutage { cdn: "cdn".into() });
    world.schedule(2 * MINUTE, Command::RestoreCdn { cdn: "cdn".into() });
    run_checked(&mut world, MINUTE, 10 * SECOND);
    let before = world.summary();
    run_checked(&mut world, 2 * MINUTE, 10 * SECOND);
    let during = world.summary();
    let n = during.totals.arrived - before.totals.arrived;
    let failed = during.totals.failed_total() - before.totals.failed_total();
    assert!(n - failed <= 100, "{failed} of {n} failed: only those answered as the outage began succeed");
    assert_eq!(during.cdn.unavailable - before.cdn.unavailable, failed);
    run_checked(&mut world, 3 * MINUTE, 10 * SECOND);
    assert_eq!(world.summary().totals.failed_total(), during.totals.failed_total(), "restored");
}

/// Clients that only fetch static assets through a CDN straight from one bucket.
fn assets_only(rate: f64, prefixes: u32) -> Design {
    let clients = ComponentSpec::Clients(ClientsSpec {
        profile: RateProfile::Constant { rate },
        static_fraction: 1.0,
        ..ClientsSpec::default()
    });
    design(
        &["a", "b"],
        vec![
            component("clients", clients),
            component("cdn", ComponentSpec::Cdn(CdnSpec { hit_ratio: 0.0, ..CdnSpec::default() })),
            component(
                "assets",
                ComponentSpec::ObjectStorage(ObjectStorageSpec { prefixes, ..Default::default() }),
            ),
        ],
        vec![link("clients", "cdn"), link("cdn", "assets")],
    )
}

#[test]
fn object_storage_serves_5500_gets_per_second_per_prefix() {
    let world = run(&assets_only(7000.0, 1), 10 * SECOND);
    let s = world.summary();
    let per_second = s.cdn.origin_fetches as f64 / 10.0;
    let served = world.snapshot().object_storage[0].totals.gets as f64 / 10.0;
    assert!((6800.0..7200.0).contains(&per_second), "{per_second} fetches/s");
    assert!(served <= 5500.0 && served > 5400.0, "{served} GETs/s served by one prefix");
    // Refusals come at the end of each second, when the budget is spent; those of the
    // last 110 ms (edge + first byte) are still on their way back.
    let failed = s.totals.failed[FailureCause::OriginError.index()];
    assert!(
        failed <= s.cdn.origin_errors && s.cdn.origin_errors - failed <= 7000 * 110 / 1000,
        "{failed} failed"
    );
    assert!(s.cdn.origin_errors > 10_000, "the rest get 503 Slow Down: {}", s.cdn.origin_errors);

    let world = run(&assets_only(7000.0, 2), 10 * SECOND);
    assert_eq!(world.summary().cdn.origin_errors, 0, "two prefixes serve 11,000 GETs/s");
}

#[test]
fn runs_with_a_cdn_are_deterministic_and_other_designs_draw_nothing_new() {
    let a = run(&reference::static_cdn(), MINUTE);
    let b = run(&reference::static_cdn(), MINUTE);
    assert_eq!(a.digest(), b.digest());
    let other = World::with_seed(&reference::static_cdn(), 7).map(|mut w| {
        w.run_until(MINUTE);
        w.digest()
    });
    assert_ne!(other.ok(), Some(a.digest()), "another seed, another run");
    // A static fraction without a CDN changes nothing: instances serve every request.
    let mut plain = without_cdn();
    let base = run(&plain, MINUTE).digest();
    for c in &mut plain.components {
        if let ComponentSpec::Clients(clients) = &mut c.spec {
            clients.static_fraction = 0.0;
        }
    }
    assert_eq!(run(&plain, MINUTE).digest(), base, "no draw is made without a CDN");
}

#[test]
fn the_running_cost_charges_cdn_requests_and_storage_gets_as_the_estimate_does() {
    let world = run(&reference::static_cdn(), 10 * MINUTE);
    let estimate = nines_sim::design::hourly_cost(&reference::static_cdn());
    let simulated = world.cost_rate();
    let relative = (simulated - estimate.usd_per_hour).abs() / estimate.usd_per_hour;
    assert!(relative < 0.02, "simulated {simulated} USD/h vs estimate {}", estimate.usd_per_hour);
    let cdn = estimate.per_component.iter().find(|(id, _)| id == "cdn").map_or(0.0, |(_, usd)| *usd);
    // 500 requests/s × 3,600 s × $0.01 / 10,000 = $1.80/h.
    assert!((cdn - 1.8).abs() < 0.01, "cdn {cdn} USD/h");
}

#[test]
fn a_single_server_design_is_unchanged_by_the_new_failure_cause() {
    let world = run(&reference::single_server(), MINUTE);
    let json = serde_json::to_value(world.summary()).expect("serialises");
    assert_eq!(
        json["totals"]["failed"].as_array().map(Vec::len),
        Some(7),
        "the eighth cause is written only when it happened"
    );
    assert!(json.get("cdn").is_none());
}
