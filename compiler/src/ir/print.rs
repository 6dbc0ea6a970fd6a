//! Textual IR for `--emit ir` and tests: one instruction per line, registers as `%N`.

use std::fmt::Write;

use super::{Base, Inst, Operand, Program};

pub fn print(prog: &Program) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "program {} section {:?} slots {:?}",
        prog.name, prog.section, prog.slots
    );
    for inst in &prog.insts {
        let line = match inst {
            Inst::Span(s) => format!(";; {}..{}", s.start, s.end),
            Inst::Ctx { dst } => format!("  %{} = ctx", dst.0),
            Inst::Const { dst, value } => format!("  %{} = {value:#x}", dst.0),
            Inst::Mov { dst, src } => format!("  %{} = %{}", dst.0, src.0),
            Inst::Alu { op, dst, src } => format!("  %{} {:?}= {}", dst.0, op, operand(*src)),
            Inst::Load {
                dst,
                width,
                base,
                off,
            } => {
                format!(
                    "  %{} = *(u{} *)({} {off:+})",
                    dst.0,
                    width.bytes() * 8,
                    base_text(*base)
                )
            }
            Inst::Store {
                width,
                base,
                off,
                src,
            } => {
                format!(
                    "  *(u{} *)({} {off:+}) = {}",
                    width.bytes() * 8,
                    base_text(*base),
                    operand(*src)
                )
            }
            Inst::SlotAddr { dst, slot, off } => format!("  %{} = &slot{} {off:+}", dst.0, slot.0),
            Inst::MapPtr { dst, map } => format!("  %{} = map#{}", dst.0, map.0),
            Inst::Call { helper, args, dst } => {
                let args: Vec<String> = args.iter().map(|a| format!("%{}", a.0)).collect();
                match dst {
                    Some(d) => format!("  %{} = call #{helper}({})", d.0, args.join(", ")),
                    None => format!("  call #{helper}({})", args.join(", ")),
                }
            }
            Inst::Kfunc { id, args, dst } => {
                let args: Vec<String> = args.iter().map(|a| format!("%{}", a.0)).collect();
                match dst {
                    Some(d) => format!("  %{} = kfunc #{id}({})", d.0, args.join(", ")),
                    None => format!("  kfunc #{id}({})", args.join(", ")),
                }
            }
            Inst::CallSub { sub, args, dst } => {
                let args: Vec<String> = args.iter().map(|a| format!("%{}", a.0)).collect();
                match dst {
                    Some(d) => format!("  %{} = call sub{sub}({})", d.0, args.join(", ")),
                    None => format!("  call sub{sub}({})", args.join(", ")),
                }
            }
            Inst::Param { dst, index } => format!("  %{} = param{index}", dst.0),
            Inst::FuncAddr { dst, sub } => format!("  %{} = &sub{sub}", dst.0),
            Inst::AtomicAdd { ptr, off, src } => {
                format!("  lock *(u64 *)(%{} {off:+}) += %{}", ptr.0, src.0)
            }
            Inst::JumpIf {
                cond,
                lhs,
                rhs,
                target,
            } => {
                format!(
                    "  if %{} {:?} {} goto L{}",
                    lhs.0,
                    cond,
                    operand(*rhs),
                    target.0
                )
            }
            Inst::Jump { target } => format!("  goto L{}", target.0),
            Inst::Label(l) => format!("L{}:", l.0),
            Inst::Exit => "  exit".to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    for (i, sub) in prog.subprograms.iter().enumerate() {
        let _ = writeln!(out, "sub{i}:");
        out.push_str(&print(sub));
    }
    out
}

fn operand(o: Operand) -> String {
    match o {
        Operand::Reg(r) => format!("%{}", r.0),
        Operand::Imm(i) => format!("{i}"),
    }
}

fn base_text(b: Base) -> String {
    match b {
        Base::Reg(r) => format!("%{}", r.0),
        Base::Slot(s) => format!("slot{}", s.0),
    }
}
