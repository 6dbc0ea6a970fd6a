//! Where results go: files by extension (`-o`), and the terminal.
//!
//! Owns the output policy: one profile per file (with several flame-graph maps, the FIRST one
//! in script order goes to the `-o` files and the others print), every format rendered in
//! memory before any file is touched, each file written to a temporary name in its own
//! directory and renamed into place (a reader never sees half a file, a failure leaves none),
//! and files handed back to the invoking user under `sudo`. What the bytes are is the runtime's
//! renderers' business, except speedscope's small JSON, written here.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use compiler::types::Unit;
use runtime::fold::{Frame, Profile};
use runtime::render::{folded, pprof, svg};
use runtime::results::Results;
use runtime::units::format_value;

use crate::cli::Format;

/// Why an output was not written: the message, and what the user can do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OutputError {
    pub(crate) message: String,
    pub(crate) help: &'static str,
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn refused(message: String, help: &'static str) -> OutputError {
    OutputError { message, help }
}

const HELP_DIR: &str = "create the directory first or choose another path";
const HELP_WRITE: &str = "choose a path you can write";

/// Checks every output path before anything runs, so that a run is never traced only to find
/// it cannot be written: a known extension, a file name (not a directory), and a directory
/// that exists and in which a file can be created (tried, then removed).
pub(crate) fn check_paths(paths: &[PathBuf]) -> Result<(), OutputError> {
    for path in paths {
        if Format::from_path(path).is_none() {
            return Err(unknown_format(path));
        }
        let shown = path.display();
        if path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/') {
            let message = format!("cannot write `{shown}`: it is a directory");
            return Err(refused(message, HELP_WRITE));
        }
        let dir = directory_of(path);
        if !dir.is_dir() {
            let message = format!(
                "cannot write `{shown}`: directory `{}` does not exist",
                dir.display()
            );
            return Err(refused(message, HELP_DIR));
        }
        let probe = dir.join(format!(".flamescript-check.{}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&probe) {
            Ok(_) => {
                let _ = fs::remove_file(&probe);
            }
            Err(e) => {
                let message = format!(
                    "cannot write `{shown}`: cannot create a file in `{}`: {e}",
                    dir.display()
                );
                return Err(refused(message, HELP_WRITE));
            }
        }
    }
    Ok(())
}

fn unknown_format(path: &Path) -> OutputError {
    let message = format!(
        "cannot tell the output format of `{}` from its extension",
        path.display()
    );
    refused(message, Format::HELP)
}

/// Writes the run's first flame-graph map to every path, in the format its extension names.
pub(crate) fn write_outputs(
    results: &Results,
    title: &str,
    paths: &[PathBuf],
) -> Result<(), OutputError> {
    if paths.is_empty() {
        return Ok(());
    }
    let Some((_, profile)) = results.profiles.first() else {
        let message = "the script has no flame-graph map (a map keyed by kstack or ustack, \
                       valued by count() or sum()) to write"
            .to_string();
        return Err(refused(
            message,
            "leave out -o to print the maps, or key a count() or sum() by kstack or ustack",
        ));
    };
    write_profile(profile, title, paths)
}

/// Writes one profile to every path. All formats are rendered first, so a profile that cannot
/// be drawn creates no file at all.
pub(crate) fn write_profile(
    profile: &Profile,
    title: &str,
    paths: &[PathBuf],
) -> Result<(), OutputError> {
    let mut rendered = Vec::with_capacity(paths.len());
    for path in paths {
        let format = Format::from_path(path).ok_or_else(|| unknown_format(path))?;
        let bytes = render(profile, title, format).map_err(|e| {
            let message = format!("cannot render `{}`: {e}", path.display());
            refused(
                message,
                "check that the input holds stacks with nonzero weights",
            )
        })?;
        rendered.push((path, bytes));
    }
    for (path, bytes) in rendered {
        write_atomic(path, &bytes)?;
    }
    Ok(())
}

fn render(profile: &Profile, title: &str, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Svg => svg::render(profile, &svg::SvgConfig::new(title)).map_err(|e| e.to_string()),
        Format::Folded => Ok(folded::write(profile).into_bytes()),
        Format::Pprof => {
            let config = pprof::PprofConfig {
                title: title.to_string(),
                ..Default::default()
            };
            pprof::render(profile, &config).map_err(|e| e.to_string())
        }
        Format::Speedscope => Ok(speedscope(profile, title).into_bytes()),
    }
}

/// speedscope's "sampled" file: shared frames, one profile whose samples list frame indices
/// root first, weights in the metric's base unit (speedscope scales them itself).
fn speedscope(profile: &Profile, title: &str) -> String {
    let (unit, factor) = match profile.unit {
        Unit::Plain => ("none", 1),
        Unit::Time { scale } => ("nanoseconds", scale),
        Unit::Bytes { scale } => ("bytes", scale),
    };
    let mut index: std::collections::HashMap<&Frame, usize> = std::collections::HashMap::new();
    let mut frames = Vec::new();
    let mut samples = Vec::with_capacity(profile.stacks.len());
    let mut weights = Vec::with_capacity(profile.stacks.len());
    for (stack, n) in &profile.stacks {
        let ids: Vec<usize> = stack
            .iter()
            .map(|f| {
                *index.entry(f).or_insert_with(|| {
                    frames.push(serde_json::json!({ "name": f.folded_name() }));
                    frames.len() - 1
                })
            })
            .collect();
        samples.push(ids);
        weights.push(n.saturating_mul(factor));
    }
    let total = weights.iter().fold(0u64, |a, &w| a.saturating_add(w));
    let doc = serde_json::json!({
        "$schema": "https://www.speedscope.app/file-format-schema.json",
        "name": title,
        "exporter": concat!("flamescript ", env!("CARGO_PKG_VERSION")),
        "activeProfileIndex": 0,
        "shared": { "frames": frames },
        "profiles": [{
            "type": "sampled",
            "name": title,
            "unit": unit,
            "startValue": 0,
            "endValue": total,
            "samples": samples,
            "weights": weights,
        }],
    });
    doc.to_string()
}

/// The directory a path's file goes in (`.` for a bare name).
fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over `path`: the rename
/// is atomic within a directory, so `path` is either the old file or the whole new one. On any
/// failure the temporary file is removed. The error says which step failed, for the user.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let shown = path.display();
    let Some(name) = path.file_name() else {
        let message = format!("cannot write `{shown}`: the path names no file");
        return Err(refused(message, HELP_WRITE));
    };
    let dir = directory_of(path);
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let mut file: File = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(|e| {
            let message = format!(
                "cannot write `{shown}`: cannot create a file in `{}`: {e}",
                dir.display()
            );
            refused(message, HELP_WRITE)
        })?;
    let res = (|| {
        file.write_all(bytes)?;
        // On disk before the rename, so a crash cannot leave a renamed but empty file.
        file.sync_all()?;
        give_to_sudo_user(&tmp);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = res {
        let _ = fs::remove_file(&tmp);
        return Err(refused(format!("cannot write `{shown}`: {e}"), HELP_WRITE));
    }
    Ok(())
}

/// Under `sudo`, files belong to the user who ran it (`SUDO_UID`/`SUDO_GID`), not to root, so
/// they can be moved and deleted without sudo. A failure is ignored: the file is complete and
/// owned by whoever we run as, which is what a non-sudo run gives too.
fn give_to_sudo_user(path: &Path) {
    let id = |var: &str| std::env::var(var).ok()?.parse::<u32>().ok();
    if let (Some(uid), Some(gid)) = (id("SUDO_UID"), id("SUDO_GID")) {
        let _ = std::os::unix::fs::chown(path, Some(uid), Some(gid));
    }
}

/// How the terminal shows results.
#[derive(Clone, Debug)]
pub(crate) struct TerminalOptions {
    /// Stacks shown per flame-graph map, heaviest first.
    pub(crate) top: usize,
    /// The `-o` files the first flame-graph map went to; empty when it went nowhere, in which
    /// case it prints like the others.
    pub(crate) written_to: Vec<PathBuf>,
}

/// Prints the results: flame-graph maps as their heaviest stacks, other maps as tables, the
/// loss report, and a hint when a graph went only to the terminal.
pub(crate) fn print_terminal(results: &Results, options: &TerminalOptions) {
    print!("{}", terminal_text(results, options));
}

fn terminal_text(results: &Results, options: &TerminalOptions) -> String {
    let mut out = String::new();
    let mut printed_graph = false;
    for (idx, (name, profile)) in results.profiles.iter().enumerate() {
        if idx == 0 && !options.written_to.is_empty() {
            let files: Vec<String> = options
                .written_to
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            out.push_str(&format!("{name}: written to {}\n", files.join(", ")));
            continue;
        }
        printed_graph = true;
        out.push_str(&top_stacks(name, profile, options.top));
    }
    for (_, text) in &results.tables {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(text);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!("losses: {}\n", results.losses.summary_line()));
    if printed_graph {
        out.push_str("hint: write a flame graph with -o out.svg\n");
    }
    out
}

/// A flame-graph map's heaviest stacks, leaf first and indented, each under its weight.
fn top_stacks(name: &str, profile: &Profile, top: usize) -> String {
    let total = profile.total();
    let mut out = format!(
        "{name}: {} stacks, total {}\n",
        profile.stacks.len(),
        weight_text(total, profile)
    );
    let mut order: Vec<&(Vec<Frame>, u64)> = profile.stacks.iter().collect();
    // Heaviest first; equal weights in the profile's (sorted) order, so output is stable.
    order.sort_by_key(|it| std::cmp::Reverse(it.1));
    for (frames, n) in order.iter().take(top) {
        let share = if total == 0 {
            0.0
        } else {
            100.0 * *n as f64 / total as f64
        };
        out.push_str(&format!("  {} ({share:.1}%)\n", weight_text(*n, profile)));
        for frame in frames.iter().rev() {
            out.push_str(&format!("      {}\n", frame.folded_name()));
        }
    }
    if order.len() > top {
        out.push_str(&format!("  … {} more stacks\n", order.len() - top));
    }
    out
}

/// A weight in human units: "12.3 ms", "4.0 KiB", "1,234 samples".
fn weight_text(n: u64, profile: &Profile) -> String {
    match profile.unit {
        Unit::Plain => format!("{} {}", format_value(n, Unit::Plain), profile.value_name),
        unit => format_value(n, unit),
    }
}

#[cfg(test)]
mod tests {
    use runtime::fold::FrameKind;
    use runtime::losses::LossReport;

    use super::*;

    fn profile() -> Profile {
        let f = |name: &str, kind| Frame::new(name, kind);
        Profile::from_stacks(
            [
                (
                    vec![
                        f("main", FrameKind::User),
                        f("read", FrameKind::User),
                        f("vfs_read", FrameKind::Kernel),
                    ],
                    3_000_000,
                ),
                (vec![f("main", FrameKind::User)], 1_000_000),
                (vec![f("idle", FrameKind::User)], 500),
            ],
            Unit::NS,
            "time",
            LossReport::default(),
        )
    }

    #[test]
    fn speedscope_lists_frames_once_root_first() {
        let text = speedscope(&profile(), "t");
        let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let frames: Vec<&str> = doc["shared"]["frames"]
            .as_array()
            .expect("frames")
            .iter()
            .map(|f| f["name"].as_str().expect("name"))
            .collect();
        assert_eq!(frames, ["idle", "main", "read", "vfs_read_[k]"]);
        let p = &doc["profiles"][0];
        assert_eq!(p["unit"], "nanoseconds");
        assert_eq!(p["samples"], serde_json::json!([[0], [1], [1, 2, 3]]));
        assert_eq!(p["weights"], serde_json::json!([500, 1_000_000, 3_000_000]));
        assert_eq!(p["endValue"], 4_000_500);
    }

    #[test]
    fn terminal_shows_top_stacks_tables_losses_and_the_hint() {
        let results = Results {
            profiles: vec![("@".into(), profile())],
            tables: vec![("@n".into(), "@n[1]: 2\n".into())],
            losses: LossReport::default(),
        };
        let options = TerminalOptions {
            top: 2,
            written_to: Vec::new(),
        };
        assert_eq!(
            terminal_text(&results, &options),
            "@: 3 stacks, total 4.00 ms\n  \
             3.00 ms (75.0%)\n      vfs_read_[k]\n      read\n      main\n  \
             1.00 ms (25.0%)\n      main\n  \
             … 1 more stacks\n\
             \n@n[1]: 2\n\
             \nlosses: no losses\n\
             hint: write a flame graph with -o out.svg\n"
        );
        let written = TerminalOptions {
            top: 2,
            written_to: vec![PathBuf::from("out.svg")],
        };
        let text = terminal_text(&results, &written);
        assert!(text.starts_with("@: written to out.svg\n"), "{text}");
        assert!(!text.contains("hint:"), "{text}");
    }
}
