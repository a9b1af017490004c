//! The ten kinds of component a learner can place, and what the UI says about each.
//!
//! The simulation's [`ComponentSpec`] carries parameters; this enum is the parameter-free
//! name the palette, the canvas and the inspector share.

use nines_sim::design::ComponentSpec;

/// Where a component lives: inside one availability zone, or across the region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Drawn in a band across every zone lane.
    Region,
    /// Drawn inside the lane of its zone.
    Zone,
}

/// A kind of component, in palette order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Clients,
    LoadBalancer,
    Instance,
    AutoScalingGroup,
    Queue,
    Database,
    Alarm,
    KeyValueStore,
    ObjectStorage,
    Cdn,
    Dns,
}

impl Kind {
    /// Every kind, in the order the palette lists them (and the regional band draws them).
    pub const ALL: [Kind; 11] = [
        Kind::Clients,
        Kind::LoadBalancer,
        Kind::Instance,
        Kind::AutoScalingGroup,
        Kind::Queue,
        Kind::Database,
        Kind::KeyValueStore,
        Kind::Alarm,
        Kind::Cdn,
        Kind::ObjectStorage,
        Kind::Dns,
    ];

    /// The kind of a design component.
    pub fn of(spec: &ComponentSpec) -> Kind {
        match spec {
            ComponentSpec::Clients(_) => Kind::Clients,
            ComponentSpec::LoadBalancer(_) => Kind::LoadBalancer,
            ComponentSpec::Instance(_) => Kind::Instance,
            ComponentSpec::AutoScalingGroup(_) => Kind::AutoScalingGroup,
            ComponentSpec::Queue(_) => Kind::Queue,
            ComponentSpec::Database(_) => Kind::Database,
            ComponentSpec::Alarm(_) => Kind::Alarm,
            ComponentSpec::KeyValueStore(_) => Kind::KeyValueStore,
            ComponentSpec::ObjectStorage(_) => Kind::ObjectStorage,
            ComponentSpec::Cdn(_) => Kind::Cdn,
            ComponentSpec::Dns(_) => Kind::Dns,
        }
    }

    /// The same kind as a level's palette names it.
    pub fn level_kind(self) -> nines_sim::level::ComponentKind {
        use nines_sim::level::ComponentKind as K;
        match self {
            Kind::Clients => K::Clients,
            Kind::LoadBalancer => K::LoadBalancer,
            Kind::Instance => K::Instance,
            Kind::AutoScalingGroup => K::AutoScalingGroup,
            Kind::Queue => K::Queue,
            Kind::Database => K::Database,
            Kind::KeyValueStore => K::KeyValueStore,
            Kind::ObjectStorage => K::ObjectStorage,
            Kind::Cdn => K::Cdn,
            Kind::Alarm => K::Alarm,
            Kind::Dns => K::Dns,
        }
    }

    /// Display name, capitalised: "Load balancer".
    pub fn name(self) -> &'static str {
        match self {
            Kind::Clients => "Clients",
            Kind::LoadBalancer => "Load balancer",
            Kind::Instance => "Instance",
            Kind::AutoScalingGroup => "Auto-scaling group",
            Kind::Queue => "Queue",
            Kind::Database => "Database",
            Kind::Alarm => "Alarm",
            Kind::KeyValueStore => "Key-value store",
            Kind::ObjectStorage => "Object storage",
            Kind::Cdn => "CDN",
            Kind::Dns => "DNS",
        }
    }

    /// The name inside a sentence or an accessible label: "load balancer".
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Clients => "clients",
            Kind::LoadBalancer => "load balancer",
            Kind::Instance => "instance",
            Kind::AutoScalingGroup => "auto-scaling group",
            Kind::Queue => "queue",
            Kind::Database => "database",
            Kind::Alarm => "alarm",
            Kind::KeyValueStore => "key-value store",
            Kind::ObjectStorage => "object storage",
            Kind::Cdn => "CDN",
            Kind::Dns => "DNS name",
        }
    }

    /// One line on what it is for, shown under its name in the palette.
    pub fn description(self) -> &'static str {
        match self {
            Kind::Clients => "Send requests: steady, ramping, spiking or daily.",
            Kind::LoadBalancer => "Spreads requests over the targets that pass health checks.",
            Kind::Instance => "One server in one zone: serves requests or works a queue.",
            Kind::AutoScalingGroup => "Keeps enough healthy instances running across zones.",
            Kind::Queue => "Buffers work so a slow or failed consumer loses nothing.",
            Kind::Database => "Stores data; a standby in another zone can take over.",
            Kind::Alarm => "Fires when a metric crosses its threshold, e.g. to scale.",
            Kind::KeyValueStore => "Region-wide data or sessions; survives a zone, throttles.",
            Kind::ObjectStorage => "Static assets (S3): a CDN's origin; 5,500 GETs/s per prefix.",
            Kind::Cdn => "Edges cache static assets; only dynamic requests go on.",
            Kind::Dns => "Sends clients to a healthy region; answers are cached.",
        }
    }

    /// Whether it sits in a zone lane or across the region.
    pub fn scope(self) -> Scope {
        match self {
            Kind::Instance | Kind::Database => Scope::Zone,
            _ => Scope::Region,
        }
    }

    /// Its colours: a light tile behind the icon and the ink the icon is drawn in.
    /// Every ink passes WCAG AA (4.5:1) on its tile and on white.
    pub fn colors(self) -> (&'static str, &'static str) {
        match self {
            Kind::Clients => ("#e0e7ff", "#4338ca"),
            Kind::LoadBalancer => ("#f3e8ff", "#7e22ce"),
            Kind::Instance => ("#e0f2fe", "#0369a1"),
            Kind::AutoScalingGroup => ("#ccfbf1", "#0f766e"),
            Kind::Queue => ("#fef3c7", "#b45309"),
            Kind::Database => ("#dcfce7", "#15803d"),
            Kind::Alarm => ("#ffe4e6", "#be123c"),
            Kind::KeyValueStore => ("#fae8ff", "#a21caf"),
            Kind::ObjectStorage => ("#ffedd5", "#c2410c"),
            Kind::Cdn => ("#cffafe", "#0e7490"),
            Kind::Dns => ("#e0f2f1", "#0f5c55"),
        }
    }

    /// A stable slug for CSS classes and test selectors: "load-balancer".
    pub fn slug(self) -> &'static str {
        match self {
            Kind::Clients => "clients",
            Kind::LoadBalancer => "load-balancer",
            Kind::Instance => "instance",
            Kind::AutoScalingGroup => "group",
            Kind::Queue => "queue",
            Kind::Database => "database",
            Kind::Alarm => "alarm",
            Kind::KeyValueStore => "key-value-store",
            Kind::ObjectStorage => "object-storage",
            Kind::Cdn => "cdn",
            Kind::Dns => "dns",
        }
    }
}

/// The accessible label of a placed component: "instance web-1 in zone a".
///
/// When the id merely repeats the kind ("clients"), the kind is not said twice.
pub fn component_label(kind: Kind, id: &str, zone: Option<&str>) -> String {
    let mut label = if id.eq_ignore_ascii_case(kind.noun()) {
        kind.noun().to_owned()
    } else {
        format!("{} {id}", kind.noun())
    };
    if let Some(zone) = zone {
        label.push_str(" in zone ");
        label.push_str(zone);
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::{DatabaseSpec, QueueSpec};

    #[test]
    fn every_kind_has_distinct_names_and_slugs() {
        let mut names: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
        let mut slugs: Vec<_> = Kind::ALL.iter().map(|k| k.slug()).collect();
        names.sort();
        names.dedup();
        slugs.sort();
        slugs.dedup();
        assert_eq!(names.len(), 11);
        assert_eq!(slugs.len(), 11);
        assert!(Kind::ALL.iter().all(|k| !k.description().is_empty() && k.description().len() < 70));
    }

    #[test]
    fn only_instances_and_databases_are_zonal() {
        let zonal: Vec<_> = Kind::ALL.into_iter().filter(|k| k.scope() == Scope::Zone).collect();
        assert_eq!(zonal, [Kind::Instance, Kind::Database]);
    }

    #[test]
    fn kind_of_spec() {
        assert_eq!(Kind::of(&ComponentSpec::Queue(QueueSpec::default())), Kind::Queue);
        assert_eq!(Kind::of(&ComponentSpec::Database(DatabaseSpec::default())), Kind::Database);
    }

    #[test]
    fn labels_name_kind_id_and_zone() {
        assert_eq!(component_label(Kind::Instance, "web-1", Some("a")), "instance web-1 in zone a");
        assert_eq!(component_label(Kind::LoadBalancer, "lb-1", None), "load balancer lb-1");
        assert_eq!(component_label(Kind::Clients, "clients", None), "clients");
    }
}
