//! The cranelift JIT against the reference interpreter (issue 21): every golden program (and
//! every example and stdlib script that compiles against the pinned tracefs fixture) runs on
//! both engines over the same synthetic events — several processes, threads, CPUs and stacks,
//! perf_event contexts, tracepoint records filled field by field from the fixture's formats —
//! and every run must return the same r0 or the same error, and the maps must end
//! byte-identical. Then the tricky instructions one by one, random straight-line programs and
//! random programs moving pointers between regions; and, as root, the kernel's own run of two
//! golden programs (`BPF_PROG_TEST_RUN`) against both engines over the same inputs.

use std::path::Path;

use compiler::artifact::{Artifact, AttachSpec};
use compiler::bpf::Insn;
use compiler::bpf::insn::{AluOp, AtomicOp, BPF_ALU64, BPF_END, BPF_TO_LE, Cond, Reg, Size};
use compiler::diag::Sources;
use compiler::lower::Options;
use compiler::tracefs::TracefsEnv;
use runtime::replay::vm::{self, Engine, Event, Maps, Program, VmError};

use crate::check;

/// A small deterministic generator (xorshift64*): the same events on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

fn compile(text: &str) -> Result<Artifact, String> {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let mut sources = Sources::new();
    let file = sources.add("-e", text);
    compiler::compile(file, text, stdlib::catalog(), &env, &Options::default())
        .map(|it| it.artifact)
        .map_err(|d| sources.render(&d))
}

const COMMS: [&str; 6] = [
    "swapper/0",
    "swapper",
    "burner",
    "bash",
    "a-very-long-thread-name",
    "ls",
];

/// A tracepoint record laid out by the fixture's `format` file: comms in the char arrays,
/// the thread in `*pid` fields, and small, round or extreme numbers elsewhere.
fn tracepoint_record(category: &str, name: &str, rng: &mut Rng, pid: u32) -> Vec<u8> {
    let path = check::data_dir("tracefs")
        .join("events")
        .join(category)
        .join(name)
        .join("format");
    let format = std::fs::read_to_string(&path).unwrap_or_default();
    let mut rec = vec![0u8; 64];
    for line in format.lines() {
        let Some(decl) = line.trim().strip_prefix("field:") else {
            continue;
        };
        let num = |key: &str| -> Option<usize> {
            let rest = line.split(key).nth(1)?;
            rest.split(';').next()?.trim().parse().ok()
        };
        let (Some(offset), Some(size)) = (num("offset:"), num("size:")) else {
            continue;
        };
        let field = decl.split(';').next().unwrap_or("");
        if rec.len() < offset + size {
            rec.resize((offset + size).div_ceil(8) * 8, 0);
        }
        let bytes: Vec<u8> = if field.starts_with("char ") && field.contains('[') {
            let comm = vm::comm(rng.pick(&COMMS));
            comm.iter().copied().cycle().take(size).collect()
        } else {
            let value: u64 = if field.contains("pid") {
                rng.pick(&[pid as u64, 0, 1])
            } else {
                let any = rng.next() & 0xffff;
                rng.pick(&[0, 1, 2, 3, 202, 512, 4096, 65536, 1 << 20, u64::MAX, any])
            };
            value
                .to_le_bytes()
                .iter()
                .copied()
                .cycle()
                .take(size)
                .collect()
        };
        rec[offset..offset + size].copy_from_slice(&bytes);
    }
    rec
}

/// A synthetic event for `attach`: its context bytes and the thread, CPU, time and stacks.
struct Synthetic {
    ctx: Vec<u8>,
    tgid: u32,
    tid: u32,
    comm: [u8; 16],
    cpu: u32,
    time_ns: u64,
    kernel: Vec<u64>,
    user: Vec<u64>,
}

impl Synthetic {
    fn event(&self) -> Event<'_> {
        Event {
            tgid: self.tgid,
            tid: self.tid,
            comm: self.comm,
            cpu: self.cpu,
            time_ns: self.time_ns,
            uid: 1000,
            gid: 1000,
            kernel_stack: &self.kernel,
            user_stack: &self.user,
        }
    }
}

fn synthetic(attach: &AttachSpec, rng: &mut Rng, time_ns: u64) -> Synthetic {
    let tgid = rng.pick(&[0u32, 1, 100, 4242, 31337]);
    let tid = tgid + rng.below(3) as u32;
    let stacks: [&[u64]; 5] = [
        &[],
        &[0xffff_ffff_8100_1000, 0xffff_ffff_8100_2000],
        &[0x40_1000, 0x40_2000, 0x40_3000],
        &[0x40_5000, 0x40_3000],
        &[0x7f00_0000_1000; 40],
    ];
    let ctx = match attach {
        AttachSpec::PerfEvent { .. } => {
            vm::perf_event_ctx(rng.pick(&[1, 10_101_010, 1_000_000, 4096]), rng.next())
        }
        AttachSpec::Tracepoint { category, name } => tracepoint_record(category, name, rng, tid),
        // Raw tracepoint arguments: kernel pointers in a live run. Here numbers, some of them
        // the replay's own addresses (the context, a stack), so reads through them happen.
        AttachSpec::TpBtf { .. } | AttachSpec::UserSpace(_) => (0..8)
            .flat_map(|_| {
                let any = rng.next();
                rng.pick(&[0u64, 1, 1 << 32, (1 << 32) | 8, (2 << 32) | 256, any])
                    .to_le_bytes()
            })
            .collect(),
    };
    Synthetic {
        ctx,
        tgid,
        tid,
        comm: vm::comm(rng.pick(&COMMS)),
        cpu: rng.below(4) as u32,
        time_ns,
        kernel: rng.pick(&stacks).to_vec(),
        user: rng.pick(&stacks).to_vec(),
    }
}

/// The scripts compared: every golden, example and stdlib script that compiles here.
fn scripts() -> Vec<(String, String)> {
    let mut res = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        check::data_dir("golden"),
        root.join("examples"),
        root.join("stdlib/scripts"),
    ] {
        for path in check::files_with_ext(&dir, "fs") {
            let text = std::fs::read_to_string(&path).expect("read script");
            res.push((path.display().to_string(), text.trim().to_string()));
        }
    }
    res
}

/// Runs `artifact` over `events` synthetic events on both engines: every result equal, the
/// maps equal at the end. Returns (programs, runs that succeeded, runs that failed).
fn compare(name: &str, artifact: &Artifact, events: usize, seed: u64) -> (usize, usize, usize) {
    let mut interp_maps = Maps::new(artifact, 4);
    let mut jit_maps = Maps::new(artifact, 4);
    let mut programs = Vec::new();
    for spec in artifact.programs.iter().filter(|p| !p.code.is_empty()) {
        let prog = Program::new(spec, &interp_maps).expect("program loads");
        let interp = Engine::Interp.load(prog.clone()).expect("interp loads");
        let jit = Engine::Jit
            .load(prog)
            .unwrap_or_else(|e| panic!("{name}: {}: {e}", spec.name));
        programs.push((spec, interp, jit));
    }
    let mut rng = Rng(seed);
    let (mut ok, mut failed) = (0, 0);
    let mut time = 1_000_000_000u64;
    for _ in 0..events {
        time += rng.below(5_000_000);
        for (spec, interp, jit) in &programs {
            let ev = synthetic(&spec.attach, &mut rng, time);
            let a = interp.run(&mut interp_maps, &ev.ctx, &ev.event());
            let b = jit.run(&mut jit_maps, &ev.ctx, &ev.event());
            assert_eq!(a, b, "{name}: {}", spec.name);
            match a {
                Ok(_) => ok += 1,
                Err(_) => failed += 1,
            }
        }
    }
    let (a, b) = (interp_maps.dump(), jit_maps.dump());
    assert_eq!(a.len(), b.len());
    for (a, b) in a.iter().zip(&b) {
        assert_eq!(a.spec.name, b.spec.name);
        assert!(
            a.entries == b.entries,
            "{name}: map {} differs: interp {} entries, JIT {}",
            a.spec.name,
            a.entries.len(),
            b.entries.len()
        );
    }
    (programs.len(), ok, failed)
}

#[test]
fn every_golden_agrees_on_jit_and_interpreter() {
    let mut compared = Vec::new();
    let mut runs_ok = 0;
    for (i, (name, text)) in scripts().into_iter().enumerate() {
        let artifact = match compile(&text) {
            Ok(it) => it,
            // Goldens always compile; examples and stdlib scripts needing facts the fixture
            // lacks are not ours to judge here (tests/examples.rs checks them).
            Err(e) if !name.contains("golden") => {
                let _ = e;
                continue;
            }
            Err(e) => panic!("{name}: {e}"),
        };
        let (programs, ok, _failed) = compare(&name, &artifact, 300, 0x9e37_79b9 + i as u64);
        runs_ok += ok;
        compared.push((name, programs));
    }
    let goldens = compared
        .iter()
        .filter(|(n, _)| n.contains("golden"))
        .count();
    assert_eq!(
        goldens,
        check::files_with_ext(&check::data_dir("golden"), "fs").len()
    );
    // Most programs need no kernel memory: the comparison is not only of errors.
    assert!(
        runs_ok > 3000,
        "{runs_ok} successful runs over {compared:?}"
    );
}

/// Programs that read kernel memory (off-CPU reads task structs through `tp_btf` arguments)
/// are refused by both engines with the same error, at the same instruction.
#[test]
fn kernel_memory_is_refused_identically() {
    let artifact =
        compile("offcpu < @[kstack] = sum(delta) >").expect("off-CPU compiles on the fixture");
    let mut refused = 0;
    for spec in artifact.programs.iter().filter(|p| !p.code.is_empty()) {
        let maps = Maps::new(&artifact, 2);
        let prog = Program::new(spec, &maps).expect("loads");
        let stack = [0x1000u64];
        let ev = Event {
            kernel_stack: &stack,
            user_stack: &stack,
            ..Event::default()
        };
        // Plausible kernel pointers as the arguments.
        let ctx: Vec<u8> = (0..8u64)
            .flat_map(|i| (0xffff_8880_0000_0000u64 + i * 0x1000).to_le_bytes())
            .collect();
        let mut results = Vec::new();
        for engine in Engine::ALL {
            let mut maps = Maps::new(&artifact, 2);
            let exe = engine.load(prog.clone()).expect("loads");
            results.push(exe.run(&mut maps, &ctx, &ev));
        }
        assert_eq!(results[0], results[1], "{}", spec.name);
        if let Err(e) = &results[0] {
            assert!(
                matches!(e, VmError::OutOfBounds { .. } | VmError::Helper { .. }),
                "{}: {e}",
                spec.name
            );
            refused += 1;
        }
    }
    assert!(refused > 0, "off-CPU reads kernel memory somewhere");
}

fn hand(insns: Vec<Insn>) -> Program {
    Program {
        name: "hand".into(),
        insns,
        map_refs: Default::default(),
    }
}

/// Runs a hand-written program on both engines; they must agree. Returns the answer.
fn both(insns: Vec<Insn>) -> Result<u64, VmError> {
    let prog = hand(insns);
    let ctx: Vec<u8> = (0..32u8).collect();
    let mut results = Vec::new();
    for engine in Engine::ALL {
        let mut maps = Maps { maps: Vec::new() };
        let exe = engine.load(prog.clone()).expect("loads");
        results.push(exe.run(&mut maps, &ctx, &Event::default()));
    }
    assert_eq!(results[0], results[1], "{:?}", prog.insns);
    results.remove(0)
}

fn ld64(reg: Reg, v: u64) -> [Insn; 2] {
    Insn::ld_imm64(reg, v)
}

/// `r0 = a; r1 = b; r0 op= r1` in 32 or 64 bits.
fn op(alu: AluOp, wide: bool, a: u64, b: u64) -> Result<u64, VmError> {
    let [a0, a1] = ld64(Reg::R0, a);
    let [b0, b1] = ld64(Reg::R1, b);
    let insn = if wide {
        Insn::alu64_reg(alu, Reg::R0, Reg::R1)
    } else {
        Insn::alu32_reg(alu, Reg::R0, Reg::R1)
    };
    both(vec![a0, a1, b0, b1, insn, Insn::exit()])
}

#[test]
fn jit_alu32_zero_extends() {
    let high = 0xdead_beef_0000_0005u64;
    for alu in [
        AluOp::Add,
        AluOp::Sub,
        AluOp::Mul,
        AluOp::Div,
        AluOp::Mod,
        AluOp::Or,
        AluOp::And,
        AluOp::Xor,
        AluOp::Lsh,
        AluOp::Rsh,
        AluOp::Arsh,
        AluOp::Mov,
        AluOp::Neg,
    ] {
        let r = op(alu, false, high, 0xffff_ffff_0000_0003).expect("runs");
        assert_eq!(r >> 32, 0, "{alu:?}");
    }
    assert_eq!(op(AluOp::Add, false, u64::MAX, 1), Ok(0));
    assert_eq!(
        op(AluOp::Arsh, false, 0x8000_0000, 4),
        Ok(0xf800_0000),
        "arsh in 32 bits keeps the 32-bit sign"
    );
    assert_eq!(op(AluOp::Arsh, true, 0x8000_0000, 4), Ok(0x0800_0000));
}

#[test]
fn jit_division_by_zero_and_overflow_follow_bpf() {
    for wide in [true, false] {
        assert_eq!(op(AluOp::Div, wide, 9, 0), Ok(0), "div by 0 is 0");
        assert_eq!(op(AluOp::Mod, wide, 9, 0), Ok(9), "mod by 0 keeps dst");
        assert_eq!(op(AluOp::Div, wide, 9, 2), Ok(4));
        assert_eq!(op(AluOp::Mod, wide, 9, 4), Ok(1));
    }
    // Signed division (off = 1): by zero, by -1 at the minimum (wraps), negative operands.
    let sdiv = |code: AluOp, wide: bool, a: u64, b: u64| {
        let [a0, a1] = ld64(Reg::R0, a);
        let [b0, b1] = ld64(Reg::R1, b);
        let mut insn = if wide {
            Insn::alu64_reg(code, Reg::R0, Reg::R1)
        } else {
            Insn::alu32_reg(code, Reg::R0, Reg::R1)
        };
        insn.off = 1;
        both(vec![a0, a1, b0, b1, insn, Insn::exit()])
    };
    assert_eq!(
        sdiv(AluOp::Div, true, (-9i64) as u64, 2),
        Ok((-4i64) as u64)
    );
    assert_eq!(
        sdiv(AluOp::Mod, true, (-9i64) as u64, 2),
        Ok((-1i64) as u64)
    );
    assert_eq!(
        sdiv(AluOp::Div, true, i64::MIN as u64, u64::MAX),
        Ok(i64::MIN as u64)
    );
    assert_eq!(sdiv(AluOp::Mod, true, i64::MIN as u64, u64::MAX), Ok(0));
    assert_eq!(sdiv(AluOp::Div, true, 5, 0), Ok(0));
    assert_eq!(sdiv(AluOp::Mod, true, 5, 0), Ok(5));
    assert_eq!(
        sdiv(AluOp::Div, false, 0x8000_0000, 0xffff_ffff),
        Ok(0x8000_0000)
    );
    assert_eq!(sdiv(AluOp::Mod, false, 0x8000_0000, 0xffff_ffff), Ok(0));
    assert_eq!(
        sdiv(AluOp::Div, false, (-9i32) as u32 as u64, 2),
        Ok(0xffff_fffc)
    );
}

#[test]
fn jit_shifts_are_masked() {
    assert_eq!(op(AluOp::Lsh, true, 1, 65), Ok(2));
    assert_eq!(op(AluOp::Lsh, false, 1, 33), Ok(2));
    assert_eq!(op(AluOp::Rsh, true, u64::MAX, 64 + 60), Ok(0xf));
    assert_eq!(op(AluOp::Arsh, true, i64::MIN as u64, 63), Ok(u64::MAX));
}

#[test]
fn jit_byte_swaps() {
    let v = 0x0102_0304_0506_0708u64;
    let run = |insn: Insn| {
        let [a, b] = ld64(Reg::R0, v);
        both(vec![a, b, insn, Insn::exit()])
    };
    assert_eq!(run(Insn::to_be(Reg::R0, 16)), Ok(0x0807));
    assert_eq!(run(Insn::to_be(Reg::R0, 32)), Ok(0x0807_0605));
    assert_eq!(run(Insn::to_be(Reg::R0, 64)), Ok(0x0807_0605_0403_0201));
    assert_eq!(run(Insn::to_le(Reg::R0, 16)), Ok(0x0708));
    assert_eq!(run(Insn::to_le(Reg::R0, 32)), Ok(0x0506_0708));
    assert_eq!(run(Insn::to_le(Reg::R0, 64)), Ok(v));
    // The v4 unconditional swap (ALU64 class).
    let bswap = |bits| Insn::new(BPF_ALU64 | BPF_END | BPF_TO_LE, 0, 0, 0, bits);
    assert_eq!(run(bswap(16)), Ok(0x0807));
    assert_eq!(run(bswap(64)), Ok(0x0807_0605_0403_0201));
    assert!(matches!(run(bswap(8)), Err(VmError::BadInsn { pc: 2, .. })));
}

#[test]
fn jit_jmp32_compares_the_low_halves() {
    // r1 = 0x1_0000_0001: as 64 bits > 5, as 32 bits 1 < 5.
    let cmp = |insn: Insn| {
        let [a, b] = ld64(Reg::R1, 0x1_0000_0001);
        let [c, d] = ld64(Reg::R2, 0xffff_ffff);
        both(vec![
            a,
            b,
            c,
            d,
            Insn::mov64_imm(Reg::R0, 1),
            insn,
            Insn::mov64_imm(Reg::R0, 0),
            Insn::exit(),
        ])
    };
    for (cond, imm) in [
        (Cond::Gt, 5),
        (Cond::Lt, 5),
        (Cond::Eq, 1),
        (Cond::Ne, 1),
        (Cond::Set, 2),
        (Cond::Sgt, -1),
        (Cond::Slt, 0),
        (Cond::Sge, 1),
        (Cond::Le, 1),
        (Cond::Ge, 2),
        (Cond::Sle, -1),
    ] {
        let wide = cmp(Insn::jmp_imm(cond, Reg::R1, imm, 1));
        let narrow = cmp(Insn::jmp32_imm(cond, Reg::R1, imm, 1));
        assert!(wide.is_ok() && narrow.is_ok(), "{cond:?}");
    }
    // r2 = 0xffff_ffff is -1 in 32 bits, 4294967295 in 64.
    assert_eq!(cmp(Insn::jmp32_imm(Cond::Slt, Reg::R2, 0, 1)), Ok(1));
    assert_eq!(cmp(Insn::jmp_imm(Cond::Slt, Reg::R2, 0, 1)), Ok(0));
    assert_eq!(cmp(Insn::jmp32_reg(Cond::Gt, Reg::R1, Reg::R2, 1)), Ok(0));
    assert_eq!(cmp(Insn::jmp_reg(Cond::Gt, Reg::R1, Reg::R2, 1)), Ok(1));
}

#[test]
fn jit_atomics_on_the_stack() {
    for (aop, expect_mem, expect_reg) in [
        (AtomicOp::Add, 12, 5),
        (AtomicOp::Or, 7, 5),
        (AtomicOp::And, 5, 5),
        (AtomicOp::Xor, 2, 5),
        (AtomicOp::FetchAdd, 12, 7),
        (AtomicOp::FetchOr, 7, 7),
        (AtomicOp::FetchAnd, 5, 7),
        (AtomicOp::FetchXor, 2, 7),
        (AtomicOp::Xchg, 5, 7),
        (AtomicOp::CmpXchg, 5, 5),
    ] {
        for size in [Size::W, Size::DW] {
            // [fp-8] = 7; r0 = 7 (cmpxchg's comparand); r1 = 5; atomic; r0 = [fp-8] * 100 + r1
            let prog = vec![
                Insn::st_imm(Size::DW, Reg::FP, -8, 7),
                Insn::mov64_imm(Reg::R0, 7),
                Insn::mov64_imm(Reg::R1, 5),
                Insn::atomic(size, aop, Reg::FP, Reg::R1, -8),
                Insn::ldx(size, Reg::R0, Reg::FP, -8),
                Insn::alu64_imm(AluOp::Mul, Reg::R0, 100),
                Insn::alu64_reg(AluOp::Add, Reg::R0, Reg::R1),
                Insn::exit(),
            ];
            assert_eq!(
                both(prog),
                Ok(expect_mem * 100 + expect_reg),
                "{aop:?} {size:?}"
            );
        }
    }
}

#[test]
fn jit_calls_recursion_and_returns() {
    let prog = vec![
        Insn::mov64_imm(Reg::R6, 7),
        Insn::stx(Size::DW, Reg::FP, Reg::R6, -8),
        Insn::mov64_imm(Reg::R1, 5),
        Insn::call_local(4), // → 8
        Insn::alu64_reg(AluOp::Add, Reg::R0, Reg::R6),
        Insn::ldx(Size::DW, Reg::R1, Reg::FP, -8),
        Insn::alu64_reg(AluOp::Add, Reg::R0, Reg::R1),
        Insn::exit(),
        // The callee: r0 = r1 * 3, through its own stack, clobbering r6; it calls a leaf that
        // reads its caller's stack through a pointer.
        Insn::mov64_imm(Reg::R6, 99),
        Insn::alu64_imm(AluOp::Mul, Reg::R1, 3),
        Insn::stx(Size::DW, Reg::FP, Reg::R1, -8),
        Insn::mov64_reg(Reg::R1, Reg::FP),
        Insn::call_local(2), // → 15
        Insn::ldx(Size::DW, Reg::R0, Reg::FP, -8),
        Insn::exit(),
        Insn::ldx(Size::DW, Reg::R2, Reg::R1, -8),
        Insn::stx(Size::DW, Reg::R1, Reg::R2, -16),
        Insn::exit(),
    ];
    assert_eq!(both(prog), Ok(15 + 7 + 7));
    // Endless recursion stops at the kernel's depth; a return site past the end is a bad jump.
    let deep = both(vec![Insn::call_local(-1), Insn::exit()]);
    assert!(matches!(deep, Err(VmError::CallDepth { .. })), "{deep:?}");
    let off_end = both(vec![
        Insn::ja(1),
        Insn::exit(),
        Insn::mov64_imm(Reg::R0, 3),
        Insn::call_local(-3),
    ]);
    assert_eq!(off_end, Err(VmError::BadJump { pc: 4 }));
}

#[test]
fn jit_bad_programs_fail_as_the_interpreter_does() {
    let cases: Vec<Vec<Insn>> = vec![
        vec![Insn::ldx(Size::DW, Reg::R0, Reg::FP, 0), Insn::exit()],
        vec![Insn::st_imm(Size::DW, Reg::FP, -520, 1), Insn::exit()],
        vec![
            Insn::mov64_imm(Reg::R1, 0),
            Insn::ldx(Size::W, Reg::R0, Reg::R1, 0),
            Insn::exit(),
        ],
        vec![
            ld64(Reg::R1, 0xdead_0000_0000)[0],
            ld64(Reg::R1, 0xdead_0000_0000)[1],
            Insn::ldx(Size::B, Reg::R0, Reg::R1, 0),
            Insn::exit(),
        ],
        // The context: read inside, past the end, written.
        vec![Insn::ldx(Size::DW, Reg::R0, Reg::R1, 24), Insn::exit()],
        vec![Insn::ldx(Size::DW, Reg::R0, Reg::R1, 28), Insn::exit()],
        vec![Insn::st_imm(Size::B, Reg::R1, 0, 1), Insn::exit()],
        // A stack pointer moved around, in and out of its frame.
        vec![
            Insn::mov64_reg(Reg::R2, Reg::FP),
            Insn::alu64_imm(AluOp::Add, Reg::R2, -16),
            Insn::st_imm(Size::W, Reg::R2, 4, 9),
            Insn::ldx(Size::W, Reg::R0, Reg::FP, -12),
            Insn::exit(),
        ],
        vec![
            Insn::mov64_reg(Reg::R2, Reg::FP),
            Insn::alu64_imm(AluOp::Add, Reg::R2, 8),
            Insn::ldx(Size::B, Reg::R0, Reg::R2, -9),
            Insn::ldx(Size::B, Reg::R0, Reg::R2, -8),
            Insn::exit(),
        ],
        // Another frame's stack (not entered, zero) through a forged pointer.
        vec![
            ld64(Reg::R2, (3 << 32) | 100)[0],
            ld64(Reg::R2, (3 << 32) | 100)[1],
            Insn::ldx(Size::DW, Reg::R0, Reg::R2, 0),
            Insn::exit(),
        ],
        vec![Insn::ja(5), Insn::exit()],
        vec![Insn::mov64_imm(Reg::R0, 0)],
        vec![Insn::call_helper(999), Insn::exit()],
        vec![
            Insn::mov64_reg(Reg::R1, Reg::FP),
            Insn::call_helper(1),
            Insn::exit(),
        ],
        vec![Insn::alu64_imm(AluOp::Add, Reg::FP, 1), Insn::exit()],
        vec![Insn::new(0xff, 0, 0, 0, 0), Insn::exit()],
        vec![Insn::new(0x07, 12, 0, 0, 0), Insn::exit()],
        // An ld_imm64 at the end, and a jump into an ld_imm64's second half.
        vec![ld64(Reg::R0, 1)[0]],
        vec![
            Insn::jmp_imm(Cond::Eq, Reg::R0, 0, 1),
            ld64(Reg::R0, 1)[0],
            ld64(Reg::R0, 1)[1],
            Insn::exit(),
        ],
        vec![
            Insn::jmp_imm(Cond::Ne, Reg::R0, 0, 1),
            ld64(Reg::R0, 1)[0],
            ld64(Reg::R0, 1)[1],
            Insn::exit(),
        ],
        // A conditional jump out of the program, taken and not.
        vec![Insn::jmp_imm(Cond::Eq, Reg::R0, 0, 9), Insn::exit()],
        vec![Insn::jmp_imm(Cond::Ne, Reg::R0, 0, 9), Insn::exit()],
        // Helpers over the stack: comm and a stack into a buffer, then read back.
        vec![
            Insn::mov64_reg(Reg::R1, Reg::FP),
            Insn::alu64_imm(AluOp::Add, Reg::R1, -16),
            Insn::mov64_imm(Reg::R2, 16),
            Insn::call_helper(16),
            Insn::ldx(Size::DW, Reg::R0, Reg::FP, -16),
            Insn::exit(),
        ],
    ];
    for case in cases {
        let _ = both(case);
    }
}

/// Random straight-line programs of ALU operations and forward jumps over every register
/// r0–r9: both engines agree on every one.
#[test]
fn jit_random_alu_programs_agree() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let alus = AluOp::ALL;
    let conds = Cond::ALL;
    for _ in 0..300 {
        let mut prog = Vec::new();
        for r in 0..10u8 {
            let [a, b] = ld64(Reg(r), rng.next() >> rng.below(64));
            prog.push(a);
            prog.push(b);
        }
        let n = 40;
        for i in 0..n {
            let dst = Reg(rng.below(10) as u8);
            let src = Reg(rng.below(10) as u8);
            let imm = {
                let any = rng.next() as i32;
                rng.pick(&[0i32, 1, -1, 31, 32, 63, 64, i32::MIN, any])
            };
            let insn = match rng.below(8) {
                0 | 1 => Insn::alu64_reg(rng.pick(&alus), dst, src),
                2 => Insn::alu64_imm(rng.pick(&alus), dst, imm),
                3 => Insn::alu32_reg(rng.pick(&alus), dst, src),
                4 => Insn::alu32_imm(rng.pick(&alus), dst, imm),
                5 => {
                    let mut it = Insn::alu64_reg(rng.pick(&[AluOp::Div, AluOp::Mod]), dst, src);
                    it.off = rng.below(2) as i16;
                    it
                }
                6 => {
                    let off = rng.below((n - i) as u64) as i16;
                    match rng.below(4) {
                        0 => Insn::jmp_reg(rng.pick(&conds), dst, src, off),
                        1 => Insn::jmp_imm(rng.pick(&conds), dst, imm, off),
                        2 => Insn::jmp32_reg(rng.pick(&conds), dst, src, off),
                        _ => Insn::jmp32_imm(rng.pick(&conds), dst, imm, off),
                    }
                }
                _ => match rng.below(3) {
                    0 => Insn::to_be(dst, rng.pick(&[16, 32, 64])),
                    1 => Insn::to_le(dst, rng.pick(&[16, 32, 64])),
                    _ => Insn::stx(Size::DW, Reg::FP, dst, -8 * (1 + rng.below(8) as i16)),
                },
            };
            prog.push(insn);
        }
        // Fold every register into r0.
        for r in 1..10u8 {
            prog.push(Insn::alu64_imm(AluOp::Mul, Reg::R0, 31));
            prog.push(Insn::alu64_reg(AluOp::Add, Reg::R0, Reg(r)));
        }
        for slot in 1..=8i16 {
            prog.push(Insn::ldx(Size::DW, Reg::R1, Reg::FP, -8 * slot));
            prog.push(Insn::alu64_reg(AluOp::Xor, Reg::R0, Reg::R1));
        }
        prog.push(Insn::exit());
        let _ = both(prog);
    }
}

/// Map values through the inline path and past their end (the shims' error), a deleted
/// entry's value still readable, and a per-CPU value written on one CPU's copy.
#[test]
fn jit_map_values_inline_and_out_of_bounds() {
    use compiler::artifact::{KeyKind, KeyPart, MapKind, MapSpec, ValueSpec};
    let spec = |kind, per_cpu| MapSpec {
        name: "m".into(),
        display: "@m".into(),
        kind,
        key_size: 4,
        value_size: 12,
        max_entries: 4,
        per_cpu,
        task_work: false,
        no_prealloc: false,
        key: vec![KeyPart {
            offset: 0,
            size: 4,
            kind: KeyKind::Hidden,
        }],
        value: ValueSpec::Internal,
    };
    let ld = Insn::ld_map_fd(Reg::R1);
    // key 1: update with [fp-16..fp-4) = (7, 9, 0); look up; r0 = value[off] at `size`;
    // delete the key; read the same pointer again.
    let prog = |size: Size, off: i16| Program {
        name: "values".into(),
        insns: vec![
            Insn::st_imm(Size::W, Reg::FP, -4, 1),
            Insn::st_imm(Size::DW, Reg::FP, -16, 7),
            Insn::st_imm(Size::W, Reg::FP, -8, 9),
            ld[0],
            ld[1],
            Insn::mov64_reg(Reg::R2, Reg::FP),
            Insn::alu64_imm(AluOp::Add, Reg::R2, -4),
            Insn::mov64_reg(Reg::R3, Reg::FP),
            Insn::alu64_imm(AluOp::Add, Reg::R3, -16),
            Insn::mov64_imm(Reg::R4, 0),
            Insn::call_helper(2),
            ld[0],
            ld[1],
            Insn::mov64_reg(Reg::R2, Reg::FP),
            Insn::alu64_imm(AluOp::Add, Reg::R2, -4),
            Insn::call_helper(1),
            Insn::jmp_imm(Cond::Eq, Reg::R0, 0, 9),
            Insn::mov64_reg(Reg::R6, Reg::R0),
            Insn::st_imm(Size::W, Reg::R6, 8, 11),
            ld[0],
            ld[1],
            Insn::mov64_reg(Reg::R2, Reg::FP),
            Insn::alu64_imm(AluOp::Add, Reg::R2, -4),
            Insn::call_helper(3),
            Insn::ldx(size, Reg::R0, Reg::R6, off),
            Insn::exit(),
        ],
        map_refs: [(3, 0), (11, 0), (19, 0)].into(),
    };
    for (kind, per_cpu) in [
        (MapKind::Hash, false),
        (MapKind::Hash, true),
        (MapKind::Array, false),
    ] {
        for (size, off) in [
            (Size::DW, 0),
            (Size::W, 8),
            (Size::W, 9),
            (Size::DW, 4),
            (Size::DW, 8),
            (Size::B, 11),
            (Size::B, 12),
            (Size::H, -1),
        ] {
            let mut results = Vec::new();
            let mut dumps = Vec::new();
            for engine in Engine::ALL {
                let mut maps = Maps {
                    maps: vec![vm::UserMap::new(spec(kind, per_cpu), 3)],
                };
                let exe = engine.load(prog(size, off)).expect("loads");
                let ev = Event {
                    cpu: 2,
                    ..Event::default()
                };
                results.push(exe.run(&mut maps, &[], &ev));
                dumps.push(maps.dump()[0].entries.clone());
            }
            assert_eq!(results[0], results[1], "{kind:?} {size:?} {off}");
            assert_eq!(dumps[0], dumps[1], "{kind:?} {size:?} {off}");
            match (size, off) {
                (Size::DW, 0) => assert_eq!(results[0], Ok(7)),
                (Size::W, 8) => assert_eq!(results[0], Ok(11)),
                (Size::DW, 4) => assert_eq!(results[0], Ok(11 << 32)),
                (Size::B, 12) | (Size::H, -1) | (Size::DW, 8) => assert!(
                    matches!(results[0], Err(VmError::OutOfBounds { pc: 24, .. })),
                    "{:?}",
                    results[0]
                ),
                _ => {}
            }
        }
    }
}

/// The kernel, the JIT and the interpreter over the same inputs (root only). A golden
/// tracepoint program's own bytecode is loaded as a raw tracepoint program (same instructions;
/// the kernel runs `BPF_PROG_TEST_RUN` for that type, not for tracepoint or perf_event ones)
/// and run by the kernel in this thread, pinned to a CPU and renamed for each input, with the
/// record as its context; the VM runs it with that thread, CPU, name and record. Their maps
/// must be byte-identical. Only programs whose results depend on nothing but these inputs
/// compare honestly: not stacks (the kernel would walk this test's own), not time.
#[test]
fn kernel_jit_and_interpreter_agree() {
    if !check::kernel_tests_enabled("kernel_jit_and_interpreter_agree") {
        return;
    }
    let _k = crate::kernel::lock();
    let ncpus = possible_cpus();
    let online = std::thread::available_parallelism().map_or(1, usize::from);
    // Each script with the number of entries its user map must end with: three names; one
    // thread, seen only when the record's id is 0.
    for (script, expected) in [
        (
            "tracepoint:sched:sched_process_exec < @[comm] = count() >",
            3,
        ),
        (
            "tracepoint:raw_syscalls:sys_enter /args.id == 0/ < @reads[pid] = count() >",
            1,
        ),
    ] {
        let artifact = compile(script).expect("compiles");
        let spec = artifact
            .programs
            .iter()
            .find(|p| !p.code.is_empty())
            .expect("a program");
        let fds: Vec<Fd> = artifact.maps.iter().map(bpf::map_create).collect();
        let prog = bpf::prog_load(spec, &artifact, &fds);
        let mut vms: Vec<(Maps, vm::Executable)> = Engine::ALL
            .iter()
            .map(|engine| {
                let maps = Maps::new(&artifact, ncpus);
                let p = Program::new(spec, &maps).expect("loads");
                (maps, engine.load(p).expect("compiles"))
            })
            .collect();
        let tgid = std::process::id();
        // SAFETY: gettid has no arguments and cannot fail.
        let tid = unsafe { libc::gettid() } as u32;
        for (i, name) in ["fs-jit-a", "fs-jit-b", "fs-jit-a", "x", "fs-jit-b"]
            .iter()
            .enumerate()
        {
            let cpu = i % online;
            pin_and_name(cpu, name);
            let mut ctx = vec![0u8; 64];
            ctx[8..16].copy_from_slice(&((i % 2) as u64).to_le_bytes());
            let kernel_r0 = bpf::test_run(&prog, &ctx);
            let comm = std::fs::read_to_string("/proc/thread-self/comm").expect("comm");
            let event = Event {
                tgid,
                tid,
                comm: vm::comm(comm.trim_end()),
                cpu: cpu as u32,
                ..Event::default()
            };
            for (maps, exe) in &mut vms {
                let r0 = exe.run(maps, &ctx, &event).expect("runs");
                assert_eq!(r0, kernel_r0 as u64, "{script}: {}", exe.name());
            }
        }
        pin_and_name(usize::MAX, "fs-jit-done");
        for (m, spec) in artifact.maps.iter().enumerate() {
            let kernel = normalized(spec, bpf::dump(&fds[m], spec, ncpus));
            assert!(
                spec.name != artifact.losses.map || !kernel.is_empty(),
                "{script}: the kernel counted events"
            );
            if !spec.display.is_empty() {
                assert_eq!(kernel.len(), expected, "{script}: {kernel:?}");
            }
            for (maps, exe) in &vms {
                let ours = normalized(spec, maps.maps[m].dump().entries);
                assert_eq!(ours, kernel, "{script}: map {} ({})", spec.name, exe.name());
            }
        }
    }
}

/// Entries sorted by key; an array's all-zero entries dropped (the kernel has every index,
/// the VM the ones used).
fn normalized(
    spec: &compiler::artifact::MapSpec,
    mut entries: Vec<(Vec<u8>, Vec<u8>)>,
) -> Vec<(Vec<u8>, Vec<u8>)> {
    if spec.kind == compiler::artifact::MapKind::Array {
        entries.retain(|(_, v)| v.iter().any(|b| *b != 0));
    }
    entries.sort();
    entries
}

fn possible_cpus() -> usize {
    let text = std::fs::read_to_string("/sys/devices/system/cpu/possible").expect("possible");
    text.trim()
        .split(',')
        .map(|r| match r.split_once('-') {
            Some((_, hi)) => hi.parse::<usize>().expect("cpu") + 1,
            None => r.parse::<usize>().expect("cpu") + 1,
        })
        .max()
        .unwrap_or(1)
}

/// Pins this thread to `cpu` (all CPUs for `usize::MAX`) and sets its `comm`.
fn pin_and_name(cpu: usize, name: &str) {
    // SAFETY: a zeroed cpu_set_t is a valid empty set; CPU_SET writes within it for
    // cpu < CPU_SETSIZE; sched_setaffinity(0) and prctl(PR_SET_NAME) act on this thread and read
    // only the set and the NUL-terminated name passed.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        for c in 0..possible_cpus() {
            if cpu == usize::MAX || c == cpu {
                libc::CPU_SET(c, &mut set);
            }
        }
        assert_eq!(
            libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &set),
            0
        );
        let name = std::ffi::CString::new(name).expect("name");
        assert_eq!(libc::prctl(libc::PR_SET_NAME, name.as_ptr(), 0, 0, 0), 0);
    }
    std::thread::yield_now();
}

type Fd = std::os::fd::OwnedFd;

/// The few `bpf(2)` commands the comparison needs, on a zeroed 128-byte `union bpf_attr`.
mod bpf {
    use std::os::fd::{AsRawFd, FromRawFd};

    use compiler::artifact::{Artifact, MapKind, MapSpec, ProgramSpec};

    use super::Fd;

    struct Attr([u8; 128]);

    impl Attr {
        fn new() -> Attr {
            Attr([0; 128])
        }

        fn u32(&mut self, off: usize, v: u32) -> &mut Attr {
            self.0[off..off + 4].copy_from_slice(&v.to_le_bytes());
            self
        }

        fn u64(&mut self, off: usize, v: u64) -> &mut Attr {
            self.0[off..off + 8].copy_from_slice(&v.to_le_bytes());
            self
        }

        fn call(&mut self, cmd: i64) -> i64 {
            // SAFETY: `self.0` is a `union bpf_attr` prefix of its stated size; the pointers
            // written into it point at buffers that outlive the call, of the sizes the command
            // reads or writes (checked by the callers).
            unsafe { libc::syscall(libc::SYS_bpf, cmd, self.0.as_mut_ptr(), self.0.len() as u32) }
        }
    }

    fn fd(res: i64, what: &str) -> Fd {
        assert!(res >= 0, "{what}: {}", std::io::Error::last_os_error());
        // SAFETY: the kernel just returned this new descriptor; nothing else owns it.
        unsafe { Fd::from_raw_fd(res as i32) }
    }

    pub(super) fn map_create(spec: &MapSpec) -> Fd {
        let kind = match (spec.kind, spec.per_cpu) {
            (MapKind::Hash, false) => 1,
            (MapKind::Array, false) => 2,
            (MapKind::Hash, true) => 5,
            (MapKind::Array, true) => 6,
            (MapKind::StackTrace, _) => 7,
            (MapKind::RingBuf, _) => 27,
        };
        let flags = u32::from(spec.no_prealloc);
        let res = Attr::new()
            .u32(0, kind)
            .u32(4, spec.key_size)
            .u32(8, spec.value_size)
            .u32(12, spec.max_entries)
            .u32(16, flags)
            .call(0);
        fd(res, &format!("map {}", spec.name))
    }

    pub(super) fn prog_load(spec: &ProgramSpec, artifact: &Artifact, maps: &[Fd]) -> Fd {
        let mut code = spec.code.clone();
        for (idx, name) in &spec.map_relocs {
            let m = artifact
                .maps
                .iter()
                .position(|m| &m.name == name)
                .expect("map");
            let at = *idx as usize * 8;
            code[at + 1] = (code[at + 1] & 0x0f) | (1 << 4); // BPF_PSEUDO_MAP_FD
            code[at + 4..at + 8].copy_from_slice(&maps[m].as_raw_fd().to_le_bytes());
        }
        let license = c"GPL";
        let mut log = vec![0u8; 1 << 20];
        // BPF_PROG_TYPE_RAW_TRACEPOINT.
        let res = Attr::new()
            .u32(0, 17)
            .u32(4, (code.len() / 8) as u32)
            .u64(8, code.as_ptr() as u64)
            .u64(16, license.as_ptr() as u64)
            .u32(24, 1)
            .u32(28, log.len() as u32)
            .u64(32, log.as_mut_ptr() as u64)
            .call(5);
        let text = String::from_utf8_lossy(&log);
        fd(
            res,
            &format!(
                "load {}: {}",
                spec.name,
                text.trim_end_matches('\0').lines().last().unwrap_or("")
            ),
        )
    }

    /// Runs the program once in this thread; returns r0.
    pub(super) fn test_run(prog: &Fd, ctx: &[u8]) -> u32 {
        let mut attr = Attr::new();
        attr.u32(0, prog.as_raw_fd() as u32)
            .u32(40, ctx.len() as u32)
            .u64(48, ctx.as_ptr() as u64);
        let res = attr.call(10);
        assert_eq!(res, 0, "test run: {}", std::io::Error::last_os_error());
        u32::from_le_bytes(attr.0[4..8].try_into().expect("4 bytes"))
    }

    /// Every entry, per-CPU values as `ncpus` slots of `round_up(value_size, 8)` bytes.
    pub(super) fn dump(map: &Fd, spec: &MapSpec, ncpus: usize) -> Vec<(Vec<u8>, Vec<u8>)> {
        let value_len = if spec.per_cpu {
            (spec.value_size as usize).div_ceil(8) * 8 * ncpus
        } else {
            spec.value_size as usize
        };
        let mut res = Vec::new();
        let mut key: Option<Vec<u8>> = None;
        loop {
            let mut next = vec![0u8; spec.key_size as usize];
            let prev = key.as_ref().map_or(0, |k| k.as_ptr() as u64);
            let r = Attr::new()
                .u32(0, map.as_raw_fd() as u32)
                .u64(8, prev)
                .u64(16, next.as_mut_ptr() as u64)
                .call(4);
            if r != 0 {
                break;
            }
            let mut value = vec![0u8; value_len];
            let r = Attr::new()
                .u32(0, map.as_raw_fd() as u32)
                .u64(8, next.as_ptr() as u64)
                .u64(16, value.as_mut_ptr() as u64)
                .call(1);
            if r == 0 {
                res.push((next.clone(), value));
            }
            key = Some(next);
        }
        res
    }
}

/// Random programs that move pointers around and load, store and add atomically through
/// them: the stack (through r10 and copies of it), the context, a map value looked up at the
/// start, a callee's frame; most end in a bad access somewhere. Both engines must give the same
/// answer or the same error, and the same map.
#[test]
fn jit_random_memory_programs_agree() {
    use compiler::artifact::{KeyKind, KeyPart, MapKind, MapSpec, ValueSpec};
    let spec = MapSpec {
        name: "m".into(),
        display: "@m".into(),
        kind: MapKind::Array,
        key_size: 4,
        value_size: 24,
        max_entries: 2,
        per_cpu: true,
        task_work: false,
        no_prealloc: false,
        key: vec![KeyPart {
            offset: 0,
            size: 4,
            kind: KeyKind::Hidden,
        }],
        value: ValueSpec::Internal,
    };
    let mut rng = Rng(0xfeed_beef_0bad_cafe);
    let sizes = [Size::B, Size::H, Size::W, Size::DW];
    let (mut ok, mut failed) = (0, 0);
    for _ in 0..400 {
        let ld = Insn::ld_map_fd(Reg::R1);
        // r7 = ctx; [fp-4] = key 0 or 1 or 5 (outside); r8 = lookup (maybe 0); r6 = fp - 64.
        let key = rng.pick(&[0, 1, 5]);
        let mut prog = vec![
            Insn::mov64_reg(Reg::R7, Reg::R1),
            Insn::st_imm(Size::W, Reg::FP, -4, key),
            ld[0],
            ld[1],
            Insn::mov64_reg(Reg::R2, Reg::FP),
            Insn::alu64_imm(AluOp::Add, Reg::R2, -4),
            Insn::call_helper(1),
            Insn::mov64_reg(Reg::R8, Reg::R0),
            Insn::mov64_reg(Reg::R6, Reg::FP),
            Insn::alu64_imm(AluOp::Add, Reg::R6, -64),
        ];
        let body = 1 + rng.below(10);
        for _ in 0..body {
            let base = Reg(rng.pick(&[10u8, 6, 7, 8, 3]));
            // Mostly offsets that fit the base's region, sometimes ones that do not.
            let off = match (base.0, rng.below(6)) {
                (_, 0) => rng.pick(&[-520i16, -1, 500, 24, 36, 4096]),
                (10, _) => rng.pick(&[-8i16, -16, -64, -512, -24]),
                (7, _) => rng.pick(&[0i16, 8, 16, 24, 32]),
                _ => rng.pick(&[0i16, 8, 16]),
            };
            let size = rng.pick(&sizes);
            let reg = Reg(rng.below(6) as u8);
            let insn = match rng.below(8) {
                0 | 1 => Insn::ldx(size, reg, base, off),
                2 => Insn::stx(size, base, reg, off),
                3 => Insn::st_imm(size, base, off, rng.next() as i32),
                4 => Insn::atomic(
                    rng.pick(&[Size::W, Size::DW]),
                    rng.pick(&AtomicOp::ALL),
                    base,
                    reg,
                    off,
                ),
                5 => Insn::alu64_imm(AluOp::Add, Reg(rng.pick(&[3u8, 6])), rng.pick(&[8, -8, 4])),
                6 => Insn::mov64_reg(Reg(3), Reg(rng.pick(&[6u8, 7, 8, 10]))),
                _ => Insn::alu64_reg(
                    rng.pick(&[AluOp::Add, AluOp::Xor, AluOp::Mul]),
                    reg,
                    Reg(rng.below(6) as u8),
                ),
            };
            prog.push(insn);
        }
        // Sometimes a call whose callee writes through the caller's stack pointer in r1.
        if rng.below(2) == 0 {
            prog.push(Insn::mov64_reg(Reg::R1, Reg::FP));
            prog.push(Insn::call_local(4));
        }
        prog.push(Insn::ldx(Size::DW, Reg::R0, Reg::FP, -64));
        prog.push(Insn::ldx(Size::DW, Reg::R1, Reg::FP, -8));
        prog.push(Insn::alu64_reg(AluOp::Xor, Reg::R0, Reg::R1));
        prog.push(Insn::exit());
        // The callee.
        prog.push(Insn::st_imm(Size::DW, Reg::R1, -64, 77));
        prog.push(Insn::stx(Size::DW, Reg::FP, Reg::R1, -8));
        prog.push(Insn::ldx(Size::DW, Reg::R2, Reg::FP, -8));
        prog.push(Insn::ldx(Size::DW, Reg::R0, Reg::R2, -16));
        prog.push(Insn::exit());
        let program = Program {
            name: "random".into(),
            insns: prog,
            map_refs: [(2, 0)].into(),
        };
        let ctx: Vec<u8> = (0..40u8).map(|b| b.wrapping_mul(37)).collect();
        let mut results = Vec::new();
        let mut dumps = Vec::new();
        for engine in Engine::ALL {
            let mut maps = Maps {
                maps: vec![vm::UserMap::new(spec.clone(), 2)],
            };
            let exe = engine.load(program.clone()).expect("loads");
            let ev = Event {
                cpu: 1,
                ..Event::default()
            };
            results.push(exe.run(&mut maps, &ctx, &ev));
            dumps.push(maps.dump()[0].entries.clone());
        }
        assert_eq!(results[0], results[1], "{:?}", program.insns);
        assert_eq!(dumps[0], dumps[1], "{:?}", program.insns);
        match results[0] {
            Ok(_) => ok += 1,
            Err(_) => failed += 1,
        }
    }
    assert!(ok > 20 && failed > 20, "{ok} ran, {failed} failed");
}
