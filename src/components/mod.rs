//! The Playground's components, one per file, named for what they show.

pub mod app;
pub mod canvas;
pub mod charts;
pub mod confirm_new;
pub mod cost_badge;
pub mod drag_layer;
pub mod editor_bar;
pub mod event_log;
pub mod faults;
pub mod field;
pub mod figures;
pub mod header;
pub mod icon;
pub mod inspector;
pub mod log_announcer;
pub mod node;
pub mod outline;
pub mod palette;
pub mod persistence;
pub mod placement_bar;
pub mod region_bar;
pub mod run_summary;
pub mod status_line;
pub mod timeline;
pub mod wall_clock;
pub mod zone_lane;
