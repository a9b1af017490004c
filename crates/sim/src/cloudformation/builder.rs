//! The template under construction: resources, parameters made on demand, and notes of
//! what could not be expressed.

use std::collections::BTreeMap;

use serde_json::Value;

use super::intrinsic::reference;
use super::names::Names;
use super::template::{Output, Parameter, Resource};
use crate::design::{Component, ComponentSpec, Design, Region};

/// The VPC parameter's logical id.
pub const VPC: &str = "VpcId";
/// The AMI parameter's logical id.
pub const IMAGE: &str = "ImageId";
/// Where Amazon Linux 2023's latest AMI id is published in Systems Manager.
pub const LATEST_AMI: &str = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
/// The port the web instances listen on and the load balancer forwards to.
pub const APP_PORT: u16 = 80;

/// Which subnet tier a resource goes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// Routed to an internet gateway: load-balancer nodes, servers the clients reach directly.
    Public,
    /// No route from the internet: groups behind a load balancer, workers, databases.
    Private,
}

/// Everything the per-component functions add to.
pub struct Builder<'a> {
    /// The design exported.
    pub design: &'a Design,
    /// Index in `design.regions` of the region this template's stack deploys in.
    pub region: usize,
    /// Logical-id stems of its components.
    pub names: Names,
    /// Resources by logical id.
    pub resources: BTreeMap<String, Resource>,
    /// Parameters by logical id.
    pub parameters: BTreeMap<String, Parameter>,
    /// Outputs by logical id.
    pub outputs: BTreeMap<String, Output>,
    /// What the design says that the template does not carry, one sentence each.
    pub left_out: Vec<String>,
}

impl<'a> Builder<'a> {
    /// An empty template for the stack of region `region` (an index in `design.regions`).
    pub fn new(design: &'a Design, region: usize) -> Builder<'a> {
        Builder {
            design,
            region,
            names: Names::of(design),
            resources: BTreeMap::new(),
            parameters: BTreeMap::new(),
            outputs: BTreeMap::new(),
            left_out: Vec::new(),
        }
    }

    /// The region this template's stack deploys in.
    pub fn region(&self) -> &'a Region {
        let design = self.design;
        design.regions.get(self.region).unwrap_or_else(|| design.region())
    }

    /// Whether component `c` lives in this template's region.
    pub fn owns(&self, c: &Component) -> bool {
        self.design.region_index(c) == self.region
    }

    /// The design's components that live in this template's region, in design order.
    pub fn own_components(&self) -> impl Iterator<Item = &'a Component> + '_ {
        let design = self.design;
        design.components.iter().filter(move |c| self.owns(c))
    }

    /// Adds a resource under `logical_id`.
    pub fn add(&mut self, logical_id: String, resource: Resource) {
        self.resources.insert(logical_id, resource);
    }

    /// Adds an output.
    pub fn output(&mut self, logical_id: String, description: String, value: Value) {
        self.outputs.insert(logical_id, Output { description, value });
    }

    /// Notes something the template leaves out.
    pub fn leave_out(&mut self, sentence: String) {
        self.left_out.push(sentence);
    }

    /// The logical id of `role` of component `id`.
    pub fn id(&self, id: &str, role: &str) -> String {
        self.names.id(id, role)
    }

    /// `Ref` to the VPC parameter, declaring it.
    pub fn vpc(&mut self) -> Value {
        self.parameters.entry(VPC.to_owned()).or_insert_with(|| {
            Parameter::new(
                "AWS::EC2::VPC::Id",
                "The VPC to deploy into; its subnets are the parameters below.",
            )
        });
        reference(VPC)
    }

    /// `Ref` to the AMI parameter (Amazon Linux 2023 from Systems Manager by default).
    pub fn image(&mut self) -> Value {
        self.parameters.entry(IMAGE.to_owned()).or_insert_with(|| {
            Parameter::new(
                "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                "The AMI every instance boots from: a Systems Manager parameter name (the default is Amazon Linux 2023); bake your application into it or replace it with your own image's parameter.",
            )
            .with_default(LATEST_AMI)
        });
        reference(IMAGE)
    }

    /// `Ref` to the subnet parameter of `zone` in `tier`, declaring it.
    pub fn subnet(&mut self, tier: Tier, zone: &str) -> Value {
        let (word, what) = match tier {
            Tier::Public => ("Public", "public subnet (routed to an internet gateway)"),
            Tier::Private => ("Private", "private subnet (outbound through a NAT gateway)"),
        };
        let name = format!("{word}Subnet{}", super::names::stem(zone));
        let region = &self.region().name;
        self.parameters.entry(name.clone()).or_insert_with(|| {
            Parameter::new(
                "AWS::EC2::Subnet::Id",
                format!("A {what} of the VPC in zone {zone} ({region}{zone} in {region})."),
            )
        });
        reference(&name)
    }

    /// `Ref`s to the subnets of `zones` in `tier`, in the order given, each zone once.
    pub fn subnets(&mut self, tier: Tier, zones: &[String]) -> Vec<Value> {
        let mut seen = Vec::new();
        for z in zones {
            if !seen.contains(z) {
                seen.push(z.clone());
            }
        }
        seen.iter().map(|z| self.subnet(tier, z)).collect()
    }

    /// `zones` with a second zone added when there is only one: a load balancer and a
    /// database subnet group each need subnets in two zones. The added zone is the
    /// region's next one (or the next letter when the region lists one zone).
    pub fn at_least_two_zones(&self, zones: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for z in zones {
            if !out.contains(z) {
                out.push(z.clone());
            }
        }
        if out.len() >= 2 {
            return out;
        }
        let extra = self.region().zones.iter().find(|z| !out.contains(z)).cloned().unwrap_or_else(|| {
            let last = out.last().and_then(|z| z.chars().last()).unwrap_or('a');
            let next = char::from_u32(last as u32 + 1).filter(char::is_ascii_lowercase).unwrap_or('b');
            next.to_string()
        });
        out.push(extra);
        out
    }

    /// Components that send work to `id`.
    pub fn senders(&self, id: &str) -> Vec<&'a Component> {
        let design = self.design;
        design.sources_of(id).filter_map(|s| design.component(s)).collect()
    }

    /// Components `id` sends work to.
    pub fn receivers(&self, id: &str) -> Vec<&'a Component> {
        let design = self.design;
        design.targets_of(id).filter_map(|s| design.component(s)).collect()
    }

    /// The load balancer that sends to `id`, if one does (the first, in link order).
    pub fn load_balancer_of(&self, id: &str) -> Option<&'a Component> {
        self.senders(id).into_iter().find(|c| matches!(c.spec, ComponentSpec::LoadBalancer(_)))
    }

    /// The queue `id` consumes from, if it does.
    pub fn queue_of(&self, id: &str) -> Option<&'a Component> {
        self.senders(id).into_iter().find(|c| matches!(c.spec, ComponentSpec::Queue(_)))
    }

    /// Whether the clients send to `id` directly (or through a CDN, which reaches it over
    /// the internet too).
    pub fn faces_clients(&self, id: &str) -> bool {
        self.senders(id).iter().any(|c| matches!(c.spec, ComponentSpec::Clients(_) | ComponentSpec::Cdn(_)))
    }
}
