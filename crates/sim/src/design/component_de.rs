//! Reading one component from its JSON: id and position, then `kind`, then that kind's
//! parameters.
//!
//! Written by hand rather than derived: serde's derive for the flattened, internally tagged
//! form buffers every component in its private `Content` type and is instantiated once per
//! input format, and naming the failing field inside a component needed a second,
//! path-tracking copy per kind. Here each kind's parameters are read once, from a
//! [`serde_json::Value`], through the path-tracking deserialiser, and every input format
//! first reads a `Value` (README "Bundle size"). The file format and the messages are
//! those of the derive.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::Value;

use super::{Component, ComponentSpec, Position};
use crate::tagged_de::unexpected;

/// The component kinds as files spell them, in the order messages list them.
pub const KINDS: [&str; 11] = [
    "clients",
    "load_balancer",
    "instance",
    "auto_scaling_group",
    "queue",
    "database",
    "alarm",
    "key_value_store",
    "object_storage",
    "cdn",
    "dns",
];

/// What is wrong in one component's JSON.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ComponentError {
    /// Where inside the component, starting with `.` (e.g. `.health_check.interval_s`), or
    /// empty for the component itself.
    pub(crate) path: String,
    /// What is wrong, in serde's words (`missing field `zone``).
    pub(crate) message: String,
}

impl<'de> Deserialize<'de> for Component {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        read_component(&value).map_err(|e| D::Error::custom(e.message))
    }
}

/// The component `value` describes, or the first thing wrong with it and where.
pub(crate) fn read_component(value: &Value) -> Result<Component, ComponentError> {
    let Value::Object(fields) = value else {
        return Err(here(serde_json::Error::invalid_type(unexpected(value), &"struct Component")));
    };
    let id = fields.get("id").map(|v| tracked::<String>(v, ".id")).transpose()?;
    let position = match fields.get("position") {
        Some(v) => tracked::<Option<Position>>(v, ".position")?,
        None => None,
    };
    let region = match fields.get("region") {
        Some(v) => tracked::<Option<String>>(v, ".region")?,
        None => None,
    };
    let id = id.ok_or_else(|| here(serde_json::Error::missing_field("id")))?;
    let spec = read_spec(value, fields.get("kind"))?;
    Ok(Component { id, position, region, spec })
}

/// The kind's parameters, read from the whole component (the kind ignores `id`, `kind`,
/// `position` and `region`; unknown fields are reported later, by `unknown_fields`).
fn read_spec(value: &Value, kind: Option<&Value>) -> Result<ComponentSpec, ComponentError> {
    let kind = match kind {
        None => return Err(here(serde_json::Error::missing_field("kind"))),
        Some(Value::String(kind)) => kind.as_str(),
        Some(other) => {
            return Err(here(serde_json::Error::invalid_type(unexpected(other), &"variant identifier")));
        }
    };
    Ok(match kind {
        "clients" => ComponentSpec::Clients(tracked(value, "")?),
        "load_balancer" => ComponentSpec::LoadBalancer(tracked(value, "")?),
        "instance" => ComponentSpec::Instance(tracked(value, "")?),
        "auto_scaling_group" => ComponentSpec::AutoScalingGroup(tracked(value, "")?),
        "queue" => ComponentSpec::Queue(tracked(value, "")?),
        "database" => ComponentSpec::Database(tracked(value, "")?),
        "alarm" => ComponentSpec::Alarm(tracked(value, "")?),
        "key_value_store" => ComponentSpec::KeyValueStore(tracked(value, "")?),
        "object_storage" => ComponentSpec::ObjectStorage(tracked(value, "")?),
        "cdn" => ComponentSpec::Cdn(tracked(value, "")?),
        "dns" => ComponentSpec::Dns(tracked(value, "")?),
        unknown => return Err(here(serde_json::Error::unknown_variant(unknown, &KINDS))),
    })
}

/// Reads `T` from `value`, which sits at `prefix` inside the component; an error names the
/// field inside `value` that failed.
fn tracked<T: serde::de::DeserializeOwned>(value: &Value, prefix: &str) -> Result<T, ComponentError> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|error| {
        let inner = error.path().to_string();
        let path =
            if inner == "." || inner.is_empty() { prefix.to_owned() } else { format!("{prefix}.{inner}") };
        ComponentError { path, message: error.inner().to_string() }
    })
}

/// An error about the component as a whole.
fn here(error: serde_json::Error) -> ComponentError {
    ComponentError { path: String::new(), message: error.to_string() }
}
