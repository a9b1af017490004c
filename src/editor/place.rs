//! Placing a new component from the palette: zone-scoped kinds into a zone lane,
//! regional kinds onto the region.

use nines_sim::design::{
    AlarmSpec, ClientsSpec, Component, ComponentSpec, DatabaseSpec, Design, GroupSpec, InstanceSpec,
    InstanceTemplate, LoadBalancerSpec, MetricName, Position, QueueSpec,
};

use super::{EditResult, Outcome, Target, ids};
use crate::kind::{Kind, Scope, component_label};

/// Most components a design may hold (the library's limit).
pub const MAX_COMPONENTS: usize = 500;

/// Places a new `kind` at `target`. Zone-scoped kinds need a zone of the region;
/// regional kinds go onto the region wherever they are dropped inside it.
pub fn place(design: &Design, kind: Kind, target: &Target, position: Option<Position>) -> EditResult {
    if design.components.len() >= MAX_COMPONENTS {
        return Err(format!(
            "This design already has {} components, the most Nines handles; delete some first.",
            design.components.len()
        ));
    }
    let zone = match (kind.scope(), target) {
        (Scope::Zone, Target::Region) => return Err(outside_zone(kind)),
        (Scope::Zone, Target::Zone(zone)) if !design.region().zones.contains(zone) => {
            return Err(format!("The region has no zone {zone}; add it first."));
        }
        (Scope::Zone, Target::Zone(zone)) => Some(zone.clone()),
        (Scope::Region, _) => None,
    };
    let id = ids::fresh(design, kind);
    let spec = new_spec(design, kind, zone.as_deref());
    if let ComponentSpec::Alarm(a) = &spec
        && a.source.is_empty()
    {
        return Err("An alarm watches a metric of another component: place a queue, instance, group, \
             load balancer or database first."
            .to_owned());
    }
    let message = match &zone {
        Some(z) => format!("Placed {} in zone {z}.", component_label(kind, &id, None)),
        None => format!(
            "Placed {} in region {}{}.",
            component_label(kind, &id, None),
            design.region().name,
            extra(&spec)
        ),
    };
    let mut next = design.clone();
    next.components.push(Component { id: id.clone(), position, region: None, spec });
    Ok(Outcome { design: next, message, select: Some(id) })
}

/// Why a zone-scoped kind cannot go onto the region.
pub fn outside_zone(kind: Kind) -> String {
    let what = match kind {
        Kind::Database => "A database's primary runs in one availability zone",
        _ => "An instance runs in one availability zone",
    };
    format!("{what}: drop it inside a zone lane, not on the regional band or between zones.")
}

/// What a new component of `kind` starts as: the library's defaults, fitted to the region.
fn new_spec(design: &Design, kind: Kind, zone: Option<&str>) -> ComponentSpec {
    let first_two: Vec<String> = design.region().zones.iter().take(2).cloned().collect();
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

/// A clause on where a regional component reaches: ", with nodes in zones a and b".
fn extra(spec: &ComponentSpec) -> String {
    match spec {
        ComponentSpec::LoadBalancer(lb) => format!(", with nodes in zones {}", and_list(&lb.zones)),
        ComponentSpec::AutoScalingGroup(g) => format!(", launching into zones {}", and_list(&g.zones)),
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
            let err = place(&empty(), kind, &Target::Region, None).unwrap_err();
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
        let out = place(&out.design, Kind::AutoScalingGroup, &Target::Region, None).unwrap();
        assert!(out.design.component("asg-1").is_some());
        assert!(validate(&out.design).is_empty());
    }

    #[test]
    fn a_new_alarm_watches_something_sensible() {
        let out = place(&empty(), Kind::Queue, &Target::Region, None).unwrap();
        let out = place(&out.design, Kind::Alarm, &Target::Region, None).unwrap();
        assert!(validate(&out.design).is_empty(), "{:?}", validate(&out.design));
        assert!(out.message.contains("watching queue-1"));
        let lonely = place(&empty(), Kind::Alarm, &Target::Region, None).unwrap_err();
        assert!(lonely.contains("place a queue"), "{lonely}");
    }

    #[test]
    fn the_component_limit_is_kept() {
        let mut d = empty();
        for _ in 0..MAX_COMPONENTS {
            d = place(&d, Kind::Queue, &Target::Region, None).unwrap().design;
        }
        assert!(place(&d, Kind::Queue, &Target::Region, None).unwrap_err().contains("500"));
    }

    #[test]
    fn lists_read_as_english() {
        let s = |v: &[&str]| and_list(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "none");
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b", "c"]), "a, b and c");
    }
}
