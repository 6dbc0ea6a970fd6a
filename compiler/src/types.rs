//! Types and units of flamescript values, and how units flow through arithmetic.
//!
//! A number may carry a dimension (time or bytes) with a scale: `delta` is time in units of 1 ns,
//! `delta / 1000` time in units of 1000 ns (µs). Carrying the scale keeps the metric's unit right
//! all the way to a tooltip ("12.3 ms", not "12300000"). Two different dimensions never meet
//! (`delta + bytes` is an error); a plain number adopts the other side's unit (bpftrace habits such
//! as `delta > 1000000` keep working). This module does no I/O and knows nothing of probes.

use std::fmt;

/// A number's dimension and the size of one unit of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A plain number (a count, an id, an address).
    Plain,
    /// Time; one unit is `scale` nanoseconds.
    Time { scale: u64 },
    /// Data size; one unit is `scale` bytes.
    Bytes { scale: u64 },
}

impl Unit {
    pub const NS: Unit = Unit::Time { scale: 1 };
    pub const BYTES: Unit = Unit::Bytes { scale: 1 };

    pub fn dimension(self) -> &'static str {
        match self {
            Unit::Plain => "plain number",
            Unit::Time { .. } => "duration",
            Unit::Bytes { .. } => "size",
        }
    }

    /// Multiplies or divides the scale by a constant; `None` when no longer exact.
    fn rescale(self, mul: u64, div: u64) -> Option<Unit> {
        let f = |s: u64| -> Option<u64> {
            let n = s.checked_mul(mul)?;
            (n % div == 0 && n / div > 0).then_some(n / div)
        };
        match self {
            Unit::Plain => Some(Unit::Plain),
            Unit::Time { scale } => f(scale).map(|scale| Unit::Time { scale }),
            Unit::Bytes { scale } => f(scale).map(|scale| Unit::Bytes { scale }),
        }
    }

    /// The unit's name for humans: "ns", "µs", "ms", "s", "bytes", "KiB", or "" for plain.
    pub fn name(self) -> String {
        match self {
            Unit::Plain => String::new(),
            Unit::Time { scale } => match scale {
                1 => "ns".into(),
                1_000 => "us".into(),
                1_000_000 => "ms".into(),
                1_000_000_000 => "s".into(),
                s => format!("x{s}ns"),
            },
            Unit::Bytes { scale } => match scale {
                1 => "bytes".into(),
                1024 => "KiB".into(),
                1_048_576 => "MiB".into(),
                1_073_741_824 => "GiB".into(),
                s => format!("x{s}B"),
            },
        }
    }
}

/// What kind of stack a `kstack`/`ustack` value holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StackKind {
    Kernel,
    User,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// A 64-bit integer with its unit.
    Int(Unit),
    Bool,
    /// A bounded string (`comm` is 16 bytes).
    Str {
        len: u32,
    },
    Stack(StackKind),
    /// No value (a statement-like call such as `print`).
    Void,
}

impl Type {
    pub const PLAIN: Type = Type::Int(Unit::Plain);

    pub fn is_int(self) -> bool {
        matches!(self, Type::Int(_) | Type::Bool)
    }

    pub fn unit(self) -> Unit {
        match self {
            Type::Int(u) => u,
            _ => Unit::Plain,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Int(Unit::Plain) => write!(f, "integer"),
            Type::Int(u @ Unit::Time { .. }) => write!(f, "duration ({})", u.name()),
            Type::Int(u @ Unit::Bytes { .. }) => write!(f, "size ({})", u.name()),
            Type::Bool => write!(f, "bool"),
            Type::Str { .. } => write!(f, "string"),
            Type::Stack(StackKind::Kernel) => write!(f, "kernel stack"),
            Type::Stack(StackKind::User) => write!(f, "user stack"),
            Type::Void => write!(f, "nothing"),
        }
    }
}

/// Why two units could not be combined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitError {
    /// Two different dimensions: `delta + bytes`.
    Mismatch(Unit, Unit),
    /// The same dimension at different scales: `delta / 1000 + delta`.
    Scale(Unit, Unit),
    /// A product or ratio with no meaning here: `delta * delta`, `5 / delta`.
    Meaningless(Unit, Unit),
}

/// `a + b`, `a - b`, comparisons, `min`/`max` of two values: the dimensions must agree.
pub fn unify(a: Unit, b: Unit) -> Result<Unit, UnitError> {
    match (a, b) {
        (Unit::Plain, u) | (u, Unit::Plain) => Ok(u),
        (Unit::Time { .. }, Unit::Time { .. }) | (Unit::Bytes { .. }, Unit::Bytes { .. }) => {
            if a == b {
                Ok(a)
            } else {
                Err(UnitError::Scale(a, b))
            }
        }
        _ => Err(UnitError::Mismatch(a, b)),
    }
}

/// `a * b`: a dimension times a plain number keeps its dimension (`delta * 2` is still time).
pub fn multiply(a: Unit, b: Unit) -> Result<Unit, UnitError> {
    match (a, b) {
        (Unit::Plain, Unit::Plain) => Ok(Unit::Plain),
        (u, Unit::Plain) | (Unit::Plain, u) => Ok(u),
        _ => Err(UnitError::Meaningless(a, b)),
    }
}

/// `a / b`. When b is a literal constant, the result's scale grows by it (`delta / 1000` is µs).
pub fn divide(a: Unit, b: Unit, constant: Option<u64>) -> Result<Unit, UnitError> {
    match (a, b) {
        (Unit::Plain, Unit::Plain) => Ok(Unit::Plain),
        (u, Unit::Plain) => Ok(match constant {
            Some(c) if c > 0 => u.rescale(c, 1).unwrap_or(Unit::Plain),
            // Divided by a run-time value: the number no longer has a known scale.
            _ => Unit::Plain,
        }),
        (Unit::Plain, _) => Err(UnitError::Meaningless(a, b)),
        // A ratio of two like quantities is a plain number.
        _ => match unify(a, b) {
            Ok(_) => Ok(Unit::Plain),
            Err(_) if a.dimension() == b.dimension() => Ok(Unit::Plain),
            Err(e) => Err(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_flow() {
        assert_eq!(
            divide(Unit::NS, Unit::Plain, Some(1000)),
            Ok(Unit::Time { scale: 1000 })
        );
        assert_eq!(Unit::Time { scale: 1000 }.name(), "us");
        assert!(matches!(
            unify(Unit::NS, Unit::BYTES),
            Err(UnitError::Mismatch(..))
        ));
        assert_eq!(unify(Unit::NS, Unit::Plain), Ok(Unit::NS));
        assert!(multiply(Unit::NS, Unit::NS).is_err());
        assert_eq!(divide(Unit::NS, Unit::NS, None), Ok(Unit::Plain));
        assert_eq!(divide(Unit::NS, Unit::Plain, None), Ok(Unit::Plain));
    }
}
