//! Map entries → a folded profile: frames root→leaf with their summed weight.
//!
//! Owns the shape of a flame graph: which key parts become root frames, where user and kernel
//! stacks go, and how losses show up *inside* the graph (`[lost: …]`, `[no user stack]`,
//! `[truncated]`) instead of vanishing. It is pure: entries arrive already read from the kernel
//! (by `session`), addresses are named through the [`Symbolize`] trait (so tests use a fake),
//! and nothing here reads a map, `/proc` or a file.
//!
//! Order, root→leaf, as FlameGraph's and bpftrace's folding do: the key parts that are not
//! stacks (in script order), then each user stack (outermost frame first), then each kernel
//! stack (outermost first). So `@[comm, kstack, ustack]` groups by process, and a syscall's
//! kernel frames sit on top of the user frames that made it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use compiler::artifact::{KeyKind, MapSpec, ValueSpec};
use compiler::types::Unit;

use crate::losses::{LossReport, errno_name};
use crate::symbolize::Symbolize;

/// One key part as read from the map, with stack ids already resolved to addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawPart {
    Int(u64),
    Str(String),
    /// Instruction pointers, leaf first. `truncated` when the capture hit the depth limit.
    KernelStack {
        ips: Vec<u64>,
        truncated: bool,
    },
    /// Instruction pointers in process `tgid`, leaf first.
    UserStack {
        tgid: u32,
        ips: Vec<u64>,
        truncated: bool,
    },
    /// The stack capture failed: the negative errno `bpf_get_stackid` returned.
    StackError(i64),
    /// A labeled frame the session adds itself, such as `[blocks < 1ms]` for time summed
    /// without stacks.
    Marker(String),
}

/// One map value, per-CPU values already merged, shaped as `artifact::ValueSpec` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RawValue {
    Count(u64),
    Sum(u64),
    Min(u64),
    Max(u64),
    Avg {
        sum: u64,
        count: u64,
    },
    /// Log2 buckets: bucket i holds values in [2^(i-1), 2^i), bucket 0 holds 0.
    Hist(Vec<u64>),
    Last(u64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawEntry {
    /// The key's visible parts in script order (`KeyKind::Hidden` parts are not here).
    pub parts: Vec<RawPart>,
    pub value: RawValue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FrameKind {
    /// A key part that is not a stack: comm, pid, any int or string.
    Root,
    User,
    Kernel,
    /// A function the compiler inlined into the frame below it (from DWARF).
    Inlined,
    /// An address no symbol covers; the name says which module, when known.
    Unknown,
    /// A label for something that is not a function: `[truncated]`, `[no user stack]`,
    /// `[lost: …]`, `[blocks < 1ms]`.
    Marker,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Frame {
    pub name: String,
    pub kind: FrameKind,
}

impl Frame {
    pub fn new(name: impl Into<String>, kind: FrameKind) -> Frame {
        Frame {
            name: name.into(),
            kind,
        }
    }

    /// The frame as folded text writes it: FlameGraph's `_[k]` (kernel) and `_[i]` (inlined)
    /// suffixes, which inferno's palettes color by. `;` separates frames and a newline ends a
    /// line, so neither may appear in a name.
    pub fn folded_name(&self) -> Cow<'_, str> {
        let clean: Cow<'_, str> = if self.name.contains([';', '\n', '\r']) {
            Cow::Owned(self.name.replace([';', '\n', '\r'], "_"))
        } else {
            Cow::Borrowed(&self.name)
        };
        match self.kind {
            FrameKind::Kernel => Cow::Owned(format!("{clean}_[k]")),
            FrameKind::Inlined => Cow::Owned(format!("{clean}_[i]")),
            _ => clean,
        }
    }
}

/// A flame graph's data: stacks root→leaf with weights, merged, in a deterministic order.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// Invariant: no two stacks are equal, and the list is sorted.
    pub stacks: Vec<(Vec<Frame>, u64)>,
    /// The unit of the weights.
    pub unit: Unit,
    /// What a weight is: "samples", "time", "bytes" …; pprof's sample type.
    pub value_name: String,
    pub losses: LossReport,
}

impl Profile {
    /// Builds a profile from unsorted, possibly repeated stacks.
    pub fn from_stacks(
        stacks: impl IntoIterator<Item = (Vec<Frame>, u64)>,
        unit: Unit,
        value_name: impl Into<String>,
        losses: LossReport,
    ) -> Profile {
        let mut merged: BTreeMap<Vec<Frame>, u64> = BTreeMap::new();
        for (frames, n) in stacks {
            *merged.entry(frames).or_default() += n;
        }
        Profile {
            stacks: merged.into_iter().collect(),
            unit,
            value_name: value_name.into(),
            losses,
        }
    }

    pub fn total(&self) -> u64 {
        self.stacks.iter().map(|(_, n)| n).sum()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FoldError {
    #[error("map `{map}` does not add up (its value is not count() or sum()): print it as a table")]
    NotAdditive { map: String },
    #[error("map `{map}`: entry value {found:?} does not match the map's value kind")]
    ValueMismatch { map: String, found: RawValue },
}

/// The name of a weight of this kind, for tooltips and pprof sample types.
pub fn value_name(value: ValueSpec) -> &'static str {
    match value {
        ValueSpec::Count => "samples",
        ValueSpec::Sum(Unit::Time { .. }) => "time",
        ValueSpec::Sum(Unit::Bytes { .. }) => "bytes",
        _ => "sum",
    }
}

/// Folds the entries of one additive map into a profile, naming addresses through `sym`.
pub fn fold(
    entries: &[RawEntry],
    spec: &MapSpec,
    sym: &mut dyn Symbolize,
) -> Result<Profile, FoldError> {
    let unit = match spec.value {
        ValueSpec::Count => Unit::Plain,
        ValueSpec::Sum(unit) => unit,
        _ => {
            return Err(FoldError::NotAdditive {
                map: spec.display.clone(),
            });
        }
    };
    // The kinds of the visible key parts, to label stack errors and format ints.
    let kinds: Vec<&KeyKind> = spec
        .key
        .iter()
        .map(|p| &p.kind)
        .filter(|k| !matches!(k, KeyKind::Hidden))
        .collect();
    let mut losses = LossReport::default();
    let mut stacks = Vec::with_capacity(entries.len());
    for entry in entries {
        let weight = match entry.value {
            RawValue::Count(n) | RawValue::Sum(n) => n,
            ref found => {
                return Err(FoldError::ValueMismatch {
                    map: spec.display.clone(),
                    found: found.clone(),
                });
            }
        };
        let frames = entry_frames(entry, &kinds, weight, sym, &mut losses);
        let n_unknown = frames
            .iter()
            .filter(|f| f.kind == FrameKind::Unknown)
            .count() as u64;
        let n_symbols = frames
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    FrameKind::User | FrameKind::Kernel | FrameKind::Inlined
                )
            })
            .count() as u64;
        losses.unresolved_frames += n_unknown;
        losses.resolved_frames += n_symbols;
        if n_unknown > 0 {
            losses.unresolved_weight += weight;
        }
        losses.total_weight += weight;
        stacks.push((frames, weight));
    }
    Ok(Profile::from_stacks(
        stacks,
        unit,
        value_name(spec.value),
        losses,
    ))
}

/// One entry's frames root→leaf: roots, then user stacks, then kernel stacks.
fn entry_frames(
    entry: &RawEntry,
    kinds: &[&KeyKind],
    weight: u64,
    sym: &mut dyn Symbolize,
    losses: &mut LossReport,
) -> Vec<Frame> {
    let mut roots = Vec::new();
    let mut user = Vec::new();
    let mut kernel = Vec::new();
    for (idx, part) in entry.parts.iter().enumerate() {
        let kind = kinds.get(idx).copied();
        match part {
            RawPart::Int(n) => {
                let text = match kind {
                    Some(KeyKind::Int(unit @ (Unit::Time { .. } | Unit::Bytes { .. }))) => {
                        crate::units::format_value(*n, *unit)
                    }
                    // Ids (pid, cpu) read best without thousands separators.
                    _ => n.to_string(),
                };
                roots.push(Frame::new(text, FrameKind::Root));
            }
            RawPart::Str(s) => {
                roots.push(Frame::new(s.trim_end_matches('\0'), FrameKind::Root));
            }
            RawPart::Marker(label) => roots.push(Frame::new(label.clone(), FrameKind::Marker)),
            RawPart::UserStack {
                tgid,
                ips,
                truncated,
            } => {
                losses.truncated_stacks += u64::from(*truncated);
                // An unwind that stopped before the root ends in a sentinel (`recover`): a
                // marked frame at the root side, where the missing frames would be.
                let (ips, stopped) = match ips.split_last() {
                    Some((&last, rest)) => match crate::recover::stop_label(last) {
                        Some(label) => (rest, Some(label)),
                        None => (ips.as_slice(), None),
                    },
                    None => (ips.as_slice(), None),
                };
                if let Some(label) = stopped {
                    user.push(Frame::new(label, FrameKind::Marker));
                }
                let frames = sym.user(*tgid, ips);
                // A walk that did not reach a thread's entry point lost its outer frames
                // (frame pointers through code built without them): say so where they are.
                if stopped.is_none() && !*truncated && !reaches_root(&frames) {
                    losses.unrooted_stacks += 1;
                    user.push(Frame::new("[incomplete stack]", FrameKind::Marker));
                }
                push_stack(&mut user, "user", *truncated, frames);
            }
            RawPart::KernelStack { ips, truncated } => {
                losses.truncated_stacks += u64::from(*truncated);
                push_stack(&mut kernel, "kernel", *truncated, sym.kernel(ips));
            }
            // -EFAULT: there was no stack of that kind to take — a sample in user mode has no
            // kernel stack, a kernel thread no user stack. Nothing was lost: no kernel frames,
            // and a labelled frame where the user stack would be (not counted as a loss).
            RawPart::StackError(-14) => {
                if matches!(kind, Some(KeyKind::UserStack { .. })) {
                    user.push(Frame::new("[no user stack]", FrameKind::Marker));
                }
            }
            RawPart::StackError(errno) => {
                losses.add_stack_error(*errno, weight);
                let which = match kind {
                    Some(KeyKind::UserStack { .. }) => "user ",
                    Some(KeyKind::KernelStack { .. }) => "kernel ",
                    _ => "",
                };
                let label = match *errno {
                    // -EEXIST: another stack owned the STACK_TRACE bucket (BPF_F_REUSE_STACKID
                    // unset); a collision, not a capture failure, and worth telling apart.
                    -17 => format!("[lost: {which}stack id collision]"),
                    _ => format!("[lost: {which}stack error {}]", errno_name(*errno)),
                };
                // Where the stack would have been, so the weight stays in the right process.
                let target = if which == "kernel " {
                    &mut kernel
                } else {
                    &mut user
                };
                target.push(Frame::new(label, FrameKind::Marker));
            }
        }
    }
    roots.extend(user);
    roots.extend(kernel);
    roots
}

/// Functions a user stack starts from: a program's or a thread's entry (glibc, musl, Go).
const ROOT_FUNCTIONS: &[&str] = &[
    "_start",
    "__libc_start_main",
    "__libc_start_main_impl",
    "__libc_start_call_main",
    "start_thread",
    "clone",
    "clone3",
    "__clone",
    "__clone3",
    "__clone_internal",
    "thread_start",
    "_dl_start_user",
    "runtime.goexit",
    "runtime.mstart",
    "runtime.rt0_go",
];

/// Whether a symbolized user stack (per ip, leaf first) reaches a thread's entry point. An
/// empty stack or one whose outermost frame is unknown cannot tell, and counts as reaching it.
fn reaches_root(per_ip: &[Vec<Frame>]) -> bool {
    let Some(outer) = per_ip.last().and_then(|f| f.first()) else {
        return true;
    };
    outer.kind == FrameKind::Unknown || ROOT_FUNCTIONS.contains(&outer.name.as_str())
}

/// Appends one symbolized stack (per ip, leaf first; frames per ip outermost first) root→leaf.
fn push_stack(out: &mut Vec<Frame>, which: &str, truncated: bool, per_ip: Vec<Vec<Frame>>) {
    if per_ip.is_empty() {
        out.push(Frame::new(format!("[no {which} stack]"), FrameKind::Marker));
        return;
    }
    if truncated {
        out.push(Frame::new("[truncated]", FrameKind::Marker));
    }
    out.extend(per_ip.into_iter().rev().flatten());
}
