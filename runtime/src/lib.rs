//! flamescript's runtime: everything that touches the kernel or the results.
//!
//! `session` and `attach` are the only modules that call aya. The pure half (`fold`, `losses`,
//! `units`, `render`) takes plain data and never touches the kernel; `symbolize` reads `/proc`
//! and ELF files but no BPF state. `unwind` turns a captured stack copy into frames with the
//! mapped files' unwind info (it opens those files, nothing else).

mod attach;
pub mod error;
pub mod events;
pub mod fold;
pub mod frame;
mod hash;
pub mod limits;
pub mod losses;
pub mod maps;
mod plt;
pub mod recover;
pub mod render;
pub mod replay;
pub mod results;
pub mod session;
pub mod symbolize;
pub mod tables_loader;
pub mod target;
pub mod timeline;
pub mod tracefs;
pub mod units;
pub mod unwind;
