//! Addresses → frame names, over blazesym: kernel addresses through kallsyms, user addresses
//! through the ELF files a process had mapped, with DWARF inline frames where present.
//!
//! "Symbols that survive exit": a short-lived process is gone by the time maps are read, and
//! with it `/proc/PID/maps` and `/proc/PID/map_files`. So [`Symbolizer::track`] snapshots, while
//! the process lives, its executable mappings (path, start, end, file offset, build id) and has
//! blazesym open, parse and *pin* each ELF file; later an address becomes (file, file offset)
//! and is resolved through blazesym's `Elf` source, never through its `Process` source. Files
//! are cached once per path, shared across processes. A file deleted while mapped is opened
//! through `/proc/PID/map_files/…` at track time, for the same reason.
//!
//! Unresolved addresses are kept as `[unknown] (module+0xoffset)` frames, never dropped; the
//! fold counts them for the loss report. Every frame named from an address carries its site
//! (`fold::Site`: the address looked up, the mapping it is in, its DWARF file and line), which
//! only pprof writes. This module owns no folding or rendering, and the
//! [`Symbolize`] trait lets `fold` run on a fake in tests.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use blazesym::MaybeDefault;
use blazesym::symbolize::source::{Elf, Kernel, Source};
use blazesym::symbolize::{Input, Symbolized, cache};

use crate::frame::{Frame, FrameKind, Site};
use crate::hash::Fast;

/// Names addresses. Both methods take instruction pointers leaf first (as the kernel captures
/// them) and return, per address, its frames outermost first: the function, then the functions
/// inlined into it (innermost last).
///
/// Invariant: the result has one element per address, and no element is empty.
pub trait Symbolize {
    fn kernel(&mut self, ips: &[u64]) -> Vec<Vec<Frame>>;
    fn user(&mut self, tgid: u32, ips: &[u64]) -> Vec<Vec<Frame>>;

    /// Announces the stacks about to be named (user stacks with their tgid, kernel stacks;
    /// each leaf first), so that an implementation can name all their distinct addresses in a
    /// few batched calls rather than one per stack. Optional: the default does nothing, and
    /// `kernel`/`user` must answer correctly either way.
    fn prepare(&mut self, _user: &[(u32, &[u64])], _kernel: &[&[u64]]) {}

    /// Appends a nonempty user stack's frames root→leaf to `out`: what `user` returns, in
    /// the order a folded stack holds it, without a vector per address (a fold of 100 000
    /// stacks calls this millions of times' worth of addresses).
    fn user_frames(&mut self, tgid: u32, ips: &[u64], out: &mut Vec<Frame>) {
        out.extend(self.user(tgid, ips).into_iter().rev().flatten());
    }

    /// `kernel`, appended root→leaf to `out`, as [`Symbolize::user_frames`].
    fn kernel_frames(&mut self, ips: &[u64], out: &mut Vec<Frame>) {
        out.extend(self.kernel(ips).into_iter().rev().flatten());
    }

    /// Whether user frames carry real function names, so a stack that does not start at a
    /// thread's entry point (`_start`, `start_thread`…) can be told to be incomplete. Fakes in
    /// tests name frames otherwise and say no.
    fn names_entry_points(&self) -> bool {
        false
    }
}

pub use crate::frame::Mapping;

#[derive(Debug, thiserror::Error)]
pub enum SymbolizeError {
    #[error("cannot read the memory map of process {pid}: {source}")]
    Maps { pid: u32, source: std::io::Error },
}

/// Counts of what was named and what was not, across every call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SymbolStats {
    pub resolved: u64,
    pub unresolved: u64,
    /// Mapped files blazesym could not open or parse at track time.
    pub files_failed: u64,
}

/// The real symbolizer. Build one per run; `track` every traced process while it lives.
pub struct Symbolizer {
    blaze: blazesym::symbolize::Symbolizer,
    kernel_src: Source<'static>,
    /// Executable mappings per tgid, sorted by start. An empty list: tried, nothing to read.
    processes: HashMap<u32, Vec<Mapping>>,
    /// Results per (tgid, address); tgid `None` is the kernel.
    memo: HashMap<(Option<u32>, u64), Vec<Frame>, Fast>,
    build_ids: HashMap<PathBuf, Option<String>>,
    /// Every name handed out, once: frames of one function share it, so a profile's stacks
    /// hold pointers to a few thousand names rather than millions of copies.
    names: HashSet<Arc<str>>,
    /// Files opened (pinned) while their process lived, once each.
    pinned: HashSet<PathBuf>,
    /// The PLT stubs of each file symbolized, read once (`plt.rs`).
    plts: HashMap<PathBuf, crate::plt::Plt>,
    stats: SymbolStats,
}

impl Default for Symbolizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Symbolizer {
    pub fn new() -> Symbolizer {
        // kallsyms only: it matches the running kernel by construction, needs no KASLR offset,
        // and costs milliseconds; a vmlinux with DWARF would add kernel inline frames at the cost
        // of seconds of parsing and a risk of a mismatched image.
        let kernel = Kernel {
            vmlinux: MaybeDefault::None,
            debug_syms: false,
            ..Kernel::default()
        };
        Symbolizer {
            blaze: blazesym::symbolize::Symbolizer::new(),
            kernel_src: Source::Kernel(kernel),
            processes: HashMap::new(),
            memo: HashMap::default(),
            build_ids: HashMap::new(),
            names: HashSet::new(),
            pinned: HashSet::new(),
            plts: HashMap::new(),
            stats: SymbolStats::default(),
        }
    }

    pub fn stats(&self) -> SymbolStats {
        self.stats
    }

    /// Snapshots process `pid`'s executable mappings and opens (and pins) their ELF files, so
    /// that its addresses still resolve after it exits. Call it again after the process maps
    /// new code (dlopen); the newest snapshot wins. Returns the number of mappings kept.
    pub fn track(&mut self, pid: u32) -> Result<usize, SymbolizeError> {
        let maps_path = format!("/proc/{pid}/maps");
        let text = std::fs::read_to_string(&maps_path)
            .map_err(|source| SymbolizeError::Maps { pid, source })?;
        let mut mappings = parse_maps(pid, &text, same_mount_ns(pid));
        for m in &mut mappings {
            // Read once per file: many processes map the same libc.
            m.build_id = self
                .build_ids
                .entry(m.open_path.clone())
                .or_insert_with(|| read_build_id(&m.open_path))
                .clone();
        }
        for m in &mappings {
            // Only a file reachable through the process alone (`/proc/PID/map_files/…`: deleted
            // or in another mount namespace) must be opened now, before the process exits; the
            // rest are opened when symbolized. A snapshot must be quick: a process that lives
            // 20 ms may exec and map its libraries between two of them (`run.rs`).
            if !m.open_path.starts_with("/proc/") || !self.pinned.insert(m.open_path.clone()) {
                continue;
            }
            let req = cache::Cache::Elf(cache::Elf::new(&m.open_path));
            if self.blaze.cache(&req).is_err() {
                self.stats.files_failed += 1;
            }
        }
        let n = mappings.len();
        if n == 0 && self.processes.get(&pid).is_some_and(|m| !m.is_empty()) {
            // A process that is exiting shows no mappings any more: the snapshot taken while
            // it lived stays (symbols that survive exit).
            return Ok(0);
        }
        self.processes.insert(pid, mappings);
        // Earlier results for this pid may have come from an older snapshot.
        self.memo.retain(|(tgid, _), _| *tgid != Some(pid));
        Ok(n)
    }

    /// Takes process `pid`'s executable mappings from elsewhere than `/proc` (a recording's
    /// mmap records): a replay names addresses with them as a run names them with its
    /// snapshots. A mapping whose file no longer has the build id it was recorded with is
    /// opened from perf's build-id cache (`~/.debug/.build-id/`) when it is there, else left
    /// out, so its addresses are `[unknown]` rather than misnamed; returns how many were left
    /// out. `[vdso]` stands for our own vDSO (same kernel, same size).
    pub fn adopt(&mut self, pid: u32, mappings: &[Mapping]) -> u64 {
        let mut kept = Vec::with_capacity(mappings.len());
        let mut changed = 0;
        for m in mappings {
            let mut m = m.clone();
            if m.module == "[vdso]" {
                match vdso::ours() {
                    Some((file, len)) if len == m.end - m.start => {
                        m.open_path = file.to_path_buf();
                        m.offset = 0;
                    }
                    _ => continue,
                }
            } else if !m.open_path.is_absolute() {
                continue;
            }
            if let Some(recorded) = m.build_id.clone() {
                let now = self
                    .build_ids
                    .entry(m.open_path.clone())
                    .or_insert_with(|| read_build_id(&m.open_path))
                    .clone();
                // perf pads short build ids with zeros to 20 bytes: compare without them.
                let same = |a: &str, b: &str| a.trim_end_matches("00") == b.trim_end_matches("00");
                if !now.is_some_and(|now| same(&now, &recorded)) {
                    match build_id_cache(&recorded) {
                        Some(cached) => m.open_path = cached,
                        None => {
                            changed += 1;
                            continue;
                        }
                    }
                }
            }
            kept.push(m);
        }
        kept.sort_by_key(|m| m.start);
        self.processes.insert(pid, kept);
        self.memo.retain(|(tgid, _), _| *tgid != Some(pid));
        changed
    }

    /// Drops the snapshot of process `pid` (it exited, and nothing recorded needs it: a run
    /// under process churn would otherwise keep every process it ever saw), with what was
    /// read for it alone: its named addresses, and the build ids and pins of files reached
    /// through its `/proc/PID/…`. Files shared with other processes stay cached.
    pub fn forget(&mut self, pid: u32) {
        if self.processes.remove(&pid).is_none() {
            return;
        }
        self.memo.retain(|(tgid, _), _| *tgid != Some(pid));
        let own = PathBuf::from(format!("/proc/{pid}/"));
        self.build_ids.retain(|path, _| !path.starts_with(&own));
        self.pinned.retain(|path| !path.starts_with(&own));
    }

    /// How many processes have a snapshot.
    pub fn n_tracked(&self) -> usize {
        self.processes.len()
    }

    /// The snapshot of a tracked process, for tests and diagnostics.
    pub fn mappings(&self, pid: u32) -> Option<&[Mapping]> {
        self.processes.get(&pid).map(Vec::as_slice)
    }

    /// Names the not yet memoized addresses `missing` of process `tgid`, each as (address to
    /// look up, address as captured), sorted by lookup address and without repeats: one
    /// blazesym call per mapped file, since each call stats the file and finds its resolver.
    fn resolve_user(&mut self, tgid: u32, missing: &[(u64, u64)]) {
        if !self.processes.contains_key(&tgid) {
            // Not tracked: the process may still be alive; otherwise remember that it is not.
            if self.track(tgid).is_err() {
                self.processes.insert(tgid, Vec::new());
            }
        }
        let mappings = &self.processes[&tgid];
        // Mappings are sorted by start, and so is `missing`: one merge pass pairs them.
        let mut by_mapping: Vec<(usize, Vec<(u64, u64)>)> = Vec::new();
        let mut m_idx = 0;
        for &(lookup, ip) in missing {
            while m_idx < mappings.len() && mappings[m_idx].end <= lookup {
                m_idx += 1;
            }
            let inside = mappings.get(m_idx).is_some_and(|m| m.start <= lookup);
            if !inside {
                self.stats.unresolved += 1;
                let frames = vec![Frame::new("[unknown]", FrameKind::Unknown)];
                self.memo.insert((Some(tgid), lookup), frames);
                continue;
            }
            match by_mapping.last_mut() {
                Some((idx, group)) if *idx == m_idx => group.push((lookup, ip)),
                _ => by_mapping.push((m_idx, vec![(lookup, ip)])),
            }
        }
        for (m_idx, mut group) in by_mapping {
            let m = &mappings[m_idx];
            // Every frame named in this file points at one copy of its mapping (for pprof).
            let shared = Arc::new(m.clone());
            let site = |addr: u64, file: Option<Arc<str>>, line: u32, start_line: u32| {
                Arc::new(Site {
                    addr,
                    mapping: Some(Arc::clone(&shared)),
                    file,
                    line,
                    start_line,
                })
            };
            // Stubs in the PLT first: a symbol table would name them after `_init`.
            let plt = self
                .plts
                .entry(m.open_path.clone())
                .or_insert_with(|| crate::plt::Plt::read(&m.open_path));
            group.retain(
                |&(lookup, _)| match plt.name_at(lookup - m.start + m.offset) {
                    Some(name) => {
                        self.stats.resolved += 1;
                        let frame = Frame::new(intern(&mut self.names, &name), FrameKind::User)
                            .at(site(lookup, None, 0, 0));
                        self.memo.insert((Some(tgid), lookup), vec![frame]);
                        false
                    }
                    None => true,
                },
            );
            let offsets: Vec<u64> = group
                .iter()
                .map(|(lookup, _)| lookup - m.start + m.offset)
                .collect();
            let src = Source::Elf(Elf::new(&m.open_path));
            let results = self
                .blaze
                .symbolize(&src, Input::FileOffset(&offsets))
                .unwrap_or_default();
            let starts = start_lines(&self.blaze, &src, &results);
            for (idx, &(lookup, _)) in group.iter().enumerate() {
                let frames = match results.get(idx) {
                    Some(Symbolized::Sym(sym)) => {
                        self.stats.resolved += 1;
                        let start = starts.get(&sym.addr).copied().unwrap_or(0);
                        frames_of(
                            sym,
                            FrameKind::User,
                            &mut self.names,
                            &|file, line, outer| {
                                site(lookup, file, line, if outer { start } else { 0 })
                            },
                        )
                    }
                    _ => {
                        self.stats.unresolved += 1;
                        // Named after its module only: every unknown address of one stripped
                        // library is one frame, as FlameGraph draws them (pprof keeps the
                        // addresses).
                        let name = format!("[unknown] ({})", m.module);
                        vec![Frame::new(name, FrameKind::Unknown).at(site(lookup, None, 0, 0))]
                    }
                };
                self.memo.insert((Some(tgid), lookup), frames);
            }
        }
    }

    /// Names the not yet memoized kernel addresses `missing` (sorted, without repeats) in one
    /// blazesym call.
    fn resolve_kernel(&mut self, missing: &[u64]) {
        let results = self
            .blaze
            .symbolize(&self.kernel_src, Input::AbsAddr(missing))
            .unwrap_or_default();
        for (idx, addr) in missing.iter().enumerate() {
            let frames = match results.get(idx) {
                Some(Symbolized::Sym(sym)) => {
                    self.stats.resolved += 1;
                    // Kernel inline frames only come with vmlinux DWARF; kept if any.
                    frames_of(sym, FrameKind::Kernel, &mut self.names, &|file, line, _| {
                        kernel_site(*addr, file, line)
                    })
                }
                _ => {
                    self.stats.unresolved += 1;
                    let frame = Frame::new("[unknown] (kernel)", FrameKind::Unknown);
                    vec![frame.at(kernel_site(*addr, None, 0))]
                }
            };
            self.memo.insert((None, *addr), frames);
        }
    }

    /// The (lookup, captured) addresses of `stacks` in process `tgid` (`None`: the kernel) that
    /// are not memoized yet, sorted by lookup address, without repeats.
    fn missing<'a>(
        &self,
        tgid: Option<u32>,
        stacks: impl IntoIterator<Item = &'a [u64]>,
    ) -> Vec<(u64, u64)> {
        // Millions of addresses, thousands distinct: drop repeats before sorting.
        let mut seen: HashSet<u64, Fast> = HashSet::default();
        let mut res: Vec<(u64, u64)> = Vec::new();
        for ips in stacks {
            for (idx, ip) in ips.iter().enumerate() {
                let lookup = lookup_addr(idx, *ip);
                if !self.memo.contains_key(&(tgid, lookup)) && seen.insert(lookup) {
                    res.push((lookup, *ip));
                }
            }
        }
        res.sort_unstable();
        res
    }

    /// The memoized frames of one stack appended root→leaf (addresses come leaf first).
    fn append_memoized(&self, tgid: Option<u32>, ips: &[u64], out: &mut Vec<Frame>) {
        for (idx, ip) in ips.iter().enumerate().rev() {
            // Invariant: `missing` + `resolve_*` memoized every address of the stack.
            match self.memo.get(&(tgid, lookup_addr(idx, *ip))) {
                Some(frames) => out.extend_from_slice(frames),
                None => out.push(Frame::new("[unknown]", FrameKind::Unknown)),
            }
        }
    }

    /// The memoized frames of each address of one stack.
    fn memoized(&self, tgid: Option<u32>, ips: &[u64]) -> Vec<Vec<Frame>> {
        ips.iter()
            .enumerate()
            .map(|(idx, ip)| {
                let key = (tgid, lookup_addr(idx, *ip));
                // Invariant: `missing` + `resolve_*` memoized every address of the stack.
                self.memo
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| vec![Frame::new("[unknown]", FrameKind::Unknown)])
            })
            .collect()
    }
}

/// The start line of each function symbolized in `results`, by its start address: the DWARF
/// line of its first instruction, which compilers give the line of the function's definition
/// (blazesym does not read `DW_AT_decl_line`). One more blazesym call per file, for the
/// functions that have lines; its answers are cached by blazesym like the first call's.
fn start_lines(
    blaze: &blazesym::symbolize::Symbolizer,
    src: &Source<'_>,
    results: &[Symbolized<'_>],
) -> HashMap<u64, u32, Fast> {
    let mut entries: Vec<u64> = results
        .iter()
        .filter_map(|r| match r {
            Symbolized::Sym(sym) if sym.code_info.is_some() => Some(sym.addr),
            _ => None,
        })
        .collect();
    entries.sort_unstable();
    entries.dedup();
    if entries.is_empty() {
        return HashMap::default();
    }
    let found = blaze
        .symbolize(src, Input::VirtOffset(&entries))
        .unwrap_or_default();
    entries
        .iter()
        .zip(&found)
        .filter_map(|(&addr, r)| match r {
            Symbolized::Sym(sym) => Some((addr, sym.code_info.as_ref()?.line?)),
            Symbolized::Unknown(_) => None,
        })
        .collect()
}

/// A symbol's frames, outermost first: the function, then what was inlined into it; each at
/// the site `site` makes of its own source file and line (blazesym gives each frame the line
/// it was at: the call of the next inlined function, and the instruction's line last), told
/// whether the frame is the outer function's.
fn frames_of(
    sym: &blazesym::symbolize::Sym<'_>,
    kind: FrameKind,
    names: &mut HashSet<Arc<str>>,
    site: &dyn Fn(Option<Arc<str>>, u32, bool) -> Arc<Site>,
) -> Vec<Frame> {
    let mut at = |code: Option<&blazesym::symbolize::CodeInfo<'_>>, outer: bool| {
        let file = code.map(|c| intern(names, &c.to_path().to_string_lossy()));
        site(file, code.and_then(|c| c.line).unwrap_or(0), outer)
    };
    let outer = at(sym.code_info.as_deref(), true);
    let inlined: Vec<Arc<Site>> = sym
        .inlined
        .iter()
        .map(|f| at(f.code_info.as_ref(), false))
        .collect();
    let mut frames = vec![Frame::new(intern(names, &sym.name), kind).at(outer)];
    for (f, site) in sym.inlined.iter().zip(inlined) {
        frames.push(Frame::new(intern(names, &f.name), FrameKind::Inlined).at(site));
    }
    frames
}

/// A kernel address's site: no mapped file of its own (pprof's `[kernel.kallsyms]`).
fn kernel_site(addr: u64, file: Option<Arc<str>>, line: u32) -> Arc<Site> {
    Arc::new(Site {
        addr,
        mapping: None,
        file,
        line,
        start_line: 0,
    })
}

/// The shared copy of `name`, made on first use.
fn intern(names: &mut HashSet<Arc<str>>, name: &str) -> Arc<str> {
    if let Some(shared) = names.get(name) {
        return Arc::clone(shared);
    }
    let shared: Arc<str> = Arc::from(name);
    names.insert(Arc::clone(&shared));
    shared
}

/// The address to look up for the `idx`-th address of a stack (leaf first): every frame but the
/// leaf holds a return address, which points *after* the call and may belong to the next line,
/// inline scope or even function; one byte back lands inside the call instruction.
fn lookup_addr(idx: usize, ip: u64) -> u64 {
    if idx == 0 { ip } else { ip.saturating_sub(1) }
}

impl Symbolize for Symbolizer {
    fn names_entry_points(&self) -> bool {
        true
    }

    fn kernel(&mut self, ips: &[u64]) -> Vec<Vec<Frame>> {
        let missing = self.missing(None, [ips]);
        if !missing.is_empty() {
            let lookups: Vec<u64> = missing.iter().map(|(lookup, _)| *lookup).collect();
            self.resolve_kernel(&lookups);
        }
        self.memoized(None, ips)
    }

    fn user(&mut self, tgid: u32, ips: &[u64]) -> Vec<Vec<Frame>> {
        let missing = self.missing(Some(tgid), [ips]);
        if !missing.is_empty() {
            self.resolve_user(tgid, &missing);
        }
        self.memoized(Some(tgid), ips)
    }

    fn user_frames(&mut self, tgid: u32, ips: &[u64], out: &mut Vec<Frame>) {
        let missing = self.missing(Some(tgid), [ips]);
        if !missing.is_empty() {
            self.resolve_user(tgid, &missing);
        }
        self.append_memoized(Some(tgid), ips, out);
    }

    fn kernel_frames(&mut self, ips: &[u64], out: &mut Vec<Frame>) {
        let missing = self.missing(None, [ips]);
        if !missing.is_empty() {
            let lookups: Vec<u64> = missing.iter().map(|(lookup, _)| *lookup).collect();
            self.resolve_kernel(&lookups);
        }
        self.append_memoized(None, ips, out);
    }

    fn prepare(&mut self, user: &[(u32, &[u64])], kernel: &[&[u64]]) {
        let missing = self.missing(None, kernel.iter().copied());
        if !missing.is_empty() {
            let lookups: Vec<u64> = missing.iter().map(|(lookup, _)| *lookup).collect();
            self.resolve_kernel(&lookups);
        }
        let mut tgids: Vec<u32> = user.iter().map(|(tgid, _)| *tgid).collect();
        tgids.sort_unstable();
        tgids.dedup();
        for tgid in tgids {
            let stacks = user.iter().filter(|(t, _)| *t == tgid).map(|(_, ips)| *ips);
            let missing = self.missing(Some(tgid), stacks);
            if !missing.is_empty() {
                self.resolve_user(tgid, &missing);
            }
        }
    }
}

/// Whether process `pid` sees the same files at the same paths as we do (same mount
/// namespace). When it does not (a container), its files are reached through
/// `/proc/PID/root`. In doubt (no access to the namespace links), assume it does.
fn same_mount_ns(pid: u32) -> bool {
    use std::os::unix::fs::MetadataExt;
    let ours = std::fs::metadata("/proc/self/ns/mnt");
    let theirs = std::fs::metadata(format!("/proc/{pid}/ns/mnt"));
    match (ours, theirs) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => true,
    }
}

/// perf's copy of the file with build id `hex` (`perf record` keeps one in its cache).
fn build_id_cache(hex: &str) -> Option<PathBuf> {
    let home = std::env::var_os("HOME")?;
    let (head, tail) = (hex.get(..2)?, hex.get(2..)?);
    let path = Path::new(&home)
        .join(".debug/.build-id")
        .join(head)
        .join(tail)
        .join("elf");
    path.is_file().then_some(path)
}

fn read_build_id(path: &Path) -> Option<String> {
    let id = blazesym::helper::read_elf_build_id(path).ok().flatten()?;
    Some(id.iter().map(|b| format!("{b:02x}")).collect())
}

/// The executable, file-backed mappings in a `/proc/PID/maps` text (build ids not yet read).
/// `same_mount_ns`: whether the paths in it are valid here as they stand.
/// The executable mappings of process `pid` now.
pub fn read_maps(pid: u32) -> std::io::Result<Vec<Mapping>> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/maps"))?;
    Ok(parse_maps(pid, &text, same_mount_ns(pid)))
}

pub fn parse_maps(pid: u32, text: &str, same_mount_ns: bool) -> Vec<Mapping> {
    let mut res: Vec<Mapping> = text
        .lines()
        .filter_map(|line| parse_maps_line(pid, line, same_mount_ns))
        .collect();
    res.sort_by_key(|m| m.start);
    res
}

fn parse_maps_line(pid: u32, line: &str, same_mount_ns: bool) -> Option<Mapping> {
    // `start-end perms offset dev inode   path`; the path may contain spaces.
    let mut fields = line.splitn(6, ' ');
    let range = fields.next()?;
    let perms = fields.next()?;
    let offset = u64::from_str_radix(fields.next()?, 16).ok()?;
    let _dev = fields.next()?;
    let _inode = fields.next()?;
    let path = fields.next()?.trim_start();
    if !perms.contains('x') {
        return None;
    }
    let (start, end) = range.split_once('-')?;
    let (start, end) = (
        u64::from_str_radix(start, 16).ok()?,
        u64::from_str_radix(end, 16).ok()?,
    );
    if path == "[vdso]" {
        // The kernel maps the same vDSO into every process of an ABI: ours stands for theirs
        // when it has the same size (a 32-bit process's differs, and stays unnamed).
        let (file, len) = vdso::ours()?;
        return (len == end - start).then(|| Mapping {
            start,
            end,
            offset: 0,
            open_path: file.to_path_buf(),
            module: "[vdso]".to_string(),
            build_id: None,
        });
    }
    if !path.starts_with('/') {
        // Anonymous code (JITs), [vsyscall]: no file to read symbols from.
        return None;
    }
    let (path, deleted) = match path.strip_suffix(" (deleted)") {
        Some(p) => (p, true),
        None => (path, false),
    };
    let open_path = if deleted {
        // The name no longer leads to the file; the mapping itself still does (root only).
        PathBuf::from(format!("/proc/{pid}/map_files/{range}"))
    } else if same_mount_ns {
        PathBuf::from(path)
    } else {
        PathBuf::from(format!("/proc/{pid}/root{path}"))
    };
    let module = Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
    Some(Mapping {
        start,
        end,
        offset,
        open_path,
        module,
        build_id: None,
    })
}

/// The vDSO (`clock_gettime`, `gettimeofday`, … run in user space): code the kernel maps into
/// every process without a file. Its image is copied once from our own memory into a memfd,
/// so that blazesym and the unwinder open it like any ELF file (`/proc/self/fd/N`).
mod vdso {
    use std::io::Write;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;

    /// The file and the size of the image, or None when there is no vDSO to copy.
    pub(super) fn ours() -> Option<(&'static Path, u64)> {
        static VDSO: OnceLock<Option<(OwnedFd, PathBuf, u64)>> = OnceLock::new();
        VDSO.get_or_init(copy)
            .as_ref()
            .map(|(_, path, len)| (path.as_path(), *len))
    }

    fn copy() -> Option<(OwnedFd, PathBuf, u64)> {
        let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
        let range = maps
            .lines()
            .find(|l| l.ends_with("[vdso]"))?
            .split(' ')
            .next()?;
        let (start, end) = range.split_once('-')?;
        let (start, end) = (
            u64::from_str_radix(start, 16).ok()?,
            u64::from_str_radix(end, 16).ok()?,
        );
        // SAFETY: getauxval only reads the auxiliary vector.
        let base = unsafe { libc::getauxval(libc::AT_SYSINFO_EHDR) };
        if base != start || end <= start {
            return None;
        }
        // SAFETY: [start, end) is the vDSO, mapped readable in this process for its lifetime
        // (checked against /proc/self/maps and the auxiliary vector above).
        let image =
            unsafe { std::slice::from_raw_parts(start as *const u8, (end - start) as usize) };
        // SAFETY: a NUL-terminated name; MFD_CLOEXEC so children do not inherit it.
        let fd = unsafe { libc::memfd_create(c"flamescript-vdso".as_ptr(), libc::MFD_CLOEXEC) };
        if fd < 0 {
            return None;
        }
        // SAFETY: memfd_create returned a new descriptor that nothing else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let mut file = std::fs::File::from(fd.try_clone().ok()?);
        file.write_all(image).ok()?;
        let path = PathBuf::from(format!("/proc/self/fd/{}", fd.as_raw_fd()));
        Some((fd, path, end - start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_executable_file_mappings_only() {
        let text = "\
55d0c0a00000-55d0c0a01000 r--p 00000000 08:01 123 /usr/bin/x y
55d0c0a01000-55d0c0a05000 r-xp 00001000 08:01 123 /usr/bin/x y
7f0000000000-7f0000001000 r-xp 00002000 08:01 456 /tmp/gone.so (deleted)
7fff00000000-7fff00007000 r-xp 00000000 00:00 0   [vdso]
7ffe00000000-7ffe00001000 rwxp 00000000 00:00 0 
";
        let maps = parse_maps(42, text, true);
        // (A vDSO of another size than ours, as a 32-bit process has, is left out too.)
        assert_eq!(maps.len(), 2);
        assert_eq!(maps[0].start, 0x55d0c0a01000);
        assert_eq!(maps[0].offset, 0x1000);
        assert_eq!(maps[0].module, "x y");
        assert_eq!(maps[0].open_path, PathBuf::from("/usr/bin/x y"));
        assert_eq!(maps[1].module, "gone.so");
        let in_container = parse_maps(42, text, false);
        assert_eq!(
            in_container[0].open_path,
            PathBuf::from("/proc/42/root/usr/bin/x y")
        );
        assert_eq!(
            maps[1].open_path,
            PathBuf::from("/proc/42/map_files/7f0000000000-7f0000001000")
        );
    }

    #[test]
    fn vdso_functions_are_named() {
        use object::{Object, ObjectSymbol};
        let pid = std::process::id();
        let mut sym = Symbolizer::new();
        sym.track(pid).expect("our own maps");
        let vdso = sym
            .mappings(pid)
            .and_then(|maps| maps.iter().find(|m| m.module == "[vdso]"))
            .cloned()
            .expect("a [vdso] mapping");
        // Where clock_gettime is in the image, from its own symbol table.
        let image = std::fs::read(&vdso.open_path).expect("the vDSO copy");
        let elf = object::File::parse(&*image).expect("the vDSO is an ELF image");
        let value = elf
            .dynamic_symbols()
            .find(|s| s.name() == Ok("__vdso_clock_gettime"))
            .map(|s| s.address())
            .expect("__vdso_clock_gettime in the vDSO");
        let base = elf
            .segments()
            .map(|s| object::ObjectSegment::address(&s))
            .min()
            .unwrap_or(0);
        let frames = sym.user(pid, &[vdso.start + value - base + 4]);
        let name = frames[0][0].name.to_string();
        assert!(name.contains("clock_gettime"), "{name}");
    }

    #[test]
    fn return_addresses_step_back() {
        assert_eq!(lookup_addr(0, 100), 100);
        assert_eq!(lookup_addr(1, 100), 99);
    }
}
