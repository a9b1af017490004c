//! The template as serde data: what CloudFormation reads, before it becomes YAML or JSON.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The template format version every CloudFormation template names.
pub const FORMAT_VERSION: &str = "2010-09-09";

/// A CloudFormation template. Maps are ordered, so the same design gives the same text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Always [`FORMAT_VERSION`].
    #[serde(rename = "AWSTemplateFormatVersion")]
    pub format_version: String,
    /// One line saying what the stack is and where it came from.
    #[serde(rename = "Description")]
    pub description: String,
    /// What CloudFormation cannot express (`Nines::Simulation`), what Nines found
    /// (`Nines::Findings`), what was left out (`Nines::LeftOut`) and the console's
    /// parameter groups (`AWS::CloudFormation::Interface`).
    #[serde(rename = "Metadata")]
    pub metadata: BTreeMap<String, Value>,
    /// What the person deploying fills in: VPC, subnets, AMI, …
    #[serde(rename = "Parameters")]
    pub parameters: BTreeMap<String, Parameter>,
    /// The resources by logical id.
    #[serde(rename = "Resources")]
    pub resources: BTreeMap<String, Resource>,
    /// Values worth reading after deployment (load balancer URL, queue URL, …).
    #[serde(rename = "Outputs", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub outputs: BTreeMap<String, Output>,
}

/// A template parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Parameter {
    /// Its type, e.g. `AWS::EC2::Subnet::Id`.
    #[serde(rename = "Type")]
    pub kind: String,
    /// What to fill in, for the person deploying.
    pub description: String,
    /// A default, if one makes sense.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// A pattern the value must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_pattern: Option<String>,
    /// What to do when the pattern is not matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint_description: Option<String>,
}

impl Parameter {
    /// A parameter of `kind` with a description and no default.
    pub fn new(kind: &str, description: impl Into<String>) -> Parameter {
        Parameter {
            kind: kind.to_owned(),
            description: description.into(),
            default: None,
            allowed_pattern: None,
            constraint_description: None,
        }
    }

    /// The same with a default value.
    pub fn with_default(mut self, default: &str) -> Parameter {
        self.default = Some(default.to_owned());
        self
    }
}

/// A resource: its type, properties and policies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Resource {
    /// The resource type, e.g. `AWS::SQS::Queue`.
    #[serde(rename = "Type")]
    pub kind: String,
    /// The resource's properties (a JSON object).
    pub properties: Value,
    /// What happens to the resource when the stack is deleted (`Snapshot` for databases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_policy: Option<String>,
    /// What happens to the old resource when an update replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_replace_policy: Option<String>,
}

impl Resource {
    /// A resource of `kind` with these properties and no policies.
    pub fn new(kind: &str, properties: Value) -> Resource {
        Resource { kind: kind.to_owned(), properties, deletion_policy: None, update_replace_policy: None }
    }

    /// The same, kept (`Snapshot`, `Retain`) or not (`Delete`) on deletion and replacement.
    pub fn with_policy(mut self, policy: &str) -> Resource {
        self.deletion_policy = Some(policy.to_owned());
        self.update_replace_policy = Some(policy.to_owned());
        self
    }

    /// One property, if set.
    pub fn property(&self, name: &str) -> Option<&Value> {
        self.properties.get(name)
    }
}

/// A stack output.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Output {
    /// What the value is.
    pub description: String,
    /// The value (usually an intrinsic function).
    pub value: Value,
}

impl Template {
    /// Resources of one type, in logical-id order.
    pub fn resources_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = (&'a String, &'a Resource)> {
        self.resources.iter().filter(move |(_, r)| r.kind == kind)
    }

    /// The template as JSON text, two-space indented.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a template is plain data: it always serialises")
    }

    /// The template as YAML text (block style, long-form intrinsic functions).
    pub fn to_yaml(&self) -> String {
        let value = serde_json::to_value(self).expect("a template is plain data: it always serialises");
        super::yaml::to_yaml(&value)
    }
}
