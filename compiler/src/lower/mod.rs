//! Checked program → IR: the meaning of a script in BPF terms.
//!
//! Each clause becomes one program per kernel hook its probe names (`Probe::hooks`); the block
//! runs in each. Layout decisions made here and read back by the runtime through `MapSpec`:
//! - **Map keys** are built in a zeroed stack slot: integers as 8-byte words, strings NUL-padded
//!   to a multiple of 8, stacks as an 8-byte key into the stacks map (negative: -errno from the
//!   capture, kept in the key so the weight still shows, as a marked frame). A map with a user stack also
//!   stores the thread group id in a hidden 8-byte word, so the stack is symbolized in the right
//!   process. A histogram's last key word is the log2 bucket.
//! - **Stacks by content, so they cannot collide**: `bpf_get_stack` writes the frames into a
//!   per-CPU scratch buffer (the kernel zeroes what it does not fill); a 63-bit FNV-1a hash
//!   of all 127 words is the key part, and the frames are stored once under that hash in the
//!   stacks map (`BPF_NOEXIST`). `bpf_get_stackid`'s STACK_TRACE map drops a stack whenever two
//!   hash to one bucket (a third of the samples in our stress test, docs/PERFORMANCE.md); two
//!   different stacks sharing a 63-bit hash is astronomically unlikely. A full stacks map is
//!   counted (`map_full`) and its stacks show as `[lost: … -ENOENT]`.
//! - **Values**: count, sum, avg (sum, count) and hist buckets live in per-CPU hashes and are
//!   added without atomics (each CPU owns its copy); min, max and plain assignment use a shared
//!   hash (a racing update may lose, which only ever affects those three).
//! - **Losses**: a per-CPU array of counters ([`COUNTERS`]): events seen (past the target
//!   filter), events kept (past the script's filter), updates refused because a map was full,
//!   additions left out of a sum that would have overflowed (sums are signed 64-bit numbers).
//!
//! Nothing here reports user errors: sema refused those. What cannot be lowered yet (a probe
//! with no hooks, a builtin with no source) is a diagnostic naming the feature, not a panic.

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is built once, when lowering gives up; the Ok path carries a register"
)]

pub mod expr;
mod layout;
pub mod span;
mod stmt;
pub mod uwalk;

use std::collections::BTreeMap;

use crate::artifact::{KeyKind, MapKind, MapSpec, ValueSpec};
use crate::catalog::{BuiltinSource, Catalog, Hook, TracepointLayout};
use crate::diag::{Diagnostic, Span};
use crate::ir::{self, Base, Builder, Inst, MapId, Operand, VReg, Width};
use crate::sema::checked;

pub use layout::map_spec;

/// The losses counters, in the order of the losses map's indices.
pub const COUNTERS: &[&str] = &[
    "events_seen",
    "events_kept",
    "map_full",
    "spans_unmatched",
    "spans_above_max",
    "ustack_no_room",
    "ustack_merged",
    "task_work_failed",
    "short_evicted_ns",
    "short_evicted",
    "ustack_no_switch_in",
    "map_full_weight",
    "stacks_not_stored",
    "spans_stale",
    "spans_clock_behind",
    "map_full_events",
    "sums_overflowed",
    "time_records_dropped",
    "time_records_dropped_weight",
    "worker_events",
    "worker_bytes",
];
const EVENTS_SEEN: u32 = 0;
const EVENTS_KEPT: u32 = 1;
const MAP_FULL: u32 = 2;
/// A span's end without a usable start: begun before the probes were attached, or stale.
const SPANS_UNMATCHED: u32 = 3;
/// Spans longer than `max`, left out by the script.
const SPANS_ABOVE_MAX: u32 = 4;
/// `offcpu` records that found no room to wait for their user stack (ran without it).
const USTACK_NO_ROOM: u32 = 5;
/// `offcpu` spans added to a parked record of the same thread (more than `PENDING` blocks
/// before one return to user space): time kept, kernel stack of the earlier block.
const USTACK_MERGED: u32 = 6;
/// The task work could not be scheduled (the thread was exiting): ran without a user stack.
const TASK_WORK_FAILED: u32 = 7;
/// Short spans of a thread whose slot another thread took (it exited, or shares the slot).
const SHORT_EVICTED_NS: u32 = 8;
const SHORT_EVICTED: u32 = 9;
/// `offcpu` at switch-in: a record `sched_exit_tp` did not take in the thread it belongs to
/// (ran without its user stack).
const USTACK_NO_SWITCH_IN: u32 = 10;
/// The weight (count or sum) of the updates `MAP_FULL` counts.
const MAP_FULL_WEIGHT: u32 = 11;
/// Stacks the stacks map could not take (full, or an allocation failed): the event is kept,
/// its frames are lost.
const STACKS_NOT_STORED: u32 = 12;
/// `offcpu`: a span whose start predates the thread's last arrival on a CPU (its end was not
/// seen), dropped. Told apart from `SPANS_UNMATCHED` (no start at all) because it should not
/// happen once the probes run: it is a loss, not a note.
const SPANS_STALE: u32 = 13;
/// `offcpu`: a span whose end's clock reads more than 100 µs before its start's (runqueue
/// clocks of two CPUs that disagree): kept as 0, counted.
const SPANS_CLOCK_BEHIND: u32 = 14;
/// Events that lost at least one update to a full map (each once, whatever it lost).
const MAP_FULL_EVENTS: u32 = 15;
/// Events that left an addition out of a sum because the signed 64-bit total would have
/// overflowed (`stmt::add_into`), never wrapped.
const SUMS_OVERFLOWED: u32 = 16;
/// Events of a flame-graph map whose time record found the ring buffer full (`Options::events`):
/// in the graph, missing from the time views; and the weight they carried.
const TIME_RECORDS_DROPPED: u32 = 17;
const TIME_RECORDS_DROPPED_WEIGHT: u32 = 18;
/// Under `-c`/`-p`: events a kernel worker raised (`Probe::worker_weight`), outside the
/// target, and their bytes.
const WORKER_EVENTS: u32 = 19;
const WORKER_BYTES: u32 = 20;

/// Names of the internal maps, as they appear in the object and in `bpftool map show`.
pub const STACKS_MAP: &str = "fs_stacks";
pub const SCRATCH_MAP: &str = "fs_scratch";
/// One stack's frames: 127 instruction pointers (the kernel's PERF_MAX_STACK_DEPTH).
pub const STACK_BYTES: u32 = 127 * 8;
pub const LOSSES_MAP: &str = "fs_losses";
/// The ring buffer of time records (`Options::events`), and its size in bytes: at a mutex
/// benchmark's ~160 000 events a second of ~80-byte records, 16 MiB is ~1.3 s of slack for a
/// reader that drains it every 10 ms.
pub const EVENTS_MAP: &str = "fs_events";
pub const EVENTS_BYTES: u32 = 16 << 20;
/// A time record: `time_ns` (bpf_ktime_get_ns, CLOCK_MONOTONIC) at 0, `pid << 32 | tid` at 8,
/// the thread's `comm` at 16, the weight at 32, the span (a clock sample's period in ns,
/// else 0) at 40, the map's index in `Artifact::maps` (u32) at 48 and the key's size (u32)
/// at 52, then the map's key bytes (rounded up to 8).
pub const EVENT_HEADER: u32 = 56;
pub const TARGETS_MAP: &str = "fs_targets";

/// Which tasks the programs look at. The filter runs first, in the kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Every task on the system.
    All,
    /// One process (every thread of thread group `pid`).
    Pid(u32),
    /// The thread groups listed in the targets map: the runtime adds the root (a `-c` command),
    /// and a `sched_process_fork` program adds every child of a listed process.
    Tree,
}

/// Sizes and target of a compilation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub target: Target,
    /// Entries of each user map; `None`: sized by [`size_maps`] for the kernel (many, allocated
    /// as keys arrive, where the kernel allows it).
    pub map_entries: Option<u32>,
    /// Entries of the stack-trace map (each holds up to 127 frames, 1 KiB); `None`: sized by
    /// [`size_maps`].
    pub stack_entries: Option<u32>,
    /// Offset of `child_pid` in `sched:sched_process_fork` on the target kernel (20 on 6.18,
    /// 44 before `__data_loc` comms); needed by [`Target::Tree`] only. `compile` reads it from
    /// the kernel's layout.
    pub fork_child_pid_offset: u32,
    /// count/sum/avg in one shared hash updated with atomic adds, instead of per-CPU values
    /// added without atomics (the default). Kept for the measurement in docs/PERFORMANCE.md.
    pub atomic_values: bool,
    /// How user stacks are unwound (`--unwind`).
    pub unwind: Unwind,
    /// Bytes of user stack copied (from the stack pointer up) for `Unwind::Auto`/`Dwarf`.
    pub copy_bytes: u32,
    /// How `offcpu` takes its stacks: `None` picks the best the kernel offers
    /// ([`span::OffcpuDesign`]); `Some` insists (`--offcpu-design`, the benchmarks).
    pub offcpu: Option<span::OffcpuDesign>,
    /// What the kernel offers, found by [`crate::compile`] in its BTF (never by version).
    pub kernel: KernelCaps,
    /// Keep every event of a flame-graph map with its time, thread and weight (in the
    /// [`EVENTS_MAP`] ring buffer) for the time views of a live run (`-o heat.html`,
    /// `--flamechart`); the maps aggregate as always.
    pub events: bool,
    /// The time records' ring buffer size in bytes (a power of two, whole pages); 0:
    /// [`EVENTS_BYTES`]. Small ones are for tests of a full buffer.
    pub events_bytes: u32,
    /// Who walks a user stack's frame pointers (`--unwind fp`, and `auto` on a kernel without
    /// `bpf_task_pt_regs`).
    pub fp_walk: FpWalk,
}

/// Who walks a user stack's frame pointers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FpWalk {
    /// The program, reading the frames with `bpf_probe_read_user` (`uwalk::walk_frame_pointers`:
    /// it does not pay the fault that ends every kernel walk), where the kernel has
    /// `bpf_task_pt_regs`; the kernel's walk elsewhere. What live runs use.
    Bpf,
    /// The kernel, `bpf_get_stack`: for the user-space VM (replay, and the tests that compare
    /// it with the kernel), which answers that helper from recorded frames and has no user
    /// memory to read.
    Kernel,
}

/// Kernel features the lowering adapts to, each found in the running kernel's BTF. The default
/// is the newest kernel (what a context without BTF, such as the goldens' fixture, assumes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KernelCaps {
    /// `bpf_task_pt_regs` and `bpf_get_current_task_btf` (5.15): the user registers a stack
    /// copy starts from. Without them, user stacks are frame-pointer walks only.
    pub task_pt_regs: bool,
    /// Hash maps may allocate their entries at run time in `perf_event` programs (6.1,
    /// `struct bpf_mem_alloc`); before, the verifier wants every hash map preallocated there.
    pub runtime_alloc: bool,
}

impl Default for KernelCaps {
    fn default() -> KernelCaps {
        KernelCaps {
            task_pt_regs: true,
            runtime_alloc: true,
        }
    }
}

/// How user stacks are unwound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unwind {
    /// Frame pointers only, walked by the kernel: cheapest; loses the caller of code built
    /// without them (glibc's `nanosleep`, `write`, `pthread_mutex_lock`…).
    Fp,
    /// Frame pointers, and for each *distinct* stack the registers and the top of the user stack
    /// copied once, so user space recovers the frames that have no frame pointer from unwind
    /// info (.eh_frame). Aggregation stays in the kernel; only a new stack pays for the copy.
    Auto,
    /// Every event's registers and stack copy kept (mixed into the stack's key), unwound in
    /// user space from unwind info alone: programs built without frame pointers. Each event is
    /// its own entry in the stacks map.
    Dwarf,
}

/// Bytes of the user stack copy, from the stack pointer up, that `Unwind::Auto` mixes into a
/// stack's key (at most a quarter of the copy: what is always copied).
pub const AUTO_KEY_BYTES: u32 = 256;

/// The map of user stack copies (`Unwind::Auto`/`Dwarf`): stack key → registers and bytes.
pub const UCOPY_MAP: &str = "fs_ucopy";
/// Its per-CPU scratch buffer.
pub const USCRATCH_MAP: &str = "fs_uscratch";
/// A copy's header before the bytes: ip, sp, bp (u64 each), the length copied and the thread
/// group id (u32 each).
pub const UCOPY_HEADER: u32 = 32;

impl Default for Options {
    fn default() -> Options {
        Options {
            target: Target::All,
            map_entries: None,
            stack_entries: None,
            fork_child_pid_offset: 20,
            atomic_values: false,
            unwind: Unwind::Fp,
            copy_bytes: 1024,
            offcpu: None,
            kernel: KernelCaps::default(),
            events: false,
            events_bytes: 0,
            fp_walk: FpWalk::Bpf,
        }
    }
}

/// Default map sizes where the kernel allocates hash entries as keys arrive (6.1+): large enough
/// that an ordinary long run does not fill them (a 5-minute system-wide `profile hz 999` keyed by
/// comm and stacks lost 61 % of its samples to 10 240 entries), and memory is used only for the
/// keys a run makes. Before 6.1 every map is preallocated, so the old, smaller sizes stay there.
pub const LAZY_MAP_ENTRIES: u32 = 262_144;
pub const LAZY_STACK_ENTRIES: u32 = 131_072;
pub const EAGER_MAP_ENTRIES: u32 = 10_240;
pub const EAGER_STACK_ENTRIES: u32 = 16_384;

/// `(user map entries, stack map entries, user maps allocated as keys arrive)`.
pub fn size_maps(options: &Options) -> (u32, u32, bool) {
    let lazy = options.kernel.runtime_alloc;
    let (m, s) = if lazy {
        (LAZY_MAP_ENTRIES, LAZY_STACK_ENTRIES)
    } else {
        (EAGER_MAP_ENTRIES, EAGER_STACK_ENTRIES)
    };
    (
        options.map_entries.unwrap_or(m),
        options.stack_entries.unwrap_or(s),
        lazy && options.map_entries.is_none(),
    )
}

/// The lowered module, plus which map is which user map.
pub fn lower(
    prog: &checked::Program,
    catalog: Catalog,
    options: &Options,
) -> Result<ir::Module, Diagnostic> {
    let mut maps: Vec<MapSpec> = prog
        .maps
        .iter()
        .enumerate()
        .map(|(i, m)| map_spec(i, m, options))
        .collect();
    let (map_entries, stack_entries, lazy) = size_maps(options);
    for m in &mut maps {
        m.max_entries = map_entries;
        m.no_prealloc = lazy;
    }
    let uses_stacks = maps.iter().any(|m| {
        m.key.iter().any(|k| {
            matches!(
                k.kind,
                KeyKind::KernelStack { .. } | KeyKind::UserStack { .. }
            )
        })
    });
    // Stacks by content: frames taken into a per-CPU scratch buffer, keyed by their hash,
    // stored once per distinct stack (see the module doc).
    let stacks = uses_stacks.then(|| {
        let mut m = internal_map(
            STACKS_MAP,
            MapKind::Hash,
            8,
            STACK_BYTES,
            stack_entries,
            false,
        );
        // Allocated as stacks arrive, not 16 MiB up front: preallocation was a third of the
        // time to attach, and only a new stack pays the allocation (docs/PERFORMANCE.md).
        m.no_prealloc = true;
        maps.push(m);
        MapId(maps.len() as u32 - 1)
    });
    // One buffer for the current task's user stack, one per kernel stack of the longest key
    // (a key's stacks are stored after its entry is looked up: `stmt::store_pending`), and one
    // for stacks stored at once.
    let kernel_parts = maps
        .iter()
        .map(|m| {
            m.key
                .iter()
                .filter(|k| matches!(k.kind, KeyKind::KernelStack { .. }))
                .count() as u32
        })
        .max()
        .unwrap_or(0);
    let scratch_entries = kernel_parts + 2;
    // User stacks walked by the program (`--unwind fp` where it walks frame pointers itself,
    // `auto` from tables): one more buffer, the window of user stack the walk reads from
    // (`uwalk`), at index `scratch_entries`.
    let walk_window = options.kernel.task_pt_regs
        && (options.unwind == Unwind::Auto
            || (options.unwind == Unwind::Fp && options.fp_walk == FpWalk::Bpf))
        && prog.maps.iter().any(|m| {
            m.keys
                .contains(&crate::types::Type::Stack(crate::types::StackKind::User))
        });
    let scratch = uses_stacks.then(|| {
        maps.push(internal_map(
            SCRATCH_MAP,
            MapKind::Array,
            4,
            STACK_BYTES,
            scratch_entries + u32::from(walk_window),
            true,
        ));
        MapId(maps.len() as u32 - 1)
    });
    // Every counter in one per-CPU value: one lookup (which the verifier inlines) serves them.
    maps.push(internal_map(
        LOSSES_MAP,
        MapKind::Array,
        4,
        8 * COUNTERS.len() as u32,
        1,
        true,
    ));
    let losses = MapId(maps.len() as u32 - 1);
    let uses_user_stacks = prog.maps.iter().any(|m| {
        m.keys
            .contains(&crate::types::Type::Stack(crate::types::StackKind::User))
    });
    // `auto`: user stacks walked in BPF from the processes' unwind tables (`uwalk`).
    let uwalk = (uses_user_stacks && options.unwind == Unwind::Auto && options.kernel.task_pt_regs)
        .then(|| {
            let (procs_n, lazy) = if options.kernel.runtime_alloc {
                (uwalk::UW_PROCS_ENTRIES, true)
            } else {
                (1_024, false)
            };
            let mut procs = internal_map(uwalk::UW_PROCS_MAP, MapKind::Hash, 4, 8, procs_n, false);
            procs.no_prealloc = lazy;
            maps.push(procs);
            let procs = MapId(maps.len() as u32 - 1);
            maps.push(internal_map(
                uwalk::UW_MAPS_MAP,
                MapKind::Array,
                4,
                uwalk::UW_MAP_VALUE,
                uwalk::UW_MAPS_ENTRIES,
                false,
            ));
            let umaps = MapId(maps.len() as u32 - 1);
            maps.push(internal_map(
                uwalk::UW_ROWS_MAP,
                MapKind::Array,
                4,
                uwalk::UW_ROW_VALUE,
                uwalk::UW_ROWS_ENTRIES,
                false,
            ));
            let rows = MapId(maps.len() as u32 - 1);
            maps.push(internal_map(
                uwalk::UW_PAGES_MAP,
                MapKind::Array,
                4,
                uwalk::UW_PAGE_VALUE,
                uwalk::UW_PAGES_ENTRIES,
                false,
            ));
            let pages = MapId(maps.len() as u32 - 1);
            let mut wanted = internal_map(uwalk::UW_WANTED_MAP, MapKind::Hash, 4, 8, 1_024, false);
            wanted.no_prealloc = lazy;
            maps.push(wanted);
            uwalk::WalkMaps {
                procs,
                maps: umaps,
                rows,
                pages,
                wanted: MapId(maps.len() as u32 - 1),
            }
        });
    // The copies: every event's under `dwarf`; under `auto`, those of a process whose tables
    // are not loaded yet (its first milliseconds), unwound in user space at the end instead.
    let ucopy = (uses_user_stacks && options.unwind != Unwind::Fp && options.kernel.task_pt_regs)
        .then(|| {
            let value = UCOPY_HEADER + options.copy_bytes;
            let mut m = internal_map(UCOPY_MAP, MapKind::Hash, 8, value, stack_entries, false);
            // Allocated as stacks arrive: most runs store far fewer than the stacks map holds.
            m.no_prealloc = true;
            maps.push(m);
            let copies = MapId(maps.len() as u32 - 1);
            maps.push(internal_map(
                USCRATCH_MAP,
                MapKind::Array,
                4,
                value,
                1,
                true,
            ));
            (copies, MapId(maps.len() as u32 - 1))
        });
    // Only the map `-o` writes (the first flame-graph map, as `runtime::results` picks it)
    // sends time records: another map's would fill the buffer, and its drops, in another
    // unit, would be reported against this one's time views.
    let timed_map = maps.iter().position(MapSpec::is_flame_graph);
    let events = (options.events && timed_map.is_some()).then(|| {
        maps.push(internal_map(
            EVENTS_MAP,
            MapKind::RingBuf,
            0,
            0,
            match options.events_bytes {
                0 => EVENTS_BYTES,
                n => n,
            },
            false,
        ));
        MapId(maps.len() as u32 - 1)
    });
    let targets = (options.target == Target::Tree).then(|| {
        maps.push(internal_map(TARGETS_MAP, MapKind::Hash, 4, 8, 8_192, false));
        MapId(maps.len() as u32 - 1)
    });
    // Span probes' own tables, one set per clause.
    let mut span_maps = std::collections::HashMap::new();
    for (ci, clause) in prog.clauses.iter().enumerate() {
        let probe = catalog.probes[clause.probe.index];
        if probe.shape() == crate::catalog::Shape::Event {
            continue;
        }
        let pid_max = clause
            .resolved
            .facts
            .get("pid_max")
            .and_then(|v| v.first().copied())
            .unwrap_or(32_768);
        let slots = span::slots_for(pid_max);
        maps.push(internal_map(
            &format!("fs_{ci}_spans"),
            MapKind::Array,
            4,
            span::SLOT_SIZE,
            slots,
            false,
        ));
        let spans = MapId(maps.len() as u32 - 1);
        let wants_ustack = probe.shape() == crate::catalog::Shape::OffCpu
            && prog.maps.iter().any(|m| {
                m.keys
                    .contains(&crate::types::Type::Stack(crate::types::StackKind::User))
            });
        // Only a user stack needs a design: the kernel stack is taken cross-task at switch-in.
        let design = if wants_ustack {
            Some(span::offcpu_design(
                &clause.resolved.facts,
                options,
                span::clause_reads(clause, "state"),
                clause.span,
            )?)
        } else {
            None
        };
        let pending = (design == Some(span::OffcpuDesign::TaskWork)).then(|| {
            let mut m = internal_map(
                &format!("fs_{ci}_pend"),
                MapKind::Hash,
                4,
                span::PEND_SIZE,
                map_entries,
                false,
            );
            m.task_work = true;
            // One entry per thread that blocked past `min`, made on its first such block:
            // allocated then, not all when the map is made (startup).
            m.no_prealloc = true;
            maps.push(m);
            let pending = MapId(maps.len() as u32 - 1);
            maps.push(internal_map(
                &format!("fs_{ci}_zero"),
                MapKind::Array,
                4,
                span::PEND_SIZE,
                1,
                false,
            ));
            (pending, MapId(maps.len() as u32 - 1))
        });
        // The record a switch-in hands to `sched_exit_tp` on the same CPU: one per CPU.
        let handoff = (design == Some(span::OffcpuDesign::SwitchIn)).then(|| {
            maps.push(internal_map(
                &format!("fs_{ci}_hand"),
                MapKind::Array,
                4,
                span::REC_SIZE,
                1,
                true,
            ));
            MapId(maps.len() as u32 - 1)
        });
        // The one-hook design's memory of who ran last on each CPU.
        let last = (design == Some(span::OffcpuDesign::ExitTp)).then(|| {
            maps.push(internal_map(
                &format!("fs_{ci}_last"),
                MapKind::Array,
                4,
                span::LAST_SIZE,
                1,
                true,
            ));
            MapId(maps.len() as u32 - 1)
        });
        span_maps.insert(
            ci,
            span::SpanMaps {
                spans,
                pending,
                handoff,
                last,
                design,
                slots,
            },
        );
    }
    let ids = Ids {
        ucopy,
        uwalk,
        user_maps: prog.maps.len(),
        stacks,
        scratch,
        scratch_entries,
        losses,
        targets,
        events: events.zip(timed_map),
    };

    let mut programs = Vec::new();
    let mut user_clauses = Vec::new();
    let mut spans = Vec::new();
    for (ci, clause) in prog.clauses.iter().enumerate() {
        let probe = catalog.probes[clause.probe.index];
        if let Some(sm) = span_maps.get(&ci) {
            let ctx = Ctx {
                clause,
                decls: &prog.maps,
                probe,
                maps: &maps,
                ids: &ids,
                options,
            };
            match probe.shape() {
                crate::catalog::Shape::OffCpu => {
                    let name = program_name(ci, 0, 1, clause.probe.name);
                    programs.extend(span::lower_offcpu(&ctx, name, sm)?);
                }
                crate::catalog::Shape::Syscall(s) => {
                    // A call whose tracepoints this kernel lacks (`futex_waitv` before 5.16)
                    // was left out when the probe resolved: nothing of it can happen.
                    let present = |call: &&crate::catalog::SyscallCall| {
                        clause.resolved.records.iter().any(|r| r.name == call.enter)
                    };
                    for (k, call) in s.calls.iter().enumerate().filter(|(_, c)| present(c)) {
                        programs.extend(span::lower_syscall(&ctx, ci, k, call, sm)?);
                    }
                }
                crate::catalog::Shape::Event => {}
            }
            spans.push(span::spans_spec(&ctx, sm));
            continue;
        }
        let hooks = probe.hooks(&clause.parts, &clause.modifiers);
        if hooks.is_empty() {
            // Includes BEGIN, END and interval: their blocks need a user-space executor that is
            // not built yet, and skipping them would drop the user's statements silently.
            return Err(Diagnostic::error(
                format!("`{}` cannot run in the kernel yet", clause.probe.name),
                clause.span,
                "this probe has no code generator yet",
            )
            .with_help("check it with --check; running it is planned"));
        }
        if let [
            Hook {
                attach: crate::artifact::AttachSpec::UserSpace(when),
                ..
            },
        ] = hooks.as_slice()
        {
            user_clauses.push(user_clause(*when, clause, &maps)?);
            continue;
        }
        let n = hooks.len();
        for (hi, hook) in hooks.into_iter().enumerate() {
            let name = program_name(ci, hi, n, clause.probe.name);
            let ctx = Ctx {
                clause,
                decls: &prog.maps,
                probe,
                maps: &maps,
                ids: &ids,
                options,
            };
            programs.push(lower_clause(&ctx, name, hook, ci)?);
        }
    }
    if let Some(targets) = ids.targets {
        programs.push(fork_tracker(
            targets,
            &prog.clauses,
            options.fork_child_pid_offset,
        )?);
    }
    for p in &programs {
        if let Err(e) = ir::verify(p) {
            return Err(internal(
                prog.clauses.first().map_or_else(Span::default, |c| c.span),
                &e,
            ));
        }
    }
    let wallclock = wallclock_maps(prog, catalog, &maps);
    let unwind = match (uses_user_stacks, options.unwind) {
        (false, _) => String::new(),
        (true, Unwind::Auto | Unwind::Dwarf) if !options.kernel.task_pt_regs => {
            "fp (this kernel has no bpf_task_pt_regs to copy stacks from)".into()
        }
        (true, Unwind::Fp) => "fp".into(),
        // Walked in BPF from unwind tables, by frame pointers until a process's are loaded.
        (true, Unwind::Auto) => "auto (unwind tables walked in the kernel)".into(),
        (true, Unwind::Dwarf) => "dwarf".into(),
    };
    let count_names = count_names(prog, catalog, &maps);
    let mut offcpu: Vec<&str> = span_maps
        .values()
        .filter_map(|m| m.design.map(span::OffcpuDesign::describe))
        .collect();
    offcpu.sort();
    offcpu.dedup();
    if !options.kernel.runtime_alloc {
        // Before 6.1 the verifier refuses hash maps that allocate at run time in perf_event
        // programs: every map is made whole up front there.
        for m in &mut maps {
            m.no_prealloc = false;
        }
    }
    Ok(ir::Module {
        programs,
        maps,
        user_clauses,
        spans,
        wallclock,
        unwind,
        offcpu: offcpu.join(", "),
        count_names,
    })
}

/// Maps summed, in time units, both by an off-CPU span clause and by a sampling clause
/// (perf events: a sample's weight is its period): together they are wall-clock time.
/// What `count()` counts in each map, from the probes whose clauses count into it.
fn count_names(
    prog: &checked::Program,
    catalog: Catalog,
    maps: &[MapSpec],
) -> BTreeMap<String, String> {
    fn walk(stmts: &[checked::Stmt], name: &'static str, out: &mut BTreeMap<usize, &'static str>) {
        for stmt in stmts {
            match stmt {
                checked::Stmt::MapUpdate {
                    map,
                    op: checked::MapOp::Count,
                    ..
                } => {
                    let seen = out.entry(map.0).or_insert(name);
                    if *seen != name {
                        *seen = "events";
                    }
                }
                checked::Stmt::If {
                    then, otherwise, ..
                } => {
                    walk(then, name, out);
                    walk(otherwise, name, out);
                }
                _ => {}
            }
        }
    }
    let mut by_map = BTreeMap::new();
    for clause in &prog.clauses {
        let probe = catalog.probes[clause.probe.index];
        walk(&clause.body, probe.count_name(), &mut by_map);
    }
    by_map
        .into_iter()
        .filter_map(|(i, n)| Some((maps.get(i)?.name.clone(), n.to_string())))
        .collect()
}

fn wallclock_maps(prog: &checked::Program, catalog: Catalog, maps: &[MapSpec]) -> Vec<String> {
    let mut off = std::collections::BTreeSet::new();
    let mut on = std::collections::BTreeSet::new();
    for clause in &prog.clauses {
        let probe = catalog.probes[clause.probe.index];
        for stmt in &clause.body {
            let checked::Stmt::MapUpdate {
                map,
                op: checked::MapOp::Sum(e),
                ..
            } = stmt
            else {
                continue;
            };
            if !matches!(
                e.ty,
                crate::types::Type::Int(crate::types::Unit::Time { .. })
            ) {
                continue;
            }
            if probe.shape() == crate::catalog::Shape::OffCpu {
                off.insert(map.0);
            } else if clause.kind == crate::catalog::ProgramKind::PerfEvent {
                on.insert(map.0);
            }
        }
    }
    off.intersection(&on)
        .map(|i| maps[*i].name.clone())
        .collect()
}

/// A `BEGIN`/`END`/`interval` clause: the runtime runs its statements itself, so only those it
/// knows are accepted (`print`, `clear`, `exit`); anything else is refused here rather than
/// dropped.
fn user_clause(
    when: crate::artifact::UserSpaceWhen,
    clause: &checked::Clause,
    maps: &[MapSpec],
) -> Result<crate::artifact::UserClause, Diagnostic> {
    use crate::artifact::UserAction;
    if let Some(f) = &clause.filter {
        return Err(Diagnostic::error(
            format!("a filter on `{}` is not supported yet", clause.probe.name),
            f.span,
            "this clause runs in user space, where filters are not evaluated yet",
        )
        .with_help("move the condition into a kernel probe's filter"));
    }
    let mut actions = Vec::new();
    for stmt in &clause.body {
        actions.push(match stmt {
            checked::Stmt::Print { map, .. } => UserAction::Print {
                map: maps[map.0].name.clone(),
            },
            checked::Stmt::Clear { map, .. } => UserAction::Clear {
                map: maps[map.0].name.clone(),
            },
            checked::Stmt::Exit { .. } => UserAction::Exit,
            other => {
                let span = match other {
                    checked::Stmt::MapUpdate { span, .. }
                    | checked::Stmt::LocalAssign { span, .. }
                    | checked::Stmt::If { span, .. }
                    | checked::Stmt::Delete { span, .. } => *span,
                    _ => clause.span,
                };
                return Err(Diagnostic::error(
                    format!(
                        "`{}` blocks run `print`, `clear` and `exit` only, for now",
                        clause.probe.name
                    ),
                    span,
                    "not supported in a user-space clause yet",
                )
                .with_help("update maps from kernel probes; print, clear or exit here"));
            }
        });
    }
    Ok(crate::artifact::UserClause {
        when,
        actions,
        span: clause.span,
    })
}

/// The program's name, `fs_` prefixed so `bpftool prog show` tells ours apart; the kernel keeps
/// 15 bytes of it.
fn program_name(clause: usize, hook: usize, hooks: usize, probe: &str) -> String {
    let mut name = if hooks > 1 {
        format!("fs_{clause}{hook}_{probe}")
    } else {
        format!("fs_{clause}_{probe}")
    };
    name.truncate(15);
    name
}

fn internal_map(
    name: &str,
    kind: MapKind,
    key_size: u32,
    value_size: u32,
    max_entries: u32,
    per_cpu: bool,
) -> MapSpec {
    MapSpec {
        name: name.to_string(),
        display: String::new(),
        kind,
        key_size,
        value_size,
        max_entries,
        per_cpu,
        task_work: false,
        no_prealloc: false,
        key: Vec::new(),
        value: ValueSpec::Internal,
    }
}

fn internal(span: Span, what: &str) -> Diagnostic {
    Diagnostic::error(
        "internal error in the code generator",
        span,
        "while compiling this",
    )
    .with_note(what.to_string())
    .with_help("this is a flamescript bug: please report it with the script")
}

/// Which `MapId` is which.
struct Ids {
    /// The user stack copies and their scratch buffer (`--unwind auto|dwarf`).
    ucopy: Option<(MapId, MapId)>,
    /// The unwind tables a user stack is walked with (`--unwind auto`).
    uwalk: Option<uwalk::WalkMaps>,
    /// `MapId(i)` for `i < user_maps` is `checked::MapId(i)`.
    user_maps: usize,
    stacks: Option<MapId>,
    /// Per-CPU buffers `bpf_get_stack` writes into (1 KiB each: more than the BPF stack
    /// holds), `scratch_entries` of them.
    scratch: Option<MapId>,
    scratch_entries: u32,
    losses: MapId,
    targets: Option<MapId>,
    /// The time records' ring buffer (`Options::events`), and the one map whose updates send
    /// them (its index in the maps).
    events: Option<(MapId, usize)>,
}

/// What lowering one clause reads.
struct Ctx<'a> {
    clause: &'a checked::Clause,
    decls: &'a [checked::MapDecl],
    probe: &'a dyn crate::catalog::Probe,
    maps: &'a [MapSpec],
    ids: &'a Ids,
    options: &'a Options,
}

/// The state of lowering one program.
struct Lowerer<'a> {
    cx: &'a Ctx<'a>,
    b: Builder,
    /// The context pointer (r1 at entry).
    ctx: VReg,
    /// One register per local slot, zeroed at entry.
    locals: Vec<VReg>,
    /// `bpf_get_current_pid_tgid()`, computed once per program when needed.
    pid_tgid: Option<VReg>,
    /// The current thread's user stack key once taken in this event, `(taken, key,
    /// captured)`: one walk per event however many maps are keyed by `ustack` (the walk is
    /// the costly part, and the verifier explores each copy of it).
    ustack: Option<(VReg, VReg, VReg)>,
    /// While a map update's key is built: the stacks it took, stored only if the update makes
    /// a new entry (`stmt::store_pending`). An existing entry's stacks are stored already, so
    /// most events skip the stacks map.
    deferred: Option<Vec<PendingStack>>,
    /// Kernel stacks taken so far for the key being built (each its own scratch buffer).
    deferred_kernel: u32,
    /// The end of the block: where a filter that fails jumps.
    end: ir::Label,
    /// Span probes: builtins come from the event record `ctx` points to (`span.rs`).
    record: Option<span::Record>,
    /// What this event has lost so far, each counted once per event. Made by `stmts`.
    lost: Option<EventLosses>,
    /// A `perf_event` program: `ctx` is a `bpf_perf_event_data` (its sample period is what a
    /// time record's event stands for).
    perf_event: bool,
}

/// A stack a map update's key took and has not stored yet.
#[derive(Clone, Copy)]
struct PendingStack {
    /// Its key (the frames' hash), or the capture's negative errno.
    key: VReg,
    /// Which scratch buffer holds its frames.
    index: u32,
    user: bool,
    /// 1 when the frame-pointer capture took it (it keeps a copy for the unwinder).
    captured: VReg,
}

/// Per-event flags, so that an event is counted once however many of its updates it lost.
#[derive(Clone, Copy)]
struct EventLosses {
    /// Set once this event has lost an update to a full map (`MAP_FULL_EVENTS`).
    map_full: VReg,
    /// Negative once one of this event's sums overflowed (`stmt::add_into` ORs in each
    /// addition's overflow word), counted at the end of the statements (`SUMS_OVERFLOWED`).
    /// Only in programs with a sum.
    overflowed: Option<VReg>,
}

fn lower_clause(
    cx: &Ctx<'_>,
    name: String,
    hook: Hook,
    ci: usize,
) -> Result<ir::Program, Diagnostic> {
    let perf_event = matches!(hook.attach, crate::artifact::AttachSpec::PerfEvent { .. });
    // A raw tracepoint's BTF id was looked up when the script was checked.
    let attach = match hook.attach {
        crate::artifact::AttachSpec::TpBtf {
            name: tp,
            btf_id: 0,
        } => {
            let key = format!("tracepoint:{tp}");
            let btf_id = match cx.clause.resolved.facts.get(&key).map(|v| &v[..]) {
                Some([id, ..]) => *id,
                _ => {
                    return Err(internal(
                        cx.clause.span,
                        &format!("kernel fact `{key}` missing"),
                    ));
                }
            };
            crate::artifact::AttachSpec::TpBtf { name: tp, btf_id }
        }
        other => other,
    };
    let mut b = Builder::new(name, hook.section, attach, ci, cx.clause.span);
    let ctx = b.reg();
    b.push(Inst::Ctx { dst: ctx });
    let end = b.label();
    let mut l = Lowerer::new(cx, b, ctx, end);
    l.perf_event = perf_event;
    l.b.span(cx.clause.span);
    l.target_filter()?;
    // Seen and kept: one lookup of the counters where no filter comes between.
    if cx.clause.filter.is_none() {
        l.add_losses(&[
            (EVENTS_SEEN, Operand::Imm(1)),
            (EVENTS_KEPT, Operand::Imm(1)),
        ]);
    } else {
        l.bump(EVENTS_SEEN);
    }
    for _ in &cx.clause.locals {
        let r = l.b.constant(0);
        l.locals.push(r);
    }
    if let Some(filter) = &cx.clause.filter {
        l.b.span(filter.span);
        let v = l.expr(filter)?;
        l.b.push(Inst::JumpIf {
            cond: ir::Cond::Eq,
            lhs: v,
            rhs: Operand::Imm(0),
            target: end,
        });
        l.bump(EVENTS_KEPT);
    }
    l.stmts(&cx.clause.body)?;
    l.b.push(Inst::Label(end));
    Ok(l.b.finish())
}

impl<'a> Lowerer<'a> {
    /// A lowerer for one program (or subprogram) of `cx`'s clause: `ctx` is its context (or
    /// record) pointer, `end` where a failed filter jumps.
    fn new(cx: &'a Ctx<'a>, b: Builder, ctx: VReg, end: ir::Label) -> Lowerer<'a> {
        Lowerer {
            cx,
            b,
            ctx,
            locals: Vec::new(),
            pid_tgid: None,
            ustack: None,
            deferred: None,
            deferred_kernel: 0,
            lost: None,
            end,
            record: None,
            perf_event: false,
        }
    }

    /// `pid_tgid` once; its upper half is the process id, its lower half the thread id.
    fn pid_tgid(&mut self) -> VReg {
        if let Some(r) = self.pid_tgid {
            return r;
        }
        let r = self.b.call(
            crate::bpf::helpers::Helper::GetCurrentPidTgid.id() as u32,
            vec![],
        );
        self.pid_tgid = Some(r);
        r
    }

    fn tgid(&mut self) -> VReg {
        if let Some((off, _)) = self.record.as_ref().and_then(|r| r.field("pid")) {
            return self.b.load(Width::B4, Base::Reg(self.ctx), off as i16);
        }
        let pt = self.pid_tgid();
        let t = self.b.copy(pt);
        self.b.alu(ir::AluOp::Rsh, t, Operand::Imm(32));
        t
    }

    /// Leaves the program early for tasks outside the target.
    fn target_filter(&mut self) -> Result<(), Diagnostic> {
        let filters = match self.cx.options.target {
            Target::All => false,
            Target::Pid(_) => true,
            Target::Tree => self.cx.ids.targets.is_some(),
        };
        if !filters {
            return Ok(());
        }
        let t = self.tgid();
        let flags_off = self
            .cx
            .clause
            .resolved
            .facts
            .get("task_struct:flags")
            .and_then(|c| match c[..] {
                [o] => i16::try_from(o).ok(),
                _ => None,
            });
        let (Some(index), Some(flags_off)) = (self.cx.probe.worker_weight(), flags_off) else {
            self.target_check(t, self.end);
            return Ok(());
        };
        // Outside the target: a kernel worker's event is counted with its weight, as work the
        // run could not attribute; another process's is not ours and is left out.
        let (outside, inside) = (self.b.label(), self.b.label());
        self.target_check(t, outside);
        self.b.push(Inst::Jump { target: inside });
        self.b.push(Inst::Label(outside));
        let task = self
            .b
            .call(helper(crate::bpf::helpers::Helper::GetCurrentTask), vec![]);
        let slot = self.b.slot(8);
        let dst = self.b.slot_addr(slot, 0);
        let size = self.b.constant(4);
        let src = self.b.copy(task);
        self.b
            .alu(ir::AluOp::Add, src, Operand::Imm(i32::from(flags_off)));
        self.b.call(
            helper(crate::bpf::helpers::Helper::ProbeReadKernel),
            vec![dst, size, src],
        );
        let flags = self.b.load(Width::B4, Base::Slot(slot), 0);
        self.b
            .alu(ir::AluOp::And, flags, Operand::Imm(span::PF_KTHREAD));
        self.b.push(Inst::JumpIf {
            cond: ir::Cond::Eq,
            lhs: flags,
            rhs: Operand::Imm(0),
            target: self.end,
        });
        let name = self.cx.probe.builtins()[index].name;
        let bytes = self.builtin(
            checked::BuiltinRef::Probe { index, name },
            self.cx.clause.span,
        )?;
        self.add_losses(&[
            (WORKER_EVENTS, Operand::Imm(1)),
            (WORKER_BYTES, Operand::Reg(bytes)),
        ]);
        self.b.push(Inst::Jump { target: self.end });
        self.b.push(Inst::Label(inside));
        Ok(())
    }

    /// Leaves for `skip` unless thread group `tgid` is a target.
    fn target_check(&mut self, tgid: VReg, skip: ir::Label) {
        match self.cx.options.target {
            Target::All => {}
            Target::Pid(pid) => {
                let want = self.b.constant(u64::from(pid));
                self.b.push(Inst::JumpIf {
                    cond: ir::Cond::Ne,
                    lhs: tgid,
                    rhs: Operand::Reg(want),
                    target: skip,
                });
            }
            Target::Tree => {
                if let Some(targets) = self.cx.ids.targets {
                    self.lookup_u32(targets, Operand::Reg(tgid), skip);
                }
            }
        }
    }

    /// `bpf_map_lookup_elem(map, &key)`: the value's address, or a jump to `absent` when there
    /// is none (the verifier wants a map value pointer compared with NULL before any use).
    fn lookup(&mut self, map: MapId, key: ir::Slot, absent: ir::Label) -> VReg {
        let m = self.b.map_ptr(map);
        let k = self.b.slot_addr(key, 0);
        let v = self.b.call(
            helper(crate::bpf::helpers::Helper::MapLookupElem),
            vec![m, k],
        );
        self.b.push(Inst::JumpIf {
            cond: ir::Cond::Eq,
            lhs: v,
            rhs: Operand::Imm(0),
            target: absent,
        });
        v
    }

    /// [`lookup`](Self::lookup) with a 4-byte key (an index, a thread or process id).
    fn lookup_u32(&mut self, map: MapId, key: Operand, absent: ir::Label) -> VReg {
        let slot = self.b.slot(4);
        self.b.store(Width::B4, Base::Slot(slot), 0, key);
        self.lookup(map, slot, absent)
    }

    /// Adds to this CPU's losses counters, `(index, amount)` each, with one lookup.
    fn add_losses(&mut self, adds: &[(u32, Operand)]) {
        let skip = self.b.label();
        let v = self.lookup_u32(self.cx.ids.losses, Operand::Imm(0), skip);
        for &(index, amount) in adds {
            let at = 8 * index as i16;
            let n = self.b.load(Width::B8, Base::Reg(v), at);
            self.b.alu(ir::AluOp::Add, n, amount);
            self.b.store(Width::B8, Base::Reg(v), at, Operand::Reg(n));
        }
        self.b.push(Inst::Label(skip));
    }

    /// Adds one to losses counter `index` on this CPU.
    fn bump(&mut self, index: u32) {
        self.add_losses(&[(index, Operand::Imm(1))]);
    }

    fn user_map(&self, id: checked::MapId) -> (MapId, &MapSpec) {
        debug_assert!(id.0 < self.cx.ids.user_maps);
        (MapId(id.0 as u32), &self.cx.maps[id.0])
    }

    /// The record field a probe builtin or `args.FIELD` names: the clause's `args` layout first,
    /// then the probe's own records.
    fn record_field(&self, name: &str) -> Option<&crate::catalog::TpField> {
        let resolved = &self.cx.clause.resolved;
        let layouts: Vec<&TracepointLayout> = resolved
            .args
            .iter()
            .chain(resolved.records.iter())
            .collect();
        layouts
            .into_iter()
            .find_map(|l| l.fields.iter().find(|f| f.name == name))
    }

    fn builtin_source(&self, index: usize) -> BuiltinSource {
        self.cx.probe.builtin_source(index)
    }
}

pub(crate) fn helper(h: crate::bpf::helpers::Helper) -> u32 {
    h.id() as u32
}

/// `sched_process_fork`: a child of a traced process is traced too (`-c` and its descendants).
fn fork_tracker(
    targets: MapId,
    clauses: &[checked::Clause],
    child_pid_offset: u32,
) -> Result<ir::Program, Diagnostic> {
    use crate::bpf::helpers::Helper;
    let span = clauses.first().map_or_else(Span::default, |c| c.span);
    let attach = crate::artifact::AttachSpec::Tracepoint {
        category: "sched".into(),
        name: "sched_process_fork".into(),
    };
    let mut b = Builder::new(
        "fs_fork".into(),
        "tracepoint/sched/sched_process_fork".into(),
        attach,
        usize::MAX,
        span,
    );
    let ctx = b.reg();
    b.push(Inst::Ctx { dst: ctx });
    let end = b.label();
    // The parent is the current task: look its thread group up (not `parent_pid`, which is the
    // forking *thread*).
    let pt = b.call(helper(Helper::GetCurrentPidTgid), vec![]);
    b.alu(ir::AluOp::Rsh, pt, Operand::Imm(32));
    let key = b.slot(4);
    b.store(Width::B4, Base::Slot(key), 0, Operand::Reg(pt));
    let map = b.map_ptr(targets);
    let k = b.slot_addr(key, 0);
    let found = b.call(helper(Helper::MapLookupElem), vec![map, k]);
    b.push(Inst::JumpIf {
        cond: ir::Cond::Eq,
        lhs: found,
        rhs: Operand::Imm(0),
        target: end,
    });
    // `child_pid` at the offset the kernel's format gives. A new thread (CLONE_THREAD) adds its
    // tid too, which is harmless: lookups are by tgid.
    let child = b.load(Width::B4, Base::Reg(ctx), child_pid_offset as i16);
    let ckey = b.slot(4);
    b.store(Width::B4, Base::Slot(ckey), 0, Operand::Reg(child));
    let val = b.slot(8);
    b.store(Width::B8, Base::Slot(val), 0, Operand::Imm(1));
    let map2 = b.map_ptr(targets);
    let k2 = b.slot_addr(ckey, 0);
    let v2 = b.slot_addr(val, 0);
    let flags = b.constant(0);
    b.push(Inst::Call {
        helper: helper(Helper::MapUpdateElem),
        args: vec![map2, k2, v2, flags],
        dst: None,
    });
    b.push(Inst::Label(end));
    Ok(b.finish())
}
