//! The app's hooks: effects at the edges of the reducer — the animation-frame loop,
//! keyboard shortcuts and fault keys, Esc out of the projector layout, the phone width, the
//! canvas's room on screen,
//! dragging, autosave, the embed's keys and messages, native dialogs, and the end-to-end tests' window hook.
//! Components call them; none draws anything.

pub mod autosave;
pub mod canvas_room;
pub mod chart_plots;
pub mod design_hook;
pub mod dialog;
pub mod drag;
pub mod embed_messages;
pub mod fault_keys;
pub mod frames;
pub mod present_keys;
pub mod presenter_keys;
pub mod shortcuts;
pub mod viewport;
