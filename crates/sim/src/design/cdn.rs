//! A content delivery network, modelled on an Amazon CloudFront distribution.
//!
//! Facts used (AWS documentation):
//! - "How CloudFront delivers content" — a viewer's request goes to the nearest edge
//!   location; if the object is in that edge's cache CloudFront returns it at once,
//!   otherwise it forwards the request to the origin (an S3 bucket or an HTTP server such
//!   as a load balancer) and caches the answer
//!   (<https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/HowCloudFrontWorks.html>).
//! - "Increase the proportion of requests that are served directly from the CloudFront
//!   caches (cache hit ratio)" — the hit ratio depends on the objects' TTLs
//!   (`Cache-Control: max-age`), how many distinct objects and query strings there are and
//!   how popular each is; CloudFront reports it as the `CacheHitRate` metric
//!   (<https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cache-hit-ratio.html>).
//! - "Add, remove, or replace content that CloudFront distributes" — dynamic content (a
//!   TTL of 0, or a cache behavior that forwards everything) always goes to the origin
//!   (<https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Expiration.html>).
//!
//! **Model.** Nines does not simulate each object's TTL, popularity and edge location;
//! it takes their net effect, the hit ratio, as the parameter (the number CloudFront's
//! console reports) and draws each static request's outcome from it with the seeded
//! generator. A hit costs the edge's latency; a miss adds a GET from the origin: the
//! linked object storage, or, without one, the next hop (the load balancer behind the
//! CDN caches what the instances serve). Dynamic requests are never cached.

use serde::{Deserialize, Serialize};

/// A CloudFront-like distribution: global, no zone, a hit ratio for static requests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CdnSpec {
    /// Share of static requests the edge answers from its cache [0–1]. Default 0.9,
    /// range 0–1.
    pub hit_ratio: f64,
    /// Time an edge takes to answer from its cache [ms]: edges sit near the users.
    /// Default 10, range 1–1,000.
    pub edge_latency_ms: f64,
}

impl Default for CdnSpec {
    fn default() -> Self {
        CdnSpec { hit_ratio: 0.9, edge_latency_ms: 10.0 }
    }
}
