//! Dragging with pointer events — mouse, touch and pen alike — from the palette or the
//! canvas onto the canvas.
//!
//! As in egui's drag-and-drop demo, nothing changes while the pointer moves: the
//! controller only records the source and what is under the pointer (hit-tested against
//! the pure layout, not the DOM), shows a preview of the verdict, and on release sends a
//! single [`Action::Drop`]. A press becomes a drag after a few pixels, so a click stays a
//! click (palette items arm, nodes select). Escape cancels.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use gloo::timers::callback::Timeout;
use nines_sim::design::{Design, Position};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent, PointerEvent};
use yew::prelude::*;

use crate::components::wall_clock::wall_ms;
use crate::editor::drop::{self, Hit, Source, Verdict};
use crate::kind::Kind;
use crate::layout::{Layout, NODE_H, Point, Rect};
use crate::state::{Action, Tone};

/// How far the pointer must travel before a press becomes a drag [CSS px].
const THRESHOLD: f64 = 4.0;

/// What the dragged thing looks like under the pointer.
#[derive(Clone, Debug, PartialEq)]
pub struct Ghost {
    pub kind: Option<Kind>,
    pub label: String,
}

/// A press that may become a drag.
#[derive(Clone, Debug, PartialEq)]
pub struct DragStart {
    pub source: Source,
    pub pointer_id: i32,
    /// Where the press happened [client px].
    pub client: (f64, f64),
    /// The pressed node's box [SVG units], to keep the grab point under the pointer.
    pub origin: Option<Rect>,
    /// Where a link's rubber band starts [client px].
    pub anchor: Option<(f64, f64)>,
    pub ghost: Ghost,
}

impl DragStart {
    /// A press from a pointer event on a source.
    pub fn from_event(e: &PointerEvent, source: Source, ghost: Ghost) -> Self {
        DragStart {
            source,
            pointer_id: e.pointer_id(),
            client: (f64::from(e.client_x()), f64::from(e.client_y())),
            origin: None,
            anchor: None,
            ghost,
        }
    }
}

/// One frame of a drag, for the overlay.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    pub client: (f64, f64),
    pub ghost: Ghost,
    pub anchor: Option<(f64, f64)>,
    pub verdict: Option<Verdict>,
    /// `performance.now()` when the pointer event arrived, for the frame-time probe.
    pub t0: f64,
}

/// What the canvas highlights while dragging: the source, what is under the pointer and
/// whether a drop there would be accepted. Changes only when the target changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DragUi {
    pub source: Option<Source>,
    pub hit: Option<Hit>,
    pub ok: bool,
}

/// The overlay's inbox: the controller sends frames, the overlay draws them, and nothing
/// else re-renders while the pointer moves.
#[derive(Clone, Default)]
pub struct DragBus(Rc<RefCell<Option<Callback<Option<Frame>>>>>);

impl PartialEq for DragBus {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl DragBus {
    pub fn connect(&self, inbox: Callback<Option<Frame>>) {
        *self.0.borrow_mut() = Some(inbox);
    }
    pub fn disconnect(&self) {
        self.0.borrow_mut().take();
    }
    fn send(&self, frame: Option<Frame>) {
        let inbox = self.0.borrow().clone();
        if let Some(inbox) = inbox {
            inbox.emit(frame);
        }
    }
}

/// The design and layout the window listeners hit-test against (the latest render's).
#[derive(Clone)]
pub struct Scene {
    pub design: Rc<Design>,
    pub layout: Rc<Layout>,
}

struct Session {
    start: DragStart,
    /// The canvas's box at the start [client px] and the page scroll then: reading the box
    /// on every move would force a layout per frame.
    frame: Option<(web_sys::DomRect, f64, f64)>,
    started: bool,
    hit: Option<Hit>,
    verdict: Option<Verdict>,
    /// Pointer offset from the dragged box's top-left [SVG units].
    grab: (f64, f64),
    _listeners: Vec<EventListener>,
}

struct Controller {
    scene: RefCell<Scene>,
    svg: NodeRef,
    bus: DragBus,
    ui: UseStateSetter<DragUi>,
    on_action: Callback<Action>,
    session: RefCell<Option<Session>>,
    suppress: RefCell<Option<(EventListener, Timeout)>>,
}

impl Controller {
    /// The canvas's box now [client px], and the page's scroll offsets.
    fn measure(&self) -> Option<(web_sys::DomRect, f64, f64)> {
        let svg = self.svg.cast::<Element>()?;
        let window = gloo::utils::window();
        Some((svg.get_bounding_client_rect(), window.scroll_x().ok()?, window.scroll_y().ok()?))
    }

    /// A client point in SVG units, using the box measured at the drag's start (shifted
    /// by any scrolling since).
    fn to_svg(&self, frame: Option<&(web_sys::DomRect, f64, f64)>, (x, y): (f64, f64)) -> Option<Point> {
        let (rect, sx, sy) = frame?;
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return None;
        }
        let window = gloo::utils::window();
        let (dx, dy) = (window.scroll_x().unwrap_or(*sx) - sx, window.scroll_y().unwrap_or(*sy) - sy);
        let layout = self.scene.borrow().layout.clone();
        Some(Point {
            x: (x - rect.left() + dx) * layout.width / rect.width(),
            y: (y - rect.top() + dy) * layout.height / rect.height(),
        })
    }

    fn start(self: &Rc<Self>, start: DragStart) {
        if self.session.borrow().is_some() {
            return;
        }
        let window = gloo::utils::window();
        let active = EventListenerOptions { phase: EventListenerPhase::Bubble, passive: false };
        let me: Weak<Self> = Rc::downgrade(self);
        let pointer = |kind: &'static str, me: Weak<Self>| {
            EventListener::new_with_options(&window, kind, active, move |e| {
                let (Some(ctl), Some(e)) = (me.upgrade(), e.dyn_ref::<PointerEvent>()) else { return };
                match kind {
                    "pointermove" => ctl.on_move(e),
                    "pointerup" => ctl.on_up(e),
                    _ if ctl
                        .session
                        .borrow()
                        .as_ref()
                        .is_some_and(|s| s.start.pointer_id == e.pointer_id()) =>
                    {
                        ctl.end()
                    }
                    _ => {}
                }
            })
        };
        let escape = {
            let me = me.clone();
            EventListener::new_with_options(&window, "keydown", active, move |e| {
                let (Some(ctl), Some(e)) = (me.upgrade(), e.dyn_ref::<KeyboardEvent>()) else { return };
                if e.key() == "Escape" && ctl.session.borrow().as_ref().is_some_and(|s| s.started) {
                    e.prevent_default();
                    ctl.end();
                    ctl.on_action
                        .emit(Action::Notify { text: "Drag cancelled.".to_owned(), tone: Tone::Info });
                }
            })
        };
        let listeners = vec![
            pointer("pointermove", me.clone()),
            pointer("pointerup", me.clone()),
            pointer("pointercancel", me),
            escape,
        ];
        let frame = self.measure();
        *self.session.borrow_mut() = Some(Session {
            start,
            frame,
            started: false,
            hit: None,
            verdict: None,
            grab: (0.0, 0.0),
            _listeners: listeners,
        });
    }

    fn on_move(&self, e: &PointerEvent) {
        let t0 = wall_ms();
        let client = (f64::from(e.client_x()), f64::from(e.client_y()));
        let scene = self.scene.borrow().clone();
        let mut session = self.session.borrow_mut();
        let Some(s) = session.as_mut().filter(|s| s.start.pointer_id == e.pointer_id()) else { return };
        if !s.started {
            let (dx, dy) = (client.0 - s.start.client.0, client.1 - s.start.client.1);
            if dx.hypot(dy) < THRESHOLD {
                return;
            }
            s.started = true;
            s.grab = match (s.start.origin, self.to_svg(s.frame.as_ref(), s.start.client)) {
                (Some(r), Some(p)) => (p.x - r.x, p.y - r.y),
                // A new component is held by its middle, as wide as the canvas draws cards.
                _ => (scene.layout.metrics.node_w / 2.0, NODE_H / 2.0),
            };
            self.ui.set(DragUi { source: Some(s.start.source.clone()), hit: None, ok: false });
        }
        e.prevent_default();
        let hit = self
            .to_svg(s.frame.as_ref(), client)
            .map_or(Hit::Outside, |p| drop::hit(&scene.layout, &scene.design, &s.start.source, p));
        if s.hit.as_ref() != Some(&hit) {
            let verdict = drop::preview(&scene.design, &s.start.source, &hit);
            self.ui.set(DragUi {
                source: Some(s.start.source.clone()),
                hit: Some(hit.clone()),
                ok: verdict.ok,
            });
            s.hit = Some(hit);
            s.verdict = Some(verdict);
        }
        let frame = Frame {
            client,
            ghost: s.start.ghost.clone(),
            anchor: s.start.anchor,
            verdict: s.verdict.clone(),
            t0,
        };
        drop(session);
        self.bus.send(Some(frame));
    }

    fn on_up(self: &Rc<Self>, e: &PointerEvent) {
        let client = (f64::from(e.client_x()), f64::from(e.client_y()));
        // Another finger lifting does not end this drag.
        let mine = self.session.borrow().as_ref().is_some_and(|s| s.start.pointer_id == e.pointer_id());
        if !mine {
            return;
        }
        let Some(s) = self.session.borrow_mut().take() else { return };
        if !s.started {
            // A press without a drag is a click: nothing was shown, nothing to clear.
            return;
        }
        self.clear();
        let scene = self.scene.borrow().clone();
        let point = self.to_svg(s.frame.as_ref(), client);
        let hit = point.map_or(Hit::Outside, |p| drop::hit(&scene.layout, &scene.design, &s.start.source, p));
        let position = match (&s.start.source, point) {
            (Source::Link { .. }, _) | (_, None) => None,
            // Whole pixels: finer means nothing on a canvas, and short numbers survive any JSON.
            (_, Some(p)) => {
                let region = drop::region_of(&scene.design, &hit).unwrap_or(0);
                let (dx, dy) = scene.layout.region_offset(region);
                Some(Position { x: (p.x - s.grab.0 - dx).round(), y: (p.y - s.grab.1 - dy).round() })
            }
        };
        self.suppress_click();
        self.on_action.emit(Action::Drop { source: s.start.source, hit, position });
    }

    fn end(&self) {
        self.session.borrow_mut().take();
        self.clear();
    }

    fn clear(&self) {
        self.ui.set(DragUi::default());
        self.bus.send(None);
    }

    /// Swallows the click a browser fires after a drag ends, so a drop does not also
    /// select, arm or clear whatever lies under the pointer. The click comes in the same
    /// task as the pointerup, so a zero timeout removes the guard right after it.
    fn suppress_click(self: &Rc<Self>) {
        let window = gloo::utils::window();
        let capture = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
        let listener = EventListener::new_with_options(&window, "click", capture, |e| {
            e.stop_propagation();
            e.prevent_default();
        });
        let weak = Rc::downgrade(self);
        let timeout = Timeout::new(0, move || {
            let taken = weak.upgrade().and_then(|c| c.suppress.borrow_mut().take());
            if let Some((listener, timeout)) = taken {
                drop(listener);
                // This closure is the timeout's own: leak it rather than free it while it runs.
                timeout.forget();
            }
        });
        *self.suppress.borrow_mut() = Some((listener, timeout));
    }
}

/// The drag controller of the app: a stable callback that starts a drag from a press.
#[hook]
pub fn use_drag(
    scene: Scene,
    svg: NodeRef,
    bus: DragBus,
    ui: UseStateSetter<DragUi>,
    on_action: Callback<Action>,
) -> Callback<DragStart> {
    let controller = {
        let scene = scene.clone();
        use_memo((), move |_| {
            Rc::new(Controller {
                scene: RefCell::new(scene),
                svg,
                bus,
                ui,
                on_action,
                session: RefCell::new(None),
                suppress: RefCell::new(None),
            })
        })
    };
    *controller.scene.borrow_mut() = scene;
    let controller = (*controller).clone();
    use_callback((), move |start: DragStart, _| controller.start(start))
}
