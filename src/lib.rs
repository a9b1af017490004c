//! Nines in the browser: the Playground, a Yew app over the `nines-sim` library.
//!
//! The app is a library so browser tests can render its components; `main.rs` only mounts
//! [`App`]. Pure pieces (layout geometry, parameter rows, the reducer) are plain modules
//! with native unit tests.

pub mod components;
pub mod edge_routing;
pub mod editor;
pub mod embed;
pub mod examples;
pub mod exporter;
pub mod grader;
pub mod hooks;
pub mod kind;
pub mod layout;
pub mod layout_fit;
pub mod layout_regions;
pub mod levels;
pub mod live;
pub mod number;
pub mod persist;
pub mod starter;
pub mod state;
pub mod summary;

pub use components::embed::EmbedApp;
pub use components::router::App;
