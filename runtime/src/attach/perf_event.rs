//! Software perf events (`cpu-clock`, `page-faults`): one event per online CPU, system-wide;
//! the program filters by target in the kernel.

use aya::programs::perf_event::{
    PerfEventConfig, PerfEventScope, SamplePolicy, SoftwareEvent as AyaEvent,
};
use aya::programs::{PerfEvent, Program, ProgramError};
use compiler::artifact::{Sampling, SoftwareEvent};

pub(super) fn load(prog: &mut Program) -> Result<(), ProgramError> {
    let prog: &mut PerfEvent = prog.try_into()?;
    prog.load()
}

pub(super) fn attach(
    prog: &mut Program,
    event: SoftwareEvent,
    sample: Sampling,
) -> Result<(), String> {
    let prog: &mut PerfEvent = prog.try_into().map_err(|e: ProgramError| e.to_string())?;
    let config = PerfEventConfig::Software(match event {
        SoftwareEvent::CpuClock => AyaEvent::CpuClock,
        SoftwareEvent::PageFaults => AyaEvent::PageFaults,
    });
    let policy = match sample {
        Sampling::Frequency(hz) => SamplePolicy::Frequency(hz),
        Sampling::Period(n) => SamplePolicy::Period(n),
    };
    let cpus = aya::util::online_cpus().map_err(|(what, e)| format!("{what}: {e}"))?;
    for cpu in cpus {
        prog.attach(
            config,
            PerfEventScope::AllProcessesOneCpu { cpu },
            policy,
            false,
        )
        .map_err(|e| format!("cpu {cpu}: {e}"))?;
    }
    Ok(())
}
