//! Human formatting of metric values: "12.3 ms", "4.0 MiB", "1,234", and the scale at which a
//! flame graph shows them.
//!
//! This module owns how a `compiler::types::Unit` is *written*; it does not decide units (sema
//! does) and does no I/O. Time is written with ASCII "us" rather than "µs" so that the same text
//! works in terminals, folded files and SVG attributes alike, as `Unit::name` does.

use compiler::types::Unit;

/// `value` (in units of `unit`) for humans, with three significant digits for scaled output.
pub fn format_value(value: u64, unit: Unit) -> String {
    // Values are 64-bit words: one that reads negative as a signed number is one
    // (`@y = -5`, `sum(delta - 1ms)`), never 18,446,744,073,709,551,611.
    if (value as i64) < 0 {
        return format!("-{}", format_value((value as i64).unsigned_abs(), unit));
    }
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

/// How many decimal places a profile's integer weights carry. Folded input may have fractional
/// counts (`main;foo 1.5`); they are kept exactly as integers in tenths, hundredths… (15 with
/// one place), and every renderer writes them back as the decimals they were.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Decimals(pub u32);

impl Decimals {
    /// The most places kept: a weight is a u64, and nanoseconds need no more.
    pub const MAX: u32 = 9;

    /// What one written unit is in stored units: 10^places.
    pub fn divisor(self) -> u64 {
        10u64.pow(self.0)
    }

    /// A stored weight as the decimal it stands for, without thousands separators and
    /// without trailing zeros: 15 with one place → "1.5", 20 → "2".
    pub fn plain(self, n: u64) -> String {
        let (int, frac) = (n / self.divisor(), n % self.divisor());
        self.with_fraction(int.to_string(), frac)
    }

    /// As [`plain`](Self::plain), with thousands separators: "1,234.5".
    pub fn human(self, n: u64) -> String {
        let (int, frac) = (n / self.divisor(), n % self.divisor());
        self.with_fraction(thousands(int), frac)
    }

    /// A stored weight as a float, for formats whose numbers are floats (speedscope).
    pub fn value(self, n: u64) -> f64 {
        match self.0 {
            0 => n as f64,
            // Parsing the decimal text gives the float nearest to it, exact where one is.
            _ => self
                .plain(n)
                .parse()
                .unwrap_or(n as f64 / self.divisor() as f64),
        }
    }

    fn with_fraction(self, int: String, frac: u64) -> String {
        if frac == 0 {
            return int;
        }
        let digits = format!("{frac:0width$}", width = self.0 as usize);
        format!("{int}.{}", digits.trim_end_matches('0'))
    }
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
    fn decimals_write_weights_exactly() {
        let one = Decimals(1);
        assert_eq!(one.plain(15), "1.5");
        assert_eq!(one.plain(20), "2");
        assert_eq!(one.plain(3), "0.3");
        assert_eq!(Decimals(3).plain(1_005), "1.005");
        assert_eq!(Decimals(2).human(12_345_675), "123,456.75");
        assert_eq!(Decimals(0).human(1_500), "1,500");
        assert_eq!(one.value(15), 1.5);
        assert_eq!(Decimals(2).value(10), 0.1);
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
