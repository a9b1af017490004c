//! The recovery table: for each disruption type the grader exercised, the recovery time
//! (RTO) and data loss (RPO) achieved against the policy, met or breached, the way AWS
//! Resilience Hub reports an assessment.

use nines_sim::grade::{Disruption, Recovery};
use yew::prelude::*;

use crate::components::figures::{count, duration};

#[derive(Properties, PartialEq)]
pub struct RecoveryProps {
    pub rows: Vec<Recovery>,
}

#[function_component(RecoveryTable)]
pub fn recovery_table(props: &RecoveryProps) -> Html {
    html! {
        <section class="rc-recovery" aria-labelledby="rc-recovery-title">
            <h3 id="rc-recovery-title">{"Recovery against the policy"}</h3>
            if props.rows.is_empty() {
                <p class="rc-none">{"No experiment disrupted this design."}</p>
            } else {
                <table class="rc-table">
                    <caption class="visually-hidden">
                        {"Recovery time and data loss per disruption type, against the recovery policy"}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{"Disruption"}</th>
                            <th scope="col">{"Recovery time (RTO)"}</th>
                            <th scope="col">{"Data lost (RPO)"}</th>
                            <th scope="col">{"Policy"}</th>
                            <th scope="col">{"Result"}</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for props.rows.iter().map(row) }
                    </tbody>
                </table>
            }
        </section>
    }
}

fn row(r: &Recovery) -> Html {
    let rto = r.rto_s.map_or_else(|| "did not recover".to_owned(), duration);
    let lost = match (r.rpo.writes_lost, r.rpo.messages_lost) {
        (0, 0) => "nothing".to_owned(),
        (w, 0) => format!("{} writes", count(w)),
        (0, m) => format!("{} messages", count(m)),
        (w, m) => format!("{} writes, {} messages", count(w), count(m)),
    };
    let policy = format!("≤ {}, {} lost", duration(r.policy.rto_s), r.policy.rpo_lost);
    let (class, verdict) = if r.met { ("met", "✓ met") } else { ("breached", "✗ breached") };
    html! {
        <tr class={class} data-disruption={r.kind.as_str()}>
            <th scope="row">{ label(r.kind) }</th>
            <td>{ rto }</td>
            <td>{ lost }</td>
            <td>{ policy }</td>
            <td class="rc-verdict">{ verdict }</td>
        </tr>
    }
}

/// The disruption type for people.
fn label(kind: Disruption) -> &'static str {
    match kind {
        Disruption::Instance => "Instance (hardware)",
        Disruption::Software => "Software (hang)",
        Disruption::Zone => "Availability zone",
        Disruption::Database => "Database primary",
        Disruption::Dependency => "Dependency (consumers)",
    }
}
