//! One stack per region and the DNS name as Route 53: each region's template holds its own
//! components, the records carry the design's routing, TTL and health-check settings, and
//! one-region designs keep their one template.

use serde_json::{Value, json};

use super::*;
use crate::design::{AlarmSpec, Connection, DnsRouting, DnsSpec, QueueSpec, reference, validate};

fn props<'a>(t: &'a Template, logical: &str) -> &'a Value {
    &t.resources.get(logical).unwrap_or_else(|| panic!("no {logical} in {:?}", t.resources.keys())).properties
}

fn dns_mut(design: &mut Design) -> &mut DnsSpec {
    design
        .components
        .iter_mut()
        .find_map(|c| match &mut c.spec {
            ComponentSpec::Dns(dns) => Some(dns),
            _ => None,
        })
        .expect("a DNS name")
}

fn two(design: &Design) -> (Template, Template) {
    let mut stacks = stacks(design, &Options::default()).into_iter();
    let (east, west) = (stacks.next().expect("us-east-1"), stacks.next().expect("us-west-2"));
    assert_eq!((east.region.as_str(), west.region.as_str()), ("us-east-1", "us-west-2"));
    assert!(stacks.next().is_none(), "one stack per region");
    (east.template, west.template)
}

#[test]
fn a_two_region_design_is_one_stack_per_region_each_with_its_own_components() {
    let design = reference::multi_region();
    assert_eq!(refusal(&design), None);
    let (east, west) = two(&design);
    for (t, own, other, region) in
        [(&east, "East", "West", "us-east-1"), (&west, "West", "East", "us-west-2")]
    {
        for kind in ["LoadBalancer", "TargetGroup", "Listener", "HealthCheck", "Record"] {
            assert!(t.resources.contains_key(&format!("Lb{own}{kind}")), "{region}: Lb{own}{kind}");
        }
        assert!(t.resources.contains_key(&format!("Web{own}Group")), "{region}");
        assert!(
            t.resources.keys().all(|k| !k.contains(other)),
            "{region} holds only its own: {:?}",
            t.resources.keys()
        );
        assert_eq!(t.metadata[DESIGN]["Region"], region);
        assert!(t.description.contains(&format!("create it in {region}")), "{}", t.description);
        let subnet = &t.parameters["PublicSubnetA"].description;
        assert!(subnet.contains(&format!("{region}a in {region}")), "{subnet}");
    }
    let left_out = east.metadata[LEFT_OUT].to_string();
    assert!(left_out.contains("record for lb-west is in the us-west-2 stack"), "{left_out}");
}

#[test]
fn failover_makes_the_first_linked_load_balancer_primary_with_the_designs_ttl_and_checks() {
    let mut design = reference::multi_region();
    let (east, west) = two(&design);
    let record = props(&east, "LbEastRecord");
    assert_eq!(record["Type"], "CNAME");
    assert_eq!(record["Failover"], "PRIMARY");
    assert_eq!(props(&west, "LbWestRecord")["Failover"], "SECONDARY");
    assert_eq!(record["TTL"], "60");
    assert_eq!(record["SetIdentifier"], "lb-east");
    assert_eq!(record["HealthCheckId"], json!({ "Ref": "LbEastHealthCheck" }));
    assert_eq!(record["HostedZoneId"], json!({ "Ref": "DnsHostedZoneId" }));
    assert_eq!(record["ResourceRecords"], json!([{ "Fn::GetAtt": ["LbEastLoadBalancer", "DNSName"] }]));
    let check = &props(&east, "LbEastHealthCheck")["HealthCheckConfig"];
    assert_eq!((check["RequestInterval"].clone(), check["FailureThreshold"].clone()), (json!(30), json!(3)));
    assert_eq!(check["FullyQualifiedDomainName"], json!({ "Fn::GetAtt": ["LbEastLoadBalancer", "DNSName"] }));
    assert_eq!(east.parameters["DnsRecordName"].kind, "String");

    let dns = dns_mut(&mut design);
    dns.fast_health_checks = true;
    dns.failure_threshold = 5;
    dns.ttl_s = 20.0;
    // Swapping the links swaps the roles, as the engine's primary is the first linked.
    design.connections.retain(|l| l.to != "lb-east");
    design.connections.push(Connection { from: "dns".to_owned(), to: "lb-east".to_owned() });
    let (east, west) = two(&design);
    assert_eq!(props(&east, "LbEastRecord")["Failover"], "SECONDARY");
    assert_eq!(props(&west, "LbWestRecord")["Failover"], "PRIMARY");
    assert_eq!(props(&west, "LbWestRecord")["TTL"], "20");
    let check = &props(&west, "LbWestHealthCheck")["HealthCheckConfig"];
    assert_eq!((check["RequestInterval"].clone(), check["FailureThreshold"].clone()), (json!(10), json!(5)));
}

#[test]
fn latency_routing_names_the_stacks_own_region() {
    let mut design = reference::multi_region();
    dns_mut(&mut design).routing = DnsRouting::Latency;
    let (east, west) = two(&design);
    for (t, id) in [(&east, "LbEastRecord"), (&west, "LbWestRecord")] {
        assert_eq!(props(t, id)["Region"], json!({ "Ref": "AWS::Region" }));
        assert!(props(t, id).get("Failover").is_none());
    }
}

/// Three-tier with a DNS name between the clients and the load balancer.
fn three_tier_behind_dns() -> Design {
    let mut design = reference::three_tier();
    design.components.push(Component {
        id: "www".to_owned(),
        position: None,
        region: None,
        spec: ComponentSpec::Dns(DnsSpec::default()),
    });
    design.connections.retain(|l| l.from != "clients");
    design.connections.push(Connection { from: "clients".to_owned(), to: "www".to_owned() });
    design.connections.push(Connection { from: "www".to_owned(), to: "lb-1".to_owned() });
    design
}

#[test]
fn a_one_region_design_with_dns_exports_one_stack_with_its_record() {
    let design = three_tier_behind_dns();
    assert_eq!(validate(&design), vec![]);
    assert_eq!(refusal(&design), None);
    let all = stacks(&design, &Options::default());
    assert_eq!(all.len(), 1);
    let t = &all[0].template;
    assert_eq!(props(t, "Lb1Record")["Failover"], "PRIMARY");
    assert_eq!(props(t, "Lb1Record")["Name"], json!({ "Ref": "WwwRecordName" }));
    assert!(t.resources.contains_key("Lb1HealthCheck") && t.resources.contains_key("WebGroup"));
    assert_eq!(t.metadata[SIMULATION]["Components"]["www"]["Kind"], "dns");
    let text = export(&design, &Options::default(), Format::Yaml);
    assert!(text.contains("# Fill in before deploying: PrivateSubnetA"), "{}", &text[..300]);
    assert!(!text.contains("stack: create it in"), "one region: no per-region header");
}

#[test]
fn one_region_designs_keep_their_one_template() {
    let options = Options { game_day: true, policy: None };
    for (name, design) in reference::all().into_iter().filter(|(_, d)| d.regions.len() == 1) {
        let all = stacks(&design, &options);
        assert_eq!(all.len(), 1, "{name}");
        assert_eq!(all[0].template, cloudformation(&design, &options), "{name}");
        assert_eq!(
            stack_text(&design, &all[0], Format::Yaml),
            export(&design, &options, Format::Yaml),
            "{name}"
        );
    }
}

#[test]
fn the_game_day_of_each_stack_loses_a_zone_of_its_own_region() {
    let design = reference::multi_region();
    let options = Options { game_day: true, policy: None };
    let all = stacks(&design, &options);
    for (stack, group) in all.iter().zip(["WebEastGroup", "WebWestGroup"]) {
        let experiment = props(&stack.template, "GameDayLoseZone").to_string();
        assert!(experiment.contains(group), "{}: {experiment}", stack.region);
        assert!(!experiment.contains(if group == "WebEastGroup" { "WebWest" } else { "WebEast" }));
    }
}

#[test]
fn links_across_regions_outside_dns_are_refused_naming_both_ends() {
    let mut design = reference::multi_region();
    design.components.push(Component {
        id: "jobs".to_owned(),
        position: None,
        region: None,
        spec: ComponentSpec::Queue(QueueSpec::default()),
    });
    design.connections.push(Connection { from: "web-west".to_owned(), to: "jobs".to_owned() });
    let reason = refusal(&design).expect("refused");
    assert!(reason.starts_with("web-west in us-west-2 sends work to jobs in us-east-1"), "{reason}");
    assert!(reason.contains("DNS name"), "{reason}");

    let mut design = reference::multi_region();
    let watch = AlarmSpec { source: "web-east".to_owned(), ..AlarmSpec::default() };
    design.components.push(Component {
        id: "cpu".to_owned(),
        position: None,
        region: Some("us-west-2".to_owned()),
        spec: ComponentSpec::Alarm(watch),
    });
    let reason = refusal(&design).expect("refused");
    assert!(reason.starts_with("cpu in us-west-2 watches or is driven by web-east in us-east-1"), "{reason}");
}
