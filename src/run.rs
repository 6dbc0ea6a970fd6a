//! Running a compiled script: load, attach, wait for the end (`-d`, Ctrl-C, SIGTERM, the `-c`
//! command exiting), collect, detach, write the results.
//!
//! The session is dropped — every program and link detached — before any output is written,
//! and on every error path by `Drop`. Processes being traced are snapshotted for symbolization
//! while they live (`Tracker`: the `-c` tree, the `-p` process, or every process system-wide,
//! polled every 100 ms), so a process that exits before the end still resolves.

#![allow(clippy::print_stderr, reason = "the binary is the only printer")]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use compiler::artifact::{Artifact, UserAction, UserClause, UserSpaceWhen};
use compiler::diag::{Diagnostic, Sources};
use runtime::session::{RuntimeError, Session};
use runtime::symbolize::Symbolizer;
use runtime::target::HeldCommand;

use crate::{EXIT_MACHINE, EXIT_USER, refuse, report};

/// How long a `-c` command still running when the run ends has after SIGTERM, before SIGKILL.
const COMMAND_GRACE: Duration = Duration::from_secs(2);

pub(crate) struct RunConfig {
    /// Stop after this many nanoseconds.
    pub(crate) duration: Option<u64>,
    /// Load (the verifier runs) but do not attach.
    pub(crate) dry_run: bool,
    pub(crate) outputs: Vec<PathBuf>,
    /// Which frames the flame graphs keep (`--no-inline`, `--kernel-only` …).
    pub(crate) fold: runtime::fold::FoldOptions,
    /// `-p`: the process traced (the run ends when it exits).
    pub(crate) pid: Option<u32>,
    /// The graphs' title, width and direction (`--title`, `--width`, `--inverted`).
    pub(crate) look: crate::output::Look,
    /// `--flamechart`: .svg, .json and .folded drawn in time order (needs the event times).
    pub(crate) flamechart: bool,
}

pub(crate) fn run(
    sources: &Sources,
    artifact: &Artifact,
    mut held: Option<&mut HeldCommand>,
    cfg: &RunConfig,
) -> Result<(), u8> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // Ctrl-C ends the run cleanly: results are still collected and written.
        let _ = signal_hook::flag::register(sig, Arc::clone(&stop));
    }
    // `-o` writes a flame graph: refuse before tracing when the script makes none.
    if !cfg.outputs.is_empty() && !artifact.maps.iter().any(runtime::results::is_flame_graph) {
        return Err(refuse(
            "-o writes a flame graph, and this script has no map keyed by a stack with count() or sum()",
            "key a map by kstack or ustack, e.g. @[kstack] = count(); or drop -o to print the maps",
        ));
    }
    let mut session = Session::load(artifact).map_err(|e| runtime_error(sources, e))?;
    if cfg.dry_run {
        eprintln!(
            "{} program(s) loaded: the kernel verifier accepted them (--dry-run: nothing attached)",
            artifact.programs.len()
        );
        return Ok(());
    }
    let mut symbolizer = Symbolizer::new();
    // User stacks walked in the kernel from unwind tables: a `-p` target's are loaded before
    // the probes fire, every other process's when the walk first meets it.
    let tables = runtime::tables_loader::TableMaps::of(&session).map(|maps| {
        let mut loader = runtime::tables_loader::Loader::new(maps);
        if let Some(pid) = cfg.pid {
            let _ = loader.load(pid);
        }
        loader.start()
    });
    // Time views: the events of the graph's map come with their times through a ring buffer,
    // read from before the first one fires.
    let graph_map = artifact
        .maps
        .iter()
        .position(runtime::results::is_flame_graph);
    let events = match graph_map {
        Some(map) => runtime::events::EventReader::start(&session, map)
            .map_err(|e| runtime_error(sources, e))?,
        None => None,
    };
    let started = Instant::now();
    session.attach().map_err(|e| runtime_error(sources, e))?;
    let attached = started.elapsed();
    let since_launch = crate::LAUNCH.get().map_or(attached, |t| t.elapsed());
    let mut tracker = Tracker::default();
    let scope = match (&held, cfg.pid) {
        (Some(_), _) => Scope::Tree,
        (None, Some(pid)) => Scope::Pid(pid),
        (None, None) => Scope::All,
    };
    if let Some(h) = held.as_deref_mut() {
        session
            .add_target(compiler::lower::TARGETS_MAP, h.pid())
            .map_err(|e| runtime_error(sources, e))?;
        h.release();
    }
    eprintln!(
        "Attached {} probe(s) in {:.1} ms ({:.1} ms from launch). {}",
        artifact.programs.len(),
        attached.as_secs_f64() * 1e3,
        since_launch.as_secs_f64() * 1e3,
        match (cfg.duration, &held) {
            (_, Some(_)) => "Tracing until the command exits (Ctrl-C to stop).".to_string(),
            (Some(d), None) => format!(
                "Tracing for {:.1} s (Ctrl-C to stop early).",
                d as f64 / 1e9
            ),
            (None, None) => "Tracing; Ctrl-C to end.".to_string(),
        }
    );
    let mut clauses = UserClauses::new(artifact, !cfg.outputs.is_empty());
    if clauses.run(&session, artifact, &mut symbolizer, UserSpaceWhen::Begin) {
        stop.store(true, Ordering::Relaxed);
    }
    let mut ending = Ending::default();
    let deadline = cfg
        .duration
        .map(|ns| Instant::now() + Duration::from_nanos(ns));
    loop {
        // Quick polls while traced processes are new: a short-lived one must be snapshot (for
        // symbols) before it exits, and its libraries are mapped in its first milliseconds.
        // Poll first: the command was released just now, and may live only milliseconds.
        if tracker.poll(&session, scope, &mut symbolizer)
            && let Some(loader) = &tables
        {
            loader.nudge();
        }
        tracker.prune(&session, artifact, &mut symbolizer);
        let nap = if tracker.is_fast() { 2 } else { 20 };
        std::thread::sleep(Duration::from_millis(nap));
        if clauses.tick(&session, artifact, &mut symbolizer) {
            stop.store(true, Ordering::Relaxed);
        }
        if stop.load(Ordering::Relaxed) || deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        if let Some(h) = held.as_deref_mut()
            && let Ok(Some(fate)) = h.try_wait()
        {
            ending.command = Some(fate);
            break;
        }
        if let Scope::Pid(pid) = scope
            && !alive(pid)
        {
            eprintln!("Process {pid} exited.");
            ending.process_exited = Some(pid);
            break;
        }
    }
    if let Some(fate) = ending.command
        && !fate.success()
    {
        eprintln!("The command {}.", fate.describe());
    }
    // Detach first: the traced system stops paying at once, and the maps are read in one
    // final, consistent state. END clauses run then, on that state.
    let stopped = Instant::now();
    session.detach();
    let tables = tables.map(runtime::tables_loader::LoaderThread::finish);
    let kept = events
        .map(runtime::events::EventReader::finish)
        .transpose()
        .map_err(|e| runtime_error(sources, e))?;
    let elapsed = started.elapsed().saturating_sub(attached);
    ending.elapsed_ns = elapsed.as_nanos() as u64;
    let detached = stopped.elapsed();
    clauses.run(&session, artifact, &mut symbolizer, UserSpaceWhen::End);
    let collecting = Instant::now();
    tracker.refresh(&mut symbolizer);
    let (mut results, timeline) = runtime::results::collect_timed(
        &session,
        artifact,
        &mut symbolizer,
        kept.as_ref().map(|k| (k, &cfg.fold)),
    )
    .map_err(|e| runtime_error(sources, e))?;
    results.note_elapsed(elapsed.as_nanos() as u64, artifact);
    if let Some(stats) = &tables {
        results.note_unwind_tables(stats);
    }
    results.profiles = std::mem::take(&mut results.profiles)
        .into_iter()
        .map(|(name, profile)| (name, runtime::fold::reshape(profile, &cfg.fold)))
        .collect();
    drop(session);
    if let Some(h) = held {
        end_command(h);
    }
    let collected = collecting.elapsed();
    let writing = Instant::now();
    let written = match nothing_to_draw(&results, &cfg.outputs, &ending) {
        Some(refusal) => {
            // An empty graph is not printed in its place: there is nothing in it to keep.
            results.profiles.remove(0);
            Err(refusal)
        }
        None => {
            let run = crate::output::RunInfo {
                artifact,
                attached_at: std::time::SystemTime::now() - (started + attached).elapsed(),
                elapsed,
            };
            match &timeline {
                Some(timeline) => {
                    let times = crate::output::Times {
                        timeline,
                        flamechart: cfg.flamechart,
                    };
                    crate::output::write_outputs_timed(
                        &results,
                        &cfg.look,
                        &cfg.outputs,
                        &run,
                        &times,
                    )
                }
                None => crate::output::write_outputs(&results, &cfg.look, &cfg.outputs, &run),
            }
        }
    };
    // The post-processing benchmark's breakdown (benches/postprocess.sh, docs/PERFORMANCE.md).
    if std::env::var_os("FLAMESCRIPT_TIMINGS").is_some() {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        eprintln!(
            "timings: detach {:.0} ms, read + symbolize + fold {:.0} ms, render + write {:.0} ms",
            ms(detached),
            ms(collected),
            ms(writing.elapsed())
        );
        eprintln!(
            "symbol snapshots: {} kept, {} dropped (processes that exited unrecorded)",
            symbolizer.n_tracked(),
            tracker.forgotten
        );
    }
    // When a file could not be written after all (the disk filled, the directory went), the
    // results still reach the terminal before the error: a run is not lost to its output.
    let options = crate::output::TerminalOptions {
        top: 10,
        written_to: if written.is_ok() {
            cfg.outputs.clone()
        } else {
            Vec::new()
        },
        messages_to_stderr: !cfg.outputs.is_empty(),
    };
    crate::output::print_terminal(&results, &options);
    written.map_err(|e| refuse(&e.message, e.help))?;
    Ok(())
}

/// Ends a `-c` command still running when the run ended first: SIGTERM, then SIGKILL after
/// `COMMAND_GRACE`, which is said (on stderr: stdout may be the command's).
pub(crate) fn end_command(h: &mut HeldCommand) {
    if !matches!(h.try_wait(), Ok(None)) {
        return;
    }
    if let runtime::target::Termination::Killed { others } = h.terminate(COMMAND_GRACE) {
        let others = match others {
            0 => String::new(),
            1 => " with the process it started".to_string(),
            n => format!(" with the {n} processes it started"),
        };
        eprintln!(
            "The command did not end within {} s of SIGTERM: killed with SIGKILL{others}.",
            COMMAND_GRACE.as_secs()
        );
    }
}

/// Which processes a run traces, for the tracker's snapshots.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Scope {
    /// `-c`: the command and its descendants (the targets map).
    Tree,
    /// `-p`.
    Pid(u32),
    /// Every process.
    All,
}

/// Whether process `pid` still runs: it exists and is not a zombie (an exited process whose
/// parent has not reaped it yet; its parent may be waiting for us to finish).
fn alive(pid: u32) -> bool {
    process_state(pid).is_some_and(|state| state != 'Z' && state != 'X')
}

/// The state letter `ps` shows for process `pid` (`R`, `S`, `Z` for a zombie …), or `None`
/// when there is no such process.
pub(crate) fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) S …`: the state follows the last `)` (comm may contain one).
    let (_, rest) = stat.rsplit_once(')')?;
    rest.trim_start().chars().next()
}

/// How the traced program ended, when it ended before the run did.
#[derive(Clone, Copy, Debug, Default)]
struct Ending {
    /// `-c`: the command's exit (not set when the run ended first and killed it).
    command: Option<runtime::target::Exited>,
    /// `-p`: the process exited.
    process_exited: Option<u32>,
    /// How long the probes were attached.
    elapsed_ns: u64,
}

/// With `-o` and a first flame graph that holds nothing, the refusal: what happened, so that
/// "nothing to draw" is never the whole story (a command that was not found, one killed by a
/// signal, a process that exited, a probe that never fired). No file is written.
fn nothing_to_draw(
    results: &runtime::results::Results,
    outputs: &[PathBuf],
    ending: &Ending,
) -> Option<crate::output::OutputError> {
    let (name, profile) = results.profiles.first()?;
    if outputs.is_empty() || profile.total() > 0 {
        return None;
    }
    let (why, help) = match (ending.command, ending.process_exited) {
        (Some(fate), _) if !fate.success() => (
            format!("the command {}", fate.describe()),
            "check that the command runs on its own (it runs through `sh -c`)",
        ),
        (Some(_), _) => (
            "the command ran and exited, and the probe never fired for it".to_string(),
            "check the probe and its filters (a shorter `min`, another event)",
        ),
        (None, Some(pid)) => (
            format!("process {pid} exited before the probe fired for it"),
            "start tracing before the process does its work (or use -c to start it)",
        ),
        (None, None) => (
            format!(
                "the probe never fired in {:.1} s",
                ending.elapsed_ns as f64 / 1e9
            ),
            "check the probe and its filters, or trace for longer with -d",
        ),
    };
    Some(crate::output::OutputError {
        message: format!(
            "nothing to draw: `{name}` recorded nothing, because {why}; no file written"
        ),
        help,
    })
}

/// Snapshots traced processes for symbolization while they live.
#[derive(Default)]
pub(crate) struct Tracker {
    /// pid → length of its /proc/PID/maps at the last snapshot (a change means exec or dlopen).
    seen: HashMap<u32, usize>,
    last: Option<Instant>,
    /// Until when to poll every few milliseconds: a process appeared or changed its mappings
    /// (exec, library loads) recently.
    fast_until: Option<Instant>,
    /// `/proc/self/exe`, read once.
    own_exe: Option<Option<std::path::PathBuf>>,
    /// System-wide runs: each process's executable at its last snapshot (a change is an exec).
    exes: HashMap<u32, PathBuf>,
    /// When the snapshots were last pruned, and how many there may be before the next prune.
    pruned: Option<Instant>,
    prune_at: usize,
    /// Snapshots dropped so far (processes that exited and were never recorded).
    forgotten: u64,
}

/// Snapshots kept before the first prune: a few hundred processes cost a few hundred KiB.
const PRUNE_AT: usize = 256;

impl Tracker {
    fn own_exe(&mut self) -> Option<std::path::PathBuf> {
        self.own_exe
            .get_or_insert_with(|| std::fs::read_link("/proc/self/exe").ok())
            .clone()
    }

    /// Whether processes changed recently (poll every few ms rather than every 100 ms).
    pub(crate) fn is_fast(&self) -> bool {
        self.fast_until.is_some_and(|t| Instant::now() < t)
    }

    /// Returns whether it asked for a process's unwind tables.
    pub(crate) fn poll(
        &mut self,
        session: &Session,
        scope: Scope,
        symbolizer: &mut Symbolizer,
    ) -> bool {
        let mut asked = false;
        let tree = matches!(scope, Scope::Tree);
        if tree && self.last.is_none() {
            // The command was just released: it execs and maps its libraries now.
            self.fast_until = Some(Instant::now() + Duration::from_millis(250));
        }
        let every = if self.is_fast() { 2 } else { 100 };
        if self
            .last
            .is_some_and(|t| t.elapsed() < Duration::from_millis(every))
        {
            return false;
        }
        self.last = Some(Instant::now());
        let pids: Vec<u32> = match scope {
            Scope::Tree => session
                .keys(compiler::lower::TARGETS_MAP)
                .unwrap_or_default()
                .iter()
                .filter_map(|k| <[u8; 4]>::try_from(&k[..4.min(k.len())]).ok())
                .map(u32::from_ne_bytes)
                .collect(),
            Scope::Pid(pid) => vec![pid],
            Scope::All => {
                self.poll_all(symbolizer);
                return false;
            }
        };
        for pid in pids {
            // The held command before its exec is a copy of us: nothing to snapshot yet (and
            // our own symbols are the slowest to load), so look again in a moment.
            if std::fs::read_link(format!("/proc/{pid}/exe")).ok() == self.own_exe() {
                self.fast_until = Some(Instant::now() + Duration::from_millis(250));
                continue;
            }
            let Ok(maps) = std::fs::read_to_string(format!("/proc/{pid}/maps")) else {
                continue;
            };
            // An exiting process (a zombie) shows no mappings: keep the last snapshot.
            if maps.is_empty() {
                continue;
            }
            if self.seen.get(&pid) != Some(&maps.len()) {
                self.seen.insert(pid, maps.len());
                let _ = symbolizer.track(pid);
                // Ask for its unwind tables now (`--unwind auto`), not at the walk's first
                // meeting with it: a process's first off-CPU block is often its first event,
                // and without tables it gets a copied stack that may be cut short. (No such
                // map without the walk: then this does nothing.)
                asked |= session
                    .add_target(compiler::lower::uwalk::UW_WANTED_MAP, pid)
                    .is_ok();
                self.fast_until = Some(Instant::now() + Duration::from_millis(250));
            }
        }
        asked
    }

    /// System-wide: a snapshot of every process that appeared or exec'd since the last poll
    /// (its `/proc/PID/exe` changed), so that one that exits before the end still resolves.
    /// Processes are not re-read for new libraries here (`refresh` does, at the end, for the
    /// ones still alive): reading every process's maps every 100 ms would cost too much.
    fn poll_all(&mut self, symbolizer: &mut Symbolizer) {
        let Ok(dir) = std::fs::read_dir("/proc") else {
            return;
        };
        let ours = std::process::id();
        for entry in dir.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            if pid == ours {
                continue;
            }
            // Kernel threads have no executable: nothing to snapshot.
            let Ok(exe) = std::fs::read_link(format!("/proc/{pid}/exe")) else {
                continue;
            };
            if self.exes.get(&pid) == Some(&exe) {
                continue;
            }
            if symbolizer.track(pid).is_ok_and(|n| n > 0) {
                self.exes.insert(pid, exe);
                self.seen.insert(pid, 0);
            }
        }
    }

    /// Bounds the snapshots under process churn (issue 19, item 10): once there are more than
    /// `prune_at`, at most once a second, the snapshots of processes that have exited and
    /// appear in no recorded user stack are dropped. Exited first, recorded second: a process
    /// already gone has all its samples in the maps, so none it needs is dropped. The bound
    /// doubles past what had to be kept, so that a run whose processes were all sampled does
    /// not read its maps every second.
    pub(crate) fn prune(
        &mut self,
        session: &Session,
        artifact: &Artifact,
        symbolizer: &mut Symbolizer,
    ) {
        let at = self.prune_at.max(PRUNE_AT);
        if symbolizer.n_tracked() <= at
            || self
                .pruned
                .is_some_and(|t| t.elapsed() < Duration::from_secs(1))
        {
            return;
        }
        self.pruned = Some(Instant::now());
        let exited: Vec<u32> = self
            .seen
            .keys()
            .copied()
            .filter(|&pid| !alive(pid))
            .collect();
        let Some(recorded) = runtime::results::recorded_tgids(session, artifact) else {
            return;
        };
        for pid in exited {
            if recorded.contains(&pid) {
                continue;
            }
            symbolizer.forget(pid);
            self.seen.remove(&pid);
            self.exes.remove(&pid);
            self.forgotten += 1;
        }
        self.prune_at = 2 * symbolizer.n_tracked();
    }

    /// At the end of a run, a last snapshot of every process snapshotted before that is still
    /// alive: it may have mapped libraries since (an exited one keeps its last snapshot).
    pub(crate) fn refresh(&mut self, symbolizer: &mut Symbolizer) {
        for &pid in self.seen.keys() {
            if alive(pid) {
                let _ = symbolizer.track(pid);
            }
        }
    }
}

/// Renders a runtime error: a diagnostic at the script when it has a span, else a plain line.
pub(crate) fn runtime_error(sources: &Sources, e: RuntimeError) -> u8 {
    match &e {
        RuntimeError::Verifier {
            span, insn, log, ..
        } => {
            let mut d = Diagnostic::error(
                e.to_string(),
                *span,
                match insn {
                    Some(i) => {
                        format!("the verifier stopped at instruction {i}, generated for this")
                    }
                    None => "generated for this".to_string(),
                },
            )
            .with_note(format!("verifier log (last lines):\n{log}"));
            if let Some(h) = e.hint() {
                d = d.with_help(h);
            }
            report(sources, &[d])
        }
        RuntimeError::NotPermitted | RuntimeError::Tracefs(_) => {
            refuse(&e.to_string(), &e.hint().unwrap_or_default());
            EXIT_USER
        }
        // Out of open files: the limit is the user's to raise.
        _ if crate::out_of_files(&e.to_string()).is_some() => {
            refuse(&e.to_string(), &e.hint().unwrap_or_default())
        }
        // The kernel refused something we built or could not be read: not the user's to fix.
        _ => {
            refuse(&e.to_string(), &e.hint().unwrap_or_default());
            EXIT_MACHINE
        }
    }
}

/// The script's `BEGIN`, `END` and `interval` clauses, run by us at their times.
struct UserClauses<'a> {
    clauses: &'a [UserClause],
    /// When each interval clause runs next (None for BEGIN/END).
    next: Vec<Option<Instant>>,
    /// `-o` was given: the loss line of a `print()` goes to stderr (`TerminalOptions`).
    messages_to_stderr: bool,
}

impl<'a> UserClauses<'a> {
    fn new(artifact: &'a Artifact, messages_to_stderr: bool) -> UserClauses<'a> {
        let now = Instant::now();
        let next = artifact
            .user_clauses
            .iter()
            .map(|c| match c.when {
                UserSpaceWhen::Interval(ns) => Some(now + Duration::from_nanos(ns)),
                _ => None,
            })
            .collect();
        UserClauses {
            clauses: &artifact.user_clauses,
            next,
            messages_to_stderr,
        }
    }

    /// Runs every clause of kind `when`; true when one of them asked to exit.
    fn run(
        &self,
        session: &Session,
        artifact: &Artifact,
        sym: &mut Symbolizer,
        when: UserSpaceWhen,
    ) -> bool {
        let mut exit = false;
        for c in self.clauses.iter().filter(|c| c.when == when) {
            exit |= actions(session, artifact, sym, &c.actions, self.messages_to_stderr);
        }
        exit
    }

    /// Runs the interval clauses that are due; true when one asked to exit.
    fn tick(&mut self, session: &Session, artifact: &Artifact, sym: &mut Symbolizer) -> bool {
        let now = Instant::now();
        let mut exit = false;
        for (c, next) in self.clauses.iter().zip(self.next.iter_mut()) {
            let (UserSpaceWhen::Interval(ns), Some(at)) = (c.when, next.as_mut()) else {
                continue;
            };
            if now >= *at {
                exit |= actions(session, artifact, sym, &c.actions, self.messages_to_stderr);
                *at += Duration::from_nanos(ns);
            }
        }
        exit
    }
}

/// Runs one clause's actions in order; true on `exit()`.
fn actions(
    session: &Session,
    artifact: &Artifact,
    sym: &mut Symbolizer,
    actions: &[UserAction],
    messages_to_stderr: bool,
) -> bool {
    for action in actions {
        match action {
            UserAction::Print { map } => {
                let display = artifact
                    .maps
                    .iter()
                    .find(|m| &m.name == map)
                    .map(|m| m.display.clone());
                let Ok(mut results) = runtime::results::collect(session, artifact, sym) else {
                    continue;
                };
                results
                    .profiles
                    .retain(|(name, _)| Some(name) == display.as_ref());
                results
                    .tables
                    .retain(|(name, _)| Some(name) == display.as_ref());
                let options = crate::output::TerminalOptions {
                    top: 10,
                    written_to: Vec::new(),
                    messages_to_stderr,
                };
                crate::output::print_terminal(&results, &options);
            }
            UserAction::Clear { map } => {
                if let Err(e) = session.clear(map) {
                    eprintln!("warning: {e}");
                }
            }
            UserAction::Exit => return true,
        }
    }
    false
}
