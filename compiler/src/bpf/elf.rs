//! `Object` → the bytes of an ordinary relocatable BPF ELF file (ET_REL, EM_BPF, little
//! endian), the shape clang emits and both aya-obj 0.3 and libbpf (bpftool) load:
//!
//! - `license`: the NUL-terminated license string;
//! - one PROGBITS AX section per distinct `Program::section` (align 8), holding its programs one
//!   after the other, each with a GLOBAL STT_FUNC symbol at its offset whose `st_size` is its
//!   code length (libbpf and aya both cut programs out of a section by these symbols);
//! - `.maps` (PROGBITS WA, align 8): zeros, one GLOBAL STT_OBJECT symbol per map, with the map
//!   definitions in `.BTF` (see `btf.rs`): BTF-defined maps, because libbpf rejects the legacy
//!   `maps` section;
//! - `.rel<section>`: an `R_BPF_64_64` relocation against the map's symbol (addend 0) for every
//!   `MapReloc`, at the `ld_imm64` slot the loader patches with the map's fd.
//!
//! Not written: `.BTF.ext` (func/line info), `.text` subprograms, global data (`.data`/`.rodata`),
//! CO-RE relocations. Input errors (an unknown map name, a relocation on a slot that is not
//! `ld_imm64`) are reported as `ElfError`; the verifier's rules are not checked here.

use object::write::{Object as ElfObject, Relocation, SectionId, Symbol, SymbolSection};
use object::{
    Architecture, BinaryFormat, Endianness, RelocationFlags, SectionFlags, SectionKind,
    SymbolFlags, SymbolKind, SymbolScope, elf,
};

use super::Object;
use super::btf;
use super::insn::encode;

/// An `Object` that cannot be written as asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ElfError {
    #[error("program `{program}` refers to map `{map}`, which the object does not define")]
    UnknownMap { program: String, map: String },
    #[error("program `{program}`: slot {insn} is not an `ld_imm64`, so it cannot load map `{map}`")]
    NotLdImm64 {
        program: String,
        insn: usize,
        map: String,
    },
    #[error("two programs or maps are named `{0}`")]
    DuplicateName(String),
    #[error("writing the ELF object: {0}")]
    Write(String),
}

fn elf_flags(sh_type: u32, sh_flags: u32) -> (SectionKind, SectionFlags) {
    (
        SectionKind::Elf(sh_type),
        SectionFlags::Elf {
            sh_flags: sh_flags.into(),
        },
    )
}

/// Writes `obj` as a relocatable BPF ELF object.
pub fn write_object(obj: &Object) -> Result<Vec<u8>, ElfError> {
    let mut names: Vec<&str> = obj
        .programs
        .iter()
        .map(|p| p.name.as_str())
        .chain(obj.maps.iter().map(|m| m.name.as_str()))
        .collect();
    names.sort_unstable();
    if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
        return Err(ElfError::DuplicateName(w[0].to_string()));
    }

    let mut out = ElfObject::new(BinaryFormat::Elf, Architecture::Bpf, Endianness::Little);

    let license = add_section(
        &mut out,
        "license",
        elf::SHT_PROGBITS,
        elf::SHF_ALLOC | elf::SHF_WRITE,
    );
    let mut text = obj.license.as_bytes().to_vec();
    text.push(0);
    out.set_section_data(license, text, 1);

    // Maps first: relocations must name symbols that already exist.
    let mut map_symbols = Vec::new();
    if !obj.maps.is_empty() {
        let maps = add_section(
            &mut out,
            ".maps",
            elf::SHT_PROGBITS,
            elf::SHF_ALLOC | elf::SHF_WRITE,
        );
        for def in &obj.maps {
            let size = btf::map_struct_size(def) as u64;
            let offset = out.append_section_data(maps, &vec![0; size as usize], 8);
            let sym = out.add_symbol(Symbol {
                name: def.name.as_bytes().to_vec(),
                value: offset,
                size,
                kind: SymbolKind::Data,
                scope: SymbolScope::Dynamic,
                weak: false,
                section: SymbolSection::Section(maps),
                flags: SymbolFlags::None,
            });
            map_symbols.push((def, sym));
        }
        let btf_section = add_section(&mut out, ".BTF", elf::SHT_PROGBITS, 0);
        out.set_section_data(btf_section, btf::maps_btf(&obj.maps), 4);
    }

    let mut sections: Vec<(&str, SectionId)> = Vec::new();
    for prog in &obj.programs {
        let section = match sections.iter().find(|(name, _)| *name == prog.section) {
            Some(&(_, id)) => id,
            None => {
                let id = add_section(
                    &mut out,
                    &prog.section,
                    elf::SHT_PROGBITS,
                    elf::SHF_ALLOC | elf::SHF_EXECINSTR,
                );
                sections.push((&prog.section, id));
                id
            }
        };
        let code = encode(&prog.insns);
        let start = out.append_section_data(section, &code, 8);
        out.add_symbol(Symbol {
            name: prog.name.as_bytes().to_vec(),
            value: start,
            size: code.len() as u64,
            kind: SymbolKind::Text,
            scope: SymbolScope::Dynamic,
            weak: false,
            section: SymbolSection::Section(section),
            flags: SymbolFlags::None,
        });
        for reloc in &prog.map_relocs {
            let Some(&(_, symbol)) = map_symbols.iter().find(|(def, _)| def.name == reloc.map)
            else {
                return Err(ElfError::UnknownMap {
                    program: prog.name.clone(),
                    map: reloc.map.clone(),
                });
            };
            // Both loaders refuse a map relocation anywhere but on the first slot of `ld_imm64`.
            if !prog
                .insns
                .get(reloc.insn)
                .is_some_and(|it| it.is_ld_imm64())
            {
                return Err(ElfError::NotLdImm64 {
                    program: prog.name.clone(),
                    insn: reloc.insn,
                    map: reloc.map.clone(),
                });
            }
            out.add_relocation(
                section,
                Relocation {
                    offset: start + 8 * reloc.insn as u64,
                    symbol,
                    addend: 0,
                    flags: RelocationFlags::Elf {
                        r_type: elf::R_BPF_64_64,
                    },
                },
            )
            .map_err(|e| ElfError::Write(e.to_string()))?;
        }
    }

    out.write().map_err(|e| ElfError::Write(e.to_string()))
}

fn add_section(out: &mut ElfObject<'_>, name: &str, sh_type: u32, sh_flags: u32) -> SectionId {
    let (kind, flags) = elf_flags(sh_type, sh_flags);
    let id = out.add_section(Vec::new(), name.as_bytes().to_vec(), kind);
    out.section_mut(id).flags = flags;
    id
}
