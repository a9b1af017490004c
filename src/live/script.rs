//! The run's faults as a script in the command line's short form (`120s:kill web-1`), one
//! per line, which [`nines_sim::TimedCommand::parse`] reads back.
//!
//! The command line schedules each line at its time, after whatever else happens in that
//! microsecond; the Playground recorded where in the instant each was applied. The two
//! agree except for a fault applied between two events of the same microsecond.

use nines_sim::Command;
use nines_sim::time::{Micros, SECOND};

use super::record::Applied;

/// Every applied command as a line `TIME:ACTION ARGS`, oldest first.
pub fn script(applied: &[Applied]) -> String {
    applied.iter().map(|a| format!("{}\n", line(a.at, &a.command))).collect()
}

/// One command at `at` [µs] as a script line without its newline: `120s:kill web-1`.
pub fn line(at: Micros, command: &Command) -> String {
    format!("{}:{}", seconds(at), command.short_form())
}

/// A time as seconds, exact to the microsecond, without trailing zeros: `120s`, `60.25s`.
fn seconds(at: Micros) -> String {
    let (whole, micros) = (at / SECOND, at % SECOND);
    if micros == 0 {
        return format!("{whole}s");
    }
    let fraction = format!("{micros:06}");
    format!("{whole}.{}s", fraction.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use nines_sim::TimedCommand;

    use super::*;

    fn applied(at: Micros, command: Command) -> Applied {
        Applied { at, after_events: 0, command }
    }

    #[test]
    fn every_line_parses_back_to_its_command() {
        let commands = [
            Command::KillInstance { instance: "web-1".into() },
            Command::HangInstance { instance: "i-2".into() },
            Command::SlowInstance { instance: "i-3".into(), factor: 2.5 },
            Command::RecoverInstance { instance: "i-3".into() },
            Command::KillDatabasePrimary { database: "db".into() },
            Command::PromoteReplica { database: "db".into(), replica: 1 },
            Command::LoseZone { zone: "a".into() },
            Command::ImpairZone { zone: "b".into(), added_latency_ms: 80.0, drop_fraction: 0.1 },
            Command::RestoreZone { zone: "b".into() },
            Command::TrafficSpike { factor: 5.0, duration_s: 600.0 },
            Command::StopConsumers { queue: "jobs".into() },
            Command::StartConsumers { queue: "jobs".into() },
            Command::SetDesiredCapacity { group: "web".into(), desired: 6 },
            Command::StartChaosMonkey {
                group: Some("web".into()),
                mean_interval_s: 300.0,
                business_hours: false,
            },
            Command::StartChaosMonkey { group: None, mean_interval_s: 60.0, business_hours: false },
            Command::StartChaosMonkey {
                group: Some("web".into()),
                mean_interval_s: 300.0,
                business_hours: true,
            },
            Command::StartChaosMonkey { group: None, mean_interval_s: 90.5, business_hours: true },
            Command::StopChaosMonkey,
        ];
        let record: Vec<Applied> =
            commands.iter().enumerate().map(|(i, c)| applied(i as Micros * 1_250_001, c.clone())).collect();
        let text = script(&record);
        let parsed: Vec<TimedCommand> = text.lines().map(|l| TimedCommand::parse(l).expect(l)).collect();
        let back: Vec<Applied> = parsed.into_iter().map(|t| applied(t.at, t.command)).collect();
        assert_eq!(back, record);
    }

    #[test]
    fn business_hours_chaos_is_written_out() {
        let command = Command::StartChaosMonkey { group: None, mean_interval_s: 60.0, business_hours: true };
        assert_eq!(command.short_form(), "chaos 60 business-hours");
    }

    #[test]
    fn times_are_short_when_they_can_be() {
        assert_eq!(seconds(120 * SECOND), "120s");
        assert_eq!(seconds(60 * SECOND + 250_000), "60.25s");
        assert_eq!(seconds(7), "0.000007s");
    }
}
