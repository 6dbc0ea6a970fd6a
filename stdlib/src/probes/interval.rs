//! `interval`: run a block periodically, in user space.
//!
//! Runs its block every period while the script is tracing, in flamescript itself rather than
//! in the kernel, typically to print maps and clear them (a rolling view). The period is the
//! modifier `every D`, 1 ms to 1 hour, one second when not given. No task context: the
//! per-task builtins (`pid`, `comm`, stacks…) do not exist here.
//!
//! Builtins: none.
//!
//! Modifiers: `every D`: the period (default `1s`).
//!
//! Example: `interval every 5s < print(@); clear(@) >`
// Why `every 1s` and not bpftrace's `interval:s:1` or a bare `interval 1s`: the grammar writes a
// modifier as a word with an optional literal, which keeps modifiers self-describing in `-l`.

use compiler::artifact::{AttachSpec, UserSpaceWhen};
use compiler::catalog::{Hook, ModifierArg, ModifierSpec, ModifierValue, Probe, ProgramKind};

use super::offcpu::HOUR_NS;

pub(crate) struct Interval;

impl Probe for Interval {
    fn name(&self) -> &'static str {
        "interval"
    }
    fn summary(&self) -> &'static str {
        "runs its block periodically in user space (print, clear)"
    }
    fn example(&self) -> &'static str {
        "interval every 5s < print(@); clear(@) >"
    }
    fn kind(&self) -> ProgramKind {
        ProgramKind::UserSpace
    }
    fn has_task_context(&self) -> bool {
        false
    }
    fn modifiers(&self) -> &'static [ModifierSpec] {
        &[ModifierSpec {
            name: "every",
            arg: ModifierArg::Duration {
                min: 1_000_000,
                max: HOUR_NS,
            },
            doc: "the period (default 1s)",
            group: "",
            default: Some(1_000_000_000),
        }]
    }

    fn hooks(&self, _parts: &[String], modifiers: &[ModifierValue]) -> Vec<Hook> {
        let every = modifiers
            .iter()
            .find(|m| m.name == "every")
            .map_or(1_000_000_000, |m| m.value);
        vec![Hook {
            section: String::new(),
            attach: AttachSpec::UserSpace(UserSpaceWhen::Interval(every)),
        }]
    }
}
