//! The kinds of component a level lets the learner place.

use serde::{Deserialize, Serialize};

use crate::design::ComponentSpec;

/// A kind of component, as named in design files (`load_balancer`, `queue`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    /// A traffic source.
    Clients,
    /// An application load balancer.
    LoadBalancer,
    /// One EC2 instance placed by hand.
    Instance,
    /// An auto-scaling group.
    AutoScalingGroup,
    /// An SQS queue.
    Queue,
    /// An RDS database.
    Database,
    /// A DynamoDB-style key-value store.
    KeyValueStore,
    /// An S3-style object storage bucket.
    ObjectStorage,
    /// A CloudFront-style CDN.
    Cdn,
    /// A DNS name with health-checked records.
    Dns,
    /// A CloudWatch alarm.
    Alarm,
}

impl ComponentKind {
    /// Every kind, in palette order.
    pub const ALL: [ComponentKind; 11] = [
        ComponentKind::Clients,
        ComponentKind::LoadBalancer,
        ComponentKind::Instance,
        ComponentKind::AutoScalingGroup,
        ComponentKind::Queue,
        ComponentKind::Database,
        ComponentKind::KeyValueStore,
        ComponentKind::ObjectStorage,
        ComponentKind::Cdn,
        ComponentKind::Dns,
        ComponentKind::Alarm,
    ];

    /// The kind of a component's spec; `None` for a kind a palette cannot list yet.
    /// Matched by name, so that a new kind of component added to designs is simply not
    /// allowed by any level until it has a palette entry.
    pub fn of(spec: &ComponentSpec) -> Option<ComponentKind> {
        ComponentKind::ALL.into_iter().find(|k| k.key() == spec.kind_name())
    }

    /// The name used in files and messages, e.g. `auto_scaling_group`.
    pub fn key(self) -> &'static str {
        match self {
            ComponentKind::Clients => "clients",
            ComponentKind::LoadBalancer => "load_balancer",
            ComponentKind::Instance => "instance",
            ComponentKind::AutoScalingGroup => "auto_scaling_group",
            ComponentKind::Queue => "queue",
            ComponentKind::Database => "database",
            ComponentKind::KeyValueStore => "key_value_store",
            ComponentKind::ObjectStorage => "object_storage",
            ComponentKind::Cdn => "cdn",
            ComponentKind::Dns => "dns",
            ComponentKind::Alarm => "alarm",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{KeyValueStoreSpec, QueueSpec};

    #[test]
    fn every_kind_is_named_as_in_design_files_and_found_from_its_spec() {
        for kind in ComponentKind::ALL {
            let json = serde_json::to_value(kind).expect("a name");
            assert_eq!(json, kind.key(), "serde and key() agree");
        }
        let store = ComponentSpec::KeyValueStore(KeyValueStoreSpec::default());
        assert_eq!(ComponentKind::of(&store), Some(ComponentKind::KeyValueStore));
        assert_eq!(
            ComponentKind::of(&ComponentSpec::Queue(QueueSpec::default())),
            Some(ComponentKind::Queue)
        );
    }
}
