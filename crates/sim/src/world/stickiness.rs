//! Sticky sessions: a duration-based cookie (`AWSALB`) binds a user to the target that
//! served them, and sessions kept in an instance's memory die with it.
//!
//! ALB facts and sources are on [`crate::design::LoadBalancerSpec`]. A user whose target
//! is no longer routable (unhealthy, draining, gone) is sent to another target and gets a
//! new cookie; if the old target kept sessions in memory, that session is lost. When an
//! instance crashes or terminates, every user whose unexpired cookie names it loses the
//! session at that moment (counted once per user and instance).

use super::World;
use crate::event_log::Happening;
use crate::ids::{InstanceId, LbId};
use crate::time::Micros;

/// A user's stickiness cookie on one load balancer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cookie {
    /// The target it binds the user to; `None` before the user's first request.
    pub target: Option<InstanceId>,
    /// When it expires [µs].
    pub expires: Micros,
    /// The user has a session on that target that is still alive.
    pub session: bool,
}

/// Duration-based stickiness of one load balancer.
#[derive(Clone, Debug)]
pub(crate) struct Stickiness {
    /// How long a cookie binds [µs].
    pub duration: Micros,
    /// One cookie per user of the world, by user id.
    pub cookies: Vec<Cookie>,
}

impl Stickiness {
    pub(crate) fn new(duration: Micros, users: u32) -> Stickiness {
        Stickiness { duration, cookies: vec![Cookie::default(); users.max(1) as usize] }
    }

    /// Users whose unexpired cookie binds them to each target, in target order.
    pub(crate) fn users_of(&self, target: InstanceId, now: Micros) -> u32 {
        self.cookies.iter().filter(|c| c.target == Some(target) && c.expires > now).count() as u32
    }
}

impl World {
    /// The sticky target of `user` among the node's routable targets, or a new one picked by
    /// the load balancer's routing (a new cookie; a lost session if the old target held it).
    pub(crate) fn sticky_target(&mut self, lb: LbId, node_index: usize, user: u32) -> Option<InstanceId> {
        let now = self.now;
        let balancer = &self.lbs[lb.index()];
        let sticky = balancer.stickiness.as_ref()?;
        let cookie = sticky.cookies.get(user as usize).copied().unwrap_or_default();
        let live = cookie.expires > now;
        if let Some(target) = cookie.target.filter(|_| live)
            && balancer.routes_to(node_index, target)
        {
            return Some(target);
        }
        let chosen = self.choose_target(lb, node_index)?;
        if let Some(old) = cookie.target
            && live
            && cookie.session
            && self.keeps_sessions_in_memory(old)
        {
            self.sessions_lost += 1;
        }
        if let Some(sticky) = self.lbs[lb.index()].stickiness.as_mut()
            && let Some(slot) = sticky.cookies.get_mut(user as usize)
        {
            *slot = Cookie { target: Some(chosen), expires: now + sticky.duration, session: true };
        }
        Some(chosen)
    }

    /// Whether the instance's application keeps sessions in its own memory.
    fn keeps_sessions_in_memory(&self, id: InstanceId) -> bool {
        self.instances.get(id.index()).is_some_and(|i| !i.template.sessions_in_store)
    }

    /// The instance died (crashed or terminated while alive): every user bound to it by an
    /// unexpired cookie loses the session it held in memory.
    pub(crate) fn lose_sessions(&mut self, id: InstanceId) {
        if !self.keeps_sessions_in_memory(id) {
            return;
        }
        let now = self.now;
        let mut lost = 0;
        for balancer in &mut self.lbs {
            let Some(sticky) = balancer.stickiness.as_mut() else { continue };
            for cookie in sticky.cookies.iter_mut() {
                if cookie.target == Some(id) && cookie.expires > now && cookie.session {
                    cookie.session = false;
                    lost += 1;
                }
            }
        }
        if lost > 0 {
            self.sessions_lost += lost;
            let instance = self.instances[id.index()].name.clone();
            self.log.push(now, Happening::SessionsLost { instance, sessions: lost });
        }
    }
}
