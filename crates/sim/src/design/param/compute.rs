//! Parameters of what does the work: an instance (and the launch template a group shares
//! with it), auto-scaling groups and their scaling policies (EC2 Auto Scaling User Guide,
//! <https://docs.aws.amazon.com/autoscaling/ec2/userguide/>).

use super::{Domain, Param, above, number, span, whole};
use crate::design::choice::{POLICY_TYPES, choices_of};
use crate::design::{Choice, Distribution, HealthCheckType, Role, Sessions, TrackedMetric};

const INSTANCE: Param = Param { kind: "instance", ..Param::BASE };
const GROUP: Param = Param { kind: "auto_scaling_group", ..Param::BASE };
/// Largest group [instances]; AWS quotas start lower than this.
pub(crate) const MAX_GROUP_SIZE: u32 = 1000;
/// Instances in a group: 0 up to the largest group.
const COUNT: Param = Param { domain: whole(0.0, MAX_GROUP_SIZE as f64), unit: "instances", ..GROUP };
/// Instances a policy adds or removes at once: at most a whole group either way.
const CHANGE: Param = Param { domain: whole(-1000.0, 1000.0), unit: "instances", default: "1", ..GROUP };

pub(crate) const INSTANCE_ZONE: Param = Param {
    path: "zone",
    label: "Zone",
    what: "the zone",
    domain: Domain::Zone,
    default: "a",
    why: "The availability zone it runs in: if that zone fails, so does this instance.",
    ..INSTANCE
};
pub(crate) const SIZE: Param = Param {
    path: "size",
    label: "Size",
    what: "the instance type",
    domain: Domain::InstanceSize,
    default: "m5.large",
    why: "Instance type: how many requests it serves at once and what it costs per hour.",
    ..INSTANCE
};
pub(crate) const SLOTS: Param = Param {
    path: "slots",
    label: "Slots",
    what: "the slot count",
    domain: whole(1.0, 1024.0),
    default: "the size's own slots",
    none: Some("As the size provides"),
    why: "Requests served at once, overriding the size's own count; for experiments such as checking M/M/c theory.",
    ..INSTANCE
};
pub(crate) const ROLE: Param = Param {
    path: "role",
    label: "Role",
    what: "the role",
    domain: Domain::Choice(choices_of!(Role)),
    default: "web",
    why: "Web servers answer clients or a load balancer; workers take messages from a queue, so a slow worker delays work instead of failing it.",
    ..INSTANCE
};
pub(crate) const DISTRIBUTION: Param = Param {
    path: "service.distribution",
    label: "Service time shape",
    what: "the service-time distribution",
    domain: Domain::Choice(choices_of!(Distribution)),
    default: "exponential",
    why: "Shape of the random time one request takes; log-normal has the long tail real latencies show.",
    ..INSTANCE
};
pub(crate) const SERVICE_MEAN: Param = Param {
    path: "service.mean_ms",
    label: "Mean service time",
    what: "the mean service time",
    domain: number(0.01, 600_000.0),
    unit: "ms",
    default: "50 ms",
    why: "Average time one request takes on a slot; with the slots it sets how many requests per second the server can serve.",
    ..INSTANCE
};
pub(crate) const SIGMA: Param = Param {
    path: "service.sigma",
    label: "Sigma",
    what: "the log-normal sigma",
    domain: number(0.0, 3.0),
    default: "0.5",
    why: "Spread of the log-normal service time; larger means a longer tail of slow requests.",
    ..INSTANCE
};
pub(crate) const ACCEPT_QUEUE: Param = Param {
    path: "accept_queue",
    label: "Accept queue",
    what: "the accept queue",
    domain: whole(0.0, 100_000.0),
    unit: "requests",
    default: "100; null = unbounded",
    none: Some("Unbounded"),
    why: "Requests that may wait for a free slot; beyond it requests are rejected at once rather than waiting and timing out.",
    ..INSTANCE
};
pub(crate) const IDEMPOTENT: Param = Param {
    path: "idempotent",
    label: "Idempotent",
    what: "idempotence",
    domain: Domain::Toggle,
    default: "off",
    why: "Processing a message twice does no harm; queues deliver at least once, so duplicates happen after failures.",
    ..INSTANCE
};
pub(crate) const SESSIONS: Param = Param {
    path: "sessions",
    label: "Sessions",
    what: "where sessions are kept",
    domain: Domain::Choice(choices_of!(Sessions)),
    default: "in_memory",
    why: "In memory, a user's session dies with the instance (and needs sticky sessions to be found again); in the linked key-value store or database any instance can serve any user.",
    ..INSTANCE
};

pub(crate) const GROUP_ZONES: Param = Param {
    path: "zones",
    label: "Zones",
    what: "the zones",
    domain: Domain::Zones,
    default: "[\"a\", \"b\"]",
    why: "Zones the group launches into, spread evenly; with two or more, losing a zone leaves capacity running while the group relaunches elsewhere.",
    ..GROUP
};
pub(crate) const MIN: Param = Param {
    path: "min",
    label: "Minimum",
    what: "the minimum capacity",
    default: "2",
    why: "The group never runs fewer instances: the capacity that survives any scale-in.",
    ..COUNT
};
pub(crate) const DESIRED: Param = Param {
    path: "desired",
    label: "Desired",
    what: "the desired capacity",
    default: "2",
    why: "Instances the group keeps running now, replacing any that fail; between minimum and maximum.",
    ..COUNT
};
pub(crate) const MAX: Param = Param {
    path: "max",
    label: "Maximum",
    what: "the maximum capacity",
    default: "6",
    why: "The ceiling: limits cost and how far the group scales out under load.",
    ..COUNT
};
pub(crate) const LAUNCH_TIME: Param = Param {
    path: "launch_time_s",
    label: "Launch time",
    what: "launch time",
    domain: span(3600.0),
    unit: "s",
    default: "[120, 180] s",
    why: "Time from launch to in service, drawn from this range; while a replacement boots, the others carry its load.",
    ..GROUP
};
pub(crate) const HEALTH_CHECK_TYPE: Param = Param {
    path: "health_check_type",
    label: "Health-check type",
    what: "the health-check type",
    domain: Domain::Choice(choices_of!(HealthCheckType)),
    default: "elb",
    why: "EC2 replaces only crashed instances; ELB also replaces hung ones that fail the load balancer's checks.",
    ..GROUP
};
pub(crate) const GRACE: Param = Param {
    path: "grace_period_s",
    label: "Grace period",
    what: "the health-check grace period",
    domain: number(0.0, 7200.0),
    unit: "s",
    default: "300 s",
    why: "Time after launch before health checks count, so a booting instance is not killed; too long leaves a broken one in service.",
    ..GROUP
};
pub(crate) const COOLDOWN: Param = Param {
    path: "cooldown_s",
    label: "Cooldown",
    what: "the cooldown",
    domain: number(0.0, 3600.0),
    unit: "s",
    default: "300 s",
    why: "Wait after a simple-scaling activity before the next, so one spike does not trigger several launches.",
    ..GROUP
};
pub(crate) const WARMUP: Param = Param {
    path: "warmup_s",
    label: "Instance warm-up",
    what: "the instance warm-up",
    domain: number(0.0, 3600.0),
    unit: "s",
    default: "null = the cooldown",
    none: Some("Same as cooldown"),
    why: "Time a new instance is not counted by scaling policies while it warms up, so the group does not over-scale.",
    ..GROUP
};
pub(crate) const POLICY_TYPE: Param = Param {
    path: "policies[].type",
    label: "Policy",
    what: "the policy type",
    domain: Domain::Choice(&POLICY_TYPES),
    default: "target_tracking",
    why: "Target tracking keeps a metric near a target; step and simple scaling react to an alarm.",
    ..GROUP
};
pub(crate) const TRACKED_METRIC: Param = Param {
    path: "policies[].metric",
    label: "Metric",
    what: "the tracked metric",
    domain: Domain::Choice(choices_of!(TrackedMetric)),
    default: "cpu",
    why: "The metric held near the target; backlog per instance scales workers on the queue they consume.",
    ..GROUP
};
pub(crate) const TARGET: Param = Param {
    path: "policies[].target",
    label: "Target",
    what: "the target",
    domain: above(0.0, f64::INFINITY),
    default: "e.g. 50",
    why: "The value to hold the metric at, e.g. 50 (% CPU, at most 100) or 100 (messages per instance).",
    ..GROUP
};
pub(crate) const POLICY_ALARM: Param = Param {
    path: "policies[].alarm",
    label: "Alarm",
    what: "the alarm",
    domain: Domain::Alarm,
    why: "The alarm that triggers this policy when it fires.",
    ..GROUP
};
pub(crate) const ADJUSTMENTS: Param = Param {
    path: "policies[].steps",
    label: "Steps",
    what: "the steps",
    domain: Domain::Adjustments,
    default: "e.g. {\"lower\": 0, \"upper\": null, \"change\": 1}",
    why: "Instances to add by how far the metric breaches the threshold: lower..upper: change, e.g. 0..20: +1, 20..: +3.",
    ..GROUP
};
pub(crate) const STEP_LOWER: Param = Param {
    path: "policies[].steps[].lower",
    label: "Lower bound",
    what: "the lower bound of a step",
    domain: number(f64::NEG_INFINITY, f64::INFINITY),
    default: "null = unbounded",
    none: Some("Unbounded"),
    why: "Smallest breach (metric minus threshold) this step covers, inclusive.",
    ..GROUP
};
pub(crate) const STEP_UPPER: Param = Param {
    path: "policies[].steps[].upper",
    label: "Upper bound",
    what: "the upper bound of a step",
    default: "null = unbounded",
    why: "Breach at which the next step takes over, exclusive; above the lower bound.",
    ..STEP_LOWER
};
pub(crate) const STEP_CHANGE: Param = Param {
    path: "policies[].steps[].change",
    label: "Change",
    what: "the change of a step",
    why: "Instances this step adds (negative: removes); bigger breaches deserve bigger steps.",
    ..CHANGE
};
pub(crate) const SIMPLE_CHANGE: Param = Param {
    path: "policies[].change",
    label: "Change",
    what: "the change",
    why: "Instances to add (negative: remove) each time the alarm fires.",
    ..CHANGE
};

/// Instance (and launch template), then group and policies, in the inspector's order.
pub(crate) const COMPUTE: &[Param] = &[
    INSTANCE_ZONE,
    SIZE,
    SLOTS,
    ROLE,
    DISTRIBUTION,
    SERVICE_MEAN,
    SIGMA,
    ACCEPT_QUEUE,
    IDEMPOTENT,
    SESSIONS,
    GROUP_ZONES,
    MIN,
    DESIRED,
    MAX,
    LAUNCH_TIME,
    HEALTH_CHECK_TYPE,
    GRACE,
    COOLDOWN,
    WARMUP,
    POLICY_TYPE,
    TRACKED_METRIC,
    TARGET,
    POLICY_ALARM,
    ADJUSTMENTS,
    STEP_LOWER,
    STEP_UPPER,
    STEP_CHANGE,
    SIMPLE_CHANGE,
];
