//! The BPF backend's bottom half: the instruction type and its encoding (`insn`), helper ids
//! (`helpers`), a bpftool-style text form (`asm`), and the relocatable ELF object that aya and
//! libbpf load (`elf`, with the map BTF from `btf`).
//!
//! The types below are the hand-off from lowering/register allocation: programs as finished
//! instruction slots plus the places that refer to a map by name. Nothing here allocates
//! registers, lays out the stack or checks what the kernel verifier checks.

pub mod asm;
pub mod btf;
pub mod elf;
pub mod helpers;
pub mod insn;

pub use insn::Insn;

use crate::artifact::{MapKind, MapSpec};

/// A finished BPF object: what `elf::write_object` turns into bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Object {
    /// The `license` section; the kernel refuses GPL-only helpers (`bpf_get_stack`, task
    /// storage…) to a program whose license is not GPL-compatible.
    pub license: String,
    pub programs: Vec<Program>,
    pub maps: Vec<MapDef>,
}

/// One BPF program: a function of its own in the ELF, named after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    /// The symbol name, which becomes the kernel's program name. The kernel keeps 15 bytes of it
    /// (`BPF_OBJ_NAME_LEN`); we prefix ours with `fs_` so `bpftool prog show` tells them apart.
    pub name: String,
    /// The ELF section: `perf_event`, `tracepoint/sched/sched_process_exec`, `tp_btf/sched_switch`…
    /// Programs that share a section are laid out one after the other in it.
    pub section: String,
    pub insns: Vec<Insn>,
    /// Every `ld_imm64` that loads a map's address.
    pub map_relocs: Vec<MapReloc>,
}

/// "Slot `insn` (the first of an `Insn::ld_map_fd` pair) loads the address of map `map`."
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MapReloc {
    pub insn: usize,
    pub map: String,
}

/// A map definition, as the kernel's `bpf_map_create` wants it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapDef {
    /// Symbol and kernel name (15 bytes kept), `fs_` prefixed like programs.
    pub name: String,
    pub kind: MapType,
    pub key_size: u32,
    pub value_size: u32,
    /// For `TaskStorage` the kernel requires 0 here.
    pub max_entries: u32,
    /// `BPF_F_*` creation flags; `TaskStorage` requires `BPF_F_NO_PREALLOC`.
    pub flags: u32,
}

impl MapDef {
    /// The definition of a map the `Artifact` describes.
    pub fn from_spec(spec: &MapSpec) -> MapDef {
        let kind = match (spec.kind, spec.per_cpu) {
            (MapKind::Hash, false) => MapType::Hash,
            (MapKind::Hash, true) => MapType::PercpuHash,
            (MapKind::Array, false) => MapType::Array,
            (MapKind::Array, true) => MapType::PercpuArray,
            (MapKind::StackTrace, _) => MapType::StackTrace,
        };
        MapDef {
            name: spec.name.clone(),
            kind,
            key_size: spec.key_size,
            value_size: spec.value_size,
            max_entries: spec.max_entries,
            flags: 0,
        }
    }
}

/// `BPF_F_NO_PREALLOC`: allocate hash entries on demand; mandatory for local storage maps.
pub const BPF_F_NO_PREALLOC: u32 = 1;

/// The map types flamescript uses, with their `enum bpf_map_type` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MapType {
    Hash,
    Array,
    PercpuHash,
    PercpuArray,
    StackTrace,
    LruHash,
    /// Per-task storage. The kernel refuses to create it without BTF for key (a 32-bit int) and
    /// value, which `btf.rs` provides.
    TaskStorage,
}

impl MapType {
    pub fn id(self) -> u32 {
        match self {
            MapType::Hash => 1,
            MapType::Array => 2,
            MapType::PercpuHash => 5,
            MapType::PercpuArray => 6,
            MapType::StackTrace => 7,
            MapType::LruHash => 9,
            MapType::TaskStorage => 29,
        }
    }

    /// Whether map creation needs BTF ids for key and value (`btf_key_type_id` and
    /// `btf_value_type_id`); other maps describe only their sizes, which every type accepts
    /// (STACK_TRACE rejects key/value BTF: its `map_check_btf` is `map_check_no_btf`).
    pub fn needs_typed_btf(self) -> bool {
        matches!(self, MapType::TaskStorage)
    }
}
