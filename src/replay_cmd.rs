//! `flamescript replay perf.data -e SCRIPT`: the script's bytecode run over a recording's
//! samples in user space (issue 21), by the JIT or the interpreter (`--engine`). Prints, per
//! user map, the total of its values and its entries' count; probes a recording cannot provide
//! exit with code 2.
//!
//! Not yet: symbolized flame graphs from the recording's mmap records (the runtime's
//! symbolizer takes mappings only from `/proc` today).

use std::path::Path;

use compiler::diag::Sources;
use runtime::fold::RawValue;
use runtime::replay::perf_data::{self, ReplayError};

use crate::{print_out, refuse, report};

pub(crate) fn replay(
    recording: &Path,
    expr: Option<&str>,
    file: Option<&Path>,
    engine: runtime::replay::vm::Engine,
) -> Result<(), u8> {
    let mut sources = Sources::new();
    let (name, text) = match (expr, file) {
        (Some(text), _) => ("-e".to_string(), text.to_string()),
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
    let id = sources.add(name, text.clone());
    let env = compiler::tracefs::TracefsEnv::live();
    let compiled = compiler::compile(
        id,
        &text,
        stdlib::catalog(),
        &env,
        &compiler::lower::Options::default(),
    )
    .map_err(|diags| report(&sources, &diags))?;
    let data = perf_data::read(recording)
        .map_err(|e| refuse(&e.to_string(), "record with `perf record -g`"))?;
    let ncpus = data
        .samples
        .iter()
        .map(|s| s.cpu as usize + 1)
        .max()
        .unwrap_or(1);
    let maps =
        perf_data::run_profile(&compiled.artifact, &data, ncpus, engine).map_err(|e| match e {
            ReplayError::Unsupported { .. } | ReplayError::Empty => refuse(
                &e.to_string(),
                "replay `profile` clauses; trace other probes live",
            ),
            _ => refuse(&e.to_string(), ""),
        })?;
    let mut out = format!(
        "samples: {} (events: {}; records lost while recording: {})\n",
        data.samples.len(),
        data.events.join(", "),
        data.lost
    );
    let stacks = maps.by_name(compiler::lower::STACKS_MAP).map(|m| m.dump());
    let lookup = |_: &str, id: u64| {
        let dump = stacks.as_ref()?;
        let (_, value) = dump
            .entries
            .iter()
            .find(|(k, _)| runtime::maps::stack_key(k) == id)?;
        Some(runtime::maps::stack_frames(value))
    };
    for map in maps.maps.iter().filter(|m| !m.spec.display.is_empty()) {
        // Per-CPU parts that overflowed when added are left out and counted there.
        let mut overflow = runtime::losses::LossReport::default();
        let entries = runtime::maps::decode(&map.dump(), &lookup, &mut overflow);
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
    Ok(())
}
