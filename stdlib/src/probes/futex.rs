//! `futex`: where threads wait on locks and condition variables.
//!
//! Times each waiting `futex(2)` call (`FUTEX_WAIT`, `FUTEX_WAIT_BITSET`, `FUTEX_LOCK_PI`,
//! `FUTEX_LOCK_PI2`, `FUTEX_WAIT_REQUEUE_PI`) and each `futex_waitv(2)` (5.16+) from its
//! `syscalls:sys_enter_*` to its `sys_exit_*` tracepoint, in the calling thread; wakes and the
//! other operations are not counted. The block runs at the exit with the wait in `delta` and the
//! stacks of the thread that waited. Mutexes, condition variables and most user-space locks end
//! up here when contended. Waits shorter than `min` are summed per thread without stacks and
//! shown as one `[blocks < MIN]` frame, so the total stays the whole time spent waiting.
//!
//! Builtins: `delta` (duration, ns): time inside the call; `uaddr` (integer): the futex word's
//! address, which tells one lock from another; `op` (integer): the futex operation
//! (`FUTEX_WAIT` = 0, `FUTEX_LOCK_PI` = 6, `FUTEX_WAIT_BITSET` = 9, …, with the private flag
//! 128; `futex_waitv` waits report 65536 and the address of their waiter array); and the
//! common ones (`pid tid comm cpu nsecs kstack ustack`).
//!
//! Modifiers: `min D`: only calls that took at least D (0 to 1 hour), checked in the kernel.
//!
//! Example: `futex min 100us < @[ustack] = sum(delta) >`

use compiler::catalog::{
    BuiltinSpec, Env, ModifierArg, ModifierSpec, Probe, ProgramKind, ResolveError, Resolved, Saved,
    Shape, SyscallCall, SyscallSpan,
};

/// The futex commands that wait: WAIT 0, LOCK_PI 6, WAIT_BITSET 9, WAIT_REQUEUE_PI 11,
/// LOCK_PI2 13 (`op & FUTEX_CMD_MASK`; the private and realtime flags are above 0x7f).
const WAIT_CMDS: u32 = 1 | 1 << 6 | 1 << 9 | 1 << 11 | 1 << 13;
/// The `op` a `futex_waitv` wait reports (it has none).
const WAITV_OP: u64 = 0x1_0000;
use compiler::types::{Type, Unit};

use super::offcpu::HOUR_NS;

pub(crate) struct Futex;

impl Probe for Futex {
    fn name(&self) -> &'static str {
        "futex"
    }

    fn count_name(&self) -> &'static str {
        "waits"
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
        let mut r = super::with_records(self.name(), env, &records)?;
        // `futex_waitv(2)` came in 5.16: on older kernels (5.10, 5.15, RHEL 9's 5.14) there is
        // nothing of it to time, and its calls are left out (the lowering times the calls whose
        // records were found).
        let waitv = [
            ("syscalls", "sys_enter_futex_waitv"),
            ("syscalls", "sys_exit_futex_waitv"),
        ];
        if waitv.iter().all(|(c, n)| env.tracepoint(c, n).is_ok()) {
            r.records
                .extend(super::with_records(self.name(), env, &waitv)?.records);
        }
        r.facts.insert("pid_max".into(), vec![env.pid_max()]);
        Ok(r)
    }
    fn kernel_note(&self, env: &dyn Env) -> Option<String> {
        env.tracepoint("syscalls", "sys_enter_futex_waitv")
            .is_err()
            .then(|| "this kernel has no futex_waitv(2) (5.16+): futex(2) waits only".into())
    }
    fn shape(&self) -> Shape {
        Shape::Syscall(SyscallSpan {
            calls: vec![
                SyscallCall {
                    enter: "sys_enter_futex",
                    exit: "sys_exit_futex",
                    saved: vec![(1, Saved::Field("uaddr")), (2, Saved::Field("op"))],
                    only: Some(("op", 0x7f, WAIT_CMDS)),
                },
                SyscallCall {
                    enter: "sys_enter_futex_waitv",
                    exit: "sys_exit_futex_waitv",
                    saved: vec![(1, Saved::Field("waiters")), (2, Saved::Const(WAITV_OP))],
                    only: None,
                },
            ],
        })
    }
}
