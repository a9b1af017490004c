//! What the canvas shows for each component while a run is live, read from a snapshot.
//!
//! Pure functions of a [`Snapshot`], so they are unit-tested natively. Instances are in
//! [`badge`]; databases, whose copies are drawn in several lanes, in
//! [`super::database_status`]; links in [`super::links`].

use nines_sim::design::{Component, ComponentSpec};
use nines_sim::snapshot::{InstanceView, LoadBalancerView, QueueView, Snapshot};
use nines_sim::world::{Condition, Lifecycle, TargetHealth};

/// How healthy something looks, as a CSS class suffix.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tone {
    #[default]
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

/// The one state an instance is drawn in: its glyph and CSS class. The process's fault
/// wins over load-balancer health, because that is what the learner did to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InstanceState {
    Launching,
    Registering,
    InService,
    Failing,
    OutOfService,
    Draining,
    Terminated,
    Crashed,
    Hung,
    Slow,
}

impl InstanceState {
    /// CSS class, e.g. `state-hung`.
    pub fn class(self) -> &'static str {
        match self {
            InstanceState::Launching => "state-launching",
            InstanceState::Registering => "state-registering",
            InstanceState::InService => "state-in-service",
            InstanceState::Failing => "state-failing",
            InstanceState::OutOfService => "state-out",
            InstanceState::Draining => "state-draining",
            InstanceState::Terminated => "state-terminated",
            InstanceState::Crashed => "state-crashed",
            InstanceState::Hung => "state-hung",
            InstanceState::Slow => "state-slow",
        }
    }
}

/// One running instance as a short badge.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    /// Instance name, e.g. `web-1`.
    pub name: String,
    /// Zone suffix it runs in, e.g. `a`.
    pub zone: String,
    /// Short state, e.g. `failing 1/2`, `out of service`, `slow ×5 · in service`.
    pub text: String,
    pub tone: Tone,
    pub state: InstanceState,
}

/// The live look of a node: a tone, a short text and, for groups, one badge per instance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeStatus {
    pub tone: Tone,
    /// Second line of the card.
    pub text: String,
    /// The whole state in a sentence: tooltip and screen-reader description.
    pub title: String,
    /// A short tag at the card's top-right (`oldest 4 s`, `PRIMARY`), if any.
    pub corner: Option<String>,
    /// The state glyph drawn on the card's icon tile.
    pub state: Option<InstanceState>,
    /// A load balancer's nodes: zone and how it is doing (answering and in DNS = `Ok`).
    pub zone_nodes: Vec<(String, Tone)>,
    /// Something is changing over (a database failing over): drawn animated.
    pub moving: bool,
    pub instances: Vec<Badge>,
}

/// What the load balancers think of an instance: the worst of its targets.
fn health(i: &InstanceView) -> (InstanceState, String, Tone) {
    let worst = i.targets.iter().max_by_key(|t| match t.health {
        TargetHealth::Unhealthy => 4,
        TargetHealth::Draining => 3,
        TargetHealth::Healthy if t.failures > 0 => 2,
        TargetHealth::Initial => 1,
        TargetHealth::Healthy => 0,
    });
    match (i.lifecycle, worst) {
        (Lifecycle::Terminated, _) => (InstanceState::Terminated, "terminated".to_owned(), Tone::Bad),
        (Lifecycle::Pending, _) => (InstanceState::Launching, "launching".to_owned(), Tone::Warn),
        (_, Some(t)) if t.health == TargetHealth::Unhealthy => {
            (InstanceState::OutOfService, "out of service".to_owned(), Tone::Bad)
        }
        (_, Some(t)) if t.health == TargetHealth::Draining => {
            (InstanceState::Draining, "draining".to_owned(), Tone::Warn)
        }
        (_, Some(t)) if t.health == TargetHealth::Healthy && t.failures > 0 => {
            (InstanceState::Failing, format!("failing {}/{}", t.failures, t.unhealthy_threshold), Tone::Warn)
        }
        (_, Some(t)) if t.health == TargetHealth::Initial => (
            InstanceState::Registering,
            format!("registering {}/{}", t.passes, t.healthy_threshold),
            Tone::Warn,
        ),
        _ => (InstanceState::InService, "in service".to_owned(), Tone::Ok),
    }
}

/// The badge of one instance: what was done to the process first (crashed, hung, slow),
/// then what the load balancer makes of it (that is what decides traffic).
pub fn badge(i: &InstanceView) -> Badge {
    let (state, health, tone) = health(i);
    let fault = match i.condition {
        _ if i.lifecycle == Lifecycle::Terminated => None,
        Condition::Healthy => None,
        Condition::Crashed => Some((InstanceState::Crashed, "crashed".to_owned(), Tone::Bad)),
        Condition::Hung => Some((InstanceState::Hung, "hung".to_owned(), Tone::Bad)),
        Condition::Slow(f) => {
            Some((InstanceState::Slow, format!("slow ×{}", crate::number::num(f)), Tone::Warn))
        }
    };
    let (state, text, tone) = match fault {
        Some((s, f, t)) if state == InstanceState::InService => (s, format!("{f} · {health}"), t),
        Some((s, f, t)) => (s, format!("{f} · {health}"), t.max(tone)),
        None => (state, health, tone),
    };
    Badge { name: i.name.clone(), zone: i.zone.clone(), text, tone, state }
}

/// The live status of a design component's main node, if the snapshot says anything.
pub fn node_status(snapshot: &Snapshot, component: &Component) -> Option<NodeStatus> {
    let id = component.id.as_str();
    match &component.spec {
        ComponentSpec::Instance(_) => {
            Some(instance_status(&badge(snapshot.instances.iter().rev().find(|i| i.name == id)?)))
        }
        ComponentSpec::AutoScalingGroup(_) => group_status(snapshot, id),
        ComponentSpec::Queue(_) => Some(queue_status(snapshot.queues.iter().find(|q| q.name == id)?)),
        ComponentSpec::Database(d) => {
            super::database_status::node(snapshot, id, &d.zone, crate::layout::NodeRole::Primary)
        }
        ComponentSpec::LoadBalancer(_) => {
            Some(load_balancer_status(snapshot.load_balancers.iter().find(|l| l.name == id)?))
        }
        ComponentSpec::Clients(_) => {
            let c = snapshot.clients.iter().find(|c| c.name == id)?;
            let text = format!("{:.0} requests/s", c.rate_per_s);
            Some(NodeStatus { title: format!("{id}: sending {text} now"), text, ..NodeStatus::default() })
        }
        ComponentSpec::Alarm(_) => None,
        ComponentSpec::KeyValueStore(_) => {
            Some(store_status(snapshot.key_value_stores.iter().find(|k| k.name == id)?))
        }
        ComponentSpec::Cdn(_) => {
            Some(super::edge_status::cdn_status(snapshot.cdns.iter().find(|c| c.name == id)?))
        }
        ComponentSpec::ObjectStorage(_) => {
            Some(super::edge_status::storage_status(snapshot.object_storage.iter().find(|b| b.name == id)?))
        }
        ComponentSpec::Dns(_) => Some(dns_status(snapshot.dns.iter().find(|d| d.name == id)?)),
    }
}

/// A key-value store: calls per second, throttles and stale reads of the last second.
fn store_status(k: &nines_sim::snapshot::KeyValueStoreView) -> NodeStatus {
    let s = &k.last_second;
    if !k.up {
        let text = "down · regional outage".to_owned();
        let title = format!("{}: not answering (regional outage); every call fails", k.name);
        return NodeStatus { tone: Tone::Bad, text, title, ..NodeStatus::default() };
    }
    let text = format!("{} r/s · {} w/s", s.reads, s.writes);
    let mut notes = Vec::new();
    if s.throttled > 0 {
        notes.push(format!("{} throttled", s.throttled));
    }
    if s.stale_reads > 0 {
        notes.push(format!("{} stale reads", s.stale_reads));
    }
    let tone = if s.throttled > 0 { Tone::Warn } else { Tone::Ok };
    let text = if notes.is_empty() { text } else { format!("{text} · {}", notes.join(" · ")) };
    let title = format!(
        "{}: {} reads and {} writes in the last second ({} throttled, {} stale reads); {} RCU, {} WCU",
        k.name, s.reads, s.writes, s.throttled, s.stale_reads, k.read_capacity, k.write_capacity
    );
    NodeStatus { tone, text, title, ..NodeStatus::default() }
}

/// A DNS name: each record's health and share of the last second's requests.
fn dns_status(d: &nines_sim::snapshot::DnsView) -> NodeStatus {
    let part = |r: &nines_sim::snapshot::DnsRecordView| {
        let health = if r.healthy { "" } else { " ✗" };
        format!("{}{health} {:.0} %", r.region, r.share * 100.0)
    };
    let text = d.records.iter().map(part).collect::<Vec<_>>().join(" · ");
    let words = |r: &nines_sim::snapshot::DnsRecordView| {
        let health = if r.healthy { "healthy" } else { "failing its health checks" };
        format!("{} in {} ({health}) gets {:.0} % of requests", r.load_balancer, r.region, r.share * 100.0)
    };
    let title = format!("{}: {}", d.name, d.records.iter().map(words).collect::<Vec<_>>().join("; "));
    let tone = if d.records.iter().all(|r| r.healthy) { Tone::Ok } else { Tone::Warn };
    NodeStatus { tone, text, title, ..NodeStatus::default() }
}

/// A hand-placed instance: its badge as the card's line.
fn instance_status(b: &Badge) -> NodeStatus {
    NodeStatus {
        tone: b.tone,
        text: b.text.clone(),
        title: format!("{} in zone {}: {}", b.name, b.zone, b.text),
        state: Some(b.state),
        ..NodeStatus::default()
    }
}

/// A group: its capacity limits on the card, one badge per instance under it.
fn group_status(snapshot: &Snapshot, id: &str) -> Option<NodeStatus> {
    let g = snapshot.groups.iter().find(|g| g.name == id)?;
    let instances: Vec<Badge> =
        snapshot.instances.iter().filter(|i| i.group.as_deref() == Some(id)).map(badge).collect();
    let serving = instances.iter().filter(|b| b.state == InstanceState::InService).count() as u32;
    // The group is down only when nothing serves; one broken instance of four is a warning.
    let troubled = instances.iter().any(|b| b.tone != Tone::Ok) || serving < g.desired;
    let tone = match serving {
        0 if g.desired > 0 => Tone::Bad,
        _ if troubled => Tone::Warn,
        _ => Tone::Ok,
    };
    let launching = if g.pending > 0 { format!(", {} launching", g.pending) } else { String::new() };
    let chaos = snapshot.chaos.as_ref().filter(|c| c.group.as_deref().is_none_or(|g| g == id));
    Some(NodeStatus {
        tone,
        text: format!("min {} · desired {} · max {}", g.min, g.desired, g.max),
        title: format!(
            "{id}: {serving} of {} desired in service{launching}; min {}, max {}{}",
            g.desired,
            g.min,
            g.max,
            if chaos.is_some() { "; chaos monkey is on" } else { "" }
        ),
        corner: chaos.map(|_| "chaos".to_owned()),
        instances,
        ..NodeStatus::default()
    })
}

/// A queue: depth on the card, the oldest message's age in the corner.
fn queue_status(q: &QueueView) -> NodeStatus {
    let stopped = if q.consumers_stopped { "consumers stopped" } else { "" };
    let text = if q.consumers_stopped {
        format!("{} visible · {stopped}", q.visible)
    } else {
        format!("{} visible · {} in flight", q.visible, q.in_flight)
    };
    let tone = if q.consumers_stopped || q.dead_lettered > 0 { Tone::Warn } else { Tone::Ok };
    let age = age_text(q.oldest_age_s);
    NodeStatus {
        tone,
        title: format!(
            "{}: {} visible, {} in flight, oldest {age}{}{}",
            q.name,
            q.visible,
            q.in_flight,
            if q.dead_lettered > 0 { format!(", {} dead-lettered", q.dead_lettered) } else { String::new() },
            if q.consumers_stopped { ", consumers stopped" } else { "" },
        ),
        text,
        corner: (q.visible + q.in_flight > 0).then(|| format!("oldest {age}")),
        ..NodeStatus::default()
    }
}

/// An age in the unit a person reads fastest: `4.2 s`, `38 s`, `3 min`, `2 h`.
pub fn age_text(seconds: f64) -> String {
    match seconds {
        s if s < 10.0 => format!("{s:.1} s"),
        s if s < 120.0 => format!("{s:.0} s"),
        s if s < 7200.0 => format!("{:.0} min", s / 60.0),
        s => format!("{:.0} h", s / 3600.0),
    }
}

/// A load balancer: healthy targets on the card, one chip per zone node.
fn load_balancer_status(lb: &LoadBalancerView) -> NodeStatus {
    let tone = match lb.healthy {
        0 => Tone::Bad,
        h if h < lb.targets => Tone::Warn,
        _ => Tone::Ok,
    };
    let zone_nodes: Vec<(String, Tone)> = lb
        .nodes
        .iter()
        .map(|node| {
            (
                node.zone.clone(),
                if !node.answering {
                    Tone::Bad
                } else if !node.in_dns {
                    Tone::Warn
                } else {
                    Tone::Ok
                },
            )
        })
        .collect();
    let node_words: Vec<String> = lb
        .nodes
        .iter()
        .map(|node| {
            let zone = &node.zone;
            let how = if !node.answering {
                "down"
            } else if !node.in_dns {
                "out of DNS"
            } else {
                "answering"
            };
            format!("node in {zone} {how}")
        })
        .collect();
    let open = if lb.failing_open { " · failing open" } else { "" };
    NodeStatus {
        tone: if lb.failing_open { Tone::Bad } else { tone },
        text: format!("{}/{} targets healthy{open}", lb.healthy, lb.targets),
        title: format!(
            "{}: {}/{} targets healthy; {}{}",
            lb.name,
            lb.healthy,
            lb.targets,
            node_words.join(", "),
            sticky_words(lb)
        ),
        corner: sticky_corner(lb),
        zone_nodes,
        ..NodeStatus::default()
    }
}

/// With sticky sessions: the biggest target's share of the users, as the card's tag
/// ("sticky 36 %" when three targets would share a third each).
fn sticky_corner(lb: &LoadBalancerView) -> Option<String> {
    let total: u32 = lb.sticky_users.iter().map(|s| s.users).sum();
    let most = lb.sticky_users.iter().map(|s| s.users).max()?;
    if total == 0 {
        return Some("sticky".to_owned());
    }
    Some(format!("sticky {:.0} %", 100.0 * f64::from(most) / f64::from(total)))
}

/// With sticky sessions: each target's users, for the tooltip and screen readers.
fn sticky_words(lb: &LoadBalancerView) -> String {
    if lb.sticky_users.is_empty() {
        return String::new();
    }
    let each: Vec<String> = lb.sticky_users.iter().map(|s| format!("{} {}", s.target, s.users)).collect();
    format!("; sticky sessions, users per target: {}", each.join(", "))
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
