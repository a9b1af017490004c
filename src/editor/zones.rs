//! Each region's availability zones (2 to 6, letters a–f) and name, and the design's name.

use nines_sim::design::{ComponentSpec, Design, Region};

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

/// The region `region` of `design`, or why there is none.
fn region_at(design: &Design, region: usize) -> Result<&Region, String> {
    design.regions.get(region).ok_or_else(|| format!("The design has no region number {}.", region + 1))
}

/// Adds the first unused zone letter to region `region`.
pub fn add_zone(design: &Design, region: usize) -> EditResult {
    let zones = &region_at(design, region)?.zones;
    if zones.len() >= MAX_ZONES {
        return Err(format!("A region has at most {MAX_ZONES} availability zones (a–f) in Nines."));
    }
    let Some(letter) = LETTERS.iter().find(|l| !zones.iter().any(|z| z == *l)) else {
        return Err("Every zone letter a–f is taken.".to_owned());
    };
    let mut next = design.clone();
    let zones = &mut next.regions[region].zones;
    zones.push((*letter).to_owned());
    if zones.iter().all(|z| LETTERS.contains(&z.as_str())) {
        zones.sort();
    }
    let message = format!("Added zone {}{letter}.", design.regions[region].name);
    Ok(Outcome { design: next, message, select: None })
}

/// What runs in or reaches into zone `zone` of region `region`, in words: "instance
/// web-3", "load balancer lb-1".
pub fn users(design: &Design, region: usize, zone: &str) -> Vec<String> {
    let mut out = Vec::new();
    for c in design.components.iter().filter(|c| design.region_index(c) == region) {
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

/// Removes zone `zone` of region `region`, unless it is in use or the region would have
/// fewer than two zones.
pub fn remove_zone(design: &Design, region: usize, zone: &str) -> EditResult {
    let Region { name, zones } = region_at(design, region)?;
    if !zones.iter().any(|z| z == zone) {
        return Err(format!("Region {name} has no zone {zone}."));
    }
    if zones.len() <= MIN_ZONES {
        return Err(format!(
            "Nines keeps at least {MIN_ZONES} availability zones in a region: surviving the loss of a zone needs another one."
        ));
    }
    let users = users(design, region, zone);
    if !users.is_empty() {
        let shown: Vec<String> = users.iter().take(4).cloned().collect();
        let more = if users.len() > 4 { format!(" and {} more", users.len() - 4) } else { String::new() };
        return Err(format!(
            "Zone {} is in use by {}{more}. Move them to another zone or take the zone out of their zone lists first.",
            design.zone_name(region, zone),
            and_list(&shown)
        ));
    }
    let mut next = design.clone();
    next.regions[region].zones.retain(|z| z != zone);
    Ok(Outcome { design: next, message: format!("Removed zone {name}{zone}."), select: None })
}

/// Renames region `region`, and every component that names it as its own.
pub fn set_region_name(design: &Design, region: usize, name: &str) -> EditResult {
    let old = &region_at(design, region)?.name;
    let name = name.trim();
    if name.is_empty() {
        return Err("Give the region a name, e.g. us-east-1.".to_owned());
    }
    if name.chars().count() > MAX_REGION_CHARS {
        return Err(format!("Keep the region name to {MAX_REGION_CHARS} characters."));
    }
    if name == old {
        return Err("The region already has that name.".to_owned());
    }
    if design.regions.iter().any(|r| r.name == name) {
        return Err(format!("The design already has a region {name}; give each region its own name."));
    }
    let mut next = design.clone();
    next.regions[region].name = name.to_owned();
    for c in &mut next.components {
        if c.region.as_deref() == Some(old.as_str()) {
            c.region = Some(name.to_owned());
        }
    }
    Ok(Outcome { design: next, message: format!("Renamed region {old} to {name}."), select: None })
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
        let out = add_zone(&d, 0).unwrap();
        assert_eq!(out.design.region().zones, ["a", "b", "c"]);
        assert_eq!(out.message, "Added zone us-east-1b.");
        let mut d = out.design;
        for _ in 0..3 {
            d = add_zone(&d, 0).unwrap().design;
        }
        assert_eq!(d.region().zones, LETTERS);
        assert!(add_zone(&d, 0).unwrap_err().contains("at most 6"));
    }

    #[test]
    fn used_zones_and_the_last_two_cannot_be_removed() {
        let d = reference::three_tier();
        let err = remove_zone(&d, 0, "a").unwrap_err();
        assert!(err.contains("load balancer lb-1") && err.contains("database db"), "{err}");
        let out = remove_zone(&d, 0, "c").unwrap();
        assert_eq!(out.design.region().zones, ["a", "b"]);
        assert!(remove_zone(&out.design, 0, "b").unwrap_err().contains("at least 2"));
    }

    #[test]
    fn standby_and_replica_zones_count_as_used() {
        let d = reference::three_tier();
        assert_eq!(users(&d, 0, "b").len(), 4, "{:?}", users(&d, 0, "b"));
        assert!(users(&d, 0, "b").contains(&"the standby of database db".to_owned()));
    }

    #[test]
    fn names_are_checked() {
        let d = reference::single_server();
        assert_eq!(set_region_name(&d, 0, " eu-west-1 ").unwrap().design.region().name, "eu-west-1");
        assert!(set_region_name(&d, 0, "  ").is_err());
        assert!(set_region_name(&d, 0, &"x".repeat(41)).is_err());
        assert_eq!(set_design_name(&d, "Shop").unwrap().design.name, "Shop");
        assert!(set_design_name(&d, &"x".repeat(101)).is_err());
    }

    #[test]
    fn a_later_regions_zones_are_its_own() {
        let d = reference::multi_region();
        let out = add_zone(&d, 1).unwrap();
        assert_eq!(out.design.regions[1].zones, ["a", "b", "c"]);
        assert_eq!(out.design.region().zones, ["a", "b"], "the first region is untouched");
        assert_eq!(out.message, "Added zone us-west-2c.");
        let err = remove_zone(&out.design, 1, "a").unwrap_err();
        assert!(err.starts_with("Zone us-west-2a is in use by load balancer lb-west"), "{err}");
        assert!(!users(&d, 0, "a").iter().any(|u| u.contains("west")), "{:?}", users(&d, 0, "a"));
        let out = remove_zone(&out.design, 1, "c").unwrap();
        assert_eq!(out.design, d);
        assert_eq!(out.message, "Removed zone us-west-2c.");
        assert!(remove_zone(&d, 1, "c").unwrap_err().contains("Region us-west-2 has no zone c"));
        assert!(add_zone(&d, 2).unwrap_err().contains("no region number 3"));
    }

    #[test]
    fn renaming_a_region_carries_its_components_along() {
        let d = reference::multi_region();
        let out = set_region_name(&d, 1, "eu-west-1").unwrap();
        assert_eq!(out.message, "Renamed region us-west-2 to eu-west-1.");
        assert_eq!(out.design.component("lb-west").unwrap().region.as_deref(), Some("eu-west-1"));
        assert!(nines_sim::design::validate(&out.design).is_empty());
        let err = set_region_name(&d, 1, "us-east-1").unwrap_err();
        assert!(err.contains("already has a region us-east-1"), "{err}");
    }
}
