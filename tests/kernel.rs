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
/// another test's live programs would break, and CPU-sampling tests want a quiet machine.
pub(crate) fn lock() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    // A test that failed while holding the lock must not fail every later one.
    LOCK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}
