//! One stack per region. A CloudFormation stack is created in one region and its
//! resources live there, so a two-region design is exported as one template per region:
//! each holds its region's components, and the global DNS name writes its Route 53
//! records into each ([`super::dns`]). The global clients are traffic, not resources.
//!
//! A stack can refer to its own resources only (`Ref`, `Fn::GetAtt`), so a design whose
//! components link across regions other than through DNS cannot be split this way:
//! [`refusal`] names the link and the fix.

use super::template::Template;
use super::{Format, Options};
use crate::design::{Component, ComponentSpec, Design, PolicySpec};

/// One region's stack: where to create it and its template.
#[derive(Clone, Debug, PartialEq)]
pub struct RegionStack {
    /// The region to create the stack in, e.g. `us-west-2`.
    pub region: String,
    /// Index of that region in the design's `regions`.
    pub index: usize,
    /// The stack's template.
    pub template: Template,
}

/// Indexes of the regions that get a stack: those holding a component that is not
/// global (clients are traffic; a DNS name writes its records into every region that holds
/// one of its load balancers); the first region alone when none does (an empty design's one template).
pub fn stack_regions(design: &Design) -> Vec<usize> {
    let used: Vec<usize> = (0..design.regions.len())
        .filter(|&r| design.components.iter().any(|c| !c.spec.is_global() && design.region_index(c) == r))
        .collect();
    if used.is_empty() { vec![0] } else { used }
}

/// Every stack of `design`, region by region; one for a one-region design (the same
/// template as [`super::cloudformation`]).
pub fn stacks(design: &Design, options: &Options) -> Vec<RegionStack> {
    stack_regions(design)
        .into_iter()
        .map(|index| RegionStack {
            region: design.regions.get(index).map(|r| r.name.clone()).unwrap_or_default(),
            index,
            template: super::region_template(design, index, options),
        })
        .collect()
}

/// `NAME.template.yaml` for a one-region design, `NAME-REGION.template.yaml` for each
/// stack of a two-region one (`.json` for JSON).
pub fn file_name(design: &Design, stack: &RegionStack, format: Format) -> String {
    let extension = match format {
        Format::Yaml => "yaml",
        Format::Json => "json",
    };
    let stem = crate::slug::slug(&design.name);
    if design.regions.len() > 1 {
        format!("{stem}-{}.template.{extension}", crate::slug::slug(&stack.region))
    } else {
        format!("{stem}.template.{extension}")
    }
}

/// Why `design` cannot be split into one stack per region, or `None` when it can: a link,
/// an alarm or a scaling policy that reaches from one region's components into another's.
pub fn refusal(design: &Design) -> Option<String> {
    let region = |c: &Component| design.region_of(c).name.clone();
    let across = |a: &Component, b: &Component| {
        !a.spec.is_global() && !b.spec.is_global() && design.region_index(a) != design.region_index(b)
    };
    let fix = "each region is its own CloudFormation stack, and a stack cannot refer to another stack's resources; put both in one region, or join the regions only through a DNS name in front of a load balancer in each";
    for link in &design.connections {
        let (Some(from), Some(to)) = (design.component(&link.from), design.component(&link.to)) else {
            continue;
        };
        if across(from, to) {
            return Some(format!(
                "{} in {} sends work to {} in {}: {fix}",
                from.id,
                region(from),
                to.id,
                region(to)
            ));
        }
    }
    for c in &design.components {
        let named: Vec<&str> = match &c.spec {
            ComponentSpec::Alarm(a) => vec![a.source.as_str()],
            ComponentSpec::AutoScalingGroup(g) => g
                .policies
                .iter()
                .filter_map(|p| match p {
                    PolicySpec::Step { alarm, .. } | PolicySpec::Simple { alarm, .. } => Some(alarm.as_str()),
                    PolicySpec::TargetTracking { .. } => None,
                })
                .collect(),
            _ => continue,
        };
        for other in named.into_iter().filter_map(|id| design.component(id)) {
            if across(c, other) {
                return Some(format!(
                    "{} in {} watches or is driven by {} in {}: {fix}",
                    c.id,
                    region(c),
                    other.id,
                    region(other)
                ));
            }
        }
    }
    None
}
