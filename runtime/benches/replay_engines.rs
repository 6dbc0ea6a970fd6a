//! Replay engines benchmark (issue 21): events per second through the cranelift JIT and the
//! reference interpreter, the same compiled scripts over the same events.
//! `cargo bench -p flamescript-runtime --bench replay_engines` (`-- --events N`, default
//! 1 000 000; `-- --runs N`, best of, default 3; `-- --perf-data PATH` to take the samples of a
//! real `perf record -g` file, cycled to N events, instead of synthetic ones).
//! docs/PERFORMANCE.md ("Replay engines") records its numbers.
//!
//! Synthetic events: 16 threads in 4 processes on 4 CPUs, 256 distinct user stacks (depth
//! 5–40) and 32 kernel stacks; syscall records with ids 0–15, block requests of 512 B–1 MiB.
//! Every pass starts from empty maps; the two engines' maps are checked equal after each pass,
//! so a fast wrong answer cannot hide here. Times are wall clock, best of `--runs`.

#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::path::{Path, PathBuf};
use std::time::Instant;

use compiler::artifact::{Artifact, AttachSpec};
use compiler::diag::Sources;
use compiler::lower::Options;
use compiler::tracefs::TracefsEnv;
use flamescript_runtime::replay::perf_data;
use flamescript_runtime::replay::vm::{self, Engine, Event, Executable, Maps, Program};

const SCRIPTS: [&str; 4] = [
    "profile hz 999 < @[ustack] = count() >",
    "profile < @[kstack, ustack] = sum(period) >",
    "tracepoint:raw_syscalls:sys_enter /args.id == 0/ < @reads[pid] = count() >",
    "bio < @sizes = hist(bytes); @[comm] = sum(bytes) >",
];

struct Sample {
    tgid: u32,
    tid: u32,
    cpu: u32,
    time_ns: u64,
    period: u64,
    comm: [u8; 16],
    kernel: Vec<u64>,
    user: Vec<u64>,
    /// A number for the tracepoint records (syscall id, request size).
    arg: u64,
}

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
}

fn synthetic(n: usize) -> Vec<Sample> {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    let stack = |rng: &mut Rng, base: u64, depth: u64| -> Vec<u64> {
        (0..depth).map(|_| base + rng.below(1 << 20) * 16).collect()
    };
    let users: Vec<Vec<u64>> = (0..256)
        .map(|_| {
            let depth = 5 + rng.below(36);
            stack(&mut rng, 0x40_0000, depth)
        })
        .collect();
    let kernels: Vec<Vec<u64>> = (0..32)
        .map(|_| {
            let depth = 3 + rng.below(12);
            stack(&mut rng, 0xffff_ffff_8100_0000, depth)
        })
        .collect();
    let comms = ["burner", "bash", "worker", "postgres"];
    (0..n)
        .map(|i| {
            let thread = rng.below(16) as u32;
            Sample {
                tgid: 1000 + thread / 4,
                tid: 1000 + thread,
                cpu: rng.below(4) as u32,
                time_ns: 1_000_000_000 + i as u64 * 250_000,
                period: 1_001_001,
                comm: vm::comm(comms[(thread / 4) as usize]),
                kernel: kernels[rng.below(32) as usize].clone(),
                user: users[rng.below(256) as usize].clone(),
                arg: rng.below(16),
            }
        })
        .collect()
}

fn from_recording(path: &Path, n: usize) -> Vec<Sample> {
    let rec = perf_data::read(path).unwrap_or_else(|e| panic!("{e}"));
    assert!(!rec.samples.is_empty(), "no samples in {}", path.display());
    (0..n)
        .map(|i| {
            let s = &rec.samples[i % rec.samples.len()];
            Sample {
                tgid: s.pid,
                tid: s.tid,
                cpu: s.cpu,
                time_ns: s.time_ns,
                period: s.period,
                comm: s.comm,
                kernel: s.kernel_stack.clone(),
                user: s.user_stack.clone(),
                arg: (i % 16) as u64,
            }
        })
        .collect()
}

/// The context each program gets: perf_event data, or a tracepoint record with the fields
/// our scripts read (`raw_syscalls:sys_enter`'s `id` at 8, `block_rq_issue`'s `bytes` at 28).
fn context(attach: &AttachSpec, s: &Sample) -> Vec<u8> {
    match attach {
        AttachSpec::PerfEvent { .. } => vm::perf_event_ctx(s.period, 0),
        AttachSpec::Tracepoint { name, .. } => {
            let mut rec = vec![0u8; 128];
            rec[4..8].copy_from_slice(&s.tid.to_le_bytes());
            if name == "sys_enter" {
                rec[8..16].copy_from_slice(&s.arg.to_le_bytes());
            } else {
                let bytes = 512u32 << (s.arg % 12);
                rec[28..32].copy_from_slice(&bytes.to_le_bytes());
            }
            rec
        }
        _ => vec![0u8; 64],
    }
}

fn compile(text: &str) -> Artifact {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/data/tracefs");
    let env = TracefsEnv::at(fixture);
    let mut sources = Sources::new();
    let file = sources.add("-e", text);
    match compiler::compile(file, text, stdlib::catalog(), &env, &Options::default()) {
        Ok(it) => it.artifact,
        Err(d) => panic!("{text}:\n{}", sources.render(&d)),
    }
}

fn pass(
    artifact: &Artifact,
    programs: &[(AttachSpec, Executable)],
    contexts: &[Vec<Vec<u8>>],
    samples: &[Sample],
) -> (f64, Maps) {
    let mut maps = Maps::new(artifact, 4);
    let start = Instant::now();
    for (i, s) in samples.iter().enumerate() {
        let event = Event {
            tgid: s.tgid,
            tid: s.tid,
            comm: s.comm,
            cpu: s.cpu,
            time_ns: s.time_ns,
            uid: 0,
            gid: 0,
            kernel_stack: &s.kernel,
            user_stack: &s.user,
        };
        for (p, (_, exe)) in programs.iter().enumerate() {
            exe.run(&mut maps, &contexts[p][i], &event)
                .unwrap_or_else(|e| panic!("{}: {e}", exe.name()));
        }
    }
    (start.elapsed().as_secs_f64(), maps)
}

fn main() {
    let mut events = 1_000_000usize;
    let mut runs = 3usize;
    let mut perf_file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--events" => events = args.next().and_then(|v| v.parse().ok()).expect("N"),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("N"),
            "--perf-data" => perf_file = args.next().map(PathBuf::from),
            _ => {} // `cargo bench` passes `--bench`
        }
    }
    let samples = match &perf_file {
        Some(path) => from_recording(path, events),
        None => synthetic(events),
    };
    println!(
        "{} events ({}), best of {runs}",
        samples.len(),
        perf_file
            .as_ref()
            .map_or("synthetic".to_string(), |p| p.display().to_string())
    );
    println!(
        "{:<75} {:>12} {:>12} {:>8} {:>10}",
        "script", "interp ev/s", "jit ev/s", "speedup", "jit compile"
    );
    for text in SCRIPTS {
        let artifact = compile(text);
        let maps = Maps::new(&artifact, 4);
        let specs: Vec<_> = artifact
            .programs
            .iter()
            .filter(|p| !p.code.is_empty())
            .collect();
        let contexts: Vec<Vec<Vec<u8>>> = specs
            .iter()
            .map(|spec| samples.iter().map(|s| context(&spec.attach, s)).collect())
            .collect();
        let mut rates = Vec::new();
        let mut dumps = Vec::new();
        let mut compile_ms = 0.0;
        for engine in [Engine::Interp, Engine::Jit] {
            let start = Instant::now();
            let programs: Vec<(AttachSpec, Executable)> = specs
                .iter()
                .map(|spec| {
                    let prog = Program::new(spec, &maps).expect("loads");
                    (spec.attach.clone(), engine.load(prog).expect("compiles"))
                })
                .collect();
            if engine == Engine::Jit {
                compile_ms = start.elapsed().as_secs_f64() * 1e3;
            }
            let mut best = f64::MAX;
            let mut last = None;
            for _ in 0..runs.max(1) {
                let (secs, maps) = pass(&artifact, &programs, &contexts, &samples);
                best = best.min(secs);
                last = Some(maps);
            }
            rates.push(samples.len() as f64 / best);
            dumps.push(last.map(|m| m.dump()).unwrap_or_default());
        }
        for (a, b) in dumps[0].iter().zip(&dumps[1]) {
            assert!(
                a.entries == b.entries,
                "{text}: map {} differs",
                a.spec.name
            );
        }
        println!(
            "{:<75} {:>12.0} {:>12.0} {:>7.1}x {:>8.2}ms",
            text,
            rates[0],
            rates[1],
            rates[1] / rates[0],
            compile_ms
        );
    }
}
