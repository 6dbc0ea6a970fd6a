//! The compiler's output and the runtime's whole input: plain data, public fields, no behaviour.
//!
//! The runtime never sees the AST or the IR. Everything it needs to load, attach, read the maps
//! back, name the metric's unit and point a verifier rejection at the script is here.

use crate::diag::Span;
use crate::types::Unit;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// A relocatable BPF ELF object (ET_REL, EM_BPF) that aya loads.
    pub elf: Vec<u8>,
    pub programs: Vec<ProgramSpec>,
    pub maps: Vec<MapSpec>,
    /// The per-CPU counters of what was lost, read after every run.
    pub losses: LossesSpec,
    /// Instruction index → script span, per program, so verifier errors point at the script.
    pub lines: LineTable,
    /// Whether loading needs the kernel's BTF (tp_btf programs, kfuncs). Parse it only then.
    pub needs_kernel_btf: bool,
    /// The script's source text, for titles ("offcpu min 1ms < @[kstack] = sum(delta) >").
    pub title: String,
    /// Clauses that run in user space (`BEGIN`, `END`, `interval`), in script order.
    pub user_clauses: Vec<UserClause>,
    /// Span probes' per-thread tables, whose short spans the runtime adds to the graphs.
    pub spans: Vec<SpansSpec>,
    /// Maps that sum on-CPU time (samples weighted by their period) and off-CPU time into one
    /// graph (`wallclock`): their total is thread time, which the runtime reports against the
    /// run's elapsed time.
    pub wallclock: Vec<String>,
    /// How user stacks are unwound (`fp`, `auto`, `dwarf`); empty when no map has one.
    pub unwind: String,
    /// How `offcpu` takes user stacks on this kernel (`OffcpuDesign::describe`); empty when
    /// no `offcpu` clause takes one.
    pub offcpu: String,
    /// What `count()` counts in each map counted by one kind of probe ("faults" for
    /// `pagefault`), for the graph's unit; a map counted by several is "events".
    pub count_names: std::collections::BTreeMap<String, String>,
}

/// A span probe's per-thread table (`lower::span`): each slot (`SLOT_*` layout) holds the
/// thread's spans shorter than `min_ns`, summed in the kernel without stacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpansSpec {
    pub map: String,
    pub slots: u32,
    /// 0: no `min`, nothing is summed apart.
    pub min_ns: u64,
    /// The maps the short spans are added to, as entries of their own.
    pub targets: Vec<ShortTarget>,
    /// Maps of the clause that cannot take them (their key or value is not a thread's
    /// count or time): the loss report names them.
    pub untracked: Vec<String>,
    /// Whether the kernel counted the short spans in `events_seen`/`events_kept` already;
    /// otherwise (offcpu without a filter, to keep the hottest path short) the runtime adds
    /// them from the table.
    pub shorts_counted: bool,
    /// The map of records parked until their thread's user stack is taken (`offcpu` with a
    /// user stack): what is still there at the end was never drawn, and is reported.
    pub pending: Option<String>,
}

/// How short spans become entries of one map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShortTarget {
    pub map: String,
    /// One per script key part, in order.
    pub fill: Vec<KeyFill>,
    pub weight: ShortWeight,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyFill {
    Comm,
    Pid,
    Tid,
    /// The first stack part: the `[… < min]` frame.
    Label,
    /// A further stack part: the thread (`comm tid`).
    Thread,
    Int(u64),
    Str(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShortWeight {
    /// `sum(delta)`: the summed time.
    Sum,
    /// `count()`: how many spans.
    Count,
}

/// A clause the runtime runs itself, at a time of the run rather than on a kernel event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserClause {
    pub when: UserSpaceWhen,
    pub actions: Vec<UserAction>,
    pub span: Span,
}

/// What a user-space clause can do today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UserAction {
    /// Print the map (by its ELF name) as the end of a run would.
    Print { map: String },
    /// Remove every entry of the map.
    Clear { map: String },
    /// End the run as Ctrl-C would.
    Exit,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramSpec {
    /// The program's symbol and name in the ELF.
    pub name: String,
    /// The ELF section that holds it (`perf_event`, `tracepoint/sched/sched_switch`, …).
    pub section: String,
    pub attach: AttachSpec,
    /// The clause it came from (index in the script) and that clause's span.
    pub clause: usize,
    pub span: Span,
    /// The encoded instructions (the same bytes as the program's ELF section), so a loader
    /// needs no ELF parsing.
    pub code: Vec<u8>,
    /// `(instruction index, map name)`: each an `ld_imm64` whose immediate becomes the map's fd.
    pub map_relocs: Vec<(u32, String)>,
    /// The functions in `code` when there are several (`(first instruction, name, number of
    /// arguments)`, the program itself first): the kernel wants their BTF (`func_info`)
    /// before it accepts a callback. Empty for a program that is one function.
    pub functions: Vec<(u32, String, u8)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttachSpec {
    /// A software perf event on every online CPU.
    PerfEvent {
        event: SoftwareEvent,
        sample: Sampling,
    },
    /// `/sys/kernel/tracing/events/CAT/NAME`.
    Tracepoint { category: String, name: String },
    /// BTF-typed raw tracepoint `btf_trace_<name>`, whose id in the kernel's BTF is `btf_id`
    /// (looked up when compiling, on the target).
    TpBtf { name: String, btf_id: u32 },
    /// A clause that runs in user space (`BEGIN`, `END`, `interval`): no BPF program.
    UserSpace(UserSpaceWhen),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SoftwareEvent {
    CpuClock,
    PageFaults,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sampling {
    /// Samples per second per CPU.
    Frequency(u64),
    /// One sample every N events.
    Period(u64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserSpaceWhen {
    Begin,
    End,
    /// Every N nanoseconds.
    Interval(u64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapSpec {
    /// The map's symbol in the ELF.
    pub name: String,
    /// What the script calls it: `@`, `@lat`; empty for internal maps.
    pub display: String,
    pub kind: MapKind,
    pub key_size: u32,
    pub value_size: u32,
    pub max_entries: u32,
    /// Per-CPU values: the runtime sums (or min/max-merges) them across CPUs.
    pub per_cpu: bool,
    /// The value begins with a `struct bpf_task_work` (8 bytes): the map is created with BTF
    /// describing it, which the kernel requires.
    pub task_work: bool,
    /// Entries are allocated when inserted (`BPF_F_NO_PREALLOC`), not when the map is made.
    pub no_prealloc: bool,
    /// How to read the key, part by part, in script order.
    pub key: Vec<KeyPart>,
    pub value: ValueSpec,
}

impl MapSpec {
    /// A user map a flame graph is drawn from: keyed by a stack, with an additive value
    /// (`count()`, `sum()`).
    pub fn is_flame_graph(&self) -> bool {
        let has_stack = self.key.iter().any(|p| {
            matches!(
                p.kind,
                KeyKind::KernelStack { .. } | KeyKind::UserStack { .. }
            )
        });
        self.kind == MapKind::Hash
            && !self.display.is_empty()
            && has_stack
            && self.value.is_additive()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapKind {
    /// A hash keyed by `key`: user maps (`@name`), and the stacks map (content hash → frames).
    Hash,
    /// A kernel `STACK_TRACE` map (`bpf_get_stackid` ids). The code generator keys stacks by
    /// content instead (docs/PERFORMANCE.md); kept for hand-written objects and the runtime.
    StackTrace,
    /// A plain array (configuration, scratch).
    Array,
    /// A BPF ring buffer (`max_entries` is its size in bytes): each event of a flame-graph
    /// map with its time, when a run keeps them (`lower::Options::events`).
    RingBuf,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPart {
    pub offset: u32,
    pub size: u32,
    pub kind: KeyKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyKind {
    Int(Unit),
    /// NUL-padded text (`comm`).
    Str,
    /// An 8-byte key into the named stacks map (the 63-bit hash of the frames); a negative
    /// value is the capture's errno.
    KernelStack {
        stack_map: String,
    },
    /// Like `KernelStack`, symbolized in process `tgid` (a hidden key part at `tgid_offset`,
    /// 4 bytes).
    UserStack {
        stack_map: String,
        tgid_offset: u32,
    },
    /// Bytes the runtime must skip (alignment, hidden parts already referenced elsewhere).
    Hidden,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueSpec {
    /// u64 event count.
    Count,
    /// u64 sum, in `unit`.
    Sum(Unit),
    Min(Unit),
    Max(Unit),
    /// Two u64: sum then count.
    Avg(Unit),
    /// Log2 histogram: the value is an array of `buckets` u64 counts; bucket i holds [2^(i-1), 2^i).
    Hist {
        unit: Unit,
        buckets: u32,
    },
    /// The last value assigned (`@x = pid`).
    Last(Unit),
    /// Not a user map (stack traces, arrays).
    Internal,
}

impl ValueSpec {
    /// Whether entries add up, so that a map keyed by a stack is a flame graph.
    pub fn is_additive(self) -> bool {
        matches!(self, ValueSpec::Count | ValueSpec::Sum(_))
    }
}

/// The losses map: a per-CPU array of u64 counters, index → name.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LossesSpec {
    pub map: String,
    pub counters: Vec<String>,
}

/// Instruction index → span, per program.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LineTable {
    /// `(program name, first instruction index, span)`, sorted by program then index.
    pub entries: Vec<(String, u32, Span)>,
}

impl LineTable {
    /// The span of the statement that emitted instruction `insn` of `program`.
    pub fn lookup(&self, program: &str, insn: u32) -> Option<Span> {
        self.entries
            .iter()
            .filter(|(p, i, _)| p == program && *i <= insn)
            .max_by_key(|(_, i, _)| *i)
            .map(|(_, _, s)| *s)
    }
}
