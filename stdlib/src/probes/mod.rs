//! One file per event source, each implementing `compiler::catalog::Probe`. The user-facing
//! `//!` doc at the top of each file is the probe's documentation (docs/probes.md is generated
//! from it): what it measures, its builtins and units, its modifiers, an example.

use compiler::catalog::{Env, EnvError, ResolveError, Resolved};

pub(crate) mod bio;
pub(crate) mod futex;
pub(crate) mod interval;
pub(crate) mod offcpu;
pub(crate) mod pagefault;
pub(crate) mod profile;
pub(crate) mod rawtracepoint;
pub(crate) mod special;
pub(crate) mod tracepoint;

/// Looks up the kernel records a probe's builtins are read from (see `Resolved::records`).
/// A kernel without one of them refuses the probe, with the reason and what to do.
pub(crate) fn with_records(
    probe: &str,
    env: &dyn Env,
    tracepoints: &[(&str, &str)],
) -> Result<Resolved, ResolveError> {
    let mut records = Vec::new();
    for (category, name) in tracepoints {
        match env.tracepoint(category, name) {
            Ok(layout) => records.push(layout),
            Err(EnvError::UnknownTracepoint { .. }) => {
                return Err(ResolveError {
                    part: None,
                    message: format!("this kernel has no tracepoint `{category}:{name}`"),
                    label: format!("`{probe}` is built on it"),
                    help: Some(format!(
                        "see what this kernel offers with `flamescript -l '{category}:*'`"
                    )),
                });
            }
            Err(EnvError::Unavailable(why)) => {
                return Err(ResolveError {
                    part: None,
                    message: format!("cannot read the layout of tracepoint `{category}:{name}`"),
                    label: format!("`{probe}` needs the kernel's tracepoint layouts"),
                    help: Some(why),
                });
            }
        }
    }
    Ok(Resolved {
        args: None,
        records,
        facts: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use compiler::catalog::{NoKernel, Probe, TracepointLayout};

    /// A kernel with every tracepoint but no fields, or with none at all.
    struct Fake(bool);

    impl Env for Fake {
        fn tracepoint(&self, category: &str, name: &str) -> Result<TracepointLayout, EnvError> {
            match self.0 {
                true => Ok(TracepointLayout {
                    category: category.into(),
                    name: name.into(),
                    fields: Vec::new(),
                }),
                false => Err(EnvError::UnknownTracepoint {
                    similar: Vec::new(),
                }),
            }
        }
        fn tracepoints(&self) -> Vec<(String, String)> {
            Vec::new()
        }
    }

    #[test]
    fn records_are_looked_up_or_refused() {
        let ok = bio::Bio.resolve(&[], &Fake(true)).unwrap();
        assert_eq!(ok.records.len(), 1);
        assert_eq!(ok.args, None, "bio's record is not exposed as `args`");
        assert_eq!(
            futex::Futex
                .resolve(&[], &Fake(true))
                .unwrap()
                .records
                .len(),
            4,
            "futex and futex_waitv, enter and exit"
        );
        let missing = pagefault::Pagefault.resolve(&[], &Fake(false)).unwrap_err();
        assert_eq!(
            missing.message,
            "this kernel has no tracepoint `exceptions:page_fault_user`"
        );
        let unavailable = bio::Bio.resolve(&[], &NoKernel).unwrap_err();
        assert!(
            unavailable.message.starts_with("cannot read the layout"),
            "{unavailable:?}"
        );
    }
}
