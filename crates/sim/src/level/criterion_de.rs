//! Reading a level's [`Criterion`] from its JSON, `{"probe": "availability_at_least",
//! "percent": 99}`, by hand (`tagged_de.rs` says why: the derived reader was 17 KB of the
//! page's wasm). The tags are `snake_case`; `after_s` is optional (0).

use serde::de::{Deserialize, Deserializer, Error as _};
use serde_json::{Error, Value};

use super::Criterion;
use crate::tagged_de::tagged;

/// The probes as level files spell them, in declaration order (for messages).
const PROBES: [&str; 8] = [
    "availability_at_least",
    "messages_lost",
    "writes_lost",
    "duplicate_writes",
    "p99_at_most",
    "cost_per_hour_at_most",
    "recovery_within",
    "healthy_targets_at_least",
];

/// A new [`Criterion`] stops the build here until [`read`] below gets its arm and [`PROBES`]
/// its tag: the derived writer would otherwise write a criterion this reader refuses.
const _: fn(&Criterion) = |criterion| match criterion {
    Criterion::AvailabilityAtLeast { .. }
    | Criterion::MessagesLost { .. }
    | Criterion::WritesLost { .. }
    | Criterion::DuplicateWrites { .. }
    | Criterion::P99AtMost { .. }
    | Criterion::CostPerHourAtMost { .. }
    | Criterion::RecoveryWithin { .. }
    | Criterion::HealthyTargetsAtLeast { .. } => {}
};

impl<'de> Deserialize<'de> for Criterion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        read(&value).map_err(D::Error::custom)
    }
}

/// The criterion `value` describes, or the first thing wrong with it.
fn read(value: &Value) -> Result<Criterion, Error> {
    let f = tagged(value, "probe", "internally tagged enum Criterion")?;
    Ok(match f.tag {
        "availability_at_least" => Criterion::AvailabilityAtLeast { percent: f.get("percent")? },
        "messages_lost" => Criterion::MessagesLost { max: f.get("max")? },
        "writes_lost" => Criterion::WritesLost { max: f.get("max")? },
        "duplicate_writes" => Criterion::DuplicateWrites { max: f.get("max")? },
        "p99_at_most" => Criterion::P99AtMost { ms: f.get("ms")?, after_s: f.or_default("after_s")? },
        "cost_per_hour_at_most" => Criterion::CostPerHourAtMost { usd: f.get("usd")? },
        "recovery_within" => Criterion::RecoveryWithin { seconds: f.get("seconds")? },
        "healthy_targets_at_least" => Criterion::HealthyTargetsAtLeast {
            load_balancer: f.get("load_balancer")?,
            count: f.get("count")?,
        },
        _ => return Err(f.unknown(&PROBES)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_criterion() -> Vec<Criterion> {
        vec![
            Criterion::AvailabilityAtLeast { percent: 99.95 },
            Criterion::MessagesLost { max: 1 },
            Criterion::WritesLost { max: 2 },
            Criterion::DuplicateWrites { max: 3 },
            Criterion::P99AtMost { ms: 250.5, after_s: 600 },
            Criterion::CostPerHourAtMost { usd: 0.3 },
            Criterion::RecoveryWithin { seconds: 65.0 },
            Criterion::HealthyTargetsAtLeast { load_balancer: "lb-1".into(), count: 2 },
        ]
    }

    fn parse(json: &str) -> Result<Criterion, String> {
        serde_json::from_str::<Criterion>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn every_criterion_reads_back_what_the_derive_writes() {
        let mut probes = Vec::new();
        for criterion in every_criterion() {
            let json = serde_json::to_string(&criterion).expect("serialises");
            assert_eq!(parse(&json), Ok(criterion), "{json}");
            probes.push(serde_json::from_str::<Value>(&json).expect("JSON")["probe"].clone());
        }
        assert_eq!(probes, PROBES, "one criterion of each probe, in PROBES order");
    }

    #[test]
    fn after_s_is_optional_and_unknown_fields_are_left_to_the_level_reader() {
        let p99 = parse(r#"{"probe": "p99_at_most", "ms": 200, "note": "x"}"#);
        assert_eq!(p99, Ok(Criterion::P99AtMost { ms: 200.0, after_s: 0 }));
    }

    #[test]
    fn bad_criteria_say_what_and_which_field() {
        let cases = [
            (r#"{"percent": 99}"#, "missing field `probe`"),
            (r#"{"probe": "fast"}"#, "unknown variant `fast`, expected one of `availability_at_least`"),
            (r#"{"probe": "availability_at_least"}"#, "missing field `percent`"),
            (r#"{"probe": "availability_at_least", "percent": "high"}"#, "percent: invalid type: string"),
            (r#"{"probe": "messages_lost", "max": -1}"#, "max: invalid value: integer `-1`"),
            (r#"{"probe": "healthy_targets_at_least", "load_balancer": "lb", "count": 1.5}"#, "count:"),
            (r#"[1]"#, "invalid type: sequence, expected internally tagged enum Criterion"),
        ];
        for (json, expected) in cases {
            let e = parse(json).expect_err(json);
            assert!(e.contains(expected), "{json}: {e}");
        }
    }
}
