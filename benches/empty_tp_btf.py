#!/usr/bin/env python3
"""The floor of a `tp_btf` hook: an empty BPF program (`r0 = 0; exit`) attached to a BTF-typed
raw tracepoint, loaded with bare bpf(2) calls so nothing but the hook itself is measured.
Prints "Attached" when it is live and stays attached until SIGINT/SIGTERM.
Run as root: `python3 benches/empty_tp_btf.py [TRACEPOINT...]` (default: sched_switch; give
`sched_switch sched_exit_tp` for the two hooks of offcpu's switch-in design).
offcpu_cost.py runs it beside flamescript, bpftrace and libbpf-tools in one pass."""
import ctypes, os, signal, struct, sys, time

SYS_BPF = 321  # x86-64
BPF_PROG_LOAD, BPF_RAW_TRACEPOINT_OPEN = 5, 17
BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP = 26, 23
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long


def bpf(cmd, attr):
    buf = ctypes.create_string_buffer(attr, len(attr))
    fd = libc.syscall(SYS_BPF, cmd, buf, len(attr))
    if fd < 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))
    return fd


def btf_typedef_id(name):
    """The id of `typedef NAME` in the kernel's BTF (a one-pass walk of the type section)."""
    d = open("/sys/kernel/btf/vmlinux", "rb").read()
    _, _, _, hdr, toff, tlen, soff, _ = struct.unpack_from("<HBBIIIII", d, 0)
    ts, ss, want, at, tid = hdr + toff, hdr + soff, name.encode(), 0, 0
    extra = {1: 4, 14: 4, 17: 4, 3: 12, 4: 12, 5: 12, 15: 12, 19: 12, 6: 8, 13: 8}
    while at + 12 <= tlen:
        tid += 1
        name_off, info, _ = struct.unpack_from("<III", d, ts + at)
        kind, vlen = (info >> 24) & 0x1F, info & 0xFFFF
        if kind == 8 and d[ss + name_off:d.index(b"\0", ss + name_off)] == want:
            return tid
        per = extra.get(kind, 0)
        at += 12 + (per if kind in (1, 14, 17, 3) else per * vlen)
    raise SystemExit(f"no BTF typedef {name}")


def attach(tp):
    insns = struct.pack("<BBhi", 0xB7, 0, 0, 0) + struct.pack("<BBhi", 0x95, 0, 0, 0)
    code = ctypes.create_string_buffer(insns, len(insns))
    lic = ctypes.create_string_buffer(b"GPL")
    attr = bytearray(128)
    struct.pack_into("<IIQQ", attr, 0, BPF_PROG_TYPE_TRACING, 2, ctypes.addressof(code), ctypes.addressof(lic))
    attr[48:48 + 12] = b"empty_tp_btf"[:15].ljust(12, b"\0")      # prog_name
    struct.pack_into("<I", attr, 68, BPF_TRACE_RAW_TP)             # expected_attach_type
    struct.pack_into("<I", attr, 108, btf_typedef_id("btf_trace_" + tp))  # attach_btf_id
    prog = bpf(BPF_PROG_LOAD, bytes(attr))
    link = bytearray(16)
    struct.pack_into("<QI", link, 0, 0, prog)                      # name NULL: tp_btf
    return prog, bpf(BPF_RAW_TRACEPOINT_OPEN, bytes(link))


if __name__ == "__main__":
    held = [attach(tp) for tp in (sys.argv[1:] or ["sched_switch"])]
    print("Attached", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
