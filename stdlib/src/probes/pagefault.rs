//! `pagefault`: which code touches memory that is not mapped in yet.
//!
//! Fires on every page fault (`exceptions:page_fault_user` and `exceptions:page_fault_kernel`),
//! in the context of the faulting task. Counting by user stack shows the code that first touches
//! new memory (allocations, memory-mapped files, copy-on-write after `fork`).
//!
//! Builtins: `address` (integer): the faulting address; `ip` (integer): the instruction that
//! faulted; `error_code` (integer): the x86 page-fault error code (bit 1 write, bit 2 user mode,
//! bit 4 instruction fetch); and the common ones (`pid tid comm cpu nsecs cgroup kstack ustack`).
//!
//! Modifiers: `user`: only faults taken in user mode; `kernel`: only faults taken in kernel mode
//! (e.g. in `copy_from_user`). They exclude each other; with neither, both kinds are counted.
//!
//! Example: `pagefault user < @[ustack] = count() >`

use compiler::artifact::AttachSpec;
use compiler::catalog::{
    BuiltinSource, BuiltinSpec, Env, Hook, ModifierArg, ModifierSpec, ModifierValue, Probe,
    ProgramKind, ResolveError, Resolved,
};
use compiler::types::Type;

pub(crate) struct Pagefault;

impl Probe for Pagefault {
    fn name(&self) -> &'static str {
        "pagefault"
    }

    fn count_name(&self) -> &'static str {
        "faults"
    }

    fn sampled(&self) -> bool {
        true
    }
    fn summary(&self) -> &'static str {
        "page faults, user and/or kernel mode (exceptions:page_fault_*)"
    }
    fn example(&self) -> &'static str {
        "pagefault user < @[ustack] = count() >"
    }
    fn kind(&self) -> ProgramKind {
        ProgramKind::Tracepoint
    }
    fn builtins(&self) -> &'static [BuiltinSpec] {
        &[
            BuiltinSpec {
                name: "address",
                ty: Type::PLAIN,
                doc: "the faulting address",
            },
            BuiltinSpec {
                name: "ip",
                ty: Type::PLAIN,
                doc: "address of the faulting instruction",
            },
            BuiltinSpec {
                name: "error_code",
                ty: Type::PLAIN,
                doc: "x86 page-fault error code",
            },
        ]
    }
    fn modifiers(&self) -> &'static [ModifierSpec] {
        &[
            ModifierSpec {
                name: "user",
                arg: ModifierArg::None,
                doc: "only faults taken in user mode (exceptions:page_fault_user)",
                group: "mode",
                default: None,
            },
            ModifierSpec {
                name: "kernel",
                arg: ModifierArg::None,
                doc: "only faults taken in kernel mode (exceptions:page_fault_kernel)",
                group: "mode",
                default: None,
            },
        ]
    }
    fn resolve(&self, _parts: &[&str], env: &dyn Env) -> Result<Resolved, ResolveError> {
        // Both, whatever the modifiers: `user`/`kernel` pick one when the clause is lowered.
        let records = [
            ("exceptions", "page_fault_user"),
            ("exceptions", "page_fault_kernel"),
        ];
        super::with_records(self.name(), env, &records)
    }

    fn hooks(&self, _parts: &[String], modifiers: &[ModifierValue]) -> Vec<Hook> {
        let has = |name: &str| modifiers.iter().any(|m| m.name == name);
        let (user, kernel) = match (has("user"), has("kernel")) {
            (false, false) => (true, true),
            other => other,
        };
        let hook = |name: &str| Hook {
            section: format!("tracepoint/exceptions/{name}"),
            attach: AttachSpec::Tracepoint {
                category: "exceptions".into(),
                name: name.into(),
            },
        };
        let mut hooks = Vec::new();
        if user {
            hooks.push(hook("page_fault_user"));
        }
        if kernel {
            hooks.push(hook("page_fault_kernel"));
        }
        hooks
    }
    fn builtin_source(&self, index: usize) -> BuiltinSource {
        // Both tracepoints share one record layout (the `x86_exceptions` event class).
        match self.builtins().get(index) {
            Some(b) => BuiltinSource::TracepointField(b.name),
            None => BuiltinSource::Unsupported,
        }
    }
}
