//! Loading unwind tables into the kernel for the BPF walk (`compiler::lower::uwalk`).
//!
//! A process the walk met without tables is asked for in `fs_uw_wanted`; a thread of its own
//! ([`Loader::start`]; files can take a while to read, and the run's polling loop must not
//! wait on them) polls that map every 2 ms, reads the process's mappings, turns each mapped file's `.eh_frame` into rows once per file
//! ([`Table`]), appends new files' rows to `fs_uw_rows`, the process's mappings to
//! `fs_uw_maps`, and then publishes the process in `fs_uw_procs` (last, so the walk never sees
//! a half-written process). A process whose mappings changed (exec, dlopen) is published again
//! with a fresh range. Both arrays are append-only; when one is full, later processes keep to
//! frame pointers and the loss report says so.

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use compiler::lower::uwalk::{
    MAX_PAGE_ROWS, PAGE_SHIFT, ROW_OUTERMOST, ROW_RBP, ROW_RSP, ROW_RSP_RA_IN_RDI, ROW_UNFOLLOWED,
    ROW_UNSUPPORTED, UW_MAP_VALUE, UW_MAPS_ENTRIES, UW_MAPS_MAP, UW_MAX_MAPPINGS, UW_PAGE_VALUE,
    UW_PAGES_ENTRIES, UW_PAGES_MAP, UW_PROCS_MAP, UW_ROW_VALUE, UW_ROWS_ENTRIES, UW_ROWS_MAP,
    UW_WANTED_MAP,
};

use crate::frame::Mapping;
use crate::session::{MapHandle, Session};
use crate::unwind::tables::{Cfa, Table};

/// What loading cost and what it could not do, for the loss report and the benchmark.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadStats {
    pub processes: u64,
    pub files: u64,
    pub rows: u64,
    pub pages: u64,
    pub mappings: u64,
    /// Mapped files with no usable `.eh_frame` (walked by frame pointers there).
    pub files_without_tables: u64,
    /// Processes left to frame pointers because a table was full.
    pub processes_not_loaded: u64,
    /// Time spent reading files and writing maps, in microseconds.
    pub micros: u64,
}

impl LoadStats {
    /// Bytes of kernel memory the tables use.
    pub fn kernel_bytes(&self) -> u64 {
        self.rows * u64::from(UW_ROW_VALUE)
            + self.pages * u64::from(UW_PAGE_VALUE)
            + self.mappings * u64::from(UW_MAP_VALUE)
    }
}

/// Where one file's tables are, or `None`: the file has no table we can use.
type FileRows = Option<FileTables>;

#[derive(Clone, Copy, Debug)]
struct FileTables {
    rows_start: u32,
    rows_n: u32,
    pages_start: u32,
    /// The first page's number (file address >> PAGE_SHIFT).
    page_first: u32,
    pages_n: u32,
    page_shift: u32,
    /// The file's `p_vaddr - p_offset` (see [`Table::vaddr_minus_offset`]).
    vmo: u64,
}

/// The page index of rows starting with `pcs` (sorted file addresses) at row `first`: its
/// page size (a shift: 4 KiB, smaller where a page would hold more than the walk's search
/// covers), the first page's number and, per page, `{first, n}` (u32 each): the row covering
/// the page's start and the rows up to the next page's start.
pub fn page_index(pcs: &[u32], first: u32) -> (u32, u32, Vec<u8>) {
    let mut shift = PAGE_SHIFT;
    loop {
        let (page_first, pages) = pages_of(pcs, first, shift);
        let fits = pages
            .chunks_exact(8)
            .all(|p| u32::from_ne_bytes([p[4], p[5], p[6], p[7]]) <= MAX_PAGE_ROWS);
        if fits || shift <= 4 {
            return (shift, page_first, pages);
        }
        shift -= 1;
    }
}

pub fn page_index_at(pcs: &[u32], first: u32, shift: u32) -> (u32, u32, Vec<u8>) {
    let (f, p) = pages_of(pcs, first, shift);
    (shift, f, p)
}

fn pages_of(pcs: &[u32], first: u32, shift: u32) -> (u32, Vec<u8>) {
    let (Some(&lo), Some(&hi)) = (pcs.first(), pcs.last()) else {
        return (0, Vec::new());
    };
    let page_first = lo >> shift;
    let page_last = hi >> shift;
    let mut out = Vec::with_capacity(((page_last - page_first + 1) * UW_PAGE_VALUE) as usize);
    for page in page_first..=page_last {
        let start = u64::from(page) << shift;
        let end = start + (1 << shift);
        // The row covering `start`: the last one at or before it (the first if none is).
        let from = pcs
            .partition_point(|&pc| u64::from(pc) <= start)
            .saturating_sub(1);
        let to = pcs.partition_point(|&pc| u64::from(pc) < end).max(from + 1);
        out.extend_from_slice(&(first + from as u32).to_ne_bytes());
        out.extend_from_slice(&((to - from) as u32).to_ne_bytes());
    }
    (page_first, out)
}

/// The tables' maps, by descriptors the loader's thread owns.
pub struct TableMaps {
    procs: MapHandle,
    maps: MapHandle,
    rows: MapHandle,
    pages: MapHandle,
    wanted: MapHandle,
}

impl TableMaps {
    /// The tables of a run that walks user stacks from them; `None` for any other run.
    pub fn of(session: &Session) -> Option<TableMaps> {
        if !session
            .artifact()
            .maps
            .iter()
            .any(|m| m.name == UW_PROCS_MAP)
        {
            return None;
        }
        Some(TableMaps {
            procs: session.handle(UW_PROCS_MAP).ok()?,
            maps: session.handle(UW_MAPS_MAP).ok()?,
            rows: session.handle(UW_ROWS_MAP).ok()?,
            pages: session.handle(UW_PAGES_MAP).ok()?,
            wanted: session.handle(UW_WANTED_MAP).ok()?,
        })
    }
}

/// A file: its path as opened, device, inode and modification time (a file replaced under
/// the same name is another file).
type FileKey = (PathBuf, u64, u64, i64);

pub struct Loader {
    t: TableMaps,
    files: HashMap<FileKey, FileRows>,
    /// Each published process's mappings, as loaded.
    loaded: HashMap<u32, Vec<Mapping>>,
    /// When a published process's mappings were last read again on the walk's request, and
    /// how long until the next time.
    rechecked: HashMap<u32, (Instant, Duration)>,
    rows_used: u32,
    pages_used: u32,
    maps_used: u32,
    pub stats: LoadStats,
}

/// The loader's thread; [`LoaderThread::finish`] stops it and gives its numbers.
pub struct LoaderThread {
    stop: Arc<AtomicBool>,
    bell: Arc<(Mutex<bool>, Condvar)>,
    handle: std::thread::JoinHandle<LoadStats>,
}

/// How long the loader keeps polling every 2 ms after it loaded a process's tables (its
/// children, and its own later requests, tend to follow).
const BUSY: Duration = Duration::from_millis(20);

impl LoaderThread {
    /// Wakes the loader now: a process's tables were just asked for.
    pub fn nudge(&self) {
        let (lock, cvar) = &*self.bell;
        if let Ok(mut rung) = lock.lock() {
            *rung = true;
            cvar.notify_one();
        }
    }

    pub fn finish(self) -> LoadStats {
        self.stop.store(true, Ordering::Relaxed);
        self.nudge();
        self.handle.join().unwrap_or_default()
    }
}

impl Loader {
    pub fn new(t: TableMaps) -> Loader {
        Loader {
            t,
            files: HashMap::new(),
            loaded: HashMap::new(),
            rechecked: HashMap::new(),
            rows_used: 0,
            pages_used: 0,
            maps_used: 0,
            stats: LoadStats::default(),
        }
    }

    /// Runs this loader on a thread of its own until [`LoaderThread::finish`]. It looks for
    /// requests every 2 ms while they come (and for 20 ms after one), every 20 ms otherwise,
    /// and at once when [`LoaderThread::nudge`]d (the run's tracker asking for a new
    /// process's tables). Polling every 2 ms throughout woke it 500 times a second: its own
    /// off-CPU blocks, each past `min`, were walked and drawn by a system-wide `offcpu`.
    pub fn start(mut self) -> LoaderThread {
        let stop = Arc::new(AtomicBool::new(false));
        let bell = Arc::new((Mutex::new(false), Condvar::new()));
        let (flag, rung) = (stop.clone(), bell.clone());
        let handle = std::thread::spawn(move || {
            self.preload();
            let mut busy_until = Instant::now() + BUSY;
            while !flag.load(Ordering::Relaxed) {
                if self.poll() > 0 {
                    busy_until = Instant::now() + BUSY;
                }
                let nap = if Instant::now() < busy_until {
                    Duration::from_millis(2)
                } else {
                    Duration::from_millis(20)
                };
                let (lock, cvar) = &*rung;
                let Ok(guard) = lock.lock() else { break };
                let Ok((mut nudged, _)) = cvar.wait_timeout_while(guard, nap, |n| !*n) else {
                    break;
                };
                *nudged = false;
            }
            self.stats
        });
        LoaderThread { stop, bell, handle }
    }

    /// Writes the rows of the files nearly every process maps (the C library, the dynamic
    /// loader: those this process maps) before any process asks: a new process's first
    /// milliseconds, before its tables are published, are walked by frame pointers, and the
    /// C library's rows are most of the reading.
    fn preload(&mut self) {
        let started = Instant::now();
        let ours = crate::symbolize::read_maps(std::process::id()).unwrap_or_default();
        for m in &ours {
            let shared = m.module.starts_with("libc.so") || m.module.starts_with("ld-linux");
            if shared {
                let _ = self.file_rows(m);
            }
        }
        self.stats.micros += started.elapsed().as_micros() as u64;
    }

    /// Loads the tables of every process the walk asked for. A process asked for again met
    /// code outside the mappings loaded for it: a library mapped since (dlopen), a new program
    /// (exec), or JIT code; its mappings are read again (at most every 10 ms) and published
    /// anew when they changed.
    /// Returns how many processes' mappings it read anew.
    pub fn poll(&mut self) -> usize {
        let Ok(keys) = self.t.wanted.keys() else {
            return 0;
        };
        let mut worked = 0;
        for key in keys {
            let Ok(bytes) = <[u8; 4]>::try_from(&key[..4.min(key.len())]) else {
                continue;
            };
            let pid = u32::from_ne_bytes(bytes);
            let _ = self.t.wanted.delete(&key);
            let now = Instant::now();
            let again = self.loaded.contains_key(&pid);
            if again {
                let due = self.rechecked.get(&pid).copied();
                if due.is_some_and(|(at, wait)| now.duration_since(at) < wait) {
                    continue;
                }
            }
            let changed = self.load(pid);
            if again {
                // Code no table covers (JIT, a program run from memory) asks on every walk:
                // a recheck that finds the same mappings waits twice as long before the next,
                // up to a second.
                let wait = match self.rechecked.get(&pid) {
                    Some(&(_, w)) if !changed => (w * 2).min(Duration::from_secs(1)),
                    _ => Duration::from_millis(10),
                };
                self.rechecked.insert(pid, (now, wait));
            }
            worked += usize::from(changed);
        }
        worked
    }

    /// Publishes `pid`'s tables now (a `-p` target, before the probes are attached), unless
    /// its mappings are those already published.
    /// Returns whether it read the process's mappings anew (false: unchanged since loaded).
    pub fn load(&mut self, pid: u32) -> bool {
        let started = Instant::now();
        let maps = crate::symbolize::read_maps(pid).unwrap_or_default();
        if self.loaded.get(&pid) == Some(&maps) {
            return false;
        }
        let mut entries: Vec<u8> = Vec::new();
        let mut n = 0u32;
        for m in maps.iter().take(UW_MAX_MAPPINGS as usize) {
            let Some(f) = self.file_rows(m) else {
                continue;
            };
            // The walk turns an address into the file's own: address - bias.
            let bias = m.start.wrapping_sub(m.offset).wrapping_sub(f.vmo);
            entries.extend_from_slice(&m.start.to_ne_bytes());
            entries.extend_from_slice(&m.end.to_ne_bytes());
            entries.extend_from_slice(&bias.to_ne_bytes());
            for v in [
                f.rows_start,
                f.rows_n,
                f.pages_start,
                f.page_first,
                f.pages_n,
                f.page_shift,
            ] {
                entries.extend_from_slice(&v.to_ne_bytes());
            }
            n += 1;
        }
        let first = self.maps_used;
        let mut value = [0u8; 8];
        if u64::from(first) + u64::from(n) > u64::from(UW_MAPS_ENTRIES) {
            self.stats.processes_not_loaded += 1;
            // Published empty: walked by frame pointers, and not asked for again.
            let _ = self.t.procs.update(&pid.to_ne_bytes(), &value);
            self.loaded.insert(pid, maps);
            return true;
        }
        if n > 0
            && self
                .t
                .maps
                .write_array(first, &entries, UW_MAP_VALUE as usize)
                .is_err()
        {
            return true;
        }
        self.maps_used += n;
        self.stats.mappings += u64::from(n);
        value[..4].copy_from_slice(&first.to_ne_bytes());
        value[4..].copy_from_slice(&n.to_ne_bytes());
        if self.t.procs.update(&pid.to_ne_bytes(), &value).is_ok() {
            if !self.loaded.contains_key(&pid) {
                self.stats.processes += 1;
            }
            self.loaded.insert(pid, maps);
        }
        self.stats.micros += started.elapsed().as_micros() as u64;
        true
    }

    /// Where `m`'s file's rows and pages are, written on first sight.
    fn file_rows(&mut self, m: &Mapping) -> FileRows {
        let meta = std::fs::metadata(&m.open_path).ok()?;
        let key = (m.open_path.clone(), meta.dev(), meta.ino(), meta.mtime());
        if let Some(r) = self.files.get(&key) {
            return *r;
        }
        let rows = Table::from_elf(&m.open_path)
            .ok()
            .and_then(|t| self.write_rows(&t));
        if rows.is_none() {
            self.stats.files_without_tables += 1;
        }
        self.files.insert(key, rows);
        rows
    }

    fn write_rows(&mut self, t: &Table) -> FileRows {
        let encoded = encode(t)?;
        let n = (encoded.len() / UW_ROW_VALUE as usize) as u32;
        let first = self.rows_used;
        if n == 0 || u64::from(first) + u64::from(n) > u64::from(UW_ROWS_ENTRIES) {
            return None;
        }
        let pcs: Vec<u32> = encoded
            .chunks_exact(UW_ROW_VALUE as usize)
            .map(|r| u32::from_ne_bytes([r[0], r[1], r[2], r[3]]))
            .collect();
        let (page_shift, page_first, pages) = page_index(&pcs, first);
        let pages_n = (pages.len() / UW_PAGE_VALUE as usize) as u32;
        let pages_start = self.pages_used;
        if u64::from(pages_start) + u64::from(pages_n) > u64::from(UW_PAGES_ENTRIES) {
            return None;
        }
        self.t
            .rows
            .write_array(first, &encoded, UW_ROW_VALUE as usize)
            .ok()?;
        self.t
            .pages
            .write_array(pages_start, &pages, UW_PAGE_VALUE as usize)
            .ok()?;
        self.rows_used += n;
        self.pages_used += pages_n;
        self.stats.files += 1;
        self.stats.rows += u64::from(n);
        self.stats.pages += u64::from(pages_n);
        Some(FileTables {
            rows_start: first,
            rows_n: n,
            pages_start,
            page_first,
            pages_n,
            page_shift,
            vmo: t.vaddr_minus_offset,
        })
    }
}

/// A table's rows in the walk's 8-byte form: `pc: u32, cfa_off: i16, kind: u8, rbp8: i8`.
/// `None` when the file's addresses do not fit 32 bits. Rows whose offsets do not fit are
/// rows the walk does not follow.
pub fn encode(t: &Table) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(t.rows.len() * UW_ROW_VALUE as usize);
    let mut last: Option<[u8; 4]> = None;
    for row in &t.rows {
        let pc = u32::try_from(row.pc).ok()?;
        let (kind, off) = match row.cfa {
            Cfa::Rsp(n) => (ROW_RSP, i16::try_from(n).ok()),
            Cfa::Rbp(n) => (ROW_RBP, i16::try_from(n).ok()),
            Cfa::Outermost => (ROW_OUTERMOST, Some(0)),
            Cfa::Unsupported => (ROW_UNFOLLOWED, Some(0)),
            Cfa::Gap => (ROW_UNSUPPORTED, Some(0)),
            Cfa::RspRaInRdi(n) => (ROW_RSP_RA_IN_RDI, i16::try_from(n).ok()),
        };
        let rbp8 = match row.rbp {
            None => Some(0i8),
            Some(o) if o % 8 == 0 => i8::try_from(o / 8).ok(),
            Some(_) => None,
        };
        let (kind, off, rbp8) = match (off, rbp8) {
            (Some(off), Some(rbp8)) => (kind, off, rbp8),
            // A rule that is there but does not fit the row: not followed, as any such rule.
            _ => (ROW_UNFOLLOWED, 0, 0),
        };
        let mut rule = [0u8; 4];
        rule[..2].copy_from_slice(&off.to_ne_bytes());
        rule[2] = kind;
        rule[3] = rbp8 as u8;
        // A row that says what the previous one says adds nothing to the search.
        if last == Some(rule) {
            continue;
        }
        last = Some(rule);
        out.extend_from_slice(&pc.to_ne_bytes());
        out.extend_from_slice(&rule);
    }
    Some(out)
}
