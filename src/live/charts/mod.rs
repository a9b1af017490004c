//! The charts' pure logic, unit-tested natively: what they draw (the run's series folded
//! into buckets), their geometry as SVG paths, when a new history is worth drawing, and
//! a chart in words for screen readers. The components that show them are in
//! `crate::components::charts`.

pub mod data;
pub mod geometry;
pub mod pace;
pub mod spec;
pub mod text;
