//! The Playground screen: one reducer, and the panels laid out around the canvas.

use yew::prelude::*;

use super::canvas::Canvas;
use super::charts::Charts;
use super::event_log::EventLog;
use super::header::Header;
use super::inspector::Inspector;
use super::palette::Palette;
use crate::starter;
use crate::state::State;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::new(starter::design()));
    let on_action = {
        let state = state.clone();
        Callback::from(move |action| state.dispatch(action))
    };
    let selected: Option<AttrValue> = state.selected.clone().map(AttrValue::from);
    html! {
        <div class="app">
            <Header
                design_name={state.design.name.clone()}
                playing={state.playing}
                speed={state.speed}
                clock={state.clock}
                fast_forward={state.fast_forward.clone()}
                fast_forward_error={state.fast_forward_error.clone().map(AttrValue::from)}
                on_action={on_action.clone()} />
            <main class="workspace">
                <Palette armed={state.armed} on_action={on_action.clone()} />
                <div class="center">
                    <Canvas design={state.design.clone()} selected={selected.clone()} on_action={on_action} />
                    <Charts playing={state.playing} />
                </div>
                <aside class="side" aria-label="Details">
                    <Inspector design={state.design.clone()} selected={selected} />
                    <EventLog events={state.events.clone()} />
                </aside>
            </main>
        </div>
    }
}
