//! Measurement: what a run records and how it is summarised.

pub mod histogram;
pub mod series;
