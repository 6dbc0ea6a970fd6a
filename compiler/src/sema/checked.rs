//! The checked program: what `sema` hands to the IR lowering.
//!
//! A [`Program`] exists only for a script without errors, so everything in it is resolved and
//! well-typed; the lowering never re-checks and never reports a user error.
//!
//! - Each [`Clause`] names its probe (name and index in the catalog), its modifiers with their
//!   values in base units (defaults filled in, so a modifier with a default is always there),
//!   what the probe resolved to (the tracepoint layout behind `args`, the kernel records its own
//!   builtins are read from), an optional filter and its statements.
//! - Every [`Expr`] carries its [`Type`] (with its unit: `delta / 1000` is a duration counted in
//!   µs). Literals are already in the unit of the value they meet: in `delta / 1000 > 1ms` the
//!   `1ms` is the number 1000.
//! - Builtins are named by where they come from ([`BuiltinRef`]); `args.FIELD` by the field's
//!   index in the clause's layout.
//! - Locals (`$x`) are slots numbered per clause ([`LocalId`]); a clause lists their types. The
//!   scope is flat: a local first assigned inside an `if` branch stays visible after the `if`,
//!   so the lowering zero-initialises every slot and a path that skipped the assignment reads 0.
//! - Maps are [`MapId`]s into [`Program::maps`], which gives each map its key types in order and
//!   its value kind and type, the same across the whole script.
//!
//! Shapes the lowering may rely on: aggregations appear only as [`MapOp`]s of a
//! [`Stmt::MapUpdate`]; stacks appear only as map keys; strings appear only as map keys or as an
//! operand of `==`/`!=` whose other side is a [`ExprKind::Str`] literal; filters and `if`
//! conditions are integers or booleans (non-zero is true).

use crate::catalog::{ModifierValue, ProgramKind, Resolved};
use crate::diag::Span;
use crate::syntax::ast::{BinOp, UnOp};
use crate::types::Type;

/// A whole checked script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    pub clauses: Vec<Clause>,
    pub maps: Vec<MapDecl>,
}

/// One `PROBE [modifiers] [/filter/] BLOCK`, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub probe: ProbeRef,
    /// The `:` parts as written (`["sched", "sched_switch"]`); empty for most probes.
    pub parts: Vec<String>,
    pub kind: ProgramKind,
    /// Written modifiers in source order, then the defaults of those not written.
    pub modifiers: Vec<ModifierValue>,
    pub resolved: Resolved,
    /// Run the block only when this is non-zero.
    pub filter: Option<Expr>,
    pub body: Vec<Stmt>,
    /// The type of each local slot, indexed by [`LocalId`].
    pub locals: Vec<LocalDecl>,
    pub span: Span,
}

/// The probe a clause uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProbeRef {
    /// The probe's own name (an alias such as `tp` is resolved to `tracepoint`).
    pub name: &'static str,
    /// Its index in the catalog the script was checked against.
    pub index: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalDecl {
    pub name: String,
    pub ty: Type,
}

/// A local slot of the enclosing clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LocalId(pub usize);

/// An index into [`Program::maps`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MapId(pub usize);

/// A map, as every use in the script agrees it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapDecl {
    /// As written: `@`, `@lat`.
    pub name: String,
    /// Key part types in order (empty: a single-value map). A string key's length is the longest
    /// string any use stores there.
    pub keys: Vec<Type>,
    pub value: ValueKind,
    /// The type of the stored value: the metric's unit for `sum(delta)` (ns); plain for `count`.
    pub value_ty: Type,
    /// The first assignment, for messages.
    pub span: Span,
}

impl MapDecl {
    /// A map keyed by a stack whose value adds up is drawn as a flame graph.
    pub fn is_flame_graph(&self) -> bool {
        self.keys.iter().any(|k| matches!(k, Type::Stack(_)))
            && matches!(self.value, ValueKind::Count | ValueKind::Sum)
    }
}

/// How a map's value is updated, decided by the right side of its assignments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueKind {
    Count,
    Sum,
    Min,
    Max,
    Avg,
    /// A power-of-two histogram.
    Hist,
    /// Plain assignment: the last value written.
    Last,
}

impl ValueKind {
    /// How scripts write it: `count()`, `sum(…)`, …, or `=` for plain assignment.
    pub fn describe(self) -> &'static str {
        match self {
            ValueKind::Count => "`count()`",
            ValueKind::Sum => "`sum(…)`",
            ValueKind::Min => "`min(…)`",
            ValueKind::Max => "`max(…)`",
            ValueKind::Avg => "`avg(…)`",
            ValueKind::Hist => "`hist(…)`",
            ValueKind::Last => "a plain value",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stmt {
    /// `@m[keys] = count() | sum(x) | … | x`
    MapUpdate {
        map: MapId,
        keys: Vec<Expr>,
        op: MapOp,
        span: Span,
    },
    /// `$x = value`
    LocalAssign {
        local: LocalId,
        value: Expr,
        span: Span,
    },
    If {
        cond: Expr,
        then: Vec<Stmt>,
        otherwise: Vec<Stmt>,
        span: Span,
    },
    /// `print(@m)`: print the map now (in user space; from the kernel, at the next read).
    Print { map: MapId, span: Span },
    /// `clear(@m)`: remove every entry.
    Clear { map: MapId, span: Span },
    /// `delete(@m[k])`: remove one entry.
    Delete {
        map: MapId,
        keys: Vec<Expr>,
        span: Span,
    },
    /// `exit()`: end the run as Ctrl-C would.
    Exit { span: Span },
}

/// The update a map assignment performs. The operand's type matches the map's `value_ty`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MapOp {
    Count,
    Sum(Expr),
    Min(Expr),
    Max(Expr),
    Avg(Expr),
    Hist(Expr),
    Assign(Expr),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprKind {
    /// A number, already in the unit of `ty` (see the module doc).
    Int(u64),
    /// A string literal: only ever compared with a string.
    Str(String),
    Builtin(BuiltinRef),
    /// `args.FIELD`: the index of the field in the clause's `resolved.args` layout.
    Arg {
        field: usize,
        name: String,
    },
    Local(LocalId),
    /// A map read (`@m[k]`); a key that is absent reads as 0.
    MapRead {
        map: MapId,
        keys: Vec<Expr>,
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

/// Where a builtin comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltinRef {
    /// `COMMON_BUILTINS[index]` (`pid`, `comm`, …).
    Common { index: usize, name: &'static str },
    /// The clause's probe's own `builtins()[index]` (`delta`, `bytes`, …).
    Probe { index: usize, name: &'static str },
}

impl BuiltinRef {
    pub fn name(self) -> &'static str {
        match self {
            BuiltinRef::Common { name, .. } | BuiltinRef::Probe { name, .. } => name,
        }
    }
}
