//! The Playground screen: one reducer, and the panels laid out around the canvas. With a
//! level it is the level's screen too: the level's panel above the canvas, the palette
//! limited to what the level allows, and the learner's design kept per level.
//!
//! The same panels serve three layouts, chosen by a class on the root and laid out by the
//! CSS (`layout.css`, `present.css`): the editor; the projector layout ("Present": canvas,
//! requests chart, faults and event log on one screen, the rest folded away, nothing
//! unmounted so the run, the charts and the log's filter carry on); and the read-only
//! phone view (no palette, inspector or dragging).

use std::rc::Rc;

use yew::prelude::*;

use super::canvas::Canvas;
use super::charts::Charts;
use super::confirm_new::ConfirmNew;
use super::cost_badge::CostBadge;
use super::drag_layer::DragLayer;
use super::editor_bar::EditorBar;
use super::event_log::{EventLog, RunLog};
use super::examples_menu::ExamplesMenu;
use super::faults::Faults;
use super::header::Header;
use super::inspector::Inspector;
use super::levels::builder::MakeLevelButton;
use super::levels::panel::LevelPanel;
use super::levels::top_nav::Here;
use super::outline::Outline;
use super::palette::Palette;
use super::persistence::{FileButtons, import_files, level_startup, startup};
use super::placement_bar::PlacementBar;
use super::region_bar::RegionBar;
use super::report_card::ReportCard;
use super::report_card::bridge::use_grader;
use super::report_card::grade_button::GradeButton;
use super::status_line::StatusLine;
use super::timeline::Timeline;
use crate::hooks::autosave::use_autosave;
use crate::hooks::canvas_room::use_canvas_room;
use crate::hooks::design_hook::use_design_hook;
use crate::hooks::drag::{DragBus, DragUi, Scene, use_drag};
use crate::hooks::frames::use_frames;
use crate::hooks::present_keys::use_present_keys;
use crate::hooks::shortcuts::use_shortcuts;
use crate::hooks::viewport::use_phone_width;
use crate::layout_fit;
use crate::levels::LevelSession;
use crate::state::Action;

#[derive(Properties, PartialEq, Default)]
pub struct PlaygroundProps {
    /// The level being played, if any.
    #[prop_or_default]
    pub level: Option<Rc<LevelSession>>,
    /// Whether to move keyboard focus to the screen's heading on mount (after a change of
    /// screen, not on page load).
    #[prop_or_default]
    pub focus: bool,
}

#[function_component(Playground)]
pub fn playground(props: &PlaygroundProps) -> Html {
    let state = {
        let level = props.level.clone();
        use_reducer(move || match &level {
            Some(session) => level_startup(session),
            None => startup(),
        })
    };
    let on_action = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };
    let svg_ref = use_node_ref();
    // Several regions are arranged to fit the canvas's width (on a projector, its height too).
    let room = use_canvas_room(svg_ref.clone(), state.presenting);
    let layout = use_memo((state.design.clone(), room), |(design, room)| layout_fit::fit(design, *room));
    let bus = use_memo((), |_| DragBus::default());
    let drag_ui = use_state(DragUi::default);
    let on_drag_start = use_drag(
        Scene { design: state.design.clone(), layout: layout.clone() },
        svg_ref.clone(),
        (*bus).clone(),
        drag_ui.setter(),
        on_action.clone(),
    );
    {
        // Back from the levels: focus goes to the page's (visually hidden) heading, so a screen
        // reader says where the learner is. A level's panel focuses its own title.
        let focus = props.focus && props.level.is_none();
        use_effect_with((), move |_| {
            if focus && let Some(heading) = gloo::utils::document().get_element_by_id("page-title") {
                use wasm_bindgen::JsCast;
                if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                    let _ = heading.focus();
                }
            }
        });
    }
    use_shortcuts(on_action.clone());
    use_present_keys(state.presenting, on_action.clone());
    let phone = use_phone_width();
    // Read-only on a phone: a press on the canvas selects (to break it), never drags.
    let on_drag_start = if phone { Callback::noop() } else { on_drag_start };
    use_frames(state.playing || state.fast_forward_to.is_some(), on_action.clone());
    use_design_hook(state.design.clone());
    use_autosave(state.design.clone(), props.level.as_ref().map(|s| s.key.clone()), on_action.clone());
    let grader = use_grader(state.design.clone(), on_action.clone());
    let file_over = use_state(|| false);
    let on_drag_over = {
        let file_over = file_over.clone();
        Callback::from(move |e: DragEvent| {
            let files = e.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0));
            if files {
                e.prevent_default();
                if !*file_over {
                    file_over.set(true);
                }
            }
        })
    };
    let on_drag_leave = {
        let file_over = file_over.clone();
        Callback::from(move |_: DragEvent| file_over.set(false))
    };
    let on_file_drop = {
        let (file_over, on_action) = (file_over.clone(), on_action.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            file_over.set(false);
            import_files(e.data_transfer().and_then(|d| d.files()), on_action.clone());
        })
    };

    let selected: Option<AttrValue> = state.selected.clone().map(AttrValue::from);
    let linking: Option<AttrValue> = state.linking.clone().map(AttrValue::from);
    let undo = state.history.undo_label().map(|l| AttrValue::from(l.to_owned()));
    let redo = state.history.redo_label().map(|l| AttrValue::from(l.to_owned()));
    html! {
        <div class={classes!("app", drag_ui.source.is_some().then_some("is-dragging"),
            state.presenting.then_some("presenting"), phone.then_some("read-only"))}>
            <Header
                design_name={state.design.name.clone()}
                playing={state.playing}
                speed={state.speed}
                clock={state.clock}
                fast_forward={state.fast_forward.clone()}
                fast_forward_error={state.fast_forward_error.clone().map(AttrValue::from)}
                progress={state.fast_forward_progress()}
                here={if props.level.is_some() { Here::Level } else { Here::Playground }}
                presenting={state.presenting}
                read_only={phone}
                on_action={on_action.clone()}>
                <CostBadge design={state.design.clone()} />
                <GradeButton grader={grader.clone()} running={state.grade.running()} progress={state.grade.progress()} />
            </Header>
            <main class="workspace">
                <Palette armed={state.armed} on_action={on_action.clone()} on_drag_start={on_drag_start.clone()}
                    allowed={props.level.as_ref().map(|s| s.level.palette.clone())} />
                <div class="center">
                    if let Some(session) = &props.level {
                        <LevelPanel session={session.clone()} design={state.design.clone()} focus={props.focus}
                            on_action={on_action.clone()} />
                    }
                    <section class={classes!("panel", "canvas-panel", file_over.then_some("file-over"))}
                        aria-labelledby="canvas-title" ondragover={on_drag_over} ondragleave={on_drag_leave}
                        ondrop={on_file_drop}>
                        <EditorBar undo={undo} redo={redo} on_action={on_action.clone()}>
                            <ExamplesMenu on_action={on_action.clone()} />
                            <FileButtons design={state.design.clone()} svg_ref={svg_ref.clone()}
                                on_action={on_action.clone()} />
                            <super::embed_code::EmbedCode design={state.design.clone()} applied={state.applied.clone()}
                                speed={state.speed} level={props.level.clone()} />
                            <MakeLevelButton design={state.design.clone()} live={state.live.clone()}
                                applied={state.applied.clone()} on_action={on_action.clone()} />
                        </EditorBar>
                        <RegionBar design={state.design.clone()} on_action={on_action.clone()} />
                        if state.confirm_new {
                            <ConfirmNew components={state.design.components.len()} on_action={on_action.clone()} />
                        }
                        <PlacementBar design={state.design.clone()} armed={state.armed} linking={linking.clone()}
                            on_action={on_action.clone()} />
                        <StatusLine status={state.status.clone()} on_action={on_action.clone()} />
                        <Canvas design={state.design.clone()} layout={layout.clone()} selected={selected.clone()}
                            linking={linking} armed={state.armed} drag={(*drag_ui).clone()} focus={state.focus.clone()}
                            svg_ref={svg_ref} on_action={on_action.clone()} on_drag_start={on_drag_start}
                            snapshot={state.snapshot.clone()} />
                    </section>
                    <Timeline running={state.live.is_running()} clock={state.clock} reached={state.reached}
                        applied={state.applied.clone()} progress={state.fast_forward_progress()}
                        on_action={on_action.clone()} />
                    <ReportCard grade={state.grade.clone()} stale={state.grade.is_stale(&state.design)} grader={grader}
                        on_action={on_action.clone()} />
                    <super::run_summary::RunSummary live={state.live.clone()} moving={state.playing || state.fast_forward_to.is_some()} />
                    <Charts playing={state.playing} live={state.live.clone()} design={state.design.clone()} />
                </div>
                <aside class="side" aria-label="Details">
                    <Inspector design={state.design.clone()} selected={selected.clone()} drafts={state.drafts.clone()}
                        on_action={on_action.clone()} />
                    <Faults design={state.design.clone()} selected={selected} snapshot={state.snapshot.clone()}
                        on_action={on_action.clone()} />
                    <EventLog events={state.events.clone()} log={RunLog::new(&state.live)} quiet={state.fast_forward_to.is_some()}
                        on_action={on_action.clone()} />
                </aside>
                <Outline design={state.design.clone()} />
            </main>
            <DragLayer bus={(*bus).clone()} />
        </div>
    }
}
