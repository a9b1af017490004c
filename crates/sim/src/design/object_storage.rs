//! Object storage, modelled on an Amazon S3 bucket serving a CDN's origin fetches.
//!
//! Facts used (AWS documentation):
//! - "Best practices design patterns: optimizing Amazon S3 performance" — an application
//!   can achieve "at least 3,500 PUT/COPY/POST/DELETE or 5,500 GET/HEAD requests per
//!   second per partitioned Amazon S3 prefix", with no limit on the number of prefixes;
//!   small objects see first-byte latencies of roughly 100–200 milliseconds
//!   (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html>).
//!   Requests beyond the rate get HTTP 503 Slow Down.
//! - "Data protection in Amazon S3" — objects are stored redundantly across a minimum of
//!   three Availability Zones, so a zone's loss leaves the bucket answering; only a rare
//!   regional event stops it
//!   (<https://docs.aws.amazon.com/AmazonS3/latest/userguide/DataDurability.html>).

use serde::{Deserialize, Serialize};

/// GET requests one prefix serves per second before S3 answers 503 Slow Down.
pub const GETS_PER_PREFIX: u32 = 5_500;

/// A region-wide bucket of static assets: no zone, a request-rate limit per prefix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ObjectStorageSpec {
    /// Prefixes the objects are spread over; each serves 5,500 GET/s. Default 1, range
    /// 1–100.
    pub prefixes: u32,
    /// Time to the first byte of one GET [ms]; AWS quotes roughly 100–200 ms for small
    /// objects. Default 100, range 1–5,000.
    pub latency_ms: f64,
}

impl Default for ObjectStorageSpec {
    fn default() -> Self {
        ObjectStorageSpec { prefixes: 1, latency_ms: 100.0 }
    }
}
