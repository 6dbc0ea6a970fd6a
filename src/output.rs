//! Where results go: files by extension (`-o`), and the terminal.
//!
//! Owns the output policy: one profile per file (with several flame-graph maps, the FIRST one
//! in script order goes to the `-o` files and the others print), every format rendered in
//! memory before any file is touched, each file written unnamed in its own directory and only
//! then named and renamed into place (a reader never sees half a file, a failure or a kill
//! leaves none), and files handed back to the invoking user under `sudo`, through the open
//! descriptor and never by name. What the bytes are is the runtime's renderers' business,
//! except speedscope's small JSON, written here.

use std::ffi::{CString, OsStr};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use compiler::artifact::{Artifact, AttachSpec, Sampling, SoftwareEvent};
use compiler::types::Unit;
use runtime::fold::{Frame, Profile};
use runtime::render::{flamechart, folded, heatmap, pprof, svg};
use runtime::results::Results;
use runtime::timeline::{self, Timeline};
use runtime::units::{Decimals, format_value, thousands};

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
const HELP_FULL: &str =
    "free some space there, or write to another disk (the results are shown above)";

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
        // An unnamed file leaves nothing behind even if we are killed right now.
        if open_unnamed(dir).is_some() {
            continue;
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

/// Refuses `.html` (the heatmap) where there are no event times: `render` and `diff` read
/// folded or pprof input, which keeps none.
pub(crate) fn refuse_time_views(paths: &[PathBuf]) -> Result<(), OutputError> {
    match paths
        .iter()
        .find(|p| Format::from_path(p) == Some(Format::Heatmap))
    {
        Some(path) => Err(refused(
            format!(
                "cannot write `{}`: a heatmap needs each event's time, and a folded or pprof \
                 file keeps none",
                path.display()
            ),
            "write it from the run itself (`flamescript -e SCRIPT -o heat.html`), or from a \
             recording (`flamescript replay perf.data -e SCRIPT -o heat.html`)",
        )),
        None => Ok(()),
    }
}

/// Whether the outputs need each event's time: a heatmap, or `--flamechart`.
pub(crate) fn wants_times(paths: &[PathBuf], flamechart: bool) -> bool {
    flamechart
        || paths
            .iter()
            .any(|p| Format::from_path(p) == Some(Format::Heatmap))
}

/// `--flamechart` needs files to draw, and none of them pprof (which keeps no order).
pub(crate) fn check_flamechart(paths: &[PathBuf], flamechart: bool) -> Result<(), OutputError> {
    if !flamechart {
        return Ok(());
    }
    if paths.is_empty() {
        return Err(refused(
            "--flamechart draws the files -o writes, and none was given".to_string(),
            "add e.g. -o chart.svg or -o chart.json",
        ));
    }
    if let Some(p) = paths
        .iter()
        .find(|p| Format::from_path(p) == Some(Format::Pprof))
    {
        return Err(refused(
            format!(
                "--flamechart orders frames by time, and pprof (`{}`) keeps no order",
                p.display()
            ),
            "write the flame chart as .svg, .json (speedscope) or .folded",
        ));
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

/// How the graphs are drawn and named: the title, the SVG's width and direction, and the
/// decimal places of the weights (fractional folded input).
#[derive(Clone, Debug)]
pub(crate) struct Look {
    pub(crate) title: String,
    pub(crate) width: Option<usize>,
    pub(crate) inverted: bool,
    pub(crate) decimals: Decimals,
}

impl Look {
    /// The default look, titled.
    pub(crate) fn titled(title: &str) -> Look {
        Look {
            title: title.to_string(),
            width: None,
            inverted: false,
            decimals: Decimals::default(),
        }
    }
}

/// What a run knows about its results that a profile does not: what it ran, and when.
pub(crate) struct RunInfo<'a> {
    pub(crate) artifact: &'a Artifact,
    /// When the probes were attached, and for how long.
    pub(crate) attached_at: SystemTime,
    pub(crate) elapsed: Duration,
}

impl RunInfo<'_> {
    /// What one sample of `profile` stands for, when its weights are a sampled probe's: the
    /// samples `count()`ed by `profile` are `cpu` time, one period each (the kernel turns
    /// `hz` into a period of 1e9/hz ns for the cpu-clock event); a `pagefault` clause's are
    /// faults. `None` when several sampled probes (or none) feed the run, or the map is not
    /// counted by the sampled one: no period would be true of its samples.
    fn sampling(&self, profile: &Profile) -> Option<pprof::Sampling> {
        let mut sampled: Vec<(SoftwareEvent, Sampling)> = Vec::new();
        for p in &self.artifact.programs {
            if let AttachSpec::PerfEvent { event, sample } = p.attach
                && !sampled.contains(&(event, sample))
            {
                sampled.push((event, sample));
            }
        }
        let [(event, sample)] = sampled.as_slice() else {
            return None;
        };
        let (kind, unit, period, counted_as) = match (event, sample) {
            (SoftwareEvent::CpuClock, Sampling::Frequency(hz)) if *hz > 0 => {
                ("cpu", "nanoseconds", 1_000_000_000 / hz, "samples")
            }
            (SoftwareEvent::CpuClock, Sampling::Period(ns)) => {
                ("cpu", "nanoseconds", *ns, "samples")
            }
            (SoftwareEvent::PageFaults, Sampling::Period(n)) => {
                ("page-faults", "count", *n, "faults")
            }
            _ => return None,
        };
        let counted = profile.unit == Unit::Plain && profile.value_name == counted_as;
        counted.then(|| pprof::Sampling {
            kind: kind.to_string(),
            unit: unit.to_string(),
            period: i64::try_from(period).unwrap_or(i64::MAX),
            weigh: true,
        })
    }

    /// The pprof settings of a run's `profile`.
    fn pprof(&self, profile: &Profile) -> PprofRun {
        let since_epoch = self
            .attached_at
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        let nanos = |d: Duration| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX);
        PprofRun {
            time_nanos: nanos(since_epoch),
            duration_nanos: nanos(self.elapsed),
            sampling: self.sampling(profile),
        }
    }
}

/// What a run adds to a pprof file (`PprofConfig`'s run facts).
#[derive(Clone, Debug, Default)]
struct PprofRun {
    time_nanos: i64,
    duration_nanos: i64,
    sampling: Option<pprof::Sampling>,
}

/// Writes the run's first flame-graph map to every path, in the format its extension names.
pub(crate) fn write_outputs(
    results: &Results,
    look: &Look,
    paths: &[PathBuf],
    run: &RunInfo<'_>,
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
    write_with_run(profile, look, paths, &run.pprof(profile), None)
}

/// Writes a live run's first flame-graph map to every path with its time views (the events
/// it kept with their times).
pub(crate) fn write_outputs_timed(
    results: &Results,
    look: &Look,
    paths: &[PathBuf],
    run: &RunInfo<'_>,
    times: &Times<'_>,
) -> Result<(), OutputError> {
    match results.profiles.first() {
        Some((_, profile)) => {
            write_with_run(profile, look, paths, &run.pprof(profile), Some(times))
        }
        None => write_outputs(results, look, paths, run),
    }
}

/// The time views of a replay or a run: the timeline of the written map, and whether `--flamechart` asked
/// for the .svg, .json and .folded files in time order.
pub(crate) struct Times<'a> {
    pub(crate) timeline: &'a Timeline,
    pub(crate) flamechart: bool,
}

/// Writes a replay's first flame-graph map to every path, with its time views.
pub(crate) fn write_replay(
    profile: &Profile,
    look: &Look,
    paths: &[PathBuf],
    run: &RunInfo<'_>,
    times: &Times<'_>,
) -> Result<(), OutputError> {
    write_with_run(profile, look, paths, &run.pprof(profile), Some(times))
}

/// Writes one profile to every path. All formats are rendered first, so a profile that cannot
/// be drawn creates no file at all.
pub(crate) fn write_profile(
    profile: &Profile,
    look: &Look,
    paths: &[PathBuf],
) -> Result<(), OutputError> {
    write_with_run(profile, look, paths, &PprofRun::default(), None)
}

fn write_with_run(
    profile: &Profile,
    look: &Look,
    paths: &[PathBuf],
    run: &PprofRun,
    times: Option<&Times<'_>>,
) -> Result<(), OutputError> {
    let mut rendered = Vec::with_capacity(paths.len());
    for path in paths {
        let format = Format::from_path(path).ok_or_else(|| unknown_format(path))?;
        let bytes = render(profile, look, format, run, times).map_err(|e| {
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

fn render(
    profile: &Profile,
    look: &Look,
    format: Format,
    run: &PprofRun,
    times: Option<&Times<'_>>,
) -> Result<Vec<u8>, String> {
    let chart = times.filter(|t| t.flamechart).map(|t| t.timeline);
    match format {
        Format::Svg => {
            let config = svg::SvgConfig {
                width: look.width,
                inverted: look.inverted,
                decimals: look.decimals,
                ..svg::SvgConfig::new(&look.title)
            };
            match chart {
                Some(t) => flamechart::render(t, &config).map_err(|e| e.to_string()),
                None => svg::render(profile, &config).map_err(|e| e.to_string()),
            }
        }
        Format::Folded => match chart {
            Some(t) => {
                let (mut lines, _) = flamechart::lines(t);
                lines.push(String::new());
                Ok(lines.join("\n").into_bytes())
            }
            None => Ok(folded::write_exact(profile, look.decimals).into_bytes()),
        },
        Format::Heatmap => match times {
            Some(t) => heatmap::render(t.timeline, &look.title).map_err(|e| e.to_string()),
            None => Err("a heatmap needs each event's time".to_string()),
        },
        Format::Pprof => {
            let config = pprof::PprofConfig {
                title: look.title.clone(),
                decimals: look.decimals,
                time_nanos: run.time_nanos,
                duration_nanos: run.duration_nanos,
                sampling: run.sampling.clone(),
                ..Default::default()
            };
            pprof::render(profile, &config).map_err(|e| e.to_string())
        }
        Format::Speedscope => match chart {
            Some(t) => Ok(speedscope_evented(t, look).into_bytes()),
            None => Ok(speedscope(profile, look).into_bytes()),
        },
    }
}

/// speedscope's "evented" file (`--flamechart`): one profile per thread, in the order threads
/// first ran, each frame opened and closed at the times its samples say (a run of samples
/// with one stack lasts from the first one's time to the last one's end: its time plus its
/// period), times in nanoseconds since the first event, so speedscope's "Time Order" view is
/// the flame chart. Stacks keep their frames across samples while they share a prefix.
fn speedscope_evented(t: &Timeline, look: &Look) -> String {
    use std::collections::HashMap;
    let title = look.title.as_str();
    let t0 = t.start_ns();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut frames = Vec::new();
    let stacks: Vec<Vec<usize>> = t
        .stacks
        .iter()
        .map(|stack| {
            stack
                .iter()
                .map(|f| {
                    let name = f.folded_name().into_owned();
                    *index.entry(name.clone()).or_insert_with(|| {
                        frames.push(serde_json::json!({ "name": name }));
                        frames.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    let mut profiles = Vec::new();
    for (thread, runs) in timeline::runs(t) {
        let th = &t.threads[thread as usize];
        let mut events = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let (mut cursor, mut end) = (0u64, 0u64);
        let close_to = |open: &mut Vec<usize>, keep: usize, at: u64, events: &mut Vec<_>| {
            while open.len() > keep {
                let frame = open.pop().unwrap_or_default();
                events.push(serde_json::json!({ "type": "C", "frame": frame, "at": at }));
            }
        };
        for run in runs {
            let (stack, first, last) = (run.stack, run.start_ns, run.end_ns);
            let start = first.saturating_sub(t0).max(cursor);
            if end < start {
                // The thread did not run between: its frames close where its samples ended.
                close_to(&mut open, 0, end.max(cursor), &mut events);
            }
            let ids = &stacks[stack as usize];
            let common = open.iter().zip(ids).take_while(|(a, b)| a == b).count();
            close_to(&mut open, common, start, &mut events);
            for &id in &ids[common..] {
                events.push(serde_json::json!({ "type": "O", "frame": id, "at": start }));
                open.push(id);
            }
            cursor = start;
            // An event with no duration of its own (a tracepoint) is drawn 1 µs wide.
            let own_end = last.saturating_sub(t0);
            end = if own_end > start {
                own_end
            } else {
                start + 1_000
            };
        }
        close_to(&mut open, 0, end.max(cursor), &mut events);
        profiles.push(serde_json::json!({
            "type": "evented",
            "name": format!("{} (pid {}, tid {})", th.comm, th.pid, th.tid),
            "unit": "nanoseconds",
            "startValue": 0,
            "endValue": end,
            "events": events,
        }));
    }
    let doc = serde_json::json!({
        "$schema": "https://www.speedscope.app/file-format-schema.json",
        "name": title,
        "exporter": concat!("flamescript ", env!("CARGO_PKG_VERSION")),
        "activeProfileIndex": 0,
        "shared": { "frames": frames },
        "profiles": profiles,
    });
    doc.to_string()
}

/// speedscope's "sampled" file: shared frames, one profile whose samples list frame indices
/// root first, weights in the metric's base unit (speedscope scales them itself).
fn speedscope(profile: &Profile, look: &Look) -> String {
    let title = look.title.as_str();
    let (unit, factor) = match profile.unit {
        Unit::Plain => ("none", 1),
        Unit::Time { scale } => ("nanoseconds", scale),
        Unit::Bytes { scale } => ("bytes", scale),
    };
    let mut index: std::collections::HashMap<&Frame, usize> = std::collections::HashMap::new();
    let mut frames = Vec::new();
    let mut samples = Vec::with_capacity(profile.stacks.len());
    let mut weights: Vec<u64> = Vec::with_capacity(profile.stacks.len());
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
    // Fractional weights (folded input) are written as the decimals they were.
    let number = |n: u64| match look.decimals {
        Decimals(0) => serde_json::json!(n),
        decimals => serde_json::json!(decimals.value(n)),
    };
    let weights: Vec<serde_json::Value> = weights.into_iter().map(number).collect();
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
            "endValue": number(total),
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

/// Writes `bytes` to `path` so that a reader (or a crash) never sees half a file: the file is
/// written without a name (`O_TMPFILE`), handed to the invoking user under `sudo`, synced, and
/// only then linked under a temporary name beside `path` and renamed over it (the rename is
/// atomic within a directory). Where the file system has no unnamed files, a named temporary
/// file is written instead, and the leftovers of runs killed while writing are removed first.
/// On any failure nothing of ours remains. The error says which step failed, for the user.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let cfg = WriteConfig {
        owner: sudo_owner(),
        unnamed: true,
    };
    write_with(path, bytes, cfg, &mut |_| {})
}

/// Who written files are handed to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Owner {
    uid: u32,
    gid: u32,
}

/// Under `sudo`, files belong to the user who ran it (`SUDO_UID`/`SUDO_GID`), not to root, so
/// they can be moved and deleted without sudo.
fn sudo_owner() -> Option<Owner> {
    let id = |var: &str| std::env::var(var).ok()?.parse::<u32>().ok();
    Some(Owner {
        uid: id("SUDO_UID")?,
        gid: id("SUDO_GID")?,
    })
}

/// How `write_with` writes (`write_atomic` takes the defaults; tests choose).
#[derive(Clone, Copy, Debug)]
struct WriteConfig {
    /// Hand the file to this user.
    owner: Option<Owner>,
    /// Try an unnamed file first; `false` forces the named temporary file.
    unnamed: bool,
}

/// `write_atomic`, with `written` called once the bytes are written, before the owner is set
/// and the file is put in place, with the temporary file's name if it has one yet.
fn write_with(
    path: &Path,
    bytes: &[u8],
    cfg: WriteConfig,
    written: &mut dyn FnMut(Option<&Path>),
) -> Result<(), OutputError> {
    let shown = path.display();
    let Some(name) = path.file_name() else {
        let message = format!("cannot write `{shown}`: the path names no file");
        return Err(refused(message, HELP_WRITE));
    };
    let dir = directory_of(path);
    remove_leftovers(dir, name);
    let tmp = dir.join(temp_name(name, std::process::id()));
    let unnamed = if cfg.unnamed { open_unnamed(dir) } else { None };
    let named = unnamed.is_none();
    let mut file = match unnamed {
        Some(file) => file,
        None => OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .map_err(|e| {
                let message = format!(
                    "cannot write `{shown}`: cannot create a file in `{}`: {e}",
                    dir.display()
                );
                refused(message, HELP_WRITE)
            })?,
    };
    let res = (|| {
        file.write_all(bytes)?;
        written(named.then_some(tmp.as_path()));
        if let Some(owner) = cfg.owner {
            // Through the descriptor, never the name: where the directory is writable by the
            // user, the name can be swapped for a symlink, and root would follow it and give
            // away the file it points to. A failure is ignored: the file is complete and owned
            // by whoever we run as, which is what a run without sudo gives too.
            let _ = std::os::unix::fs::fchown(&file, Some(owner.uid), Some(owner.gid));
        }
        // On disk before it gets a name, so a crash cannot leave a renamed but empty file.
        file.sync_all()?;
        if !named {
            link_unnamed(&file, &tmp)?;
        }
        ensure_same_file(&file, &tmp)?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = res {
        // The name carries our pid: whatever is there now is ours, or was put in our place.
        // (Unlinking never follows a symlink.)
        let _ = fs::remove_file(&tmp);
        let help = match e.raw_os_error() {
            Some(libc::ENOSPC | libc::EDQUOT) => HELP_FULL,
            _ => HELP_WRITE,
        };
        return Err(refused(format!("cannot write `{shown}`: {e}"), help));
    }
    Ok(())
}

/// `.NAME.PID.tmp`: the temporary name of `NAME` written by process `pid`.
fn temp_name(name: &OsStr, pid: u32) -> String {
    format!(".{}.{pid}.tmp", name.to_string_lossy())
}

/// A file in `dir` with no name (`O_TMPFILE`), or `None` where the file system or the kernel
/// has none (then a named temporary file is used, and any error is reported by creating it).
fn open_unnamed(dir: &Path) -> Option<File> {
    OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_TMPFILE)
        .mode(0o666)
        .open(dir)
        .ok()
}

/// Gives the unnamed `file` the name `tmp`. A file already there carries our pid, so it is a
/// dead run's leftover or was planted: it is replaced.
fn link_unnamed(file: &File, tmp: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let to = CString::new(tmp.as_os_str().as_bytes())?;
    let fd = file.as_raw_fd();
    let via_proc = CString::new(format!("/proc/self/fd/{fd}"))?;
    let link = || {
        // Root links the descriptor itself (`AT_EMPTY_PATH` needs CAP_DAC_READ_SEARCH); anyone
        // else through its /proc name.
        // SAFETY: `fd` is open for the call; both paths are NUL-terminated strings that live
        // through it.
        let rc = unsafe {
            libc::linkat(
                fd,
                c"".as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                libc::AT_EMPTY_PATH,
            )
        };
        if rc == 0 {
            return Ok(());
        }
        let first = std::io::Error::last_os_error();
        if first.raw_os_error() == Some(libc::EEXIST) {
            return Err(first);
        }
        // SAFETY: as above.
        let rc = unsafe {
            libc::linkat(
                libc::AT_FDCWD,
                via_proc.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                libc::AT_SYMLINK_FOLLOW,
            )
        };
        if rc == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    };
    match link() {
        Err(e) if e.raw_os_error() == Some(libc::EEXIST) => {
            fs::remove_file(tmp)?;
            link()
        }
        res => res,
    }
}

/// Refuses to put in place anything but the file we wrote: its temporary name may have been
/// swapped (for a symlink to some other file, say) by whoever can write the directory.
fn ensure_same_file(file: &File, tmp: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let ours = file.metadata()?;
    let there = fs::symlink_metadata(tmp)?;
    if (ours.dev(), ours.ino()) != (there.dev(), there.ino()) {
        return Err(std::io::Error::other(format!(
            "`{}` was replaced while it was being written",
            tmp.display()
        )));
    }
    Ok(())
}

/// Removes `.NAME.PID.tmp` files beside `NAME` whose process no longer exists: runs killed
/// while writing it (before unnamed files, or between the link and the rename). A live pid's
/// file is left alone; without /proc nothing is removed.
fn remove_leftovers(dir: &Path, name: &OsStr) {
    let (Some(name), Ok(entries)) = (name.to_str(), fs::read_dir(dir)) else {
        return;
    };
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let pid = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = fs::remove_file(entry.path());
        }
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
    /// Our own messages (where the graph was written, the loss report, hints) go to stderr:
    /// with `-o` the results are in files, and stdout may be a `-c` command's output
    /// (`-c 'gzip -c f' -o g.svg > f.gz`), which they must not corrupt.
    pub(crate) messages_to_stderr: bool,
}

/// What the terminal shows, split by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct TerminalText {
    /// What the user asked to see: maps not written to a file (top stacks, tables).
    results: String,
    /// About the run: where the graph went, the loss report, a hint.
    messages: String,
}

/// Prints the results: flame-graph maps as their heaviest stacks, other maps as tables, the
/// loss report, and a hint when a graph went only to the terminal. The results go to stdout;
/// the messages follow them there, or go to stderr (`messages_to_stderr`).
pub(crate) fn print_terminal(results: &Results, options: &TerminalOptions) {
    let text = terminal_text(results, options);
    if options.messages_to_stderr {
        crate::print_out(&text.results);
        eprint!("{}", text.messages);
    } else {
        crate::print_out(&joined(&text));
    }
}

/// Results, then a blank line, then the messages: the view on one stream.
fn joined(text: &TerminalText) -> String {
    if text.results.is_empty() {
        return text.messages.clone();
    }
    format!("{}\n{}", text.results, text.messages)
}

fn terminal_text(results: &Results, options: &TerminalOptions) -> TerminalText {
    let mut out = String::new();
    let mut messages = String::new();
    let mut printed_graph = false;
    for (idx, (name, profile)) in results.profiles.iter().enumerate() {
        if idx == 0 && !options.written_to.is_empty() {
            let files: Vec<String> = options
                .written_to
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            messages.push_str(&format!("{name}: written to {}\n", files.join(", ")));
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
    messages.push_str(&format!("losses: {}\n", results.losses.summary_line()));
    // With -o given (messages to stderr), a printed graph is one -o does not write, or one it
    // failed to write: the hint would be no help.
    if printed_graph && !options.messages_to_stderr {
        messages.push_str("hint: write a flame graph with -o out.svg\n");
    }
    TerminalText {
        results: out,
        messages,
    }
}

/// A flame-graph map's heaviest stacks, leaf first and indented, each under its weight.
fn top_stacks(name: &str, profile: &Profile, top: usize) -> String {
    let total = profile.total();
    let mut out = format!(
        "{name}: {}, total {}\n",
        counted(profile.stacks.len() as u64, "stacks"),
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
        let more = more((order.len() - top) as u64, "stacks");
        out.push_str(&format!("  … {more}\n"));
    }
    out
}

/// A weight in human units: "12.3 ms", "4.0 KiB", "1,234 samples".
/// `n` and the word for what is counted, singular for one: "1 sample", "2 samples".
pub(crate) fn counted(n: u64, plural: &str) -> String {
    let word = match plural.strip_suffix('s') {
        Some(one) if n == 1 && !one.ends_with('s') => one,
        _ => plural,
    };
    format!("{} {word}", thousands(n))
}

/// "1 more stack", "2 more stacks".
pub(crate) fn more(n: u64, plural: &str) -> String {
    let text = counted(n, plural);
    match text.split_once(' ') {
        Some((num, word)) => format!("{num} more {word}"),
        None => text,
    }
}

fn weight_text(n: u64, profile: &Profile) -> String {
    match profile.unit {
        Unit::Plain => counted(n, &profile.value_name),
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

    /// A fresh, empty directory for one test.
    fn scratch(test: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("fs_output_{test}_{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("creating the scratch directory");
        dir
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("reading the scratch directory")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    // See: issue 19 — under sudo the file is handed to the user through its descriptor: a
    // symlink swapped in at the temporary name (the user can write the directory) gives away
    // nothing, and is not put in place either.
    #[test]
    fn issue_19_owner_is_set_through_the_descriptor_never_the_name() {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("issue_19_owner_is_set_through_the_descriptor: skipped, needs root to chown");
            return;
        }
        let dir = scratch("fchown");
        let victim = dir.join("victim");
        fs::write(&victim, "root's").expect("writing the victim");
        let out = dir.join("out.svg");
        let cfg = WriteConfig {
            owner: Some(Owner {
                uid: 65534,
                gid: 65533,
            }),
            unnamed: false,
        };
        let mut swapped = false;
        let res = write_with(&out, b"graph", cfg, &mut |tmp| {
            let tmp = tmp.expect("the named temporary file");
            fs::remove_file(tmp).expect("removing the temporary name");
            std::os::unix::fs::symlink(&victim, tmp).expect("planting the symlink");
            swapped = true;
        });
        assert!(swapped, "the writer never showed its temporary name");
        let meta = fs::metadata(&victim).expect("the victim");
        assert_eq!(
            (meta.uid(), meta.gid()),
            (0, 0),
            "the victim was given away"
        );
        assert_eq!(fs::read_to_string(&victim).expect("the victim"), "root's");
        let err = res.expect_err("a swapped temporary file is not put in place");
        assert!(err.message.contains("was replaced"), "{err}");
        assert_eq!(
            listing(&dir),
            ["victim"],
            "nothing put in place, nothing left"
        );

        // Left alone, the file is the user's.
        write_with(&out, b"graph", cfg, &mut |_| {}).expect("writing");
        let meta = fs::metadata(&out).expect("the output");
        assert_eq!((meta.uid(), meta.gid()), (65534, 65533));
        assert_eq!(fs::read_to_string(&out).expect("the output"), "graph");
        let _ = fs::remove_dir_all(&dir);
    }

    // See: issue 19 — a kill while writing leaves no partial file: the file has no name until
    // it is complete, and the leftovers of dead runs (named temporary files) are removed.
    #[test]
    fn issue_19_no_name_until_complete_and_dead_runs_leftovers_removed() {
        let dir = scratch("unnamed");
        let out = dir.join("out.folded");
        let pid_max: u32 = fs::read_to_string("/proc/sys/kernel/pid_max")
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(4_194_304);
        let name = OsStr::new("out.folded");
        let dead = temp_name(name, pid_max + 1);
        let live = temp_name(name, 1);
        for leftover in [&dead, &live] {
            fs::write(dir.join(leftover), "half a gr").expect("a leftover");
        }
        let cfg = WriteConfig {
            owner: None,
            unnamed: true,
        };
        let mut seen = None;
        write_with(&out, b"a;b 1\n", cfg, &mut |tmp| {
            seen = Some((tmp.map(Path::to_path_buf), listing(&dir)));
        })
        .expect("writing");
        let (tmp, during) = seen.expect("the writer reported the written bytes");
        assert_eq!(tmp, None, "the written file has no name yet");
        assert_eq!(
            during,
            std::slice::from_ref(&live),
            "only a live run's file beside ours"
        );
        assert_eq!(listing(&dir), [live, "out.folded".to_string()]);
        assert_eq!(fs::read_to_string(&out).expect("the output"), "a;b 1\n");

        // A name at ours (a dead run with our pid, or planted) is replaced, not followed.
        let ours = dir.join(temp_name(name, std::process::id()));
        std::os::unix::fs::symlink(dir.join("elsewhere"), &ours).expect("planting");
        write_with(&out, b"a;b 2\n", cfg, &mut |_| {}).expect("writing over a planted name");
        assert_eq!(fs::read_to_string(&out).expect("the output"), "a;b 2\n");
        assert!(
            !dir.join("elsewhere").exists(),
            "the planted link was followed"
        );
        assert!(
            fs::symlink_metadata(&ours).is_err(),
            "the temporary name remains"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn evented_speedscope_opens_and_closes_frames_at_the_samples_times() {
        use runtime::timeline::{Thread, TimedEvent};
        let f = |n: &str| Frame::new(n, runtime::fold::FrameKind::User);
        let ev = |t: u64, stack: u32| TimedEvent {
            time_ns: t,
            thread: 0,
            stack,
            weight: 1,
            span_ns: 10,
        };
        let t = Timeline {
            stacks: vec![vec![f("main"), f("a")], vec![f("main"), f("b")]],
            threads: vec![Thread {
                pid: 1,
                tid: 2,
                comm: "x".into(),
            }],
            // a twice, then b, then a gap of 70 ns, then a.
            events: vec![ev(100, 0), ev(110, 0), ev(120, 1), ev(200, 0)],
            unit: Unit::Plain,
            value_name: "samples".into(),
            losses: runtime::losses::LossReport::default(),
        };
        let doc: serde_json::Value =
            serde_json::from_str(&speedscope_evented(&t, &Look::titled("t"))).unwrap();
        let p = &doc["profiles"][0];
        assert_eq!(p["type"], "evented");
        let events: Vec<String> = p["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| format!("{}{}@{}", e["type"].as_str().unwrap(), e["frame"], e["at"]))
            .collect();
        // Frames: main 0, a 1, b 2. main stays open while a turns into b; the gap closes it.
        assert_eq!(
            events,
            [
                "O0@0", "O1@0", "C1@20", "O2@20", "C2@30", "C0@30", "O0@100", "O1@100", "C1@110",
                "C0@110"
            ]
        );
        assert_eq!(p["endValue"], 110);
    }

    #[test]
    fn speedscope_lists_frames_once_root_first() {
        let text = speedscope(&profile(), &Look::titled("t"));
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
            messages_to_stderr: false,
        };
        assert_eq!(
            joined(&terminal_text(&results, &options)),
            "@: 3 stacks, total 4.00 ms\n  \
             3.00 ms (75.0%)\n      vfs_read_[k]\n      read\n      main\n  \
             1.00 ms (25.0%)\n      main\n  \
             … 1 more stack\n\
             \n@n[1]: 2\n\
             \nlosses: no losses\n\
             hint: write a flame graph with -o out.svg\n"
        );
        let written = TerminalOptions {
            top: 2,
            written_to: vec![PathBuf::from("out.svg")],
            messages_to_stderr: true,
        };
        let text = terminal_text(&results, &written);
        assert_eq!(text.results, "@n[1]: 2\n", "only the table is a result");
        assert!(
            text.messages.starts_with("@: written to out.svg\nlosses: "),
            "{text:?}"
        );
        assert!(!text.messages.contains("hint:"), "{text:?}");
    }
}
