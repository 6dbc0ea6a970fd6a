//! One file per event source, each implementing `compiler::catalog::Probe`. The user-facing
//! `//!` doc at the top of each file is the probe's documentation (docs/probes.md is generated
//! from it): what it measures, its builtins and units, its modifiers, an example.

pub(crate) mod bio;
pub(crate) mod futex;
pub(crate) mod interval;
pub(crate) mod offcpu;
pub(crate) mod pagefault;
pub(crate) mod profile;
pub(crate) mod special;
pub(crate) mod tracepoint;
