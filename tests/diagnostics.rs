//! Sema diagnostics, as text: every `tests/data/diag/*.fs` is parsed, checked against the stdlib
//! catalog and the pinned tracefs fixture (`tests/data/tracefs`), and its rendered diagnostics
//! (no colour) are compared with the sibling `.txt`; `UPDATE_EXPECT=1` blesses.
//!
//! Conventions the suite enforces: each `.fs` opens with a comment saying what it tests; a file
//! named `ok_*.fs` must check clean (its expectation is `ok`), any other must produce at least
//! one diagnostic. A parse error fails the test: this suite is about sema, parse errors have
//! theirs.

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
    assert_eq!(
        program.is_some(),
        !has_error,
        "{name}: a program must exist exactly when there is no error"
    );
    Ok(if diags.is_empty() {
        "ok\n".to_string()
    } else {
        sources.render(&diags)
    })
}

#[test]
fn diagnostics() {
    let dir = check::data_dir("diag");
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let mut failures = Vec::new();
    for path in check::files_with_ext(&dir, "fs") {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {name}: {e}"));
        if !text.starts_with("//") {
            failures.push(format!(
                "{name}: must open with a `//` comment saying what it tests"
            ));
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
            let want = if want_ok {
                "no diagnostics"
            } else {
                "at least one diagnostic"
            };
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
            failures.push(format!(
                "{name}.fs: must open with a comment saying what it shows"
            ));
        }
    }
    check::finish(failures);
}

/// The checked program carries what the lowering needs: defaults filled in, units on the map
/// values, literals rescaled to the unit they meet, `args` fields by index.
#[test]
fn checked_program_shapes() {
    use compiler::sema::checked::{ExprKind, MapOp, Stmt, ValueKind};
    use compiler::types::{StackKind, Type, Unit};

    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let program = |text: &str| {
        let script = compiler::syntax::parse(0, text).expect("parses");
        let (program, diags) = compiler::sema::check(&script, stdlib::catalog(), &env);
        assert!(diags.is_empty(), "{text}: {diags:?}");
        program.expect("a program without errors")
    };

    let p = program("offcpu min 1ms < @[kstack,ustack]=sum(delta) >");
    assert_eq!(p.clauses[0].probe.name, "offcpu");
    assert_eq!(p.clauses[0].modifiers.len(), 1);
    assert_eq!(
        (
            p.clauses[0].modifiers[0].name,
            p.clauses[0].modifiers[0].value
        ),
        ("min", 1_000_000)
    );
    let map = &p.maps[0];
    assert_eq!(
        map.keys,
        [Type::Stack(StackKind::Kernel), Type::Stack(StackKind::User)]
    );
    assert_eq!(
        (map.value, map.value_ty),
        (ValueKind::Sum, Type::Int(Unit::NS))
    );
    assert!(map.is_flame_graph());

    let p = program("profile < @ = count() >");
    let hz = &p.clauses[0].modifiers[0];
    assert_eq!((hz.name, hz.value), ("hz", 99), "the default is filled in");
    assert!(
        !p.maps[0].is_flame_graph(),
        "no stack key: a table, not a graph"
    );

    // `1ms` meets µs: the literal becomes 1000.
    let p = program("offcpu /(delta / 1000) > 1ms/ < @us = hist(delta / 1000) >");
    let Some(filter) = &p.clauses[0].filter else {
        panic!("a filter")
    };
    let ExprKind::Binary { rhs, .. } = &filter.kind else {
        panic!("a comparison")
    };
    assert_eq!(
        (&rhs.kind, rhs.ty),
        (&ExprKind::Int(1000), Type::Int(Unit::Time { scale: 1000 }))
    );
    assert_eq!(p.maps[0].value_ty, Type::Int(Unit::Time { scale: 1000 }));

    let p = program("tp:sched:sched_switch < @[args.next_pid] = count() >");
    assert_eq!(
        p.clauses[0].probe.name, "tracepoint",
        "the alias resolves to the probe's name"
    );
    let Stmt::MapUpdate {
        keys,
        op: MapOp::Count,
        ..
    } = &p.clauses[0].body[0]
    else {
        panic!("a map update")
    };
    let ExprKind::Arg { field, .. } = &keys[0].kind else {
        panic!("an args field")
    };
    let layout = p.clauses[0].resolved.args.as_ref().expect("a layout");
    assert_eq!(layout.fields[*field].name, "next_pid");
}

/// Sema never panics: every script of the suite with any one character deleted, if it still
/// parses, checks to a result (a cheap stand-in for the fuzzer).
#[test]
fn mutations_never_panic() {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    for path in check::files_with_ext(&check::data_dir("diag"), "fs") {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        // Deleting from the header comment changes nothing worth checking.
        let body = text
            .lines()
            .take_while(|l| l.starts_with("//"))
            .map(|l| l.len() + 1)
            .sum();
        for (i, c) in text.char_indices().filter(|(i, _)| *i >= body) {
            let mutated = format!("{}{}", &text[..i], &text[i + c.len_utf8()..]);
            if let Ok(script) = compiler::syntax::parse(0, &mutated) {
                let (program, diags) = compiler::sema::check(&script, stdlib::catalog(), &env);
                assert_eq!(
                    program.is_some(),
                    !diags.iter().any(|d| d.is_error()),
                    "{mutated}"
                );
            }
        }
    }
}
