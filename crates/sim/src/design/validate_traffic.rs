//! Checks of where requests come from and how they are spread: clients and load balancers.

use super::validate::{Bounds, Checker, Site, bounds, num};
use super::{ClientsSpec, HealthCheckSpec, LoadBalancerSpec, RateProfile};

/// A request rate [requests/s]: enough for any workshop, small enough to simulate.
const RATE: Bounds = bounds(0.0, 100_000.0, " requests/s", "100 requests/s");
const READ_FRACTION: Bounds = bounds(0.0, 1.0, "", "0.8");
const CLIENT_TIMEOUT: Bounds = bounds(0.1, 3600.0, " s", "30 s; null waits forever");
const AMPLITUDE: Bounds = bounds(0.0, 1.0, "", "e.g. 0.5");
const DAY_PERIOD: Bounds = bounds(60.0, f64::INFINITY, " s", "86,400 s, one day");
const HC_INTERVAL: Bounds = bounds(5.0, 300.0, " s", "30 s");
const HC_TIMEOUT: Bounds = bounds(2.0, 120.0, " s", "5 s");
const HEALTHY: Bounds = bounds(2.0, 10.0, "", "5");
const UNHEALTHY: Bounds = bounds(2.0, 10.0, "", "2");
const DEREGISTRATION: Bounds = bounds(0.0, 3600.0, " s", "300 s");

/// Checks the clients' rate profile, read mix and timeout.
pub(super) fn clients(ck: &mut Checker, site: &Site, spec: &ClientsSpec) {
    profile(ck, site, &spec.profile);
    ck.range(site, "read_fraction", "the read fraction", spec.read_fraction, READ_FRACTION);
    ck.range_opt(site, "timeout_s", "the request timeout", spec.timeout_s, CLIENT_TIMEOUT);
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
        ck.range(site, &format!("profile.{field}"), what, rate, RATE);
    }
    match profile {
        RateProfile::Constant { .. } => {}
        RateProfile::Ramp { over_s, .. } => {
            ck.positive(
                site,
                "profile.over_s",
                "the ramp time",
                *over_s,
                "seconds, e.g. 600 for ten minutes",
            );
        }
        RateProfile::Spike { at_s, for_s, .. } => {
            ck.range(
                site,
                "profile.at_s",
                "the spike start",
                *at_s,
                bounds(0.0, f64::INFINITY, " s", "e.g. 60 s"),
            );
            ck.positive(site, "profile.for_s", "the spike length", *for_s, "seconds, e.g. 120");
        }
        RateProfile::Daily { amplitude, period_s, .. } => {
            ck.range(site, "profile.amplitude", "the daily amplitude", *amplitude, AMPLITUDE);
            ck.range(site, "profile.period_s", "the daily period", *period_s, DAY_PERIOD);
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
    ck.range(
        site,
        "deregistration_delay_s",
        "the deregistration delay",
        spec.deregistration_delay_s,
        DEREGISTRATION,
    );
}

fn health_check(ck: &mut Checker, site: &Site, hc: &HealthCheckSpec) {
    ck.range(site, "interval_s", "the health-check interval", hc.interval_s, HC_INTERVAL);
    ck.range(site, "timeout_s", "the health-check timeout", hc.timeout_s, HC_TIMEOUT);
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
    ck.range(site, "healthy_threshold", "the healthy threshold", healthy, HEALTHY);
    ck.range(site, "unhealthy_threshold", "the unhealthy threshold", unhealthy, UNHEALTHY);
}
