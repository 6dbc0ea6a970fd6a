//! What the kernel half of a run hands back: its errors and raw map contents. A leaf module, so
//! `attach/`, `maps` and `recover` can name them without depending on `session` (which depends
//! on them).

use compiler::artifact::MapSpec;
use compiler::diag::Span;

/// Everything that can go wrong between an `Artifact` and its maps' contents.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    #[error("loading BPF needs root (or CAP_BPF and CAP_PERFMON)")]
    NotPermitted,
    #[error("the kernel refused the BPF object: {0}")]
    Object(String),
    #[error("the kernel verifier refused program `{program}`")]
    Verifier {
        program: String,
        /// The clause's span, or the statement's when the failing instruction is known.
        span: Span,
        /// The failing instruction, when the log names one.
        insn: Option<u32>,
        /// The last lines of the verifier log.
        log: String,
    },
    #[error("cannot attach `{program}` to {target}: {reason}")]
    Attach {
        program: String,
        target: String,
        reason: String,
    },
    #[error("cannot read map `{map}`: {reason}")]
    ReadMap { map: String, reason: String },
    #[error("tracefs is not mounted and mounting it failed: {0}")]
    Tracefs(String),
}

impl RuntimeError {
    /// What the user can do about it, for the binary's `help:` line.
    pub fn hint(&self) -> Option<String> {
        match self {
            RuntimeError::NotPermitted => Some("run as root, e.g. with sudo".into()),
            RuntimeError::Tracefs(_) => {
                Some("run: mount -t tracefs nodev /sys/kernel/tracing".into())
            }
            RuntimeError::Verifier { log, .. } => Some(match kernel_limit(log) {
                Some(limit) => limit.into(),
                None => "this is a flamescript bug unless the script does something the kernel \
                         forbids; please report it with the script"
                    .into(),
            }),
            _ => None,
        }
    }
}

/// A verifier refusal that is this kernel's limit rather than a fault in what we built: what
/// it lacks, in words a user can act on.
fn kernel_limit(log: &str) -> Option<&'static str> {
    const LIMITS: &[(&str, &str)] = &[
        (
            "sleepable callback",
            "this kernel's verifier refuses BPF task work from a tracepoint program (a \
             restriction of this kernel build); leave out --offcpu-design to use what it offers",
        ),
        (
            "can only use preallocated hash map",
            "this kernel (before 6.1) wants every hash map preallocated in perf_event programs",
        ),
        (
            "unknown func",
            "this kernel lacks a BPF helper the program calls (it is older than the feature)",
        ),
        (
            "cannot find address for kernel function",
            "this kernel lists that kernel function (kfunc) in its BTF but does not let programs \
             call it",
        ),
        (
            "calling kernel function",
            "this kernel does not let this program type call that kernel function (kfunc)",
        ),
    ];
    LIMITS
        .iter()
        .find(|(needle, _)| log.contains(needle))
        .map(|(_, what)| *what)
}

/// One map's contents: raw keys and values (per-CPU values already laid out CPU by CPU).
#[derive(Clone, Debug)]
pub struct MapDump {
    pub spec: MapSpec,
    /// `(key bytes, value bytes)`; for per-CPU maps the value holds one slot per possible CPU,
    /// each `round_up(value_size, 8)` bytes.
    pub entries: Vec<(Vec<u8>, Vec<u8>)>,
}
