//! CloudFormation's intrinsic functions in their long form (`{"Ref": …}`), which read the
//! same in JSON and YAML.

use serde_json::{Value, json};

/// `{"Ref": name}`: a parameter's value or a resource's default return value.
pub fn reference(name: &str) -> Value {
    json!({ "Ref": name })
}

/// `{"Fn::GetAtt": [resource, attribute]}`.
pub fn get_att(resource: &str, attribute: &str) -> Value {
    json!({ "Fn::GetAtt": [resource, attribute] })
}

/// `{"Fn::Sub": text}` with `${…}` placeholders.
pub fn sub(text: &str) -> Value {
    json!({ "Fn::Sub": text })
}

/// The availability-zone name of a Nines zone suffix in the stack's region, e.g.
/// `us-east-1a` for `a` when deployed in us-east-1.
pub fn zone_name(zone: &str) -> Value {
    sub(&format!("${{AWS::Region}}{zone}"))
}

/// `[{"Key": "Name", "Value": id}]`: the design's id as the resource's Name tag.
pub fn name_tag(id: &str) -> Value {
    json!([{ "Key": "Name", "Value": id }])
}

/// A whole number of seconds (CloudFormation takes integers): `x` rounded.
pub fn whole(x: f64) -> u64 {
    libm::round(x.max(0.0)) as u64
}
