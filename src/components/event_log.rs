//! The event log: what happened, in simulated time, announced politely to screen readers.

use nines_sim::time;
use yew::prelude::*;

use crate::state::LogEntry;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub events: Vec<LogEntry>,
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let count = props.events.len();
    let body = use_node_ref();
    {
        // Newest at the bottom: keep the latest line in view as lines arrive.
        let body = body.clone();
        let last = props.events.last().map(|e| (e.at, e.text.clone()));
        use_effect_with(last, move |_| {
            if let Some(el) = body.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    html! {
        <section class="panel event-log" aria-labelledby="event-log-title">
            <header class="panel-head">
                <h2 id="event-log-title">{"Event log"}</h2>
                <span class="badge">{ format!("{count} {}", if count == 1 { "event" } else { "events" }) }</span>
            </header>
            <div class="log-body" aria-live="polite" aria-relevant="additions" ref={body}>
                if props.events.is_empty() {
                    <div class="empty">
                        <p class="empty-title">{"No events yet"}</p>
                        <p>{"Health checks, failures, scaling and failovers are narrated here as the simulation runs."}</p>
                    </div>
                } else {
                    <ol class="log-list">
                        { for props.events.iter().map(|e| html! {
                            <li data-source={e.source.clone()}>
                                <time>{ time::clock(e.at) }</time>
                                <span class="log-source">{ e.source.clone() }</span>
                                <span class="log-text">{ e.text.clone() }</span>
                            </li>
                        }) }
                    </ol>
                }
            </div>
        </section>
    }
}
