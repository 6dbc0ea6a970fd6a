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
//! fold counts them for the loss report. This module owns no folding or rendering, and the
//! [`Symbolize`] trait lets `fold` run on a fake in tests.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use blazesym::MaybeDefault;
use blazesym::symbolize::source::{Elf, Kernel, Source};
use blazesym::symbolize::{Input, Symbolized, cache};

use crate::fold::{Frame, FrameKind};

/// Names addresses. Both methods take instruction pointers leaf first (as the kernel captures
/// them) and return, per address, its frames outermost first: the function, then the functions
/// inlined into it (innermost last).
///
/// Invariant: the result has one element per address, and no element is empty.
pub trait Symbolize {
    fn kernel(&mut self, ips: &[u64]) -> Vec<Vec<Frame>>;
    fn user(&mut self, tgid: u32, ips: &[u64]) -> Vec<Vec<Frame>>;
}

/// One executable mapping of a process, as `/proc/PID/maps` showed it while the process lived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub start: u64,
    pub end: u64,
    /// File offset of `start`.
    pub offset: u64,
    /// What blazesym opens: the file's path, or `/proc/PID/map_files/…` for a deleted file.
    pub open_path: PathBuf,
    /// The file's name for `[unknown] (libfoo.so+0x1234)` labels.
    pub module: String,
    /// The GNU build id, hex, when the file has one.
    pub build_id: Option<String>,
}

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
    memo: HashMap<(Option<u32>, u64), Vec<Frame>>,
    build_ids: HashMap<PathBuf, Option<String>>,
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
            memo: HashMap::new(),
            build_ids: HashMap::new(),
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
        let mut opened: Vec<&Path> = Vec::new();
        for m in &mappings {
            if opened.contains(&m.open_path.as_path()) {
                continue;
            }
            opened.push(&m.open_path);
            let req = cache::Cache::Elf(cache::Elf::new(&m.open_path));
            if self.blaze.cache(&req).is_err() {
                self.stats.files_failed += 1;
            }
        }
        let n = mappings.len();
        self.processes.insert(pid, mappings);
        // Earlier results for this pid may have come from an older snapshot.
        self.memo.retain(|(tgid, _), _| *tgid != Some(pid));
        Ok(n)
    }

    /// The snapshot of a tracked process, for tests and diagnostics.
    pub fn mappings(&self, pid: u32) -> Option<&[Mapping]> {
        self.processes.get(&pid).map(Vec::as_slice)
    }

    fn resolve_user(&mut self, tgid: u32, ip: u64, lookup: u64) -> Vec<Frame> {
        if !self.processes.contains_key(&tgid) {
            // Not tracked: the process may still be alive; otherwise remember that it is not.
            if self.track(tgid).is_err() {
                self.processes.insert(tgid, Vec::new());
            }
        }
        let mapping = self.processes[&tgid]
            .iter()
            .find(|m| m.start <= lookup && lookup < m.end);
        let Some(m) = mapping else {
            self.stats.unresolved += 1;
            return vec![Frame::new("[unknown]", FrameKind::Unknown)];
        };
        let file_off = lookup - m.start + m.offset;
        let src = Source::Elf(Elf::new(&m.open_path));
        let res = self
            .blaze
            .symbolize(&src, Input::FileOffset(&[file_off][..]));
        match res.ok().and_then(|mut v| v.pop()) {
            Some(Symbolized::Sym(sym)) => {
                self.stats.resolved += 1;
                let mut frames = vec![Frame::new(sym.name.as_ref(), FrameKind::User)];
                frames.extend(
                    sym.inlined
                        .iter()
                        .map(|f| Frame::new(f.name.as_ref(), FrameKind::Inlined)),
                );
                frames
            }
            _ => {
                self.stats.unresolved += 1;
                // The offset of the address as captured, so it can be looked up by hand.
                let off = ip.wrapping_sub(m.start).wrapping_add(m.offset);
                vec![Frame::new(
                    format!("[unknown] ({}+{off:#x})", m.module),
                    FrameKind::Unknown,
                )]
            }
        }
    }
}

/// The address to look up for the `idx`-th address of a stack (leaf first): every frame but the
/// leaf holds a return address, which points *after* the call and may belong to the next line,
/// inline scope or even function; one byte back lands inside the call instruction.
fn lookup_addr(idx: usize, ip: u64) -> u64 {
    if idx == 0 { ip } else { ip.saturating_sub(1) }
}

impl Symbolize for Symbolizer {
    fn kernel(&mut self, ips: &[u64]) -> Vec<Vec<Frame>> {
        let lookups: Vec<u64> = ips
            .iter()
            .enumerate()
            .map(|(i, ip)| lookup_addr(i, *ip))
            .collect();
        let missing: Vec<u64> = lookups
            .iter()
            .copied()
            .filter(|a| !self.memo.contains_key(&(None, *a)))
            .collect();
        if !missing.is_empty() {
            let res = self
                .blaze
                .symbolize(&self.kernel_src, Input::AbsAddr(&missing[..]));
            let results = res.unwrap_or_default();
            for (idx, addr) in missing.iter().enumerate() {
                let frames = match results.get(idx) {
                    Some(Symbolized::Sym(sym)) => {
                        self.stats.resolved += 1;
                        let mut frames = vec![Frame::new(sym.name.as_ref(), FrameKind::Kernel)];
                        // Kernel inline frames only come with vmlinux DWARF; keep them if any.
                        frames.extend(
                            sym.inlined
                                .iter()
                                .map(|f| Frame::new(f.name.as_ref(), FrameKind::Inlined)),
                        );
                        frames
                    }
                    _ => {
                        self.stats.unresolved += 1;
                        vec![Frame::new("[unknown] (kernel)", FrameKind::Unknown)]
                    }
                };
                self.memo.insert((None, *addr), frames);
            }
        }
        lookups
            .iter()
            .map(|a| self.memo[&(None, *a)].clone())
            .collect()
    }

    fn user(&mut self, tgid: u32, ips: &[u64]) -> Vec<Vec<Frame>> {
        let mut res = Vec::with_capacity(ips.len());
        for (idx, ip) in ips.iter().enumerate() {
            let lookup = lookup_addr(idx, *ip);
            let key = (Some(tgid), lookup);
            if let Some(frames) = self.memo.get(&key) {
                res.push(frames.clone());
                continue;
            }
            let frames = self.resolve_user(tgid, *ip, lookup);
            self.memo.insert(key, frames.clone());
            res.push(frames);
        }
        res
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

fn read_build_id(path: &Path) -> Option<String> {
    let id = blazesym::helper::read_elf_build_id(path).ok().flatten()?;
    Some(id.iter().map(|b| format!("{b:02x}")).collect())
}

/// The executable, file-backed mappings in a `/proc/PID/maps` text (build ids not yet read).
/// `same_mount_ns`: whether the paths in it are valid here as they stand.
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
    if !perms.contains('x') || !path.starts_with('/') {
        // Anonymous code (JITs), [vdso], [vsyscall]: no file to read symbols from.
        return None;
    }
    let (start, end) = range.split_once('-')?;
    let (start, end) = (
        u64::from_str_radix(start, 16).ok()?,
        u64::from_str_radix(end, 16).ok()?,
    );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_executable_file_mappings_only() {
        let text = "\
55d0c0a00000-55d0c0a01000 r--p 00000000 08:01 123 /usr/bin/x y
55d0c0a01000-55d0c0a05000 r-xp 00001000 08:01 123 /usr/bin/x y
7f0000000000-7f0000001000 r-xp 00002000 08:01 456 /tmp/gone.so (deleted)
7fff00000000-7fff00002000 r-xp 00000000 00:00 0   [vdso]
7ffe00000000-7ffe00001000 rwxp 00000000 00:00 0 
";
        let maps = parse_maps(42, text, true);
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
    fn return_addresses_step_back() {
        assert_eq!(lookup_addr(0, 100), 100);
        assert_eq!(lookup_addr(1, 100), 99);
    }
}
