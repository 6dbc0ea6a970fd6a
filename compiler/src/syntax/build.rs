//! pest's pairs → [`ast`], and pest's errors → [`Diagnostic`]s in human words.
//!
//! This is the only file that names pest's `Rule`. It owns the operator precedence table (one
//! Pratt parser for the three expression variants of the grammar), the meaning of literals
//! (units, escapes, overflow) and the wording of syntax errors. It does not own what the words
//! mean: a probe or builtin name is just an identifier here; `sema` checks it.

#![allow(
    clippy::result_large_err,
    reason = "a parse stops at its first error, so a Diagnostic is moved once per parse: boxing buys nothing"
)]

use std::sync::LazyLock;

use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::ast;
use super::scan::{self, MAX_NESTING, Scan};
use crate::diag::{Diagnostic, FileId, Span};

#[derive(pest_derive::Parser)]
#[grammar = "syntax/grammar.pest"]
struct Grammar;

/// How deep an expression tree may grow. Brackets are limited by the pre-scan, but a long flat
/// chain (`1 + 1 + … + 1`) also builds a deep tree, and every later pass walks it recursively.
const MAX_EXPR_DEPTH: usize = 2 * MAX_NESTING;

/// Lowest to highest precedence, as DESIGN.md §2 lists them.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    let l = |r| Op::infix(r, Assoc::Left);
    PrattParser::new()
        .op(l(Rule::or))
        .op(l(Rule::and))
        .op(l(Rule::bitor))
        .op(l(Rule::bitxor))
        .op(l(Rule::bitand))
        .op(l(Rule::eq) | l(Rule::ne))
        .op(l(Rule::lt) | l(Rule::le) | l(Rule::gt) | l(Rule::ge))
        .op(l(Rule::shl) | l(Rule::shr))
        .op(l(Rule::add) | l(Rule::sub))
        .op(l(Rule::mul) | l(Rule::div) | l(Rule::rem))
        .op(Op::prefix(Rule::neg) | Op::prefix(Rule::not) | Op::prefix(Rule::bitnot))
        .op(Op::postfix(Rule::field_dot) | Op::postfix(Rule::field_arrow))
});

pub(crate) fn parse(file: FileId, text: &str) -> Result<ast::Script, Diagnostic> {
    // A UTF-8 byte order mark (some Windows editors write one) opens the file: read it as
    // three spaces, so every byte offset, and so every span, stays the same.
    let unmarked;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            unmarked = format!("   {rest}");
            unmarked.as_str()
        }
        None => text,
    };
    let scan = scan::scan(file, text)?;
    let b = Builder { file };
    match Grammar::parse(Rule::script, text) {
        Ok(mut pairs) => match pairs.next() {
            Some(script) => b.script(script, text),
            None => Err(internal(file, "the grammar produced no script")),
        },
        Err(err) => Err(b.syntax_error(text, &scan, &err)),
    }
}

/// Whether a rule can end in implicit whitespace: the non-atomic rules that have inner pairs.
/// Atomic ones (tokens) cannot, and must not be descended into: a string ends with its quote,
/// which is not a pair.
fn has_trailing_skip(r: Rule) -> bool {
    matches!(
        r,
        Rule::script
            | Rule::script_lenient
            | Rule::clause
            | Rule::clause_lenient
            | Rule::modifier
            | Rule::filter
            | Rule::angle_block
            | Rule::angle_block_lenient
            | Rule::brace_block
            | Rule::map_assign
            | Rule::local_assign
            | Rule::expr_stmt
            | Rule::angle_map_assign
            | Rule::angle_local_assign
            | Rule::angle_expr_stmt
            | Rule::if_stmt
            | Rule::else_if
            | Rule::else_block
            | Rule::cond
            | Rule::expr
            | Rule::expr_angle
            | Rule::expr_filter
            | Rule::paren
            | Rule::call
            | Rule::map_ref
            | Rule::map_keys
    )
}

/// An error that only a bug in this file can cause; still a diagnostic, never a panic.
fn internal(file: FileId, what: &str) -> Diagnostic {
    Diagnostic::error(
        format!("internal parser error: {what}"),
        Span::new(file, 0, 0),
        "here",
    )
    .with_note("this is a bug in flamescript; please report it with the script")
}

struct Builder {
    file: FileId,
}

type Res<T> = Result<T, Diagnostic>;

impl Builder {
    /// The pair's span without trailing whitespace and comments. pest leaves them inside a
    /// rule that ends in an optional or repeated part (`map_ref` without keys, `expr` with no
    /// operator), so the end is taken from the last token instead.
    fn span(&self, p: &Pair<'_, Rule>) -> Span {
        let start = p.as_span().start();
        let mut last = p.clone();
        while has_trailing_skip(last.as_rule()) {
            match last.clone().into_inner().last() {
                Some(inner) => last = inner,
                None => break,
            }
        }
        Span::new(self.file, start, last.as_span().end())
    }

    fn ident(&self, p: &Pair<'_, Rule>) -> ast::Ident {
        ast::Ident {
            name: p.as_str().to_string(),
            span: self.span(p),
        }
    }

    fn script(&self, pair: Pair<'_, Rule>, text: &str) -> Res<ast::Script> {
        let span = Span::new(self.file, 0, text.len());
        let mut clauses = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::clause => clauses.push(self.clause(p)?),
                Rule::EOI => {}
                r => return Err(self.unexpected_rule(&p, r)),
            }
        }
        if clauses.is_empty() {
            let at = Span::new(self.file, 0, 0);
            return Err(Diagnostic::error("the script has no clauses", at, "nothing to run")
                .with_help("a script is `PROBE [modifiers] [/filter/] < … >`, for example: profile hz 99 < @[kstack] = count() >"));
        }
        Ok(ast::Script { clauses, span })
    }

    fn unexpected_rule(&self, p: &Pair<'_, Rule>, r: Rule) -> Diagnostic {
        let mut d = internal(self.file, &format!("unexpected {r:?}"));
        d.primary.span = self.span(p);
        d
    }

    fn clause(&self, pair: Pair<'_, Rule>) -> Res<ast::Clause> {
        let span = self.span(&pair);
        let mut probe = None;
        let mut modifiers = Vec::new();
        let mut filter = None;
        let mut body = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::probe => probe = Some(self.probe(p)),
                Rule::modifier => modifiers.push(self.modifier(p)?),
                Rule::filter => filter = Some(self.filter(p)?),
                Rule::angle_block | Rule::angle_block_lenient | Rule::brace_block => {
                    body = Some(self.block(p)?)
                }
                r => return Err(self.unexpected_rule(&p, r)),
            }
        }
        match (probe, body) {
            (Some(probe), Some(body)) => Ok(ast::Clause {
                probe,
                modifiers,
                filter,
                body,
                span,
            }),
            _ => Err(internal(self.file, "a clause without probe or body")),
        }
    }

    fn probe(&self, pair: Pair<'_, Rule>) -> ast::ProbeRef {
        let span = self.span(&pair);
        let mut idents = pair.into_inner().map(|p| self.ident(&p));
        // The grammar guarantees at least one identifier; an empty name only on a bug.
        let name = idents.next().unwrap_or(ast::Ident {
            name: String::new(),
            span,
        });
        ast::ProbeRef {
            name,
            parts: idents.collect(),
            span,
        }
    }

    fn modifier(&self, pair: Pair<'_, Rule>) -> Res<ast::Modifier> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let Some(name) = inner.next() else {
            return Err(internal(self.file, "a modifier without a name"));
        };
        let arg = match inner.next() {
            Some(p) => Some(self.literal(p)?),
            None => None,
        };
        Ok(ast::Modifier {
            name: self.ident(&name),
            arg,
            span,
        })
    }

    fn filter(&self, pair: Pair<'_, Rule>) -> Res<ast::Expr> {
        for p in pair.into_inner() {
            if p.as_rule() == Rule::expr_filter {
                return self.expr(p);
            }
        }
        Err(internal(self.file, "a filter without an expression"))
    }

    fn block(&self, pair: Pair<'_, Rule>) -> Res<ast::Block> {
        let span = self.span(&pair);
        let mut stmts = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::angle_open | Rule::angle_close | Rule::brace_open | Rule::brace_close => {}
                _ => stmts.push(self.stmt(p)?),
            }
        }
        Ok(ast::Block { stmts, span })
    }

    fn stmt(&self, pair: Pair<'_, Rule>) -> Res<ast::Stmt> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner = pair.into_inner();
        let kind = match rule {
            Rule::map_assign | Rule::angle_map_assign => {
                let (Some(map), Some(_), Some(value)) = (inner.next(), inner.next(), inner.next())
                else {
                    return Err(internal(self.file, "a malformed map assignment"));
                };
                ast::StmtKind::MapAssign {
                    map: self.map_ref(map)?,
                    value: self.expr(value)?,
                }
            }
            Rule::local_assign | Rule::angle_local_assign => {
                let (Some(local), Some(_), Some(value)) =
                    (inner.next(), inner.next(), inner.next())
                else {
                    return Err(internal(self.file, "a malformed assignment"));
                };
                ast::StmtKind::LocalAssign {
                    name: self.local_name(&local),
                    value: self.expr(value)?,
                }
            }
            Rule::expr_stmt | Rule::angle_expr_stmt => match inner.next() {
                Some(e) => ast::StmtKind::Expr(self.expr(e)?),
                None => return Err(internal(self.file, "an empty expression statement")),
            },
            Rule::if_stmt => return self.if_stmt(span, inner),
            r => {
                let mut d = internal(self.file, &format!("unexpected {r:?}"));
                d.primary.span = span;
                return Err(d);
            }
        };
        Ok(ast::Stmt { kind, span })
    }

    /// `if (c) {…} else if (c) {…} … else {…}`: the grammar gives a flat list; the AST nests
    /// each `else if` inside the previous one, built from the back so nothing recurses.
    fn if_stmt(&self, span: Span, inner: Pairs<'_, Rule>) -> Res<ast::Stmt> {
        // (from this branch's `if` to its block's end, condition, block)
        let mut branches: Vec<(Span, ast::Expr, ast::Block)> = Vec::new();
        let mut otherwise: Option<ast::Block> = None;
        let mut start = span.start;
        let mut cond: Option<ast::Expr> = None;
        for p in inner {
            match p.as_rule() {
                Rule::kw_if => {}
                Rule::cond => cond = Some(self.cond(p)?),
                Rule::brace_block => {
                    let block = self.block(p)?;
                    let Some(c) = cond.take() else {
                        return Err(internal(self.file, "an `if` without a condition"));
                    };
                    branches.push((Span::new(self.file, start, block.span.end), c, block));
                }
                Rule::else_if => {
                    for q in p.into_inner() {
                        match q.as_rule() {
                            // The nested `if` starts at its `if`, not at the `else`.
                            Rule::kw_if => start = self.span(&q).start,
                            Rule::cond => cond = Some(self.cond(q)?),
                            Rule::brace_block => {
                                let block = self.block(q)?;
                                let Some(c) = cond.take() else {
                                    return Err(internal(
                                        self.file,
                                        "an `else if` without a condition",
                                    ));
                                };
                                let s = Span::new(self.file, start, block.span.end);
                                branches.push((s, c, block));
                            }
                            _ => {}
                        }
                    }
                }
                Rule::else_block => {
                    for q in p.into_inner() {
                        if q.as_rule() == Rule::brace_block {
                            otherwise = Some(self.block(q)?);
                        }
                    }
                }
                r => return Err(self.unexpected_rule(&p, r)),
            }
        }
        if branches.len() > MAX_NESTING {
            let (s, _, _) = &branches[MAX_NESTING];
            return Err(Diagnostic::error(
                format!("too many `else if` branches (limit {MAX_NESTING})"),
                *s,
                "one too many",
            )
            .with_help("split the chain into several `if` statements"));
        }
        let mut tail: Option<Box<ast::Else>> = otherwise.map(|b| Box::new(ast::Else::Block(b)));
        let mut res = None;
        while let Some((s, cond, then)) = branches.pop() {
            // Each branch spans from its `if` to the end of the whole chain.
            let s = Span::new(self.file, s.start, span.end);
            let stmt = ast::Stmt {
                kind: ast::StmtKind::If {
                    cond,
                    then,
                    otherwise: tail.take(),
                },
                span: s,
            };
            if branches.is_empty() {
                res = Some(stmt);
            } else {
                tail = Some(Box::new(ast::Else::If(stmt)));
            }
        }
        res.ok_or_else(|| internal(self.file, "an `if` without branches"))
    }

    fn cond(&self, pair: Pair<'_, Rule>) -> Res<ast::Expr> {
        for p in pair.into_inner() {
            if p.as_rule() == Rule::expr {
                return self.expr(p);
            }
        }
        Err(internal(self.file, "a condition without an expression"))
    }

    fn local_name(&self, pair: &Pair<'_, Rule>) -> ast::Ident {
        match pair.clone().into_inner().next() {
            Some(id) => self.ident(&id),
            None => self.ident(pair),
        }
    }

    fn map_ref(&self, pair: Pair<'_, Rule>) -> Res<ast::MapRef> {
        let span = self.span(&pair);
        let mut name = None;
        let mut keys = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::map_name => name = p.into_inner().next().map(|id| self.ident(&id)),
                Rule::map_keys => {
                    for k in p.into_inner() {
                        if k.as_rule() == Rule::expr {
                            keys.push(self.expr(k)?);
                        }
                    }
                }
                r => return Err(self.unexpected_rule(&p, r)),
            }
        }
        Ok(ast::MapRef { name, keys, span })
    }

    fn expr(&self, pair: Pair<'_, Rule>) -> Res<ast::Expr> {
        let (e, _) = self.expr_depth(pair)?;
        Ok(e)
    }

    /// An expression and the depth of its tree, which is capped at [`MAX_EXPR_DEPTH`].
    fn expr_depth(&self, pair: Pair<'_, Rule>) -> Res<(ast::Expr, usize)> {
        let file = self.file;
        let check = |e: ast::Expr, depth: usize| -> Res<(ast::Expr, usize)> {
            if depth > MAX_EXPR_DEPTH {
                return Err(Diagnostic::error(
                    format!("expression too deep (limit {MAX_EXPR_DEPTH})"),
                    e.span,
                    "this expression nests too deeply",
                )
                .with_help("split it into steps with `$locals`"));
            }
            Ok((e, depth))
        };
        PRATT
            .map_primary(|p| self.primary(p))
            .map_prefix(|op, rhs| {
                let (rhs, d) = rhs?;
                let op_kind = match op.as_rule() {
                    Rule::neg => ast::UnOp::Neg,
                    Rule::not => ast::UnOp::Not,
                    _ => ast::UnOp::BitNot,
                };
                let span = self.span(&op).to(rhs.span);
                let kind = ast::ExprKind::Unary {
                    op: op_kind,
                    operand: Box::new(rhs),
                };
                check(ast::Expr { kind, span }, d + 1)
            })
            .map_postfix(|lhs, op| {
                let (lhs, d) = lhs?;
                let span = lhs.span.to(self.span(&op));
                let Some(field) = op.into_inner().next() else {
                    return Err(internal(file, "a field access without a name"));
                };
                let kind = ast::ExprKind::Field {
                    base: Box::new(lhs),
                    field: self.ident(&field),
                };
                check(ast::Expr { kind, span }, d + 1)
            })
            .map_infix(|lhs, op, rhs| {
                let ((lhs, dl), (rhs, dr)) = (lhs?, rhs?);
                let op = match op.as_rule() {
                    Rule::or => ast::BinOp::Or,
                    Rule::and => ast::BinOp::And,
                    Rule::bitor => ast::BinOp::BitOr,
                    Rule::bitxor => ast::BinOp::BitXor,
                    Rule::bitand => ast::BinOp::BitAnd,
                    Rule::eq => ast::BinOp::Eq,
                    Rule::ne => ast::BinOp::Ne,
                    Rule::lt => ast::BinOp::Lt,
                    Rule::le => ast::BinOp::Le,
                    Rule::gt => ast::BinOp::Gt,
                    Rule::ge => ast::BinOp::Ge,
                    Rule::shl => ast::BinOp::Shl,
                    Rule::shr => ast::BinOp::Shr,
                    Rule::add => ast::BinOp::Add,
                    Rule::sub => ast::BinOp::Sub,
                    Rule::mul => ast::BinOp::Mul,
                    Rule::div => ast::BinOp::Div,
                    _ => ast::BinOp::Mod,
                };
                let span = lhs.span.to(rhs.span);
                let kind = ast::ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                };
                check(ast::Expr { kind, span }, dl.max(dr) + 1)
            })
            .parse(pair.into_inner())
    }

    fn primary(&self, pair: Pair<'_, Rule>) -> Res<(ast::Expr, usize)> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::number | Rule::string => return Ok((self.literal(pair)?, 1)),
            Rule::ident => ast::ExprKind::Ident(self.ident(&pair)),
            Rule::local => ast::ExprKind::Local(self.local_name(&pair)),
            Rule::map_ref => {
                let map = self.map_ref(pair)?;
                ast::ExprKind::Map(map)
            }
            Rule::call => {
                let mut func = None;
                let mut args = Vec::new();
                for p in pair.into_inner() {
                    match p.as_rule() {
                        Rule::ident => func = Some(self.ident(&p)),
                        Rule::expr => args.push(self.expr(p)?),
                        _ => {}
                    }
                }
                let Some(func) = func else {
                    return Err(internal(self.file, "a call without a name"));
                };
                ast::ExprKind::Call { func, args }
            }
            Rule::paren => {
                // Parentheses leave no node, but the inner expression's span grows to cover
                // them, so a parent's span never starts inside a bracket.
                for p in pair.into_inner() {
                    if p.as_rule() == Rule::expr {
                        let (mut e, d) = self.expr_depth(p)?;
                        e.span = span;
                        return Ok((e, d));
                    }
                }
                return Err(internal(self.file, "empty parentheses"));
            }
            r => {
                let mut d = internal(self.file, &format!("unexpected {r:?}"));
                d.primary.span = span;
                return Err(d);
            }
        };
        Ok((ast::Expr { kind, span }, 1))
    }

    fn literal(&self, pair: Pair<'_, Rule>) -> Res<ast::Expr> {
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::number => number(span, pair.as_str())?,
            Rule::string => ast::ExprKind::Str(unescape(span, pair.as_str())?),
            _ => {
                return Err(internal(
                    self.file,
                    "a literal that is neither number nor string",
                ));
            }
        };
        Ok(ast::Expr { kind, span })
    }
}

struct Unit {
    suffix: &'static str,
    factor: u64,
    duration: bool,
}

/// Largest first, which is the order a hint picks from.
const UNITS: &[Unit] = &[
    Unit {
        suffix: "s",
        factor: 1_000_000_000,
        duration: true,
    },
    Unit {
        suffix: "ms",
        factor: 1_000_000,
        duration: true,
    },
    Unit {
        suffix: "us",
        factor: 1_000,
        duration: true,
    },
    Unit {
        suffix: "ns",
        factor: 1,
        duration: true,
    },
    Unit {
        suffix: "GiB",
        factor: 1 << 30,
        duration: false,
    },
    Unit {
        suffix: "MiB",
        factor: 1 << 20,
        duration: false,
    },
    Unit {
        suffix: "KiB",
        factor: 1 << 10,
        duration: false,
    },
    Unit {
        suffix: "B",
        factor: 1,
        duration: false,
    },
];

const UNITS_HELP: &str = "durations are written in ns, us, ms or s; sizes in B, KiB, MiB or GiB";

/// A number token → Int, Duration or Size. The grammar lexes generously (see `number` in the
/// grammar); every malformed spelling is explained here.
fn number(span: Span, text: &str) -> Res<ast::ExprKind> {
    let too_large = |what: &str| {
        Diagnostic::error(format!("{what} too large"), span, "does not fit in 64 bits").with_help(
            "numbers are unsigned 64-bit integers: at most 18446744073709551615, about 584 \
                 years in ns or 16 EiB in bytes",
        )
    };
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        let digits: String = hex.chars().filter(|&c| c != '_').collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Diagnostic::error(
                format!("invalid hex literal `{text}`"),
                span,
                "not a hex number",
            )
            .with_help("hex literals are `0x` and the digits 0-9, a-f; they take no unit"));
        }
        return u64::from_str_radix(&digits, 16)
            .map(ast::ExprKind::Int)
            .map_err(|_| too_large("integer literal"));
    }
    let int_end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '_'))
        .unwrap_or(text.len());
    let (int_part, rest) = text.split_at(int_end);
    let (frac, suffix) = match rest.strip_prefix('.') {
        Some(r) => {
            let n = r
                .find(|c: char| !(c.is_ascii_digit() || c == '_'))
                .unwrap_or(r.len());
            (Some(&r[..n]), &r[n..])
        }
        None => (None, rest),
    };
    let unit = if suffix.is_empty() {
        None
    } else {
        match UNITS.iter().find(|u| u.suffix == suffix) {
            Some(u) => Some(u),
            None => return Err(unknown_unit(span, suffix)),
        }
    };
    let digits: String = int_part.chars().filter(|&c| c != '_').collect();
    if let Some(frac) = frac {
        let mut d = Diagnostic::error(
            format!("fractional number `{text}`"),
            span,
            "numbers are whole",
        );
        d = match fraction_hint(&digits, frac, unit) {
            Some(h) => d.with_help(format!("write {h}")),
            None if unit.is_none() => d.with_help("flamescript has whole numbers only"),
            None => d.with_help("write a whole number in a smaller unit"),
        };
        return Err(d);
    }
    let n: u64 = digits.parse().map_err(|_| too_large("integer literal"))?;
    Ok(match unit {
        None => ast::ExprKind::Int(n),
        Some(u) if u.duration => ast::ExprKind::Duration(
            n.checked_mul(u.factor)
                .ok_or_else(|| too_large("duration"))?,
        ),
        Some(u) => ast::ExprKind::Size(n.checked_mul(u.factor).ok_or_else(|| too_large("size"))?),
    })
}

fn unknown_unit(span: Span, suffix: &str) -> Diagnostic {
    if matches!(
        suffix,
        "KB" | "kB" | "kb" | "K" | "k" | "MB" | "M" | "GB" | "G" | "TB"
    ) {
        return Diagnostic::error(
            format!("ambiguous size unit `{suffix}`"),
            span,
            "1000 or 1024?",
        )
        .with_help("use KiB (1024) or write the number");
    }
    Diagnostic::error(format!("unknown unit `{suffix}`"), span, "not a unit").with_help(UNITS_HELP)
}

/// `1.5ms` → `1500us`: the value in the largest unit of its kind that keeps it whole.
fn fraction_hint(int_part: &str, frac: &str, unit: Option<&Unit>) -> Option<String> {
    let unit = unit?;
    let frac: String = frac.chars().filter(|&c| c != '_').collect();
    let scale = 10u128.checked_pow(u32::try_from(frac.len()).ok()?)?;
    let whole: u128 = format!("{int_part}{frac}").parse().ok()?;
    let base = whole.checked_mul(u128::from(unit.factor))?;
    if base % scale != 0 {
        return None;
    }
    let base = base / scale;
    UNITS
        .iter()
        .filter(|u| u.duration == unit.duration)
        .find(|u| base % u128::from(u.factor) == 0)
        .map(|u| format!("{}{}", base / u128::from(u.factor), u.suffix))
}

/// The text of a string token, quotes included → its value.
fn unescape(span: Span, text: &str) -> Res<String> {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else { break };
        out.push(match e {
            'n' => '\n',
            't' => '\t',
            '\\' => '\\',
            '"' => '"',
            _ => {
                // +1 for the opening quote.
                let start = span.start + 1 + at;
                let esc = Span::new(span.file, start, start + 1 + e.len_utf8());
                return Err(Diagnostic::error(
                    format!("unknown escape `\\{e}`"),
                    esc,
                    "not an escape",
                )
                .with_help("the escapes are \\n, \\t, \\\\ and \\\""));
            }
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Syntax errors.

/// What pest said it wanted, sorted into what a user would call it. The order is the priority
/// when pest wanted several things: the first kinds name the most specific mistake.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Want {
    /// A closing bracket of this kind (`(`, `[`, `{`, `<` block, `/` filter).
    Closer(char),
    /// `{` only: the block of an `if`.
    BraceOnly,
    /// `<`, `{` or `/`: a clause's filter or block.
    Block,
    /// An identifier where a probe (or a modifier) goes: pest says `ident` only there, since in
    /// expressions it reports the enclosing rule instead.
    Probe,
    /// The `(` of an `if` condition.
    Lparen,
    Expr,
    Assign,
    Operator,
    /// `if`: with `{`, what may follow `else`.
    KwIf,
    Other,
}

fn want(r: Rule) -> Want {
    match r {
        Rule::angle_close => Want::Closer('<'),
        Rule::brace_close => Want::Closer('{'),
        Rule::rparen => Want::Closer('('),
        Rule::rbracket => Want::Closer('['),
        Rule::filter_close => Want::Closer('/'),
        Rule::brace_open => Want::BraceOnly,
        Rule::angle_open | Rule::filter_open => Want::Block,
        // `script` when the very first clause cannot start.
        Rule::script | Rule::script_lenient | Rule::clause | Rule::probe | Rule::ident => {
            Want::Probe
        }
        Rule::lparen => Want::Lparen,
        Rule::neg
        | Rule::not
        | Rule::bitnot
        | Rule::number
        | Rule::string
        | Rule::local
        | Rule::map_ref
        | Rule::map_name
        | Rule::call
        | Rule::paren
        | Rule::expr
        | Rule::expr_angle
        | Rule::expr_filter => Want::Expr,
        Rule::or
        | Rule::and
        | Rule::bitor
        | Rule::bitxor
        | Rule::bitand
        | Rule::eq
        | Rule::ne
        | Rule::shl
        | Rule::le
        | Rule::lt
        | Rule::shr
        | Rule::ge
        | Rule::gt
        | Rule::add
        | Rule::sub
        | Rule::mul
        | Rule::div
        | Rule::rem
        | Rule::field_dot
        | Rule::field_arrow => Want::Operator,
        Rule::assign => Want::Assign,
        Rule::kw_if => Want::KwIf,
        _ => Want::Other,
    }
}

fn closer_name(kind: char) -> (&'static str, &'static str) {
    match kind {
        '<' => ("`>` to close the block", "the block opens here"),
        '{' => ("`}` to close the block", "the block opens here"),
        '(' => ("`)`", "to match this `(`"),
        '[' => ("`]`", "to match this `[`"),
        _ => ("`/` to end the filter", "the filter starts here"),
    }
}

/// The token at `pos`, as a user would name it in "unexpected …".
fn token_at(text: &str, pos: usize) -> Option<&str> {
    let rest = text.get(pos..)?;
    let first = rest.chars().next()?;
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let len = if first.is_ascii_digit() {
        // Numbers as the grammar lexes them, `1.5ms` included.
        rest.find(|c: char| !(word(c) || c == '.'))
            .unwrap_or(rest.len())
    } else if word(first) {
        rest.find(|c: char| !word(c)).unwrap_or(rest.len())
    } else {
        const TWO: &[&str] = &["||", "&&", "==", "!=", "<=", ">=", "<<", ">>", "->"];
        if TWO.iter().any(|t| rest.starts_with(t)) {
            2
        } else {
            first.len_utf8()
        }
    };
    Some(&rest[..len])
}

/// The text before `pos` without trailing whitespace (comments are not stripped: this only
/// serves hints, where a miss costs a hint, not correctness).
fn before(text: &str, pos: usize) -> &str {
    text.get(..pos).unwrap_or("").trim_end()
}

/// A hint for a syntax error that comes from another language's habit (bpftrace's above all),
/// read from the text around the error: `pos` where pest gave up, `tok` the token there. Only
/// consulted when the error has no hint of its own. Probe names are not known here: a probe's
/// spelling (`profile:hz:99`) gets its hint where the catalog is (`compiler::habits`).
fn habit_help(text: &str, scan: &Scan, pos: usize, tok: Option<&str>) -> Option<String> {
    let in_block = scan.open_at('{', pos).is_some() || scan.open_at('<', pos).is_some();
    let prev = before(text, pos);
    let next = text.get(pos..).unwrap_or("");
    let glued = pos > 0 && !text[..pos].ends_with(char::is_whitespace);
    let word_before = |w: &str| {
        // A keyword opening the statement pest gave up in: after the last `{`, `<` or `;`.
        let stmt = prev.rsplit(['{', ';', '<']).next().unwrap_or("");
        stmt.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|t| t == w)
    };
    let help = match tok? {
        _ if ["++", "--"].iter().any(|op| {
            let half = &op[..1];
            prev.ends_with(op)
                || next.starts_with(op)
                || (prev.ends_with(half) && next.starts_with(half))
        }) =>
        {
            "there is no `++` or `--`: count events into a map with `@name[keys] = count()`, or \
             set a local with `$x = $x + 1`"
        }
        "=" if prev.ends_with(['+', '-', '*', '/', '%', '|', '&', '^']) => {
            "there is no compound assignment (`+=`): add values up with `@name[keys] = sum(VALUE)`, \
             or set a local with `$x = $x + VALUE`"
        }
        "'" => "strings are written in double quotes: `comm == \"bash\"`",
        t if t.starts_with(|c: char| c.is_ascii_digit()) && prev.ends_with('$') => {
            "positional parameters (`$1`) are not supported: write the value itself \
             (`pid == 1234`), or trace one process with `-p PID`"
        }
        ":" if next.starts_with(":=") => "assignment is written `=`",
        "?" => "there is no `?:` operator: set a local in `if (…) { $x = … } else { $x = … }`",
        _ if word_before("while") || word_before("for") || word_before("unroll") => {
            "loops are not supported: the block runs once for each event"
        }
        "*" if !glued || prev.ends_with(['(', '=', ',']) => {
            "pointer dereferences are not supported: a tracepoint's fields are read with \
             `args.FIELD`"
        }
        "*" => "probe names are exact, without wildcards; `flamescript -l` lists them",
        "[" => "only maps take keys (`@name[key]`): other values cannot be indexed",
        t if t.starts_with(|c: char| c.is_ascii_alphabetic()) && prev.ends_with(')') => {
            "there are no casts: values are 64-bit integers; keep the low 32 bits with \
             `& 0xffffffff`"
        }
        "," => "one probe per clause: write a clause for each probe (they share their maps)",
        ";" => "the block follows the probe and its modifiers: `PROBE [modifiers] { … }`",
        "-" if !glued && next[1..].starts_with(|c: char| c.is_ascii_digit()) => {
            "a modifier's value is not negative: e.g. `hz 99`, `min 1ms`"
        }
        "}" | ">" if !in_block => {
            "this closes nothing: remove it, or open the block it was meant to close"
        }
        "/" if prev.ends_with(['}', '>']) => {
            "a filter goes between the probe and its block: `PROBE /filter/ { … }`"
        }
        _ => return None,
    };
    Some(help.to_string())
}

impl Builder {
    fn syntax_error(&self, text: &str, scan: &Scan, err: &pest::error::Error<Rule>) -> Diagnostic {
        let pos = match err.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
        let d = self.syntax_error_plain(text, scan, err);
        if d.help.is_some() {
            return d;
        }
        let tok = token_at(text, pos);
        let Some(help) = habit_help(text, scan, pos, tok) else {
            return d;
        };
        let inside = match (
            scan.open_at('{', pos),
            scan.open_at('<', pos),
            scan.open_at('/', pos),
        ) {
            (None, None, Some(_)) => Some("filter"),
            (None, None, None) => None,
            _ => Some("block"),
        };
        match (d.message.as_str(), inside) {
            // pest backed out of the block and wanted the next clause; inside a block that
            // is not what went wrong.
            ("expected a probe name", Some(inside)) => Diagnostic {
                message: format!("unexpected `{}` in this {inside}", tok.unwrap_or("")),
                notes: Vec::new(),
                ..d
            }
            .with_help(help),
            _ => d.with_help(help),
        }
    }

    fn syntax_error_plain(
        &self,
        text: &str,
        scan: &Scan,
        err: &pest::error::Error<Rule>,
    ) -> Diagnostic {
        let pos = match err.location {
            InputLocation::Pos(p) => p,
            InputLocation::Span((s, _)) => s,
        };
        let positives: Vec<Rule> = match &err.variant {
            ErrorVariant::ParsingError { positives, .. } => positives.clone(),
            ErrorVariant::CustomError { message } => {
                // pest's own guard against running out of stack; the pre-scan should make it
                // unreachable, but if it fires the user still gets a sentence.
                let span = Span::new(self.file, pos, pos);
                return Diagnostic::error("script too deeply nested", span, message.clone())
                    .with_help("simplify the nesting of brackets and operators");
            }
        };
        // A `>` that closed a `< … >` block too early explains more than whatever pest tripped
        // over after it.
        if let Some(d) = self.early_angle_close(text, scan, pos) {
            return d;
        }
        let tok = token_at(text, pos);
        let end = pos + tok.map_or(0, str::len);
        let span = Span::new(self.file, pos, end);
        let found = match tok {
            None => "unexpected end of input".to_string(),
            Some(t) if t.trim().is_empty() => "unexpected whitespace".to_string(),
            Some(t) => format!("unexpected `{t}`"),
        };
        if let Some(c) = tok.and_then(|t| t.chars().next())
            && !c.is_ascii()
        {
            if c == '\u{feff}' {
                // Zero-width: a caret under it would not show, so it points at what follows.
                let after = Span::new(self.file, pos, pos + c.len_utf8() + 1);
                return Diagnostic::error(
                    "unexpected byte order mark (U+FEFF) inside the script",
                    after,
                    "an invisible U+FEFF is here",
                )
                .with_help("delete it (it often comes with text pasted from a Windows editor)");
            }
            return Diagnostic::error(
                format!("unexpected character `{c}`"),
                span,
                "not part of the language",
            )
            .with_note("outside strings and comments, scripts are plain ASCII");
        }
        let mut wants: Vec<Want> = positives.iter().map(|&r| want(r)).collect();
        wants.sort();
        wants.dedup();
        let is_keyword = matches!(tok, Some("if" | "else"));
        let keyword_help = |d: Diagnostic| match is_keyword {
            true => d.with_help(format!(
                "`{}` is a keyword and cannot name anything",
                tok.unwrap_or("")
            )),
            false => d,
        };
        // The innermost unclosed bracket pest would have accepted a closer for.
        let closer = wants
            .iter()
            .filter_map(|w| match w {
                Want::Closer(k) => scan.open_at(*k, pos).map(|open| (open, *k)),
                _ => None,
            })
            .max();
        if let Some((open, kind)) = closer {
            let (what, opened) = closer_name(kind);
            let d = Diagnostic::error(format!("expected {what}"), span, found)
                .with_secondary(Span::new(self.file, open, open + 1), opened);
            let d = keyword_help(d);
            if d.help.is_some() || habit_help(text, scan, pos, tok).is_some() {
                return d;
            }
            let closer = what.split('`').nth(1).unwrap_or("");
            let open_char = &text[open..open + 1];
            let opener = match tok {
                Some(")") => Some('('),
                Some("]") => Some('['),
                Some("}") => Some('{'),
                _ => None,
            };
            return d.with_help(match (tok, opener) {
                (None, _) => format!("the script ends first: add `{closer}`"),
                (Some(t), Some(o)) if scan.open_at(o, pos).is_none() => {
                    format!("this `{t}` matches nothing: remove it")
                }
                (Some(_), _) => format!(
                    "add `{closer}` before this, or remove the `{open_char}` it would match"
                ),
            });
        }
        match wants.first() {
            Some(Want::BraceOnly) if wants.contains(&Want::KwIf) => {
                Diagnostic::error("expected `{` or `if` after `else`", span, found)
                    .with_help("the blocks of `if` and `else` are written in braces: `else { … }`")
            }
            Some(Want::BraceOnly) if wants.len() == 1 => {
                Diagnostic::error("expected `{`", span, found).with_help(
                    "the blocks of `if` and `else` are written in braces: `if (…) { … }`",
                )
            }
            Some(Want::BraceOnly | Want::Block) => {
                let d = Diagnostic::error("expected a block: `< … >` or `{ … }`", span, found);
                // What came just before the unexpected token decides the hint.
                let after_filter = scan.brackets.iter().any(|b| {
                    b.kind == '/'
                        && b.close
                            .is_some_and(|c| c < pos && before(text, pos).len() == c + 1)
                });
                let literal =
                    tok.is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit() || c == '"'));
                match (after_filter, literal) {
                    (true, _) => d.with_help("a `/` ends the filter: write division in parentheses there, as in `/(a / b) > 2/`"),
                    (false, true) => d.with_help("a value belongs to a modifier word before it, as in `hz 99` or `min 1ms`"),
                    (false, false) => d,
                }
            }
            // `field_dot` and `field_arrow` are atomic: pest names their `ident` too.
            Some(Want::Probe) if text[..pos].ends_with("->") || text[..pos].ends_with('.') => {
                Diagnostic::error("expected a field name", span, found)
                    .with_help("a field follows `.` or `->` directly, as in `args->bytes`")
            }
            Some(Want::Probe) if before(text, pos).ends_with(':') => {
                let d = Diagnostic::error("expected a probe name after `:`", span, found);
                match tok {
                    Some("*" | "?") => d.with_help(
                        "probe names are exact, without wildcards; `flamescript -l` lists them",
                    ),
                    _ => d,
                }
            }
            Some(Want::Probe) => {
                keyword_help(Diagnostic::error("expected a probe name", span, found)).with_note(
                    "a script is a list of clauses: `PROBE [modifiers] [/filter/] < … >`",
                )
            }
            Some(Want::Lparen) if before(text, pos).ends_with("if") => {
                Diagnostic::error("expected `(`", span, found)
                    .with_help("the condition of `if` goes in parentheses: `if (…) { … }`")
            }
            Some(Want::Lparen) => Diagnostic::error("expected `(`", span, found),
            Some(Want::Expr) => {
                keyword_help(Diagnostic::error("expected an expression", span, found))
            }
            Some(Want::Assign) => Diagnostic::error("expected `=`", span, found),
            Some(Want::Operator) => Diagnostic::error("expected an operator", span, found),
            Some(Want::KwIf | Want::Other | Want::Closer(_)) | None => {
                Diagnostic::error(found, span, "not expected here")
            }
        }
    }

    /// Whether the strict parse failed because a `>`, `>=` or `>>` at the top of a statement
    /// closed its `< … >` block; if so, the diagnostic that says so. Two ways to tell:
    ///
    /// * Locally: the token before `pos` (where pest gave up) is a `>` that closed a block, and
    ///   what follows it can only continue an expression (`=` of `>=`, `>` of `>>`, an operand).
    /// * Globally: re-parsing with every `< … >` block taking full expressions succeeds; then
    ///   the culprit is the last such operator before `pos`.
    fn early_angle_close(&self, text: &str, scan: &Scan, pos: usize) -> Option<Diagnostic> {
        if let Some(gt) = before(text, pos).len().checked_sub(1) {
            // `get`: the last character before `pos` may be multi-byte; then it is no `>`.
            let closed_block = text.get(gt..).is_some_and(|t| t.starts_with('>'))
                && scan
                    .brackets
                    .iter()
                    .any(|b| b.kind == '<' && b.close == Some(gt));
            let next = text[pos..].chars().next();
            let op_len = match next {
                Some('=' | '>') if pos == gt + 1 => Some(2),
                Some(c) if c.is_ascii_digit() || "($@\"-!~".contains(c) => Some(1),
                _ => None,
            };
            if let (true, Some(len)) = (closed_block, op_len) {
                return Some(self.angle_close_diag(scan, gt, &text[gt..gt + len]));
            }
        }
        let script = Grammar::parse(Rule::script_lenient, text).ok()?.next()?;
        let mut best: Option<Pair<'_, Rule>> = None;
        for clause in script.into_inner() {
            for block in clause
                .into_inner()
                .filter(|p| p.as_rule() == Rule::angle_block_lenient)
            {
                for stmt in block.into_inner() {
                    let top = match stmt.as_rule() {
                        Rule::map_assign | Rule::local_assign | Rule::expr_stmt => {
                            stmt.into_inner().find(|p| p.as_rule() == Rule::expr)
                        }
                        _ => None,
                    };
                    for op in top.into_iter().flat_map(|e| e.into_inner()) {
                        let closes = matches!(op.as_rule(), Rule::gt | Rule::ge | Rule::shr);
                        if closes && op.as_span().start() < pos {
                            best = Some(op);
                        }
                    }
                }
            }
        }
        let op = best?;
        Some(self.angle_close_diag(scan, op.as_span().start(), op.as_str()))
    }

    fn angle_close_diag(&self, scan: &Scan, at: usize, op: &str) -> Diagnostic {
        let span = Span::new(self.file, at, at + op.len());
        let mut d = Diagnostic::error(
            format!("`{op}` closes the `< >` block here"),
            span,
            "this ends the block",
        )
        .with_help("wrap the comparison in parentheses inside `< >`, or use `{ }`");
        if let Some(open) = scan.open_at('<', at) {
            d = d.with_secondary(Span::new(self.file, open, open + 1), "the block opens here");
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(suffix: &str) -> Option<&'static Unit> {
        UNITS.iter().find(|u| u.suffix == suffix)
    }

    #[test]
    fn fraction_hints_pick_the_largest_whole_unit() {
        assert_eq!(
            fraction_hint("1", "5", unit("ms")).as_deref(),
            Some("1500us")
        );
        assert_eq!(
            fraction_hint("1", "25", unit("s")).as_deref(),
            Some("1250ms")
        );
        assert_eq!(
            fraction_hint("0", "5", unit("us")).as_deref(),
            Some("500ns")
        );
        assert_eq!(
            fraction_hint("2", "5", unit("GiB")).as_deref(),
            Some("2560MiB")
        );
        assert_eq!(fraction_hint("1", "5", unit("B")), None);
        assert_eq!(fraction_hint("1", "5", None), None);
        // More fraction digits than any unit resolves, and more than u128 holds: no hint.
        assert_eq!(fraction_hint("1", "0000000001", unit("ns")), None);
        assert_eq!(fraction_hint("1", &"1".repeat(60), unit("s")), None);
    }

    #[test]
    fn numbers_normalise_to_base_units() {
        let span = Span::default();
        let n = |t: &str| number(span, t).ok();
        assert_eq!(n("0"), Some(ast::ExprKind::Int(0)));
        assert_eq!(n("1_000"), Some(ast::ExprKind::Int(1000)));
        assert_eq!(n("0xff"), Some(ast::ExprKind::Int(255)));
        assert_eq!(n("2s"), Some(ast::ExprKind::Duration(2_000_000_000)));
        assert_eq!(n("4KiB"), Some(ast::ExprKind::Size(4096)));
        assert_eq!(
            n("18446744073709551615ns"),
            Some(ast::ExprKind::Duration(u64::MAX))
        );
        assert_eq!(
            n("18446744073709551615B"),
            Some(ast::ExprKind::Size(u64::MAX))
        );
        for bad in [
            "0x",
            "0xg",
            "1KB",
            "1m",
            "1.5",
            "1ms2",
            "18446744073709551616",
            "17179869184GiB",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }
}
