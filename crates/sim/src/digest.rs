//! A fingerprint of a run: equal digests mean equal summaries, logs and series.
//!
//! Determinism tests compare digests: the same run twice, and the same run natively and
//! in WebAssembly in a browser.

use std::fmt::Write as _;

use crate::world::World;

/// 64-bit FNV-1a: tiny, stable across platforms and versions, enough for equality checks.
#[derive(Clone, Copy, Debug)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    /// Feeds bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The hash so far.
    pub fn finish(self) -> u64 {
        self.0
    }
}

impl World {
    /// Fingerprint of everything a run produced so far: the summary, every log line and
    /// every stored point of the per-second series.
    pub fn digest(&self) -> u64 {
        let mut hash = Fnv1a::default();
        hash.write(serde_json::to_string(&self.summary()).unwrap_or_default().as_bytes());
        let mut line = String::new();
        for entry in self.log().entries() {
            line.clear();
            let _ = writeln!(line, "{}:{entry}", entry.time);
            hash.write(line.as_bytes());
        }
        for (start, point) in self.series().iter() {
            line.clear();
            let _ = writeln!(line, "{start}:{}", serde_json::to_string(point).unwrap_or_default());
            hash.write(line.as_bytes());
        }
        hash.write(&self.now().to_le_bytes());
        hash.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_published_test_vectors() {
        let hash = |s: &str| {
            let mut h = Fnv1a::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }
}
