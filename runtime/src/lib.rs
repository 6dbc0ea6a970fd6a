//! flamescript's runtime: everything that touches the kernel or the results.
//!
//! `session` and `attach` are the only modules that call aya; the rest takes plain data.

mod attach;
pub mod session;
pub mod target;
pub mod tracefs;
