//! Deleting a component, and everything that pointed at it: its links, the alarms that
//! watched it, and the scaling policies an alarm of it triggered.

use nines_sim::design::{ComponentSpec, Design, PolicySpec};

use super::{EditResult, Outcome, find};
use crate::kind::{Kind, component_label};

/// Deletes component `id`, with its links. An alarm watching it goes too (an alarm with
/// nothing to watch means nothing), and so do scaling policies a deleted alarm triggered:
/// every edit leaves a design that validates, so autosave can always restore it.
pub fn delete(design: &Design, id: &str) -> EditResult {
    let (_, component) = find(design, id)?;
    let label = component_label(Kind::of(&component.spec), id, None);
    let watchers: Vec<String> = design
        .components
        .iter()
        .filter(|c| matches!(&c.spec, ComponentSpec::Alarm(a) if a.source == id))
        .map(|c| c.id.clone())
        .collect();
    let gone: Vec<&str> = std::iter::once(id).chain(watchers.iter().map(String::as_str)).collect();
    let mut next = design.clone();
    next.components.retain(|c| !gone.contains(&c.id.as_str()));
    let before = next.connections.len();
    next.connections.retain(|c| c.from != id && c.to != id);
    let links = before - next.connections.len();
    let mut dropped_policies = 0;
    for c in &mut next.components {
        if let ComponentSpec::AutoScalingGroup(g) = &mut c.spec {
            let before = g.policies.len();
            g.policies.retain(|p| {
                !matches!(p, PolicySpec::Step { alarm, .. } | PolicySpec::Simple { alarm, .. } if gone.contains(&alarm.as_str()))
            });
            dropped_policies += before - g.policies.len();
        }
    }
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut notes = Vec::new();
    if links > 0 {
        notes.push(format!("its {}", plural(links, "link", "links")));
    }
    if !watchers.is_empty() {
        notes.push(format!("alarm {} that watched it", super::place::and_list(&watchers)));
    }
    if dropped_policies > 0 {
        notes.push(plural(dropped_policies, "scaling policy", "scaling policies") + " triggered by it");
    }
    let message = if notes.is_empty() {
        format!("Deleted {label}.")
    } else {
        format!("Deleted {label} and {}.", super::place::and_list(&notes))
    };
    Ok(Outcome { design: next, message, select: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::{reference, validate};

    #[test]
    fn deleting_removes_the_component_and_its_links() {
        let out = delete(&reference::single_server(), "web-1").unwrap();
        assert!(out.design.component("web-1").is_none());
        assert!(out.design.connections.is_empty());
        assert_eq!(out.message, "Deleted instance web-1 and its 2 links.");
        assert!(validate(&out.design).is_empty());
    }

    #[test]
    fn deleting_an_alarm_drops_the_policies_it_triggered_and_a_source_orphans_alarms() {
        let mut d = reference::three_tier();
        if let Some(ComponentSpec::AutoScalingGroup(g)) =
            d.components.iter_mut().find(|c| c.id == "workers").map(|c| &mut c.spec)
        {
            g.policies.push(PolicySpec::Simple { alarm: "jobs-age".into(), change: 1 });
        }
        let out = delete(&d, "jobs-age").unwrap();
        assert!(out.message.contains("1 scaling policy triggered by it"), "{}", out.message);
        assert!(validate(&out.design).is_empty(), "{:?}", validate(&out.design));
        let out = delete(&d, "jobs").unwrap();
        assert!(out.design.component("jobs-age").is_none());
        assert_eq!(
            out.message,
            "Deleted queue jobs and its 2 links, alarm jobs-age that watched it and 1 scaling policy triggered by it."
        );
        assert!(validate(&out.design).is_empty(), "{:?}", validate(&out.design));
    }

    #[test]
    fn deleting_a_missing_component_is_refused() {
        assert!(delete(&reference::single_server(), "ghost").is_err());
    }
}
