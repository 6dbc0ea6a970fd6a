//! Compiler micro-benchmarks: each ready-made script (`stdlib/scripts/*.fs`) through parse,
//! parse + check, and the whole pipeline (parse → check → lower → BPF → ELF), against the pinned
//! tracefs fixture the goldens use, so no kernel and no root are needed.
//!
//! `cargo bench -p flamescript-stdlib --bench compile`. Scripts whose probes cannot run yet
//! (the compiler refuses them) are measured through check only. Side-by-side comparisons with
//! other tools are benches/bench.py's job, not this file's.

use std::hint::black_box;
use std::path::Path;

use compiler::diag::Sources;
use compiler::lower::Options;
use compiler::tracefs::TracefsEnv;
use criterion::{Criterion, criterion_group, criterion_main};

fn scripts(c: &mut Criterion) {
    let env = TracefsEnv::at(Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/tracefs"));
    let catalog = flamescript_stdlib::catalog();
    for name in flamescript_stdlib::scripts::names() {
        let text = flamescript_stdlib::scripts::script(name).expect("a listed script has a text");
        let mut sources = Sources::new();
        let file = sources.add(name, text);
        c.bench_function(&format!("parse/{name}"), |b| {
            b.iter(|| compiler::syntax::parse(file, black_box(text)).ok())
        });
        c.bench_function(&format!("check/{name}"), |b| {
            b.iter(|| {
                let script = compiler::syntax::parse(file, black_box(text)).expect("parses");
                compiler::sema::check(&script, catalog, &env)
            })
        });
        let options = Options::default();
        if compiler::compile(file, text, catalog, &env, &options).is_ok() {
            c.bench_function(&format!("compile/{name}"), |b| {
                b.iter(|| compiler::compile(file, black_box(text), catalog, &env, &options))
            });
        }
    }
}

criterion_group!(benches, scripts);
criterion_main!(benches);
