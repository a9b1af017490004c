//! The levels: the path screen (`#/levels`), the level's panel beside the canvas, the
//! check's worker bridge, the progress file buttons and the level builder.

pub mod builder;
pub mod check;
pub mod panel;
pub mod path;
pub mod progress_files;
pub mod top_nav;

pub use path::LevelsScreen;
