//! Helpers shared by the root-only tests that load BPF into the running kernel.

/// Fails when a BPF program whose name starts with `fs_` is still loaded: every run must detach
/// and close everything on every exit path.
///
/// The kernel frees a program after its last reference goes, deferred past an RCU grace period,
/// so a program closed a moment ago may still be listed: wait up to 2 s for it to go.
pub(crate) fn assert_nothing_of_ours_loaded() {
    let ours = || -> Vec<String> {
        aya::programs::loaded_programs()
            .filter_map(Result::ok)
            .filter_map(|p| p.name_as_str().map(str::to_string))
            .filter(|n| n.starts_with("fs_"))
            .collect()
    };
    let start = std::time::Instant::now();
    let mut left = ours();
    while !left.is_empty() && start.elapsed() < std::time::Duration::from_secs(2) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        left = ours();
    }
    assert!(left.is_empty(), "programs of ours still loaded: {left:?}");
}

/// Kernel tests run one at a time: each checks that nothing of ours is left loaded, which
/// another test's live programs would break, and CPU-sampling tests want a quiet machine. The
/// lock is a mutex within this process and an `flock` across processes (two test runs on one
/// machine).
pub(crate) fn lock() -> KernelLock {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    // A test that failed while holding the lock must not fail every later one.
    let guard = LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(std::env::temp_dir().join("flamescript-kernel-tests.lock"))
        .ok();
    if let Some(f) = &file {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a descriptor we own; released when the file closes with the guard.
        unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) };
    }
    KernelLock {
        _file: file,
        _guard: guard,
    }
}

/// Held while a kernel test runs.
pub(crate) struct KernelLock {
    _file: Option<std::fs::File>,
    _guard: std::sync::MutexGuard<'static, ()>,
}

/// Loads an object with `bpftool prog loadall` (libbpf, as any ordinary BPF object is loaded),
/// pinned under bpffs and unpinned at once; returns the pinned program names. `None` (with a
/// message) when bpftool is not installed: `.ci/run` installs it.
pub(crate) fn bpftool_loadall(
    object: &[u8],
    test: &str,
) -> Option<Result<std::collections::BTreeSet<String>, String>> {
    use std::process::Command;
    if Command::new("bpftool").arg("version").output().is_err() {
        #[allow(clippy::print_stderr, reason = "a skipped check says why")]
        {
            eprintln!(
                "{test}: bpftool part skipped, bpftool is not installed (apt-get install bpftool)"
            );
        }
        return None;
    }
    let is_bpffs = || {
        std::fs::read_to_string("/proc/mounts")
            .unwrap_or_default()
            .lines()
            .any(|l| {
                let mut f = l.split_whitespace().skip(1);
                f.next() == Some("/sys/fs/bpf") && f.next() == Some("bpf")
            })
    };
    if !is_bpffs() {
        let status = Command::new("mount")
            .args(["-t", "bpf", "bpf", "/sys/fs/bpf"])
            .status();
        if !is_bpffs() {
            return Some(Err(format!(
                "bpffs is not mounted and mounting it failed: {status:?}"
            )));
        }
    }
    let id = format!("{}_{test}", std::process::id());
    let dir = std::env::temp_dir().join(format!("fs_bpftool_{id}"));
    let _ = std::fs::create_dir_all(&dir);
    let obj_path = dir.join("object.o");
    if let Err(e) = std::fs::write(&obj_path, object) {
        return Some(Err(format!("writing {}: {e}", obj_path.display())));
    }
    let pins = format!("/sys/fs/bpf/fs_{id}");
    let out = Command::new("bpftool")
        .arg("prog")
        .arg("loadall")
        .arg(&obj_path)
        .arg(&pins)
        .output();
    let pinned = std::fs::read_dir(&pins)
        .map(|it| {
            it.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    // Unpinning drops the last reference: the programs and their maps go away.
    let _ = std::fs::remove_dir_all(&pins);
    let _ = std::fs::remove_dir_all(&dir);
    Some(match out {
        Ok(o) if o.status.success() => Ok(pinned),
        Ok(o) => Err(format!(
            "bpftool prog loadall failed:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )),
        Err(e) => Err(format!("running bpftool: {e}")),
    })
}

/// Mounts tracefs where it is not: the oracles (bpftrace, perf) need it and, unlike
/// flamescript, do not mount it themselves.
pub(crate) fn mount_tracefs() {
    if std::path::Path::new("/sys/kernel/tracing/events").exists() {
        return;
    }
    let status = std::process::Command::new("mount")
        .args(["-t", "tracefs", "nodev", "/sys/kernel/tracing"])
        .status();
    assert!(
        std::path::Path::new("/sys/kernel/tracing/events").exists(),
        "tracefs is not mounted and `mount -t tracefs nodev /sys/kernel/tracing` failed: {status:?}"
    );
}
