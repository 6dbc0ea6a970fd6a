//! Test workloads with known answers: the C programs in `tests/workloads/*.c`, built on demand
//! with frame pointers, and the tests that they build, run to completion and keep their named
//! functions as symbols.
//!
//! This module owns building them ([`workload`] returns a binary's path, for the kernel
//! end-to-end suites) and checking that they behave; it does not profile them, and it asserts
//! nothing about what a profiler sees (that is the kernel suites' job, with their own
//! tolerances). Each `.c` file says what a profile of it should show.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime};

/// The flags every workload is built with: frame pointers everywhere (leaf functions included)
/// so frame-pointer stack walks see every frame; `-O1` so the code looks like real code yet the
/// `noinline` functions and their non-tail calls stay as written; `-g` for DWARF symbolization.
const CFLAGS: &[&str] = &[
    "-O1",
    "-g",
    "-fno-omit-frame-pointer",
    "-mno-omit-leaf-frame-pointer",
    "-pthread",
    "-Wall",
    "-Werror",
];

/// Every workload, and the functions each must keep as symbols (the ones tests look for in
/// stacks). A workload not listed here cannot be built: a typo fails loudly.
const WORKLOADS: &[(&str, &[&str])] = &[
    ("burner", &["main", "spin_outer", "burn_cpu"]),
    ("sleepy", &["sleepy_wait", "do_sleep"]),
    (
        "blocker",
        &["short_waits", "long_waits", "do_sleep", "burn"],
    ),
    // Calls glibc directly: the frames issue 12 recovers.
    (
        "direct",
        &[
            "sleep_direct",
            "lock_direct",
            "write_all_direct",
            "clock_direct",
            "top_of_stack",
            "via_odd",
            "odd_cfa",
            "sleep_leaf",
        ],
    ),
    // Built without frame pointers (see EXTRA_CFLAGS).
    (
        "nofp",
        &[
            "main", "chain_a", "chain_b", "chain_c", "chain_d", "chain_e",
        ],
    ),
    ("execer", &["run_true"]),
    (
        "recurse",
        &["leaf_burn", "f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7"],
    ),
    ("touch", &["touch_pages", "down"]),
    ("direct_write", &["write_direct", "do_write"]),
    (
        "contend",
        &["hold_lock", "wait_lock", "do_lock", "do_sleep"],
    ),
    // `mix_inlined` is inlined into `hot_caller`, so it is no symbol: only DWARF names it.
    ("inliner", &["main", "hot_caller"]),
    // Time views (issue 21): a burst at the start of every second; three phases in order.
    ("bursty", &["burst", "rest"]),
    ("phases", &["main", "phase_a", "phase_b", "phase_c"]),
];

/// Flags some workloads add after [`CFLAGS`] (a later `-O` wins): `inliner` needs `-O2` so
/// that its inlining looks like a release build's.
const EXTRA_CFLAGS: &[(&str, &[&str])] = &[
    ("inliner", &["-O2"]),
    (
        "nofp",
        &["-O2", "-fomit-frame-pointer", "-momit-leaf-frame-pointer"],
    ),
];

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/workloads")
}

fn build_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("workloads")
}

/// The path of workload `name`'s binary, built from `tests/workloads/<name>.c` if the binary is
/// missing or older than its sources (the `.c` file, `common.h`, or this file with the flags). Safe to call from many tests at once: each workload is
/// built at most once per test process (a `OnceLock` per name), into a temporary name that is
/// renamed into place, so another process never runs a half-written binary. Panics (failing
/// the calling test) if the name is unknown or the build fails, with the compiler's output.
pub(crate) fn workload(name: &str) -> PathBuf {
    let idx = WORKLOADS
        .iter()
        .position(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("unknown workload `{name}`"));
    // One cell per workload, so building one does not wait for another.
    type Built = OnceLock<Result<PathBuf, String>>;
    static BUILT: [Built; WORKLOADS.len()] = [const { OnceLock::new() }; WORKLOADS.len()];
    let cell = &BUILT[idx];
    match cell.get_or_init(|| build(name)) {
        Ok(path) => path.clone(),
        Err(msg) => panic!("{msg}"),
    }
}

fn mtime(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn build(name: &str) -> Result<PathBuf, String> {
    let src = source_dir().join(format!("{name}.c"));
    let header = source_dir().join("common.h");
    let out_dir = build_dir();
    let out = out_dir.join(name);
    // This file holds the flags: changing them rebuilds too.
    let flags = Path::new(env!("CARGO_MANIFEST_DIR")).join(file!());
    let newest_source = [&src, &header, &flags]
        .into_iter()
        .filter_map(|p| mtime(p))
        .max();
    if let (Some(bin), Some(source)) = (mtime(&out), newest_source)
        && bin >= source
    {
        return Ok(out);
    }
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("creating {}: {e}", out_dir.display()))?;
    // A name unique to this process and build, so concurrent builders never share a file.
    let tmp = out_dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let res = Command::new("cc")
        .args(CFLAGS)
        .args(
            EXTRA_CFLAGS
                .iter()
                .filter(|(n, _)| *n == name)
                .flat_map(|(_, flags)| flags.iter()),
        )
        .arg("-o")
        .arg(&tmp)
        .arg(&src)
        .output()
        .map_err(|e| format!("running cc for workload `{name}`: {e}"))?;
    if !res.status.success() {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!(
            "building workload `{name}` failed ({}):\n{}",
            res.status,
            String::from_utf8_lossy(&res.stderr)
        ));
    }
    std::fs::rename(&tmp, &out).map_err(|e| format!("installing {}: {e}", out.display()))?;
    Ok(out)
}

/// Runs a workload with `args`, failing the test if it does not exit 0 within `limit`.
fn run(name: &str, args: &[&str], limit: Duration) -> Output {
    let path = workload(name);
    let start = Instant::now();
    let out = Command::new(&path)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("running {}: {e}", path.display()));
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "workload `{name} {}` exited with {}; stderr:\n{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        took < limit,
        "workload `{name}` took {took:?}, more than {limit:?}"
    );
    out
}

/// The function symbols (`T`/`t`) of a binary, by `nm`.
fn function_symbols(path: &Path) -> Vec<String> {
    let out = Command::new("nm")
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("running nm on {}: {e}", path.display()));
    assert!(out.status.success(), "nm {} failed", path.display());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            let mut it = line.split_whitespace();
            let (_addr, kind, sym) = (it.next()?, it.next()?, it.next()?);
            matches!(kind, "T" | "t").then(|| sym.to_string())
        })
        .collect()
}

#[test]
fn workloads_keep_their_named_functions() {
    let mut missing = Vec::new();
    for (name, functions) in WORKLOADS {
        let symbols = function_symbols(&workload(name));
        for f in *functions {
            if !symbols.iter().any(|s| s == f) {
                missing.push(format!("{name}: `{f}`"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "functions inlined away or renamed: {missing:?}"
    );
}

#[test]
fn workloads_build_once_and_concurrently() {
    // Two threads asking at once get the same path, and the binary is in place.
    let paths: Vec<PathBuf> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2).map(|_| s.spawn(|| workload("execer"))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(paths[0], paths[1]);
    assert!(paths[0].is_file());
    assert!(paths[0].starts_with(build_dir()));
}

#[test]
fn workloads_burner_runs_for_the_time_asked() {
    let start = Instant::now();
    run("burner", &["0.3"], Duration::from_secs(10));
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(300),
        "burner 0.3 returned after {took:?}"
    );
}

#[test]
fn workloads_sleepy_sleeps_count_times_ms() {
    let start = Instant::now();
    run("sleepy", &["3", "20"], Duration::from_secs(10));
    assert!(start.elapsed() >= Duration::from_millis(60));
    let start = Instant::now();
    run("sleepy", &["--migrate", "3", "20"], Duration::from_secs(10));
    assert!(start.elapsed() >= Duration::from_millis(60));
}

#[test]
fn workloads_sleepy_rejects_a_bad_argument() {
    let out = Command::new(workload("sleepy")).arg("3x").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a typo must not run the default"
    );
}

#[test]
fn workloads_execer_runs_true() {
    run("execer", &["3"], Duration::from_secs(10));
}

#[test]
fn workloads_recurse_runs() {
    run("recurse", &["0.2", "7", "12"], Duration::from_secs(10));
}

#[test]
fn workloads_touch_touches_pages() {
    run("touch", &["500"], Duration::from_secs(10));
}

#[test]
fn workloads_direct_write_writes_and_unlinks() {
    // On the build directory's filesystem (not tmpfs: O_DIRECT needs a real one).
    let dir = build_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("direct_write.{}.data", std::process::id()));
    run(
        "direct_write",
        &[file.to_str().unwrap(), "4"],
        Duration::from_secs(30),
    );
    assert!(!file.exists(), "direct_write left {}", file.display());
}

#[test]
fn workloads_contend_blocks_rounds_times_ms() {
    let start = Instant::now();
    run("contend", &["3", "10"], Duration::from_secs(10));
    assert!(start.elapsed() >= Duration::from_millis(30));
}
