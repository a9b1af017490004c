//! The region: its availability zones (2 to 6, letters a–f), its name, and the design's name.

use nines_sim::design::{ComponentSpec, Design};

use super::place::and_list;
use super::{EditResult, Outcome};

/// Fewest zones the editor keeps: multi-AZ designs need two.
pub const MIN_ZONES: usize = 2;
/// Most zones a region has (us-east-1 has six).
pub const MAX_ZONES: usize = 6;
/// Zone letters, in order.
pub const LETTERS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
/// Longest region name [characters].
pub const MAX_REGION_CHARS: usize = 40;
/// Longest design name [characters] (the library's limit).
pub const MAX_NAME_CHARS: usize = 100;

/// Adds the first unused zone letter.
pub fn add_zone(design: &Design) -> EditResult {
    let zones = &design.region().zones;
    if zones.len() >= MAX_ZONES {
        return Err(format!("A region has at most {MAX_ZONES} availability zones (a–f) in Nines."));
    }
    let Some(letter) = LETTERS.iter().find(|l| !zones.iter().any(|z| z == *l)) else {
        return Err("Every zone letter a–f is taken.".to_owned());
    };
    let mut next = design.clone();
    next.region_mut().zones.push((*letter).to_owned());
    if next.region_mut().zones.iter().all(|z| LETTERS.contains(&z.as_str())) {
        next.region_mut().zones.sort();
    }
    let message = format!("Added zone {}{letter}.", design.region().name);
    Ok(Outcome { design: next, message, select: None })
}

/// What runs in or reaches into `zone`, in words: "instance web-3", "load balancer lb-1".
pub fn users(design: &Design, zone: &str) -> Vec<String> {
    let mut out = Vec::new();
    for c in &design.components {
        let (noun, uses) = match &c.spec {
            ComponentSpec::Instance(i) => ("instance", i.zone == zone),
            ComponentSpec::Database(d) if d.zone == zone => ("database", true),
            ComponentSpec::Database(d) if d.standby_zone.as_deref() == Some(zone) => {
                ("the standby of database", true)
            }
            ComponentSpec::Database(d) => {
                ("a read replica of database", d.read_replicas.iter().any(|r| r == zone))
            }
            ComponentSpec::LoadBalancer(lb) => ("load balancer", lb.zones.iter().any(|z| z == zone)),
            ComponentSpec::AutoScalingGroup(g) => ("auto-scaling group", g.zones.iter().any(|z| z == zone)),
            _ => ("", false),
        };
        if uses {
            out.push(format!("{noun} {}", c.id));
        }
    }
    out
}

/// Removes `zone`, unless it is in use or the region would have fewer than two zones.
pub fn remove_zone(design: &Design, zone: &str) -> EditResult {
    let zones = &design.region().zones;
    if !zones.iter().any(|z| z == zone) {
        return Err(format!("The region has no zone {zone}."));
    }
    if zones.len() <= MIN_ZONES {
        return Err(format!(
            "Nines keeps at least {MIN_ZONES} availability zones: surviving the loss of a zone needs another one."
        ));
    }
    let users = users(design, zone);
    if !users.is_empty() {
        let shown: Vec<String> = users.iter().take(4).cloned().collect();
        let more = if users.len() > 4 { format!(" and {} more", users.len() - 4) } else { String::new() };
        return Err(format!(
            "Zone {zone} is in use by {}{more}. Move them to another zone or take the zone out of their zone lists first.",
            and_list(&shown)
        ));
    }
    let mut next = design.clone();
    next.region_mut().zones.retain(|z| z != zone);
    Ok(Outcome {
        design: next,
        message: format!("Removed zone {}{zone}.", design.region().name),
        select: None,
    })
}

/// Renames the region.
pub fn set_region_name(design: &Design, name: &str) -> EditResult {
    let name = name.trim();
    if name.is_empty() {
        return Err("Give the region a name, e.g. us-east-1.".to_owned());
    }
    if name.chars().count() > MAX_REGION_CHARS {
        return Err(format!("Keep the region name to {MAX_REGION_CHARS} characters."));
    }
    if name == design.region().name {
        return Err("The region already has that name.".to_owned());
    }
    let mut next = design.clone();
    next.region_mut().name = name.to_owned();
    Ok(Outcome { design: next, message: format!("Renamed the region to {name}."), select: None })
}

/// Renames the design.
pub fn set_design_name(design: &Design, name: &str) -> EditResult {
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("Keep the design's name to {MAX_NAME_CHARS} characters."));
    }
    if name == design.name {
        return Err("The design already has that name.".to_owned());
    }
    let mut next = design.clone();
    next.name = name.to_owned();
    Ok(Outcome { design: next, message: format!("Renamed the design to {}.", name.trim()), select: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    #[test]
    fn zones_are_added_in_letter_order_up_to_six() {
        let mut d = reference::single_server();
        d.region_mut().zones = vec!["a".into(), "c".into()];
        let out = add_zone(&d).unwrap();
        assert_eq!(out.design.region().zones, ["a", "b", "c"]);
        assert_eq!(out.message, "Added zone us-east-1b.");
        let mut d = out.design;
        for _ in 0..3 {
            d = add_zone(&d).unwrap().design;
        }
        assert_eq!(d.region().zones, LETTERS);
        assert!(add_zone(&d).unwrap_err().contains("at most 6"));
    }

    #[test]
    fn used_zones_and_the_last_two_cannot_be_removed() {
        let d = reference::three_tier();
        let err = remove_zone(&d, "a").unwrap_err();
        assert!(err.contains("load balancer lb-1") && err.contains("database db"), "{err}");
        let out = remove_zone(&d, "c").unwrap();
        assert_eq!(out.design.region().zones, ["a", "b"]);
        assert!(remove_zone(&out.design, "b").unwrap_err().contains("at least 2"));
    }

    #[test]
    fn standby_and_replica_zones_count_as_used() {
        let d = reference::three_tier();
        assert_eq!(users(&d, "b").len(), 4, "{:?}", users(&d, "b"));
        assert!(users(&d, "b").contains(&"the standby of database db".to_owned()));
    }

    #[test]
    fn names_are_checked() {
        let d = reference::single_server();
        assert_eq!(set_region_name(&d, " eu-west-1 ").unwrap().design.region().name, "eu-west-1");
        assert!(set_region_name(&d, "  ").is_err());
        assert!(set_region_name(&d, &"x".repeat(41)).is_err());
        assert_eq!(set_design_name(&d, "Shop").unwrap().design.name, "Shop");
        assert!(set_design_name(&d, &"x".repeat(101)).is_err());
    }
}
