//! An RDS-style database: a primary, an optional Multi-AZ standby, read replicas.

use serde::{Deserialize, Serialize};

/// A relational database instance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DatabaseSpec {
    /// Zone of the primary.
    pub zone: String,
    /// Zone of the synchronous Multi-AZ standby; `null` = single-AZ.
    pub standby_zone: Option<String>,
    /// Zones of asynchronous read replicas (they serve reads).
    pub read_replicas: Vec<String>,
    /// Instance class from the price table, e.g. `db.m5.large`.
    pub size: String,
    /// Queries served at once.
    pub slots: u32,
    /// Mean query time [ms]; exponential.
    pub query_ms: f64,
    /// Multi-AZ failover duration range [s]; AWS: "typically 60–120 seconds".
    pub failover_s: [f64; 2],
    /// Single-AZ host replacement range [s] after an instance failure; 10–30 minutes.
    pub host_replacement_s: [f64; 2],
    /// Point-in-time restore duration range [s] after losing a single-AZ database's zone.
    pub restore_s: [f64; 2],
    /// Recovery point [s]: writes committed this long before a restore's failure are lost; AWS "typically within the last five minutes".
    pub recovery_point_s: f64,
    /// Mean replication lag of read replicas [ms].
    pub replica_lag_ms: f64,
}

impl Default for DatabaseSpec {
    fn default() -> Self {
        DatabaseSpec {
            zone: "a".to_owned(),
            standby_zone: None,
            read_replicas: Vec::new(),
            size: "db.m5.large".to_owned(),
            slots: 16,
            query_ms: 5.0,
            failover_s: [60.0, 120.0],
            host_replacement_s: [600.0, 1800.0],
            restore_s: [7200.0, 14_400.0],
            recovery_point_s: 300.0,
            replica_lag_ms: 100.0,
        }
    }
}
