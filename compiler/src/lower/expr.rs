//! Expressions → IR. An expression yields a register the caller must treat as read-only
//! (locals are returned as they are); operations copy before they modify.
//! Strings never become registers: they are written into stack buffers ([`Lowerer::string_into`]).

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic is built once, when lowering gives up; the Ok path carries a register"
)]

use super::{Lowerer, helper, internal};
use crate::bpf::helpers::Helper;
use crate::catalog::{BuiltinSource, TpField, TpFieldKind};
use crate::diag::{Diagnostic, Span};
use crate::ir::{AluOp, Base, Cond, Inst, Operand, Slot, VReg, Width};
use crate::sema::checked::{BuiltinRef, Expr, ExprKind, ValueKind};
use crate::syntax::ast::{BinOp, UnOp};
use crate::types::Type;

/// `sample_period` in `struct bpf_perf_event_data` (after `bpf_user_pt_regs_t regs`, 21 × 8
/// bytes on x86-64).
pub const PERF_SAMPLE_PERIOD: u32 = 168;

impl Lowerer<'_> {
    pub(super) fn expr(&mut self, e: &Expr) -> Result<VReg, Diagnostic> {
        match &e.kind {
            ExprKind::Int(v) => Ok(self.b.constant(*v)),
            ExprKind::Str(_) => Err(internal(e.span, "a string used as a number")),
            ExprKind::Builtin(b) => self.builtin(*b, e.span),
            ExprKind::Arg { field, .. } => {
                let f = self
                    .cx
                    .clause
                    .resolved
                    .args
                    .as_ref()
                    .and_then(|l| l.fields.get(*field))
                    .cloned();
                let f = f.ok_or_else(|| internal(e.span, "args field missing from the layout"))?;
                self.record_load(&f, e.span)
            }
            ExprKind::Local(id) => self
                .locals
                .get(id.0)
                .copied()
                .ok_or_else(|| internal(e.span, "unknown local")),
            ExprKind::MapRead { map, keys } => self.map_read(*map, keys, e.span),
            ExprKind::Unary { op, operand } => {
                let v = self.expr(operand)?;
                match op {
                    UnOp::Neg => {
                        let t = self.b.copy(v);
                        self.b.alu(AluOp::Neg, t, Operand::Imm(0));
                        Ok(t)
                    }
                    UnOp::BitNot => {
                        let t = self.b.copy(v);
                        // alu64 sign-extends the immediate: -1 flips all 64 bits.
                        self.b.alu(AluOp::Xor, t, Operand::Imm(-1));
                        Ok(t)
                    }
                    UnOp::Not => Ok(self.flag(Cond::Eq, v, Operand::Imm(0))),
                }
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs, e.span),
        }
    }

    /// `1` when `lhs cond rhs`, else `0`.
    fn flag(&mut self, cond: Cond, lhs: VReg, rhs: Operand) -> VReg {
        let r = self.b.constant(1);
        let done = self.b.label();
        self.b.push(Inst::JumpIf {
            cond,
            lhs,
            rhs,
            target: done,
        });
        self.b.push(Inst::Const { dst: r, value: 0 });
        self.b.push(Inst::Label(done));
        r
    }

    /// An operand for the right side: an immediate when the literal fits 32 bits.
    fn operand(&mut self, e: &Expr) -> Result<Operand, Diagnostic> {
        if let ExprKind::Int(v) = e.kind
            && let Ok(i) = i32::try_from(v)
        {
            return Ok(Operand::Imm(i));
        }
        Ok(Operand::Reg(self.expr(e)?))
    }

    fn binary(
        &mut self,
        op: BinOp,
        lhs: &Expr,
        rhs: &Expr,
        span: Span,
    ) -> Result<VReg, Diagnostic> {
        if matches!(lhs.ty, Type::Str { .. }) || matches!(rhs.ty, Type::Str { .. }) {
            return self.string_compare(op, lhs, rhs, span);
        }
        let alu = match op {
            BinOp::Add => Some(AluOp::Add),
            BinOp::Sub => Some(AluOp::Sub),
            BinOp::Mul => Some(AluOp::Mul),
            // BPF division by zero yields 0 and modulo by zero keeps the dividend: no trap.
            BinOp::Div => Some(AluOp::Div),
            BinOp::Mod => Some(AluOp::Mod),
            BinOp::BitOr => Some(AluOp::Or),
            BinOp::BitXor => Some(AluOp::Xor),
            BinOp::BitAnd => Some(AluOp::And),
            BinOp::Shl => Some(AluOp::Lsh),
            BinOp::Shr => Some(AluOp::Rsh),
            _ => None,
        };
        if let Some(alu) = alu {
            let l = self.expr(lhs)?;
            let t = self.b.copy(l);
            let r = self.operand(rhs)?;
            self.b.alu(alu, t, r);
            return Ok(t);
        }
        let cond = match op {
            BinOp::Eq => Cond::Eq,
            BinOp::Ne => Cond::Ne,
            BinOp::Lt => Cond::Lt,
            BinOp::Le => Cond::Le,
            BinOp::Gt => Cond::Gt,
            BinOp::Ge => Cond::Ge,
            BinOp::And | BinOp::Or => return self.logical(op, lhs, rhs),
            _ => return Err(internal(span, "unexpected operator")),
        };
        let l = self.expr(lhs)?;
        let r = self.operand(rhs)?;
        Ok(self.flag(cond, l, r))
    }

    /// `&&` and `||`, short-circuit: the right side runs only when it decides.
    fn logical(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr) -> Result<VReg, Diagnostic> {
        let (decided, short) = match op {
            BinOp::And => (0, Cond::Eq),
            _ => (1, Cond::Ne),
        };
        let r = self.b.constant(decided);
        let done = self.b.label();
        let l = self.expr(lhs)?;
        self.b.push(Inst::JumpIf {
            cond: short,
            lhs: l,
            rhs: Operand::Imm(0),
            target: done,
        });
        let rr = self.expr(rhs)?;
        self.b.push(Inst::JumpIf {
            cond: short,
            lhs: rr,
            rhs: Operand::Imm(0),
            target: done,
        });
        self.b.push(Inst::Const {
            dst: r,
            value: 1 - decided,
        });
        self.b.push(Inst::Label(done));
        Ok(r)
    }

    /// `comm == "bash"`: the string is written to a buffer and compared byte by byte with the
    /// literal, its terminating NUL included when it fits.
    fn string_compare(
        &mut self,
        op: BinOp,
        lhs: &Expr,
        rhs: &Expr,
        span: Span,
    ) -> Result<VReg, Diagnostic> {
        let (value, lit) = match (&lhs.kind, &rhs.kind) {
            (_, ExprKind::Str(s)) => (lhs, s),
            (ExprKind::Str(s), _) => (rhs, s),
            _ => {
                return Err(internal(
                    span,
                    "a string compared with something other than a literal",
                ));
            }
        };
        let Type::Str { len } = value.ty else {
            return Err(internal(span, "a string literal compared with a number"));
        };
        let size = super::layout::key_part_size(value.ty);
        let buf = self.b.slot(size);
        self.b.zero_slot(buf);
        self.string_into(value, buf, 0, len)?;
        let eq = op == BinOp::Eq;
        let r = self.b.constant(u64::from(!eq));
        let differ = self.b.label();
        let bytes = lit.as_bytes();
        let n = (bytes.len() + 1).min(len as usize);
        for i in 0..n {
            let want = bytes.get(i).copied().unwrap_or(0);
            let got = self.b.load(Width::B1, Base::Slot(buf), i as i16);
            self.b.push(Inst::JumpIf {
                cond: Cond::Ne,
                lhs: got,
                rhs: Operand::Imm(i32::from(want)),
                target: differ,
            });
        }
        self.b.push(Inst::Const {
            dst: r,
            value: u64::from(eq),
        });
        self.b.push(Inst::Label(differ));
        Ok(r)
    }

    pub(super) fn builtin(&mut self, b: BuiltinRef, span: Span) -> Result<VReg, Diagnostic> {
        if let Some(record) = &self.record {
            if let Some((off, size)) = record.field(b.name()) {
                let width =
                    Width::for_size(size).ok_or_else(|| internal(span, "odd record field"))?;
                return Ok(self.b.load(width, Base::Reg(self.ctx), off as i16));
            }
            if b.name() == "cgroup" {
                return Err(Diagnostic::error(
                    format!(
                        "`cgroup` is not available in `{}` yet",
                        self.cx.clause.probe.name
                    ),
                    span,
                    "the thread's cgroup is not recorded with its span",
                )
                .with_help("key by `pid` or `comm` instead"));
            }
        }
        match b {
            BuiltinRef::Common { name, .. } => match name {
                "pid" => Ok(self.tgid()),
                "tid" => {
                    let pt = self.pid_tgid();
                    let t = self.b.copy(pt);
                    // The lower 32 bits: shift up and back down (no 64-bit immediate AND mask).
                    self.b.alu(AluOp::Lsh, t, Operand::Imm(32));
                    self.b.alu(AluOp::Rsh, t, Operand::Imm(32));
                    Ok(t)
                }
                "cpu" => Ok(self.b.call(helper(Helper::GetSmpProcessorId), vec![])),
                "nsecs" => Ok(self.b.call(helper(Helper::KtimeGetNs), vec![])),
                "cgroup" => Ok(self.b.call(helper(Helper::GetCurrentCgroupId), vec![])),
                other => Err(internal(
                    span,
                    &format!("builtin `{other}` used as a number"),
                )),
            },
            BuiltinRef::Probe { index, name } => match self.builtin_source(index) {
                BuiltinSource::Ctx { offset, size } => {
                    let width = Width::for_size(size)
                        .ok_or_else(|| internal(span, "odd context field size"))?;
                    // A raw tracepoint's context holds as many arguments as it passes.
                    if let Some(&[args]) = self
                        .cx
                        .clause
                        .resolved
                        .facts
                        .get("ctx:args")
                        .map(|v| &v[..])
                        && offset / 8 >= args
                    {
                        return Err(Diagnostic::error(
                            format!("`{name}` is not an argument of this tracepoint"),
                            span,
                            format!(
                                "it passes {args} argument{}",
                                if args == 1 { "" } else { "s" }
                            ),
                        )
                        .with_help(match args {
                            0 => "it has none to read".to_string(),
                            1 => "use `arg0`".to_string(),
                            n => format!("use `arg0` … `arg{}`", n - 1),
                        }));
                    }
                    Ok(self.b.load(width, Base::Reg(self.ctx), offset as i16))
                }
                BuiltinSource::TracepointField(field) => {
                    let f = self.record_field(field).cloned();
                    let f = f.ok_or_else(|| {
                        internal(span, &format!("field `{field}` missing from the record"))
                    })?;
                    self.record_load(&f, span)
                }
                BuiltinSource::Unsupported => Err(Diagnostic::error(
                    format!(
                        "`{name}` of `{}` cannot be computed in the kernel yet",
                        self.cx.clause.probe.name
                    ),
                    span,
                    "no code generator for this builtin yet",
                )
                .with_help("check the script with --check; running it is planned")),
            },
        }
    }

    /// Reads an integer field of the tracepoint record, sign-extending signed fields.
    pub(super) fn record_load(&mut self, f: &TpField, span: Span) -> Result<VReg, Diagnostic> {
        if f.kind == TpFieldKind::CharArray {
            return Err(internal(span, "a string field used as a number"));
        }
        let width =
            Width::for_size(f.size).ok_or_else(|| internal(span, "field of unusual size"))?;
        let v = self.b.load(width, Base::Reg(self.ctx), f.offset as i16);
        if f.signed && f.size < 8 {
            let shift = (64 - 8 * f.size) as i32;
            self.b.alu(AluOp::Lsh, v, Operand::Imm(shift));
            self.b.alu(AluOp::Arsh, v, Operand::Imm(shift));
        }
        Ok(v)
    }

    /// Writes string expression `e` into `slot` at `off`, at most `size` bytes (the slot is
    /// zeroed by the caller, so shorter strings end NUL-padded).
    pub(super) fn string_into(
        &mut self,
        e: &Expr,
        slot: Slot,
        off: u32,
        size: u32,
    ) -> Result<(), Diagnostic> {
        let field = match &e.kind {
            ExprKind::Builtin(BuiltinRef::Common { name: "comm", .. }) if self.record.is_some() => {
                // The record's copy (the thread that waited, not the current task).
                let at = super::span::REC_COMM as i16;
                for i in 0..size.min(16).div_ceil(8) {
                    let w = self
                        .b
                        .load(Width::B8, Base::Reg(self.ctx), at + 8 * i as i16);
                    self.b.store(
                        Width::B8,
                        Base::Slot(slot),
                        off as i16 + 8 * i as i16,
                        Operand::Reg(w),
                    );
                }
                return Ok(());
            }
            ExprKind::Builtin(BuiltinRef::Common { name: "comm", .. }) => {
                let dst = self.b.slot_addr(slot, off as i16);
                let n = self.b.constant(u64::from(size.min(16)));
                self.b.push(Inst::Call {
                    helper: helper(Helper::GetCurrentComm),
                    args: vec![dst, n],
                    dst: None,
                });
                return Ok(());
            }
            ExprKind::Str(s) => {
                for (i, byte) in s.bytes().take(size as usize).enumerate() {
                    let at = (off as usize + i) as i16;
                    self.b.store(
                        Width::B1,
                        Base::Slot(slot),
                        at,
                        Operand::Imm(i32::from(byte)),
                    );
                }
                return Ok(());
            }
            ExprKind::Builtin(BuiltinRef::Probe { index, .. }) => match self.builtin_source(*index)
            {
                BuiltinSource::TracepointField(name) => self.record_field(name).cloned(),
                _ => None,
            },
            ExprKind::Arg { field, .. } => self
                .cx
                .clause
                .resolved
                .args
                .as_ref()
                .and_then(|l| l.fields.get(*field))
                .cloned(),
            _ => None,
        };
        let Some(f) = field.filter(|f| f.kind == TpFieldKind::CharArray) else {
            return Err(internal(
                e.span,
                "this string cannot be read in the kernel yet",
            ));
        };
        // A `char[N]` inside the record: copy it out with probe_read_kernel from ctx + offset
        // (helpers may take a ctx-derived address as a plain value).
        let dst = self.b.slot_addr(slot, off as i16);
        let n = self.b.constant(u64::from(size.min(f.size)));
        let src = self.b.copy(self.ctx);
        self.b.alu(AluOp::Add, src, Operand::Imm(f.offset as i32));
        self.b.push(Inst::Call {
            helper: helper(Helper::ProbeReadKernel),
            args: vec![dst, n, src],
            dst: None,
        });
        Ok(())
    }

    /// `@m[k]` as a value: the stored number, 0 when absent.
    fn map_read(
        &mut self,
        map: crate::sema::checked::MapId,
        keys: &[Expr],
        span: Span,
    ) -> Result<VReg, Diagnostic> {
        let decl = self.cx.decls[map.0].value;
        if decl == ValueKind::Hist {
            return Err(Diagnostic::error(
                "a histogram cannot be read as a number",
                span,
                "this map holds a histogram",
            ));
        }
        let key = self.build_key(map, keys, None)?;
        let (id, _) = self.user_map(map);
        let m = self.b.map_ptr(id);
        let k = self.b.slot_addr(key, 0);
        let p = self.b.call(helper(Helper::MapLookupElem), vec![m, k]);
        let r = self.b.constant(0);
        let absent = self.b.label();
        // Verifier: a map value pointer may be NULL until compared with 0.
        self.b.push(Inst::JumpIf {
            cond: Cond::Eq,
            lhs: p,
            rhs: Operand::Imm(0),
            target: absent,
        });
        self.b.push(Inst::Load {
            dst: r,
            width: Width::B8,
            base: Base::Reg(p),
            off: 0,
        });
        if decl == ValueKind::Avg {
            let n = self.b.load(Width::B8, Base::Reg(p), 8);
            self.b.alu(AluOp::Div, r, Operand::Reg(n));
        }
        self.b.push(Inst::Label(absent));
        Ok(r)
    }
}
