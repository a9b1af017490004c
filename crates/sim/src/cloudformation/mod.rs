//! Architecture as code: a design exported as an AWS CloudFormation template.
//!
//! ```text
//! design ─▶ one function per component kind ─▶ resources, parameters made on demand
//!        ─▶ grader's structural findings + simulation-only facts ─▶ Metadata
//!        ─▶ Template (serde data) ─▶ YAML or JSON text
//! ```
//!
//! | Nines | CloudFormation |
//! | --- | --- |
//! | zones | `Parameters`: the VPC, a public and/or private subnet per zone used, the AMI |
//! | load balancer | ALB, target group (health checks, deregistration delay, routing, cross-zone, cookie stickiness), listener, security group |
//! | auto-scaling group | launch template, group (zones → subnets, min/max/desired, health checks), role |
//! | scaling policy | `AWS::AutoScaling::ScalingPolicy` (target tracking, step, simple) |
//! | alarm | `AWS::CloudWatch::Alarm`, its actions the policies that name it |
//! | queue | `AWS::SQS::Queue`, dead-letter queue and redrive policy |
//! | database | `AWS::RDS::DBInstance` (Multi-AZ, managed password), subnet group, read replicas |
//! | key-value store | `AWS::DynamoDB::Table` (provisioned RCU/WCU, point-in-time recovery, encryption); linked servers may get, put, update and query it |
//! | lone instance | `AWS::EC2::Instance` in its zone's subnet |
//! | DNS name | per load balancer it points to: `AWS::Route53::HealthCheck` and a failover or latency `AWS::Route53::RecordSet` (CNAME, the design's TTL) in a hosted zone given as parameters |
//! | regions | one stack per region ([`stacks`]), each with its region's components and records |
//! | clients, service times, store replication lag and read consistency | `Metadata` (`Nines::Simulation`) |
//!
//! Every template of a valid design passes cfn-lint (the CLI's tests run it on every
//! reference design). cfn-lint does not judge high availability, so the grader's
//! structural findings go in `Metadata` (`Nines::Findings`).

mod alarm;
mod builder;
mod cdn;
mod database;
mod dns;
mod game_day;
mod group;
mod iam;
mod instance;
pub mod intrinsic;
mod key_value_store;
mod load_balancer;
mod metadata;
pub mod names;
mod network;
mod queue;
mod scaling;
mod stack;
mod template;
pub mod yaml;

use std::str::FromStr;

pub use metadata::{DESIGN, FINDINGS, LEFT_OUT, SIMULATION, to_fill_in};
pub use stack::{RegionStack, file_name, refusal, stack_regions, stacks};
pub use template::{FORMAT_VERSION, Output, Parameter, Resource, Template};

use crate::design::{Component, ComponentSpec, Design};
use crate::grade::RecoveryPolicy;
use builder::Builder;

/// What to export besides the design itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Add the game day: a Fault Injection Service experiment that loses a zone, and a
    /// Resilience Hub policy with the recovery targets.
    pub game_day: bool,
    /// Recovery targets for the Resilience Hub policy; `None` = the report card's defaults.
    pub policy: Option<RecoveryPolicy>,
}

/// Text formats of a template.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// YAML (block style, long-form intrinsic functions).
    #[default]
    Yaml,
    /// JSON, two-space indented.
    Json,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "yaml" | "yml" => Ok(Format::Yaml),
            "json" => Ok(Format::Json),
            other => Err(format!("format `{other}` is not known; use yaml or json")),
        }
    }
}

/// The CloudFormation template of `design`'s first region: the whole design when it has
/// one region (a two-region design has a stack per region: [`stacks`]). The design should
/// be valid ([`crate::design::validate`]) and not refused ([`refusal`]); whatever cannot be
/// expressed is listed in the template's `Metadata` under [`LEFT_OUT`], never dropped
/// silently.
pub fn cloudformation(design: &Design, options: &Options) -> Template {
    region_template(design, 0, options)
}

/// The template of the stack of region `region` (an index in `design.regions`): that
/// region's components, and the DNS names' Route 53 records for its load balancers.
pub fn region_template(design: &Design, region: usize, options: &Options) -> Template {
    let mut b = Builder::new(design, region);
    // Alarms last: their actions name the scaling policies the groups added.
    let (alarms, others): (Vec<&Component>, Vec<&Component>) = design
        .components
        .iter()
        .filter(|c| b.owns(c) || c.spec.is_global())
        .partition(|c| matches!(c.spec, ComponentSpec::Alarm(_)));
    for c in others.into_iter().chain(alarms) {
        component(&mut b, c);
    }
    if options.game_day {
        game_day::export(&mut b, &options.policy.clone().unwrap_or_default());
    }
    let metadata = metadata::metadata(&b);
    let name = if design.name.is_empty() { "an unnamed design" } else { design.name.as_str() };
    let description = if design.regions.len() > 1 {
        format!(
            "{name}, its {} stack, exported from Nines: create it in {}, fill in the parameters (VPC, subnets, AMI, hosted zone) before deploying.",
            b.region().name,
            b.region().name
        )
    } else {
        format!("{name}, exported from Nines: fill in the parameters (VPC, subnets, AMI) before deploying.")
    };
    Template {
        format_version: FORMAT_VERSION.to_owned(),
        description,
        metadata,
        parameters: b.parameters,
        resources: b.resources,
        outputs: b.outputs,
    }
}

/// One component's resources: one function per kind.
fn component(b: &mut Builder<'_>, c: &Component) {
    match &c.spec {
        // Traffic is simulated, not deployed: it is in Metadata.
        ComponentSpec::Clients(_) => {}
        ComponentSpec::Dns(dns) => dns::export(b, &c.id, dns),
        ComponentSpec::LoadBalancer(lb) => load_balancer::export(b, &c.id, lb),
        ComponentSpec::Instance(i) => instance::export(b, &c.id, i),
        ComponentSpec::AutoScalingGroup(g) => group::export(b, &c.id, g),
        ComponentSpec::Queue(q) => queue::export(b, &c.id, q),
        ComponentSpec::Database(db) => database::export(b, &c.id, db),
        ComponentSpec::KeyValueStore(kv) => key_value_store::export(b, &c.id, kv),
        ComponentSpec::ObjectStorage(s) => cdn::export_storage(b, &c.id, s),
        ComponentSpec::Cdn(cdn) => cdn::export_cdn(b, &c.id, cdn),
        ComponentSpec::Alarm(a) => alarm::export(b, &c.id, a),
    }
}

/// The template of `design`'s first region (the whole of a one-region design) as text in
/// `format`; YAML starts with a comment naming the parameters to fill in.
pub fn export(design: &Design, options: &Options, format: Format) -> String {
    let template = cloudformation(design, options);
    text(design, 0, &template, format)
}

/// One stack's template as text in `format` (see [`export`]).
pub fn stack_text(design: &Design, stack: &RegionStack, format: Format) -> String {
    text(design, stack.index, &stack.template, format)
}

fn text(design: &Design, region: usize, template: &Template, format: Format) -> String {
    match format {
        Format::Json => template.to_json() + "\n",
        Format::Yaml => yaml_header(design, region, template) + &template.to_yaml(),
    }
}

/// `# …` lines: where the template came from, which region's stack it is (two-region
/// designs) and what to fill in.
fn yaml_header(design: &Design, region: usize, template: &Template) -> String {
    let mut out = format!("# {} — exported from Nines as an AWS CloudFormation template.\n", design.name);
    if design.regions.len() > 1 {
        let names: Vec<&str> = design.regions.iter().map(|r| r.name.as_str()).collect();
        let here = design.regions.get(region).map_or("", |r| r.name.as_str());
        out.push_str(&format!(
            "# The {here} stack: create it in {here}. The design spans {}, one stack per region.\n",
            names.join(" and ")
        ));
    }
    let needed = to_fill_in(&template.parameters);
    if !needed.is_empty() {
        out.push_str(&format!("# Fill in before deploying: {}.\n", needed.join(", ")));
    }
    out.push_str("# What Nines simulates but CloudFormation cannot express, and the design's\n");
    out.push_str("# high-availability findings, are under Metadata.\n");
    out
}

#[cfg(test)]
mod stack_tests;
#[cfg(test)]
mod tests;
