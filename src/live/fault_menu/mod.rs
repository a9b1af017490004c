//! Which faults the selected component offers, and what each fault key does.
//!
//! Pure functions of the design, the last snapshot and the selection, so the buttons of
//! the Faults panel and the keyboard shortcuts agree and are unit-tested natively. A key
//! that cannot apply says why, in a sentence that names what to select instead.

use nines_sim::Command;
use nines_sim::design::{ComponentSpec, Design};
use nines_sim::snapshot::{InstanceView, Snapshot};
use nines_sim::time::{as_secs, parse_duration};
use nines_sim::world::{Condition, Lifecycle};

/// Factor of the Slow button and key: ×5 service time, enough to push p99 past most
/// timeouts without looking like a crash.
pub const SLOW_FACTOR: f64 = 5.0;

/// Added latency [ms] and dropped share [0–1] of Impair: a congested network.
pub const IMPAIR_LATENCY_MS: f64 = 200.0;
pub const IMPAIR_DROP_FRACTION: f64 = 0.1;

/// Every fault key, with what it does, for the help line and `aria-keyshortcuts`.
pub const KEYS: [(&str, &str); 13] = [
    ("K", "kill"),
    ("H", "hang"),
    ("S", "slow ×5"),
    ("R", "recover"),
    ("D", "kill database primary"),
    ("Z", "lose or restore its zone"),
    ("I", "impair or restore its zone"),
    ("Q", "stop or start queue consumers"),
    ("O", "key-value store outage or restore"),
    ("B", "object storage (bucket) outage or restore"),
    ("E", "CDN (edge) outage or restore"),
    ("T", "traffic spike"),
    ("C", "chaos monkey on/off"),
];

/// The editable settings of the spike and chaos-monkey controls, as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultSettings {
    /// Traffic multiplier of a spike, as typed (e.g. `3`).
    pub spike_factor: String,
    /// How long a spike lasts, as typed (`60`, `90s`, `5m`).
    pub spike_duration: String,
    /// Chaos monkey's mean time between terminations, as typed (`300`, `5m`).
    pub chaos_every: String,
    /// Chaos monkey only strikes 09:00–15:00 of simulated days.
    pub business_hours: bool,
    /// The group chaos monkey aims at; empty for every group.
    pub chaos_group: String,
}

impl Default for FaultSettings {
    /// A ×3 spike for a minute; chaos every five minutes, so a learner sees it strike.
    fn default() -> Self {
        FaultSettings {
            spike_factor: "3".to_owned(),
            spike_duration: "60s".to_owned(),
            chaos_every: "5m".to_owned(),
            business_hours: false,
            chaos_group: String::new(),
        }
    }
}

/// A setting that cannot be used: which field, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingError {
    /// `spike-factor`, `spike-duration` or `chaos-every`.
    pub field: &'static str,
    pub message: String,
}

impl FaultSettings {
    /// The spike command, or what is wrong with its fields.
    pub fn spike(&self) -> Result<Command, SettingError> {
        let factor = self.spike_factor.trim().parse::<f64>().ok().filter(|f| (1.1..=100.0).contains(f));
        let factor = factor.ok_or_else(|| SettingError {
            field: "spike-factor",
            message: format!(
                "Spike factor: enter a multiplier from 1.1 to 100, e.g. 3 (not “{}”).",
                self.spike_factor.trim()
            ),
        })?;
        let duration_s =
            seconds_between(&self.spike_duration, 1.0, 86_400.0).ok_or_else(|| SettingError {
                field: "spike-duration",
                message: format!(
                    "Spike duration: enter a time from 1 s to 24 h, e.g. 60, 90s or 5m (not “{}”).",
                    self.spike_duration.trim()
                ),
            })?;
        Ok(Command::TrafficSpike { factor, duration_s })
    }

    /// The chaos-monkey command, or what is wrong with its fields.
    pub fn chaos(&self) -> Result<Command, SettingError> {
        let mean_interval_s =
            seconds_between(&self.chaos_every, 10.0, 7.0 * 86_400.0).ok_or_else(|| SettingError {
                field: "chaos-every",
                message: format!(
                    "Chaos interval: enter a mean time between kills from 10 s to 7 days, e.g. 300, 5m or 1h (not “{}”).",
                    self.chaos_every.trim()
                ),
            })?;
        let group = (!self.chaos_group.is_empty()).then(|| self.chaos_group.clone());
        Ok(Command::StartChaosMonkey { group, mean_interval_s, business_hours: self.business_hours })
    }
}

/// A duration typed as seconds or `90s`, `5m`, `1h30m`, if within `lo..=hi` [s].
fn seconds_between(text: &str, lo: f64, hi: f64) -> Option<f64> {
    let seconds = as_secs(parse_duration(text)?);
    (lo..=hi).contains(&seconds).then_some(seconds)
}

/// What a fault key does: a command, or the reason it cannot.
pub type KeyOutcome = Result<Command, String>;

/// What the world, the design and the selection are when a key is pressed.
pub struct Scene<'a> {
    pub design: &'a Design,
    pub snapshot: Option<&'a Snapshot>,
    pub selected: Option<&'a str>,
    pub settings: &'a FaultSettings,
}

/// The command fault key `key` (any case) means now; `None` if it is not a fault key.
pub fn key_command(key: &str, scene: &Scene) -> Option<KeyOutcome> {
    let outcome = match key.to_ascii_uppercase().as_str() {
        "K" => kill(scene),
        "H" => instance_fault(scene, "H hangs", |name| Command::HangInstance { instance: name }),
        "S" => instance_fault(scene, "S slows", |name| Command::SlowInstance {
            instance: name,
            factor: SLOW_FACTOR,
        }),
        "R" => recover(scene),
        "D" => database(scene).map(|database| Command::KillDatabasePrimary { database }),
        "Z" => zone_of_selection(scene, "Z").map(|(zone, broken)| {
            if broken { Command::RestoreZone { zone } } else { Command::LoseZone { zone } }
        }),
        "I" => zone_of_selection(scene, "I").map(|(zone, broken)| {
            if broken {
                Command::RestoreZone { zone }
            } else {
                Command::ImpairZone {
                    zone,
                    added_latency_ms: IMPAIR_LATENCY_MS,
                    drop_fraction: IMPAIR_DROP_FRACTION,
                }
            }
        }),
        "Q" => queue_toggle(scene),
        "O" => store_toggle(scene),
        "B" => storage_toggle(scene),
        "E" => cdn_toggle(scene),
        "T" => scene.settings.spike().map_err(|e| e.message),
        "C" => match scene.snapshot.and_then(|s| s.chaos.as_ref()) {
            Some(_) => Ok(Command::StopChaosMonkey),
            None => scene.settings.chaos().map_err(|e| e.message),
        },
        _ => return None,
    };
    Some(outcome)
}

/// The instances a selected instance or group stands for, running ones only, in order.
pub fn instances_of<'a>(snapshot: &'a Snapshot, id: &'a str) -> impl Iterator<Item = &'a InstanceView> + 'a {
    snapshot
        .instances
        .iter()
        .filter(move |i| i.name == id || i.group.as_deref() == Some(id))
        .filter(|i| i.lifecycle != Lifecycle::Terminated)
}

/// Whether an instance can be hung, slowed or killed: running and not already broken.
pub fn can_break(i: &InstanceView) -> bool {
    i.lifecycle != Lifecycle::Terminated && i.condition == Condition::Healthy
}

/// Whether an instance is hung or slow, so Recover heals it.
pub fn can_recover(i: &InstanceView) -> bool {
    matches!(i.condition, Condition::Hung | Condition::Slow(_)) && i.lifecycle != Lifecycle::Terminated
}

/// The instance a key aims at: the selected instance, or a group's first healthy one.
fn target_instance(scene: &Scene, verb: &str) -> Result<String, String> {
    let component = scene
        .selected
        .and_then(|id| scene.design.component(id))
        .filter(|c| matches!(c.spec, ComponentSpec::Instance(_) | ComponentSpec::AutoScalingGroup(_)))
        .ok_or_else(|| format!("{verb} an instance: select an instance or an auto-scaling group first."))?;
    let Some(snapshot) = scene.snapshot else {
        return match component.spec {
            ComponentSpec::Instance(_) => Ok(component.id.clone()),
            _ => Err(format!("{verb} one of {}'s instances: press Play or Step first.", component.id)),
        };
    };
    instances_of(snapshot, &component.id)
        .find(|i| can_break(i))
        .map(|i| i.name.clone())
        .ok_or_else(|| format!("{} has no healthy running instance left to break.", component.id))
}

fn instance_fault(scene: &Scene, verb: &str, command: impl Fn(String) -> Command) -> KeyOutcome {
    target_instance(scene, verb).map(command)
}

/// K: an instance or group kills an instance; a database loses its primary.
fn kill(scene: &Scene) -> KeyOutcome {
    let database = scene
        .selected
        .and_then(|id| scene.design.component(id))
        .filter(|c| matches!(c.spec, ComponentSpec::Database(_)));
    match database {
        Some(d) => Ok(Command::KillDatabasePrimary { database: d.id.clone() }),
        None => target_instance(scene, "K kills").map(|instance| Command::KillInstance { instance }),
    }
}

/// R: heal the selected hung or slow instance, or a group's first one.
fn recover(scene: &Scene) -> KeyOutcome {
    let id = scene.selected.ok_or("R recovers a hung or slow instance: select it (or its group) first.")?;
    let snapshot = scene.snapshot.ok_or("Nothing is hung or slow yet: the run has not started.")?;
    instances_of(snapshot, id)
        .find(|i| can_recover(i))
        .map(|i| Command::RecoverInstance { instance: i.name.clone() })
        .ok_or_else(|| {
            format!("Nothing to recover in {id}: R heals a hung or slow instance (a crashed one stays dead).")
        })
}

/// D: the selected database, or the design's only one.
fn database(scene: &Scene) -> Result<String, String> {
    let is_db =
        |id: &str| scene.design.component(id).is_some_and(|c| matches!(c.spec, ComponentSpec::Database(_)));
    if let Some(id) = scene.selected.filter(|id| is_db(id)) {
        return Ok(id.to_owned());
    }
    let all: Vec<&str> = scene
        .design
        .components
        .iter()
        .filter(|c| matches!(c.spec, ComponentSpec::Database(_)))
        .map(|c| c.id.as_str())
        .collect();
    match all.as_slice() {
        [only] => Ok((*only).to_owned()),
        [] => Err("D kills a database primary, and the design has no database.".to_owned()),
        _ => Err("D kills a database primary: select which database first.".to_owned()),
    }
}

/// Z and I: the zone the selected instance or database (its primary) runs in, and
/// whether that zone is already lost or impaired (then the key restores it).
fn zone_of_selection(scene: &Scene, key: &str) -> Result<(String, bool), String> {
    let refuse = || {
        format!(
            "{key} acts on the zone of the selected instance or database: select one, or use the buttons on the zone lanes."
        )
    };
    let component = scene.selected.and_then(|id| scene.design.component(id)).ok_or_else(refuse)?;
    let live_zone = scene.snapshot.and_then(|s| match component.spec {
        ComponentSpec::Instance(_) => instances_of(s, &component.id).next().map(|i| i.zone.clone()),
        ComponentSpec::Database(_) => {
            s.databases.iter().find(|d| d.name == component.id).map(|d| d.primary_zone.clone())
        }
        _ => None,
    });
    let zone = match &component.spec {
        ComponentSpec::Instance(i) => live_zone.unwrap_or_else(|| i.zone.clone()),
        ComponentSpec::Database(d) => live_zone.unwrap_or_else(|| d.zone.clone()),
        _ => return Err(refuse()),
    };
    let broken =
        scene.snapshot.is_some_and(|s| s.zones.iter().any(|z| z.name == zone && (z.lost || z.impaired)));
    Ok((zone, broken))
}

/// Q: stop the selected queue's consumers, or start them again.
fn queue_toggle(scene: &Scene) -> KeyOutcome {
    let queue = scene
        .selected
        .and_then(|id| scene.design.component(id))
        .filter(|c| matches!(c.spec, ComponentSpec::Queue(_)))
        .ok_or("Q stops or starts a queue's consumers: select the queue first.")?;
    let stopped = scene
        .snapshot
        .and_then(|s| s.queues.iter().find(|q| q.name == queue.id))
        .is_some_and(|q| q.consumers_stopped);
    let queue = queue.id.clone();
    Ok(if stopped { Command::StartConsumers { queue } } else { Command::StopConsumers { queue } })
}

/// O: a regional outage of the selected key-value store (or the design's only one), or
/// its end when it is down.
fn store_toggle(scene: &Scene) -> KeyOutcome {
    let is_store = |c: &ComponentSpec| matches!(c, ComponentSpec::KeyValueStore(_));
    let store = selected_or_only(scene, is_store, "O breaks a key-value store", "store")?;
    let down = scene
        .snapshot
        .and_then(|s| s.key_value_stores.iter().find(|k| k.name == store))
        .is_some_and(|k| !k.up);
    Ok(if down { Command::RestoreStore { store } } else { Command::StoreOutage { store } })
}

/// B: a regional outage of the selected object storage (or the design's only bucket), or
/// its end when it is down.
fn storage_toggle(scene: &Scene) -> KeyOutcome {
    let is_bucket = |c: &ComponentSpec| matches!(c, ComponentSpec::ObjectStorage(_));
    let storage = selected_or_only(scene, is_bucket, "B breaks object storage", "bucket")?;
    let down = scene
        .snapshot
        .and_then(|s| s.object_storage.iter().find(|b| b.name == storage))
        .is_some_and(|b| !b.up);
    Ok(if down { Command::RestoreStorage { storage } } else { Command::StorageOutage { storage } })
}

/// E: an outage of the selected CDN (or the design's only one), or its end when it is down.
fn cdn_toggle(scene: &Scene) -> KeyOutcome {
    let is_cdn = |c: &ComponentSpec| matches!(c, ComponentSpec::Cdn(_));
    let cdn = selected_or_only(scene, is_cdn, "E breaks a CDN", "CDN")?;
    let down = scene.snapshot.and_then(|s| s.cdns.iter().find(|c| c.name == cdn)).is_some_and(|c| !c.up);
    Ok(if down { Command::RestoreCdn { cdn } } else { Command::CdnOutage { cdn } })
}

/// The selected component if it is of the kind, else the design's only one of it; or
/// why the key cannot choose (`what` says what the key does, `noun` names the kind).
fn selected_or_only(
    scene: &Scene,
    kind: fn(&ComponentSpec) -> bool,
    what: &str,
    noun: &str,
) -> Result<String, String> {
    if let Some(id) = scene.selected.filter(|id| scene.design.component(id).is_some_and(|c| kind(&c.spec))) {
        return Ok(id.to_owned());
    }
    let all: Vec<&str> =
        scene.design.components.iter().filter(|c| kind(&c.spec)).map(|c| c.id.as_str()).collect();
    match all.as_slice() {
        [only] => Ok((*only).to_owned()),
        [] => Err(format!("{what}, and the design has none.")),
        _ => Err(format!("{what}: select which {noun} first.")),
    }
}

#[cfg(test)]
mod tests;
