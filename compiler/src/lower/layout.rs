//! How a checked map is laid out in the kernel: key parts, value kind, map type.
//! The runtime reads maps back through the `MapSpec` built here and nothing else.

use super::{Options, STACKS_MAP};
use crate::artifact::{KeyKind, KeyPart, MapKind, MapSpec, ValueSpec};
use crate::sema::checked::{MapDecl, ValueKind};
use crate::types::{StackKind, Type, Unit};

/// Log2 buckets of a histogram: bucket 0 holds 0, bucket i holds [2^(i-1), 2^i), up to 2^64.
pub(crate) const HIST_BUCKETS: u32 = 65;

/// The kernel name of user map `index` (`fs_0_lat`), 15 bytes at most.
fn map_name(index: usize, decl: &MapDecl) -> String {
    let base: String = decl
        .name
        .trim_start_matches('@')
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let mut name = format!("fs_{index}_{base}");
    name.truncate(15);
    name.trim_end_matches('_').to_string()
}

/// The size a key part takes: 8 bytes for numbers and stack ids, strings padded to 8.
pub(crate) fn key_part_size(ty: Type) -> u32 {
    match ty {
        Type::Str { len } => len.div_ceil(8).max(1) * 8,
        _ => 8,
    }
}

pub fn map_spec(index: usize, decl: &MapDecl, options: &Options) -> MapSpec {
    let mut key = Vec::new();
    let mut off = 0u32;
    let has_user_stack = decl.keys.contains(&Type::Stack(StackKind::User));
    // The hidden tgid word goes last among the script's parts (before a histogram bucket), so
    // the parts keep script order.
    let script_size: u32 = decl.keys.iter().map(|t| key_part_size(*t)).sum();
    let tgid_offset = script_size;
    for ty in &decl.keys {
        let size = key_part_size(*ty);
        let kind = match ty {
            Type::Stack(StackKind::Kernel) => KeyKind::KernelStack {
                stack_map: STACKS_MAP.into(),
            },
            Type::Stack(StackKind::User) => KeyKind::UserStack {
                stack_map: STACKS_MAP.into(),
                tgid_offset,
            },
            Type::Str { .. } => KeyKind::Str,
            Type::Int(u) => KeyKind::Int(*u),
            Type::Bool | Type::Void => KeyKind::Int(Unit::Plain),
        };
        key.push(KeyPart {
            offset: off,
            size,
            kind,
        });
        off += size;
    }
    if has_user_stack {
        key.push(KeyPart {
            offset: off,
            size: 8,
            kind: KeyKind::Hidden,
        });
        off += 8;
    }
    let value_unit = decl.value_ty.unit();
    if decl.value == ValueKind::Hist {
        key.push(KeyPart {
            offset: off,
            size: 8,
            kind: KeyKind::Int(Unit::Plain),
        });
        off += 8;
    }
    if off == 0 {
        // A map with one value (`@total = sum(delta)`): a hash still needs a key.
        key.push(KeyPart {
            offset: 0,
            size: 8,
            kind: KeyKind::Hidden,
        });
        off = 8;
    }
    let (value, value_size, per_cpu) = match decl.value {
        ValueKind::Count => (ValueSpec::Count, 8, !options.atomic_values),
        ValueKind::Sum => (ValueSpec::Sum(value_unit), 8, !options.atomic_values),
        ValueKind::Avg => (ValueSpec::Avg(value_unit), 16, !options.atomic_values),
        ValueKind::Hist => (
            ValueSpec::Hist {
                unit: value_unit,
                buckets: HIST_BUCKETS,
            },
            8,
            true,
        ),
        ValueKind::Min => (ValueSpec::Min(value_unit), 8, false),
        ValueKind::Max => (ValueSpec::Max(value_unit), 8, false),
        ValueKind::Last => (ValueSpec::Last(value_unit), 8, false),
    };
    MapSpec {
        name: map_name(index, decl),
        display: decl.name.clone(),
        kind: MapKind::Hash,
        key_size: off,
        value_size,
        // Sized by `lower` (`size_maps`).
        max_entries: 0,
        per_cpu,
        task_work: false,
        no_prealloc: false,
        key,
        value,
    }
}
