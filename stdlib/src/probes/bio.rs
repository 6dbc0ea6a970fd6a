//! `bio`: who issues block I/O, and how much.
//!
//! Fires when a block request is issued to the device driver (`block:block_rq_issue`), in the
//! context of the task that issued it (often the writer itself for direct I/O, a kernel worker
//! for writeback). Summing `bytes` by stack shows which code paths move the data. Under
//! `-c`/`-p`, requests a kernel worker issued are outside the target (the worker cannot say
//! for whom): the loss report counts them and their bytes.
//!
//! Builtins: `bytes` (size, bytes): the request's size; `sector` (integer): its first sector;
//! `dev` (integer): the device number (major << 20 | minor); `rwbs` (string): the request kind
//! as blktrace writes it (`R`, `W`, `WS`, `RA`, `F`, …; 10 bytes on Linux 6.18); and the common
//! ones (`pid tid comm cpu nsecs cgroup kstack ustack`).
//!
//! Modifiers: none.
//!
//! Example: `bio < @[comm, kstack] = sum(bytes) >`

use compiler::artifact::AttachSpec;
use compiler::catalog::{
    BuiltinSource, BuiltinSpec, Env, Hook, ModifierValue, Probe, ProgramKind, ResolveError,
    Resolved,
};
use compiler::types::{Type, Unit};

pub(crate) struct Bio;

impl Probe for Bio {
    fn name(&self) -> &'static str {
        "bio"
    }

    fn count_name(&self) -> &'static str {
        "requests"
    }
    fn summary(&self) -> &'static str {
        "block I/O requests as they are issued to the device (block:block_rq_issue)"
    }
    fn example(&self) -> &'static str {
        "bio < @[comm, kstack] = sum(bytes) >"
    }
    fn kind(&self) -> ProgramKind {
        ProgramKind::Tracepoint
    }
    fn builtins(&self) -> &'static [BuiltinSpec] {
        &[
            BuiltinSpec {
                name: "bytes",
                ty: Type::Int(Unit::BYTES),
                doc: "size of the request",
            },
            BuiltinSpec {
                name: "sector",
                ty: Type::PLAIN,
                doc: "first sector of the request",
            },
            BuiltinSpec {
                name: "dev",
                ty: Type::PLAIN,
                doc: "device number (major << 20 | minor)",
            },
            BuiltinSpec {
                name: "rwbs",
                ty: Type::Str { len: 10 },
                doc: "request kind as blktrace writes it: R, W, WS, RA, F, …",
            },
        ]
    }
    fn resolve(&self, _parts: &[&str], env: &dyn Env) -> Result<Resolved, ResolveError> {
        let mut resolved = super::with_records(self.name(), env, &[("block", "block_rq_issue")])?;
        // To tell a kernel worker (PF_KTHREAD) from a process outside -c/-p (`worker_weight`).
        if let Ok(chain) = env.btf_member_chain("task_struct", "flags") {
            resolved.facts.insert("task_struct:flags".into(), chain);
        }
        Ok(resolved)
    }

    fn worker_weight(&self) -> Option<usize> {
        self.builtins().iter().position(|b| b.name == "bytes")
    }

    fn hooks(&self, _parts: &[String], _modifiers: &[ModifierValue]) -> Vec<Hook> {
        vec![Hook {
            section: "tracepoint/block/block_rq_issue".into(),
            attach: AttachSpec::Tracepoint {
                category: "block".into(),
                name: "block_rq_issue".into(),
            },
        }]
    }
    fn builtin_source(&self, index: usize) -> BuiltinSource {
        // The record's own field names, at the offsets this kernel's format gives.
        match self.builtins().get(index) {
            Some(b) => BuiltinSource::TracepointField(b.name),
            None => BuiltinSource::Unsupported,
        }
    }
}
