//! Incidents: each fault, when it was detected, when requests stopped failing, and what
//! it cost in failed requests.

use serde::Serialize;

use crate::ids::{Subject, ZoneId};
use crate::time::{Micros, SECOND};

/// Failure-free time after which an incident counts as recovered [µs].
pub const QUIET_TO_RECOVER: Micros = 30 * SECOND;

/// One fault and its consequences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Incident {
    /// What was done, e.g. "killed i-3".
    pub label: String,
    /// When [µs].
    pub started: Micros,
    /// First automatic reaction: out of service, marked unhealthy, failover started [µs].
    pub detected: Option<Micros>,
    /// When requests stopped failing (followed by 30 s without failures) [µs].
    pub recovered: Option<Micros>,
    /// Requests failed from the fault until recovery.
    pub failed_requests: u64,
    #[serde(skip)]
    subject: Subject,
    #[serde(skip)]
    last_failure: Option<Micros>,
}

impl Incident {
    /// Seconds from the fault to its detection.
    pub fn time_to_detect_s(&self) -> Option<f64> {
        self.detected.map(|d| (d - self.started) as f64 / 1e6)
    }

    /// Seconds from the fault to recovery.
    pub fn time_to_recover_s(&self) -> Option<f64> {
        self.recovered.map(|r| (r - self.started) as f64 / 1e6)
    }
}

/// Every incident of a run.
#[derive(Clone, Debug, Default)]
pub struct Incidents {
    list: Vec<Incident>,
}

impl Incidents {
    /// A fault was applied.
    pub(crate) fn open(&mut self, now: Micros, label: String, subject: Subject) {
        let incident = Incident {
            label,
            started: now,
            detected: None,
            recovered: None,
            failed_requests: 0,
            subject,
            last_failure: None,
        };
        self.list.push(incident);
    }

    /// A request failed: charged to every incident not yet recovered.
    pub(crate) fn count_failure(&mut self, now: Micros) {
        for incident in self.list.iter_mut().filter(|i| i.recovered.is_none()) {
            incident.failed_requests += 1;
            incident.last_failure = Some(now);
        }
    }

    /// Something reacted to trouble of an instance (or a database) in `zone`: its
    /// incidents, and those of its zone, are detected.
    pub(crate) fn detect(&mut self, now: Micros, subject: Subject, zone: ZoneId) {
        for incident in self.list.iter_mut().filter(|i| i.detected.is_none()) {
            if incident.subject == subject || incident.subject == Subject::Zone(zone) {
                incident.detected = Some(now);
            }
        }
    }

    /// Once a second: incidents whose failures stopped 30 s ago are recovered.
    pub(crate) fn tick(&mut self, now: Micros) {
        for incident in self.list.iter_mut().filter(|i| i.recovered.is_none()) {
            let quiet_since = incident.last_failure.unwrap_or(incident.started);
            if now >= quiet_since + QUIET_TO_RECOVER {
                incident.recovered = Some(quiet_since);
            }
        }
    }

    /// Every incident so far.
    pub fn all(&self) -> &[Incident] {
        &self.list
    }
}
