//! The app's side of levels: which screen a link opens, the level open on the canvas, and
//! the learner's path through the shipped levels. The levels themselves (format, the eight
//! shipped ones, the check) are `nines_sim::level`.

pub mod builder;
pub mod play;
pub mod screen;
pub mod session;

pub use screen::Screen;
pub use session::LevelSession;
