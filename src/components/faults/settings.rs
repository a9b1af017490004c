//! The two faults with settings a learner tunes: a traffic spike (factor and duration)
//! and chaos monkey (mean interval, business hours, which group). A field that cannot be
//! used says which field and how to fix it, next to the field, as it is typed.

use std::rc::Rc;

use nines_sim::Command;
use nines_sim::design::{ComponentSpec, Design};
use nines_sim::snapshot::ChaosView;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::input_text;
use crate::live::fault_menu::{FaultSettings, SettingError};
use crate::live::status::age_text;
use crate::state::{Action, Tone};

#[derive(Properties, PartialEq)]
pub struct SpikeProps {
    pub settings: FaultSettings,
    pub on_change: Callback<FaultSettings>,
    pub on_action: Callback<Action>,
}

/// Applies `command`, or says what is wrong with the settings.
fn apply_or_refuse(result: Result<Command, SettingError>) -> Action {
    match result {
        Ok(command) => Action::Fault(command),
        Err(e) => Action::Notify { text: e.message, tone: Tone::Refused },
    }
}

/// One text setting: label, input, unit, and its problem when it has one.
fn setting(
    id: &'static str,
    label: &str,
    unit: &str,
    value: &str,
    error: Option<&SettingError>,
    oninput: Callback<InputEvent>,
) -> Html {
    let problem = error.filter(|e| e.field == id);
    let error_id = format!("{id}-error");
    html! {
        <div class={classes!("fault-setting", problem.is_some().then_some("invalid"))}>
            <label for={id}>{ label.to_owned() }</label>
            <input type="text" id={id} class="field-input" inputmode="decimal" spellcheck="false" autocomplete="off"
                value={value.to_owned()} {oninput} aria-invalid={problem.is_some().to_string()}
                aria-describedby={problem.map(|_| error_id.clone())} />
            <span class="unit">{ unit.to_owned() }</span>
            if let Some(p) = problem {
                <p class="field-problem" id={error_id}>{ p.message.clone() }</p>
            }
        </div>
    }
}

#[function_component(SpikeControls)]
pub fn spike_controls(props: &SpikeProps) -> Html {
    let s = &props.settings;
    let result = s.spike();
    let error = result.as_ref().err();
    let edit = |change: fn(&mut FaultSettings, String)| {
        let (settings, on_change) = (s.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let mut next = settings.clone();
            change(&mut next, input_text(&e));
            on_change.emit(next);
        })
    };
    let onclick = {
        let result = result.clone();
        props.on_action.reform(move |_: MouseEvent| apply_or_refuse(result.clone()))
    };
    html! {
        <div class="fault-group" role="group" aria-labelledby="faults-spike">
            <h3 id="faults-spike">{"Traffic spike"}</h3>
            <div class="fault-settings">
                { setting("spike-factor", "Factor", "×", &s.spike_factor, error, edit(|s, t| s.spike_factor = t)) }
                { setting("spike-duration", "For", "s, m or h", &s.spike_duration, error, edit(|s, t| s.spike_duration = t)) }
            </div>
            <button type="button" class="btn btn-fault" onclick={onclick} aria-keyshortcuts="T"
                title="Every traffic source sends this many times its rate for this long (key T)">
                {"Spike traffic"}<kbd aria-hidden="true" data-key="T"></kbd>
            </button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChaosProps {
    pub settings: FaultSettings,
    pub on_change: Callback<FaultSettings>,
    pub design: Rc<Design>,
    /// Chaos monkey's settings while it runs.
    pub chaos: Option<ChaosView>,
    pub on_action: Callback<Action>,
}

#[function_component(ChaosControls)]
pub fn chaos_controls(props: &ChaosProps) -> Html {
    let s = &props.settings;
    let result = s.chaos();
    let error = result.as_ref().err();
    let on_every = {
        let (settings, on_change) = (s.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            on_change.emit(FaultSettings { chaos_every: input_text(&e), ..settings.clone() })
        })
    };
    let on_hours = {
        let (settings, on_change) = (s.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            on_change.emit(FaultSettings { business_hours: on, ..settings.clone() })
        })
    };
    let on_group = {
        let (settings, on_change) = (s.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let group = e.target_unchecked_into::<HtmlSelectElement>().value();
            on_change.emit(FaultSettings { chaos_group: group, ..settings.clone() })
        })
    };
    let groups: Vec<String> = props
        .design
        .components
        .iter()
        .filter(|c| matches!(c.spec, ComponentSpec::AutoScalingGroup(_)))
        .map(|c| c.id.clone())
        .collect();
    let (text, action) = match &props.chaos {
        Some(_) => ("Stop chaos monkey", Action::Fault(Command::StopChaosMonkey)),
        None => ("Start chaos monkey", apply_or_refuse(result.clone())),
    };
    let onclick = props.on_action.reform(move |_: MouseEvent| action.clone());
    html! {
        <div class={classes!("fault-group", "chaos", props.chaos.is_some().then_some("on"))} role="group"
            aria-labelledby="faults-chaos">
            <h3 id="faults-chaos">{"Chaos monkey"}</h3>
            <p class="chaos-state" role="status">{ chaos_state(props.chaos.as_ref()) }</p>
            <div class="fault-settings">
                { setting("chaos-every", "Every ~", "s, m or h", &s.chaos_every, error, on_every) }
                <div class="fault-setting">
                    <label for="chaos-group">{"In"}</label>
                    <select id="chaos-group" onchange={on_group}>
                        <option value="" selected={s.chaos_group.is_empty()}>{"every group"}</option>
                        { for groups.iter().map(|g| html! {
                            <option value={g.clone()} selected={*g == s.chaos_group}>{ g.clone() }</option>
                        }) }
                    </select>
                </div>
                <label class="fault-check">
                    <input type="checkbox" checked={s.business_hours} onchange={on_hours} />
                    {"Only 09:00–15:00 (business hours)"}
                </label>
            </div>
            <button type="button" class={classes!("btn", "btn-fault", props.chaos.is_some().then_some("btn-mend"))}
                onclick={onclick} aria-keyshortcuts="C"
                title="Terminates a random in-service group instance at this mean interval (key C)">
                { text }<kbd aria-hidden="true" data-key="C"></kbd>
            </button>
        </div>
    }
}

/// Chaos monkey's state in words.
fn chaos_state(chaos: Option<&ChaosView>) -> String {
    match chaos {
        None => "Off.".to_owned(),
        Some(c) => format!(
            "On: kills an instance of {} every ~{}{}.",
            c.group.as_deref().unwrap_or("every group"),
            age_text(c.mean_interval_s),
            if c.business_hours { ", 09:00–15:00 only" } else { "" }
        ),
    }
}
