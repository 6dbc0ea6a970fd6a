//! Loading and attaching one program, by attach kind: one file per kind.
//!
//! `session` decides *when*; these files know *how* for their kind. Links are owned by aya's
//! program objects inside the `Ebpf`, so they detach when the session drops.

pub(crate) mod direct;
mod perf_event;
mod tp_btf;
mod tracepoint;

use aya::programs::ProgramError;
use aya::{Btf, Ebpf};
use compiler::artifact::{AttachSpec, ProgramSpec};

use crate::error::RuntimeError;

pub(crate) fn load_program(
    ebpf: &mut Ebpf,
    spec: &ProgramSpec,
    btf: Option<&Btf>,
) -> Result<(), ProgramError> {
    let prog = ebpf
        .program_mut(&spec.name)
        .ok_or(ProgramError::UnexpectedProgramType)?;
    match &spec.attach {
        AttachSpec::PerfEvent { .. } => perf_event::load(prog),
        AttachSpec::Tracepoint { .. } => tracepoint::load(prog),
        AttachSpec::TpBtf { name, .. } => tp_btf::load(prog, name, btf),
        AttachSpec::UserSpace(_) => Ok(()),
    }
}

pub(crate) fn attach_program(ebpf: &mut Ebpf, spec: &ProgramSpec) -> Result<(), RuntimeError> {
    let Some(prog) = ebpf.program_mut(&spec.name) else {
        return Err(attach_error(
            spec,
            "the program is missing from the object".into(),
        ));
    };
    let res = match &spec.attach {
        AttachSpec::PerfEvent { event, sample } => perf_event::attach(prog, *event, *sample),
        AttachSpec::Tracepoint { category, name } => tracepoint::attach(prog, category, name),
        AttachSpec::TpBtf { .. } => tp_btf::attach(prog),
        AttachSpec::UserSpace(_) => Ok(()),
    };
    res.map_err(|reason| attach_error(spec, reason))
}

pub(crate) fn attach_error(spec: &ProgramSpec, reason: String) -> RuntimeError {
    let target = match &spec.attach {
        AttachSpec::PerfEvent { event, .. } => format!("perf event {event:?}"),
        AttachSpec::Tracepoint { category, name } => format!("tracepoint {category}:{name}"),
        AttachSpec::TpBtf { name, .. } => format!("BTF tracepoint {name}"),
        AttachSpec::UserSpace(w) => format!("{w:?}"),
    };
    RuntimeError::Attach {
        program: spec.name.clone(),
        target,
        reason,
    }
}
