//! The Playground's components, one per file, named for what they show.

pub mod app;
pub mod canvas;
pub mod chart_frame;
pub mod charts;
pub mod confirm_new;
pub mod cost_badge;
pub mod drag;
pub mod drag_layer;
pub mod editor_bar;
pub mod event_log;
pub mod faults;
pub mod field;
pub mod header;
pub mod icon;
pub mod inspector;
pub mod node;
pub mod outline;
pub mod palette;
pub mod persistence;
pub mod placement_bar;
pub mod region_bar;
pub mod shortcuts;
pub mod status_line;
pub mod test_hook;
pub mod zone_lane;
