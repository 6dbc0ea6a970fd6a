//! IR → BPF instructions: register allocation and instruction selection in one pass.
//!
//! Allocation is a linear scan over live ranges in program order. A range runs from a value's
//! first definition to its last use, and a value live where a loop starts (the label a backward
//! jump goes to) is kept live to that jump, since the next iteration reads it again.
//!
//! - A value defined once as a constant, a stack slot's address or a map's address gets no
//!   register: it is recomputed where it is used, straight into the helper argument register,
//!   folded into the load or store as `r10 + off`, or as an immediate operand. Keeping such a
//!   value live across a clause cost a register, often a spill, and a move per use.
//! - A value whose range contains no call lives preferably in r3–r5: the BPF calling convention
//!   clobbers r0–r5 at every helper, kfunc or subprogram call, so only values that cross one
//!   need the callee-saved r6–r9. r0–r2 stay scratch inside one IR instruction (r0 a result or
//!   a spilled operand, r1 and r2 operands); a call's arguments go to r1–r5 as one parallel move.
//! - When more values are live than registers, the one whose range ends furthest is spilled to
//!   an 8-byte stack slot. The emitter remembers which register holds a copy of which spill slot
//!   (after a store or a load), so a value read again before anything overwrites that register
//!   is not loaded twice.
//!
//! Stack frame, growing down from r10: the IR's slots first, then the spill slots, each reused
//! once the register it held is dead. The verifier's limit is 512 bytes; a program past it is
//! refused here with a clear error (and by `--check`, which runs the whole compile).

use std::collections::HashMap;

use super::insn::{AluOp as BAlu, Cond as BCond, Insn, Reg, Size};
use crate::diag::Span;
use crate::ir::{AluOp, Base, Cond, Inst, MapId, Operand, Program, VReg, Width};

/// `src_reg` of an `ld_imm64` that loads a subprogram's address.
const BPF_PSEUDO_FUNC: u8 = 4;

/// The BPF stack limit per program (verifier: MAX_BPF_STACK).
pub const STACK_LIMIT: u32 = 512;

/// One program's instructions, with what the ELF writer and the line table need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lowered {
    pub insns: Vec<Insn>,
    /// `(instruction index, map)`: each an `ld_imm64` to relocate against the map's symbol.
    pub relocs: Vec<(usize, MapId)>,
    /// `(first instruction index, span)` in order.
    pub lines: Vec<(u32, Span)>,
    pub stack_size: u32,
    /// `(instruction index, subprogram)`: `FuncAddr` loads to point at their subprogram.
    pub func_refs: Vec<(usize, u32)>,
    /// `(first instruction, name, arguments)` of each function when there are subprograms,
    /// the main one first.
    pub functions: Vec<(u32, String, u8)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Loc {
    Reg(Reg),
    /// Offset from r10 (negative).
    Spill(i16),
    /// Recomputed at each use.
    Remat(Remat),
}

/// A value cheaper to recompute than to keep: one instruction (a map's `ld_imm64`), two for a
/// stack address, none where it folds into an immediate or an `r10`-relative access.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Remat {
    Const(u64),
    Slot { slot: u32, off: i16 },
    Map(MapId),
}

/// Survive calls.
const CALLEE_SAVED: [Reg; 4] = [Reg::R6, Reg::R7, Reg::R8, Reg::R9];
/// Clobbered by calls; r0–r2 are kept as the emitter's scratch.
const CALLER_SAVED: [Reg; 3] = [Reg::R3, Reg::R4, Reg::R5];

pub fn lower(prog: &Program) -> Result<Lowered, String> {
    let mut main = lower_one(prog)?;
    // Subprograms follow the main code; each `FuncAddr` becomes an `ld_imm64`, and each
    // `CallSub` a `call`, whose immediate is the distance from the instruction after it to the
    // subprogram's first instruction.
    let mut starts = Vec::new();
    if !prog.subprograms.is_empty() {
        main.functions.push((0, prog.name.clone(), 1));
    }
    for sub in &prog.subprograms {
        let low = lower_one(sub)?;
        let base = main.insns.len();
        starts.push(base);
        let params = sub
            .insts
            .iter()
            .filter_map(|i| match i {
                Inst::Param { index, .. } => Some(index + 1),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        main.functions.push((base as u32, sub.name.clone(), params));
        main.relocs
            .extend(low.relocs.iter().map(|(at, map)| (at + base, *map)));
        main.lines
            .extend(low.lines.iter().map(|(at, span)| (at + base as u32, *span)));
        main.func_refs
            .extend(low.func_refs.iter().map(|(at, sub)| (at + base, *sub)));
        main.insns.extend(low.insns);
        main.stack_size = main.stack_size.max(low.stack_size);
    }
    for (at, sub) in std::mem::take(&mut main.func_refs) {
        let start = *starts
            .get(sub as usize)
            .ok_or_else(|| format!("no subprogram {sub}"))?;
        main.insns[at].imm = (start as i64 - (at as i64 + 1)) as i32;
    }
    Ok(main)
}

fn lower_one(prog: &Program) -> Result<Lowered, String> {
    // Slot offsets: slot i occupies [fp - end_i, fp - end_i + size_i).
    let mut slot_off = Vec::with_capacity(prog.slots.len());
    let mut depth: u32 = 0;
    for &size in &prog.slots {
        depth += size;
        slot_off.push(-(depth as i32));
    }
    let (locs, spills) = allocate(prog, depth);
    let stack_size = depth + spills * 8;
    if stack_size > STACK_LIMIT {
        return Err(format!(
            "program `{}` needs {stack_size} bytes of stack; BPF allows {STACK_LIMIT}",
            prog.name
        ));
    }
    let mut e = Emitter {
        out: Vec::new(),
        relocs: Vec::new(),
        cached: [None; 10],
        slot_off,
        imm64_tail: false,
        func_refs: Vec::new(),
        lines: Vec::new(),
        fixups: Vec::new(),
        labels: HashMap::new(),
        locs,
    };
    for inst in &prog.insts {
        e.inst(inst)?;
    }
    for (at, label) in std::mem::take(&mut e.fixups) {
        let target = *e
            .labels
            .get(&label)
            .ok_or_else(|| format!("undefined label L{label}"))?;
        let off = target as i64 - (at as i64 + 1);
        e.out[at].off = i16::try_from(off).map_err(|_| "jump too far for BPF".to_string())?;
    }
    Ok(Lowered {
        insns: e.out,
        relocs: e.relocs,
        lines: e.lines,
        stack_size,
        func_refs: e.func_refs,
        functions: Vec::new(),
    })
}

/// The register an instruction writes, if any.
fn def_of(inst: &Inst) -> Option<VReg> {
    match inst {
        Inst::Ctx { dst }
        | Inst::Param { dst, .. }
        | Inst::FuncAddr { dst, .. }
        | Inst::Const { dst, .. }
        | Inst::SlotAddr { dst, .. }
        | Inst::MapPtr { dst, .. }
        | Inst::Mov { dst, .. }
        | Inst::Alu { dst, .. }
        | Inst::Load { dst, .. } => Some(*dst),
        Inst::Call { dst, .. } | Inst::Kfunc { dst, .. } | Inst::CallSub { dst, .. } => *dst,
        _ => None,
    }
}

/// Values defined exactly once, by an instruction that is cheaper to repeat than to keep.
fn rematerializable(prog: &Program) -> HashMap<VReg, Remat> {
    let mut defs: HashMap<VReg, (u32, Option<Remat>)> = HashMap::new();
    for inst in &prog.insts {
        let Some(dst) = def_of(inst) else { continue };
        let how = match inst {
            Inst::Const { value, .. } => Some(Remat::Const(*value)),
            Inst::SlotAddr { slot, off, .. } => Some(Remat::Slot {
                slot: slot.0,
                off: *off,
            }),
            Inst::MapPtr { map, .. } => Some(Remat::Map(*map)),
            _ => None,
        };
        let e = defs.entry(dst).or_insert((0, how));
        e.0 += 1;
    }
    defs.into_iter()
        .filter_map(|(r, (n, how))| if n == 1 { how.map(|h| (r, h)) } else { None })
        .collect()
}

/// Linear scan. Returns each register's location and the number of spill slots used.
fn allocate(prog: &Program, slots_depth: u32) -> (HashMap<VReg, Loc>, u32) {
    let remat = rematerializable(prog);
    let mut range: HashMap<VReg, (usize, usize)> = HashMap::new();
    // Where r1–r5 do not keep a value: calls.
    let mut clobbers: Vec<usize> = Vec::new();
    for (i, inst) in prog.insts.iter().enumerate() {
        match inst {
            Inst::Call { .. } | Inst::Kfunc { .. } | Inst::CallSub { .. } => clobbers.push(i),
            _ => {}
        }
        for r in regs_of(inst) {
            if remat.contains_key(&r) {
                continue;
            }
            range
                .entry(r)
                .and_modify(|(_, end)| *end = i)
                .or_insert((i, i));
        }
    }
    // Loops: a value defined before a loop's head and used at or after it stays live to the
    // backward jump. Repeated until nothing changes, for nested loops.
    let mut labels: HashMap<u32, usize> = HashMap::new();
    for (i, inst) in prog.insts.iter().enumerate() {
        if let Inst::Label(l) = inst {
            labels.insert(l.0, i);
        }
    }
    let back: Vec<(usize, usize)> = prog
        .insts
        .iter()
        .enumerate()
        .filter_map(|(i, inst)| match inst {
            Inst::Jump { target } | Inst::JumpIf { target, .. } => labels
                .get(&target.0)
                .filter(|&&head| head < i)
                .map(|&head| (head, i)),
            _ => None,
        })
        .collect();
    let mut changed = !back.is_empty();
    while changed {
        changed = false;
        for &(head, jump) in &back {
            for (start, end) in range.values_mut() {
                if *start < head && *end >= head && *end < jump {
                    *end = jump;
                    changed = true;
                }
            }
        }
    }
    // A value read as a call's argument ends there and one the call returns starts there: only
    // a call strictly inside the range clobbers it.
    // A parameter is read from r1–r5 where its `Param` stands: a value defined before the last
    // of them, even one dead by then, may not sit there.
    let last_param = prog
        .insts
        .iter()
        .rposition(|i| matches!(i, Inst::Param { .. }));
    let crosses_call = |s: usize, e: usize| {
        last_param.is_some_and(|p| s < p) || clobbers.iter().any(|&c| s < c && c < e)
    };
    let mut order: Vec<(VReg, usize, usize)> =
        range.into_iter().map(|(r, (s, e))| (r, s, e)).collect();
    order.sort_by_key(|&(r, s, _)| (s, r));
    let mut locs: HashMap<VReg, Loc> = remat.into_iter().map(|(r, m)| (r, Loc::Remat(m))).collect();
    let mut active: Vec<(VReg, usize, Reg)> = Vec::new();
    let mut free_saved: Vec<Reg> = CALLEE_SAVED.iter().rev().copied().collect();
    let mut free_scratch: Vec<Reg> = CALLER_SAVED.iter().rev().copied().collect();
    // Spill slots, each with the last instruction of the register it holds: a slot is reused
    // by a register whose range starts after that (ranges are instruction intervals, extended
    // over loops), so a long clause spills into as many slots as are live at once.
    let mut spill_ends: Vec<usize> = Vec::new();
    let mut spill = |locs: &mut HashMap<VReg, Loc>, r: VReg, (start, end): (usize, usize)| {
        let k = match spill_ends.iter().position(|&e| e < start) {
            Some(k) => {
                spill_ends[k] = end;
                k
            }
            None => {
                spill_ends.push(end);
                spill_ends.len() - 1
            }
        };
        let off = slots_depth + (k as u32 + 1) * 8;
        locs.insert(r, Loc::Spill(-(off as i32) as i16));
    };
    let starts: HashMap<VReg, usize> = order.iter().map(|&(r, s, _)| (r, s)).collect();
    let callee_saved = |reg: Reg| CALLEE_SAVED.contains(&reg);
    for (r, start, end) in order {
        active.retain(|&(_, e, reg)| {
            let live = e >= start;
            if !live {
                if callee_saved(reg) {
                    free_saved.push(reg);
                } else {
                    free_scratch.push(reg);
                }
            }
            live
        });
        let crossing = crosses_call(start, end);
        let got = if crossing {
            free_saved.pop()
        } else {
            free_scratch.pop().or_else(|| free_saved.pop())
        };
        if let Some(reg) = got {
            active.push((r, end, reg));
            locs.insert(r, Loc::Reg(reg));
            continue;
        }
        // Spill whichever ends last among the values holding a register this one may take: it
        // blocks a register for longest.
        let victim = active
            .iter()
            .enumerate()
            .filter(|(_, (_, _, reg))| !crossing || callee_saved(*reg))
            .max_by_key(|(_, (_, e, _))| *e)
            .map(|(idx, &v)| (idx, v));
        match victim {
            Some((idx, (victim, vend, vreg))) if vend > end => {
                spill(&mut locs, victim, (starts[&victim], vend));
                active[idx] = (r, end, vreg);
                locs.insert(r, Loc::Reg(vreg));
            }
            _ => spill(&mut locs, r, (start, end)),
        }
    }
    (locs, spill_ends.len() as u32)
}

fn regs_of(inst: &Inst) -> Vec<VReg> {
    let op = |o: &Operand| match o {
        Operand::Reg(r) => vec![*r],
        Operand::Imm(_) => vec![],
    };
    let base = |b: &Base| match b {
        Base::Reg(r) => vec![*r],
        Base::Slot(_) => vec![],
    };
    match inst {
        Inst::Ctx { dst }
        | Inst::Param { dst, .. }
        | Inst::FuncAddr { dst, .. }
        | Inst::Const { dst, .. }
        | Inst::SlotAddr { dst, .. }
        | Inst::MapPtr { dst, .. } => vec![*dst],
        Inst::Mov { dst, src } => vec![*src, *dst],
        Inst::Alu { dst, src, .. } => [vec![*dst], op(src)].concat(),
        Inst::Load { dst, base: b, .. } => [base(b), vec![*dst]].concat(),
        Inst::Store { base: b, src, .. } => [base(b), op(src)].concat(),
        Inst::Call { args, dst, .. }
        | Inst::Kfunc { args, dst, .. }
        | Inst::CallSub { args, dst, .. } => args.iter().copied().chain(*dst).collect(),
        Inst::AtomicAdd { ptr, src, .. } => vec![*ptr, *src],
        Inst::JumpIf { lhs, rhs, .. } => [vec![*lhs], op(rhs)].concat(),
        Inst::Span(_) | Inst::Jump { .. } | Inst::Label(_) | Inst::Exit => vec![],
    }
}

struct Emitter {
    out: Vec<Insn>,
    /// Which spill slot each register r0–r9 holds a copy of right now, so that a value read
    /// twice in a row is loaded once (a peephole over the allocator's reloads).
    cached: [Option<i16>; 10],
    /// Each IR slot's offset from r10.
    slot_off: Vec<i32>,
    /// The next instruction is the second half of an `ld_imm64`.
    imm64_tail: bool,
    relocs: Vec<(usize, MapId)>,
    func_refs: Vec<(usize, u32)>,
    lines: Vec<(u32, Span)>,
    fixups: Vec<(usize, u32)>,
    labels: HashMap<u32, usize>,
    locs: HashMap<VReg, Loc>,
}

fn size(w: Width) -> Size {
    match w {
        Width::B1 => Size::B,
        Width::B2 => Size::H,
        Width::B4 => Size::W,
        Width::B8 => Size::DW,
    }
}

fn alu(op: AluOp) -> BAlu {
    match op {
        AluOp::Add => BAlu::Add,
        AluOp::Sub => BAlu::Sub,
        AluOp::Mul => BAlu::Mul,
        AluOp::Div => BAlu::Div,
        AluOp::Mod => BAlu::Mod,
        AluOp::Or => BAlu::Or,
        AluOp::And => BAlu::And,
        AluOp::Xor => BAlu::Xor,
        AluOp::Lsh => BAlu::Lsh,
        AluOp::Rsh => BAlu::Rsh,
        AluOp::Arsh => BAlu::Arsh,
        AluOp::Neg => BAlu::Neg,
    }
}

fn cond(c: Cond) -> BCond {
    match c {
        Cond::Eq => BCond::Eq,
        Cond::Ne => BCond::Ne,
        Cond::Gt => BCond::Gt,
        Cond::Ge => BCond::Ge,
        Cond::Lt => BCond::Lt,
        Cond::Le => BCond::Le,
        Cond::Sgt => BCond::Sgt,
        Cond::Sge => BCond::Sge,
        Cond::Slt => BCond::Slt,
        Cond::Sle => BCond::Sle,
        Cond::Set => BCond::Set,
    }
}

impl Emitter {
    /// Appends `insn`, keeping `cached` true: whatever writes a scratch register or a spill
    /// slot forgets what it held; a call clobbers r0–r5.
    fn emit(&mut self, insn: Insn) {
        use super::insn::{
            BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_JMP, BPF_LD, BPF_LDX, BPF_ST, BPF_STX,
        };
        if std::mem::take(&mut self.imm64_tail) {
            self.out.push(insn);
            return;
        }
        let forget = |cached: &mut [Option<i16>; 10], r: u8| {
            if let Some(c) = cached.get_mut(r as usize) {
                *c = None;
            }
        };
        match insn.class() {
            BPF_LDX | BPF_ALU | BPF_ALU64 => forget(&mut self.cached, insn.dst),
            BPF_LD => {
                forget(&mut self.cached, insn.dst);
                self.imm64_tail = insn.is_ld_imm64();
            }
            BPF_ST | BPF_STX => {
                if insn.dst == Reg::FP.0 {
                    let size =
                        i32::try_from(super::insn::Size::from_code(insn.code).bytes()).unwrap_or(8);
                    let (lo, hi) = (insn.off as i32, insn.off as i32 + size);
                    for c in self.cached.iter_mut() {
                        if let Some(o) = *c
                            && (o as i32) < hi
                            && lo < o as i32 + 8
                        {
                            *c = None;
                        }
                    }
                }
                if insn.code & 0xe0 == BPF_ATOMIC {
                    forget(&mut self.cached, insn.src);
                } else if insn.class() == BPF_STX
                    && insn.dst == Reg::FP.0
                    && insn.code == (BPF_STX | Size::DW.code() | super::insn::BPF_MEM)
                    && let Some(c) = self.cached.get_mut(insn.src as usize)
                {
                    // The register now holds exactly what the slot does.
                    *c = Some(insn.off);
                }
            }
            // r6–r9 survive a call, and no helper is handed a pointer into the spill area.
            BPF_JMP if insn.code & 0xf0 == BPF_CALL => self.cached[..6].fill(None),
            _ => {}
        }
        self.out.push(insn);
    }

    fn loc(&self, r: VReg) -> Result<Loc, String> {
        self.locs
            .get(&r)
            .copied()
            .ok_or_else(|| format!("%{} has no location", r.0))
    }

    /// A register that holds a copy of spill slot `off` right now.
    fn copy_of(&self, off: i16) -> Option<Reg> {
        (0..self.cached.len())
            .find(|&k| self.cached[k] == Some(off))
            .map(|k| Reg(k as u8))
    }

    /// Computes a rematerialized value into `reg`.
    fn materialize(&mut self, m: Remat, reg: Reg) {
        match m {
            Remat::Const(value) => match i32::try_from(value as i64) {
                // mov64 sign-extends its 32-bit immediate: exact for these values.
                Ok(imm) => self.emit(Insn::mov64_imm(reg, imm)),
                Err(_) => {
                    for insn in Insn::ld_imm64(reg, value) {
                        self.emit(insn);
                    }
                }
            },
            Remat::Slot { slot, off } => {
                self.emit(Insn::mov64_reg(reg, Reg::FP));
                let at = self.slot_off[slot as usize] + off as i32;
                self.emit(Insn::alu64_imm(BAlu::Add, reg, at));
            }
            Remat::Map(map) => {
                self.relocs.push((self.out.len(), map));
                for insn in Insn::ld_map_fd(reg) {
                    self.emit(insn);
                }
            }
        }
    }

    /// A read-only register holding `r`: its own, a register still holding a copy of its spill
    /// slot, or `scratch` after loading or recomputing it there. The caller must not write it.
    fn read(&mut self, r: VReg, scratch: Reg) -> Result<Reg, String> {
        match self.loc(r)? {
            Loc::Reg(reg) => Ok(reg),
            Loc::Spill(off) => {
                if let Some(reg) = self.copy_of(off) {
                    return Ok(reg);
                }
                self.emit(Insn::ldx(Size::DW, scratch, Reg::FP, off));
                self.cached[scratch.0 as usize] = Some(off);
                Ok(scratch)
            }
            Loc::Remat(m) => {
                self.materialize(m, scratch);
                Ok(scratch)
            }
        }
    }

    /// `r` as an immediate, when it is a constant that fits one (sign-extended, as BPF does).
    fn imm(&self, r: VReg) -> Result<Option<i32>, String> {
        Ok(match self.loc(r)? {
            Loc::Remat(Remat::Const(v)) => i32::try_from(v as i64).ok(),
            _ => None,
        })
    }

    /// Puts `r` in `to` (which holds nothing live).
    fn read_into(&mut self, r: VReg, to: Reg) -> Result<(), String> {
        match self.loc(r)? {
            Loc::Reg(reg) if reg == to => {}
            Loc::Reg(reg) => self.emit(Insn::mov64_reg(to, reg)),
            Loc::Spill(off) if self.cached[to.0 as usize] == Some(off) => {}
            Loc::Spill(off) => match self.copy_of(off) {
                Some(reg) => self.emit(Insn::mov64_reg(to, reg)),
                None => {
                    self.emit(Insn::ldx(Size::DW, to, Reg::FP, off));
                    self.cached[to.0 as usize] = Some(off);
                }
            },
            Loc::Remat(m) => self.materialize(m, to),
        }
        Ok(())
    }

    /// The register to compute `r` into; `scratch` when `r` lives on the stack.
    fn target(&self, r: VReg, scratch: Reg) -> Result<Reg, String> {
        Ok(match self.loc(r)? {
            Loc::Reg(reg) => reg,
            Loc::Spill(_) | Loc::Remat(_) => scratch,
        })
    }

    /// Stores `reg` back when `r` lives on the stack.
    fn write_back(&mut self, r: VReg, reg: Reg) -> Result<(), String> {
        if let Loc::Spill(off) = self.loc(r)? {
            self.emit(Insn::stx(Size::DW, Reg::FP, reg, off));
        }
        Ok(())
    }

    fn base(&mut self, base: Base, off: i16, scratch: Reg) -> Result<(Reg, i16), String> {
        let fp = |at: i32| {
            i16::try_from(at)
                .map(|at| (Reg::FP, at))
                .map_err(|_| format!("stack offset {at} out of range"))
        };
        match base {
            Base::Reg(r) => match self.loc(r)? {
                Loc::Remat(Remat::Slot { slot, off: o }) => {
                    fp(self.slot_off[slot as usize] + o as i32 + off as i32)
                }
                _ => Ok((self.read(r, scratch)?, off)),
            },
            Base::Slot(s) => fp(self.slot_off[s.0 as usize] + off as i32),
        }
    }

    /// The definition of a rematerialized value emits nothing: its uses compute it.
    fn is_remat(&self, r: VReg) -> Result<bool, String> {
        Ok(matches!(self.loc(r)?, Loc::Remat(_)))
    }

    /// Moves call arguments into r1–r5 as one parallel move: an argument may live in a register
    /// another argument goes to (r3–r5 hold values between calls).
    fn call_args(&mut self, args: &[VReg]) -> Result<(), String> {
        const ARGS: [Reg; 5] = [Reg::R1, Reg::R2, Reg::R3, Reg::R4, Reg::R5];
        let mut moves: Vec<(Reg, Reg)> = Vec::new();
        let mut rest: Vec<(VReg, Reg)> = Vec::new();
        for (&a, &to) in args.iter().zip(ARGS.iter()) {
            match self.loc(a)? {
                Loc::Reg(from) if from == to => {}
                Loc::Reg(from) => moves.push((to, from)),
                _ => rest.push((a, to)),
            }
        }
        while !moves.is_empty() {
            let ready = (0..moves.len()).find(|&i| {
                let to = moves[i].0;
                !moves.iter().any(|&(_, from)| from == to)
            });
            match ready {
                Some(i) => {
                    let (to, from) = moves.remove(i);
                    self.emit(Insn::mov64_reg(to, from));
                }
                None => {
                    // A cycle: park one destination's current value in r0 (free before a call).
                    let to = moves[0].0;
                    self.emit(Insn::mov64_reg(Reg::R0, to));
                    for m in moves.iter_mut() {
                        if m.1 == to {
                            m.1 = Reg::R0;
                        }
                    }
                }
            }
        }
        // Registers are in place; loads and recomputations write only their own destination.
        for (a, to) in rest {
            self.read_into(a, to)?;
        }
        Ok(())
    }

    fn inst(&mut self, inst: &Inst) -> Result<(), String> {
        match inst {
            Inst::Span(span) => self.lines.push((self.out.len() as u32, *span)),
            Inst::Ctx { dst } => {
                let d = self.target(*dst, Reg::R1)?;
                if d != Reg::R1 {
                    self.emit(Insn::mov64_reg(d, Reg::R1));
                }
                self.write_back(*dst, d)?;
            }
            Inst::Param { dst, index } => {
                let from = Reg(index + 1);
                let d = self.target(*dst, Reg::R0)?;
                self.emit(Insn::mov64_reg(d, from));
                self.write_back(*dst, d)?;
            }
            Inst::FuncAddr { dst, sub } => {
                let d = self.target(*dst, Reg::R0)?;
                self.func_refs.push((self.out.len(), *sub));
                let mut pair = Insn::ld_imm64(d, 0);
                pair[0].src = BPF_PSEUDO_FUNC;
                for insn in pair {
                    self.emit(insn);
                }
                self.write_back(*dst, d)?;
            }
            Inst::Const { dst, .. } | Inst::SlotAddr { dst, .. } | Inst::MapPtr { dst, .. }
                if self.is_remat(*dst)? => {}
            Inst::Const { dst, value } => {
                let d = self.target(*dst, Reg::R0)?;
                self.materialize(Remat::Const(*value), d);
                self.write_back(*dst, d)?;
            }
            Inst::SlotAddr { dst, slot, off } => {
                let d = self.target(*dst, Reg::R0)?;
                self.materialize(
                    Remat::Slot {
                        slot: slot.0,
                        off: *off,
                    },
                    d,
                );
                self.write_back(*dst, d)?;
            }
            Inst::MapPtr { dst, map } => {
                let d = self.target(*dst, Reg::R0)?;
                self.materialize(Remat::Map(*map), d);
                self.write_back(*dst, d)?;
            }
            Inst::Mov { dst, src } => match self.loc(*src)? {
                Loc::Remat(m) => {
                    let d = self.target(*dst, Reg::R0)?;
                    self.materialize(m, d);
                    self.write_back(*dst, d)?;
                }
                _ => {
                    let s = self.read(*src, Reg::R1)?;
                    let d = self.target(*dst, s)?;
                    if d != s {
                        self.emit(Insn::mov64_reg(d, s));
                    }
                    self.write_back(*dst, d)?;
                }
            },
            Inst::Alu { op, dst, src } => {
                // Computed in place: a spilled value into r0 (never into a register that only
                // holds a copy of it, which may be another value's).
                let d = self.target(*dst, Reg::R0)?;
                if d == Reg::R0 {
                    self.read_into(*dst, Reg::R0)?;
                }
                match (op, src) {
                    (AluOp::Neg, _) => self.emit(Insn::neg64(d)),
                    (_, Operand::Imm(i)) => self.emit(Insn::alu64_imm(alu(*op), d, *i)),
                    (_, Operand::Reg(r)) => match self.imm(*r)? {
                        Some(i) => self.emit(Insn::alu64_imm(alu(*op), d, i)),
                        None => {
                            let s = self.read(*r, Reg::R1)?;
                            self.emit(Insn::alu64_reg(alu(*op), d, s));
                        }
                    },
                }
                self.write_back(*dst, d)?;
            }
            Inst::Load {
                dst,
                width,
                base,
                off,
            } => {
                let (b, o) = self.base(*base, *off, Reg::R1)?;
                let d = self.target(*dst, Reg::R0)?;
                self.emit(Insn::ldx(size(*width), d, b, o));
                self.write_back(*dst, d)?;
            }
            Inst::Store {
                width,
                base,
                off,
                src,
            } => {
                let (b, o) = self.base(*base, *off, Reg::R1)?;
                let imm = match src {
                    Operand::Imm(i) => Some(*i),
                    Operand::Reg(r) => self.imm(*r)?,
                };
                match (imm, src) {
                    (Some(i), _) => self.emit(Insn::st_imm(size(*width), b, o, i)),
                    (None, Operand::Reg(r)) => {
                        let s = self.read(*r, Reg::R2)?;
                        self.emit(Insn::stx(size(*width), b, s, o));
                    }
                    (None, Operand::Imm(_)) => unreachable!("an immediate is Some above"),
                }
            }
            Inst::Call { args, dst, .. }
            | Inst::Kfunc { args, dst, .. }
            | Inst::CallSub { args, dst, .. } => {
                self.call_args(args)?;
                if let Inst::CallSub { sub, .. } = inst {
                    self.func_refs.push((self.out.len(), *sub));
                }
                self.emit(match inst {
                    Inst::Kfunc { id, .. } => Insn::call_kfunc(*id as i32),
                    Inst::CallSub { .. } => Insn::call_local(0),
                    Inst::Call { helper, .. } => Insn::call_helper(*helper as i32),
                    _ => unreachable!("matched above"),
                });
                if let Some(d) = dst {
                    match self.loc(*d)? {
                        Loc::Reg(r) => self.emit(Insn::mov64_reg(r, Reg::R0)),
                        Loc::Spill(off) => self.emit(Insn::stx(Size::DW, Reg::FP, Reg::R0, off)),
                        Loc::Remat(_) => return Err(format!("%{} is a call's result", d.0)),
                    }
                }
            }
            Inst::AtomicAdd { ptr, off, src } => {
                let (p, o) = self.base(Base::Reg(*ptr), *off, Reg::R1)?;
                let s = self.read(*src, Reg::R2)?;
                self.emit(Insn::atomic_add64(p, s, o));
            }
            Inst::JumpIf {
                cond: c,
                lhs,
                rhs,
                target,
            } => {
                let l = self.read(*lhs, Reg::R1)?;
                let imm = match rhs {
                    Operand::Imm(i) => Some(*i),
                    Operand::Reg(r) => self.imm(*r)?,
                };
                let insn = match (imm, rhs) {
                    (Some(i), _) => Insn::jmp_imm(cond(*c), l, i, 0),
                    (None, Operand::Reg(r)) => {
                        let s = self.read(*r, Reg::R2)?;
                        Insn::jmp_reg(cond(*c), l, s, 0)
                    }
                    (None, Operand::Imm(_)) => unreachable!("an immediate is Some above"),
                };
                self.fixups.push((self.out.len(), target.0));
                self.emit(insn);
            }
            Inst::Jump { target } => {
                self.fixups.push((self.out.len(), target.0));
                self.emit(Insn::ja(0));
            }
            Inst::Label(l) => {
                // Control flow merges here: what a register held on one path is unknown.
                self.cached = [None; 10];
                self.labels.insert(l.0, self.out.len());
            }
            Inst::Exit => {
                self.emit(Insn::mov64_imm(Reg::R0, 0));
                self.emit(Insn::exit());
            }
        }
        Ok(())
    }
}
