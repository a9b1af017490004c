//! What the learner drew: a versioned, serde-friendly description of a system.
//!
//! A design is data only. The simulation builds a [`crate::World`] from it; the editor edits
//! it; canvas positions ride along and the simulation ignores them.

mod alarm;
mod cdn;
pub mod choice;
mod clients;
mod component_de;
pub mod cost;
mod database;
mod dns;
mod group;
mod instance;
mod key_value_store;
mod load_balancer;
mod object_storage;
pub mod param;
mod parse;
mod queue;
pub mod reference;
mod validate;

pub use alarm::{AlarmSpec, Comparison, MetricName, MissingData, Statistic};
pub use cdn::CdnSpec;
pub use choice::Choice;
pub use clients::{ClientsSpec, DEFAULT_USERS, RateProfile, RateStep};
pub use component_de::KINDS;
pub use cost::{CostBreakdown, hourly_cost};
pub use database::DatabaseSpec;
pub use dns::{DnsRouting, DnsSpec};
pub use group::{GroupSpec, HealthCheckType, PolicySpec, StepAdjustment, TrackedMetric};
pub use instance::{Distribution, InstanceSpec, InstanceTemplate, Role, ServiceTime, Sessions};
pub use key_value_store::KeyValueStoreSpec;
pub use load_balancer::{DEFAULT_STICKINESS_S, HealthCheckSpec, LoadBalancerSpec, Routing};
pub use object_storage::{GETS_PER_PREFIX, ObjectStorageSpec};
pub use parse::{DesignError, migrate, parse_design, spell_out_defaults};
pub(crate) use parse::{list as list_problems, unknown_fields};
pub use queue::QueueSpec;
pub use validate::{Problem, validate};

use serde::{Deserialize, Serialize};

/// The design format version this build writes. Version 1 (one `region`) is still read:
/// [`migrate`] turns it into version 2 (`regions`).
pub const DESIGN_VERSION: u32 = 2;

/// Most regions a design may have.
pub const MAX_REGIONS: usize = 2;

/// A whole design: regions, components, connections and the seed that makes runs repeatable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Design {
    /// Format version; always [`DESIGN_VERSION`].
    pub version: u32,
    /// A short human name, used for file names and titles.
    #[serde(default)]
    pub name: String,
    /// Seed of the simulation's one random generator.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// The regions (one or two), each with its availability zones; the first is where a
    /// component without a `region` lives.
    pub regions: Vec<Region>,
    /// Every component, each with a unique id.
    pub components: Vec<Component>,
    /// Directed links: who sends work to whom.
    #[serde(default)]
    pub connections: Vec<Connection>,
}

fn default_seed() -> u64 {
    1
}

/// A region: a name for display and its availability zones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Display name, e.g. `us-east-1`.
    #[serde(default = "default_region_name")]
    pub name: String,
    /// Zone suffixes in order, e.g. `["a", "b", "c"]`; 1 to 6 of them.
    pub zones: Vec<String>,
}

fn default_region_name() -> String {
    "us-east-1".to_owned()
}

/// Where a component sits on the canvas [px]; the simulation ignores it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// Distance from the canvas's left edge [px].
    pub x: f64,
    /// Distance from the canvas's top edge [px].
    pub y: f64,
}

/// One component of the design: its id, where it is drawn, and what it is. Read by hand
/// (`component_de.rs`); written by serde's derive.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Component {
    /// Unique id within the design, e.g. `web-1`; letters, digits, `-` and `_`.
    pub id: String,
    /// Canvas position, if the editor placed it (`null` otherwise).
    #[serde(default)]
    pub position: Option<Position>,
    /// The region it lives in, by name; `None` (left out of files) is the design's first.
    /// Clients and DNS are global and ignore it, except that latency routing sends clients
    /// to their own region first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The component's kind and parameters.
    #[serde(flatten)]
    pub spec: ComponentSpec,
}

/// The kinds of component a learner can place, each with its parameters. Files spell the
/// kind in `kind` beside the parameters; [`KINDS`] lists the names.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ComponentSpec {
    /// A traffic source: the users.
    Clients(ClientsSpec),
    /// An application load balancer with one target group.
    LoadBalancer(LoadBalancerSpec),
    /// One EC2 instance placed by hand.
    Instance(InstanceSpec),
    /// An auto-scaling group of identical instances.
    AutoScalingGroup(GroupSpec),
    /// An SQS standard queue.
    Queue(QueueSpec),
    /// An RDS database, single-AZ or Multi-AZ, with optional read replicas.
    Database(DatabaseSpec),
    /// A CloudWatch alarm on one component's metric.
    Alarm(AlarmSpec),
    /// A DynamoDB-style key-value store: region-wide, provisioned throughput.
    KeyValueStore(KeyValueStoreSpec),
    /// An S3-like object storage bucket: region-wide, GETs per second per prefix.
    ObjectStorage(ObjectStorageSpec),
    /// A CloudFront-like CDN: global edges that cache static requests.
    Cdn(CdnSpec),
    /// A Route 53-style DNS name in front of load balancers: global, health-checked.
    Dns(DnsSpec),
}

impl ComponentSpec {
    /// Whether the kind serves every region rather than living in one: clients (traffic
    /// from everywhere) and DNS names (Route 53 is global).
    pub fn is_global(&self) -> bool {
        matches!(self, ComponentSpec::Clients(_) | ComponentSpec::Dns(_))
    }

    /// The kind's name as it appears in files and messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            ComponentSpec::Clients(_) => "clients",
            ComponentSpec::LoadBalancer(_) => "load_balancer",
            ComponentSpec::Instance(_) => "instance",
            ComponentSpec::AutoScalingGroup(_) => "auto_scaling_group",
            ComponentSpec::Queue(_) => "queue",
            ComponentSpec::Database(_) => "database",
            ComponentSpec::Alarm(_) => "alarm",
            ComponentSpec::KeyValueStore(_) => "key_value_store",
            ComponentSpec::ObjectStorage(_) => "object_storage",
            ComponentSpec::Cdn(_) => "cdn",
            ComponentSpec::Dns(_) => "dns",
        }
    }
}

/// A directed link from the component that sends work to the one that receives it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Connection {
    /// Id of the component that sends.
    pub from: String,
    /// Id of the component that receives.
    pub to: String,
}

/// The empty region [`Design::region`] answers for a design without one (before
/// validation says so).
static NO_REGION: Region = Region { name: String::new(), zones: Vec::new() };

impl Design {
    /// The first region: where components without a `region` live.
    pub fn region(&self) -> &Region {
        self.regions.first().unwrap_or(&NO_REGION)
    }

    /// The first region, to edit; one is made if the design has none.
    pub fn region_mut(&mut self) -> &mut Region {
        if self.regions.is_empty() {
            self.regions.push(Region { name: default_region_name(), zones: Vec::new() });
        }
        &mut self.regions[0]
    }

    /// Index of the region a component lives in: its `region` if the design has it, else 0.
    pub fn region_index(&self, component: &Component) -> usize {
        component
            .region
            .as_deref()
            .and_then(|name| self.regions.iter().position(|r| r.name == name))
            .unwrap_or(0)
    }

    /// The region a component lives in.
    pub fn region_of(&self, component: &Component) -> &Region {
        self.regions.get(self.region_index(component)).unwrap_or(&NO_REGION)
    }

    /// The name a running world and fault commands give zone `suffix` of region `region`:
    /// the suffix alone in the first region (`a`), the full zone name in another
    /// (`eu-west-1a`), as AWS names availability zones.
    pub fn zone_name(&self, region: usize, suffix: &str) -> String {
        match (region, self.regions.get(region)) {
            (0, _) | (_, None) => suffix.to_owned(),
            (_, Some(r)) => format!("{}{suffix}", r.name),
        }
    }

    /// Every zone's world name, region by region: the world's zone list.
    pub fn zone_names(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (index, region) in self.regions.iter().enumerate() {
            out.extend(region.zones.iter().map(|z| self.zone_name(index, z)));
        }
        out
    }

    /// Index in [`Design::zone_names`] of zone `suffix` of region `region`, if it exists.
    pub fn global_zone(&self, region: usize, suffix: &str) -> Option<usize> {
        let offset: usize = self.regions.iter().take(region).map(|r| r.zones.len()).sum();
        self.regions.get(region)?.zones.iter().position(|z| z == suffix).map(|k| offset + k)
    }

    /// The component with this id, if any.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// Ids of the components this one sends work to, in connection order.
    pub fn targets_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.connections.iter().filter(move |c| c.from == id).map(|c| c.to.as_str())
    }

    /// Ids of the components that send work to this one, in connection order.
    pub fn sources_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.connections.iter().filter(move |c| c.to == id).map(|c| c.from.as_str())
    }
}
