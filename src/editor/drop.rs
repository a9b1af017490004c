//! Drag and drop, as data: what is being dragged, what is under the pointer, and the one
//! edit a drop there means.
//!
//! Following egui's drag-and-drop demo, the canvas only records the source and the
//! target while the pointer moves; the single [`Edit`] is made on release. The same
//! functions give the live preview ("Place instance in zone b", or why not).

use nines_sim::design::{ComponentSpec, Design, Position};

use super::{Copy, Edit, Target, apply, regions};
use crate::kind::{Kind, Scope};
use crate::layout::{Layout, NodeRole, Point, Rect};

/// What is being dragged.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// A new component from the palette.
    Palette(Kind),
    /// A component already on the canvas.
    Node { id: String },
    /// A database's standby or read replica.
    Copy { id: String, copy: Copy },
    /// The loose end of a new link from this component.
    Link { from: String },
}

/// What is under the pointer.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    /// A component that this source can be dropped onto (a group, a link's target).
    Node(String),
    /// A zone lane, below the regional band, by the zone's world name (`b`, `us-west-2b`).
    Lane(String),
    /// Region number `n`'s regional band.
    Band(usize),
    /// Inside region number `n` but in no lane (the margins and title).
    Region(usize),
    /// Outside the region.
    Outside,
}

/// What a drop here would do: allowed with a short description, or refused with the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub ok: bool,
    pub text: String,
}

fn contains(r: &Rect, p: Point) -> bool {
    p.x >= r.x && p.x <= r.right() && p.y >= r.y && p.y <= r.bottom()
}

/// What is under `p` for a drag of `source`.
pub fn hit(layout: &Layout, design: &Design, source: &Source, p: Point) -> Hit {
    let kind_of = |id: &str| design.component(id).map(|c| Kind::of(&c.spec));
    let takes = |id: &str| match source {
        Source::Link { from } => id != from,
        Source::Palette(Kind::Instance) => kind_of(id) == Some(Kind::AutoScalingGroup),
        Source::Node { id: moving } => {
            kind_of(moving) == Some(Kind::Instance) && kind_of(id) == Some(Kind::AutoScalingGroup)
        }
        _ => false,
    };
    let node =
        layout.nodes.iter().find(|n| n.role == NodeRole::Primary && contains(&n.rect, p) && takes(&n.id));
    if let Some(n) = node {
        return Hit::Node(n.id.clone());
    }
    let bands = std::iter::once(&layout.band).chain(layout.more_regions.iter().map(|r| &r.band));
    if let Some(n) = bands.into_iter().position(|band| contains(band, p)) {
        return Hit::Band(n);
    }
    if let Some(lane) = layout.lanes.iter().find(|l| contains(&l.rect, p)) {
        return Hit::Lane(lane.zone.clone());
    }
    let boxes = std::iter::once(&layout.region).chain(layout.more_regions.iter().map(|r| &r.rect));
    boxes.into_iter().position(|rect| contains(rect, p)).map_or(Hit::Outside, Hit::Region)
}

/// The region a hit falls in, if any.
pub fn region_of(design: &Design, hit: &Hit) -> Option<usize> {
    match hit {
        Hit::Lane(zone) => regions::locate(design, zone).map(|(r, _)| r),
        Hit::Band(r) | Hit::Region(r) => Some(*r),
        Hit::Node(id) => design.component(id).map(|c| design.region_index(c)),
        Hit::Outside => None,
    }
}

/// The edit a drop of `source` on `hit` means, with the dropped node's top-left at
/// `position`; or why there is none.
pub fn resolve(
    design: &Design,
    source: &Source,
    hit: &Hit,
    position: Option<Position>,
) -> Result<Edit, String> {
    let outside = || format!("Drop it inside {}.", regions::all_names(design));
    let region = || region_of(design, hit).unwrap_or(0);
    match source {
        Source::Palette(kind) => match hit {
            Hit::Node(group) => Ok(Edit::Grow { group: group.clone() }),
            Hit::Lane(zone) if kind.scope() == Scope::Zone => {
                Ok(Edit::Place { kind: *kind, target: Target::Zone(zone.clone()), position })
            }
            Hit::Outside => Err(outside()),
            _ if kind.scope() == Scope::Zone => Err(super::place::outside_zone(*kind)),
            _ => Ok(Edit::Place { kind: *kind, target: Target::Region(region()), position }),
        },
        Source::Node { id } => {
            let zonal = design.component(id).is_some_and(|c| Kind::of(&c.spec).scope() == Scope::Zone);
            match hit {
                Hit::Node(group) => Ok(Edit::Attach { instance: id.clone(), group: group.clone() }),
                Hit::Lane(zone) if zonal => {
                    Ok(Edit::Move { id: id.clone(), target: Target::Zone(zone.clone()), position })
                }
                Hit::Outside => Err(format!("{} To delete {id}, press Delete.", outside())),
                _ if zonal => Err(design
                    .component(id)
                    .map_or_else(String::new, |c| super::place::outside_zone(Kind::of(&c.spec)))),
                _ => Ok(Edit::Move { id: id.clone(), target: Target::Region(region()), position }),
            }
        }
        Source::Copy { id, copy } => match hit {
            Hit::Lane(zone) => Ok(Edit::MoveCopy { id: id.clone(), copy: *copy, zone: zone.clone() }),
            _ => {
                Err("A standby or replica runs in one availability zone: drop it in a zone lane.".to_owned())
            }
        },
        Source::Link { from } => match hit {
            Hit::Node(to) => Ok(Edit::Connect { from: from.clone(), to: to.clone() }),
            _ => Err(format!("Drop the end of the link on the component {from} should send work to.")),
        },
    }
}

/// What a drop here would do, checked by trying the edit on a copy of the design.
pub fn preview(design: &Design, source: &Source, hit: &Hit) -> Verdict {
    let refused = |text: String| Verdict { ok: false, text };
    let edit = match resolve(design, source, hit, None) {
        Ok(edit) => edit,
        Err(reason) => return refused(reason),
    };
    match apply(design, &edit) {
        Ok(_) => Verdict { ok: true, text: short(design, &edit) },
        Err(reason) => refused(reason),
    }
}

/// An allowed drop in a few words: "Place instance in zone b".
pub fn short(design: &Design, edit: &Edit) -> String {
    match edit {
        Edit::Place { kind, target: Target::Zone(z), .. } => format!("Place {} in zone {z}", kind.noun()),
        Edit::Place { kind: kind @ (Kind::Clients | Kind::Dns), .. } if design.regions.len() > 1 => {
            format!("Place {} (global, serves every region)", kind.noun())
        }
        Edit::Place { kind, target: Target::Region(r), .. } => {
            format!("Place {} in region {}", kind.noun(), regions::name(design, *r))
        }
        Edit::Move { id, target: Target::Zone(z), .. } => {
            let here = design.component(id).and_then(|c| {
                super::describe::zone(c).map(|own| design.zone_name(design.region_index(c), own))
            });
            if here.as_deref() == Some(z.as_str()) {
                format!("Move {id} within zone {z}")
            } else {
                format!("Move {id} to zone {z}")
            }
        }
        Edit::Move { id, target: Target::Region(r), .. } => match design.component(id) {
            Some(c) if !c.spec.is_global() && design.region_index(c) != *r => {
                format!("Move {id} to region {}", regions::name(design, *r))
            }
            _ => format!("Move {id}"),
        },
        Edit::MoveCopy { copy: Copy::Standby, zone, .. } => format!("Move the standby to zone {zone}"),
        Edit::MoveCopy { zone, .. } => format!("Move the replica to zone {zone}"),
        Edit::Attach { instance, group } => {
            let desired = match design.component(group).map(|c| &c.spec) {
                Some(ComponentSpec::AutoScalingGroup(g)) => {
                    format!(" (desired {} → {})", g.desired, g.desired + 1)
                }
                _ => String::new(),
            };
            format!("Attach {instance} to group {group}{desired}")
        }
        Edit::Grow { group } => format!("Add an instance to group {group}"),
        Edit::Connect { from, to } => format!("Link {from} → {to}"),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout;
    use nines_sim::design::reference;

    fn centre(r: &Rect) -> Point {
        r.center()
    }

    fn lane_point(l: &Layout, zone: &str) -> Point {
        let lane = l.lanes.iter().find(|x| x.zone == zone).unwrap().rect;
        Point { x: lane.center().x, y: lane.bottom() - 10.0 }
    }

    #[test]
    fn hits_lanes_band_region_and_outside() {
        let d = reference::single_server();
        let l = layout(&d);
        let s = Source::Palette(Kind::Queue);
        assert_eq!(hit(&l, &d, &s, lane_point(&l, "b")), Hit::Lane("b".into()));
        assert_eq!(hit(&l, &d, &s, centre(&l.band)), Hit::Band(0));
        assert_eq!(hit(&l, &d, &s, Point { x: l.region.x + 4.0, y: l.region.y + 4.0 }), Hit::Region(0));
        assert_eq!(hit(&l, &d, &s, Point { x: -10.0, y: -10.0 }), Hit::Outside);
    }

    #[test]
    fn links_target_any_other_component_and_instances_target_groups() {
        let d = reference::three_tier();
        let l = layout(&d);
        let web = centre(&l.node("web").unwrap().rect);
        assert_eq!(hit(&l, &d, &Source::Link { from: "lb-1".into() }, web), Hit::Node("web".into()));
        assert_eq!(hit(&l, &d, &Source::Link { from: "web".into() }, web), Hit::Band(0), "not onto itself");
        assert_eq!(hit(&l, &d, &Source::Palette(Kind::Instance), web), Hit::Node("web".into()));
        assert_eq!(hit(&l, &d, &Source::Palette(Kind::Queue), web), Hit::Band(0));
    }

    #[test]
    fn drops_resolve_to_one_edit_or_a_reason() {
        let d = reference::single_server();
        let inst = Source::Palette(Kind::Instance);
        assert_eq!(
            resolve(&d, &inst, &Hit::Lane("b".into()), None),
            Ok(Edit::Place { kind: Kind::Instance, target: Target::Zone("b".into()), position: None })
        );
        assert!(resolve(&d, &inst, &Hit::Band(0), None).unwrap_err().contains("zone lane"));
        assert!(resolve(&d, &inst, &Hit::Outside, None).unwrap_err().contains("inside region us-east-1"));
        let q = Source::Palette(Kind::Queue);
        assert_eq!(
            resolve(&d, &q, &Hit::Lane("b".into()), None),
            Ok(Edit::Place { kind: Kind::Queue, target: Target::Region(0), position: None })
        );
        let moving = Source::Node { id: "web-1".into() };
        assert!(matches!(resolve(&d, &moving, &Hit::Lane("c".into()), None), Ok(Edit::Move { .. })));
        assert!(resolve(&d, &moving, &Hit::Band(0), None).is_err());
        let link = Source::Link { from: "web-1".into() };
        assert!(resolve(&d, &link, &Hit::Band(0), None).unwrap_err().contains("Drop the end of the link"));
    }

    #[test]
    fn previews_try_the_edit() {
        let d = reference::single_server();
        let v = preview(&d, &Source::Palette(Kind::Instance), &Hit::Lane("b".into()));
        assert_eq!(v, Verdict { ok: true, text: "Place instance in zone b".into() });
        let v = preview(&d, &Source::Link { from: "db-1".into() }, &Hit::Node("web-1".into()));
        assert!(!v.ok && v.text.contains("draw the link from web-1 to db-1"), "{v:?}");
        let v = preview(&d, &Source::Node { id: "web-1".into() }, &Hit::Lane("a".into()));
        assert_eq!(v.text, "Move web-1 within zone a");
    }

    fn two_regions() -> Design {
        let mut d = reference::single_server();
        d.components.retain(|c| c.id == "clients");
        d.connections.clear();
        crate::editor::regions::add_region(&d).unwrap().design
    }

    #[test]
    fn the_second_regions_band_lanes_and_margins_are_hit() {
        let d = two_regions();
        let l = layout(&d);
        let west = &l.more_regions[0];
        let s = Source::Palette(Kind::LoadBalancer);
        assert_eq!(hit(&l, &d, &s, centre(&west.band)), Hit::Band(1));
        assert_eq!(hit(&l, &d, &s, lane_point(&l, "us-west-2b")), Hit::Lane("us-west-2b".into()));
        assert_eq!(hit(&l, &d, &s, Point { x: west.rect.x + 4.0, y: west.rect.y + 4.0 }), Hit::Region(1));
        assert_eq!(hit(&l, &d, &s, centre(&l.band)), Hit::Band(0));
    }

    #[test]
    fn drops_in_the_second_region_name_it() {
        let d = two_regions();
        let lb = Source::Palette(Kind::LoadBalancer);
        assert_eq!(
            resolve(&d, &lb, &Hit::Lane("us-west-2a".into()), None),
            Ok(Edit::Place { kind: Kind::LoadBalancer, target: Target::Region(1), position: None })
        );
        assert_eq!(preview(&d, &lb, &Hit::Band(1)).text, "Place load balancer in region us-west-2");
        let inst = Source::Palette(Kind::Instance);
        assert_eq!(
            preview(&d, &inst, &Hit::Lane("us-west-2b".into())).text,
            "Place instance in zone us-west-2b"
        );
        let v = preview(&d, &inst, &Hit::Band(1));
        assert!(!v.ok && v.text.contains("zone lane"), "{v:?}");
        let v = preview(&d, &inst, &Hit::Outside);
        assert_eq!(v.text, "Drop it inside region us-east-1 or us-west-2.");
        assert_eq!(
            preview(&d, &Source::Palette(Kind::Dns), &Hit::Band(1)).text,
            "Place DNS name (global, serves every region)"
        );
    }

    #[test]
    fn moves_across_regions_are_previewed_and_checked() {
        let mut d = two_regions();
        d = apply(
            &d,
            &Edit::Place { kind: Kind::Instance, target: Target::Zone("a".into()), position: None },
        )
        .unwrap()
        .design;
        let web = Source::Node { id: "web-1".into() };
        assert_eq!(preview(&d, &web, &Hit::Lane("us-west-2a".into())).text, "Move web-1 to zone us-west-2a");
        let out = apply(&d, &resolve(&d, &web, &Hit::Lane("us-west-2a".into()), None).unwrap()).unwrap();
        assert_eq!(out.message, "Moved instance web-1 from zone a to zone us-west-2a.");
        let moved = out.design.component("web-1").unwrap();
        assert_eq!(moved.region.as_deref(), Some("us-west-2"));
        let d = apply(&d, &Edit::Place { kind: Kind::Queue, target: Target::Region(0), position: None })
            .unwrap()
            .design;
        let queue = Source::Node { id: "queue-1".into() };
        assert_eq!(preview(&d, &queue, &Hit::Band(1)).text, "Move queue-1 to region us-west-2");
        assert_eq!(preview(&d, &queue, &Hit::Band(0)).text, "Move queue-1");
        let clients = Source::Node { id: "clients".into() };
        assert_eq!(preview(&d, &clients, &Hit::Band(1)).text, "Move clients", "clients stay global");
    }
}
