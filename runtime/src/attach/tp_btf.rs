//! BTF-typed raw tracepoints (`tp_btf/NAME`): the cheapest scheduler hook on this kernel
//! (KERNEL.md). Loading needs the kernel's BTF to find `btf_trace_NAME`.

use aya::Btf;
use aya::programs::{BtfTracePoint, Program, ProgramError};

pub(super) fn load(prog: &mut Program, name: &str, btf: Option<&Btf>) -> Result<(), ProgramError> {
    let prog: &mut BtfTracePoint = prog.try_into()?;
    match btf {
        Some(btf) => prog.load(name, btf),
        None => {
            let btf = Btf::from_sys_fs().map_err(ProgramError::Btf)?;
            prog.load(name, &btf)
        }
    }
}

pub(super) fn attach(prog: &mut Program) -> Result<(), String> {
    let prog: &mut BtfTracePoint = prog.try_into().map_err(|e: ProgramError| e.to_string())?;
    prog.attach().map(|_| ()).map_err(|e| e.to_string())
}
