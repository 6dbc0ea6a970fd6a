//! Helpers shared by the root-only tests that load BPF into the running kernel.

/// Fails when a BPF program whose name starts with `fs_` is still loaded: every run must detach
/// and close everything on every exit path.
pub(crate) fn assert_nothing_of_ours_loaded() {
    let ours: Vec<String> = aya::programs::loaded_programs()
        .filter_map(Result::ok)
        .filter_map(|p| p.name_as_str().map(str::to_string))
        .filter(|n| n.starts_with("fs_"))
        .collect();
    assert!(ours.is_empty(), "programs of ours still loaded: {ours:?}");
}
