//! Measurement: what a run records and how it is summarised.

pub mod histogram;
pub mod incident;
pub mod recorder;
pub mod series;
pub mod summary;
