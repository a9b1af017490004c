//! Helpers the validator's tests share: build a design, change one component, and read
//! the problems back by path or by the words they must contain.

pub(super) use super::{Problem, validate};
pub(super) use crate::design::{
    AlarmSpec, Component, ComponentSpec, Connection, DatabaseSpec, Design, GroupSpec, InstanceSpec,
    InstanceTemplate, MetricName, PolicySpec, QueueSpec, RateProfile, RateStep, Role, StepAdjustment,
    TrackedMetric, reference,
};

/// The one problem of `design`; fails the test if there are none or several.
pub(super) fn only(design: &Design) -> Problem {
    let mut problems = validate(design);
    assert_eq!(problems.len(), 1, "expected one problem, got {problems:#?}");
    problems.remove(0)
}

pub(super) fn paths(design: &Design) -> Vec<String> {
    validate(design).into_iter().map(|p| p.path).collect()
}

pub(super) fn assert_mentions(problem: &Problem, words: &[&str]) {
    for word in words {
        assert!(problem.message.contains(word), "{:?} should mention {word:?}", problem.message);
    }
}

pub(super) fn spec<'a>(design: &'a mut Design, id: &str) -> &'a mut ComponentSpec {
    let found = design.components.iter_mut().find(|c| c.id == id);
    &mut found.unwrap_or_else(|| panic!("no component {id}")).spec
}

pub(super) fn group<'a>(design: &'a mut Design, id: &str) -> &'a mut GroupSpec {
    match spec(design, id) {
        ComponentSpec::AutoScalingGroup(group) => group,
        other => panic!("{id} is a {}", other.kind_name()),
    }
}

pub(super) fn add(design: &mut Design, id: &str, spec: ComponentSpec) {
    design.components.push(Component { id: id.to_owned(), position: None, region: None, spec });
}

pub(super) fn link(design: &mut Design, from: &str, to: &str) {
    design.connections.push(Connection { from: from.to_owned(), to: to.to_owned() });
}

pub(super) fn instance(zone: &str, role: Role) -> ComponentSpec {
    let template = InstanceTemplate { role, ..InstanceTemplate::default() };
    ComponentSpec::Instance(InstanceSpec { zone: zone.to_owned(), template })
}
