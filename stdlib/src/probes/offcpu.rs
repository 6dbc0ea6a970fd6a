//! `offcpu`: where threads wait, and for how long.
//!
//! Hooks the scheduler (BTF-typed tracepoints). When a thread is switched out its time is
//! noted; when it is switched back in, the block runs for that thread with `delta`, the time it
//! spent off the CPU, and its kernel and user stacks as they were when it blocked. `min` and
//! `max` are checked in the kernel before any stack is taken, so short waits cost almost
//! nothing.
//!
//! The design (`--offcpu-design`, named in the loss report) follows the running kernel: where it
//! has `sched_exit_tp` (6.17+), that one hook at the end of every switch (`exit-tp`; with
//! `sched_switch` too when the clause reads `state`: `switch-in`); elsewhere `sched_switch`,
//! with the user stack taken at every switch-out (`switch-out`), or by task work where the
//! kernel accepts it (`task-work`).
//!
//! Builtins: `delta` (duration, ns): time off the CPU; `state` (integer): the thread's state when
//! it left the CPU, as `ps` shows it (0 preempted while runnable, 1 sleeping, 2 uninterruptible
//! (disk), 4 stopped, 8 traced, 128 an idle kernel thread); and the common ones (`pid tid comm
//! cpu nsecs kstack ustack`), which describe the thread that waited.
//!
//! Modifiers: `min D`: only waits of at least D; `max D`: only waits of at most D. Both
//! durations, 0 to 1 hour.
//!
//! Example: `offcpu min 1ms < @[kstack, ustack] = sum(delta) >`

use compiler::catalog::{
    BuiltinSpec, Env, ModifierArg, ModifierSpec, ModifierValue, Probe, ProgramKind, ResolveError,
    Resolved, Shape,
};
use compiler::types::{Type, Unit};

pub(crate) struct Offcpu;

/// One hour in nanoseconds: a longer bound is almost certainly a typo.
pub(crate) const HOUR_NS: u64 = 3_600_000_000_000;

impl Probe for Offcpu {
    fn name(&self) -> &'static str {
        "offcpu"
    }

    fn count_name(&self) -> &'static str {
        "blocks"
    }
    fn summary(&self) -> &'static str {
        "time threads spend off-CPU (blocked or preempted), from sched_switch"
    }
    fn example(&self) -> &'static str {
        "offcpu min 1ms < @[kstack, ustack] = sum(delta) >"
    }
    fn kind(&self) -> ProgramKind {
        ProgramKind::TpBtf
    }
    fn builtins(&self) -> &'static [BuiltinSpec] {
        &[
            BuiltinSpec {
                name: "delta",
                ty: Type::Int(Unit::NS),
                doc: "time spent off the CPU",
            },
            BuiltinSpec {
                name: "state",
                ty: Type::PLAIN,
                doc: "task state at switch-out, as ps shows it (0 runnable, 1 sleeping, 2 uninterruptible, 128 idle kernel thread)",
            },
        ]
    }
    fn modifiers(&self) -> &'static [ModifierSpec] {
        &[
            ModifierSpec {
                name: "min",
                arg: ModifierArg::Duration {
                    min: 0,
                    max: HOUR_NS,
                },
                doc: "only waits of at least D (`delta >= D`, checked in the kernel)",
                group: "",
                default: None,
            },
            ModifierSpec {
                name: "max",
                arg: ModifierArg::Duration {
                    min: 0,
                    max: HOUR_NS,
                },
                doc: "only waits of at most D (`delta <= D`, checked in the kernel)",
                group: "",
                default: None,
            },
        ]
    }
    fn shape(&self) -> Shape {
        Shape::OffCpu
    }
    fn resolve(&self, _parts: &[&str], env: &dyn Env) -> Result<Resolved, ResolveError> {
        Ok(Resolved {
            args: None,
            records: Vec::new(),
            facts: compiler::lower::span::resolve_offcpu(env)?,
        })
    }
    fn kernel_note(&self, env: &dyn Env) -> Option<String> {
        use compiler::lower::span::{offcpu_design, resolve_offcpu};
        let facts = resolve_offcpu(env).ok()?;
        let options = compiler::lower::Options::default();
        let design =
            offcpu_design(&facts, &options, false, compiler::diag::Span::default()).ok()?;
        Some(format!("on this kernel: {}", design.describe()))
    }
    fn check_modifiers(&self, modifiers: &[ModifierValue]) -> Result<(), ResolveError> {
        let get = |name| modifiers.iter().find(|m| m.name == name).map(|m| m.value);
        match (get("min"), get("max")) {
            (Some(min), Some(max)) if min > max => Err(ResolveError {
                part: None,
                message: format!("`min {}` is above `max {}`", duration(min), duration(max)),
                label: format!(
                    "no wait is at least {} and at most {}",
                    duration(min),
                    duration(max)
                ),
                help: Some("swap the two values, or drop one of them".into()),
            }),
            _ => Ok(()),
        }
    }
}

/// Nanoseconds written back as a script writes them, in the largest exact unit.
fn duration(ns: u64) -> String {
    for (scale, unit) in [(1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "us")] {
        if ns != 0 && ns.is_multiple_of(scale) {
            return format!("{}{unit}", ns / scale);
        }
    }
    format!("{ns}ns")
}
