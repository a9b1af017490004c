//! Faults for the selected component: kill or hang an instance (each instance of a
//! group), kill a database primary, stop or start a queue's consumers, a traffic spike.
//! Each button applies a [`Command`] to the running world now (starting the run if needed).

use std::rc::Rc;

use nines_sim::Command;
use nines_sim::design::{ComponentSpec, Design};
use nines_sim::snapshot::Snapshot;
use yew::prelude::*;

use crate::live::status;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct FaultsProps {
    pub design: Rc<Design>,
    pub selected: Option<AttrValue>,
    pub snapshot: Option<Rc<Snapshot>>,
    pub on_action: Callback<Action>,
}

#[function_component(Faults)]
pub fn faults(props: &FaultsProps) -> Html {
    let Some(component) = props.selected.as_deref().and_then(|id| props.design.component(id)) else {
        return html! {};
    };
    let id = component.id.clone();
    let button = |label: String, command: Command| {
        let onclick = props.on_action.reform(move |_| Action::Fault(command.clone()));
        html! { <button type="button" class="btn btn-fault" onclick={onclick}>{ label }</button> }
    };
    let instance_row = |name: String, state: Option<String>| {
        html! {
            <li class="fault-row" data-instance={name.clone()}>
                <span class="fault-name">{ name.clone() }</span>
                if let Some(state) = state { <span class="fault-state">{ state }</span> }
                { button(format!("Kill {name}"), Command::KillInstance { instance: name.clone() }) }
                { button(format!("Hang {name}"), Command::HangInstance { instance: name.clone() }) }
            </li>
        }
    };
    let rows: Html = match &component.spec {
        ComponentSpec::Instance(_) => {
            let state = props
                .snapshot
                .as_ref()
                .and_then(|s| s.instances.iter().find(|i| i.name == id))
                .map(|i| status::badge(i).text);
            instance_row(id.clone(), state)
        }
        ComponentSpec::AutoScalingGroup(_) => match &props.snapshot {
            Some(s) => s
                .instances
                .iter()
                .filter(|i| {
                    i.group.as_deref() == Some(id.as_str())
                        && i.lifecycle != nines_sim::world::Lifecycle::Terminated
                })
                .map(|i| instance_row(i.name.clone(), Some(status::badge(i).text)))
                .collect(),
            None => {
                html! { <li class="fault-hint">{"Press Play or Step: the group's instances appear here."}</li> }
            }
        },
        ComponentSpec::Database(_) => html! {
            <li class="fault-row">{ button("Kill primary".to_owned(), Command::KillDatabasePrimary { database: id.clone() }) }</li>
        },
        ComponentSpec::Queue(_) => html! {
            <li class="fault-row">
                { button("Stop consumers".to_owned(), Command::StopConsumers { queue: id.clone() }) }
                { button("Start consumers".to_owned(), Command::StartConsumers { queue: id.clone() }) }
            </li>
        },
        ComponentSpec::Clients(_) => html! {
            <li class="fault-row">
                { button("Traffic spike ×3 for 60 s".to_owned(), Command::TrafficSpike { factor: 3.0, duration_s: 60.0 }) }
            </li>
        },
        _ => return html! {},
    };
    html! {
        <section class="panel faults" aria-labelledby="faults-title">
            <header class="panel-head">
                <h2 id="faults-title">{ format!("Break {id}") }</h2>
            </header>
            <ul class="fault-list">{ rows }</ul>
        </section>
    }
}
