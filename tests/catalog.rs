//! The completeness test (rust-analyzer's tidy idea applied to the probe catalog): each probe in
//! `stdlib::catalog()` has a section in docs/probes.md and in docs/LANGUAGE.md, an example in
//! `examples/` that uses it, and, when it can run in the kernel, a codegen golden in
//! `tests/data/golden/` whose script uses it. The probes that cannot run yet are listed below
//! as a known gap, and the list must stay exact: a probe that gains a code generator fails this
//! test until it leaves the list and gets its golden.

use std::collections::BTreeSet;
use std::path::Path;

use compiler::catalog::{ModifierValue, Probe};
use compiler::diag::Sources;
use compiler::tracefs::TracefsEnv;

use crate::check;

/// FIXME: these probes are checked (`--check`) but have no code generator yet: `offcpu` and
/// `futex` need per-thread state across two events (DESIGN §4), `interval`, `BEGIN` and `END`
/// need the runtime to run user-space blocks. Until then they have no golden.
const NOT_RUNNABLE_YET: &[&str] = &[];

/// Parts to ask `hooks` with, for probes that take `:` parts (`tracepoint:sched:sched_switch`).
fn sample_parts(p: &dyn Probe) -> Vec<String> {
    match p.parts() {
        [] => Vec::new(),
        ["category", "name"] => vec!["sched".into(), "sched_switch".into()],
        ["name"] => vec!["sched_switch".into()],
        other => panic!(
            "`{}` takes parts {other:?}: teach sample_parts a real example of them",
            p.name()
        ),
    }
}

/// Whether a clause of `p` with its default modifiers gives kernel hooks.
fn can_run(p: &dyn Probe) -> bool {
    let defaults: Vec<ModifierValue> = p
        .modifiers()
        .iter()
        .filter_map(|m| {
            m.default.map(|value| ModifierValue {
                name: m.name,
                value,
            })
        })
        .collect();
    // Span probes (`offcpu`, `futex`) are lowered by their shape, not by hooks.
    p.shape() != compiler::catalog::Shape::Event || !p.hooks(&sample_parts(p), &defaults).is_empty()
}

/// How a probe is written in section headings: `profile`, `tracepoint:CATEGORY:NAME`.
fn shape(p: &dyn Probe) -> String {
    match p.parts() {
        [] => p.name().to_string(),
        parts => {
            let parts: Vec<String> = parts.iter().map(|s| s.to_uppercase()).collect();
            format!("{}:{}", p.name(), parts.join(":"))
        }
    }
}

/// The probes each `.fs` file in `dir` uses (checked against the fixture, aliases resolved).
fn probes_used_in(dir: &Path) -> Vec<(String, BTreeSet<&'static str>)> {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let mut out = Vec::new();
    for path in check::files_with_ext(dir, "fs") {
        let text = std::fs::read_to_string(&path).expect("read script");
        let name = path.display().to_string();
        let mut sources = Sources::new();
        let file = sources.add(name.clone(), text.clone());
        let script = compiler::syntax::parse(file, &text)
            .unwrap_or_else(|d| panic!("{name} does not parse:\n{}", sources.render(&[d])));
        let (program, diags) = compiler::sema::check(&script, stdlib::catalog(), &env);
        let program =
            program.unwrap_or_else(|| panic!("{name} does not check:\n{}", sources.render(&diags)));
        let used = program.clauses.iter().map(|c| c.probe.name).collect();
        out.push((name, used));
    }
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_probe_is_documented_exemplified_and_golden() {
    let probes_md = std::fs::read_to_string(root().join("docs/probes.md")).expect("probes.md");
    let language_md =
        std::fs::read_to_string(root().join("docs/LANGUAGE.md")).expect("LANGUAGE.md");
    let examples = probes_used_in(&root().join("examples"));
    let goldens = probes_used_in(&check::data_dir("golden"));
    let mut failures = Vec::new();
    let mut runnable = 0;
    for p in stdlib::catalog().probes {
        let name = p.name();
        let heading = format!("## `{}`\n", shape(*p));
        if !probes_md.contains(&heading) {
            failures.push(format!(
                "{name}: docs/probes.md has no `{}`",
                heading.trim()
            ));
        }
        let heading = format!("### `{}`\n", shape(*p));
        if !language_md.contains(&heading) {
            failures.push(format!(
                "{name}: docs/LANGUAGE.md has no section `{}`",
                heading.trim()
            ));
        }
        if !examples.iter().any(|(_, used)| used.contains(name)) {
            failures.push(format!("{name}: no example in examples/ uses it"));
        }
        match (can_run(*p), NOT_RUNNABLE_YET.contains(&name)) {
            (true, false) => {
                runnable += 1;
                if !goldens.iter().any(|(_, used)| used.contains(name)) {
                    failures.push(format!(
                        "{name}: runs in the kernel but no tests/data/golden/*.fs uses it"
                    ));
                }
            }
            (false, true) => {}
            (true, true) => failures.push(format!(
                "{name}: can run now: take it off NOT_RUNNABLE_YET and give it a golden"
            )),
            (false, false) => failures.push(format!(
                "{name}: gives no kernel hooks, yet is not listed in NOT_RUNNABLE_YET"
            )),
        }
    }
    for gap in NOT_RUNNABLE_YET {
        if stdlib::catalog().find(gap).is_none() {
            failures.push(format!(
                "NOT_RUNNABLE_YET names `{gap}`, not in the catalog"
            ));
        }
    }
    assert!(
        runnable >= 4,
        "only {runnable} runnable probes: is can_run broken?"
    );
    check::finish(failures);
}
