//! Hints for a parse error inside a probe's spelling, which need the probe catalog and so
//! cannot come from `syntax` (which knows no probe): bpftrace's `profile:hz:99` is written
//! `profile hz 99` here, `interval:s:1` is `interval every 1s`, and its other providers
//! (`uprobe:/bin/bash:readline`, `software:cpu-clock`, …) are not supported yet.
//!
//! It reads the clause's first word as written (up to the first space, `{`, `<` or `/`) and
//! only adds a hint to an error that has none; it never changes what is an error.

use crate::catalog::{Catalog, ModifierArg};
use crate::diag::Diagnostic;

/// bpftrace's providers that flamescript has no probe for yet.
pub const NOT_YET: &[&str] = &[
    "kprobe",
    "kretprobe",
    "uprobe",
    "uretprobe",
    "usdt",
    "kfunc",
    "kretfunc",
    "fentry",
    "fexit",
    "rawtracepoint",
    "rt",
    "software",
    "hardware",
    "watchpoint",
    "asyncwatchpoint",
    "iter",
    "k",
    "kr",
    "u",
    "ur",
    "U",
    "f",
    "fr",
    "s",
    "h",
    "w",
    "aw",
];

/// Time units a bpftrace probe spelling may name, in ns.
const TIME_UNITS: &[(&str, u64)] = &[("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000)];

/// `d` with a hint when its position is inside a clause's probe spelling and one applies.
pub fn probe_hint(d: Diagnostic, text: &str, catalog: Catalog) -> Diagnostic {
    if d.help.is_some() {
        return d;
    }
    match spelling_at(text, d.primary.span.start).and_then(|s| hint(s, catalog)) {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// The word with a `:` that `pos` is in or right after, when it opens a clause (nothing but a
/// block's end or the start of the script before it).
fn spelling_at(text: &str, pos: usize) -> Option<&str> {
    let stop = |c: char| c.is_whitespace() || "{}<>".contains(c);
    let head = text.get(..pos)?;
    let start = head.rfind(stop).map_or(0, |i| i + 1);
    let mut before = text[..start].trim_end();
    // Comment lines between clauses (a file's header) do not count.
    while let Some((rest, last)) = before.rsplit_once('\n').or(Some(("", before)))
        && (last.trim_start().starts_with("//") || last.trim_start().starts_with('#'))
    {
        before = rest.trim_end();
    }
    let opens_clause = before.is_empty() || before.ends_with(['}', '>']) || before.ends_with("*/");
    let end = text[start..]
        .find(|c: char| stop(c))
        .map_or(text.len(), |i| start + i);
    let word = &text[start..end];
    (opens_clause && word.contains(':')).then_some(word)
}

fn hint(spelling: &str, catalog: Catalog) -> Option<String> {
    let parts: Vec<&str> = spelling.split(':').collect();
    let provider = parts[0];
    let Some(probe) = catalog.find(provider) else {
        let ours: Vec<&str> = catalog.probes.iter().map(|p| p.name()).collect();
        return Some(format!(
            "`{provider}` probes are not supported yet; flamescript's are: {} (`flamescript -l` lists \
             tracepoints)",
            ours.join(", ")
        ));
    };
    let name = probe.name();
    if !probe.parts().is_empty() {
        return spelling.contains(['*', '?']).then(|| {
            "probe names are exact, without wildcards; `flamescript -l PATTERN` lists those \
             that match"
                .to_string()
        });
    }
    // bpftrace's `NAME:UNIT:N` or `NAME:Nunit`: a modifier here.
    let (unit, n) = match parts[1..] {
        [unit, n] => (unit, n),
        [value] => {
            let digits = value.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
            (&value[digits..], &value[..digits])
        }
        _ => ("", ""),
    };
    let n: Option<u64> = n.parse().ok();
    let example = |m: &str, v: String| format!("write `{name} {m} {v}`: settings are modifiers");
    for m in probe.modifiers() {
        match (m.arg, n) {
            (ModifierArg::Int { .. }, Some(n)) if m.name == unit => {
                return Some(example(m.name, n.to_string()));
            }
            (ModifierArg::Int { .. }, Some(n)) if m.name == "hz" => {
                // A period (`profile:ms:10`) is a rate here: 1 s divided by it.
                let ns = TIME_UNITS.iter().find(|(u, _)| *u == unit)?.1;
                let hz = 1_000_000_000 / (n.max(1) * ns).max(1);
                return Some(example(m.name, hz.max(1).to_string()));
            }
            (ModifierArg::Duration { .. }, Some(n))
                if TIME_UNITS.iter().any(|(u, _)| *u == unit) =>
            {
                return Some(example(m.name, format!("{n}{unit}")));
            }
            _ => {}
        }
    }
    let first = probe.modifiers().first()?;
    Some(format!(
        "`{name}` takes no `:` parts; settings are modifiers after it, e.g. `{name} {}`",
        first.name
    ))
}
