//! Tidy checks, run inside `cargo test` (rust-analyzer's habit): rules about the repository's
//! text that no compiler enforces. Every `.rs` file opens with a `//!` paragraph; no test is
//! switched off or turned into an expected panic; docs/probes.md is what the probe files'
//! docs generate.

use std::path::{Path, PathBuf};

use crate::check;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file of ours, sorted: the four packages, the tests, the fuzz target and benches.
/// Build output (`target/`, `fuzz/target/`) and fuzz corpora are not ours.
fn rust_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for top in [
        "compiler", "stdlib", "runtime", "src", "tests", "fuzz", "benches",
    ] {
        walk(&root().join(top), &mut out);
    }
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        // `benches/` may not exist; a missing directory holds no files.
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if !matches!(
                name.to_str(),
                Some("target" | "corpus" | "artifacts" | "data")
            ) {
                walk(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let files = rust_files();
    // The walk must see the code, or this test would pass on nothing.
    assert!(
        files.len() > 40,
        "found only {} .rs files: is the walk broken?",
        files.len()
    );
    let bad: Vec<String> = files
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            !text.starts_with("//!")
        })
        .map(|p| shown(p))
        .collect();
    assert!(
        bad.is_empty(),
        "these files do not open with a `//!` paragraph saying what they are for:\n  {}",
        bad.join("\n  ")
    );
}

#[test]
fn no_test_is_switched_off() {
    // Built from pieces so that this file does not match its own search.
    let attributes = [concat!("#[", "ignore"), concat!("#[", "should_panic")];
    let mut bad = Vec::new();
    for path in rust_files() {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if let Some(a) = attributes.iter().find(|a| line.contains(**a)) {
                bad.push(format!("{}:{}: {a}]", shown(&path), n + 1));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "a test that cannot fail proves nothing: make it skip with a message (see \
         check::kernel_tests_enabled) or assert the error instead:\n  {}",
        bad.join("\n  ")
    );
}

#[test]
fn probes_md_is_generated_from_the_probe_docs() {
    let mut failures = Vec::new();
    check::check_file(
        &root().join("docs/probes.md"),
        &stdlib::docs::probes_markdown(),
        &mut failures,
    );
    check::finish(failures);
}
