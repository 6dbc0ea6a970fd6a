//! A `perf record -g` file read into what the replay needs: each sample's thread, CPU, time,
//! period, comm and callchain (split at perf's context markers into the kernel and the user
//! stack, innermost first, as `bpf_get_stack` gives them), and each process's file mappings
//! from its mmap records, for symbolization.
//!
//! Every sample of every event in the file is kept: which probe may consume them is the
//! caller's decision (`run_profile`). Lost-record counts are kept so the replay can report
//! them, never dropped silently.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use compiler::artifact::{Artifact, AttachSpec, SoftwareEvent};
use linux_perf_data::linux_perf_event_reader::EventRecord;
use linux_perf_data::linux_perf_event_reader::constants::{
    PERF_CONTEXT_KERNEL, PERF_CONTEXT_MAX, PERF_CONTEXT_USER,
};
use linux_perf_data::{PerfFileReader, PerfFileRecord};

use super::vm::{self, Engine, Event, Maps, Program, VmError};
use crate::symbolize::Mapping;

#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error("cannot read `{path}`: {reason}")]
    Read { path: PathBuf, reason: String },
    #[error("a recording cannot provide `{probe}`: replay runs `profile` over its samples")]
    Unsupported { probe: String },
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
}

#[derive(Clone, Debug, Default)]
pub struct Recording {
    pub samples: Vec<Sample>,
    /// pid → the file mappings its mmap records announced, in record order.
    pub mappings: HashMap<u32, Vec<Mapping>>,
    /// Records the kernel lost while recording (`PERF_RECORD_LOST`).
    pub lost: u64,
    /// The recorded events' names (`cpu-clock`, `cycles`, …).
    pub events: Vec<String>,
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
    let mut res = Recording {
        events: perf_file
            .event_attributes()
            .iter()
            .map(|a| a.name().unwrap_or("?").to_string())
            .collect(),
        ..Recording::default()
    };
    let mut comms: HashMap<u32, [u8; 16]> = HashMap::new();
    while let Some(record) = record_iter
        .next_record(&mut perf_file)
        .map_err(|e| fail(e.to_string()))?
    {
        let PerfFileRecord::EventRecord { record, .. } = record else {
            continue;
        };
        let Ok(parsed) = record.parse() else {
            continue;
        };
        match parsed {
            EventRecord::Comm(it) => {
                let name = String::from_utf8_lossy(&it.name.as_slice()).to_string();
                comms.insert(it.tid as u32, vm::comm(&name));
            }
            EventRecord::Mmap2(it) => {
                let path = String::from_utf8_lossy(&it.path.as_slice()).to_string();
                res.mappings
                    .entry(it.pid as u32)
                    .or_default()
                    .push(Mapping {
                        start: it.address,
                        end: it.address + it.length,
                        offset: it.page_offset,
                        module: path.rsplit('/').next().unwrap_or(&path).to_string(),
                        open_path: PathBuf::from(path),
                        build_id: None,
                    });
            }
            EventRecord::Mmap(it) => {
                let path = String::from_utf8_lossy(&it.path.as_slice()).to_string();
                res.mappings
                    .entry(it.pid as u32)
                    .or_default()
                    .push(Mapping {
                        start: it.address,
                        end: it.address + it.length,
                        offset: it.page_offset,
                        module: path.rsplit('/').next().unwrap_or(&path).to_string(),
                        open_path: PathBuf::from(path),
                        build_id: None,
                    });
            }
            EventRecord::Lost(it) => res.lost += it.count,
            EventRecord::Sample(it) => {
                let tid = it.tid.unwrap_or(0) as u32;
                let (kernel_stack, user_stack) = match &it.callchain {
                    Some(chain) => split_callchain((0..chain.len()).filter_map(|i| chain.get(i))),
                    None => (Vec::new(), Vec::new()),
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

/// Runs the script's `profile` programs over every sample; any other probe is refused, since
/// a recording of samples cannot provide it. Returns the maps as a run would leave them.
/// `engine` runs the bytecode (both engines give the same maps).
pub fn run_profile(
    artifact: &Artifact,
    recording: &Recording,
    ncpus: usize,
    engine: Engine,
) -> Result<Maps, ReplayError> {
    let mut maps = Maps::new(artifact, ncpus);
    let mut programs = Vec::new();
    for spec in &artifact.programs {
        match &spec.attach {
            AttachSpec::PerfEvent {
                event: SoftwareEvent::CpuClock,
                ..
            } => programs.push(engine.load(Program::new(spec, &maps)?)?),
            AttachSpec::UserSpace(_) => {}
            _ => {
                return Err(ReplayError::Unsupported {
                    probe: spec.section.clone(),
                });
            }
        }
    }
    if programs.is_empty() {
        return Err(ReplayError::Empty);
    }
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
        let ctx = vm::perf_event_ctx(sample.period, 0);
        for prog in &programs {
            prog.run(&mut maps, &ctx, &event)?;
        }
    }
    Ok(maps)
}
