//! Span probes: time a thread spends between two events (off the CPU, inside a syscall),
//! measured per thread and folded with the stacks where it waited.
//!
//! Every span probe keeps a per-thread table, `fs_<clause>_spans`: an ARRAY indexed by thread id
//! (its size is `pid_max` rounded up to a power of two, at most [`MAX_SLOTS`]; the slot keeps the
//! thread id, so two threads sharing a slot are told apart and counted, never merged). A slot
//! holds the span's start time and, for spans shorter than the clause's `min`, their sum and
//! count: those are added here in the kernel, without stacks, so the graph's total stays the
//! true total and `min` only trims detail (the runtime shows them as one `[… < min]` frame per
//! thread). Start times are per thread, never per CPU: a thread that sleeps on one CPU and wakes
//! on another gets its own span.
//!
//! When a span ends and passes `min`/`max` (checked before any stack is taken: stacks are most
//! of the cost, and almost all spans are short), its **event record** is built ([`REC_SIZE`]
//! bytes: delta, kernel stack key, saved builtins, tgid, tid, comm) and the clause's statements
//! run in a subprogram that reads every builtin from the record. That is what lets `offcpu` run
//! the statements later, in another context:
//!
//! - `offcpu` ends a span in `sched_switch` when the thread is switched *in*, running on behalf
//!   of the thread that is leaving. Its kernel stack is taken cross-task there
//!   (`bpf_get_task_stack(next)`). Its user stack cannot be (the kernel walks only the current
//!   task's user stack), so the record is parked in `fs_<clause>_pend` (per thread, up to
//!   [`PENDING`] records) and a BPF task work (`bpf_task_work_schedule_resume_impl`) runs a
//!   callback in the thread itself on its next return to user space — after a syscall, a
//!   preemption, a fault or a signal alike — where the user stack is the one it blocked with.
//!   Taking it at `sys_exit` instead misattributes preempted threads (../shared/KERNEL.md).
//!   Kernel threads have no user stack: their records run at once.
//! - a syscall span ends in the thread's own `sys_exit`, where every stack is at hand.
//!
//! The clock of `offcpu` is the runqueue's (`rq->clock`, just updated by `__schedule`): reading
//! it costs a few loads where `bpf_ktime_get_ns` costs a helper call, on the hottest hook there
//! is. A start recorded before the thread's last arrival on a CPU is stale (its end was missed)
//! and is not used.

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is built once, when lowering gives up; the Ok path carries a register"
)]

use std::collections::BTreeMap;

use super::{Ctx, Lowerer, helper, internal};
use crate::artifact::{AttachSpec, KeyFill, ShortTarget, ShortWeight, SpansSpec};
use crate::bpf::helpers::Helper;
use crate::catalog::{Env, EnvError, ResolveError, Saved, SyscallCall};
use crate::diag::Diagnostic;
use crate::ir::{self, AluOp, Base, Builder, Cond, Inst, MapId, Operand, VReg, Width};
use crate::sema::checked::{BuiltinRef, ExprKind, MapOp, Stmt};

/// The event record the statements read their builtins from.
pub const REC_DELTA: u32 = 0;
pub const REC_KSTACK: u32 = 8;
pub const REC_SAVED0: u32 = 16;
pub const REC_SAVED1: u32 = 24;
pub const REC_TGID: u32 = 32;
pub const REC_TID: u32 = 36;
pub const REC_COMM: u32 = 40;
/// `offcpu`: the blocked thread's user stack pointer at switch-in (its saved user registers),
/// which its task work checks, so that a user stack taken at a later return to user space is
/// never drawn as the one the thread blocked with.
pub const REC_USP: u32 = 56;
pub const REC_SIZE: u32 = 64;
/// `offcpu` by `sched_exit_tp` alone: a CPU's `last` value is the thread that last came onto
/// it (its tid; 0: the idle task, or an untraced one), then the record of the span that just
/// ended there.
pub const LAST_REC: u32 = 8;
pub const LAST_SIZE: u32 = LAST_REC + REC_SIZE;

/// A slot of the per-thread spans table.
pub const SLOT_TS: u32 = 0;
pub const SLOT_SHORT_SUM: u32 = 8;
pub const SLOT_SHORT_COUNT: u32 = 16;
pub const SLOT_TID: u32 = 24;
pub const SLOT_TGID: u32 = 28;
pub const SLOT_SAVED0: u32 = 32;
pub const SLOT_SAVED1: u32 = 40;
pub const SLOT_COMM: u32 = 48;
pub const SLOT_SIZE: u32 = 64;
/// The most slots a spans table gets (8 MiB): thread ids beyond share slots, told apart by
/// the thread id each slot keeps.
pub const MAX_SLOTS: u32 = 1 << 17;

/// Records parked per thread until its next return to user space.
pub const PENDING: u32 = 4;
/// A pending value: `struct bpf_task_work` (8 bytes, the kernel's), the record count, the
/// records.
pub const PEND_COUNT: u32 = 8;
pub const PEND_RECORDS: u32 = 16;
pub const PEND_SIZE: u32 = PEND_RECORDS + PENDING * REC_SIZE;

/// `task_struct->flags` bits of threads that never return to user space.
pub(super) const PF_KTHREAD: i32 = 0x0020_0000;
const PF_USER_WORKER: i32 = 0x4000;
/// `TASK_DEAD` in `prev_state`: the thread's last switch-out.
const TASK_DEAD: i32 = 0x80;
/// A sleep that does not count toward the load average: with TASK_UNINTERRUPTIBLE, an idle
/// kernel thread (TASK_IDLE).
const TASK_NOLOAD: i32 = 0x400;
/// The state bits `ps` reports (TASK_REPORT): running, sleeping, disk, stopped, traced, dead,
/// zombie.
const TASK_REPORT: i32 = 0x7f;
/// What `state` is for an idle kernel thread (ps's `I`, TASK_REPORT_IDLE).
const STATE_IDLE: u64 = 0x80;
/// A user-stack key meaning "no user stack" (-EFAULT, as a kernel thread's capture reports).
const NO_USER_STACK: i64 = -14;
/// A user-stack key meaning the thread exited before its parked record got a user stack
/// (-ESRCH).
const USER_STACK_EXITED: i64 = -3;
/// A user-stack key meaning the task work ran only after the thread had moved on (its user
/// stack pointer differs from the one it blocked with): a late irq_work on a loaded machine
/// (-ETIME).
const USER_STACK_LATE: i64 = -62;
/// `struct pt_regs` on x86-64: the user stack pointer.
const PT_REGS_SP: i16 = 152;
/// A user-stack key meaning the task work could not be scheduled (-EBUSY).
const USER_STACK_UNSCHEDULED: i64 = -16;
/// A user-stack key meaning the pending table was full (-ENOSPC).
const USER_STACK_NO_ROOM: i64 = -28;
/// A user-stack key meaning the thread's switch-in was never seen by `sched_exit_tp` (its
/// record was still waiting when the next switch-in on that CPU came): -EPROTO.
const USER_STACK_NO_SWITCH_IN: i64 = -71;
/// The task-work kfunc, by each name kernels have exported it under: 7.x's plain name first
/// (7.2 keeps an `_impl` function in its BTF that programs cannot call: "cannot find address
/// for kernel function"), then 6.18's `_impl` with its explicit `aux` argument (passed either
/// way: a kfunc reads only the arguments its prototype declares).
const TASK_WORK_KFUNCS: &[&str] = &[
    "bpf_task_work_schedule_resume",
    "bpf_task_work_schedule_resume_impl",
];

/// How `offcpu` takes the user stack of a thread that blocked. The kernel can walk only the
/// current task's user stack, and the block's length (what `min` needs) is known only when the
/// thread comes back, so each design is a way around that; which one a kernel allows is found in
/// its BTF (and, for task work, by a trial load), never from its version. Measured costs and
/// known answers: docs/PERFORMANCE.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffcpuDesign {
    /// One hook: `sched_exit_tp` alone. It fires at the end of every switch, in the thread
    /// switched in (also a new thread's first run, from `schedule_tail`), so the thread that
    /// ran before it on this CPU is the one remembered there by the previous firing: its span
    /// starts now, the arriving thread's ends now, and both of its stacks are its own. What
    /// it cannot know is how the thread left (`state`): a clause that reads `state` gets
    /// [`SwitchIn`](Self::SwitchIn). Needs `sched_exit_tp` (6.17+).
    ExitTp,
    /// The span ends in `sched_switch`; the record waits in a per-CPU slot for the bare
    /// tracepoint `sched_exit_tp`, which fires at the end of `__schedule()` in the thread just
    /// switched in: its user stack there is exactly the one it blocked with, and it is taken
    /// only for blocks past `min`. Needs `sched_exit_tp` (6.17+).
    SwitchIn,
    /// The record is parked per thread and a BPF task work takes the user stack on the
    /// thread's next return to user space. Needs the task-work kfunc *and* a kernel whose
    /// verifier accepts it from `sched_switch` (some refuse: ../shared/KERNEL.md).
    TaskWork,
    /// The user stack is taken at every switch-out, in the thread that leaves, and kept in its
    /// slot until the span ends (libbpf-tools' way): right on every kernel, but a stack walk
    /// per context switch whatever `min` says.
    SwitchOut,
}

impl OffcpuDesign {
    pub const ALL: [OffcpuDesign; 4] = [
        OffcpuDesign::ExitTp,
        OffcpuDesign::SwitchIn,
        OffcpuDesign::TaskWork,
        OffcpuDesign::SwitchOut,
    ];

    /// The name `--offcpu-design` takes.
    pub fn name(self) -> &'static str {
        match self {
            OffcpuDesign::ExitTp => "exit-tp",
            OffcpuDesign::SwitchIn => "switch-in",
            OffcpuDesign::TaskWork => "task-work",
            OffcpuDesign::SwitchOut => "switch-out",
        }
    }

    pub fn parse(name: &str) -> Option<OffcpuDesign> {
        Self::ALL.into_iter().find(|d| d.name() == name)
    }

    /// How the loss report and the graph's subtitle say it.
    pub fn describe(self) -> &'static str {
        match self {
            OffcpuDesign::ExitTp => "user stacks at switch-in (sched_exit_tp alone)",
            OffcpuDesign::SwitchIn => "user stacks at switch-in (sched_switch + sched_exit_tp)",
            OffcpuDesign::TaskWork => "user stacks by task work",
            OffcpuDesign::SwitchOut => "user stacks at every switch-out",
        }
    }
}

/// The design an `offcpu` clause runs with: the one `options` insists on, or the best this
/// kernel's BTF shows (`sched_exit_tp` alone, or with `sched_switch` when the clause reads
/// `state`; else the switch-out walk that works everywhere).
pub fn offcpu_design(
    facts: &BTreeMap<String, Vec<u32>>,
    options: &super::Options,
    reads_state: bool,
    span: crate::diag::Span,
) -> Result<OffcpuDesign, Diagnostic> {
    let exit_tp = facts.contains_key("tracepoint:sched_exit_tp");
    let one_hook = exit_tp && facts.contains_key("task_struct:sched_info.pcount");
    let task_work = facts.contains_key("kfunc:task_work");
    // Task work is chosen by the binary only after a trial load (`--offcpu-design` passes it
    // here): a kernel may list the kfunc and refuse it.
    let missing = |what: &str, design: OffcpuDesign| {
        Diagnostic::error(
            format!("this kernel has no {what}"),
            span,
            format!("`--offcpu-design {}` is built on it", design.name()),
        )
        .with_help("leave out --offcpu-design: flamescript picks what this kernel offers")
    };
    let exit_tp_missing = "`sched_exit_tp` tracepoint (BTF `btf_trace_sched_exit_tp`)";
    match options.offcpu {
        Some(d @ OffcpuDesign::SwitchIn) if !exit_tp => Err(missing(exit_tp_missing, d)),
        Some(d @ OffcpuDesign::ExitTp) if !one_hook => Err(missing(exit_tp_missing, d)),
        Some(OffcpuDesign::ExitTp) if reads_state => Err(Diagnostic::error(
            "`state` is not known to `--offcpu-design exit-tp`",
            span,
            "this clause reads `state`",
        )
        .with_help(
            "that design sees threads only as they come back; leave out --offcpu-design \
             (a clause that reads `state` gets `switch-in`)",
        )),
        Some(OffcpuDesign::TaskWork) if !task_work => Err(missing(
            "task-work kfunc (`bpf_task_work_schedule_resume`)",
            OffcpuDesign::TaskWork,
        )),
        Some(d) => Ok(d),
        None if one_hook && !reads_state => Ok(OffcpuDesign::ExitTp),
        None if exit_tp => Ok(OffcpuDesign::SwitchIn),
        None => Ok(OffcpuDesign::SwitchOut),
    }
}

/// Whether a clause reads builtin `name` anywhere: its filter, keys, values or conditions.
pub fn clause_reads(clause: &crate::sema::checked::Clause, name: &str) -> bool {
    fn expr(e: &crate::sema::checked::Expr, name: &str) -> bool {
        match &e.kind {
            ExprKind::Builtin(b) => b.name() == name,
            ExprKind::MapRead { keys, .. } => keys.iter().any(|k| expr(k, name)),
            ExprKind::Unary { operand, .. } => expr(operand, name),
            ExprKind::Binary { lhs, rhs, .. } => expr(lhs, name) || expr(rhs, name),
            ExprKind::Int(_) | ExprKind::Str(_) | ExprKind::Arg { .. } | ExprKind::Local(_) => {
                false
            }
        }
    }
    fn stmts(body: &[Stmt], name: &str) -> bool {
        body.iter().any(|s| match s {
            Stmt::MapUpdate { keys, op, .. } => {
                keys.iter().any(|k| expr(k, name))
                    || match op {
                        MapOp::Count => false,
                        MapOp::Sum(e)
                        | MapOp::Min(e)
                        | MapOp::Max(e)
                        | MapOp::Avg(e)
                        | MapOp::Hist(e)
                        | MapOp::Assign(e) => expr(e, name),
                    }
            }
            Stmt::Delete { keys, .. } => keys.iter().any(|k| expr(k, name)),
            Stmt::LocalAssign { value, .. } => expr(value, name),
            Stmt::If {
                cond,
                then,
                otherwise,
                ..
            } => expr(cond, name) || stmts(then, name) || stmts(otherwise, name),
            Stmt::Print { .. } | Stmt::Clear { .. } | Stmt::Exit { .. } => false,
        })
    }
    clause.filter.as_ref().is_some_and(|f| expr(f, name)) || stmts(&clause.body, name)
}

/// The kernel facts `offcpu` needs, by the names the lowering reads them back with.
const OFFCPU_FACTS: &[(&str, &str)] = &[
    ("task_struct", "pid"),
    ("task_struct", "tgid"),
    ("task_struct", "comm"),
    ("task_struct", "flags"),
    ("task_struct", "sched_info.last_arrival"),
    ("task_struct", "se.cfs_rq->rq->clock"),
];

/// Looks up what `offcpu` needs from the kernel (called by the probe's `resolve`): member
/// offsets, the tracepoints, the task-work kfunc if any, and `pid_max`. What only some designs
/// need is optional here; [`offcpu_design`] chooses from what was found.
pub fn resolve_offcpu(env: &dyn Env) -> Result<BTreeMap<String, Vec<u32>>, ResolveError> {
    let fail = |what: String, why: EnvError| ResolveError {
        part: None,
        message: format!("this kernel does not offer {what}"),
        label: "`offcpu` is built on it".into(),
        help: Some(match why {
            EnvError::Unavailable(s) => s,
            EnvError::UnknownTracepoint { .. } => "no such tracepoint".into(),
        }),
    };
    let mut facts = BTreeMap::new();
    for (strukt, path) in OFFCPU_FACTS {
        let chain = env
            .btf_member_chain(strukt, path)
            .map_err(|e| fail(format!("`{strukt}.{path}`"), e))?;
        facts.insert(format!("{strukt}:{path}"), chain);
    }
    let (id, args) = env
        .btf_tracepoint("sched_switch")
        .map_err(|e| fail("the BTF tracepoint `sched_switch`".into(), e))?;
    match args {
        4 => {}
        // Before 5.18 there is no `prev_state` argument: the state is read from the task,
        // which at that point is still the one leaving (`__state` from 5.14, `state` before).
        3 => {
            let state = env
                .btf_member_chain("task_struct", "__state")
                .or_else(|_| env.btf_member_chain("task_struct", "state"))
                .map_err(|e| fail("`task_struct.__state` (or `.state`)".into(), e))?;
            facts.insert("task_struct:state".into(), state);
        }
        n => {
            return Err(ResolveError {
                part: None,
                message: format!("`sched_switch` passes {n} arguments on this kernel"),
                label: "`offcpu` reads preempt, prev, next (and prev_state since 5.18)".into(),
                help: Some(
                    "flamescript knows the 3- and 4-argument forms; please report this kernel"
                        .into(),
                ),
            });
        }
    }
    facts.insert("tracepoint:sched_switch".into(), vec![id, args as u32]);
    if let Ok((id, _)) = env.btf_tracepoint("sched_exit_tp") {
        facts.insert("tracepoint:sched_exit_tp".into(), vec![id]);
        // The one-hook design tells a thread's first run by its count of arrivals on a CPU
        // (zeroed at fork; `sched_info_arrive` just counted this one).
        if let Ok(chain) = env.btf_member_chain("task_struct", "sched_info.pcount") {
            facts.insert("task_struct:sched_info.pcount".into(), chain);
        }
    }
    if let Some(id) = TASK_WORK_KFUNCS
        .iter()
        .find_map(|name| env.btf_func(name).ok())
    {
        facts.insert("kfunc:task_work".into(), vec![id]);
    }
    facts.insert("pid_max".into(), vec![env.pid_max()]);
    Ok(facts)
}

/// The slots of a spans table for a kernel with `pid_max` thread ids.
pub fn slots_for(pid_max: u32) -> u32 {
    pid_max
        .clamp(1024, MAX_SLOTS)
        .next_power_of_two()
        .min(MAX_SLOTS)
}

/// The maps one span clause adds, made before the programs.
#[derive(Clone, Copy, Debug)]
pub(super) struct SpanMaps {
    pub spans: MapId,
    /// `offcpu` by task work: the parked records, and an all-zero value to create a thread's
    /// entry from (the BPF stack is too small to hold one).
    pub pending: Option<(MapId, MapId)>,
    /// `offcpu` at switch-in: the per-CPU record `sched_exit_tp` takes over (its `REC_TID` is
    /// 0 when empty).
    pub handoff: Option<MapId>,
    /// `offcpu` by `sched_exit_tp` alone: per CPU, the thread that last came onto it (its tid,
    /// 0 when untracked) and the record of the span that ended there.
    pub last: Option<MapId>,
    /// `offcpu` with a user stack: how it is taken.
    pub design: Option<OffcpuDesign>,
    pub slots: u32,
}

/// Which builtins of the clause's probe live where in the record.
fn record_fields(cx: &Ctx<'_>) -> Vec<(&'static str, u32, u32)> {
    let mut fields = vec![
        ("pid", REC_TGID, 4),
        ("tid", REC_TID, 4),
        ("delta", REC_DELTA, 8),
    ];
    match cx.probe.shape() {
        crate::catalog::Shape::OffCpu => fields.push(("state", REC_SAVED0, 8)),
        crate::catalog::Shape::Syscall(s) => {
            if let Some(call) = s.calls.first() {
                for (i, (index, _)) in call.saved.iter().enumerate() {
                    let name = cx.probe.builtins()[*index].name;
                    fields.push((name, REC_SAVED0 + 8 * i as u32, 8));
                }
            }
        }
        crate::catalog::Shape::Event => {}
    }
    fields
}

/// The record a span's statements read: where it is, and the user stack key when it was
/// taken outside the record.
#[derive(Clone, Debug)]
pub(super) struct Record {
    pub fields: Vec<(&'static str, u32, u32)>,
    /// The user stack's key (offcpu: taken in the task work, or a marker); `None`: take it
    /// here, in the current task (syscall spans).
    pub ustack: Option<VReg>,
}

impl Record {
    pub(super) fn field(&self, name: &str) -> Option<(u32, u32)> {
        self.fields
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, o, s)| (*o, *s))
    }
}

fn fact(cx: &Ctx<'_>, key: &str) -> Result<Vec<u32>, Diagnostic> {
    cx.clause
        .resolved
        .facts
        .get(key)
        .cloned()
        .ok_or_else(|| internal(cx.clause.span, &format!("kernel fact `{key}` missing")))
}

fn off16(cx: &Ctx<'_>, v: u32) -> Result<i16, Diagnostic> {
    i16::try_from(v).map_err(|_| internal(cx.clause.span, "a kernel struct offset beyond 32 KiB"))
}

/// Whether the clause's statements use a user / kernel stack.
fn uses_stack(cx: &Ctx<'_>, name: &str) -> bool {
    clause_reads(cx.clause, name)
}

/// The `min` / `max` modifiers, in ns.
fn bounds(cx: &Ctx<'_>) -> (u64, Option<u64>) {
    let get = |n| {
        cx.clause
            .modifiers
            .iter()
            .find(|m| m.name == n)
            .map(|m| m.value)
    };
    (get("min").unwrap_or(0), get("max"))
}

/// What the runtime needs to show the short spans: the table, and into which maps (and how)
/// they are added. Only top-level `count()` / `sum(delta)` updates keyed by things a thread
/// has (comm, pid, tid, stacks) can take them; other maps are named in `untracked`.
pub(super) fn spans_spec(cx: &Ctx<'_>, maps: &SpanMaps) -> SpansSpec {
    let (min, _) = bounds(cx);
    let mut targets = Vec::new();
    let mut untracked = Vec::new();
    for stmt in &cx.clause.body {
        let Stmt::MapUpdate { map, keys, op, .. } = stmt else {
            continue;
        };
        let name = cx.maps[map.0].name.clone();
        let weight = match op {
            MapOp::Count => Some(ShortWeight::Count),
            MapOp::Sum(e)
                if matches!(
                    e.kind,
                    ExprKind::Builtin(BuiltinRef::Probe { name: "delta", .. })
                ) =>
            {
                Some(ShortWeight::Sum)
            }
            _ => None,
        };
        let mut stacks = 0;
        let fill: Option<Vec<KeyFill>> = keys
            .iter()
            .map(|k| match &k.kind {
                ExprKind::Builtin(BuiltinRef::Common { name, .. }) => match *name {
                    "comm" => Some(KeyFill::Comm),
                    "pid" => Some(KeyFill::Pid),
                    "tid" => Some(KeyFill::Tid),
                    "kstack" | "ustack" => {
                        stacks += 1;
                        Some(if stacks == 1 {
                            KeyFill::Label
                        } else {
                            KeyFill::Thread
                        })
                    }
                    _ => None,
                },
                ExprKind::Int(v) => Some(KeyFill::Int(*v)),
                ExprKind::Str(s) => Some(KeyFill::Str(s.clone())),
                _ => None,
            })
            .collect();
        match (weight, fill) {
            (Some(weight), Some(fill)) => targets.push(ShortTarget {
                map: name,
                fill,
                weight,
            }),
            _ => untracked.push(cx.maps[map.0].display.clone()),
        }
    }
    SpansSpec {
        shorts_counted: cx.clause.filter.is_some()
            || !matches!(cx.probe.shape(), crate::catalog::Shape::OffCpu),
        map: cx.maps[maps.spans.0 as usize].name.clone(),
        slots: maps.slots,
        min_ns: min,
        targets,
        untracked,
        pending: maps
            .pending
            .map(|(p, _)| cx.maps[p.0 as usize].name.clone()),
    }
}

impl Lowerer<'_> {
    /// The slot of thread `tid` in the spans table (never NULL: an ARRAY lookup inside its
    /// bounds, but the verifier wants the check).
    fn span_slot(&mut self, spans: MapId, slots: u32, tid: VReg, skip: ir::Label) -> VReg {
        let idx = self.b.copy(tid);
        self.b.alu(AluOp::And, idx, Operand::Imm(slots as i32 - 1));
        self.lookup_u32(spans, Operand::Reg(idx), skip)
    }

    /// A slot now owned by thread `tid`: a previous owner's short spans (a thread that exited,
    /// or shares the slot) go to the `short_evicted` counters, so the total keeps them.
    fn claim_slot(&mut self, slot: VReg, tid: VReg) {
        let mine = self.b.label();
        let owner = self.b.load(Width::B4, Base::Reg(slot), SLOT_TID as i16);
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: owner,
            rhs: Operand::Reg(tid),
            target: mine,
        });
        let sum = self
            .b
            .load(Width::B8, Base::Reg(slot), SLOT_SHORT_SUM as i16);
        let n = self
            .b
            .load(Width::B8, Base::Reg(slot), SLOT_SHORT_COUNT as i16);
        let none = self.b.label();
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: n,
            rhs: Operand::Imm(0),
            target: none,
        });
        self.add_losses(&[
            (super::SHORT_EVICTED_NS, Operand::Reg(sum)),
            (super::SHORT_EVICTED, Operand::Reg(n)),
        ]);
        self.b.push(Inst::Label(none));
        for off in [SLOT_TS, SLOT_SHORT_SUM, SLOT_SHORT_COUNT] {
            self.b
                .store(Width::B8, Base::Reg(slot), off as i16, Operand::Imm(0));
        }
        self.b.store(
            Width::B4,
            Base::Reg(slot),
            SLOT_TID as i16,
            Operand::Reg(tid),
        );
        self.b.push(Inst::Label(mine));
    }

    /// A span shorter than `min`: summed in the thread's slot, with the thread's name.
    /// `name` gives the thread's process id and where its name is, emitted only on the
    /// branch that stores them.
    fn add_short(
        &mut self,
        slot: VReg,
        delta: VReg,
        name: impl FnOnce(&mut Self) -> (VReg, (Base, i16)),
    ) {
        let sum = self
            .b
            .load(Width::B8, Base::Reg(slot), SLOT_SHORT_SUM as i16);
        self.b.alu(AluOp::Add, sum, Operand::Reg(delta));
        self.b.store(
            Width::B8,
            Base::Reg(slot),
            SLOT_SHORT_SUM as i16,
            Operand::Reg(sum),
        );
        let n = self
            .b
            .load(Width::B8, Base::Reg(slot), SLOT_SHORT_COUNT as i16);
        let named = self.b.label();
        // The thread's name and process, with its first short span only: this runs on most
        // context switches, and they rarely change.
        self.b.push(Inst::JumpIf {
            cond: Cond::Ne,
            lhs: n,
            rhs: Operand::Imm(0),
            target: named,
        });
        let (tgid, comm) = name(self);
        self.b.store(
            Width::B4,
            Base::Reg(slot),
            SLOT_TGID as i16,
            Operand::Reg(tgid),
        );
        for i in 0..2 {
            let w = self.b.load(Width::B8, comm.0, comm.1 + 8 * i);
            self.b.store(
                Width::B8,
                Base::Reg(slot),
                SLOT_COMM as i16 + 8 * i,
                Operand::Reg(w),
            );
        }
        self.b.push(Inst::Label(named));
        self.b.alu(AluOp::Add, n, Operand::Imm(1));
        self.b.store(
            Width::B8,
            Base::Reg(slot),
            SLOT_SHORT_COUNT as i16,
            Operand::Reg(n),
        );
    }

    /// A span's length from its start `ts` to `now`. Runqueue clocks of two CPUs may
    /// disagree by a little: never a negative span. By more than a little is counted: the
    /// span's time is not in the graph.
    fn span_delta(&mut self, now: VReg, ts: VReg) -> VReg {
        let delta = self.b.copy(now);
        self.b.alu(AluOp::Sub, delta, Operand::Reg(ts));
        let forward = self.b.label();
        self.b.push(Inst::JumpIf {
            cond: Cond::Ge,
            lhs: now,
            rhs: Operand::Reg(ts),
            target: forward,
        });
        let close = self.b.label();
        let behind = self.b.copy(ts);
        self.b.alu(AluOp::Sub, behind, Operand::Reg(now));
        let limit = self.b.constant(100_000);
        self.b.push(Inst::JumpIf {
            cond: Cond::Le,
            lhs: behind,
            rhs: Operand::Reg(limit),
            target: close,
        });
        self.bump(super::SPANS_CLOCK_BEHIND);
        self.b.push(Inst::Label(close));
        self.b.push(Inst::Const {
            dst: delta,
            value: 0,
        });
        self.b.push(Inst::Label(forward));
        delta
    }

    /// `min` and `max`, then the filter decides; jumps to `short` below `min` and to `skip`
    /// above `max`.
    fn check_bounds(&mut self, delta: VReg, short: ir::Label, skip: ir::Label) {
        let (min, max) = bounds(self.cx);
        if min > 0 {
            let m = self.b.constant(min);
            self.b.push(Inst::JumpIf {
                cond: Cond::Lt,
                lhs: delta,
                rhs: Operand::Reg(m),
                target: short,
            });
        }
        self.check_max(delta, skip, max);
    }

    /// `max`: jumps to `skip` (counted) above it.
    fn check_max(&mut self, delta: VReg, skip: ir::Label, max: Option<u64>) {
        if let Some(max) = max {
            let over = self.b.label();
            let m = self.b.constant(max);
            self.b.push(Inst::JumpIf {
                cond: Cond::Le,
                lhs: delta,
                rhs: Operand::Reg(m),
                target: over,
            });
            self.bump(super::SPANS_ABOVE_MAX);
            self.b.push(Inst::Jump { target: skip });
            self.b.push(Inst::Label(over));
        }
    }

    /// The clause's filter on the record (already in `self.ctx`): jumps to `skip` when false.
    fn span_filter(&mut self, skip: ir::Label) -> Result<(), Diagnostic> {
        if let Some(filter) = &self.cx.clause.filter {
            self.b.span(filter.span);
            let v = self.expr(filter)?;
            self.b.push(Inst::JumpIf {
                cond: Cond::Eq,
                lhs: v,
                rhs: Operand::Imm(0),
                target: skip,
            });
        }
        Ok(())
    }
}

/// The clause's statements as a subprogram `actions(record, ustack_key)`: every builtin is
/// read from the record, so the same code runs in `sched_switch` and in the task work.
fn actions_subprogram(
    cx: &Ctx<'_>,
    name: &str,
    fields: &[(&'static str, u32, u32)],
) -> Result<ir::Program, Diagnostic> {
    let mut b = Builder::new(
        format!("{name}_act"),
        String::new(),
        AttachSpec::UserSpace(crate::artifact::UserSpaceWhen::End),
        0,
        cx.clause.span,
    );
    let rec = b.param(0);
    let ustack = Some(b.param(1));
    let end = b.label();
    let mut l = Lowerer {
        record: Some(Record {
            fields: fields.to_vec(),
            ustack,
        }),
        ..Lowerer::new(cx, b, rec, end)
    };
    for _ in &cx.clause.locals {
        let r = l.b.constant(0);
        l.locals.push(r);
    }
    l.stmts(&cx.clause.body)?;
    l.b.push(Inst::Label(end));
    Ok(l.b.finish())
}

/// `offcpu`: a `tp_btf/sched_switch` program (with the statements' subprogram, and the task
/// work's callback in that design), plus a `tp_btf/sched_exit_tp` one in the switch-in design.
pub(super) fn lower_offcpu(
    cx: &Ctx<'_>,
    name: String,
    maps: &SpanMaps,
) -> Result<Vec<ir::Program>, Diagnostic> {
    let fields = record_fields(cx);
    let want_ustack = uses_stack(cx, "ustack");
    let want_kstack = uses_stack(cx, "kstack");
    let [pid_off] = fact(cx, "task_struct:pid")?[..] else {
        return Err(internal(cx.clause.span, "pid offset"));
    };
    let [tgid_off] = fact(cx, "task_struct:tgid")?[..] else {
        return Err(internal(cx.clause.span, "tgid offset"));
    };
    let [comm_off] = fact(cx, "task_struct:comm")?[..] else {
        return Err(internal(cx.clause.span, "comm offset"));
    };
    let [flags_off] = fact(cx, "task_struct:flags")?[..] else {
        return Err(internal(cx.clause.span, "flags offset"));
    };
    let [arrival_off] = fact(cx, "task_struct:sched_info.last_arrival")?[..] else {
        return Err(internal(cx.clause.span, "last_arrival offset"));
    };
    let clock_chain = fact(cx, "task_struct:se.cfs_rq->rq->clock")?;
    let design = maps.design;
    if let (Some(OffcpuDesign::ExitTp), Some(last)) = (design, maps.last) {
        return Ok(vec![exit_tp_only(cx, name, maps, last, &fields)?]);
    }
    let kfunc = match design {
        Some(OffcpuDesign::TaskWork) => fact(cx, "kfunc:task_work")?[0],
        _ => 0,
    };
    let switch_args = fact(cx, "tracepoint:sched_switch")?
        .get(1)
        .copied()
        .unwrap_or(4);
    let state_off = match switch_args {
        3 => Some(off16(cx, fact(cx, "task_struct:state")?[0])?),
        _ => None,
    };
    let (pid_off, tgid_off, comm_off, flags_off, arrival_off) = (
        off16(cx, pid_off)?,
        off16(cx, tgid_off)?,
        off16(cx, comm_off)?,
        off16(cx, flags_off)?,
        off16(cx, arrival_off)?,
    );

    let mut b = Builder::new(
        name.clone(),
        "tp_btf/sched_switch".into(),
        AttachSpec::TpBtf {
            name: "sched_switch".into(),
            btf_id: fact(cx, "tracepoint:sched_switch")?[0],
        },
        0,
        cx.clause.span,
    );
    let actions = b.add_subprogram(actions_subprogram(cx, &name, &fields)?);
    let callback = match (want_ustack, maps.pending) {
        (true, Some(_)) => Some(b.add_subprogram(task_work_callback(cx, &name, actions)?)),
        _ => None,
    };
    let switch_out_stacks = want_ustack && design == Some(OffcpuDesign::SwitchOut);
    let ctx = b.reg();
    b.push(Inst::Ctx { dst: ctx });
    let end = b.label();
    let mut l = Lowerer::new(cx, b, ctx, end);
    l.b.span(cx.clause.span);
    // sched_switch(bool preempt, task_struct *prev, task_struct *next, unsigned prev_state)
    let prev = l.b.load(Width::B8, Base::Reg(ctx), 8);
    let next = l.b.load(Width::B8, Base::Reg(ctx), 16);
    // The runqueue clock: prev->se.cfs_rq->rq->clock, one load per hop.
    let mut clock = prev;
    for hop in &clock_chain {
        clock = l.b.load(Width::B8, Base::Reg(clock), off16(cx, *hop)?);
    }

    // --- prev leaves the CPU: note when, per thread. ---
    let switch_in = l.b.label();
    let prev_tid = l.b.load(Width::B4, Base::Reg(prev), pid_off);
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: prev_tid,
        rhs: Operand::Imm(0),
        target: switch_in,
    });
    let prev_tgid = l.b.load(Width::B4, Base::Reg(prev), tgid_off);
    l.target_check(prev_tgid, switch_in);
    let slot = l.span_slot(maps.spans, maps.slots, prev_tid, switch_in);
    l.claim_slot(slot, prev_tid);
    let state = match state_off {
        // 3-argument `sched_switch` (before 5.18): the leaving task's own state word.
        Some(off) => l.b.load(Width::B4, Base::Reg(prev), off),
        None => {
            let st = l.b.load(Width::B8, Base::Reg(ctx), 24);
            l.b.alu(AluOp::Lsh, st, Operand::Imm(32));
            l.b.alu(AluOp::Rsh, st, Operand::Imm(32));
            st
        }
    };
    let preempt = l.b.load(Width::B8, Base::Reg(ctx), 0);
    let running = l.b.label();
    let noted = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Ne,
        lhs: preempt,
        rhs: Operand::Imm(0),
        target: running,
    });
    // Its last switch-out: no span follows (and a later thread with its id starts afresh).
    let alive = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Set,
        lhs: state,
        rhs: Operand::Imm(TASK_DEAD),
        target: alive,
    });
    // The state as `ps` reports it: the TASK_REPORT bits (1 sleeping, 2 uninterruptible, …),
    // without modifiers such as TASK_FREEZABLE (a nanosleep is 0x2001, and `state == 1` must
    // match it); a kernel thread idling for work (TASK_NOLOAD) is 0x80, not a disk wait.
    let idle = l.b.label();
    let reported = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Set,
        lhs: state,
        rhs: Operand::Imm(TASK_NOLOAD),
        target: idle,
    });
    l.b.alu(AluOp::And, state, Operand::Imm(TASK_REPORT));
    l.b.push(Inst::Jump { target: reported });
    l.b.push(Inst::Label(idle));
    l.b.push(Inst::Const {
        dst: state,
        value: STATE_IDLE,
    });
    l.b.push(Inst::Label(reported));
    l.b.store(
        Width::B8,
        Base::Reg(slot),
        SLOT_SAVED0 as i16,
        Operand::Reg(state),
    );
    l.b.store(
        Width::B8,
        Base::Reg(slot),
        SLOT_TS as i16,
        Operand::Reg(clock),
    );
    let taken = l.b.label();
    l.b.push(Inst::Jump { target: taken });
    l.b.push(Inst::Label(alive));
    l.b.store(Width::B8, Base::Reg(slot), SLOT_TS as i16, Operand::Imm(0));
    if let (Some(_), Some((pending, _))) = (callback, maps.pending) {
        flush_parked(&mut l, pending, actions, prev_tid);
    }
    l.b.push(Inst::Jump { target: noted });
    // Preempted while runnable: state 0 (the kernel passes the state it had set, if any).
    l.b.push(Inst::Label(running));
    l.b.store(
        Width::B8,
        Base::Reg(slot),
        SLOT_SAVED0 as i16,
        Operand::Imm(0),
    );
    l.b.store(
        Width::B8,
        Base::Reg(slot),
        SLOT_TS as i16,
        Operand::Reg(clock),
    );
    l.b.push(Inst::Label(taken));
    if switch_out_stacks {
        // The switch-out design: the user stack of the thread leaving, taken here in its own
        // context, whatever the block's length turns out to be (kernel threads have none).
        let ukey = l.b.constant(NO_USER_STACK as u64);
        let kthread = l.b.label();
        let flags = l.b.load(Width::B4, Base::Reg(prev), flags_off);
        l.b.push(Inst::JumpIf {
            cond: Cond::Set,
            lhs: flags,
            rhs: Operand::Imm(PF_KTHREAD | PF_USER_WORKER),
            target: kthread,
        });
        let u = l.capture_stack_of(None, true, cx.clause.span)?;
        l.b.push(Inst::Mov { dst: ukey, src: u });
        l.b.push(Inst::Label(kthread));
        l.b.store(
            Width::B8,
            Base::Reg(slot),
            SLOT_SAVED1 as i16,
            Operand::Reg(ukey),
        );
    }
    l.b.push(Inst::Label(noted));
    l.b.store(
        Width::B4,
        Base::Reg(slot),
        SLOT_TGID as i16,
        Operand::Reg(prev_tgid),
    );

    // --- next comes back: its span ends. ---
    l.b.push(Inst::Label(switch_in));
    let tid = l.b.load(Width::B4, Base::Reg(next), pid_off);
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: tid,
        rhs: Operand::Imm(0),
        target: end,
    });
    let tgid = l.b.load(Width::B4, Base::Reg(next), tgid_off);
    l.target_check(tgid, end);
    let slot = l.span_slot(maps.spans, maps.slots, tid, end);
    let unmatched = l.b.label();
    let owner = l.b.load(Width::B4, Base::Reg(slot), SLOT_TID as i16);
    l.b.push(Inst::JumpIf {
        cond: Cond::Ne,
        lhs: owner,
        rhs: Operand::Reg(tid),
        target: unmatched,
    });
    let ts = l.b.load(Width::B8, Base::Reg(slot), SLOT_TS as i16);
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: ts,
        rhs: Operand::Imm(0),
        target: unmatched,
    });
    l.b.store(Width::B8, Base::Reg(slot), SLOT_TS as i16, Operand::Imm(0));
    // A start from before the thread last arrived on a CPU belongs to a span whose end we
    // did not see: not this one.
    let arrival = l.b.load(Width::B8, Base::Reg(next), arrival_off);
    let stale = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Lt,
        lhs: ts,
        rhs: Operand::Reg(arrival),
        target: stale,
    });
    // The clock of the runqueue `next` arrives on, through `next` itself: `prev` may be the
    // idle task, whose way to its runqueue is not a CFS entity's.
    let mut clock = next;
    for hop in &clock_chain {
        clock = l.b.load(Width::B8, Base::Reg(clock), off16(cx, *hop)?);
    }
    let delta = l.span_delta(clock, ts);
    // Without a filter, every span is kept: both counters in one lookup, and the record is
    // built only for spans past `min` (most are shorter).
    let filtered = cx.clause.filter.is_some();
    if filtered {
        l.bump(super::EVENTS_SEEN);
    }
    let short = l.b.label();
    let rec = l.b.slot(REC_SIZE);
    let parks = callback.is_some() && maps.pending.is_some();
    let build_record = |l: &mut Lowerer<'_>| {
        l.b.zero_slot(rec);
        l.b.store(
            Width::B8,
            Base::Slot(rec),
            REC_DELTA as i16,
            Operand::Reg(delta),
        );
        let saved = l.b.load(Width::B8, Base::Reg(slot), SLOT_SAVED0 as i16);
        l.b.store(
            Width::B8,
            Base::Slot(rec),
            REC_SAVED0 as i16,
            Operand::Reg(saved),
        );
        l.b.store(
            Width::B4,
            Base::Slot(rec),
            REC_TGID as i16,
            Operand::Reg(tgid),
        );
        l.b.store(
            Width::B4,
            Base::Slot(rec),
            REC_TID as i16,
            Operand::Reg(tid),
        );
        for i in 0..2 {
            let w = l.b.load(Width::B8, Base::Reg(next), comm_off + 8 * i);
            l.b.store(
                Width::B8,
                Base::Slot(rec),
                REC_COMM as i16 + 8 * i,
                Operand::Reg(w),
            );
        }
        if parks {
            let regs = l.b.call(helper(Helper::TaskPtRegs), vec![next]);
            let sp = l.b.load(Width::B8, Base::Reg(regs), PT_REGS_SP);
            l.b.store(Width::B8, Base::Slot(rec), REC_USP as i16, Operand::Reg(sp));
        }
    };
    if filtered {
        build_record(&mut l);
        // The filter reads the record, like the statements.
        let rec_ptr = l.b.slot_addr(rec, 0);
        l.ctx = rec_ptr;
        l.record = Some(Record {
            fields: fields.clone(),
            ustack: None,
        });
        l.span_filter(end)?;
        l.record = None;
        l.ctx = ctx;
        l.bump(super::EVENTS_KEPT);
        l.check_bounds(delta, short, end);
    } else {
        // Short spans are counted by their slots (the runtime adds them to the events seen
        // and kept): no counter update on the path almost every context switch takes.
        l.check_bounds(delta, short, end);
        l.add_losses(&[
            (super::EVENTS_SEEN, Operand::Imm(1)),
            (super::EVENTS_KEPT, Operand::Imm(1)),
        ]);
        build_record(&mut l);
    }

    if want_kstack {
        let k = l.capture_stack_of(Some(next), false, cx.clause.span)?;
        l.b.store(
            Width::B8,
            Base::Slot(rec),
            REC_KSTACK as i16,
            Operand::Reg(k),
        );
    }
    let run_now = l.b.label();
    let ustack_now = l.b.constant(NO_USER_STACK as u64);
    if let (Some(callback), Some(pending)) = (callback, maps.pending) {
        // Kernel threads never return to user space: no user stack to wait for.
        let flags = l.b.load(Width::B4, Base::Reg(next), flags_off);
        l.b.push(Inst::JumpIf {
            cond: Cond::Set,
            lhs: flags,
            rhs: Operand::Imm(PF_KTHREAD | PF_USER_WORKER),
            target: run_now,
        });
        park(
            &mut l, pending, callback, kfunc, next, tid, rec, delta, ustack_now, run_now,
        )?;
    } else if let (true, Some(handoff)) = (want_ustack, maps.handoff) {
        hand_over(&mut l, handoff, actions, rec, run_now);
    } else if switch_out_stacks {
        // Taken when the thread left.
        let u = l.b.load(Width::B8, Base::Reg(slot), SLOT_SAVED1 as i16);
        l.b.push(Inst::Mov {
            dst: ustack_now,
            src: u,
        });
        l.b.push(Inst::Jump { target: run_now });
    } else {
        l.b.push(Inst::Jump { target: run_now });
    }
    l.b.push(Inst::Label(run_now));
    let rp = l.b.slot_addr(rec, 0);
    l.b.call_sub(actions, vec![rp, ustack_now]);
    l.b.push(Inst::Jump { target: end });

    // (The verifier refuses unreachable code: the short path exists only under a `min`.)
    if bounds(cx).0 > 0 {
        l.b.push(Inst::Label(short));
        l.add_short(slot, delta, |_| (tgid, (Base::Reg(next), comm_off)));
        l.b.push(Inst::Jump { target: end });
    }

    l.b.push(Inst::Label(stale));
    l.bump(super::SPANS_STALE);
    l.b.push(Inst::Jump { target: end });
    l.b.push(Inst::Label(unmatched));
    l.bump(super::SPANS_UNMATCHED);
    l.b.push(Inst::Label(end));
    let mut programs = vec![l.b.finish()];
    if let (true, Some(handoff)) = (want_ustack, maps.handoff) {
        programs.push(exit_tp_program(cx, &name, handoff, &fields)?);
    }
    Ok(programs)
}

/// A `tp_btf/sched_exit_tp` program named `name` with the statements' subprogram: the
/// builder, the subprogram's index, the context register and the exit label.
fn exit_tp_builder(
    cx: &Ctx<'_>,
    name: &str,
    fields: &[(&'static str, u32, u32)],
) -> Result<(Builder, u32, VReg, ir::Label), Diagnostic> {
    let mut b = Builder::new(
        name.to_string(),
        "tp_btf/sched_exit_tp".into(),
        AttachSpec::TpBtf {
            name: "sched_exit_tp".into(),
            btf_id: fact(cx, "tracepoint:sched_exit_tp")?[0],
        },
        0,
        cx.clause.span,
    );
    let actions = b.add_subprogram(actions_subprogram(cx, name, fields)?);
    let ctx = b.reg();
    b.push(Inst::Ctx { dst: ctx });
    let end = b.label();
    Ok((b, actions, ctx, end))
}

/// The one-hook design: a `tp_btf/sched_exit_tp` program, run at the end of every switch in
/// the thread switched in (`cur`). The thread that ran on this CPU before it, remembered here
/// by the previous firing, has just left: its span starts at this switch's time. `cur`'s own
/// span ends at that time, and its stacks are taken in its own context, exactly as it blocked.
fn exit_tp_only(
    cx: &Ctx<'_>,
    name: String,
    maps: &SpanMaps,
    last: MapId,
    fields: &[(&'static str, u32, u32)],
) -> Result<ir::Program, Diagnostic> {
    let off = |key: &str| -> Result<i16, Diagnostic> {
        match fact(cx, key)?[..] {
            [o] => off16(cx, o),
            _ => Err(internal(cx.clause.span, "a task_struct member offset")),
        }
    };
    let (pid_off, tgid_off, comm_off) = (
        off("task_struct:pid")?,
        off("task_struct:tgid")?,
        off("task_struct:comm")?,
    );
    let pcount_off = off("task_struct:sched_info.pcount")?;
    let clock_chain = fact(cx, "task_struct:se.cfs_rq->rq->clock")?;
    let (b, actions, ctx, end) = exit_tp_builder(cx, &name, fields)?;
    let mut l = Lowerer::new(cx, b, ctx, end);
    l.b.span(cx.clause.span);
    // sched_exit_tp(bool is_switch[, unsigned long ip]): no switch, nothing changed hands.
    let is_switch = l.b.load(Width::B1, Base::Reg(ctx), 0);
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: is_switch,
        rhs: Operand::Imm(0),
        target: end,
    });
    // One key slot for every lookup here: the stack is shared with the statements'
    // subprogram (512 bytes for both).
    let key = l.b.slot(4);
    let lookup = |l: &mut Lowerer<'_>, map: MapId, k: Operand, absent: ir::Label| {
        l.b.store(Width::B4, Base::Slot(key), 0, k);
        l.lookup(map, key, absent)
    };
    // Few values live across the lookups (each a call to the register allocator, though the
    // verifier inlines them): this runs at every context switch.
    let cur = l.b.call(helper(Helper::GetCurrentTaskBtf), vec![]);
    let tid = l.b.load(Width::B4, Base::Reg(cur), pid_off);
    let arrivals = l.b.load(Width::B8, Base::Reg(cur), pcount_off);
    // This switch's time: the runqueue's clock, which `__schedule` just updated (another CPU
    // may move it on by a wake-up since: then time moves from the thread that left to the one
    // that came, microseconds, and their sum stays). Not `sched_info.last_arrival`: the kernel
    // leaves it (and `pcount`) as they were when the arriving thread was never marked queued.
    let mut now = cur;
    for hop in &clock_chain {
        now = l.b.load(Width::B8, Base::Reg(now), off16(cx, *hop)?);
    }

    // --- `cur` is remembered on this CPU, unless it is the idle task or not traced (`keep`
    // is its tid, or 0). ---
    let here = lookup(&mut l, last, Operand::Imm(0), end);
    let prev_tid = l.b.load(Width::B4, Base::Reg(here), 0);
    let keep = l.b.copy(tid);
    if !matches!(cx.options.target, super::Target::All) {
        let forget = l.b.label();
        let noted = l.b.label();
        l.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: keep,
            rhs: Operand::Imm(0),
            target: noted,
        });
        let tgid = l.b.load(Width::B4, Base::Reg(cur), tgid_off);
        l.target_check(tgid, forget);
        l.b.push(Inst::Jump { target: noted });
        l.b.push(Inst::Label(forget));
        l.b.push(Inst::Const {
            dst: keep,
            value: 0,
        });
        l.b.push(Inst::Label(noted));
    }
    l.b.store(Width::B4, Base::Reg(here), 0, Operand::Reg(keep));

    // --- the thread that ran here before has left: its span starts now. ---
    let remembered = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: prev_tid,
        rhs: Operand::Imm(0),
        target: remembered,
    });
    let idx = l.b.copy(prev_tid);
    l.b.alu(AluOp::And, idx, Operand::Imm(maps.slots as i32 - 1));
    let pslot = lookup(&mut l, maps.spans, Operand::Reg(idx), remembered);
    l.claim_slot(pslot, prev_tid);
    l.b.store(
        Width::B8,
        Base::Reg(pslot),
        SLOT_TS as i16,
        Operand::Reg(now),
    );
    l.b.push(Inst::Label(remembered));
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: keep,
        rhs: Operand::Imm(0),
        target: end,
    });
    let tid = keep;

    // --- `cur` comes back: its span ends now. ---
    let idx = l.b.copy(tid);
    l.b.alu(AluOp::And, idx, Operand::Imm(maps.slots as i32 - 1));
    let slot = lookup(&mut l, maps.spans, Operand::Reg(idx), end);
    let unmatched = l.b.label();
    // A thread's first run (from `schedule_tail`) ends no span; a start left in its slot is
    // an earlier thread's with the same id. (Its arrivals, not its switch counts: those sit in
    // a cache line the scheduler did not just touch.)
    let ran = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Ne,
        lhs: arrivals,
        rhs: Operand::Imm(1),
        target: ran,
    });
    l.claim_slot(slot, tid);
    l.b.store(Width::B8, Base::Reg(slot), SLOT_TS as i16, Operand::Imm(0));
    l.b.push(Inst::Jump { target: end });
    l.b.push(Inst::Label(ran));
    let owner = l.b.load(Width::B4, Base::Reg(slot), SLOT_TID as i16);
    l.b.push(Inst::JumpIf {
        cond: Cond::Ne,
        lhs: owner,
        rhs: Operand::Reg(tid),
        target: unmatched,
    });
    let ts = l.b.load(Width::B8, Base::Reg(slot), SLOT_TS as i16);
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: ts,
        rhs: Operand::Imm(0),
        target: unmatched,
    });
    l.b.store(Width::B8, Base::Reg(slot), SLOT_TS as i16, Operand::Imm(0));
    let delta = l.span_delta(now, ts);

    // `cur` is not kept live past here (the short path would spill it): the paths that name
    // the thread ask for it again.
    let named = |l: &mut Lowerer<'_>| {
        let task = l.b.call(helper(Helper::GetCurrentTaskBtf), vec![]);
        let tgid = l.b.load(Width::B4, Base::Reg(task), tgid_off);
        (tgid, (Base::Reg(task), comm_off))
    };
    let filtered = cx.clause.filter.is_some();
    if filtered {
        l.bump(super::EVENTS_SEEN);
    }
    let short = l.b.label();
    // The record sits in this CPU's `last` value, after the remembered thread: on the stack
    // it would leave too little of the 512 bytes this program shares with the statements.
    let at = |field: u32| (LAST_REC + field) as i16;
    let build_record = |l: &mut Lowerer<'_>, here: VReg| {
        let (tgid, (comm_base, comm_at)) = named(l);
        for off in (0..REC_SIZE).step_by(8) {
            l.b.store(Width::B8, Base::Reg(here), at(off), Operand::Imm(0));
        }
        l.b.store(
            Width::B8,
            Base::Reg(here),
            at(REC_DELTA),
            Operand::Reg(delta),
        );
        l.b.store(Width::B4, Base::Reg(here), at(REC_TGID), Operand::Reg(tgid));
        l.b.store(Width::B4, Base::Reg(here), at(REC_TID), Operand::Reg(tid));
        for i in 0..2 {
            let w = l.b.load(Width::B8, comm_base, comm_at + 8 * i);
            l.b.store(
                Width::B8,
                Base::Reg(here),
                at(REC_COMM) + 8 * i,
                Operand::Reg(w),
            );
        }
    };
    // (`last` is looked up again past `min`: kept from the start, it would be one more value
    // live across every lookup of the short path.)
    let here = if filtered {
        let here = lookup(&mut l, last, Operand::Imm(0), end);
        build_record(&mut l, here);
        let rec_ptr = l.b.copy(here);
        l.b.alu(AluOp::Add, rec_ptr, Operand::Imm(LAST_REC as i32));
        l.ctx = rec_ptr;
        l.record = Some(Record {
            fields: fields.to_vec(),
            ustack: None,
        });
        l.span_filter(end)?;
        l.record = None;
        l.ctx = ctx;
        l.bump(super::EVENTS_KEPT);
        l.check_bounds(delta, short, end);
        here
    } else {
        // The short path (almost every switch) first, so that what only it reads is not kept
        // live, spilled, across the long one.
        let (min, max) = bounds(cx);
        if min > 0 {
            let long = l.b.label();
            let m = l.b.constant(min);
            l.b.push(Inst::JumpIf {
                cond: Cond::Ge,
                lhs: delta,
                rhs: Operand::Reg(m),
                target: long,
            });
            l.add_short(slot, delta, named);
            l.b.push(Inst::Jump { target: end });
            l.b.push(Inst::Label(long));
        }
        l.check_max(delta, end, max);
        l.add_losses(&[
            (super::EVENTS_SEEN, Operand::Imm(1)),
            (super::EVENTS_KEPT, Operand::Imm(1)),
        ]);
        let here = lookup(&mut l, last, Operand::Imm(0), end);
        build_record(&mut l, here);
        here
    };
    if uses_stack(cx, "kstack") {
        let k = l.capture_stack_of(None, false, cx.clause.span)?;
        l.b.store(Width::B8, Base::Reg(here), at(REC_KSTACK), Operand::Reg(k));
    }
    // The user stack is taken once, here: its walk's cache registers start here rather than
    // at the program's entry, where every switch would pay for them.
    if l.ustack.is_none() {
        let regs = (l.b.reg(), l.b.reg(), l.b.reg());
        for r in [regs.0, regs.1, regs.2] {
            l.b.push(Inst::Const { dst: r, value: 0 });
        }
        l.ustack = Some(regs);
    }
    let u = l.capture_stack_of(None, true, cx.clause.span)?;
    let rp = l.b.copy(here);
    l.b.alu(AluOp::Add, rp, Operand::Imm(LAST_REC as i32));
    l.b.call_sub(actions, vec![rp, u]);
    l.b.push(Inst::Jump { target: end });

    if filtered && bounds(cx).0 > 0 {
        l.b.push(Inst::Label(short));
        l.add_short(slot, delta, named);
        l.b.push(Inst::Jump { target: end });
    }
    l.b.push(Inst::Label(unmatched));
    l.bump(super::SPANS_UNMATCHED);
    l.b.push(Inst::Label(end));
    Ok(l.b.finish())
}

/// The switch-in design, in `sched_switch`: record `rec` waits in this CPU's hand-off slot for
/// `sched_exit_tp`, which fires next on this CPU, in the thread switched in. A record still
/// there (its `sched_exit_tp` never came) runs its statements first, its user stack marked.
fn hand_over(l: &mut Lowerer<'_>, handoff: MapId, actions: u32, rec: ir::Slot, run_now: ir::Label) {
    let end = l.end;
    let h = l.lookup_u32(handoff, Operand::Imm(0), run_now);
    let old = l.b.load(Width::B4, Base::Reg(h), REC_TID as i16);
    let empty = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: old,
        rhs: Operand::Imm(0),
        target: empty,
    });
    let marker = l.b.constant(USER_STACK_NO_SWITCH_IN as u64);
    l.b.call_sub(actions, vec![h, marker]);
    l.bump(super::USTACK_NO_SWITCH_IN);
    l.b.push(Inst::Label(empty));
    for off in (0..REC_SIZE).step_by(8) {
        let w = l.b.load(Width::B8, Base::Slot(rec), off as i16);
        l.b.store(Width::B8, Base::Reg(h), off as i16, Operand::Reg(w));
    }
    l.b.push(Inst::Jump { target: end });
}

/// The switch-in design's second program, on `sched_exit_tp` (the end of `__schedule()`, in
/// the thread just switched in): a record handed over by `sched_switch` on this CPU gets the
/// thread's own user stack, exactly as it was when it blocked, and its statements run.
fn exit_tp_program(
    cx: &Ctx<'_>,
    name: &str,
    handoff: MapId,
    fields: &[(&'static str, u32, u32)],
) -> Result<ir::Program, Diagnostic> {
    let exit_name = format!("{name}_x");
    let (b, actions, ctx, end) = exit_tp_builder(cx, &exit_name, fields)?;
    let mut l = Lowerer::new(cx, b, ctx, end);
    l.b.span(cx.clause.span);
    // Almost every switch ends here: nothing handed over.
    let h = l.lookup_u32(handoff, Operand::Imm(0), end);
    let owner = l.b.load(Width::B4, Base::Reg(h), REC_TID as i16);
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: owner,
        rhs: Operand::Imm(0),
        target: end,
    });
    let pt = l.pid_tgid();
    let tid = l.b.copy(pt);
    l.b.alu(AluOp::Lsh, tid, Operand::Imm(32));
    l.b.alu(AluOp::Rsh, tid, Operand::Imm(32));
    let u = l.b.constant(USER_STACK_NO_SWITCH_IN as u64);
    let run = l.b.label();
    let mine = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: owner,
        rhs: Operand::Reg(tid),
        target: mine,
    });
    // Another thread's record: its own switch-in was not followed by this tracepoint.
    l.bump(super::USTACK_NO_SWITCH_IN);
    l.b.push(Inst::Jump { target: run });
    l.b.push(Inst::Label(mine));
    let taken = l.capture_stack_of(None, true, cx.clause.span)?;
    l.b.push(Inst::Mov { dst: u, src: taken });
    l.b.push(Inst::Label(run));
    l.b.call_sub(actions, vec![h, u]);
    l.b.store(Width::B4, Base::Reg(h), REC_TID as i16, Operand::Imm(0));
    l.b.push(Inst::Label(end));
    Ok(l.b.finish())
}

/// Parks record `rec` of thread `tid` until its next return to user space, scheduling the
/// task work when the thread has none pending. Falls through to `run_now` (the statements run
/// at once with `ustack_now`, set to a marker) when that cannot be done.
#[allow(
    clippy::too_many_arguments,
    reason = "one call site, every value is its own"
)]
fn park(
    l: &mut Lowerer<'_>,
    (pending, zero): (MapId, MapId),
    callback: u32,
    kfunc: u32,
    next: VReg,
    tid: VReg,
    rec: ir::Slot,
    delta: VReg,
    ustack_now: VReg,
    run_now: ir::Label,
) -> Result<(), Diagnostic> {
    let end = l.end;
    let key = l.b.slot(4);
    l.b.store(Width::B4, Base::Slot(key), 0, Operand::Reg(tid));
    let m = l.b.map_ptr(pending);
    let k = l.b.slot_addr(key, 0);
    let p = l.b.call(helper(Helper::MapLookupElem), vec![m, k]);
    let have = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Ne,
        lhs: p,
        rhs: Operand::Imm(0),
        target: have,
    });
    // First block of this thread: a zeroed entry, copied from the zero map.
    let z = l.lookup_u32(zero, Operand::Imm(0), run_now);
    let m = l.b.map_ptr(pending);
    let k = l.b.slot_addr(key, 0);
    let flags = l.b.constant(0);
    l.b.push(Inst::Call {
        helper: helper(Helper::MapUpdateElem),
        args: vec![m, k, z, flags],
        dst: None,
    });
    let m = l.b.map_ptr(pending);
    let k = l.b.slot_addr(key, 0);
    let p2 = l.b.call(helper(Helper::MapLookupElem), vec![m, k]);
    l.b.push(Inst::Mov { dst: p, src: p2 });
    let found = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Ne,
        lhs: p,
        rhs: Operand::Imm(0),
        target: found,
    });
    l.bump(super::USTACK_NO_ROOM);
    l.b.push(Inst::Const {
        dst: ustack_now,
        value: USER_STACK_NO_ROOM as u64,
    });
    l.b.push(Inst::Jump { target: run_now });
    l.b.push(Inst::Label(found));
    l.b.push(Inst::Label(have));
    let n = l.b.load(Width::B8, Base::Reg(p), PEND_COUNT as i16);
    let room = l.b.label();
    l.b.push(Inst::JumpIf {
        cond: Cond::Lt,
        lhs: n,
        rhs: Operand::Imm(PENDING as i32),
        target: room,
    });
    // Full: the time joins the last parked record (same user stack: no return to user space
    // came between them), its kernel stack is that record's.
    let last = (PEND_RECORDS + (PENDING - 1) * REC_SIZE + REC_DELTA) as i16;
    let d = l.b.load(Width::B8, Base::Reg(p), last);
    l.b.alu(AluOp::Add, d, Operand::Reg(delta));
    l.b.store(Width::B8, Base::Reg(p), last, Operand::Reg(d));
    l.bump(super::USTACK_MERGED);
    l.b.push(Inst::Jump { target: end });
    l.b.push(Inst::Label(room));
    // rec → p->records[n]
    let at = l.b.copy(n);
    l.b.alu(AluOp::Mul, at, Operand::Imm(REC_SIZE as i32));
    let dst = l.b.copy(p);
    l.b.alu(AluOp::Add, dst, Operand::Reg(at));
    for off in (0..REC_SIZE).step_by(8) {
        let w = l.b.load(Width::B8, Base::Slot(rec), off as i16);
        l.b.store(
            Width::B8,
            Base::Reg(dst),
            (PEND_RECORDS + off) as i16,
            Operand::Reg(w),
        );
    }
    let n1 = l.b.copy(n);
    l.b.alu(AluOp::Add, n1, Operand::Imm(1));
    l.b.store(Width::B8, Base::Reg(p), PEND_COUNT as i16, Operand::Reg(n1));
    // Already scheduled for an earlier block: that run takes this record too.
    l.b.push(Inst::JumpIf {
        cond: Cond::Ne,
        lhs: n,
        rhs: Operand::Imm(0),
        target: end,
    });
    let map = l.b.map_ptr(pending);
    let cb = l.b.func_addr(callback);
    let aux = l.b.constant(0);
    let rc = l.b.kfunc(kfunc, vec![next, p, map, cb, aux]);
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: rc,
        rhs: Operand::Imm(0),
        target: end,
    });
    // Not scheduled (the thread is exiting, or the kernel refused): run it now, marked.
    l.b.store(Width::B8, Base::Reg(p), PEND_COUNT as i16, Operand::Imm(0));
    l.bump(super::TASK_WORK_FAILED);
    l.b.push(Inst::Const {
        dst: ustack_now,
        value: USER_STACK_UNSCHEDULED as u64,
    });
    Ok(())
}

/// A thread's last switch-out: records still parked for its user stack (its task work could
/// not run before it exited) run their statements now, with a marker for the user stack, so
/// that their time stays in the graph (`[lost: user stack, thread exited first]`).
fn flush_parked(l: &mut Lowerer<'_>, pending: MapId, actions: u32, tid: VReg) {
    let done = l.b.label();
    let p = l.lookup_u32(pending, Operand::Reg(tid), done);
    run_parked(l, p, actions, |l, _| l.b.constant(USER_STACK_EXITED as u64));
    l.b.push(Inst::Label(done));
}

/// Runs the statements for each record parked in pending value `p`, with the user stack
/// `ustack(record)` gives, then empties it.
fn run_parked(
    l: &mut Lowerer<'_>,
    p: VReg,
    actions: u32,
    mut ustack: impl FnMut(&mut Lowerer<'_>, VReg) -> VReg,
) {
    let n = l.b.load(Width::B8, Base::Reg(p), PEND_COUNT as i16);
    let done = l.b.label();
    for i in 0..PENDING {
        l.b.push(Inst::JumpIf {
            cond: Cond::Le,
            lhs: n,
            rhs: Operand::Imm(i as i32),
            target: done,
        });
        let rec = l.b.copy(p);
        l.b.alu(
            AluOp::Add,
            rec,
            Operand::Imm((PEND_RECORDS + i * REC_SIZE) as i32),
        );
        let u = ustack(l, rec);
        l.b.call_sub(actions, vec![rec, u]);
    }
    l.b.push(Inst::Label(done));
    l.b.store(Width::B8, Base::Reg(p), PEND_COUNT as i16, Operand::Imm(0));
}

/// The task-work callback `(map, key, value)`: runs in the thread on its way back to user
/// space; takes the user stack once and runs the statements for each parked record.
fn task_work_callback(cx: &Ctx<'_>, name: &str, actions: u32) -> Result<ir::Program, Diagnostic> {
    let mut b = Builder::new(
        format!("{name}_tw"),
        String::new(),
        AttachSpec::UserSpace(crate::artifact::UserSpaceWhen::End),
        0,
        cx.clause.span,
    );
    let value = b.param(2);
    let end = b.label();
    let mut l = Lowerer::new(cx, b, value, end);
    let task = l.b.call(helper(Helper::GetCurrentTaskBtf), vec![]);
    let ustack = l.capture_stack_of(Some(task), true, cx.clause.span)?;
    let regs = l.b.call(helper(Helper::TaskPtRegs), vec![task]);
    let sp_now = l.b.load(Width::B8, Base::Reg(regs), PT_REGS_SP);
    run_parked(&mut l, value, actions, |l, rec| {
        // The stack just taken is this record's only if the thread is back where it blocked.
        let u = l.b.copy(ustack);
        let same = l.b.label();
        let rec_sp = l.b.load(Width::B8, Base::Reg(rec), REC_USP as i16);
        l.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: rec_sp,
            rhs: Operand::Reg(sp_now),
            target: same,
        });
        l.b.push(Inst::Const {
            dst: u,
            value: USER_STACK_LATE as u64,
        });
        l.b.push(Inst::Label(same));
        u
    });
    l.b.push(Inst::Label(end));
    Ok(l.b.finish())
}

/// A syscall span (`futex`): the enter program notes the start, the exit program ends it in
/// the thread itself, where both stacks are at hand.
pub(super) fn lower_syscall(
    cx: &Ctx<'_>,
    ci: usize,
    k: usize,
    call: &SyscallCall,
    maps: &SpanMaps,
) -> Result<Vec<ir::Program>, Diagnostic> {
    let fields = record_fields(cx);
    let record_field = |name: &str| {
        cx.clause
            .resolved
            .records
            .iter()
            .filter(|l| l.name == name)
            .flat_map(|l| l.fields.iter())
            .cloned()
            .collect::<Vec<_>>()
    };
    let enter_fields = record_field(call.enter);
    let find = |f: &str| {
        enter_fields
            .iter()
            .find(|x| x.name == f)
            .cloned()
            .ok_or_else(|| internal(cx.clause.span, &format!("field `{f}` of {}", call.enter)))
    };

    // Enter: note the start (and the saved arguments) in the thread's slot.
    let mut enter_name = format!("fs_{ci}_{}", cx.clause.probe.name);
    enter_name.truncate(11);
    let exit_name = format!("{enter_name}_o{k}");
    let enter_name = format!("{enter_name}_i{k}");
    let mut b = Builder::new(
        enter_name,
        format!("tracepoint/syscalls/{}", call.enter),
        AttachSpec::Tracepoint {
            category: "syscalls".into(),
            name: call.enter.into(),
        },
        ci,
        cx.clause.span,
    );
    let ctx = b.reg();
    b.push(Inst::Ctx { dst: ctx });
    let end = b.label();
    let mut l = Lowerer::new(cx, b, ctx, end);
    l.target_filter()?;
    if let Some((field, mask, cmds)) = call.only {
        let f = find(field)?;
        let op = l.b.load(
            Width::for_size(f.size).ok_or_else(|| internal(cx.clause.span, "op size"))?,
            Base::Reg(ctx),
            f.offset as i16,
        );
        l.b.alu(AluOp::And, op, Operand::Imm(mask as i32));
        l.b.push(Inst::JumpIf {
            cond: Cond::Gt,
            lhs: op,
            rhs: Operand::Imm(31),
            target: end,
        });
        let bit = l.b.constant(u64::from(cmds));
        l.b.alu(AluOp::Rsh, bit, Operand::Reg(op));
        l.b.alu(AluOp::And, bit, Operand::Imm(1));
        l.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: bit,
            rhs: Operand::Imm(0),
            target: end,
        });
    }
    let pt = l.pid_tgid();
    let tid = l.b.copy(pt);
    l.b.alu(AluOp::Lsh, tid, Operand::Imm(32));
    l.b.alu(AluOp::Rsh, tid, Operand::Imm(32));
    let slot = l.span_slot(maps.spans, maps.slots, tid, end);
    l.claim_slot(slot, tid);
    for (i, (_, saved)) in call.saved.iter().enumerate() {
        let v = match saved {
            Saved::Const(c) => l.b.constant(*c),
            Saved::Field(f) => {
                let f = find(f)?;
                l.record_load(&f, cx.clause.span)?
            }
        };
        l.b.store(
            Width::B8,
            Base::Reg(slot),
            (SLOT_SAVED0 + 8 * i as u32) as i16,
            Operand::Reg(v),
        );
    }
    let now = l.b.call(helper(Helper::KtimeGetNs), vec![]);
    l.b.store(
        Width::B8,
        Base::Reg(slot),
        SLOT_TS as i16,
        Operand::Reg(now),
    );
    let t = l.tgid();
    l.b.store(
        Width::B4,
        Base::Reg(slot),
        SLOT_TGID as i16,
        Operand::Reg(t),
    );
    l.b.push(Inst::Label(end));
    let enter = l.b.finish();

    // Exit: the span ends in the thread.
    let mut b = Builder::new(
        exit_name.clone(),
        format!("tracepoint/syscalls/{}", call.exit),
        AttachSpec::Tracepoint {
            category: "syscalls".into(),
            name: call.exit.into(),
        },
        ci,
        cx.clause.span,
    );
    let actions = b.add_subprogram(actions_subprogram(cx, &exit_name, &fields)?);
    let ctx = b.reg();
    b.push(Inst::Ctx { dst: ctx });
    let end = b.label();
    let mut l = Lowerer::new(cx, b, ctx, end);
    l.target_filter()?;
    let pt = l.pid_tgid();
    let tid = l.b.copy(pt);
    l.b.alu(AluOp::Lsh, tid, Operand::Imm(32));
    l.b.alu(AluOp::Rsh, tid, Operand::Imm(32));
    let slot = l.span_slot(maps.spans, maps.slots, tid, end);
    let owner = l.b.load(Width::B4, Base::Reg(slot), SLOT_TID as i16);
    l.b.push(Inst::JumpIf {
        cond: Cond::Ne,
        lhs: owner,
        rhs: Operand::Reg(tid),
        target: end,
    });
    let ts = l.b.load(Width::B8, Base::Reg(slot), SLOT_TS as i16);
    // No start: a call this probe does not time (a wake), or one begun before attach.
    l.b.push(Inst::JumpIf {
        cond: Cond::Eq,
        lhs: ts,
        rhs: Operand::Imm(0),
        target: end,
    });
    l.b.store(Width::B8, Base::Reg(slot), SLOT_TS as i16, Operand::Imm(0));
    let now = l.b.call(helper(Helper::KtimeGetNs), vec![]);
    let delta = l.b.copy(now);
    l.b.alu(AluOp::Sub, delta, Operand::Reg(ts));
    l.bump(super::EVENTS_SEEN);
    let rec = l.b.slot(REC_SIZE);
    l.b.zero_slot(rec);
    l.b.store(
        Width::B8,
        Base::Slot(rec),
        REC_DELTA as i16,
        Operand::Reg(delta),
    );
    for i in 0..call.saved.len().min(2) as u32 {
        let v =
            l.b.load(Width::B8, Base::Reg(slot), (SLOT_SAVED0 + 8 * i) as i16);
        l.b.store(
            Width::B8,
            Base::Slot(rec),
            (REC_SAVED0 + 8 * i) as i16,
            Operand::Reg(v),
        );
    }
    let tgid = l.tgid();
    l.b.store(
        Width::B4,
        Base::Slot(rec),
        REC_TGID as i16,
        Operand::Reg(tgid),
    );
    l.b.store(
        Width::B4,
        Base::Slot(rec),
        REC_TID as i16,
        Operand::Reg(tid),
    );
    let c = l.b.slot_addr(rec, REC_COMM as i16);
    let sixteen = l.b.constant(16);
    l.b.push(Inst::Call {
        helper: helper(Helper::GetCurrentComm),
        args: vec![c, sixteen],
        dst: None,
    });
    let rec_ptr = l.b.slot_addr(rec, 0);
    l.ctx = rec_ptr;
    l.record = Some(Record {
        fields: fields.clone(),
        ustack: None,
    });
    l.span_filter(end)?;
    l.record = None;
    l.ctx = ctx;
    l.bump(super::EVENTS_KEPT);
    let short = l.b.label();
    l.check_bounds(delta, short, end);
    if uses_stack(cx, "kstack") {
        let k = l.capture_stack_of(None, false, cx.clause.span)?;
        l.b.store(
            Width::B8,
            Base::Slot(rec),
            REC_KSTACK as i16,
            Operand::Reg(k),
        );
    }
    let ustack = if uses_stack(cx, "ustack") {
        l.capture_stack_of(None, true, cx.clause.span)?
    } else {
        l.b.constant(NO_USER_STACK as u64)
    };
    let rp = l.b.slot_addr(rec, 0);
    l.b.call_sub(actions, vec![rp, ustack]);
    l.b.push(Inst::Jump { target: end });
    if bounds(cx).0 > 0 {
        l.b.push(Inst::Label(short));
        l.add_short(slot, delta, |_| (tgid, (Base::Slot(rec), REC_COMM as i16)));
    }
    l.b.push(Inst::Label(end));
    Ok(vec![enter, l.b.finish()])
}
