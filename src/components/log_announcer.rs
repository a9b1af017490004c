//! A live region that tells screen-reader users about warnings and critical events as a
//! run plays, without reading every line: at most one announcement per
//! [`QUIET_PERIOD_MS`], summing up what came in between.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use nines_sim::event_log::Severity;
use nines_sim::time;
use yew::prelude::*;

use super::event_log::severity_name;
use super::wall_clock::wall_ms;
use crate::state::LogEntry;

/// Least wall time between two announcements [ms].
pub const QUIET_PERIOD_MS: f64 = 4000.0;

/// What has been heard and said: the throttle, apart from timers so it can be tested.
#[derive(Debug, Default)]
pub struct Announcer {
    /// The newest entry already looked at.
    heard: Option<LogEntry>,
    /// Important entries not yet announced, oldest first.
    pending: Vec<LogEntry>,
    /// When the last announcement was made [ms of wall time].
    spoken_at: Option<f64>,
}

impl Announcer {
    /// Takes in the log as it is now; returns what to say at once, if anything. Entries
    /// are new if they follow the last one heard; a log that no longer has it was rebuilt
    /// (a rewind), and nothing in it is new. With `quiet`, new entries are skipped.
    pub fn hear(&mut self, events: &[LogEntry], quiet: bool, now_ms: f64) -> Option<String> {
        let start = match &self.heard {
            None => 0,
            Some(heard) => events.iter().rposition(|e| e == heard).map_or(events.len(), |i| i + 1),
        };
        self.heard = events.last().cloned();
        if !quiet {
            self.pending.extend(events[start..].iter().filter(|e| e.severity >= Severity::Warning).cloned());
        }
        self.speak_if_due(now_ms)
    }

    /// What to say now if something is waiting and the quiet period is over.
    pub fn speak_if_due(&mut self, now_ms: f64) -> Option<String> {
        if self.wait_ms(now_ms) > 0.0 {
            return None;
        }
        self.speak(now_ms)
    }

    /// What to say now if something is waiting, quiet period or not (its timer fired).
    pub fn speak(&mut self, now_ms: f64) -> Option<String> {
        if self.pending.is_empty() {
            return None;
        }
        self.spoken_at = Some(now_ms);
        Some(announcement(&std::mem::take(&mut self.pending)))
    }

    /// How long until the quiet period is over [ms]; zero when it is.
    pub fn wait_ms(&self, now_ms: f64) -> f64 {
        self.spoken_at.map_or(0.0, |at| (at + QUIET_PERIOD_MS - now_ms).max(0.0))
    }

    /// Whether something is waiting to be said.
    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }
}

/// One sentence for several entries: the latest in full, the rest counted.
fn announcement(entries: &[LogEntry]) -> String {
    let Some(latest) = entries.last() else { return String::new() };
    let line = format!("{} at {}: {}", severity_name(latest.severity), time::clock(latest.at), latest.text);
    match entries.len() {
        1 => line,
        n => {
            let critical = entries.iter().filter(|e| e.severity == Severity::Critical).count();
            format!("{n} new warnings, {critical} critical. Latest: {line}")
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct LogAnnouncerProps {
    pub events: Rc<Vec<LogEntry>>,
    /// Skip what arrives meanwhile (fast-forward, re-simulation).
    pub quiet: bool,
}

#[function_component(LogAnnouncer)]
pub fn log_announcer(props: &LogAnnouncerProps) -> Html {
    let announcer = use_mut_ref(Announcer::default);
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let said = use_state(String::new);
    {
        let (announcer, timer, said) = (announcer.clone(), timer.clone(), said.setter());
        let last = props.events.last().cloned();
        let (events, quiet) = (props.events.clone(), props.quiet);
        use_effect_with((last, events.len()), move |_| {
            let now = wall_ms();
            if let Some(text) = announcer.borrow_mut().hear(&events, quiet, now) {
                said.set(text);
            }
            schedule(&announcer, &timer, said, now);
        });
    }
    html! {
        <div class="visually-hidden log-announcer" role="status" aria-live="polite" aria-atomic="true">
            { (*said).clone() }
        </div>
    }
}

/// Sets a timer for the end of the quiet period if something waits and none is set.
fn schedule(
    announcer: &Rc<RefCell<Announcer>>,
    timer: &Rc<RefCell<Option<Timeout>>>,
    said: UseStateSetter<String>,
    now: f64,
) {
    if !announcer.borrow().has_pending() || timer.borrow().is_some() {
        return;
    }
    let wait = announcer.borrow().wait_ms(now).ceil() as u32;
    let (announcer_later, timer_later) = (announcer.clone(), timer.clone());
    *timer.borrow_mut() = Some(Timeout::new(wait, move || {
        timer_later.borrow_mut().take();
        if let Some(text) = announcer_later.borrow_mut().speak(wall_ms()) {
            said.set(text);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(at: u64, severity: Severity, text: &str) -> LogEntry {
        LogEntry { at, source: "web".into(), text: text.into(), severity }
    }

    #[test]
    fn only_warnings_are_said_and_at_most_once_per_quiet_period() {
        let mut a = Announcer::default();
        let mut log = vec![entry(1, Severity::Info, "booted")];
        assert_eq!(a.hear(&log, false, 0.0), None, "info is not announced");
        log.push(entry(2, Severity::Warning, "i-1 failed a check"));
        assert_eq!(a.hear(&log, false, 10.0).as_deref(), Some("Warning at 00:00:00: i-1 failed a check"));
        log.push(entry(3, Severity::Critical, "i-1 crashed"));
        log.push(entry(4, Severity::Warning, "i-2 failed a check"));
        assert_eq!(a.hear(&log, false, 20.0), None, "too soon");
        assert!((a.wait_ms(20.0) - (QUIET_PERIOD_MS - 10.0)).abs() < 1e-9);
        let said = a.speak_if_due(10.0 + QUIET_PERIOD_MS).expect("due");
        assert_eq!(said, "2 new warnings, 1 critical. Latest: Warning at 00:00:00: i-2 failed a check");
    }

    #[test]
    fn a_rebuilt_or_fast_log_is_not_read_out() {
        let mut a = Announcer::default();
        let log = vec![entry(1, Severity::Warning, "a")];
        assert!(a.hear(&log, true, 0.0).is_none(), "quiet while fast-forwarding");
        let rebuilt = vec![entry(0, Severity::Critical, "old"), entry(5, Severity::Warning, "older")];
        assert!(a.hear(&rebuilt, false, 100_000.0).is_none(), "after a rewind the log is not new");
        let mut next = rebuilt.clone();
        next.push(entry(6, Severity::Critical, "new"));
        assert!(a.hear(&next, false, 200_000.0).is_some());
    }
}
