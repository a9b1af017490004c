//! Checks of where data waits and lives: queues and databases.

use super::checker::{Bounds, Checker, Site, bounds};
use crate::design::{DatabaseSpec, QueueSpec};
use crate::price_table::PriceTable;

const VISIBILITY: Bounds = bounds(0.0, 43_200.0, " s", "30 s");
const RETENTION: Bounds = bounds(60.0, 1_209_600.0, " s", "345,600 s, four days");
const RECEIVE_WAIT: Bounds = bounds(0.0, 20.0, " s", "20 s");
const BATCH: Bounds = bounds(1.0, 10.0, " messages", "10 messages");
const MAX_RECEIVES: Bounds = bounds(1.0, 1000.0, " receives", "5; null = no dead-letter queue");

const DB_SLOTS: Bounds = bounds(1.0, 1024.0, " queries", "16 queries");
const QUERY_MS: Bounds = bounds(0.01, 60_000.0, " ms", "5 ms");
const FAILOVER: Bounds = bounds(0.0, 86_400.0, " s", "[60, 120] s");
const HOST_REPLACEMENT: Bounds = bounds(0.0, 86_400.0, " s", "[600, 1800] s");
/// A point-in-time restore may take up to a week.
const RESTORE: Bounds = bounds(0.0, 604_800.0, " s", "[7200, 14400] s");
const RECOVERY_POINT: Bounds = bounds(0.0, 86_400.0, " s", "300 s");
const REPLICA_LAG: Bounds = bounds(0.0, 3_600_000.0, " ms", "100 ms");
/// Most read replicas of one database (RDS allows 5 for most engines).
const MAX_REPLICAS: usize = 5;

/// Checks a queue's timings and batch settings.
pub(super) fn queue(ck: &mut Checker, site: &Site, spec: &QueueSpec) {
    ck.range(site, "visibility_timeout_s", "the visibility timeout", spec.visibility_timeout_s, VISIBILITY);
    ck.range(site, "retention_s", "the retention period", spec.retention_s, RETENTION);
    ck.range(site, "receive_wait_s", "the receive wait time", spec.receive_wait_s, RECEIVE_WAIT);
    ck.range(site, "batch_size", "the receive batch size", f64::from(spec.batch_size), BATCH);
    let max_receives = spec.max_receive_count.map(f64::from);
    ck.range_opt(site, "max_receive_count", "the max receive count", max_receives, MAX_RECEIVES);
}

/// Checks a database: where its copies are, its class and its timings.
pub(super) fn database(ck: &mut Checker, site: &Site, spec: &DatabaseSpec) {
    placement(ck, site, spec);
    let prices = PriceTable::standard();
    if prices.database(&spec.size).is_none() {
        let classes: Vec<&str> = prices.databases.keys().map(String::as_str).collect();
        let message = format!(
            "{} has class {:?}, which is not in the price table; choose one of: {}",
            site.who,
            spec.size,
            classes.join(", ")
        );
        ck.report(&site.path("size"), message);
    }
    ck.range(site, "slots", "the slot count", f64::from(spec.slots), DB_SLOTS);
    ck.range(site, "query_ms", "the mean query time", spec.query_ms, QUERY_MS);
    ck.span(site, "failover_s", "failover time", spec.failover_s, FAILOVER);
    ck.span(site, "host_replacement_s", "host replacement time", spec.host_replacement_s, HOST_REPLACEMENT);
    ck.span(site, "restore_s", "restore time", spec.restore_s, RESTORE);
    ck.range(site, "recovery_point_s", "the recovery point", spec.recovery_point_s, RECOVERY_POINT);
    ck.range(site, "replica_lag_ms", "the replica lag", spec.replica_lag_ms, REPLICA_LAG);
}

/// Primary, standby and replicas each in one of the region's zones; the standby elsewhere.
fn placement(ck: &mut Checker, site: &Site, spec: &DatabaseSpec) {
    ck.zone(&site.path("zone"), &site.who, "has its primary in", &spec.zone);
    if let Some(standby) = &spec.standby_zone {
        let path = site.path("standby_zone");
        if *standby == spec.zone {
            let other = ck.design.region.zones.iter().find(|z| **z != spec.zone);
            let example = other.map_or_else(String::new, |z| format!(", e.g. {z}"));
            let message = format!(
                "{} has its standby in zone {standby}, the same zone as its primary; a Multi-AZ standby must be in another zone{example}",
                site.who
            );
            ck.report(&path, message);
        } else {
            ck.zone(&path, &site.who, "has its standby in", standby);
        }
    }
    // Several replicas may share a zone (more read capacity there), so no duplicate check.
    for (k, zone) in spec.read_replicas.iter().enumerate() {
        ck.zone(&site.path(&format!("read_replicas[{k}]")), &site.who, "has a read replica in", zone);
    }
    if spec.read_replicas.len() > MAX_REPLICAS {
        let message = format!(
            "{} has {} read replicas; a database has at most {MAX_REPLICAS}",
            site.who,
            spec.read_replicas.len()
        );
        ck.report(&site.path("read_replicas"), message);
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::*;

    #[test]
    fn queues_stay_in_sqs_ranges() {
        let mut design = reference::three_tier();
        let ComponentSpec::Queue(queue) = spec(&mut design, "jobs") else { unreachable!() };
        *queue = QueueSpec {
            visibility_timeout_s: 43_201.0,
            retention_s: 59.0,
            receive_wait_s: 21.0,
            batch_size: 0,
            max_receive_count: Some(0),
        };
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "components[3].visibility_timeout_s",
                "components[3].retention_s",
                "components[3].receive_wait_s",
                "components[3].batch_size",
                "components[3].max_receive_count",
            ]
        );
        assert_mentions(&problems[1], &["queue jobs", "60–1,209,600 s", "default 345,600 s"]);
    }
    #[test]
    fn databases_have_a_known_class_and_sane_timings() {
        let mut design = reference::three_tier();
        let ComponentSpec::Database(db) = spec(&mut design, "db") else { unreachable!() };
        db.size = "m5.large".to_owned();
        db.slots = 0;
        db.query_ms = 60_001.0;
        db.failover_s = [120.0, 60.0];
        db.host_replacement_s = [0.0, 86_401.0];
        db.restore_s = [0.0, 604_800.0];
        db.recovery_point_s = -1.0;
        db.replica_lag_ms = 3_600_001.0;
        db.read_replicas = vec!["a".to_owned(); 6];
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "components[5].read_replicas",
                "components[5].size",
                "components[5].slots",
                "components[5].query_ms",
                "components[5].failover_s",
                "components[5].host_replacement_s[1]",
                "components[5].recovery_point_s",
                "components[5].replica_lag_ms",
            ]
        );
        assert_mentions(&problems[0], &["database db", "6 read replicas", "at most 5"]);
        assert_mentions(&problems[1], &["m5.large", "db.m5.large", "db.t3.micro"]);
    }
}
