//! Reading a scaling [`PolicySpec`] from its JSON, `{"type": "target_tracking", "metric":
//! "cpu", "target": 50}`, by hand (`tagged_de.rs` says why). The types are `snake_case`;
//! every field is required.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::{Error, Value};

use super::PolicySpec;
use crate::tagged_de::tagged;

/// The policy types as design files spell them, in declaration order (for messages).
const TYPES: [&str; 3] = ["target_tracking", "step", "simple"];

/// A new [`PolicySpec`] type stops the build here until [`read`] below gets its arm and
/// [`TYPES`] its name: the derived writer would otherwise write a policy this reader refuses.
const _: fn(&PolicySpec) = |policy| match policy {
    PolicySpec::TargetTracking { .. } | PolicySpec::Step { .. } | PolicySpec::Simple { .. } => {}
};

impl<'de> Deserialize<'de> for PolicySpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        read(&value).map_err(D::Error::custom)
    }
}

/// The policy `value` describes, or the first thing wrong with it.
fn read(value: &Value) -> Result<PolicySpec, Error> {
    let f = tagged(value, "type", "internally tagged enum PolicySpec")?;
    Ok(match f.tag {
        "target_tracking" => {
            PolicySpec::TargetTracking { metric: f.get("metric")?, target: f.get("target")? }
        }
        "step" => PolicySpec::Step { alarm: f.get("alarm")?, steps: f.get("steps")? },
        "simple" => PolicySpec::Simple { alarm: f.get("alarm")?, change: f.get("change")? },
        _ => return Err(f.unknown(&TYPES)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{StepAdjustment, TrackedMetric};

    fn every_policy() -> Vec<PolicySpec> {
        let step = StepAdjustment { lower: Some(0.0), upper: None, change: 2 };
        vec![
            PolicySpec::TargetTracking { metric: TrackedMetric::BacklogPerInstance, target: 12.5 },
            PolicySpec::Step { alarm: "cpu-high".into(), steps: vec![step] },
            PolicySpec::Simple { alarm: "cpu-low".into(), change: -1 },
        ]
    }

    fn parse(json: &str) -> Result<PolicySpec, String> {
        serde_json::from_str::<PolicySpec>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn every_type_reads_back_what_the_derive_writes() {
        let mut types = Vec::new();
        for policy in every_policy() {
            let json = serde_json::to_string(&policy).expect("serialises");
            assert_eq!(parse(&json), Ok(policy), "{json}");
            types.push(serde_json::from_str::<Value>(&json).expect("JSON")["type"].clone());
        }
        assert_eq!(types, TYPES, "one policy of each type, in TYPES order");
    }

    #[test]
    fn bad_policies_say_what_and_which_field() {
        let cases = [
            (r#"{"metric": "cpu", "target": 50}"#, "missing field `type`"),
            (r#"{"type": "predictive"}"#, "unknown variant `predictive`, expected one of `target_tracking`"),
            (
                r#"{"type": "target_tracking", "metric": "ram", "target": 50}"#,
                "metric: unknown variant `ram`",
            ),
            (r#"{"type": "simple", "alarm": "a", "change": 1.5}"#, "change: invalid type: floating point"),
            (r#"{"type": "step", "alarm": "a"}"#, "missing field `steps`"),
        ];
        for (json, expected) in cases {
            let e = parse(json).expect_err(json);
            assert!(e.contains(expected), "{json}: {e}");
        }
    }
}
