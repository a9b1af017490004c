//! Wall-clock time, for pacing what the screen redraws while the simulation runs.

/// Milliseconds of wall time from the page's origin (`performance.now()`) [ms]; 0 where
/// there is no page.
pub fn wall_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}
