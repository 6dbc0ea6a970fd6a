//! The AST as an indented tree dump: one node per line, its kind, what it names or holds, and
//! its `start..end` byte span; children indented by two spaces, in source order.
//!
//! Used by `--emit ast` and the parser snapshot tests, so the output is deterministic and
//! changes only when the tree does. It is a debugging view, not a pretty-printer: turning the
//! tree back into source is a future `fmt`'s job. Names that are glued to their node (a call's
//! function, a field, a `$local`, a map's name) are shown inline without a span of their own.

use std::fmt::Write as _;

use super::ast::{Block, Clause, Else, Expr, ExprKind, MapRef, Script, Stmt, StmtKind};
use crate::diag::Span;

/// Dumps `script`; see the module doc for the format.
pub fn print(script: &Script) -> String {
    let mut p = Printer {
        out: String::new(),
        indent: 0,
    };
    p.line(format_args!("Script"), script.span);
    p.nested(|p| {
        for c in &script.clauses {
            p.clause(c);
        }
    });
    p.out
}

struct Printer {
    out: String,
    indent: usize,
}

impl Printer {
    fn line(&mut self, what: std::fmt::Arguments<'_>, span: Span) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        // Writing to a String cannot fail.
        let _ = writeln!(self.out, "{what} {}..{}", span.start, span.end);
    }

    fn nested(&mut self, f: impl FnOnce(&mut Printer)) {
        self.indent += 1;
        f(self);
        self.indent -= 1;
    }

    fn clause(&mut self, c: &Clause) {
        self.line(format_args!("Clause"), c.span);
        self.nested(|p| {
            p.line(format_args!("Probe {}", c.probe.name.name), c.probe.span);
            if !c.probe.parts.is_empty() {
                p.nested(|p| {
                    for part in &c.probe.parts {
                        p.line(format_args!("Part {}", part.name), part.span);
                    }
                });
            }
            for m in &c.modifiers {
                p.line(format_args!("Modifier {}", m.name.name), m.span);
                if let Some(arg) = &m.arg {
                    p.nested(|p| p.expr(arg));
                }
            }
            if let Some(f) = &c.filter {
                p.line(format_args!("Filter"), f.span);
                p.nested(|p| p.expr(f));
            }
            p.block(&c.body);
        });
    }

    fn block(&mut self, b: &Block) {
        self.line(format_args!("Block"), b.span);
        self.nested(|p| {
            for s in &b.stmts {
                p.stmt(s);
            }
        });
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::MapAssign { map, value } => {
                self.line(format_args!("MapAssign"), s.span);
                self.nested(|p| {
                    p.map(map);
                    p.expr(value);
                });
            }
            StmtKind::LocalAssign { name, value } => {
                self.line(format_args!("LocalAssign ${}", name.name), s.span);
                self.nested(|p| p.expr(value));
            }
            StmtKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.line(format_args!("If"), s.span);
                self.nested(|p| {
                    p.expr(cond);
                    p.block(then);
                    match otherwise.as_deref() {
                        Some(Else::Block(b)) => {
                            p.line(format_args!("Else"), b.span);
                            p.nested(|p| p.block(b));
                        }
                        Some(Else::If(stmt)) => {
                            p.line(format_args!("Else"), stmt.span);
                            p.nested(|p| p.stmt(stmt));
                        }
                        None => {}
                    }
                });
            }
            StmtKind::Expr(e) => {
                self.line(format_args!("ExprStmt"), s.span);
                self.nested(|p| p.expr(e));
            }
        }
    }

    fn map(&mut self, m: &MapRef) {
        self.line(format_args!("Map {}", m.display_name()), m.span);
        self.nested(|p| {
            for k in &m.keys {
                p.expr(k);
            }
        });
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Int(n) => self.line(format_args!("Int {n}"), e.span),
            ExprKind::Str(s) => self.line(format_args!("Str {s:?}"), e.span),
            ExprKind::Duration(ns) => self.line(format_args!("Duration {ns}ns"), e.span),
            ExprKind::Size(b) => self.line(format_args!("Size {b}B"), e.span),
            ExprKind::Ident(id) => self.line(format_args!("Ident {}", id.name), e.span),
            ExprKind::Local(id) => self.line(format_args!("Local ${}", id.name), e.span),
            ExprKind::Map(m) => self.map(m),
            ExprKind::Field { base, field } => {
                self.line(format_args!("Field {}", field.name), e.span);
                self.nested(|p| p.expr(base));
            }
            ExprKind::Call { func, args } => {
                self.line(format_args!("Call {}", func.name), e.span);
                self.nested(|p| {
                    for a in args {
                        p.expr(a);
                    }
                });
            }
            ExprKind::Unary { op, operand } => {
                self.line(format_args!("Unary {}", op.symbol()), e.span);
                self.nested(|p| p.expr(operand));
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.line(format_args!("Binary {}", op.symbol()), e.span);
                self.nested(|p| {
                    p.expr(lhs);
                    p.expr(rhs);
                });
            }
        }
    }
}
