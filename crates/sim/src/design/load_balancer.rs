//! An Application Load Balancer with one target group.

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
}

impl Default for LoadBalancerSpec {
    fn default() -> Self {
        LoadBalancerSpec {
            zones: vec!["a".to_owned(), "b".to_owned()],
            cross_zone: true,
            routing: Routing::RoundRobin,
            health_check: HealthCheckSpec::default(),
            deregistration_delay_s: 300.0,
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
