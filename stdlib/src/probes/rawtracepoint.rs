//! `rawtracepoint:NAME` (alias `rawtp`): a kernel tracepoint's arguments, as the kernel hands
//! them to its handlers.
//!
//! A BTF-typed raw tracepoint (`tp_btf`): the program runs before any tracefs record is built,
//! which costs less than `tracepoint:`, and it exists for tracepoints that have no tracefs
//! event at all (`sched_exit_tp`). Needs the kernel's BTF (`/sys/kernel/btf/vmlinux`). The
//! arguments are read as `arg0`…`arg5`, 64-bit values in the tracepoint's order (a pointer is
//! its address); a tracepoint's own prototype says how many it takes (`include/trace/events/`,
//! or `bpftool btf dump file /sys/kernel/btf/vmlinux | grep btf_trace_NAME`).
//!
//! Builtins: `arg0`…`arg5` (integer), as many as the tracepoint passes; and the common ones
//! (`pid tid comm cpu nsecs cgroup kstack ustack`).
//!
//! Modifiers: none.
//!
//! Example: `rawtracepoint:sched_process_exec < @[comm] = count() >`

use compiler::artifact::AttachSpec;
use compiler::catalog::{
    BuiltinSource, BuiltinSpec, Env, Hook, ModifierValue, Probe, ProgramKind, ResolveError,
    Resolved,
};
use compiler::types::Type;

pub(crate) struct RawTracepoint;

/// `arg0`…`arg5`: the most a tracepoint passes in practice, and what bpftrace offers.
const ARGS: &[BuiltinSpec] = &[
    BuiltinSpec {
        name: "arg0",
        ty: Type::PLAIN,
        doc: "the tracepoint's first argument, as a 64-bit value",
    },
    BuiltinSpec {
        name: "arg1",
        ty: Type::PLAIN,
        doc: "its second argument",
    },
    BuiltinSpec {
        name: "arg2",
        ty: Type::PLAIN,
        doc: "its third argument",
    },
    BuiltinSpec {
        name: "arg3",
        ty: Type::PLAIN,
        doc: "its fourth argument",
    },
    BuiltinSpec {
        name: "arg4",
        ty: Type::PLAIN,
        doc: "its fifth argument",
    },
    BuiltinSpec {
        name: "arg5",
        ty: Type::PLAIN,
        doc: "its sixth argument",
    },
];

impl Probe for RawTracepoint {
    fn name(&self) -> &'static str {
        "rawtracepoint"
    }
    fn aliases(&self) -> &'static [&'static str] {
        &["rawtp"]
    }
    fn summary(&self) -> &'static str {
        "any kernel tracepoint as a BTF-typed raw tracepoint, its arguments as `arg0`…`arg5`"
    }
    fn example(&self) -> &'static str {
        "rawtracepoint:sched_process_exec < @[comm] = count() >"
    }
    fn kind(&self) -> ProgramKind {
        ProgramKind::TpBtf
    }
    fn parts(&self) -> &'static [&'static str] {
        &["name"]
    }
    fn builtins(&self) -> &'static [BuiltinSpec] {
        ARGS
    }
    fn resolve(&self, parts: &[&str], env: &dyn Env) -> Result<Resolved, ResolveError> {
        let [name] = parts else {
            // sema checks the number of parts before it resolves.
            return Err(ResolveError {
                part: None,
                message: "a raw tracepoint is written `rawtracepoint:NAME`".into(),
                label: "expected a tracepoint's name".into(),
                help: Some("e.g. `rawtracepoint:sched_process_exec`".into()),
            });
        };
        match env.btf_tracepoint(name) {
            Ok((id, args)) => {
                let mut resolved = Resolved::default();
                // The attach point, and how many arguments the context holds (reading past
                // them is refused with the tracepoint's count, not by the verifier).
                resolved
                    .facts
                    .insert(format!("tracepoint:{name}"), vec![id, args as u32]);
                resolved.facts.insert("ctx:args".into(), vec![args as u32]);
                Ok(resolved)
            }
            Err(e) => {
                // A tracefs tracepoint of that name exists: say so, it is the likelier typo.
                let known = env.tracepoints().iter().any(|(_, n)| n == name);
                let why = match e {
                    compiler::catalog::EnvError::Unavailable(why) => why,
                    compiler::catalog::EnvError::UnknownTracepoint { .. } => {
                        format!("this kernel has no BTF tracepoint `{name}`")
                    }
                };
                Err(ResolveError {
                    part: Some(0),
                    message: format!("no raw tracepoint `{name}` here"),
                    label: why,
                    help: Some(if known {
                        format!(
                            "the kernel has a tracepoint `{name}` but no BTF for it (is \
                             /sys/kernel/btf/vmlinux there?); `tracepoint:CATEGORY:{name}` \
                             reads it through tracefs"
                        )
                    } else {
                        "list tracepoints with `flamescript -l '*:*'`".into()
                    }),
                })
            }
        }
    }
    fn hooks(&self, parts: &[String], _modifiers: &[ModifierValue]) -> Vec<Hook> {
        let [name] = parts else {
            return Vec::new();
        };
        vec![Hook {
            section: format!("tp_btf/{name}"),
            // The BTF id is the resolved fact `tracepoint:NAME`, filled in when lowering.
            attach: AttachSpec::TpBtf {
                name: name.clone(),
                btf_id: 0,
            },
        }]
    }
    fn builtin_source(&self, index: usize) -> BuiltinSource {
        match index {
            i if i < ARGS.len() => BuiltinSource::Ctx {
                offset: 8 * i as u32,
                size: 8,
            },
            _ => BuiltinSource::Unsupported,
        }
    }
}
