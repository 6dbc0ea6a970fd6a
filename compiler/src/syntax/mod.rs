//! Script text → [`ast::Script`]. pest does the parsing (`grammar.pest`); `build` turns pest's
//! pairs into the AST and pest's errors into diagnostics. Knows nothing of probes.

pub mod ast;
