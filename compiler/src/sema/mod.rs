//! Semantic checks: probes, modifiers, builtins, types and units, maps, locals.
//!
//! [`check`] takes a parsed script, the probe catalog and the kernel's tracepoint layouts, and
//! returns the typed [`checked::Program`] the IR lowering consumes, or the reasons it cannot.
//! It keeps going after an error and reports every one it finds; an expression that already
//! failed is "poisoned" (`None`) so one mistake does not cascade into many messages.
//!
//! One file per concern: `clause` (probe, `:` parts, modifiers), `expr` (builtins, `args`,
//! operators, units), `fold` (operators on constants), `stmt` (statements, aggregations and
//! other calls, locals), `maps` (the script-wide map table), `describe` (the words messages
//! use for types and lists).
//!
//! Maps are script-wide and may be read in a clause before the clause that assigns them, so the
//! check runs more than once: silent passes only collect each map's first use (its key types
//! and its value kind), repeated while they learn more (a copy of a copy needs one pass per
//! link); the last pass checks every use against that and reports. All passes run the same
//! code, so they cannot disagree. A map that is assigned but never gets a value, with no error
//! of its own, reads only maps without a value (`@x = @x + 1`): that read is reported, never
//! left as a silent failure. This module knows no concrete probe.

pub mod checked;
mod clause;
mod describe;
mod expr;
mod fold;
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
    // Silent passes until the map table stops growing (a map read before the map it is copied
    // from is assigned needs one more pass per link of the chain), and at least two, so the
    // last one starts with every map's assignments known.
    let mut table = maps::MapTable::default();
    let mut passes = 0;
    loop {
        let mut quiet = Checker::new(catalog, env, true);
        quiet.maps = table.restart();
        let before = quiet.maps.known();
        quiet.script(script);
        table = quiet.maps;
        passes += 1;
        if passes >= 2 && table.known() == before {
            break;
        }
    }
    let mut second = Checker::new(catalog, env, false);
    second.maps = table.restart();
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
    /// Errors found in this pass, reported or not (the silent passes count them too).
    errors: usize,
    maps: maps::MapTable,
    /// The map whose assignment is being checked, and the hint for reading it in its own
    /// update (`@n[comm] = count()`).
    assigning: Option<(checked::MapId, String)>,
}

impl<'a> Checker<'a> {
    fn new(catalog: Catalog<'a>, env: &'a dyn Env, quiet: bool) -> Checker<'a> {
        Checker {
            catalog,
            env,
            quiet,
            diags: Vec::new(),
            errors: 0,
            maps: maps::MapTable::default(),
            assigning: None,
        }
    }

    fn report(&mut self, d: Diagnostic) {
        if d.is_error() {
            self.errors += 1;
        }
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
