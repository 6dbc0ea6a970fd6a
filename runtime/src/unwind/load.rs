//! Loading unwind tables into the kernel for the BPF walk (`compiler::lower::uwalk`).
//!
//! A process the walk met without tables is asked for in `fs_uw_wanted`; [`Loader::poll`]
//! (called from the run's polling loop, every few milliseconds) reads its mappings from the
//! symbolizer's snapshot, turns each mapped file's `.eh_frame` into rows once per file
//! ([`Table`]), appends new files' rows to `fs_uw_rows`, the process's mappings to
//! `fs_uw_maps`, and then publishes the process in `fs_uw_procs` (last, so the walk never sees
//! a half-written process). A process whose mappings changed (exec, dlopen) is published again
//! with a fresh range. Both arrays are append-only; when one is full, later processes keep to
//! frame pointers and the loss report says so.

use std::collections::HashMap;
use std::path::PathBuf;

use compiler::lower::uwalk::{
    ROW_OUTERMOST, ROW_RBP, ROW_RSP, ROW_UNSUPPORTED, UW_MAP_VALUE, UW_MAPS_ENTRIES, UW_MAPS_MAP,
    UW_MAX_MAPPINGS, UW_PROCS_MAP, UW_ROW_VALUE, UW_ROWS_ENTRIES, UW_ROWS_MAP, UW_WANTED_MAP,
};

use super::tables::{Cfa, Table};
use crate::frame::Mapping;
use crate::session::Session;
use crate::symbolize::Symbolizer;

/// What loading cost and what it could not do, for the loss report and the benchmark.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadStats {
    pub processes: u64,
    pub files: u64,
    pub rows: u64,
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
        self.rows * u64::from(UW_ROW_VALUE) + self.mappings * u64::from(UW_MAP_VALUE)
    }
}

/// Rows of one file in `fs_uw_rows`, or `None`: the file has no table we can use.
type FileRows = Option<(u32, u32)>;

#[derive(Default)]
pub struct Loader {
    files: HashMap<(PathBuf, Option<String>), FileRows>,
    /// Each file's `p_vaddr - p_offset` (see [`Table::vaddr_minus_offset`]).
    tables_vmo: HashMap<(PathBuf, Option<String>), u64>,
    /// Each published process's mappings, as loaded.
    loaded: HashMap<u32, Vec<Mapping>>,
    rows_used: u32,
    maps_used: u32,
    pub stats: LoadStats,
}

impl Loader {
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Whether this run walks user stacks from tables at all.
    pub fn wanted(session: &Session) -> bool {
        session
            .artifact()
            .maps
            .iter()
            .any(|m| m.name == UW_PROCS_MAP)
    }

    /// Loads the tables of every process the walk asked for, and republishes those whose
    /// mappings changed since.
    pub fn poll(&mut self, session: &Session, symbolizer: &mut Symbolizer) {
        let started = std::time::Instant::now();
        let Ok(keys) = session.keys(UW_WANTED_MAP) else {
            return;
        };
        for key in keys {
            let Ok(bytes) = <[u8; 4]>::try_from(&key[..4.min(key.len())]) else {
                continue;
            };
            let pid = u32::from_ne_bytes(bytes);
            if symbolizer.mappings(pid).is_none() {
                let _ = symbolizer.track(pid);
            }
            self.load(session, symbolizer, pid);
            let _ = session.delete(UW_WANTED_MAP, &key);
        }
        // exec and dlopen: the snapshot changed under a published process.
        let changed: Vec<u32> = self
            .loaded
            .iter()
            .filter(|(pid, maps)| {
                symbolizer
                    .mappings(**pid)
                    .is_some_and(|now| !now.is_empty() && now != maps.as_slice())
            })
            .map(|(pid, _)| *pid)
            .collect();
        for pid in changed {
            self.load(session, symbolizer, pid);
        }
        self.stats.micros += started.elapsed().as_micros() as u64;
    }

    /// Publishes `pid`'s tables now (a `-p` target, before the probes are attached).
    pub fn load(&mut self, session: &Session, symbolizer: &Symbolizer, pid: u32) {
        let maps: Vec<Mapping> = symbolizer.mappings(pid).unwrap_or_default().to_vec();
        let mut entries: Vec<u8> = Vec::new();
        let mut n = 0u32;
        for m in maps.iter().take(UW_MAX_MAPPINGS as usize) {
            let Some((rows_start, rows_n)) = self.file_rows(session, m) else {
                continue;
            };
            // The walk turns an address into the file's own: address - bias.
            let vmo = self.vaddr_minus_offset(m);
            let bias = m.start.wrapping_sub(m.offset).wrapping_sub(vmo);
            entries.extend_from_slice(&m.start.to_ne_bytes());
            entries.extend_from_slice(&m.end.to_ne_bytes());
            entries.extend_from_slice(&bias.to_ne_bytes());
            entries.extend_from_slice(&rows_start.to_ne_bytes());
            entries.extend_from_slice(&rows_n.to_ne_bytes());
            n += 1;
        }
        let first = self.maps_used;
        if u64::from(first) + u64::from(n) > u64::from(UW_MAPS_ENTRIES) {
            self.stats.processes_not_loaded += 1;
            // Published empty: walked by frame pointers, and not asked for again.
            let _ = session.update(UW_PROCS_MAP, &pid.to_ne_bytes(), &[0u8; 8]);
            return;
        }
        if n > 0
            && session
                .write_array(UW_MAPS_MAP, first, &entries, UW_MAP_VALUE as usize)
                .is_err()
        {
            return;
        }
        self.maps_used += n;
        self.stats.mappings += u64::from(n);
        let mut value = [0u8; 8];
        value[..4].copy_from_slice(&first.to_ne_bytes());
        value[4..].copy_from_slice(&n.to_ne_bytes());
        if session
            .update(UW_PROCS_MAP, &pid.to_ne_bytes(), &value)
            .is_ok()
        {
            self.stats.processes += 1;
            self.loaded.insert(pid, maps);
        }
    }

    fn vaddr_minus_offset(&self, m: &Mapping) -> u64 {
        self.tables_vmo
            .get(&(m.open_path.clone(), m.build_id.clone()))
            .copied()
            .unwrap_or(0)
    }

    /// The rows of `m`'s file, written on first sight.
    fn file_rows(&mut self, session: &Session, m: &Mapping) -> FileRows {
        let key = (m.open_path.clone(), m.build_id.clone());
        if let Some(r) = self.files.get(&key) {
            return *r;
        }
        let rows = match Table::from_elf(&m.open_path) {
            Ok(t) => {
                self.tables_vmo.insert(key.clone(), t.vaddr_minus_offset);
                self.write_rows(session, &t)
            }
            Err(_) => None,
        };
        if rows.is_none() {
            self.stats.files_without_tables += 1;
        }
        self.files.insert(key, rows);
        rows
    }

    fn write_rows(&mut self, session: &Session, t: &Table) -> FileRows {
        let encoded = encode(t)?;
        let n = (encoded.len() / UW_ROW_VALUE as usize) as u32;
        let first = self.rows_used;
        if n == 0 || u64::from(first) + u64::from(n) > u64::from(UW_ROWS_ENTRIES) {
            return None;
        }
        session
            .write_array(UW_ROWS_MAP, first, &encoded, UW_ROW_VALUE as usize)
            .ok()?;
        self.rows_used += n;
        self.stats.files += 1;
        self.stats.rows += u64::from(n);
        Some((first, n))
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
            Cfa::Unsupported => (ROW_UNSUPPORTED, Some(0)),
        };
        let rbp8 = match row.rbp {
            None => Some(0i8),
            Some(o) if o % 8 == 0 => i8::try_from(o / 8).ok(),
            Some(_) => None,
        };
        let (kind, off, rbp8) = match (off, rbp8) {
            (Some(off), Some(rbp8)) => (kind, off, rbp8),
            _ => (ROW_UNSUPPORTED, 0, 0),
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
