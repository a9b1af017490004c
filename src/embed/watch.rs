//! What to tell the parent page as the run goes: each incident as it starts and as it
//! recovers, and the end of the run, each once.
//!
//! The watch compares the world's incidents with what it has already told. When the world
//! is replaced (reset, or rewound to a checkpoint) it takes the new world's incidents as
//! told, so only what happens from there on is posted: a replayed incident is posted again
//! when the replay reaches it.

use nines_sim::measure::incident::Incident;
use nines_sim::time::Micros;

use super::message::Outbound;

/// What has been told about the run shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Watch {
    /// The world told about ([`crate::live::Live::epoch`]).
    epoch: Option<u64>,
    /// Incidents whose start was told, by position.
    started: usize,
    /// Incidents whose recovery was told, by position.
    recovered: Vec<bool>,
    /// Whether the end of the run was told.
    finished: bool,
}

impl Watch {
    /// The messages due for the world `epoch` at `now` [µs] with `incidents`, where the run
    /// ends at `end` [µs].
    pub fn update(&mut self, epoch: u64, incidents: &[Incident], now: Micros, end: Micros) -> Vec<Outbound> {
        if self.epoch != Some(epoch) {
            let fresh = self.epoch.is_none() || now == 0;
            self.epoch = Some(epoch);
            if !fresh {
                self.started = incidents.len();
                self.recovered = incidents.iter().map(|i| i.recovered.is_some()).collect();
                self.finished = now >= end;
                return Vec::new();
            }
            *self = Watch { epoch: Some(epoch), ..Watch::default() };
        }
        let mut out = Vec::new();
        for incident in incidents.iter().skip(self.started) {
            out.push(Outbound::Incident { at: incident.started, what: incident.label.clone() });
        }
        self.started = incidents.len();
        self.recovered.resize(incidents.len(), false);
        for (told, incident) in self.recovered.iter_mut().zip(incidents) {
            if let (false, Some(at)) = (*told, incident.recovered) {
                *told = true;
                out.push(Outbound::Recovered { at, what: incident.label.clone() });
            }
        }
        if now < end {
            self.finished = false;
        } else if !self.finished {
            self.finished = true;
            out.push(Outbound::Finished { at: now });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use nines_sim::World;
    use nines_sim::design::reference;
    use nines_sim::time::SECOND;
    use nines_sim::{Command, TimedCommand};

    use super::*;

    fn kinds(messages: &[Outbound]) -> Vec<&'static str> {
        messages
            .iter()
            .map(|m| match m {
                Outbound::Incident { .. } => "incident",
                Outbound::Recovered { .. } => "recovered",
                Outbound::Finished { .. } => "finished",
                Outbound::Ready { .. } => "ready",
                Outbound::Key(_) => "key",
            })
            .collect()
    }

    #[test]
    fn each_incident_is_told_once_as_it_starts_and_recovers() {
        let mut world = World::new(&reference::three_tier()).unwrap();
        world.schedule_all(&[TimedCommand {
            at: 30 * SECOND,
            command: Command::KillInstance { instance: "i-1".into() },
        }]);
        let end = 600 * SECOND;
        let mut watch = Watch::default();
        let mut told = Vec::new();
        for second in 1..=600 {
            world.run_until(second * SECOND);
            told.extend(watch.update(1, world.incidents(), world.now(), end));
        }
        assert_eq!(kinds(&told), ["incident", "recovered", "finished"]);
        assert_eq!(told[0], Outbound::Incident { at: 30 * SECOND, what: "killed i-1".into() });
        assert!(matches!(&told[1], Outbound::Recovered { at, .. } if *at > 30 * SECOND));
        // Nothing more while it stays finished.
        assert!(watch.update(1, world.incidents(), world.now(), end).is_empty());
    }

    #[test]
    fn a_rewound_world_is_taken_as_told_and_a_reset_one_starts_over() {
        let mut world = World::new(&reference::three_tier()).unwrap();
        world.apply(Command::KillInstance { instance: "i-1".into() }).unwrap();
        let mut watch = Watch::default();
        assert_eq!(kinds(&watch.update(1, world.incidents(), 0, SECOND)), ["incident"]);
        // Rewound to a checkpoint at 10 s that had the incident already: nothing new.
        assert!(watch.update(2, world.incidents(), 10 * SECOND, 100 * SECOND).is_empty());
        // Reset: time zero, a new world, the incident applied again is told again.
        assert_eq!(kinds(&watch.update(3, world.incidents(), 0, 100 * SECOND)), ["incident"]);
    }
}
