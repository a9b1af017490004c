//! Placing a new component from the palette: zone-scoped kinds into a zone lane,
//! regional kinds onto the region.

use nines_sim::design::{
    AlarmSpec, ClientsSpec, Component, ComponentSpec, DatabaseSpec, Design, GroupSpec, InstanceSpec,
    InstanceTemplate, LoadBalancerSpec, MetricName, Position, QueueSpec,
};

use super::{EditResult, Outcome, Target, ids, regions};
use crate::kind::{Kind, Scope, component_label};

/// Most components a design may hold (the library's limit).
pub const MAX_COMPONENTS: usize = 500;

/// Places a new `kind` at `target`. Zone-scoped kinds need a zone of a region; regional
/// kinds go onto the region they are dropped in, wherever inside it; global kinds
/// (clients, DNS) belong to no region.
pub fn place(design: &Design, kind: Kind, target: &Target, position: Option<Position>) -> EditResult {
    if design.components.len() >= MAX_COMPONENTS {
        return Err(format!(
            "This design already has {} components, the most Nines handles; delete some first.",
            design.components.len()
        ));
    }
    let (region, zone) = where_to(design, kind, target)?;
    let id = ids::fresh(design, kind);
    let spec = new_spec(design, kind, region, zone.as_deref());
    if let ComponentSpec::Alarm(a) = &spec
        && a.source.is_empty()
    {
        return Err("An alarm watches a metric of another component: place a queue, instance, group, \
             load balancer or database first."
            .to_owned());
    }
    let label = component_label(kind, &id, None);
    let message = match &zone {
        Some(z) => format!("Placed {label} in zone {}.", design.zone_name(region, z)),
        None if spec.is_global() && design.regions.len() > 1 => {
            format!("Placed {label}. It is global: it serves every region and is drawn with the first.")
        }
        None => format!(
            "Placed {label} in region {}{}.",
            regions::name(design, region),
            extra(design, region, &spec)
        ),
    };
    let region = if spec.is_global() { None } else { regions::field(design, region) };
    let mut next = design.clone();
    next.components.push(Component { id: id.clone(), position, region, spec });
    Ok(Outcome { design: next, message, select: Some(id) })
}

/// The region (its index) and, for a zone-scoped kind, the zone suffix a new `kind` goes
/// to at `target`; or why it cannot go there.
pub fn where_to(design: &Design, kind: Kind, target: &Target) -> Result<(usize, Option<String>), String> {
    let (region, zone) = match (kind.scope(), target) {
        (Scope::Zone, Target::Region(_)) => return Err(outside_zone(kind)),
        (_, Target::Zone(name)) => {
            let Some((region, zone)) = regions::locate(design, name) else {
                return Err(format!(
                    "There is no zone {name} in {}; add it first.",
                    regions::all_names(design)
                ));
            };
            (region, (kind.scope() == Scope::Zone).then_some(zone))
        }
        (Scope::Region, Target::Region(region)) => (*region, None),
    };
    if region >= design.regions.len() {
        return Err(format!("The design has no region number {}.", region + 1));
    }
    Ok((region, zone))
}

/// Why a zone-scoped kind cannot go onto the region.
pub fn outside_zone(kind: Kind) -> String {
    let what = match kind {
        Kind::Database => "A database's primary runs in one availability zone",
        _ => "An instance runs in one availability zone",
    };
    format!("{what}: drop it inside a zone lane, not on the regional band or between zones.")
}

/// What a new component of `kind` starts as: the library's defaults, fitted to region
/// number `region`.
fn new_spec(design: &Design, kind: Kind, region: usize, zone: Option<&str>) -> ComponentSpec {
    let zones = design.regions.get(region).map_or(&[][..], |r| r.zones.as_slice());
    let first_two: Vec<String> = zones.iter().take(2).cloned().collect();
    match kind {
        Kind::Clients => ComponentSpec::Clients(ClientsSpec::default()),
        Kind::LoadBalancer => {
            ComponentSpec::LoadBalancer(LoadBalancerSpec { zones: first_two, ..Default::default() })
        }
        Kind::Instance => ComponentSpec::Instance(InstanceSpec {
            zone: zone.unwrap_or("a").to_owned(),
            template: InstanceTemplate::default(),
        }),
        Kind::AutoScalingGroup => {
            ComponentSpec::AutoScalingGroup(GroupSpec { zones: first_two, ..Default::default() })
        }
        Kind::Queue => ComponentSpec::Queue(QueueSpec::default()),
        Kind::Database => ComponentSpec::Database(DatabaseSpec {
            zone: zone.unwrap_or("a").to_owned(),
            ..Default::default()
        }),
        Kind::Alarm => ComponentSpec::Alarm(new_alarm(design)),
        Kind::KeyValueStore => ComponentSpec::KeyValueStore(Default::default()),
        Kind::ObjectStorage => ComponentSpec::ObjectStorage(Default::default()),
        Kind::Cdn => ComponentSpec::Cdn(Default::default()),
        Kind::Dns => ComponentSpec::Dns(Default::default()),
    }
}

/// An alarm watching something that publishes its metric: the first queue's oldest
/// message age, else the first server's CPU, else a load balancer's healthy hosts; empty
/// (and refused) when there is nothing to watch.
fn new_alarm(design: &Design) -> AlarmSpec {
    let find = |pick: fn(&ComponentSpec) -> bool| design.components.iter().find(|c| pick(&c.spec));
    if let Some(queue) = find(|s| matches!(s, ComponentSpec::Queue(_))) {
        return AlarmSpec {
            source: queue.id.clone(),
            metric: MetricName::OldestMessageAge,
            statistic: nines_sim::design::Statistic::Maximum,
            threshold: 300.0,
            ..Default::default()
        };
    }
    let cpu = |s: &ComponentSpec| {
        matches!(
            s,
            ComponentSpec::Instance(_) | ComponentSpec::AutoScalingGroup(_) | ComponentSpec::Database(_)
        )
    };
    if let Some(server) = find(cpu) {
        return AlarmSpec { source: server.id.clone(), ..Default::default() };
    }
    match find(|s| matches!(s, ComponentSpec::LoadBalancer(_))) {
        Some(lb) => AlarmSpec {
            source: lb.id.clone(),
            metric: MetricName::HealthyHostCount,
            statistic: nines_sim::design::Statistic::Minimum,
            threshold: 1.0,
            comparison: nines_sim::design::Comparison::LessThanThreshold,
            ..Default::default()
        },
        None => AlarmSpec::default(),
    }
}

/// A clause on where a regional component of region number `region` reaches: ", with
/// nodes in zones a and b" (zones as the world names them).
fn extra(design: &Design, region: usize, spec: &ComponentSpec) -> String {
    let named =
        |zones: &[String]| -> Vec<String> { zones.iter().map(|z| design.zone_name(region, z)).collect() };
    match spec {
        ComponentSpec::LoadBalancer(lb) => format!(", with nodes in zones {}", and_list(&named(&lb.zones))),
        ComponentSpec::AutoScalingGroup(g) => {
            format!(", launching into zones {}", and_list(&named(&g.zones)))
        }
        ComponentSpec::Alarm(a) if a.source.is_empty() => {
            ", watching nothing yet: choose a source".to_owned()
        }
        ComponentSpec::Alarm(a) => format!(", watching {}", a.source),
        _ => String::new(),
    }
}

/// "a", "a and b", "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => "none".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::{reference, validate};

    fn empty() -> Design {
        let mut d = reference::single_server();
        d.components.clear();
        d.connections.clear();
        d
    }

    #[test]
    fn an_instance_dropped_in_a_zone_is_placed_there_and_selected() {
        let out =
            place(&empty(), Kind::Instance, &Target::Zone("b".into()), Some(Position { x: 1.0, y: 2.0 }))
                .unwrap();
        let c = out.design.component("web-1").unwrap();
        assert!(matches!(&c.spec, ComponentSpec::Instance(i) if i.zone == "b"));
        assert_eq!(c.position, Some(Position { x: 1.0, y: 2.0 }));
        assert_eq!(out.select.as_deref(), Some("web-1"));
        assert_eq!(out.message, "Placed instance web-1 in zone b.");
        assert!(validate(&out.design).is_empty());
    }

    #[test]
    fn zone_scoped_kinds_are_refused_outside_a_zone() {
        for kind in [Kind::Instance, Kind::Database] {
            let err = place(&empty(), kind, &Target::Region(0), None).unwrap_err();
            assert!(err.contains("drop it inside a zone lane"), "{err}");
        }
        let err = place(&empty(), Kind::Instance, &Target::Zone("q".into()), None).unwrap_err();
        assert!(err.contains("no zone q"), "{err}");
    }

    #[test]
    fn regional_kinds_go_onto_the_region_even_when_dropped_in_a_lane() {
        let out = place(&empty(), Kind::LoadBalancer, &Target::Zone("c".into()), None).unwrap();
        let lb = out.design.component("lb-1").unwrap();
        assert!(matches!(&lb.spec, ComponentSpec::LoadBalancer(s) if s.zones == ["a", "b"]));
        assert_eq!(
            out.message,
            "Placed load balancer lb-1 in region us-east-1, with nodes in zones a and b."
        );
        let out = place(&out.design, Kind::AutoScalingGroup, &Target::Region(0), None).unwrap();
        assert!(out.design.component("asg-1").is_some());
        assert!(validate(&out.design).is_empty());
    }

    #[test]
    fn a_new_alarm_watches_something_sensible() {
        let out = place(&empty(), Kind::Queue, &Target::Region(0), None).unwrap();
        let out = place(&out.design, Kind::Alarm, &Target::Region(0), None).unwrap();
        assert!(validate(&out.design).is_empty(), "{:?}", validate(&out.design));
        assert!(out.message.contains("watching queue-1"));
        let lonely = place(&empty(), Kind::Alarm, &Target::Region(0), None).unwrap_err();
        assert!(lonely.contains("place a queue"), "{lonely}");
    }

    #[test]
    fn the_component_limit_is_kept() {
        let mut d = empty();
        for _ in 0..MAX_COMPONENTS {
            d = place(&d, Kind::Queue, &Target::Region(0), None).unwrap().design;
        }
        assert!(place(&d, Kind::Queue, &Target::Region(0), None).unwrap_err().contains("500"));
    }

    #[test]
    fn lists_read_as_english() {
        let s = |v: &[&str]| and_list(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "none");
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b", "c"]), "a, b and c");
    }

    fn two_regions() -> Design {
        super::super::regions::add_region(&empty()).unwrap().design
    }

    #[test]
    fn zone_kinds_dropped_in_a_later_regions_lane_live_there() {
        let out = place(&two_regions(), Kind::Instance, &Target::Zone("us-west-2b".into()), None).unwrap();
        let c = out.design.component("web-1").unwrap();
        assert_eq!(c.region.as_deref(), Some("us-west-2"));
        assert!(matches!(&c.spec, ComponentSpec::Instance(i) if i.zone == "b"));
        assert_eq!(out.message, "Placed instance web-1 in zone us-west-2b.");
        assert!(validate(&out.design).is_empty(), "{:?}", validate(&out.design));
        let err =
            place(&two_regions(), Kind::Database, &Target::Zone("us-west-2c".into()), None).unwrap_err();
        assert_eq!(err, "There is no zone us-west-2c in region us-east-1 or us-west-2; add it first.");
        let err = place(&two_regions(), Kind::Database, &Target::Region(1), None).unwrap_err();
        assert!(err.contains("drop it inside a zone lane"), "{err}");
    }

    #[test]
    fn regional_kinds_go_into_the_region_they_are_dropped_in() {
        let out = place(&two_regions(), Kind::LoadBalancer, &Target::Region(1), None).unwrap();
        let lb = out.design.component("lb-1").unwrap();
        assert_eq!(lb.region.as_deref(), Some("us-west-2"));
        assert_eq!(
            out.message,
            "Placed load balancer lb-1 in region us-west-2, with nodes in zones us-west-2a and us-west-2b."
        );
        let out =
            place(&out.design, Kind::AutoScalingGroup, &Target::Zone("us-west-2a".into()), None).unwrap();
        assert_eq!(out.design.component("asg-1").unwrap().region.as_deref(), Some("us-west-2"));
        let out = place(&out.design, Kind::Queue, &Target::Zone("a".into()), None).unwrap();
        assert_eq!(out.design.component("queue-1").unwrap().region, None, "lane a is the first region's");
        assert!(validate(&out.design).is_empty(), "{:?}", validate(&out.design));
        assert!(
            place(&out.design, Kind::Queue, &Target::Region(2), None)
                .unwrap_err()
                .contains("no region number 3")
        );
    }

    #[test]
    fn global_kinds_stay_global() {
        for kind in [Kind::Clients, Kind::Dns] {
            let out = place(&two_regions(), kind, &Target::Region(1), None).unwrap();
            let c = out.design.components.last().unwrap();
            assert_eq!(c.region, None, "{kind:?}");
            assert!(
                out.message.ends_with("It is global: it serves every region and is drawn with the first.")
            );
        }
    }
}
