//! The probe contract between the compiler and the stdlib.
//!
//! The compiler never names a concrete probe. `flamescript-stdlib` implements [`Probe`] once per
//! event source (one file each) and hands the list to the compiler; `sema` resolves a clause's
//! probe, its modifiers and its builtins against that list. The kernel's tracepoint layouts reach
//! the compiler only through [`Env`], a value the caller builds (from the live kernel, or from a
//! pinned fixture in tests).
//!
//! Builtins every probe with a task context offers are listed once here ([`COMMON_BUILTINS`]);
//! a probe adds its own (`delta`, `bytes`, …) through [`Probe::builtins`].

use crate::artifact::AttachSpec;
use crate::types::{StackKind, Type, Unit};

/// A builtin value a probe offers to its block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuiltinSpec {
    pub name: &'static str,
    pub ty: Type,
    pub doc: &'static str,
}

/// Builtins available in every clause whose probe runs in a task's context.
pub const COMMON_BUILTINS: &[BuiltinSpec] = &[
    BuiltinSpec {
        name: "pid",
        ty: Type::PLAIN,
        doc: "process id (tgid) of the current task",
    },
    BuiltinSpec {
        name: "tid",
        ty: Type::PLAIN,
        doc: "thread id of the current task",
    },
    BuiltinSpec {
        name: "comm",
        ty: Type::Str { len: 16 },
        doc: "name of the current task",
    },
    BuiltinSpec {
        name: "cpu",
        ty: Type::PLAIN,
        doc: "the CPU the event ran on",
    },
    BuiltinSpec {
        name: "nsecs",
        ty: Type::Int(Unit::NS),
        doc: "monotonic time of the event",
    },
    BuiltinSpec {
        name: "cgroup",
        ty: Type::PLAIN,
        doc: "cgroup v2 id of the current task",
    },
    BuiltinSpec {
        name: "kstack",
        ty: Type::Stack(StackKind::Kernel),
        doc: "kernel stack of the event",
    },
    BuiltinSpec {
        name: "ustack",
        ty: Type::Stack(StackKind::User),
        doc: "user stack of the event",
    },
];

/// What a modifier's argument is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModifierArg {
    /// A bare word: `user`.
    None,
    /// An integer in `[min, max]`: `hz 99`.
    Int { min: u64, max: u64 },
    /// A duration in nanoseconds in `[min, max]`: `min 1ms`.
    Duration { min: u64, max: u64 },
    /// A size in bytes in `[min, max]`.
    Size { min: u64, max: u64 },
}

/// A modifier a probe accepts, and the filter it is sugar for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModifierSpec {
    pub name: &'static str,
    pub arg: ModifierArg,
    /// What it means, for docs and hints: "`delta >= D`, checked in the kernel".
    pub doc: &'static str,
    /// Modifiers in one group exclude each other (`user` / `kernel`); empty: no group.
    pub group: &'static str,
    /// The value (base units) the probe runs with when the modifier is not written (`hz` 99).
    /// `sema` fills it in, so the lowering always finds such a modifier in the checked clause.
    pub default: Option<u64>,
}

/// A modifier as written in a clause, after checking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModifierValue {
    pub name: &'static str,
    /// The argument in base units (ns, bytes), or 0 for a bare word.
    pub value: u64,
}

/// The kind of BPF program a probe runs as; decides its context and helpers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgramKind {
    /// A perf event (software `cpu-clock`, `page-faults`), one per online CPU.
    PerfEvent,
    /// A classic tracepoint (`/sys/kernel/tracing/events/CAT/NAME`).
    Tracepoint,
    /// A BTF-typed raw tracepoint.
    TpBtf,
    /// No kernel event: runs in user space (`BEGIN`, `END`, `interval`).
    UserSpace,
}

/// One field of a tracepoint's record, as the kernel lays it out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TpField {
    pub name: String,
    /// The C declaration's type, for listings: `pid_t`, `char[16]`, `const char *`.
    pub c_type: String,
    pub offset: u32,
    pub size: u32,
    pub signed: bool,
    pub kind: TpFieldKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TpFieldKind {
    Int,
    /// A fixed array of `char` inside the record (`comm`).
    CharArray,
    /// A pointer or `__data_loc` string: readable later, not a value yet.
    Pointer,
    /// Anything else (structs, other arrays): listed, not readable.
    Other,
}

impl TpField {
    /// The flamescript type of `args.FIELD`, or `None` when it cannot be read as a value.
    pub fn ty(&self) -> Option<Type> {
        match self.kind {
            TpFieldKind::Int | TpFieldKind::Pointer if self.size <= 8 => Some(Type::PLAIN),
            TpFieldKind::CharArray => Some(Type::Str { len: self.size }),
            _ => None,
        }
    }
}

/// A tracepoint's record layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TracepointLayout {
    pub category: String,
    pub name: String,
    pub fields: Vec<TpField>,
}

/// Why the environment could not answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvError {
    /// No such tracepoint; `similar` holds close names for the hint.
    UnknownTracepoint { similar: Vec<String> },
    /// The source itself is unreadable (no tracefs, no permission): the message says what to do.
    Unavailable(String),
}

/// The one outside input of the compiler: what the target kernel offers.
pub trait Env {
    fn tracepoint(&self, category: &str, name: &str) -> Result<TracepointLayout, EnvError>;
    /// Every `(category, name)` known, for `-l` and completion.
    fn tracepoints(&self) -> Vec<(String, String)>;

    /// Kernel type facts from BTF (`/sys/kernel/btf/vmlinux` when live): the byte offsets of
    /// each load along `path` in `struct strukt` (`se.cfs_rq->rq` is two loads: the offset of
    /// `se.cfs_rq` in `task_struct`, then of `rq` in `struct cfs_rq`).
    fn btf_member_chain(&self, strukt: &str, path: &str) -> Result<Vec<u32>, EnvError> {
        let _ = (strukt, path);
        Err(EnvError::Unavailable(
            "no kernel type information (BTF) in this context".into(),
        ))
    }

    /// The BTF id of kernel function `name` (a kfunc a program calls).
    fn btf_func(&self, name: &str) -> Result<u32, EnvError> {
        let _ = name;
        Err(EnvError::Unavailable(
            "no kernel type information (BTF) in this context".into(),
        ))
    }

    /// The BTF id of `btf_trace_<name>` (what a `tp_btf` program attaches to) and how many
    /// arguments the tracepoint passes.
    fn btf_tracepoint(&self, name: &str) -> Result<(u32, usize), EnvError> {
        let _ = name;
        Err(EnvError::Unavailable(
            "no kernel type information (BTF) in this context".into(),
        ))
    }

    /// The kernel's `pid_max`: how many thread ids can exist at once.
    fn pid_max(&self) -> u32 {
        32_768
    }

    /// Whether the kernel has BPF helper `bpf_NAME` (its `BPF_FUNC_NAME` in the BTF's
    /// `enum bpf_func_id`). `None`: this context cannot tell (assume the newest kernel).
    fn has_helper(&self, name: &str) -> Option<bool> {
        let _ = name;
        None
    }

    /// Whether the kernel's BTF has `struct NAME` (a feature that came with it). `None`: this
    /// context cannot tell (assume the newest kernel).
    fn has_struct(&self, name: &str) -> Option<bool> {
        let _ = name;
        None
    }
}

/// An environment that knows no tracepoint (for `--check` without a kernel, and tests).
pub struct NoKernel;

impl Env for NoKernel {
    fn tracepoint(&self, _: &str, _: &str) -> Result<TracepointLayout, EnvError> {
        Err(EnvError::Unavailable(
            "no kernel tracepoint information in this context".into(),
        ))
    }
    fn tracepoints(&self) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// What a probe resolved to for one clause: its extra, per-instance builtins (`args` fields).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    /// The record layout behind `args.FIELD`, for tracepoint-like probes.
    pub args: Option<TracepointLayout>,
    /// Kernel records the probe's own builtins are read from (a block I/O probe's `bytes` lives in
    /// `block:block_rq_issue`), looked up when the script is checked so that a kernel without
    /// them is refused at the probe, and so the lowering needs no `Env`. Not visible as `args`.
    pub records: Vec<TracepointLayout>,
    /// Kernel facts the lowering needs, looked up at check time like `records`: struct member
    /// offsets, BTF ids, sizes (`task_struct:se.cfs_rq->rq` → the offset of each load).
    pub facts: std::collections::BTreeMap<String, Vec<u32>>,
}

/// Why a probe's `:` parts did not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError {
    /// Which part is wrong (index into the parts), or `None` for the whole probe.
    pub part: Option<usize>,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
}

/// One event source. Implemented once per file in `flamescript-stdlib`.
pub trait Probe: Sync {
    /// The name a script writes: `offcpu`.
    fn name(&self) -> &'static str;
    /// Other accepted names: `tp` for `tracepoint`.
    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }
    /// One line for `-l`: "time threads spend off-CPU, from sched_switch".
    fn summary(&self) -> &'static str;
    /// A one-liner that uses it, for docs and hints.
    fn example(&self) -> &'static str;
    fn kind(&self) -> ProgramKind;
    /// Names of the `:`-separated parts it takes (`["category", "name"]`); empty for none.
    fn parts(&self) -> &'static [&'static str] {
        &[]
    }
    /// What this probe does differently on the running kernel, for `-l` (a syscall it lacks,
    /// the design it runs with). `None`: nothing to say.
    fn kernel_note(&self, env: &dyn Env) -> Option<String> {
        let _ = env;
        None
    }
    /// Whether the common builtins (pid, comm, stacks, …) make sense here.
    fn has_task_context(&self) -> bool {
        true
    }
    /// Common builtins this probe cannot provide (yet), refused by the checker: a span's
    /// statements run on a record of the thread that waited, which does not carry its cgroup.
    fn lacks(&self) -> &'static [&'static str] {
        match self.shape() {
            Shape::Event => &[],
            Shape::OffCpu | Shape::Syscall(_) => &["cgroup"],
        }
    }
    /// The probe's own builtins, beyond [`COMMON_BUILTINS`].
    fn builtins(&self) -> &'static [BuiltinSpec] {
        &[]
    }
    fn modifiers(&self) -> &'static [ModifierSpec] {
        &[]
    }
    /// Resolves the `:` parts against the kernel (tracepoint layouts); most probes have none.
    fn resolve(&self, parts: &[&str], env: &dyn Env) -> Result<Resolved, ResolveError> {
        let _ = (parts, env);
        Ok(Resolved::default())
    }
    /// Checks the modifiers together, once each is valid alone (`min` above `max` lets nothing
    /// through). The error is labelled across the clause's modifiers; its `part` is unused.
    fn check_modifiers(&self, modifiers: &[ModifierValue]) -> Result<(), ResolveError> {
        let _ = modifiers;
        Ok(())
    }

    // --- Lowering: how a checked clause of this probe becomes BPF programs. ---

    /// The kernel hooks one clause attaches to (one BPF program each, all running the same
    /// block). Empty: the probe cannot run in the kernel yet, and compiling says so.
    fn hooks(&self, parts: &[String], modifiers: &[ModifierValue]) -> Vec<Hook> {
        let _ = (parts, modifiers);
        Vec::new()
    }

    /// How a clause becomes programs: one per event (most probes), or a span of time measured
    /// between two events of one thread (`offcpu`, `futex`).
    fn shape(&self) -> Shape {
        Shape::Event
    }

    /// Whether events come at a sampling rate (`profile`, `pagefault`): thousands a second of
    /// the same few stacks. `--unwind auto` then keeps to frame pointers, because the bytes
    /// it would add to each user stack's key (the top of the stack: locals, spilled registers)
    /// differ from one sample to the next and would make nearly every sample its own stack.
    fn sampled(&self) -> bool {
        false
    }

    /// What one `count()` of this probe counts, for flame graphs and pprof: "samples",
    /// "faults", "requests" …
    fn count_name(&self) -> &'static str {
        "events"
    }

    /// Where the probe's own builtin `builtins()[index]` is read from.
    fn builtin_source(&self, index: usize) -> BuiltinSource {
        let _ = index;
        BuiltinSource::Unsupported
    }

    /// The index of the builtin (a byte count) that weighs an event a kernel worker raises on
    /// a process's behalf (`bio`: a request the block layer dispatches from kblockd or
    /// writeback). Under `-c`/`-p` such an event falls outside the target filter; the loss
    /// report then counts it and its bytes (`worker_events`, `worker_bytes`) rather than let
    /// them vanish. Needs the fact `task_struct:flags` (from BTF) in `Resolved::facts`; without
    /// it nothing is counted.
    fn worker_weight(&self) -> Option<usize> {
        None
    }
}

/// One kernel hook of a clause: where its program lives in the object and how it attaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hook {
    /// The ELF section: `perf_event`, `tracepoint/block/block_rq_issue`, …
    pub section: String,
    pub attach: AttachSpec,
}

/// How a clause of a probe becomes programs (see `lower`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One program per hook; the block runs on every event (profile, tracepoints, bio, …).
    Event,
    /// Time a thread spends off the CPU, from the scheduler's BTF-typed `sched_switch`: the
    /// block runs once per span, for the thread that waited, with `delta` and `state`
    /// (builtins 0 and 1). Needs the facts `lower::span::resolve_offcpu` looks up.
    OffCpu,
    /// Time a thread spends inside one syscall, from its enter to its exit tracepoint: the
    /// block runs at the exit, in the thread, with `delta` (builtin 0).
    Syscall(SyscallSpan),
}

/// A syscall span: which calls are timed and what is kept from their arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyscallSpan {
    pub calls: Vec<SyscallCall>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyscallCall {
    /// `sys_enter_futex`, `sys_exit_futex` in category `syscalls`.
    pub enter: &'static str,
    pub exit: &'static str,
    /// Builtins (by index) saved at entry, each from a field of the enter record or a
    /// constant; at most two.
    pub saved: Vec<(usize, Saved)>,
    /// Only calls whose `field & mask_of_cmd` picks a set bit of `cmds` are timed:
    /// `(field, cmd_mask, cmds)`: the futex wait operations among all futex ops.
    pub only: Option<(&'static str, u32, u32)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    Field(&'static str),
    Const(u64),
}

/// How a probe's own builtin is read inside its program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinSource {
    /// A field of the program's context at a fixed offset (`sample_period` of a perf event).
    Ctx { offset: u32, size: u32 },
    /// A field of the tracepoint record, by name, at the offset the clause's layout
    /// (`Resolved::args`) gives: the kernel's own layout, read on the target.
    TracepointField(&'static str),
    /// Not readable by the code generator yet.
    Unsupported,
}

/// The catalog as the compiler sees it: a list of probes, looked up by name or alias.
#[derive(Clone, Copy)]
pub struct Catalog<'a> {
    pub probes: &'a [&'a dyn Probe],
}

impl<'a> Catalog<'a> {
    pub fn find(&self, name: &str) -> Option<&'a dyn Probe> {
        self.probes
            .iter()
            .copied()
            .find(|p| p.name() == name || p.aliases().contains(&name))
    }

    /// Every name and alias, for "did you mean".
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.probes
            .iter()
            .flat_map(|p| std::iter::once(p.name()).chain(p.aliases().iter().copied()))
    }
}
