// A raw tracepoint: a tp_btf program on sched_switch, its first argument (`preempt`) read from
// the context's array of arguments.
rawtracepoint:sched_switch < @[comm, arg0] = count() >
fs_0_rawtracepo (tp_btf/sched_switch):
   0: r6 = r1
;; rawtracepoint:sched_switch < @[comm, arg0] = count() >
   1: *(u32 *)(r10 -8) = 0
   2: r1 = map[fs_losses] ll
   4: r2 = r10
   5: r2 += -8
   6: call bpf_map_lookup_elem#1
   7: r3 = r0
   8: if r3 == 0x0 goto pc+6
   9: r4 = *(u64 *)(r3 +0)
  10: r4 += 1
  11: *(u64 *)(r3 +0) = r4
  12: r4 = *(u64 *)(r3 +8)
  13: r4 += 1
  14: *(u64 *)(r3 +8) = r4
  15: r7 = 0
;; @[comm, arg0] = count()
  16: *(u64 *)(r10 -32) = 0
  17: *(u64 *)(r10 -24) = 0
  18: *(u64 *)(r10 -16) = 0
  19: r1 = r10
  20: r1 += -32
  21: r2 = 16
  22: call bpf_get_current_comm#16
  23: r4 = *(u64 *)(r6 +0)
  24: *(u64 *)(r10 -16) = r4
  25: r1 = map[fs_0] ll
  27: r2 = r10
  28: r2 += -32
  29: call bpf_map_lookup_elem#1
  30: r4 = r0
  31: if r4 == 0x0 goto pc+4
  32: r3 = *(u64 *)(r4 +0)
  33: r3 += 1
  34: *(u64 *)(r4 +0) = r3
  35: goto pc+52
  36: *(u64 *)(r10 -40) = 1
  37: r1 = map[fs_0] ll
  39: r2 = r10
  40: r2 += -32
  41: r3 = r10
  42: r3 += -40
  43: r4 = 1
  44: call bpf_map_update_elem#2
  45: r3 = r0
  46: if r3 == 0x0 goto pc+41
  47: r3 <<= 32
  48: r3 s>>= 32
  49: if r3 != 0xffffffef goto pc+11
  50: r1 = map[fs_0] ll
  52: r2 = r10
  53: r2 += -32
  54: call bpf_map_lookup_elem#1
  55: r3 = r0
  56: if r3 == 0x0 goto pc+4
  57: r4 = *(u64 *)(r3 +0)
  58: r4 += 1
  59: *(u64 *)(r3 +0) = r4
  60: goto pc+27
  61: *(u32 *)(r10 -48) = 0
  62: r1 = map[fs_losses] ll
  64: r2 = r10
  65: r2 += -48
  66: call bpf_map_lookup_elem#1
  67: r4 = r0
  68: if r4 == 0x0 goto pc+6
  69: r3 = *(u64 *)(r4 +16)
  70: r3 += 1
  71: *(u64 *)(r4 +16) = r3
  72: r3 = *(u64 *)(r4 +88)
  73: r3 += 1
  74: *(u64 *)(r4 +88) = r3
  75: if r7 != 0x0 goto pc+12
  76: *(u32 *)(r10 -56) = 0
  77: r1 = map[fs_losses] ll
  79: r2 = r10
  80: r2 += -56
  81: call bpf_map_lookup_elem#1
  82: r3 = r0
  83: if r3 == 0x0 goto pc+3
  84: r4 = *(u64 *)(r3 +120)
  85: r4 += 1
  86: *(u64 *)(r3 +120) = r4
  87: r7 = 1
  88: r0 = 0
  89: exit

