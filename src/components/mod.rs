//! The Playground's components, one per file, named for what they show.

pub mod app;
pub mod canvas;
pub mod chart_frame;
pub mod charts;
pub mod event_log;
pub mod header;
pub mod icon;
pub mod inspector;
pub mod node;
pub mod palette;
pub mod zone_lane;
