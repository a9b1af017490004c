//! Checks of the edge and its origin: CDNs and object storage.

use super::checker::{Checker, Site};
use crate::design::param::{EDGE_LATENCY, HIT_RATIO, PREFIXES, STORAGE_LATENCY};
use crate::design::{CdnSpec, ObjectStorageSpec};

/// Checks a CDN's hit ratio and edge latency.
pub(super) fn cdn(ck: &mut Checker, site: &Site, spec: &CdnSpec) {
    ck.param(site, &HIT_RATIO, spec.hit_ratio);
    ck.param(site, &EDGE_LATENCY, spec.edge_latency_ms);
}

/// Checks object storage's prefixes and latency.
pub(super) fn object_storage(ck: &mut Checker, site: &Site, spec: &ObjectStorageSpec) {
    ck.param(site, &PREFIXES, f64::from(spec.prefixes));
    ck.param(site, &STORAGE_LATENCY, spec.latency_ms);
}
