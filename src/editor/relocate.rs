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

use super::check::sentence;
use super::{Copy, EditResult, Outcome, Target, find};
use crate::kind::{Kind, Scope, component_label};

/// Moves component `id` to `target`, drawing it at `position` if given.
pub fn move_to(design: &Design, id: &str, target: &Target, position: Option<Position>) -> EditResult {
    let (index, component) = find(design, id)?;
    let kind = Kind::of(&component.spec);
    let label = component_label(kind, id, None);
    let mut next = design.clone();
    let moved = &mut next.components[index];
    if position.is_some() {
        moved.position = position;
    }
    let message = match (kind.scope(), target) {
        (Scope::Region, _) => format!("Moved {label}."),
        (Scope::Zone, Target::Region) => return Err(super::place::outside_zone(kind)),
        (Scope::Zone, Target::Zone(zone)) if !design.region().zones.contains(zone) => {
            return Err(format!("The region has no zone {zone}."));
        }
        (Scope::Zone, Target::Zone(zone)) => match &mut moved.spec {
            ComponentSpec::Instance(i) => zone_change(&mut i.zone, zone, &label),
            ComponentSpec::Database(db) => {
                if db.standby_zone.as_deref() == Some(zone.as_str()) {
                    return Err(format!(
                        "{}'s Multi-AZ standby is in zone {zone}, and a standby must be in another zone than its primary. \
                         Move the standby first, or drop the primary in another zone.",
                        sentence_start(&label)
                    ));
                }
                zone_change(&mut db.zone, zone, &label)
            }
            _ => format!("Moved {label}."),
        },
    };
    Ok(Outcome { design: next, message, select: Some(id.to_owned()) })
}

fn zone_change(field: &mut String, zone: &str, label: &str) -> String {
    let from = std::mem::replace(field, zone.to_owned());
    if from == zone {
        format!("Moved {label} within zone {zone}.")
    } else {
        format!("Moved {label} from zone {from} to zone {zone}.")
    }
}

fn sentence_start(text: &str) -> String {
    sentence(text).trim_end_matches('.').to_owned()
}

/// Moves database `id`'s standby or one of its read replicas to `zone`.
pub fn move_copy(design: &Design, id: &str, copy: Copy, zone: &str) -> EditResult {
    let (index, _) = find(design, id)?;
    if !design.region().zones.iter().any(|z| z == zone) {
        return Err(format!("The region has no zone {zone}."));
    }
    let mut next = design.clone();
    let ComponentSpec::Database(db) = &mut next.components[index].spec else {
        return Err(format!("{id} is not a database."));
    };
    let message = match copy {
        Copy::Standby => {
            if db.zone == zone {
                let others: Vec<&str> =
                    design.region().zones.iter().map(String::as_str).filter(|z| *z != zone).collect();
                return Err(format!(
                    "A Multi-AZ standby must be in another zone than its primary (zone {zone}), so that losing \
                     one zone cannot take both; drop it in zone {}.",
                    others.join(" or ")
                ));
            }
            db.standby_zone = Some(zone.to_owned());
            format!("Moved the standby of database {id} to zone {zone}.")
        }
        Copy::Replica(k) => {
            let Some(replica) = db.read_replicas.get_mut(k) else {
                return Err(format!("Database {id} has no read replica {k}."));
            };
            *replica = zone.to_owned();
            format!("Moved a read replica of database {id} to zone {zone}.")
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
        let out =
            apply(&d, &Edit::Place { kind: Kind::AutoScalingGroup, target: Target::Region, position: None });
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
        let err = move_to(&reference::single_server(), "web-1", &Target::Region, None).unwrap_err();
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
}
