//! A single EC2-style instance, and the template auto-scaling groups launch from.

use serde::{Deserialize, Serialize};

/// An instance placed by hand in one zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstanceSpec {
    /// The zone it runs in, e.g. `a`.
    pub zone: String,
    /// Size, role and service behaviour.
    #[serde(flatten)]
    pub template: InstanceTemplate,
}

/// What an instance is: size, role and how long its work takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstanceTemplate {
    /// Instance type from the price table, e.g. `m5.large` (its slots and price per hour).
    pub size: String,
    /// Concurrency slots, overriding the size's own count (for experiments such as M/M/c).
    pub slots: Option<u32>,
    /// Web instances answer requests; workers consume a queue.
    pub role: Role,
    /// Time one request or message takes on a slot.
    pub service: ServiceTime,
    /// Requests that may wait for a slot; more are rejected. `null` = unbounded. Default 100.
    pub accept_queue: Option<u32>,
    /// Workers only: processing the same message twice does no harm. Default false.
    pub idempotent: bool,
    /// Where the application keeps user sessions: in the instance's memory (default; lost
    /// with the instance) or in the data store it is linked to (a key-value store or a
    /// database; they survive the instance).
    #[serde(skip_serializing_if = "Sessions::is_in_memory")]
    pub sessions: Sessions,
}

/// Where an application keeps its users' sessions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sessions {
    /// In the process's memory: a user whose instance dies loses the session.
    #[default]
    InMemory,
    /// In the linked key-value store or database: any instance can serve any user.
    InStore,
}

impl Sessions {
    fn is_in_memory(&self) -> bool {
        *self == Sessions::InMemory
    }
}

impl Default for InstanceTemplate {
    fn default() -> Self {
        InstanceTemplate {
            size: "m5.large".to_owned(),
            slots: None,
            role: Role::Web,
            service: ServiceTime::default(),
            accept_queue: Some(100),
            idempotent: false,
            sessions: Sessions::InMemory,
        }
    }
}

/// What an instance does with its slots.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Answers requests from clients or a load balancer.
    #[default]
    Web,
    /// Polls a queue and processes its messages.
    Worker,
}

/// A random service time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceTime {
    /// Shape of the distribution.
    pub distribution: Distribution,
    /// Mean [ms]. Default 50.
    pub mean_ms: f64,
    /// Log-normal only: standard deviation of the underlying normal. Default 0.5.
    pub sigma: f64,
}

impl Default for ServiceTime {
    fn default() -> Self {
        ServiceTime { distribution: Distribution::Exponential, mean_ms: 50.0, sigma: 0.5 }
    }
}

/// Shapes of random service time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Distribution {
    /// Memoryless; what queueing theory's M/M/c assumes.
    #[default]
    Exponential,
    /// Long right tail, like real request latencies.
    LogNormal,
    /// Always exactly the mean.
    Constant,
}
