//! The Nines simulation library: a deterministic discrete-event model of highly available
//! AWS-style systems, and the grader that judges designs by experiments run in it.
//!
//! It knows nothing of the browser. The web app, the command line and the tests all drive
//! the same code.

pub mod design;
pub mod event_queue;
pub mod ids;
pub mod rng;
pub mod time;
pub mod alarm;
pub mod measure;
pub mod queue;
pub mod scaling_policy;
pub mod price_table;
