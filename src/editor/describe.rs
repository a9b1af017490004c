//! The design in words, for screen readers: what each component is, where it runs, and
//! what it is linked to; what runs in each zone.

use nines_sim::design::{Component, ComponentSpec, Design};

use super::place::and_list;
use crate::kind::{Kind, component_label};
use crate::summary;

/// "Instance web-1 in zone a (t3.small · web). Receives work from clients. Sends work to db-1."
pub fn component(design: &Design, c: &Component) -> String {
    let kind = Kind::of(&c.spec);
    let r = design.region_index(c);
    let named = |zones: &[String]| -> Vec<String> { zones.iter().map(|z| design.zone_name(r, z)).collect() };
    let home = zone(c).map(|z| design.zone_name(r, z));
    let mut text = super::check::sentence(&component_label(kind, &c.id, home.as_deref()));
    text.pop();
    if home.is_none() && design.regions.len() > 1 && !c.spec.is_global() {
        text.push_str(&format!(" in region {}", design.region_of(c).name));
    }
    text.push_str(&format!(" ({}).", summary::summary(c)));
    match &c.spec {
        ComponentSpec::Database(db) => {
            if let Some(z) = &db.standby_zone {
                text.push_str(&format!(" Multi-AZ standby in zone {}.", design.zone_name(r, z)));
            }
            if !db.read_replicas.is_empty() {
                text.push_str(&format!(" Read replicas in zones {}.", and_list(&named(&db.read_replicas))));
            }
        }
        ComponentSpec::LoadBalancer(lb) => {
            text.push_str(&format!(" Nodes in zones {}.", and_list(&named(&lb.zones))))
        }
        ComponentSpec::AutoScalingGroup(g) => text.push_str(&format!(
            " Launches into zones {}; {} running, {} to {}.",
            and_list(&named(&g.zones)),
            g.desired,
            g.min,
            g.max
        )),
        _ => {}
    }
    let from: Vec<String> = design.sources_of(&c.id).map(str::to_owned).collect();
    let to: Vec<String> = design.targets_of(&c.id).map(str::to_owned).collect();
    if !from.is_empty() {
        text.push_str(&format!(" Receives work from {}.", and_list(&from)));
    }
    if !to.is_empty() {
        text.push_str(&format!(" Sends work to {}.", and_list(&to)));
    }
    if from.is_empty() && to.is_empty() {
        text.push_str(" Not linked yet.");
    }
    text
}

/// The zone a zone-scoped component runs in.
pub fn zone(c: &Component) -> Option<&str> {
    match &c.spec {
        ComponentSpec::Instance(i) => Some(&i.zone),
        ComponentSpec::Database(d) => Some(&d.zone),
        _ => None,
    }
}

/// "Zone us-east-1a: instance web-1, database db-1, the standby of database db-2."
pub fn lane(design: &Design, zone: &str) -> String {
    lane_in(design, 0, zone)
}

/// The sentence for zone `zone` of region `region` (its index in the design).
pub fn lane_in(design: &Design, region: usize, zone: &str) -> String {
    let mut items = Vec::new();
    for c in design.components.iter().filter(|c| design.region_index(c) == region) {
        let kind = Kind::of(&c.spec);
        if self::zone(c) == Some(zone) {
            items.push(component_label(kind, &c.id, None));
        }
        if let ComponentSpec::Database(d) = &c.spec {
            if d.standby_zone.as_deref() == Some(zone) {
                items.push(format!("the standby of database {}", c.id));
            }
            for _ in d.read_replicas.iter().filter(|r| *r == zone) {
                items.push(format!("a read replica of database {}", c.id));
            }
        }
    }
    let name = format!("{}{zone}", design.regions.get(region).map_or("", |r| r.name.as_str()));
    if items.is_empty() {
        format!("Availability zone {name}: nothing runs here yet.")
    } else {
        format!("Availability zone {name}: {}.", and_list(&items))
    }
}

/// "Region us-east-1: 3 zones, 7 components, 6 links."; with two regions, "Regions
/// us-east-1 (2 zones) and us-west-2 (2 zones): 6 components, 5 links."
pub fn design(design: &Design) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    let totals = format!(
        "{}, {}",
        n(design.components.len(), "component", "components"),
        n(design.connections.len(), "link", "links")
    );
    if design.regions.len() <= 1 {
        let zones = n(design.region().zones.len(), "zone", "zones");
        return format!("Region {}: {zones}, {totals}.", design.region().name);
    }
    let each: Vec<String> = design
        .regions
        .iter()
        .map(|r| format!("{} ({})", r.name, n(r.zones.len(), "zone", "zones")))
        .collect();
    format!("Regions {}: {totals}.", and_list(&each))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;

    #[test]
    fn components_say_what_where_and_links() {
        let d = reference::single_server();
        let web = component(&d, d.component("web-1").unwrap());
        assert_eq!(
            web,
            "Instance web-1 in zone a (t3.small · web). Receives work from clients. Sends work to db-1."
        );
        let d3 = reference::three_tier();
        let db = component(&d3, d3.component("db").unwrap());
        assert!(db.contains("Multi-AZ standby in zone b"), "{db}");
    }

    #[test]
    fn lanes_list_what_runs_there() {
        let d = reference::three_tier();
        assert_eq!(lane(&d, "b"), "Availability zone us-east-1b: the standby of database db.");
        assert_eq!(lane(&d, "c"), "Availability zone us-east-1c: nothing runs here yet.");
        assert_eq!(design(&d), "Region us-east-1: 3 zones, 7 components, 6 links.");
    }

    #[test]
    fn two_regions_are_both_named() {
        let d = reference::multi_region();
        assert_eq!(design(&d), "Regions us-east-1 (2 zones) and us-west-2 (2 zones): 6 components, 5 links.");
        let lb = component(&d, d.component("lb-west").unwrap());
        assert!(lb.starts_with("Load balancer lb-west in region us-west-2 ("), "{lb}");
        assert!(lb.contains("Nodes in zones us-west-2a and us-west-2b."), "{lb}");
        let dns = component(&d, d.component("dns").unwrap());
        assert!(!dns.contains("in region"), "DNS is global: {dns}");
        assert_eq!(lane_in(&d, 1, "c"), "Availability zone us-west-2c: nothing runs here yet.");
    }
}
