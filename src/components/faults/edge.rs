//! Faults of the edge and its origin: an object-storage outage (a rare regional event:
//! CDN hits are still served, misses fail) and a CDN outage, each with its restore.

use nines_sim::Command;
use nines_sim::snapshot::Snapshot;
use yew::prelude::*;

use super::fault_button;
use crate::state::Action;

/// Object storage: a regional outage, or its end.
pub(super) fn storage_row(id: &str, snapshot: Option<&Snapshot>, on_action: &Callback<Action>) -> Html {
    let up = snapshot.and_then(|s| s.object_storage.iter().find(|b| b.name == id)).is_none_or(|b| b.up);
    let storage = id.to_owned();
    let button = if up {
        fault_button(
            "Regional outage",
            format!(
                "Regional outage of {id}: it stops answering, a rare regional event; CDN hits are still served, misses fail"
            ),
            Some("B"),
            Command::StorageOutage { storage },
            on_action,
        )
    } else {
        fault_button(
            "Restore",
            format!("Restore {id}: it answers again"),
            Some("B"),
            Command::RestoreStorage { storage },
            on_action,
        )
    };
    row(id, if up { "answering · survives a zone loss" } else { "down · regional outage" }, button)
}

/// A CDN: an outage, or its end.
pub(super) fn cdn_row(id: &str, snapshot: Option<&Snapshot>, on_action: &Callback<Action>) -> Html {
    let up = snapshot.and_then(|s| s.cdns.iter().find(|c| c.name == id)).is_none_or(|c| c.up);
    let cdn = id.to_owned();
    let button = if up {
        fault_button(
            "Outage",
            format!("Outage of {id}: it stops answering, every request sent through it fails"),
            Some("E"),
            Command::CdnOutage { cdn },
            on_action,
        )
    } else {
        fault_button(
            "Restore",
            format!("Restore {id}: it answers again"),
            Some("E"),
            Command::RestoreCdn { cdn },
            on_action,
        )
    };
    row(id, if up { "answering from its edges" } else { "down" }, button)
}

/// One row: the component, its state and its one button (`data-edge` names it for tests).
fn row(id: &str, state: &'static str, button: Html) -> Html {
    html! {
        <li class="fault-row" data-edge={id.to_owned()}>
            <span class="fault-name">{ id.to_owned() }</span>
            <span class="fault-state">{ state }</span>
            <span class="fault-buttons">{ button }</span>
        </li>
    }
}
