//! `BEGIN` and `END`: run a block once, before tracing starts or after it ends.
//!
//! Both run in flamescript itself, in user space: `BEGIN` once all probes are attached, `END`
//! when the run ends (duration reached, Ctrl-C, `exit()`), before the results are written.
//! Neither fires for any task, so the per-task builtins (`pid`, `tid`, `comm`, `kstack`,
//! `ustack`…) do not exist there; use them in a probe that fires in the kernel.
//!
//! Builtins: none. Modifiers: none.
//!
//! Example: `END < print(@lat) >`

use compiler::artifact::{AttachSpec, UserSpaceWhen};
use compiler::catalog::{Hook, ModifierValue, Probe, ProgramKind};

pub(crate) struct Begin;
pub(crate) struct End;

impl Probe for Begin {
    fn name(&self) -> &'static str {
        "BEGIN"
    }
    fn summary(&self) -> &'static str {
        "runs once in user space when tracing starts"
    }
    fn example(&self) -> &'static str {
        "BEGIN < @start = 1 >"
    }
    fn kind(&self) -> ProgramKind {
        ProgramKind::UserSpace
    }
    fn has_task_context(&self) -> bool {
        false
    }

    fn hooks(&self, _parts: &[String], _modifiers: &[ModifierValue]) -> Vec<Hook> {
        vec![Hook {
            section: String::new(),
            attach: AttachSpec::UserSpace(UserSpaceWhen::Begin),
        }]
    }
}

impl Probe for End {
    fn name(&self) -> &'static str {
        "END"
    }
    fn summary(&self) -> &'static str {
        "runs once in user space when tracing ends, before results are written"
    }
    fn example(&self) -> &'static str {
        "END < print(@lat) >"
    }
    fn kind(&self) -> ProgramKind {
        ProgramKind::UserSpace
    }
    fn has_task_context(&self) -> bool {
        false
    }

    fn hooks(&self, _parts: &[String], _modifiers: &[ModifierValue]) -> Vec<Hook> {
        vec![Hook {
            section: String::new(),
            attach: AttachSpec::UserSpace(UserSpaceWhen::End),
        }]
    }
}
