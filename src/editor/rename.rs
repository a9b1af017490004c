//! Renaming a component: its id changes everywhere it is named (links, alarm sources,
//! scaling policies' alarms).

use nines_sim::design::{ComponentSpec, Design, PolicySpec};

use super::check::{at_or_under, sentence};
use super::{EditResult, Outcome, find, ids};

/// Gives component `id` the id `to`.
pub fn rename(design: &Design, id: &str, to: &str) -> EditResult {
    let (index, _) = find(design, id)?;
    let to = to.trim();
    if to == id {
        return Err(format!("{id} already has that id."));
    }
    if !ids::is_well_formed(to) {
        return Err("Use 1–40 letters, digits, - or _ for an id, e.g. web-2.".to_owned());
    }
    if design.component(to).is_some() {
        return Err(format!("{to} is already the id of another component; ids must be unique."));
    }
    let mut next = design.clone();
    next.components[index].id = to.to_owned();
    let swap = |s: &mut String| {
        if s == id {
            *s = to.to_owned();
        }
    };
    for link in &mut next.connections {
        swap(&mut link.from);
        swap(&mut link.to);
    }
    for c in &mut next.components {
        match &mut c.spec {
            ComponentSpec::Alarm(a) => swap(&mut a.source),
            ComponentSpec::AutoScalingGroup(g) => {
                for p in &mut g.policies {
                    if let PolicySpec::Step { alarm, .. } | PolicySpec::Simple { alarm, .. } = p {
                        swap(alarm);
                    }
                }
            }
            _ => {}
        }
    }
    let problems = nines_sim::design::validate(&next);
    if let Some(p) = at_or_under(&problems, &format!("components[{index}].id")).next() {
        return Err(sentence(&p.message));
    }
    Ok(Outcome { design: next, message: format!("Renamed {id} to {to}."), select: Some(to.to_owned()) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::{reference, validate};

    #[test]
    fn renaming_follows_every_reference() {
        let out = rename(&reference::three_tier(), "jobs", "orders").unwrap();
        assert!(out.design.component("orders").is_some());
        assert!(out.design.connections.iter().any(|c| c.from == "orders"));
        assert!(validate(&out.design).is_empty(), "{:?}", validate(&out.design));
        assert_eq!(out.select.as_deref(), Some("orders"));
    }

    #[test]
    fn bad_or_taken_ids_are_refused() {
        let d = reference::three_tier();
        assert!(rename(&d, "jobs", "web").unwrap_err().contains("already the id"));
        assert!(rename(&d, "jobs", "my queue").unwrap_err().contains("letters"));
        assert!(rename(&d, "jobs", "jobs").is_err());
    }
}
