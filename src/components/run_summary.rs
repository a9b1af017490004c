//! The run summary: availability and nines, failed requests by cause, the longest outage,
//! each fault's time to detect and to recover, lost and duplicated messages, lost writes
//! and cost, for the run so far.
//!
//! A summary walks the whole series (for the longest outage) and copies every incident,
//! too much to do every animation frame at 100×; while frames move the world it is
//! recomputed at most every [`REFRESH_MS`] of wall time, and at once whenever the run is
//! still (paused, stepped, a fault applied, a fast-forward finished).

use std::rc::Rc;

use nines_sim::measure::incident::Incident;
use nines_sim::measure::summary::Summary;
use nines_sim::time::clock;
use yew::prelude::*;

use super::figures::{availability, count, duration, usd};
use super::wall_clock::wall_ms;
use crate::live::Live;

/// Wall time between two summaries while the world moves [ms]: four a second.
pub const REFRESH_MS: f64 = 250.0;

/// The last summary computed and when, so a moving run is summarised a few times a second.
#[derive(Debug, Default)]
pub struct SummaryCache {
    /// The world it summarises ([`Live::epoch`]).
    epoch: Option<u64>,
    /// Wall time it was computed [ms].
    computed_ms: f64,
    summary: Option<Rc<Summary>>,
}

impl SummaryCache {
    /// The summary of `live` at wall time `now_ms` [ms]: recomputed if the world was
    /// replaced, is not `moving`, or the last one is `REFRESH_MS` old. `None` before a run.
    pub fn get(&mut self, live: &Live, moving: bool, now_ms: f64) -> Option<Rc<Summary>> {
        let fresh = self.epoch == Some(live.epoch()) && moving && now_ms - self.computed_ms < REFRESH_MS;
        if !fresh || self.summary.is_none() {
            self.epoch = Some(live.epoch());
            self.computed_ms = now_ms;
            self.summary = live.with_world(|w| Rc::new(w.summary()));
        }
        self.summary.clone()
    }
}

#[derive(Properties, PartialEq)]
pub struct RunSummaryProps {
    /// The running world.
    pub live: Live,
    /// Whether animation frames are moving the world (playing or fast-forwarding).
    pub moving: bool,
}

#[function_component(RunSummary)]
pub fn run_summary(props: &RunSummaryProps) -> Html {
    let cache = use_mut_ref(SummaryCache::default);
    let summary = cache.borrow_mut().get(&props.live, props.moving, wall_ms());
    html! { <SummaryPanel summary={summary} /> }
}

#[derive(Properties, PartialEq)]
struct SummaryPanelProps {
    summary: Option<Rc<Summary>>,
}

/// The panel itself; it renders only when a new summary was computed.
#[function_component(SummaryPanel)]
fn summary_panel(props: &SummaryPanelProps) -> Html {
    html! {
        <section class="panel run-summary" aria-labelledby="run-summary-title">
            <header class="panel-head">
                <h2 id="run-summary-title">{"Run summary"}</h2>
                if let Some(s) = &props.summary {
                    <p class="panel-hint">{ format!("Run so far: {} of simulated time", clock(nines_sim::time::from_secs(s.seconds))) }</p>
                }
            </header>
            { match &props.summary {
                Some(summary) => figures(summary),
                None => empty(),
            } }
        </section>
    }
}

/// Before a run: what will appear, and how to start one.
fn empty() -> Html {
    html! {
        <div class="empty">
            <p class="empty-title">{"No run yet"}</p>
            <p>{"Press Play, Step or fast-forward to run the design. Availability in nines, failed requests \
                by cause, the longest outage, how long each fault took to detect and recover from, lost \
                messages and writes, and the cost appear here for the run so far."}</p>
        </div>
    }
}

fn figures(s: &Summary) -> Html {
    html! {
        <>
            <dl class="summary-figures">
                { availability_figure(s) }
                { failed_figure(s) }
                { figure("outage", "Longest outage",
                    if s.longest_outage_s > 0.0 { duration(s.longest_outage_s) } else { "None".to_owned() },
                    html! { {"seconds with over 5 % of requests failing"} }) }
                { messages_figure(s) }
                { figure("writes", "Writes lost", count(s.writes_lost), html! { {"committed database writes"} }) }
                { sessions_figure(s) }
                { store_figure(s) }
                { cdn_figure(s) }
                { figure("cost", "Cost", usd(s.cost_usd), html! { { format!("{}/h now · illustrative prices", usd(s.cost_per_hour)) } }) }
            </dl>
            { incidents(&s.incidents) }
        </>
    }
}

/// Sessions lost with the instances that kept them in memory (only once some are).
fn sessions_figure(s: &Summary) -> Html {
    if s.sessions_lost == 0 {
        return Html::default();
    }
    figure(
        "sessions",
        "Sessions lost",
        count(s.sessions_lost),
        html! { {"users whose sticky target died with their session in its memory"} },
    )
}

/// What the key-value stores did (only for designs that have one).
fn store_figure(s: &Summary) -> Html {
    let kv = &s.key_value;
    if kv.is_empty() {
        return Html::default();
    }
    let value = format!("{} throttled", count(kv.throttled));
    let note = format!(
        "{} reads ({} stale) · {} writes · {} refused while down",
        count(kv.reads),
        count(kv.stale_reads),
        count(kv.writes),
        count(kv.unavailable)
    );
    figure("key-value", "Key-value calls", value, html! { { note } })
}

/// What the CDNs did (only for designs that have one): edge hits against everything.
fn cdn_figure(s: &Summary) -> Html {
    let cdn = &s.cdn;
    if cdn.is_empty() {
        return Html::default();
    }
    let ratio = cdn.hit_ratio().map_or("—".to_owned(), |r| format!("{:.1} %", r * 100.0));
    let value = format!("{} edge hits", count(cdn.edge_hits));
    let note = format!(
        "hit ratio {ratio} of {} static · {} origin fetches ({} errors) · {} to the load balancer",
        count(cdn.static_requests),
        count(cdn.origin_fetches),
        count(cdn.origin_errors),
        count(cdn.forwarded)
    );
    figure("cdn", "CDN", value, html! { { note } })
}

/// One figure: a label, a value and a line of context.
fn figure(key: &'static str, label: &'static str, value: String, note: Html) -> Html {
    html! {
        <div class="summary-figure" data-figure={key}>
            <dt>{ label }</dt>
            <dd>
                <span class="figure-value">{ value }</span>
                <span class="figure-note">{ note }</span>
            </dd>
        </div>
    }
}

fn availability_figure(s: &Summary) -> Html {
    let finished = s.totals.succeeded + s.totals.failed_total();
    let (value, note) = if finished == 0 {
        ("–".to_owned(), "no request has finished yet".to_owned())
    } else if s.totals.failed_total() == 0 {
        (availability(s.availability), "no request failed".to_owned())
    } else {
        // Truncated like the percentage: 2.96 nines is not yet 3.
        (availability(s.availability), format!("{:.1} nines", (s.nines * 10.0).floor() / 10.0))
    };
    figure("availability", "Availability", value, html! { { note } })
}

fn failed_figure(s: &Summary) -> Html {
    let finished = s.totals.succeeded + s.totals.failed_total();
    let note = if s.failures_by_cause.is_empty() {
        html! { { format!("of {} finished", count(finished)) } }
    } else {
        html! {
            <>
                { format!("of {} finished:", count(finished)) }
                <ul class="figure-causes">
                    { for s.failures_by_cause.iter().map(|(cause, n)| html! {
                        <li>{ format!("{} {}", capitalised(cause), count(*n)) }</li>
                    }) }
                </ul>
            </>
        }
    };
    figure("failed", "Requests failed", count(s.totals.failed_total()), note)
}

fn messages_figure(s: &Summary) -> Html {
    if s.messages_sent == 0 {
        return figure(
            "messages",
            "Messages lost",
            "–".to_owned(),
            html! { {"no message sent to a queue yet"} },
        );
    }
    let mut note = format!(
        "of {} sent · {} duplicated · {} dead-lettered",
        count(s.messages_sent),
        count(s.messages_duplicated),
        count(s.messages_dead_lettered)
    );
    if s.duplicate_writes > 0 {
        note.push_str(&format!(" · {} duplicate writes", count(s.duplicate_writes)));
    }
    figure("messages", "Messages lost", count(s.messages_lost), html! { { note } })
}

/// Each fault and how the design coped, or a pointer to the Faults panel.
fn incidents(list: &[Incident]) -> Html {
    if list.is_empty() {
        return html! {
            <p class="panel-note summary-no-incidents">
                {"No faults injected yet. Kill an instance or lose a zone from Faults to see how long \
                  detection and recovery take."}
            </p>
        };
    }
    let seconds = |t: Option<f64>| t.map_or_else(|| "not yet".to_owned(), duration);
    html! {
        <table class="incidents">
            <caption>{"Incidents"}</caption>
            <thead>
                <tr>
                    <th scope="col">{"Fault"}</th>
                    <th scope="col">{"At"}</th>
                    <th scope="col">{"Detected after"}</th>
                    <th scope="col">{"Recovered after"}</th>
                    <th scope="col" class="num">{"Failed requests"}</th>
                </tr>
            </thead>
            <tbody>
                { for list.iter().map(|i| html! {
                    <tr>
                        <th scope="row">{ capitalised(&i.label) }</th>
                        <td><time>{ clock(i.started) }</time></td>
                        <td class={classes!(i.detected.is_none().then_some("pending"))}>{ seconds(i.time_to_detect_s()) }</td>
                        <td class={classes!(i.recovered.is_none().then_some("pending"))}>{ seconds(i.time_to_recover_s()) }</td>
                        <td class="num">{ count(i.failed_requests) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// `target crashed` → `Target crashed`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use nines_sim::design::reference;
    use nines_sim::time::SECOND;

    fn running() -> Live {
        let mut live = Live::default();
        live.ensure(&reference::three_tier()).unwrap();
        live
    }

    #[test]
    fn no_summary_before_a_run() {
        assert_eq!(SummaryCache::default().get(&Live::default(), false, 0.0), None);
    }

    #[test]
    fn a_moving_run_is_summarised_a_few_times_a_second() {
        let mut live = running();
        let mut cache = SummaryCache::default();
        live.run_to(5 * SECOND, f64::INFINITY);
        let first = cache.get(&live, true, 1000.0).unwrap();
        live.run_to(6 * SECOND, f64::INFINITY);
        let soon = cache.get(&live, true, 1000.0 + REFRESH_MS / 2.0).unwrap();
        assert!(Rc::ptr_eq(&first, &soon), "not recomputed within {REFRESH_MS} ms");
        let later = cache.get(&live, true, 1000.0 + REFRESH_MS).unwrap();
        assert_eq!(later.seconds, 6.0);
    }

    #[test]
    fn a_still_or_new_run_is_summarised_at_once() {
        let mut live = running();
        let mut cache = SummaryCache::default();
        live.run_to(5 * SECOND, f64::INFINITY);
        cache.get(&live, true, 0.0);
        live.run_to(7 * SECOND, f64::INFINITY);
        assert_eq!(cache.get(&live, false, 1.0).unwrap().seconds, 7.0, "paused: now");
        live.reset();
        assert_eq!(cache.get(&live, true, 2.0), None, "reset: no run");
    }

    #[test]
    fn labels_start_with_a_capital() {
        assert_eq!(capitalised("target crashed"), "Target crashed");
        assert_eq!(capitalised(""), "");
    }
}
