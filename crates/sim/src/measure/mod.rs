//! Measurement: what a run records and how it is summarised.

pub mod histogram;
pub mod incident;
pub mod recorder;
pub mod region_second;
pub mod series;
pub mod summary;
