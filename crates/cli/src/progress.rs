//! Progress of a long run on stderr, so a year-long simulation does not look hung.

use std::io::Write;
use std::time::{Duration, Instant};

use nines_sim::time::{Micros, clock};

/// Runs shorter than this wall time print nothing; most finish well within it.
const QUIET_FOR: Duration = Duration::from_secs(2);
/// How often the line is rewritten once shown.
const EVERY: Duration = Duration::from_millis(500);

/// A progress line for one run of `total` simulated time [µs].
pub struct Progress {
    total: Micros,
    started: Instant,
    /// When the line was last written [wall], and the simulated time it showed [µs].
    shown: Option<(Instant, Micros)>,
}

impl Progress {
    /// Starts the wall clock for a run of `total` [µs] of simulated time.
    pub fn new(total: Micros) -> Progress {
        Progress { total, started: Instant::now(), shown: None }
    }

    /// The run has reached simulated time `now` [µs]; rewrites the line when it is due.
    pub fn reached(&mut self, now: Micros) {
        let wall = Instant::now();
        let due = match self.shown {
            None => wall.duration_since(self.started) >= QUIET_FOR,
            Some((last, _)) => wall.duration_since(last) >= EVERY,
        };
        if due {
            self.shown = Some((wall, now));
            eprint!("\r{}", line(now, self.total));
            let _ = std::io::stderr().flush();
        }
    }

    /// Ends the line, if one was shown, so later output starts on its own line.
    pub fn finish(&self) {
        match self.shown {
            Some((_, at)) if at >= self.total => eprintln!(),
            Some(_) => eprintln!("\r{}", line(self.total, self.total)),
            None => {}
        }
    }
}

/// `simulated 01:00:00 of 24:00:00 (4 %)`.
fn line(now: Micros, total: Micros) -> String {
    let percent = if total == 0 { 100 } else { now.min(total) as u128 * 100 / total as u128 };
    format!("nines: simulated {} of {} ({percent} %)", clock(now.min(total)), clock(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::time::HOUR;

    #[test]
    fn the_line_says_how_far_the_run_has_got() {
        assert_eq!(line(HOUR, 24 * HOUR), "nines: simulated 01:00:00 of 24:00:00 (4 %)");
        assert_eq!(line(0, 0), "nines: simulated 00:00:00 of 00:00:00 (100 %)");
    }

    #[test]
    fn short_runs_stay_quiet() {
        let mut progress = Progress::new(HOUR);
        progress.reached(HOUR / 2);
        assert!(progress.shown.is_none());
    }
}
