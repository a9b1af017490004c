//! Reading a design from text: syntax, shape, unknown fields and meaning, in that order.

use serde_json::Value;

use super::{DESIGN_VERSION, Design, Problem, validate};

/// Largest design file accepted [bytes]; real designs are a few kilobytes.
pub const MAX_DESIGN_BYTES: usize = 2 * 1024 * 1024;

/// Why a text is not a usable design. Every variant names where and what to fix.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DesignError {
    /// The text is larger than any design could be.
    #[error("the file is {size} bytes; a design is at most {max} bytes. Is this the right file?")]
    TooLarge {
        /// The text's size [bytes].
        size: usize,
        /// The largest design accepted [bytes]: `MAX_DESIGN_BYTES`.
        max: usize,
    },
    /// The text is not JSON; holds the JSON parser's message with line and column.
    #[error("the file is not valid JSON: {0}")]
    NotJson(String),
    /// The design was written by another version of Nines.
    #[error(
        "`version` is {found}; this Nines reads versions 1 to {DESIGN_VERSION}. Export the design again from Nines."
    )]
    WrongVersion {
        /// The `version` the file states.
        found: String,
    },
    /// A field is missing, unknown, or of the wrong type.
    #[error("{path}: {message}")]
    Shape {
        /// Where in the file, e.g. `components[2].health_check.interval_s`.
        path: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The design is well formed but breaks rules of meaning (every problem found, each
    /// naming its field and the fix).
    #[error("{}", list(.0))]
    Invalid(Vec<Problem>),
}

/// Problems one per line, as an error's message.
pub(crate) fn list(problems: &[Problem]) -> String {
    problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

impl DesignError {
    /// Every problem as (field path, message) pairs, for showing next to the fields.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            DesignError::Invalid(problems) => problems.clone(),
            DesignError::Shape { path, message } => vec![Problem::new(path, message)],
            other => vec![Problem::new("", other.to_string())],
        }
    }
}

/// Parses and validates a design. Nothing is returned unless the whole design is usable.
pub fn parse_design(text: &str) -> Result<Design, DesignError> {
    if text.len() > MAX_DESIGN_BYTES {
        return Err(DesignError::TooLarge { size: text.len(), max: MAX_DESIGN_BYTES });
    }
    let mut raw: Value = serde_json::from_str(text).map_err(|e| DesignError::NotJson(e.to_string()))?;
    check_version(&raw)?;
    migrate(&mut raw);
    check_regions(&raw)?;
    let design: Design = serde_path_to_error::deserialize(&raw).map_err(|e| {
        let (path, message) = (e.path().to_string(), e.inner().to_string());
        let (path, message) = component_shape_error(&raw, &path).unwrap_or((path, message));
        DesignError::Shape { path, message }
    })?;
    let mut design = design;
    default_desired_to_min(&raw, &mut design);
    let mut known = serde_json::to_value(&design).map_err(|e| DesignError::NotJson(e.to_string()))?;
    fill_omitted(&mut known);
    let mut problems = Vec::new();
    unknown_fields(&raw, &known, "", &mut problems);
    problems.extend(validate(&design));
    if problems.is_empty() { Ok(design) } else { Err(DesignError::Invalid(problems)) }
}

/// AWS: a group's desired capacity is optional and defaults to its minimum. Serde's
/// struct default cannot see `min`, so a group whose file leaves `desired` out gets it here.
fn default_desired_to_min(raw: &Value, design: &mut Design) {
    for (index, component) in design.components.iter_mut().enumerate() {
        let given =
            raw.get("components").and_then(|c| c.get(index)).is_some_and(|c| c.get("desired").is_some());
        if let super::ComponentSpec::AutoScalingGroup(group) = &mut component.spec
            && !given
        {
            group.desired = group.min;
        }
    }
}

/// The outer reader stops at the component (`components[3]`); reading that component again
/// on its own names the field inside it (`components[3].health_check.interval_s`).
fn component_shape_error(raw: &Value, path: &str) -> Option<(String, String)> {
    let index: usize = path.strip_prefix("components[")?.split(']').next()?.parse().ok()?;
    let error = super::component_de::read_component(raw.get("components")?.get(index)?).err()?;
    Some((format!("components[{index}]{}", error.path), error.message))
}

/// Turns a version-1 design (one `region`) into version 2 (`regions: [region]`), in place;
/// a version-2 design, or anything else, is left as it is. Components of a version-1
/// design all live in its one region, which is the first, so they need no `region`.
pub fn migrate(raw: &mut Value) {
    let Some(fields) = raw.as_object_mut() else { return };
    if fields.get("version").and_then(Value::as_u64) != Some(1) {
        return;
    }
    fields.insert("version".to_owned(), Value::from(DESIGN_VERSION));
    if let Some(region) = fields.remove("region") {
        fields.insert("regions".to_owned(), Value::Array(vec![region]));
    }
}

/// A version-2 file that still has version 1's `region` is told what changed.
fn check_regions(raw: &Value) -> Result<(), DesignError> {
    if raw.get("region").is_some() && raw.get("regions").is_none() {
        return Err(DesignError::Shape {
            path: "region".to_owned(),
            message: format!(
                "version {DESIGN_VERSION} designs list `regions`: [{{\"name\": …, \"zones\": […]}}]; write \"version\": 1 for a design with one `region`"
            ),
        });
    }
    Ok(())
}

fn check_version(raw: &Value) -> Result<(), DesignError> {
    match raw.get("version") {
        Some(v) if v.as_u64().is_some_and(|v| (1..=u64::from(DESIGN_VERSION)).contains(&v)) => Ok(()),
        Some(v) => Err(DesignError::WrongVersion { found: v.to_string() }),
        None if raw.is_object() => Err(DesignError::Shape {
            path: "version".to_owned(),
            message: format!("missing; a Nines design starts with \"version\": {DESIGN_VERSION}"),
        }),
        None => Err(DesignError::Shape {
            path: String::new(),
            message: "a design is a JSON object with version, regions, components and connections".to_owned(),
        }),
    }
}

/// Fields a design leaves out of its files at their defaults, so that files written
/// before they existed stay byte for byte the same: a component kind's (field path,
/// default) pairs.
fn omitted_at_default(kind: &str) -> Vec<(&'static str, Value)> {
    match kind {
        "clients" => {
            vec![("users", Value::from(super::DEFAULT_USERS)), ("static_fraction", Value::from(0.0))]
        }
        "load_balancer" => vec![
            ("stickiness", Value::Bool(false)),
            ("stickiness_duration_s", Value::from(super::DEFAULT_STICKINESS_S)),
        ],
        "instance" => vec![("sessions", Value::from("in_memory"))],
        "auto_scaling_group" => vec![("instance.sessions", Value::from("in_memory"))],
        _ => Vec::new(),
    }
}

/// Spells out, in a component's serde form, the fields its file may leave out at their
/// defaults (sticky sessions, sessions, users, static fraction), so that an editor reading fields by path
/// finds every one.
pub fn spell_out_defaults(component: &mut Value) {
    let kind = component.get("kind").and_then(Value::as_str).unwrap_or_default().to_owned();
    for (path, default) in omitted_at_default(&kind) {
        let (parent, key) = match path.split_once('.') {
            Some((parent, key)) => (component.get_mut(parent), key),
            None => (Some(&mut *component), path),
        };
        if let Some(Value::Object(fields)) = parent {
            fields.entry(key.to_owned()).or_insert(default);
        }
    }
}

/// The typed design's JSON with omitted defaults spelled out, so that a file that spells
/// one out is not told it is unknown.
fn fill_omitted(known: &mut Value) {
    let Some(components) = known.get_mut("components").and_then(Value::as_array_mut) else { return };
    components.iter_mut().for_each(spell_out_defaults);
}

/// Reports keys present in the file that the typed design did not keep: typos such as
/// `min_size` for `min` would otherwise be silently ignored.
pub(crate) fn unknown_fields(raw: &Value, known: &Value, path: &str, out: &mut Vec<Problem>) {
    match (raw, known) {
        (Value::Object(r), Value::Object(k)) => {
            for (key, value) in r {
                let here = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match k.get(key) {
                    Some(kv) => unknown_fields(value, kv, &here, out),
                    None => out.push(Problem::new(
                        &here,
                        format!("`{key}` is not a field here; known fields: {}", names(k)),
                    )),
                }
            }
        }
        (Value::Array(r), Value::Array(k)) => {
            for (i, (rv, kv)) in r.iter().zip(k).enumerate() {
                unknown_fields(rv, kv, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn names(object: &serde_json::Map<String, Value>) -> String {
    object.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
}
