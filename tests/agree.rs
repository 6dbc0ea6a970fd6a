//! The checker and the run agree (issue 19): what `--check` accepts compiles and loads, and
//! what a run refuses `--check` refuses too, with the same words.
//!
//! `tests/data/bad/*.fs` is a corpus of inputs a bpftrace user types; each is refused by the
//! binary with exit 2, a position (a caret under the source) and a hint (`= help:`), the same
//! diagnostic from `--check` as from a run (`--dry-run` as root: loaded by the kernel's verifier
//! when it compiles, nothing attached), and no file written for `-o`. The rendered diagnostic
//! is kept in the sibling `.txt`; `UPDATE_EXPECT=1` blesses.

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
