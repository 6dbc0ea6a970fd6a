//! The user-space BPF machine: the maps of an [`Artifact`] kept in user memory, the programs'
//! instructions decoded with their map references resolved, and the event the helpers answer
//! from. `interp` runs a program over them; it is the reference any faster engine must match.
//! `jit` compiles a program to native code with cranelift, with the same semantics; callers
//! pick one with [`Engine`] and run the result through [`Executable::run`].
//!
//! Memory is never addressed by host pointers. A BPF pointer is a 64-bit number whose high 32
//! bits name a region (the context, a stack frame, one map value, a map) and whose low 32 bits
//! are the offset in it; every load and store looks the region up and checks the bounds, so a
//! bad access is a [`VmError`], never a panic or undefined behaviour. Pointers survive spills to
//! the stack as the kernel's do, since they are plain numbers.
//!
//! Deliberately absent: the verifier (the kernel's is the authority; we run what it would
//! accept and stop with an error on what it would not have let through), helpers our code
//! generator does not emit, and reading kernel memory (`probe_read_kernel`, task stacks): a
//! recording has none, so programs that need them are refused when they call them.

pub mod interp;
pub mod jit;

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use compiler::artifact::{Artifact, MapKind, MapSpec, ProgramSpec};
use compiler::bpf::Insn;

use crate::error::MapDump;

/// Which engine runs the bytecode: the cranelift JIT (the default: fast), or the reference
/// interpreter. Both give the same r0, map contents and errors for every program and event.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Engine {
    Interp,
    #[default]
    Jit,
}

impl Engine {
    pub const ALL: [Engine; 2] = [Engine::Interp, Engine::Jit];

    pub fn name(self) -> &'static str {
        match self {
            Engine::Interp => "interp",
            Engine::Jit => "jit",
        }
    }

    /// Makes `program` runnable on this engine (the JIT compiles it here, once).
    pub fn load(self, program: Program) -> Result<Executable, VmError> {
        Ok(match self {
            Engine::Interp => Executable::Interp(program),
            Engine::Jit => Executable::Jit(Box::new(jit::compile(&program)?)),
        })
    }
}

/// A program ready to run on its engine.
#[derive(Debug)]
pub enum Executable {
    Interp(Program),
    Jit(Box<jit::JitProgram>),
}

impl Executable {
    pub fn name(&self) -> &str {
        match self {
            Executable::Interp(p) => &p.name,
            Executable::Jit(p) => p.name(),
        }
    }

    /// Runs the program once over `ctx` for `event`, updating `maps`; returns r0.
    pub fn run(&self, maps: &mut Maps, ctx: &[u8], event: &Event) -> Result<u64, VmError> {
        match self {
            Executable::Interp(p) => interp::run(p, maps, ctx, event),
            Executable::Jit(p) => p.run(maps, ctx, event),
        }
    }
}

/// What went wrong running a program. `pc` is the instruction index, as in the verifier log.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum VmError {
    #[error("instruction {pc}: {size}-byte access at {addr:#x} is outside every region")]
    OutOfBounds { pc: usize, addr: u64, size: u32 },
    #[error("instruction {pc}: a write to read-only memory ({what})")]
    ReadOnly { pc: usize, what: &'static str },
    #[error("instruction {pc}: unsupported instruction (code {code:#04x})")]
    BadInsn { pc: usize, code: u8 },
    #[error("instruction {pc}: a jump outside the program")]
    BadJump { pc: usize },
    #[error("instruction {pc}: helper #{id} ({name}) cannot run in user space")]
    Helper {
        pc: usize,
        id: i32,
        name: &'static str,
    },
    #[error("instruction {pc}: `{what}` is not a map")]
    NotAMap { pc: usize, what: u64 },
    #[error("instruction {pc}: calls nested deeper than {max} frames")]
    CallDepth { pc: usize, max: usize },
    #[error("more than {max} instructions run for one event")]
    TooLong { max: u64 },
    #[error("program `{program}`: {reason}")]
    Load { program: String, reason: String },
}

/// One event as the helpers see it: the running thread, the time, the CPU and the stacks
/// `bpf_get_stack` returns (innermost frame first, as the kernel gives them).
#[derive(Clone, Debug, Default)]
pub struct Event<'a> {
    pub tgid: u32,
    pub tid: u32,
    /// NUL-padded, as `task->comm`.
    pub comm: [u8; 16],
    pub cpu: u32,
    /// `bpf_ktime_get_ns`.
    pub time_ns: u64,
    pub uid: u32,
    pub gid: u32,
    pub kernel_stack: &'a [u64],
    pub user_stack: &'a [u64],
}

/// A `comm` as the kernel stores it: at most 15 bytes and a NUL.
pub fn comm(name: &str) -> [u8; 16] {
    let mut res = [0u8; 16];
    let bytes = name.as_bytes();
    let n = bytes.len().min(15);
    res[..n].copy_from_slice(&bytes[..n]);
    res
}

/// The context of a `perf_event` program on x86-64 (`struct bpf_perf_event_data`): the
/// registers (`pt_regs`, 21 words, zero here: a recording keeps the stack, not the registers),
/// then `sample_period` and `addr`.
pub fn perf_event_ctx(sample_period: u64, addr: u64) -> Vec<u8> {
    let mut res = vec![0u8; PT_REGS_BYTES + 16];
    res[PT_REGS_BYTES..PT_REGS_BYTES + 8].copy_from_slice(&sample_period.to_le_bytes());
    res[PT_REGS_BYTES + 8..].copy_from_slice(&addr.to_le_bytes());
    res
}

const PT_REGS_BYTES: usize = 21 * 8;

/// A map kept in user memory, with the kernel's semantics for the operations our programs use.
#[derive(Clone, Debug)]
pub struct UserMap {
    pub spec: MapSpec,
    /// Values per entry: the number of CPUs for a per-CPU map, else 1.
    copies: usize,
    index: FxHashMap<Vec<u8>, usize>,
    /// Every value ever created. A deleted entry leaves its slot (unreachable from `index`)
    /// so that a pointer the program still holds stays readable for the rest of the event,
    /// as the kernel's RCU-delayed free allows.
    slots: Vec<Slot>,
    /// When tracked ([`UserMap::track`]): the slots looked up or updated since the last
    /// [`UserMap::take_touched`]. A program writes a value only through a pointer a lookup
    /// gave it, or by an update, so these are all the entries an event can have changed.
    touched: Option<Vec<usize>>,
}

#[derive(Clone, Debug)]
struct Slot {
    key: Vec<u8>,
    /// `copies` values of `value_size` bytes each.
    values: Vec<u8>,
}

// errno values the helpers return, negated.
const ENOENT: i64 = 2;
const E2BIG: i64 = 7;
const EFAULT: i64 = 14;
const EEXIST: i64 = 17;
const EINVAL: i64 = 22;

impl UserMap {
    pub fn new(spec: MapSpec, ncpus: usize) -> UserMap {
        let copies = if spec.per_cpu { ncpus.max(1) } else { 1 };
        UserMap {
            spec,
            copies,
            index: FxHashMap::default(),
            slots: Vec::new(),
            touched: None,
        }
    }

    /// Starts keeping the slots each event looks up or updates.
    pub fn track(&mut self) {
        self.touched.get_or_insert_with(Vec::new);
    }

    /// The slots looked up or updated since the last call, each once; empty when not tracked.
    pub fn take_touched(&mut self) -> Vec<usize> {
        let mut res = self
            .touched
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        res.sort_unstable();
        res.dedup();
        res
    }

    /// The key and values of slot `slot`, unless its entry was deleted.
    pub fn entry_at(&self, slot: usize) -> Option<(&[u8], &[u8])> {
        let it = self.slots.get(slot)?;
        (self.index.get(&it.key) == Some(&slot))
            .then_some((it.key.as_slice(), it.values.as_slice()))
    }

    fn touch(&mut self, slot: usize) {
        if let Some(t) = &mut self.touched {
            t.push(slot);
        }
    }

    fn value_size(&self) -> usize {
        self.spec.value_size as usize
    }

    /// The slot of `key`, if the map has it. An array has every index below `max_entries`
    /// (created zeroed on first use, which no program can tell apart).
    fn find(&mut self, key: &[u8]) -> Option<usize> {
        if let Some(&slot) = self.index.get(key) {
            self.touch(slot);
            return Some(slot);
        }
        match self.spec.kind {
            MapKind::Array => {
                let idx = u32::from_le_bytes(key.get(..4)?.try_into().ok()?);
                let slot = (idx < self.spec.max_entries).then(|| self.insert(key))?;
                self.touch(slot);
                Some(slot)
            }
            // A ring buffer has no keys (and replays compile without time records).
            MapKind::Hash | MapKind::StackTrace | MapKind::RingBuf => None,
        }
    }

    fn insert(&mut self, key: &[u8]) -> usize {
        let slot = self.slots.len();
        self.slots.push(Slot {
            key: key.to_vec(),
            values: vec![0; self.value_size() * self.copies],
        });
        self.index.insert(key.to_vec(), slot);
        slot
    }

    /// `bpf_map_update_elem` from a program: only `cpu`'s copy of a per-CPU value is written
    /// (a new entry's other copies are zero). Returns 0 or a negative errno.
    fn update(&mut self, key: &[u8], value: &[u8], flags: u64, cpu: usize) -> i64 {
        if flags > 2 {
            return -EINVAL;
        }
        let existing = self.find(key);
        let slot = match (self.spec.kind, existing, flags) {
            (MapKind::Array, None, _) => return -E2BIG,
            (MapKind::Array, Some(_), 1) => return -EEXIST,
            (_, Some(_), 1) => return -EEXIST,
            (_, None, 2) => return -ENOENT,
            (_, Some(slot), _) => slot,
            (_, None, _) => {
                if self.index.len() >= self.spec.max_entries as usize {
                    return -E2BIG;
                }
                self.insert(key)
            }
        };
        let size = self.value_size();
        let copy = if self.copies > 1 {
            cpu % self.copies
        } else {
            0
        };
        self.slots[slot].values[copy * size..(copy + 1) * size].copy_from_slice(value);
        self.touch(slot);
        0
    }

    fn delete(&mut self, key: &[u8]) -> i64 {
        match self.spec.kind {
            MapKind::Array | MapKind::RingBuf => -EINVAL,
            MapKind::Hash | MapKind::StackTrace => match self.index.remove(key) {
                Some(_) => 0,
                None => -ENOENT,
            },
        }
    }

    /// The bytes of one value copy.
    fn value_mut(&mut self, slot: usize, copy: usize) -> Option<&mut [u8]> {
        let size = self.value_size();
        self.slots
            .get_mut(slot)?
            .values
            .get_mut(copy * size..(copy + 1) * size)
    }

    /// Entries in the layout `Session::dump` gives (per-CPU values one
    /// `round_up(value_size, 8)` slot per CPU), sorted by key.
    pub fn dump(&self) -> MapDump {
        let size = self.value_size();
        let stride = if self.copies > 1 {
            size.div_ceil(8) * 8
        } else {
            size
        };
        let mut entries: Vec<(Vec<u8>, Vec<u8>)> = self
            .index
            .values()
            .map(|&slot| {
                let it = &self.slots[slot];
                let mut value = vec![0u8; stride * self.copies];
                for copy in 0..self.copies {
                    value[copy * stride..copy * stride + size]
                        .copy_from_slice(&it.values[copy * size..(copy + 1) * size]);
                }
                (it.key.clone(), value)
            })
            .collect();
        entries.sort();
        MapDump {
            spec: self.spec.clone(),
            entries,
        }
    }

    /// The value of `key` summed over CPUs as u64 words (tests and tables).
    pub fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        let slot = *self.index.get(key)?;
        Some(self.slots[slot].values.clone())
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// `(key, value copies)` of every entry, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.index.values().map(|&slot| {
            let it = &self.slots[slot];
            (it.key.as_slice(), it.values.as_slice())
        })
    }
}

/// Every map of an artifact, by index (the order of `Artifact::maps`).
#[derive(Clone, Debug)]
pub struct Maps {
    pub maps: Vec<UserMap>,
}

impl Maps {
    pub fn new(artifact: &Artifact, ncpus: usize) -> Maps {
        Maps {
            maps: artifact
                .maps
                .iter()
                .map(|spec| UserMap::new(spec.clone(), ncpus))
                .collect(),
        }
    }

    pub fn by_name(&self, name: &str) -> Option<&UserMap> {
        self.maps.iter().find(|m| m.spec.name == name)
    }

    pub fn dump(&self) -> Vec<MapDump> {
        self.maps.iter().map(UserMap::dump).collect()
    }
}

/// A program ready to run: its instructions, and for each `ld_imm64` of a map the map's index.
#[derive(Clone, Debug)]
pub struct Program {
    pub name: String,
    pub insns: Vec<Insn>,
    /// Instruction index → map index, for the `ld_imm64` map references (the loader's
    /// relocations: the instruction itself holds 0 until a loader writes a map fd there).
    pub map_refs: HashMap<usize, usize>,
}

impl Program {
    /// Decodes `spec.code` and resolves its map references against `maps` (by name).
    pub fn new(spec: &ProgramSpec, maps: &Maps) -> Result<Program, VmError> {
        let load = |reason: String| VmError::Load {
            program: spec.name.clone(),
            reason,
        };
        let insns = compiler::bpf::insn::decode(&spec.code).map_err(|e| load(e.to_string()))?;
        let mut map_refs = HashMap::new();
        for (idx, name) in &spec.map_relocs {
            let map = maps
                .maps
                .iter()
                .position(|m| &m.spec.name == name)
                .ok_or_else(|| load(format!("no map `{name}`")))?;
            let insn = insns
                .get(*idx as usize)
                .ok_or_else(|| load(format!("relocation at {idx} is outside the program")))?;
            if !insn.is_ld_imm64() {
                return Err(load(format!("relocation at {idx} is not a map load")));
            }
            map_refs.insert(*idx as usize, map);
        }
        Ok(Program {
            name: spec.name.clone(),
            insns,
            map_refs,
        })
    }
}
