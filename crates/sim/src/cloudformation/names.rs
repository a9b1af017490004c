//! Logical ids: CloudFormation allows only letters and digits, so a design id such as
//! `lb-1` becomes `Lb1`, and each resource of a component adds its role (`Lb1TargetGroup`).

use std::collections::{BTreeMap, BTreeSet};

use crate::design::Design;

/// The logical-id stem of every component, unique within the template.
#[derive(Clone, Debug, Default)]
pub struct Names {
    stems: BTreeMap<String, String>,
}

impl Names {
    /// Stems for every component of `design`; ids that collide once `-` and `_` are gone
    /// (`a-b`, `a_b`) get a number.
    pub fn of(design: &Design) -> Names {
        let mut taken = BTreeSet::new();
        let mut stems = BTreeMap::new();
        for c in &design.components {
            let base = stem(&c.id);
            let mut candidate = base.clone();
            let mut n = 2;
            while !taken.insert(candidate.clone()) {
                candidate = format!("{base}{n}");
                n += 1;
            }
            stems.insert(c.id.clone(), candidate);
        }
        Names { stems }
    }

    /// The logical id of `role` of component `id`, e.g. `("web", "Group")` → `WebGroup`.
    pub fn id(&self, id: &str, role: &str) -> String {
        let stem = self.stems.get(id).cloned().unwrap_or_else(|| stem(id));
        format!("{stem}{role}")
    }
}

/// `lb-1` → `Lb1`, `web_tier` → `WebTier`: PascalCase without separators.
pub fn stem(id: &str) -> String {
    let mut out = String::new();
    for part in id.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() { "Component".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_alphanumeric_pascal_case() {
        assert_eq!(stem("lb-1"), "Lb1");
        assert_eq!(stem("web_tier-2"), "WebTier2");
        assert_eq!(stem("--"), "Component");
    }

    #[test]
    fn colliding_ids_get_numbers() {
        let mut design = crate::design::reference::single_server();
        let mut twin = design.components[1].clone();
        twin.id = design.components[1].id.replace('-', "_");
        design.components.push(twin);
        let names = Names::of(&design);
        assert_eq!(names.id("web-1", "Instance"), "Web1Instance");
        assert_eq!(names.id("web_1", "Instance"), "Web12Instance");
    }
}
