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
//!
//! Also here: [`reshape`], the user's fold flags (`--no-inline`, `--kernel-only`,
//! `--user-only`, `--fold-recursion`) applied to any profile, folded here or read back; and
//! the frame-text table the renderers share. Frame names are shared (`Arc<str>`), because a
//! large profile repeats a few thousand names millions of times (docs/PERFORMANCE.md).
//!
//! A frame named from an address keeps where it was (`Site`: address, mapped file, source
//! line) outside its identity: stacks merge by name for the graphs, and [`Profile::sites`]
//! keeps each address's weight for pprof.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use compiler::artifact::{KeyKind, MapSpec, ValueSpec};
use compiler::types::Unit;

pub use crate::frame::{Frame, FrameKind, Site};
use crate::hash::Fast;
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

/// Each distinct folded text of a profile's frames, once, with a small id: renderers that write
/// millions of frames look each frame up by its shared name's address (one hash of a pointer)
/// instead of formatting and hashing its text again. Frames whose folded texts are equal get
/// one id, as they would be one frame to a reader of the folded text.
#[derive(Default)]
pub(crate) struct FoldedTexts {
    /// (address of the name, kind) → id. Valid while the frames it saw live, which the
    /// renderers' borrow of the profile ensures.
    by_name: HashMap<(usize, FrameKind), u32, Fast>,
    by_text: HashMap<String, u32>,
    /// Invariant: `texts[id]` is the folded text of every frame given that id.
    pub(crate) texts: Vec<String>,
    /// The first frame given each id.
    firsts: Vec<Frame>,
    /// Per depth, the last frame looked up there (address of its name, kind) and its id:
    /// neighbouring stacks share most of their frames, so most lookups end here.
    last: Vec<(usize, FrameKind, u32)>,
    /// Whether two unequal frames were given one id (their folded texts are equal): then a
    /// sorted profile does not keep a text's stacks together.
    pub(crate) aliased: bool,
}

impl FoldedTexts {
    /// The id of each frame of one stack, replacing `out`'s contents.
    pub(crate) fn stack_ids(&mut self, frames: &[Frame], out: &mut Vec<u32>) {
        out.clear();
        for (depth, frame) in frames.iter().enumerate() {
            let addr = Arc::as_ptr(&frame.name) as *const u8 as usize;
            let id = match self.last.get(depth) {
                Some(&(a, kind, id)) if a == addr && kind == frame.kind => id,
                _ => {
                    let id = self.id(frame);
                    if depth < self.last.len() {
                        self.last[depth] = (addr, frame.kind, id);
                    } else {
                        self.last.push((addr, frame.kind, id));
                    }
                    id
                }
            };
            out.push(id);
        }
    }

    pub(crate) fn id(&mut self, frame: &Frame) -> u32 {
        let key = (Arc::as_ptr(&frame.name) as *const u8 as usize, frame.kind);
        if let Some(&id) = self.by_name.get(&key) {
            return id;
        }
        let text = frame.folded_name();
        let id = match self.by_text.get(text.as_ref()) {
            Some(&id) => {
                self.aliased |= self.firsts[id as usize] != *frame;
                id
            }
            None => {
                let id = self.texts.len() as u32;
                self.by_text.insert(text.to_string(), id);
                self.texts.push(text.into_owned());
                self.firsts.push(frame.clone());
                id
            }
        };
        self.by_name.insert(key, id);
        id
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
    /// Where the frames were in the code, when they were named from addresses: `stacks` merges
    /// stacks of equal names, and one stack of names may have been sampled at several
    /// addresses (other lines of a function, other call sites), which pprof tells apart.
    /// Invariant: empty (no frame has a site: folded input), or each stack's entries, in
    /// stack order, have one site per frame of it, and their weights add up to its weight.
    pub sites: Vec<SiteStack>,
}

/// One stack of a [`Profile`] at one set of addresses, with the weight sampled there.
#[derive(Clone, Debug, PartialEq)]
pub struct SiteStack {
    /// Index into `Profile::stacks`.
    pub stack: usize,
    /// Invariant: one per frame of the stack (`None` for frames with no address).
    pub sites: Box<[Option<Arc<Site>>]>,
    pub weight: u64,
}

impl Profile {
    /// Builds a profile from unsorted, possibly repeated stacks.
    pub fn from_stacks(
        stacks: impl IntoIterator<Item = (Vec<Frame>, u64)>,
        unit: Unit,
        value_name: impl Into<String>,
        losses: LossReport,
    ) -> Profile {
        // Sort, then add up neighbours: one allocation, and no tree of millions of frames.
        let mut all: Vec<(Vec<Frame>, u64)> = stacks.into_iter().collect();
        let sited = all
            .iter()
            .any(|(frames, _)| frames.iter().any(|f| f.site.is_some()));
        if sited {
            // Equal stacks by their addresses too, so the sites come out in one order.
            all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| site_order(&a.0, &b.0)));
        } else {
            all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        }
        let mut merged: Vec<(Vec<Frame>, u64)> = Vec::with_capacity(all.len());
        let mut sites: Vec<SiteStack> = Vec::new();
        for (frames, n) in all {
            let row: Option<Box<[Option<Arc<Site>>]>> =
                sited.then(|| frames.iter().map(|f| f.site.clone()).collect());
            match merged.last_mut() {
                Some((last, total)) if *last == frames => *total += n,
                _ => merged.push((frames, n)),
            }
            let Some(row) = row else {
                continue;
            };
            let stack = merged.len() - 1;
            match sites.last_mut() {
                Some(prev) if prev.stack == stack && prev.sites == row => prev.weight += n,
                _ => sites.push(SiteStack {
                    stack,
                    sites: row,
                    weight: n,
                }),
            }
        }
        Profile {
            stacks: merged,
            unit,
            value_name: value_name.into(),
            losses,
            sites,
        }
    }

    /// Every stack at each set of addresses it was sampled at, with the weight sampled there:
    /// the stacks with their frames' own sites when the profile has no [`Profile::sites`].
    pub fn site_stacks(&self) -> impl Iterator<Item = SiteStackRef<'_>> {
        let own = self
            .stacks
            .iter()
            .filter(|_| self.sites.is_empty())
            .map(|(frames, n)| SiteStackRef {
                frames,
                row: None,
                weight: *n,
            });
        let rows = self.sites.iter().map(|s| SiteStackRef {
            frames: &self.stacks[s.stack].0,
            row: Some(&s.sites),
            weight: s.weight,
        });
        own.chain(rows)
    }

    pub fn total(&self) -> u64 {
        self.stacks.iter().map(|(_, n)| n).sum()
    }
}

/// A stack of a [`Profile`] at one set of addresses ([`Profile::site_stacks`]).
pub struct SiteStackRef<'a> {
    pub frames: &'a [Frame],
    /// The sites, one per frame; `None`: the frames' own.
    row: Option<&'a [Option<Arc<Site>>]>,
    pub weight: u64,
}

impl<'a> SiteStackRef<'a> {
    /// Where frame `idx` of the stack was.
    pub fn site(&self, idx: usize) -> Option<&'a Arc<Site>> {
        match self.row {
            Some(row) => row[idx].as_ref(),
            None => self.frames[idx].site.as_ref(),
        }
    }
}

/// Orders stacks of equal frames by their frames' addresses (no site first).
fn site_order(a: &[Frame], b: &[Frame]) -> Ordering {
    let addrs = |frames: &[Frame]| -> Vec<Option<u64>> {
        frames
            .iter()
            .map(|f| f.site.as_ref().map(|s| s.addr))
            .collect()
    };
    addrs(a).cmp(&addrs(b))
}

/// `frames`, each at its site in `sites`.
fn with_sites(frames: &[Frame], sites: &[Option<Arc<Site>>]) -> Vec<Frame> {
    frames
        .iter()
        .zip(sites)
        .map(|(f, site)| Frame {
            site: site.clone(),
            ..f.clone()
        })
        .collect()
}

/// Which frames a profile keeps, as the user chose on the command line (`--no-inline`,
/// `--kernel-only`, `--user-only`, `--fold-recursion`). Applied by [`reshape`] to a folded
/// profile, so a run's output and `flamescript render` of a folded or pprof file give the
/// same result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FoldOptions {
    /// Drop the frames the compiler inlined (`_[i]`): each sample is charged to the function
    /// the code was inlined into.
    pub no_inline: bool,
    /// Keep only the kernel's or only the user's frames (and the key parts, comm or pid,
    /// which belong to neither).
    pub only: Option<Side>,
    /// Collapse a frame that calls itself directly (`f;f;f;g` → `f;g`), so deep recursion
    /// draws as one frame. Recursion through another function is kept.
    pub fold_recursion: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Kernel,
    User,
}

impl FoldOptions {
    pub fn is_identity(&self) -> bool {
        *self == FoldOptions::default()
    }
}

/// The profile with only the frames `options` keep, stacks that became equal merged. A stack
/// left with no frame of the side kept gets a `[no kernel frames]` / `[no user frames]`
/// marker, so its weight still shows (and is not mistaken for time in the key parts).
///
/// Sides are read from the frame kinds, which is all a profile read back from folded text
/// has: inlined frames go with the function before them, `[unknown]` frames and markers by
/// their text (`[unknown] (kernel)`, `[lost: kernel stack …]`, `[truncated]` with the frame
/// after it). A folded file does not mark its key parts (they come back as user frames), so
/// `--kernel-only` drops them from such a file.
pub fn reshape(profile: Profile, options: &FoldOptions) -> Profile {
    if options.is_identity() {
        return profile;
    }
    let Profile {
        stacks,
        unit,
        value_name,
        losses,
        sites,
    } = profile;
    // Stacks at each of their addresses, so that the sites survive for pprof.
    let stacks = match sites.is_empty() {
        true => stacks,
        false => sites
            .iter()
            .map(|s| (with_sites(&stacks[s.stack].0, &s.sites), s.weight))
            .collect(),
    };
    let mut marker: Option<Arc<str>> = None;
    let stacks: Vec<(Vec<Frame>, u64)> = stacks
        .into_iter()
        .map(|(frames, n)| {
            let mut frames = match options.only {
                Some(side) => keep_side(frames, side, &mut marker),
                None => frames,
            };
            if options.no_inline {
                frames.retain(|f| f.kind != FrameKind::Inlined);
            }
            if options.fold_recursion {
                frames.dedup();
            }
            (frames, n)
        })
        .collect();
    Profile::from_stacks(stacks, unit, value_name, losses)
}

/// Where a frame belongs: a side, or neither (key parts and markers about the whole stack).
fn frame_sides(frames: &[Frame]) -> Vec<Option<Side>> {
    let mut sides: Vec<Option<Side>> = frames
        .iter()
        .map(|f| match f.kind {
            FrameKind::Kernel => Some(Side::Kernel),
            FrameKind::User => Some(Side::User),
            FrameKind::Root | FrameKind::Inlined => None,
            FrameKind::Unknown if f.name.contains("(kernel)") => Some(Side::Kernel),
            FrameKind::Unknown => Some(Side::User),
            FrameKind::Marker if f.name.contains("kernel") => Some(Side::Kernel),
            FrameKind::Marker if f.name.contains("user") => Some(Side::User),
            FrameKind::Marker => None,
        })
        .collect();
    // An inlined frame sits on the function it was inlined into (outermost first).
    for idx in 1..frames.len() {
        if frames[idx].kind == FrameKind::Inlined {
            sides[idx] = sides[idx - 1];
        }
    }
    // `[truncated]` heads the stack it belongs to.
    for idx in (0..frames.len().saturating_sub(1)).rev() {
        if frames[idx].kind == FrameKind::Marker && &*frames[idx].name == "[truncated]" {
            sides[idx] = sides[idx + 1];
        }
    }
    sides
}

fn keep_side(frames: Vec<Frame>, side: Side, marker: &mut Option<Arc<str>>) -> Vec<Frame> {
    let sides = frame_sides(&frames);
    let mut kept_any = false;
    let mut res = Vec::with_capacity(frames.len());
    for (frame, frame_side) in frames.into_iter().zip(sides) {
        match frame_side {
            Some(s) if s == side => {
                kept_any = true;
                res.push(frame);
            }
            Some(_) => {}
            None => res.push(frame),
        }
    }
    if !kept_any {
        let name = marker.get_or_insert_with(|| match side {
            Side::Kernel => Arc::from("[no kernel frames]"),
            Side::User => Arc::from("[no user frames]"),
        });
        res.push(Frame::new(Arc::clone(name), FrameKind::Marker));
    }
    res
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
    prepare(entries, sym);
    let mut losses = LossReport::default();
    let mut stacks = Vec::with_capacity(entries.len());
    let mut scratch = Scratch::default();
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
        // A sum that went negative (`sum(delta - 1ms)`) has no width in a flame graph: left
        // out, and counted with its (absolute) weight rather than drawn as 18 quintillion.
        if matches!(entry.value, RawValue::Sum(_)) && (weight as i64) < 0 {
            *losses
                .other
                .entry("negative sums, not in the graph".into())
                .or_default() += 1;
            *losses
                .other
                .entry("negative sums' weight (absolute)".into())
                .or_default() += (weight as i64).unsigned_abs();
            continue;
        }
        let frames = entry_frames(entry, &kinds, weight, sym, &mut losses, &mut scratch);
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

/// Tells the symbolizer every stack up front, so it names each distinct address once, in a
/// batch per file, instead of stack by stack.
fn prepare(entries: &[RawEntry], sym: &mut dyn Symbolize) {
    let mut user: Vec<(u32, &[u64])> = Vec::new();
    let mut kernel: Vec<&[u64]> = Vec::new();
    for part in entries.iter().flat_map(|e| &e.parts) {
        match part {
            RawPart::UserStack { tgid, ips, .. } => user.push((*tgid, ips)),
            RawPart::KernelStack { ips, .. } => kernel.push(ips),
            _ => {}
        }
    }
    sym.prepare(&user, &kernel);
}

/// What folding one entry needs besides the entry, kept across entries: the three parts of a
/// stack (reused, so an entry allocates only its result) and the names the fold makes itself
/// (key parts, markers), shared like the symbolizer's.
#[derive(Default)]
struct Scratch {
    roots: Vec<Frame>,
    user: Vec<Frame>,
    kernel: Vec<Frame>,
    names: HashMap<String, Arc<str>>,
}

impl Scratch {
    fn frame(&mut self, name: &str, kind: FrameKind) -> Frame {
        let shared = match self.names.get(name) {
            Some(shared) => Arc::clone(shared),
            None => {
                let shared: Arc<str> = Arc::from(name);
                self.names.insert(name.to_string(), Arc::clone(&shared));
                shared
            }
        };
        Frame::new(shared, kind)
    }
}

/// One entry's frames root→leaf: roots, then user stacks, then kernel stacks.
fn entry_frames(
    entry: &RawEntry,
    kinds: &[&KeyKind],
    weight: u64,
    sym: &mut dyn Symbolize,
    losses: &mut LossReport,
    scratch: &mut Scratch,
) -> Vec<Frame> {
    let mut roots = std::mem::take(&mut scratch.roots);
    let mut user = std::mem::take(&mut scratch.user);
    let mut kernel = std::mem::take(&mut scratch.kernel);
    let mut no_kernel_stack = false;
    // An entry that lost two stacks is one weight lost, not two; the same for two cut stacks.
    let mut lost_weight = weight;
    let mut cut_weight = weight;
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
                roots.push(scratch.frame(&text, FrameKind::Root));
            }
            RawPart::Str(s) => {
                roots.push(scratch.frame(s.trim_end_matches('\0'), FrameKind::Root));
            }
            RawPart::Marker(label) => roots.push(scratch.frame(label, FrameKind::Marker)),
            RawPart::UserStack {
                tgid,
                ips,
                truncated,
            } => {
                if *truncated {
                    losses.truncated_stacks += 1;
                    losses.truncated_weight += std::mem::take(&mut cut_weight);
                }
                // An unwind that stopped before the root ends in a sentinel (`recover`): a
                // marked frame at the root side, where the missing frames would be.
                // A walk from unwind tables that reached the outermost frame says so: complete,
                // whatever its root is called (a stripped program's `_start` has no name).
                let (ips, walked_to_root): (&[u64], bool) = match ips.split_last() {
                    Some((&crate::recover::WALKED_TO_ROOT, rest)) => (rest, true),
                    _ => (ips.as_slice(), false),
                };
                let (ips, stopped) = match ips.split_last() {
                    Some((&last, rest)) => match crate::recover::stop_label(last) {
                        Some(label) => (rest, Some(label)),
                        None => (ips, None),
                    },
                    None => (ips, None),
                };
                if ips.is_empty() {
                    user.push(scratch.frame("[no user stack]", FrameKind::Marker));
                } else {
                    let markers_at = user.len();
                    if *truncated {
                        user.push(scratch.frame("[truncated]", FrameKind::Marker));
                    }
                    let start = user.len();
                    sym.user_frames(*tgid, ips, &mut user);
                    // A run of unknown frames of one module is one frame: a frame-pointer walk
                    // into code without them reads garbage, and a stripped library would
                    // otherwise be a tower of boxes, one per address.
                    let mut i = start + 1;
                    while i < user.len() {
                        if user[i].kind == FrameKind::Unknown && user[i].name == user[i - 1].name {
                            user.remove(i);
                        } else {
                            i += 1;
                        }
                    }
                    // A walk from tables that reached the outermost frame of a stripped program
                    // has an unnamed root: it is the program's entry (`_start`), and says so.
                    if walked_to_root
                        && let Some(root) = user.get_mut(start)
                        && root.kind == FrameKind::Unknown
                        && let Some(module) = root.name.strip_prefix("[unknown] ")
                    {
                        let name = format!("[entry] {module}");
                        let site = root.site.take();
                        let mut f = scratch.frame(&name, FrameKind::Unknown);
                        f.site = site;
                        user[start] = f;
                    }
                    // A walk that stopped past a thread's entry point (`_start` of a static
                    // musl program has no rule that ends the walk: the step after it finds no
                    // table) lost nothing; any other stop is a marked frame where the missing
                    // frames would be, counted.
                    if let Some(label) = stopped {
                        let reached_entry = sym.names_entry_points()
                            && start < user.len()
                            && matches!(root_of(&user[start..]), Root::Entry);
                        if !reached_entry {
                            user.insert(markers_at, scratch.frame(label, FrameKind::Marker));
                            let cause = label.trim_start_matches("[unwind: ").trim_end_matches(']');
                            losses.add_unrooted(cause, weight);
                        }
                    }
                    // A walk that did not reach a thread's entry point lost its outer frames
                    // (frame pointers through code built without them): say so where they are.
                    if stopped.is_none()
                        && !walked_to_root
                        && !*truncated
                        && sym.names_entry_points()
                    {
                        match root_of(&user[start..]) {
                            Root::Entry => {}
                            Root::Unknown => {
                                losses.add_unrooted("ends in unknown code", weight);
                                let marker = scratch.frame("[incomplete stack]", FrameKind::Marker);
                                user.insert(start, marker);
                            }
                            Root::Cut => {
                                losses.add_unrooted("walk stopped short", weight);
                                let marker = scratch.frame("[incomplete stack]", FrameKind::Marker);
                                user.insert(start, marker);
                            }
                        }
                    }
                }
            }
            RawPart::KernelStack { ips, truncated } => {
                if *truncated {
                    losses.truncated_stacks += 1;
                    losses.truncated_weight += std::mem::take(&mut cut_weight);
                }
                if ips.is_empty() {
                    kernel.push(scratch.frame("[no kernel stack]", FrameKind::Marker));
                } else {
                    if *truncated {
                        kernel.push(scratch.frame("[truncated]", FrameKind::Marker));
                    }
                    let from = kernel.len();
                    sym.kernel_frames(ips, &mut kernel);
                    drop_hook_frames(&mut kernel, from);
                }
            }
            // -EFAULT: there was no stack of that kind to take — a sample in user mode has no
            // kernel stack, a kernel thread no user stack. Nothing was lost: no kernel frames,
            // and a labelled frame where the user stack would be (not counted as a loss).
            RawPart::StackError(-14) => {
                if matches!(kind, Some(KeyKind::UserStack { .. })) {
                    user.push(scratch.frame("[no user stack]", FrameKind::Marker));
                } else {
                    no_kernel_stack = true;
                }
            }
            RawPart::StackError(errno) => {
                losses.add_stack_error(*errno, std::mem::take(&mut lost_weight));
                let which = match kind {
                    Some(KeyKind::UserStack { .. }) => "user ",
                    Some(KeyKind::KernelStack { .. }) => "kernel ",
                    _ => "",
                };
                let label = match *errno {
                    // -EEXIST: another stack owned the STACK_TRACE bucket (BPF_F_REUSE_STACKID
                    // unset); a collision, not a capture failure, and worth telling apart.
                    -17 => format!("[lost: {which}stack id collision]"),
                    // offcpu: the thread exited before its task work could take the stack.
                    -3 => format!("[lost: {which}stack, thread exited first]"),
                    // offcpu: the task work ran only after the thread had moved on.
                    -62 => format!("[lost: {which}stack, taken too late]"),
                    // offcpu at switch-in: `sched_exit_tp` did not run in the thread.
                    -71 => format!("[lost: {which}stack, switch-in not seen]"),
                    _ => format!("[lost: {which}stack error {}]", errno_name(*errno)),
                };
                // Where the stack would have been, so the weight stays in the right process.
                let target = if which == "kernel " {
                    &mut kernel
                } else {
                    &mut user
                };
                target.push(scratch.frame(&label, FrameKind::Marker));
            }
        }
    }
    // A sample with no stack at all (a user-mode sample in a map keyed by `kstack` alone) still
    // gets a frame: a stack with no frames is dropped by FlameGraph's formats (issue 19), and
    // its weight must be there in every format alike.
    if no_kernel_stack && user.is_empty() && kernel.is_empty() {
        kernel.push(scratch.frame("[no kernel stack]", FrameKind::Marker));
    }
    let mut res = Vec::with_capacity(roots.len() + user.len() + kernel.len());
    res.append(&mut roots);
    res.append(&mut user);
    res.append(&mut kernel);
    (scratch.roots, scratch.user, scratch.kernel) = (roots, user, kernel);
    res
}

/// Functions a user stack starts from: a program's or a thread's entry (glibc, musl, Go).
pub const ROOT_FUNCTIONS: &[&str] = &[
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

/// Where a symbolized user stack (root→leaf) starts.
enum Root {
    /// A thread's entry point (or nothing to tell: an empty stack).
    Entry,
    /// Code with no symbol: most often a frame-pointer walk that read garbage past code built
    /// without frame pointers. Not the entry point as far as anyone can tell, so incomplete:
    /// counting it as complete is what made the report flatter such stacks.
    Unknown,
    /// A named function that is not an entry point: the walk stopped short.
    Cut,
}

fn root_of(frames: &[Frame]) -> Root {
    match frames.first() {
        None => Root::Entry,
        Some(f) if ROOT_FUNCTIONS.contains(&&*f.name) => Root::Entry,
        Some(f) if f.kind == FrameKind::Unknown => Root::Unknown,
        Some(_) => Root::Cut,
    }
}

/// An off-CPU stack taken in the thread's own context at the end of `__schedule()` (the
/// `sched_exit_tp` hook) has our own program and the tracepoint's runner on top of it
/// (`…;__schedule;bpf_trace_run1;bpf_prog_…`): the thread's stack ends at `__schedule`.
/// Dropped only there (and at `schedule_tail`, a new thread's first run), so a profile sample
/// that finds a CPU busy in some BPF program keeps it. `from` is where this stack's frames
/// start in `frames` (root→leaf).
fn drop_hook_frames(frames: &mut Vec<Frame>, from: usize) {
    let hook = |f: &Frame| {
        f.kind == FrameKind::Kernel
            && ["bpf_prog_", "bpf_trace_run", "__bpf_trace_", "__traceiter_"]
                .iter()
                .any(|p| f.name.starts_with(p))
    };
    let mut top = frames.len();
    while top > from && hook(&frames[top - 1]) {
        top -= 1;
    }
    if top < frames.len()
        && top > from
        && matches!(&*frames[top - 1].name, "__schedule" | "schedule_tail")
    {
        frames.truncate(top);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue 17 — a stack taken at `sched_exit_tp` ends at `__schedule`, not in our
    // program; a CPU sample inside some BPF program keeps its frames.
    #[test]
    fn hook_frames_are_dropped_only_above_the_scheduler() {
        let k = |names: &[&str]| -> Vec<Frame> {
            names
                .iter()
                .map(|n| Frame {
                    name: Arc::from(*n),
                    kind: FrameKind::Kernel,
                    site: None,
                })
                .collect()
        };
        let names = |f: &[Frame]| f.iter().map(|f| f.name.to_string()).collect::<Vec<_>>();
        let mut f = k(&[
            "do_nanosleep",
            "schedule",
            "__schedule",
            "bpf_trace_run1",
            "bpf_prog_1f_x",
        ]);
        drop_hook_frames(&mut f, 0);
        assert_eq!(names(&f), ["do_nanosleep", "schedule", "__schedule"]);
        let mut f = k(&[
            "ret_from_fork",
            "schedule_tail",
            "__bpf_trace_sched_exit_tp",
            "bpf_trace_run1",
            "bpf_prog_2",
        ]);
        drop_hook_frames(&mut f, 0);
        assert_eq!(names(&f), ["ret_from_fork", "schedule_tail"]);
        let busy = [
            "asm_sysvec_apic_timer_interrupt",
            "bpf_trace_run2",
            "bpf_prog_3",
        ];
        let mut f = k(&busy);
        drop_hook_frames(&mut f, 0);
        assert_eq!(names(&f), busy);
        // Frames before `from` belong to another part of the key.
        let mut f = k(&["__schedule", "bpf_prog_4"]);
        drop_hook_frames(&mut f, 1);
        assert_eq!(names(&f), ["__schedule", "bpf_prog_4"]);
    }
    use crate::render::folded;

    /// Folded text through `reshape`, back to folded text.
    fn reshaped(text: &str, options: FoldOptions) -> String {
        folded::write(&reshape(folded::parse(text).unwrap(), &options))
    }

    const MIXED: &str = "\
main;read;read_buf_[i];vfs_read_[k];ext4_read_[i];copy_user_[k] 5
main;compute;compute_[i] 3
main;[truncated];deep_[k] 2
main;[no user stack];[unknown] (kernel) 1
";

    #[test]
    fn no_inline_drops_inlined_frames_and_merges() {
        let text = "main;f;g_[i] 2\nmain;f 3\nmain;f;h_[i];g_[i] 1\n";
        let options = FoldOptions {
            no_inline: true,
            ..Default::default()
        };
        assert_eq!(reshaped(text, options), "main;f 6\n");
        assert_eq!(
            reshaped(text, FoldOptions::default()),
            folded::write(&folded::parse(text).unwrap())
        );
    }

    #[test]
    fn kernel_only_keeps_kernel_frames_and_their_inlined_ones() {
        let options = FoldOptions {
            only: Some(Side::Kernel),
            ..Default::default()
        };
        // A folded file's key parts read as user frames, so `main` goes too.
        assert_eq!(
            reshaped(MIXED, options),
            "[no kernel frames] 3\n\
             [truncated];deep_[k] 2\n\
             [unknown] (kernel) 1\n\
             vfs_read_[k];ext4_read_[i];copy_user_[k] 5\n"
        );
    }

    #[test]
    fn user_only_keeps_user_frames_and_key_parts() {
        let options = FoldOptions {
            only: Some(Side::User),
            ..Default::default()
        };
        assert_eq!(
            reshaped(MIXED, options),
            "main 2\n\
             main;[no user stack] 1\n\
             main;compute;compute_[i] 3\n\
             main;read;read_buf_[i] 5\n"
        );
        // Key parts are kept when the profile knows them (a run's own profile).
        let run = Profile::from_stacks(
            [(
                vec![
                    Frame::new("comm", FrameKind::Root),
                    Frame::new("f", FrameKind::User),
                    Frame::new("k", FrameKind::Kernel),
                ],
                4,
            )],
            Unit::Plain,
            "samples",
            LossReport::default(),
        );
        let kernel = FoldOptions {
            only: Some(Side::Kernel),
            ..Default::default()
        };
        assert_eq!(folded::write(&reshape(run, &kernel)), "comm;k_[k] 4\n");
    }

    #[test]
    fn fold_recursion_collapses_direct_recursion_only() {
        let text = "main;f;f;f;g 2\nmain;f;g 1\nmain;f;h;f;f 4\nmain;f;f_[k] 1\n";
        let options = FoldOptions {
            fold_recursion: true,
            ..Default::default()
        };
        assert_eq!(
            reshaped(text, options),
            "main;f;f_[k] 1\nmain;f;g 3\nmain;f;h;f 4\n"
        );
    }

    fn sited(name: &str, kind: FrameKind, addr: u64) -> Frame {
        let site = Site {
            addr,
            mapping: None,
            file: None,
            line: 0,
            start_line: 0,
        };
        Frame::new(name, kind).at(Arc::new(site))
    }

    fn addrs(profile: &Profile) -> Vec<(Vec<Option<u64>>, u64)> {
        profile
            .site_stacks()
            .map(|s| {
                let sites = (0..s.frames.len())
                    .map(|i| s.site(i).map(|x| x.addr))
                    .collect();
                (sites, s.weight)
            })
            .collect()
    }

    // See: #20 — stacks merge by name for the graphs, and keep each address's weight for pprof,
    // through the fold flags too.
    #[test]
    fn issue_20_stacks_keep_their_addresses_apart() {
        let stack = |leaf: u64, inlined: u64| {
            vec![
                Frame::new("comm", FrameKind::Root),
                sited("main", FrameKind::User, 0x10),
                sited("f", FrameKind::User, leaf),
                sited("g", FrameKind::Inlined, inlined),
            ]
        };
        let profile = Profile::from_stacks(
            [
                (stack(0x22, 0x22), 2),
                (stack(0x21, 0x21), 3),
                (stack(0x22, 0x22), 4),
            ],
            Unit::Plain,
            "samples",
            LossReport::default(),
        );
        assert_eq!(folded::write(&profile), "comm;main;f;g_[i] 9\n");
        assert_eq!(
            addrs(&profile),
            [
                (vec![None, Some(0x10), Some(0x21), Some(0x21)], 3),
                (vec![None, Some(0x10), Some(0x22), Some(0x22)], 6),
            ]
        );
        let options = FoldOptions {
            no_inline: true,
            ..Default::default()
        };
        let reshaped = reshape(profile, &options);
        assert_eq!(folded::write(&reshaped), "comm;main;f 9\n");
        assert_eq!(
            addrs(&reshaped),
            [
                (vec![None, Some(0x10), Some(0x21)], 3),
                (vec![None, Some(0x10), Some(0x22)], 6),
            ]
        );
        // Without addresses there is nothing to keep apart.
        let plain = folded::parse("main;f 2\n").unwrap();
        assert!(plain.sites.is_empty());
        assert_eq!(addrs(&plain), [(vec![None, None], 2)]);
    }
}
