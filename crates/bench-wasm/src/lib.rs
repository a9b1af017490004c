//! The browser half of Nines' speed benchmark (README, "Benchmarks"): the workloads of the
//! native benchmark (`crates/sim/benches/workloads/mod.rs`, included as is), exported to
//! JavaScript so `scripts/bench-wasm` can time them in headless Chromium.
//!
//! Two ways in:
//!
//! - [`BenchRun`]: build the world (untimed), then [`BenchRun::run`] (the part to time, like
//!   `examples/bench_run.rs` times only `World::run_until`), then [`BenchRun::report`].
//! - [`run_three_tier_hour`] and [`run_mmc`]: build, run and report in one call.
//!
//! Reports are one JSON object: `workload`, `design`, `simulated_s`, `requests`, `events`, and
//! for M/M/c also `p_wait` and `wq_mu` (waits in units of the mean service time). The runs are
//! deterministic, so `requests` and `events` equal the native run's: a free cross-check.

use nines_sim::World;
use nines_sim::design::reference;
use nines_sim::time::{as_secs, from_secs};
use wasm_bindgen::prelude::*;

#[path = "../../sim/benches/workloads/mod.rs"]
mod workloads;

use workloads::Workload;

/// One benchmark run: a workload and its world, built but not yet run.
#[wasm_bindgen]
pub struct BenchRun {
    workload: Workload,
    world: World,
    mean_service_ms: Option<f64>,
}

#[wasm_bindgen]
impl BenchRun {
    /// The reference three-tier design at 1,000 requests/s for one simulated hour.
    #[wasm_bindgen(js_name = threeTier)]
    pub fn three_tier() -> Result<BenchRun, JsError> {
        BenchRun::new(workloads::three_tier(), None)
    }

    /// M/M/`c` at utilisation `rho` (mean service time of the native workload, 10 ms) for
    /// `customers` expected arrivals. `run_mmc(2, 0.9, 1e6)` is the native `mmc` workload.
    pub fn mmc(c: u32, rho: f64, customers: f64) -> Result<BenchRun, JsError> {
        if !(c > 0 && rho.is_finite() && rho > 0.0 && customers.is_finite() && customers > 0.0) {
            return Err(JsError::new("mmc needs c ≥ 1, ρ > 0 and a positive count of customers"));
        }
        let mean_service_ms = workloads::MMC_MEAN_SERVICE_MS;
        let lambda = rho * f64::from(c) * 1000.0 / mean_service_ms;
        let workload = Workload {
            name: "mmc",
            design: reference::mmc(c, rho, mean_service_ms),
            duration: from_secs(customers / lambda),
            faults: Vec::new(),
        };
        BenchRun::new(workload, Some(mean_service_ms))
    }

    fn new(workload: Workload, mean_service_ms: Option<f64>) -> Result<BenchRun, JsError> {
        let mut world = World::new(&workload.design).map_err(|error| JsError::new(&error.to_string()))?;
        world.schedule_all(&workload.faults);
        Ok(BenchRun { workload, world, mean_service_ms })
    }

    /// Runs the world to the workload's duration: the part to time.
    pub fn run(&mut self) {
        self.world.run_until(self.workload.duration);
    }

    /// The run's numbers as JSON; an error if conservation of requests or messages is broken.
    pub fn report(&self) -> Result<String, JsError> {
        self.world.check_conservation().map_err(|error| JsError::new(&format!("conservation: {error}")))?;
        let world = &self.world;
        let mut json = format!(
            "{{\"workload\":{},\"design\":{},\"simulated_s\":{},\"requests\":{},\"events\":{}",
            string(self.workload.name),
            string(&self.workload.design.name),
            number(as_secs(world.now())),
            workloads::requests(world),
            world.events_processed(),
        );
        if let Some(mean_service_ms) = self.mean_service_ms {
            // The numbers bench/simpy_mmc.py and examples/bench_run.rs print.
            let q = &world.recorder().queueing;
            let served = q.served as f64;
            json += &format!(
                ",\"p_wait\":{},\"wq_mu\":{}",
                number(q.waited as f64 / served),
                number(q.wait_sum as f64 / served / (mean_service_ms * 1000.0)),
            );
        }
        json.push('}');
        Ok(json)
    }
}

/// Builds, runs and reports the three-tier design for one simulated hour (JSON, see the crate).
#[wasm_bindgen]
pub fn run_three_tier_hour() -> Result<String, JsError> {
    let mut run = BenchRun::three_tier()?;
    run.run();
    run.report()
}

/// Builds, runs and reports M/M/`c` at `rho` for `customers` arrivals (JSON, see the crate).
#[wasm_bindgen]
pub fn run_mmc(c: u32, rho: f64, customers: f64) -> Result<String, JsError> {
    let mut run = BenchRun::mmc(c, rho, customers)?;
    run.run();
    run.report()
}

/// A JSON string literal.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ch if u32::from(ch) < 0x20 => out += &format!("\\u{:04x}", u32::from(ch)),
            ch => out.push(ch),
        }
    }
    out.push('"');
    out
}

/// A JSON number, or `null` for infinities and NaN (JSON has neither).
fn number(x: f64) -> String {
    if x.is_finite() { x.to_string() } else { "null".to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_mmc_run_reports_its_work() {
        let mut run = BenchRun::mmc(2, 0.9, 1000.0).unwrap_or_else(|_| panic!("a valid M/M/2"));
        run.run();
        let report = run.report().unwrap_or_else(|_| panic!("conservation holds"));
        assert!(
            report.starts_with(r#"{"workload":"mmc","design":"M/M/2, ρ = 0.9","simulated_s":"#),
            "{report}"
        );
        assert!(report.contains(r#","p_wait":"#) && report.ends_with('}'), "{report}");
        assert!(run.world.events_processed() > 1000, "{report}");
    }

    #[test]
    fn json_strings_and_numbers_are_escaped() {
        assert_eq!(string("a \"b\" \\ c\n"), r#""a \"b\" \\ c\u000a""#);
        assert_eq!(number(f64::NAN), "null");
        assert_eq!(number(2.5), "2.5");
    }
}
