//! The BPF backend's bottom half: the instruction type and its encoding (`insn`), helper ids
//! (`helpers`), a bpftool-style text form (`asm`), and the relocatable ELF object that aya and
//! libbpf load (`elf`, with the map BTF from `btf`).
//!
//! The types below are the hand-off from lowering/register allocation: a `Code` buffer to emit
//! into (slots, map references by name, jumps to labels), and an `Object` of finished programs
//! and map definitions for `elf::write_object`. Nothing here allocates registers, lays out the
//! stack or checks what the kernel verifier checks.

pub mod asm;
pub mod btf;
pub mod elf;
pub mod helpers;
pub mod insn;
pub mod lower;

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
    /// The value begins with a `struct bpf_task_work`: created with typed BTF.
    pub task_work: bool,
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
            (MapKind::RingBuf, _) => MapType::RingBuf,
        };
        MapDef {
            name: spec.name.clone(),
            kind,
            key_size: spec.key_size,
            value_size: spec.value_size,
            max_entries: spec.max_entries,
            flags: if spec.no_prealloc {
                BPF_F_NO_PREALLOC
            } else {
                0
            },
            task_work: spec.task_work,
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
    /// `max_entries` is the buffer's size in bytes (a power of two, whole pages); key and
    /// value sizes are 0.
    RingBuf,
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
            MapType::RingBuf => 27,
        }
    }

    /// Whether map creation needs BTF ids for key and value (`btf_key_type_id` and
    /// `btf_value_type_id`); other maps describe only their sizes, which every type accepts
    /// (STACK_TRACE rejects key/value BTF: its `map_check_btf` is `map_check_no_btf`).
    pub fn needs_typed_btf(self) -> bool {
        // (and any map whose `MapDef::task_work` is set)
        matches!(self, MapType::TaskStorage)
    }
}

/// A jump target in a [`Code`] buffer, bound to a slot with [`Code::bind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label(usize);

/// A [`Code`] buffer whose labels or jumps do not resolve.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("label {0} is used but never bound")]
    Unbound(usize),
    #[error("the jump at slot {at} is {distance} slots long, past the 16-bit offset field")]
    TooFar { at: usize, distance: i64 },
}

/// A program under construction: instruction slots, map references by name and jumps to labels
/// that `finish` turns into slot offsets. What lowering emits into; it does no optimisation and
/// no verifier-shaped checks.
#[derive(Clone, Debug, Default)]
pub struct Code {
    insns: Vec<Insn>,
    relocs: Vec<MapReloc>,
    /// Invariant: `labels[l.0]` is the slot label `l` was bound to, once bound.
    labels: Vec<Option<usize>>,
    fixups: Vec<(usize, Label)>,
}

impl Code {
    pub fn new() -> Code {
        Code::default()
    }

    /// The number of slots so far (the index the next instruction gets).
    pub fn len(&self) -> usize {
        self.insns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.insns.is_empty()
    }

    pub fn push(&mut self, insn: Insn) {
        self.insns.push(insn);
    }

    /// Appends several slots, e.g. the pair of `Insn::ld_imm64`.
    pub fn extend(&mut self, insns: impl IntoIterator<Item = Insn>) {
        self.insns.extend(insns);
    }

    /// `dst = &map`: an `ld_imm64` placeholder plus its relocation.
    pub fn load_map(&mut self, dst: insn::Reg, map: &str) {
        self.relocs.push(MapReloc {
            insn: self.insns.len(),
            map: map.to_string(),
        });
        self.insns.extend(Insn::ld_map_fd(dst));
    }

    pub fn label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() - 1)
    }

    /// Binds `label` to the next slot.
    pub fn bind(&mut self, label: Label) {
        self.labels[label.0] = Some(self.insns.len());
    }

    /// Appends a jump (`ja`, `jmp_imm`, `jmp_reg`, their 32-bit forms) whose `off` `finish`
    /// sets so that it lands on `target`.
    pub fn jump(&mut self, insn: Insn, target: Label) {
        self.fixups.push((self.insns.len(), target));
        self.insns.push(insn);
    }

    /// The finished slots and map references.
    pub fn finish(mut self) -> Result<(Vec<Insn>, Vec<MapReloc>), CodeError> {
        for &(at, label) in &self.fixups {
            let target = self.labels[label.0].ok_or(CodeError::Unbound(label.0))?;
            // Jump offsets count from the slot after the jump.
            let distance = target as i64 - at as i64 - 1;
            self.insns[at].off =
                i16::try_from(distance).map_err(|_| CodeError::TooFar { at, distance })?;
        }
        Ok((self.insns, self.relocs))
    }
}

#[cfg(test)]
mod tests {
    use super::insn::{Cond, Reg};
    use super::*;

    #[test]
    fn code_resolves_labels_both_ways() {
        let mut code = Code::new();
        let top = code.label();
        let out = code.label();
        code.bind(top);
        code.load_map(Reg::R1, "fs_counts");
        code.jump(Insn::jmp_imm(Cond::Eq, Reg::R0, 0, 0), out);
        code.jump(Insn::ja(0), top);
        code.bind(out);
        code.push(Insn::exit());
        let (insns, relocs) = code.finish().unwrap();
        assert_eq!(insns[2].off, 1);
        assert_eq!(insns[3].off, -4);
        assert_eq!(
            relocs,
            [MapReloc {
                insn: 0,
                map: "fs_counts".into()
            }]
        );

        let mut code = Code::new();
        let nowhere = code.label();
        code.jump(Insn::ja(0), nowhere);
        assert_eq!(code.finish(), Err(CodeError::Unbound(0)));
    }
}
