//! The runtime crate's own tests of its pure half and of symbolization, in one binary.
//!
//! fold and the renderers run on synthetic entries named by a fake symbolizer, so they need no
//! process and no kernel. Symbolization is tested for real: an address of a function in this
//! very binary, and an address in a child process that has exited before we symbolize it.
//! Folded-text goldens live in the repository's `tests/data/render/` (bless: `UPDATE_EXPECT=1`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use compiler::artifact::{KeyKind, KeyPart, MapKind, MapSpec, ValueSpec};
use compiler::types::Unit;
use flamescript_runtime::fold::{self, FoldError, Frame, FrameKind, RawEntry, RawPart, RawValue};
use flamescript_runtime::render::{folded, pprof, svg, table};
use flamescript_runtime::symbolize::{Symbolize, Symbolizer};

// ---------------------------------------------------------------------------------------------
// Fixtures

/// Names `0xN` as `uN`/`kN`; `0xdead` is unknown; `0x100` holds `inner` inlined into `u100`.
struct FakeSymbolizer {
    calls: HashMap<&'static str, usize>,
}

impl FakeSymbolizer {
    fn new() -> FakeSymbolizer {
        FakeSymbolizer {
            calls: HashMap::new(),
        }
    }

    fn name(ip: u64, prefix: &str, kind: FrameKind) -> Vec<Frame> {
        match ip {
            0xdead => vec![Frame::new(
                format!("[unknown] (lib{prefix}.so+0xdead)"),
                FrameKind::Unknown,
            )],
            0x100 => vec![
                Frame::new(format!("{prefix}100"), kind),
                Frame::new("inner", FrameKind::Inlined),
            ],
            _ => vec![Frame::new(format!("{prefix}{ip:x}"), kind)],
        }
    }
}

impl Symbolize for FakeSymbolizer {
    fn kernel(&mut self, ips: &[u64]) -> Vec<Vec<Frame>> {
        *self.calls.entry("kernel").or_default() += 1;
        ips.iter()
            .map(|ip| Self::name(*ip, "k", FrameKind::Kernel))
            .collect()
    }

    fn user(&mut self, _tgid: u32, ips: &[u64]) -> Vec<Vec<Frame>> {
        *self.calls.entry("user").or_default() += 1;
        ips.iter()
            .map(|ip| Self::name(*ip, "u", FrameKind::User))
            .collect()
    }
}

fn part(kind: KeyKind) -> KeyPart {
    KeyPart {
        offset: 0,
        size: 8,
        kind,
    }
}

fn kstack() -> KeyKind {
    KeyKind::KernelStack {
        stack_map: "stacks".into(),
    }
}

fn ustack() -> KeyKind {
    KeyKind::UserStack {
        stack_map: "stacks".into(),
        tgid_offset: 0,
    }
}

fn map(display: &str, key: Vec<KeyKind>, value: ValueSpec) -> MapSpec {
    MapSpec {
        name: "m0".into(),
        display: display.into(),
        kind: MapKind::Hash,
        key_size: 0,
        value_size: 8,
        max_entries: 1024,
        task_work: false,
        no_prealloc: false,
        per_cpu: false,
        key: key.into_iter().map(part).collect(),
        value,
    }
}

fn entry(parts: Vec<RawPart>, value: RawValue) -> RawEntry {
    RawEntry { parts, value }
}

fn k(ips: &[u64]) -> RawPart {
    RawPart::KernelStack {
        ips: ips.to_vec(),
        truncated: false,
    }
}

fn u(ips: &[u64]) -> RawPart {
    RawPart::UserStack {
        tgid: 7,
        ips: ips.to_vec(),
        truncated: false,
    }
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/render")
        .join(name);
    let bless = std::env::var_os("UPDATE_EXPECT").is_some();
    match std::fs::read_to_string(&path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) if !bless => panic!(
            "{}: output differs (run with UPDATE_EXPECT=1 to bless)\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        ),
        _ => std::fs::write(&path, actual).unwrap(),
    }
}

/// `@[comm, kstack, ustack] = sum(delta)` with every kind of marker in it.
fn offcpu_profile() -> fold::Profile {
    let spec = map(
        "@",
        vec![KeyKind::Str, kstack(), ustack()],
        ValueSpec::Sum(Unit::NS),
    );
    let entries = vec![
        // Leaf first: kernel k3 ← k2 ← k1 on top of user u30 ← 0x100 (inner inlined) ← u10.
        entry(
            vec![
                RawPart::Str("app\0\0".into()),
                k(&[0x3, 0x2, 0x1]),
                u(&[0x30, 0x100, 0x10]),
            ],
            RawValue::Sum(3_000_000),
        ),
        // The same stack again (another key in the kernel: a different hidden tgid): merges.
        entry(
            vec![
                RawPart::Str("app".into()),
                k(&[0x3, 0x2, 0x1]),
                u(&[0x30, 0x100, 0x10]),
            ],
            RawValue::Sum(1_000_000),
        ),
        // User stack lost to a collision; kernel stack truncated.
        entry(
            vec![
                RawPart::Str("app".into()),
                RawPart::KernelStack {
                    ips: vec![0x3],
                    truncated: true,
                },
                RawPart::StackError(-17),
            ],
            RawValue::Sum(500_000),
        ),
        // A kernel thread: no user stack; an unknown kernel address.
        entry(
            vec![
                RawPart::Str("kworker/0:1".into()),
                k(&[0xdead, 0x1]),
                u(&[]),
            ],
            RawValue::Sum(250_000),
        ),
        // User stack capture failed.
        entry(
            vec![
                RawPart::Str("app".into()),
                k(&[0x1]),
                RawPart::StackError(-14),
            ],
            RawValue::Sum(250_000),
        ),
    ];
    fold::fold(&entries, &spec, &mut FakeSymbolizer::new()).unwrap()
}

// ---------------------------------------------------------------------------------------------
// fold

#[test]
fn fold_puts_roots_then_user_then_kernel() {
    let profile = offcpu_profile();
    let (frames, weight) = profile
        .stacks
        .iter()
        .find(|(f, _)| f.len() == 8)
        .expect("the full stack is there");
    let names: Vec<&str> = frames.iter().map(|f| &*f.name).collect();
    assert_eq!(
        names,
        ["app", "u10", "u100", "inner", "u30", "k1", "k2", "k3"]
    );
    let kinds: Vec<FrameKind> = frames.iter().map(|f| f.kind).collect();
    use FrameKind::*;
    assert_eq!(
        kinds,
        [Root, User, User, Inlined, User, Kernel, Kernel, Kernel]
    );
    // The two identical entries merged.
    assert_eq!(*weight, 4_000_000);
    assert_eq!(profile.total(), 5_000_000);
    assert_eq!(profile.unit, Unit::NS);
    assert_eq!(profile.value_name, "time");
}

#[test]
fn fold_keeps_losses_as_frames_and_counts_them() {
    let profile = offcpu_profile();
    golden("offcpu_markers.folded", &folded::write(&profile));
    let text = folded::write(&profile);
    assert!(
        text.contains("app;[lost: user stack id collision];[truncated];k3_[k] 500000\n"),
        "{text}"
    );
    assert!(
        text.contains("kworker/0:1;[no user stack];k1_[k];[unknown] (libk.so+0xdead) 250000\n"),
        "{text}"
    );
    assert!(
        text.contains("app;[no user stack];k1_[k] 250000\n"),
        "{text}"
    );
    let l = &profile.losses;
    assert_eq!(l.collisions, 1);
    // -EFAULT means there was no user stack to take: labelled, not a loss.
    assert_eq!(l.stack_errors.get(&-14), None);
    assert_eq!(l.lost_stack_weight, 500_000);
    assert_eq!(l.truncated_stacks, 1);
    assert_eq!(l.truncated_weight, 500_000);
    assert_eq!(l.unresolved_frames, 1);
    assert_eq!(l.unresolved_weight, 250_000);
    assert_eq!(l.total_weight, 5_000_000);
    assert!(!l.is_clean());
    assert_eq!(
        l.summary_line(),
        "lost stacks: 1 (collisions 1) carrying 500,000; 1 truncated (10.0% of weight); unresolved: 1 frames, 5.0% of weight"
    );
}

#[test]
fn fold_formats_int_roots_and_markers() {
    let spec = map(
        "@",
        vec![KeyKind::Int(Unit::Plain), KeyKind::Hidden, ustack()],
        ValueSpec::Count,
    );
    let entries = vec![
        entry(vec![RawPart::Int(1234), u(&[0x2, 0x1])], RawValue::Count(3)),
        entry(
            vec![RawPart::Marker("[blocks < 1ms]".into())],
            RawValue::Count(2),
        ),
        entry(
            vec![
                RawPart::Int(1234),
                RawPart::UserStack {
                    tgid: 7,
                    ips: vec![0x2],
                    truncated: true,
                },
            ],
            RawValue::Count(1),
        ),
    ];
    let profile = fold::fold(&entries, &spec, &mut FakeSymbolizer::new()).unwrap();
    assert_eq!(
        folded::write(&profile),
        "1234;[truncated];u2 1\n1234;u1;u2 3\n[blocks < 1ms] 2\n"
    );
    assert_eq!(profile.unit, Unit::Plain);
    assert_eq!(profile.value_name, "samples");
    assert_eq!(profile.losses.unresolved_frames, 0);
    assert_eq!(profile.losses.resolved_frames, 3);
}

#[test]
fn fold_refuses_maps_that_do_not_add_up() {
    let spec = map("@lat", vec![kstack()], ValueSpec::Max(Unit::NS));
    let err = fold::fold(&[], &spec, &mut FakeSymbolizer::new()).unwrap_err();
    assert_eq!(err, FoldError::NotAdditive { map: "@lat".into() });
    let spec = map("@", vec![kstack()], ValueSpec::Count);
    let bad = [entry(vec![k(&[1])], RawValue::Max(3))];
    assert!(matches!(
        fold::fold(&bad, &spec, &mut FakeSymbolizer::new()),
        Err(FoldError::ValueMismatch { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// folded text

#[test]
fn folded_round_trips() {
    let profile = offcpu_profile();
    let text = folded::write(&profile);
    let back = folded::parse(&text).unwrap();
    assert_eq!(folded::write(&back), text);
    assert_eq!(back.total(), profile.total());
    let kinds: Vec<FrameKind> = back
        .stacks
        .iter()
        .flat_map(|(f, _)| f)
        .map(|f| f.kind)
        .collect();
    for kind in [
        FrameKind::Kernel,
        FrameKind::Inlined,
        FrameKind::Unknown,
        FrameKind::Marker,
        FrameKind::User,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} lost in {kinds:?}");
    }
    assert_eq!(back.losses.unresolved_frames, 1);
}

#[test]
fn folded_parser_merges_and_reports_bad_lines() {
    let p = folded::parse("a;b 2\n\na;b 3\nc 1.6\n").unwrap();
    assert_eq!(folded::write(&p), "a;b 5\nc 2\n");
    let err = folded::parse("a;b 2\nnocount\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2: expected `frame;frame;… COUNT`, found `nocount`"
    );
    assert!(folded::parse("a x\n").is_err());
}

// ---------------------------------------------------------------------------------------------
// SVG

#[test]
fn svg_carries_title_subtitle_and_unit_and_is_well_formed() {
    let profile = offcpu_profile();
    let title = "offcpu min 1ms < @[comm, kstack, ustack] = sum(delta) >";
    let bytes = svg::render(&profile, &svg::SvgConfig::new(title)).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    // The script's `<` and `>` are escaped, so the title survives as text.
    assert!(
        text.contains("offcpu min 1ms &lt; @[comm, kstack, ustack] = sum(delta) &gt;"),
        "title"
    );
    assert!(
        text.contains("total 5.00 ms; lost stacks: 1 (collisions 1)"),
        "subtitle"
    );
    // ns sums are shown in microseconds: 4 ms of the full stack reads 4,000 us.
    assert!(
        text.contains("k3 (4,000 us, 80.00%)"),
        "tooltip in us, kernel suffix stripped"
    );
    assert!(text.contains("all (5,000 us, 100%)"));
    // Unknown frames grey, markers purple, roots blue; kernel frames orange-ish from the java palette.
    assert!(
        text.contains("rgb(160,160,160)")
            && text.contains("rgb(190,150,220)")
            && text.contains("rgb(130,170,230)")
    );
    well_formed(&text);
}

fn well_formed(text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "SVG is not well-formed at {}: {e}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "unbalanced SVG");
}

#[test]
fn svg_of_nothing_is_an_error() {
    let empty = fold::Profile::from_stacks([], Unit::Plain, "samples", Default::default());
    assert!(matches!(
        svg::render(&empty, &svg::SvgConfig::new("t")),
        Err(svg::SvgError::Empty)
    ));
}

// ---------------------------------------------------------------------------------------------
// pprof

#[test]
fn pprof_decodes_back_with_type_totals_and_inline_lines() {
    use std::io::Read;
    let profile = offcpu_profile();
    let config = pprof::PprofConfig {
        sample_type: Some("off-cpu".into()),
        title: "offcpu".into(),
        ..Default::default()
    };
    let gz = pprof::render(&profile, &config).unwrap();
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut raw)
        .unwrap();
    let pb: pprof::PbProfile = prost::Message::decode(&raw[..]).unwrap();
    let s = |i: i64| pb.string_table[i as usize].as_str();
    assert_eq!(s(0), "");
    assert_eq!(
        (s(pb.sample_type[0].r#type), s(pb.sample_type[0].unit)),
        ("off-cpu", "nanoseconds")
    );
    let total: i64 = pb.sample.iter().map(|x| x.value[0]).sum();
    assert_eq!(total, 5_000_000);
    assert_eq!(pb.sample.len(), profile.stacks.len());
    let comments: Vec<&str> = pb.comment.iter().map(|&i| s(i)).collect();
    assert_eq!(comments[0], "offcpu");
    assert!(comments[1].contains("collisions 1"), "{comments:?}");
    // The full stack, leaf first: k3 k2 k1 u30 (u100+inner) u10 app = 7 locations.
    let full = pb.sample.iter().find(|x| x.value[0] == 4_000_000).unwrap();
    assert_eq!(full.location_id.len(), 7);
    let loc = |id: u64| pb.location.iter().find(|l| l.id == id).unwrap();
    let fname = |id: u64| s(pb.function.iter().find(|f| f.id == id).unwrap().name);
    let leaf = loc(full.location_id[0]);
    assert_eq!(fname(leaf.line[0].function_id), "k3");
    assert_eq!(leaf.mapping_id, 1);
    let inlined = loc(full.location_id[4]);
    let names: Vec<&str> = inlined.line.iter().map(|l| fname(l.function_id)).collect();
    assert_eq!(names, ["inner", "u100"], "innermost first");
    assert_eq!(
        loc(full.location_id[6]).mapping_id,
        0,
        "root frame has no mapping"
    );
}

#[test]
fn pprof_scales_units_to_base() {
    use std::io::Read;
    let profile = fold::Profile::from_stacks(
        [(vec![Frame::new("f", FrameKind::User)], 3)],
        Unit::Bytes { scale: 1024 },
        "bytes",
        Default::default(),
    );
    let gz = pprof::render(&profile, &Default::default()).unwrap();
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut raw)
        .unwrap();
    let pb: pprof::PbProfile = prost::Message::decode(&raw[..]).unwrap();
    assert_eq!(pb.sample[0].value, [3 * 1024]);
    assert_eq!(pb.string_table[pb.sample_type[0].unit as usize], "bytes");
    assert_eq!(pb.string_table[pb.sample_type[0].r#type as usize], "bytes");
}

// ---------------------------------------------------------------------------------------------
// tables

#[test]
fn table_sorts_by_value_in_human_units() {
    let spec = map("@bytes", vec![KeyKind::Str], ValueSpec::Sum(Unit::BYTES));
    let entries = vec![
        entry(vec![RawPart::Str("dd".into())], RawValue::Sum(64 << 20)),
        entry(vec![RawPart::Str("bash".into())], RawValue::Sum(512)),
        entry(vec![RawPart::Str("cc".into())], RawValue::Sum(4096)),
    ];
    let text = table::render(&entries, &spec, &mut FakeSymbolizer::new());
    assert_eq!(
        text,
        "@bytes[bash]: 512 bytes\n@bytes[cc]: 4.0 KiB\n@bytes[dd]: 64.0 MiB\n"
    );
    let spec = map("", vec![], ValueSpec::Avg(Unit::NS));
    let text = table::render(
        &[entry(
            vec![],
            RawValue::Avg {
                sum: 3_000,
                count: 2,
            },
        )],
        &spec,
        &mut FakeSymbolizer::new(),
    );
    assert_eq!(text, "@: 1.50 us\n");
}

#[test]
fn table_prints_stacks_leaf_first() {
    let spec = map("@", vec![kstack()], ValueSpec::Max(Unit::NS));
    let text = table::render(
        &[entry(vec![k(&[0x2, 0x100])], RawValue::Max(5))],
        &spec,
        &mut FakeSymbolizer::new(),
    );
    assert_eq!(
        text,
        "@[\n        k2\n        inner\n        k100\n]: 5 ns\n"
    );
}

#[test]
fn histogram_draws_log2_buckets() {
    let spec = map(
        "@lat",
        vec![],
        ValueSpec::Hist {
            unit: Unit::Plain,
            buckets: 64,
        },
    );
    let mut buckets = vec![0; 64];
    buckets[1] = 1; // [1, 2)
    buckets[3] = 4; // [4, 8)
    buckets[11] = 2; // [1K, 2K)
    let text = table::render(
        &[entry(vec![], RawValue::Hist(buckets))],
        &spec,
        &mut FakeSymbolizer::new(),
    );
    golden("hist_plain.txt", &text);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "@lat:");
    assert_eq!(lines.len(), 1 + 11, "buckets 1..=11");
    assert!(
        lines[1].starts_with("[1, 2)") && lines[1].ends_with(&format!("|{:<52}|", "@".repeat(13)))
    );
    assert!(lines[3].contains(&"@".repeat(52)));
    assert!(lines[11].starts_with("[1K, 2K)"));
    assert_eq!(table::histogram(&[0, 0], Unit::NS), "");
    assert!(
        table::histogram(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3], Unit::NS)
            .starts_with("[1.02 us, 2.05 us)")
    );
}

// ---------------------------------------------------------------------------------------------
// real symbolization

#[inline(never)]
fn flamescript_marker_function(x: u64) -> u64 {
    std::hint::black_box(x.wrapping_mul(31).rotate_left(7))
}

#[test]
fn symbolizes_a_function_of_this_binary() {
    let ip = flamescript_marker_function as *const () as usize as u64;
    assert_eq!(flamescript_marker_function(1), 31u64.rotate_left(7));
    let pid = std::process::id();
    let mut sym = Symbolizer::new();
    let n = sym.track(pid).unwrap();
    assert!(n > 0, "no executable mapping in our own /proc/self/maps");
    let frames = sym.user(pid, &[ip + 1]);
    assert_eq!(frames.len(), 1);
    // The function itself comes first; what the compiler inlined into it (if anything) follows.
    assert!(
        frames[0][0].name.contains("flamescript_marker_function"),
        "got {frames:?}"
    );
    assert_eq!(frames[0][0].kind, FrameKind::User);
    assert!(
        frames[0][1..].iter().all(|f| f.kind == FrameKind::Inlined),
        "got {frames:?}"
    );
    assert_eq!(sym.stats().resolved, 1);
    // Batched (`prepare`) and appended (`user_frames`): the same frames, root first, and each
    // distinct lookup address named once, however many times it is asked for: here two (the
    // leaf as captured, the caller's return address one byte back) for three addresses.
    let mut fresh = Symbolizer::new();
    fresh.track(pid).unwrap();
    let stack = [ip + 1, ip + 1];
    fresh.prepare(&[(pid, &stack[..]), (pid, &[ip + 1][..])], &[]);
    let mut appended = vec![Frame::new("root", FrameKind::Root)];
    fresh.user_frames(pid, &stack, &mut appended);
    let expected: Vec<Frame> = std::iter::once(Frame::new("root", FrameKind::Root))
        .chain(fresh.user(pid, &stack).into_iter().rev().flatten())
        .collect();
    assert_eq!(appended, expected);
    // The leaf as captured and the caller's return address one byte back may differ in what
    // is inlined at them (a debug build inlines less): one frame each at least.
    assert!(appended.len() >= 3, "got {appended:?}");
    assert_eq!(
        fresh.stats().resolved,
        2,
        "two distinct addresses, each named once"
    );
    // An address in no mapping is kept, marked unknown, and counted.
    let frames = sym.user(pid, &[0x10]);
    assert_eq!(
        frames,
        vec![vec![Frame::new("[unknown]", FrameKind::Unknown)]]
    );
    assert_eq!(sym.stats().unresolved, 1);
}

#[test]
fn symbols_survive_the_exit_of_the_process() {
    survive_exit(None);
}

/// The harder case: the library file is deleted while the process runs (an upgrade, a build
/// tree rebuilt), so only `/proc/PID/map_files` led to it, and that is gone at the end too.
#[test]
fn symbols_survive_exit_and_deletion_of_the_file() {
    let dir = std::env::temp_dir().join(format!("flamescript-symtest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let system_libc = Path::new("/lib/x86_64-linux-gnu/libc.so.6");
    std::fs::copy(system_libc, dir.join("libc.so.6")).unwrap();
    survive_exit(Some(&dir));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Runs `/bin/sleep` (with libc from `lib_dir`, deleted once mapped, if given), tracks it while
/// it lives, lets it exit, then names an address in its `clock_nanosleep`.
fn survive_exit(lib_dir: Option<&Path>) {
    let mut cmd = std::process::Command::new("/bin/sleep");
    cmd.arg("0.3");
    if let Some(dir) = lib_dir {
        cmd.env("LD_LIBRARY_PATH", dir);
    }
    let mut child = cmd.spawn().unwrap();
    let pid = child.id();
    // The dynamic loader maps libc shortly after exec; wait for it (the sleep outlives this).
    let maps_path = format!("/proc/{pid}/maps");
    let libc = (0..200)
        .find_map(|_| {
            let text = std::fs::read_to_string(&maps_path).unwrap_or_default();
            let found = text
                .lines()
                .find(|l| l.contains("libc.so") && l.contains(" r-xp "))
                .map(str::to_string);
            if found.is_none() {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            found
        })
        .expect("libc never appeared in the child's maps");
    let libc_path = PathBuf::from(libc.split_whitespace().nth(5).unwrap());
    // Where `clock_nanosleep` lives in the file, read before any deletion.
    let file_offset = symbol_file_offset(&libc_path, "clock_nanosleep");
    if let Some(dir) = lib_dir {
        assert!(
            libc_path.starts_with(dir),
            "the child uses our copy: {libc}"
        );
        std::fs::remove_file(&libc_path).unwrap();
    }

    let mut sym = Symbolizer::new();
    sym.track(pid).unwrap();
    let m = sym
        .mappings(pid)
        .unwrap()
        .iter()
        .find(|m| {
            m.module == "libc.so.6"
                && m.offset <= file_offset
                && file_offset - m.offset < m.end - m.start
        })
        .expect("clock_nanosleep's page is mapped executable")
        .clone();
    if lib_dir.is_some() {
        assert!(
            m.open_path.starts_with(format!("/proc/{pid}/map_files")),
            "{m:?}"
        );
    }
    let ip = m.start + (file_offset - m.offset) + 4;

    assert!(child.wait().unwrap().success());
    assert!(
        !Path::new(&format!("/proc/{pid}")).exists(),
        "the child is gone"
    );

    let frames = sym.user(pid, &[ip]);
    let name = &frames[0][0].name;
    assert!(name.contains("clock_nanosleep"), "got {frames:?}");
    assert_eq!(frames[0][0].kind, FrameKind::User);
    assert!(m.build_id.is_some(), "Debian's libc has a build id");
}

/// The file offset of a named symbol in an ELF file, through blazesym's inspector.
fn symbol_file_offset(path: &Path, name: &str) -> u64 {
    let inspector = blazesym::inspect::Inspector::new();
    // The ELF symbol table is enough (and the DWARF of a stripped libc has no symbols).
    let mut elf = blazesym::inspect::source::Elf::new(path);
    elf.debug_syms = false;
    let src = blazesym::inspect::source::Source::Elf(elf);
    let found = inspector.lookup(&src, &[name]).unwrap();
    found
        .iter()
        .flatten()
        .find_map(|s| s.file_offset)
        .unwrap_or_else(|| panic!("{name} not in {}", path.display()))
}

#[test]
fn symbolizes_kernel_addresses_through_kallsyms() {
    let kallsyms = std::fs::read_to_string("/proc/kallsyms").unwrap();
    let addr_of = |name: &str| {
        kallsyms.lines().find_map(|l| {
            let mut it = l.split_whitespace();
            let (addr, kind, sym) = (it.next()?, it.next()?, it.next()?);
            (sym == name && kind.eq_ignore_ascii_case("t"))
                .then(|| u64::from_str_radix(addr, 16).unwrap())
        })
    };
    let schedule = addr_of("schedule").expect("schedule is in kallsyms");
    if schedule == 0 {
        // kallsyms hides addresses from non-root readers; the kernel suites need root anyway.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs as root: kallsyms addresses must be visible"
        );
        #[allow(clippy::print_stderr, reason = "a skipped test says why")]
        {
            eprintln!("skipped: /proc/kallsyms shows no addresses (not root)");
        }
        return;
    }
    let vfs_read = addr_of("vfs_read").expect("vfs_read is in kallsyms");
    let mut sym = Symbolizer::new();
    // Leaf first: the leaf is an exact ip; the caller's is a return address (looked up one back).
    let frames = sym.kernel(&[schedule + 4, vfs_read + 1]);
    let names: Vec<&str> = frames.iter().map(|f| &*f[0].name).collect();
    assert_eq!(names, ["schedule", "vfs_read"]);
    // Appended root first, from the memo.
    let mut appended = Vec::new();
    sym.kernel_frames(&[schedule + 4, vfs_read + 1], &mut appended);
    let names: Vec<&str> = appended.iter().map(|f| &*f.name).collect();
    assert_eq!(names, ["vfs_read", "schedule"]);
    assert!(frames.iter().all(|f| f[0].kind == FrameKind::Kernel));
    // An address below the kernel's text is kept as an unknown frame.
    let frames = sym.kernel(&[0x1000]);
    assert_eq!(frames[0][0].kind, FrameKind::Unknown);
    assert_eq!(sym.stats().resolved, 2);
    assert_eq!(sym.stats().unresolved, 1);
}

#[test]
fn svg_colors_frames_by_kind() {
    let profile = offcpu_profile();
    let text =
        String::from_utf8(svg::render(&profile, &svg::SvgConfig::new("t")).unwrap()).unwrap();
    // The fill of the rectangle drawn for a frame whose tooltip starts with `name (`.
    let fill_of = |name: &str| -> (u8, u8, u8) {
        let at = text
            .find(&format!("<title>{name} ("))
            .unwrap_or_else(|| panic!("{name} not drawn"));
        let rest = &text[at..];
        let rgb = &rest[rest.find("fill=\"rgb(").unwrap() + 10..];
        let nums: Vec<u8> = rgb[..rgb.find(')').unwrap()]
            .split(',')
            .map(|n| n.parse().unwrap())
            .collect();
        (nums[0], nums[1], nums[2])
    };
    // FlameGraph's java palette: kernel orange (r high, b low), inlined aqua (g and b high).
    let (r, _, b) = fill_of("k3");
    assert!(
        r > 150 && b < 100,
        "kernel frame not orange: {:?}",
        fill_of("k3")
    );
    let (r, g, b) = fill_of("inner");
    assert!(
        r < 120 && g > 150 && b > 150,
        "inlined frame not aqua: {:?}",
        (r, g, b)
    );
    assert_eq!(fill_of("[truncated]"), (190, 150, 220));
    assert_eq!(fill_of("app"), (130, 170, 230));
}

/// Names as a real symbolizer would, entry points included: `0x1` is `_start`, `0xd000`–
/// `0xdfff` is code of a stripped library, anything else `fN`.
struct EntrySymbolizer;

impl Symbolize for EntrySymbolizer {
    fn names_entry_points(&self) -> bool {
        true
    }
    fn kernel(&mut self, ips: &[u64]) -> Vec<Vec<Frame>> {
        ips.iter()
            .map(|ip| vec![Frame::new(format!("k{ip:x}"), FrameKind::Kernel)])
            .collect()
    }
    fn user(&mut self, _tgid: u32, ips: &[u64]) -> Vec<Vec<Frame>> {
        ips.iter()
            .map(|ip| match ip {
                1 => vec![Frame::new("_start", FrameKind::User)],
                0xd000..=0xdfff => vec![Frame::new("[unknown] (liblzma.so.5)", FrameKind::Unknown)],
                _ => vec![Frame::new(format!("f{ip:x}"), FrameKind::User)],
            })
            .collect()
    }
}

// See: issue 18 — a frame-pointer walk into a stripped library is one frame, not a tower, and
// a stack that does not reach a thread's entry is counted as incomplete by cause, with its
// weight; an unknown outermost frame is not taken for the entry point.
#[test]
fn fold_counts_incomplete_stacks_honestly() {
    let spec = map("@", vec![ustack()], ValueSpec::Count);
    let entries = vec![
        // Leaf first, as the kernel gives them.
        entry(vec![u(&[0x10, 0x11, 0x1])], RawValue::Count(6)),
        entry(vec![u(&[0x10, 0xd001, 0xd002, 0xd003])], RawValue::Count(3)),
        entry(vec![u(&[0x10, 0x12])], RawValue::Count(1)),
    ];
    let profile = fold::fold(&entries, &spec, &mut EntrySymbolizer).unwrap();
    let text = folded::write(&profile);
    assert!(
        text.contains("[incomplete stack];[unknown] (liblzma.so.5);f10 3\n"),
        "{text}"
    );
    assert!(text.contains("[incomplete stack];f12;f10 1\n"), "{text}");
    assert!(text.contains("_start;f11;f10 6\n"), "{text}");
    let l = &profile.losses;
    assert_eq!((l.unrooted_stacks, l.unrooted_weight), (2, 4));
    assert_eq!(l.unrooted_by_cause["ends in unknown code"], (1, 3));
    assert_eq!(l.unrooted_by_cause["walk stopped short"], (1, 1));
    let line = l.summary_line();
    assert!(
        line.contains("2 user stacks (40.0% of weight) not walked to their root")
            && line.contains("ends in unknown code x1")
            && !line.contains("most user stacks are incomplete"),
        "{line}"
    );
    // A walk from tables that stopped one step past the entry (a static musl `_start` has no
    // rule that ends the walk) lost nothing: no marker, not counted; stopped anywhere else it
    // is marked and counted by its cause.
    let stop = |code: u64| flamescript_runtime::recover::STOP_BASE + code;
    let past_entry = vec![
        entry(vec![u(&[0x10, 0x11, 0x1, stop(2)])], RawValue::Count(5)),
        entry(vec![u(&[0x10, 0x12, stop(2)])], RawValue::Count(2)),
        // No copy of the stack could be read: the leaf alone, marked.
        entry(vec![u(&[0x13, stop(6)])], RawValue::Count(4)),
    ];
    let profile = fold::fold(&past_entry, &spec, &mut EntrySymbolizer).unwrap();
    let text = folded::write(&profile);
    assert!(text.contains("_start;f11;f10 5\n"), "{text}");
    assert!(
        text.contains("[unwind: no unwind info];f12;f10 2\n"),
        "{text}"
    );
    assert!(text.contains("[unwind: no stack copy];f13 4\n"), "{text}");
    let l = &profile.losses;
    assert_eq!((l.unrooted_stacks, l.unrooted_weight), (2, 6));
    assert_eq!(l.unrooted_by_cause["no unwind info"], (1, 2));
    assert_eq!(l.unrooted_by_cause["no stack copy"], (1, 4));
    // When most of the weight lacks its callers, the report says what would give them.
    let mostly = vec![
        entry(vec![u(&[0x10, 0xd001])], RawValue::Count(9)),
        entries[0].clone(),
    ];
    let profile = fold::fold(&mostly, &spec, &mut EntrySymbolizer).unwrap();
    assert!(
        profile
            .losses
            .summary_line()
            .contains("most user stacks are incomplete"),
        "{}",
        profile.losses.summary_line()
    );
}

// See: issue 19 — a user-mode sample in a map keyed by `kstack` alone has no kernel stack
// (-EFAULT): it keeps a frame of its own, so FlameGraph's formats do not drop its weight.
#[test]
fn fold_a_sample_without_any_stack_keeps_a_frame() {
    let spec = map("@", vec![kstack()], ValueSpec::Count);
    let entries = vec![
        entry(vec![RawPart::StackError(-14)], RawValue::Count(7)),
        entry(vec![k(&[0x2, 0x1])], RawValue::Count(3)),
    ];
    let profile = fold::fold(&entries, &spec, &mut FakeSymbolizer::new()).unwrap();
    let text = folded::write(&profile);
    assert!(text.contains("[no kernel stack] 7\n"), "{text}");
    assert_eq!(
        profile.losses.stack_errors.len(),
        0,
        "nothing was lost: {text}"
    );
}

// See: issue 19 — values a script can make negative read as negative: a table prints -5, not
// 18,446,744,073,709,551,611, and a flame graph leaves a negative sum out, counted.
#[test]
fn negative_values_read_as_negative() {
    let table_spec = map("@y", vec![], ValueSpec::Last(Unit::Plain));
    let text = table::render(
        &[entry(vec![], RawValue::Last(-5i64 as u64))],
        &table_spec,
        &mut FakeSymbolizer::new(),
    );
    assert!(text.contains("-5") && !text.contains("18,446"), "{text}");
    let spec = map("@", vec![kstack()], ValueSpec::Sum(Unit::NS));
    let entries = vec![
        entry(vec![k(&[0x1])], RawValue::Sum(-4_000i64 as u64)),
        entry(vec![k(&[0x2])], RawValue::Sum(9_000)),
    ];
    let profile = fold::fold(&entries, &spec, &mut FakeSymbolizer::new()).unwrap();
    let folded_text = folded::write(&profile);
    assert_eq!(folded_text, "k2_[k] 9000\n");
    let line = profile.losses.summary_line();
    assert!(
        line.contains("negative sums, not in the graph: 1"),
        "{line}"
    );
}
