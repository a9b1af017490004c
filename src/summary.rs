//! The short line under a node's id on the canvas, which says what matters about this
//! component (the icon already says its kind).

use nines_sim::design::{Component, ComponentSpec};

use crate::number::num;

/// Most characters a node's summary line shows before it is cut with "…"; sized for
/// [`crate::layout::NODE_W`] at 11 px in a wide system font.
pub const SUMMARY_CHARS: usize = 24;

/// A short line under a node's id on the canvas: "t3.small · web", "db.m5.large · Multi-AZ".
/// The icon already says the kind, so the line says what matters about this one.
pub fn summary(component: &Component) -> String {
    let text = match &component.spec {
        ComponentSpec::Clients(c) => format!("{} req/s peak", num(c.profile.peak_rate())),
        ComponentSpec::LoadBalancer(lb) => format!("zones {}", lb.zones.join(", ")),
        ComponentSpec::Instance(i) => format!("{} · {}", i.template.size, i.template.role.name()),
        ComponentSpec::AutoScalingGroup(g) => format!("{}–{} × {}", g.min, g.max, g.instance.size),
        ComponentSpec::Queue(q) => match q.max_receive_count {
            Some(_) => "standard · with DLQ".to_owned(),
            None => "standard queue".to_owned(),
        },
        ComponentSpec::Database(d) => {
            format!("{} · {}", d.size, if d.standby_zone.is_some() { "Multi-AZ" } else { "single-AZ" })
        }
        ComponentSpec::Alarm(a) if !a.source.is_empty() => format!("watches {}", a.source),
        ComponentSpec::Alarm(_) => "alarm".to_owned(),
        ComponentSpec::KeyValueStore(k) => format!(
            "{} RCU · {} WCU · {}",
            num(f64::from(k.read_capacity)),
            num(f64::from(k.write_capacity)),
            if k.consistent_reads { "strong" } else { "eventual" }
        ),
        ComponentSpec::Cdn(c) => format!("{} % hits", num(c.hit_ratio * 100.0)),
        ComponentSpec::ObjectStorage(s) => {
            format!("{} GET/s", num(f64::from(s.prefixes) * f64::from(nines_sim::design::GETS_PER_PREFIX)))
        }
        ComponentSpec::Dns(d) => format!("{} · TTL {} s", d.routing.name(), num(d.ttl_s)),
    };
    truncate(text, SUMMARY_CHARS)
}

/// Cuts `text` to at most `max` characters, marking the cut with "…".
pub fn truncate(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::DatabaseSpec;

    #[test]
    fn summaries_say_what_matters_and_fit_the_node() {
        let design = crate::starter::design();
        assert_eq!(summary(design.component("web-1").unwrap()), "t3.small · web");
        assert_eq!(summary(design.component("db-1").unwrap()), "db.t3.medium · single-AZ");
        assert_eq!(summary(design.component("clients").unwrap()), "50 req/s peak");
        let long = Component {
            id: "db".into(),
            position: None,
            region: None,
            spec: ComponentSpec::Database(DatabaseSpec {
                size: "db.r6g.16xlarge".into(),
                standby_zone: Some("b".into()),
                ..Default::default()
            }),
        };
        assert_eq!(summary(&long), "db.r6g.16xlarge · Multi…");
        assert_eq!(summary(&long).chars().count(), SUMMARY_CHARS);
    }

    #[test]
    fn truncate_keeps_short_text_and_marks_cuts() {
        assert_eq!(truncate("short".into(), 10), "short");
        assert_eq!(truncate("exactly10!".into(), 10), "exactly10!");
        assert_eq!(truncate("eleven char".into(), 10), "eleven ch…");
    }
}
