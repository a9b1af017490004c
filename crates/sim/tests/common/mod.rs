//! Helpers shared by the integration tests: small designs built in code, and the
//! conservation check every simulated run in the suite must pass.

#![allow(dead_code)]

use nines_sim::World;
use nines_sim::design::{
    ClientsSpec, Component, ComponentSpec, Connection, DatabaseSpec, Design, Distribution, InstanceSpec,
    InstanceTemplate, LoadBalancerSpec, QueueSpec, RateProfile, Region, Role, ServiceTime,
};
use nines_sim::event_log::Happening;
use nines_sim::measure::recorder::Second;
use nines_sim::time::{Micros, SECOND};

/// A component without a canvas position.
pub fn component(id: &str, spec: ComponentSpec) -> Component {
    Component { id: id.to_owned(), position: None, region: None, spec }
}

/// A link.
pub fn link(from: &str, to: &str) -> Connection {
    Connection { from: from.to_owned(), to: to.to_owned() }
}

/// Poisson clients at `rate` req/s, reads only, patient forever.
pub fn patient_clients(rate: f64) -> ComponentSpec {
    ComponentSpec::Clients(ClientsSpec {
        profile: RateProfile::Constant { rate },
        read_fraction: 1.0,
        timeout_s: None,
        ..ClientsSpec::default()
    })
}

/// A web instance with `slots` slots, exponential service of mean `mean_ms`, unbounded queue.
pub fn server(zone: &str, slots: u32, mean_ms: f64) -> ComponentSpec {
    ComponentSpec::Instance(InstanceSpec {
        zone: zone.to_owned(),
        template: InstanceTemplate {
            size: "m5.large".to_owned(),
            slots: Some(slots),
            role: Role::Web,
            service: ServiceTime { distribution: Distribution::Exponential, mean_ms, sigma: 0.0 },
            accept_queue: None,
            idempotent: false,
            sessions: Default::default(),
        },
    })
}

/// A design in a region with the given zones.
pub fn design(zones: &[&str], components: Vec<Component>, connections: Vec<Connection>) -> Design {
    Design {
        version: 1,
        name: "test".to_owned(),
        seed: 42,
        regions: vec![Region {
            name: "test-1".to_owned(),
            zones: zones.iter().map(|z| (*z).to_owned()).collect(),
        }],
        components,
        connections,
    }
}

/// Asserts the conservation laws of a world, with its seed in the message.
pub fn assert_conserved(world: &World) {
    if let Err(error) = world.check_conservation() {
        panic!("conservation broken (seed {}, t = {} µs): {error}", world.seed(), world.now());
    }
}

/// Clients at `rate` req/s with a read fraction and a timeout [s] (`None` = patient).
pub fn clients(rate: f64, read_fraction: f64, timeout_s: Option<f64>) -> ComponentSpec {
    ComponentSpec::Clients(ClientsSpec {
        profile: RateProfile::Constant { rate },
        read_fraction,
        timeout_s,
        ..ClientsSpec::default()
    })
}

/// A load balancer over `zones` with ALB defaults (30 s, 5 s, 5 healthy, 2 unhealthy).
pub fn load_balancer(zones: &[&str], cross_zone: bool) -> ComponentSpec {
    ComponentSpec::LoadBalancer(LoadBalancerSpec {
        zones: zones.iter().map(|z| (*z).to_owned()).collect(),
        cross_zone,
        ..LoadBalancerSpec::default()
    })
}

/// A worker instance with `slots` slots and a service time of `mean_ms` of the given shape.
pub fn worker(zone: &str, slots: u32, mean_ms: f64, distribution: Distribution) -> ComponentSpec {
    ComponentSpec::Instance(InstanceSpec {
        zone: zone.to_owned(),
        template: InstanceTemplate {
            slots: Some(slots),
            role: Role::Worker,
            service: ServiceTime { distribution, mean_ms, sigma: 0.0 },
            ..InstanceTemplate::default()
        },
    })
}

/// A queue with the given visibility timeout [s] and maximum receive count (`None` = no DLQ).
pub fn queue(visibility_timeout_s: f64, max_receive_count: Option<u32>) -> ComponentSpec {
    ComponentSpec::Queue(QueueSpec { visibility_timeout_s, max_receive_count, ..QueueSpec::default() })
}

/// A database with its primary in `zone` and an optional Multi-AZ standby, RDS defaults otherwise.
pub fn database(zone: &str, standby_zone: Option<&str>) -> ComponentSpec {
    ComponentSpec::Database(DatabaseSpec {
        zone: zone.to_owned(),
        standby_zone: standby_zone.map(str::to_owned),
        ..DatabaseSpec::default()
    })
}

/// Runs to `until` [µs], checking the conservation laws every `every` [µs] on the way.
pub fn run_checked(world: &mut World, until: Micros, every: Micros) {
    while world.now() < until {
        let next = (world.now() + every.max(1)).min(until);
        world.run_until(next);
        assert_conserved(world);
    }
}

/// Log entries whose happening matches `pick`, with their times [µs].
pub fn logged<'a, T>(world: &'a World, pick: impl Fn(&'a Happening) -> Option<T>) -> Vec<(Micros, T)> {
    world.log().entries().iter().filter_map(|e| pick(&e.happening).map(|t| (e.time, t))).collect()
}

/// The whole log as lines, for failure messages.
pub fn log_text(world: &World) -> String {
    world.log().entries().iter().map(|e| format!("{} ({} µs)", e, e.time)).collect::<Vec<_>>().join("\n")
}

/// Per-second samples as (second, sample); panics if the series was downsampled.
pub fn seconds(world: &World) -> Vec<(u64, &Second)> {
    assert_eq!(world.series().resolution_s(), 1, "the run is short enough for 1 s resolution");
    world.series().iter().collect()
}

/// Seconds [s] of a time [µs], as a float.
pub fn secs(t: Micros) -> f64 {
    t as f64 / SECOND as f64
}
