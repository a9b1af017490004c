//! The design editor's operations, as pure functions from a design to a new design.
//!
//! Every change a learner makes to a design is one [`Edit`]; [`apply`] either returns the
//! edited design with a sentence saying what happened, or refuses with a sentence saying
//! why. Nothing here touches the browser, so native unit tests cover every rule, and the
//! reducer only decides what to do with the outcome (record history, announce, select).

pub mod check;
pub mod connect;
pub mod describe;
pub mod drop;
pub mod field_value;
pub mod fields;
pub mod history;
pub mod ids;
pub mod place;
pub mod regions;
pub mod relocate;
pub mod remove;
pub mod rename;
pub mod zones;

use nines_sim::design::{Design, Position};
use serde_json::Value;

use crate::kind::Kind;

/// Where a placed or moved component goes.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// Into the lane of this availability zone, named as the world names it: `b` in the
    /// first region, `us-west-2b` in a later one (see [`regions::locate`]).
    Zone(String),
    /// Onto region number `n` (its band across every zone); 0 is the first.
    Region(usize),
}

/// A copy of a database drawn in another zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Copy {
    /// The Multi-AZ standby.
    Standby,
    /// Read replica number `k` (its index in `read_replicas`).
    Replica(usize),
}

/// One change to a design.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add a new component of `kind` at `target`, drawn at `position` if given.
    Place { kind: Kind, target: Target, position: Option<Position> },
    /// Move a component to another zone (zone-scoped) or elsewhere on the canvas.
    Move { id: String, target: Target, position: Option<Position> },
    /// Move a database's standby or a read replica to another zone.
    MoveCopy { id: String, copy: Copy, zone: String },
    /// Make a hand-placed instance part of an auto-scaling group.
    Attach { instance: String, group: String },
    /// Add one instance to a group (a new instance dropped onto it).
    Grow { group: String },
    /// Remove a component and everything that pointed at it.
    Delete { id: String },
    /// Draw a link: `from` sends work to `to`.
    Connect { from: String, to: String },
    /// Remove a link.
    Disconnect { from: String, to: String },
    /// Set one parameter (a field path such as `health_check.interval_s`).
    SetField { id: String, path: String, value: Value },
    /// Give a component another id, keeping its links and references.
    Rename { id: String, to: String },
    /// Add the next free availability zone (a–f) to region number `region`.
    AddZone { region: usize },
    /// Remove an unused availability zone (its suffix, e.g. `c`) of region number `region`.
    RemoveZone { region: usize, zone: String },
    /// Rename region number `region`, e.g. to `eu-west-1`.
    SetRegionName { region: usize, name: String },
    /// Add a second region (its zones a and b).
    AddRegion,
    /// Remove an unused region other than the first.
    RemoveRegion { region: usize },
    /// Rename the design.
    SetDesignName { name: String },
}

/// A successful edit: the new design, what happened in words, and what to select.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub design: Design,
    /// A sentence for the status line and screen readers: "Placed instance web-2 in zone b."
    pub message: String,
    /// The component to select afterwards, if the edit made or moved one.
    pub select: Option<String>,
}

/// An edit's result: the outcome, or why it was refused (a sentence to show).
pub type EditResult = Result<Outcome, String>;

/// Applies one edit to `design`. Never panics; a refused edit leaves nothing changed.
pub fn apply(design: &Design, edit: &Edit) -> EditResult {
    match edit {
        Edit::Place { kind, target, position } => place::place(design, *kind, target, *position),
        Edit::Move { id, target, position } => relocate::move_to(design, id, target, *position),
        Edit::MoveCopy { id, copy, zone } => relocate::move_copy(design, id, *copy, zone),
        Edit::Attach { instance, group } => relocate::attach(design, instance, group),
        Edit::Grow { group } => relocate::grow(design, group),
        Edit::Delete { id } => remove::delete(design, id),
        Edit::Connect { from, to } => connect::connect(design, from, to),
        Edit::Disconnect { from, to } => connect::disconnect(design, from, to),
        Edit::SetField { id, path, value } => field_value::set_field(design, id, path, value.clone()),
        Edit::Rename { id, to } => rename::rename(design, id, to),
        Edit::AddZone { region } => zones::add_zone(design, *region),
        Edit::RemoveZone { region, zone } => zones::remove_zone(design, *region, zone),
        Edit::SetRegionName { region, name } => zones::set_region_name(design, *region, name),
        Edit::AddRegion => regions::add_region(design),
        Edit::RemoveRegion { region } => regions::remove_region(design, *region),
        Edit::SetDesignName { name } => zones::set_design_name(design, name),
    }
}

/// The component with `id` and its index, or a refusal naming the missing id.
pub(crate) fn find<'a>(
    design: &'a Design,
    id: &str,
) -> Result<(usize, &'a nines_sim::design::Component), String> {
    design
        .components
        .iter()
        .enumerate()
        .find(|(_, c)| c.id == id)
        .ok_or_else(|| format!("There is no component {id} in this design any more."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::{reference, validate};
    use serde_json::json;

    /// Every edit that succeeds leaves a valid design valid, so autosave can always
    /// restore what the editor made. A long, deterministic walk through many edits.
    #[test]
    fn edits_keep_a_valid_design_valid() {
        let mut design = regions::add_region(&reference::single_server()).unwrap().design;
        let mut applied = 0;
        let mut refused = 0;
        let mut step = |design: &mut Design, edit: Edit| match apply(design, &edit) {
            Ok(out) => {
                assert!(validate(&out.design).is_empty(), "{edit:?} made {:?}", validate(&out.design));
                *design = out.design;
                applied += 1;
            }
            Err(reason) => {
                assert!(!reason.is_empty());
                refused += 1;
            }
        };
        for round in 0..3 {
            for kind in Kind::ALL {
                for target in [
                    Target::Region(0),
                    Target::Zone("a".into()),
                    Target::Zone("b".into()),
                    Target::Region(1),
                    Target::Zone("us-west-2a".into()),
                ] {
                    step(&mut design, Edit::Place { kind, target, position: None });
                }
            }
            let ids: Vec<String> = design.components.iter().map(|c| c.id.clone()).collect();
            for from in &ids {
                for to in ids.iter().step_by(2 + round) {
                    step(&mut design, Edit::Connect { from: from.clone(), to: to.clone() });
                }
            }
            for id in ids.iter().step_by(3) {
                for (path, value) in [
                    ("instance.role", json!("worker")),
                    ("min", json!(3)),
                    ("standby_zone", json!("b")),
                    ("standby_zone", json!("a")),
                    ("zones", json!(["a", "c"])),
                    ("source", json!(ids[0])),
                    ("health_check.interval_s", json!(10.0)),
                    ("zone", json!("c")),
                ] {
                    step(&mut design, Edit::SetField { id: id.clone(), path: path.into(), value });
                }
            }
            for id in ids.iter().skip(round + 1).step_by(3) {
                for target in [Target::Zone("us-west-2b".into()), Target::Region(1), Target::Zone("c".into())]
                {
                    step(&mut design, Edit::Move { id: id.clone(), target, position: None });
                }
            }
            for id in ids.iter().skip(round).step_by(4) {
                step(&mut design, Edit::Delete { id: id.clone() });
            }
            step(&mut design, Edit::AddZone { region: 0 });
            step(&mut design, Edit::RemoveZone { region: 0, zone: "c".into() });
            step(&mut design, Edit::AddZone { region: 1 });
            step(&mut design, Edit::RemoveZone { region: 1, zone: "a".into() });
            step(&mut design, Edit::SetRegionName { region: 1, name: format!("eu-west-{}", round + 1) });
            step(&mut design, Edit::RemoveRegion { region: 1 });
            step(&mut design, Edit::AddRegion);
        }
        assert!(applied > 100 && refused > 100, "applied {applied}, refused {refused}");
    }
}
