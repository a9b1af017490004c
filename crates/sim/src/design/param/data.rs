//! Parameters of where data waits and lives: SQS queues (Amazon SQS Developer Guide,
//! "Amazon SQS quotas", <https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-quotas.html>)
//! and RDS databases (Amazon RDS User Guide, "Multi-AZ DB instance deployments",
//! <https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html>).

use super::{Domain, Param, number, span, whole};

const QUEUE: Param = Param { kind: "queue", unit: "s", ..Param::BASE };
const DATABASE: Param = Param { kind: "database", ..Param::BASE };
const STORE: Param = Param { kind: "key_value_store", ..Param::BASE };

// Key-value store: DynamoDB facts and sources are on `KeyValueStoreSpec`.
pub(crate) const READ_CAPACITY: Param = Param {
    path: "read_capacity",
    label: "Read capacity",
    what: "the read capacity",
    domain: whole(1.0, 40_000.0),
    unit: "RCU",
    default: "1,000 RCU",
    why: "Provisioned read capacity units: strongly consistent reads per second, or twice as many eventually consistent ones; reads beyond it are throttled and fail.",
    ..STORE
};
pub(crate) const WRITE_CAPACITY: Param = Param {
    path: "write_capacity",
    label: "Write capacity",
    what: "the write capacity",
    domain: whole(1.0, 40_000.0),
    unit: "WCU",
    default: "500 WCU",
    why: "Provisioned write capacity units: writes per second; writes beyond it are throttled and fail.",
    ..STORE
};
pub(crate) const CONSISTENT_READS: Param = Param {
    path: "consistent_reads",
    label: "Strongly consistent reads",
    what: "strongly consistent reads",
    domain: Domain::Toggle,
    default: "off (eventually consistent)",
    why: "On, every read sees the latest write but costs twice the read capacity; off (DynamoDB's default), a read soon after a write may return the old value.",
    ..STORE
};
pub(crate) const REPLICATION_LAG: Param = Param {
    path: "replication_lag_ms",
    label: "Replication lag (longest)",
    what: "the replication lag",
    domain: number(0.0, 60_000.0),
    unit: "ms",
    default: "1,000 ms",
    why: "How long a copy may trail a write (AWS: consistency is usually reached within a second); eventually consistent reads within it can be stale.",
    ..STORE
};
pub(crate) const STORE_LATENCY: Param = Param {
    path: "latency_ms",
    label: "Latency",
    what: "the call latency",
    domain: number(0.1, 1000.0),
    unit: "ms",
    default: "5 ms",
    why: "Time one read or write takes (DynamoDB: single-digit milliseconds); the calling request holds its slot meanwhile.",
    ..STORE
};

pub(crate) const VISIBILITY: Param = Param {
    path: "visibility_timeout_s",
    label: "Visibility timeout",
    what: "the visibility timeout",
    domain: number(0.0, 43_200.0),
    default: "30 s",
    why: "A received message stays hidden this long; if its worker dies it reappears for another, so nothing is lost. Keep it above the processing time.",
    ..QUEUE
};
pub(crate) const RETENTION: Param = Param {
    path: "retention_s",
    label: "Retention",
    what: "the retention period",
    domain: number(60.0, 1_209_600.0),
    default: "345,600 s, four days",
    why: "Messages older than this are deleted unprocessed; long retention lets work survive a long outage of the consumers.",
    ..QUEUE
};
pub(crate) const RECEIVE_WAIT: Param = Param {
    path: "receive_wait_s",
    label: "Receive wait",
    what: "the receive wait time",
    domain: number(0.0, 20.0),
    default: "20 s",
    why: "Long-poll wait of a receive (AWS default 0, recommended 20): fewer empty receives, lower cost.",
    ..QUEUE
};
pub(crate) const BATCH: Param = Param {
    path: "batch_size",
    label: "Batch size",
    what: "the receive batch size",
    domain: whole(1.0, 10.0),
    unit: "messages",
    default: "10 messages",
    why: "Messages one receive may return; bigger batches mean fewer receives for the same work.",
    ..QUEUE
};
pub(crate) const MAX_RECEIVES: Param = Param {
    path: "max_receive_count",
    label: "Max receives before dead-letter",
    what: "the max receive count",
    domain: whole(1.0, 1000.0),
    unit: "receives",
    default: "5; null = no dead-letter queue",
    none: Some("No dead-letter queue"),
    why: "After this many receives without success a message moves to a dead-letter queue, so one poison message cannot block work forever.",
    ..QUEUE
};

pub(crate) const DB_ZONE: Param = Param {
    path: "zone",
    label: "Zone",
    what: "the primary's zone",
    domain: Domain::Zone,
    default: "a",
    why: "Zone of the primary, which takes every write; lost without a standby, writes stop until a restore.",
    ..DATABASE
};
pub(crate) const STANDBY_ZONE: Param = Param {
    path: "standby_zone",
    label: "Standby zone (Multi-AZ)",
    what: "the standby's zone",
    domain: Domain::Zone,
    default: "null = single-AZ",
    none: Some("None (single-AZ)"),
    why: "A synchronous standby in another zone takes over in about 60–120 s when the primary or its zone fails.",
    ..DATABASE
};
/// Most read replicas of one database (RDS allows 5 for most engines).
pub(crate) const MAX_REPLICAS: usize = 5;
pub(crate) const READ_REPLICAS: Param = Param {
    path: "read_replicas",
    label: "Read replicas",
    what: "the read replicas",
    domain: Domain::ZoneList { max: MAX_REPLICAS },
    default: "none",
    why: "Asynchronous copies that serve reads; they add read capacity and keep reads answered while the primary is down.",
    ..DATABASE
};
pub(crate) const DB_CLASS: Param = Param {
    path: "size",
    label: "Class",
    what: "the database class",
    domain: Domain::DatabaseClass,
    default: "db.m5.large",
    why: "Database class: queries served at once and the price per hour (a Multi-AZ standby doubles it).",
    ..DATABASE
};
pub(crate) const DB_SLOTS: Param = Param {
    path: "slots",
    label: "Slots",
    what: "the slot count",
    domain: whole(1.0, 1024.0),
    unit: "queries",
    default: "16 queries",
    why: "Queries served at once; beyond them queries wait, and waiting queries slow every request.",
    ..DATABASE
};
pub(crate) const QUERY_MS: Param = Param {
    path: "query_ms",
    label: "Mean query time",
    what: "the mean query time",
    domain: number(0.01, 60_000.0),
    unit: "ms",
    default: "5 ms",
    why: "Average time one query takes; with the slots it sets the queries per second the database can serve.",
    ..DATABASE
};
pub(crate) const FAILOVER: Param = Param {
    path: "failover_s",
    label: "Failover time",
    what: "failover time",
    domain: span(86_400.0),
    unit: "s",
    default: "[60, 120] s",
    why: "How long a Multi-AZ failover takes (AWS: typically 60–120 s); writes fail meanwhile.",
    ..DATABASE
};
pub(crate) const HOST_REPLACEMENT: Param = Param {
    path: "host_replacement_s",
    label: "Host replacement",
    what: "host replacement time",
    default: "[600, 1800] s",
    why: "Single-AZ only: time to replace a failed host (10–30 minutes), with the database down meanwhile.",
    ..FAILOVER
};
/// A point-in-time restore may take up to a week.
pub(crate) const RESTORE: Param = Param {
    path: "restore_s",
    label: "Point-in-time restore",
    what: "restore time",
    domain: span(604_800.0),
    default: "[7200, 14400] s",
    why: "Single-AZ only: time to restore after losing the zone; often hours.",
    ..FAILOVER
};
pub(crate) const RECOVERY_POINT: Param = Param {
    path: "recovery_point_s",
    label: "Recovery point",
    what: "the recovery point",
    domain: number(0.0, 86_400.0),
    unit: "s",
    default: "300 s",
    why: "Writes from this long before a restore's failure are lost; AWS says typically within the last five minutes.",
    ..DATABASE
};
pub(crate) const REPLICA_LAG: Param = Param {
    path: "replica_lag_ms",
    label: "Replica lag",
    what: "the replica lag",
    domain: number(0.0, 3_600_000.0),
    unit: "ms",
    default: "100 ms",
    why: "How far read replicas trail the primary; reads from them can be this stale.",
    ..DATABASE
};

/// Queue, database, then key-value store, in the inspector's order.
pub(crate) const DATA: &[Param] = &[
    VISIBILITY,
    RETENTION,
    RECEIVE_WAIT,
    BATCH,
    MAX_RECEIVES,
    DB_ZONE,
    STANDBY_ZONE,
    READ_REPLICAS,
    DB_CLASS,
    DB_SLOTS,
    QUERY_MS,
    FAILOVER,
    HOST_REPLACEMENT,
    RESTORE,
    RECOVERY_POINT,
    REPLICA_LAG,
    READ_CAPACITY,
    WRITE_CAPACITY,
    CONSISTENT_READS,
    REPLICATION_LAG,
    STORE_LATENCY,
];
