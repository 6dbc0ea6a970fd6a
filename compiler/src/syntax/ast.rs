//! The abstract syntax tree: types only, every node with its [`Span`].
//!
//! Produced by `syntax::build` (the only code that sees pest), consumed by `sema` and printed by
//! `syntax::print`. The tree says nothing about probes: `offcpu` is just an [`Ident`] here; the
//! catalog gives it meaning in `sema`.

use crate::diag::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A whole script: its clauses in source order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    pub clauses: Vec<Clause>,
    pub span: Span,
}

/// `PROBE [modifiers] [/filter/] BLOCK`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub probe: ProbeRef,
    pub modifiers: Vec<Modifier>,
    pub filter: Option<Expr>,
    pub body: Block,
    pub span: Span,
}

/// `name` or `name:part:part` (e.g. `tracepoint:sched:sched_switch`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeRef {
    pub name: Ident,
    pub parts: Vec<Ident>,
    pub span: Span,
}

/// `hz 99`, `min 1ms`, `user`: a word and at most one literal argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Modifier {
    pub name: Ident,
    // Invariant: when present, a literal (Int, Duration, Size or Str).
    pub arg: Option<Expr>,
    pub span: Span,
}

/// `< stmts >` or `{ stmts }`: both mean the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StmtKind {
    /// `@name[keys] = value` (the value is often an aggregation call: `count()`, `sum(x)`).
    MapAssign { map: MapRef, value: Expr },
    /// `$name = value`
    LocalAssign { name: Ident, value: Expr },
    /// `if (cond) { … } else …`
    If {
        cond: Expr,
        then: Block,
        otherwise: Option<Box<Else>>,
    },
    /// A bare expression: in practice a call such as `print(@x)`, `delete(@x[k])`, `exit()`.
    Expr(Expr),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Else {
    Block(Block),
    /// `else if …`: the nested statement is always a `StmtKind::If`.
    If(Stmt),
}

/// `@`, `@name`, `@[k1, k2]`, `@name[k]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapRef {
    /// `None` for the anonymous map `@`.
    pub name: Option<Ident>,
    pub keys: Vec<Expr>,
    pub span: Span,
}

impl MapRef {
    /// The name as written, `@` included: `@`, `@lat`.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(n) => format!("@{}", n.name),
            None => "@".to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprKind {
    Int(u64),
    Str(String),
    /// A duration literal, normalised to nanoseconds (`1ms` → 1_000_000).
    Duration(u64),
    /// A size literal, normalised to bytes (`4KiB` → 4096).
    Size(u64),
    /// A builtin or other bare word: `pid`, `delta`, `kstack`, `args`.
    Ident(Ident),
    /// `$name`
    Local(Ident),
    /// A map read: `@name[k]`.
    Map(MapRef),
    /// `base.field` or `base->field` (bpftrace's spelling for `args->field`).
    Field {
        base: Box<Expr>,
        field: Ident,
    },
    /// `func(args…)`: aggregations, `print`, `delete`, `exit`, …
    Call {
        func: Ident,
        args: Vec<Expr>,
    },
    Unary {
        op: UnOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Not,
    BitNot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    BitOr,
    BitXor,
    BitAnd,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Shl,
    Shr,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

impl UnOp {
    pub fn symbol(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Not => "!",
            UnOp::BitNot => "~",
        }
    }
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "||",
            BinOp::And => "&&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Mod => "%",
        }
    }

    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        )
    }

    pub fn is_logical(self) -> bool {
        matches!(self, BinOp::Or | BinOp::And)
    }
}
