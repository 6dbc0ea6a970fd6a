//! Replay: the script's own BPF bytecode run in user space, over synthetic events (tests) or
//! the samples of a recording (`perf_data`).
//!
//! `vm` is the machine (user-space maps, the helpers over an [`vm::Event`], the reference
//! interpreter); it takes plain data and never touches the kernel. `perf_data` reads a
//! `perf record -g` file into those events. Nothing here prints.

pub mod perf_data;
pub mod vm;
