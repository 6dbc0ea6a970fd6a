//! Human formatting of metric values: "12.3 ms", "4.0 MiB", "1,234", and the scale at which a
//! flame graph shows them.
//!
//! This module owns how a `compiler::types::Unit` is *written*; it does not decide units (sema
//! does) and does no I/O. Time is written with ASCII "us" rather than "µs" so that the same text
//! works in terminals, folded files and SVG attributes alike, as `Unit::name` does.

use compiler::types::Unit;

/// `value` (in units of `unit`) for humans, with three significant digits for scaled output.
pub fn format_value(value: u64, unit: Unit) -> String {
    match unit {
        Unit::Plain => thousands(value),
        Unit::Time { scale } => format_ns(u128::from(value) * u128::from(scale)),
        Unit::Bytes { scale } => format_bytes(u128::from(value) * u128::from(scale)),
    }
}

/// A duration in nanoseconds: "850 ns", "12.3 us", "123 ms", "1.50 s".
pub fn format_ns(ns: u128) -> String {
    const STEPS: [(u128, &str); 3] = [(1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "us")];
    for (size, name) in STEPS {
        if ns >= size {
            return format!("{} {name}", three_digits(ns as f64 / size as f64));
        }
    }
    format!("{ns} ns")
}

/// A size in bytes: "512 bytes", "4.0 KiB", "1.5 GiB" (binary prefixes, one decimal).
pub fn format_bytes(bytes: u128) -> String {
    const STEPS: [(u128, &str); 4] = [
        (1 << 40, "TiB"),
        (1 << 30, "GiB"),
        (1 << 20, "MiB"),
        (1 << 10, "KiB"),
    ];
    for (size, name) in STEPS {
        if bytes >= size {
            return format!("{:.1} {name}", bytes as f64 / size as f64);
        }
    }
    format!("{bytes} bytes")
}

/// `1234567` → `"1,234,567"`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut res = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            res.push(',');
        }
        res.push(c);
    }
    res
}

/// Three significant digits without trailing noise: 1.50, 12.3, 123.
fn three_digits(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else if x >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

/// How a flame graph shows values: inferno takes integer counts and multiplies them by `factor`
/// for tooltips, naming them `count_name`.
#[derive(Clone, Debug, PartialEq)]
pub struct DisplayScale {
    pub factor: f64,
    pub count_name: String,
}

/// The display scale for a profile in `unit` whose plain values are called `plain_name`
/// ("samples", "events").
///
/// The choice, documented once: durations finer than a microsecond are shown in microseconds
/// (a tooltip "12,345 us" reads at a glance, "12,345,678 ns" does not, and sub-µs precision means
/// nothing in an off-CPU graph); coarser durations and all sizes keep their own unit, because
/// rounding them up would lose precision the script asked for.
pub fn display_scale(unit: Unit, plain_name: &str) -> DisplayScale {
    match unit {
        Unit::Plain => DisplayScale {
            factor: 1.0,
            count_name: plain_name.to_string(),
        },
        Unit::Time { scale } if scale < 1_000 => DisplayScale {
            factor: scale as f64 / 1_000.0,
            count_name: "us".into(),
        },
        Unit::Time { .. } | Unit::Bytes { .. } => DisplayScale {
            factor: 1.0,
            count_name: unit.name(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_human_units() {
        assert_eq!(format_value(12_345_678, Unit::NS), "12.3 ms");
        assert_eq!(format_value(850, Unit::NS), "850 ns");
        assert_eq!(
            format_value(1_500, Unit::Time { scale: 1_000_000 }),
            "1.50 s"
        );
        assert_eq!(format_value(4 << 20, Unit::BYTES), "4.0 MiB");
        assert_eq!(format_value(512, Unit::BYTES), "512 bytes");
        assert_eq!(format_value(3, Unit::Bytes { scale: 1024 }), "3.0 KiB");
        assert_eq!(format_value(1_234, Unit::Plain), "1,234");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn display_scales() {
        assert_eq!(
            display_scale(Unit::NS, "samples"),
            DisplayScale {
                factor: 0.001,
                count_name: "us".into()
            }
        );
        assert_eq!(
            display_scale(Unit::Time { scale: 1_000_000 }, "x").count_name,
            "ms"
        );
        assert_eq!(display_scale(Unit::BYTES, "x").count_name, "bytes");
        assert_eq!(display_scale(Unit::Plain, "samples").count_name, "samples");
    }
}
