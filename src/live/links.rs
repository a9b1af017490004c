//! How a connection looks while a run is live: its health and the traffic it carries.
//!
//! Traffic is known where requests are counted: clients send `rate_per_s`, each
//! instance counts what it received in the last simulated second, and a CDN what it sent
//! on and fetched from its origin. Links into a queue or a
//! database carry no figure and keep the plain look.

use nines_sim::design::{ComponentSpec, Design};
use nines_sim::snapshot::Snapshot;
use nines_sim::world::{Lifecycle, TargetHealth};

use super::status::Tone;

/// Thinnest and thickest stroke of a link [px].
pub const MIN_WIDTH: f64 = 1.75;
pub const MAX_WIDTH: f64 = 8.0;

/// How a link from `from` to `to` is drawn: degraded (`Warn`) when some of the load
/// balancer's targets behind it are out of service, down (`Bad`) when all of them are.
pub fn link_tone(snapshot: &Snapshot, from: &str, to: &str) -> Option<Tone> {
    let healths: Vec<TargetHealth> = snapshot
        .instances
        .iter()
        .filter(|i| i.lifecycle != Lifecycle::Terminated)
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

/// Requests per second on the link from `from` to `to`, where the world counts them.
pub fn link_rate(snapshot: &Snapshot, design: &Design, from: &str, to: &str) -> Option<f64> {
    let sender = design.component(from)?;
    let receiver = design.component(to)?;
    match (&sender.spec, &receiver.spec) {
        (ComponentSpec::Dns(_), ComponentSpec::LoadBalancer(_)) => {
            let dns = snapshot.dns.iter().find(|d| d.name == from)?;
            Some(dns.records.iter().find(|r| r.load_balancer == to)?.requests_last_s as f64)
        }
        (
            ComponentSpec::Clients(_),
            ComponentSpec::LoadBalancer(_) | ComponentSpec::Cdn(_) | ComponentSpec::Dns(_),
        ) => {
            let rate = snapshot.clients.iter().find(|c| c.name == from)?.rate_per_s;
            let fan_out = design.connections.iter().filter(|c| c.from == from).count().max(1);
            Some(rate / fan_out as f64)
        }
        (
            ComponentSpec::Clients(_) | ComponentSpec::LoadBalancer(_),
            ComponentSpec::Instance(_) | ComponentSpec::AutoScalingGroup(_),
        ) => Some(received(snapshot, to)),
        // A CDN counts what it sends on and what it fetches from its origin each second.
        (ComponentSpec::Cdn(_), ComponentSpec::ObjectStorage(_)) => {
            Some(snapshot.cdns.iter().find(|c| c.name == from)?.last_second.origin_fetches as f64)
        }
        (ComponentSpec::Cdn(_), _) => {
            Some(snapshot.cdns.iter().find(|c| c.name == from)?.last_second.forwarded as f64)
        }
        _ => None,
    }
}

/// Requests the instances of `to` (one instance or a group's) received last second.
fn received(snapshot: &Snapshot, to: &str) -> f64 {
    snapshot
        .instances
        .iter()
        .filter(|i| i.name == to || i.group.as_deref() == Some(to))
        .map(|i| f64::from(i.requests_last_s))
        .sum()
}

/// Stroke width for a rate [px]: logarithmic, so 10 and 1,000 requests/s both read.
pub fn width(rate_per_s: f64) -> f64 {
    (MIN_WIDTH + 1.4 * (1.0 + rate_per_s.max(0.0) / 20.0).ln()).min(MAX_WIDTH)
}

/// A rate as a link label, short enough for the gap between two cards: `0/s`,
/// `840/s`, `12.5k/s` [requests/s].
pub fn rate_text(rate_per_s: f64) -> String {
    if rate_per_s >= 10_000.0 {
        format!("{:.1}k/s", rate_per_s / 1000.0)
    } else {
        format!("{:.0}/s", rate_per_s)
    }
}
