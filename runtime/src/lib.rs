//! flamescript's runtime: everything that touches the kernel or the results.
//!
//! The pure half (`fold`, `losses`, `units`, `render`) takes plain data and never touches the
//! kernel; `symbolize` reads `/proc` and ELF files but no BPF state.

pub mod fold;
pub mod losses;
pub mod render;
pub mod symbolize;
pub mod units;
