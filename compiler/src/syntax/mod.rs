//! Script text → [`ast::Script`]. pest does the parsing (`grammar.pest`); `build` turns pest's
//! pairs into the AST and pest's errors into diagnostics, after `scan` has refused what must
//! never reach a recursive parser (too deep nesting, binary junk). `print` dumps the tree.
//! Knows nothing of probes: `offcpu` is an identifier here, given meaning by `sema`.
//!
//! pest cannot recover from an error, so [`parse`] reports the first problem only.

pub mod ast;
mod build;
pub mod print;
mod scan;

use crate::diag::{Diagnostic, FileId};

/// Parses one source. Never panics, whatever the text; the error is the first problem found.
#[allow(
    clippy::result_large_err,
    reason = "a parse stops at its first error, so a Diagnostic is moved once per parse: boxing buys nothing"
)]
pub fn parse(file: FileId, text: &str) -> Result<ast::Script, Diagnostic> {
    build::parse(file, text)
}
