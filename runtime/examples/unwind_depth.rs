//! Measures the unwinder on a live program (root): how deep stacks get for each size of stack
//! copy, against the kernel-style frame-pointer walk, and how long one unwind takes.
//!
//! `cargo run --release -p flamescript-runtime --example unwind_depth -- STOPS CMD [ARGS…]`
//! starts CMD, lets it run 300 ms, then stops it STOPS times (ptrace, 2–12 ms apart). Each stop
//! is unwound with copies of 512 B … 8 KiB cut from one 256 KiB copy, whose unwind is the
//! reference depth. Not a test: the numbers depend on the machine and the program.

#![allow(clippy::print_stdout, reason = "an example reports on stdout")]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flamescript_runtime::symbolize::parse_maps;
use flamescript_runtime::unwind::{Stop, Unwinder, Unwound, UserCopy};

#[path = "../src/unwind/capture.rs"]
mod capture;

const SIZES: [usize; 6] = [512, 1024, 2048, 4096, 8192, 256 * 1024];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(stops), Some(cmd)) = (
        args.first().and_then(|s| s.parse::<usize>().ok()),
        args.get(1),
    ) else {
        println!("usage: unwind_depth STOPS CMD [ARGS…]");
        std::process::exit(2);
    };
    let mut child = Command::new(cmd)
        .args(&args[2..])
        .stdout(Stdio::null())
        .spawn()
        .expect("starting the program");
    let pid = i32::try_from(child.id()).expect("pid");
    std::thread::sleep(Duration::from_millis(300));
    capture::seize(pid).expect("PTRACE_SEIZE");

    let mut unwinder = Unwinder::new();
    // Per size: total depth, and how many stacks ended for each reason.
    let mut depth = [0usize; SIZES.len()];
    let mut stops_by = vec![Vec::<Stop>::new(); SIZES.len()];
    let mut fp_depth = 0;
    let mut captured = Vec::new();
    let mut first = Duration::ZERO;
    for n in 0..stops {
        std::thread::sleep(Duration::from_millis(2 + (n as u64 * 7) % 11));
        capture::stop(pid).expect("stopping");
        let cap = capture::capture(pid, *SIZES.last().unwrap()).expect("capturing");
        capture::resume(pid).expect("resuming");
        let maps = parse_maps(pid as u32, &cap.maps, true);
        fp_depth += cap.fp.len();
        for (i, size) in SIZES.iter().enumerate() {
            let copy = UserCopy {
                ip: cap.ip,
                sp: cap.sp,
                bp: cap.bp,
                stack: cap.stack[..cap.stack.len().min(*size)].to_vec(),
            };
            let start = Instant::now();
            let res: Unwound = unwinder.unwind(pid as u32, &maps, &copy, &cap.fp);
            if n == 0 && i == 0 {
                // Opening and parsing the files, building the modules.
                first = start.elapsed();
            }
            depth[i] += res.ips.len();
            stops_by[i].push(res.stop);
            captured.push((maps.clone(), copy, cap.fp.clone(), *size));
        }
    }
    let _ = child.kill();
    let _ = child.wait();

    println!("{stops} stops of `{}`", args[1..].join(" "));
    println!("first unwind (files read, modules built): {first:?}");
    println!(
        "frame-pointer walk: {:.1} frames",
        fp_depth as f64 / stops as f64
    );
    for (i, size) in SIZES.iter().enumerate() {
        let mut reasons: Vec<(Stop, usize)> = Vec::new();
        for stop in &stops_by[i] {
            match reasons.iter_mut().find(|(s, _)| s == stop) {
                Some((_, n)) => *n += 1,
                None => reasons.push((*stop, 1)),
            }
        }
        println!(
            "copy {size:>6} B: {:>5.1} frames; stops {reasons:?}",
            depth[i] as f64 / stops as f64
        );
    }
    // Warm: every file parsed, framehop's rule cache filled as it would be in a long run.
    for size in SIZES {
        let runs: Vec<_> = captured.iter().filter(|c| c.3 == size).collect();
        let rounds = 50;
        let start = Instant::now();
        let mut frames = 0;
        for _ in 0..rounds {
            for (maps, copy, fp, _) in &runs {
                frames += unwinder.unwind(pid as u32, maps, copy, fp).ips.len();
            }
        }
        let per = start.elapsed() / (rounds * runs.len()) as u32;
        let per_frame = start.elapsed().as_nanos() as f64 / frames as f64;
        println!("copy {size:>6} B: {per:?} per unwind, {per_frame:.0} ns per frame");
    }
}
