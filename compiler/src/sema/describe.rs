//! The words diagnostics use: a type with its article, a list of names, a duration or size
//! written back the way a script would write it, and the hints that go with a misused value.

use crate::types::{StackKind, Type};

/// "a duration (ns)", "an integer", "a string".
pub(crate) fn a(ty: Type) -> String {
    let s = ty.to_string();
    // "a user stack": the vowel letter of "user" sounds like "you".
    let vowel = s.starts_with(['a', 'e', 'i', 'o', 'u']) && !s.starts_with("user");
    let article = if vowel { "an" } else { "a" };
    format!("{article} {s}")
}

/// `a`, `b`, `c` (each in backticks) joined with commas.
pub(crate) fn list<'s>(names: impl IntoIterator<Item = &'s str>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Nanoseconds as a script writes them, in the largest unit that is exact: `1ms`, `3600s`.
pub(crate) fn duration(ns: u64) -> String {
    for (scale, unit) in [(1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "us")] {
        if ns != 0 && ns.is_multiple_of(scale) {
            return format!("{}{unit}", ns / scale);
        }
    }
    format!("{ns}ns")
}

/// Bytes as a script writes them: `4KiB`, `1MiB`, `512B`.
pub(crate) fn size(bytes: u64) -> String {
    for (scale, unit) in [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")] {
        if bytes != 0 && bytes.is_multiple_of(scale) {
            return format!("{}{unit}", bytes / scale);
        }
    }
    format!("{bytes}B")
}

/// What a value of this type may be used for, as a `help` line; `None` for numbers.
pub(crate) fn allowed_uses(ty: Type) -> Option<&'static str> {
    match ty {
        Type::Str { .. } => Some(
            "a string can only be a map key, or compared with `==` or `!=` to a string literal",
        ),
        Type::Stack(StackKind::Kernel) => {
            Some("a stack can only be a map key: `@[kstack] = count()`")
        }
        Type::Stack(StackKind::User) => {
            Some("a stack can only be a map key: `@[ustack] = count()`")
        }
        Type::Void => Some("this produces no value"),
        Type::Int(_) | Type::Bool => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Unit;

    #[test]
    fn words() {
        assert_eq!(a(Type::PLAIN), "an integer");
        assert_eq!(a(Type::Int(Unit::NS)), "a duration (ns)");
        assert_eq!(duration(3_600_000_000_000), "3600s");
        assert_eq!(duration(1_500_000), "1500us");
        assert_eq!(duration(0), "0ns");
        assert_eq!(size(4096), "4KiB");
        assert_eq!(list(["a", "b"]), "`a`, `b`");
    }
}
