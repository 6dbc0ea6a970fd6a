//! Data-driven test support: compare actual text with an expectation file, bless with
//! `UPDATE_EXPECT=1` (the variable expect-test honours too), create missing expectations.

#![allow(dead_code, reason = "each suite uses a different part")]
#![allow(
    clippy::print_stderr,
    reason = "a skipped kernel test says why on stderr"
)]

use std::path::{Path, PathBuf};

/// The repository's `tests/data/<sub>` directory.
pub(crate) fn data_dir(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(sub)
}

/// Every file under `dir` (sorted) whose name ends in `.ext`.
pub(crate) fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

/// Compares `actual` with the file at `expected_path`. A missing file is created; a mismatch is
/// collected as a failure message with a diff hint, unless `UPDATE_EXPECT=1` rewrites the file.
pub(crate) fn check_file(expected_path: &Path, actual: &str, failures: &mut Vec<String>) {
    let bless = std::env::var_os("UPDATE_EXPECT").is_some();
    match std::fs::read_to_string(expected_path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) if !bless => failures.push(format!(
            "{}: output differs (run with UPDATE_EXPECT=1 to bless)\n--- expected\n{expected}\n--- actual\n{actual}",
            expected_path.display()
        )),
        _ => std::fs::write(expected_path, actual)
            .unwrap_or_else(|e| panic!("writing {}: {e}", expected_path.display())),
    }
}

/// Fails the test with every collected failure at once.
pub(crate) fn finish(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Whether tests that need root and the real kernel can run. Without root they skip with a
/// message, unless `FLAMESCRIPT_REQUIRE_KERNEL=1` (set by .ci/run) makes the skip a failure.
pub(crate) fn kernel_tests_enabled(test: &str) -> bool {
    // The effective uid from /proc/self/status: no libc dependency in the tests for this.
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let euid0 = status
        .lines()
        .find(|l| l.starts_with("Uid:"))
        .and_then(|l| l.split_whitespace().nth(2))
        == Some("0");
    if euid0 {
        return true;
    }
    let msg = format!("{test}: skipped, needs root to load BPF programs");
    assert!(
        std::env::var_os("FLAMESCRIPT_REQUIRE_KERNEL").is_none(),
        "{msg} (FLAMESCRIPT_REQUIRE_KERNEL is set)"
    );
    #[allow(
        clippy::print_stderr,
        reason = "a skipped test says why on the test's stderr"
    )]
    {
        eprintln!("{msg}");
    }
    false
}
