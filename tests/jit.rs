//! The cranelift JIT against the reference interpreter (issue 21): every golden program (and
//! every example and stdlib script that compiles against the pinned tracefs fixture) runs on
//! both engines over the same synthetic events — several processes, threads, CPUs and stacks,
//! perf_event contexts, tracepoint records filled field by field from the fixture's formats —
//! and every run must return the same r0 or the same error, and the maps must end
//! byte-identical. Then the tricky instructions one by one, random straight-line programs and
//! random programs moving pointers between regions; and, as root, the kernel's own run of the
//! golden programs (`BPF_PROG_TEST_RUN`) against both engines over the same inputs: every golden
//! but the three whose reasons `kernel_jit_and_interpreter_agree` gives and checks.

use std::path::Path;

use compiler::artifact::{Artifact, AttachSpec, MapKind};
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
    // The kernel walks user frame pointers (`bpf_get_stack`): the VM answers that helper from
    // the test's frames, and has no user memory for the program's own walk to read.
    compile_with(text, compiler::lower::FpWalk::Kernel)
}

fn compile_with(text: &str, fp_walk: compiler::lower::FpWalk) -> Result<Artifact, String> {
    let env = TracefsEnv::at(check::data_dir("tracefs"));
    let mut sources = Sources::new();
    let file = sources.add("-e", text);
    let options = Options {
        fp_walk,
        ..Options::default()
    };
    compiler::compile(file, text, stdlib::catalog(), &env, &options)
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

/// The kernel, the JIT and the interpreter over the same inputs, for every golden program that
/// can be compared honestly (root only). Each golden's programs are loaded with their own
/// bytecode as raw tracepoint programs (`BPF_PROG_TEST_RUN` runs that type, not tracepoint or
/// perf_event ones) against maps made from the artifact, and run by the kernel in this thread,
/// pinned to a CPU and renamed for each input, with a record as the context; the VM runs the
/// same bytecode with that thread, CPU, name and record. Every program's r0 must agree, and
/// every map must end byte-identical (an array's all-zero entries aside), with the number of
/// entries each user map must have.
///
/// How the inputs a VM cannot take from the kernel are made the same:
/// - Records: laid out by the pinned fixture's formats (the offsets the goldens were compiled
///   with), the fields a case is about set, the rest random. A raw tracepoint program may read
///   12 words of context, so the record is its first 96 bytes, for both. Every golden reads its fields below that (bio's `bytes` at 28,
///   futex's `uaddr`/`op` at 16/24, sys_enter's `id` at 8).
/// - Stacks: `bpf_get_stack` in a test run walks this thread's stacks. The user stack is made
///   known: the `bpf(2)` call is issued with `rbp` pointing at a chain of frames we built, so
///   the kernel's frame-pointer walk gives the address after the `syscall` and the chain's
///   return addresses (checked); the kernel stack is the kernel's own, the same path every
///   time. Before each input the kernel's stacks map is emptied, so after it the map holds
///   exactly the frames this input stored (none when it added to an existing entry, whose
///   stacks were stored when it was made), and those frames, or the kernel stack an earlier
///   input stored, are the VM's stacks for it. Then the stacks map (content hash →
///   frames, all entries ever stored, against the VM's) and every map whose keys hold the
///   hashes agree only if the hashing and key building agree. (Emptying it changes nothing
///   else: a program ignores whether its `BPF_NOEXIST` store found the stack there.) The
///   goldens are compiled with `Options::default()`, `--unwind fp`, but with the kernel's
///   frame-pointer walk (`FpWalk::Kernel`): the program's own walk, and the table walk of
///   `--unwind auto`, read user memory with `bpf_probe_read_user`, which the VM does not do.
/// - Time (futex's spans): the kernel's clock cannot be given to the VM, so it is pinned: each
///   input loads the program with its `call bpf_ktime_get_ns` replaced by `r0 = T` (one
///   instruction for one, no jump moves) and the VM runs the original with `time_ns = T`.
/// - `profile` programs (perf_event) run as raw tracepoint programs: the same instructions,
///   their stacks those of the test run. `period` reads `bpf_perf_event_data.sample_period` at
///   168, past a raw tracepoint's 96 bytes: in the kernel's copy that one load reads 88
///   instead, where the kernel's context holds the period; the VM runs the original over a
///   `bpf_perf_event_data` holding the same period. The sampled registers' `cs` (136: a
///   sample in user mode takes no kernel stack) reads 80 instead, zero as in the VM's
///   context: kernel mode, the stack taken.
///
/// `11_user_space_clauses` is compared by its one BPF program (its `BEGIN`, `interval` and
/// `END` clauses run in user space and have no bytecode).
///
/// Not compared, and why (`check_refusal` checks each reason but the last sentence's):
/// - 09_string_compare: the program copies `args.prev_comm`/`args.next_comm` out of the record
///   with `bpf_probe_read_kernel`, which the VM refuses (it has no kernel memory, and does not
///   treat its own context as such). The kernel runs it; both engines stop at that helper.
///   A VM that answered `bpf_probe_read_kernel(_str)` from its own regions (the context) would
///   make it comparable like the others.
/// - 12_offcpu, 13_offcpu_kernel_only: `tp_btf` programs on `sched_switch` whose arguments are
///   task pointers they read through (state, the runqueue clock, the stack); the VM refuses
///   kernel memory (`kernel_memory_is_refused_identically`), and the verifier refuses those
///   reads in a raw tracepoint program, whose arguments are plain numbers ("invalid mem access
///   'scalar'"). 12's other program (`sched_exit_tp`, the switch-in half) loads and runs
///   alone, but means nothing without the half that records the switch-out. Their times and
///   stacks would be another task's too. 15's offcpu clause has the `exit-tp` design on this
///   kernel: one `sched_exit_tp` program reading the current task (the VM has none), which the
///   verifier accepts as a raw tracepoint. And `BPF_PROG_TEST_RUN` does not run `tp_btf`
///   programs at all (6.18 answers EFAULT: the tracing test run serves fentry, fexit and
///   fmod_ret only), so no test run could give the kernel's side.
#[test]
fn kernel_jit_and_interpreter_agree() {
    if !check::kernel_tests_enabled("kernel_jit_and_interpreter_agree") {
        return;
    }
    let _k = crate::kernel::lock();
    crate::kernel::assert_nothing_of_ours_loaded();
    let own_name = std::fs::read_to_string("/proc/thread-self/comm").expect("comm");
    let (mut compared, mut refused) = (Vec::new(), Vec::new());
    for path in check::files_with_ext(&check::data_dir("golden"), "fs") {
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let text = std::fs::read_to_string(&path).expect("read golden");
        let artifact = compile(text.trim()).unwrap_or_else(|e| panic!("{name}: {e}"));
        match kernel_plan(&name, &artifact) {
            Plan::Compare(case) => {
                // The kernel runs what a live run loads: user frame pointers walked by the
                // program itself (the VM's copy asks `bpf_get_stack`); the same stacks and keys.
                let own = compile_with(text.trim(), compiler::lower::FpWalk::Bpf)
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                run_against_kernel(&name, &artifact, &own, case);
                compared.push(name);
            }
            Plan::Refused(why) => {
                check_refusal(&name, &artifact, why);
                refused.push(name);
            }
        }
    }
    pin_and_name(usize::MAX, own_name.trim_end());
    assert_eq!(
        compared,
        [
            "01_profile",
            "02_tracepoint_comm",
            "03_tracepoint_args_filter",
            "04_bio_sum",
            "05_pagefault",
            "06_min_max_avg",
            "07_hist",
            "08_if_else_locals",
            "09_string_compare",
            "10_profile_period",
            "11_user_space_clauses",
            "14_futex",
            "16_rawtracepoint",
        ]
    );
    assert_eq!(
        refused,
        ["12_offcpu", "13_offcpu_kernel_only", "15_time_records"]
    );
    crate::kernel::assert_nothing_of_ours_loaded();
}

/// One input of the kernel comparison.
struct Input {
    /// Index in `Artifact::programs`.
    prog: usize,
    /// The kernel's context (at most 96 bytes).
    ctx: Vec<u8>,
    /// The VM's, when it differs (`bpf_perf_event_data` for a profile program).
    vm_ctx: Option<Vec<u8>>,
    cpu: usize,
    comm: &'static str,
    /// What the pinned `bpf_ktime_get_ns` answers.
    time_ns: u64,
    /// The return addresses of the frame chain `rbp` points at during the test run.
    frames: Vec<u64>,
}

/// The inputs of one golden, and how many entries some of its maps must end with (by display
/// name, or by name for internal maps).
struct Case {
    inputs: Vec<Input>,
    expect: Vec<(&'static str, usize)>,
}

enum Plan {
    Compare(Case),
    Refused(Refusal),
}

#[derive(Clone, Copy, Debug)]
enum Refusal {
    /// Programs reading kernel memory through `tp_btf` arguments: refused by the VM and, as
    /// raw tracepoint programs, by the verifier.
    KernelMemory,
}

const RAW_TP_CTX: usize = 96;

/// Record fields set by name.
type Fields = &'static [(&'static str, u64)];
const COMM_A: &str = "fs-jit-a";
const COMM_B: &str = "fs-jit-b";
const COMM_X: &str = "x";

/// A user frame chain's return addresses, one chain per `id`.
fn chain(id: u64) -> Vec<u64> {
    vec![0x40_1000 + id * 0x10, 0x40_2000 + id * 0x100, 0x40_3000]
}

/// `(offset, size)` of a field in the fixture's format of `category:name`.
fn field_of(category: &str, name: &str, field: &str) -> (usize, usize) {
    let path = check::data_dir("tracefs")
        .join("events")
        .join(category)
        .join(name)
        .join("format");
    let format = std::fs::read_to_string(&path).expect("format");
    let line = format
        .lines()
        .find(|l| {
            l.trim()
                .strip_prefix("field:")
                .and_then(|d| d.split(';').next())
                .and_then(|d| d.split_whitespace().last())
                .is_some_and(|d| d.split('[').next() == Some(field))
        })
        .unwrap_or_else(|| panic!("{category}:{name} has no field {field}"));
    let num = |key: &str| -> usize {
        let rest = line.split(key).nth(1).expect("key");
        rest.split(';')
            .next()
            .expect("value")
            .trim()
            .parse()
            .expect("number")
    };
    (num("offset:"), num("size:"))
}

fn kernel_plan(name: &str, artifact: &Artifact) -> Plan {
    let online = std::thread::available_parallelism().map_or(1, usize::from);
    let mut rng = Rng(0x6b65_726e_656c_0021);
    // SAFETY: gettid has no arguments and cannot fail.
    let tid = unsafe { libc::gettid() } as u32;
    let prog = |hook: &str| -> usize {
        artifact
            .programs
            .iter()
            .position(|p| match &p.attach {
                AttachSpec::Tracepoint { name, .. } => name == hook,
                AttachSpec::PerfEvent { .. } => hook == "perf_event",
                _ => false,
            })
            .unwrap_or_else(|| panic!("no program on {hook}"))
    };
    // A record of the fixture's layout, random where the program does not look, `fields` set.
    let mut record = |prog: usize, fields: &[(&str, u64)]| -> Vec<u8> {
        let AttachSpec::Tracepoint { category, name } = &artifact.programs[prog].attach else {
            unreachable!("a tracepoint program")
        };
        let mut rec = tracepoint_record(category, name, &mut rng, tid);
        for (field, value) in fields {
            let (offset, size) = field_of(category, name, field);
            rec[offset..offset + size].copy_from_slice(&value.to_le_bytes()[..size]);
        }
        rec.truncate(RAW_TP_CTX);
        rec
    };
    let input = |i: usize, prog: usize, ctx: Vec<u8>, comm: &'static str, frames: u64| Input {
        prog,
        ctx,
        vm_ctx: None,
        cpu: i % online,
        comm,
        time_ns: 0,
        frames: chain(frames),
    };
    let stacks = compiler::lower::STACKS_MAP;
    let case = match name {
        // One kernel stack (the test run's), two user chains in three inputs.
        "01_profile" | "10_profile_period" => {
            let p = prog("perf_event");
            let inputs = [
                (COMM_A, 1, 1_000_000),
                (COMM_B, 1, 10_101_010),
                (COMM_A, 2, 4096),
                (COMM_A, 1, 1),
            ]
            .into_iter()
            .enumerate()
            .map(|(i, (comm, frames, period))| {
                let mut ctx = vec![0u8; RAW_TP_CTX];
                ctx[88..].copy_from_slice(&u64::to_le_bytes(period));
                Input {
                    vm_ctx: Some(vm::perf_event_ctx(period, 0)),
                    ..input(i, p, ctx, comm, frames)
                }
            })
            .collect();
            let expect = if name == "01_profile" {
                // (kernel, user): 2 keys; stacks: 1 kernel + 2 user.
                vec![("@", 2), (stacks, 3)]
            } else {
                // (comm, user): (a, 1), (b, 1), (a, 2).
                vec![("@", 3), (stacks, 2)]
            };
            Case { inputs, expect }
        }
        // Three names; one thread, seen only when the record's id is 0.
        "02_tracepoint_comm" | "11_user_space_clauses" => {
            let p = prog("sched_process_exec");
            let inputs = [COMM_A, COMM_B, COMM_A, COMM_X, COMM_B]
                .into_iter()
                .enumerate()
                .map(|(i, comm)| input(i, p, record(p, &[]), comm, 1))
                .collect();
            let map = if name.starts_with("02") {
                "@"
            } else {
                "@execs"
            };
            Case {
                inputs,
                expect: vec![(map, 3)],
            }
        }
        "03_tracepoint_args_filter" => {
            let p = prog("sys_enter");
            let inputs = [0, 1, 0, 1, 0]
                .into_iter()
                .enumerate()
                .map(|(i, id)| input(i, p, record(p, &[("id", id)]), COMM_A, 1))
                .collect();
            Case {
                inputs,
                expect: vec![("@reads", 1)],
            }
        }
        "04_bio_sum" | "06_min_max_avg" | "07_hist" | "08_if_else_locals" => {
            let p = prog("block_rq_issue");
            // 08: large (kib >= 64) for a and b; medium (4 < kib < 64, pid != 1); small.
            let inputs = [
                (65536, COMM_A),
                (1 << 20, COMM_B),
                (8192, COMM_A),
                (2048, COMM_X),
                (65536, COMM_A),
                (4096, COMM_B),
                (0, COMM_A),
                (1, COMM_A),
                (4097, COMM_A),
                (u32::MAX as u64, COMM_B),
            ]
            .into_iter()
            .enumerate()
            .map(|(i, (bytes, comm))| input(i, p, record(p, &[("bytes", bytes)]), comm, 1))
            .collect();
            let expect = match name {
                "04_bio_sum" => vec![("@", 1), (stacks, 1)],
                "06_min_max_avg" => vec![("@small", 1), ("@big", 1), ("@mean", 1)],
                // Buckets: 0, 1, 2^11, 2^12 (4096 and 4097), 2^13, 2^16, 2^20, 2^31.
                "07_hist" => vec![("@sizes", 8)],
                _ => vec![("@large", 2), ("@medium", 1), ("@last_small", 1)],
            };
            Case { inputs, expect }
        }
        "05_pagefault" => {
            let p = prog("page_fault_user");
            let inputs = [1, 2, 1, 3]
                .into_iter()
                .enumerate()
                .map(|(i, frames)| input(i, p, record(p, &[]), COMM_A, frames))
                .collect();
            Case {
                inputs,
                expect: vec![("@", 3), (stacks, 3)],
            }
        }
        // The names are copied out of the record (`bpf_probe_read_kernel` of the context,
        // which the engines read from their own memory); `==` compares them in full.
        "09_string_compare" => {
            let p = prog("sched_switch");
            let name_at = |rec: &mut Vec<u8>, field: &str, text: &str| {
                let (offset, size) = field_of("sched", "sched_switch", field);
                rec[offset..offset + size].fill(0);
                rec[offset..offset + text.len()].copy_from_slice(text.as_bytes());
            };
            let inputs = [
                ("swapper/0", 5, COMM_A),
                ("kworker/1", 0, COMM_B),
                ("kworker/1", 7, COMM_X),
                ("swapper/0", 0, COMM_A),
                ("swapper/01", 3, "zzz"),
                ("swapper/", 9, "yyy"),
            ]
            .into_iter()
            .enumerate()
            .map(|(i, (prev, prev_pid, next))| {
                let mut rec = record(p, &[("prev_pid", prev_pid)]);
                name_at(&mut rec, "prev_comm", prev);
                name_at(&mut rec, "next_comm", next);
                input(i, p, rec, COMM_A, 1)
            })
            .collect();
            Case {
                inputs,
                expect: vec![("@", 2)],
            }
        }
        // 15's time records need a ring buffer, which the engines do not have (replays keep
        // their events themselves); compiled as here, without them, it is 01's profile and
        // 13's off-CPU clause, refused for the latter.
        "12_offcpu" | "13_offcpu_kernel_only" | "15_time_records" => {
            return Plan::Refused(Refusal::KernelMemory);
        }
        "14_futex" => {
            let (enter, exit) = (prog("sys_enter_futex"), prog("sys_exit_futex"));
            let (enter_v, exit_v) = (prog("sys_enter_futex_waitv"), prog("sys_exit_futex_waitv"));
            // (program, record fields, time, user chain): spans of 500 µs, 50 µs (under `min`),
            // a wake (not a wait: no span), an exit without an entry, a waitv of 2 ms, and the
            // first key again (FUTEX_WAIT | FUTEX_PRIVATE_FLAG: another op).
            let t = 100_000_000u64;
            let steps: [(usize, Fields, u64, u64); 11] = [
                (enter, &[("uaddr", 0x1000), ("op", 0)], t, 1),
                (exit, &[("ret", 0)], t + 500_000, 1),
                (enter, &[("uaddr", 0x2000), ("op", 9)], t + 1_000_000, 1),
                (exit, &[], t + 1_050_000, 1),
                (enter, &[("uaddr", 0x3000), ("op", 1)], t + 2_000_000, 1),
                (exit, &[], t + 3_000_000, 1),
                (exit, &[], t + 4_000_000, 1),
                (enter_v, &[("waiters", 0x4000)], t + 5_000_000, 2),
                (exit_v, &[], t + 7_000_000, 2),
                (enter, &[("uaddr", 0x1000), ("op", 128)], t + 8_000_000, 1),
                (exit, &[], t + 9_000_000, 1),
            ];
            let inputs = steps
                .into_iter()
                .enumerate()
                .map(|(i, (p, fields, time_ns, frames))| Input {
                    time_ns,
                    ..input(i, p, record(p, fields), COMM_A, frames)
                })
                .collect();
            Case {
                inputs,
                expect: vec![("@", 2), ("@ops", 3), (stacks, 2)],
            }
        }
        // sched_switch's first argument (`preempt`) from the context's array of arguments:
        // keys (a, 1), (b, 0), (a, 0).
        "16_rawtracepoint" => {
            let inputs = [(COMM_A, 1u64), (COMM_B, 0), (COMM_A, 1), (COMM_A, 0)]
                .into_iter()
                .enumerate()
                .map(|(i, (comm, preempt))| {
                    let mut ctx = vec![0u8; RAW_TP_CTX];
                    ctx[..8].copy_from_slice(&preempt.to_le_bytes());
                    input(i, 0, ctx, comm, 1)
                })
                .collect();
            Case {
                inputs,
                expect: vec![("@", 3)],
            }
        }
        other => panic!("{other}: a new golden: decide how it is compared with the kernel"),
    };
    Plan::Compare(case)
}

/// The program as the kernel gets it: `bpf_ktime_get_ns` pinned to `time_ns`, and in a
/// perf_event program the `sample_period` load (offset 168) reading the raw tracepoint
/// context's last word. Returns the code and whether the time was pinned.
fn kernel_code(spec: &compiler::artifact::ProgramSpec, time_ns: u64) -> (Vec<u8>, bool) {
    let mut code = spec.code.clone();
    let mut pinned = false;
    let mut at = 0;
    while at < code.len() {
        let insn = &mut code[at..at + 8];
        let imm = i32::from_le_bytes(insn[4..8].try_into().expect("4 bytes"));
        let off = i16::from_le_bytes(insn[2..4].try_into().expect("2 bytes"));
        match insn[0] {
            // call bpf_ktime_get_ns / bpf_ktime_get_boot_ns → r0 = time_ns.
            0x85 if insn[1] >> 4 == 0 && (imm == 5 || imm == 125) => {
                let time = i32::try_from(time_ns).expect("a pinned time fits an imm32");
                insn.copy_from_slice(&[0xb7, 0, 0, 0, 0, 0, 0, 0]);
                insn[4..8].copy_from_slice(&time.to_le_bytes());
                pinned = true;
            }
            // ldx dw [ctx + 168] → [ctx + 88].
            0x79 if off == 168 && matches!(spec.attach, AttachSpec::PerfEvent { .. }) => {
                insn[2..4].copy_from_slice(&88i16.to_le_bytes());
            }
            // ld_imm64 takes two slots.
            0x18 => at += 8,
            _ => {}
        }
        at += 8;
    }
    (code, pinned)
}

/// Loads a program as a raw tracepoint program. A `perf_event` program's read of the sampled
/// registers' `cs` (context offset 136: a sample in user mode takes no kernel stack) is past a
/// raw tracepoint's context; the verifier names the instruction, which then reads offset 80
/// instead: zero in every input, as `cs` in the VM's context (kernel mode: the stack taken).
/// Other reads at offset 136 (the registers `bpf_task_pt_regs` gives) are left alone.
fn load_as_raw_tp(
    name: &str,
    spec: &compiler::artifact::ProgramSpec,
    mut code: Vec<u8>,
    artifact: &Artifact,
    fds: &[Fd],
) -> Fd {
    for _ in 0..8 {
        let err = match bpf::prog_load(spec, &code, artifact, fds) {
            Ok(fd) => return fd,
            Err(e) => e,
        };
        let perf_event = matches!(spec.attach, AttachSpec::PerfEvent { .. });
        let at = err
            .contains("invalid bpf_context access off=136 size=8")
            .then(|| {
                err.split('"')
                    .filter(|line| line.contains("+136)"))
                    .find_map(|line| line.split(':').next()?.trim().parse::<usize>().ok())
            })
            .flatten()
            .filter(|_| perf_event)
            .unwrap_or_else(|| panic!("{name}: {err}"));
        code[at * 8 + 2..at * 8 + 4].copy_from_slice(&80i16.to_le_bytes());
    }
    panic!("{name}: still refused after patching its context reads")
}

/// Words of a stored stack, trailing zeros (the unused rest of the buffer) dropped.
fn frames_of(value: &[u8]) -> Vec<u64> {
    let mut words: Vec<u64> = value
        .chunks_exact(8)
        .map(|w| u64::from_le_bytes(w.try_into().expect("8 bytes")))
        .collect();
    while words.last() == Some(&0) {
        words.pop();
    }
    words
}

fn run_against_kernel(name: &str, artifact: &Artifact, own: &Artifact, case: Case) {
    let ncpus = possible_cpus();
    // The kernel's maps as the kernel side's build declares them (its own walk has one more
    // scratch buffer, the window it reads the stack through); the same maps otherwise.
    assert_eq!(
        own.maps.iter().map(|m| &m.name).collect::<Vec<_>>(),
        artifact.maps.iter().map(|m| &m.name).collect::<Vec<_>>()
    );
    let fds: Vec<Fd> = own.maps.iter().map(bpf::map_create).collect();
    let stacks = artifact
        .maps
        .iter()
        .position(|m| m.name == compiler::lower::STACKS_MAP);
    let mut vms: Vec<(Maps, Vec<Option<vm::Executable>>)> = Engine::ALL
        .iter()
        .map(|engine| {
            let maps = Maps::new(artifact, ncpus);
            let exes = artifact
                .programs
                .iter()
                .map(|spec| {
                    (!spec.code.is_empty()).then(|| {
                        let p = Program::new(spec, &maps).expect("loads");
                        engine.load(p).expect("compiles")
                    })
                })
                .collect();
            (maps, exes)
        })
        .collect();
    // Programs loaded in the kernel, by (program, pinned time).
    let mut loaded: std::collections::HashMap<(usize, u64), Fd> = Default::default();
    // Every stack the kernel stored, over all inputs.
    let mut kernel_stacks = std::collections::BTreeMap::new();
    let tgid = std::process::id();
    // SAFETY: gettid has no arguments and cannot fail.
    let tid = unsafe { libc::gettid() } as u32;
    // SAFETY: getuid has no arguments and cannot fail.
    let uid = unsafe { libc::getuid() };
    // SAFETY: getgid has no arguments and cannot fail.
    let gid = unsafe { libc::getgid() };
    // The kernel stack of a test run: the same path (the bpf(2) call's) every time; known once
    // an input stored it (an update adding to an existing entry stores no stacks).
    let mut kernel_stack = Vec::new();
    for (i, input) in case.inputs.iter().enumerate() {
        let spec = &own.programs[input.prog];
        let (code, pinned) = kernel_code(spec, input.time_ns);
        let time_key = if pinned { input.time_ns } else { 0 };
        let prog = loaded
            .entry((input.prog, time_key))
            .or_insert_with(|| load_as_raw_tp(name, spec, code, own, &fds));
        pin_and_name(input.cpu, input.comm);
        if let Some(s) = stacks {
            bpf::clear(&fds[s], &artifact.maps[s]);
        }
        let (kernel_r0, ip) = bpf::test_run(prog, &input.ctx, &input.frames);
        let comm = std::fs::read_to_string("/proc/thread-self/comm").expect("comm");
        let user: Vec<u64> = std::iter::once(ip)
            .chain(input.frames.iter().copied())
            .collect();
        if let Some(s) = stacks {
            for (key, value) in bpf::dump(&fds[s], &artifact.maps[s], ncpus) {
                let frames = frames_of(&value);
                if frames.first().is_some_and(|f| *f >= 0xffff_8000_0000_0000) {
                    kernel_stack = frames;
                } else {
                    assert_eq!(
                        frames, user,
                        "{name}: input {i}: the kernel walked the frame chain we built"
                    );
                }
                kernel_stacks.insert(key, value);
            }
        }
        let event = Event {
            tgid,
            tid,
            comm: vm::comm(comm.trim_end()),
            cpu: input.cpu as u32,
            time_ns: input.time_ns,
            uid,
            gid,
            kernel_stack: &kernel_stack,
            user_stack: &user,
        };
        let ctx = input.vm_ctx.as_ref().unwrap_or(&input.ctx);
        for (maps, exes) in &mut vms {
            let exe = exes[input.prog].as_ref().expect("a program with code");
            let r0 = exe.run(maps, ctx, &event);
            assert_eq!(
                r0,
                Ok(u64::from(kernel_r0)),
                "{name}: input {i}: {}",
                exe.name()
            );
        }
    }
    let mut checked = Vec::new();
    for (m, spec) in artifact.maps.iter().enumerate() {
        let kernel = if Some(m) == stacks {
            normalized(spec, kernel_stacks.clone().into_iter().collect())
        } else {
            // Not the kernel side's window buffer, the one entry the VM's build has not.
            let mut entries = bpf::dump(&fds[m], spec, ncpus);
            if spec.kind == MapKind::Array {
                entries.retain(|(k, _)| {
                    k.get(..4)
                        .and_then(|b| b.try_into().ok())
                        .is_some_and(|b| u32::from_le_bytes(b) < spec.max_entries)
                });
            }
            normalized(spec, entries)
        };
        assert!(
            spec.name != artifact.losses.map || !kernel.is_empty(),
            "{name}: the kernel counted events"
        );
        let shown = if spec.display.is_empty() {
            spec.name.as_str()
        } else {
            spec.display.as_str()
        };
        if let Some((what, n)) = case.expect.iter().find(|(what, _)| *what == shown) {
            assert_eq!(kernel.len(), *n, "{name}: {shown}: {kernel:x?}");
            checked.push(*what);
        }
        for (maps, exes) in &vms {
            let engine = exes.iter().flatten().next().map_or("", |e| e.name());
            let ours = normalized(spec, maps.maps[m].dump().entries);
            assert_eq!(ours, kernel, "{name}: map {} ({engine})", spec.name);
        }
    }
    let wanted: Vec<&str> = case.expect.iter().map(|(what, _)| *what).collect();
    assert_eq!(checked, wanted, "{name}: every expected map exists");
}

/// Checks the reason a golden is not compared (see `kernel_jit_and_interpreter_agree`).
fn check_refusal(name: &str, artifact: &Artifact, why: Refusal) {
    let ncpus = possible_cpus();
    let fds: Vec<Fd> = artifact.maps.iter().map(bpf::map_create).collect();
    let mut rng = Rng(0x0ff_c0de);
    // SAFETY: gettid has no arguments and cannot fail.
    let tid = unsafe { libc::gettid() } as u32;
    let mut kernel_refused = 0;
    let mut vm_refused = 0;
    for spec in artifact.programs.iter().filter(|p| !p.code.is_empty()) {
        let maps = Maps::new(artifact, ncpus);
        let prog = Program::new(spec, &maps).expect("loads");
        let mut ev = synthetic(&spec.attach, &mut rng, 1_000_000_000);
        ev.tid = tid;
        ev.ctx.truncate(RAW_TP_CTX);
        let results: Vec<_> = Engine::ALL
            .iter()
            .map(|engine| {
                let mut maps = Maps::new(artifact, ncpus);
                let exe = engine.load(prog.clone()).expect("compiles");
                exe.run(&mut maps, &ev.ctx, &ev.event())
            })
            .collect();
        assert_eq!(results[0], results[1], "{name}: {}", spec.name);
        let loaded = bpf::prog_load(spec, &spec.code, artifact, &fds);
        match why {
            Refusal::KernelMemory => {
                if let Err(e) = &results[0] {
                    assert!(
                        matches!(e, VmError::OutOfBounds { .. } | VmError::Helper { .. }),
                        "{name}: {}: {e}",
                        spec.name
                    );
                    vm_refused += 1;
                }
                if let Err(e) = loaded {
                    assert!(
                        e.contains("invalid mem access 'scalar'"),
                        "{name}: {}: {e}",
                        spec.name
                    );
                    kernel_refused += 1;
                }
            }
        }
    }
    assert!(vm_refused > 0, "{name}: the VM refuses a program");
    // Task pointers from `sched_switch`'s arguments are plain numbers to a raw tracepoint
    // program; the `exit-tp` design's program gets its task from a helper, typed, which the
    // verifier accepts there (that program is still one no test run can run: `tp_btf`).
    let on_switch = artifact.programs.iter().any(|p| {
        matches!(&p.attach, compiler::artifact::AttachSpec::TpBtf { name, .. } if name == "sched_switch")
    });
    if matches!(why, Refusal::KernelMemory) && on_switch {
        assert!(kernel_refused > 0, "{name}: the verifier refuses a program");
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

    /// Frames a test run's chain holds at most (the inputs use 3).
    const MAX_TEST_FRAMES: usize = 16;
    /// Words from one test frame to the next (38: 304 bytes).
    const FRAME_WORDS: usize = 38;

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

    /// Loads `code` (a program of `spec`, maybe patched) as a raw tracepoint program, named as
    /// the program, its maps relocated to `maps`; the verifier's last line on failure.
    pub(super) fn prog_load(
        spec: &ProgramSpec,
        code: &[u8],
        artifact: &Artifact,
        maps: &[Fd],
    ) -> Result<Fd, String> {
        let mut code = code.to_vec();
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
        // Without a log first: a log of every instruction explored (level 1) passes 1 MiB for
        // the programs that walk frames; a refused program stops early, so its log is short.
        let mut log = vec![0u8; 1 << 20];
        let mut res = -1;
        for level in [0, 1] {
            // BPF_PROG_TYPE_RAW_TRACEPOINT, named (prog_name at 48) so that
            // `assert_nothing_of_ours_loaded` sees it.
            let mut attr = Attr::new();
            attr.u32(0, 17)
                .u32(4, (code.len() / 8) as u32)
                .u64(8, code.as_ptr() as u64)
                .u64(16, license.as_ptr() as u64);
            if level > 0 {
                attr.u32(24, level)
                    .u32(28, log.len() as u32)
                    .u64(32, log.as_mut_ptr() as u64);
            }
            let name = spec.name.as_bytes();
            let n = name.len().min(15);
            attr.0[48..48 + n].copy_from_slice(&name[..n]);
            res = attr.call(5);
            if res >= 0 {
                break;
            }
        }
        if res < 0 {
            let err = std::io::Error::last_os_error();
            let text = String::from_utf8_lossy(&log);
            let text = text.trim_end_matches('\0').trim_end();
            let last = text.lines().rev().take(3).collect::<Vec<_>>();
            return Err(format!("load {}: {err}: {last:?}", spec.name));
        }
        Ok(fd(res, "load"))
    }

    /// Runs the program once in this thread, `bpf(2)` called with `rbp` pointing at a chain of
    /// frames whose return addresses are `frames` (the last frame's link is 0), so that the
    /// kernel's frame-pointer walk of this thread's user stack gives the address after the
    /// `syscall` instruction, then `frames`. Returns r0 and that address.
    pub(super) fn test_run(prog: &Fd, ctx: &[u8], frames: &[u64]) -> (u32, u64) {
        // On this thread's stack, above the stack pointer of the system call, as a real chain
        // is: the programs' own walk reads only frames above the stack pointer.
        // Frames FRAME_WORDS words apart, as frames with locals are, from 256 bytes into a
        // page: the programs' walk reads the stack a window of up to 512 bytes at a time (not
        // past the page), so a chain of three reads its second frame from the first one's
        // window and its third from a new window.
        let mut stack = [0u64; 512 + FRAME_WORDS * MAX_TEST_FRAMES];
        assert!(frames.len() <= MAX_TEST_FRAMES, "{} frames", frames.len());
        let skip = (((256 + 4096 - (stack.as_ptr() as usize & 4095)) & 4095) / 8) % 512;
        let chain = &mut stack[skip..];
        for (i, ret) in frames.iter().enumerate() {
            chain[i * FRAME_WORDS + 1] = *ret;
        }
        let base = chain.as_ptr() as u64;
        assert_eq!(base & 4095, 256);
        for i in 0..frames.len().saturating_sub(1) {
            chain[i * FRAME_WORDS] = base + (i as u64 + 1) * FRAME_WORDS as u64 * 8;
        }
        let fp = if frames.is_empty() { 0 } else { base };
        let mut attr = Attr::new();
        attr.u32(0, prog.as_raw_fd() as u32)
            .u32(40, ctx.len() as u32)
            .u64(48, ctx.as_ptr() as u64);
        let res: i64;
        let ip: u64;
        // SAFETY: the `bpf(2)` system call with BPF_PROG_TEST_RUN on `attr` (a `union bpf_attr`
        // prefix of its stated size, whose context pointer outlives the call). `rbp` is saved
        // on the stack (no `nostack`: the asm may push) and restored; in between it only points
        // at `chain`, which the kernel reads and nothing here dereferences. `syscall` clobbers
        // rcx and r11, declared.
        unsafe {
            std::arch::asm!(
                "lea r8, [rip + 2f]",
                "push rbp",
                "mov rbp, r9",
                "syscall",
                "2:",
                "pop rbp",
                inlateout("rax") libc::SYS_bpf => res,
                in("rdi") 10u64,
                in("rsi") attr.0.as_mut_ptr(),
                in("rdx") attr.0.len() as u64,
                in("r9") fp,
                out("r8") ip,
                lateout("rcx") _,
                lateout("r11") _,
            );
        }
        std::hint::black_box(&stack);
        assert_eq!(
            res,
            0,
            "test run: {}",
            std::io::Error::from_raw_os_error(-res as i32)
        );
        (
            u32::from_le_bytes(attr.0[4..8].try_into().expect("4 bytes")),
            ip,
        )
    }

    /// Deletes every entry of a hash map.
    pub(super) fn clear(map: &Fd, spec: &MapSpec) {
        loop {
            let mut key = vec![0u8; spec.key_size as usize];
            let r = Attr::new()
                .u32(0, map.as_raw_fd() as u32)
                .u64(16, key.as_mut_ptr() as u64)
                .call(4);
            if r != 0 {
                break;
            }
            let r = Attr::new()
                .u32(0, map.as_raw_fd() as u32)
                .u64(8, key.as_ptr() as u64)
                .call(3);
            assert_eq!(r, 0, "delete: {}", std::io::Error::last_os_error());
        }
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
