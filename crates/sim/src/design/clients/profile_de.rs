//! Reading a [`RateProfile`] from its JSON, `{"shape": "spike", "base": 100, "peak": 500,
//! "at_s": 300, "for_s": 600}`, by hand (`tagged_de.rs` says why: the derived reader was
//! 24 KB of the page's wasm). The shapes are `snake_case`; every field is required.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::{Error, Value};

use super::RateProfile;
use crate::tagged_de::tagged;

/// The shapes as design files spell them, in declaration order (for messages).
const SHAPES: [&str; 5] = ["constant", "ramp", "spike", "daily", "steps"];

/// A new [`RateProfile`] shape stops the build here until [`read`] below gets its arm and
/// [`SHAPES`] its name: the derived writer would otherwise write a profile this reader refuses.
const _: fn(&RateProfile) = |profile| match profile {
    RateProfile::Constant { .. }
    | RateProfile::Ramp { .. }
    | RateProfile::Spike { .. }
    | RateProfile::Daily { .. }
    | RateProfile::Steps { .. } => {}
};

impl<'de> Deserialize<'de> for RateProfile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        read(&value).map_err(D::Error::custom)
    }
}

/// The profile `value` describes, or the first thing wrong with it.
fn read(value: &Value) -> Result<RateProfile, Error> {
    let f = tagged(value, "shape", "internally tagged enum RateProfile")?;
    Ok(match f.tag {
        "constant" => RateProfile::Constant { rate: f.get("rate")? },
        "ramp" => RateProfile::Ramp { from: f.get("from")?, to: f.get("to")?, over_s: f.get("over_s")? },
        "spike" => RateProfile::Spike {
            base: f.get("base")?,
            peak: f.get("peak")?,
            at_s: f.get("at_s")?,
            for_s: f.get("for_s")?,
        },
        "daily" => RateProfile::Daily {
            mean: f.get("mean")?,
            amplitude: f.get("amplitude")?,
            period_s: f.get("period_s")?,
        },
        "steps" => RateProfile::Steps { steps: f.get("steps")? },
        _ => return Err(f.unknown(&SHAPES)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::RateStep;

    fn every_profile() -> Vec<RateProfile> {
        vec![
            RateProfile::Constant { rate: 120.5 },
            RateProfile::Ramp { from: 10.0, to: 200.0, over_s: 600.0 },
            RateProfile::Spike { base: 100.0, peak: 500.0, at_s: 300.0, for_s: 60.0 },
            RateProfile::Daily { mean: 100.0, amplitude: 0.5, period_s: 86_400.0 },
            RateProfile::Steps {
                steps: vec![RateStep { at_s: 0.0, rate: 10.0 }, RateStep { at_s: 60.0, rate: 40.0 }],
            },
        ]
    }

    fn parse(json: &str) -> Result<RateProfile, String> {
        serde_json::from_str::<RateProfile>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn every_shape_reads_back_what_the_derive_writes() {
        let mut shapes = Vec::new();
        for profile in every_profile() {
            let json = serde_json::to_string(&profile).expect("serialises");
            assert_eq!(parse(&json), Ok(profile), "{json}");
            shapes.push(serde_json::from_str::<Value>(&json).expect("JSON")["shape"].clone());
        }
        assert_eq!(shapes, SHAPES, "one profile of each shape, in SHAPES order");
    }

    #[test]
    fn bad_profiles_say_what_and_which_field() {
        let cases = [
            (r#"{"rate": 1}"#, "missing field `shape`"),
            (r#"{"shape": "sine"}"#, "unknown variant `sine`, expected one of `constant`, `ramp`"),
            (r#"{"shape": "ramp", "from": 1, "to": 2}"#, "missing field `over_s`"),
            (r#"{"shape": "constant", "rate": "lots"}"#, "rate: invalid type: string"),
            (r#"{"shape": "steps", "steps": [{"at_s": 0}]}"#, "steps: missing field `rate`"),
            (r#"{"shape": 2}"#, "invalid type: integer `2`, expected variant identifier"),
        ];
        for (json, expected) in cases {
            let e = parse(json).expect_err(json);
            assert!(e.contains(expected), "{json}: {e}");
        }
    }
}
