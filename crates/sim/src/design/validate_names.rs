//! Design-wide checks: size limits, the name, the region's zones and component ids.

use std::collections::BTreeMap;

use super::validate::{Checker, noun};

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
    let zones = &ck.design.region.zones;
    if zones.is_empty() || zones.len() > MAX_ZONES {
        let message = format!(
            "the region has {} zones; give it 1 to {MAX_ZONES} availability zones, e.g. [\"a\", \"b\", \"c\"]",
            zones.len()
        );
        ck.report("region.zones", message);
    }
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, zone) in zones.iter().enumerate() {
        let path = format!("region.zones[{k}]");
        if let Some(earlier) = first.get(zone.as_str()) {
            ck.report(
                &path,
                format!("zone {zone} is listed twice (also region.zones[{earlier}]); name each zone once"),
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
