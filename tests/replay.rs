//! The code generator without a kernel: scripts compile (against the pinned tracefs fixture)
//! to the same bytecode a live run loads, and run in the reference interpreter
//! (`runtime::replay::vm`) over synthetic events; the maps must hold what the script means.
//! Also the interpreter's own semantics on hand-written programs: ALU corner cases, calls,
//! atomics, and every bad access an error rather than a crash.
//!
//! Kernel comparison: our tracepoint and perf_event programs cannot go through
//! `BPF_PROG_TEST_RUN` as they are (the kernel runs it for raw tracepoints, not for these
//! types); `tests/jit.rs` loads tracepoint programs' bytecode as raw tracepoint programs to
//! compare per input, and the e2e suites' known answers cover the rest.

use std::collections::BTreeMap;

use compiler::artifact::{Artifact, AttachSpec, KeyKind, KeyPart, MapKind, MapSpec, ValueSpec};
use compiler::bpf::Insn;
use compiler::bpf::insn::{AluOp, AtomicOp, Cond, Reg, Size};
use compiler::diag::Sources;
use compiler::lower::Options;
use compiler::tracefs::TracefsEnv;
use runtime::fold::{RawPart, RawValue};
use runtime::replay::vm::{self, Event, Maps, Program, VmError, interp};

use crate::check;

fn compile(text: &str) -> Artifact {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let mut sources = Sources::new();
    let file = sources.add("-e", text);
    // As `flamescript replay` compiles: the VM answers `bpf_get_stack` from recorded frames.
    let options = Options {
        fp_walk: compiler::lower::FpWalk::Kernel,
        ..Options::default()
    };
    match compiler::compile(file, text, stdlib::catalog(), &env, &options) {
        Ok(it) => it.artifact,
        Err(d) => panic!("{text} does not compile:\n{}", sources.render(&d)),
    }
}

/// A compiled script and its maps in user memory.
struct Replay {
    artifact: Artifact,
    maps: Maps,
    programs: Vec<Program>,
}

impl Replay {
    fn new(text: &str) -> Replay {
        let artifact = compile(text);
        let maps = Maps::new(&artifact, 4);
        let programs = artifact
            .programs
            .iter()
            .filter(|p| !p.code.is_empty())
            .map(|p| Program::new(p, &maps).expect("program loads"))
            .collect();
        Replay {
            artifact,
            maps,
            programs,
        }
    }

    fn run(&mut self, ctx: &[u8], event: &Event) {
        for prog in &self.programs {
            let r0 = interp::run(prog, &mut self.maps, ctx, event)
                .unwrap_or_else(|e| panic!("{}: {e}", prog.name));
            assert_eq!(r0, 0, "{} returns 0", prog.name);
        }
    }

    /// The entries of the map the script calls `display`, decoded as a live run decodes them.
    fn entries(&self, display: &str) -> Vec<(Vec<RawPart>, RawValue)> {
        let map = self
            .maps
            .maps
            .iter()
            .find(|m| m.spec.display == display)
            .unwrap_or_else(|| panic!("no map {display}"));
        let stacks = self
            .maps
            .by_name(compiler::lower::STACKS_MAP)
            .map(|m| m.dump());
        let lookup = |_: &str, id: u64| {
            let dump = stacks.as_ref()?;
            let (_, value) = dump
                .entries
                .iter()
                .find(|(k, _)| runtime::maps::stack_key(k) == id)?;
            Some(runtime::maps::stack_frames(value))
        };
        let mut overflow = runtime::losses::LossReport::default();
        let mut res: Vec<_> = runtime::maps::decode(&map.dump(), &lookup, &mut overflow)
            .into_iter()
            .map(|e| (e.parts, e.value))
            .collect();
        res.sort_by_key(|(parts, _)| format!("{parts:?}"));
        res
    }

    fn losses(&self) -> runtime::losses::LossReport {
        let spec = &self.artifact.losses;
        let map = self.maps.by_name(&spec.map).expect("losses map");
        runtime::maps::losses(&map.dump(), spec)
    }
}

fn event<'a>(tgid: u32, comm: &str, cpu: u32, user_stack: &'a [u64]) -> Event<'a> {
    Event {
        tgid,
        tid: tgid + 1,
        comm: vm::comm(comm),
        cpu,
        time_ns: 1_000_000,
        user_stack,
        ..Event::default()
    }
}

/// A `raw_syscalls:sys_enter` record (the fixture's layout): `id` at 8, `args[6]` at 16.
fn sys_enter(pid: u32, id: i64) -> Vec<u8> {
    let mut res = vec![0u8; 64];
    res[4..8].copy_from_slice(&pid.to_le_bytes());
    res[8..16].copy_from_slice(&id.to_le_bytes());
    res
}

#[test]
fn profile_counts_user_stacks_per_process() {
    let mut it = Replay::new("profile < @[ustack] = count() >");
    let a = [0x40_1000u64, 0x40_2000, 0x40_3000];
    let b = [0x40_5000u64, 0x40_3000];
    let ctx = vm::perf_event_ctx(10_101_010, 0);
    for cpu in 0..5 {
        it.run(&ctx, &event(100, "burner", cpu % 4, &a));
    }
    for _ in 0..3 {
        it.run(&ctx, &event(100, "burner", 1, &b));
    }
    for _ in 0..2 {
        it.run(&ctx, &event(200, "other", 2, &a));
    }
    let stack = |tgid: u32, ips: &[u64]| {
        vec![RawPart::UserStack {
            tgid,
            ips: ips.to_vec(),
            truncated: false,
        }]
    };
    let mut expected = vec![
        (stack(100, &a), RawValue::Count(5)),
        (stack(100, &b), RawValue::Count(3)),
        (stack(200, &a), RawValue::Count(2)),
    ];
    expected.sort_by_key(|(parts, _)| format!("{parts:?}"));
    assert_eq!(it.entries("@"), expected);
    let losses = it.losses();
    assert_eq!(losses.events_seen, Some(10));
    assert_eq!(losses.events_kept, Some(10));
}

#[test]
fn profile_without_a_user_stack_counts_the_capture_error() {
    let mut it = Replay::new("profile < @[ustack] = count() >");
    let ctx = vm::perf_event_ctx(1, 0);
    it.run(&ctx, &event(0, "swapper/0", 0, &[]));
    let entries = it.entries("@");
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(
        matches!(entries[0].0[..], [RawPart::StackError(_)]),
        "{entries:?}"
    );
    assert_eq!(entries[0].1, RawValue::Count(1));
}

#[test]
fn profile_sums_the_sample_period_by_comm() {
    let mut it = Replay::new("profile hz 49 < @[comm, ustack] = sum(period) >");
    let a = [0x1000u64, 0x2000];
    for period in [100u64, 250, 650] {
        it.run(&vm::perf_event_ctx(period, 0), &event(7, "worker", 3, &a));
    }
    let entries = it.entries("@");
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].0[0], RawPart::Str("worker".into()));
    assert_eq!(entries[0].1, RawValue::Sum(1000));
}

#[test]
fn tracepoint_filter_on_args_counts_matching_events_per_pid() {
    let mut it =
        Replay::new("tracepoint:raw_syscalls:sys_enter /args.id == 0/ < @reads[pid] = count() >");
    for (pid, id) in [
        (10, 0),
        (10, 0),
        (10, 1),
        (10, 0),
        (20, 0),
        (20, 3),
        (30, 59),
    ] {
        it.run(&sys_enter(pid, id), &event(pid, "cat", 0, &[]));
    }
    let got: BTreeMap<u64, RawValue> = it
        .entries("@reads")
        .into_iter()
        .map(|(parts, value)| match parts[..] {
            [RawPart::Int(pid)] => (pid, value),
            _ => panic!("{parts:?}"),
        })
        .collect();
    let expected = BTreeMap::from([(10, RawValue::Count(3)), (20, RawValue::Count(1))]);
    assert_eq!(got, expected);
    assert_eq!(it.losses().events_seen, Some(7));
}

#[test]
fn tracepoint_counts_by_comm() {
    let mut it = Replay::new("tracepoint:sched:sched_process_exec < @[comm] = count() >");
    let ctx = vec![0u8; 32];
    for comm in ["ls", "ls", "a-very-long-command-name"] {
        it.run(&ctx, &event(1, comm, 0, &[]));
    }
    let got = it.entries("@");
    let expected = vec![
        (
            vec![RawPart::Str("a-very-long-com".into())],
            RawValue::Count(1),
        ),
        (vec![RawPart::Str("ls".into())], RawValue::Count(2)),
    ];
    assert_eq!(got, expected);
}

#[test]
fn hist_min_max_avg_sum_of_an_argument() {
    let mut it = Replay::new(
        "tracepoint:raw_syscalls:sys_enter < @h = hist(args.id); @lo = min(args.id); \
         @hi = max(args.id); @m = avg(args.id); @s = sum(args.id) >",
    );
    let ids = [0i64, 1, 2, 3, 5, 8, 1000];
    for (i, id) in ids.into_iter().enumerate() {
        it.run(&sys_enter(1, id), &event(1, "x", i as u32 % 4, &[]));
    }
    let value = |name: &str| {
        let entries = it.entries(name);
        assert_eq!(entries.len(), 1, "{name}: {entries:?}");
        entries[0].1.clone()
    };
    let RawValue::Hist(buckets) = value("@h") else {
        panic!("@h is not a histogram")
    };
    // Bucket i holds [2^(i-1), 2^i); bucket 0 holds 0.
    let mut expected = BTreeMap::new();
    for (bucket, n) in [(0, 1), (1, 1), (2, 2), (3, 1), (4, 1), (10, 1)] {
        expected.insert(bucket, n);
    }
    let got: BTreeMap<usize, u64> = buckets
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, n)| (i, *n))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(value("@lo"), RawValue::Min(0));
    assert_eq!(value("@hi"), RawValue::Max(1000));
    assert_eq!(
        value("@m"),
        RawValue::Avg {
            sum: 1019,
            count: 7
        }
    );
    assert_eq!(value("@s"), RawValue::Sum(1019));
}

/// Every golden that needs no kernel memory runs on a synthetic event without an error.
#[test]
fn goldens_run_in_the_interpreter() {
    let mut ran = Vec::new();
    for path in check::files_with_ext(&check::data_dir("golden"), "fs") {
        let text = std::fs::read_to_string(&path).expect("read golden");
        let artifact = compile(text.trim());
        let mut maps = Maps::new(&artifact, 2);
        let stack = [0x1000u64, 0x2000];
        let ev = Event {
            kernel_stack: &stack,
            ..event(5, "golden", 1, &stack)
        };
        let ctx = vec![0u8; 512];
        for spec in artifact.programs.iter().filter(|p| !p.code.is_empty()) {
            let prog = Program::new(spec, &maps).expect("loads");
            let res = interp::run(&prog, &mut maps, &ctx, &ev);
            // BTF-typed tracepoints get kernel pointers (the tasks switched) and read through
            // them: a replay has no kernel memory, and the interpreter says so.
            if matches!(spec.attach, AttachSpec::TpBtf { .. }) {
                assert!(
                    matches!(
                        res,
                        Ok(_) | Err(VmError::OutOfBounds { .. } | VmError::Helper { .. })
                    ),
                    "{}: {res:?}",
                    spec.name
                );
                continue;
            }
            match res {
                Ok(_) => ran.push(spec.name.clone()),
                // Off-CPU reads the kernel's task structs; a recording has none.
                Err(VmError::Helper { name, .. }) => assert!(
                    [
                        "bpf_probe_read_kernel",
                        "bpf_get_task_stack",
                        "bpf_get_current_task_btf",
                        "bpf_task_pt_regs",
                        "bpf_get_current_task"
                    ]
                    .contains(&name),
                    "{}: {name}",
                    path.display()
                ),
                Err(e) => panic!("{}: {}: {e}", path.display(), spec.name),
            }
        }
    }
    assert!(ran.len() >= 10, "{ran:?}");
}

fn hand(insns: Vec<Insn>) -> Program {
    Program {
        name: "hand".into(),
        insns,
        map_refs: Default::default(),
    }
}

fn run_hand(insns: Vec<Insn>) -> Result<u64, VmError> {
    let mut maps = Maps { maps: Vec::new() };
    interp::run(&hand(insns), &mut maps, &[0u8; 16], &Event::default())
}

#[test]
fn alu_corner_cases_follow_the_kernel() {
    let prog = vec![
        Insn::mov64_imm(Reg::R0, -1),
        Insn::alu32_imm(AluOp::Add, Reg::R0, 1), // w0 = 0, upper half zeroed
        Insn::ld_imm64(Reg::R1, 0x1_0000_0005)[0],
        Insn::ld_imm64(Reg::R1, 0x1_0000_0005)[1],
        Insn::mov32_reg(Reg::R2, Reg::R1), // 5
        Insn::mov64_imm(Reg::R3, 0),
        Insn::alu64_reg(AluOp::Div, Reg::R1, Reg::R3), // r1 / 0 = 0
        Insn::mov64_imm(Reg::R4, 9),
        Insn::alu64_reg(AluOp::Mod, Reg::R4, Reg::R3), // 9 % 0 = 9
        Insn::mov64_imm(Reg::R5, -16),
        Insn::alu64_imm(AluOp::Arsh, Reg::R5, 2), // -4
        Insn::alu64_reg(AluOp::Add, Reg::R0, Reg::R1),
        Insn::alu64_reg(AluOp::Add, Reg::R0, Reg::R2),
        Insn::alu64_reg(AluOp::Add, Reg::R0, Reg::R4),
        Insn::alu64_reg(AluOp::Add, Reg::R0, Reg::R5),
        Insn::to_be(Reg::R2, 16), // 0x0500
        Insn::alu64_reg(AluOp::Add, Reg::R0, Reg::R2),
        Insn::exit(),
    ];
    assert_eq!(run_hand(prog), Ok(5 + 9 - 4 + 0x500));
}

#[test]
fn calls_get_a_fresh_stack_and_keep_the_callers_registers() {
    let prog = vec![
        Insn::mov64_imm(Reg::R6, 7),
        Insn::stx(Size::DW, Reg::FP, Reg::R6, -8),
        Insn::mov64_imm(Reg::R1, 5),
        Insn::call_local(4), // → 8
        Insn::alu64_reg(AluOp::Add, Reg::R0, Reg::R6),
        Insn::ldx(Size::DW, Reg::R1, Reg::FP, -8),
        Insn::alu64_reg(AluOp::Add, Reg::R0, Reg::R1),
        Insn::exit(),
        // The callee: r0 = r1 * 3, through its own stack, clobbering r6.
        Insn::mov64_imm(Reg::R6, 99),
        Insn::alu64_imm(AluOp::Mul, Reg::R1, 3),
        Insn::stx(Size::DW, Reg::FP, Reg::R1, -8),
        Insn::ldx(Size::DW, Reg::R0, Reg::FP, -8),
        Insn::exit(),
    ];
    assert_eq!(run_hand(prog), Ok(15 + 7 + 7));
}

#[test]
fn atomic_add_on_a_map_value() {
    let spec = MapSpec {
        name: "m".into(),
        display: "@m".into(),
        kind: MapKind::Array,
        key_size: 4,
        value_size: 8,
        max_entries: 1,
        per_cpu: false,
        task_work: false,
        no_prealloc: false,
        key: vec![KeyPart {
            offset: 0,
            size: 4,
            kind: KeyKind::Hidden,
        }],
        value: ValueSpec::Internal,
    };
    let mut maps = Maps {
        maps: vec![vm::UserMap::new(spec, 1)],
    };
    let ld = Insn::ld_map_fd(Reg::R1);
    let prog = Program {
        name: "atomic".into(),
        insns: vec![
            Insn::st_imm(Size::W, Reg::FP, -4, 0),
            ld[0],
            ld[1],
            Insn::mov64_reg(Reg::R2, Reg::FP),
            Insn::alu64_imm(AluOp::Add, Reg::R2, -4),
            Insn::call_helper(1),
            Insn::jmp_imm(Cond::Eq, Reg::R0, 0, 3),
            Insn::mov64_imm(Reg::R1, 40),
            Insn::atomic(Size::DW, AtomicOp::FetchAdd, Reg::R0, Reg::R1, 0),
            Insn::mov64_reg(Reg::R0, Reg::R1),
            Insn::exit(),
        ],
        map_refs: [(1, 0)].into(),
    };
    let ev = Event::default();
    assert_eq!(interp::run(&prog, &mut maps, &[], &ev), Ok(0));
    assert_eq!(interp::run(&prog, &mut maps, &[], &ev), Ok(40));
    let value = maps.maps[0].get(&0u32.to_le_bytes()).expect("entry");
    assert_eq!(value, 80u64.to_le_bytes());
}

#[test]
fn bad_accesses_are_errors() {
    // Above the frame pointer.
    let above = run_hand(vec![Insn::ldx(Size::DW, Reg::R0, Reg::FP, 0), Insn::exit()]);
    assert!(
        matches!(above, Err(VmError::OutOfBounds { pc: 0, .. })),
        "{above:?}"
    );
    // Below the 512-byte stack.
    let below = run_hand(vec![Insn::st_imm(Size::DW, Reg::FP, -520, 1), Insn::exit()]);
    assert!(
        matches!(below, Err(VmError::OutOfBounds { pc: 0, .. })),
        "{below:?}"
    );
    // A null pointer, and a forged one.
    let null = run_hand(vec![
        Insn::mov64_imm(Reg::R1, 0),
        Insn::ldx(Size::W, Reg::R0, Reg::R1, 0),
        Insn::exit(),
    ]);
    assert!(
        matches!(null, Err(VmError::OutOfBounds { pc: 1, .. })),
        "{null:?}"
    );
    let forged = run_hand(vec![
        Insn::ld_imm64(Reg::R1, 0xdead_0000_0000)[0],
        Insn::ld_imm64(Reg::R1, 0xdead_0000_0000)[1],
        Insn::ldx(Size::B, Reg::R0, Reg::R1, 0),
        Insn::exit(),
    ]);
    assert!(
        matches!(forged, Err(VmError::OutOfBounds { pc: 2, .. })),
        "{forged:?}"
    );
    // The context past its end, and written to.
    let past = run_hand(vec![
        Insn::ldx(Size::DW, Reg::R0, Reg::R1, 12),
        Insn::exit(),
    ]);
    assert!(
        matches!(past, Err(VmError::OutOfBounds { pc: 0, .. })),
        "{past:?}"
    );
    let write = run_hand(vec![Insn::st_imm(Size::B, Reg::R1, 0, 1), Insn::exit()]);
    assert_eq!(
        write,
        Err(VmError::ReadOnly {
            pc: 0,
            what: "context"
        })
    );
    // A jump out of the program, falling off its end, an unknown helper, a stack pointer
    // passed as a map.
    let jump = run_hand(vec![Insn::ja(5), Insn::exit()]);
    assert_eq!(jump, Err(VmError::BadJump { pc: 0 }));
    let off_end = run_hand(vec![Insn::mov64_imm(Reg::R0, 0)]);
    assert_eq!(off_end, Err(VmError::BadJump { pc: 1 }));
    let helper = run_hand(vec![Insn::call_helper(999), Insn::exit()]);
    assert!(
        matches!(helper, Err(VmError::Helper { id: 999, .. })),
        "{helper:?}"
    );
    let not_map = run_hand(vec![
        Insn::mov64_reg(Reg::R1, Reg::FP),
        Insn::call_helper(1),
        Insn::exit(),
    ]);
    assert!(
        matches!(not_map, Err(VmError::NotAMap { pc: 1, .. })),
        "{not_map:?}"
    );
    // Endless recursion stops at the kernel's depth.
    let deep = run_hand(vec![Insn::call_local(-1), Insn::exit()]);
    assert!(matches!(deep, Err(VmError::CallDepth { .. })), "{deep:?}");
}

fn flamescript_replay(recording: &std::path::Path, script: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_flamescript"))
        .arg("replay")
        .arg(recording)
        .args(["-e", script])
        .output()
        .expect("run flamescript replay")
}

/// `perf record -F 999 -g -- burner 2` replayed with `profile < @[ustack] = count() >` counts
/// the samples `perf report` counts (± 2 %); a probe the recording cannot provide exits 2.
#[test]
fn replay_of_a_perf_recording_counts_its_samples() {
    // Two seconds of a burner on a CPU: not beside the kernel tests, whose known answers
    // (off-CPU time, sample counts) assume a quiet machine.
    let _k = crate::kernel::lock();
    let dir = std::env::temp_dir().join(format!("fs-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let data = dir.join("perf.data");
    let burner = crate::workloads::workload("burner");
    let record = std::process::Command::new("perf")
        .args(["record", "-q", "-F", "999", "-g", "-o"])
        .arg(&data)
        .arg("--")
        .arg(&burner)
        .arg("2")
        .output()
        .expect("perf record runs");
    assert!(record.status.success(), "{record:?}");
    let report = std::process::Command::new("perf")
        .args([
            "report", "--stdio", "-n", "-g", "none", "--sort", "comm", "-i",
        ])
        .arg(&data)
        .output()
        .expect("perf report runs");
    let report = String::from_utf8_lossy(&report.stdout);
    // Lines `  100.00%  1983  burner`: the sample count is the first integer column.
    let perf_samples: u64 = report
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().find_map(|w| w.parse::<u64>().ok()))
        .sum();
    assert!(perf_samples > 500, "burner ran 2 s at 999 Hz:\n{report}");

    let out = flamescript_replay(&data, "profile < @[ustack] = count() >");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    let replayed: u64 = stdout
        .lines()
        .find_map(|l| l.strip_prefix("@\ttotal "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no total in:\n{stdout}"));
    let diff = replayed.abs_diff(perf_samples) as f64 / perf_samples as f64;
    assert!(
        diff <= 0.02,
        "replayed {replayed} samples, perf report {perf_samples}"
    );
    // The interpreter, the reference, prints the same as the JIT (the default).
    let interp = std::process::Command::new(env!("CARGO_BIN_EXE_flamescript"))
        .arg("replay")
        .arg(&data)
        .args([
            "--engine",
            "interp",
            "-e",
            "profile < @[ustack] = count() >",
        ])
        .output()
        .expect("run flamescript replay");
    assert!(interp.status.success(), "{interp:?}");
    assert_eq!(String::from_utf8_lossy(&interp.stdout), stdout);

    let refused = flamescript_replay(
        &data,
        "tracepoint:sched:sched_process_exec < @[comm] = count() >",
    );
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("a recording cannot provide"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
