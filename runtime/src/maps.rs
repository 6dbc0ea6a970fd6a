//! Raw map bytes → [`RawEntry`]s and the loss counters, as the `MapSpec` lays them out.
//!
//! The byte conventions the code generator follows, decoded here and nowhere else:
//! - integer key parts are 8-byte little-endian u64; `Str` parts are NUL-padded bytes;
//! - a stack part is 8 bytes holding an i64: the stack's key in the named stacks map (the
//!   content hash the programs computed, or a STACK_TRACE id), or a negative errno from the
//!   capture (`-EFAULT` no stack, `-ENOMEM`, `-EEXIST` for a STACK_TRACE bucket collision …);
//!   a user stack's tgid is a 4-byte u32 at its `tgid_offset`, a place that a
//!   `Hidden` part also covers (and which is skipped as such);
//! - values: Count/Sum/Min/Max/Last are one u64, Avg is {sum u64, count u64}; a histogram's
//!   LAST key part is the log2 bucket index and its value the bucket's u64 count, so entries are
//!   regrouped by the key without that part;
//! - per-CPU values hold one slot per possible CPU, each `round_up(value_size, 8)` bytes, and
//!   are summed (min/max-merged for the kinds that are not sums); sums as signed 64-bit
//!   numbers, checked (an overflow is counted, never wrapped).
//!
//! Pure: the dump comes from `session`, stack ids are resolved through a closure (the session's
//! `stack()` in a run, a table in tests). Symbolization, folding and rendering happen later.

use std::collections::{BTreeMap, HashMap};

use compiler::artifact::{KeyKind, KeyPart, LossesSpec, ValueSpec};

use crate::error::MapDump;
use crate::fold::{RawEntry, RawPart, RawValue};
use crate::losses::LossReport;

/// The depth at which the kernel cuts a stack (`PERF_MAX_STACK_DEPTH`, the default of
/// `kernel.perf_event_max_stack`): a stack of exactly this many frames was probably cut.
pub const MAX_STACK_DEPTH: usize = 127;

/// `-ENOENT`: what a stack key that leads to no frames becomes (the stacks map was full when
/// the stack was taken, or reading it failed), so the weight still shows as a lost stack.
const ENOENT: i64 = -2;

/// Decodes every entry of one map. Stack ids are resolved through `stacks(map, id)` (once per
/// distinct id); `None` turns the part into a `StackError(-ENOENT)`.
///
/// A key or value shorter than its layout (which the session, sizing buffers from the same spec,
/// never produces) reads its missing bytes as zero rather than failing the whole run.
///
/// Sums (and averages' sums) are signed 64-bit numbers, added over CPUs with a check: a CPU's
/// part that would overflow the total is left out and counted in `losses.sums_overflowed`,
/// never wrapped or saturated (the programs do the same for each addition on one CPU).
pub fn decode(
    dump: &MapDump,
    stacks: &dyn Fn(&str, u64) -> Option<Vec<u64>>,
    losses: &mut LossReport,
) -> Vec<RawEntry> {
    let spec = &dump.spec;
    // Per stacks map, then per id: looked up by `&str`, with no String made per entry.
    let mut cache: HashMap<String, HashMap<u64, Option<Vec<u64>>>> = HashMap::new();
    let mut resolve = |map: &str, id: u64| {
        if !cache.contains_key(map) {
            cache.insert(map.to_string(), HashMap::new());
        }
        let by_id = cache.get_mut(map)?;
        by_id.entry(id).or_insert_with(|| stacks(map, id)).clone()
    };
    let stride = slot_size(spec.value_size);
    let n_slots = |value: &[u8]| {
        if spec.per_cpu {
            value.len() / stride
        } else {
            1
        }
    };
    let ValueSpec::Hist { buckets, .. } = spec.value else {
        return dump
            .entries
            .iter()
            .map(|(key, value)| RawEntry {
                parts: key_parts(key, &spec.key, &mut resolve),
                value: scalar_value(spec.value, value, stride, n_slots(value), losses),
            })
            .collect();
    };
    // A histogram: the last key part is the bucket index. Entries are grouped by the key bytes
    // with that part zeroed, which keeps the order deterministic (sorted by key bytes).
    // Without a bucket part the layout breaks the convention: there is nothing to regroup by,
    // and guessing would draw a wrong histogram.
    let Some(bucket_part) = spec.key.iter().rev().find(|p| p.kind != KeyKind::Hidden) else {
        return Vec::new();
    };
    let mut groups: BTreeMap<Vec<u8>, Vec<u64>> = BTreeMap::new();
    for (key, value) in &dump.entries {
        let idx = read_uint(key, bucket_part.offset, bucket_part.size);
        // A log2 of a u64 has 65 buckets (bucket 0 holds zero); a larger index is garbage and
        // is kept in the last bucket rather than allocating without bound.
        let idx = idx.min(64) as usize;
        let count: u64 = (0..n_slots(value))
            .map(|cpu| read_uint(value, (cpu * stride) as u32, 8))
            .fold(0u64, u64::saturating_add);
        let mut rest = key.clone();
        zero(&mut rest, bucket_part.offset, bucket_part.size);
        let counts = groups
            .entry(rest)
            .or_insert_with(|| vec![0; buckets as usize]);
        if counts.len() <= idx {
            counts.resize(idx + 1, 0);
        }
        counts[idx] = counts[idx].saturating_add(count);
    }
    let rest_layout: Vec<KeyPart> = spec
        .key
        .iter()
        .filter(|p| !std::ptr::eq(*p, bucket_part))
        .cloned()
        .collect();
    groups
        .into_iter()
        .map(|(rest, counts)| RawEntry {
            parts: key_parts(&rest, &rest_layout, &mut resolve),
            value: RawValue::Hist(counts),
        })
        .collect()
}

/// The kernel's losses counters: a per-CPU array of u64, index i ↔ `spec.counters[i]`, summed
/// over CPUs. A nonzero counter with no name is kept as `counter_<i>`, never dropped.
pub fn losses(dump: &MapDump, spec: &LossesSpec) -> LossReport {
    let stride = slot_size(dump.spec.value_size);
    let mut report = LossReport::default();
    // One counter per entry, or several u64 counters in one entry (the code generator's
    // layout: one lookup serves every counter): counter `key × words + j`.
    let words = (dump.spec.value_size as usize / 8).max(1);
    for (key, value) in &dump.entries {
        let first = read_uint(key, 0, dump.spec.key_size.min(4)) as usize * words;
        let n_slots = if dump.spec.per_cpu {
            value.len() / stride
        } else {
            1
        };
        for j in 0..words {
            let idx = first + j;
            let total: u64 = (0..n_slots)
                .map(|cpu| read_uint(value, (cpu * stride + j * 8) as u32, 8))
                .fold(0u64, u64::saturating_add);
            match spec.counters.get(idx) {
                Some(name) => report.add_counter(name, total),
                None if total > 0 => report.add_counter(&format!("counter_{idx}"), total),
                None => {}
            }
        }
    }
    report
}

/// One per-CPU value slot: the value rounded up to 8 bytes, as the kernel lays them out.
fn slot_size(value_size: u32) -> usize {
    (value_size as usize).div_ceil(8).max(1) * 8
}

/// The visible key parts of one key, in layout order (`Hidden` parts skipped).
fn key_parts(
    key: &[u8],
    layout: &[KeyPart],
    resolve: &mut dyn FnMut(&str, u64) -> Option<Vec<u64>>,
) -> Vec<RawPart> {
    layout
        .iter()
        .filter_map(|part| match &part.kind {
            KeyKind::Hidden => None,
            KeyKind::Int(_) => Some(RawPart::Int(read_uint(key, part.offset, part.size))),
            KeyKind::Str => {
                let bytes = slice(key, part.offset, part.size);
                let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
                Some(RawPart::Str(
                    String::from_utf8_lossy(&bytes[..end]).into_owned(),
                ))
            }
            KeyKind::KernelStack { stack_map } => {
                let res = stack(key, part, stack_map, resolve);
                Some(match res {
                    Ok((ips, truncated)) => RawPart::KernelStack { ips, truncated },
                    Err(errno) => RawPart::StackError(errno),
                })
            }
            KeyKind::UserStack {
                stack_map,
                tgid_offset,
            } => {
                let res = stack(key, part, stack_map, resolve);
                Some(match res {
                    Ok((ips, truncated)) => RawPart::UserStack {
                        tgid: read_uint(key, *tgid_offset, 4) as u32,
                        ips,
                        truncated,
                    },
                    Err(errno) => RawPart::StackError(errno),
                })
            }
        })
        .collect()
}

/// A stack part's frames and whether they were cut, or the negative errno it stands for.
fn stack(
    key: &[u8],
    part: &KeyPart,
    stack_map: &str,
    resolve: &mut dyn FnMut(&str, u64) -> Option<Vec<u64>>,
) -> Result<(Vec<u64>, bool), i64> {
    let raw = read_uint(key, part.offset, part.size.min(8));
    // Sign-extend from the part's width: the id is an i64 (or narrower) in the key.
    let bits = 8 * part.size.clamp(1, 8);
    let id = ((raw << (64 - bits)) as i64) >> (64 - bits);
    if id < 0 {
        return Err(id);
    }
    // A non-negative id is the stack's key in `stack_map` (a 63-bit content hash).
    let ips = resolve(stack_map, id as u64).ok_or(ENOENT)?;
    let truncated = ips.len() >= MAX_STACK_DEPTH;
    Ok((ips, truncated))
}

/// The key of a stacks map entry, as stack key parts name it (up to 8 bytes, little-endian).
pub fn stack_key(key: &[u8]) -> u64 {
    read_uint(key, 0, 8)
}

/// A stacks map value → its frames, leaf first: 127 u64 slots, the unused tail zeroed by the
/// kernel, so the first zero ends the stack.
pub fn stack_frames(value: &[u8]) -> Vec<u64> {
    let mut frames: Vec<u64> = value
        .chunks_exact(8)
        .map(|c| read_uint(c, 0, 8))
        .take_while(|&ip| ip != 0)
        .collect();
    // A stack walked in BPF from unwind tables that stopped before its root says why in the
    // last word (`compiler::lower::uwalk`), after the zero that ends its frames.
    let words = value.len() / 8;
    if words > 0 && frames.len() + 1 < words {
        let last = read_uint(value, ((words - 1) * 8) as u32, 8);
        if last >= compiler::lower::uwalk::STOP_BASE {
            frames.push(last);
        }
    }
    frames
}

/// `size` bytes at `offset`, clamped to the buffer (the missing tail reads as absent).
fn slice(buf: &[u8], offset: u32, size: u32) -> &[u8] {
    let start = (offset as usize).min(buf.len());
    let end = start.saturating_add(size as usize).min(buf.len());
    &buf[start..end]
}

/// A little-endian unsigned integer of up to 8 bytes; missing bytes read as zero.
fn read_uint(buf: &[u8], offset: u32, size: u32) -> u64 {
    let mut bytes = [0u8; 8];
    let src = slice(buf, offset, size.min(8));
    bytes[..src.len()].copy_from_slice(src);
    u64::from_le_bytes(bytes)
}

fn zero(buf: &mut [u8], offset: u32, size: u32) {
    let start = (offset as usize).min(buf.len());
    let end = start.saturating_add(size as usize).min(buf.len());
    buf[start..end].fill(0);
}

/// One value, merged over its `n_slots` per-CPU slots of `stride` bytes.
fn scalar_value(
    kind: ValueSpec,
    value: &[u8],
    stride: usize,
    n_slots: usize,
    losses: &mut LossReport,
) -> RawValue {
    let field = |cpu: usize, idx: u32| read_uint(value, (cpu * stride) as u32 + 8 * idx, 8);
    let sum = |idx: u32| {
        (0..n_slots)
            .map(|cpu| field(cpu, idx))
            .fold(0u64, u64::saturating_add)
    };
    let mut signed_sum = |idx: u32| {
        let mut total = 0i64;
        for cpu in 0..n_slots {
            match total.checked_add(field(cpu, idx) as i64) {
                Some(t) => total = t,
                None => losses.sums_overflowed += 1,
            }
        }
        total as u64
    };
    // Min/Max/Last live in a shared (non-per-CPU) map; should one ever be per-CPU, CPUs that
    // never wrote hold zero, so only slots that were written take part.
    let written = || (0..n_slots).map(|cpu| field(cpu, 0)).filter(|&v| v != 0);
    match kind {
        ValueSpec::Count => RawValue::Count(sum(0)),
        ValueSpec::Sum(_) => RawValue::Sum(signed_sum(0)),
        ValueSpec::Avg(_) => RawValue::Avg {
            sum: signed_sum(0),
            count: sum(1),
        },
        ValueSpec::Min(_) => RawValue::Min(written().min().unwrap_or(0)),
        ValueSpec::Max(_) => RawValue::Max(written().max().unwrap_or(0)),
        ValueSpec::Last(_) => RawValue::Last(written().next_back().unwrap_or(0)),
        // Internal maps are not decoded as user data; a count reads them harmlessly, and a
        // histogram never reaches here (see `decode`).
        ValueSpec::Internal | ValueSpec::Hist { .. } => RawValue::Count(sum(0)),
    }
}

#[cfg(test)]
mod tests {
    use compiler::artifact::{MapKind, MapSpec};
    use compiler::types::Unit;

    use super::*;

    fn spec(key: Vec<KeyPart>, value: ValueSpec, value_size: u32, per_cpu: bool) -> MapSpec {
        let key_size = key.iter().map(|p| p.offset + p.size).max().unwrap_or(0);
        MapSpec {
            name: "m".into(),
            display: "@m".into(),
            kind: MapKind::Hash,
            key_size,
            value_size,
            max_entries: 1024,
            task_work: false,
            no_prealloc: false,
            per_cpu,
            key,
            value,
        }
    }

    fn part(offset: u32, size: u32, kind: KeyKind) -> KeyPart {
        KeyPart { offset, size, kind }
    }

    fn int(offset: u32) -> KeyPart {
        part(offset, 8, KeyKind::Int(Unit::Plain))
    }

    fn u64s(values: &[u64]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    fn no_stacks(_: &str, _: u64) -> Option<Vec<u64>> {
        None
    }

    fn dump(spec: MapSpec, entries: Vec<(Vec<u8>, Vec<u8>)>) -> MapDump {
        MapDump { spec, entries }
    }

    #[test]
    fn scalar_values_of_every_kind() {
        let key = u64s(&[7]);
        let cases = [
            (ValueSpec::Count, 8, u64s(&[3]), RawValue::Count(3)),
            (ValueSpec::Sum(Unit::NS), 8, u64s(&[5]), RawValue::Sum(5)),
            (ValueSpec::Min(Unit::NS), 8, u64s(&[2]), RawValue::Min(2)),
            (ValueSpec::Max(Unit::NS), 8, u64s(&[9]), RawValue::Max(9)),
            (
                ValueSpec::Last(Unit::Plain),
                8,
                u64s(&[4]),
                RawValue::Last(4),
            ),
            (
                ValueSpec::Avg(Unit::BYTES),
                16,
                u64s(&[100, 4]),
                RawValue::Avg { sum: 100, count: 4 },
            ),
        ];
        for (value, size, bytes, expected) in cases {
            let d = dump(
                spec(vec![int(0)], value, size, false),
                vec![(key.clone(), bytes)],
            );
            let entries = decode(&d, &no_stacks, &mut LossReport::default());
            assert_eq!(
                entries,
                vec![RawEntry {
                    parts: vec![RawPart::Int(7)],
                    value: expected
                }]
            );
        }
    }

    #[test]
    fn per_cpu_values_are_summed_slot_by_slot() {
        // Three CPUs; an avg value is 16 bytes per slot.
        let d = dump(
            spec(vec![int(0)], ValueSpec::Avg(Unit::NS), 16, true),
            vec![(u64s(&[1]), u64s(&[10, 1, 0, 0, 32, 3]))],
        );
        assert_eq!(
            decode(&d, &no_stacks, &mut LossReport::default())[0].value,
            RawValue::Avg { sum: 42, count: 4 }
        );
        // A 4-byte value still takes an 8-byte slot per CPU.
        let d = dump(
            spec(vec![int(0)], ValueSpec::Count, 4, true),
            vec![(u64s(&[1]), u64s(&[1, 2, 3, 4]))],
        );
        assert_eq!(
            decode(&d, &no_stacks, &mut LossReport::default())[0].value,
            RawValue::Count(10)
        );
        // Min over the CPUs that wrote, not the zero of one that did not.
        let d = dump(
            spec(vec![int(0)], ValueSpec::Min(Unit::NS), 8, true),
            vec![(u64s(&[1]), u64s(&[0, 8, 5]))],
        );
        assert_eq!(
            decode(&d, &no_stacks, &mut LossReport::default())[0].value,
            RawValue::Min(5)
        );
    }

    // See: #19 (item 3): CPUs' parts of a signed sum add as signed numbers, and a total that
    // would overflow leaves that part out, counted, instead of saturating or wrapping.
    #[test]
    fn issue_19_per_cpu_sums_are_signed_and_checked() {
        let d = dump(
            spec(vec![int(0)], ValueSpec::Sum(Unit::NS), 8, true),
            vec![(u64s(&[1]), u64s(&[(-5i64) as u64, 3]))],
        );
        let mut losses = LossReport::default();
        assert_eq!(
            decode(&d, &no_stacks, &mut losses)[0].value,
            RawValue::Sum((-2i64) as u64)
        );
        assert_eq!(losses.sums_overflowed, 0);

        let big = i64::MAX as u64 - 10;
        let d = dump(
            spec(vec![int(0)], ValueSpec::Avg(Unit::NS), 16, true),
            vec![(u64s(&[1]), u64s(&[big, 1, big, 1, (-20i64) as u64, 1]))],
        );
        let mut losses = LossReport::default();
        assert_eq!(
            decode(&d, &no_stacks, &mut losses)[0].value,
            RawValue::Avg {
                sum: big - 20,
                count: 3
            }
        );
        assert_eq!(losses.sums_overflowed, 1);
        assert!(
            losses
                .summary_line()
                .contains("sums that overflowed: 1 (additions left out, never wrapped)"),
            "{}",
            losses.summary_line()
        );
        assert!(!losses.is_clean());
    }

    #[test]
    fn strings_stop_at_the_first_nul() {
        let mut key = b"bash\0\0\0\0\0\0\0\0\0\0\0\0".to_vec();
        key.extend(u64s(&[42]));
        let layout = vec![part(0, 16, KeyKind::Str), int(16)];
        let d = dump(
            spec(layout, ValueSpec::Count, 8, false),
            vec![(key, u64s(&[1]))],
        );
        assert_eq!(
            decode(&d, &no_stacks, &mut LossReport::default())[0].parts,
            vec![RawPart::Str("bash".into()), RawPart::Int(42)]
        );
    }

    #[test]
    fn user_stack_carries_its_tgid_and_kernel_stack_resolves() {
        // Key: kstack id (8) | ustack id (8) | tgid (4) + pad (4).
        let layout = vec![
            part(
                0,
                8,
                KeyKind::KernelStack {
                    stack_map: "kstacks".into(),
                },
            ),
            part(
                8,
                8,
                KeyKind::UserStack {
                    stack_map: "ustacks".into(),
                    tgid_offset: 16,
                },
            ),
            part(16, 8, KeyKind::Hidden),
        ];
        let mut key = u64s(&[3, 5]);
        key.extend(4321u32.to_le_bytes());
        key.extend([0u8; 4]);
        let d = dump(
            spec(layout, ValueSpec::Sum(Unit::NS), 8, true),
            vec![(key, u64s(&[100, 23]))],
        );
        let stacks = |map: &str, id: u64| match (map, id) {
            ("kstacks", 3) => Some(vec![0xffff_0001, 0xffff_0002]),
            // Exactly the depth limit: the capture was cut.
            ("ustacks", 5) => Some((1..=MAX_STACK_DEPTH as u64).collect()),
            _ => None,
        };
        let entries = decode(&d, &stacks, &mut LossReport::default());
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].value, RawValue::Sum(123));
        assert_eq!(
            entries[0].parts[0],
            RawPart::KernelStack {
                ips: vec![0xffff_0001, 0xffff_0002],
                truncated: false
            }
        );
        match &entries[0].parts[1] {
            RawPart::UserStack {
                tgid,
                ips,
                truncated,
            } => {
                assert_eq!(*tgid, 4321);
                assert_eq!(ips.len(), MAX_STACK_DEPTH);
                assert!(*truncated);
            }
            other => panic!("expected a user stack, got {other:?}"),
        }
        assert_eq!(entries[0].parts.len(), 2, "the hidden tgid is not a part");
    }

    #[test]
    fn negative_and_unreadable_stack_ids_are_errors() {
        let layout = vec![part(
            0,
            8,
            KeyKind::KernelStack {
                stack_map: "kstacks".into(),
            },
        )];
        let entries = vec![
            ((-17i64).to_le_bytes().to_vec(), u64s(&[2])),
            ((-14i64).to_le_bytes().to_vec(), u64s(&[3])),
            (9i64.to_le_bytes().to_vec(), u64s(&[4])),
        ];
        let d = dump(spec(layout, ValueSpec::Count, 8, false), entries);
        let calls = std::cell::Cell::new(0);
        let stacks = |_: &str, _: u64| {
            calls.set(calls.get() + 1);
            None
        };
        let parts: Vec<RawPart> = decode(&d, &stacks, &mut LossReport::default())
            .into_iter()
            .flat_map(|e| e.parts)
            .collect();
        assert_eq!(
            parts,
            vec![
                RawPart::StackError(-17),
                RawPart::StackError(-14),
                RawPart::StackError(ENOENT),
            ]
        );
        assert_eq!(calls.get(), 1, "negative ids are never looked up");
    }

    #[test]
    fn histogram_entries_regroup_by_the_key_without_the_bucket() {
        // Key: pid (8) | bucket (8). Per-CPU counts over two CPUs.
        let layout = vec![int(0), int(8)];
        let hist = ValueSpec::Hist {
            unit: Unit::NS,
            buckets: 4,
        };
        let entries = vec![
            (u64s(&[10, 2]), u64s(&[1, 1])),
            (u64s(&[20, 0]), u64s(&[5, 0])),
            (u64s(&[10, 0]), u64s(&[3, 0])),
            (u64s(&[10, 6]), u64s(&[0, 1])),
        ];
        let d = dump(spec(layout, hist, 8, true), entries);
        let res = decode(&d, &no_stacks, &mut LossReport::default());
        assert_eq!(
            res,
            vec![
                RawEntry {
                    parts: vec![RawPart::Int(10)],
                    value: RawValue::Hist(vec![3, 0, 2, 0, 0, 0, 1]),
                },
                RawEntry {
                    parts: vec![RawPart::Int(20)],
                    value: RawValue::Hist(vec![5, 0, 0, 0]),
                },
            ]
        );
    }

    #[test]
    fn a_histogram_without_other_key_parts_is_one_entry() {
        let hist = ValueSpec::Hist {
            unit: Unit::Plain,
            buckets: 2,
        };
        let entries = vec![(u64s(&[1]), u64s(&[4])), (u64s(&[0]), u64s(&[1]))];
        let d = dump(spec(vec![int(0)], hist, 8, false), entries);
        assert_eq!(
            decode(&d, &no_stacks, &mut LossReport::default()),
            vec![RawEntry {
                parts: vec![],
                value: RawValue::Hist(vec![1, 4]),
            }]
        );
    }

    #[test]
    fn short_buffers_read_as_zero_instead_of_panicking() {
        let d = dump(
            spec(vec![int(0), int(8)], ValueSpec::Avg(Unit::NS), 16, false),
            vec![(vec![1, 0, 0], vec![5])],
        );
        assert_eq!(
            decode(&d, &no_stacks, &mut LossReport::default()),
            vec![RawEntry {
                parts: vec![RawPart::Int(1), RawPart::Int(0)],
                value: RawValue::Avg { sum: 5, count: 0 },
            }]
        );
    }

    #[test]
    fn loss_counters_sum_over_cpus() {
        let lspec = LossesSpec {
            map: "losses".into(),
            counters: vec![
                "events_seen".into(),
                "events_kept".into(),
                "stack_collision".into(),
            ],
        };
        let mspec = MapSpec {
            name: "losses".into(),
            display: String::new(),
            kind: MapKind::Array,
            key_size: 4,
            value_size: 8,
            max_entries: 4,
            task_work: false,
            no_prealloc: false,
            per_cpu: true,
            key: vec![],
            value: ValueSpec::Internal,
        };
        let entries = (0u32..4)
            .map(|idx| {
                let per_cpu = [u64::from(idx) * 10 + 1, u64::from(idx) * 10 + 2];
                let per_cpu = if idx == 3 { [0, 0] } else { per_cpu };
                (idx.to_le_bytes().to_vec(), u64s(&per_cpu))
            })
            .collect();
        let report = losses(&dump(mspec.clone(), entries), &lspec);
        assert_eq!(report.events_seen, Some(3));
        assert_eq!(report.events_kept, Some(23));
        assert_eq!(report.collisions, 43);
        assert!(report.other.is_empty(), "a zero unnamed counter is no loss");

        let unnamed = vec![(7u32.to_le_bytes().to_vec(), u64s(&[1, 1]))];
        let report = losses(&dump(mspec, unnamed), &lspec);
        assert_eq!(report.other.get("counter_7"), Some(&2));
    }
}
