//! `tracepoint:CATEGORY:NAME` (alias `tp`): any of the kernel's static tracepoints.
//!
//! Runs the block each time the tracepoint fires, in the context of the task that hit it. The
//! record's fields are read as `args.FIELD`, typed from the kernel's own layout
//! (`/sys/kernel/tracing/events/CATEGORY/NAME/format`, read when the script is checked): integers
//! are numbers, `char name[N]` fields are strings, pointers and `__data_loc` strings are plain
//! numbers (their address or location word). The `common_*` header fields are left out: use
//! `pid`, `tid` and `comm` instead. `flamescript -l 'sched:*' -v` lists tracepoints and fields.
//!
//! Builtins: `args.FIELD` and the common ones (`pid tid comm cpu nsecs cgroup kstack ustack`).
//!
//! Modifiers: none.
//!
//! Example: `tracepoint:sched:sched_process_exec < @[comm] = count() >`

use compiler::artifact::AttachSpec;
use compiler::catalog::{
    Env, EnvError, Hook, ModifierValue, Probe, ProgramKind, ResolveError, Resolved,
};

pub(crate) struct Tracepoint;

impl Probe for Tracepoint {
    fn name(&self) -> &'static str {
        "tracepoint"
    }
    fn aliases(&self) -> &'static [&'static str] {
        &["tp"]
    }
    fn summary(&self) -> &'static str {
        "any kernel tracepoint, with its record's fields as `args.FIELD`"
    }
    fn example(&self) -> &'static str {
        "tracepoint:sched:sched_process_exec < @[comm] = count() >"
    }
    fn kind(&self) -> ProgramKind {
        ProgramKind::Tracepoint
    }
    fn parts(&self) -> &'static [&'static str] {
        &["category", "name"]
    }
    fn resolve(&self, parts: &[&str], env: &dyn Env) -> Result<Resolved, ResolveError> {
        let [category, name] = parts else {
            // sema checks the number of parts before it resolves.
            return Err(ResolveError {
                part: None,
                message: "a tracepoint is written `tracepoint:CATEGORY:NAME`".into(),
                label: "expected a category and a name".into(),
                help: Some("e.g. `tracepoint:sched:sched_switch`".into()),
            });
        };
        match env.tracepoint(category, name) {
            Ok(layout) => Ok(Resolved {
                args: Some(layout),
                records: Vec::new(),
                facts: Default::default(),
            }),
            Err(EnvError::UnknownTracepoint { similar }) => {
                let known_category = env.tracepoints().iter().any(|(c, _)| c == category);
                let help = match similar.as_slice() {
                    [] => format!("list them with `flamescript -l '{category}:*'`"),
                    [one] => format!("did you mean `{one}`?"),
                    many => format!(
                        "did you mean one of {}?",
                        many.iter()
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                Err(ResolveError {
                    part: Some(if known_category { 1 } else { 0 }),
                    message: format!("unknown tracepoint `{category}:{name}`"),
                    label: if known_category {
                        format!("no tracepoint `{name}` in category `{category}`")
                    } else {
                        format!("no tracepoint category `{category}`")
                    },
                    help: Some(help),
                })
            }
            Err(EnvError::Unavailable(why)) => Err(ResolveError {
                part: None,
                message: format!("cannot read the layout of tracepoint `{category}:{name}`"),
                label: "needs the kernel's tracepoint layouts".into(),
                help: Some(why),
            }),
        }
    }

    fn hooks(&self, parts: &[String], _modifiers: &[ModifierValue]) -> Vec<Hook> {
        let [category, name] = parts else {
            return Vec::new();
        };
        vec![Hook {
            section: format!("tracepoint/{category}/{name}"),
            attach: AttachSpec::Tracepoint {
                category: category.clone(),
                name: name.clone(),
            },
        }]
    }
}
