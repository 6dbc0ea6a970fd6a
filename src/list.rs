//! `-l [PATTERN]`: the stdlib's probes and the kernel's tracepoints, as bpftrace's `-l` lists them.

#![allow(clippy::print_stdout, reason = "the binary is the only printer")]

use compiler::catalog::{COMMON_BUILTINS, Env};

/// Prints every probe and tracepoint whose name matches `pattern` (`*` and `?` wildcards).
pub(crate) fn list(pattern: &str, verbose: bool) -> Result<(), String> {
    let catalog = stdlib::catalog();
    let mut found = 0usize;
    for probe in catalog.probes {
        if !glob(pattern, probe.name()) {
            continue;
        }
        found += 1;
        println!("{:<12} {}", probe.name(), probe.summary());
        if verbose {
            let own = probe.builtins().iter();
            let common = COMMON_BUILTINS
                .iter()
                .filter(|b| probe.has_task_context() && !probe.lacks().contains(&b.name));
            for b in own.chain(common) {
                println!("    {:<10} {:<22} {}", b.name, b.ty.to_string(), b.doc);
            }
            for m in probe.modifiers() {
                println!("    modifier {:<10} {}", m.name, m.doc);
            }
        }
    }
    // Tracepoints: listed as `tracepoint:CAT:NAME`; the pattern may be written with or without
    // the `tracepoint:` prefix (`sched:*` as bpftrace users type it).
    let env = compiler::tracefs::TracefsEnv::live();
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
        println!("tracepoint:{full}");
        if verbose && let Ok(layout) = env.tracepoint(&cat, &name) {
            for f in layout.fields {
                println!("    {} {};", f.c_type, f.name);
            }
        }
    }
    if found == 0 {
        return Err(format!("nothing matches `{pattern}`"));
    }
    Ok(())
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
