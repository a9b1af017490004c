//! Parameters of where requests come from and how they are spread: clients and load
//! balancers (ALB ranges: Elastic Load Balancing, "Health checks for Application Load
//! Balancer target groups", <https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html>).

use super::{Domain, Param, above, number, whole};
use crate::design::choice::{PROFILE_SHAPES, choices_of};
use crate::design::{Choice, Routing};

const CLIENTS: Param = Param { kind: "clients", ..Param::BASE };
const LB: Param = Param { kind: "load_balancer", ..Param::BASE };

/// A request rate [requests/s]: enough for any workshop, small enough to simulate.
const RATE: Param =
    Param { domain: number(0.0, 100_000.0), unit: "requests/s", default: "100 requests/s", ..CLIENTS };

pub(crate) const PROFILE_SHAPE: Param = Param {
    path: "profile.shape",
    label: "Rate profile",
    what: "the rate profile",
    domain: Domain::Choice(&PROFILE_SHAPES),
    default: "constant",
    why: "How the request rate changes over time; ramps, spikes and daily peaks are what scaling must keep up with.",
    ..CLIENTS
};
pub(crate) const PROFILE_RATE: Param = Param {
    path: "profile.rate",
    label: "Rate",
    what: "the request rate",
    why: "Requests per second the clients send; capacity below this means queued, slow or failed requests.",
    ..RATE
};
pub(crate) const RAMP_FROM: Param = Param {
    path: "profile.from",
    label: "Starting rate",
    what: "the ramp's starting rate",
    why: "The rate at the start of the ramp, before scaling has had to react.",
    ..RATE
};
pub(crate) const RAMP_TO: Param = Param {
    path: "profile.to",
    label: "Final rate",
    what: "the ramp's final rate",
    why: "The rate the ramp ends at and then holds; watch whether scaling keeps pace.",
    ..RATE
};
pub(crate) const RAMP_OVER: Param = Param {
    path: "profile.over_s",
    label: "Ramp time",
    what: "the ramp time",
    domain: above(0.0, f64::INFINITY),
    unit: "s",
    default: "seconds, e.g. 600 for ten minutes",
    why: "How long the ramp takes; a fast ramp outruns instances that take minutes to launch.",
    ..CLIENTS
};
pub(crate) const SPIKE_BASE: Param = Param {
    path: "profile.base",
    label: "Base rate",
    what: "the base rate",
    why: "The usual rate before and after the spike, which the steady capacity must carry.",
    ..RATE
};
pub(crate) const SPIKE_PEAK: Param = Param {
    path: "profile.peak",
    label: "Peak rate",
    what: "the spike's peak rate",
    why: "The rate during the spike; a queue or spare capacity must absorb it.",
    ..RATE
};
pub(crate) const SPIKE_AT: Param = Param {
    path: "profile.at_s",
    label: "Spike starts at",
    what: "the spike start",
    domain: number(0.0, f64::INFINITY),
    unit: "s",
    default: "e.g. 60 s",
    why: "Simulated time the spike begins, so it can be lined up with a fault.",
    ..CLIENTS
};
pub(crate) const SPIKE_FOR: Param = Param {
    path: "profile.for_s",
    label: "Spike lasts",
    what: "the spike length",
    domain: above(0.0, f64::INFINITY),
    unit: "s",
    default: "seconds, e.g. 120",
    why: "How long the spike lasts; short spikes end before new instances are in service.",
    ..CLIENTS
};
pub(crate) const DAILY_MEAN: Param = Param {
    path: "profile.mean",
    label: "Mean rate",
    what: "the mean daily rate",
    why: "The average rate over a cycle, which sets the capacity needed on an average hour.",
    ..RATE
};
pub(crate) const DAILY_AMPLITUDE: Param = Param {
    path: "profile.amplitude",
    label: "Amplitude",
    what: "the daily amplitude",
    domain: number(0.0, 1.0),
    default: "e.g. 0.5",
    why: "Swing around the mean as a fraction (0.5 = ±50 %); scaling follows it to save cost at night.",
    ..CLIENTS
};
pub(crate) const DAILY_PERIOD: Param = Param {
    path: "profile.period_s",
    label: "Period",
    what: "the daily period",
    domain: number(60.0, f64::INFINITY),
    unit: "s",
    default: "86,400 s, one day",
    why: "Length of one cycle; a day is 86,400 s.",
    ..CLIENTS
};
pub(crate) const STEPS: Param = Param {
    path: "profile.steps",
    label: "Steps",
    what: "the steps",
    domain: Domain::Rates,
    default: "e.g. {\"at_s\": 0, \"rate\": 100}",
    why: "Piecewise-constant rate as time: rate pairs, e.g. 0: 100, 600: 400 (req/s from each time in seconds).",
    ..CLIENTS
};
pub(crate) const STEP_AT: Param = Param {
    path: "profile.steps[].at_s",
    label: "Step starts at",
    what: "the start of a step",
    domain: number(0.0, f64::INFINITY),
    unit: "s",
    default: "0 s",
    why: "When a step's rate takes over; steps are listed in time order.",
    ..CLIENTS
};
pub(crate) const STEP_RATE: Param = Param {
    path: "profile.steps[].rate",
    label: "Step rate",
    what: "the rate of a step",
    why: "The rate from the step's time until the next step.",
    ..RATE
};
pub(crate) const READ_FRACTION: Param = Param {
    path: "read_fraction",
    label: "Read fraction",
    what: "the read fraction",
    domain: number(0.0, 1.0),
    default: "0.8",
    why: "Share of requests that only read (0–1); reads can use read replicas, writes need the primary database.",
    ..CLIENTS
};
pub(crate) const CLIENT_TIMEOUT: Param = Param {
    path: "timeout_s",
    label: "Client timeout",
    what: "the request timeout",
    domain: number(0.1, 3600.0),
    unit: "s",
    default: "30 s; null waits forever",
    none: Some("Wait forever"),
    why: "How long a client waits before giving up; an answer that comes later counts as a failure, which is how a hung server costs availability.",
    ..CLIENTS
};

pub(crate) const LB_ZONES: Param = Param {
    path: "zones",
    label: "Zones",
    what: "the zones",
    domain: Domain::Zones,
    default: "[\"a\", \"b\"]",
    why: "Zones with a load-balancer node; an ALB needs at least two, so losing one zone leaves another answering.",
    ..LB
};
pub(crate) const CROSS_ZONE: Param = Param {
    path: "cross_zone",
    label: "Cross-zone load balancing",
    what: "cross-zone load balancing",
    domain: Domain::Toggle,
    default: "on",
    why: "Each node spreads requests over healthy targets in every zone (ALB default on); off, a zone with fewer targets is overloaded.",
    ..LB
};
pub(crate) const ROUTING: Param = Param {
    path: "routing",
    label: "Routing",
    what: "the routing algorithm",
    domain: Domain::Choice(choices_of!(Routing)),
    default: "round_robin",
    why: "Round robin gives every target the same share; least outstanding requests steers around slow or overloaded targets.",
    ..LB
};
pub(crate) const HC_INTERVAL: Param = Param {
    path: "health_check.interval_s",
    label: "Interval",
    what: "the health-check interval",
    domain: number(5.0, 300.0),
    unit: "s",
    default: "30 s",
    why: "Time between checks of each target; shorter intervals notice a dead instance sooner, so fewer requests are sent to it.",
    ..LB
};
pub(crate) const HC_TIMEOUT: Param = Param {
    path: "health_check.timeout_s",
    label: "Timeout",
    what: "the health-check timeout",
    domain: number(2.0, 120.0),
    unit: "s",
    default: "5 s",
    why: "A check not answered within this time fails; it must be shorter than the interval.",
    ..LB
};
pub(crate) const HEALTHY: Param = Param {
    path: "health_check.healthy_threshold",
    label: "Healthy threshold",
    what: "the healthy threshold",
    domain: whole(2.0, 10.0),
    unit: "checks",
    default: "5",
    why: "Consecutive passes before a target gets traffic again; higher is safer but restores capacity more slowly.",
    ..LB
};
pub(crate) const UNHEALTHY: Param = Param {
    path: "health_check.unhealthy_threshold",
    label: "Unhealthy threshold",
    what: "the unhealthy threshold",
    domain: whole(2.0, 10.0),
    unit: "checks",
    default: "2",
    why: "Consecutive failures before a target leaves service; until then about interval × threshold of requests still go to a dead target.",
    ..LB
};
pub(crate) const USERS: Param = Param {
    path: "users",
    label: "Users",
    what: "the number of users",
    domain: whole(1.0, 1_000_000.0),
    unit: "users",
    default: "1,000 users",
    why: "Distinct users behind the requests; sticky sessions bind each to one target, so few users spread unevenly and a dead target takes its users' sessions with it.",
    ..CLIENTS
};
pub(crate) const STATIC_FRACTION: Param = Param {
    path: "static_fraction",
    label: "Static fraction",
    what: "the static fraction",
    domain: number(0.0, 1.0),
    default: "0",
    why: "Share of requests for static assets (images, scripts, styles); a CDN in front answers them from its edges so only the rest reach the servers, without one the servers serve them all.",
    ..CLIENTS
};
pub(crate) const STICKINESS: Param = Param {
    path: "stickiness",
    label: "Sticky sessions",
    what: "sticky sessions",
    domain: Domain::Toggle,
    default: "off",
    why: "A cookie (AWSALB) sends each user back to the same target (ALB default off); sessions kept in that target's memory are lost when it dies.",
    ..LB
};
pub(crate) const STICKINESS_DURATION: Param = Param {
    path: "stickiness_duration_s",
    label: "Stickiness duration",
    what: "the stickiness duration",
    domain: number(1.0, 604_800.0),
    unit: "s",
    default: "86,400 s, one day",
    why: "How long the cookie binds a user to a target (ALB: 1 s to 7 days, default 1 day); longer keeps load uneven for longer.",
    ..LB
};
pub(crate) const DEREGISTRATION: Param = Param {
    path: "deregistration_delay_s",
    label: "Deregistration delay",
    what: "the deregistration delay",
    domain: number(0.0, 3600.0),
    unit: "s",
    default: "300 s",
    why: "How long a leaving target may finish its in-flight requests; too short cuts requests off, too long slows replacement.",
    ..LB
};

/// Clients, then load balancer, in the inspector's order.
pub(crate) const TRAFFIC: &[Param] = &[
    PROFILE_SHAPE,
    PROFILE_RATE,
    RAMP_FROM,
    RAMP_TO,
    RAMP_OVER,
    SPIKE_BASE,
    SPIKE_PEAK,
    SPIKE_AT,
    SPIKE_FOR,
    DAILY_MEAN,
    DAILY_AMPLITUDE,
    DAILY_PERIOD,
    STEPS,
    STEP_AT,
    STEP_RATE,
    READ_FRACTION,
    CLIENT_TIMEOUT,
    USERS,
    STATIC_FRACTION,
    LB_ZONES,
    CROSS_ZONE,
    ROUTING,
    HC_INTERVAL,
    HC_TIMEOUT,
    HEALTHY,
    UNHEALTHY,
    DEREGISTRATION,
    STICKINESS,
    STICKINESS_DURATION,
];
