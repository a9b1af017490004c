//! An instance template with its size resolved against the price table.

use super::World;
use super::instance::{Downstream, Instance};
use crate::design::{InstanceTemplate, Role, ServiceTime, Sessions};
use crate::ids::{InstanceId, QueueId};
use crate::price_table::PriceTable;

/// What every instance launched from a template is.
#[derive(Clone, Debug)]
pub struct Template {
    pub size: String,
    pub role: Role,
    pub slots: u32,
    pub accept_queue: Option<u32>,
    pub service: ServiceTime,
    pub idempotent: bool,
    /// The application keeps user sessions in its linked store, not in memory.
    pub sessions_in_store: bool,
    /// [USD/hour]
    pub usd_per_hour: f64,
}

impl Template {
    /// Resolves a design template; an unknown size (refused by validation) gets one slot.
    pub(crate) fn resolve(spec: &InstanceTemplate, prices: &PriceTable) -> Template {
        let class = prices.instance(&spec.size);
        Template {
            size: spec.size.clone(),
            role: spec.role,
            slots: spec.slots.or(class.map(|c| c.slots)).unwrap_or(1).max(1),
            accept_queue: spec.accept_queue,
            service: spec.service.clone(),
            idempotent: spec.idempotent,
            sessions_in_store: spec.sessions == Sessions::InStore,
            usd_per_hour: class.map_or(0.0, |c| c.usd_per_hour),
        }
    }
}

impl World {
    /// Adds an instance and returns its id.
    pub(crate) fn spawn(
        &mut self,
        mut instance: Instance,
        downstream: Downstream,
        consumes: Option<QueueId>,
    ) -> InstanceId {
        instance.downstream = downstream;
        instance.consumes = consumes;
        let id = InstanceId(self.instances.len() as u32);
        self.instances.push(instance);
        id
    }

    /// `i-N`, numbered in launch order across the world.
    pub(crate) fn next_instance_name(&mut self) -> String {
        self.launches += 1;
        format!("i-{}", self.launches)
    }
}
