//! Maps that are not flame graphs, printed as bpftrace prints them: `@name[key]: value` lines
//! sorted by value (largest last, next to the prompt), and log2 histograms with `@` bars. Values
//! are written in the metric's unit ("12.3 ms", "4.0 KiB").
//!
//! Owns the text only. Stack key parts are named through the same [`Symbolize`] trait as
//! `fold`, one frame per line, leaf first, as bpftrace prints stacks.

use compiler::artifact::{KeyKind, MapSpec, ValueSpec};
use compiler::types::Unit;

use crate::fold::{Frame, RawEntry, RawPart, RawValue};
use crate::losses::errno_name;
use crate::symbolize::Symbolize;
use crate::units::{format_bytes, format_ns, format_value, thousands};

/// Width of a full histogram bar, as bpftrace draws it.
const BAR_WIDTH: u64 = 52;

/// The whole map as text, one entry per line (or per block for histograms and stacks).
pub fn render(entries: &[RawEntry], spec: &MapSpec, sym: &mut dyn Symbolize) -> String {
    let kinds: Vec<&KeyKind> = spec
        .key
        .iter()
        .map(|p| &p.kind)
        .filter(|k| !matches!(k, KeyKind::Hidden))
        .collect();
    let name = if spec.display.is_empty() {
        "@"
    } else {
        spec.display.as_str()
    };
    let unit = value_unit(spec.value);
    let mut rows: Vec<(i128, String, String)> = entries
        .iter()
        .map(|e| {
            let key = key_text(name, &e.parts, &kinds, sym);
            let (sort, value) = value_text(&e.value, unit);
            (sort, key, value)
        })
        .collect();
    // Histograms read in key order; everything else ascending by value, like bpftrace.
    if matches!(spec.value, ValueSpec::Hist { .. }) {
        rows.sort_by(|a, b| a.1.cmp(&b.1));
    } else {
        rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    }
    let mut out = String::new();
    for (_, key, value) in rows {
        if value.contains('\n') {
            out.push_str(&format!("{key}:\n{value}\n"));
        } else {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    out
}

fn value_unit(value: ValueSpec) -> Unit {
    match value {
        ValueSpec::Sum(u)
        | ValueSpec::Min(u)
        | ValueSpec::Max(u)
        | ValueSpec::Avg(u)
        | ValueSpec::Last(u)
        | ValueSpec::Hist { unit: u, .. } => u,
        ValueSpec::Count | ValueSpec::Internal => Unit::Plain,
    }
}

/// `@name[a, b]`, or `@name` for a map without a key; stacks on their own lines.
fn key_text(name: &str, parts: &[RawPart], kinds: &[&KeyKind], sym: &mut dyn Symbolize) -> String {
    if parts.is_empty() {
        return name.to_string();
    }
    let texts: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(idx, part)| match part {
            RawPart::Int(n) => match kinds.get(idx) {
                Some(KeyKind::Int(unit @ (Unit::Time { .. } | Unit::Bytes { .. }))) => {
                    format_value(*n, *unit)
                }
                _ => n.to_string(),
            },
            RawPart::Str(s) => s.trim_end_matches('\0').to_string(),
            RawPart::Marker(label) => label.clone(),
            RawPart::StackError(errno) => format!("[lost: stack error {}]", errno_name(*errno)),
            RawPart::KernelStack { ips, .. } => stack_text(sym.kernel(ips)),
            RawPart::UserStack { tgid, ips, .. } => stack_text(sym.user(*tgid, ips)),
        })
        .collect();
    format!("{name}[{}]", texts.join(", "))
}

/// A stack as bpftrace prints it: a newline, then one frame per line, leaf first, indented.
fn stack_text(per_ip: Vec<Vec<Frame>>) -> String {
    let mut res = String::from("\n");
    for frames in per_ip {
        // Innermost (inlined) first within one address, to keep leaf-first order.
        for f in frames.iter().rev() {
            res.push_str(&format!("        {}\n", f.name));
        }
    }
    res
}

/// The value's text and its sort key. Sums, minima, maxima and assigned values are signed
/// (a script may subtract); counts and histogram buckets are not.
fn value_text(value: &RawValue, unit: Unit) -> (i128, String) {
    match value {
        RawValue::Count(n) => (i128::from(*n), thousands(*n)),
        RawValue::Sum(n) | RawValue::Min(n) | RawValue::Max(n) | RawValue::Last(n) => {
            (i128::from(*n as i64), format_value(*n, unit))
        }
        RawValue::Avg { sum, count } => {
            let avg = if *count == 0 {
                0
            } else {
                (*sum as i64) / (*count as i64).max(1)
            };
            (i128::from(avg), format_value(avg as u64, unit))
        }
        RawValue::Hist(buckets) => (
            buckets.iter().map(|&b| i128::from(b)).sum(),
            histogram(buckets, unit),
        ),
    }
}

/// A log2 histogram: `[lo, hi)  count |@@@@   |` lines from the first to the last non-empty
/// bucket. Bucket 0 holds zero, bucket i holds [2^(i-1), 2^i).
pub fn histogram(buckets: &[u64], unit: Unit) -> String {
    let first = buckets.iter().position(|&b| b > 0);
    let last = buckets.iter().rposition(|&b| b > 0);
    let (Some(first), Some(last)) = (first, last) else {
        return String::new();
    };
    let max = buckets.iter().copied().max().unwrap_or(1).max(1);
    let lines: Vec<(String, u64)> = (first..=last)
        .map(|idx| {
            let label = if idx == 0 {
                format!("[{}]", bound(0, unit))
            } else {
                let lo = 1u128 << (idx - 1);
                format!("[{}, {})", bound(lo, unit), bound(lo << 1, unit))
            };
            (label, buckets[idx])
        })
        .collect();
    let width = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let mut res: Vec<String> = Vec::new();
    for (label, n) in lines {
        let bar = "@".repeat((n * BAR_WIDTH / max) as usize);
        let pad = BAR_WIDTH as usize;
        res.push(format!("{label:<width$} {n:>8} |{bar:<pad$}|"));
    }
    res.join("\n")
}

/// A bucket bound in the histogram's unit: `4.0 KiB`, `1.02 us`, or bpftrace's `4K` for plain.
fn bound(x: u128, unit: Unit) -> String {
    match unit {
        Unit::Time { scale } => format_ns(x * u128::from(scale)),
        Unit::Bytes { scale } => format_bytes(x * u128::from(scale)),
        Unit::Plain => {
            const SUFFIXES: [(u32, &str); 4] = [(40, "T"), (30, "G"), (20, "M"), (10, "K")];
            for (shift, s) in SUFFIXES {
                if x >= 1 << shift && x.is_multiple_of(1 << shift) {
                    return format!("{}{s}", x >> shift);
                }
            }
            x.to_string()
        }
    }
}
