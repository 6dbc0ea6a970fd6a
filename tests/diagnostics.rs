//! Sema diagnostics, as text: every `tests/data/diag/*.fs` is parsed, checked against the stdlib
//! catalog and the pinned tracefs fixture (`tests/data/tracefs`), and its rendered diagnostics
//! (no colour) are compared with the sibling `.txt`; `UPDATE_EXPECT=1` blesses.
//!
//! Conventions the suite enforces: each `.fs` opens with a comment saying what it tests; a file
//! named `ok_*.fs` must check clean (its expectation is `ok`), any other must produce at least
//! one error. A parse error fails the test: this suite is about sema, parse errors have theirs.

use compiler::catalog::Env;
use compiler::diag::Sources;
use compiler::tracefs::TracefsEnv;

use crate::check;

/// Checks one script the way the binary does, with the fixture kernel. `None`: it did not parse.
fn check_script(name: &str, text: &str, env: &dyn Env) -> Result<String, String> {
    let mut sources = Sources::new();
    let file = sources.add(name, text);
    let script = compiler::syntax::parse(file, text).map_err(|d| sources.render(&[d]))?;
    let (program, diags) = compiler::sema::check(&script, stdlib::catalog(), env);
    let has_error = diags.iter().any(|d| d.is_error());
    assert_eq!(program.is_some(), !has_error, "{name}: a program must exist exactly when there is no error");
    Ok(if diags.is_empty() { "ok\n".to_string() } else { sources.render(&diags) })
}

#[test]
fn diagnostics() {
    let dir = check::data_dir("diag");
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let mut failures = Vec::new();
    for path in check::files_with_ext(&dir, "fs") {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {name}: {e}"));
        if !text.starts_with("//") {
            failures.push(format!("{name}: must open with a `//` comment saying what it tests"));
        }
        let actual = match check_script(&name, &text, &env) {
            Ok(actual) => actual,
            Err(parse_error) => {
                failures.push(format!("{name}: does not parse:\n{parse_error}"));
                continue;
            }
        };
        let want_ok = name.starts_with("ok_");
        if want_ok != (actual == "ok\n") {
            let want = if want_ok { "no diagnostics" } else { "at least one error" };
            failures.push(format!("{name}: expected {want}, got:\n{actual}"));
        }
        check::check_file(&path.with_extension("txt"), &actual, &mut failures);
    }
    check::finish(failures);
}

/// The ready-made scripts check clean against the fixture kernel.
#[test]
fn stdlib_scripts_check_clean() {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let mut failures = Vec::new();
    for name in stdlib::scripts::names() {
        let text = stdlib::scripts::script(name).unwrap_or_default();
        match check_script(&format!("{name}.fs"), text, &env) {
            Ok(out) if out == "ok\n" => {}
            Ok(out) | Err(out) => failures.push(format!("{name}.fs:\n{out}")),
        }
        if !text.starts_with("//") {
            failures.push(format!("{name}.fs: must open with a comment saying what it shows"));
        }
    }
    check::finish(failures);
}
