//! When new history is worth drawing.
//!
//! At 100× an hour-long run stores a second or two every animation frame, but on a time
//! axis of an hour a pixel is 12 s: drawing every frame would repaint five charts sixty
//! times a second to move their lines by a fraction of a pixel. A new history is drawn
//! when it moves the lines by a pixel, or a quarter of a second after the last drawing
//! (so the legend's latest values stay live at 1×), or at once when the world was
//! replaced or rewound. What is held back is drawn by a timer if nothing newer comes.

use std::rc::Rc;

use gloo::timers::callback::Timeout;

use super::data::{ChartHistory, PLOT_POINTS};
use super::geometry::{PlotData, time_domain_s};
use super::spec::ChartSpec;

/// Longest a new second waits to be drawn [ms of wall time].
pub const REDRAW_MS: f64 = 250.0;

/// Whether a history of `new_s` seconds [s] should replace one of `drawn_s` seconds [s]
/// drawn `since_ms` ago [ms]: it adds a pixel's worth of time, it is due, or it is shorter
/// (a rewind).
pub fn worth_drawing(drawn_s: u64, new_s: u64, since_ms: f64) -> bool {
    if new_s <= drawn_s {
        return new_s < drawn_s;
    }
    let pixel_s = (time_domain_s(new_s) / PLOT_POINTS as u64).max(1);
    new_s - drawn_s >= pixel_s || since_ms >= REDRAW_MS
}

/// The plots on screen and the history they draw.
#[derive(Default)]
pub struct Drawing {
    /// The world drawn ([`crate::live::Live::epoch`]).
    epoch: Option<u64>,
    /// The charts drawn, in order.
    specs: Vec<ChartSpec>,
    history: Option<Rc<ChartHistory>>,
    /// Wall time of the drawing [ms].
    drawn_ms: f64,
    plots: Vec<Rc<PlotData>>,
    /// Draws a held-back history later, unless a newer one is drawn first (dropping it
    /// cancels it).
    catch_up: Option<Timeout>,
}

impl Drawing {
    /// The plots of `specs` (one each, in order) to show for `history` of world `epoch`
    /// at wall time `now_ms` [ms]: laid out again if it is worth drawing (or the charts
    /// shown changed), else the ones on screen, with `redraw` called once it is due.
    pub fn plots(
        &mut self,
        specs: &[ChartSpec],
        epoch: u64,
        history: Rc<ChartHistory>,
        now_ms: f64,
        redraw: impl FnOnce() + 'static,
    ) -> Vec<Rc<PlotData>> {
        let draw = match &self.history {
            Some(drawn) if self.epoch == Some(epoch) && self.specs == specs => {
                if Rc::ptr_eq(drawn, &history) {
                    return self.plots.clone();
                }
                worth_drawing(drawn.seconds(), history.seconds(), now_ms - self.drawn_ms)
            }
            _ => true,
        };
        if draw {
            self.plots = specs.iter().map(|spec| Rc::new(PlotData::new(spec, history.clone()))).collect();
            self.specs = specs.to_vec();
            self.epoch = Some(epoch);
            self.history = Some(history);
            self.drawn_ms = now_ms;
            self.catch_up = None;
        } else if self.catch_up.is_none() {
            // A millisecond late rather than early, so the history is due when it fires.
            let wait_ms = (REDRAW_MS - (now_ms - self.drawn_ms)).ceil().clamp(0.0, REDRAW_MS) + 1.0;
            self.catch_up = Some(Timeout::new(wait_ms as u32, redraw));
        }
        self.plots.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::buckets::Buckets;
    use crate::live::charts::data::METRICS;
    use crate::live::charts::spec::CHARTS;

    fn history(seconds: u64) -> Rc<ChartHistory> {
        let mut history: ChartHistory = Buckets::new(PLOT_POINTS, 1);
        for _ in 0..seconds {
            history.push(&[1.0; METRICS], 1);
        }
        Rc::new(history)
    }

    fn draws(plots: &[Rc<PlotData>], history: &Rc<ChartHistory>) -> bool {
        plots.iter().all(|p| Rc::ptr_eq(&p.history, history))
    }

    #[test]
    fn a_rewound_world_is_drawn_at_once_and_the_same_history_is_not_laid_out_again() {
        let mut drawing = Drawing::default();
        let long = history(3000);
        let first = drawing.plots(&CHARTS, 1, long.clone(), 0.0, || ());
        assert!(draws(&first, &long));
        let again = drawing.plots(&CHARTS, 1, long.clone(), 1.0, || ());
        assert!(again.iter().zip(&first).all(|(a, b)| Rc::ptr_eq(a, b)), "same history, same plots");
        // Restored from a checkpoint: another world, shorter, a millisecond later.
        let short = history(1200);
        assert!(draws(&drawing.plots(&CHARTS, 2, short.clone(), 2.0, || ()), &short));
    }

    #[test]
    fn other_charts_are_laid_out_at_once_even_for_the_same_history() {
        let mut drawing = Drawing::default();
        let h = history(60);
        assert_eq!(drawing.plots(&CHARTS[..5], 1, h.clone(), 0.0, || ()).len(), 5);
        let more = drawing.plots(&CHARTS, 1, h.clone(), 1.0, || ());
        assert_eq!(more.len(), CHARTS.len(), "a sticky load balancer added: its chart appears");
        assert!(draws(&more, &h));
    }

    #[test]
    fn early_on_every_second_is_drawn() {
        assert!(worth_drawing(10, 11, 0.0));
        assert!(!worth_drawing(10, 10, 500.0), "nothing new");
    }

    #[test]
    fn after_an_hour_a_pixel_or_a_quarter_second_is_needed() {
        assert!(!worth_drawing(3000, 3002, 16.0), "2 s is a sixth of a pixel on an hour");
        assert!(worth_drawing(3000, 3012, 16.0), "12 s is a pixel");
        assert!(worth_drawing(3000, 3001, REDRAW_MS), "due");
    }

    #[test]
    fn a_rewind_is_drawn_at_once() {
        assert!(worth_drawing(3600, 1200, 0.0));
    }
}
