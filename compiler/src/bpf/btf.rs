//! The `.BTF` section of our objects: just enough type information for BTF-defined maps, the
//! form libbpf (and so bpftool) requires and aya-obj 0.3 parses (`parse_btf_map_def`).
//!
//! Each map is a global variable in the `.maps` data section whose type is an anonymous struct
//! of pointers, libbpf's `__uint(name, N)` convention: member `type` is `int (*)[N]` with N the
//! map type, and likewise `max_entries` and `map_flags`. Sizes go in `key_size`/`value_size`
//! the same way, except for maps the kernel refuses without typed BTF (task storage), whose
//! `key`/`value` members point to real types: `int` for the key, `unsigned char[value_size]` for
//! the value. Nothing else is described: no FUNC, no line info, no `.BTF.ext`, no types of
//! program contexts. A value that embeds a kernel object the verifier must find by name
//! (`struct bpf_task_work`) would need a named STRUCT here; `Builder` has what it takes.

use super::{MapDef, MapType};

const BTF_MAGIC: u16 = 0xeb9f;
const BTF_KIND_INT: u32 = 1;
const BTF_KIND_PTR: u32 = 2;
const BTF_KIND_ARRAY: u32 = 3;
const BTF_KIND_STRUCT: u32 = 4;
const BTF_KIND_FUNC: u32 = 12;
const BTF_KIND_FUNC_PROTO: u32 = 13;
/// A FUNC's linkage, in its `vlen` bits.
const BTF_FUNC_STATIC: u32 = 0;
const BTF_KIND_VAR: u32 = 14;
const BTF_KIND_DATASEC: u32 = 15;
const BTF_INT_SIGNED: u32 = 1;
/// `BTF_VAR_GLOBAL_ALLOCATED`: libbpf refuses map variables of any other linkage.
const BTF_VAR_GLOBAL_ALLOCATED: u32 = 1;

/// The size in bytes of map `def`'s struct in `.maps`: one pointer per member.
pub fn map_struct_size(def: &MapDef) -> u32 {
    8 * map_members(def).len() as u32
}

enum Member {
    /// `int (*name)[n]`.
    Number(&'static str, u32),
    /// `int *key`.
    KeyInt,
    /// `unsigned char (*value)[n]`.
    ValueBytes(u32),
    /// `struct fs_task_work_value *value`: `struct bpf_task_work` then bytes (see
    /// [`task_work_value`]).
    ValueTaskWork(u32),
}

/// A map value of `size` bytes that begins with the kernel's `struct bpf_task_work` (one
/// `__u64`): the verifier finds that field by its struct name in the map's value type, and
/// refuses the task-work kfuncs on a value without it.
fn task_work_value(b: &mut Builder, size: u32) -> u32 {
    let int = b.int("int", 4, true);
    let u64t = b.int("long long unsigned int", 8, false);
    let tw = b.struct_("bpf_task_work", 8, &[("__opaque", u64t, 0)]);
    let uchar = b.int("unsigned char", 1, false);
    let rest = b.array(uchar, int, size - 8);
    b.struct_(
        "fs_task_work_value",
        size,
        &[("tw", tw, 0), ("data", rest, 64)],
    )
}

/// The BTF of a program made of several functions (`(first instruction, name, arguments)`,
/// the program first): a FUNC per function, static (the kernel refuses a callback that is not),
/// returning `int`, every argument a `void *` — the kernel checks a static function's
/// arguments at each call, not against this. Returns the blob and the `func_info` records
/// (`insn_off`, FUNC type id) in order.
pub fn functions_btf(functions: &[(u32, String, u8)]) -> (Vec<u8>, Vec<(u32, u32)>) {
    let mut b = Builder::new();
    let int = b.int("int", 4, true);
    let ptr = b.ptr(0);
    let mut info = Vec::new();
    for (insn, name, args) in functions {
        let params: Vec<u32> = (0..*args)
            .flat_map(|i| [b.string(&format!("a{i}")), ptr])
            .collect();
        let proto = b.push_type("", BTF_KIND_FUNC_PROTO, u32::from(*args), int, &params);
        let func = b.push_type(name, BTF_KIND_FUNC, BTF_FUNC_STATIC, proto, &[]);
        info.push((*insn, func));
    }
    (b.finish(), info)
}

/// The BTF a loader gives the kernel to create one map that needs typed BTF:
/// `(blob, key type id, value type id)`.
pub fn typed_map_btf(def: &MapDef) -> (Vec<u8>, u32, u32) {
    let mut b = Builder::new();
    let int = b.int("int", 4, true);
    let value = if def.task_work {
        task_work_value(&mut b, def.value_size)
    } else {
        let uchar = b.int("unsigned char", 1, false);
        b.array(uchar, int, def.value_size)
    };
    (b.finish(), int, value)
}

fn map_members(def: &MapDef) -> Vec<Member> {
    let mut members = vec![Member::Number("type", def.kind.id())];
    if def.task_work {
        members.push(Member::KeyInt);
        members.push(Member::ValueTaskWork(def.value_size));
    } else if def.kind.needs_typed_btf() {
        members.push(Member::KeyInt);
        members.push(Member::ValueBytes(def.value_size));
    } else if def.kind != MapType::RingBuf {
        // (A ring buffer has neither: libbpf's declaration gives only its type and size.)
        members.push(Member::Number("key_size", def.key_size));
        members.push(Member::Number("value_size", def.value_size));
    }
    // Task storage must say max_entries 0, which is also what an absent member means.
    if def.kind != MapType::TaskStorage || def.max_entries != 0 {
        members.push(Member::Number("max_entries", def.max_entries));
    }
    if def.flags != 0 {
        members.push(Member::Number("map_flags", def.flags));
    }
    members
}

/// The `.BTF` bytes for `maps`, laid out in `.maps` one after the other in this order (the
/// offsets `elf.rs` gives their symbols).
pub fn maps_btf(maps: &[MapDef]) -> Vec<u8> {
    let mut b = Builder::new();
    let int = b.int("int", 4, true);
    let uchar = b.int("unsigned char", 1, false);
    let mut entries = Vec::new();
    let mut offset = 0;
    for def in maps {
        let members: Vec<(&str, u32)> = map_members(def)
            .into_iter()
            .map(|m| match m {
                Member::Number(name, n) => {
                    let array = b.array(int, int, n);
                    (name, b.ptr(array))
                }
                Member::KeyInt => ("key", b.ptr(int)),
                Member::ValueBytes(n) => {
                    let array = b.array(uchar, int, n);
                    ("value", b.ptr(array))
                }
                Member::ValueTaskWork(n) => {
                    let value = task_work_value(&mut b, n);
                    ("value", b.ptr(value))
                }
            })
            .collect();
        let size = 8 * members.len() as u32;
        let fields: Vec<(&str, u32, u32)> = members
            .iter()
            .enumerate()
            .map(|(i, (name, ty))| (*name, *ty, 64 * i as u32))
            .collect();
        let st = b.struct_("", size, &fields);
        let var = b.var(&def.name, st, BTF_VAR_GLOBAL_ALLOCATED);
        entries.push((var, offset, size));
        offset += size;
    }
    b.datasec(".maps", offset, &entries);
    b.finish()
}

/// Appends BTF types and strings; ids count from 1 (0 is `void`). Deduplicates nothing but
/// strings and `(elem, n)` arrays and pointers, enough to keep map BTF small.
pub struct Builder {
    types: Vec<u8>,
    strings: Vec<u8>,
    next_id: u32,
    ptrs: Vec<(u32, u32)>,
    arrays: Vec<((u32, u32), u32)>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    pub fn new() -> Builder {
        // The string section starts with the empty name.
        Builder {
            types: Vec::new(),
            strings: vec![0],
            next_id: 1,
            ptrs: Vec::new(),
            arrays: Vec::new(),
        }
    }

    fn string(&mut self, s: &str) -> u32 {
        if s.is_empty() {
            return 0;
        }
        let mut needle = s.as_bytes().to_vec();
        needle.push(0);
        // Only whole strings match: the byte before a hit must be a NUL.
        if let Some(pos) = self
            .strings
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .filter(|&p| p > 0 && self.strings[p - 1] == 0)
        {
            return pos as u32;
        }
        let off = self.strings.len() as u32;
        self.strings.extend_from_slice(&needle);
        off
    }

    fn push_type(
        &mut self,
        name: &str,
        kind: u32,
        vlen: u32,
        size_or_type: u32,
        extra: &[u32],
    ) -> u32 {
        let name_off = self.string(name);
        for word in [name_off, (kind << 24) | vlen, size_or_type]
            .iter()
            .chain(extra)
        {
            self.types.extend_from_slice(&word.to_le_bytes());
        }
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub fn int(&mut self, name: &str, bytes: u32, signed: bool) -> u32 {
        let encoding = if signed { BTF_INT_SIGNED } else { 0 };
        self.push_type(
            name,
            BTF_KIND_INT,
            0,
            bytes,
            &[(encoding << 24) | (bytes * 8)],
        )
    }

    pub fn ptr(&mut self, target: u32) -> u32 {
        if let Some(&(_, id)) = self.ptrs.iter().find(|(t, _)| *t == target) {
            return id;
        }
        let id = self.push_type("", BTF_KIND_PTR, 0, target, &[]);
        self.ptrs.push((target, id));
        id
    }

    pub fn array(&mut self, elem: u32, index: u32, n: u32) -> u32 {
        if let Some(&(_, id)) = self.arrays.iter().find(|(k, _)| *k == (elem, n)) {
            return id;
        }
        let id = self.push_type("", BTF_KIND_ARRAY, 0, 0, &[elem, index, n]);
        self.arrays.push(((elem, n), id));
        id
    }

    /// A struct of `(name, type, bit offset)` members.
    pub fn struct_(&mut self, name: &str, size: u32, members: &[(&str, u32, u32)]) -> u32 {
        let extra: Vec<u32> = members
            .iter()
            .flat_map(|&(n, ty, bits)| [self.string(n), ty, bits])
            .collect();
        self.push_type(name, BTF_KIND_STRUCT, members.len() as u32, size, &extra)
    }

    pub fn var(&mut self, name: &str, ty: u32, linkage: u32) -> u32 {
        self.push_type(name, BTF_KIND_VAR, 0, ty, &[linkage])
    }

    /// A data section of `(var, offset, size)` entries.
    pub fn datasec(&mut self, name: &str, size: u32, vars: &[(u32, u32, u32)]) -> u32 {
        let extra: Vec<u32> = vars.iter().flat_map(|&(v, off, sz)| [v, off, sz]).collect();
        self.push_type(name, BTF_KIND_DATASEC, vars.len() as u32, size, &extra)
    }

    /// The section bytes: `struct btf_header` (24 bytes), types, strings.
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(24 + self.types.len() + self.strings.len());
        out.extend_from_slice(&BTF_MAGIC.to_le_bytes());
        out.push(1); // version
        out.push(0); // flags
        let words = [
            24u32,
            0,
            self.types.len() as u32,
            self.types.len() as u32,
            self.strings.len() as u32,
        ];
        for w in words {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&self.types);
        out.extend_from_slice(&self.strings);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(bytes: &[u8], at: usize) -> u32 {
        u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
    }

    #[test]
    fn header_and_sections_are_consistent() {
        let def = MapDef {
            name: "fs_counts".into(),
            kind: MapType::Hash,
            key_size: 4,
            value_size: 8,
            max_entries: 1024,
            flags: 0,
            task_work: false,
        };
        let btf = maps_btf(std::slice::from_ref(&def));
        assert_eq!(btf[..4], [0x9f, 0xeb, 1, 0]);
        let (hdr_len, type_off, type_len, str_off, str_len) = (
            word(&btf, 4),
            word(&btf, 8),
            word(&btf, 12),
            word(&btf, 16),
            word(&btf, 20),
        );
        assert_eq!((hdr_len, type_off, str_off), (24, 0, type_len));
        assert_eq!(btf.len() as u32, 24 + type_len + str_len);
        let strings = &btf[(24 + str_off) as usize..];
        assert_eq!(strings[0], 0);
        let names: Vec<&[u8]> = strings.split(|b| *b == 0).collect();
        for name in [
            "int",
            "type",
            "key_size",
            "value_size",
            "max_entries",
            "fs_counts",
            ".maps",
        ] {
            assert_eq!(
                names.iter().filter(|n| **n == name.as_bytes()).count(),
                1,
                "{name}"
            );
        }
        // No map_flags member when the flags are 0: four pointers.
        assert_eq!(map_struct_size(&def), 32);
    }
}
