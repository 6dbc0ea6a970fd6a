//! THE BPF instruction: the 8-byte `struct bpf_insn` of `include/uapi/linux/bpf.h`, its opcode
//! constants, ergonomic constructors, and `encode`/`decode` to and from little-endian bytes.
//!
//! An [`Insn`] is one *slot*: a 64-bit immediate load (`ld_imm64`) takes two, exactly as in the
//! kernel, so an index into a `Vec<Insn>` is the instruction number the verifier log, jump
//! offsets and relocation offsets (`index * 8`) all use. This file knows nothing about text
//! (that is `asm.rs`), maps by name or ELF (that is `elf.rs`), nor which helper may be called
//! from where (`helpers.rs`). It checks nothing the verifier checks.

use std::fmt;

// Instruction classes (`code & 0x07`).
pub const BPF_LD: u8 = 0x00;
pub const BPF_LDX: u8 = 0x01;
pub const BPF_ST: u8 = 0x02;
pub const BPF_STX: u8 = 0x03;
pub const BPF_ALU: u8 = 0x04;
pub const BPF_JMP: u8 = 0x05;
pub const BPF_JMP32: u8 = 0x06;
pub const BPF_ALU64: u8 = 0x07;

// Operand source for ALU and jumps (`code & 0x08`).
pub const BPF_K: u8 = 0x00;
pub const BPF_X: u8 = 0x08;

// Access sizes for loads and stores (`code & 0x18`).
pub const BPF_W: u8 = 0x00;
pub const BPF_H: u8 = 0x08;
pub const BPF_B: u8 = 0x10;
pub const BPF_DW: u8 = 0x18;

// Modes for loads and stores (`code & 0xe0`).
pub const BPF_IMM: u8 = 0x00;
pub const BPF_MEM: u8 = 0x60;
pub const BPF_ATOMIC: u8 = 0xc0;

// ALU operations (`code & 0xf0`).
pub const BPF_ADD: u8 = 0x00;
pub const BPF_SUB: u8 = 0x10;
pub const BPF_MUL: u8 = 0x20;
pub const BPF_DIV: u8 = 0x30;
pub const BPF_OR: u8 = 0x40;
pub const BPF_AND: u8 = 0x50;
pub const BPF_LSH: u8 = 0x60;
pub const BPF_RSH: u8 = 0x70;
pub const BPF_NEG: u8 = 0x80;
pub const BPF_MOD: u8 = 0x90;
pub const BPF_XOR: u8 = 0xa0;
pub const BPF_MOV: u8 = 0xb0;
pub const BPF_ARSH: u8 = 0xc0;
pub const BPF_END: u8 = 0xd0;

// Jump operations (`code & 0xf0`).
pub const BPF_JA: u8 = 0x00;
pub const BPF_JEQ: u8 = 0x10;
pub const BPF_JGT: u8 = 0x20;
pub const BPF_JGE: u8 = 0x30;
pub const BPF_JSET: u8 = 0x40;
pub const BPF_JNE: u8 = 0x50;
pub const BPF_JSGT: u8 = 0x60;
pub const BPF_JSGE: u8 = 0x70;
pub const BPF_CALL: u8 = 0x80;
pub const BPF_EXIT: u8 = 0x90;
pub const BPF_JLT: u8 = 0xa0;
pub const BPF_JLE: u8 = 0xb0;
pub const BPF_JSLT: u8 = 0xc0;
pub const BPF_JSLE: u8 = 0xd0;

// Byte-order conversions (`BPF_ALU | BPF_END`), in the source bit.
pub const BPF_TO_LE: u8 = 0x00;
pub const BPF_TO_BE: u8 = 0x08;

/// Atomic operations set this bit in `imm` to also return the old value in `src`.
pub const BPF_FETCH: i32 = 0x01;
pub const BPF_XCHG: i32 = 0xe0 | BPF_FETCH;
pub const BPF_CMPXCHG: i32 = 0xf0 | BPF_FETCH;

/// `src` of an `ld_imm64` whose `imm` is a map fd (what a loader writes after relocation).
pub const BPF_PSEUDO_MAP_FD: u8 = 1;
/// `src` of a `call` to another BPF function of the same program; `imm` is the relative offset.
pub const BPF_PSEUDO_CALL: u8 = 1;
/// `src` of a `call` to a kernel function; `imm` is its BTF id in vmlinux.
pub const BPF_PSEUDO_KFUNC_CALL: u8 = 2;

/// A register, `r0`..`r10`. `r10` is the read-only frame pointer; `r0` holds return values,
/// `r1`..`r5` arguments (clobbered by calls), `r6`..`r9` survive calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reg(pub u8);

impl Reg {
    pub const R0: Reg = Reg(0);
    pub const R1: Reg = Reg(1);
    pub const R2: Reg = Reg(2);
    pub const R3: Reg = Reg(3);
    pub const R4: Reg = Reg(4);
    pub const R5: Reg = Reg(5);
    pub const R6: Reg = Reg(6);
    pub const R7: Reg = Reg(7);
    pub const R8: Reg = Reg(8);
    pub const R9: Reg = Reg(9);
    /// The frame pointer: the stack is the 512 bytes below it.
    pub const FP: Reg = Reg(10);
}

impl fmt::Display for Reg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "r{}", self.0)
    }
}

/// An arithmetic operation (the `BPF_OP` part of an ALU opcode). `Neg` ignores its operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AluOp {
    Add,
    Sub,
    Mul,
    Div,
    Or,
    And,
    Lsh,
    Rsh,
    Neg,
    Mod,
    Xor,
    Mov,
    Arsh,
}

impl AluOp {
    pub const ALL: [AluOp; 13] = [
        AluOp::Add,
        AluOp::Sub,
        AluOp::Mul,
        AluOp::Div,
        AluOp::Or,
        AluOp::And,
        AluOp::Lsh,
        AluOp::Rsh,
        AluOp::Neg,
        AluOp::Mod,
        AluOp::Xor,
        AluOp::Mov,
        AluOp::Arsh,
    ];

    pub fn code(self) -> u8 {
        match self {
            AluOp::Add => BPF_ADD,
            AluOp::Sub => BPF_SUB,
            AluOp::Mul => BPF_MUL,
            AluOp::Div => BPF_DIV,
            AluOp::Or => BPF_OR,
            AluOp::And => BPF_AND,
            AluOp::Lsh => BPF_LSH,
            AluOp::Rsh => BPF_RSH,
            AluOp::Neg => BPF_NEG,
            AluOp::Mod => BPF_MOD,
            AluOp::Xor => BPF_XOR,
            AluOp::Mov => BPF_MOV,
            AluOp::Arsh => BPF_ARSH,
        }
    }

    pub fn from_code(op: u8) -> Option<AluOp> {
        AluOp::ALL.into_iter().find(|it| it.code() == op)
    }
}

/// The condition of a conditional jump (the `BPF_OP` part of a JMP/JMP32 opcode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cond {
    Eq,
    Ne,
    /// Unsigned comparisons.
    Gt,
    Ge,
    Lt,
    Le,
    /// Signed comparisons.
    Sgt,
    Sge,
    Slt,
    Sle,
    /// `dst & src != 0`.
    Set,
}

impl Cond {
    pub const ALL: [Cond; 11] = [
        Cond::Eq,
        Cond::Ne,
        Cond::Gt,
        Cond::Ge,
        Cond::Lt,
        Cond::Le,
        Cond::Sgt,
        Cond::Sge,
        Cond::Slt,
        Cond::Sle,
        Cond::Set,
    ];

    pub fn code(self) -> u8 {
        match self {
            Cond::Eq => BPF_JEQ,
            Cond::Ne => BPF_JNE,
            Cond::Gt => BPF_JGT,
            Cond::Ge => BPF_JGE,
            Cond::Lt => BPF_JLT,
            Cond::Le => BPF_JLE,
            Cond::Sgt => BPF_JSGT,
            Cond::Sge => BPF_JSGE,
            Cond::Slt => BPF_JSLT,
            Cond::Sle => BPF_JSLE,
            Cond::Set => BPF_JSET,
        }
    }

    pub fn from_code(op: u8) -> Option<Cond> {
        Cond::ALL.into_iter().find(|it| it.code() == op)
    }
}

/// The width of a memory access.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Size {
    B,
    H,
    W,
    DW,
}

impl Size {
    pub const ALL: [Size; 4] = [Size::B, Size::H, Size::W, Size::DW];

    pub fn code(self) -> u8 {
        match self {
            Size::B => BPF_B,
            Size::H => BPF_H,
            Size::W => BPF_W,
            Size::DW => BPF_DW,
        }
    }

    pub fn from_code(code: u8) -> Size {
        match code & 0x18 {
            BPF_B => Size::B,
            BPF_H => Size::H,
            BPF_W => Size::W,
            _ => Size::DW,
        }
    }

    pub fn bytes(self) -> u32 {
        match self {
            Size::B => 1,
            Size::H => 2,
            Size::W => 4,
            Size::DW => 8,
        }
    }
}

/// An atomic read-modify-write (`BPF_STX | BPF_ATOMIC`, the operation in `imm`). The kernel
/// accepts them on 32- and 64-bit words only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AtomicOp {
    Add,
    Or,
    And,
    Xor,
    /// The same four, returning the old value in `src`.
    FetchAdd,
    FetchOr,
    FetchAnd,
    FetchXor,
    /// Swap `src` with memory.
    Xchg,
    /// Compare memory with `r0`, store `src` if equal; the old value lands in `r0`.
    CmpXchg,
}

impl AtomicOp {
    pub const ALL: [AtomicOp; 10] = [
        AtomicOp::Add,
        AtomicOp::Or,
        AtomicOp::And,
        AtomicOp::Xor,
        AtomicOp::FetchAdd,
        AtomicOp::FetchOr,
        AtomicOp::FetchAnd,
        AtomicOp::FetchXor,
        AtomicOp::Xchg,
        AtomicOp::CmpXchg,
    ];

    pub fn imm(self) -> i32 {
        match self {
            AtomicOp::Add => BPF_ADD as i32,
            AtomicOp::Or => BPF_OR as i32,
            AtomicOp::And => BPF_AND as i32,
            AtomicOp::Xor => BPF_XOR as i32,
            AtomicOp::FetchAdd => BPF_ADD as i32 | BPF_FETCH,
            AtomicOp::FetchOr => BPF_OR as i32 | BPF_FETCH,
            AtomicOp::FetchAnd => BPF_AND as i32 | BPF_FETCH,
            AtomicOp::FetchXor => BPF_XOR as i32 | BPF_FETCH,
            AtomicOp::Xchg => BPF_XCHG,
            AtomicOp::CmpXchg => BPF_CMPXCHG,
        }
    }

    pub fn from_imm(imm: i32) -> Option<AtomicOp> {
        AtomicOp::ALL.into_iter().find(|it| it.imm() == imm)
    }
}

/// One 8-byte instruction slot, field for field `struct bpf_insn`. `dst` and `src` are the two
/// 4-bit register fields (`src` also carries the pseudo kinds of `ld_imm64` and `call`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Insn {
    pub code: u8,
    pub dst: u8,
    pub src: u8,
    pub off: i16,
    pub imm: i32,
}

impl Insn {
    /// The raw constructor; everything else is built on it.
    pub fn new(code: u8, dst: u8, src: u8, off: i16, imm: i32) -> Insn {
        Insn {
            code,
            dst,
            src,
            off,
            imm,
        }
    }

    pub fn class(&self) -> u8 {
        self.code & 0x07
    }

    pub fn dst_reg(&self) -> Reg {
        Reg(self.dst)
    }

    pub fn src_reg(&self) -> Reg {
        Reg(self.src)
    }

    /// Whether this slot opens a two-slot `ld_imm64` (the next slot holds the high 32 bits).
    pub fn is_ld_imm64(&self) -> bool {
        self.code == BPF_LD | BPF_DW | BPF_IMM
    }

    // ---- ALU ----

    pub fn alu64_imm(op: AluOp, dst: Reg, imm: i32) -> Insn {
        Insn::new(BPF_ALU64 | op.code() | BPF_K, dst.0, 0, 0, imm)
    }

    pub fn alu64_reg(op: AluOp, dst: Reg, src: Reg) -> Insn {
        Insn::new(BPF_ALU64 | op.code() | BPF_X, dst.0, src.0, 0, 0)
    }

    /// 32-bit ALU: operates on the low halves and zero-extends the result into `dst`.
    pub fn alu32_imm(op: AluOp, dst: Reg, imm: i32) -> Insn {
        Insn::new(BPF_ALU | op.code() | BPF_K, dst.0, 0, 0, imm)
    }

    pub fn alu32_reg(op: AluOp, dst: Reg, src: Reg) -> Insn {
        Insn::new(BPF_ALU | op.code() | BPF_X, dst.0, src.0, 0, 0)
    }

    /// `dst = imm`, sign-extended to 64 bits.
    pub fn mov64_imm(dst: Reg, imm: i32) -> Insn {
        Insn::alu64_imm(AluOp::Mov, dst, imm)
    }

    pub fn mov64_reg(dst: Reg, src: Reg) -> Insn {
        Insn::alu64_reg(AluOp::Mov, dst, src)
    }

    pub fn mov32_imm(dst: Reg, imm: i32) -> Insn {
        Insn::alu32_imm(AluOp::Mov, dst, imm)
    }

    pub fn mov32_reg(dst: Reg, src: Reg) -> Insn {
        Insn::alu32_reg(AluOp::Mov, dst, src)
    }

    pub fn neg64(dst: Reg) -> Insn {
        Insn::new(BPF_ALU64 | BPF_NEG, dst.0, 0, 0, 0)
    }

    /// Byte-order conversion of the low `bits` (16, 32 or 64) of `dst` to big endian.
    pub fn to_be(dst: Reg, bits: i32) -> Insn {
        Insn::new(BPF_ALU | BPF_END | BPF_TO_BE, dst.0, 0, 0, bits)
    }

    /// Byte-order conversion to little endian (a truncation on our little-endian target).
    pub fn to_le(dst: Reg, bits: i32) -> Insn {
        Insn::new(BPF_ALU | BPF_END | BPF_TO_LE, dst.0, 0, 0, bits)
    }

    // ---- memory ----

    /// `dst = *(size *)(src + off)`.
    pub fn ldx(size: Size, dst: Reg, src: Reg, off: i16) -> Insn {
        Insn::new(BPF_LDX | BPF_MEM | size.code(), dst.0, src.0, off, 0)
    }

    /// `*(size *)(dst + off) = src` (argument order of the kernel's `BPF_STX_MEM`).
    pub fn stx(size: Size, dst: Reg, src: Reg, off: i16) -> Insn {
        Insn::new(BPF_STX | BPF_MEM | size.code(), dst.0, src.0, off, 0)
    }

    /// `*(size *)(dst + off) = imm` (argument order of the kernel's `BPF_ST_MEM`).
    pub fn st_imm(size: Size, dst: Reg, off: i16, imm: i32) -> Insn {
        Insn::new(BPF_ST | BPF_MEM | size.code(), dst.0, 0, off, imm)
    }

    /// An atomic `op` on `*(size *)(dst + off)` with `src`.
    pub fn atomic(size: Size, op: AtomicOp, dst: Reg, src: Reg, off: i16) -> Insn {
        Insn::new(
            BPF_STX | BPF_ATOMIC | size.code(),
            dst.0,
            src.0,
            off,
            op.imm(),
        )
    }

    /// `lock *(u64 *)(dst + off) += src`: the per-key counter update that stays exact when
    /// several CPUs hit the same hash entry.
    pub fn atomic_add64(dst: Reg, src: Reg, off: i16) -> Insn {
        Insn::atomic(Size::DW, AtomicOp::Add, dst, src, off)
    }

    /// `dst = imm` for a full 64-bit constant: two slots, low half first.
    pub fn ld_imm64(dst: Reg, imm: u64) -> [Insn; 2] {
        [
            Insn::new(BPF_LD | BPF_DW | BPF_IMM, dst.0, 0, 0, imm as u32 as i32),
            Insn::new(0, 0, 0, 0, (imm >> 32) as u32 as i32),
        ]
    }

    /// `dst = &map`, the placeholder a map relocation patches: an `ld_imm64` with src 0 and
    /// imm 0, as clang emits it. The loader (aya-obj's `relocate_maps`, libbpf's
    /// `bpf_object__relocate_data`) sets `src = BPF_PSEUDO_MAP_FD` and `imm = fd` itself, keyed by
    /// the `R_BPF_64_64` relocation that `elf.rs` writes for this slot.
    pub fn ld_map_fd(dst: Reg) -> [Insn; 2] {
        Insn::ld_imm64(dst, 0)
    }

    // ---- jumps ----

    /// `if dst <cond> imm goto pc + off` (offsets count slots after this one).
    pub fn jmp_imm(cond: Cond, dst: Reg, imm: i32, off: i16) -> Insn {
        Insn::new(BPF_JMP | cond.code() | BPF_K, dst.0, 0, off, imm)
    }

    pub fn jmp_reg(cond: Cond, dst: Reg, src: Reg, off: i16) -> Insn {
        Insn::new(BPF_JMP | cond.code() | BPF_X, dst.0, src.0, off, 0)
    }

    /// The same comparisons on the low 32 bits.
    pub fn jmp32_imm(cond: Cond, dst: Reg, imm: i32, off: i16) -> Insn {
        Insn::new(BPF_JMP32 | cond.code() | BPF_K, dst.0, 0, off, imm)
    }

    pub fn jmp32_reg(cond: Cond, dst: Reg, src: Reg, off: i16) -> Insn {
        Insn::new(BPF_JMP32 | cond.code() | BPF_X, dst.0, src.0, off, 0)
    }

    /// `goto pc + off`.
    pub fn ja(off: i16) -> Insn {
        Insn::new(BPF_JMP | BPF_JA, 0, 0, off, 0)
    }

    /// A call to helper `id` (see `helpers.rs`): arguments in r1..r5, result in r0.
    pub fn call_helper(id: i32) -> Insn {
        Insn::new(BPF_JMP | BPF_CALL, 0, 0, 0, id)
    }

    /// A call to a kernel function by its BTF id in vmlinux (`src = BPF_PSEUDO_KFUNC_CALL`).
    pub fn call_kfunc(btf_id: i32) -> Insn {
        Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, btf_id)
    }

    /// A call to a BPF function of the same program, `off` slots after this one.
    pub fn call_local(off: i32) -> Insn {
        Insn::new(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, off)
    }

    pub fn exit() -> Insn {
        Insn::new(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
    }
}

/// Bytes that are not a sequence of instructions.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("{len} bytes is not a whole number of 8-byte instructions")]
    Length { len: usize },
    #[error("instruction {index}: `ld_imm64` has no second slot")]
    TruncatedLdImm64 { index: usize },
    #[error("instruction {index}: the second slot of `ld_imm64` must have code, regs and off 0")]
    BadLdImm64 { index: usize },
}

/// The little-endian bytes of `insns`, 8 per slot, as they go into an ELF section or `bpf(2)`.
pub fn encode(insns: &[Insn]) -> Vec<u8> {
    let mut out = Vec::with_capacity(insns.len() * 8);
    for it in insns {
        out.push(it.code);
        // On little-endian targets the low nibble is dst_reg, the high nibble src_reg.
        out.push((it.dst & 0x0f) | (it.src << 4));
        out.extend_from_slice(&it.off.to_le_bytes());
        out.extend_from_slice(&it.imm.to_le_bytes());
    }
    out
}

/// The inverse of [`encode`]. It checks only the framing (whole slots, well-formed `ld_imm64`
/// pairs), not whether each opcode exists: that is the kernel verifier's job.
pub fn decode(bytes: &[u8]) -> Result<Vec<Insn>, DecodeError> {
    if !bytes.len().is_multiple_of(8) {
        return Err(DecodeError::Length { len: bytes.len() });
    }
    let insns: Vec<Insn> = bytes
        .chunks_exact(8)
        .map(|b| Insn {
            code: b[0],
            dst: b[1] & 0x0f,
            src: b[1] >> 4,
            off: i16::from_le_bytes([b[2], b[3]]),
            imm: i32::from_le_bytes([b[4], b[5], b[6], b[7]]),
        })
        .collect();
    let mut idx = 0;
    while idx < insns.len() {
        if insns[idx].is_ld_imm64() {
            let Some(next) = insns.get(idx + 1) else {
                return Err(DecodeError::TruncatedLdImm64 { index: idx });
            };
            if next.code != 0 || next.dst != 0 || next.src != 0 || next.off != 0 {
                return Err(DecodeError::BadLdImm64 { index: idx });
            }
            idx += 2;
        } else {
            idx += 1;
        }
    }
    Ok(insns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_the_kernel() {
        // `r1 = *(u64 *)(r10 -8)` is 79 a1 f8 ff 00 00 00 00 in every objdump.
        let bytes = encode(&[Insn::ldx(Size::DW, Reg::R1, Reg::FP, -8)]);
        assert_eq!(bytes, [0x79, 0xa1, 0xf8, 0xff, 0, 0, 0, 0]);
        // `r0 = 0x1122334455667788 ll`.
        let bytes = encode(&Insn::ld_imm64(Reg::R0, 0x1122_3344_5566_7788));
        assert_eq!(bytes[..8], [0x18, 0x00, 0, 0, 0x88, 0x77, 0x66, 0x55]);
        assert_eq!(bytes[8..], [0, 0, 0, 0, 0x44, 0x33, 0x22, 0x11]);
        // `lock *(u64 *)(r1 +0) += r2` is db 21 00 00 00 00 00 00.
        assert_eq!(
            encode(&[Insn::atomic_add64(Reg::R1, Reg::R2, 0)]),
            [0xdb, 0x21, 0, 0, 0, 0, 0, 0]
        );
        // A kfunc call keeps src_reg 2.
        assert_eq!(encode(&[Insn::call_kfunc(1234)])[1], 0x20);
    }

    #[test]
    fn decode_round_trips_and_rejects_bad_framing() {
        let mut prog = vec![Insn::mov64_imm(Reg::R0, -1)];
        prog.extend(Insn::ld_imm64(Reg::R3, u64::MAX));
        prog.push(Insn::jmp_reg(Cond::Sle, Reg::R1, Reg::R9, -3));
        prog.push(Insn::exit());
        assert_eq!(decode(&encode(&prog)), Ok(prog.clone()));
        assert_eq!(decode(&[0; 7]), Err(DecodeError::Length { len: 7 }));
        let half = encode(&Insn::ld_imm64(Reg::R1, 5)[..1]);
        assert_eq!(
            decode(&half),
            Err(DecodeError::TruncatedLdImm64 { index: 0 })
        );
        let mut bad = encode(&Insn::ld_imm64(Reg::R1, 5));
        bad[8] = 0x07;
        assert_eq!(decode(&bad), Err(DecodeError::BadLdImm64 { index: 0 }));
    }
}
