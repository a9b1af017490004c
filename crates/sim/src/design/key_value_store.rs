//! A managed key-value store, modelled on Amazon DynamoDB with provisioned capacity.
//!
//! Facts used (AWS documentation):
//! - "Amazon DynamoDB: How it works — Core components" and "Global infrastructure" —
//!   a table is a regional service whose data is stored on SSDs and automatically
//!   replicated across three Availability Zones in the Region, so the loss of one zone
//!   does not take it down
//!   (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.Partitions.html>).
//! - "Read consistency" — reads are eventually consistent by default; "the response might
//!   not reflect the results of a recently completed write", and "consistency across all
//!   copies of data is usually reached within a second". Strongly consistent reads return
//!   the latest data and use twice the read capacity of eventually consistent ones
//!   (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html>).
//! - "Provisioned capacity mode" — one read capacity unit is one strongly consistent read
//!   per second, or two eventually consistent reads, of up to 4 KB; one write capacity unit
//!   is one write per second of up to 1 KB; requests beyond the provisioned throughput are
//!   throttled (`ProvisionedThroughputExceededException`)
//!   (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/provisioned-capacity-mode.html>).
//! - "Condition expressions" — a conditional write succeeds only if the item's attributes
//!   meet the condition, otherwise it fails with `ConditionalCheckFailedException`
//!   (optimistic locking with a version number)
//!   (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html>).

use serde::{Deserialize, Serialize};

/// A region-wide key-value store: no zone, a throughput limit, read consistency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeyValueStoreSpec {
    /// Provisioned read capacity [read capacity units]: strongly consistent reads per
    /// second, or twice as many eventually consistent ones. Default 1000, range 1–40,000
    /// (the default per-table quota).
    pub read_capacity: u32,
    /// Provisioned write capacity [write capacity units]: writes per second. Default 500,
    /// range 1–40,000.
    pub write_capacity: u32,
    /// Reads are strongly consistent (never stale, twice the read capacity); DynamoDB's
    /// default is off (eventually consistent).
    pub consistent_reads: bool,
    /// Longest time a copy trails a write [ms]: an eventually consistent read within this
    /// window after a write of its item returns the old value. AWS: "usually within a
    /// second"; default 1000, range 0–60,000.
    pub replication_lag_ms: f64,
    /// Time one call takes [ms]; DynamoDB answers in single-digit milliseconds. Default 5,
    /// range 0.1–1000.
    pub latency_ms: f64,
}

impl Default for KeyValueStoreSpec {
    fn default() -> Self {
        KeyValueStoreSpec {
            read_capacity: 1000,
            write_capacity: 500,
            consistent_reads: false,
            replication_lag_ms: 1000.0,
            latency_ms: 5.0,
        }
    }
}
