//! Classic tracepoints (`/sys/kernel/tracing/events/CAT/NAME`).

use aya::programs::{Program, ProgramError, TracePoint};

pub(super) fn load(prog: &mut Program) -> Result<(), ProgramError> {
    let prog: &mut TracePoint = prog.try_into()?;
    prog.load()
}

pub(super) fn attach(prog: &mut Program, category: &str, name: &str) -> Result<(), String> {
    crate::tracefs::ensure_mounted().map_err(|e| e.to_string())?;
    let prog: &mut TracePoint = prog.try_into().map_err(|e: ProgramError| e.to_string())?;
    prog.attach(category, name)
        .map(|_| ())
        .map_err(|e| e.to_string())
}
