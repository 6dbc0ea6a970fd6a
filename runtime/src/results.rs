//! A run's results, gathered: every user map decoded, stack-keyed additive maps folded into
//! flame-graph profiles, the other maps rendered as tables, and one loss report for it all.
//!
//! This is the seam between the session (raw bytes) and the binary (files and the terminal).
//! [`gather`] is pure over already-dumped maps, so it is tested without a kernel; [`collect`]
//! is the thin wrapper that reads a live [`Session`]. Where output goes is not decided here.

use std::collections::{HashMap, HashSet};

use compiler::artifact::{Artifact, KeyKind, MapKind, MapSpec};

use crate::fold::{self, Profile, RawEntry, RawPart, RawValue};
use crate::losses::LossReport;
use crate::maps;
use crate::render::table;
use crate::session::{MapDump, RuntimeError, Session};
use crate::symbolize::{Symbolize, Symbolizer};

/// Everything a run produced, in the script's map order.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    /// `(display name, profile)` for every flame-graph map: keyed by a stack, valued by
    /// `count()` or `sum()`. Each profile's own report holds the kernel counters and what its
    /// fold found, so a graph written alone still tells its losses.
    pub profiles: Vec<(String, Profile)>,
    /// `(display name, text)` for every other user map, as bpftrace prints them.
    pub tables: Vec<(String, String)>,
    /// The whole run's report: kernel counters, every fold's findings, symbolization problems.
    pub losses: LossReport,
}

/// Whether a map is drawn as a flame graph: a user map whose key holds a stack and whose value
/// adds up.
pub fn is_flame_graph(spec: &MapSpec) -> bool {
    spec.is_flame_graph()
}

fn is_user_map(spec: &MapSpec) -> bool {
    spec.kind == MapKind::Hash && !spec.display.is_empty()
}

/// Reads a live session's maps and gathers them. Call it after the run (or per interval).
/// The processes whose user stacks the maps hold so far (the tgid a user stack is symbolized
/// in), read from the kernel's keys: the snapshots a run must keep for symbolization. `None`
/// when a map could not be read (then nothing may be forgotten).
pub fn recorded_tgids(session: &Session, artifact: &Artifact) -> Option<HashSet<u32>> {
    let mut res = HashSet::new();
    for spec in artifact.maps.iter().filter(|m| is_user_map(m)) {
        let offsets: Vec<usize> = spec
            .key
            .iter()
            .filter_map(|p| match &p.kind {
                KeyKind::UserStack { tgid_offset, .. } => Some(*tgid_offset as usize),
                _ => None,
            })
            .collect();
        if offsets.is_empty() {
            continue;
        }
        for key in session.keys(&spec.name).ok()? {
            for &at in &offsets {
                if let Some(b) = key.get(at..at + 4) {
                    res.insert(u32::from_ne_bytes([b[0], b[1], b[2], b[3]]));
                }
            }
        }
    }
    Some(res)
}

pub fn collect(
    session: &Session,
    artifact: &Artifact,
    symbolizer: &mut Symbolizer,
) -> Result<Results, RuntimeError> {
    collect_timed(session, artifact, symbolizer, None).map(|(res, _)| res)
}

/// [`collect`], and the timeline of the events a live run kept with their times (the time
/// views' input), their stacks named as that map's flame graph names them (through
/// `options`' reshaping). The timeline's losses are its map's, plus the weight that has no
/// time record: spans below `min` are summed per thread in the kernel, not sent one by one.
pub fn collect_timed(
    session: &Session,
    artifact: &Artifact,
    symbolizer: &mut Symbolizer,
    kept: Option<(&crate::events::KeptEvents, &crate::fold::FoldOptions)>,
) -> Result<(Results, Option<crate::timeline::Timeline>), RuntimeError> {
    let dumps = session.dump()?;
    // The content-keyed stacks maps were just dumped with the rest: stacks are read from those
    // bytes, not looked up again one `bpf(2)` call each. A `STACK_TRACE` map is not dumped,
    // and a stack missing from the dump is asked of the kernel.
    let dumped = dumped_stacks(&dumps, artifact);
    let fp_stack = |map: &str, id: u64| match dumped.get(map).and_then(|m| m.get(&id)) {
        Some(bytes) => Some(maps::stack_frames(bytes)),
        None => session.stack(map, id).ok(),
    };
    // User stacks the kernel kept registers and stack bytes for (`--unwind auto|dwarf`):
    // unwound from unwind info, they replace the frame-pointer frames of the same key.
    let mut recovered = LossReport::default();
    let fp = |id: u64| fp_stack(compiler::lower::STACKS_MAP, id);
    let unwound = crate::recover::unwind_copies(
        &dumps,
        artifact,
        &fp,
        symbolizer,
        &mut crate::unwind::Unwinder::new(),
        &mut recovered,
    );
    let stacks = |map: &str, id: u64| match unwound.get(&id) {
        Some(ips) => Some(ips.clone()),
        None => fp_stack(map, id),
    };
    if !artifact.unwind.is_empty() {
        recovered.unwind = Some(artifact.unwind.clone());
    }
    if !artifact.offcpu.is_empty() {
        recovered.offcpu = Some(artifact.offcpu.clone());
    }
    let mut res = gather(&dumps, artifact, &stacks, symbolizer);
    res.losses.merge(&recovered);
    for (_, p) in &mut res.profiles {
        p.losses.merge(&recovered);
    }
    let files_failed = symbolizer.stats().files_failed;
    if files_failed > 0 {
        res.losses
            .add_counter("symbol files unreadable", files_failed);
    }
    let timeline = kept.and_then(|(kept, options)| {
        let spec = artifact.maps.get(kept.map)?;
        let dump = dumps.iter().find(|d| d.spec.name == spec.name)?;
        let (_, profile) = res
            .profiles
            .iter()
            .find(|(name, _)| *name == spec.display)?;
        let mut timeline = crate::timeline::build(
            dump,
            &kept.keys,
            &kept.events,
            &stacks,
            symbolizer,
            options,
            profile,
        );
        let without = profile
            .total()
            .saturating_sub(timeline.total())
            .saturating_sub(timeline.losses.time_records_dropped_weight);
        if without > 0 {
            timeline.losses.notes.insert(
                "weight without a time record (spans below min, summed per thread)".into(),
                without,
            );
        }
        if kept.malformed > 0 {
            timeline
                .losses
                .add_counter("time records unreadable", kept.malformed);
        }
        Some(timeline)
    });
    Ok((res, timeline))
}

/// The dumped stacks maps: map name → (stack key → the frames' bytes).
fn dumped_stacks<'a>(
    dumps: &'a [MapDump],
    artifact: &Artifact,
) -> HashMap<&'a str, HashMap<u64, &'a [u8]>> {
    let stack_maps: Vec<&str> = artifact
        .maps
        .iter()
        .flat_map(|m| &m.key)
        .filter_map(|p| match &p.kind {
            KeyKind::KernelStack { stack_map } | KeyKind::UserStack { stack_map, .. } => {
                Some(stack_map.as_str())
            }
            _ => None,
        })
        .collect();
    dumps
        .iter()
        .filter(|d| stack_maps.contains(&d.spec.name.as_str()))
        .map(|d| {
            let by_key = d
                .entries
                .iter()
                .map(|(key, value)| (maps::stack_key(key), &value[..]))
                .collect();
            (d.spec.name.as_str(), by_key)
        })
        .collect()
}

/// Gathers already-dumped maps: decode, then fold or tabulate, then merge the losses.
///
/// The kernel's counters and the fold can measure the same loss: a stack-id collision
/// (`-EEXIST`) is counted per *event* by the kernel's `stack_collision` counter, but per *map
/// entry* by the fold (all colliding events with one key merge into one entry). When the
/// kernel measured a loss, its count is the truer one and the fold's is not added to it.
pub fn gather(
    dumps: &[MapDump],
    artifact: &Artifact,
    stacks: &dyn Fn(&str, u64) -> Option<Vec<u64>>,
    sym: &mut dyn Symbolize,
) -> Results {
    let mut kernel = dumps
        .iter()
        .find(|d| !artifact.losses.map.is_empty() && d.spec.name == artifact.losses.map)
        .map(|d| maps::losses(d, &artifact.losses))
        .unwrap_or_default();
    let counted = |names: &[&str]| {
        artifact
            .losses
            .counters
            .iter()
            .any(|c| names.contains(&c.as_str()))
    };
    let kernel_counts_collisions = counted(&["stack_collision", "collisions"]);
    let kernel_counts_truncation = counted(&["truncated", "truncated_stacks"]);

    let mut short = short_spans(dumps, artifact, &mut kernel);
    let mut res = Results {
        profiles: Vec::new(),
        tables: Vec::new(),
        losses: kernel.clone(),
    };
    for dump in dumps {
        if !is_user_map(&dump.spec) {
            continue;
        }
        let mut decoded = LossReport::default();
        let mut entries = maps::decode(dump, stacks, &mut decoded);
        entries.extend(short.remove(&dump.spec.name).unwrap_or_default());
        let name = dump.spec.display.clone();
        if is_flame_graph(&dump.spec) {
            // `fold` refuses only maps that are not additive or whose values do not match the
            // spec; `decode` produced the values from the same spec, so a refusal here would be
            // a bug, and the map is still shown, as a table.
            if let Ok(mut profile) = fold::fold(&entries, &dump.spec, sym) {
                // count(): what the probe counts ("faults"), not a generic "samples".
                if dump.spec.value == compiler::artifact::ValueSpec::Count
                    && let Some(n) = artifact.count_names.get(&dump.spec.name)
                {
                    profile.value_name = n.clone();
                }
                let mut found = profile.losses.clone();
                found.merge(&decoded);
                if kernel_counts_collisions {
                    found.collisions = 0;
                }
                if kernel_counts_truncation {
                    found.truncated_stacks = 0;
                }
                res.losses.merge(&found);
                let mut own = kernel.clone();
                own.merge(&found);
                profile.losses = own;
                res.profiles.push((name, profile));
                continue;
            }
        }
        res.losses.merge(&decoded);
        let text = table::render(&entries, &dump.spec, sym);
        res.tables.push((name, text));
    }
    res
}

impl Results {
    /// Records the run's elapsed time against each wall-clock graph's total (thread time).
    /// What the unwind tables cost (in the `unwind:` part of every report), and the processes
    /// they had no room for (a loss: their stacks are frame-pointer walks).
    pub fn note_unwind_tables(&mut self, stats: &crate::tables_loader::LoadStats) {
        let text = format!(
            "tables of {} processes, {} files, {} rows ({:.1} MiB in the kernel, loaded in {} ms)",
            stats.processes,
            stats.files,
            stats.rows,
            stats.kernel_bytes() as f64 / (1 << 20) as f64,
            stats.micros / 1000
        );
        let reports = std::iter::once(&mut self.losses)
            .chain(self.profiles.iter_mut().map(|(_, p)| &mut p.losses));
        for losses in reports {
            if let Some(u) = &mut losses.unwind {
                *u = format!("{u}, {text}");
            }
            if stats.processes_not_loaded > 0 {
                losses.add_counter(
                    "processes walked by frame pointers (unwind tables full)",
                    stats.processes_not_loaded,
                );
            }
        }
    }

    pub fn note_elapsed(&mut self, elapsed_ns: u64, artifact: &Artifact) {
        for (display, profile) in &mut self.profiles {
            let is_wallclock = artifact
                .maps
                .iter()
                .any(|m| &m.display == display && artifact.wallclock.contains(&m.name));
            if is_wallclock {
                let total: u64 = profile.stacks.iter().map(|(_, w)| w).sum();
                profile.losses.wallclock = Some((total, elapsed_ns));
                self.losses.wallclock = Some((total, elapsed_ns));
            }
        }
    }
}

/// `1ms`, `250us`, `2s`: a `min` as a script writes it.
pub fn duration_label(ns: u64) -> String {
    for (scale, unit) in [(1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "us")] {
        if ns >= scale && ns.is_multiple_of(scale) {
            return format!("{}{unit}", ns / scale);
        }
    }
    format!("{ns}ns")
}

/// The spans shorter than a clause's `min`, summed per thread in the kernel (`lower::span`),
/// as entries of the maps that take them: one `[blocks < MIN]` frame, per thread where the
/// key has room for it. Short spans of threads whose slot was taken over are one more entry
/// (`[exited threads]`), so the total is the whole time either way.
fn short_spans(
    dumps: &[MapDump],
    artifact: &Artifact,
    losses: &mut LossReport,
) -> std::collections::HashMap<String, Vec<RawEntry>> {
    use compiler::artifact::{KeyFill, ShortWeight};
    use compiler::lower::span::{
        SLOT_COMM, SLOT_SHORT_COUNT, SLOT_SHORT_SUM, SLOT_SIZE, SLOT_TGID, SLOT_TID,
    };
    let mut out: std::collections::HashMap<String, Vec<RawEntry>> = Default::default();
    let word = |b: &[u8], at: u32, n: u32| {
        let mut buf = [0u8; 8];
        let at = at as usize;
        if let Some(src) = b.get(at..at + n as usize) {
            buf[..n as usize].copy_from_slice(src);
        }
        u64::from_ne_bytes(buf)
    };
    // Records still parked for their user stack when the run ended (a thread that blocked
    // and had not returned to user space yet; one that exits is flushed by the kernel under a
    // marker): their time is in no graph, so the report says how much.
    for name in artifact.spans.iter().filter_map(|s| s.pending.as_ref()) {
        use compiler::lower::span::{PEND_COUNT, PEND_RECORDS, PENDING, REC_DELTA, REC_SIZE};
        let Some(dump) = dumps.iter().find(|d| &d.spec.name == name) else {
            continue;
        };
        let (mut n, mut ns) = (0u64, 0u64);
        for (_, v) in &dump.entries {
            let count = word(v, PEND_COUNT, 8).min(u64::from(PENDING));
            for i in 0..count as u32 {
                n += 1;
                ns += word(v, PEND_RECORDS + i * REC_SIZE + REC_DELTA, 8);
            }
        }
        if n > 0 {
            let what = format!(
                "blocks not drawn, still waiting for their user stack ({})",
                crate::units::format_value(ns, compiler::types::Unit::NS)
            );
            losses.add_counter(&what, n);
        }
    }
    for spans in artifact.spans.iter().filter(|s| s.min_ns > 0) {
        let Some(dump) = dumps.iter().find(|d| d.spec.name == spans.map) else {
            continue;
        };
        let label = format!("[blocks < {}]", duration_label(spans.min_ns));
        // (comm, tgid, tid, sum, count)
        let mut threads: Vec<(String, u64, u64, u64, u64)> = Vec::new();
        for (_, v) in &dump.entries {
            if v.len() < SLOT_SIZE as usize {
                continue;
            }
            let count = word(v, SLOT_SHORT_COUNT, 8);
            if count == 0 {
                continue;
            }
            let comm = &v[SLOT_COMM as usize..SLOT_COMM as usize + 16];
            let end = comm.iter().position(|&b| b == 0).unwrap_or(16);
            threads.push((
                String::from_utf8_lossy(&comm[..end]).into_owned(),
                word(v, SLOT_TGID, 4),
                word(v, SLOT_TID, 4),
                word(v, SLOT_SHORT_SUM, 8),
                count,
            ));
        }
        let evicted = (
            losses.other.remove("short_evicted_ns").unwrap_or(0),
            losses.other.remove("short_evicted").unwrap_or(0),
        );
        if evicted.1 > 0 {
            threads.push(("[exited threads]".into(), 0, 0, evicted.0, evicted.1));
        }
        let (mut total, mut n) = (0u64, 0u64);
        for (_, _, _, sum, count) in &threads {
            total += sum;
            n += count;
        }
        if n > 0 {
            losses.add_counter(&format!("spans below {}", duration_label(spans.min_ns)), n);
            if !spans.shorts_counted {
                losses.events_seen = Some(losses.events_seen.unwrap_or(0) + n);
                losses.events_kept = Some(losses.events_kept.unwrap_or(0) + n);
            }
        }
        for target in &spans.targets {
            let entries = out.entry(target.map.clone()).or_default();
            for (comm, tgid, tid, sum, count) in &threads {
                let parts = target
                    .fill
                    .iter()
                    .map(|f| match f {
                        KeyFill::Comm => RawPart::Str(comm.clone()),
                        KeyFill::Pid => RawPart::Int(*tgid),
                        KeyFill::Tid => RawPart::Int(*tid),
                        KeyFill::Label => RawPart::Marker(label.clone()),
                        KeyFill::Thread if *tid == 0 => RawPart::Marker(comm.clone()),
                        KeyFill::Thread => RawPart::Marker(format!("{comm}-{tid}")),
                        KeyFill::Int(v) => RawPart::Int(*v),
                        KeyFill::Str(s) => RawPart::Str(s.clone()),
                    })
                    .collect();
                let value = match target.weight {
                    ShortWeight::Sum => RawValue::Sum(*sum),
                    ShortWeight::Count => RawValue::Count(*count),
                };
                entries.push(RawEntry { parts, value });
            }
        }
        for map in &spans.untracked {
            losses.add_counter(&format!("spans below min not in {map}"), n);
        }
        let _ = total;
    }
    out
}

#[cfg(test)]
mod tests {
    use compiler::artifact::{KeyPart, LineTable, LossesSpec, ValueSpec};
    use compiler::types::Unit;

    use super::*;
    use crate::fold::{Frame, FrameKind};

    /// Names every address `f<hex>`, kernel frames marked by kind.
    struct Fake;

    impl Symbolize for Fake {
        fn kernel(&mut self, ips: &[u64]) -> Vec<Vec<Frame>> {
            ips.iter()
                .map(|ip| vec![Frame::new(format!("k{ip:x}"), FrameKind::Kernel)])
                .collect()
        }
        fn user(&mut self, _tgid: u32, ips: &[u64]) -> Vec<Vec<Frame>> {
            ips.iter()
                .map(|ip| vec![Frame::new(format!("u{ip:x}"), FrameKind::User)])
                .collect()
        }
    }

    fn user_map(name: &str, display: &str, key: Vec<KeyPart>, value: ValueSpec) -> MapSpec {
        MapSpec {
            name: name.into(),
            display: display.into(),
            kind: MapKind::Hash,
            key_size: 8,
            value_size: if matches!(value, ValueSpec::Avg(_)) {
                16
            } else {
                8
            },
            max_entries: 64,
            task_work: false,
            no_prealloc: false,
            per_cpu: false,
            key,
            value,
        }
    }

    fn artifact(maps: Vec<MapSpec>, counters: &[&str]) -> Artifact {
        Artifact {
            elf: Vec::new(),
            programs: Vec::new(),
            maps,
            losses: LossesSpec {
                map: "losses".into(),
                counters: counters.iter().map(|c| c.to_string()).collect(),
            },
            lines: LineTable::default(),
            needs_kernel_btf: false,
            title: "test".into(),
            user_clauses: Vec::new(),
            spans: Vec::new(),
            wallclock: Vec::new(),
            unwind: String::new(),
            offcpu: String::new(),
            count_names: Default::default(),
        }
    }

    fn kstack() -> KeyPart {
        KeyPart {
            offset: 0,
            size: 8,
            kind: KeyKind::KernelStack {
                stack_map: "stacks".into(),
            },
        }
    }

    fn losses_dump(values: &[u64]) -> MapDump {
        MapDump {
            spec: MapSpec {
                name: "losses".into(),
                display: String::new(),
                kind: MapKind::Array,
                key_size: 4,
                value_size: 8,
                max_entries: values.len() as u32,
                task_work: false,
                no_prealloc: false,
                per_cpu: true,
                key: Vec::new(),
                value: ValueSpec::Internal,
            },
            entries: values
                .iter()
                .enumerate()
                .map(|(i, v)| ((i as u32).to_le_bytes().to_vec(), v.to_le_bytes().to_vec()))
                .collect(),
        }
    }

    /// Records still parked at the end are counted, with their time: not drawn, not silent.
    #[test]
    fn parked_records_left_at_the_end_are_reported() {
        use compiler::lower::span::{PEND_COUNT, PEND_RECORDS, PEND_SIZE, REC_DELTA, REC_SIZE};
        let mut value = vec![0u8; PEND_SIZE as usize];
        value[PEND_COUNT as usize..][..8].copy_from_slice(&2u64.to_ne_bytes());
        for (i, ms) in [3u64, 4].into_iter().enumerate() {
            let at = (PEND_RECORDS + i as u32 * REC_SIZE + REC_DELTA) as usize;
            value[at..at + 8].copy_from_slice(&(ms * 1_000_000).to_ne_bytes());
        }
        let mut spec = losses_dump(&[]).spec;
        spec.name = "fs_0_pend".into();
        spec.kind = MapKind::Hash;
        let dump = MapDump {
            spec,
            entries: vec![(42u32.to_ne_bytes().to_vec(), value)],
        };
        let mut a = artifact(Vec::new(), &[]);
        a.spans.push(compiler::artifact::SpansSpec {
            map: "fs_0_spans".into(),
            slots: 1,
            min_ns: 0,
            targets: Vec::new(),
            untracked: Vec::new(),
            shorts_counted: true,
            pending: Some("fs_0_pend".into()),
        });
        let mut losses = LossReport::default();
        short_spans(&[dump], &a, &mut losses);
        let line = losses.summary_line();
        assert!(
            line.contains("blocks not drawn, still waiting for their user stack (7")
                && line.contains(": 2"),
            "{line}"
        );
        assert!(!losses.is_clean());
    }

    #[test]
    fn stack_maps_fold_and_others_tabulate() {
        let graph = user_map("m0", "@", vec![kstack()], ValueSpec::Count);
        let pids = user_map(
            "m1",
            "@pids",
            vec![KeyPart {
                offset: 0,
                size: 8,
                kind: KeyKind::Int(Unit::Plain),
            }],
            ValueSpec::Count,
        );
        // A stack-keyed map that does not add up is a table too.
        let maxes = user_map("m2", "@max", vec![kstack()], ValueSpec::Max(Unit::NS));
        let art = artifact(
            vec![graph.clone(), pids.clone(), maxes.clone()],
            &["events_seen", "events_kept", "stack_collision"],
        );
        let dumps = vec![
            MapDump {
                spec: graph,
                entries: vec![
                    (1i64.to_le_bytes().to_vec(), 5u64.to_le_bytes().to_vec()),
                    ((-17i64).to_le_bytes().to_vec(), 2u64.to_le_bytes().to_vec()),
                ],
            },
            MapDump {
                spec: pids,
                entries: vec![(42u64.to_le_bytes().to_vec(), 7u64.to_le_bytes().to_vec())],
            },
            MapDump {
                spec: maxes,
                entries: vec![(1i64.to_le_bytes().to_vec(), 1500u64.to_le_bytes().to_vec())],
            },
            losses_dump(&[10, 7, 3]),
        ];
        let stacks = |_: &str, id: u64| (id == 1).then(|| vec![0xa, 0xb]);
        let res = gather(&dumps, &art, &stacks, &mut Fake);

        assert_eq!(res.profiles.len(), 1);
        let (name, profile) = &res.profiles[0];
        assert_eq!(name, "@");
        assert_eq!(profile.total(), 7);
        let folded = crate::render::folded::write(profile);
        assert_eq!(
            folded,
            "[lost: kernel stack id collision] 2\nkb_[k];ka_[k] 5\n"
        );
        // The kernel counted 3 colliding events; the fold's 1 entry is not added on top.
        assert_eq!(profile.losses.collisions, 3);
        assert_eq!(profile.losses.events_seen, Some(10));
        assert_eq!(res.losses.collisions, 3);
        assert_eq!(res.losses.lost_stack_weight, 2);

        let names: Vec<&str> = res.tables.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["@pids", "@max"]);
        assert_eq!(res.tables[0].1, "@pids[42]: 7\n");
        assert!(res.tables[1].1.contains("1.50 us"), "{}", res.tables[1].1);
    }

    #[test]
    fn fold_findings_count_when_the_kernel_does_not() {
        let graph = user_map("m0", "@", vec![kstack()], ValueSpec::Count);
        let art = artifact(vec![graph.clone()], &["events_seen"]);
        let dumps = vec![
            MapDump {
                spec: graph,
                entries: vec![((-17i64).to_le_bytes().to_vec(), 2u64.to_le_bytes().to_vec())],
            },
            losses_dump(&[2]),
        ];
        let res = gather(&dumps, &art, &|_: &str, _: u64| None, &mut Fake);
        assert_eq!(res.losses.collisions, 1);
        assert_eq!(res.losses.events_seen, Some(2));
        assert!(res.tables.is_empty());
        assert!(!res.losses.is_clean());
    }
}
