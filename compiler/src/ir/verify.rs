//! The IR verifier, run between lowering stages in debug and test builds.
//!
//! Checks: every register is defined (in program order) before it is read; jumps go to a label
//! defined once (backward jumps make loops: a value carried from one iteration to the next is
//! defined before the loop, and the allocator keeps it live across the whole loop); calls pass at most five arguments; slot accesses stay inside the slot;
//! `Ctx` appears only first. Does not check yet: pointer vs scalar kinds (the kernel verifier
//! does), null checks after map lookups (the lowering's comments state where they are).

use std::collections::{HashMap, HashSet};

use super::{Base, Inst, Operand, Program, VReg};

/// Returns the first problem found, naming the instruction index.
pub fn verify(prog: &Program) -> Result<(), String> {
    let mut defined: HashSet<VReg> = HashSet::new();
    let mut labels: HashMap<u32, usize> = HashMap::new();
    for (i, inst) in prog.insts.iter().enumerate() {
        if let Inst::Label(l) = inst
            && labels.insert(l.0, i).is_some()
        {
            return Err(format!("inst {i}: label L{} defined twice", l.0));
        }
    }
    let err = |i: usize, what: String| Err(format!("{}: inst {i}: {what}", prog.name));
    for (i, inst) in prog.insts.iter().enumerate() {
        let mut uses: Vec<VReg> = Vec::new();
        let mut def: Option<VReg> = None;
        match inst {
            Inst::Ctx { dst } => {
                if i != 0 {
                    return err(i, "ctx is only available as the first instruction".into());
                }
                def = Some(*dst);
            }
            Inst::Param { dst, index } => {
                let first = prog.insts[..i]
                    .iter()
                    .all(|p| matches!(p, Inst::Param { .. } | Inst::Span(_)));
                if !first || *index > 4 {
                    return err(i, "a parameter is read only at entry, r1–r5".into());
                }
                def = Some(*dst);
            }
            Inst::FuncAddr { dst, .. } => def = Some(*dst),
            Inst::Const { dst, .. } | Inst::SlotAddr { dst, .. } | Inst::MapPtr { dst, .. } => {
                def = Some(*dst)
            }
            Inst::Mov { dst, src } => {
                uses.push(*src);
                def = Some(*dst);
            }
            Inst::Alu { dst, src, .. } => {
                uses.push(*dst);
                if let Operand::Reg(r) = src {
                    uses.push(*r);
                }
            }
            Inst::Load { dst, base, .. } => {
                if let Base::Reg(r) = base {
                    uses.push(*r);
                }
                def = Some(*dst);
            }
            Inst::Store { base, src, .. } => {
                if let Base::Reg(r) = base {
                    uses.push(*r);
                }
                if let Operand::Reg(r) = src {
                    uses.push(*r);
                }
            }
            Inst::Call { args, dst, .. }
            | Inst::Kfunc { args, dst, .. }
            | Inst::CallSub { args, dst, .. } => {
                if args.len() > 5 {
                    return err(
                        i,
                        format!("a call takes at most 5 arguments, not {}", args.len()),
                    );
                }
                uses.extend(args);
                def = *dst;
            }
            Inst::AtomicAdd { ptr, src, .. } => uses.extend([*ptr, *src]),
            Inst::JumpIf {
                lhs, rhs, target, ..
            } => {
                uses.push(*lhs);
                if let Operand::Reg(r) = rhs {
                    uses.push(*r);
                }
                if !labels.contains_key(&target.0) {
                    return err(i, format!("jump to undefined label L{}", target.0));
                }
            }
            Inst::Jump { target } => {
                if !labels.contains_key(&target.0) {
                    return err(i, format!("jump to undefined label L{}", target.0));
                }
            }
            Inst::Span(_) | Inst::Label(_) | Inst::Exit => {}
        }
        if let Inst::Load {
            base: Base::Slot(s),
            off,
            width,
            ..
        }
        | Inst::Store {
            base: Base::Slot(s),
            off,
            width,
            ..
        } = inst
        {
            let size = prog.slots.get(s.0 as usize).copied().unwrap_or(0);
            if *off < 0 || (*off as u32 + width.bytes()) > size {
                return err(
                    i,
                    format!(
                        "access at {off} of {} bytes outside slot{} ({size} bytes)",
                        width.bytes(),
                        s.0
                    ),
                );
            }
        }
        if let Some(r) = uses.iter().find(|r| !defined.contains(r)) {
            return err(i, format!("%{} used before it is defined", r.0));
        }
        if let Some(d) = def {
            defined.insert(d);
        }
    }
    if prog.insts.last() != Some(&Inst::Exit) {
        return Err(format!("{}: does not end with exit", prog.name));
    }
    for sub in &prog.subprograms {
        if !sub.subprograms.is_empty() {
            return Err(format!("{}: nested subprograms", sub.name));
        }
        let calls = |p: &super::Program| {
            p.insts.iter().all(|i| match i {
                Inst::CallSub { sub, .. } | Inst::FuncAddr { sub, .. } => {
                    (*sub as usize) < prog.subprograms.len()
                }
                _ => true,
            })
        };
        if !calls(sub) {
            return Err(format!(
                "{}: calls a subprogram that does not exist",
                sub.name
            ));
        }
        verify(sub)?;
    }
    Ok(())
}
