//! Post-processing benchmark (issue 11): symbolize + fold + render N distinct user stacks, no
//! kernel and no root needed. `cargo bench -p flamescript-runtime --bench postprocess`
//! (`-- --stacks N`, `-- --runs N`, `-- --folded-out PATH` to keep the folded text for timing
//! `flamescript render` on it; `benches/postprocess.sh` does both). docs/PERFORMANCE.md
//! records its numbers.
//!
//! The workload: stacks of real return addresses into this very binary (its ELF symbol table
//! has thousands of functions), as a tracked process would give them. Each stack is a random
//! walk down a tree of fan-out 4 and depth 10–40, so stacks share prefixes the way a real
//! program's do, and the frames come from a pool of up to 4 096 distinct functions (about
//! 2 500 in practice: the symbol table's functions of 16 bytes or more, every k-th one). Rust
//! names are long, so this is a harder load than a C program's of the same shape. Every stack is
//! distinct, like a map dumped from the kernel. Times are wall clock and the thread's CPU
//! time, each the best of `--runs` (3) passes from a fresh symbolizer; peak memory is the process's high-water mark at
//! the end (inputs included).

#![allow(clippy::print_stdout, reason = "a benchmark reports on stdout")]

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use compiler::artifact::{KeyKind, KeyPart, MapKind, MapSpec, ValueSpec};
use flamescript_runtime::fold::{self, RawEntry, RawPart, RawValue};
use flamescript_runtime::render::{folded, pprof, svg};
use flamescript_runtime::symbolize::{Symbolizer, parse_maps};

/// How many distinct functions the stacks are drawn from.
const POOL: usize = 4096;
/// Children per frame: with depth ≥ 10 there are far more paths than stacks, yet every level
/// shares its prefix with a quarter of its siblings' stacks.
const FANOUT: u64 = 4;

fn main() {
    let mut n_stacks = 100_000usize;
    let mut folded_out: Option<PathBuf> = None;
    let mut runs = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--stacks" => {
                n_stacks = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .expect("--stacks N")
            }
            "--folded-out" => folded_out = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|s| s.parse().ok()).expect("--runs N"),
            // `cargo bench` passes `--bench`; other harness flags mean nothing here.
            _ => {}
        }
    }

    let pid = std::process::id();
    let pool = function_addresses(pid);
    let entries = workload(pid, &pool, n_stacks);
    let n_frames: usize = entries
        .iter()
        .map(|e| match &e.parts[0] {
            RawPart::UserStack { ips, .. } => ips.len(),
            _ => 0,
        })
        .sum();
    println!(
        "{n_stacks} distinct user stacks, {n_frames} frames, {} distinct functions",
        pool.len()
    );

    let spec = MapSpec {
        name: "m0".into(),
        display: "@".into(),
        kind: MapKind::Hash,
        key_size: 16,
        value_size: 8,
        max_entries: n_stacks as u32,
        task_work: false,
        no_prealloc: false,
        per_cpu: true,
        key: vec![KeyPart {
            offset: 0,
            size: 8,
            kind: KeyKind::UserStack {
                stack_map: "stacks".into(),
                tgid_offset: 8,
            },
        }],
        value: ValueSpec::Count,
    };

    let mut times = Times::default();
    let mut outputs = None;
    for _ in 0..runs {
        outputs = Some(one_run(pid, &entries, &spec, n_stacks, &mut times));
    }
    let (text, svg_len, pb_len) = outputs.expect("at least one run");
    println!("best of {runs} runs:\n     wall       cpu");
    times.report("track (open + pin ELF files)", |t| t.track);
    times.report("symbolize + fold", |t| t.fold);
    times.report(&format!("render .svg ({} KiB)", svg_len / 1024), |t| t.svg);
    times.report(&format!("write .folded ({} KiB)", text.len() / 1024), |t| {
        t.folded
    });
    times.report(&format!("write .pb.gz ({} KiB)", pb_len / 1024), |t| {
        t.pprof
    });
    times.report("symbolize + fold + render .svg", |t| sum(&[t.fold, t.svg]));
    times.report("all of the above", |t| {
        sum(&[t.track, t.fold, t.svg, t.folded, t.pprof])
    });
    times.report("parse .folded (`flamescript render`'s input)", |t| t.parse);

    println!("peak memory (VmHWM, inputs included): {}", vm_hwm());
    if let Some(path) = folded_out {
        std::fs::write(&path, &text).expect("write the folded text");
        println!("folded text written to {}", path.display());
    }
}

/// Seconds per phase, one entry per run.
#[derive(Default)]
struct Times {
    runs: Vec<Phases>,
}

/// (wall clock, this thread's CPU time) in seconds.
type Secs = (f64, f64);

#[derive(Clone, Copy, Default)]
struct Phases {
    track: Secs,
    fold: Secs,
    svg: Secs,
    folded: Secs,
    pprof: Secs,
    parse: Secs,
}

impl Times {
    /// The best run's time of `what`, wall and CPU: on a shared machine the minimum is the
    /// least noisy, and CPU time does not count waiting for a core.
    fn report(&self, what: &str, phase: impl Fn(&Phases) -> Secs) {
        let best = |pick: fn(Secs) -> f64| {
            self.runs
                .iter()
                .map(|p| pick(phase(p)))
                .fold(f64::INFINITY, f64::min)
        };
        let (wall, cpu) = (best(|t| t.0), best(|t| t.1));
        println!("{:>9.1} ms {:>9.1} ms  {what}", wall * 1e3, cpu * 1e3);
    }
}

fn sum(phases: &[Secs]) -> Secs {
    phases
        .iter()
        .fold((0.0, 0.0), |acc, t| (acc.0 + t.0, acc.1 + t.1))
}

/// Starts timing a phase; `stop` gives its wall and CPU seconds.
struct Clock {
    wall: Instant,
    cpu: f64,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: thread_cpu(),
        }
    }

    fn stop(&self) -> Secs {
        (self.wall.elapsed().as_secs_f64(), thread_cpu() - self.cpu)
    }
}

fn thread_cpu() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec, which `ts` is.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 / 1e9
}

/// One full pass from a fresh symbolizer (no memo carried over); returns the folded text and
/// the sizes of the SVG and pprof outputs.
fn one_run(
    pid: u32,
    entries: &[RawEntry],
    spec: &MapSpec,
    n_stacks: usize,
    times: &mut Times,
) -> (String, usize, usize) {
    let mut t = Phases::default();
    let clock = Clock::start();
    let mut sym = Symbolizer::new();
    sym.track(pid).expect("track ourselves");
    t.track = clock.stop();

    let clock = Clock::start();
    let profile = fold::fold(entries, spec, &mut sym).expect("additive map");
    t.fold = clock.stop();
    // Distinct addresses, distinct functions; yet two copies of a generic function can share a
    // demangled name, and then two stacks their text.
    assert!(
        profile.stacks.len() >= n_stacks * 99 / 100,
        "{} stacks after folding",
        profile.stacks.len()
    );
    assert_eq!(
        sym.stats().unresolved,
        0,
        "every address is a function of ours"
    );

    let clock = Clock::start();
    let svg = svg::render(&profile, &svg::SvgConfig::new("bench")).expect("svg");
    t.svg = clock.stop();

    let clock = Clock::start();
    let text = folded::write(&profile);
    t.folded = clock.stop();

    let clock = Clock::start();
    let pb = pprof::render(&profile, &pprof::PprofConfig::default()).expect("pprof");
    t.pprof = clock.stop();

    let clock = Clock::start();
    let parsed = folded::parse(&text).expect("our own folded text");
    t.parse = clock.stop();
    assert_eq!(parsed.stacks.len(), profile.stacks.len());
    times.runs.push(t);
    (text, svg.len(), pb.len())
}

/// Up to [`POOL`] function entry addresses in this process's executable, from its ELF symbol
/// table, each plus 1 so that it is inside the function after the symbolizer steps back from
/// the "return address". Deterministic: the symbols sorted by address, every k-th one taken.
fn function_addresses(pid: u32) -> Vec<u64> {
    let exe = std::fs::read_link("/proc/self/exe").expect("our own path");
    let maps = std::fs::read_to_string("/proc/self/maps").expect("our own maps");
    let mappings: Vec<_> = parse_maps(pid, &maps, true)
        .into_iter()
        .filter(|m| m.open_path == exe)
        .collect();
    let inspector = blazesym::inspect::Inspector::new();
    let mut elf = blazesym::inspect::source::Elf::new(&exe);
    elf.debug_syms = false;
    let src = blazesym::inspect::source::Source::Elf(elf);
    let mut offsets: Vec<u64> = Vec::new();
    inspector
        .for_each(&src, |sym| {
            if sym.sym_type == blazesym::SymType::Function && sym.size.unwrap_or(0) >= 16 {
                offsets.extend(sym.file_offset);
            }
            std::ops::ControlFlow::Continue(())
        })
        .expect("read our own symbols");
    offsets.sort_unstable();
    offsets.dedup();
    let step = (offsets.len() / POOL).max(1);
    let addrs: Vec<u64> = offsets
        .iter()
        .step_by(step)
        .filter_map(|off| {
            let m = mappings
                .iter()
                .find(|m| m.offset <= *off && *off < m.offset + (m.end - m.start))?;
            Some(m.start + (off - m.offset) + 2)
        })
        .take(POOL)
        .collect();
    assert!(addrs.len() > 1000, "only {} functions found", addrs.len());
    addrs
}

/// `n` distinct stacks (leaf first, as the kernel gives them) in process `pid`.
fn workload(pid: u32, pool: &[u64], n: usize) -> Vec<RawEntry> {
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        // xorshift64*: seeded, so every run benchmarks the same stacks.
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        rng.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut seen = HashSet::new();
    let mut res = Vec::with_capacity(n);
    while res.len() < n {
        let depth = 10 + (next() % 31) as usize;
        let mut path = 0u64;
        let mut ips = Vec::with_capacity(depth);
        for _ in 0..depth {
            // A frame depends only on the path above it, so stacks share prefixes.
            path = path
                .wrapping_mul(0x100_0000_01B3)
                .wrapping_add(1 + next() % FANOUT);
            ips.push(pool[(mix(path) % pool.len() as u64) as usize]);
        }
        if !seen.insert(ips.clone()) {
            continue;
        }
        ips.reverse();
        res.push(RawEntry {
            parts: vec![RawPart::UserStack {
                tgid: pid,
                ips,
                truncated: false,
            }],
            value: RawValue::Count(1 + next() % 20),
        });
    }
    res
}

/// splitmix64's finalizer: spreads a path hash over the pool.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn vm_hwm() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .map_or_else(|| "unknown".into(), |v| v.trim().to_string())
}
