//! What each drawn copy of a database shows while a run is live.
//!
//! The canvas draws a database where the design put it: the primary in its zone's lane,
//! the standby and read replicas as dashed copies in theirs. After a failover the world's
//! primary lives in another zone, so each copy is labelled by what the snapshot says runs
//! in *its* zone now, not by the role the design gave it.

use nines_sim::snapshot::{DatabaseView, Snapshot};
use nines_sim::world::DbState;

use super::status::{NodeStatus, Tone, age_text};
use crate::layout::NodeRole;

/// The live status of the copy of database `id` drawn in `zone` with design role `role`.
pub fn node(snapshot: &Snapshot, id: &str, zone: &str, role: NodeRole) -> Option<NodeStatus> {
    let d = snapshot.databases.iter().find(|d| d.name == id)?;
    let (corner, text, tone, moving) = describe(snapshot, d, zone, role);
    Some(NodeStatus {
        tone,
        title: format!("{id} in zone {zone}: {corner} — {text}"),
        text,
        corner: Some(corner.to_owned()),
        moving,
        ..NodeStatus::default()
    })
}

/// The zone a failover is moving the primary to, while one runs.
pub fn failover_target(snapshot: &Snapshot, d: &DatabaseView) -> Option<String> {
    match d.state {
        DbState::FailingOver { to, .. } => snapshot.zones.get(to.index()).map(|z| z.name.clone()),
        _ => None,
    }
}

/// Seconds from the snapshot's time until `until` [µs].
fn seconds_left(snapshot: &Snapshot, until: u64) -> f64 {
    until.saturating_sub(snapshot.time) as f64 / 1e6
}

/// (corner tag, line, tone, animated) of the copy in `zone`.
fn describe(
    snapshot: &Snapshot,
    d: &DatabaseView,
    zone: &str,
    role: NodeRole,
) -> (&'static str, String, Tone, bool) {
    let is_primary = d.primary_zone == zone;
    match d.state {
        DbState::FailingOver { until, .. } if failover_target(snapshot, d).as_deref() == Some(zone) => {
            let left = age_text(seconds_left(snapshot, until));
            ("PROMOTING", format!("failing over · ~{left} left"), Tone::Warn, true)
        }
        DbState::FailingOver { .. } if is_primary => {
            ("FAILED", "primary failed · failing over".to_owned(), Tone::Bad, true)
        }
        DbState::Down { until, zone_loss, .. } if is_primary => {
            let how = if zone_loss { "restore" } else { "new host" };
            let left = age_text(seconds_left(snapshot, until));
            ("DOWN", format!("down · {how} in ~{left}"), Tone::Bad, false)
        }
        _ if is_primary => ("PRIMARY", "primary · reads and writes".to_owned(), Tone::Ok, false),
        _ if d.standby_zone.as_deref() == Some(zone) => {
            ("STANDBY", "standby · in sync".to_owned(), Tone::Ok, false)
        }
        _ if role == NodeRole::Replica && d.replica_zones.iter().any(|z| z == zone) => {
            ("REPLICA", "read replica · serving reads".to_owned(), Tone::Ok, false)
        }
        _ if role == NodeRole::Replica => ("REPLICA", "replica down".to_owned(), Tone::Bad, false),
        _ if snapshot.zones.iter().any(|z| z.name == zone && z.lost) => {
            ("LOST", "zone lost · copy gone".to_owned(), Tone::Bad, false)
        }
        _ => ("REBUILDING", "no copy here · standby rebuilding".to_owned(), Tone::Warn, false),
    }
}
