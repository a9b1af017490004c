//! The Nines simulation library: a deterministic discrete-event model of highly available
//! AWS-style systems, and the grader that judges designs by experiments run in it.
//!
//! It knows nothing of the browser. The web app, the command line and the tests all drive
//! the same code.

pub mod alarm;
pub mod command;
pub mod design;
pub mod digest;
pub mod event_log;
pub mod event_queue;
pub mod game_day;
pub mod ids;
pub mod measure;
pub mod price_table;
pub mod request;
pub mod rng;
pub mod scaling_policy;
pub mod snapshot;
pub mod time;
pub mod timeout_fifo;
pub mod world;

pub use command::{Command, TimedCommand};
pub use design::{Design, DesignError, parse_design};
pub use world::World;
