//! Two regions behind DNS: a region's loss moves traffic to the other within health-check
//! detection plus one TTL (plus the late resolvers' longer hold), availability during the
//! loss is what that arithmetic predicts, the primary takes traffic back after it returns,
//! latency routing keeps clients in their own region, and runs repeat exactly.

use nines_sim::World;
use nines_sim::command::TimedCommand;
use nines_sim::design::{ComponentSpec, Design, DnsRouting, DnsSpec, parse_design, reference, validate};
use nines_sim::event_log::Happening;
use nines_sim::time::{Micros, SECOND};

/// When the region is lost [s].
const LOSS_S: u64 = 300;

fn dns_spec(design: &Design) -> DnsSpec {
    let found = design.components.iter().find_map(|c| match &c.spec {
        ComponentSpec::Dns(d) => Some(d.clone()),
        _ => None,
    });
    found.expect("the design has a DNS name")
}

/// The multi-region design run to `until_s` with `us-east-1` lost at [`LOSS_S`] (and
/// restored at `restore_s`, if given).
fn run(design: &Design, seed: u64, until_s: u64, restore_s: Option<u64>) -> World {
    let mut world = World::with_seed(design, seed).expect("valid design");
    let mut script = vec![format!("{LOSS_S}s:lose-region us-east-1")];
    script.extend(restore_s.map(|t| format!("{t}s:restore-region us-east-1")));
    let script: Vec<TimedCommand> =
        script.iter().map(|l| TimedCommand::parse(l).unwrap_or_else(|e| panic!("{e}"))).collect();
    world.schedule_all(&script);
    world.run_until(until_s * SECOND);
    world
}

/// (arrived, failed) over whole seconds `from_s..to_s` of the run.
fn window(world: &World, from_s: u64, to_s: u64) -> (u64, u64) {
    let points = world.series().points();
    let slice = &points[from_s as usize..(to_s as usize).min(points.len())];
    let arrived = slice.iter().map(|s| u64::from(s.arrived)).sum();
    let failed = slice.iter().map(|s| u64::from(s.failed_total())).sum();
    (arrived, failed)
}

/// When the DNS took lb-east out of its answers [µs].
fn detected_at(world: &World) -> Micros {
    let entry =
        world.log().entries().iter().find(
            |e| matches!(&e.happening, Happening::DnsRecord { lb, healthy: false, .. } if lb == "lb-east"),
        );
    entry.expect("the DNS noticed lb-east failing").time
}

#[test]
fn a_lost_region_is_detected_within_three_checks_and_traffic_moves_within_one_ttl_more() {
    let design = reference::multi_region();
    let dns = dns_spec(&design);
    let world = run(&design, 1, 1200, None);
    let loss = LOSS_S * SECOND;
    let detected = detected_at(&world);
    let detection_s = (detected - loss) as f64 / SECOND as f64;
    // Three consecutive failed checks 30 s apart: the first may come right after the loss.
    assert!(
        (dns.detection_s() - dns.health_check_interval_s()..=dns.detection_s()).contains(&detection_s),
        "detected after {detection_s} s"
    );
    let detected_s = detected / SECOND;
    // Before detection every request still goes to the dead region.
    let (arrived, failed) = window(&world, LOSS_S + 1, detected_s - 1);
    assert!(failed as f64 >= 0.99 * arrived as f64, "{failed} of {arrived} failed before detection");
    // One TTL after detection, only the late resolvers (5 %) still send there.
    let punctual_done_s = detected_s + dns.ttl_s as u64 + 1;
    for start in (punctual_done_s..punctual_done_s + 300).step_by(30) {
        let (arrived, failed) = window(&world, start, start + 30);
        assert!(
            (failed as f64) <= (dns.late_resolver_share + 0.02) * arrived as f64,
            "{failed} of {arrived} failed in 30 s from {start} s: more than the late resolvers' share"
        );
    }
    let (_, late_failures) = window(&world, punctual_done_s, punctual_done_s + 300);
    assert!(late_failures > 0, "late resolvers keep the stale answer past the TTL");
    // After the late resolvers' hold too, nothing fails.
    let late_done_s = detected_s + (dns.ttl_s * dns.late_resolver_ttl_multiple) as u64 + 1;
    assert_eq!(window(&world, late_done_s, 1200).1, 0, "everyone moved to us-west-2");
    let shares = world.dns()[0].shares();
    assert_eq!(shares, vec![0.0, 1.0], "the last second went to lb-west only");
}

#[test]
fn availability_during_a_region_loss_is_what_detection_ttl_and_late_resolvers_predict() {
    let design = reference::multi_region();
    let dns = dns_spec(&design);
    for seed in [1, 2, 3] {
        let world = run(&design, seed, 1300, None);
        let detection_s = (detected_at(&world) - LOSS_S * SECOND) as f64 / SECOND as f64;
        // Requests lost, in seconds of full traffic: all of them until detection; then a
        // share falling linearly to zero over one TTL (punctual resolvers, half a TTL on
        // average) or over ten TTLs (late resolvers).
        let late = dns.late_resolver_share;
        let ttl = dns.ttl_s;
        let predicted_s =
            detection_s + (1.0 - late) * ttl / 2.0 + late * ttl * dns.late_resolver_ttl_multiple / 2.0;
        let (arrived, failed) = window(&world, LOSS_S, 1300);
        let rate = arrived as f64 / (1300 - LOSS_S) as f64;
        let measured_s = failed as f64 / rate;
        assert!(
            (measured_s - predicted_s).abs() <= 0.05 * predicted_s,
            "seed {seed}: lost {measured_s:.1} s of traffic, predicted {predicted_s:.1} s"
        );
    }
}

#[test]
fn the_primary_takes_traffic_back_after_its_region_returns() {
    let design = reference::multi_region();
    let world = run(&design, 1, 2400, Some(900));
    let back =
        world.log().entries().iter().find(
            |e| matches!(&e.happening, Happening::DnsRecord { lb, healthy: true, .. } if lb == "lb-east"),
        );
    let back = back.expect("lb-east passed its checks again").time;
    assert!(back > 900 * SECOND, "not before the region returned");
    assert_eq!(world.dns()[0].shares(), vec![1.0, 0.0], "the primary answers again");
    let (_, failed) = window(&world, (back / SECOND + 61) as u64, 2400);
    let (arrived, _) = window(&world, (back / SECOND + 61) as u64, 2400);
    assert!(failed < arrived / 1000, "failing back loses nothing: {failed} of {arrived}");
}

#[test]
fn latency_routing_keeps_each_clients_region_and_fails_over_across() {
    let mut design = reference::multi_region();
    for c in &mut design.components {
        if let ComponentSpec::Dns(d) = &mut c.spec {
            d.routing = DnsRouting::Latency;
        }
        if c.id == "clients" {
            c.region = Some("us-west-2".to_owned());
        }
    }
    assert_eq!(validate(&design), vec![]);
    let mut world = World::new(&design).expect("valid");
    world.run_until(60 * SECOND);
    assert_eq!(world.dns()[0].shares(), vec![0.0, 1.0], "clients near us-west-2 go there");
    let world = {
        let mut west_lost = design.clone();
        west_lost.seed = 2;
        let mut world = World::new(&west_lost).expect("valid");
        let script = TimedCommand::parse("60s:lose-region us-west-2").expect("parses");
        world.schedule_all(&[script]);
        world.run_until(900 * SECOND);
        world
    };
    assert_eq!(world.dns()[0].shares(), vec![1.0, 0.0], "their region lost, they go to us-east-1");
}

#[test]
fn region_runs_repeat_exactly_and_a_region_loss_is_its_own_incident() {
    let design = reference::multi_region();
    let a = run(&design, 7, 900, Some(700));
    let b = run(&design, 7, 900, Some(700));
    assert_eq!(a.digest(), b.digest());
    assert_ne!(a.digest(), run(&design, 8, 900, Some(700)).digest());
    let summary = a.summary();
    let incident = summary.incidents.iter().find(|i| i.label.contains("region us-east-1 lost"));
    let incident = incident.expect("the region loss is an incident");
    assert!(incident.time_to_detect_s().is_some_and(|d| (60.0..=90.0).contains(&d)), "{incident:?}");
}

#[test]
fn regions_are_checked_by_name_and_zones_within_their_region() {
    let text = include_str!("../designs/multi-region.nines.json");
    let broken = text.replacen("\"region\": \"us-west-2\"", "\"region\": \"eu-west-9\"", 1);
    let problems = parse_design(&broken).expect_err("no such region").problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "components[4].region");
    assert!(problems[0].message.contains("us-east-1, us-west-2"), "{}", problems[0].message);
    let mut design = reference::multi_region();
    design.regions[1].zones = vec!["c".to_owned()];
    let problems = validate(&design);
    assert!(
        problems.iter().any(|p| p.path == "components[4].zones[0]" && p.message.contains("region us-west-2"))
    );
    let mut design = reference::multi_region();
    design.connections.push(nines_sim::design::Connection { from: "dns".into(), to: "web-east".into() });
    let problems = validate(&design);
    assert!(
        problems.iter().any(|p| p.message.contains("a DNS name points only to load balancers")),
        "{problems:?}"
    );
    let mut design = reference::multi_region();
    design.connections.push(nines_sim::design::Connection { from: "lb-east".into(), to: "web-west".into() });
    let problems = validate(&design);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "connections[5].to");
    assert!(
        problems[0].message.starts_with(
            "load balancer lb-east in region us-east-1 would route requests to web group web-west in region us-west-2, \
             but a load balancer's targets run in its own region"
        ),
        "{}",
        problems[0].message
    );
    let mut design = reference::multi_region();
    design.regions.push(design.regions[0].clone());
    let paths: Vec<String> = validate(&design).into_iter().map(|p| p.path).collect();
    assert!(
        paths.contains(&"regions".to_owned()) && paths.contains(&"regions[2].name".to_owned()),
        "{paths:?}"
    );
}

/// The multi-region design with a CDN in front of its DNS name: half the requests are
/// static, answered at the edge or from object storage in `storage_region`; the dynamic half
/// goes on through the DNS name (clients → CDN → DNS → load balancer).
fn behind_a_cdn(storage_region: &str) -> Design {
    let mut design = serde_json::to_value(reference::multi_region()).expect("serialises");
    let components = design["components"].as_array_mut().expect("components");
    components[0]["static_fraction"] = serde_json::json!(0.5);
    components.push(serde_json::json!({"id": "cdn", "kind": "cdn"}));
    components.push(serde_json::json!({"id": "assets", "kind": "object_storage", "region": storage_region}));
    let links = design["connections"].as_array_mut().expect("connections");
    links.retain(|l| l["from"] != "clients");
    for (from, to) in [("clients", "cdn"), ("cdn", "dns"), ("cdn", "assets")] {
        links.push(serde_json::json!({"from": from, "to": to}));
    }
    parse_design(&design.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_cdn_in_front_of_dns_keeps_serving_static_requests_while_the_dynamic_ones_fail_over() {
    let design = behind_a_cdn("us-west-2");
    let dns = dns_spec(&design);
    let world = run(&design, 1, 1200, None);
    let points = world.series().points();
    let sum = |from: u64, to: u64, f: &dyn Fn(&nines_sim::measure::recorder::Second) -> u32| -> u64 {
        points[from as usize..to as usize].iter().map(|s| u64::from(f(s))).sum()
    };
    // Before the loss: the CDN sends on only the dynamic half, and nothing fails.
    let (arrived, failed) = window(&world, 60, LOSS_S);
    let forwarded = sum(60, LOSS_S, &|s| s.cdn_forwarded);
    let share = forwarded as f64 / arrived as f64;
    assert!((0.47..0.53).contains(&share), "the CDN sent on {share:.3} of the requests");
    assert!(sum(60, LOSS_S, &|s| s.edge_hits) > 0 && failed == 0, "{failed} failed before the loss");
    // Until the DNS notices, the dynamic half fails; the static half is still answered.
    let detected_s = detected_at(&world) / SECOND;
    let (arrived, failed) = window(&world, LOSS_S + 1, detected_s - 1);
    let failed_share = failed as f64 / arrived as f64;
    assert!((0.45..0.55).contains(&failed_share), "{failed_share:.3} failed before detection");
    // One TTL after detection, only the late resolvers' share of the dynamic half fails.
    let from = detected_s + dns.ttl_s as u64 + 1;
    let (arrived, failed) = window(&world, from, from + 300);
    assert!(
        failed as f64 <= (dns.late_resolver_share * 0.5 + 0.02) * arrived as f64,
        "{failed} of {arrived} failed after the failover"
    );
}

#[test]
fn losing_a_region_takes_its_object_storage_down_and_the_edges_serve_only_their_hits() {
    let design = behind_a_cdn("us-east-1");
    let world = run(&design, 1, 1200, Some(900));
    let storage_failures: u64 = world.series().points()[LOSS_S as usize + 1..900]
        .iter()
        .map(|s| u64::from(s.failed[nines_sim::request::FailureCause::OriginError.index()]))
        .sum();
    assert!(storage_failures > 0, "misses failed while us-east-1's bucket was down");
    let (arrived, failed) = window(&world, 1000, 1200);
    assert!(failed as f64 <= 0.01 * arrived as f64, "{failed} of {arrived} failed after the restore");
}

/// Requests that entered each region, and those of them that failed, over whole seconds
/// `from_s..to_s`: `([us-east-1, us-west-2] received, [us-east-1, us-west-2] failed)`.
fn by_region(world: &World, from_s: u64, to_s: u64) -> ([u64; 2], [u64; 2]) {
    let points = world.series().points();
    let mut sums = ([0; 2], [0; 2]);
    for point in &points[from_s as usize..(to_s as usize).min(points.len())] {
        let r = point.regions.expect("a two-region design records requests by region");
        for k in 0..2 {
            sums.0[k] += u64::from(r.received[k]);
            sums.1[k] += u64::from(r.failed[k]);
        }
    }
    sums
}

#[test]
fn requests_by_region_move_from_the_lost_region_to_the_other() {
    let design = reference::multi_region();
    let dns = dns_spec(&design);
    let world = run(&design, 1, 1200, None);
    // Conservation: every request goes through the DNS name to one region's load balancer,
    // in the second it was sent, and every failure is of a request that entered a region.
    for (start, point) in world.series().iter() {
        let r = point.regions.expect("recorded every second");
        assert_eq!(r.received_total(), point.arrived, "second {start}: received by region ≠ sent");
        assert_eq!(r.failed.iter().sum::<u32>(), point.failed_total(), "second {start}: failures");
    }
    // Before the loss the primary, us-east-1, carries everything.
    let (received, failed) = by_region(&world, 10, LOSS_S);
    let (arrived, _) = window(&world, 10, LOSS_S);
    assert_eq!((received, failed), ([arrived, 0], [0, 0]), "failover routing: all to the primary");
    assert!(arrived > 10_000, "{arrived}");
    // Until the DNS notices, requests still go to us-east-1 and fail there.
    let detected_s = detected_at(&world) / SECOND;
    let (received, failed) = by_region(&world, LOSS_S + 1, detected_s - 1);
    assert_eq!(received[1], 0, "nothing moves before detection");
    assert_eq!(failed[0], received[0], "every request sent to the lost region fails there");
    // Detection plus one TTL later, us-west-2 carries nearly all of it; what still goes to
    // us-east-1 is the late resolvers' share, and fails.
    let from = detected_s + dns.ttl_s as u64 + 1;
    let (received, failed) = by_region(&world, from, from + 300);
    let west_share = received[1] as f64 / (received[0] + received[1]) as f64;
    assert!(west_share >= 1.0 - dns.late_resolver_share - 0.02, "us-west-2 took {west_share:.3}");
    assert!(received[0] > 0 && failed[0] == received[0], "late resolvers: {received:?} {failed:?}");
    assert_eq!(failed[1], 0, "us-west-2 serves what it receives");
    // After the late resolvers' hold, us-west-2 carries all of it.
    let late_done_s = detected_s + (dns.ttl_s * dns.late_resolver_ttl_multiple) as u64 + 1;
    let (received, _) = by_region(&world, late_done_s, 1200);
    assert_eq!(received[0], 0, "no request reaches us-east-1 any more");
    assert_eq!(received[1], window(&world, late_done_s, 1200).0);
}

#[test]
fn requests_through_a_cdn_count_in_a_region_only_when_sent_on_to_a_load_balancer() {
    let design = behind_a_cdn("us-west-2");
    let world = run(&design, 1, 600, None);
    let (received, _) = by_region(&world, 0, 600);
    let forwarded: u64 = world.series().points().iter().map(|s| u64::from(s.cdn_forwarded)).sum();
    // Static requests stay at the edge or in the bucket; the CDN's forwards cross a second
    // boundary now and then (edge latency), so the last second's few may be in flight.
    let total = received[0] + received[1];
    assert!(total.abs_diff(forwarded) <= 20, "received {received:?}, forwarded {forwarded}");
    assert_eq!(by_region(&world, 0, LOSS_S).0[1], 0, "before the loss: the primary only");
    assert!(received[1] > 0, "after the loss the dynamic requests move to us-west-2");
}

#[test]
fn one_region_designs_record_nothing_by_region() {
    let mut world = World::new(&reference::three_tier()).expect("valid");
    world.run_until(30 * SECOND);
    assert!(world.series().points().iter().all(|s| s.regions.is_none()));
    let json = serde_json::to_string(world.series().points()).expect("serialises");
    assert!(!json.contains("regions"), "the series' JSON is what it was before");
}
