//! Moving what is already on the canvas: a component to another zone or spot, a
//! database's standby or replica to another zone, and an instance into an auto-scaling
//! group.
//!
//! Attaching follows AWS's `AttachInstances`: the group's desired capacity grows by one,
//! the instance must run in one of the group's zones, and the group may not pass its
//! maximum. From then on the group owns the instance — it is no longer drawn on its own,
//! its links become the group's, and the group replaces it from its launch template when
//! it fails.

use nines_sim::design::{ComponentSpec, Connection, Design, Position, validate};

use super::check::{new_problems, sentence};
use super::{Copy, EditResult, Outcome, Target, find, regions};
use crate::kind::{Kind, component_label};

/// Moves component `id` to `target`, drawing it at `position` if given. A move into
/// another region is refused, with the validator's words, if the design would break.
pub fn move_to(design: &Design, id: &str, target: &Target, position: Option<Position>) -> EditResult {
    let (index, component) = find(design, id)?;
    let kind = Kind::of(&component.spec);
    let label = component_label(kind, id, None);
    let (region, zone) = super::place::where_to(design, kind, target)?;
    let from = design.region_index(component);
    let crossing = region != from && !component.spec.is_global();
    let mut next = design.clone();
    let moved = &mut next.components[index];
    if position.is_some() {
        moved.position = position;
    }
    if crossing {
        moved.region = regions::field(design, region);
        fit_zones(&mut moved.spec, &design.regions[region].zones);
    }
    let named = |r: usize, z: &str| design.zone_name(r, z);
    let message = match zone {
        None if crossing => format!(
            "Moved {label} from region {} to region {}.",
            regions::name(design, from),
            regions::name(design, region)
        ),
        None => format!("Moved {label}."),
        Some(zone) => match &mut moved.spec {
            ComponentSpec::Instance(i) => {
                let names = (named(from, &i.zone), named(region, &zone));
                zone_change(&mut i.zone, names, &zone, &label)
            }
            ComponentSpec::Database(db) => {
                if db.standby_zone.as_deref() == Some(zone.as_str()) {
                    return Err(format!(
                        "{}'s Multi-AZ standby is in zone {}, and a standby must be in another zone than its primary. \
                         Move the standby first, or drop the primary in another zone.",
                        sentence_start(&label),
                        named(region, &zone)
                    ));
                }
                let names = (named(from, &db.zone), named(region, &zone));
                zone_change(&mut db.zone, names, &zone, &label)
            }
            _ => format!("Moved {label}."),
        },
    };
    if crossing && let Some(problem) = new_problems(design, &next).first() {
        return Err(format!(
            "{} cannot move to region {}: {}",
            sentence_start(&label),
            regions::name(design, region),
            sentence(&problem.message)
        ));
    }
    Ok(Outcome { design: next, message, select: Some(id.to_owned()) })
}

/// Keeps a regional component's zones that the new region has too; if none, its first two.
fn fit_zones(spec: &mut ComponentSpec, zones: &[String]) {
    let list = match spec {
        ComponentSpec::LoadBalancer(lb) => &mut lb.zones,
        ComponentSpec::AutoScalingGroup(g) => &mut g.zones,
        _ => return,
    };
    list.retain(|z| zones.contains(z));
    if list.is_empty() {
        *list = zones.iter().take(2).cloned().collect();
    }
}

/// Sets a zone field to suffix `zone`; `names` are the old and new zones as the world
/// names them, for the message.
fn zone_change(field: &mut String, names: (String, String), zone: &str, label: &str) -> String {
    *field = zone.to_owned();
    let (from, to) = names;
    if from == to {
        format!("Moved {label} within zone {to}.")
    } else {
        format!("Moved {label} from zone {from} to zone {to}.")
    }
}

fn sentence_start(text: &str) -> String {
    sentence(text).trim_end_matches('.').to_owned()
}

/// Moves database `id`'s standby or one of its read replicas to zone `name` (as the world
/// names it); both stay in the primary's region.
pub fn move_copy(design: &Design, id: &str, copy: Copy, name: &str) -> EditResult {
    let (index, component) = find(design, id)?;
    let home = design.region_index(component);
    let Some((region, zone)) = regions::locate(design, name) else {
        return Err(format!("There is no zone {name} in {}.", regions::all_names(design)));
    };
    if region != home {
        return Err(format!(
            "A standby or read replica of database {id} stays in its primary's region, {}: drop it in one of that region's zones.",
            regions::name(design, home)
        ));
    }
    let zone = zone.as_str();
    let shown = design.zone_name(home, zone);
    let mut next = design.clone();
    let ComponentSpec::Database(db) = &mut next.components[index].spec else {
        return Err(format!("{id} is not a database."));
    };
    let message = match copy {
        Copy::Standby => {
            if db.zone == zone {
                let others: Vec<String> = design.regions[home]
                    .zones
                    .iter()
                    .filter(|z| *z != zone)
                    .map(|z| design.zone_name(home, z))
                    .collect();
                return Err(format!(
                    "A Multi-AZ standby must be in another zone than its primary (zone {shown}), so that losing \
                     one zone cannot take both; drop it in zone {}.",
                    others.join(" or ")
                ));
            }
            db.standby_zone = Some(zone.to_owned());
            format!("Moved the standby of database {id} to zone {shown}.")
        }
        Copy::Replica(k) => {
            let Some(replica) = db.read_replicas.get_mut(k) else {
                return Err(format!("Database {id} has no read replica {k}."));
            };
            *replica = zone.to_owned();
            format!("Moved a read replica of database {id} to zone {shown}.")
        }
    };
    Ok(Outcome { design: next, message, select: Some(id.to_owned()) })
}

/// Makes hand-placed instance `instance` part of group `group` (see the module notes).
pub fn attach(design: &Design, instance: &str, group: &str) -> EditResult {
    let (_, inst) = find(design, instance)?;
    let (group_index, grp) = find(design, group)?;
    let ComponentSpec::Instance(i) = &inst.spec else {
        return Err(format!(
            "Only a hand-placed instance can join an auto-scaling group; {instance} is not one."
        ));
    };
    let ComponentSpec::AutoScalingGroup(g) = &grp.spec else {
        return Err(format!(
            "{group} is not an auto-scaling group; drop the instance in a zone lane to move it."
        ));
    };
    if design.region_index(inst) != design.region_index(grp) {
        return Err(format!(
            "{instance} runs in region {} and group {group} in region {}; a group launches only into its own region's zones.",
            design.region_of(inst).name,
            design.region_of(grp).name
        ));
    }
    if !g.zones.contains(&i.zone) {
        return Err(format!(
            "{instance} runs in zone {}, where group {group} does not launch (zones {}). Add zone {} to the group first.",
            i.zone,
            g.zones.join(", "),
            i.zone
        ));
    }
    if i.template.role != g.instance.role {
        return Err(format!(
            "{instance} is a {} and group {group} runs {}s; give them the same role first.",
            role(i.template.role),
            role(g.instance.role)
        ));
    }
    if g.desired >= g.max {
        return Err(format!(
            "Group {group} is at its maximum of {} instances; raise its maximum first (AWS refuses the attach too).",
            g.max
        ));
    }
    let (before, size) = (g.desired, g.instance.size.clone());
    let mut next = design.clone();
    if let ComponentSpec::AutoScalingGroup(g) = &mut next.components[group_index].spec {
        g.desired += 1;
    }
    let moved_links = hand_over(&mut next, instance, group);
    next.components.retain(|c| c.id != instance);
    let links = match moved_links {
        0 => String::new(),
        1 => " Its link now belongs to the group.".to_owned(),
        n => format!(" Its {n} links now belong to the group."),
    };
    let message = format!(
        "Attached {instance} to auto-scaling group {group}: desired capacity {before} → {}. The group now keeps it \
         running and replaces it from its launch template ({size}) if it fails.{links}",
        before + 1
    );
    Ok(Outcome { design: next, message, select: Some(group.to_owned()) })
}

/// Re-points `from`'s links and alarms to `to`, keeping only links that stay valid;
/// returns how many links were handed over.
fn hand_over(design: &mut Design, from: &str, to: &str) -> usize {
    let old = std::mem::take(&mut design.connections);
    let mut moved = 0;
    for link in old {
        let swap = |id: &String| if id == from { to.to_owned() } else { id.clone() };
        let candidate = Connection { from: swap(&link.from), to: swap(&link.to) };
        let touched = candidate != link;
        if design.connections.contains(&candidate) || candidate.from == candidate.to {
            continue;
        }
        design.connections.push(candidate);
        if touched {
            let index = design.connections.len() - 1;
            let prefix = format!("connections[{index}]");
            let refused = validate(design).iter().any(|p| super::check::is_under(&p.path, &prefix));
            if refused {
                design.connections.pop();
            } else {
                moved += 1;
            }
        }
    }
    for c in &mut design.components {
        if let ComponentSpec::Alarm(a) = &mut c.spec
            && a.source == from
        {
            a.source = to.to_owned();
        }
    }
    moved
}

fn role(role: nines_sim::design::Role) -> &'static str {
    match role {
        nines_sim::design::Role::Web => "web server",
        nines_sim::design::Role::Worker => "worker",
    }
}

/// Adds one instance to group `group` (a new instance from the palette dropped onto it).
pub fn grow(design: &Design, group: &str) -> EditResult {
    let (index, grp) = find(design, group)?;
    let ComponentSpec::AutoScalingGroup(g) = &grp.spec else {
        return Err(format!("{group} is not an auto-scaling group."));
    };
    if g.desired >= g.max {
        return Err(format!(
            "Group {group} is at its maximum of {} instances; raise its maximum first.",
            g.max
        ));
    }
    let before = g.desired;
    let mut next = design.clone();
    if let ComponentSpec::AutoScalingGroup(g) = &mut next.components[index].spec {
        g.desired += 1;
    }
    let message = format!(
        "Added an instance to auto-scaling group {group}: desired capacity {before} → {}; the group launches it from its template.",
        before + 1
    );
    Ok(Outcome { design: next, message, select: Some(group.to_owned()) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::{Edit, apply};
    use nines_sim::design::{DatabaseSpec, GroupSpec, reference};

    fn with_group() -> Design {
        let mut d = reference::single_server();
        let out = apply(
            &d,
            &Edit::Place { kind: Kind::AutoScalingGroup, target: Target::Region(0), position: None },
        );
        d = out.unwrap().design;
        if let ComponentSpec::Instance(i) = &mut d.components[1].spec {
            i.template.size = "m5.large".into();
        }
        d
    }

    #[test]
    fn instances_move_between_zones() {
        let out = move_to(&reference::single_server(), "web-1", &Target::Zone("c".into()), None).unwrap();
        assert!(
            matches!(&out.design.component("web-1").unwrap().spec, ComponentSpec::Instance(i) if i.zone == "c")
        );
        assert_eq!(out.message, "Moved instance web-1 from zone a to zone c.");
        let err = move_to(&reference::single_server(), "web-1", &Target::Region(0), None).unwrap_err();
        assert!(err.contains("zone lane"), "{err}");
    }

    #[test]
    fn regional_components_only_change_position() {
        let p = Position { x: 40.0, y: 50.0 };
        let out =
            move_to(&reference::single_server(), "clients", &Target::Zone("b".into()), Some(p)).unwrap();
        assert_eq!(out.design.component("clients").unwrap().position, Some(p));
        assert_eq!(out.message, "Moved clients.");
    }

    #[test]
    fn a_primary_cannot_join_its_standby() {
        let mut d = reference::single_server();
        d.components[2].spec = ComponentSpec::Database(DatabaseSpec {
            zone: "a".into(),
            standby_zone: Some("b".into()),
            ..Default::default()
        });
        let err = move_to(&d, "db-1", &Target::Zone("b".into()), None).unwrap_err();
        assert!(err.contains("standby") && err.contains("another zone"), "{err}");
        let err = move_copy(&d, "db-1", Copy::Standby, "a").unwrap_err();
        assert!(err.starts_with("A Multi-AZ standby must be in another zone"), "{err}");
        assert!(err.contains("zone b or c"), "{err}");
        let out = move_copy(&d, "db-1", Copy::Standby, "c").unwrap();
        assert!(
            matches!(&out.design.components[2].spec, ComponentSpec::Database(db) if db.standby_zone.as_deref() == Some("c"))
        );
    }

    #[test]
    fn attaching_grows_the_group_and_hands_over_links() {
        let d = with_group();
        let out = attach(&d, "web-1", "asg-1").unwrap();
        assert!(out.design.component("web-1").is_none());
        let ComponentSpec::AutoScalingGroup(g) = &out.design.component("asg-1").unwrap().spec else {
            panic!()
        };
        assert_eq!(g.desired, GroupSpec::default().desired + 1);
        // clients → web-1 becomes invalid for a group (clients need a load balancer), web-1 → db-1 moves.
        assert_eq!(out.design.connections, [Connection { from: "asg-1".into(), to: "db-1".into() }]);
        assert!(out.message.contains("desired capacity 2 → 3"), "{}", out.message);
        assert!(validate(&out.design).is_empty(), "{:?}", validate(&out.design));
    }

    #[test]
    fn attaching_is_refused_outside_the_groups_zones_or_at_its_maximum() {
        let mut d = with_group();
        if let ComponentSpec::Instance(i) = &mut d.components[1].spec {
            i.zone = "c".into();
        }
        assert!(attach(&d, "web-1", "asg-1").unwrap_err().contains("Add zone c to the group first"));
        let mut d = with_group();
        if let ComponentSpec::AutoScalingGroup(g) = &mut d.components[3].spec {
            g.max = g.desired;
        }
        assert!(attach(&d, "web-1", "asg-1").unwrap_err().contains("maximum"));
        assert!(grow(&d, "asg-1").unwrap_err().contains("maximum"));
        assert!(attach(&d, "db-1", "asg-1").is_err());
        assert!(attach(&d, "web-1", "db-1").is_err());
    }

    #[test]
    fn growing_adds_one() {
        let out = grow(&with_group(), "asg-1").unwrap();
        let ComponentSpec::AutoScalingGroup(g) = &out.design.component("asg-1").unwrap().spec else {
            panic!()
        };
        assert_eq!(g.desired, 3);
    }

    fn two_regions() -> Design {
        crate::editor::regions::add_region(&reference::single_server()).unwrap().design
    }

    #[test]
    fn a_move_into_another_region_is_checked_by_validate() {
        let mut d = two_regions();
        d.components[2].spec = ComponentSpec::Database(DatabaseSpec {
            zone: "a".into(),
            standby_zone: Some("c".into()),
            ..Default::default()
        });
        assert!(validate(&d).is_empty(), "{:?}", validate(&d));
        let err = move_to(&d, "db-1", &Target::Zone("us-west-2a".into()), None).unwrap_err();
        assert!(err.starts_with("Database db-1 cannot move to region us-west-2: "), "{err}");
        assert!(err.contains("zone c"), "the validator's words name the zone: {err}");
        let out = move_to(&d, "web-1", &Target::Zone("us-west-2b".into()), None).unwrap();
        assert_eq!(out.message, "Moved instance web-1 from zone a to zone us-west-2b.");
        assert!(validate(&out.design).is_empty());
        let back = move_to(&out.design, "web-1", &Target::Zone("c".into()), None).unwrap();
        assert_eq!(back.design.component("web-1").unwrap().region, None, "back in the first region");
        assert_eq!(back.message, "Moved instance web-1 from zone us-west-2b to zone c.");
    }

    #[test]
    fn a_group_cannot_leave_its_load_balancers_region() {
        let d = reference::multi_region();
        let err = move_to(&d, "web-east", &Target::Region(1), None).unwrap_err();
        assert!(
            err.starts_with(
                "Auto-scaling group web-east cannot move to region us-west-2: Load balancer lb-east"
            ),
            "{err}"
        );
        assert!(err.contains("a load balancer's targets run in its own region"), "{err}");
    }

    #[test]
    fn regional_components_move_between_regions_with_their_zones_fitted() {
        let mut d = two_regions();
        d = apply(&d, &Edit::Place { kind: Kind::LoadBalancer, target: Target::Region(0), position: None })
            .unwrap()
            .design;
        let i = d.components.len() - 1;
        if let ComponentSpec::LoadBalancer(lb) = &mut d.components[i].spec {
            lb.zones = vec!["c".into()];
        }
        let out = move_to(&d, "lb-1", &Target::Region(1), None).unwrap();
        assert_eq!(out.message, "Moved load balancer lb-1 from region us-east-1 to region us-west-2.");
        let lb = out.design.component("lb-1").unwrap();
        assert_eq!(lb.region.as_deref(), Some("us-west-2"));
        assert!(matches!(&lb.spec, ComponentSpec::LoadBalancer(s) if s.zones == ["a", "b"]), "{lb:?}");
        let out = move_to(&d, "clients", &Target::Region(1), None).unwrap();
        assert_eq!(out.design.component("clients").unwrap().region, None, "clients are global");
        assert!(move_to(&d, "lb-1", &Target::Region(2), None).unwrap_err().contains("no region number 3"));
    }

    #[test]
    fn copies_stay_in_their_primarys_region_and_groups_attach_their_own() {
        let d = two_regions();
        let err = move_copy(&d, "db-1", Copy::Standby, "us-west-2b").unwrap_err();
        assert!(err.contains("stays in its primary's region, us-east-1"), "{err}");
        let d = with_group();
        let d = crate::editor::regions::add_region(&d).unwrap().design;
        let d = move_to(&d, "web-1", &Target::Zone("us-west-2a".into()), None).unwrap().design;
        let err = attach(&d, "web-1", "asg-1").unwrap_err();
        assert!(err.contains("runs in region us-west-2 and group asg-1 in region us-east-1"), "{err}");
    }
}
