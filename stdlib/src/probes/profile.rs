//! `profile`: where the CPUs spend their time, sampled.
//!
//! A software `cpu-clock` perf event fires on every online CPU at a fixed frequency; each sample
//! runs the block in the context of whatever task was on that CPU. Counting samples by stack
//! gives the classic CPU flame graph; summing `period` weights each sample by the time it stands
//! for, so the graph reads in seconds and adds up with `offcpu` (see the `wallclock` script).
//!
//! Builtins: `period` (duration, ns): the CPU time one sample stands for, 1 s / `hz`; and the
//! common ones (`pid tid comm cpu nsecs cgroup kstack ustack`).
//!
//! Modifiers: `hz N`: samples per second per CPU, 1 to 10000, 99 when not given (an odd number,
//! so sampling does not beat in step with timers).
//!
//! Example: `profile hz 99 < @[kstack, ustack] = count() >`

use compiler::artifact::{AttachSpec, Sampling, SoftwareEvent};
use compiler::catalog::{
    BuiltinSource, BuiltinSpec, Hook, ModifierArg, ModifierSpec, ModifierValue, Probe, ProgramKind,
};
use compiler::types::{Type, Unit};

pub(crate) struct Profile;

impl Probe for Profile {
    fn name(&self) -> &'static str {
        "profile"
    }

    fn count_name(&self) -> &'static str {
        "samples"
    }

    fn sampled(&self) -> bool {
        true
    }
    fn summary(&self) -> &'static str {
        "on-CPU samples at a fixed frequency on every CPU (perf cpu-clock)"
    }
    fn example(&self) -> &'static str {
        "profile hz 99 < @[kstack, ustack] = count() >"
    }
    fn kind(&self) -> ProgramKind {
        ProgramKind::PerfEvent
    }
    fn builtins(&self) -> &'static [BuiltinSpec] {
        &[BuiltinSpec {
            name: "period",
            ty: Type::Int(Unit::NS),
            doc: "CPU time one sample stands for (1s / hz)",
        }]
    }
    fn modifiers(&self) -> &'static [ModifierSpec] {
        &[ModifierSpec {
            name: "hz",
            arg: ModifierArg::Int {
                min: 1,
                max: 10_000,
            },
            doc: "samples per second on each CPU (default 99)",
            group: "",
            default: Some(99),
        }]
    }

    fn hooks(&self, _parts: &[String], modifiers: &[ModifierValue]) -> Vec<Hook> {
        let hz = modifiers
            .iter()
            .find(|m| m.name == "hz")
            .map_or(99, |m| m.value);
        vec![Hook {
            section: "perf_event".into(),
            attach: AttachSpec::PerfEvent {
                event: SoftwareEvent::CpuClock,
                sample: Sampling::Frequency(hz),
            },
        }]
    }
    fn builtin_source(&self, index: usize) -> BuiltinSource {
        match index {
            // `sample_period` of the perf event: cpu-clock counts nanoseconds, so this is the CPU
            // time the sample stands for (the kernel adjusts it to keep the frequency).
            0 => BuiltinSource::Ctx {
                offset: compiler::lower::expr::PERF_SAMPLE_PERIOD,
                size: 8,
            },
            _ => BuiltinSource::Unsupported,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hz_defaults_inside_its_range() {
        let hz = &Profile.modifiers()[0];
        let ModifierArg::Int { min, max } = hz.arg else {
            unreachable!("hz takes an integer")
        };
        assert!(hz.default.is_some_and(|d| (min..=max).contains(&d)));
    }
}
