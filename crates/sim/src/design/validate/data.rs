//! Checks of where data waits and lives: queues and databases.

use super::checker::{Checker, Site};
use crate::design::param::{
    BATCH, DB_SLOTS, FAILOVER, HOST_REPLACEMENT, MAX_RECEIVES, MAX_REPLICAS, QUERY_MS, READ_CAPACITY,
    RECEIVE_WAIT, RECOVERY_POINT, REPLICA_LAG, REPLICATION_LAG, RESTORE, RETENTION, STORE_LATENCY,
    VISIBILITY, WRITE_CAPACITY,
};
use crate::design::{DatabaseSpec, KeyValueStoreSpec, QueueSpec};
use crate::price_table::PriceTable;

/// Checks a queue's timings and batch settings.
pub(super) fn queue(ck: &mut Checker, site: &Site, spec: &QueueSpec) {
    ck.param(site, &VISIBILITY, spec.visibility_timeout_s);
    ck.param(site, &RETENTION, spec.retention_s);
    ck.param(site, &RECEIVE_WAIT, spec.receive_wait_s);
    ck.param(site, &BATCH, f64::from(spec.batch_size));
    ck.param_opt(site, &MAX_RECEIVES, spec.max_receive_count.map(f64::from));
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
    ck.param(site, &DB_SLOTS, f64::from(spec.slots));
    ck.param(site, &QUERY_MS, spec.query_ms);
    ck.span(site, &FAILOVER, spec.failover_s);
    ck.span(site, &HOST_REPLACEMENT, spec.host_replacement_s);
    ck.span(site, &RESTORE, spec.restore_s);
    ck.param(site, &RECOVERY_POINT, spec.recovery_point_s);
    ck.param(site, &REPLICA_LAG, spec.replica_lag_ms);
}

/// Checks a key-value store's provisioned capacity and timings.
pub(super) fn key_value_store(ck: &mut Checker, site: &Site, spec: &KeyValueStoreSpec) {
    ck.param(site, &READ_CAPACITY, f64::from(spec.read_capacity));
    ck.param(site, &WRITE_CAPACITY, f64::from(spec.write_capacity));
    ck.param(site, &REPLICATION_LAG, spec.replication_lag_ms);
    ck.param(site, &STORE_LATENCY, spec.latency_ms);
}

/// Primary, standby and replicas each in one of the region's zones; the standby elsewhere.
fn placement(ck: &mut Checker, site: &Site, spec: &DatabaseSpec) {
    ck.zone(&site.path("zone"), &site.who, "has its primary in", &spec.zone);
    if let Some(standby) = &spec.standby_zone {
        let path = site.path("standby_zone");
        if *standby == spec.zone {
            let other = ck.design.region().zones.iter().find(|z| **z != spec.zone);
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

    #[test]
    fn key_value_stores_stay_in_dynamodb_ranges_and_sessions_need_a_store() {
        let mut design = reference::session_store();
        let ComponentSpec::KeyValueStore(kv) = spec(&mut design, "sessions") else { unreachable!() };
        kv.read_capacity = 0;
        kv.write_capacity = 40_001;
        kv.replication_lag_ms = -1.0;
        kv.latency_ms = f64::NAN;
        let ComponentSpec::LoadBalancer(lb) = spec(&mut design, "lb-1") else { unreachable!() };
        lb.stickiness_duration_s = 604_801.0;
        let problems = validate(&design);
        let got: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "components[1].stickiness_duration_s",
                "components[6].read_capacity",
                "components[6].write_capacity",
                "components[6].replication_lag_ms",
                "components[6].latency_ms",
            ]
        );
        assert_mentions(&problems[0], &["stickiness duration", "604,800"]);
        assert_mentions(&problems[1], &["key-value store sessions", "read capacity"]);

        let mut design = reference::session_store();
        design.connections.retain(|c| !(c.from == "web-2" && c.to != "lb-1"));
        let problem = only(&design);
        assert_eq!(problem.path, "components[3].sessions");
        assert_mentions(
            &problem,
            &["web-2", "sessions in a store", "key-value store or database", "in_memory"],
        );
    }
}
