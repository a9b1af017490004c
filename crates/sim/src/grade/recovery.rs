//! Recovery in the words AWS Resilience Hub uses: for each disruption type, the recovery
//! time (RTO) and data loss (RPO) achieved in the experiments, against a policy.

use serde::{Deserialize, Serialize};

use super::experiment::ExperimentRecord;

/// The disruption types of a resilience assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disruption {
    /// An instance or load-balancer node fails (hardware).
    Instance,
    /// Software fails: an instance hangs, alive but not answering.
    Software,
    /// A whole availability zone is lost.
    Zone,
    /// The database primary fails.
    Database,
    /// A dependency stops: the consumers of a queue.
    Dependency,
}

impl Disruption {
    /// Every disruption type in report order.
    pub const ALL: [Disruption; 5] = [
        Disruption::Instance,
        Disruption::Software,
        Disruption::Zone,
        Disruption::Database,
        Disruption::Dependency,
    ];

    /// The name as text, e.g. `zone`.
    pub fn as_str(self) -> &'static str {
        match self {
            Disruption::Instance => "instance",
            Disruption::Software => "software",
            Disruption::Zone => "zone",
            Disruption::Database => "database",
            Disruption::Dependency => "dependency",
        }
    }
}

/// Targets for one disruption type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Recovery time objective [s].
    pub rto_s: f64,
    /// Recovery point objective: writes plus messages that may be lost.
    pub rpo_lost: u64,
}

/// Recovery targets per disruption type; default RTO 5 min and RPO 0 for instance,
/// software, zone and dependency, RTO 3 min and RPO 0 for the database.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecoveryPolicy {
    /// Instance (hardware) failure.
    pub instance: Target,
    /// Software failure (hang).
    pub software: Target,
    /// Zone loss.
    pub zone: Target,
    /// Database primary failure.
    pub database: Target,
    /// Dependency (queue consumers) outage.
    pub dependency: Target,
}

impl Default for RecoveryPolicy {
    fn default() -> Self {
        let five_minutes = Target { rto_s: 300.0, rpo_lost: 0 };
        RecoveryPolicy {
            instance: five_minutes.clone(),
            software: five_minutes.clone(),
            zone: five_minutes.clone(),
            database: Target { rto_s: 180.0, rpo_lost: 0 },
            dependency: five_minutes,
        }
    }
}

impl RecoveryPolicy {
    /// The target for one disruption type.
    pub fn target(&self, disruption: Disruption) -> &Target {
        match disruption {
            Disruption::Instance => &self.instance,
            Disruption::Software => &self.software,
            Disruption::Zone => &self.zone,
            Disruption::Database => &self.database,
            Disruption::Dependency => &self.dependency,
        }
    }
}

/// Data lost in a disruption: the achieved recovery point.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rpo {
    /// Committed database writes lost.
    pub writes_lost: u64,
    /// Queue messages lost (expired unprocessed).
    pub messages_lost: u64,
}

impl Rpo {
    /// Writes and messages lost together.
    pub fn total(&self) -> u64 {
        self.writes_lost + self.messages_lost
    }
}

/// Recovery achieved for one disruption type: the worst experiment of that type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// The disruption type.
    #[serde(rename = "type")]
    pub kind: Disruption,
    /// Worst recovery time measured [s]; `None` when it never recovered within the experiment.
    pub rto_s: Option<f64>,
    /// Worst data loss measured.
    pub rpo: Rpo,
    /// The policy's target.
    pub policy: Target,
    /// Both RTO and RPO within the policy.
    pub met: bool,
    /// Index of the experiment that set the worst figure.
    pub experiment: usize,
}

/// One recovery row per disruption type that some experiment exercised, in
/// [`Disruption::ALL`] order.
pub fn assess(experiments: &[ExperimentRecord], policy: &RecoveryPolicy) -> Vec<Recovery> {
    Disruption::ALL.iter().filter_map(|&kind| assess_one(experiments, kind, policy)).collect()
}

fn assess_one(
    experiments: &[ExperimentRecord],
    kind: Disruption,
    policy: &RecoveryPolicy,
) -> Option<Recovery> {
    let target = policy.target(kind).clone();
    let mut worst: Option<Recovery> = None;
    for (index, record) in experiments.iter().enumerate().filter(|(_, r)| r.disruption == Some(kind)) {
        let result = &record.result;
        let rto_s = result.time_to_recover_s;
        let rpo = Rpo { writes_lost: result.writes_lost, messages_lost: result.messages_lost };
        let met = rto_s.is_some_and(|r| r <= target.rto_s) && rpo.total() <= target.rpo_lost;
        let row = Recovery { kind, rto_s, rpo, policy: target.clone(), met, experiment: index };
        if worst.as_ref().is_none_or(|w| worse(&row, w)) {
            worst = Some(row);
        }
    }
    worst
}

/// Breached beats met; then never-recovered beats recovered; then slower, then lossier.
fn worse(a: &Recovery, b: &Recovery) -> bool {
    let key = |r: &Recovery| (!r.met, r.rto_s.is_none(), r.rto_s.unwrap_or(0.0), r.rpo.total());
    let (ka, kb) = (key(a), key(b));
    (ka.0, ka.1).cmp(&(kb.0, kb.1)).then(ka.2.total_cmp(&kb.2)).then(ka.3.cmp(&kb.3)).is_gt()
}
