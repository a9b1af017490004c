//! The embed's player: the canvas at the live world, the minimal bar, the optional
//! requests-per-second strip and the key help, driven by the presenter reducer, the frame
//! loop, the presenter's keys and the parent page's messages. It takes no focus: the deck
//! keeps the keyboard until the presenter clicks into the embed.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use super::bar::EmbedBar;
use super::help::KeyHelp;
use super::rate_strip::RateStrip;
use crate::components::canvas::Canvas;
use crate::components::outline::Outline;
use crate::embed::message::Outbound;
use crate::embed::params::Scene;
use crate::embed::presenter::{Presenter, PresenterAction};
use crate::embed::watch::Watch;
use crate::hooks::canvas_room::use_canvas_room;
use crate::hooks::embed_messages::{post, use_embed_messages};
use crate::hooks::frames::use_frames;
use crate::hooks::presenter_keys::use_presenter_keys;
use crate::layout_fit;
use crate::live::Live;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct EmbedPlayerProps {
    pub scene: Rc<Scene>,
}

#[function_component(EmbedPlayer)]
pub fn embed_player(props: &EmbedPlayerProps) -> Html {
    let presenter = {
        let scene = props.scene.clone();
        use_reducer(move || Presenter::new(scene))
    };
    let dispatch = {
        let dispatcher = presenter.dispatcher();
        use_callback((), move |action: PresenterAction, _| dispatcher.dispatch(action))
    };
    let on_action = {
        let dispatch = dispatch.clone();
        use_callback((), move |action: Action, _| dispatch.emit(PresenterAction::Run(action)))
    };
    let run = presenter.run.clone();
    use_frames(run.playing || run.fast_forward_to.is_some(), on_action.clone());
    use_presenter_keys(dispatch.clone());
    use_embed_messages(props.scene.design.clone(), dispatch.clone());
    use_ready(&props.scene, dispatch.clone());
    use_watch(run.live.clone(), props.scene.duration);
    use_log_hook(run.live.clone());
    let svg_ref = use_node_ref();
    // The drawing fits the stage whole: several regions are arranged for its width and height.
    let room = use_canvas_room(svg_ref.clone(), true);
    let layout = use_memo((run.design.clone(), room), |(design, room)| layout_fit::fit(design, *room));
    let no_drag = use_callback((), |_, _| ());
    let selected = run.selected.clone().map(AttrValue::from);
    let scene = &props.scene;
    let title = match &scene.level {
        Some(level) => format!("Nines simulation: level “{}”, {}", level.title, run.design.name),
        None => format!("Nines simulation: {}", run.design.name),
    };
    html! {
        <main class={classes!("embed", scene.charts.then_some("with-charts"))} aria-labelledby="embed-title">
            // The page's one heading, for screen readers: the slide shows the scene itself.
            <h1 id="embed-title" class="visually-hidden">{ title }</h1>
            <EmbedBar playing={run.playing} clock={run.clock} duration={scene.duration} speed={run.speed}
                next={scene.next_event_after(run.clock)} has_script={!scene.script.is_empty()}
                status={run.status.clone()} help={presenter.help} design={scene.design.clone()}
                level={scene.level.clone()} dispatch={dispatch.clone()} />
            <div class="embed-stage">
                <Canvas design={run.design.clone()} layout={layout} selected={selected}
                    svg_ref={svg_ref} on_action={on_action} on_drag_start={no_drag}
                    snapshot={run.snapshot.clone()} />
            </div>
            if scene.charts {
                <RateStrip live={run.live.clone()} />
            }
            if presenter.help {
                <KeyHelp on_close={dispatch.reform(|_| PresenterAction::CloseHelp)} />
            }
            <Outline design={run.design.clone()} />
        </main>
    }
}

/// Once mounted: tells the parent the embed is ready, and plays if the URL says `play=1`.
#[hook]
fn use_ready(scene: &Rc<Scene>, dispatch: Callback<PresenterAction>) {
    let scene = scene.clone();
    use_effect_with((), move |_| {
        post(&Outbound::Ready {
            duration: scene.duration,
            script: scene.script.iter().map(|t| t.at).collect(),
        });
        if scene.play {
            dispatch.emit(PresenterAction::Play);
        }
    });
}

/// After every move of the world: posts the incidents started or recovered, and the end.
#[hook]
fn use_watch(live: Live, end: nines_sim::time::Micros) {
    let watch = use_mut_ref(Watch::default);
    use_effect_with(live, move |live| {
        let epoch = live.epoch();
        let messages = live.with_world(|w| watch.borrow_mut().update(epoch, w.incidents(), w.now(), end));
        for message in messages.unwrap_or_default() {
            post(&message);
        }
    });
}

/// `window.__nines_embed_log()`: the run's whole event log as text lines (`00:01:00 i-1:
/// crashed`), for end-to-end tests that compare two loads, and for curious presenters.
/// Registered once; it reads the latest run through a cell updated on every render.
#[hook]
fn use_log_hook(live: Live) {
    let latest = use_mut_ref(Live::default);
    *latest.borrow_mut() = live;
    use_effect_with((), move |_| {
        let read = Closure::<dyn Fn() -> JsValue>::new(move || {
            let lines = latest.borrow().log_entries_where(|_, _| true, usize::MAX);
            let text: Vec<String> = lines
                .iter()
                .map(|e| format!("{} {}: {}", nines_sim::time::clock(e.at), e.source, e.text))
                .collect();
            JsValue::from_str(&text.join("\n"))
        });
        let window = gloo::utils::window();
        let _ = js_sys::Reflect::set(&window, &JsValue::from_str("__nines_embed_log"), read.as_ref());
        move || {
            let _ = js_sys::Reflect::delete_property(&window, &JsValue::from_str("__nines_embed_log"));
            drop(read);
        }
    });
}
