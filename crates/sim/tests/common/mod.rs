//! Helpers shared by the integration tests: small designs built in code, and the
//! conservation check every simulated run in the suite must pass.

#![allow(dead_code)]

use nines_sim::World;
use nines_sim::design::{
    ClientsSpec, Component, ComponentSpec, Connection, Design, Distribution, InstanceSpec, InstanceTemplate,
    RateProfile, Region, Role, ServiceTime,
};

/// A component without a canvas position.
pub fn component(id: &str, spec: ComponentSpec) -> Component {
    Component { id: id.to_owned(), position: None, spec }
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
        },
    })
}

/// A design in a region with the given zones.
pub fn design(zones: &[&str], components: Vec<Component>, connections: Vec<Connection>) -> Design {
    Design {
        version: 1,
        name: "test".to_owned(),
        seed: 42,
        region: Region { name: "test-1".to_owned(), zones: zones.iter().map(|z| (*z).to_owned()).collect() },
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
