//! The Nines simulation library: a deterministic discrete-event model of highly available
//! AWS-style systems, and the grader that judges designs by experiments run in it.
//!
//! It knows nothing of the browser. The web app, the command line and the tests all drive
//! the same code.
//!
//! # A first experiment
//!
//! Build the three-tier reference design, let it warm up, kill one of its web instances,
//! and see the incident the fault opened: the load balancer's health checks detect it,
//! the auto-scaling group replaces the instance, and requests stop failing.
//!
//! ```text
//! clients ─▶ lb-1 ─▶ web (4–12) ─┬─▶ jobs ─▶ workers ─▶ db
//!                                └─────────────────────▶ db
//! ```
//!
//! ```
//! use nines_sim::design::reference::three_tier;
//! use nines_sim::time::SECOND;
//! use nines_sim::world::Lifecycle;
//! use nines_sim::{Command, World};
//!
//! let mut world = World::new(&three_tier()).expect("the shipped design is valid");
//! world.run_for(300 * SECOND);
//!
//! // The snapshot is the view's picture of the world: pick a web instance in service.
//! let snapshot = world.snapshot();
//! let victim = snapshot
//!     .instances
//!     .iter()
//!     .find(|i| i.group.as_deref() == Some("web") && i.lifecycle == Lifecycle::InService)
//!     .expect("the web group has instances in service after five minutes");
//! world.apply(Command::KillInstance { instance: victim.name.clone() }).expect("it exists");
//! world.run_for(600 * SECOND);
//!
//! let summary = world.summary();
//! let incident = &summary.incidents[0];
//! assert_eq!(incident.label, format!("killed {}", victim.name));
//! let detect_s = incident.time_to_detect_s().expect("the health checks noticed");
//! assert!(detect_s <= 90.0, "detected in {detect_s} s: two failed checks 30 s apart, plus timeouts");
//! assert!(incident.time_to_recover_s().is_some(), "requests stopped failing");
//! // Until the target leaves rotation, the load balancer still sends it a quarter of the
//! // traffic: those requests fail, and they are the only failures of the run.
//! assert!(incident.failed_requests > 0);
//! assert_eq!(incident.failed_requests, summary.totals.failed_total());
//! let web = world.snapshot().groups.into_iter().find(|g| g.name == "web").expect("a web group");
//! assert_eq!(web.in_service, web.desired, "the group replaced the instance: {web:?}");
//! world.check_conservation().expect("every request and message is accounted for");
//! ```

#![warn(missing_docs)]
// Units are written in brackets after a quantity, `[s]`, `[µs]`, `[requests/s]`, as
// nexosim does; rustdoc would take each for a broken intra-doc link.
#![allow(rustdoc::broken_intra_doc_links)]

pub mod alarm;
pub mod cloudformation;
pub mod command;
pub mod command_check;
mod command_de;
pub mod design;
pub mod digest;
pub mod event_log;
pub mod event_queue;
pub mod game_day;
pub mod grade;
pub mod ids;
pub mod level;
pub mod measure;
pub mod price_table;
pub mod request;
pub mod rng;
pub mod scaling_policy;
pub mod slug;
pub mod snapshot;
mod tagged_de;
pub mod time;
pub mod timeout_fifo;
pub mod world;

pub use command::{Command, TimedCommand};
pub use design::{Design, DesignError, parse_design};
pub use world::World;
