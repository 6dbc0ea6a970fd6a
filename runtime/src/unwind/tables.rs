//! Unwind tables for walking user stacks in the kernel (issue 18, groundwork).
//!
//! Programs built without frame pointers (every Debian package) can only be unwound from their
//! `.eh_frame`. Today that happens in user space over a copy of the top of the stack
//! (`Unwinder`), which is as deep as the copy and costs a copy per distinct stack. The design the
//! OpenTelemetry eBPF profiler uses walks the stack in BPF instead, from compact per-address
//! rules computed in user space when a process is first seen: the stacks stay aggregated in the
//! kernel, keyed by their true frames, and nothing limits the depth but the walk's own bound.
//!
//! This module is the user-space half of that design: [`Table`] turns a file's `.eh_frame` into
//! sorted rows of "from this address on, the caller's frame is at `rsp + n` (or `rbp + n`), its
//! return address just below it, and `rbp` saved at this offset or unchanged" — the only rules
//! x86-64 compilers emit outside PLT stubs and hand-written assembly; anything else becomes a
//! row that stops the walk ([`Cfa::Unsupported`]), never a guess; where no function is
//! described ([`Cfa::Gap`]) the BPF walk takes one frame-pointer step. [`walk`] is the reference
//! walk over such rows, the exact steps the BPF program (`compiler::lower::uwalk`) takes (find
//! the mapping, binary search the row, read two words), run here over a captured stack so that
//! the tables are checked against framehop on real programs (`unwind/tests.rs`);
//! `crate::tables_loader` writes them into the kernel.

use std::path::Path;

use gimli::{CfaRule, CieOrFde, EhFrame, LittleEndian, RegisterRule, UnwindSection, X86_64};
use object::{Object, ObjectSection, ObjectSegment};

use crate::symbolize::Mapping;
use crate::unwind::UserCopy;

/// Where the caller's frame (the CFA) is, from this row's first address on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cfa {
    /// `rsp + n`.
    Rsp(i32),
    /// `rbp + n`.
    Rbp(i32),
    /// A rule the walk does not follow (a DWARF expression, another register): it stops here,
    /// marked; a frame-pointer guess would skip the caller (ld.so's lazy-binding trampoline
    /// keeps its CFA in rbx, and rbp still holds its caller's caller's frame).
    Unsupported,
    /// No rule: between functions, or code whose file describes none. The BPF walk takes one
    /// frame-pointer step here (hand-written code without CFI keeps frame pointers, if any).
    Gap,
    /// The return address is undefined here: the outermost frame (`_start`, a thread's entry).
    Outermost,
    /// `rsp + n`, with the return address in `rdi`, not on the stack: glibc's `vfork` pops it
    /// there before the system call, since the child will reuse the stack (CFI `register rip,
    /// rdi`). Followed only at the leaf, where `rdi` is the thread's saved register.
    RspRaInRdi(i32),
}

/// One row: from `pc` (an address in the file's own address space, as its ELF headers give
/// it) up to the next row's `pc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    pub pc: u64,
    pub cfa: Cfa,
    /// Where the caller's `rbp` was saved, relative to the CFA; `None`: `rbp` is unchanged.
    pub rbp: Option<i32>,
}

/// A file's rows, sorted by `pc`. Gaps between functions are rows with [`Cfa::Gap`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Row>,
    /// `p_vaddr - p_offset` of the executable segment: a file offset plus this is an address
    /// in the file's own space.
    pub vaddr_minus_offset: u64,
}

impl Table {
    /// The rows of the ELF file at `path`.
    pub fn from_elf(path: &Path) -> Result<Table, String> {
        let data = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Table::from_bytes(&data).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn from_bytes(data: &[u8]) -> Result<Table, String> {
        let file = object::File::parse(data).map_err(|e| e.to_string())?;
        let exec = file
            .segments()
            .find(
                |s| matches!(s.flags(), object::SegmentFlags::Elf { p_flags } if p_flags & 1 != 0),
            )
            .ok_or("no executable segment")?;
        let (offset, _) = exec.file_range();
        let vaddr_minus_offset = exec.address().wrapping_sub(offset);
        let section = file.section_by_name(".eh_frame").ok_or("no .eh_frame")?;
        let bytes = section.data().map_err(|e| e.to_string())?;
        let mut bases = gimli::BaseAddresses::default().set_eh_frame(section.address());
        if let Some(text) = file.section_by_name(".text") {
            bases = bases.set_text(text.address());
        }
        if let Some(got) = file.section_by_name(".got") {
            bases = bases.set_got(got.address());
        }
        // PLT stubs describe their CFA with a DWARF expression (`rsp + 8`, plus 8 past the
        // lazy binding's push): inside them the return address is at the stack pointer.
        let plts: Vec<(u64, u64)> = file
            .sections()
            .filter(|s| s.name().is_ok_and(|n| n.starts_with(".plt")))
            .map(|s| (s.address(), s.address() + s.size()))
            .collect();
        let in_plt = |pc: u64| plts.iter().any(|&(a, b)| a <= pc && pc < b);
        let eh_frame = EhFrame::new(bytes, LittleEndian);
        let mut ctx = gimli::UnwindContext::new();
        let mut rows: Vec<Row> = Vec::new();
        let mut entries = eh_frame.entries(&bases);
        while let Some(entry) = entries.next().map_err(|e| e.to_string())? {
            let CieOrFde::Fde(partial) = entry else {
                continue;
            };
            let Ok(fde) = partial.parse(|s, b, o| s.cie_from_offset(b, o)) else {
                continue;
            };
            let mut table = match fde.rows(&eh_frame, &bases, &mut ctx) {
                Ok(t) => t,
                Err(_) => continue,
            };
            let mut end = fde.initial_address();
            while let Ok(Some(row)) = table.next_row() {
                let cfa = match row.cfa() {
                    CfaRule::RegisterAndOffset { register, offset } => {
                        match (*register, i32::try_from(*offset)) {
                            (X86_64::RSP, Ok(n)) => Cfa::Rsp(n),
                            (X86_64::RBP, Ok(n)) => Cfa::Rbp(n),
                            _ => Cfa::Unsupported,
                        }
                    }
                    CfaRule::Expression(_) if in_plt(row.start_address()) => Cfa::Rsp(8),
                    CfaRule::Expression(_) => Cfa::Unsupported,
                };
                let rbp = match row.register(X86_64::RBP) {
                    Some(RegisterRule::Offset(n)) => i32::try_from(n).ok(),
                    _ => None,
                };
                // The return address must be at CFA - 8 (the x86-64 ABI's call); a row that
                // says otherwise is not followed.
                let cfa = match (row.register(X86_64::RA), cfa) {
                    (None | Some(RegisterRule::Offset(-8)), cfa) => cfa,
                    (Some(RegisterRule::Undefined), _) => Cfa::Outermost,
                    (Some(RegisterRule::Register(X86_64::RDI)), Cfa::Rsp(n)) if rbp.is_none() => {
                        Cfa::RspRaInRdi(n)
                    }
                    _ => Cfa::Unsupported,
                };
                rows.push(Row {
                    pc: row.start_address(),
                    cfa,
                    rbp,
                });
                end = row.end_address();
            }
            // Past the function: nothing known until the next one starts.
            rows.push(Row {
                pc: end,
                cfa: Cfa::Gap,
                rbp: None,
            });
        }
        // Sorted by address; where a function's end meets the next one's start, the start wins.
        rows.sort_by_key(|r| (r.pc, r.cfa != Cfa::Gap));
        rows.dedup_by(|later, earlier| {
            if later.pc == earlier.pc {
                *earlier = *later;
                true
            } else {
                false
            }
        });
        Ok(Table {
            rows,
            vaddr_minus_offset,
        })
    }

    /// The row for address `pc` (the last one starting at or before it): a binary search, as
    /// the BPF walk does it.
    pub fn lookup(&self, pc: u64) -> Option<&Row> {
        let i = self.rows.partition_point(|r| r.pc <= pc);
        i.checked_sub(1).map(|i| &self.rows[i])
    }
}

/// Why [`walk`] stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WalkEnd {
    /// A return address of 0, or a row that says this is the outermost frame.
    Root,
    /// The address is in no mapping with a table (JIT code, the vDSO).
    NoTable,
    /// A row the walk does not follow ([`Cfa::Unsupported`]).
    Unsupported,
    /// A word to read lies outside the captured stack.
    OutOfCopy,
    /// The stack pointer did not move up: a corrupt stack or a wrong table.
    Bad,
    /// The frame limit.
    Depth,
}

/// Walks `copy` with the tables of `maps` (each mapping with its file's table), leaf first, at
/// most `max` frames: the reference for the BPF walk. Callers' rows are looked up at their
/// return address minus one (inside the call), as every unwinder does.
pub fn walk(maps: &[(&Mapping, &Table)], copy: &UserCopy, max: usize) -> (Vec<u64>, WalkEnd) {
    let read = |addr: u64| -> Option<u64> {
        let at = usize::try_from(addr.checked_sub(copy.sp)?).ok()?;
        let bytes = copy.stack.get(at..at.checked_add(8)?)?;
        Some(u64::from_le_bytes(bytes.try_into().ok()?))
    };
    let (mut ip, mut sp, mut bp) = (copy.ip, copy.sp, copy.bp);
    let mut frames = Vec::new();
    loop {
        if frames.len() >= max {
            return (frames, WalkEnd::Depth);
        }
        frames.push(ip);
        let lookup = if frames.len() == 1 { ip } else { ip - 1 };
        let Some((m, table)) = maps
            .iter()
            .find(|(m, _)| m.start <= lookup && lookup < m.end)
        else {
            return (frames, WalkEnd::NoTable);
        };
        let pc = lookup - m.start + m.offset + table.vaddr_minus_offset;
        let Some(row) = table.lookup(pc) else {
            return (frames, WalkEnd::Unsupported);
        };
        let cfa = match row.cfa {
            Cfa::Rsp(n) => sp.wrapping_add_signed(i64::from(n)),
            Cfa::Rbp(n) => bp.wrapping_add_signed(i64::from(n)),
            Cfa::Unsupported | Cfa::Gap => return (frames, WalkEnd::Unsupported),
            Cfa::Outermost => return (frames, WalkEnd::Root),
            // A capture keeps ip, sp and bp only: the BPF walk reads rdi from the thread's
            // registers, this reference cannot.
            Cfa::RspRaInRdi(_) => return (frames, WalkEnd::Unsupported),
        };
        let Some(ra) = read(cfa.wrapping_sub(8)) else {
            return (frames, WalkEnd::OutOfCopy);
        };
        if let Some(off) = row.rbp {
            match read(cfa.wrapping_add_signed(i64::from(off))) {
                Some(v) => bp = v,
                None => return (frames, WalkEnd::OutOfCopy),
            }
        }
        if ra == 0 {
            return (frames, WalkEnd::Root);
        }
        if cfa <= sp {
            return (frames, WalkEnd::Bad);
        }
        (ip, sp) = (ra, cfa);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of this machine's libc: many (every function of it), each row 16 bytes in the
    /// BPF table; the shape of the numbers docs/PERFORMANCE.md records.
    #[test]
    fn libc_rows_are_many_and_sorted() {
        let Ok(t) = Table::from_elf(Path::new("/lib/x86_64-linux-gnu/libc.so.6")) else {
            return;
        };
        assert!(t.rows.len() > 10_000, "{} rows", t.rows.len());
        assert!(t.rows.windows(2).all(|w| w[0].pc < w[1].pc));
        let followed = t
            .rows
            .iter()
            .filter(|r| matches!(r.cfa, Cfa::Rsp(_) | Cfa::Rbp(_)))
            .count();
        // Nearly every row is one the walk follows (PLT stubs and a few hand-written
        // functions are not).
        assert!(
            followed * 100 >= t.rows.len() * 80,
            "{followed} of {}",
            t.rows.len()
        );
        // glibc's vfork: from its `pop %rdi` to the push after the system call, the return
        // address is in rdi and the caller's frame at rsp.
        assert!(
            t.rows.iter().any(|r| r.cfa == Cfa::RspRaInRdi(0)),
            "no row of vfork's with the return address in rdi"
        );
    }
}
