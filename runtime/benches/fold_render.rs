//! Post-processing micro-benchmarks on a synthetic profile of 10 000 distinct user stacks
//! (depth 8–30 over 3 000 function names, a fixed seed): fold (map entries → profile, through
//! a symbolizer that names each address without I/O), folded text write and parse, and the SVG.
//!
//! `cargo bench -p flamescript-runtime --bench fold_render`. The 100 k-stack case and the
//! comparison with FlameGraph's perl and inferno's CLI are in benches/bench.py (`post`).

use std::hint::black_box;

use compiler::artifact::{KeyKind, KeyPart, MapKind, MapSpec, ValueSpec};
use criterion::{Criterion, criterion_group, criterion_main};
use flamescript_runtime::fold::{self, Frame, FrameKind, RawEntry, RawPart, RawValue};
use flamescript_runtime::render::{folded, svg};
use flamescript_runtime::symbolize::Symbolize;

const STACKS: usize = 10_000;

/// Names address `ip` `func_<ip>`, as a symbolizer with everything cached would.
struct Names;

impl Symbolize for Names {
    fn kernel(&mut self, ips: &[u64]) -> Vec<Vec<Frame>> {
        ips.iter()
            .map(|ip| vec![Frame::new(format!("func_{ip}"), FrameKind::Kernel)])
            .collect()
    }
    fn user(&mut self, _tgid: u32, ips: &[u64]) -> Vec<Vec<Frame>> {
        ips.iter()
            .map(|ip| vec![Frame::new(format!("func_{ip}"), FrameKind::User)])
            .collect()
    }
}

/// xorshift64*, so the input is the same on every run without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(2_685_821_657_736_338_717) >> 32) % n
    }
}

fn entries() -> Vec<RawEntry> {
    let mut rng = Rng(7);
    let mut seen = std::collections::HashSet::new();
    let mut res = Vec::with_capacity(STACKS);
    while res.len() < STACKS {
        let depth = 8 + rng.below(23);
        // Leaf first, as the kernel gives them; shallow levels draw from fewer names, so
        // stacks share prefixes the way real ones do.
        let mut ips: Vec<u64> = (0..depth)
            .map(|d| 0x1000 + rng.below(50 * d + 50))
            .collect();
        ips.reverse();
        if !seen.insert(ips.clone()) {
            continue;
        }
        res.push(RawEntry {
            parts: vec![RawPart::UserStack {
                tgid: 1,
                ips,
                truncated: false,
            }],
            value: RawValue::Count(1 + rng.below(100)),
        });
    }
    res
}

fn spec() -> MapSpec {
    MapSpec {
        name: "fs_0".into(),
        display: "@".into(),
        kind: MapKind::Hash,
        key_size: 12,
        value_size: 8,
        max_entries: 65_536,
        task_work: false,
        no_prealloc: false,
        per_cpu: true,
        key: vec![KeyPart {
            offset: 0,
            size: 8,
            kind: KeyKind::UserStack {
                stack_map: "fs_stacks".into(),
                tgid_offset: 8,
            },
        }],
        value: ValueSpec::Count,
    }
}

fn post(c: &mut Criterion) {
    let entries = entries();
    let spec = spec();
    let profile = fold::fold(&entries, &spec, &mut Names).expect("a count map folds");
    let text = folded::write(&profile);
    let config = svg::SvgConfig::new("bench");
    let mut group = c.benchmark_group("10k_stacks");
    group.sample_size(10);
    group.bench_function("fold", |b| {
        b.iter(|| fold::fold(black_box(&entries), &spec, &mut Names))
    });
    group.bench_function("folded_write", |b| {
        b.iter(|| folded::write(black_box(&profile)))
    });
    group.bench_function("folded_parse", |b| {
        b.iter(|| folded::parse(black_box(&text)))
    });
    group.bench_function("svg", |b| {
        b.iter(|| svg::render(black_box(&profile), &config))
    });
    group.finish();
}

criterion_group!(benches, post);
criterion_main!(benches);
