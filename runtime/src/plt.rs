//! Names for addresses in a binary's PLT (the stubs through which it calls shared libraries).
//!
//! The PLT has no symbols, so a symbol-table lookup names a sample there after whatever symbol
//! precedes it: `_init`, which has size 0 and seems to run on into `.plt`. A hot loop that calls
//! `clock_gettime` then shows `_init` under it, a function that runs once at startup. perf
//! names these stubs `clock_gettime@plt`; so do we, from the relocations that fill the PLT's
//! GOT slots (x86-64: one 16-byte stub per `R_X86_64_JUMP_SLOT`, in the order of their slots).

use std::ops::Range;
use std::path::Path;

use object::{Object, ObjectSection, ObjectSymbol, ObjectSymbolTable, RelocationFlags};

/// PLT entries are 16 bytes on x86-64, in `.plt` (after the 16-byte resolver stub PLT0) and in
/// `.plt.sec` (with IBT: no PLT0).
const ENTRY: u64 = 16;

/// The PLT stubs of one file, by file offset.
#[derive(Debug, Default)]
pub(crate) struct Plt {
    /// `.plt`, `.plt.sec`, `.plt.got`: (file range, offset of entry 0's name in `names`).
    sections: Vec<(Range<u64>, PltKind)>,
    /// The imported functions, in the order of their GOT slots.
    names: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
enum PltKind {
    /// PLT0, then entry i calls `names[i - 1]`.
    Lazy,
    /// Entry i calls `names[i]`.
    Sec,
    /// Stubs through GOT entries that are not PLT slots: not named individually.
    Got,
}

impl Plt {
    /// Reads the PLT sections and jump-slot relocations of the ELF file at `path`; an empty
    /// table for anything else (another architecture, no PLT, not an ELF file).
    pub(crate) fn read(path: &Path) -> Plt {
        Self::try_read(path).unwrap_or_default()
    }

    fn try_read(path: &Path) -> Option<Plt> {
        let file = std::fs::File::open(path).ok()?;
        let cache = object::ReadCache::new(file);
        let elf = object::File::parse(&cache).ok()?;
        if elf.architecture() != object::Architecture::X86_64 {
            return None;
        }
        let mut sections = Vec::new();
        for (name, kind) in [
            (".plt", PltKind::Lazy),
            (".plt.sec", PltKind::Sec),
            (".plt.got", PltKind::Got),
        ] {
            if let Some((off, size)) = elf.section_by_name(name).and_then(|s| s.file_range()) {
                sections.push((off..off + size, kind));
            }
        }
        if sections.is_empty() {
            return None;
        }
        let dynsyms = elf.dynamic_symbol_table();
        let mut slots: Vec<(u64, String)> = elf
            .dynamic_relocations()
            .into_iter()
            .flatten()
            .filter(|(_, r)| {
                matches!(r.flags(), RelocationFlags::Elf { r_type }
                    if r_type == object::elf::R_X86_64_JUMP_SLOT)
            })
            .filter_map(|(got, r)| {
                let object::RelocationTarget::Symbol(idx) = r.target() else {
                    return None;
                };
                let sym = dynsyms.as_ref()?.symbol_by_index(idx).ok()?;
                Some((got, sym.name().ok()?.to_string()))
            })
            .collect();
        slots.sort_by_key(|(got, _)| *got);
        Some(Plt {
            sections,
            names: slots.into_iter().map(|(_, n)| n).collect(),
        })
    }

    /// The stub's name for file offset `offset`, when it lies in the PLT.
    pub(crate) fn name_at(&self, offset: u64) -> Option<String> {
        let (range, kind) = self.sections.iter().find(|(r, _)| r.contains(&offset))?;
        let index = ((offset - range.start) / ENTRY) as usize;
        let name = match kind {
            PltKind::Lazy if index == 0 => None,
            PltKind::Lazy => self.names.get(index - 1),
            PltKind::Sec => self.names.get(index),
            PltKind::Got => None,
        };
        Some(match name {
            Some(n) => format!("{n}@plt"),
            None => "[plt]".to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our own test binary calls libc through its PLT: the first stub is named `…@plt`.
    #[test]
    fn names_the_stubs_of_a_real_binary() {
        let exe = std::env::current_exe().expect("the test binary");
        let plt = Plt::read(&exe);
        assert!(plt.name_at(0).is_none(), "the ELF header is not in the PLT");
        let Some((range, kind)) = plt.sections.first().cloned() else {
            // Linked without a PLT (calls through the GOT): nothing to name.
            return;
        };
        let first = match kind {
            PltKind::Lazy => range.start + ENTRY,
            _ => range.start,
        };
        if first < range.end && !plt.names.is_empty() {
            let name = plt.name_at(first + 6).expect("inside the PLT");
            assert!(name.ends_with("@plt"), "{name}");
            assert_eq!(name, format!("{}@plt", plt.names[0]));
        }
    }
}
