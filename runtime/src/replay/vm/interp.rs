//! The reference interpreter: one instruction at a time, every memory access checked against
//! its region (see the parent module), the helpers answered from the [`Event`] and the
//! user-space [`Maps`]. Semantics follow the kernel's interpreter (`kernel/bpf/core.c`):
//! division by zero gives 0 and modulo by zero leaves the destination, shifts are masked,
//! 32-bit operations zero the upper half, a bpf-to-bpf call gets a fresh 512-byte stack and
//! keeps the caller's r6–r10.
//!
//! It is written to be obviously right rather than fast; what it does not know (kfuncs,
//! map-value `ld_imm64`, the v4 sign-extending loads) is an error naming the instruction.

use rustc_hash::FxHashMap;

use compiler::bpf::helpers::{
    BPF_F_SKIP_FIELD_MASK, BPF_F_USER_BUILD_ID, BPF_F_USER_STACK, Helper,
};
use compiler::bpf::insn::*;

use super::{EFAULT, EINVAL, Event, Maps, Program, VmError};

/// The kernel's stack per frame.
pub const STACK_BYTES: usize = 512;
/// The kernel's limit on nested bpf-to-bpf calls (`MAX_CALL_FRAMES`).
pub const MAX_FRAMES: usize = 8;
/// A bound on the instructions run for one event, so a wrong jump cannot hang a replay (the
/// verifier's own bound on what it explores).
pub const MAX_STEPS: u64 = 1_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Region {
    Ctx,
    Stack(usize),
    Map(usize),
    Value {
        map: usize,
        slot: usize,
        copy: usize,
    },
}

/// One run's memory: the regions its pointers name.
pub(super) struct Memory<'a> {
    pub(super) ctx: &'a [u8],
    pub(super) stacks: Vec<[u8; STACK_BYTES]>,
    pub(super) maps: &'a mut Maps,
    pub(super) regions: Vec<Region>,
    values: FxHashMap<Region, usize>,
}

/// A `Memory`'s allocations, kept between runs by an engine that runs many events.
#[derive(Default)]
pub(super) struct Buffers {
    stacks: Vec<[u8; STACK_BYTES]>,
    regions: Vec<Region>,
    values: FxHashMap<Region, usize>,
}

pub(super) fn address(region: usize, off: u64) -> u64 {
    ((region as u64 + 1) << 32) | off
}

impl Memory<'_> {
    pub(super) fn new<'a>(ctx: &'a [u8], maps: &'a mut Maps) -> Memory<'a> {
        Memory::with_buffers(ctx, maps, Buffers::default())
    }

    /// A fresh run's memory in the allocations of an earlier one (the stacks zeroed, no value
    /// regions): what `new` gives, without allocating.
    pub(super) fn with_buffers<'a>(ctx: &'a [u8], maps: &'a mut Maps, b: Buffers) -> Memory<'a> {
        let Buffers {
            mut stacks,
            mut regions,
            mut values,
        } = b;
        stacks.clear();
        stacks.resize(MAX_FRAMES, [0; STACK_BYTES]);
        regions.clear();
        regions.push(Region::Ctx);
        regions.extend((0..MAX_FRAMES).map(Region::Stack));
        regions.extend((0..maps.maps.len()).map(Region::Map));
        values.clear();
        Memory {
            ctx,
            stacks,
            maps,
            regions,
            values,
        }
    }

    /// The allocations, for the next run.
    pub(super) fn into_buffers(self) -> Buffers {
        Buffers {
            stacks: self.stacks,
            regions: self.regions,
            values: self.values,
        }
    }

    /// The frame pointer of call frame `frame`: the end of its stack region.
    pub(super) fn frame_pointer(frame: usize) -> u64 {
        address(1 + frame, STACK_BYTES as u64)
    }

    pub(super) fn map_address(map: usize) -> u64 {
        address(1 + MAX_FRAMES + map, 0)
    }

    fn value_address(&mut self, map: usize, slot: usize, copy: usize) -> u64 {
        let region = Region::Value { map, slot, copy };
        let idx = match self.values.get(&region) {
            Some(&idx) => idx,
            None => {
                self.regions.push(region);
                self.values.insert(region, self.regions.len() - 1);
                self.regions.len() - 1
            }
        };
        address(idx, 0)
    }

    /// The map a register names, or an error.
    fn map(&self, pc: usize, addr: u64) -> Result<usize, VmError> {
        let idx = (addr >> 32).wrapping_sub(1) as usize;
        match self.regions.get(idx) {
            Some(Region::Map(map)) if addr & 0xffff_ffff == 0 => Ok(*map),
            _ => Err(VmError::NotAMap { pc, what: addr }),
        }
    }

    /// The bytes `[addr, addr + len)`, writable or not, checked against their region.
    fn bytes(&mut self, pc: usize, addr: u64, len: u32, write: bool) -> Result<&mut [u8], VmError> {
        let oob = VmError::OutOfBounds {
            pc,
            addr,
            size: len,
        };
        let idx = (addr >> 32).wrapping_sub(1) as usize;
        let off = (addr & 0xffff_ffff) as usize;
        let end = off + len as usize;
        let region = *self.regions.get(idx).ok_or(oob.clone())?;
        let mem: &mut [u8] = match region {
            // The context is read-only; reads go through `read`, which copies.
            Region::Ctx if write && end <= self.ctx.len() => {
                return Err(VmError::ReadOnly {
                    pc,
                    what: "context",
                });
            }
            Region::Ctx => return Err(oob),
            Region::Stack(frame) => &mut self.stacks[frame],
            Region::Map(_) => return Err(oob),
            Region::Value { map, slot, copy } => self.maps.maps[map]
                .value_mut(slot, copy)
                .ok_or(oob.clone())?,
        };
        mem.get_mut(off..end).ok_or(oob)
    }

    fn read(&mut self, pc: usize, addr: u64, len: u32) -> Result<Vec<u8>, VmError> {
        let idx = (addr >> 32).wrapping_sub(1) as usize;
        if self.regions.get(idx) == Some(&Region::Ctx) {
            let off = (addr & 0xffff_ffff) as usize;
            return self
                .ctx
                .get(off..off + len as usize)
                .map(<[u8]>::to_vec)
                .ok_or(VmError::OutOfBounds {
                    pc,
                    addr,
                    size: len,
                });
        }
        Ok(self.bytes(pc, addr, len, false)?.to_vec())
    }

    pub(super) fn load(&mut self, pc: usize, addr: u64, size: Size) -> Result<u64, VmError> {
        // As `read`, without allocating: the hot path of both engines' map-value loads.
        let n = size.bytes();
        let mut word = [0u8; 8];
        let idx = (addr >> 32).wrapping_sub(1) as usize;
        let bytes: &[u8] = if self.regions.get(idx) == Some(&Region::Ctx) {
            let off = (addr & 0xffff_ffff) as usize;
            self.ctx
                .get(off..off + n as usize)
                .ok_or(VmError::OutOfBounds { pc, addr, size: n })?
        } else {
            self.bytes(pc, addr, n, false)?
        };
        word[..n as usize].copy_from_slice(bytes);
        Ok(u64::from_le_bytes(word))
    }

    pub(super) fn store(
        &mut self,
        pc: usize,
        addr: u64,
        size: Size,
        value: u64,
    ) -> Result<(), VmError> {
        let n = size.bytes();
        let mem = self.bytes(pc, addr, n, true)?;
        mem.copy_from_slice(&value.to_le_bytes()[..n as usize]);
        Ok(())
    }
}

/// Runs `prog` once over `ctx` for `event`, updating `maps`; returns r0.
pub fn run(prog: &Program, maps: &mut Maps, ctx: &[u8], event: &Event) -> Result<u64, VmError> {
    let mut mem = Memory::new(ctx, maps);
    let mut regs = [0u64; 11];
    regs[1] = address(0, 0);
    regs[10] = Memory::frame_pointer(0);
    // The callers' return addresses and r6–r10.
    let mut frames: Vec<(usize, [u64; 5])> = Vec::new();
    let insns = &prog.insns;
    let mut pc = 0usize;
    let mut steps = 0u64;
    loop {
        steps += 1;
        if steps > MAX_STEPS {
            return Err(VmError::TooLong { max: MAX_STEPS });
        }
        let insn = *insns.get(pc).ok_or(VmError::BadJump { pc })?;
        let bad = VmError::BadInsn {
            pc,
            code: insn.code,
        };
        let dst = insn.dst as usize;
        let src = insn.src as usize;
        if dst > 10 || src > 10 && insn.class() != BPF_LD {
            return Err(bad);
        }
        let mut next = pc + 1;
        match insn.class() {
            BPF_ALU64 | BPF_ALU => {
                if dst == 10 {
                    return Err(VmError::ReadOnly { pc, what: "r10" });
                }
                let wide = insn.class() == BPF_ALU64;
                let op = insn.code & 0xf0;
                let operand = if insn.code & BPF_X != 0 && op != BPF_END {
                    regs[src]
                } else {
                    insn.imm as i64 as u64
                };
                regs[dst] = if op == BPF_END {
                    byte_swap(regs[dst], insn, wide).ok_or(bad)?
                } else if wide {
                    alu64(op, insn.off, regs[dst], operand).ok_or(bad)?
                } else {
                    alu32(op, insn.off, regs[dst] as u32, operand as u32).ok_or(bad)? as u64
                };
            }
            BPF_JMP | BPF_JMP32 => {
                let op = insn.code & 0xf0;
                match op {
                    BPF_JA => {
                        let off = if insn.class() == BPF_JMP32 {
                            insn.imm as i64
                        } else {
                            insn.off as i64
                        };
                        next = target(pc, off, insns.len())?;
                    }
                    BPF_EXIT if insn.class() == BPF_JMP => match frames.pop() {
                        None => return Ok(regs[0]),
                        Some((ret, saved)) => {
                            regs[6..=10].copy_from_slice(&saved);
                            next = ret;
                        }
                    },
                    BPF_CALL if insn.class() == BPF_JMP => match insn.src {
                        0 => regs[0] = call_helper(pc, insn.imm, &regs, &mut mem, event)?,
                        BPF_PSEUDO_CALL => {
                            if frames.len() + 1 >= MAX_FRAMES {
                                return Err(VmError::CallDepth {
                                    pc,
                                    max: MAX_FRAMES,
                                });
                            }
                            let mut saved = [0u64; 5];
                            saved.copy_from_slice(&regs[6..=10]);
                            frames.push((pc + 1, saved));
                            let frame = frames.len();
                            mem.stacks[frame] = [0; STACK_BYTES];
                            regs[10] = Memory::frame_pointer(frame);
                            next = target(pc, insn.imm as i64, insns.len())?;
                        }
                        _ => return Err(bad),
                    },
                    _ => {
                        let operand = if insn.code & BPF_X != 0 {
                            regs[src]
                        } else {
                            insn.imm as i64 as u64
                        };
                        let cond = Cond::from_code(op).ok_or(bad)?;
                        let taken = if insn.class() == BPF_JMP {
                            compare64(cond, regs[dst], operand)
                        } else {
                            compare32(cond, regs[dst] as u32, operand as u32)
                        };
                        if taken {
                            next = target(pc, insn.off as i64, insns.len())?;
                        }
                    }
                }
            }
            BPF_LD => {
                // Only the 64-bit immediate load exists in this class for programs like ours.
                if insn.code != (BPF_LD | BPF_IMM | BPF_DW) || dst == 10 {
                    return Err(bad);
                }
                let hi = insns.get(pc + 1).ok_or(bad.clone())?;
                regs[dst] = match (prog.map_refs.get(&pc), insn.src) {
                    (Some(&map), _) => Memory::map_address(map),
                    (None, 0) => (insn.imm as u32 as u64) | ((hi.imm as u32 as u64) << 32),
                    (None, _) => return Err(bad),
                };
                next = pc + 2;
            }
            BPF_LDX => {
                if insn.code & 0xe0 != BPF_MEM || dst == 10 {
                    return Err(bad);
                }
                let addr = regs[src].wrapping_add(insn.off as i64 as u64);
                regs[dst] = mem.load(pc, addr, Size::from_code(insn.code))?;
            }
            BPF_ST => {
                if insn.code & 0xe0 != BPF_MEM {
                    return Err(bad);
                }
                let addr = regs[dst].wrapping_add(insn.off as i64 as u64);
                mem.store(pc, addr, Size::from_code(insn.code), insn.imm as i64 as u64)?;
            }
            BPF_STX => {
                let addr = regs[dst].wrapping_add(insn.off as i64 as u64);
                let size = Size::from_code(insn.code);
                match insn.code & 0xe0 {
                    BPF_MEM => mem.store(pc, addr, size, regs[src])?,
                    BPF_ATOMIC if matches!(size, Size::W | Size::DW) => {
                        let op = AtomicOp::from_imm(insn.imm).ok_or(bad)?;
                        atomic(pc, &mut mem, &mut regs, op, addr, size, src)?;
                    }
                    _ => return Err(bad),
                }
            }
            _ => return Err(bad),
        }
        pc = next;
    }
}

/// The instruction `off` after `pc + 1`, if it is inside the program.
fn target(pc: usize, off: i64, len: usize) -> Result<usize, VmError> {
    let res = pc as i64 + 1 + off;
    if res < 0 || res as usize >= len {
        return Err(VmError::BadJump { pc });
    }
    Ok(res as usize)
}

pub(super) fn alu64(op: u8, off: i16, dst: u64, src: u64) -> Option<u64> {
    let signed = off == 1;
    Some(match op {
        BPF_ADD => dst.wrapping_add(src),
        BPF_SUB => dst.wrapping_sub(src),
        BPF_MUL => dst.wrapping_mul(src),
        BPF_DIV if src == 0 => 0,
        BPF_DIV if signed => (dst as i64).wrapping_div(src as i64) as u64,
        BPF_DIV => dst / src,
        BPF_MOD if src == 0 => dst,
        BPF_MOD if signed => (dst as i64).wrapping_rem(src as i64) as u64,
        BPF_MOD => dst % src,
        BPF_OR => dst | src,
        BPF_AND => dst & src,
        BPF_XOR => dst ^ src,
        BPF_LSH => dst << (src & 63),
        BPF_RSH => dst >> (src & 63),
        BPF_ARSH => ((dst as i64) >> (src & 63)) as u64,
        BPF_NEG => (dst as i64).wrapping_neg() as u64,
        BPF_MOV => match off {
            0 => src,
            8 => src as i8 as i64 as u64,
            16 => src as i16 as i64 as u64,
            32 => src as i32 as i64 as u64,
            _ => return None,
        },
        _ => return None,
    })
}

pub(super) fn alu32(op: u8, off: i16, dst: u32, src: u32) -> Option<u32> {
    let signed = off == 1;
    Some(match op {
        BPF_ADD => dst.wrapping_add(src),
        BPF_SUB => dst.wrapping_sub(src),
        BPF_MUL => dst.wrapping_mul(src),
        BPF_DIV if src == 0 => 0,
        BPF_DIV if signed => (dst as i32).wrapping_div(src as i32) as u32,
        BPF_DIV => dst / src,
        BPF_MOD if src == 0 => dst,
        BPF_MOD if signed => (dst as i32).wrapping_rem(src as i32) as u32,
        BPF_MOD => dst % src,
        BPF_OR => dst | src,
        BPF_AND => dst & src,
        BPF_XOR => dst ^ src,
        BPF_LSH => dst << (src & 31),
        BPF_RSH => dst >> (src & 31),
        BPF_ARSH => ((dst as i32) >> (src & 31)) as u32,
        BPF_NEG => (dst as i32).wrapping_neg() as u32,
        BPF_MOV => match off {
            0 => src,
            8 => src as i8 as i32 as u32,
            16 => src as i16 as i32 as u32,
            _ => return None,
        },
        _ => return None,
    })
}

/// `BPF_END`: to little endian truncates (the host is little-endian, as x86-64 is), to big
/// endian swaps; the 64-bit class swaps unconditionally (v4 `bswap`).
pub(super) fn byte_swap(value: u64, insn: Insn, wide: bool) -> Option<u64> {
    let swap = wide || insn.code & BPF_TO_BE != 0;
    Some(match (insn.imm, swap) {
        (16, false) => value as u16 as u64,
        (32, false) => value as u32 as u64,
        (64, false) => value,
        (16, true) => (value as u16).swap_bytes() as u64,
        (32, true) => (value as u32).swap_bytes() as u64,
        (64, true) => value.swap_bytes(),
        _ => return None,
    })
}

fn compare64(cond: Cond, a: u64, b: u64) -> bool {
    let (sa, sb) = (a as i64, b as i64);
    match cond {
        Cond::Eq => a == b,
        Cond::Ne => a != b,
        Cond::Gt => a > b,
        Cond::Ge => a >= b,
        Cond::Lt => a < b,
        Cond::Le => a <= b,
        Cond::Sgt => sa > sb,
        Cond::Sge => sa >= sb,
        Cond::Slt => sa < sb,
        Cond::Sle => sa <= sb,
        Cond::Set => a & b != 0,
    }
}

fn compare32(cond: Cond, a: u32, b: u32) -> bool {
    let (sa, sb) = (a as i32, b as i32);
    match cond {
        Cond::Eq => a == b,
        Cond::Ne => a != b,
        Cond::Gt => a > b,
        Cond::Ge => a >= b,
        Cond::Lt => a < b,
        Cond::Le => a <= b,
        Cond::Sgt => sa > sb,
        Cond::Sge => sa >= sb,
        Cond::Slt => sa < sb,
        Cond::Sle => sa <= sb,
        Cond::Set => a & b != 0,
    }
}

pub(super) fn atomic(
    pc: usize,
    mem: &mut Memory,
    regs: &mut [u64; 11],
    op: AtomicOp,
    addr: u64,
    size: Size,
    src: usize,
) -> Result<(), VmError> {
    let old = mem.load(pc, addr, size)?;
    let operand = regs[src];
    let mask = if size == Size::W {
        0xffff_ffff
    } else {
        u64::MAX
    };
    let (new, fetch_into) = match op {
        AtomicOp::Add => (old.wrapping_add(operand), None),
        AtomicOp::Or => (old | operand, None),
        AtomicOp::And => (old & operand, None),
        AtomicOp::Xor => (old ^ operand, None),
        AtomicOp::FetchAdd => (old.wrapping_add(operand), Some(src)),
        AtomicOp::FetchOr => (old | operand, Some(src)),
        AtomicOp::FetchAnd => (old & operand, Some(src)),
        AtomicOp::FetchXor => (old ^ operand, Some(src)),
        AtomicOp::Xchg => (operand, Some(src)),
        AtomicOp::CmpXchg => {
            let new = if old == regs[0] & mask { operand } else { old };
            (new, Some(0))
        }
    };
    mem.store(pc, addr, size, new & mask)?;
    if let Some(reg) = fetch_into {
        regs[reg] = old;
    }
    Ok(())
}

pub(super) fn call_helper(
    pc: usize,
    id: i32,
    regs: &[u64; 11],
    mem: &mut Memory,
    event: &Event,
) -> Result<u64, VmError> {
    let helper = Helper::from_id(id);
    let refuse = || VmError::Helper {
        pc,
        id,
        name: helper.map_or("unknown", Helper::name),
    };
    let res: i64 = match helper.ok_or_else(refuse)? {
        Helper::MapLookupElem => {
            let map = mem.map(pc, regs[1])?;
            let key = mem.read(pc, regs[2], mem.maps.maps[map].spec.key_size)?;
            let it = &mut mem.maps.maps[map];
            match it.find(&key) {
                None => 0,
                Some(slot) => {
                    let copy = event.cpu as usize % it.copies;
                    mem.value_address(map, slot, copy) as i64
                }
            }
        }
        Helper::MapUpdateElem => {
            let map = mem.map(pc, regs[1])?;
            let spec = &mem.maps.maps[map].spec;
            let (key_size, value_size) = (spec.key_size, spec.value_size);
            let key = mem.read(pc, regs[2], key_size)?;
            let value = mem.read(pc, regs[3], value_size)?;
            mem.maps.maps[map].update(&key, &value, regs[4], event.cpu as usize)
        }
        Helper::MapDeleteElem => {
            let map = mem.map(pc, regs[1])?;
            let key = mem.read(pc, regs[2], mem.maps.maps[map].spec.key_size)?;
            mem.maps.maps[map].delete(&key)
        }
        Helper::KtimeGetNs | Helper::KtimeGetBootNs => event.time_ns as i64,
        Helper::GetSmpProcessorId => event.cpu as i64,
        Helper::GetCurrentPidTgid => ((event.tgid as u64) << 32 | event.tid as u64) as i64,
        Helper::GetCurrentUidGid => ((event.gid as u64) << 32 | event.uid as u64) as i64,
        Helper::GetCurrentComm => {
            // strscpy into `size` bytes: truncated, always NUL-terminated, zero-padded.
            let size = regs[2] as u32;
            let buf = mem.bytes(pc, regs[1], size, true)?;
            buf.fill(0);
            let n = buf.len().saturating_sub(1).min(15);
            buf[..n].copy_from_slice(&event.comm[..n]);
            0
        }
        Helper::GetStack => get_stack(pc, regs, mem, event)?,
        // Reads of the VM's own memory (the context, the stack, map values): what a program
        // copies out of its record, e.g. a tracepoint's `char[16]` comm. Any other address is
        // kernel memory a recording does not have: refused, not read as zeros.
        Helper::ProbeRead | Helper::ProbeReadKernel => {
            let size = regs[2] as u32;
            let src = mem.read(pc, regs[3], size).map_err(|_| refuse())?;
            mem.bytes(pc, regs[1], size, true)?.copy_from_slice(&src);
            0
        }
        Helper::ProbeReadKernelStr => {
            // strncpy_from_kernel_nofault: up to `size - 1` bytes and a NUL; the length with
            // the NUL. (The kernel leaves the rest of the buffer as it was.)
            let size = regs[2] as u32;
            if size == 0 {
                return Ok((-EINVAL) as u64);
            }
            let mut text = Vec::new();
            while (text.len() as u32) + 1 < size {
                let b = mem
                    .read(pc, regs[3] + text.len() as u64, 1)
                    .map_err(|_| refuse())?;
                if b[0] == 0 {
                    break;
                }
                text.push(b[0]);
            }
            text.push(0);
            let buf = mem.bytes(pc, regs[1], text.len() as u32, true)?;
            buf.copy_from_slice(&text);
            text.len() as i64
        }
        _ => return Err(refuse()),
    };
    Ok(res as u64)
}

/// `bpf_get_stack(ctx, buf, size, flags)`: the event's kernel or user stack, `skip` frames
/// dropped, as many as fit, the rest of `buf` zeroed; returns the bytes written.
fn get_stack(pc: usize, regs: &[u64; 11], mem: &mut Memory, event: &Event) -> Result<i64, VmError> {
    let (size, flags) = (regs[3] as u32, regs[4]);
    let buf = mem.bytes(pc, regs[2], size, true)?;
    buf.fill(0);
    let known = BPF_F_SKIP_FIELD_MASK | BPF_F_USER_STACK | BPF_F_USER_BUILD_ID;
    if flags & !known != 0 || size % 8 != 0 {
        return Ok(-EINVAL);
    }
    if flags & BPF_F_USER_BUILD_ID != 0 {
        // The build-id form needs the mapped files, which a recording names elsewhere.
        return Ok(-EFAULT);
    }
    let frames = match flags & BPF_F_USER_STACK {
        0 => event.kernel_stack,
        _ => event.user_stack,
    };
    let skip = (flags & BPF_F_SKIP_FIELD_MASK) as usize;
    let frames = frames.get(skip..).unwrap_or(&[]);
    let n = frames.len().min(size as usize / 8);
    for (i, frame) in frames[..n].iter().enumerate() {
        buf[i * 8..i * 8 + 8].copy_from_slice(&frame.to_le_bytes());
    }
    Ok((n * 8) as i64)
}
