//! The values of every enum field as files spell them and as people read them, taken from
//! the types themselves so that the validator, the inspector and the docs list the same
//! variants in the same order.
//!
//! Each `name` is the serde spelling (a unit test checks it against serde); each `label`
//! is the inspector's wording. The `match` in each function is exhaustive, so a new variant
//! does not compile until it has both.

use super::{
    Comparison, Distribution, DnsRouting, HealthCheckType, MetricName, MissingData, Role, Routing, Sessions,
    Statistic, TrackedMetric,
};

/// One value of an enum field: its spelling in files and its label for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// As files spell it, e.g. `least_outstanding_requests`.
    pub name: &'static str,
    /// As the inspector shows it, e.g. `Least outstanding requests`.
    pub label: &'static str,
}

/// `[Choice; N]` of an enum with `ALL`, `name` and `label`, computed at compile time.
macro_rules! choices_of {
    ($t:ty) => {{
        const N: usize = <$t>::ALL.len();
        const OUT: [Choice; N] = {
            let mut out = [Choice { name: "", label: "" }; N];
            let mut k = 0;
            while k < N {
                let value = <$t>::ALL[k];
                out[k] = Choice { name: value.name(), label: value.label() };
                k += 1;
            }
            out
        };
        &OUT
    }};
}
pub(crate) use choices_of;

/// Declares `ALL`, `name` and `label` for a fieldless enum: variant => (name, label).
macro_rules! words {
    ($t:ident { $($variant:ident => ($name:literal, $label:literal)),+ $(,)? }) => {
        impl $t {
            /// Every value, in declaration order.
            pub const ALL: [$t; [$($name),+].len()] = [$($t::$variant),+];

            /// The value as files spell it.
            pub const fn name(self) -> &'static str {
                match self { $($t::$variant => $name),+ }
            }

            /// The value as the inspector labels it.
            pub const fn label(self) -> &'static str {
                match self { $($t::$variant => $label),+ }
            }
        }
    };
}

words!(Routing {
    RoundRobin => ("round_robin", "Round robin"),
    LeastOutstandingRequests => ("least_outstanding_requests", "Least outstanding requests"),
});

words!(DnsRouting {
    Failover => ("failover", "Failover (primary, then secondary)"),
    Latency => ("latency", "Latency (the client's own region first)"),
});

words!(Role {
    Web => ("web", "Web server (answers requests)"),
    Worker => ("worker", "Worker (consumes a queue)"),
});

words!(Sessions {
    InMemory => ("in_memory", "In memory (lost with the instance)"),
    InStore => ("in_store", "In a store (the linked key-value store or database)"),
});

words!(Distribution {
    Exponential => ("exponential", "Exponential"),
    LogNormal => ("log_normal", "Log-normal"),
    Constant => ("constant", "Constant"),
});

words!(HealthCheckType {
    Ec2 => ("ec2", "EC2 status (crashes only)"),
    Elb => ("elb", "ELB health checks (also hung instances)"),
});

words!(TrackedMetric {
    Cpu => ("cpu", "Average CPU %"),
    RequestCountPerTarget => ("request_count_per_target", "Requests per target per minute"),
    BacklogPerInstance => ("backlog_per_instance", "Queue backlog per instance"),
});

words!(MetricName {
    CpuUtilization => ("cpu_utilization", "CPU utilisation (%)"),
    RequestCount => ("request_count", "Request count"),
    ErrorCount => ("error_count", "Error count"),
    HealthyHostCount => ("healthy_host_count", "Healthy host count"),
    Latency => ("latency", "Latency (ms)"),
    MessagesVisible => ("messages_visible", "Messages visible"),
    OldestMessageAge => ("oldest_message_age", "Oldest message age (s)"),
    BacklogPerInstance => ("backlog_per_instance", "Backlog per instance"),
});

words!(Statistic {
    Average => ("average", "Average"),
    Sum => ("sum", "Sum"),
    Minimum => ("minimum", "Minimum"),
    Maximum => ("maximum", "Maximum"),
    SampleCount => ("sample_count", "Sample count"),
});

words!(Comparison {
    GreaterThanThreshold => ("greater_than_threshold", "> threshold"),
    GreaterThanOrEqualToThreshold => ("greater_than_or_equal_to_threshold", "≥ threshold"),
    LessThanThreshold => ("less_than_threshold", "< threshold"),
    LessThanOrEqualToThreshold => ("less_than_or_equal_to_threshold", "≤ threshold"),
});

words!(MissingData {
    Missing => ("missing", "Missing (keep state)"),
    NotBreaching => ("not_breaching", "Not breaching"),
    Breaching => ("breaching", "Breaching"),
    Ignore => ("ignore", "Ignore"),
});

/// Shapes of a clients' rate profile (the `shape` tag of [`super::RateProfile`]).
pub const PROFILE_SHAPES: [Choice; 5] = [
    Choice { name: "constant", label: "Constant" },
    Choice { name: "ramp", label: "Ramp" },
    Choice { name: "spike", label: "Spike" },
    Choice { name: "daily", label: "Daily cycle" },
    Choice { name: "steps", label: "Steps" },
];

/// Types of scaling policy (the `type` tag of [`super::PolicySpec`]).
pub const POLICY_TYPES: [Choice; 3] = [
    Choice { name: "target_tracking", label: "Target tracking" },
    Choice { name: "step", label: "Step scaling on an alarm" },
    Choice { name: "simple", label: "Simple scaling on an alarm" },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{PolicySpec, RateProfile};
    use serde::Serialize;

    fn serde_name(value: impl Serialize) -> String {
        serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }

    fn assert_serde_names<T: Serialize + Copy>(all: &[T], choices: &[Choice]) {
        assert_eq!(all.len(), choices.len());
        for (value, choice) in all.iter().zip(choices) {
            assert_eq!(serde_name(*value), choice.name);
            assert!(!choice.label.is_empty());
        }
    }

    #[test]
    fn names_are_the_serde_spelling() {
        assert_serde_names(&Routing::ALL, choices_of!(Routing));
        assert_serde_names(&Role::ALL, choices_of!(Role));
        assert_serde_names(&DnsRouting::ALL, choices_of!(DnsRouting));
        assert_serde_names(&Distribution::ALL, choices_of!(Distribution));
        assert_serde_names(&HealthCheckType::ALL, choices_of!(HealthCheckType));
        assert_serde_names(&TrackedMetric::ALL, choices_of!(TrackedMetric));
        assert_serde_names(&MetricName::ALL, choices_of!(MetricName));
        assert_serde_names(&Statistic::ALL, choices_of!(Statistic));
        assert_serde_names(&Comparison::ALL, choices_of!(Comparison));
        assert_serde_names(&MissingData::ALL, choices_of!(MissingData));
    }

    /// A tagged enum's tag for each sample, in order.
    fn tags<T: Serialize>(samples: &[T], tag: &str) -> Vec<String> {
        let tag_of = |s: &T| serde_json::to_value(s).ok().map(|v| serde_name(&v[tag])).unwrap_or_default();
        samples.iter().map(tag_of).collect()
    }

    #[test]
    fn shapes_and_policy_types_are_the_serde_tags() {
        let profiles = [
            RateProfile::Constant { rate: 1.0 },
            RateProfile::Ramp { from: 1.0, to: 2.0, over_s: 3.0 },
            RateProfile::Spike { base: 1.0, peak: 2.0, at_s: 3.0, for_s: 4.0 },
            RateProfile::Daily { mean: 1.0, amplitude: 0.5, period_s: 60.0 },
            RateProfile::Steps { steps: vec![] },
        ];
        let names: Vec<&str> = PROFILE_SHAPES.iter().map(|c| c.name).collect();
        assert_eq!(tags(&profiles, "shape"), names);
        let policies = [
            PolicySpec::TargetTracking { metric: TrackedMetric::Cpu, target: 50.0 },
            PolicySpec::Step { alarm: String::new(), steps: vec![] },
            PolicySpec::Simple { alarm: String::new(), change: 1 },
        ];
        let names: Vec<&str> = POLICY_TYPES.iter().map(|c| c.name).collect();
        assert_eq!(tags(&policies, "type"), names);
    }
}
