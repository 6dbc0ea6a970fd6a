//! A `perf record -g` file read into what the replay needs: each sample's thread, CPU, time,
//! period, comm and callchain (split at perf's context markers into the kernel and the user
//! stack, innermost first, as `bpf_get_stack` gives them), and each process's file mappings
//! from its mmap records, for symbolization.
//!
//! Every sample of every event in the file is kept: which probe may consume them is decided
//! by [`run`] (`profile` the clock samples, `tracepoint` its own event's raw records). Lost-record counts are kept so the replay can report
//! them, never dropped silently.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use compiler::artifact::{Artifact, AttachSpec, SoftwareEvent};
use linux_perf_data::linux_perf_event_reader::constants::{
    PERF_CONTEXT_KERNEL, PERF_CONTEXT_MAX, PERF_CONTEXT_USER,
};
use linux_perf_data::linux_perf_event_reader::{EventRecord, PerfEventType};
use linux_perf_data::{PerfFileReader, PerfFileRecord};

use super::vm::{self, Engine, Event, Maps, Program, VmError};
use crate::symbolize::Mapping;
pub use crate::timeline::KeyedEvent;

#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("cannot read `{path}`: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("a recording cannot provide `{probe}`: {why}")]
    Unsupported { probe: String, why: String },
    #[error("the script has no program to replay")]
    Empty,
    #[error(transparent)]
    Vm(#[from] VmError),
}

/// One sample of the recording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    pub pid: u32,
    pub tid: u32,
    pub cpu: u32,
    pub time_ns: u64,
    pub period: u64,
    pub comm: [u8; 16],
    /// Innermost first.
    pub kernel_stack: Vec<u64>,
    pub user_stack: Vec<u64>,
    /// Index into [`Recording::events`]: which recorded event this is a sample of.
    pub event: usize,
    /// A tracepoint's record (`PERF_SAMPLE_RAW`), from `common_type` on, as a BPF tracepoint
    /// program's context holds it; empty for other events.
    pub raw: Vec<u8>,
}

#[derive(Clone, Debug, Default)]
pub struct Recording {
    pub samples: Vec<Sample>,
    /// pid → the executable file mappings its mmap records announced (a later mapping over the
    /// same addresses replaces an earlier one; an exec starts the list afresh), sorted by
    /// start, each with the build id the recording's header gives its file.
    pub mappings: HashMap<u32, Vec<Mapping>>,
    /// Records the kernel lost while recording (`PERF_RECORD_LOST`).
    pub lost: u64,
    /// The recorded events' names (`cpu-clock`, `cycles`, `sched:sched_process_exec`, …).
    pub events: Vec<String>,
    /// Per recorded event: whether it is a tracepoint (its samples carry raw records).
    pub is_tracepoint: Vec<bool>,
}

/// Reads a whole recording.
pub fn read(path: &Path) -> Result<Recording, ReplayError> {
    let fail = |reason: String| ReplayError::Read {
        path: path.to_path_buf(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| fail(e.to_string()))?;
    let PerfFileReader {
        mut perf_file,
        mut record_iter,
    } = PerfFileReader::parse_file(std::io::BufReader::new(file))
        .map_err(|e| fail(e.to_string()))?;
    let attrs = perf_file.event_attributes();
    let mut res = Recording {
        events: attrs
            .iter()
            .map(|a| a.name().unwrap_or("?").to_string())
            .collect(),
        is_tracepoint: attrs
            .iter()
            .map(|a| matches!(a.attr.type_, PerfEventType::Tracepoint(_)))
            .collect(),
        ..Recording::default()
    };
    // The header's build ids, by the path the file was mapped at.
    let build_ids: HashMap<PathBuf, String> = perf_file
        .build_ids()
        .unwrap_or_default()
        .into_values()
        .map(|info| {
            let path = PathBuf::from(String::from_utf8_lossy(&info.path).into_owned());
            let hex: String = info.build_id.iter().map(|b| format!("{b:02x}")).collect();
            (path, hex)
        })
        .collect();
    let mut comms: HashMap<u32, [u8; 16]> = HashMap::new();
    let add_mapping =
        |res: &mut Recording, pid: i32, start: u64, len: u64, offset: u64, path: String| {
            // pid -1: the kernel's own images, named through kallsyms instead.
            let Ok(pid) = u32::try_from(pid) else { return };
            if path.starts_with('[') && path != "[vdso]" {
                return;
            }
            let end = start.saturating_add(len);
            let open_path = PathBuf::from(&path);
            let list = res.mappings.entry(pid).or_default();
            list.retain(|m| m.end <= start || m.start >= end);
            list.push(Mapping {
                start,
                end,
                offset,
                module: path.rsplit('/').next().unwrap_or(&path).to_string(),
                build_id: build_ids.get(&open_path).cloned(),
                open_path,
            });
            list.sort_by_key(|m| m.start);
        };
    while let Some(record) = record_iter
        .next_record(&mut perf_file)
        .map_err(|e| fail(e.to_string()))?
    {
        let PerfFileRecord::EventRecord { attr_index, record } = record else {
            continue;
        };
        let Ok(parsed) = record.parse() else {
            continue;
        };
        match parsed {
            EventRecord::Comm(it) => {
                let name = String::from_utf8_lossy(&it.name.as_slice()).to_string();
                comms.insert(it.tid as u32, vm::comm(&name));
                if it.is_execve
                    && let Ok(pid) = u32::try_from(it.pid)
                {
                    // The old image is gone: its mappings would misname the new one's code.
                    res.mappings.remove(&pid);
                }
            }
            EventRecord::Mmap2(it) => {
                if it.protection & libc::PROT_EXEC as u32 == 0 {
                    continue;
                }
                let path = String::from_utf8_lossy(&it.path.as_slice()).to_string();
                add_mapping(
                    &mut res,
                    it.pid,
                    it.address,
                    it.length,
                    it.page_offset,
                    path,
                );
            }
            EventRecord::Mmap(it) => {
                if !it.is_executable {
                    continue;
                }
                let path = String::from_utf8_lossy(&it.path.as_slice()).to_string();
                add_mapping(
                    &mut res,
                    it.pid,
                    it.address,
                    it.length,
                    it.page_offset,
                    path,
                );
            }
            EventRecord::Lost(it) => res.lost += it.count,
            EventRecord::Sample(it) => {
                let tid = it.tid.unwrap_or(0) as u32;
                let (kernel_stack, user_stack) = match &it.callchain {
                    Some(chain) => split_callchain((0..chain.len()).filter_map(|i| chain.get(i))),
                    None => (Vec::new(), Vec::new()),
                };
                let raw = match (&it.raw, res.is_tracepoint.get(attr_index)) {
                    (Some(raw), Some(true)) => raw.as_slice().into_owned(),
                    _ => Vec::new(),
                };
                res.samples.push(Sample {
                    pid: it.pid.unwrap_or(0) as u32,
                    tid,
                    cpu: it.cpu.unwrap_or(0),
                    time_ns: it.timestamp.unwrap_or(0),
                    period: it.period.unwrap_or(1),
                    comm: comms.get(&tid).copied().unwrap_or_default(),
                    kernel_stack,
                    user_stack,
                    event: attr_index,
                    raw,
                });
            }
            _ => {}
        }
    }
    Ok(res)
}

/// perf's callchain, innermost first with context markers, into (kernel, user) frames.
pub fn split_callchain(chain: impl Iterator<Item = u64>) -> (Vec<u64>, Vec<u64>) {
    let (mut kernel, mut user) = (Vec::new(), Vec::new());
    let mut in_user = false;
    for ip in chain {
        match ip {
            PERF_CONTEXT_KERNEL => in_user = false,
            PERF_CONTEXT_USER => in_user = true,
            // Other markers (guest, hypervisor) and what follows them are not ours to draw.
            _ if ip >= PERF_CONTEXT_MAX => {}
            _ if in_user => user.push(ip),
            _ => kernel.push(ip),
        }
    }
    (kernel, user)
}

/// What a replay leaves: the maps as a run would, and, when asked, every event that added to
/// the kept map, with its time and thread.
#[derive(Clone, Debug)]
pub struct Replayed {
    pub maps: Maps,
    /// The kept map's keys, each once; [`KeyedEvent::key`] indexes this.
    pub keys: Vec<Vec<u8>>,
    /// In the recording's order (by time).
    pub events: Vec<KeyedEvent>,
}

/// Runs the script's `profile` programs over every sample of the recording's non-tracepoint
/// events, and each `tracepoint` program over its event's recorded records; any other probe
/// is refused, since a recording cannot provide it. Returns the maps as a run would leave
/// them. `keep`: the index of a map (in `Artifact::maps`) whose every addition is kept as a
/// [`KeyedEvent`] (found by comparing the totals of the entries the event looked up or updated
/// before and after it, so a filter or a key part the script adds is honoured exactly, at a
/// cost per event of the entries it touched, not of the map's size).
pub fn run(
    artifact: &Artifact,
    recording: &Recording,
    ncpus: usize,
    keep: Option<usize>,
    engine: Engine,
) -> Result<Replayed, ReplayError> {
    let maps = Maps::new(artifact, ncpus);
    // Per program: which recorded events feed it (None: every non-tracepoint sample).
    let mut programs: Vec<(vm::Executable, Option<usize>)> = Vec::new();
    for spec in &artifact.programs {
        match &spec.attach {
            AttachSpec::PerfEvent {
                event: SoftwareEvent::CpuClock,
                ..
            } => {
                let sampled = recording.samples.iter().any(|s| {
                    !recording
                        .is_tracepoint
                        .get(s.event)
                        .copied()
                        .unwrap_or(false)
                });
                if !sampled {
                    return Err(ReplayError::Unsupported {
                        probe: "profile".to_string(),
                        why: format!(
                            "it has no samples of a clock or counter, only of {} (record \
                             with `perf record -F 999 -g`)",
                            recording.events.join(", ")
                        ),
                    });
                }
                programs.push((engine.load(Program::new(spec, &maps)?)?, None));
            }
            AttachSpec::Tracepoint { category, name } => {
                let wanted = format!("{category}:{name}");
                let Some(idx) = recording.events.iter().position(|e| *e == wanted) else {
                    let recorded = recording.events.join(", ");
                    return Err(ReplayError::Unsupported {
                        probe: format!("tracepoint:{wanted}"),
                        why: format!(
                            "it recorded {recorded}, not this tracepoint (record it with \
                             `perf record -e {wanted} -a`)"
                        ),
                    });
                };
                programs.push((engine.load(Program::new(spec, &maps)?)?, Some(idx)));
            }
            AttachSpec::UserSpace(_) => {}
            AttachSpec::PerfEvent { .. } | AttachSpec::TpBtf { .. } => {
                return Err(ReplayError::Unsupported {
                    probe: spec.section.clone(),
                    why: "replay runs `profile` over a recording's samples and `tracepoint` \
                          clauses over its recorded tracepoints"
                        .to_string(),
                });
            }
        }
    }
    if programs.is_empty() {
        return Err(ReplayError::Empty);
    }
    let mut res = Replayed {
        maps,
        keys: Vec::new(),
        events: Vec::new(),
    };
    let mut totals: HashMap<Vec<u8>, (u32, u64)> = HashMap::new();
    if let Some(map) = keep.and_then(|k| res.maps.maps.get_mut(k)) {
        map.track();
    }
    let no_raw: &[u8] = &[];
    for sample in &recording.samples {
        let event = Event {
            tgid: sample.pid,
            tid: sample.tid,
            comm: sample.comm,
            cpu: sample.cpu,
            time_ns: sample.time_ns,
            uid: 0,
            gid: 0,
            kernel_stack: &sample.kernel_stack,
            user_stack: &sample.user_stack,
        };
        let is_tp = recording
            .is_tracepoint
            .get(sample.event)
            .copied()
            .unwrap_or(false);
        let clock_ctx;
        let ctx: &[u8] = if is_tp {
            if sample.raw.is_empty() {
                no_raw
            } else {
                &sample.raw
            }
        } else {
            clock_ctx = vm::perf_event_ctx(sample.period, 0);
            &clock_ctx
        };
        let mut ran = false;
        for (prog, feed) in &programs {
            let runs = match feed {
                None => !is_tp,
                Some(idx) => *idx == sample.event,
            };
            if runs {
                prog.run(&mut res.maps, ctx, &event)?;
                ran = true;
            }
        }
        let Some(map) = keep.and_then(|k| res.maps.maps.get_mut(k)) else {
            continue;
        };
        if !ran {
            continue;
        }
        // Only the entries this event looked up or updated can have changed: O(1) per event.
        let touched = map.take_touched();
        for (key, value) in touched.into_iter().filter_map(|slot| map.entry_at(slot)) {
            let now = value_total(value);
            let (id, before) = match totals.get_mut(key) {
                Some((id, before)) if *before == now => continue,
                Some((id, before)) => (*id, std::mem::replace(before, now)),
                None => {
                    let id = res.keys.len() as u32;
                    res.keys.push(key.to_vec());
                    totals.insert(key.to_vec(), (id, now));
                    (id, 0)
                }
            };
            res.events.push(KeyedEvent {
                time_ns: sample.time_ns,
                pid: sample.pid,
                tid: sample.tid,
                comm: sample.comm,
                key: id,
                weight: now.wrapping_sub(before),
                span_ns: if is_tp { 0 } else { sample.period },
            });
        }
    }
    Ok(res)
}

/// A count or sum value's total over its per-CPU copies (8-byte words).
fn value_total(value: &[u8]) -> u64 {
    value
        .chunks_exact(8)
        .map(|w| u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]))
        .fold(0u64, u64::wrapping_add)
}
