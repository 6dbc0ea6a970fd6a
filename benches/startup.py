#!/usr/bin/env python3
"""Startup benchmark: launch → probes attached, and stop → exit, flamescript vs bpftrace.

What a user waits for on every run. Each tool runs the same one-liner; we time from exec to the
line that says the probes are live ("Attached …" for flamescript; for bpftrace a BEGIN probe's
"ready", since BEGIN runs once all probes are attached), then send SIGINT and time until the process
has exited (detach + results). Medians of N alternating runs, and the ratio bpftrace/flamescript.

Usage (root): python3 benches/startup.py [--runs 7] [--flamescript target/release/flamescript]
Installs nothing: `apt-get install bpftrace` first. Prints one table; not a test.
"""
import argparse, os, pty, select, shutil, signal, statistics, subprocess, sys, time

# bpftrace runs BEGIN once every probe is attached: its output marks "probes live" (its own
# "Attaching N probes..." line comes before the attach).
READY = 'BEGIN { printf("ready\\n"); } '

ONE_LINERS = [
    # (name, flamescript script, bpftrace script)
    ("profile", "profile hz 99 < @[kstack, ustack] = count() >",
     "profile:hz:99 { @[kstack, ustack] = count(); }"),
    ("tracepoint exec", "tracepoint:sched:sched_process_exec < @[comm] = count() >",
     "tracepoint:sched:sched_process_exec { @[comm] = count(); }"),
    ("bio bytes", "bio < @[kstack] = sum(bytes) >",
     "tracepoint:block:block_rq_issue { @[kstack] = sum(args->bytes); }"),
    ("pagefault user", "pagefault user < @[ustack] = count() >",
     "tracepoint:exceptions:page_fault_user { @[ustack] = count(); }"),
]


def time_run(argv, ready_marker, timeout=30.0):
    """Returns (launch→ready seconds, SIGINT→exit seconds).

    The tool writes to a pseudo-terminal: on a pipe, bpftrace block-buffers its "Attaching"
    line until exit, which would hide when it attached.
    """
    master, slave = pty.openpty()
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    ready, buf = None, b""
    while ready is None and time.perf_counter() - t0 < timeout:
        r, _, _ = select.select([master], [], [], 0.5)
        if not r:
            if p.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
        if ready_marker.encode() in buf:
            ready = time.perf_counter() - t0
    if ready is None:
        p.kill()
        p.wait()
        os.close(master)
        raise RuntimeError(f"{argv[0]} never reported attaching: {buf[-300:]!r}")
    time.sleep(0.2)
    t1 = time.perf_counter()
    p.send_signal(signal.SIGINT)
    while time.perf_counter() - t1 < timeout:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
        elif p.poll() is not None:
            break
    if p.poll() is None:
        p.kill()
    p.wait()
    os.close(master)
    return ready, time.perf_counter() - t1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--flamescript", default="target/release/flamescript")
    args = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("run as root: the probes load into the kernel")
    bpftrace = shutil.which("bpftrace")
    rows = []
    for name, fs_script, bt_script in ONE_LINERS:
        fs, bt = [], []
        for _ in range(args.runs):
            fs.append(time_run([args.flamescript, "-e", fs_script], "Attached"))
            if bpftrace:
                bt.append(time_run([bpftrace, "-e", READY + bt_script], "ready"))
        fs_ready = statistics.median(r for r, _ in fs)
        fs_exit = statistics.median(e for _, e in fs)
        if bt:
            bt_ready = statistics.median(r for r, _ in bt)
            bt_exit = statistics.median(e for _, e in bt)
        else:
            bt_ready = bt_exit = float("nan")
        rows.append((name, fs_ready, bt_ready, fs_exit, bt_exit))
    print(f"{'one-liner':<16} {'fs attach':>10} {'bt attach':>10} {'ratio':>7} {'fs exit':>9} {'bt exit':>9} {'ratio':>7}")
    for name, fr, br, fe, be in rows:
        print(f"{name:<16} {fr*1e3:>8.1f}ms {br*1e3:>8.1f}ms {br/fr:>6.1f}x {fe*1e3:>7.1f}ms {be*1e3:>7.1f}ms {be/fe:>6.1f}x")
    print(f"(medians of {args.runs} alternating runs; ratio = bpftrace / flamescript, higher is better for us)")


if __name__ == "__main__":
    main()
