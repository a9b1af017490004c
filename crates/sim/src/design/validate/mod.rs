//! Checks that a design means something before a world is built from it.
//!
//! Every check reports into one [`Checker`](checker::Checker), so the learner sees every
//! problem at once, each at the path of the field to fix (`components[3].zone`). One file
//! per family, each with its own tests: names and zones (`names.rs`), traffic
//! (`traffic.rs`), compute (`compute.rs`), data (`data.rs`), alarms (`alarm.rs`) and
//! connections (`links.rs`); `checker.rs` holds what they share.

mod alarm;
mod checker;
mod compute;
mod data;
mod edge;
#[cfg(test)]
mod fixture;
mod links;
mod names;
mod traffic;

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{ComponentSpec, Design};
use checker::{Checker, Site};

/// One thing wrong with a design: where (a field path such as `components[2].zone`) and
/// what to do about it, in words a learner can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Field path, e.g. `components[3].zone`; empty for the whole design.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: &str, message: impl Into<String>) -> Self {
        Problem { path: path.to_owned(), message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem of a design, in the order of the file; empty when the design can be
/// simulated. Never panics, whatever the design holds.
///
/// A disconnected design (clients linked to nothing, a group nobody sends to) is not a
/// problem: the simulation runs it and the requests fail for lack of a route.
pub fn validate(design: &Design) -> Vec<Problem> {
    let mut ck = Checker::new(design);
    names::design(&mut ck);
    for (index, component) in design.components.iter().enumerate() {
        let site = Site::new(index, component);
        names::region(&mut ck, &site, component);
        ck.in_region(design.region_index(component));
        match &component.spec {
            ComponentSpec::Clients(spec) => traffic::clients(&mut ck, &site, spec),
            ComponentSpec::LoadBalancer(spec) => traffic::load_balancer(&mut ck, &site, spec),
            ComponentSpec::Instance(spec) => {
                compute::instance(&mut ck, &site, spec);
                compute::sessions(&mut ck, &site, &component.id, &spec.template);
            }
            ComponentSpec::AutoScalingGroup(spec) => {
                compute::group(&mut ck, &site, spec);
                compute::sessions(&mut ck, &site.nested("instance"), &component.id, &spec.instance);
            }
            ComponentSpec::Queue(spec) => data::queue(&mut ck, &site, spec),
            ComponentSpec::Database(spec) => data::database(&mut ck, &site, spec),
            ComponentSpec::Alarm(spec) => alarm::alarm(&mut ck, &site, spec),
            ComponentSpec::KeyValueStore(spec) => data::key_value_store(&mut ck, &site, spec),
            ComponentSpec::ObjectStorage(spec) => edge::object_storage(&mut ck, &site, spec),
            ComponentSpec::Cdn(spec) => edge::cdn(&mut ck, &site, spec),
            ComponentSpec::Dns(spec) => traffic::dns(&mut ck, &site, spec),
        }
    }
    links::connections(&mut ck);
    ck.into_problems()
}

#[cfg(test)]
mod tests {
    use super::fixture::*;

    #[test]
    fn reference_designs_and_a_disconnected_design_are_clean() {
        for (name, design) in reference::all() {
            assert_eq!(validate(&design), vec![], "{name}");
        }
        let mut lonely = reference::three_tier();
        lonely.connections.clear();
        assert_eq!(validate(&lonely), vec![], "a design without links runs; its requests find no route");
    }
    #[test]
    fn standby_in_another_zone_alb_in_two_zones_group_in_one() {
        let mut design = reference::three_tier();
        let ComponentSpec::Database(db) = spec(&mut design, "db") else { unreachable!() };
        db.standby_zone = Some("a".to_owned());
        let problem = only(&design);
        assert_eq!(problem.path, "components[5].standby_zone");
        assert_mentions(&problem, &["database db", "same zone", "e.g. b"]);

        let mut design = reference::three_tier();
        let ComponentSpec::LoadBalancer(lb) = spec(&mut design, "lb-1") else { unreachable!() };
        lb.zones = vec!["a".to_owned()];
        group(&mut design, "web").zones.clear();
        let problems = validate(&design);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert_eq!(problems[0].path, "components[1].zones");
        assert_mentions(&problems[0], &["load balancer lb-1", "at least two zones", "AWS"]);
        assert_eq!(problems[1].path, "components[2].zones");
        assert_mentions(&problems[1], &["group web", "no zones"]);
    }
    #[test]
    fn every_problem_is_reported_and_non_finite_numbers_never_pass() {
        let mut design = reference::three_tier();
        for component in &mut design.components {
            match &mut component.spec {
                ComponentSpec::Clients(c) => c.read_fraction = f64::NAN,
                ComponentSpec::LoadBalancer(lb) => lb.deregistration_delay_s = f64::INFINITY,
                ComponentSpec::AutoScalingGroup(g) => g.cooldown_s = f64::NEG_INFINITY,
                ComponentSpec::Queue(q) => q.retention_s = f64::NAN,
                ComponentSpec::Database(d) => d.failover_s = [f64::NAN, f64::NAN],
                ComponentSpec::Alarm(a) => a.threshold = f64::NAN,
                ComponentSpec::Instance(_)
                | ComponentSpec::KeyValueStore(_)
                | ComponentSpec::ObjectStorage(_)
                | ComponentSpec::Cdn(_)
                | ComponentSpec::Dns(_) => {}
            }
        }
        assert_eq!(
            paths(&design),
            [
                "components[0].read_fraction",
                "components[1].deregistration_delay_s",
                "components[2].cooldown_s",
                "components[3].retention_s",
                "components[4].cooldown_s",
                "components[5].failover_s[0]",
                "components[5].failover_s[1]",
                "components[6].threshold",
            ]
        );
    }
    #[test]
    fn big_designs_validate_quickly() {
        let mut design = reference::three_tier();
        for k in 0..20_000 {
            add(&mut design, &format!("web-{k}"), instance("a", Role::Web));
            link(&mut design, "lb-1", &format!("web-{k}"));
            link(&mut design, "nowhere", &format!("web-{k}"));
        }
        let started = std::time::Instant::now();
        let problems = validate(&design);
        assert!(started.elapsed().as_secs_f64() < 2.0, "took {:?}", started.elapsed());
        assert_eq!(problems.len(), 2 + 20_000);
    }
}
