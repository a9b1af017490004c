//! Checks of where requests come from and how they are spread: clients and load balancers.

use super::checker::{Checker, Site, num};
use crate::design::param::{
    CLIENT_TIMEOUT, DAILY_AMPLITUDE, DAILY_PERIOD, DEREGISTRATION, HC_INTERVAL, HC_TIMEOUT, HEALTHY,
    PROFILE_RATE, RAMP_OVER, READ_FRACTION, SPIKE_AT, SPIKE_FOR, STATIC_FRACTION, STICKINESS_DURATION,
    UNHEALTHY, USERS,
};
use crate::design::{ClientsSpec, HealthCheckSpec, LoadBalancerSpec, RateProfile};

/// Checks the clients' rate profile, read mix and timeout.
pub(super) fn clients(ck: &mut Checker, site: &Site, spec: &ClientsSpec) {
    profile(ck, site, &spec.profile);
    ck.param(site, &READ_FRACTION, spec.read_fraction);
    ck.param_opt(site, &CLIENT_TIMEOUT, spec.timeout_s);
    ck.param(site, &USERS, f64::from(spec.users));
    ck.param(site, &STATIC_FRACTION, spec.static_fraction);
}

fn profile(ck: &mut Checker, site: &Site, profile: &RateProfile) {
    let fixed = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(field, what)| ((*field).to_owned(), (*what).to_owned())).collect()
    };
    let fields = match profile {
        RateProfile::Constant { .. } => fixed(&[("rate", "the request rate")]),
        RateProfile::Ramp { .. } => {
            fixed(&[("from", "the ramp's starting rate"), ("to", "the ramp's final rate")])
        }
        RateProfile::Spike { .. } => fixed(&[("base", "the base rate"), ("peak", "the spike's peak rate")]),
        RateProfile::Daily { .. } => fixed(&[("mean", "the mean daily rate")]),
        RateProfile::Steps { steps } => {
            (0..steps.len()).map(|k| (format!("steps[{k}].rate"), format!("the rate of step {k}"))).collect()
        }
    };
    for ((field, what), rate) in fields.iter().zip(profile.rates()) {
        ck.range(site, &format!("profile.{field}"), what, rate, &PROFILE_RATE);
    }
    match profile {
        RateProfile::Constant { .. } => {}
        RateProfile::Ramp { over_s, .. } => {
            ck.positive(site, RAMP_OVER.path, RAMP_OVER.what, *over_s, RAMP_OVER.default);
        }
        RateProfile::Spike { at_s, for_s, .. } => {
            ck.param(site, &SPIKE_AT, *at_s);
            ck.positive(site, SPIKE_FOR.path, SPIKE_FOR.what, *for_s, SPIKE_FOR.default);
        }
        RateProfile::Daily { amplitude, period_s, .. } => {
            ck.param(site, &DAILY_AMPLITUDE, *amplitude);
            ck.param(site, &DAILY_PERIOD, *period_s);
        }
        RateProfile::Steps { steps } => {
            if steps.is_empty() {
                let message = format!(
                    "{} has a steps profile with no steps; add one, e.g. {{\"at_s\": 0, \"rate\": 100}}",
                    site.who
                );
                ck.report(&site.path("profile.steps"), message);
            }
            let mut previous = 0.0_f64;
            for (k, step) in steps.iter().enumerate() {
                let field = format!("profile.steps[{k}].at_s");
                if !(step.at_s.is_finite() && step.at_s >= 0.0) {
                    ck.report(
                        &site.path(&field),
                        format!(
                            "step {k} of {} starts at {} s; steps start at 0 s or later",
                            site.who,
                            num(step.at_s)
                        ),
                    );
                } else if step.at_s < previous {
                    let message = format!(
                        "step {k} of {} starts at {} s, before the step above it ({} s); list steps in time order",
                        site.who,
                        num(step.at_s),
                        num(previous)
                    );
                    ck.report(&site.path(&field), message);
                } else {
                    previous = step.at_s;
                }
            }
        }
    }
}

/// Checks a load balancer's zones, health check and deregistration delay.
pub(super) fn load_balancer(ck: &mut Checker, site: &Site, spec: &LoadBalancerSpec) {
    ck.zone_set(site, "zones", "has a node in", &spec.zones);
    if spec.zones.len() < 2 {
        let message = format!(
            "{} has {} zone(s); an Application Load Balancer needs at least two zones (AWS rule), e.g. [\"a\", \"b\"]",
            site.who,
            spec.zones.len()
        );
        ck.report(&site.path("zones"), message);
    }
    health_check(ck, &site.nested("health_check"), &spec.health_check);
    ck.param(site, &DEREGISTRATION, spec.deregistration_delay_s);
    ck.param(site, &STICKINESS_DURATION, spec.stickiness_duration_s);
}

fn health_check(ck: &mut Checker, site: &Site, hc: &HealthCheckSpec) {
    ck.range(site, "interval_s", HC_INTERVAL.what, hc.interval_s, &HC_INTERVAL);
    ck.range(site, "timeout_s", HC_TIMEOUT.what, hc.timeout_s, &HC_TIMEOUT);
    if HC_INTERVAL.contains(hc.interval_s) && hc.timeout_s >= hc.interval_s {
        let message = format!(
            "the health-check timeout of {} ({} s) must be less than its interval ({} s); e.g. timeout 5 s, interval 30 s",
            site.who,
            num(hc.timeout_s),
            num(hc.interval_s)
        );
        ck.report(&site.path("timeout_s"), message);
    }
    let healthy = f64::from(hc.healthy_threshold);
    let unhealthy = f64::from(hc.unhealthy_threshold);
    ck.range(site, "healthy_threshold", HEALTHY.what, healthy, &HEALTHY);
    ck.range(site, "unhealthy_threshold", UNHEALTHY.what, unhealthy, &UNHEALTHY);
}

/// A DNS name's settings, each in Route 53's range.
pub(super) fn dns(ck: &mut Checker, site: &Site, spec: &crate::design::DnsSpec) {
    use crate::design::param::{FAILURE_THRESHOLD, LATE_MULTIPLE, LATE_SHARE, TTL};
    ck.param(site, &FAILURE_THRESHOLD, f64::from(spec.failure_threshold));
    ck.param(site, &TTL, spec.ttl_s);
    ck.param(site, &LATE_SHARE, spec.late_resolver_share);
    ck.param(site, &LATE_MULTIPLE, spec.late_resolver_ttl_multiple);
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;

    #[test]
    fn traffic_profiles_stay_in_range() {
        let mut design = reference::single_server();
        let ComponentSpec::Clients(clients) = spec(&mut design, "clients") else { unreachable!() };
        clients.profile = RateProfile::Constant { rate: 1e12 };
        clients.read_fraction = 1.5;
        clients.timeout_s = Some(0.0);
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            ["components[0].profile.rate", "components[0].read_fraction", "components[0].timeout_s"]
        );
        assert_eq!(
            problems[0].message,
            "the request rate of clients is 1,000,000,000,000 requests/s; use 0–100,000 requests/s (default 100 requests/s)"
        );
        assert_mentions(&problems[2], &["0.1–3,600 s", "null waits forever"]);

        let ComponentSpec::Clients(clients) = spec(&mut design, "clients") else { unreachable!() };
        *clients = crate::design::ClientsSpec::default();
        let step = |at_s, rate| RateStep { at_s, rate };
        let profiles = [
            (RateProfile::Ramp { from: 0.0, to: 10.0, over_s: 0.0 }, "profile.over_s"),
            (RateProfile::Spike { base: 1.0, peak: 2.0, at_s: -5.0, for_s: 10.0 }, "profile.at_s"),
            (RateProfile::Spike { base: 1.0, peak: 2.0, at_s: 5.0, for_s: f64::INFINITY }, "profile.for_s"),
            (RateProfile::Daily { mean: 5.0, amplitude: 1.5, period_s: 86_400.0 }, "profile.amplitude"),
            (RateProfile::Daily { mean: 5.0, amplitude: 0.5, period_s: 59.0 }, "profile.period_s"),
            (RateProfile::Steps { steps: vec![step(10.0, 1.0), step(5.0, 2.0)] }, "profile.steps[1].at_s"),
            (RateProfile::Steps { steps: vec![step(0.0, f64::NAN)] }, "profile.steps[0].rate"),
            (RateProfile::Steps { steps: vec![] }, "profile.steps"),
        ];
        for (profile, path) in profiles {
            let ComponentSpec::Clients(clients) = spec(&mut design, "clients") else { unreachable!() };
            clients.profile = profile;
            let problem = only(&design);
            assert_eq!(problem.path, format!("components[0].{path}"));
            assert_mentions(&problem, &["clients"]);
        }
    }
    #[test]
    fn health_checks_and_draining_follow_the_alb_ranges() {
        let mut design = reference::three_tier();
        let ComponentSpec::LoadBalancer(lb) = spec(&mut design, "lb-1") else { unreachable!() };
        lb.health_check.interval_s = 10.0;
        lb.health_check.timeout_s = 10.0;
        lb.health_check.healthy_threshold = 11;
        lb.health_check.unhealthy_threshold = 1;
        lb.deregistration_delay_s = -1.0;
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "components[1].health_check.timeout_s",
                "components[1].health_check.healthy_threshold",
                "components[1].health_check.unhealthy_threshold",
                "components[1].deregistration_delay_s",
            ]
        );
        assert_mentions(&problems[0], &["load balancer lb-1", "less than its interval"]);
        assert_mentions(&problems[1], &["2–10", "default 5"]);
        assert_mentions(&problems[3], &["0–3,600 s", "default 300 s"]);

        let ComponentSpec::LoadBalancer(lb) = spec(&mut design, "lb-1") else { unreachable!() };
        *lb = crate::design::LoadBalancerSpec::default();
        lb.health_check.interval_s = 0.0;
        let problem = only(&design);
        assert_eq!(problem.path, "components[1].health_check.interval_s");
        assert_mentions(&problem, &["load balancer lb-1", "5–300 s", "default 30 s"]);
    }
}
