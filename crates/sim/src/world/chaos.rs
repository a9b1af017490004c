//! Chaos monkey: random terminations of in-service instances at a mean interval.

use super::World;
use super::event::{Event, TimerKey};
use super::instance::Lifecycle;
use crate::ids::{GroupId, InstanceId};
use crate::time::{HOUR, Micros};

/// Chaos monkey's settings while it runs.
#[derive(Clone, Debug)]
pub struct Chaos {
    /// Only this group's instances, or every group's.
    pub group: Option<GroupId>,
    /// Mean time between terminations [µs].
    pub mean_interval: Micros,
    /// Only strike 09:00–15:00 of each simulated day (Netflix's schedule).
    pub business_hours: bool,
}

impl World {
    pub(crate) fn start_chaos(
        &mut self,
        group: Option<GroupId>,
        mean_interval: Micros,
        business_hours: bool,
    ) {
        self.chaos = Some(Chaos { group, mean_interval, business_hours });
        self.schedule_chaos();
    }

    fn schedule_chaos(&mut self) {
        let Some(chaos) = &self.chaos else { return };
        let gap = self.rng.exponential(chaos.mean_interval).max(1);
        self.events.schedule_keyed(TimerKey::Chaos, self.now + gap, Event::Chaos);
    }

    /// Terminates one random in-service group instance (outside business hours: nothing).
    pub(crate) fn on_chaos(&mut self) {
        let Some(chaos) = self.chaos.clone() else { return };
        let hour_of_day = (self.now / HOUR) % 24;
        if !chaos.business_hours || (9..15).contains(&hour_of_day) {
            let candidates: Vec<InstanceId> = (0..self.instances.len() as u32)
                .map(InstanceId)
                .filter(|id| {
                    let i = &self.instances[id.index()];
                    i.group.is_some()
                        && chaos.group.is_none_or(|g| i.group == Some(g))
                        && i.lifecycle == Lifecycle::InService
                        && i.alive()
                })
                .collect();
            if !candidates.is_empty() {
                let victim = candidates[self.rng.below(candidates.len() as u32) as usize];
                let name = self.instances[victim.index()].name.clone();
                let _ = self.apply(crate::command::Command::KillInstance { instance: name });
            }
        }
        self.schedule_chaos();
    }
}
