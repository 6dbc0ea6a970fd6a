//! `flamescript replay perf.data -e SCRIPT [-o FILE…] [--flamechart]`: the script's bytecode run
//! over a recording in the user-space interpreter (issue 21): `profile` clauses over its
//! samples, `tracepoint` clauses over its recorded tracepoints; probes a recording cannot
//! provide exit with code 2.
//!
//! Without `-o` it prints, per user map, the total of its values and its entries' count. With
//! `-o` the maps become results as a live run's do (`runtime::results::gather`), named through
//! a symbolizer given the recording's own mmap records and build ids (`Symbolizer::adopt`), and
//! are written by `output` like a run's: the first flame-graph map to every file. The time
//! views (`.html`, `--flamechart`) take the events the interpreter kept for that map, each
//! with its time, thread and weight (`runtime::timeline`).
//!
//! Not yet: the JIT (the interpreter runs every event).

#![allow(clippy::print_stderr, reason = "the binary is the only printer")]

use std::path::PathBuf;

use compiler::diag::Sources;
use runtime::fold::{FoldOptions, RawValue};
use runtime::replay::perf_data::{self, ReplayError};
use runtime::symbolize::Symbolizer;

use crate::cli::GraphFlags;
use crate::output;
use crate::{print_out, refuse, report};

pub(crate) struct ReplayArgs {
    pub(crate) recording: PathBuf,
    pub(crate) expr: Option<String>,
    pub(crate) file: Option<PathBuf>,
    pub(crate) outputs: Vec<PathBuf>,
    pub(crate) flamechart: bool,
    /// What runs the bytecode (`--engine`).
    pub(crate) engine: runtime::replay::vm::Engine,
    pub(crate) fold: FoldOptions,
    pub(crate) graph: GraphFlags,
}

pub(crate) fn replay(args: &ReplayArgs) -> Result<(), u8> {
    output::check_paths(&args.outputs).map_err(|e| refuse(&e.message, e.help))?;
    output::check_flamechart(&args.outputs, args.flamechart)
        .map_err(|e| refuse(&e.message, e.help))?;
    let mut sources = Sources::new();
    let (name, text) = match (&args.expr, &args.file) {
        (Some(text), _) => ("-e".to_string(), text.clone()),
        (None, Some(path)) => match std::fs::read_to_string(path) {
            Ok(text) => (path.display().to_string(), text),
            Err(e) => {
                return Err(refuse(
                    &format!("cannot read `{}`: {e}", path.display()),
                    "check the path",
                ));
            }
        },
        (None, None) => return Err(refuse("no script to replay", "give one with -e or a file")),
    };
    let id = sources.add(name.clone(), text.clone());
    let env = compiler::tracefs::TracefsEnv::live();
    let compiled = compiler::compile(
        id,
        &text,
        stdlib::catalog(),
        &env,
        // The VM answers `bpf_get_stack` from the recorded frames; it has no user memory for a
        // walk of its own to read.
        &compiler::lower::Options {
            fp_walk: compiler::lower::FpWalk::Kernel,
            ..Default::default()
        },
    )
    .map_err(|diags| report(&sources, &diags))?;
    let artifact = &compiled.artifact;
    let graph_map = artifact
        .maps
        .iter()
        .position(runtime::results::is_flame_graph);
    if !args.outputs.is_empty() && graph_map.is_none() {
        return Err(refuse(
            "-o writes a flame graph, and this script has no map keyed by a stack with count() or sum()",
            "key a map by kstack or ustack, e.g. @[ustack] = count(); or drop -o to print the maps",
        ));
    }
    let data = perf_data::read(&args.recording).map_err(|e| {
        refuse(
            &e.to_string(),
            "give a file written by `perf record -g` (perf.data)",
        )
    })?;
    let ncpus = data
        .samples
        .iter()
        .map(|s| s.cpu as usize + 1)
        .max()
        .unwrap_or(1);
    let times = output::wants_times(&args.outputs, args.flamechart);
    let keep = graph_map.filter(|_| times);
    let replayed =
        perf_data::run(artifact, &data, ncpus, keep, args.engine).map_err(|e| match e {
            ReplayError::Unsupported { .. } | ReplayError::Empty => refuse(
                &e.to_string(),
                "replay `profile` clauses over `perf record -g` samples, and `tracepoint:CAT:NAME` \
             clauses over `perf record -e CAT:NAME` recordings; trace other probes live",
            ),
            _ => refuse(&e.to_string(), ""),
        })?;
    let header = format!(
        "samples: {} (events: {}; records lost while recording: {})",
        data.samples.len(),
        data.events.join(", "),
        data.lost
    );
    let maps = &replayed.maps;
    let dumps = maps.dump();
    let stacks_dump = dumps
        .iter()
        .find(|d| d.spec.name == compiler::lower::STACKS_MAP);
    let stacks = |_: &str, id: u64| {
        let dump = stacks_dump?;
        let (_, value) = dump
            .entries
            .iter()
            .find(|(k, _)| runtime::maps::stack_key(k) == id)?;
        Some(runtime::maps::stack_frames(value))
    };
    if args.outputs.is_empty() {
        print_totals(&header, maps, &stacks);
        return Ok(());
    }
    eprintln!("{header}");
    let mut symbolizer = Symbolizer::new();
    let mut changed = 0;
    for (pid, mappings) in &data.mappings {
        changed += symbolizer.adopt(*pid, mappings);
    }
    let mut results = runtime::results::gather(&dumps, artifact, &stacks, &mut symbolizer);
    let mut extra = runtime::losses::LossReport::default();
    if data.lost > 0 {
        extra.add_counter("records lost while recording", data.lost);
    }
    if changed > 0 {
        extra.add_counter("mapped files changed since recording (not named)", changed);
    }
    results.losses.merge(&extra);
    results.profiles = std::mem::take(&mut results.profiles)
        .into_iter()
        .map(|(name, mut profile)| {
            profile.losses.merge(&extra);
            (name, runtime::fold::reshape(profile, &args.fold))
        })
        .collect();
    let written = match results.profiles.first() {
        None => Err(output::OutputError {
            message: "the script's flame-graph map is not in the results".into(),
            help: "",
        }),
        Some((_, profile)) if profile.total() == 0 => Err(output::OutputError {
            message: format!(
                "nothing to draw: no sample of `{}` added to the map",
                args.recording.display()
            ),
            help: "check that the recording has the events the script's clauses take",
        }),
        Some((_, profile)) => {
            let timeline = keep.map(|k| {
                runtime::timeline::build(
                    &dumps[k],
                    &replayed.keys,
                    &replayed.events,
                    &stacks,
                    &mut symbolizer,
                    &args.fold,
                    profile,
                )
            });
            let first = data.samples.first().map_or(0, |s| s.time_ns);
            let last = data.samples.last().map_or(0, |s| s.time_ns);
            let run = output::RunInfo {
                artifact,
                // A recording's clock is the kernel's monotonic one: no wall-clock start.
                attached_at: std::time::SystemTime::UNIX_EPOCH,
                elapsed: std::time::Duration::from_nanos(last.saturating_sub(first)),
            };
            let look = args.graph.look(&text);
            match &timeline {
                Some(timeline) => {
                    let times = output::Times {
                        timeline,
                        flamechart: args.flamechart,
                    };
                    output::write_replay(profile, &look, &args.outputs, &run, &times)
                }
                None => output::write_outputs(&results, &look, &args.outputs, &run),
            }
        }
    };
    let options = output::TerminalOptions {
        top: 10,
        written_to: if written.is_ok() {
            args.outputs.clone()
        } else {
            Vec::new()
        },
        messages_to_stderr: true,
    };
    output::print_terminal(&results, &options);
    written.map_err(|e| refuse(&e.message, e.help))
}

/// Per user map, the total of its values and its number of entries (no `-o`).
fn print_totals(
    header: &str,
    maps: &runtime::replay::vm::Maps,
    stacks: &dyn Fn(&str, u64) -> Option<Vec<u64>>,
) {
    let mut out = format!("{header}\n");
    for map in maps.maps.iter().filter(|m| !m.spec.display.is_empty()) {
        // Per-CPU parts that overflowed when added are left out and counted there.
        let mut overflow = runtime::losses::LossReport::default();
        let entries = runtime::maps::decode(&map.dump(), stacks, &mut overflow);
        let total: u64 = entries
            .iter()
            .map(|e| match &e.value {
                RawValue::Count(n) | RawValue::Sum(n) => *n,
                RawValue::Avg { count, .. } => *count,
                RawValue::Hist(b) => b.iter().sum(),
                RawValue::Min(_) | RawValue::Max(_) | RawValue::Last(_) => 1,
            })
            .sum();
        out.push_str(&format!(
            "{}\ttotal {total}\tentries {}\n",
            map.spec.display,
            entries.len()
        ));
    }
    print_out(&out);
}
