//! The event log: what happened, in simulated time, filterable by component and severity.
//! Choosing an entry selects its component and moves the run to that moment; warnings and
//! critical entries are announced to screen readers (see [`super::log_announcer`]).

use std::rc::Rc;

use nines_sim::event_log::Severity;
use nines_sim::time;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::log_announcer::LogAnnouncer;
use crate::live::Live;
use crate::state::{Action, LOG_CAP, LogEntry};

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// The newest lines of the log, oldest first.
    pub events: Rc<Vec<LogEntry>>,
    /// The run's whole log, searched when a filter is chosen.
    pub log: RunLog,
    /// Whether the run is being simulated faster than it can be read (fast-forward or
    /// re-simulation): nothing is announced meanwhile.
    #[prop_or_default]
    pub quiet: bool,
    pub on_action: Callback<Action>,
}

/// The run's log as a prop: equal while no entry is added and the world is not replaced,
/// so the log does not render again on every frame of a run.
#[derive(Clone)]
pub struct RunLog {
    live: Live,
    /// The world's epoch and log length when taken.
    mark: (u64, usize),
}

impl RunLog {
    /// The log of the run in `live` as it is now.
    pub fn new(live: &Live) -> Self {
        RunLog { live: live.clone(), mark: (live.epoch(), live.log_len()) }
    }
}

impl PartialEq for RunLog {
    fn eq(&self, other: &Self) -> bool {
        self.mark == other.mark
    }
}

/// Which entries are shown.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filter {
    /// Only entries about this component; all when `None`.
    source: Option<String>,
    /// Only entries at least this severe.
    at_least: Option<Severity>,
}

impl Filter {
    /// Whether an entry about `source` with `severity` is shown.
    fn shows(&self, source: &str, severity: Severity) -> bool {
        self.source.as_ref().is_none_or(|s| s == source)
            && self.at_least.is_none_or(|least| severity >= least)
    }

    fn is_active(&self) -> bool {
        *self != Filter::default()
    }
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let filter = use_state(Filter::default);
    let body = use_node_ref();
    {
        // Newest at the bottom: keep the latest line in view as lines arrive.
        let body = body.clone();
        let last = props.events.last().map(|e| (e.at, e.text.clone()));
        use_effect_with((last, (*filter).clone()), move |_| {
            if let Some(el) = body.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    // Unfiltered, the lines kept on screen; filtered, the whole run's log is searched.
    let found;
    let shown: Vec<&LogEntry> = if filter.is_active() {
        found = props.log.live.log_entries_where(|source, severity| filter.shows(source, severity), LOG_CAP);
        found.iter().collect()
    } else {
        props.events.iter().collect()
    };
    let count = match (shown.len(), filter.is_active()) {
        (1, false) => "1 event".to_owned(),
        (shown, false) => format!("{shown} events"),
        (1, true) => "1 match".to_owned(),
        (shown, true) => format!("{shown} matches"),
    };
    html! {
        <section class="panel event-log" aria-labelledby="event-log-title">
            <header class="panel-head">
                <h2 id="event-log-title">{"Event log"}</h2>
                <span class="badge">{ count }</span>
            </header>
            { filters(props.log.live.log_subjects(), &filter) }
            <div class="log-body" ref={body}>
                if props.events.is_empty() {
                    <div class="empty">
                        <p class="empty-title">{"No events yet"}</p>
                        <p>{"Health checks, failures, scaling and failovers are narrated here as the simulation runs."}</p>
                    </div>
                } else if shown.is_empty() {
                    <p class="log-none">{"No events match these filters."}</p>
                } else {
                    <ol class="log-list" aria-label="Events, oldest first; choose one to go to its moment">
                        { for shown.into_iter().map(|e| entry(e, &props.on_action)) }
                    </ol>
                }
            </div>
            <LogAnnouncer events={props.events.clone()} quiet={props.quiet} />
        </section>
    }
}

/// One entry: a button that selects its component and moves the run to its time.
fn entry(e: &LogEntry, on_action: &Callback<Action>) -> Html {
    let (at, source) = (e.at, e.source.clone());
    let onclick = on_action.reform(move |_| Action::GoToEvent { at, source: source.clone() });
    html! {
        <li data-source={e.source.clone()} class={classes!("log-entry", severity_class(e.severity))}>
            <button type="button" class="log-go" onclick={onclick}>
                <time>{ time::clock(e.at) }</time>
                if e.severity > Severity::Info {
                    <span class="visually-hidden">{ severity_name(e.severity) }</span>
                }
                <span class="log-what">{ what(&e.source, &e.text) }</span>
            </button>
        </li>
    }
}

/// The sentence with its component in bold. Most sentences start with the component
/// ("assets: not answering"): it is bolded there, not named a second time in front of the
/// sentence ("assets assets: …"); a sentence about it that starts otherwise ("web: i-1
/// failed …") gets the name in front.
fn what(source: &str, text: &str) -> Html {
    match subject_first(source, text) {
        Some(rest) => html! {
            <>
                <span class="log-source">{ source.to_owned() }</span>
                <span class="log-text">{ rest.to_owned() }</span>
            </>
        },
        None if source.is_empty() => html! { <span class="log-text">{ text.to_owned() }</span> },
        None => html! {
            <>
                <span class="log-source">{ source.to_owned() }</span>{" "}
                <span class="log-text">{ text.to_owned() }</span>
            </>
        },
    }
}

/// The rest of `text` after its subject, `": not answering"`, when it starts with `source`
/// followed by a colon.
fn subject_first<'a>(source: &str, text: &'a str) -> Option<&'a str> {
    let rest = text.strip_prefix(source).filter(|_| !source.is_empty())?;
    rest.starts_with(':').then_some(rest)
}

/// The two filter selects: component (those the log speaks of) and severity.
fn filters(sources: Vec<String>, filter: &UseStateHandle<Filter>) -> Html {
    let on_source = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            filter.set(Filter { source: (!value.is_empty()).then_some(value), ..(*filter).clone() });
        })
    };
    let on_severity = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let at_least = match e.target_unchecked_into::<HtmlSelectElement>().value().as_str() {
                "warning" => Some(Severity::Warning),
                "critical" => Some(Severity::Critical),
                _ => None,
            };
            filter.set(Filter { at_least, ..(*filter).clone() });
        })
    };
    let chosen = filter.source.clone().unwrap_or_default();
    html! {
        <div class="log-filters">
            <label class="field">
                <span>{"Component"}</span>
                <select class="log-filter-source" onchange={on_source}>
                    <option value="" selected={chosen.is_empty()}>{"All"}</option>
                    { for sources.iter().map(|s| html! {
                        <option value={s.clone()} selected={*s == chosen}>{ s.clone() }</option>
                    }) }
                    if !chosen.is_empty() && !sources.contains(&chosen) {
                        <option value={chosen.clone()} selected=true>{ chosen.clone() }</option>
                    }
                </select>
            </label>
            <label class="field">
                <span>{"Severity"}</span>
                <select class="log-filter-severity" onchange={on_severity}>
                    <option value="" selected={filter.at_least.is_none()}>{"All"}</option>
                    <option value="warning" selected={filter.at_least == Some(Severity::Warning)}>
                        {"Warning or worse"}
                    </option>
                    <option value="critical" selected={filter.at_least == Some(Severity::Critical)}>
                        {"Critical only"}
                    </option>
                </select>
            </label>
        </div>
    }
}

/// CSS class of an entry by severity.
fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "sev-info",
        Severity::Warning => "sev-warning",
        Severity::Critical => "sev-critical",
    }
}

/// The severity in words, for screen readers and tooltips.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "Info",
        Severity::Warning => "Warning",
        Severity::Critical => "Critical",
    }
}

#[cfg(test)]
mod tests {
    use nines_sim::event_log::Happening;

    use super::subject_first;

    #[test]
    fn a_sentence_that_starts_with_its_component_names_it_once() {
        let down = Happening::StorageDown { storage: "assets".into() };
        let text = down.to_string();
        assert_eq!(
            subject_first(down.subject(), &text),
            Some(": not answering (regional outage); CDN misses fail, hits are still served")
        );
        let store = Happening::StoreDown { store: "sessions".into() };
        assert_eq!(
            subject_first(store.subject(), &store.to_string()),
            Some(": not answering (regional outage)")
        );
        let cdn = Happening::CdnDown { cdn: "cdn".into() };
        assert!(subject_first(cdn.subject(), &cdn.to_string()).is_some());
        // About i-1, told by its group: the name goes in front.
        let marked =
            Happening::MarkedUnhealthy { group: "web".into(), instance: "i-1".into(), check: "ELB".into() };
        assert_eq!(subject_first(marked.subject(), &marked.to_string()), None);
        // A prefix of another name is not the name ("web" in "web-1: crashed").
        assert_eq!(subject_first("web", "web-1: crashed"), None);
        assert_eq!(subject_first("", ": odd"), None);
    }
}
