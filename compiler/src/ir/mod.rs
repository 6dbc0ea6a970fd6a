//! The IR: BPF with virtual registers, labels, named stack slots and source spans (ply's
//! "vinsn"). `sema::lower` produces it from the checked program; `bpf::lower` allocates real
//! registers and encodes it. Keeping it this close to BPF means the verifier's rules can be
//! honoured where they arise (null checks, bounded copies) and stated there in comments.
//!
//! Shape rules (checked by [`verify`]):
//! - control flow only jumps *forward* to a label defined later in the same program, so there
//!   are no loops (the verifier would demand bounds) and linear live ranges are exact;
//! - a virtual register is defined before every use on every path (we check: before, in
//!   program order, which forward-only jumps make sufficient);
//! - a `Call` passes at most five arguments;
//! - stack slots are allocated by the builder, fit in 512 bytes with the spills, and are
//!   addressed inside their size.

mod build;
mod print;
mod verify;

pub use build::Builder;
pub use print::print;
pub use verify::verify;

use crate::artifact::AttachSpec;
use crate::diag::Span;

/// A virtual register: a 64-bit value or a pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VReg(pub u32);

/// A forward jump target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label(pub u32);

/// A stack buffer (keys, values, strings) owned by one program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Slot(pub u32);

/// An index into [`Module::maps`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MapId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    Reg(VReg),
    Imm(i32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    B1,
    B2,
    B4,
    B8,
}

impl Width {
    pub fn bytes(self) -> u32 {
        match self {
            Width::B1 => 1,
            Width::B2 => 2,
            Width::B4 => 4,
            Width::B8 => 8,
        }
    }

    pub fn for_size(size: u32) -> Option<Width> {
        match size {
            1 => Some(Width::B1),
            2 => Some(Width::B2),
            4 => Some(Width::B4),
            8 => Some(Width::B8),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AluOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Or,
    And,
    Xor,
    Lsh,
    Rsh,
    Arsh,
    Neg,
}

/// Jump conditions (unsigned unless named signed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cond {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Sgt,
    Sge,
    Slt,
    Sle,
    /// `lhs & rhs != 0`
    Set,
}

/// Where a load or store points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    /// A pointer held in a register (context, map value, …).
    Reg(VReg),
    /// A stack slot: the offset is inside the slot.
    Slot(Slot),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inst {
    /// The source span of what follows (a statement, a filter); feeds the line table and the
    /// `;;` comments of `--emit asm`.
    Span(Span),
    /// `dst = ctx`: the program's context pointer (r1 at entry). Only as the first instruction.
    Ctx {
        dst: VReg,
    },
    /// `dst = r(index + 1)` at entry: a subprogram's arguments (a callback's map, key and
    /// value). Only among the first instructions, before anything that clobbers r1–r5.
    Param {
        dst: VReg,
        index: u8,
    },
    /// `dst = value`
    Const {
        dst: VReg,
        value: u64,
    },
    /// `dst = src`
    Mov {
        dst: VReg,
        src: VReg,
    },
    /// `dst = dst op src` (64-bit). `Neg` ignores `src`.
    Alu {
        op: AluOp,
        dst: VReg,
        src: Operand,
    },
    /// `dst = *(width *)(base + off)`
    Load {
        dst: VReg,
        width: Width,
        base: Base,
        off: i16,
    },
    /// `*(width *)(base + off) = src`
    Store {
        width: Width,
        base: Base,
        off: i16,
        src: Operand,
    },
    /// `dst = &slot + off`: a stack pointer for helper arguments.
    SlotAddr {
        dst: VReg,
        slot: Slot,
        off: i16,
    },
    /// `dst = &map` (a relocated `ld_imm64`).
    MapPtr {
        dst: VReg,
        map: MapId,
    },
    /// `dst = helper(args…)`; clobbers nothing the IR can see (the allocator saves).
    Call {
        helper: u32,
        args: Vec<VReg>,
        dst: Option<VReg>,
    },
    /// `dst = kfunc(args…)`: a kernel function by its BTF id in vmlinux (`call` with
    /// `src_reg = BPF_PSEUDO_KFUNC_CALL`); registers as for helpers.
    Kfunc {
        id: u32,
        args: Vec<VReg>,
        dst: Option<VReg>,
    },
    /// `dst = subprogram(args…)`: a BPF-to-BPF call to `Program::subprograms[sub]`.
    CallSub {
        sub: u32,
        args: Vec<VReg>,
        dst: Option<VReg>,
    },
    /// `dst = &subprogram`: the address of `Program::subprograms[sub]`, for a kfunc or helper
    /// that takes a callback (`ld_imm64` with `src_reg = BPF_PSEUDO_FUNC`).
    FuncAddr {
        dst: VReg,
        sub: u32,
    },
    /// `lock *(u64 *)(ptr + off) += src`
    AtomicAdd {
        ptr: VReg,
        off: i16,
        src: VReg,
    },
    /// `if lhs cond rhs goto label`
    JumpIf {
        cond: Cond,
        lhs: VReg,
        rhs: Operand,
        target: Label,
    },
    Jump {
        target: Label,
    },
    Label(Label),
    /// `return 0`
    Exit,
}

/// One BPF program: one clause attached to one hook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    /// The program's symbol and name: `fs_<probe>_<clause>`.
    pub name: String,
    pub section: String,
    pub attach: AttachSpec,
    /// Clause index and span, for errors that have no finer location.
    pub clause: usize,
    pub span: Span,
    pub insts: Vec<Inst>,
    // Invariant: slot sizes are multiples of 8 (every slot is 8-byte aligned).
    pub slots: Vec<u32>,
    pub vregs: u32,
    /// Functions this program calls (`CallSub`) or passes to the kernel as callbacks
    /// (`FuncAddr`), laid out after its code in order, each with its own registers and stack
    /// frame. Flat: a subprogram's `CallSub`/`FuncAddr` index this same list of the main
    /// program, and its own `subprograms` stays empty.
    pub subprograms: Vec<Program>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Module {
    pub programs: Vec<Program>,
    /// Every map the programs use; `MapId(i)` is `maps[i]`.
    pub maps: Vec<crate::artifact::MapSpec>,
    /// Clauses the runtime runs in user space (no BPF program).
    pub user_clauses: Vec<crate::artifact::UserClause>,
    /// Span probes' per-thread tables (`lower::span`).
    pub spans: Vec<crate::artifact::SpansSpec>,
    /// Maps summing on-CPU and off-CPU time (see `Artifact::wallclock`).
    pub wallclock: Vec<String>,
    /// `Artifact::unwind`.
    pub unwind: String,
    /// `Artifact::offcpu`.
    pub offcpu: String,
    /// `Artifact::count_names`.
    pub count_names: std::collections::BTreeMap<String, String>,
}
