//! Target health checks: every interval, pass or fail, thresholds in a row.

use super::World;
use super::event::{Event, TimerKey};
use super::load_balancer::TargetHealth;
use crate::event_log::Happening;
use crate::ids::Subject;
use crate::ids::{InstanceId, LbId};

impl World {
    /// Sends one health check to a target and schedules the next one. Checks are
    /// independent: a slow answer does not shift the next check.
    pub(crate) fn on_health_check(&mut self, lb: LbId, instance: InstanceId) {
        let now = self.now;
        let balancer = &self.lbs[lb.index()];
        let Some(target) = balancer.target(instance) else { return };
        if target.health == TargetHealth::Draining {
            return;
        }
        let settings = balancer.health_check;
        let (passed, reason, took) = self.health_probe(instance, settings.timeout);
        self.events.schedule(now + took, Event::HealthCheckResult { lb, instance, passed, reason });
        self.events.schedule_keyed(
            TimerKey::HealthCheck(lb, instance),
            now + settings.interval,
            Event::HealthCheck { lb, instance },
        );
    }

    /// Applies a check's outcome to the target's streaks and health.
    pub(crate) fn on_health_check_result(
        &mut self,
        lb: LbId,
        instance: InstanceId,
        passed: bool,
        reason: &str,
    ) {
        let now = self.now;
        let target_name = self.instances[instance.index()].name.clone();
        let balancer = &mut self.lbs[lb.index()];
        let settings = balancer.health_check;
        let lb_name = balancer.name.clone();
        let Some(target) = balancer.targets.iter_mut().find(|t| t.instance == instance) else { return };
        let before = target.health;
        let happening = if passed {
            target.failures = 0;
            target.passes += 1;
            let back = match target.health {
                TargetHealth::Initial => true,
                TargetHealth::Unhealthy => target.passes >= settings.healthy_threshold,
                _ => false,
            };
            back.then(|| {
                target.health = TargetHealth::Healthy;
                Happening::InService { lb: lb_name, target: target_name }
            })
        } else {
            target.passes = 0;
            target.failures += 1;
            let watching = matches!(target.health, TargetHealth::Healthy | TargetHealth::Initial);
            if watching && target.failures >= settings.unhealthy_threshold {
                target.health = TargetHealth::Unhealthy;
                Some(Happening::OutOfService {
                    lb: lb_name,
                    target: target_name,
                    threshold: settings.unhealthy_threshold,
                })
            } else if watching {
                Some(Happening::HealthCheckFailed {
                    lb: lb_name,
                    target: target_name,
                    count: target.failures,
                    threshold: settings.unhealthy_threshold,
                    reason: reason.to_owned(),
                })
            } else {
                None
            }
        };
        if target.health != before {
            balancer.dirty = true;
            self.incidents.detect(now, Subject::Instance(instance), self.instances[instance.index()].zone);
        }
        if let Some(happening) = happening {
            self.log.push(now, happening);
        }
        self.refresh_routes(lb);
    }
}
