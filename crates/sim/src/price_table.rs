//! Prices and sizes of everything that costs money, kept as data (`data/prices.json`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// Size and price of an instance or database class.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Class {
    /// Requests (or queries) served at once.
    pub slots: u32,
    /// On-demand price [USD/hour].
    pub usd_per_hour: f64,
}

/// The price table every run uses.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PriceTable {
    /// What the figures are and are not.
    pub note: String,
    /// Instance types by name, e.g. `m5.large`.
    pub instances: BTreeMap<String, Class>,
    /// Database classes by name, e.g. `db.m5.large`.
    pub databases: BTreeMap<String, Class>,
    /// A Multi-AZ database costs this many times a single-AZ one.
    pub multi_az_factor: f64,
    /// Load balancer [USD/hour] (capacity units are not modelled).
    pub load_balancer_usd_per_hour: f64,
    /// Queue API requests, empty receives included [USD per million].
    pub queue_usd_per_million_requests: f64,
    /// Key-value store (DynamoDB) provisioned capacity.
    pub key_value_store: KvPrices,
    /// CDN (CloudFront) requests and data transfer.
    pub cdn: CdnPrices,
    /// Object storage (S3) requests.
    pub object_storage: StoragePrices,
    /// DNS (Route 53) hosted zone and health checks.
    pub dns: DnsPrices,
}

/// CloudFront on-demand prices, United States edges ("Amazon CloudFront pricing",
/// <https://aws.amazon.com/cloudfront/pricing/>). Only requests: Nines charges data
/// transfer out nowhere (not for servers and load balancers either), so charging it for
/// the CDN alone would make the edge look dearer than serving from the instances.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CdnPrices {
    /// HTTPS requests, per 10,000 [USD].
    pub usd_per_10k_requests: f64,
}

impl CdnPrices {
    /// Price of one request [USD].
    pub fn per_request(&self) -> f64 {
        self.usd_per_10k_requests / 10_000.0
    }
}

/// S3 Standard request prices, us-east-1 ("Amazon S3 pricing", <https://aws.amazon.com/s3/pricing/>).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct StoragePrices {
    /// GET requests, per 1,000 [USD].
    pub usd_per_1k_gets: f64,
}

/// Route 53 prices ("Amazon Route 53 pricing", <https://aws.amazon.com/route53/pricing/>);
/// per-query charges are left out.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DnsPrices {
    /// One hosted zone for a month [USD].
    pub usd_per_zone_month: f64,
    /// One health check of an AWS endpoint for a month [USD].
    pub usd_per_health_check_month: f64,
    /// The 10 s interval's extra for one health check for a month [USD].
    pub usd_per_fast_check_month: f64,
}

/// Hours in a billing month, as AWS prices them.
pub const HOURS_PER_MONTH: f64 = 730.0;

impl DnsPrices {
    /// A DNS name with `records` health-checked records [USD/hour].
    pub fn usd_per_hour(&self, records: usize, fast: bool) -> f64 {
        let per_check =
            self.usd_per_health_check_month + if fast { self.usd_per_fast_check_month } else { 0.0 };
        (self.usd_per_zone_month + per_check * records as f64) / HOURS_PER_MONTH
    }
}

/// DynamoDB provisioned-capacity prices (us-east-1, Standard table class; "Amazon DynamoDB
/// pricing for provisioned capacity", <https://aws.amazon.com/dynamodb/pricing/provisioned/>).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct KvPrices {
    /// One read capacity unit for an hour [USD].
    pub usd_per_rcu_hour: f64,
    /// One write capacity unit for an hour [USD].
    pub usd_per_wcu_hour: f64,
}

impl PriceTable {
    /// The table shipped with Nines.
    pub fn standard() -> &'static PriceTable {
        static TABLE: OnceLock<PriceTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            serde_json::from_str(include_str!("../data/prices.json")).expect("data/prices.json is valid")
        })
    }

    /// An instance type by name.
    pub fn instance(&self, size: &str) -> Option<&Class> {
        self.instances.get(size)
    }

    /// A database class by name.
    pub fn database(&self, size: &str) -> Option<&Class> {
        self.databases.get(size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_parses_and_has_the_defaults() {
        let table = PriceTable::standard();
        assert_eq!(table.instance("m5.large").map(|c| c.slots), Some(16));
        assert!(table.database("db.m5.large").is_some());
        assert!(table.instances.values().all(|c| c.slots > 0 && c.usd_per_hour > 0.0));
    }
}
