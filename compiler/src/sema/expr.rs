//! Expressions: literals, builtins, `args.FIELD`, locals, map reads, operators, and the units
//! that flow through them (`types::unify`/`multiply`/`divide`). Every checked expression gets a
//! [`Type`]; one that fails is reported once and comes back `None`.

use crate::catalog::COMMON_BUILTINS;
use crate::diag::{Diagnostic, Span, did_you_mean};
use crate::syntax::ast::{self, BinOp, UnOp};
use crate::types::{Type, Unit, UnitError, divide, multiply, unify};

use super::Checker;
use super::checked::{BuiltinRef, Expr, ExprKind, LocalId, MapId};
use super::clause::Cx;
use super::describe::{a, allowed_uses};
use super::fold;

impl Checker<'_> {
    /// Any expression, of any type (strings and stacks included: callers decide what fits).
    pub(super) fn expr(&mut self, cx: &mut Cx, e: &ast::Expr) -> Option<Expr> {
        let span = e.span;
        let lit = |kind, ty| Some(Expr { kind, ty, span });
        match &e.kind {
            ast::ExprKind::Int(n) => lit(ExprKind::Int(*n), Type::PLAIN),
            ast::ExprKind::Duration(ns) => lit(ExprKind::Int(*ns), Type::Int(Unit::NS)),
            ast::ExprKind::Size(b) => lit(ExprKind::Int(*b), Type::Int(Unit::BYTES)),
            ast::ExprKind::Str(s) => {
                // The length counts the terminating NUL, as `comm`'s 16 bytes do.
                let len = u32::try_from(s.len() + 1).unwrap_or(u32::MAX);
                lit(ExprKind::Str(s.clone()), Type::Str { len })
            }
            ast::ExprKind::Ident(id) => self.builtin(cx, id),
            ast::ExprKind::Local(id) => self.local(cx, id, span),
            ast::ExprKind::Map(m) => {
                let (id, keys) = self.map_ref(cx, m);
                let ty = self.map_read(id, m.span);
                Some(Expr {
                    kind: ExprKind::MapRead {
                        map: id,
                        keys: keys?,
                    },
                    ty: ty?,
                    span,
                })
            }
            ast::ExprKind::Field { base, field } => self.field(cx, base, field, span),
            ast::ExprKind::Call { func, args } => {
                self.call_in_expr(cx, func, args);
                None
            }
            ast::ExprKind::Unary { op, operand } => self.unary(cx, *op, operand, span),
            ast::ExprKind::Binary { op, lhs, rhs } => self.binary(cx, *op, lhs, rhs, span),
        }
    }

    /// An expression that must be a number (or a comparison): `role` completes "… cannot be
    /// {role}" in the message ("summed", "a filter").
    pub(super) fn value(&mut self, cx: &mut Cx, e: &ast::Expr, role: &str) -> Option<Expr> {
        let v = self.expr(cx, e)?;
        if v.ty.is_int() {
            return Some(v);
        }
        let d = self.misuse(cx, &v, role);
        self.report(d);
        None
    }

    /// A filter or `if` condition: a number or a comparison (non-zero is true).
    pub(super) fn condition(&mut self, cx: &mut Cx, e: &ast::Expr, role: &str) -> Option<Expr> {
        self.value(cx, e, role)
    }

    /// "a string cannot be summed", labelled at the value, with what such values are for.
    pub(super) fn misuse(&self, cx: &Cx, v: &Expr, role: &str) -> Diagnostic {
        let d = Diagnostic::error(
            format!("{} cannot be {role}", a(v.ty)),
            v.span,
            format!("{} is {}", name_of(cx, v), a(v.ty)),
        );
        match allowed_uses(v.ty) {
            Some(h) => d.with_help(h),
            None => d,
        }
    }

    /// The map a reference names, and its keys checked against the map's other uses. The keys
    /// are `None` when one failed or disagrees with the map's first use.
    pub(super) fn map_ref(&mut self, cx: &mut Cx, m: &ast::MapRef) -> (MapId, Option<Vec<Expr>>) {
        let id = self.maps.id(&m.display_name());
        let mut keys = Vec::new();
        let mut types = Vec::new();
        for k in &m.keys {
            let e = self.expr(cx, k);
            types.push((e.as_ref().map(|e| e.ty), k.span));
            keys.push(e);
        }
        let agree = self.map_keys(id, &types, m.span);
        let keys: Option<Vec<Expr>> = keys.into_iter().collect();
        (id, keys.filter(|_| agree))
    }

    fn builtin(&mut self, cx: &mut Cx, id: &ast::Ident) -> Option<Expr> {
        let name = id.name.as_str();
        let Some(p) = cx.probe else {
            // Unknown probe (reported): its builtins are unknown too; only the common ones check.
            let (index, b) = COMMON_BUILTINS
                .iter()
                .enumerate()
                .find(|(_, b)| b.name == name)?;
            let kind = ExprKind::Builtin(BuiltinRef::Common {
                index,
                name: b.name,
            });
            return Some(Expr {
                kind,
                ty: b.ty,
                span: id.span,
            });
        };
        if let Some((index, b)) = p
            .builtins()
            .iter()
            .enumerate()
            .find(|(_, b)| b.name == name)
        {
            let kind = ExprKind::Builtin(BuiltinRef::Probe {
                index,
                name: b.name,
            });
            return Some(Expr {
                kind,
                ty: b.ty,
                span: id.span,
            });
        }
        if let Some((index, b)) = COMMON_BUILTINS
            .iter()
            .enumerate()
            .find(|(_, b)| b.name == name)
        {
            if p.lacks().contains(&name) {
                let d = Diagnostic::error(
                    format!("`{name}` is not available in `{}` yet", p.name()),
                    id.span,
                    format!("`{}` does not record the waiting thread's {name}", p.name()),
                )
                .with_help("key by `pid` or `comm` instead");
                self.report(d);
                return None;
            }
            if p.has_task_context() {
                let kind = ExprKind::Builtin(BuiltinRef::Common {
                    index,
                    name: b.name,
                });
                return Some(Expr {
                    kind,
                    ty: b.ty,
                    span: id.span,
                });
            }
            let d = Diagnostic::error(
                format!("`{name}` is not available in `{}`", p.name()),
                id.span,
                format!("`{}` runs in user space, outside any task", p.name()),
            )
            .with_help(format!(
                "`{name}` comes from a kernel event, and `{}` has none: use it in a probe that fires in the kernel",
                p.name()
            ));
            self.report(d);
            return None;
        }
        if name == "args" {
            if cx.args.is_some() {
                let d = Diagnostic::error(
                    "`args` is a record, not a value",
                    id.span,
                    "read one of its fields",
                )
                .with_help(format!("e.g. `args.{}`", self.first_field(cx)));
                self.report(d);
            } else if !cx.args_failed {
                self.args_elsewhere(cx, id.span);
            }
            return None;
        }
        self.unknown_builtin(cx, id);
        None
    }

    fn first_field(&self, cx: &Cx) -> String {
        let fields = cx.args.iter().flat_map(|l| &l.fields);
        fields
            .clone()
            .find(|f| f.ty().is_some())
            .map_or("FIELD".to_string(), |f| f.name.clone())
    }

    fn provides(cx: &Cx) -> Vec<&'static str> {
        let Some(p) = cx.probe else { return Vec::new() };
        let mut names: Vec<&'static str> = p.builtins().iter().map(|b| b.name).collect();
        if p.has_task_context() {
            names.extend(
                COMMON_BUILTINS
                    .iter()
                    .map(|b| b.name)
                    .filter(|n| !p.lacks().contains(n)),
            );
        }
        if cx.args.is_some() {
            names.push("args");
        }
        names
    }

    fn unknown_builtin(&mut self, cx: &Cx, id: &ast::Ident) {
        let Some(p) = cx.probe else { return };
        let name = id.name.as_str();
        let names = Self::provides(cx);
        let provides = match names.is_empty() {
            true => format!("`{}` provides no builtins", p.name()),
            false => format!("`{}` provides: {}", p.name(), names.join(", ")),
        };
        let owner = self
            .catalog
            .probes
            .iter()
            .find(|q| q.builtins().iter().any(|b| b.name == name));
        let d = Diagnostic::error(
            format!("unknown builtin `{name}`"),
            id.span,
            format!("not a builtin of `{}`", p.name()),
        );
        let d = match (did_you_mean(name, names.iter().copied()), owner) {
            (Some(s), _) => d
                .with_help(format!("did you mean `{s}`?"))
                .with_note(provides),
            (None, Some(q)) => d
                .with_note(format!(
                    "`{name}` is a builtin of `{}`, not of `{}`",
                    q.name(),
                    p.name()
                ))
                .with_help(provides),
            (None, None) if super::stmt::FUNCTIONS.contains(&name) => d
                .with_help(format!("`{name}` is a function: call it as `{name}(…)`"))
                .with_note(provides),
            (None, None) => d.with_help(provides),
        };
        self.report(d);
    }

    /// `args` in a clause whose probe has no record layout.
    fn args_elsewhere(&mut self, cx: &Cx, span: Span) {
        let Some(p) = cx.probe else { return };
        let with_parts: Vec<String> = self
            .catalog
            .probes
            .iter()
            // Probes with a tracefs record (`rawtracepoint:` has arguments, not a record).
            .filter(|q| {
                !q.parts().is_empty() && matches!(q.kind(), crate::catalog::ProgramKind::Tracepoint)
            })
            .map(|q| {
                let parts: Vec<String> = q.parts().iter().map(|s| s.to_uppercase()).collect();
                format!("`{}:{}`", q.name(), parts.join(":"))
            })
            .collect();
        let mut d = Diagnostic::error(
            format!("`{}` has no `args`", p.name()),
            span,
            "no tracepoint record here",
        );
        let names = Self::provides(cx);
        if !names.is_empty() {
            d = d.with_note(format!("`{}` provides: {}", p.name(), names.join(", ")));
        }
        d = match with_parts.is_empty() {
            true => d.with_help("use the probe's own builtins"),
            false => d.with_help(format!(
                "`args.FIELD` reads a tracepoint's record: use {} for that",
                with_parts.join(" or ")
            )),
        };
        self.report(d);
    }

    fn field(
        &mut self,
        cx: &mut Cx,
        base: &ast::Expr,
        field: &ast::Ident,
        span: Span,
    ) -> Option<Expr> {
        let is_args = matches!(&base.kind, ast::ExprKind::Ident(id) if id.name == "args");
        if !is_args {
            let b = self.expr(cx, base)?;
            let d = Diagnostic::error(
                format!("`{}` has no fields", field_base_name(base)),
                b.span,
                format!("{} is {}", name_of(cx, &b), a(b.ty)),
            )
            .with_help("only `args` has fields, in clauses that read a tracepoint's record");
            self.report(d);
            return None;
        }
        let Some(layout) = &cx.args else {
            if !cx.args_failed {
                self.args_elsewhere(cx, base.span);
            }
            return None;
        };
        let tp = format!("{}:{}", layout.category, layout.name);
        let name = field.name.as_str();
        let Some((index, f)) = layout
            .fields
            .iter()
            .enumerate()
            .find(|(_, f)| f.name == name)
        else {
            let names: Vec<&str> = layout.fields.iter().map(|f| f.name.as_str()).collect();
            let d = Diagnostic::error(
                format!("unknown field `{name}` in tracepoint `{tp}`"),
                field.span,
                "no such field",
            );
            let fields = format!("`{tp}` has: {}", names.join(", "));
            let d = match did_you_mean(name, names.iter().copied()) {
                Some(s) => d
                    .with_help(format!("did you mean `args.{s}`?"))
                    .with_note(fields),
                None => d.with_help(fields),
            };
            self.report(d);
            return None;
        };
        let Some(ty) = f.ty() else {
            let d = Diagnostic::error(
                format!("field `{name}` of `{tp}` cannot be read as a value"),
                field.span,
                format!("`{name}` is `{}`", f.c_type),
            )
            .with_help("only integer, pointer and `char[N]` fields can be read");
            self.report(d);
            return None;
        };
        Some(Expr {
            kind: ExprKind::Arg {
                field: index,
                name: f.name.clone(),
            },
            ty,
            span,
        })
    }

    fn local(&mut self, cx: &mut Cx, id: &ast::Ident, span: Span) -> Option<Expr> {
        let name = id.name.trim_start_matches('$');
        if let Some((i, l)) = cx.locals.iter().enumerate().find(|(_, l)| l.name == name) {
            return Some(Expr {
                kind: ExprKind::Local(LocalId(i)),
                ty: l.ty?,
                span,
            });
        }
        let names: Vec<&str> = cx.locals.iter().map(|l| l.name.as_str()).collect();
        let d = Diagnostic::error(
            format!("unknown local `${name}`"),
            span,
            "not assigned before this point in this clause",
        );
        let d = match did_you_mean(name, names) {
            Some(s) => d.with_help(format!("did you mean `${s}`?")),
            None => d.with_help(format!(
                "assign it first: `${name} = …`; locals live in one clause, so share values between clauses with a map"
            )),
        };
        self.report(d);
        None
    }

    fn unary(&mut self, cx: &mut Cx, op: UnOp, operand: &ast::Expr, span: Span) -> Option<Expr> {
        let v = self.value(cx, operand, &format!("an operand of `{}`", op.symbol()))?;
        let ty = match op {
            UnOp::Neg => Type::Int(v.ty.unit()),
            UnOp::Not => Type::Bool,
            UnOp::BitNot => Type::PLAIN,
        };
        if let ExprKind::Int(x) = v.kind {
            return Some(Expr {
                kind: ExprKind::Int(fold::unary(op, x)),
                ty,
                span,
            });
        }
        Some(Expr {
            kind: ExprKind::Unary {
                op,
                operand: Box::new(v),
            },
            ty,
            span,
        })
    }

    fn binary(
        &mut self,
        cx: &mut Cx,
        op: BinOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        span: Span,
    ) -> Option<Expr> {
        let (l, r) = (self.expr(cx, lhs), self.expr(cx, rhs));
        let (l, r) = (l?, r?);
        let is_str = |e: &Expr| matches!(e.ty, Type::Str { .. });
        if is_str(&l) || is_str(&r) {
            return self.string_compare(cx, op, l, r, span);
        }
        let role = format!("an operand of `{}`", op.symbol());
        let mut bad = false;
        for side in [&l, &r] {
            if !side.ty.is_int() {
                let d = self.misuse(cx, side, &role);
                self.report(d);
                bad = true;
            }
        }
        if bad {
            return None;
        }
        self.constant_operand(op, &r)?;
        let (l, r, ty) = match op {
            BinOp::Or | BinOp::And => (l, r, Type::Bool),
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let (l, r, _) = self.align(op, l, r)?;
                (l, r, Type::Bool)
            }
            BinOp::Add | BinOp::Sub => {
                let (l, r, u) = self.align(op, l, r)?;
                (l, r, Type::Int(u))
            }
            BinOp::Mod => match r.ty.unit() {
                Unit::Plain => {
                    let u = l.ty.unit();
                    (l, r, Type::Int(u))
                }
                _ => {
                    let (l, r, u) = self.align(op, l, r)?;
                    (l, r, Type::Int(u))
                }
            },
            BinOp::Mul => match multiply(l.ty.unit(), r.ty.unit()) {
                Ok(u) => (l, r, Type::Int(u)),
                Err(e) => return self.unit_error(op, e, &l, &r),
            },
            BinOp::Div => {
                let constant = match (&r.kind, r.ty.unit()) {
                    (ExprKind::Int(n), Unit::Plain) => Some(*n),
                    _ => None,
                };
                match divide(l.ty.unit(), r.ty.unit(), constant) {
                    Ok(u) => (l, r, Type::Int(u)),
                    Err(e) => return self.unit_error(op, e, &l, &r),
                }
            }
            BinOp::BitOr | BinOp::BitXor | BinOp::BitAnd | BinOp::Shl | BinOp::Shr => {
                (l, r, Type::PLAIN)
            }
        };
        if let (ExprKind::Int(x), ExprKind::Int(y)) = (&l.kind, &r.kind) {
            let Some(v) = fold::binary(op, *x, *y) else {
                self.constant_overflow(span);
                return None;
            };
            return Some(Expr {
                kind: ExprKind::Int(v),
                ty,
                span,
            });
        }
        Some(Expr {
            kind: ExprKind::Binary {
                op,
                lhs: Box::new(l),
                rhs: Box::new(r),
            },
            ty,
            span,
        })
    }

    /// Refuses a constant right operand that the kernel would refuse or that means nothing:
    /// a division or remainder by zero, a shift by 64 bits or more (the verifier rejects both
    /// as immediates, and from a register they give 0 or the dividend without a word).
    fn constant_operand(&mut self, op: BinOp, r: &Expr) -> Option<()> {
        let ExprKind::Int(n) = r.kind else {
            return Some(());
        };
        let d = match op {
            BinOp::Div | BinOp::Mod if n == 0 => {
                let (what, help) = match op {
                    BinOp::Div => ("division by zero", "divide by a non-zero number"),
                    _ => (
                        "remainder of a division by zero",
                        "take the remainder by a non-zero number",
                    ),
                };
                Diagnostic::error(what, r.span, "this is zero").with_help(help)
            }
            BinOp::Shl | BinOp::Shr if n >= 64 => Diagnostic::error(
                format!("shift by {n} bits"),
                r.span,
                "a shift moves 0 to 63 bits",
            )
            .with_help("values have 64 bits: shift by less than 64"),
            _ => return Some(()),
        };
        self.report(d);
        None
    }

    fn constant_overflow(&mut self, span: Span) {
        let d = Diagnostic::error(
            "this constant does not fit in 64 bits",
            span,
            "computed here, it overflows",
        )
        .with_help("numbers are unsigned 64-bit integers: use smaller values");
        self.report(d);
    }

    /// Brings two operands to one unit: a duration or size literal meeting the same dimension at
    /// another scale is rewritten in that scale (`delta / 1000 > 1ms` compares with 1000).
    fn align(&mut self, op: BinOp, mut l: Expr, mut r: Expr) -> Option<(Expr, Expr, Unit)> {
        rescale_literal(&mut l, r.ty.unit());
        rescale_literal(&mut r, l.ty.unit());
        match unify(l.ty.unit(), r.ty.unit()) {
            Ok(u) => Some((l, r, u)),
            Err(e) => {
                self.unit_error::<()>(op, e, &l, &r);
                None
            }
        }
    }

    fn unit_error<T>(&mut self, op: BinOp, e: UnitError, l: &Expr, r: &Expr) -> Option<T> {
        let (lt, rt) = (a(l.ty), a(r.ty));
        let message = match op {
            BinOp::Add => format!("cannot add {lt} and {rt}"),
            BinOp::Sub => format!("cannot subtract {rt} from {lt}"),
            BinOp::Mul => format!("cannot multiply {lt} by {rt}"),
            BinOp::Div => format!("cannot divide {lt} by {rt}"),
            BinOp::Mod => format!("cannot take the remainder of {lt} by {rt}"),
            _ => format!("cannot compare {lt} with {rt}"),
        };
        let help = match e {
            UnitError::Mismatch(x, y) => format!(
                "a {} and a {} do not mix: keep each in its own expression or map",
                x.dimension(),
                y.dimension()
            ),
            UnitError::Scale(..) => {
                "scale both sides alike, e.g. divide both by the same number".to_string()
            }
            UnitError::Meaningless(..) if op == BinOp::Mul => {
                "multiply a quantity by a plain number, e.g. `x * 2`".to_string()
            }
            UnitError::Meaningless(..) => {
                "divide a quantity by a plain number (`x / 1000`) or by a like quantity".to_string()
            }
        };
        // The right side is labelled as the culprit, the left as what it meets: two short
        // labels read better than one over the whole expression.
        let d = Diagnostic::error(message, r.span, rt)
            .with_secondary(l.span, lt)
            .with_help(help);
        self.report(d);
        None
    }

    /// `==`/`!=` between a string and a string literal; anything else with a string is an error.
    fn string_compare(&mut self, cx: &Cx, op: BinOp, l: Expr, r: Expr, span: Span) -> Option<Expr> {
        let is_str = |e: &Expr| matches!(e.ty, Type::Str { .. });
        let is_lit = |e: &Expr| matches!(e.kind, ExprKind::Str(_));
        let example = "compare a string with a string literal, e.g. `comm == \"bash\"`";
        if !matches!(op, BinOp::Eq | BinOp::Ne) {
            let s = if is_str(&l) { &l } else { &r };
            let message = match op.is_comparison() {
                true => format!("strings cannot be compared with `{}`", op.symbol()),
                false => format!("a string cannot be an operand of `{}`", op.symbol()),
            };
            let d = Diagnostic::error(message, s.span, format!("{} is a string", name_of(cx, s)))
                .with_help("strings can only be compared with `==` or `!=`");
            self.report(d);
            return None;
        }
        if !(is_str(&l) && is_str(&r)) {
            let (s, other) = if is_str(&l) { (&l, &r) } else { (&r, &l) };
            let d = Diagnostic::error(
                format!("cannot compare a string with {}", a(other.ty)),
                other.span,
                a(other.ty),
            )
            .with_secondary(s.span, "a string")
            .with_help(example);
            self.report(d);
            return None;
        }
        if !(is_lit(&l) || is_lit(&r)) {
            let d = Diagnostic::error(
                "cannot compare two string values",
                span,
                "neither side is a string literal",
            )
            .with_help(format!(
                "{example}; two strings read from events cannot be compared"
            ));
            self.report(d);
            return None;
        }
        // A literal longer than the value can hold (`comm` keeps 15 characters) never matches:
        // legal, but almost certainly not what the author meant.
        let (lit, value) = if is_lit(&l) { (&l, &r) } else { (&r, &l) };
        if let (Type::Str { len: lit_len }, Type::Str { len }) = (lit.ty, value.ty)
            && lit_len > len
            && len > 0
            && !is_lit(value)
        {
            let always = if op == BinOp::Eq { "false" } else { "true" };
            let d = Diagnostic::warning(
                format!("this comparison is always {always}"),
                lit.span,
                format!("{} characters", lit_len - 1),
            )
            .with_secondary(
                value.span,
                format!(
                    "{} holds at most {} characters",
                    name_of(cx, value),
                    len - 1
                ),
            )
            .with_help(match &lit.kind {
                ExprKind::Str(text) => {
                    let mut cut = (len - 1) as usize;
                    while !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    format!(
                        "only the first {} characters are kept: compare with `\"{}\"`",
                        len - 1,
                        &text[..cut]
                    )
                }
                _ => format!("only the first {} characters are kept", len - 1),
            });
            self.report(d);
        }
        let kind = ExprKind::Binary {
            op,
            lhs: Box::new(l),
            rhs: Box::new(r),
        };
        Some(Expr {
            kind,
            ty: Type::Bool,
            span,
        })
    }
}

/// Rewrites a duration or size literal (unit scale 1) into `target`'s scale when exact.
fn rescale_literal(e: &mut Expr, target: Unit) {
    let ExprKind::Int(v) = e.kind else { return };
    let scale = match (e.ty.unit(), target) {
        (Unit::Time { scale: 1 }, Unit::Time { scale })
        | (Unit::Bytes { scale: 1 }, Unit::Bytes { scale }) => scale,
        _ => return,
    };
    if scale > 1 && v % scale == 0 {
        e.kind = ExprKind::Int(v / scale);
        e.ty = Type::Int(target);
    }
}

/// How a label names a value: "`delta`", "`args.prev_pid`", "`$x`", or "this".
fn name_of(cx: &Cx, e: &Expr) -> String {
    match &e.kind {
        ExprKind::Builtin(b) => format!("`{}`", b.name()),
        ExprKind::Arg { name, .. } => format!("`args.{name}`"),
        ExprKind::Local(LocalId(i)) => match cx.locals.get(*i) {
            Some(l) => format!("`${}`", l.name),
            None => "this".to_string(),
        },
        _ => "this".to_string(),
    }
}

/// The base of a field access as written, for "`comm` has no fields".
fn field_base_name(e: &ast::Expr) -> String {
    match &e.kind {
        ast::ExprKind::Ident(id) => id.name.clone(),
        ast::ExprKind::Local(id) => format!("${}", id.name.trim_start_matches('$')),
        ast::ExprKind::Map(m) => m.display_name(),
        _ => "this value".to_string(),
    }
}
