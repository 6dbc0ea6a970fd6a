//! Fuzz target: `syntax::parse` on arbitrary UTF-8 never panics, and neither does what a user's
//! run does next with the result (the tree dump, or rendering the diagnostic against the text).
//! It checks no output: the snapshot tests in tests/parse.rs own correctness.

#![no_main]

use compiler::diag::Sources;
use compiler::syntax::{parse, print};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut sources = Sources::new();
    let file = sources.add("fuzz.fs", text);
    match parse(file, text) {
        Ok(script) => {
            let _ = print::print(&script);
        }
        Err(d) => {
            let _ = sources.render(&[d]);
        }
    }
});
