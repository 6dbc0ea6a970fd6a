//! The checker and the run agree (issue 19): what `--check` accepts compiles and loads, and
//! what a run refuses `--check` refuses too, with the same words.
//!
//! `tests/data/bad/*.fs` is a corpus of inputs a bpftrace user types; each is refused by the
//! binary with exit 2, a position (a caret under the source) and a hint (`= help:`), the same
//! diagnostic from `--check` as from a run (`--dry-run` as root: loaded by the kernel's verifier
//! when it compiles, nothing attached), and no file written for `-o`. The rendered diagnostic
//! is kept in the sibling `.txt`; `UPDATE_EXPECT=1` blesses.

use std::path::Path;
use std::process::{Command, Output};

use compiler::tracefs::TracefsEnv;

use crate::{check, kernel};

fn flamescript(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flamescript"))
        .args(args)
        .output()
        .expect("running flamescript")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh, empty directory under cargo's per-target scratch directory.
fn scratch(test: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("agree")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating the scratch directory");
    dir
}

/// `n` statements, each updating its own map, in one clause.
fn many_statements(n: usize, stmt: &str) -> String {
    let body: Vec<String> = (0..n).map(|i| stmt.replace("N", &i.to_string())).collect();
    format!("profile < {} >", body.join("; "))
}

// See: issue 19, item 12 — each statement kept its own key slot, so fifteen `@mN = count()`
// needed 584 bytes of stack; statements now reuse their slots (and spills reuse theirs), and
// `--check` runs the whole compile, so it refuses exactly what a run refuses for size.
#[test]
fn issue_19_many_statements_fit_the_stack() {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let options = compiler::lower::Options::default();
    let scripts = [
        many_statements(15, "@mN = count()"),
        many_statements(40, "@mN[comm] = count()"),
        many_statements(40, "@mN[comm, kstack, ustack] = sum(period)"),
    ];
    for text in &scripts {
        let compiled = compiler::compile(0, text, stdlib::catalog(), &env, &options);
        assert!(compiled.is_ok(), "{text}: {:?}", compiled.err());
        let out = flamescript(&["--check", "-e", text]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "--check {text}: {}",
            stderr(&out)
        );
    }
    if !check::kernel_tests_enabled("issue_19_many_statements_fit_the_stack") {
        return;
    }
    let _lock = kernel::lock();
    for text in &scripts {
        let out = flamescript(&["--dry-run", "-e", text]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "--dry-run {text}: {}",
            stderr(&out)
        );
    }
    kernel::assert_nothing_of_ours_loaded();
}

// See: issue 19, item 12 — a key too large for the stack passed `--check` and failed the run.
#[test]
fn issue_19_check_refuses_what_the_run_refuses_for_size() {
    let text = format!("profile < @[{}] = count() >", vec!["comm"; 32].join(", "));
    let checked = flamescript(&["--check", "-e", &text]);
    assert_eq!(checked.status.code(), Some(2), "{}", stderr(&checked));
    assert!(
        stderr(&checked).contains("bytes of stack; BPF allows 512"),
        "{}",
        stderr(&checked)
    );
    let run = flamescript(&["-e", &text, "-d", "1ms"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert_eq!(
        stderr(&checked),
        stderr(&run),
        "--check and the run disagree"
    );
}

/// Whether a rendered diagnostic points into the source: a caret or dash label under a line.
fn has_position(rendered: &str) -> bool {
    rendered
        .lines()
        .any(|l| l.trim_start().starts_with('│') && (l.contains('^') || l.contains("--")))
}

// See: issue 19, "must show" — bad inputs a bpftrace user types: each exits 2 with a position
// and a hint, `--check` and a run refuse it with the same words, and `-o` writes nothing.
#[test]
fn issue_19_bad_inputs_are_refused_alike_with_a_position_and_a_hint() {
    let dir = check::data_dir("bad");
    let files = check::files_with_ext(&dir, "fs");
    assert!(files.len() >= 80, "the corpus has {} inputs", files.len());
    let root = check::kernel_tests_enabled("issue_19_bad_inputs (the run part)");
    let _lock = root.then(kernel::lock);
    let out_dir = scratch("bad_inputs");
    let svg = out_dir.join("out.svg");
    let svg = svg.to_str().expect("a UTF-8 path");
    let mut failures = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        if !text.trim_start_matches('\u{feff}').starts_with("//") {
            failures.push(format!(
                "{name}: must open with a `//` comment saying what it tests"
            ));
        }
        let checked = flamescript(&["--check", "-e", &text]);
        let rendered = stderr(&checked);
        if checked.status.code() != Some(2) {
            failures.push(format!(
                "{name}: --check exits {:?}\n{rendered}",
                checked.status.code()
            ));
        }
        if !has_position(&rendered) {
            failures.push(format!("{name}: no position in\n{rendered}"));
        }
        if !rendered.contains("= help:") {
            failures.push(format!("{name}: no hint in\n{rendered}"));
        }
        let run_args = match root {
            true => vec!["--dry-run", "-e", &text, "-o", svg],
            false => vec!["-d", "1ms", "-e", &text, "-o", svg],
        };
        let run = flamescript(&run_args);
        if run.status.code() != Some(2) || stderr(&run) != rendered {
            failures.push(format!(
                "{name}: the run disagrees with --check (exit {:?}):\n{}",
                run.status.code(),
                stderr(&run)
            ));
        }
        let left: Vec<_> = std::fs::read_dir(&out_dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        if !left.is_empty() {
            failures.push(format!("{name}: the refused run left {left:?}"));
        }
        check::check_file(&path.with_extension("txt"), &rendered, &mut failures);
    }
    check::finish(failures);
    if root {
        kernel::assert_nothing_of_ours_loaded();
    }
}

// See: issue 19, item 14 — `-d -1s` got clap's tip to write `-- -1`, which would have made the
// duration a script; the duration parser now says what is wrong.
#[test]
fn issue_19_negative_duration_is_explained() {
    let out = flamescript(&["-e", "profile < @ = count() >", "-d", "-1s"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a run lasts a positive time"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("-- -1"), "{}", stderr(&out));
}

// See: issue 19, item 14 — a UTF-8 byte order mark opening a script was an invisible character
// with no caret; it is read as spaces (every position stays the same), and one inside the
// script is named (corpus: syntax_bom.fs).
#[test]
fn issue_19_leading_byte_order_mark_is_read_as_spaces() {
    let out = flamescript(&["--check", "-e", "\u{feff}profile < @ = count() >"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = flamescript(&["--check", "-e", "\u{feff}profile < @ = sum(comm) >"]);
    assert!(
        stderr(&out).contains("1:20"),
        "the mark is one column: {}",
        stderr(&out)
    );
}
