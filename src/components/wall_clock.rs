//! Wall-clock time: the one wrapper of `performance.now()`, for pacing the simulation
//! within a frame's budget, the frame-time probes and the screen-reader announcer's pauses.

/// Milliseconds of wall time from the page's origin (`performance.now()`) [ms]. Natively
/// (unit tests, benchmarks) from the first call instead, so time budgets still hold.
pub fn wall_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static ORIGIN: OnceLock<Instant> = OnceLock::new();
        ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::wall_ms;

    #[test]
    fn wall_time_moves_forward() {
        let start = wall_ms();
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert!(wall_ms() - start >= 4.0, "{start} then {}", wall_ms());
    }
}
