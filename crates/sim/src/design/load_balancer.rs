//! An Application Load Balancer with one target group.
//!
//! Stickiness (Elastic Load Balancing, "Sticky sessions for your Application Load
//! Balancer",
//! <https://docs.aws.amazon.com/elasticloadbalancing/latest/application/sticky-sessions.html>):
//! duration-based stickiness is off by default; when on, the load balancer issues a cookie
//! named `AWSALB` that binds a client to the target that served it, for a duration of
//! 1 second to 7 days (default 1 day, 86,400 s). If that target is unhealthy or
//! deregistered, the load balancer picks a new target and the client's session on the old
//! one is gone unless the application keeps sessions outside the instance.

use serde::{Deserialize, Serialize};

/// A load balancer: one node per enabled zone, health checks, routing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadBalancerSpec {
    /// Zones with a load-balancer node; an ALB needs at least two.
    pub zones: Vec<String>,
    /// Nodes route to targets in every zone (ALB default on), or only their own.
    pub cross_zone: bool,
    /// How a node picks a target.
    pub routing: Routing,
    /// Target health checks.
    pub health_check: HealthCheckSpec,
    /// Deregistration delay [s]: how long a leaving target drains; ALB default 300, range 0–3600.
    pub deregistration_delay_s: f64,
    /// Duration-based sticky sessions (cookie `AWSALB`); ALB default off.
    #[serde(skip_serializing_if = "is_false")]
    pub stickiness: bool,
    /// How long the stickiness cookie binds a user to a target [s]; ALB default 86,400
    /// (one day), range 1–604,800 (seven days).
    #[serde(skip_serializing_if = "is_default_duration")]
    pub stickiness_duration_s: f64,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// ALB's default stickiness duration [s]: one day.
pub const DEFAULT_STICKINESS_S: f64 = 86_400.0;

fn is_default_duration(value: &f64) -> bool {
    *value == DEFAULT_STICKINESS_S
}

impl Default for LoadBalancerSpec {
    fn default() -> Self {
        LoadBalancerSpec {
            zones: vec!["a".to_owned(), "b".to_owned()],
            cross_zone: true,
            routing: Routing::RoundRobin,
            health_check: HealthCheckSpec::default(),
            deregistration_delay_s: 300.0,
            stickiness: false,
            stickiness_duration_s: DEFAULT_STICKINESS_S,
        }
    }
}

/// Routing algorithm of a target group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Routing {
    /// Each target in turn (ALB default).
    #[default]
    RoundRobin,
    /// The target with the fewest requests in flight.
    LeastOutstandingRequests,
}

/// Health-check settings of a target group (ALB defaults).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HealthCheckSpec {
    /// Interval between checks of one target [s]; ALB default 30, range 5–300.
    pub interval_s: f64,
    /// A check without an answer by then fails [s]; ALB default 5, range 2–120, below the interval.
    pub timeout_s: f64,
    /// Consecutive passes to return to service; ALB default 5, range 2–10.
    pub healthy_threshold: u32,
    /// Consecutive failures to leave service; ALB default 2, range 2–10.
    pub unhealthy_threshold: u32,
}

impl Default for HealthCheckSpec {
    fn default() -> Self {
        HealthCheckSpec { interval_s: 30.0, timeout_s: 5.0, healthy_threshold: 5, unhealthy_threshold: 2 }
    }
}
