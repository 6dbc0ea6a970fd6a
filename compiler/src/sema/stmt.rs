//! Statements: map assignments and their aggregations, locals, `if`, and the statement calls
//! `print`, `clear`, `delete`, `exit`. Aggregations are only ever the whole right side of a map
//! assignment; anywhere else they are reported here or in `expr`.

use crate::diag::{Diagnostic, Span, did_you_mean};
use crate::syntax::ast;
use crate::types::{Type, unify};

use super::Checker;
use super::checked::{MapOp, Stmt, ValueKind};
use super::clause::{Cx, Local};
use super::describe::a;

/// Every function a script can call, for did-you-mean and listings.
pub(crate) const FUNCTIONS: &[&str] = &[
    "count", "sum", "min", "max", "avg", "hist", "print", "clear", "delete", "exit",
];

const AGGREGATIONS: &[&str] = &["count", "sum", "min", "max", "avg", "hist"];

impl Checker<'_> {
    /// Every statement of a block (all are checked, even after one fails).
    pub(super) fn block(&mut self, cx: &mut Cx, b: &ast::Block) -> Option<Vec<Stmt>> {
        let stmts: Vec<Option<Stmt>> = b.stmts.iter().map(|s| self.stmt(cx, s)).collect();
        stmts.into_iter().collect()
    }

    fn stmt(&mut self, cx: &mut Cx, s: &ast::Stmt) -> Option<Stmt> {
        let span = s.span;
        match &s.kind {
            ast::StmtKind::MapAssign { map, value } => self.map_assign(cx, map, value, span),
            ast::StmtKind::LocalAssign { name, value } => self.local_assign(cx, name, value, span),
            ast::StmtKind::If {
                cond,
                then,
                otherwise,
            } => {
                let cond = self.condition(cx, cond, "an `if` condition");
                let then = self.block(cx, then);
                let otherwise = match otherwise.as_deref() {
                    None => Some(Vec::new()),
                    Some(ast::Else::Block(b)) => self.block(cx, b),
                    Some(ast::Else::If(st)) => self.stmt(cx, st).map(|s| vec![s]),
                };
                Some(Stmt::If {
                    cond: cond?,
                    then: then?,
                    otherwise: otherwise?,
                    span,
                })
            }
            ast::StmtKind::Expr(e) => match &e.kind {
                ast::ExprKind::Call { func, args } => self.call_stmt(cx, func, args, span),
                _ => {
                    let checked = self.expr(cx, e);
                    if checked.is_some() {
                        let d = Diagnostic::error(
                            "this expression does nothing",
                            e.span,
                            "its value is not used",
                        )
                        .with_help("store it: `@name = …` or `$name = …`");
                        self.report(d);
                    }
                    None
                }
            },
        }
    }

    fn map_assign(
        &mut self,
        cx: &mut Cx,
        map: &ast::MapRef,
        value: &ast::Expr,
        span: Span,
    ) -> Option<Stmt> {
        let (id, keys) = self.map_ref(cx, map);
        self.maps.mark_assigned(id);
        let errors = self.errors;
        let outer = self.assigning.replace((id, update_hint(map, value)));
        let checked = match &value.kind {
            ast::ExprKind::Call { func, args } if AGGREGATIONS.contains(&func.name.as_str()) => {
                self.aggregation(cx, func, args, value.span)
            }
            _ => self
                .value(cx, value, "stored in a map")
                .map(|v| (ValueKind::Last, MapOp::Assign(v))),
        };
        self.assigning = outer;
        let Some((kind, op)) = checked else {
            if self.errors > errors {
                self.maps.mark_value_error(id);
            }
            return None;
        };
        let ty = match &op {
            MapOp::Count => Type::PLAIN,
            MapOp::Assign(e) => e.ty,
            MapOp::Sum(e) | MapOp::Min(e) | MapOp::Max(e) | MapOp::Avg(e) | MapOp::Hist(e) => {
                Type::Int(e.ty.unit())
            }
        };
        let agree = self.map_value(id, kind, ty, value.span);
        let keys = keys?;
        agree.then_some(Stmt::MapUpdate {
            map: id,
            keys,
            op,
            span,
        })
    }

    /// `count()`, `sum(x)`, … as the right side of a map assignment.
    fn aggregation(
        &mut self,
        cx: &mut Cx,
        func: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
    ) -> Option<(ValueKind, MapOp)> {
        let f = func.name.as_str();
        if f == "count" {
            if let (Some(first), Some(last)) = (args.first(), args.last()) {
                let d = Diagnostic::error(
                    "`count` takes no argument",
                    first.span.to(last.span),
                    "unexpected argument",
                )
                .with_help("`count()` counts events; to add up a value, use `sum(…)`");
                self.report(d);
                return None;
            }
            return Some((ValueKind::Count, MapOp::Count));
        }
        let arg = match args {
            [arg] => arg,
            [] => {
                let d = Diagnostic::error(
                    format!("`{f}` takes one argument"),
                    span,
                    "expected a value in the parentheses",
                )
                .with_help(format!("e.g. `{f}({})`", example_value(cx)));
                self.report(d);
                return None;
            }
            [_, extra @ ..] => {
                let extra_span = extra[0].span.to(extra[extra.len() - 1].span);
                let d = Diagnostic::error(
                    format!("`{f}` takes one argument"),
                    extra_span,
                    "unexpected argument",
                )
                .with_help(format!("e.g. `{f}({})`", example_value(cx)));
                self.report(d);
                return None;
            }
        };
        let role = match f {
            "sum" => "summed".to_string(),
            "avg" => "averaged".to_string(),
            _ => format!("passed to `{f}`"),
        };
        let v = self.value(cx, arg, &role)?;
        Some(match f {
            "sum" => (ValueKind::Sum, MapOp::Sum(v)),
            "min" => (ValueKind::Min, MapOp::Min(v)),
            "max" => (ValueKind::Max, MapOp::Max(v)),
            "avg" => (ValueKind::Avg, MapOp::Avg(v)),
            _ => (ValueKind::Hist, MapOp::Hist(v)),
        })
    }

    fn local_assign(
        &mut self,
        cx: &mut Cx,
        name: &ast::Ident,
        value: &ast::Expr,
        span: Span,
    ) -> Option<Stmt> {
        let v = self.value(cx, value, "assigned to a local");
        let bare = name.name.trim_start_matches('$');
        let Some(i) = cx.locals.iter().position(|l| l.name == bare) else {
            cx.locals.push(Local {
                name: bare.to_string(),
                ty: v.as_ref().map(|v| v.ty),
                span,
            });
            let local = super::checked::LocalId(cx.locals.len() - 1);
            return Some(Stmt::LocalAssign {
                local,
                value: v?,
                span,
            });
        };
        let v = v?;
        let first = &mut cx.locals[i];
        let Some(old) = first.ty else {
            first.ty = Some(v.ty);
            return Some(Stmt::LocalAssign {
                local: super::checked::LocalId(i),
                value: v,
                span,
            });
        };
        if unify(old.unit(), v.ty.unit()).is_err() {
            let first_span = first.span;
            let d = Diagnostic::error(
                format!("local `${bare}` changes unit"),
                v.span,
                format!("{} here", a(v.ty)),
            )
            .with_secondary(first_span, format!("{} here first", a(old)))
            .with_help("a local keeps one unit: use another local for this value");
            self.report(d);
            return None;
        }
        Some(Stmt::LocalAssign {
            local: super::checked::LocalId(i),
            value: v,
            span,
        })
    }

    /// A call used as a statement: `print(@m)`, `clear(@m)`, `delete(@m[k])`, `exit()`.
    fn call_stmt(
        &mut self,
        cx: &mut Cx,
        func: &ast::Ident,
        args: &[ast::Expr],
        span: Span,
    ) -> Option<Stmt> {
        let f = func.name.as_str();
        match f {
            "print" | "clear" => {
                let m = self.whole_map_arg(f, args, span)?;
                let id = self.maps.id(&m.display_name());
                self.never_assigned(id, m.span).then_some(())?;
                Some(match f {
                    "print" => Stmt::Print { map: id, span },
                    _ => Stmt::Clear { map: id, span },
                })
            }
            "delete" => {
                let Some(ast::Expr {
                    kind: ast::ExprKind::Map(m),
                    ..
                }) = args.first().filter(|_| args.len() == 1)
                else {
                    let d = Diagnostic::error(
                        "`delete` takes one map entry",
                        span,
                        "expected `delete(@name[key])`",
                    )
                    .with_help("e.g. `delete(@start[tid])`; to remove every entry, `clear(@name)`");
                    self.report(d);
                    return None;
                };
                let id = self.maps.id(&m.display_name());
                if m.keys.is_empty() && self.maps.key_count(id).is_some_and(|n| n > 0) {
                    let name = m.display_name();
                    let d = Diagnostic::error(
                        "`delete` needs the key of the entry to remove",
                        m.span,
                        "no key given",
                    )
                    .with_help(format!(
                        "write `delete({name}[key])`, or `clear({name})` to remove every entry"
                    ));
                    self.report(d);
                    return None;
                }
                let (id, keys) = self.map_ref(cx, m);
                self.never_assigned(id, m.span).then_some(())?;
                Some(Stmt::Delete {
                    map: id,
                    keys: keys?,
                    span,
                })
            }
            "exit" => match args {
                [] => Some(Stmt::Exit { span }),
                [first, ..] => {
                    let last = &args[args.len() - 1];
                    let d = Diagnostic::error(
                        "`exit` takes no argument",
                        first.span.to(last.span),
                        "unexpected argument",
                    )
                    .with_help("write `exit()`");
                    self.report(d);
                    None
                }
            },
            _ if AGGREGATIONS.contains(&f) => {
                let d = Diagnostic::error(
                    format!("`{f}` can only be the right side of a map assignment"),
                    span,
                    "its result is not stored",
                )
                .with_help(format!(
                    "store it in a map: `@name[keys] = {f}({})`",
                    if f == "count" { "" } else { "…" }
                ));
                self.report(d);
                None
            }
            _ => {
                self.unknown_function(func);
                None
            }
        }
    }

    /// The single `@map` argument of `print`/`clear`, without keys.
    fn whole_map_arg<'e>(
        &mut self,
        f: &str,
        args: &'e [ast::Expr],
        span: Span,
    ) -> Option<&'e ast::MapRef> {
        match args {
            [
                ast::Expr {
                    kind: ast::ExprKind::Map(m),
                    ..
                },
            ] if m.keys.is_empty() => Some(m),
            [
                ast::Expr {
                    kind: ast::ExprKind::Map(m),
                    ..
                },
            ] => {
                let name = m.display_name();
                let d = Diagnostic::error(
                    format!("`{f}` takes a whole map, not one entry"),
                    m.span,
                    "remove the key",
                )
                .with_help(format!("write `{f}({name})`"));
                self.report(d);
                None
            }
            [other] => {
                let d = Diagnostic::error(format!("`{f}` takes a map"), other.span, "not a map")
                    .with_help(format!("e.g. `{f}(@)` or `{f}(@name)`"));
                self.report(d);
                None
            }
            _ => {
                let d = Diagnostic::error(
                    format!("`{f}` takes one map"),
                    span,
                    format!("expected `{f}(@name)`"),
                )
                .with_help(format!("e.g. `{f}(@)`; one call per map"));
                self.report(d);
                None
            }
        }
    }

    /// A call inside an expression: aggregations and statement calls are misplaced there.
    pub(super) fn call_in_expr(&mut self, cx: &mut Cx, func: &ast::Ident, args: &[ast::Expr]) {
        let f = func.name.as_str();
        // Check the arguments anyway, so mistakes inside are reported too.
        for arg in args {
            if !matches!(arg.kind, ast::ExprKind::Map(_)) {
                let _ = self.expr(cx, arg);
            }
        }
        let d = if AGGREGATIONS.contains(&f) {
            Diagnostic::error(
                format!("`{f}` can only be the whole right side of a map assignment"),
                func.span,
                "used inside an expression",
            )
            .with_help(format!(
                "assign it on its own: `@name[keys] = {f}({})`",
                if f == "count" { "" } else { "…" }
            ))
        } else if FUNCTIONS.contains(&f) {
            Diagnostic::error(
                format!("`{f}` does not return a value"),
                func.span,
                "used as a value",
            )
            .with_help(format!("call `{f}(…)` as a statement of its own"))
        } else {
            self.unknown_function(func);
            return;
        };
        self.report(d);
    }

    fn unknown_function(&mut self, func: &ast::Ident) {
        let f = func.name.as_str();
        let d = Diagnostic::error(
            format!("unknown function `{f}`"),
            func.span,
            "not a function",
        );
        let all = format!("functions: {}", FUNCTIONS.join(", "));
        let is_builtin = crate::catalog::COMMON_BUILTINS.iter().any(|b| b.name == f)
            || self
                .catalog
                .probes
                .iter()
                .any(|p| p.builtins().iter().any(|b| b.name == f));
        let d = match did_you_mean(f, FUNCTIONS.iter().copied()) {
            Some(s) => d.with_help(format!("did you mean `{s}`?")).with_note(all),
            None if is_builtin => d.with_help(format!(
                "`{f}` is a builtin value: write it without parentheses"
            )),
            None => d.with_help(all),
        };
        self.report(d);
    }
}

/// The hint for a map read in its own update: bpftrace's `@n[k] = @n[k] + 1` is `count()`,
/// `@n[k] = @n[k] + X` is `sum(X)`.
fn update_hint(map: &ast::MapRef, value: &ast::Expr) -> String {
    let target = match map.keys.iter().map(simple_text).collect::<Option<Vec<_>>>() {
        Some(keys) if !keys.is_empty() => format!("{}[{}]", map.display_name(), keys.join(", ")),
        Some(_) => map.display_name(),
        None => format!("{}[…]", map.display_name()),
    };
    let is_target = |e: &ast::Expr| matches!(&e.kind, ast::ExprKind::Map(m) if m.display_name() == map.display_name());
    let added = match &value.kind {
        ast::ExprKind::Binary {
            op: ast::BinOp::Add,
            lhs,
            rhs,
        } if is_target(lhs) => Some(rhs),
        ast::ExprKind::Binary {
            op: ast::BinOp::Add,
            lhs,
            rhs,
        } if is_target(rhs) => Some(lhs),
        _ => None,
    };
    match added.map(|e| (&e.kind, simple_text(e))) {
        Some((ast::ExprKind::Int(1), _)) => {
            format!("to count events, write `{target} = count()`")
        }
        Some((_, Some(x))) => format!("to add up `{x}`, write `{target} = sum({x})`"),
        _ => format!(
            "to count events, write `{target} = count()`; to add up a value, `{target} = sum(VALUE)`"
        ),
    }
}

/// A key or operand as written, when it is a single word (`comm`, `$x`, `args.pid`, `4096`).
fn simple_text(e: &ast::Expr) -> Option<String> {
    match &e.kind {
        ast::ExprKind::Ident(id) => Some(id.name.clone()),
        ast::ExprKind::Local(id) => Some(format!("${}", id.name.trim_start_matches('$'))),
        ast::ExprKind::Int(n) => Some(n.to_string()),
        ast::ExprKind::Field { base, field } => {
            simple_text(base).map(|b| format!("{b}.{}", field.name))
        }
        _ => None,
    }
}

/// An argument for "e.g. `sum(…)`" hints: the probe's first builtin with a unit, else `1`.
fn example_value(cx: &Cx) -> &'static str {
    let builtins = cx.probe.map(|p| p.builtins()).unwrap_or_default();
    let with_unit = builtins
        .iter()
        .find(|b| matches!(b.ty, Type::Int(u) if u != crate::types::Unit::Plain));
    with_unit.map_or("1", |b| b.name)
}
