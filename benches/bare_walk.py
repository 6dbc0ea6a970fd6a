#!/usr/bin/env python3
"""The floor of a stack-keyed one-liner: the kernel's stack walks alone (issue 18). A BPF program
that calls `bpf_get_stack` for the kernel and the user stack into a per-CPU buffer and does
nothing else: no hash, no key, no map update. Both flamescript (`bpf_get_stack`, then its own
hash and keys) and bpftrace (`bpf_get_stackid`: the same walk, then the kernel's jhash and a
bucket insert) pay this walk; what each adds to it is its own cost. Loaded with bare bpf(2)
and perf_event_open(2) calls so nothing else is measured.

    python3 benches/bare_walk.py profile999   # perf_event cpu-clock at 999 Hz on every CPU,
                                              # kernel + user stack (as `@[kstack, ustack]`)
    python3 benches/bare_walk.py pagefault    # tracepoint exceptions:page_fault_user, user
                                              # stack (as `pagefault user < @[ustack] … >`)

Prints "Attached" when live and stays attached until SIGINT/SIGTERM. Root. bench.py's cost
suite runs it beside flamescript and bpftrace (the "bare stack walk" rows)."""
import ctypes, os, signal, struct, sys, time

SYS_BPF, SYS_PERF_EVENT_OPEN = 321, 298  # x86-64
BPF_MAP_CREATE, BPF_PROG_LOAD = 0, 5
BPF_MAP_TYPE_PERCPU_ARRAY = 6
BPF_PROG_TYPE_TRACEPOINT, BPF_PROG_TYPE_PERF_EVENT = 5, 7
PERF_TYPE_SOFTWARE, PERF_TYPE_TRACEPOINT = 1, 2
PERF_COUNT_SW_CPU_CLOCK = 0
PERF_EVENT_IOC_ENABLE, PERF_EVENT_IOC_SET_BPF = 0x2400, 0x40042408
BPF_F_USER_STACK = 256
STACK_BYTES = 127 * 8
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


def check(fd, what):
    if fd < 0:
        e = ctypes.get_errno()
        raise SystemExit(f"{what}: {os.strerror(e)}")
    return fd


def bpf(cmd, attr):
    buf = ctypes.create_string_buffer(bytes(attr), len(attr))
    return check(libc.syscall(SYS_BPF, cmd, buf, len(attr)), f"bpf({cmd})")


def insn(code, dst=0, src=0, off=0, imm=0):
    return struct.pack("<BBhi", code, (src << 4) | dst, off, imm)


def program(map_fd, kernel):
    """r6 = ctx; buf = lookup(map, 0); get_stack(ctx, buf, 1016, 0) if kernel;
    get_stack(ctx, buf + 1016, 1016, BPF_F_USER_STACK); return 0."""
    p = insn(0xBF, 6, 1)                                   # r6 = r1
    p += insn(0x62, 10, 0, -4, 0)                          # *(u32 *)(r10 - 4) = 0
    p += insn(0x18, 1, 1, 0, map_fd) + insn(0, 0, 0, 0, 0)  # r1 = map (pseudo fd)
    p += insn(0xBF, 2, 10) + insn(0x07, 2, 0, 0, -4)       # r2 = r10 - 4
    p += insn(0x85, imm=1)                                 # call map_lookup_elem
    calls = []
    if kernel:
        calls.append((0, 0))
    calls.append((STACK_BYTES, BPF_F_USER_STACK))
    body = b""
    for off, flags in calls:
        body += insn(0xBF, 1, 6) + insn(0xBF, 2, 7)        # r1 = ctx; r2 = buf
        if off:
            body += insn(0x07, 2, 0, 0, off)               # r2 += off
        body += insn(0xB7, 3, 0, 0, STACK_BYTES)           # r3 = size
        body += insn(0xB7, 4, 0, 0, flags)                 # r4 = flags
        body += insn(0x85, imm=67)                         # call get_stack
    body = insn(0xBF, 7, 0) + body                         # r7 = r0
    p += insn(0x15, 0, 0, len(body) // 8, 0)               # if r0 == 0 goto out
    p += body
    p += insn(0xB7, 0, 0, 0, 0) + insn(0x95)               # out: r0 = 0; exit
    return p


def load(prog_type, code, name):
    buf = ctypes.create_string_buffer(code, len(code))
    lic = ctypes.create_string_buffer(b"GPL")
    log = ctypes.create_string_buffer(1 << 16)
    attr = bytearray(128)
    struct.pack_into("<IIQQIIQ", attr, 0, prog_type, len(code) // 8, ctypes.addressof(buf),
                     ctypes.addressof(lic), 1, len(log), ctypes.addressof(log))
    attr[48:48 + len(name)] = name
    fd = libc.syscall(SYS_BPF, BPF_PROG_LOAD, ctypes.create_string_buffer(bytes(attr), 128), 128)
    if fd < 0:
        raise SystemExit(f"load: {os.strerror(ctypes.get_errno())}\n{log.value.decode()}")
    return fd


def perf_open(type_, config, freq, cpu):
    attr = bytearray(128)
    # type, size, config, sample_freq/period, sample_type, read_format, flags (bit 10: freq)
    struct.pack_into("<IIQQQQQ", attr, 0, type_, 128, config, freq or 1, 0, 0,
                     (1 << 10) if freq else 0)
    buf = ctypes.create_string_buffer(bytes(attr), 128)
    return check(libc.syscall(SYS_PERF_EVENT_OPEN, buf, -1, cpu, -1, 8), "perf_event_open")


def main():
    case = sys.argv[1] if len(sys.argv) > 1 else "profile999"
    attr = bytearray(72)
    struct.pack_into("<IIII", attr, 0, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 2 * STACK_BYTES, 1)
    map_fd = bpf(BPF_MAP_CREATE, attr)
    ncpu = os.sysconf("SC_NPROCESSORS_ONLN")
    if case == "profile999":
        prog = load(BPF_PROG_TYPE_PERF_EVENT, program(map_fd, True), b"bare_walk")
        events = [perf_open(PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_CLOCK, 999, c) for c in range(ncpu)]
    elif case == "pagefault":
        prog = load(BPF_PROG_TYPE_TRACEPOINT, program(map_fd, False), b"bare_walk")
        with open("/sys/kernel/tracing/events/exceptions/page_fault_user/id") as f:
            tp = int(f.read())
        # A tracepoint's programs are the tracepoint's, whichever CPU's event holds them: one.
        events = [perf_open(PERF_TYPE_TRACEPOINT, tp, 0, 0)]
    else:
        raise SystemExit(f"unknown case {case}: profile999 or pagefault")
    for fd in events:
        check(libc.ioctl(fd, PERF_EVENT_IOC_SET_BPF, prog), "PERF_EVENT_IOC_SET_BPF")
        check(libc.ioctl(fd, PERF_EVENT_IOC_ENABLE, 0), "PERF_EVENT_IOC_ENABLE")
    print("Attached", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
