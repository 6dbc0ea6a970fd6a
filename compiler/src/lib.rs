//! flamescript's compiler: script text → checked program → BPF object.
//!
//! The pipeline, one stage per module, each a plain function from one type to the next:
//!
//! ```text
//! parse (syntax) → check (sema, against the probe catalog) → lower to IR → BPF → ELF → Artifact
//! ```
//!
//! This crate is pure: it never calls `bpf(2)`, never needs root and never reads `/proc`. Its only
//! outside input is the kernel's tracepoint layouts, handed in as a value (`catalog::Env`).
//! It never names a concrete probe either: those live in `flamescript-stdlib`, behind
//! `catalog::Probe`.

pub mod artifact;
pub mod bpf;
pub mod catalog;
pub mod diag;
pub mod ir;
pub mod sema;
pub mod syntax;
pub mod tracefs;
pub mod types;
