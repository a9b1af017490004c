//! Design-wide checks: size limits, the name, the region's zones and component ids.

use std::collections::BTreeMap;

use super::checker::{Checker, Site, noun};
use crate::design::Component;
use crate::design::MAX_REGIONS;

/// Most components a design may have; real designs have a few dozen.
pub(super) const MAX_COMPONENTS: usize = 500;
/// Most connections a design may have.
pub(super) const MAX_CONNECTIONS: usize = 2000;
/// Longest design name [characters].
pub(super) const MAX_NAME_CHARS: usize = 100;
/// Most availability zones of a region (us-east-1 has six).
pub(super) const MAX_ZONES: usize = 6;
/// Longest zone suffix [characters].
pub(super) const MAX_ZONE_CHARS: usize = 12;
/// Longest component id [characters].
pub(super) const MAX_ID_CHARS: usize = 40;

/// Checks what belongs to the design as a whole.
pub(super) fn design(ck: &mut Checker) {
    limits(ck);
    zones(ck);
    ids(ck);
}

fn limits(ck: &mut Checker) {
    let design = ck.design;
    let name_chars = design.name.chars().count();
    if name_chars > MAX_NAME_CHARS {
        ck.report("name", format!("the name has {name_chars} characters; keep it to {MAX_NAME_CHARS}"));
    }
    if design.components.len() > MAX_COMPONENTS {
        let message = format!(
            "the design has {} components; Nines handles at most {MAX_COMPONENTS}",
            design.components.len()
        );
        ck.report("components", message);
    }
    if design.connections.len() > MAX_CONNECTIONS {
        let message = format!(
            "the design has {} connections; Nines handles at most {MAX_CONNECTIONS}",
            design.connections.len()
        );
        ck.report("connections", message);
    }
}

fn zones(ck: &mut Checker) {
    let regions = &ck.design.regions;
    if regions.is_empty() || regions.len() > MAX_REGIONS {
        let message = format!(
            "the design has {} regions; give it 1 or {MAX_REGIONS}, each with its zones, e.g. [{{\"name\": \"us-east-1\", \"zones\": [\"a\", \"b\"]}}]",
            regions.len()
        );
        ck.report("regions", message);
    }
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for (r, region) in regions.iter().enumerate() {
        if let Some(earlier) = names.insert(region.name.as_str(), r) {
            let message = format!(
                "region {} is listed twice (also regions[{earlier}]); give each region another name",
                region.name
            );
            ck.report(&format!("regions[{r}].name"), message);
        }
        region_zones(ck, &format!("regions[{r}].zones"), &region.zones);
    }
}

/// One region's zones: 1 to [`MAX_ZONES`], each a suffix, none twice.
fn region_zones(ck: &mut Checker, field: &str, zones: &[String]) {
    if zones.is_empty() || zones.len() > MAX_ZONES {
        let message = format!(
            "the region has {} zones; give it 1 to {MAX_ZONES} availability zones, e.g. [\"a\", \"b\", \"c\"]",
            zones.len()
        );
        ck.report(field, message);
    }
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, zone) in zones.iter().enumerate() {
        let path = format!("{field}[{k}]");
        if let Some(earlier) = first.get(zone.as_str()) {
            ck.report(
                &path,
                format!("zone {zone} is listed twice (also {field}[{earlier}]); name each zone once"),
            );
            continue;
        }
        first.insert(zone, k);
        if !is_zone_name(zone) {
            let message = format!(
                "zone \"{zone}\" is not a zone suffix; use 1–{MAX_ZONE_CHARS} lowercase letters, digits or -, e.g. a"
            );
            ck.report(&path, message);
        }
    }
}

/// A component's `region`, if it names one, is one of the design's.
pub(super) fn region(ck: &mut Checker, site: &Site, component: &Component) {
    let Some(name) = &component.region else { return };
    if ck.design.regions.iter().any(|r| &r.name == name) {
        return;
    }
    let names: Vec<&str> = ck.design.regions.iter().map(|r| r.name.as_str()).collect();
    let message = format!(
        "{} is in region {name}, which the design does not have (regions: {}); name one of them or leave `region` out for the first",
        site.who,
        names.join(", ")
    );
    ck.report(&site.path("region"), message);
}

fn is_zone_name(zone: &str) -> bool {
    (1..=MAX_ZONE_CHARS).contains(&zone.len())
        && zone.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn ids(ck: &mut Checker) {
    let design = ck.design;
    for (index, component) in design.components.iter().enumerate() {
        let path = format!("components[{index}].id");
        let id = component.id.as_str();
        let kind = noun(&component.spec);
        if id.is_empty() {
            ck.report(
                &path,
                format!("the {kind} at components[{index}] has no id; give it a short name such as {kind}-1"),
            );
            continue;
        }
        let chars = id.chars().count();
        if chars > MAX_ID_CHARS {
            ck.report(&path, format!("id {id} has {chars} characters; keep ids to {MAX_ID_CHARS}"));
        }
        if let Some(bad) = id.chars().find(|&ch| !(ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')) {
            let message = format!("id {id} contains {bad:?}; use only letters a–z or A–Z, digits, - and _");
            ck.report(&path, message);
        }
        match ck.index_of(id) {
            Some(first) if first != index => {
                let message =
                    format!("id {id} is already used by components[{first}]; give each component its own id");
                ck.report(&path, message);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;

    #[test]
    fn ids_must_be_unique_short_and_plain() {
        let mut design = reference::single_server();
        design.components[1].id = "db-1".to_owned();
        let problem = &validate(&design)[0];
        assert_eq!(problem.path, "components[2].id");
        assert_mentions(problem, &["db-1", "components[1]"]);

        let mut design = reference::single_server();
        design.components[2].id = "db 1".to_owned();
        design.connections.clear();
        let problem = only(&design);
        assert_eq!(problem.path, "components[2].id");
        assert_mentions(&problem, &["db 1", "' '"]);

        design.components[2].id = "d".repeat(41);
        assert_eq!(only(&design).path, "components[2].id");
        design.components[2].id = String::new();
        let problem = only(&design);
        assert_eq!(problem.path, "components[2].id");
        assert_mentions(&problem, &["database at components[2]", "no id"]);
    }
    #[test]
    fn region_has_one_to_six_distinct_well_formed_zones() {
        let mut design = reference::mmc(1, 0.5, 10.0);
        design.region_mut().zones = vec!["a".into(), "B".into(), "a".into()];
        assert_eq!(paths(&design), ["regions[0].zones[1]", "regions[0].zones[2]"]);
        assert_mentions(&validate(&design)[1], &["zone a", "twice"]);

        design.region_mut().zones = (0..7).map(|k| format!("z{k}")).chain(["a".to_owned()]).collect();
        let problem = only(&design);
        assert_eq!(problem.path, "regions[0].zones");
        assert_mentions(&problem, &["8 zones", "1 to 6"]);

        design.region_mut().zones.clear();
        let problems = validate(&design);
        assert_eq!(problems[0].path, "regions[0].zones");
        assert_eq!(problems[1].path, "components[1].zone");
        assert_mentions(&problems[1], &["server", "zone a", "no zones yet"]);
    }
    #[test]
    fn zone_references_must_exist_in_the_region() {
        let mut design = reference::single_server();
        design.components[1].id = "web-2".to_owned();
        design.connections.clear();
        let ComponentSpec::Instance(web) = spec(&mut design, "web-2") else { unreachable!() };
        web.zone = "d".to_owned();
        let problem = only(&design);
        assert_eq!(problem.path, "components[1].zone");
        assert_eq!(
            problem.message,
            "instance web-2 is in zone d, which the region does not have (zones: a, b, c)"
        );

        let mut design = reference::three_tier();
        group(&mut design, "workers").zones = vec!["a".into(), "e".into(), "a".into()];
        let ComponentSpec::Database(db) = spec(&mut design, "db") else { unreachable!() };
        db.read_replicas = vec!["b".into(), "b".into(), "f".into()];
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            ["components[4].zones[1]", "components[4].zones[2]", "components[5].read_replicas[2]"]
        );
        assert_mentions(&problems[0], &["group workers", "zone e"]);
        assert_mentions(&problems[1], &["group workers", "zone a twice"]);
        assert_mentions(&problems[2], &["database db", "read replica", "zone f"]);
    }
    #[test]
    fn design_limits_on_name_and_counts() {
        let mut design = reference::mmc(2, 0.5, 100.0);
        design.name = "n".repeat(101);
        for k in 0..500 {
            add(&mut design, &format!("q{k}"), ComponentSpec::Queue(QueueSpec::default()));
        }
        for _ in 0..2000 {
            link(&mut design, "clients", "server");
        }
        let problems = validate(&design);
        assert_eq!(problems[0].path, "name");
        assert_mentions(&problems[0], &["101 characters", "100"]);
        assert_eq!(problems[1].path, "components");
        assert_mentions(&problems[1], &["502 components", "500"]);
        assert_eq!(problems[2].path, "connections");
        assert_mentions(&problems[2], &["2001 connections", "2000"]);
    }
}
