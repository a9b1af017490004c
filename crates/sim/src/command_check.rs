//! Checking a command against a design before a run starts.
//!
//! A world refuses a command whose target it does not have only when the command comes
//! due, and then just logs "not applied": a script with a typo runs to the end and
//! reports a healthy system. The command line, the app and levels check every scripted
//! command up front with [`TimedCommand::check_against`] instead, and refuse the script.

use crate::command::{Command, TimedCommand};
use crate::design::{ComponentSpec, Design};

/// Why a command cannot apply to a design: the target it names or a value it carries.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct CheckError {
    /// What is wrong and what the design has instead.
    pub reason: String,
}

impl TimedCommand {
    /// Whether the command can apply to a world built from `design`; see
    /// [`Command::check_against`].
    pub fn check_against(&self, design: &Design) -> Result<(), CheckError> {
        self.command.check_against(design)
    }
}

impl Command {
    /// Whether every name in the command is a component or zone of `design`, and every
    /// value is within what the world can do.
    ///
    /// Instances launched by an auto scaling group are named `i-1`, `i-2`, … in launch
    /// order, so such a name is accepted when the design has a group: whether that
    /// instance is running at the time is known only during the run.
    pub fn check_against(&self, design: &Design) -> Result<(), CheckError> {
        match self {
            Command::KillInstance { instance }
            | Command::HangInstance { instance }
            | Command::RecoverInstance { instance } => check_instance(design, instance),
            Command::SlowInstance { instance, factor } => {
                check_instance(design, instance)?;
                check_range("slow-down factor", *factor, 1.0, 1000.0)
            }
            Command::KillDatabasePrimary { database } => check_database(design, database).map(|_| ()),
            Command::PromoteReplica { database, replica } => {
                let replicas = check_database(design, database)?;
                match replicas {
                    0 => fail(format!("database `{database}` has no read replica to promote")),
                    n if *replica as usize >= n => fail(format!(
                        "database `{database}` has {n} read replica(s), numbered 0 to {}; there is no replica {replica}",
                        n - 1
                    )),
                    _ => Ok(()),
                }
            }
            Command::LoseZone { zone } | Command::RestoreZone { zone } => check_zone(design, zone),
            Command::ImpairZone { zone, added_latency_ms, drop_fraction } => {
                check_zone(design, zone)?;
                check_range("added latency [ms]", *added_latency_ms, 0.0, 60_000.0)?;
                check_range("drop fraction", *drop_fraction, 0.0, 1.0)
            }
            Command::TrafficSpike { factor, duration_s } => {
                check_range("traffic factor", *factor, 0.0, 1000.0)?;
                check_range("spike duration [s]", *duration_s, 1.0, 31_536_000.0)
            }
            Command::StopConsumers { queue } | Command::StartConsumers { queue } => {
                check_kind(design, queue, "queue", |s| matches!(s, ComponentSpec::Queue(_)))
            }
            Command::SetDesiredCapacity { group, .. } => check_group(design, group),
            Command::StartChaosMonkey { group, mean_interval_s, .. } => {
                if let Some(group) = group {
                    check_group(design, group)?;
                } else if !has_group(design) {
                    return fail(
                        "the chaos monkey needs an auto scaling group, and the design has none".to_owned(),
                    );
                }
                check_range("chaos mean interval [s]", *mean_interval_s, 1.0, 31_536_000.0)
            }
            Command::StopChaosMonkey => Ok(()),
            Command::StoreOutage { store } | Command::RestoreStore { store } => {
                check_kind(design, store, "key-value store", |s| matches!(s, ComponentSpec::KeyValueStore(_)))
            }
            Command::StorageOutage { storage } | Command::RestoreStorage { storage } => {
                check_kind(design, storage, "object storage", |s| {
                    matches!(s, ComponentSpec::ObjectStorage(_))
                })
            }
            Command::CdnOutage { cdn } | Command::RestoreCdn { cdn } => {
                check_kind(design, cdn, "CDN", |s| matches!(s, ComponentSpec::Cdn(_)))
            }
            Command::LoseRegion { region } | Command::RestoreRegion { region } => {
                check_region(design, region)
            }
        }
    }
}

fn fail(reason: String) -> Result<(), CheckError> {
    Err(CheckError { reason })
}

fn has_group(design: &Design) -> bool {
    design.components.iter().any(|c| matches!(c.spec, ComponentSpec::AutoScalingGroup(_)))
}

/// A standalone instance's id, or `i-N` when a group can launch it.
fn check_instance(design: &Design, name: &str) -> Result<(), CheckError> {
    let standalone = |spec: &ComponentSpec| matches!(spec, ComponentSpec::Instance(_));
    if ids_of(design, standalone).contains(&name) {
        return Ok(());
    }
    let launched = name.strip_prefix("i-").and_then(|n| n.parse::<u32>().ok()).is_some_and(|n| n >= 1);
    if launched && has_group(design) {
        return Ok(());
    }
    let mut known: Vec<String> = ids_of(design, standalone).iter().map(|s| (*s).to_owned()).collect();
    if has_group(design) {
        known.push("i-1, i-2, … (launched by a group)".to_owned());
    }
    fail(format!("there is no instance `{name}`; the design has: {}", listed(&known)))
}

/// The database's number of read replicas, if the design has it.
fn check_database(design: &Design, name: &str) -> Result<usize, CheckError> {
    match design.component(name).map(|c| &c.spec) {
        Some(ComponentSpec::Database(d)) => Ok(d.read_replicas.len()),
        _ => {
            let known = ids_of(design, |s| matches!(s, ComponentSpec::Database(_)));
            Err(CheckError {
                reason: format!("there is no database `{name}`; the design has: {}", listed(&known)),
            })
        }
    }
}

fn check_group(design: &Design, name: &str) -> Result<(), CheckError> {
    check_kind(design, name, "auto scaling group", |s| matches!(s, ComponentSpec::AutoScalingGroup(_)))
}

fn check_zone(design: &Design, zone: &str) -> Result<(), CheckError> {
    let zones = design.zone_names();
    if zones.iter().any(|z| z == zone) {
        return Ok(());
    }
    fail(format!("there is no zone `{zone}`; the region has: {}", listed(&zones)))
}

fn check_region(design: &Design, region: &str) -> Result<(), CheckError> {
    if design.regions.iter().any(|r| r.name == region) {
        return Ok(());
    }
    let names: Vec<&str> = design.regions.iter().map(|r| r.name.as_str()).collect();
    fail(format!("there is no region `{region}`; the design has: {}", listed(&names)))
}

/// A component of one kind, by id.
fn check_kind(
    design: &Design,
    name: &str,
    kind: &str,
    is_kind: impl Fn(&ComponentSpec) -> bool,
) -> Result<(), CheckError> {
    let known = ids_of(design, &is_kind);
    if known.contains(&name) {
        return Ok(());
    }
    fail(format!("there is no {kind} `{name}`; the design has: {}", listed(&known)))
}

fn check_range(what: &str, value: f64, low: f64, high: f64) -> Result<(), CheckError> {
    if (low..=high).contains(&value) {
        return Ok(());
    }
    fail(format!("the {what} must be from {low} to {high}, not {value}"))
}

fn ids_of(design: &Design, is_kind: impl Fn(&ComponentSpec) -> bool) -> Vec<&str> {
    design.components.iter().filter(|c| is_kind(&c.spec)).map(|c| c.id.as_str()).collect()
}

fn listed<S: AsRef<str>>(names: &[S]) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    names.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::reference;

    fn check(design: &Design, text: &str) -> Result<(), String> {
        let command = TimedCommand::parse(text).map_err(|e| e.to_string())?;
        command.check_against(design).map_err(|e| e.to_string())
    }

    #[test]
    fn targets_the_design_has_pass() {
        let design = reference::three_tier();
        for text in [
            "10s:kill i-1",
            "10s:hang i-12",
            "10s:slow i-2 3",
            "1m:lose-zone a",
            "1m:impair-zone b 80 0.1",
            "1m:spike 5 600",
            "1m:chaos 300 business-hours",
            "1m:stop-chaos",
        ] {
            assert_eq!(check(&design, text), Ok(()), "{text}");
        }
        let single = reference::single_server();
        assert_eq!(check(&single, "10s:kill web-1"), Ok(()));
    }

    #[test]
    fn unknown_targets_are_named_with_what_there_is() {
        let single = reference::single_server();
        let e = check(&single, "10s:kill nosuch").expect_err("no such instance");
        assert!(e.contains("no instance `nosuch`") && e.contains("web-1"), "{e}");
        let e = check(&single, "10s:kill i-1").expect_err("no group launches i-1 here");
        assert!(e.contains("no instance `i-1`"), "{e}");
        let e = check(&single, "10s:lose-zone q").expect_err("no such zone");
        assert!(e.contains("no zone `q`"), "{e}");
        let e = check(&single, "10s:desired web -3").expect_err("not a count");
        assert!(e.contains("whole number"), "{e}");
        let e = check(&single, "10s:desired web 2").expect_err("no group");
        assert!(e.contains("no auto scaling group `web`; the design has: none"), "{e}");
        let e = check(&single, "10s:chaos 60").expect_err("no group");
        assert!(e.contains("needs an auto scaling group"), "{e}");
        let e = check(&single, "10s:stop-consumers jobs").expect_err("no queue");
        assert!(e.contains("no queue `jobs`"), "{e}");
    }

    #[test]
    fn values_out_of_range_are_refused() {
        let design = reference::three_tier();
        let e = check(&design, "1m:impair-zone a 80 1.5").expect_err("fraction above 1");
        assert!(e.contains("drop fraction must be from 0 to 1, not 1.5"), "{e}");
        let e = check(&design, "1m:slow i-1 0.5").expect_err("a speed-up");
        assert!(e.contains("slow-down factor"), "{e}");
        let e = check(&design, "1m:spike 5 0").expect_err("no duration");
        assert!(e.contains("spike duration"), "{e}");
    }

    #[test]
    fn promote_needs_a_replica_with_that_number() {
        let mut design = reference::three_tier();
        let db = design.components.iter().find(|c| matches!(c.spec, ComponentSpec::Database(_)));
        let name = db.map(|c| c.id.clone()).expect("three-tier has a database");
        let e = check(&design, &format!("1m:promote {name} 0")).expect_err("no replicas");
        assert!(e.contains("no read replica"), "{e}");
        for c in &mut design.components {
            if let ComponentSpec::Database(d) = &mut c.spec {
                d.read_replicas = vec!["b".into()];
            }
        }
        assert_eq!(check(&design, &format!("1m:promote {name} 0")), Ok(()));
        let e = check(&design, &format!("1m:promote {name} 1")).expect_err("one replica only");
        assert!(e.contains("numbered 0 to 0"), "{e}");
        let e = check(&design, "1m:kill-db nosuch").expect_err("no such database");
        assert!(e.contains(&format!("the design has: {name}")), "{e}");
    }
}
