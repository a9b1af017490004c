//! The one random generator of a world, and the draws the simulation makes from it.
//!
//! ChaCha8 is version-stable and identical on 32- and 64-bit targets, so the same seed
//! gives the same run natively and in WebAssembly. Nothing else in the crate draws
//! randomness; functions that need it take `&mut SimRng`.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Exp1, LogNormal};

use crate::design::{Distribution, ServiceTime};
use crate::time::{Micros, from_millis, from_secs, round_us};

/// The world's seeded generator. Clone it only to checkpoint a whole world.
#[derive(Clone, Debug)]
pub struct SimRng(ChaCha8Rng);

impl SimRng {
    /// A generator from a seed; the same seed always gives the same sequence.
    pub fn new(seed: u64) -> Self {
        SimRng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in [0, 1).
    #[inline]
    pub fn unit(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// True with probability `p`. Certain outcomes (p ≤ 0 or p ≥ 1) draw nothing.
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        if p >= 1.0 {
            return true;
        }
        p > 0.0 && self.unit() < p
    }

    /// Uniform integer in [0, n); `n` must be positive.
    pub fn below(&mut self, n: u32) -> u32 {
        self.0.random_range(0..n.max(1))
    }

    /// Uniform duration between two bounds in seconds [µs].
    pub fn between_secs(&mut self, range: [f64; 2]) -> Micros {
        let (lo, hi) = (range[0].min(range[1]), range[0].max(range[1]));
        from_secs(lo + (hi - lo) * self.unit())
    }

    /// Exponential with the given mean [µs], rounded to whole microseconds; zero mean gives zero.
    pub fn exponential(&mut self, mean: Micros) -> Micros {
        let unit: f64 = Exp1.sample(&mut self.0);
        (unit * mean as f64 + 0.5) as Micros
    }

    /// Gap to the next Poisson arrival at `rate` per second [µs]; `None` if the rate is zero.
    #[inline]
    pub fn interarrival(&mut self, rate_per_s: f64) -> Option<Micros> {
        // NaN, zero, negative and infinite rates all fail this one test (two comparisons).
        if !(rate_per_s > 0.0 && rate_per_s < f64::INFINITY) {
            return None;
        }
        let unit: f64 = Exp1.sample(&mut self.0);
        Some(from_secs(unit / rate_per_s).max(1))
    }

    /// One service time drawn from a service-time spec, scaled by `factor` (slow faults) [µs].
    #[inline]
    pub fn service(&mut self, spec: &ServiceTime, factor: f64) -> Micros {
        let mean_ms = (spec.mean_ms * factor).clamp(0.0, 1e9);
        match spec.distribution {
            Distribution::Constant => from_millis(mean_ms),
            Distribution::Exponential => {
                let unit: f64 = Exp1.sample(&mut self.0);
                // `mean_ms` is in [0, 1e9] (or NaN), so this rounds like `from_millis`
                // without its checks, on every request's hot path.
                round_us(unit * mean_ms * 1000.0)
            }
            Distribution::LogNormal => {
                // Choose mu so that the mean is mean_ms: E = exp(mu + sigma²/2).
                let sigma = spec.sigma.clamp(0.0, 3.0);
                let mu = libm::log(mean_ms.max(1e-9)) - sigma * sigma / 2.0;
                LogNormal::new(mu, sigma).map_or(from_millis(mean_ms), |d| from_millis(d.sample(&mut self.0)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let (mut a, mut b) = (SimRng::new(7), SimRng::new(7));
        let xs: Vec<u32> = (0..100).map(|_| a.below(1000)).collect();
        let ys: Vec<u32> = (0..100).map(|_| b.below(1000)).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, (0..100).map(|_| SimRng::new(8).below(1000)).collect::<Vec<_>>());
    }

    #[test]
    fn service_times_have_the_asked_mean() {
        let mut rng = SimRng::new(3);
        for distribution in [Distribution::Exponential, Distribution::LogNormal, Distribution::Constant] {
            let spec = ServiceTime { distribution, mean_ms: 40.0, sigma: 0.8 };
            let n = 200_000;
            let mean = (0..n).map(|_| rng.service(&spec, 1.0) as f64).sum::<f64>() / n as f64;
            assert!((mean / 40_000.0 - 1.0).abs() < 0.02, "{distribution:?}: mean {mean} µs");
        }
    }
}
