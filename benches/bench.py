#!/usr/bin/env python3
"""flamescript side by side with bpftrace, BCC and libbpf-tools (issue #7): one command, one table.

    python3 benches/bench.py            # setup, then every suite; prints one table of ratios
    python3 benches/bench.py SUITE...   # only some: setup attach cost post
    options: --runs N (default 5) --markdown --flamescript PATH --alt PATH (a second build, as
             one more "peer", to measure a change side by side)

Suites (root; the probes load into the kernel):
  setup   apt-get install the peers (bpftrace, bpfcc-tools, libbpf-tools, linux-perf, bpftool;
          and GNU time, gcc);
          FlameGraph's perl scripts (git clone, else the stored mirror given by $FLAMEGRAPH_DIR);
          inferno's CLI (`cargo install inferno` into target/bench/inferno); `cargo build
          --release -j1`; the workloads (benches/load.c, tests/workloads/recurse.c) with gcc.
  attach  launch → probes attached, and SIGINT → exit, for the five one-liners; peak memory
          (max RSS from wait4) of each run. flamescript is "attached" at its `Attached` line,
          bpftrace at a BEGIN probe's output (BEGIN runs once every probe is attached); tools
          that print nothing when attached (BCC prints its banner *before* attaching) when the
          process holds as many perf-event / bpf-link descriptors as a first, untimed run of it
          ended with.
  cost    in-kernel ns per event (kernel.bpf_stats_enabled: run_time_ns / run_cnt of the tool's
          own programs, read from /proc/PID/fdinfo), the traced workload's throughput kept
          (traced / untraced, untraced runs alternating with traced ones), the tool's peak memory,
          and xlated instructions of its programs (bpftool prog show --json):
            offcpu min 1ms   under taskset -c 1 perf bench sched pipe -l 200000
            pagefault user   under `load faults` (a page-fault storm, one fault per write)
            profile hz 999   under `load spin` (a CPU burner)
          with, for pagefault and profile hz 999, the bare stack walks (benches/bare_walk.py:
          `bpf_get_stack` alone, no hash, no map update) as the floor every tool pays
            new stacks       `profile hz 4999 < @[ustack] = count() >` of `recurse 3 7 40`
                             (nearly every sample a stack never seen: the insert path;
                             bpftrace with BPFTRACE_MAP_KEYS_MAX=65536, as our maps are sized)
          and, only when named in --cases, pagefault-deep40 and pagefault-deep120: the fault
          storm 40 and 120 frames down a recursion (the frame-pointer walk's cost per frame)
          Workloads are pinned to CPU 1: unpinned sched-pipe runs are bimodal here (KERNEL.md).
          `--together`: every tool attached at once, ns per event compared on the same run
          (the host's drift between runs cancels out; no throughput column).
          python3 benches/bench.py cost --together --runs 7 --cases pagefault,profile999 \
              --flamescript WRAPPER   (WRAPPER runs flamescript with `--unwind fp`)
  post    symbolize + fold + render: 10 k and 100 k distinct synthetic stacks through
          `flamescript render`, FlameGraph's perl (stackcollapse-bpftrace.pl + flamegraph.pl)
          and inferno-flamegraph; and a real run: `profile hz 9999 < @[ustack] = count() >` of
          the recurse workload, flamescript's SIGINT → .svg written against bpftrace's SIGINT →
          exit followed by the perl pipeline on its output.

Every number is the median of --runs runs, the tools alternating within each round, and every
ratio compares numbers from the same invocation: "×" = how many times better flamescript is
(peer / flamescript for times, memory, ns and instructions; flamescript / peer for throughput
kept). flamescript exiting 2 (a probe it cannot compile yet) is reported as "not supported".
Not a test: it asserts nothing. Noisy while others compile: check `uptime` first.
"""
import argparse
import shlex
import json
import os
import pty
import random
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench")
LOAD = os.path.join(WORK, "load")
RECURSE = os.path.join(WORK, "recurse")
INFERNO = os.path.join(WORK, "inferno", "bin", "inferno-flamegraph")
FLAMEGRAPH_DIRS = [os.environ.get("FLAMEGRAPH_DIR", ""), os.path.join(WORK, "FlameGraph"),
                   "/work/.mirror/brendangregg+FlameGraph/repo"]

# bpftrace runs BEGIN once every probe is attached: its output marks "probes live" (its own
# "Attaching N probes..." line comes before the attach).
READY = 'BEGIN { printf("ready\\n"); } '
# The bpftrace equivalents. offcpu: bpftrace can take a stack only in the running task, so at
# sched_switch it records `prev`'s stacks for `next`'s block ("in the wrong task", as KERNEL.md
# measured it): cheaper than a right answer, so a conservative baseline.
BT = {
    "profile": "profile:hz:99 { @[kstack, ustack] = count(); }",
    "offcpu": "tracepoint:sched:sched_switch { @ts[args->prev_pid] = nsecs; "
              "$s = @ts[args->next_pid]; if ($s > 0) { delete(@ts[args->next_pid]); "
              "$d = nsecs - $s; if ($d >= 1000000) { @[kstack, ustack] = sum($d); } } }",
    "bio": "tracepoint:block:block_rq_issue { @[kstack] = sum(args->bytes); }",
    "pagefault": "tracepoint:exceptions:page_fault_user { @[ustack] = count(); }",
    "pagefault-deep40": "tracepoint:exceptions:page_fault_user { @[ustack] = count(); }",
    "pagefault-deep120": "tracepoint:exceptions:page_fault_user { @[ustack] = count(); }",
    "futex": "tracepoint:syscalls:sys_enter_futex { @ts[tid] = nsecs; } "
             "tracepoint:syscalls:sys_exit_futex /@ts[tid]/ { @[ustack] = sum(nsecs - @ts[tid]); "
             "delete(@ts[tid]); }",
    "profile999": "profile:hz:999 { @[kstack, ustack] = count(); }",
}
FS = {
    "profile": "profile hz 99 < @[kstack, ustack] = count() >",
    "offcpu": "offcpu min 1ms < @[kstack, ustack] = sum(delta) >",
    "bio": "bio < @[kstack] = sum(bytes) >",
    "pagefault": "pagefault user < @[ustack] = count() >",
    "pagefault-deep40": "pagefault user < @[ustack] = count() >",
    "pagefault-deep120": "pagefault user < @[ustack] = count() >",
    "futex": "futex < @[ustack] = sum(delta) >",
    "profile999": "profile hz 999 < @[kstack, ustack] = count() >",
}
# Peers other than bpftrace: (label, argv). libbpf-tools 0.26 in Debian 12 ships `offcputime`
# but no `profile`; BCC's offcputime needs a kprobe on finish_task_switch (no kprobes here); no
# packaged tool sums bytes per stack for bio or times futex waits, so the nearest are
# stackcount's counts of the same tracepoint.
PEERS = {
    "profile": [("BCC profile-bpfcc", ["profile-bpfcc", "-F", "99"])],
    "offcpu": [("libbpf-tools offcputime", ["offcputime", "-m", "1000"]),
               ("BCC offcputime-bpfcc", ["offcputime-bpfcc", "-m", "1000"])],
    "bio": [("BCC stackcount-bpfcc (counts)", ["stackcount-bpfcc", "-K", "t:block:block_rq_issue"])],
    "pagefault": [("BCC stackcount-bpfcc", ["stackcount-bpfcc", "-U", "t:exceptions:page_fault_user"])],
    "futex": [],
    "pagefault-deep40": [],
    "pagefault-deep120": [],
    "profile999": [("BCC profile-bpfcc", ["profile-bpfcc", "-F", "999"])],
}
WORKLOADS = {
    # case: (argv, regex of the rate in its output, unit)
    "offcpu": (["taskset", "-c", "1", "perf", "bench", "sched", "pipe", "-l", "200000"],
               r"([\d.]+) ops/sec", "sched-pipe ops/s"),
    "pagefault": (["taskset", "-c", "1", LOAD, "faults", "2"], r"RATE ([\d.]+)", "faults/s"),
    # The same faults from 40 and 120 frames down: the walk's cost per frame.
    "pagefault-deep40": (["taskset", "-c", "1", LOAD, "faults", "2", "40"], r"RATE ([\d.]+)",
                         "faults/s"),
    "pagefault-deep120": (["taskset", "-c", "1", LOAD, "faults", "2", "120"], r"RATE ([\d.]+)",
                          "faults/s"),
    "profile999": (["taskset", "-c", "1", LOAD, "spin", "2"], r"RATE ([\d.]+)", "M iterations/s"),
}

NOT_SUPPORTED = "not supported"


class Unsupported(Exception):
    """flamescript exited 2 before attaching: the script does not compile yet."""


class Failed(Exception):
    """A tool exited or stalled before attaching; the message is its last words."""


def sh(argv, **kw):
    print("+", " ".join(argv), file=sys.stderr)
    return subprocess.run(argv, **kw)


# ---------------------------------------------------------------------------------------- setup

def flamegraph_dir():
    for d in FLAMEGRAPH_DIRS:
        if d and os.path.exists(os.path.join(d, "flamegraph.pl")):
            return d
    return None


def setup(args):
    if shutil.which("apt-get"):
        # `time` is GNU time, for the post-processing pipelines' peak memory.
        sh(["apt-get", "install", "-y", "bpftrace", "bpfcc-tools", "libbpf-tools", "linux-perf",
            "bpftool", "time", "gcc"], check=False, stdout=subprocess.DEVNULL)
    os.makedirs(WORK, exist_ok=True)
    if not flamegraph_dir():
        dest = os.path.join(WORK, "FlameGraph")
        git = sh(["git", "clone", "--depth", "1", "https://github.com/brendangregg/FlameGraph", dest],
                 check=False)
        mirror = "/work/.mirror/brendangregg+FlameGraph/repo"
        if git.returncode != 0 and os.path.isdir(mirror):
            # No network: a bare mirror of the same repository, checked out from git objects.
            os.makedirs(dest, exist_ok=True)
            for f in ("flamegraph.pl", "stackcollapse-bpftrace.pl"):
                with open(os.path.join(dest, f), "wb") as out:
                    subprocess.run(["git", "-C", mirror, "show", f"HEAD:{f}"], stdout=out, check=True)
    if not os.path.exists(INFERNO):
        # inferno 0.12 builds with rustc 1.95; --root keeps it out of ~/.cargo.
        sh(["cargo", "install", "inferno", "-j1", "--root", os.path.join(WORK, "inferno")], check=False)
    sh(["cargo", "build", "--release", "-j1"], cwd=ROOT, check=True)
    cflags = ["-O1", "-g", "-fno-omit-frame-pointer", "-mno-omit-leaf-frame-pointer", "-pthread"]
    sh(["gcc", *cflags, "-o", LOAD, os.path.join(ROOT, "benches", "load.c")], check=True)
    sh(["gcc", *cflags, "-I", os.path.join(ROOT, "tests", "workloads"), "-o", RECURSE,
        os.path.join(ROOT, "tests", "workloads", "recurse.c")], check=True)


# ------------------------------------------------------------------------------- running a tool

ATTACH_FDS = ("anon_inode:[perf_event]", "anon_inode:bpf_link")


def fds(pid):
    res = {}
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return res
    for n in names:
        try:
            res[n] = os.readlink(f"/proc/{pid}/fd/{n}")
        except OSError:
            pass
    return res


def attach_fd_count(pid):
    return sum(1 for l in fds(pid).values() if l in ATTACH_FDS)


def prog_stats(pid):
    """{prog_id: (run_time_ns, run_cnt)} of the BPF programs the process holds."""
    res = {}
    for n, link in fds(pid).items():
        if link != "anon_inode:bpf-prog":
            continue
        info = {}
        try:
            with open(f"/proc/{pid}/fdinfo/{n}") as f:
                for line in f:
                    k, _, v = line.partition(":")
                    info[k.strip()] = v.strip()
        except OSError:
            continue
        if "prog_id" in info:
            res[int(info["prog_id"])] = (int(info.get("run_time_ns", 0)), int(info.get("run_cnt", 0)))
    return res


def last_words(out):
    """The line of a tool's output that says why it gave up, shortened."""
    text = out.decode(errors="replace")
    if "/lib/modules/" in text and "No such file" in text:
        return "no kernel headers for this kernel (BCC compiles C at startup)"
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    why = [l for l in lines if "rror" in l or "ailed" in l] or lines or ["(no output)"]
    return why[0][:90]


class Run:
    """One tool process on a pseudo-terminal (on a pipe, bpftrace block-buffers its output)."""

    def __init__(self, argv, ready, want_fds=None, timeout=60.0):
        self.argv, self.out = argv, b""
        master, slave = pty.openpty()
        self.t0 = time.perf_counter()
        self.p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
                                  close_fds=True)
        os.close(slave)
        self.master = master
        self.status = self.rusage = None
        self.hwm = 0  # VmHWM in KiB, the last value read while the process lived
        self.attach = None
        while time.perf_counter() - self.t0 < timeout:
            self._drain(0.0005 if ready is None else 0.2)
            if ready is not None and ready.encode() in self.out:
                self.attach = time.perf_counter() - self.t0
                break
            if ready is None and want_fds is not None and attach_fd_count(self.p.pid) >= want_fds:
                self.attach = time.perf_counter() - self.t0
                break
            if not self.alive():
                self._drain(0.05)
                break
        if self.attach is None and not (ready is None and want_fds is None):
            code = self.finish(kill=True)[0]
            if code == 2 and os.path.basename(argv[0]).startswith("flamescript"):
                raise Unsupported(last_words(self.out))
            raise Failed(f"exit {code}: {last_words(self.out)}")

    def _sample(self):
        """Reads the process's peak RSS. Not wait4's ru_maxrss: exec records the RSS of the
        image it replaces, so a child's ru_maxrss is at least this Python process's RSS.
        VmHWM only grows, so the last read before exit misses at most the final poll interval."""
        try:
            with open(f"/proc/{self.p.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        self.hwm = max(self.hwm, int(line.split()[1]))
                        break
        except (OSError, ValueError):
            pass

    def alive(self):
        """Reaps the process with wait4 (Popen.poll would lose its rusage)."""
        if self.status is None:
            pid, status, rusage = os.wait4(self.p.pid, os.WNOHANG)
            if pid:
                self.status, self.rusage = status, rusage
        return self.status is None

    def _drain(self, wait):
        self._sample()
        r, _, _ = select.select([self.master], [], [], wait)
        if r:
            try:
                self.out += os.read(self.master, 1 << 16)
            except OSError:
                pass

    def finish(self, kill=False, timeout=60.0):
        """SIGINT (or SIGKILL), wait; (exit code, SIGINT → exit seconds, peak RSS in KiB)."""
        self._sample()
        t1 = time.perf_counter()
        if self.alive():
            self.p.send_signal(signal.SIGKILL if kill else signal.SIGINT)
        while time.perf_counter() - t1 < timeout:
            self._sample()
            if not self.alive():
                break
            self._drain(0.005)
        if self.alive():
            self.p.kill()
            _, self.status, self.rusage = os.wait4(self.p.pid, 0)
        elapsed = time.perf_counter() - t1
        for _ in range(20):
            r, _, _ = select.select([self.master], [], [], 0)
            if not r:
                break
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            self.out += chunk
        os.close(self.master)
        self.p.returncode = os.waitstatus_to_exitcode(self.status)
        return self.p.returncode, elapsed, self.hwm


class Tool:
    def __init__(self, label, argv, ready=None):
        self.label, self.argv, self.ready = label, argv, ready
        self.want_fds = None  # from a calibration run, for tools with no ready marker
        self.error = None
        self.killed = False  # its exit after SIGINT outlasted EXIT_TIMEOUT

    def available(self):
        return shutil.which(self.argv[0]) is not None or os.path.exists(self.argv[0])

    def start(self):
        if self.ready is None and self.want_fds is None:
            self.calibrate()
        return Run(self.argv, self.ready, self.want_fds)

    def calibrate(self):
        """An untimed run: how many attach descriptors the tool holds once settled."""
        r = Run(self.argv, None, None)
        deadline = time.perf_counter() + 8
        last, stable_since = -1, time.perf_counter()
        while time.perf_counter() < deadline and r.alive():
            r._drain(0.05)
            n = attach_fd_count(r.p.pid)
            if n != last:
                last, stable_since = n, time.perf_counter()
            elif n > 0 and time.perf_counter() - stable_since > 1.5:
                break
        alive = r.alive()
        code = r.finish()[0]
        if not alive or last <= 0:
            raise Failed(f"exit {code}: {last_words(r.out)}")
        self.want_fds = last


# The kernel's stack walks alone (benches/bare_walk.py): the floor under every stack-keyed tool.
BARE = os.path.join(ROOT, "benches", "bare_walk.py")
BARE_CASES = ["profile999", "pagefault"]


def tools_for(case, args, with_peers=True, bare=False):
    res = [Tool("flamescript", [args.flamescript, "-e", FS[case]], "Attached")]
    if args.alt:
        res.append(Tool("flamescript (alt)", [args.alt, "-e", FS[case]], "Attached"))
    if args.alt_args:
        extra = shlex.split(args.alt_args)
        res.append(Tool(f"flamescript {args.alt_args}", [args.flamescript, *extra, "-e", FS[case]],
                        "Attached"))
    res.append(Tool("bpftrace", ["bpftrace", "-e", READY + BT[case]], "ready"))
    if with_peers:
        res += [Tool(label, argv) for label, argv in PEERS[case]]
    if bare and case in BARE_CASES:
        res.append(Tool("bare stack walk (floor)", [sys.executable, BARE, case], "Attached"))
    elif bare and case.startswith("pagefault-deep"):
        res.append(Tool("bare stack walk (floor)", [sys.executable, BARE, "pagefault"],
                        "Attached"))
    return res


def med(xs):
    return statistics.median(xs) if xs else None


# ------------------------------------------------------------------------------ suite: attach

ATTACH_CASES = ["profile", "offcpu", "bio", "pagefault", "futex"]
# bpftrace 0.17 can take minutes to exit after SIGINT with a stack-keyed map (it symbolizes
# every frame); past this it is killed and reported as "≥ 30 s".
EXIT_TIMEOUT = 30.0


def exit_ms(exits):
    if not exits:
        return None
    m = med(exits)
    return f"≥ {EXIT_TIMEOUT:.0f} s (killed)" if m >= EXIT_TIMEOUT else m * 1e3


def suite_attach(args, rows):
    for case in ATTACH_CASES:
        tools = [t for t in tools_for(case, args) if t.available()]
        res = {t.label: ([], [], []) for t in tools}
        for _ in range(args.runs):
            for t in tools:
                if t.error:
                    continue
                try:
                    r = t.start()
                except (Unsupported, Failed) as e:
                    t.error = NOT_SUPPORTED if isinstance(e, Unsupported) else f"fails: {e}"
                    continue
                time.sleep(0.2)
                # Once a tool was killed at the timeout, later runs are cut short: its exit is
                # already known to be ≥ EXIT_TIMEOUT, and its attach time is what is left.
                _, ex, rss = r.finish(timeout=3.0 if t.killed else EXIT_TIMEOUT)
                if ex >= EXIT_TIMEOUT:
                    t.killed = True
                if t.killed:
                    ex = EXIT_TIMEOUT
                a, e, m = res[t.label]
                a.append(r.attach)
                e.append(ex)
                m.append(rss)
        for t in tools:
            a, e, m = res[t.label]
            rows.append(("attach", case, t.label, {
                "launch → attached (ms)": (med(a) * 1e3 if a else None, "lower"),
                "SIGINT → exit (ms)": (exit_ms(e), "lower"),
                "peak RSS (MiB)": (med(m) / 1024 if m else None, "lower"),
            }, t.error))


# -------------------------------------------------------------------------------- suite: cost

COST_CASES = ["offcpu", "pagefault", "profile999"]
# Run only when asked (`--cases`): the frame-pointer walk's cost per frame.
DEEP_CASES = ["pagefault-deep40", "pagefault-deep120"]


def run_workload(case):
    argv, pattern, _ = WORKLOADS[case]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return float(re.search(pattern, out).group(1))


def xlated_insns(prog_ids):
    """xlated instructions of the programs, leaving out bpftrace's BEGIN (our ready marker)."""
    try:
        progs = json.loads(subprocess.run(["bpftool", "prog", "show", "--json"], capture_output=True,
                                          text=True, check=True).stdout)
    except (OSError, subprocess.CalledProcessError, ValueError):
        return None
    n = 0
    for p in progs:
        if p.get("id") in prog_ids and not p.get("name", "").startswith("BEGIN"):
            n += p.get("bytes_xlated", p.get("xlated_prog_len", 0)) // 8
    return n or None


def cost_new_stacks(args, rows):
    """Per-event cost when nearly every sample is a new stack: map inserts, not updates.
    Maps sized so that none fills: ours by options, bpftrace's by BPFTRACE_MAP_KEYS_MAX (its
    map and its stack map; at its default, 4 096, the map fills within a second and every
    later sample's update fails cheaply: it kept 5 884 of ≈ 20 000 samples). bpftrace's stack
    map still drops the stacks whose hash bucket is taken (≈ 7 % of the samples here)."""
    res = {}
    for _ in range(args.runs):
        tools = [("flamescript", args.flamescript)] + ([("flamescript (alt)", args.alt)] if args.alt else [])
        for label, binary in tools + [("bpftrace", None)]:
            target = subprocess.Popen(["taskset", "-c", "1", RECURSE, "3", "7", "40"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if binary:
                argv = [binary, "-e", "profile hz 4999 < @[ustack] = count() >", "-p",
                        str(target.pid), "--stack-entries", "65536", "--map-entries", "65536",
                        "-o", os.path.join(WORK, "new_stacks.folded")]
                ready = "Attached"
            else:
                argv = ["env", "BPFTRACE_MAP_KEYS_MAX=65536", "bpftrace", "-e",
                        READY + f"profile:hz:4999 /pid == {target.pid}/ "
                        "{ @[ustack] = count(); }"]
                ready = "ready"
            try:
                r = Run(argv, ready)
            except (Unsupported, Failed):
                target.kill()
                target.wait()
                continue
            s0 = prog_stats(r.p.pid)
            target.wait()
            s1 = prog_stats(r.p.pid)
            r.finish(timeout=EXIT_TIMEOUT)
            dt = sum(s1[i][0] - s0.get(i, (0, 0))[0] for i in s1)
            dn = max((s1[i][1] - s0.get(i, (0, 0))[1] for i in s1), default=0)
            if dn > 0:
                res.setdefault(label, []).append(dt / dn)
    for label, ns in res.items():
        rows.append(("cost", "new stacks: profile hz 4999 ustack of recurse", label,
                     {"BPF ns per event": (med(ns), "lower")}, None))


def suite_cost(args, rows):
    with open("/proc/sys/kernel/bpf_stats_enabled") as f:
        stats_before = f.read().strip()
    with open("/proc/sys/kernel/bpf_stats_enabled", "w") as f:
        f.write("1")
    try:
        wanted = args.cases.split(",") if args.cases else COST_CASES + ["new-stacks"]
        known = COST_CASES + DEEP_CASES + ["new-stacks"]
        unknown = sorted(set(wanted) - set(known))
        if unknown:
            sys.exit(f"unknown --cases {unknown}; known: {known}")
        for case in [c for c in COST_CASES + DEEP_CASES if c in wanted]:
            if not os.path.exists(LOAD):
                sys.exit("run `bench.py setup` first: the workloads are not built")
            tools = [t for t in tools_for(case, args, bare=True) if t.available()]
            base, res = [], {t.label: ([], [], [], []) for t in tools}
            for round_ in range(args.runs):
                base.append(run_workload(case))
                if args.together:
                    cost_together(case, tools, res, round_)
                    continue
                for t in tools:
                    if t.error:
                        continue
                    try:
                        r = t.start()
                    except (Unsupported, Failed) as e:
                        t.error = NOT_SUPPORTED if isinstance(e, Unsupported) else f"fails: {e}"
                        continue
                    time.sleep(0.3)
                    s0 = prog_stats(r.p.pid)
                    rate = run_workload(case)
                    s1 = prog_stats(r.p.pid)
                    insns = xlated_insns(set(s1))
                    _, _, rss = r.finish()
                    dt = sum(s1[i][0] - s0.get(i, (0, 0))[0] for i in s1)
                    dn = max((s1[i][1] - s0.get(i, (0, 0))[1] for i in s1), default=0)
                    ns, kept, mem, ins = res[t.label]
                    if dn > 0:
                        ns.append(dt / dn)
                    kept.append(rate)
                    mem.append(rss)
                    if insns:
                        ins.append(insns)
            b = med(base)
            bare = res.get("bare stack walk (floor)", ([],))[0]
            floor = med(bare)
            for t in tools:
                ns, kept, mem, ins = res[t.label]
                metrics = {
                    "BPF ns per event": (med(ns), "lower"),
                    "throughput kept (%)": (med(kept) / b * 100 if kept else None, "higher"),
                    "peak RSS (MiB)": (med(mem) / 1024 if mem else None, "lower"),
                    "xlated insns": (med(ins), "lower"),
                }
                # What each tool adds to the walk every one of them pays (issue 18's measure).
                if floor and ns and not t.label.startswith("bare"):
                    metrics["BPF ns over the bare walk"] = (med(ns) - floor, "lower")
                rows.append(("cost", case, t.label, metrics, t.error))
            rows.append(("cost", case, "(untraced)", {WORKLOADS[case][2]: (b, "higher")}, None))
        if "new-stacks" in wanted:
            cost_new_stacks(args, rows)
    finally:
        with open("/proc/sys/kernel/bpf_stats_enabled", "w") as f:
            f.write(stats_before)


def cost_together(case, tools, res, round_):
    """One round of `cost --together`: every tool attached at once (started in turn, the order
    reversed every other round: a tracepoint runs its programs in attach order), one workload
    run, each tool's ns per event from its own programs. The tools see the same events (a
    tracepoint) or the same moments of the same workload (each tool's own timers): the host's
    drift between runs, which sequential runs of `profile hz 999` suffer (idle-CPU samples
    walk a deep kernel stack, ±20 % run to run), cancels out of the ratios. The workload's
    throughput is that of all of them at once, so "kept" is not reported."""
    live = [t for t in tools if not t.error]
    if round_ % 2:
        live.reverse()
    runs = []
    for t in live:
        try:
            runs.append((t, t.start()))
        except (Unsupported, Failed) as e:
            t.error = NOT_SUPPORTED if isinstance(e, Unsupported) else f"fails: {e}"
    time.sleep(0.3)
    before = {t.label: prog_stats(r.p.pid) for t, r in runs}
    run_workload(case)
    after = {t.label: prog_stats(r.p.pid) for t, r in runs}
    insns = {t.label: xlated_insns(set(after[t.label])) for t, _ in runs}
    for t, r in runs:
        _, _, rss = r.finish()
        s0, s1 = before[t.label], after[t.label]
        dt = sum(s1[i][0] - s0.get(i, (0, 0))[0] for i in s1)
        dn = max((s1[i][1] - s0.get(i, (0, 0))[1] for i in s1), default=0)
        ns, _, mem, ins = res[t.label]
        if dn > 0:
            ns.append(dt / dn)
        mem.append(rss)
        if insns[t.label]:
            ins.append(insns[t.label])
    # Each round's numbers as they come: the spread the medians hide.
    print(f"  {case} round {round_ + 1}: " + ", ".join(
        f"{label} {res[label][0][-1]:.0f} ns" for label in res if res[label][0]), file=sys.stderr)


# -------------------------------------------------------------------------------- suite: post

def synthetic(n, seed=7):
    """n distinct stacks (depth 8..30 over 3 000 names), as bpftrace text and as folded text."""
    rng = random.Random(seed)
    names = [f"func_{i:04d}_{rng.choice(['parse', 'eval', 'read', 'write', 'alloc', 'hash'])}"
             for i in range(3000)]
    seen, bt, folded = set(), [], []
    while len(seen) < n:
        depth = rng.randint(8, 30)
        stack = ["main"] + [rng.choice(names[: 50 * d + 50]) for d in range(depth)]
        key = tuple(stack)
        if key in seen:
            continue
        seen.add(key)
        count = rng.randint(1, 100)
        folded.append(";".join(stack) + f" {count}\n")
        bt.append("@[\n" + "".join(f"    {f}+{rng.randint(1, 400)}\n" for f in reversed(stack))
                  + f"]: {count}\n")
    return "".join(bt), "".join(folded)


def timed_shell(cmd):
    """(seconds, max RSS of the children in KiB) of a shell pipeline."""
    t0 = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "sh", "-c", cmd], stderr=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, text=True)
    _, err = p.communicate()
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        raise Failed(err.strip().splitlines()[-1] if err.strip() else f"exit {p.returncode}")
    return dt, int(err.strip().splitlines()[-1])


def suite_post(args, rows):
    fg = flamegraph_dir()
    inferno = INFERNO if os.path.exists(INFERNO) else shutil.which("inferno-flamegraph")
    fs = args.flamescript
    for n in (10_000, 100_000):
        bt_path = os.path.join(WORK, f"synthetic{n}.bt")
        folded_path = os.path.join(WORK, f"synthetic{n}.folded")
        bt, folded = synthetic(n)
        with open(bt_path, "w") as f:
            f.write(bt)
        with open(folded_path, "w") as f:
            f.write(folded)
        del bt, folded
        svg = os.path.join(WORK, "out.svg")
        pipelines = [("flamescript", f"{fs} render {folded_path} -o {svg}")]
        if fg:
            pipelines.append(("perl stackcollapse-bpftrace + flamegraph.pl",
                              f"perl {fg}/stackcollapse-bpftrace.pl {bt_path} | perl {fg}/flamegraph.pl > {svg}"))
            pipelines.append(("perl flamegraph.pl (folded in)", f"perl {fg}/flamegraph.pl {folded_path} > {svg}"))
        if inferno:
            pipelines.append(("inferno-flamegraph (folded in)", f"{inferno} {folded_path} > {svg}"))
            if fg:
                pipelines.append(("perl stackcollapse-bpftrace + inferno-flamegraph",
                                  f"perl {fg}/stackcollapse-bpftrace.pl {bt_path} | {inferno} > {svg}"))
        res = {label: ([], []) for label, _ in pipelines}
        errors = {}
        for _ in range(args.runs):
            for label, cmd in pipelines:
                if label in errors:
                    continue
                try:
                    dt, rss = timed_shell(cmd)
                except Failed as e:
                    errors[label] = f"fails: {e}"
                    continue
                res[label][0].append(dt)
                res[label][1].append(rss)
        for label, _ in pipelines:
            t, m = res[label]
            rows.append(("post", f"{n // 1000} k stacks → svg (flamescript render)", label, {
                "time (ms)": (med(t) * 1e3 if t else None, "lower"),
                "peak RSS (MiB)": (med(m) / 1024 if m else None, "lower"),
            }, errors.get(label)))
    post_real(args, rows, fg)


def post_real(args, rows, fg):
    """A real profile: tracing stops, then symbolize + fold + render, per tool."""
    if not os.path.exists(RECURSE):
        return
    target = subprocess.Popen(["taskset", "-c", "1", RECURSE, "600", "7", "40"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        svg = os.path.join(WORK, "real.svg")
        bt_out = os.path.join(WORK, "real.bt")
        fs_argv = [args.flamescript, "-e", "profile hz 9999 < @[ustack] = count() >",
                   "-p", str(target.pid), "-o", svg]
        bt_argv = ["bpftrace", "-e",
                   READY + f"profile:hz:9999 /pid == {target.pid}/ {{ @[ustack] = count(); }}"]
        fs_t, bt_t, fs_m, bt_m, bt_stacks = [], [], [], [], []
        for _ in range(args.runs):
            r = Run(fs_argv, "Attached")
            time.sleep(3)
            _, ex, rss = r.finish()
            fs_t.append(ex)
            fs_m.append(rss)
            r = Run(bt_argv, "ready")
            time.sleep(3)
            _, ex, rss = r.finish(timeout=300)
            text = r.out.decode(errors="replace").replace("\r\n", "\n")
            with open(bt_out, "w") as f:
                f.write(text)
            bt_stacks.append(text.count("]: "))
            extra = 0.0
            if fg:
                extra, prss = timed_shell(
                    f"perl {fg}/stackcollapse-bpftrace.pl {bt_out} | perl {fg}/flamegraph.pl > {svg}")
                rss = max(rss, prss)
            bt_t.append(ex + extra)
            bt_m.append(rss)
        case = (f"real: profile hz 9999 ustack of recurse, SIGINT → .svg written "
                f"(bpftrace printed {int(med(bt_stacks))} stacks)")
        rows.append(("post", case, "flamescript", {
            "time (ms)": (med(fs_t) * 1e3, "lower"), "peak RSS (MiB)": (med(fs_m) / 1024, "lower")}, None))
        rows.append(("post", case, "bpftrace exit + perl pipeline" if fg else "bpftrace exit", {
            "time (ms)": (med(bt_t) * 1e3, "lower"), "peak RSS (MiB)": (med(bt_m) / 1024, "lower")}, None))
    finally:
        target.kill()
        target.wait()


# ------------------------------------------------------------------------------------ the table

def fmt(v):
    if v is None:
        return "—"
    if isinstance(v, str):
        return v
    if v >= 100:
        return f"{v:,.0f}".replace(",", " ")
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def table(rows, markdown):
    """One line per (suite, case, peer, metric): flamescript's value, the peer's, and ×."""
    fs_rows = {(s, c): m for s, c, label, m, _ in rows if label == "flamescript"}
    fs_err = {(s, c): e for s, c, label, _, e in rows if label == "flamescript"}
    out = []
    for suite, case, label, metrics, err in rows:
        if label == "flamescript":
            if err:
                out.append((suite, case, label, "—", err, "", ""))
            continue
        for metric, (v, better) in metrics.items():
            mine = fs_rows.get((suite, case), {}).get(metric, (None, better))[0]
            if label.startswith("("):
                out.append((suite, case, label, metric, "", fmt(v), ""))
                continue
            ratio = ""
            if isinstance(v, str) and isinstance(mine, float):
                ratio = f"> {EXIT_TIMEOUT * 1e3 / mine:.0f}×"
            elif mine and v and not isinstance(mine, str) and not isinstance(v, str):
                ratio = f"{(v / mine if better == 'lower' else mine / v):.2f}×"
            peer = err if err else fmt(v)
            ours = fs_err.get((suite, case)) or fmt(mine)
            out.append((suite, case, label, metric, ours, peer, ratio))
            if err:
                break
    head = ("suite", "case", "peer", "metric", "flamescript", "peer value", "× better")
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in out:
            print("| " + " | ".join(r) + " |")
    else:
        w = [max(len(str(r[i])) for r in out + [head]) for i in range(len(head))]
        for r in [head] + out:
            print("  ".join(str(x).ljust(w[i]) for i, x in enumerate(r)))
    print(f"(medians of runs alternating within each round; × = how many times better flamescript "
          f"is; load average at the end: {os.getloadavg()[0]:.2f})")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suites", nargs="*", default=[],
                    help="setup attach cost post (default: all of them, setup first)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--flamescript", default=os.path.join(ROOT, "target", "release", "flamescript"))
    ap.add_argument("--alt", help="a second flamescript build, measured as one more column")
    ap.add_argument("--alt-args", help="the same flamescript with these options, as one more "
                    "column (e.g. '--unwind fp': the frame-pointer path beside the default)")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--together", action="store_true",
                    help="cost suite: attach every tool at once and compare their ns per event "
                         "on the same run (no throughput column)")
    ap.add_argument("--cases", help="cost suite: only these cases, comma-separated (of "
                    + ",".join(COST_CASES + DEEP_CASES) + ",new-stacks)")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root: the probes load into the kernel")
    suites = args.suites or ["setup", "attach", "cost", "post"]
    if "setup" in suites:
        setup(args)
    if not os.path.exists("/sys/kernel/tracing/events"):
        subprocess.run(["mount", "-t", "tracefs", "nodev", "/sys/kernel/tracing"], check=False)
    rows = []
    for name, fn in (("attach", suite_attach), ("cost", suite_cost), ("post", suite_post)):
        if name in suites:
            print(f"running {name} ({os.getloadavg()[0]:.2f} load)…", file=sys.stderr)
            fn(args, rows)
    if rows:
        table(rows, args.markdown)


if __name__ == "__main__":
    main()
