//! Reading a [`Command`] from its JSON, `{"command": "kill_instance", "instance": "web-1"}`,
//! by hand (`tagged_de.rs` says why): the page reads commands only inside the grader's
//! report and a level's verdict, and the derived reader was 35 KB of its wasm. The tags are
//! `snake_case`; `group` and `business_hours` are optional.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::{Error, Value};

use crate::command::Command;
use crate::tagged_de::tagged;

/// The commands' tags as JSON spells them, in declaration order (for messages).
const TAGS: [&str; 23] = [
    "kill_instance",
    "hang_instance",
    "slow_instance",
    "recover_instance",
    "kill_database_primary",
    "promote_replica",
    "lose_zone",
    "impair_zone",
    "restore_zone",
    "traffic_spike",
    "stop_consumers",
    "start_consumers",
    "set_desired_capacity",
    "start_chaos_monkey",
    "stop_chaos_monkey",
    "store_outage",
    "restore_store",
    "storage_outage",
    "restore_storage",
    "cdn_outage",
    "restore_cdn",
    "lose_region",
    "restore_region",
];

/// A new [`Command`] variant stops the build here until [`read`] below gets its arm and
/// [`TAGS`] its tag: the derived writer would otherwise write a command this reader refuses.
const _: fn(&Command) = |command| match command {
    Command::KillInstance { .. }
    | Command::HangInstance { .. }
    | Command::SlowInstance { .. }
    | Command::RecoverInstance { .. }
    | Command::KillDatabasePrimary { .. }
    | Command::PromoteReplica { .. }
    | Command::LoseZone { .. }
    | Command::ImpairZone { .. }
    | Command::RestoreZone { .. }
    | Command::TrafficSpike { .. }
    | Command::StopConsumers { .. }
    | Command::StartConsumers { .. }
    | Command::SetDesiredCapacity { .. }
    | Command::StartChaosMonkey { .. }
    | Command::StopChaosMonkey
    | Command::StoreOutage { .. }
    | Command::RestoreStore { .. }
    | Command::StorageOutage { .. }
    | Command::RestoreStorage { .. }
    | Command::CdnOutage { .. }
    | Command::RestoreCdn { .. }
    | Command::LoseRegion { .. }
    | Command::RestoreRegion { .. } => {}
};

impl<'de> Deserialize<'de> for Command {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        read(&value).map_err(D::Error::custom)
    }
}

/// The command `value` describes, or the first thing wrong with it.
fn read(value: &Value) -> Result<Command, Error> {
    let f = tagged(value, "command", "internally tagged enum Command")?;
    Ok(match f.tag {
        "kill_instance" => Command::KillInstance { instance: f.get("instance")? },
        "hang_instance" => Command::HangInstance { instance: f.get("instance")? },
        "slow_instance" => Command::SlowInstance { instance: f.get("instance")?, factor: f.get("factor")? },
        "recover_instance" => Command::RecoverInstance { instance: f.get("instance")? },
        "kill_database_primary" => Command::KillDatabasePrimary { database: f.get("database")? },
        "promote_replica" => {
            Command::PromoteReplica { database: f.get("database")?, replica: f.get("replica")? }
        }
        "lose_zone" => Command::LoseZone { zone: f.get("zone")? },
        "impair_zone" => Command::ImpairZone {
            zone: f.get("zone")?,
            added_latency_ms: f.get("added_latency_ms")?,
            drop_fraction: f.get("drop_fraction")?,
        },
        "restore_zone" => Command::RestoreZone { zone: f.get("zone")? },
        "traffic_spike" => {
            Command::TrafficSpike { factor: f.get("factor")?, duration_s: f.get("duration_s")? }
        }
        "stop_consumers" => Command::StopConsumers { queue: f.get("queue")? },
        "start_consumers" => Command::StartConsumers { queue: f.get("queue")? },
        "set_desired_capacity" => {
            Command::SetDesiredCapacity { group: f.get("group")?, desired: f.get("desired")? }
        }
        "start_chaos_monkey" => Command::StartChaosMonkey {
            group: f.or_default("group")?,
            mean_interval_s: f.get("mean_interval_s")?,
            business_hours: f.or_default("business_hours")?,
        },
        "stop_chaos_monkey" => Command::StopChaosMonkey,
        "store_outage" => Command::StoreOutage { store: f.get("store")? },
        "restore_store" => Command::RestoreStore { store: f.get("store")? },
        "storage_outage" => Command::StorageOutage { storage: f.get("storage")? },
        "restore_storage" => Command::RestoreStorage { storage: f.get("storage")? },
        "cdn_outage" => Command::CdnOutage { cdn: f.get("cdn")? },
        "restore_cdn" => Command::RestoreCdn { cdn: f.get("cdn")? },
        "lose_region" => Command::LoseRegion { region: f.get("region")? },
        "restore_region" => Command::RestoreRegion { region: f.get("region")? },
        _ => return Err(f.unknown(&TAGS)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::TimedCommand;

    /// One command of every kind, with fields that are not their defaults.
    fn every_command() -> Vec<Command> {
        let text = [
            "kill web-1",
            "hang web-2",
            "slow web-3 4.5",
            "recover web-3",
            "kill-db orders",
            "promote orders 2",
            "lose-zone a",
            "impair-zone b 120.5 0.25",
            "restore-zone b",
            "spike 5 600",
            "stop-consumers jobs",
            "start-consumers jobs",
            "desired web 7",
            "chaos web 300 business-hours",
            "stop-chaos",
            "store-outage sessions",
            "restore-store sessions",
            "storage-outage assets",
            "restore-storage assets",
            "cdn-outage edge",
            "restore-cdn edge",
            "lose-region us-east-1",
            "restore-region us-east-1",
        ];
        text.iter().map(|t| TimedCommand::parse(&format!("1s:{t}")).expect(t).command).collect()
    }

    fn parse(json: &str) -> Result<Command, String> {
        serde_json::from_str::<Command>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn every_command_reads_back_what_the_derive_writes() {
        let commands = every_command();
        let mut tags: Vec<String> = Vec::new();
        for command in &commands {
            let json = serde_json::to_value(command).expect("serialises");
            tags.push(json["command"].as_str().expect("a tag").to_owned());
            let from_value = serde_json::from_value::<Command>(json.clone()).map_err(|e| e.to_string());
            assert_eq!(from_value.as_ref(), Ok(command), "{json}");
            assert_eq!(parse(&json.to_string()).as_ref(), Ok(command), "{json}");
        }
        assert_eq!(tags, TAGS, "one command of each kind, in TAGS order");
    }

    #[test]
    fn optional_fields_default_and_unknown_fields_are_ignored() {
        let monkey = parse(r#"{"command": "start_chaos_monkey", "mean_interval_s": 60}"#);
        let expected =
            Command::StartChaosMonkey { group: None, mean_interval_s: 60.0, business_hours: false };
        assert_eq!(monkey, Ok(expected));
        let monkey = parse(r#"{"command": "start_chaos_monkey", "group": null, "mean_interval_s": 1.5}"#);
        let expected = Command::StartChaosMonkey { group: None, mean_interval_s: 1.5, business_hours: false };
        assert_eq!(monkey, Ok(expected));
        let kill = parse(r#"{"instance": "i-1", "note": "why", "command": "kill_instance"}"#);
        assert_eq!(kill, Ok(Command::KillInstance { instance: "i-1".into() }));
    }

    #[test]
    fn bad_commands_say_what_and_where() {
        let cases = [
            (r#"{"instance": "i-1"}"#, "missing field `command`"),
            (r#"{"command": "explode"}"#, "unknown variant `explode`, expected one of `kill_instance`"),
            (r#"{"command": 3}"#, "invalid type: integer `3`, expected variant identifier"),
            (r#""kill""#, "invalid type: string \"kill\", expected internally tagged enum Command"),
            (r#"{"command": "kill_instance"}"#, "missing field `instance`"),
            (r#"{"command": "kill_instance", "instance": 7}"#, "instance: invalid type: integer `7`"),
            (
                r#"{"command": "slow_instance", "instance": "i", "factor": "x"}"#,
                "factor: invalid type: string",
            ),
            (r#"{"command": "promote_replica", "database": "d", "replica": -1}"#, "replica: invalid value"),
            (r#"{"command": "promote_replica", "database": "d", "replica": 1.5}"#, "replica: invalid type"),
            (r#"{"command": "set_desired_capacity", "group": "g", "desired": 4294967296}"#, "desired:"),
            (
                r#"{"command": "start_chaos_monkey", "mean_interval_s": 1, "business_hours": 1}"#,
                "business_hours:",
            ),
        ];
        for (json, expected) in cases {
            let e = parse(json).expect_err(json);
            assert!(e.contains(expected), "{json}: {e}");
        }
    }
}
