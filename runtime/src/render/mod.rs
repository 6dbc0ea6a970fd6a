//! Renderers: a folded [`Profile`](crate::fold::Profile) (or a non-stack map) → bytes for humans
//! and tools. Each takes plain data and returns text or bytes; none writes a file or touches the
//! kernel (the binary chooses where output goes).

pub mod diff;
pub mod flamechart;
pub mod folded;
pub mod heatmap;
pub mod pprof;
pub mod svg;
pub mod table;
