//! What the canvas shows for each component while a run is live, read from a snapshot.
//!
//! Pure functions of a [`Snapshot`], so they are unit-tested natively.

use nines_sim::design::{Component, ComponentSpec};
use nines_sim::snapshot::{InstanceView, Snapshot};
use nines_sim::world::{Condition, DbState, Lifecycle, TargetHealth};

/// How healthy something looks, as a CSS class suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tone {
    Ok,
    Warn,
    Bad,
}

impl Tone {
    /// CSS class, e.g. `live-bad`.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Ok => "live-ok",
            Tone::Warn => "live-warn",
            Tone::Bad => "live-bad",
        }
    }
}

/// One running instance as a short badge.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    /// Instance name, e.g. `web-1`.
    pub name: String,
    /// Short state, e.g. `failing 1/2`, `out of service`, `in service`.
    pub text: String,
    pub tone: Tone,
}

/// The live line of a node: a tone, a short text and, for groups, one badge per instance.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeStatus {
    pub tone: Tone,
    pub text: String,
    pub instances: Vec<Badge>,
}

/// The badge of one instance: load-balancer health first (that is what decides traffic),
/// then what is wrong with the process.
pub fn badge(i: &InstanceView) -> Badge {
    let condition = match i.condition {
        Condition::Healthy => None,
        Condition::Crashed => Some("crashed"),
        Condition::Hung => Some("hung"),
        Condition::Slow(_) => Some("slow"),
    };
    let worst = i.targets.iter().max_by_key(|t| match t.health {
        TargetHealth::Unhealthy => 4,
        TargetHealth::Draining => 3,
        TargetHealth::Healthy if t.failures > 0 => 2,
        TargetHealth::Initial => 1,
        TargetHealth::Healthy => 0,
    });
    let (health, tone) = match (i.lifecycle, worst) {
        (Lifecycle::Terminated, _) => ("terminated".to_owned(), Tone::Bad),
        (Lifecycle::Pending, _) => ("launching".to_owned(), Tone::Warn),
        (_, Some(t)) if t.health == TargetHealth::Unhealthy => ("out of service".to_owned(), Tone::Bad),
        (_, Some(t)) if t.health == TargetHealth::Draining => ("draining".to_owned(), Tone::Warn),
        (_, Some(t)) if t.health == TargetHealth::Healthy && t.failures > 0 => {
            (format!("failing {}/{}", t.failures, t.unhealthy_threshold), Tone::Warn)
        }
        (_, Some(t)) if t.health == TargetHealth::Initial => {
            (format!("registering {}/{}", t.passes, t.healthy_threshold), Tone::Warn)
        }
        _ => ("in service".to_owned(), Tone::Ok),
    };
    let (text, tone) = match condition {
        Some(c) if i.lifecycle != Lifecycle::Terminated && tone == Tone::Ok => (c.to_owned(), Tone::Bad),
        Some(c) if i.lifecycle != Lifecycle::Terminated => (format!("{c} · {health}"), tone.max(Tone::Warn)),
        _ => (health, tone),
    };
    Badge { name: i.name.clone(), text, tone }
}

/// The live status of a design component, if the snapshot says anything about it.
pub fn node_status(snapshot: &Snapshot, component: &Component) -> Option<NodeStatus> {
    let id = component.id.as_str();
    let plain = |tone, text: String| Some(NodeStatus { tone, text, instances: Vec::new() });
    match &component.spec {
        ComponentSpec::Instance(_) => {
            let b = badge(snapshot.instances.iter().find(|i| i.name == id)?);
            plain(b.tone, b.text)
        }
        ComponentSpec::AutoScalingGroup(_) => {
            let g = snapshot.groups.iter().find(|g| g.name == id)?;
            let instances: Vec<Badge> =
                snapshot.instances.iter().filter(|i| i.group.as_deref() == Some(id)).map(badge).collect();
            let tone = instances.iter().map(|b| b.tone).max().unwrap_or(Tone::Ok);
            let tone = if g.in_service < g.desired { tone.max(Tone::Warn) } else { tone };
            let pending = if g.pending > 0 { format!(" · {} launching", g.pending) } else { String::new() };
            let text = format!("{}/{} in service{pending}", g.in_service, g.desired);
            Some(NodeStatus { tone, text, instances })
        }
        ComponentSpec::Queue(_) => {
            let q = snapshot.queues.iter().find(|q| q.name == id)?;
            let stopped = if q.consumers_stopped { " · stopped" } else { "" };
            let tone = if q.consumers_stopped { Tone::Warn } else { Tone::Ok };
            plain(tone, format!("{} visible · {} in flight{stopped}", q.visible, q.in_flight))
        }
        ComponentSpec::Database(_) => {
            let d = snapshot.databases.iter().find(|d| d.name == id)?;
            match d.state {
                DbState::Available => plain(Tone::Ok, format!("primary in {}", d.primary_zone)),
                DbState::FailingOver { .. } => plain(Tone::Warn, "failing over".to_owned()),
                DbState::Down { .. } => plain(Tone::Bad, "down".to_owned()),
            }
        }
        ComponentSpec::LoadBalancer(_) => {
            let lb = snapshot.load_balancers.iter().find(|l| l.name == id)?;
            let tone = match lb.healthy {
                0 => Tone::Bad,
                h if h < lb.targets => Tone::Warn,
                _ => Tone::Ok,
            };
            plain(tone, format!("{}/{} targets healthy", lb.healthy, lb.targets))
        }
        ComponentSpec::Clients(_) => {
            let c = snapshot.clients.iter().find(|c| c.name == id)?;
            plain(Tone::Ok, format!("{:.0} requests/s", c.rate_per_s))
        }
        ComponentSpec::Alarm(_) => None,
    }
}

/// How a link from `from` to `to` is drawn: degraded (`Warn`) when some of the load
/// balancer's targets behind it are out of service, down (`Bad`) when all of them are.
pub fn link_tone(snapshot: &Snapshot, from: &str, to: &str) -> Option<Tone> {
    let healths: Vec<TargetHealth> = snapshot
        .instances
        .iter()
        .filter(|i| i.name == to || i.group.as_deref() == Some(to))
        .flat_map(|i| i.targets.iter().filter(|t| t.load_balancer == from).map(|t| t.health))
        .collect();
    let out =
        healths.iter().filter(|h| matches!(h, TargetHealth::Unhealthy | TargetHealth::Draining)).count();
    match out {
        0 => None,
        n if n == healths.len() => Some(Tone::Bad),
        _ => Some(Tone::Warn),
    }
}

/// Whether zone `zone` is lost in the snapshot.
pub fn zone_lost(snapshot: &Snapshot, zone: &str) -> bool {
    snapshot.zones.iter().any(|z| z.name == zone && z.lost)
}

#[cfg(test)]
mod tests {
    use nines_sim::design::reference;
    use nines_sim::{Command, World};

    use super::*;

    #[test]
    fn a_killed_web_instance_fails_checks_then_leaves_service() {
        let design = reference::three_tier();
        let mut world = World::new(&design).unwrap();
        world.run_until(120 * nines_sim::time::SECOND);
        let snap = world.snapshot();
        let web = design.component("web").unwrap();
        let status = node_status(&snap, web).unwrap();
        assert!(status.instances.iter().all(|b| b.tone == Tone::Ok), "{status:?}");
        let victim = status.instances[0].name.clone();
        world.apply(Command::KillInstance { instance: victim.clone() }).unwrap();
        world.run_until(world.now() + 90 * nines_sim::time::SECOND);
        let snap = world.snapshot();
        let b = snap.instances.iter().find(|i| i.name == victim).map(badge).unwrap();
        assert_eq!(b.tone, Tone::Bad, "{b:?}");
        assert!(b.text.contains("out of service") || b.text.contains("terminated"), "{b:?}");
        assert!(link_tone(&snap, "lb-1", "web").is_some() || b.text.contains("terminated"));
    }
}
