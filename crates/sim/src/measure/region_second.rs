//! Requests by region: where each request entered the design's regions, per second.
//!
//! A request belongs to the region of the first regional component it reaches: the load
//! balancer a DNS name (or the clients, or a CDN) sent it to, or an instance reached
//! directly. Requests answered at a CDN's edges (global) or refused before reaching any
//! region (a DNS name with no record) belong to none. Recorded only for designs with more
//! than one region, so one-region runs serialise, and fingerprint, exactly as before.

use serde::Serialize;

use super::series::Sample;
use crate::design::MAX_REGIONS;

/// One second's requests by region (or, merged, several seconds'), in the design's region
/// order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RegionSecond {
    /// Requests that entered each region [requests].
    pub received: [u32; MAX_REGIONS],
    /// Of the requests that entered each region (this second or earlier), those that failed
    /// this second [requests].
    pub failed: [u32; MAX_REGIONS],
}

impl RegionSecond {
    /// Counts a request entering region `region` (an index into the design's regions;
    /// an index past [`MAX_REGIONS`] is ignored).
    #[inline]
    pub fn receive(&mut self, region: usize) {
        if let Some(n) = self.received.get_mut(region) {
            *n = n.saturating_add(1);
        }
    }

    /// Counts a failure of a request that had entered region `region`.
    #[inline]
    pub fn fail(&mut self, region: usize) {
        if let Some(n) = self.failed.get_mut(region) {
            *n = n.saturating_add(1);
        }
    }

    /// Requests that entered any region.
    pub fn received_total(&self) -> u32 {
        self.received.iter().sum()
    }
}

impl Sample for RegionSecond {
    fn merge(&mut self, later: &Self) {
        for (a, b) in self.received.iter_mut().zip(later.received) {
            *a = a.saturating_add(b);
        }
        for (a, b) in self.failed.iter_mut().zip(later.failed) {
            *a = a.saturating_add(b);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_region_and_merges_by_adding() {
        let mut first = RegionSecond::default();
        first.receive(0);
        first.receive(1);
        first.receive(1);
        first.fail(0);
        first.receive(MAX_REGIONS);
        assert_eq!(first, RegionSecond { received: [1, 2], failed: [1, 0] });
        assert_eq!(first.received_total(), 3);
        first.merge(&RegionSecond { received: [4, 0], failed: [0, 3] });
        assert_eq!(first, RegionSecond { received: [5, 2], failed: [1, 3] });
    }

    #[test]
    fn serialises_as_two_arrays() {
        let s = RegionSecond { received: [7, 3], failed: [1, 0] };
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"received":[7,3],"failed":[1,0]}"#);
    }
}
