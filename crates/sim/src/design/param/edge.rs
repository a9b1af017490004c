//! Parameters of the edge and its origin: a CloudFront-like CDN and S3-like object
//! storage. Facts and sources are on [`crate::design::CdnSpec`] and
//! [`crate::design::ObjectStorageSpec`].

use super::{Param, number, whole};

const CDN: Param = Param { kind: "cdn", ..Param::BASE };
const STORAGE: Param = Param { kind: "object_storage", ..Param::BASE };

pub(crate) const HIT_RATIO: Param = Param {
    path: "hit_ratio",
    label: "Cache hit ratio",
    what: "the cache hit ratio",
    domain: number(0.0, 1.0),
    default: "0.9",
    why: "Share of static requests an edge answers from its cache (CloudFront's CacheHitRate: longer TTLs and fewer distinct objects raise it); misses go to the origin, and fail while it is down.",
    ..CDN
};
pub(crate) const EDGE_LATENCY: Param = Param {
    path: "edge_latency_ms",
    label: "Edge latency",
    what: "the edge latency",
    domain: number(1.0, 1000.0),
    unit: "ms",
    default: "10 ms",
    why: "Time an edge near the user takes to answer a cached request; a miss adds the origin's latency.",
    ..CDN
};
pub(crate) const PREFIXES: Param = Param {
    path: "prefixes",
    label: "Prefixes",
    what: "the number of prefixes",
    domain: whole(1.0, 100.0),
    unit: "prefixes",
    default: "1 prefix",
    why: "S3 serves 5,500 GET requests per second per prefix and answers 503 Slow Down beyond; spreading objects over more prefixes raises the limit.",
    ..STORAGE
};
pub(crate) const STORAGE_LATENCY: Param = Param {
    path: "latency_ms",
    label: "First-byte latency",
    what: "the first-byte latency",
    domain: number(1.0, 5000.0),
    unit: "ms",
    default: "100 ms",
    why: "Time to the first byte of a GET (AWS: roughly 100–200 ms for small objects); every CDN miss pays it.",
    ..STORAGE
};

/// CDN, then object storage, in the inspector's order.
pub(crate) const EDGE: &[Param] = &[HIT_RATIO, EDGE_LATENCY, PREFIXES, STORAGE_LATENCY];
