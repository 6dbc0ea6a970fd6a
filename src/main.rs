//! The `flamescript` binary: command line, REPL and output; the only code that prints.

fn main() {}
