//! Everything a user, a fault script or the grader can do to a running world, as data.
//!
//! Commands name components by the ids and names the learner sees (`web-1`, `i-7`, zone
//! `b`), so a recorded list of (time, command) replays a run exactly and can be written
//! in a file or typed on the command line.

use serde::{Deserialize, Serialize};

use crate::time::{Micros, SECOND, parse_duration};

/// One action on a world.
///
/// Written as JSON by serde's derive, `{"command": "kill_instance", "instance": "web-1"}`;
/// read back by hand (`command_de.rs`, a new variant needs its arm there).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// The instance dies: nothing answers, health checks are refused.
    KillInstance {
        /// The instance's name.
        instance: String,
    },
    /// The process is alive but never answers: requests and health checks time out.
    HangInstance {
        /// The instance's name.
        instance: String,
    },
    /// Every service time of the instance is multiplied by `factor`.
    SlowInstance {
        /// The instance's name.
        instance: String,
        /// Multiplier of service times, e.g. 5 for five times slower; above 1.
        factor: f64,
    },
    /// Heal a hung or slow instance (a crashed one stays dead).
    RecoverInstance {
        /// The instance's name.
        instance: String,
    },
    /// The database's primary fails (Multi-AZ fails over; single-AZ waits for a new host).
    KillDatabasePrimary {
        /// The database's name.
        database: String,
    },
    /// Promote read replica number `replica` (0-based) to be the new primary.
    PromoteReplica {
        /// The database's name.
        database: String,
        /// Which read replica, counting from 0 in the design's order.
        replica: u32,
    },
    /// The whole zone loses power: instances, load-balancer nodes and database copies in it.
    LoseZone {
        /// The zone's name, e.g. "a".
        zone: String,
    },
    /// The zone stays up but adds latency and drops a fraction of requests.
    ImpairZone {
        /// The zone's name, e.g. "a".
        zone: String,
        /// Latency added to every request into the zone [ms].
        added_latency_ms: f64,
        /// Share of requests into the zone dropped [0–1].
        drop_fraction: f64,
    },
    /// A lost or impaired zone returns to normal.
    RestoreZone {
        /// The zone's name, e.g. "a".
        zone: String,
    },
    /// Every traffic source sends `factor` times its profile for `duration_s` seconds.
    TrafficSpike {
        /// Multiplier of every source's rate, e.g. 3 for three times the traffic.
        factor: f64,
        /// How long the spike lasts [s].
        duration_s: f64,
    },
    /// Every consumer of the queue stops polling (work in hand is finished).
    StopConsumers {
        /// The queue's name.
        queue: String,
    },
    /// The consumers of the queue poll again.
    StartConsumers {
        /// The queue's name.
        queue: String,
    },
    /// Set a group's desired capacity (clamped to its min and max).
    SetDesiredCapacity {
        /// The auto-scaling group's name.
        group: String,
        /// The new desired capacity [instances].
        desired: u32,
    },
    /// Chaos monkey: terminate a random in-service instance of the group (or of every group)
    /// at exponential intervals with this mean, optionally only 09:00–15:00 of simulated days.
    StartChaosMonkey {
        /// The group whose instances it terminates; `None` for every group.
        #[serde(default)]
        group: Option<String>,
        /// Mean time between terminations [s].
        mean_interval_s: f64,
        /// Only strike 09:00–15:00 of each simulated day, as Netflix ran it.
        #[serde(default)]
        business_hours: bool,
    },
    /// Chaos monkey stops.
    StopChaosMonkey,
    /// A key-value store stops answering: a rare regional event (a zone loss never does it).
    StoreOutage {
        /// The key-value store's name.
        store: String,
    },
    /// The key-value store answers again.
    RestoreStore {
        /// The key-value store's name.
        store: String,
    },
    /// Object storage stops answering: a rare regional event (a zone loss never does it).
    /// A CDN in front of it still serves what its edges hold; misses fail.
    StorageOutage {
        /// The object storage's name.
        storage: String,
    },
    /// The object storage answers again.
    RestoreStorage {
        /// The object storage's name.
        storage: String,
    },
    /// A CDN stops answering: every request sent through it fails.
    CdnOutage {
        /// The CDN's name.
        cdn: String,
    },
    /// The CDN answers again.
    RestoreCdn {
        /// The CDN's name.
        cdn: String,
    },
    /// A whole region goes down: every zone in it and its regional services (load
    /// balancers, databases, key-value stores, object storage).
    LoseRegion {
        /// The region's name, e.g. "us-east-1".
        region: String,
    },
    /// A lost region returns.
    RestoreRegion {
        /// The region's name, e.g. "us-east-1".
        region: String,
    },
}

/// A command to apply at a simulated time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimedCommand {
    /// When [µs since the start of the run].
    pub at: Micros,
    /// What.
    pub command: Command,
}

/// Why a command line such as `120s:kill i-1` could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "fault `{text}`: {reason}. Write it as TIME:ACTION TARGET, e.g. `120s:kill web-1`, `2m:lose-zone a`, `5m:spike 5 600`"
)]
pub struct CommandParseError {
    /// The text as given.
    pub text: String,
    /// What is wrong with it.
    pub reason: String,
}

impl TimedCommand {
    /// Parses the command line's short form `TIME:ACTION ARGS…`.
    ///
    /// Actions: `kill ID`, `hang ID`, `slow ID FACTOR`, `recover ID`, `kill-db ID`,
    /// `promote ID N`, `lose-zone Z`, `impair-zone Z LATENCY_MS DROP_FRACTION`,
    /// `restore-zone Z`, `spike FACTOR SECONDS`, `stop-consumers Q`, `start-consumers Q`,
    /// `desired GROUP N`, `chaos [GROUP] MEAN_SECONDS [business-hours]`, `stop-chaos`,
    /// `store-outage KV`, `restore-store KV`, `storage-outage S3`, `restore-storage S3`,
    /// `cdn-outage CDN`, `restore-cdn CDN`, `lose-region R`, `restore-region R`.
    pub fn parse(text: &str) -> Result<TimedCommand, CommandParseError> {
        let fail = |reason: &str| CommandParseError { text: text.to_owned(), reason: reason.to_owned() };
        let (time, action) = text.split_once(':').ok_or_else(|| fail("no `:` between time and action"))?;
        let at =
            parse_duration(time).ok_or_else(|| fail("the time is not a duration such as 90s, 2m or 1h"))?;
        let words: Vec<&str> = action.split_whitespace().collect();
        let command = parse_action(&words).map_err(|reason| fail(&reason))?;
        Ok(TimedCommand { at, command })
    }
}

fn parse_action(words: &[&str]) -> Result<Command, String> {
    let name = |i: usize| words.get(i).map(|w| (*w).to_owned()).ok_or_else(|| "a name is missing".to_owned());
    let number = |i: usize| -> Result<f64, String> {
        let word = words.get(i).ok_or("a number is missing")?;
        word.parse::<f64>().ok().filter(|n| n.is_finite()).ok_or_else(|| format!("`{word}` is not a number"))
    };
    // A count is refused rather than rounded or clamped: `-3` or `2.7` is a typo, and a
    // script that silently ran something else would not reproduce what the learner meant.
    let count = |i: usize| -> Result<u32, String> {
        let word = words.get(i).ok_or("a count is missing")?;
        word.parse::<u32>().map_err(|_| format!("`{word}` is not a whole number ≥ 0"))
    };
    let command = match words.first().copied().unwrap_or("") {
        "kill" => Command::KillInstance { instance: name(1)? },
        "hang" => Command::HangInstance { instance: name(1)? },
        "slow" => Command::SlowInstance { instance: name(1)?, factor: number(2)? },
        "recover" => Command::RecoverInstance { instance: name(1)? },
        "kill-db" => Command::KillDatabasePrimary { database: name(1)? },
        "promote" => Command::PromoteReplica { database: name(1)?, replica: count(2)? },
        "lose-zone" => Command::LoseZone { zone: name(1)? },
        "impair-zone" => {
            Command::ImpairZone { zone: name(1)?, added_latency_ms: number(2)?, drop_fraction: number(3)? }
        }
        "restore-zone" => Command::RestoreZone { zone: name(1)? },
        "spike" => Command::TrafficSpike { factor: number(1)?, duration_s: number(2)? },
        "stop-consumers" => Command::StopConsumers { queue: name(1)? },
        "start-consumers" => Command::StartConsumers { queue: name(1)? },
        "desired" => Command::SetDesiredCapacity { group: name(1)?, desired: count(2)? },
        "chaos" => parse_chaos(&words[1..])?,
        "stop-chaos" => Command::StopChaosMonkey,
        "store-outage" => Command::StoreOutage { store: name(1)? },
        "restore-store" => Command::RestoreStore { store: name(1)? },
        "storage-outage" => Command::StorageOutage { storage: name(1)? },
        "restore-storage" => Command::RestoreStorage { storage: name(1)? },
        "cdn-outage" => Command::CdnOutage { cdn: name(1)? },
        "restore-cdn" => Command::RestoreCdn { cdn: name(1)? },
        "lose-region" => Command::LoseRegion { region: name(1)? },
        "restore-region" => Command::RestoreRegion { region: name(1)? },
        "" => return Err("the action is missing".to_owned()),
        other => return Err(format!("`{other}` is not an action")),
    };
    Ok(command)
}

/// `chaos [GROUP] MEAN_SECONDS [business-hours]`: the optional last word confines the
/// monkey to 09:00–15:00 of simulated days, as Netflix's Chaos Monkey runs.
fn parse_chaos(args: &[&str]) -> Result<Command, String> {
    let business_hours = args.last() == Some(&BUSINESS_HOURS);
    let args = if business_hours { &args[..args.len() - 1] } else { args };
    let (group, mean) = match args {
        [mean] => (None, mean),
        [group, mean] => (Some((*group).to_owned()), mean),
        [] => return Err("the mean interval in seconds is missing".to_owned()),
        _ => return Err(format!("chaos takes [GROUP] MEAN_SECONDS [{BUSINESS_HOURS}]")),
    };
    let mean_interval_s = mean
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("`{mean}` is not a number"))?;
    Ok(Command::StartChaosMonkey { group, mean_interval_s, business_hours })
}

/// The chaos action's last word that limits it to business hours.
pub const BUSINESS_HOURS: &str = "business-hours";

impl Command {
    /// The action words of a command as the command line's `--fault` writes them
    /// (`kill i-1`): the inverse of the parser. Exhaustive on purpose, so that a new fault
    /// gets its short form (for "Copy as script", embeds and levels).
    pub fn short_form(&self) -> String {
        match self {
            Command::KillInstance { instance } => format!("kill {instance}"),
            Command::HangInstance { instance } => format!("hang {instance}"),
            Command::SlowInstance { instance, factor } => format!("slow {instance} {factor}"),
            Command::RecoverInstance { instance } => format!("recover {instance}"),
            Command::KillDatabasePrimary { database } => format!("kill-db {database}"),
            Command::PromoteReplica { database, replica } => format!("promote {database} {replica}"),
            Command::LoseZone { zone } => format!("lose-zone {zone}"),
            Command::ImpairZone { zone, added_latency_ms, drop_fraction } => {
                format!("impair-zone {zone} {added_latency_ms} {drop_fraction}")
            }
            Command::RestoreZone { zone } => format!("restore-zone {zone}"),
            Command::TrafficSpike { factor, duration_s } => format!("spike {factor} {duration_s}"),
            Command::StopConsumers { queue } => format!("stop-consumers {queue}"),
            Command::StartConsumers { queue } => format!("start-consumers {queue}"),
            Command::SetDesiredCapacity { group, desired } => format!("desired {group} {desired}"),
            Command::StartChaosMonkey { group, mean_interval_s, business_hours } => {
                let group = group.as_deref().map(|g| format!("{g} ")).unwrap_or_default();
                let hours = if *business_hours { format!(" {BUSINESS_HOURS}") } else { String::new() };
                format!("chaos {group}{mean_interval_s}{hours}")
            }
            Command::StopChaosMonkey => "stop-chaos".to_owned(),
            Command::StoreOutage { store } => format!("store-outage {store}"),
            Command::RestoreStore { store } => format!("restore-store {store}"),
            Command::StorageOutage { storage } => format!("storage-outage {storage}"),
            Command::RestoreStorage { storage } => format!("restore-storage {storage}"),
            Command::CdnOutage { cdn } => format!("cdn-outage {cdn}"),
            Command::RestoreCdn { cdn } => format!("restore-cdn {cdn}"),
            Command::LoseRegion { region } => format!("lose-region {region}"),
            Command::RestoreRegion { region } => format!("restore-region {region}"),
        }
    }

    /// A short past-tense description for the event log.
    pub fn describe(&self) -> String {
        match self {
            Command::KillInstance { instance } => format!("killed {instance}"),
            Command::HangInstance { instance } => format!("hung {instance} (alive, not answering)"),
            Command::SlowInstance { instance, factor } => format!("slowed {instance} ×{factor}"),
            Command::RecoverInstance { instance } => format!("recovered {instance}"),
            Command::KillDatabasePrimary { database } => format!("killed the primary of {database}"),
            Command::PromoteReplica { database, replica } => {
                format!("promoted replica {replica} of {database}")
            }
            Command::LoseZone { zone } => format!("zone {zone} lost power"),
            Command::ImpairZone { zone, added_latency_ms, drop_fraction } => {
                format!(
                    "zone {zone} impaired (+{added_latency_ms} ms, {:.0} % dropped)",
                    drop_fraction * 100.0
                )
            }
            Command::RestoreZone { zone } => format!("zone {zone} restored"),
            Command::TrafficSpike { factor, duration_s } => format!("traffic ×{factor} for {duration_s} s"),
            Command::StopConsumers { queue } => format!("stopped the consumers of {queue}"),
            Command::StartConsumers { queue } => format!("started the consumers of {queue}"),
            Command::SetDesiredCapacity { group, desired } => {
                format!("set {group} desired capacity to {desired}")
            }
            Command::StartChaosMonkey { group, mean_interval_s, business_hours } => format!(
                "chaos monkey on {} every ~{mean_interval_s} s{}",
                group.as_deref().unwrap_or("every group"),
                if *business_hours { ", 09:00–15:00 only" } else { "" }
            ),
            Command::StopChaosMonkey => "chaos monkey stopped".to_owned(),
            Command::StoreOutage { store } => format!("{store} stopped answering (regional outage)"),
            Command::RestoreStore { store } => format!("{store} restored"),
            Command::StorageOutage { storage } => format!("{storage} stopped answering (regional outage)"),
            Command::RestoreStorage { storage } => format!("{storage} restored"),
            Command::CdnOutage { cdn } => format!("{cdn} stopped answering"),
            Command::RestoreCdn { cdn } => format!("{cdn} restored"),
            Command::LoseRegion { region } => format!("region {region} lost"),
            Command::RestoreRegion { region } => format!("region {region} restored"),
        }
    }

    /// Whether this command breaks something (and so opens an incident).
    pub fn is_fault(&self) -> bool {
        matches!(
            self,
            Command::KillInstance { .. }
                | Command::HangInstance { .. }
                | Command::SlowInstance { .. }
                | Command::KillDatabasePrimary { .. }
                | Command::LoseZone { .. }
                | Command::ImpairZone { .. }
                | Command::TrafficSpike { .. }
                | Command::StopConsumers { .. }
                | Command::StoreOutage { .. }
                | Command::StorageOutage { .. }
                | Command::CdnOutage { .. }
                | Command::LoseRegion { .. }
        )
    }
}

/// Seconds as a [`TimedCommand`] time, for building scripts in code.
pub fn at_secs(seconds: u64, command: Command) -> TimedCommand {
    TimedCommand { at: seconds * SECOND, command }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_parse() {
        let c = TimedCommand::parse("120s:kill web-1").expect("parses");
        assert_eq!(c, at_secs(120, Command::KillInstance { instance: "web-1".into() }));
        let c = TimedCommand::parse("2m:spike 5 600").expect("parses");
        assert_eq!(c.command, Command::TrafficSpike { factor: 5.0, duration_s: 600.0 });
        let c = TimedCommand::parse("00:01:00:lose-zone a");
        assert!(c.is_err(), "the first colon splits time from action");
        let c = TimedCommand::parse("1h:chaos web 300").expect("parses");
        assert_eq!(c.at, 3600 * SECOND);
        let c = TimedCommand::parse("5m:store-outage sessions").expect("parses");
        assert_eq!(c.command, Command::StoreOutage { store: "sessions".into() });
        let c = TimedCommand::parse("6m:restore-store sessions").expect("parses");
        assert_eq!(c.command, Command::RestoreStore { store: "sessions".into() });
        let c = TimedCommand::parse("5m:storage-outage assets").expect("parses");
        assert_eq!(c.command, Command::StorageOutage { storage: "assets".into() });
        assert_eq!(c.command.short_form(), "storage-outage assets");
        let c = TimedCommand::parse("6m:restore-cdn edge").expect("parses");
        assert_eq!(c.command, Command::RestoreCdn { cdn: "edge".into() });
    }

    #[test]
    fn bad_forms_explain_themselves() {
        let e = TimedCommand::parse("soon:kill web-1").expect_err("bad time");
        assert!(e.to_string().contains("duration"), "{e}");
        let e = TimedCommand::parse("10s:explode web-1").expect_err("bad action");
        assert!(e.to_string().contains("`explode` is not an action"), "{e}");
        let e = TimedCommand::parse("10s:slow web-1 fast").expect_err("bad number");
        assert!(e.to_string().contains("`fast` is not a number"), "{e}");
    }

    #[test]
    fn chaos_reads_an_optional_group_and_business_hours() {
        let chaos = |text: &str| TimedCommand::parse(text).map(|t| t.command);
        let monkey = |group: Option<&str>, mean: f64, business_hours: bool| Command::StartChaosMonkey {
            group: group.map(str::to_owned),
            mean_interval_s: mean,
            business_hours,
        };
        assert_eq!(chaos("0s:chaos 60"), Ok(monkey(None, 60.0, false)));
        assert_eq!(chaos("0s:chaos web 60"), Ok(monkey(Some("web"), 60.0, false)));
        assert_eq!(chaos("0s:chaos 60 business-hours"), Ok(monkey(None, 60.0, true)));
        assert_eq!(chaos("0s:chaos web 60 business-hours"), Ok(monkey(Some("web"), 60.0, true)));
        let e = chaos("0s:chaos web 60 weekends").expect_err("an unknown last word");
        assert!(e.to_string().contains("[GROUP] MEAN_SECONDS [business-hours]"), "{e}");
        assert!(chaos("0s:chaos").is_err());
    }

    #[test]
    fn counts_are_whole_numbers_not_rounded() {
        for text in ["0s:desired web -3", "0s:desired web 2.7", "0s:promote db -1", "0s:desired web x"] {
            let e = TimedCommand::parse(text).expect_err(text);
            assert!(e.to_string().contains("is not a whole number ≥ 0"), "{e}");
            assert!(e.to_string().contains(text), "the message names the fault: {e}");
        }
        let ok = TimedCommand::parse("0s:desired web 0").expect("zero is a count");
        assert_eq!(ok.command, Command::SetDesiredCapacity { group: "web".into(), desired: 0 });
    }

    #[test]
    fn commands_are_json_data() {
        let c = Command::LoseZone { zone: "b".into() };
        let json = serde_json::to_string(&c).expect("serialises");
        assert_eq!(json, r#"{"command":"lose_zone","zone":"b"}"#);
        assert_eq!(serde_json::from_str::<Command>(&json).expect("parses"), c);
    }
}
