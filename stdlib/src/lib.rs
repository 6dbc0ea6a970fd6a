//! The probe catalog: the one list of every event source flamescript knows, and nothing else.
//!
//! Each probe lives in its own file under `probes/` and implements `compiler::catalog::Probe`;
//! [`catalog`] hands the list to the compiler, which never names a probe itself. The ready-made
//! scripts (`flamescript run offcpu`) are in [`scripts`].

use compiler::catalog::{Catalog, Probe};

pub mod docs;
mod probes;
pub mod scripts;

/// Every probe, in the order `-l` lists them: the stdlib's own sources first, then the generic
/// tracepoint, then the user-space clauses.
static PROBES: &[&dyn Probe] = &[
    &probes::profile::Profile,
    &probes::offcpu::Offcpu,
    &probes::futex::Futex,
    &probes::bio::Bio,
    &probes::pagefault::Pagefault,
    &probes::tracepoint::Tracepoint,
    &probes::rawtracepoint::RawTracepoint,
    &probes::interval::Interval,
    &probes::special::Begin,
    &probes::special::End,
];

/// The stdlib's probe catalog, as the compiler consumes it.
pub fn catalog() -> Catalog<'static> {
    Catalog { probes: PROBES }
}

#[cfg(test)]
mod tests {
    use super::*;
    use compiler::catalog::{COMMON_BUILTINS, ModifierArg};

    #[test]
    fn names_are_unique_and_builtins_do_not_shadow_common_ones() {
        let names: Vec<&str> = catalog().names().collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            names.len(),
            "a probe name or alias is used twice: {names:?}"
        );
        for p in PROBES {
            for b in p.builtins() {
                assert!(
                    COMMON_BUILTINS.iter().all(|c| c.name != b.name),
                    "`{}` redefines the common builtin `{}`",
                    p.name(),
                    b.name
                );
            }
        }
    }

    #[test]
    fn modifier_defaults_are_in_range() {
        for p in PROBES {
            for m in p.modifiers() {
                let range = match m.arg {
                    ModifierArg::None => continue,
                    ModifierArg::Int { min, max }
                    | ModifierArg::Duration { min, max }
                    | ModifierArg::Size { min, max } => min..=max,
                };
                if let Some(d) = m.default {
                    assert!(
                        range.contains(&d),
                        "{}: default of `{}` out of range",
                        p.name(),
                        m.name
                    );
                }
            }
        }
    }
}
