//! A design's regions: adding a second one, removing it, and finding which region a zone
//! or a drop belongs to.
//!
//! Zones are named as the running world names them ([`Design::zone_name`]): the bare
//! suffix in the first region (`b`), the full AWS name in a later one (`us-west-2b`), so
//! the canvas's lanes, the live view, zone faults and the editor all speak of a zone the
//! same way. A component records its region by name (`region`), left out for the first.

use nines_sim::design::{Design, MAX_REGIONS, Region};

use super::place::and_list;
use super::{EditResult, Outcome};
use crate::kind::{Kind, component_label};

/// Partner regions for a second region, as AWS customers often pair them for disaster
/// recovery: the first region's name, then the partner suggested for it.
const PARTNERS: [(&str, &str); 12] = [
    ("us-east-1", "us-west-2"),
    ("us-east-2", "us-west-2"),
    ("us-west-1", "us-east-1"),
    ("us-west-2", "us-east-1"),
    ("ca-central-1", "us-east-1"),
    ("eu-west-1", "eu-central-1"),
    ("eu-west-2", "eu-west-1"),
    ("eu-central-1", "eu-west-1"),
    ("eu-north-1", "eu-central-1"),
    ("ap-southeast-1", "ap-southeast-2"),
    ("ap-southeast-2", "ap-southeast-1"),
    ("ap-northeast-1", "ap-northeast-3"),
];

/// Zones a new region starts with: two, so it can survive the loss of one.
const NEW_ZONES: [&str; 2] = ["a", "b"];

/// A real AWS region to suggest beside `first`: its usual partner, else us-west-2 (or
/// us-east-1 when the first is already us-west-2).
pub fn partner(first: &str) -> &'static str {
    match PARTNERS.iter().find(|(from, _)| *from == first) {
        Some((_, to)) => to,
        None if first == "us-west-2" => "us-east-1",
        None => "us-west-2",
    }
}

/// Adds a second region with zones a and b, named after the first one's usual partner.
pub fn add_region(design: &Design) -> EditResult {
    if design.regions.len() >= MAX_REGIONS {
        return Err(format!(
            "A design has at most {MAX_REGIONS} regions in Nines: remove region {} first to add another.",
            design.regions.last().map_or("", |r| r.name.as_str())
        ));
    }
    let name = partner(&design.region().name).to_owned();
    let mut next = design.clone();
    // A design read without regions gets its first one, so the new one is the second.
    next.region_mut();
    next.regions.push(Region { name: name.clone(), zones: NEW_ZONES.map(str::to_owned).to_vec() });
    let index = next.regions.len() - 1;
    let zones: Vec<String> = NEW_ZONES.iter().map(|z| next.zone_name(index, z)).collect();
    let message = format!(
        "Added region {name} with zones {}. Drop a load balancer and instances into it, then point a DNS name at both regions.",
        and_list(&zones)
    );
    Ok(Outcome { design: next, message, select: None })
}

/// Removes region `region` (never the first), unless something still lives in it.
pub fn remove_region(design: &Design, region: usize) -> EditResult {
    let Some(gone) = design.regions.get(region) else {
        return Err(format!("The design has no region number {}.", region + 1));
    };
    if region == 0 {
        return Err(format!(
            "Region {} is the design's first region, where every component without a region lives; it stays.",
            gone.name
        ));
    }
    let users = residents(design, region);
    if !users.is_empty() {
        let shown: Vec<String> = users.iter().take(4).cloned().collect();
        let more = if users.len() > 4 { format!(" and {} more", users.len() - 4) } else { String::new() };
        return Err(format!(
            "Region {} is in use by {}{more}. Move or delete them first.",
            gone.name,
            and_list(&shown)
        ));
    }
    let mut next = design.clone();
    next.regions.remove(region);
    Ok(Outcome { design: next, message: format!("Removed region {}.", gone.name), select: None })
}

/// What names region `region` as its own, in words: "load balancer lb-2", "clients
/// users (home region)". Components of the first region usually leave it unnamed.
pub fn residents(design: &Design, region: usize) -> Vec<String> {
    let Some(name) = design.regions.get(region).map(|r| r.name.as_str()) else { return Vec::new() };
    design
        .components
        .iter()
        .filter(|c| c.region.as_deref() == Some(name))
        .map(|c| {
            let label = component_label(Kind::of(&c.spec), &c.id, None);
            if c.spec.is_global() { format!("{label} (home region)") } else { label }
        })
        .collect()
}

/// The region and zone suffix of zone `name` as the world names it (`b`, `us-west-2b`).
pub fn locate(design: &Design, name: &str) -> Option<(usize, String)> {
    design.regions.iter().enumerate().find_map(|(r, region)| {
        region.zones.iter().find(|z| design.zone_name(r, z) == name).map(|z| (r, z.clone()))
    })
}

/// What a component placed or moved into region `region` records: nothing for the first.
pub fn field(design: &Design, region: usize) -> Option<String> {
    (region > 0).then(|| design.regions.get(region).map(|r| r.name.clone())).flatten()
}

/// Region `region`'s name, or an empty string if it does not exist.
pub fn name(design: &Design, region: usize) -> &str {
    design.regions.get(region).map_or("", |r| r.name.as_str())
}

/// "region us-east-1" or, with two regions, "region us-east-1 or us-west-2".
pub fn all_names(design: &Design) -> String {
    let names: Vec<&str> = design.regions.iter().map(|r| r.name.as_str()).collect();
    format!("region {}", names.join(" or "))
}

/// "region us-east-1" or "regions us-east-1 and us-west-2", for sentences.
pub fn listed(design: &Design) -> String {
    let names: Vec<String> = design.regions.iter().map(|r| r.name.clone()).collect();
    let noun = if names.len() == 1 { "region" } else { "regions" };
    format!("{noun} {}", and_list(&names))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::{reference, validate};

    #[test]
    fn a_second_region_is_the_firsts_partner_with_two_zones() {
        let d = reference::single_server();
        let out = add_region(&d).unwrap();
        assert_eq!(out.design.regions.len(), 2);
        assert_eq!(
            out.design.regions[1],
            Region { name: "us-west-2".into(), zones: vec!["a".into(), "b".into()] }
        );
        assert!(
            out.message.starts_with("Added region us-west-2 with zones us-west-2a and us-west-2b."),
            "{}",
            out.message
        );
        assert!(validate(&out.design).is_empty(), "{:?}", validate(&out.design));
        let err = add_region(&out.design).unwrap_err();
        assert_eq!(
            err,
            "A design has at most 2 regions in Nines: remove region us-west-2 first to add another."
        );
    }

    #[test]
    fn partners_differ_from_the_first_region() {
        assert_eq!(partner("us-west-2"), "us-east-1");
        assert_eq!(partner("eu-west-1"), "eu-central-1");
        assert_eq!(partner("mars-north-1"), "us-west-2");
        for (from, _) in PARTNERS {
            assert_ne!(partner(from), from);
        }
    }

    #[test]
    fn only_an_empty_later_region_is_removed() {
        let d = reference::multi_region();
        let err = remove_region(&d, 1).unwrap_err();
        assert!(err.starts_with("Region us-west-2 is in use by load balancer lb-west"), "{err}");
        let err = remove_region(&d, 0).unwrap_err();
        assert!(err.contains("first region") && err.contains("stays"), "{err}");
        assert!(remove_region(&d, 2).unwrap_err().contains("no region number 3"));
        let empty = add_region(&reference::single_server()).unwrap().design;
        let out = remove_region(&empty, 1).unwrap();
        assert_eq!(out.design, reference::single_server());
        assert_eq!(out.message, "Removed region us-west-2.");
    }

    #[test]
    fn zones_are_found_by_their_world_names() {
        let d = reference::multi_region();
        assert_eq!(locate(&d, "b"), Some((0, "b".to_owned())));
        assert_eq!(locate(&d, "us-west-2a"), Some((1, "a".to_owned())));
        assert_eq!(locate(&d, "us-west-2c"), None);
        assert_eq!(locate(&d, "c"), None);
        assert_eq!(field(&d, 0), None);
        assert_eq!(field(&d, 1).as_deref(), Some("us-west-2"));
        assert_eq!(all_names(&d), "region us-east-1 or us-west-2");
        assert_eq!(listed(&d), "regions us-east-1 and us-west-2");
        assert_eq!(listed(&reference::single_server()), "region us-east-1");
    }
}
