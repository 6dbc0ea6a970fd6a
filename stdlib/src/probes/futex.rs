//! `futex`: where threads wait on locks and condition variables.
//!
//! Times each `futex(2)` call from `syscalls:sys_enter_futex` to `sys_exit_futex` in the calling
//! thread; the block runs at the exit with the wait in `delta` and the stacks of the thread that
//! waited. Mutexes, condition variables and most user-space locks end up here when contended.
//!
//! Builtins: `delta` (duration, ns): time inside the call; `uaddr` (integer): the futex word's
//! address, which tells one lock from another; `op` (integer): the futex operation
//! (`FUTEX_WAIT` = 0, `FUTEX_WAKE` = 1, …, with the private flag 128); and the common ones
//! (`pid tid comm cpu nsecs cgroup kstack ustack`).
//!
//! Modifiers: `min D`: only calls that took at least D (0 to 1 hour), checked in the kernel.
//!
//! Example: `futex min 100us < @[ustack] = sum(delta) >`

use compiler::catalog::{
    BuiltinSpec, Env, ModifierArg, ModifierSpec, Probe, ProgramKind, ResolveError, Resolved,
};
use compiler::types::{Type, Unit};

use super::offcpu::HOUR_NS;

pub(crate) struct Futex;

impl Probe for Futex {
    fn name(&self) -> &'static str {
        "futex"
    }
    fn summary(&self) -> &'static str {
        "time threads spend in futex(2) waits (contended locks), from the futex syscalls"
    }
    fn example(&self) -> &'static str {
        "futex min 100us < @[ustack] = sum(delta) >"
    }
    fn kind(&self) -> ProgramKind {
        ProgramKind::Tracepoint
    }
    fn builtins(&self) -> &'static [BuiltinSpec] {
        &[
            BuiltinSpec {
                name: "delta",
                ty: Type::Int(Unit::NS),
                doc: "time inside the futex call",
            },
            BuiltinSpec {
                name: "uaddr",
                ty: Type::PLAIN,
                doc: "address of the futex word",
            },
            BuiltinSpec {
                name: "op",
                ty: Type::PLAIN,
                doc: "futex operation (0 wait, 1 wake, …)",
            },
        ]
    }
    fn modifiers(&self) -> &'static [ModifierSpec] {
        &[ModifierSpec {
            name: "min",
            arg: ModifierArg::Duration {
                min: 0,
                max: HOUR_NS,
            },
            doc: "only calls of at least D (`delta >= D`, checked in the kernel)",
            group: "",
            default: None,
        }]
    }
    fn resolve(&self, _parts: &[&str], env: &dyn Env) -> Result<Resolved, ResolveError> {
        let records = [
            ("syscalls", "sys_enter_futex"),
            ("syscalls", "sys_exit_futex"),
        ];
        super::with_records(self.name(), env, &records)
    }
}
