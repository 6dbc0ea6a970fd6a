//! Every script we show users is true: `examples/*.fs`, the ready-made `stdlib/scripts/*.fs`
//! and the ```` ```fs ```` blocks of docs/LANGUAGE.md parse and check clean against the pinned
//! tracefs fixture, and those whose probes can run also compile. A LANGUAGE.md block marked
//! ```` ```fs refused ```` must be refused (or warned about) with the message of its `// error: …`
//! (or `// warning: …`) line.
//!
//! "Can run" is asked of the catalog (a clause's probe gives kernel hooks), not listed here, so
//! when a probe gains a code generator its examples start being compiled without a change here;
//! and a script whose probe cannot run yet must be refused by the compiler, not half-compiled.

use std::path::Path;

use compiler::diag::Sources;
use compiler::lower::Options;
use compiler::sema::checked;
use compiler::tracefs::TracefsEnv;

use crate::check;

/// What checking (and, where it can run, compiling) one script gave.
enum Outcome {
    /// Checks clean; every clause's probe runs in the kernel and the script compiled.
    Compiled,
    /// Checks clean; some clause's probe cannot run yet (named), and compiling refused it (or
    /// skipped it, for the user-space clauses).
    CheckedOnly(Vec<&'static str>),
    /// Refused, with the rendered diagnostics.
    Refused(String),
}

/// The probes of a checked program that give no kernel hooks (cannot run yet).
fn not_runnable(program: &checked::Program) -> Vec<&'static str> {
    let catalog = stdlib::catalog();
    let mut names: Vec<&'static str> = program
        .clauses
        .iter()
        .filter(|c| {
            let probe = catalog.probes[c.probe.index];
            // Span probes are lowered by their shape, not by hooks.
            probe.shape() == compiler::catalog::Shape::Event
                && probe.hooks(&c.parts, &c.modifiers).is_empty()
        })
        .map(|c| c.probe.name)
        .collect();
    names.dedup();
    names
}

fn outcome(name: &str, text: &str) -> Outcome {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let mut sources = Sources::new();
    let file = sources.add(name, text);
    let script = match compiler::syntax::parse(file, text) {
        Ok(s) => s,
        Err(d) => return Outcome::Refused(sources.render(&[d])),
    };
    let (program, diags) = compiler::sema::check(&script, stdlib::catalog(), &env);
    let Some(program) = program else {
        return Outcome::Refused(sources.render(&diags));
    };
    if !diags.is_empty() {
        // Warnings count: an example must not teach a mistake.
        return Outcome::Refused(sources.render(&diags));
    }
    let compiled = compiler::compile(file, text, stdlib::catalog(), &env, &Options::default());
    let pending = not_runnable(&program);
    match (compiled, pending.is_empty()) {
        (Ok(_), true) => Outcome::Compiled,
        (Err(d), true) => Outcome::Refused(format!(
            "checks clean and its probes can run, but compiling fails:\n{}",
            sources.render(&d)
        )),
        (Err(d), false) => {
            let text = sources.render(&d);
            if text.contains("cannot run in the kernel yet") {
                Outcome::CheckedOnly(pending)
            } else {
                Outcome::Refused(format!("compiling fails for another reason:\n{text}"))
            }
        }
        // Only user-space clauses cannot run: the code generator skips them.
        (Ok(_), false) => {
            let kernel_pending = program.clauses.iter().any(|c| {
                pending.contains(&c.probe.name)
                    && c.kind != compiler::catalog::ProgramKind::UserSpace
            });
            if kernel_pending {
                Outcome::Refused(format!(
                    "compiled although {pending:?} cannot run: the catalog and the code \
                     generator disagree"
                ))
            } else {
                Outcome::CheckedOnly(pending)
            }
        }
    }
}

fn scripts_in(dir: &Path) -> Vec<(String, String)> {
    check::files_with_ext(dir, "fs")
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("reading {}: {e}", p.display()));
            let name = p
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(&p)
                .display()
                .to_string();
            (name, text)
        })
        .collect()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn examples_and_stdlib_scripts_check_and_compile() {
    let mut scripts = scripts_in(&root().join("examples"));
    let examples = scripts.len();
    scripts.extend(scripts_in(&root().join("stdlib/scripts")));
    assert!(
        examples >= 8 && scripts.len() > examples,
        "expected the examples and the stdlib scripts, found {} and {}",
        examples,
        scripts.len() - examples
    );
    let mut failures = Vec::new();
    for (name, text) in &scripts {
        // STYLE: each example opens with a comment saying what it shows and what to expect.
        if !text.starts_with("// ") {
            failures.push(format!(
                "{name}: does not open with a `//` comment saying what it shows"
            ));
        }
        match outcome(name, text) {
            Outcome::Refused(why) => failures.push(format!("{name}:\n{why}")),
            // Every kernel probe runs now: only user-space clauses may be left uncompiled.
            Outcome::CheckedOnly(pending) => {
                let catalog = stdlib::catalog();
                let kernel: Vec<_> = pending
                    .iter()
                    .filter(|p| {
                        catalog.find(p).is_some_and(|probe| {
                            probe.kind() != compiler::catalog::ProgramKind::UserSpace
                        })
                    })
                    .collect();
                if !kernel.is_empty() {
                    failures.push(format!("{name}: checked only, {kernel:?} cannot run"));
                }
            }
            Outcome::Compiled => {}
        }
    }
    check::finish(failures);
}

/// Every ready-made script is reachable by name (`flamescript run NAME`) and is its file.
#[test]
fn stdlib_scripts_are_listed_by_name() {
    for (name, text) in scripts_in(&root().join("stdlib/scripts")) {
        let stem = Path::new(&name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        assert_eq!(
            stdlib::scripts::script(&stem),
            Some(text.as_str()),
            "{name} is not `flamescript run {stem}`"
        );
    }
}

/// A fenced block of LANGUAGE.md: its info string and its text.
fn fenced_blocks(md: &str) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String, usize)> = None;
    for (n, line) in md.lines().enumerate() {
        match (&mut current, line.trim_start().strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_string(), String::new(), n + 1)),
            (Some(_), Some(_)) => out.extend(current.take()),
            (Some((_, text, _)), None) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

#[test]
fn language_md_examples_are_true() {
    let md = std::fs::read_to_string(root().join("docs/LANGUAGE.md")).expect("docs/LANGUAGE.md");
    let mut failures = Vec::new();
    let mut checked = 0;
    for (info, text, line) in fenced_blocks(&md) {
        let name = format!("docs/LANGUAGE.md:{line}");
        match info.as_str() {
            "fs" => {
                checked += 1;
                if let Outcome::Refused(why) = outcome(&name, &text) {
                    failures.push(format!("{name}: should check clean:\n{text}\n{why}"));
                }
            }
            "fs refused" => {
                checked += 1;
                // The expectation line is taken out of the script, so the rendered diagnostic
                // (which quotes the source) cannot match it by quoting it.
                let expect = |l: &str| {
                    let l = l.trim();
                    ["error", "warning"].into_iter().find_map(|kind| {
                        l.strip_prefix(&format!("// {kind}: "))
                            .map(|msg| format!("{kind}: {msg}"))
                    })
                };
                let Some(want) = text.lines().find_map(expect) else {
                    failures.push(format!(
                        "{name}: a refused example needs a `// error: …` or `// warning: …` line"
                    ));
                    continue;
                };
                let script: String = text
                    .lines()
                    .filter(|l| expect(l).is_none())
                    .map(|l| format!("{l}\n"))
                    .collect();
                match outcome(&name, &script) {
                    Outcome::Refused(why) if why.contains(&want) => {}
                    Outcome::Refused(why) => {
                        failures.push(format!("{name}: refused, but not with `{want}`:\n{why}"))
                    }
                    _ => failures.push(format!("{name}: should be refused with `{want}`")),
                }
            }
            _ => {}
        }
    }
    assert!(
        checked > 30,
        "only {checked} checked examples in LANGUAGE.md"
    );
    check::finish(failures);
}

#[test]
fn outcomes_tell_runnable_from_pending() {
    assert!(matches!(
        outcome("t", "profile < @[kstack] = count() >"),
        Outcome::Compiled
    ));
    // Every probe of the catalog runs now; span probes are lowered by their shape.
    assert!(matches!(
        outcome("t", "offcpu < @[kstack] = sum(delta) >"),
        Outcome::Compiled
    ));
    assert!(matches!(
        outcome("t", "bio < @x = sum(bytes + delta) >"),
        Outcome::Refused(_)
    ));
}

/// The AST of every example and ready-made script, as `--emit ast` prints it:
/// `data/examples/<name>.ast` (bless with UPDATE_EXPECT=1).
#[test]
fn example_asts_snapshot() {
    let dir = check::data_dir("examples");
    std::fs::create_dir_all(&dir).expect("create tests/data/examples");
    let mut failures = Vec::new();
    let scripts = scripts_in(&root().join("examples"))
        .into_iter()
        .chain(scripts_in(&root().join("stdlib/scripts")));
    for (name, text) in scripts {
        let actual = match compiler::syntax::parse(0, &text) {
            Ok(script) => compiler::syntax::print::print(&script),
            Err(d) => format!("parse error: {}\n", d.message),
        };
        let stem = name.trim_end_matches(".fs").replace('/', "_");
        check::check_file(&dir.join(format!("{stem}.ast")), &actual, &mut failures);
    }
    check::finish(failures);
}
