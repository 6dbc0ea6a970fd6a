//! Semantic checks: probes, modifiers, builtins, types and units, maps, locals.
//!
//! [`check`] takes a parsed script, the probe catalog and the kernel's tracepoint layouts, and
//! returns the typed [`checked::Program`] the IR lowering consumes, or the reasons it cannot.
//! It keeps going after an error and reports every one it finds; an expression that already
//! failed is "poisoned" (`None`) so one mistake does not cascade into many messages.
//!
//! One file per concern: `clause` (probe, `:` parts, modifiers), `expr` (builtins, `args`,
//! operators, units), `stmt` (statements, aggregations and other calls, locals), `maps` (the
//! script-wide map table), `describe` (the words messages use for types and lists).
//!
//! Maps are script-wide and may be read in a clause before the clause that assigns them, so the
//! check runs twice: a first, silent pass only collects each map's first use (its key types and
//! its value kind); the second pass checks every use against that and reports. Both passes run
//! the same code, so they cannot disagree. This module knows no concrete probe.

pub mod checked;
mod clause;
mod describe;
mod expr;
mod maps;
mod stmt;

use crate::catalog::{Catalog, Env};
use crate::diag::Diagnostic;
use crate::syntax::ast;

/// Checks `script` against `catalog` and `env`. Returns a program only when there is no error;
/// the diagnostics come in source order.
pub fn check(
    script: &ast::Script,
    catalog: Catalog,
    env: &dyn Env,
) -> (Option<checked::Program>, Vec<Diagnostic>) {
    let mut first = Checker::new(catalog, env, true);
    first.script(script);
    let mut second = Checker::new(catalog, env, false);
    second.maps = first.maps.restart();
    let clauses = second.script(script);
    if second.diags.iter().any(Diagnostic::is_error) {
        return (None, second.diags);
    }
    let maps = second.maps.decls();
    match (clauses, maps) {
        (Some(clauses), Some(maps)) => (Some(checked::Program { clauses, maps }), second.diags),
        // Unreachable without an error reported; stay honest rather than panic.
        _ => (None, second.diags),
    }
}

/// The state of one pass over the script.
pub(crate) struct Checker<'a> {
    catalog: Catalog<'a>,
    env: &'a dyn Env,
    /// The first pass is silent: it only fills the map table.
    quiet: bool,
    diags: Vec<Diagnostic>,
    maps: maps::MapTable,
}

impl<'a> Checker<'a> {
    fn new(catalog: Catalog<'a>, env: &'a dyn Env, quiet: bool) -> Checker<'a> {
        Checker {
            catalog,
            env,
            quiet,
            diags: Vec::new(),
            maps: maps::MapTable::default(),
        }
    }

    fn report(&mut self, d: Diagnostic) {
        if !self.quiet {
            self.diags.push(d);
        }
    }

    /// Every clause; `None` when any clause failed.
    fn script(&mut self, script: &ast::Script) -> Option<Vec<checked::Clause>> {
        let clauses: Vec<Option<checked::Clause>> =
            script.clauses.iter().map(|c| self.clause(c)).collect();
        clauses.into_iter().collect()
    }
}
