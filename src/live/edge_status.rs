//! What the canvas says about a CDN and its object storage while a run plays: the hit
//! ratio and the requests of the last second, and whether each answers.

use nines_sim::snapshot::{CdnView, ObjectStorageView};

use super::status::{NodeStatus, Tone};

/// A CDN: its measured hit ratio and what the edge did in the last second.
pub fn cdn_status(c: &CdnView) -> NodeStatus {
    if !c.up {
        let text = "down · every request fails".to_owned();
        let title = format!("{}: not answering; every request sent through it fails", c.name);
        return NodeStatus { tone: Tone::Bad, text, title, ..NodeStatus::default() };
    }
    let s = &c.last_second;
    let ratio = c.measured_hit_ratio.map_or("—".to_owned(), |r| format!("{:.0} %", r * 100.0));
    let origin_down = c.origin_up == Some(false);
    let tone = if origin_down || s.origin_errors > 0 { Tone::Warn } else { Tone::Ok };
    let text = if origin_down {
        format!("hits {ratio} · origin down")
    } else {
        format!("hits {ratio} · {} edge/s", s.hits)
    };
    let title = format!(
        "{}: hit ratio {ratio} so far; last second {} edge hits, {} origin fetches ({} failed), {} sent on to the load balancer{}",
        c.name,
        s.hits,
        s.origin_fetches,
        s.origin_errors,
        s.forwarded,
        if origin_down { "; its origin is down, so misses fail while hits are still served" } else { "" }
    );
    NodeStatus { tone, text, title, ..NodeStatus::default() }
}

/// Object storage: GETs of the last second against its rate limit.
pub fn storage_status(b: &ObjectStorageView) -> NodeStatus {
    if !b.up {
        let text = "down · regional outage".to_owned();
        let title = format!("{}: not answering (regional outage); CDN misses fail", b.name);
        return NodeStatus { tone: Tone::Bad, text, title, ..NodeStatus::default() };
    }
    let s = &b.last_second;
    let tone = if s.throttled > 0 { Tone::Warn } else { Tone::Ok };
    let text = if s.throttled > 0 {
        format!("{} GET/s · {} slowed down", s.gets, s.throttled)
    } else {
        format!("{} GET/s", s.gets)
    };
    let title = format!(
        "{}: {} GETs in the last second, {} refused with 503 Slow Down; serves up to {} a second",
        b.name, s.gets, s.throttled, b.gets_per_second
    );
    NodeStatus { tone, text, title, ..NodeStatus::default() }
}
