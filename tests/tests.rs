//! The one integration-test binary (one link on a 2-core CI). Each module is a suite.

// The data-directory walker and the bless logic (UPDATE_EXPECT=1), shared by every suite.
mod check;
// Sema diagnostics as rendered text: data/diag/*.fs → .txt.
mod diagnostics;
// The parser: AST snapshots, diagnostic snapshots, nesting limits.
mod parse;
// The BPF backend's bottom half: asm goldens, ELF objects read by aya-obj/llvm-objdump, kernel loads.
mod bpf_object;
// Codegen goldens (data/golden/*.fs → .asm) and the same programs through the real verifier.
mod golden;
// Shared helpers for the root-only kernel tests.
mod kernel;
// End-to-end CLI: exit codes, refused outputs leave no file, every -o format (render).
mod cli;
// Test workloads (tests/workloads/*.c) built with frame pointers: build, run, symbols kept.
mod workloads;
// End to end on the real kernel: workloads with known answers through the flamescript binary.
mod e2e;
// Every example, stdlib script and LANGUAGE.md snippet checks (and compiles where it can run).
mod examples;
// Repository rules: `//!` on every file, no switched-off tests, docs/probes.md up to date.
mod tidy;
// Completeness: each probe has docs, an example and (when it can run) a golden.
mod catalog;
// The REPL in a real pseudo-terminal (tmux): live run, diagnostics, completion, history.
mod repl;
// Flame graphs people can trust: pprof read by go tool pprof, inline frames, counted losses.
mod trust;
// Span probes with known answers: off-CPU time (offcpu), futex waits, wall-clock time.
mod spans;
// Stacks that tell the truth: frames hidden by code without frame pointers recovered (issue 12).
mod stacks;
// Nothing lost, nothing wrong, nothing unsafe (issue 19): sudo outputs, shared stdout, the
// traced command's fate, kills, descriptor limits, closed pipes.
mod faults;
// The checker and the run agree (issue 19): a corpus of bad inputs, clauses that fit the stack.
mod agree;
// The code generator without a kernel: scripts run in the user-space BPF interpreter (issue 21).
mod replay;
// Time views over replayed recordings (issue 21): symbolized graphs, tracepoints, the
// FlameScope heatmap in Chromium, flame charts, evented speedscope files.
mod timeview;
// The cranelift JIT of the same bytecode agrees with the interpreter on every golden (issue 21).
mod jit;
