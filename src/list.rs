//! `-l [PATTERN]`: the stdlib's probes and the kernel's tracepoints, as bpftrace's `-l` lists them.

#![allow(clippy::print_stderr, reason = "the binary is the only printer")]

use std::fmt::Write;

use compiler::catalog::{COMMON_BUILTINS, Env};

/// Why nothing was listed: the message, and what to do about it.
pub(crate) struct Nothing {
    pub(crate) message: String,
    pub(crate) help: String,
}

/// Prints every probe and tracepoint whose name matches `pattern` (`*` and `?` wildcards).
/// Tracepoints need a readable tracefs (root): when it is not, the probes are still listed and
/// the user told why the tracepoints are not.
pub(crate) fn list(pattern: &str, verbose: bool) -> Result<(), Nothing> {
    let catalog = stdlib::catalog();
    let mut out = String::new();
    let mut found = 0usize;
    let _ = runtime::tracefs::ensure_mounted();
    let live = compiler::tracefs::TracefsEnv::live();
    for probe in catalog.probes {
        if !glob(pattern, probe.name()) {
            continue;
        }
        found += 1;
        let _ = writeln!(out, "{:<12} {}", probe.name(), probe.summary());
        // What this kernel changes about it (a missing syscall, the off-CPU design).
        if let Some(note) = probe.kernel_note(&live) {
            let _ = writeln!(out, "{:<12} ({note})", "");
        }
        if verbose {
            let own = probe.builtins().iter();
            let common = COMMON_BUILTINS
                .iter()
                .filter(|b| probe.has_task_context() && !probe.lacks().contains(&b.name));
            for b in own.chain(common) {
                let _ = writeln!(out, "    {:<10} {:<22} {}", b.name, b.ty.to_string(), b.doc);
            }
            for m in probe.modifiers() {
                let _ = writeln!(out, "    modifier {:<10} {}", m.name, m.doc);
            }
        }
    }
    // Tracepoints: listed as `tracepoint:CAT:NAME`; the pattern may be written with or without
    // the `tracepoint:` prefix (`sched:*` as bpftrace users type it).
    let unreadable = tracefs_unreadable();
    let env = live;
    let bare = pattern
        .strip_prefix("tracepoint:")
        .or_else(|| pattern.strip_prefix("tp:"))
        .unwrap_or(pattern);
    for (cat, name) in env.tracepoints() {
        let full = format!("{cat}:{name}");
        if !glob(bare, &full) && !glob(pattern, &full) {
            continue;
        }
        found += 1;
        let _ = writeln!(out, "tracepoint:{full}");
        if verbose && let Ok(layout) = env.tracepoint(&cat, &name) {
            for f in layout.fields {
                let _ = writeln!(out, "    {} {};", f.c_type, f.name);
            }
        }
    }
    crate::print_out(&out);
    match (found, unreadable) {
        (0, Some(nothing)) => Err(Nothing {
            message: format!(
                "nothing matches `{pattern}` among flamescript's probes, and {}",
                nothing.message
            ),
            help: nothing.help,
        }),
        (0, None) => Err(Nothing {
            message: format!("nothing matches `{pattern}`"),
            help: "`*` matches any run of characters and `?` one, e.g. `sched:*`".to_string(),
        }),
        (_, Some(nothing)) => {
            eprintln!("note: {}", nothing.message);
            eprintln!("  = help: {}", nothing.help);
            Ok(())
        }
        (_, None) => Ok(()),
    }
}

/// Why the kernel's tracepoints cannot be listed, if they cannot: tracefs unreadable (it is
/// root's alone) or not mounted.
fn tracefs_unreadable() -> Option<Nothing> {
    let events = std::path::Path::new(compiler::tracefs::LIVE_ROOT).join("events");
    let e = std::fs::read_dir(&events).err()?;
    let help = match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "tracefs is readable by root only: run as root, e.g. with sudo".to_string()
        }
        _ => format!(
            "mount tracefs (as root): {}",
            compiler::tracefs::MOUNT_COMMAND
        ),
    };
    Some(Nothing {
        message: format!(
            "the kernel's tracepoints cannot be listed: cannot read `{}`: {e}",
            events.display()
        ),
        help,
    })
}

/// Shell-style matching with `*` (any run) and `?` (one character).
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs() {
        assert!(glob("sched:*", "sched:sched_switch"));
        assert!(glob("*switch", "sched:sched_switch"));
        assert!(!glob("sched:*", "block:block_rq_issue"));
        assert!(glob("off?pu", "offcpu"));
        assert!(glob("*", ""));
    }
}
