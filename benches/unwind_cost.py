#!/usr/bin/env python3
"""What each user-stack unwinder costs (issues 12 and 18; `auto` is the walk in the kernel from
unwind tables), side by side with `perf record --call-graph
dwarf`. Run as root from the repository root after `cargo build --release`:
`python3 benches/unwind_cost.py [RUNS]`.

1. Per sample: `profile hz 999 < @[ustack] = count() >` on the `nofp` workload (built
   -O2 -fomit-frame-pointer, pinned to CPU 1 for 3 s): the in-kernel run time per sample
   (bpf_stats) and the work the workload got done (rounds) against an untraced run, for
   `--unwind fp|auto|dwarf` and for `perf record -F 999 --call-graph dwarf` (8 KiB copied per
   sample, unwound after the run by `perf report`), plus whether the samples carry the whole
   chain main → chain_e.
2. Per off-CPU block: `offcpu < @[kstack, ustack] = sum(delta) >` (no `min`: every switch
   takes stacks) under `perf bench sched pipe` pinned to one CPU: throughput kept per mode.
Medians of RUNS alternating runs."""
import json, os, re, signal, statistics, subprocess, sys, tempfile, time

FS = os.environ.get("FLAMESCRIPT", "target/release/flamescript")
# What the unwind tables cost, from the loss report of the last `auto` run.
TABLES = {}
WORKLOAD = os.environ.get("NOFP", "target/tmp/workloads/nofp")


def progs():
    out = subprocess.run(["bpftool", "prog", "show", "--json"], capture_output=True, text=True).stdout
    return {p["id"]: p for p in json.loads(out)}


def rounds(err):
    m = re.search(r"rounds=(\d+)", err)
    return int(m.group(1)) if m else 0


def untraced():
    r = subprocess.run(["taskset", "-c", "1", WORKLOAD, "3"], capture_output=True, text=True)
    return rounds(r.stderr)


def flamescript_sample(mode):
    out = tempfile.mktemp(suffix=".folded")
    before = progs()
    r = subprocess.run([FS, "--unwind", mode, "-e", "profile hz 999 < @[ustack] = count() >",
                        "-c", f"taskset -c 1 {WORKLOAD} 3", "-o", out],
                       capture_output=True, text=True)
    # bpf_stats of our program: read from the kernel before it is unloaded is racy; use the
    # workload's rounds and the folded output instead, and the kernel stats via a second probe.
    total = full = 0
    for line in open(out):
        stack, n = line.rsplit(" ", 1)
        if "chain_e" in stack:
            total += int(n)
            if "main;chain_a;chain_b;chain_c;chain_d;chain_e" in stack:
                full += int(n)
    os.unlink(out)
    m = re.search(r"tables of [^;]*\)", r.stdout + r.stderr)
    if m:
        TABLES[mode] = m.group(0)
    return rounds(r.stderr), total, full


def perf_sample():
    d = tempfile.mkdtemp()
    data = os.path.join(d, "perf.data")
    t0 = time.time()
    r = subprocess.run(["perf", "record", "-q", "-F", "999", "--call-graph", "dwarf", "-o", data,
                        "--", "taskset", "-c", "1", WORKLOAD, "3"], capture_output=True, text=True)
    rec = time.time() - t0
    t0 = time.time()
    rep = subprocess.run(["perf", "script", "-i", data], capture_output=True, text=True).stdout
    post = time.time() - t0
    # perf script prints each sample's frames innermost first, one per line, blank-separated.
    total = full = 0
    for block in rep.split("\n\n"):
        if "chain_e" in block:
            total += 1
            names = [l.split()[1].split("+")[0] for l in block.splitlines()[1:] if l.strip()]
            chain = ["chain_e", "chain_d", "chain_c", "chain_b", "chain_a", "main"]
            if [n for n in names if n in chain] == chain:
                full += 1
    size = os.path.getsize(data)
    subprocess.run(["rm", "-rf", d])
    return rounds(r.stderr), total, full, size, post


def kernel_ns_per_sample(mode):
    """Run time per sample of our profile program, from bpf_stats, while nofp runs."""
    subprocess.run(["sysctl", "-qw", "kernel.bpf_stats_enabled=1"])
    w = subprocess.Popen(["taskset", "-c", "1", WORKLOAD, "4"], stderr=subprocess.DEVNULL)
    p = subprocess.Popen([FS, "--unwind", mode, "-e", "profile hz 999 < @[ustack] = count() >",
                          "-p", str(w.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, preexec_fn=os.setsid)
    while "Attached" not in (p.stderr.readline() or "Attached"):
        pass
    time.sleep(0.3)
    a = {i: v for i, v in progs().items() if v.get("name", "").startswith("fs_")}
    time.sleep(2)
    b = progs()
    ns = sum(b[i].get("run_time_ns", 0) - a[i].get("run_time_ns", 0) for i in a if i in b)
    cnt = sum(b[i].get("run_cnt", 0) - a[i].get("run_cnt", 0) for i in a if i in b)
    os.killpg(p.pid, signal.SIGINT)
    p.wait(30)
    w.wait()
    return ns / cnt if cnt else 0.0


def pipe_ops(cmd):
    p = None
    if cmd:
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                             preexec_fn=os.setsid)
        while "Attached" not in (p.stderr.readline() or "Attached"):
            pass
        time.sleep(0.3)
    out = subprocess.run(["taskset", "-c", "1", "perf", "bench", "sched", "pipe", "-l", "100000"],
                         capture_output=True, text=True).stdout
    if p:
        os.killpg(p.pid, signal.SIGINT)
        p.wait(30)
    return float(re.search(r"([\d.]+) ops/sec", out).group(1))


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    res = {k: [] for k in ["none", "fp", "auto", "dwarf", "perf"]}
    ns = {k: [] for k in ["fp", "auto", "dwarf"]}
    pipe = {k: [] for k in ["none", "fp", "auto", "dwarf"]}
    for _ in range(runs):
        res["none"].append((untraced(), 0, 0))
        for mode in ["fp", "auto", "dwarf"]:
            res[mode].append(flamescript_sample(mode))
            ns[mode].append(kernel_ns_per_sample(mode))
        res["perf"].append(perf_sample())
        pipe["none"].append(pipe_ops(None))
        for mode in ["fp", "auto", "dwarf"]:
            pipe[mode].append(pipe_ops([FS, "--unwind", mode, "-e",
                                        "offcpu < @[kstack, ustack] = sum(delta) >"]))
    base = statistics.median(r[0] for r in res["none"])
    print("per sample (profile hz 999 on nofp, 3 s on one CPU):")
    print(f"{'unwinder':22} {'work kept':>9} {'BPF ns/sample':>14} {'full chain':>11}")
    for k in ["fp", "auto", "dwarf", "perf"]:
        work = statistics.median(r[0] for r in res[k]) / base * 100
        total = statistics.median(r[1] for r in res[k])
        full = statistics.median(r[2] for r in res[k])
        kns = f"{statistics.median(ns[k]):.0f}" if k in ns else "—"
        name = "perf --call-graph dwarf" if k == "perf" else f"flamescript {k}"
        extra = ""
        if k == "perf":
            extra = (f"  perf.data {statistics.median(r[3] for r in res[k]) / 1e6:.1f} MB, "
                     f"perf script {statistics.median(r[4] for r in res[k]):.2f} s")
        print(f"{name:22} {work:8.1f}% {kns:>14} {full / max(total, 1) * 100:10.1f}%{extra}")
    for mode, text in TABLES.items():
        print(f"unwind tables ({mode}): {text}")
    pbase = statistics.median(pipe["none"])
    print("per off-CPU block (offcpu, no min, sched pipe on one CPU):")
    for k in ["fp", "auto", "dwarf"]:
        ops = statistics.median(pipe[k])
        # Each pipe round trip blocks twice; the extra time per block, in µs.
        per_block = (1 / ops - 1 / pbase) / 2 * 1e6
        print(f"flamescript {k:6} throughput kept {ops / pbase * 100:5.1f}%  ≈ {per_block:.1f} µs per block")


if __name__ == "__main__":
    main()
