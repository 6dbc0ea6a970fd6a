tracepoint:sched:sched_process_exec < @[comm] = count() >
fs_0_tracepoint (tracepoint/sched/sched_process_exec):
   0: r3 = r1
;; tracepoint:sched:sched_process_exec < @[comm] = count() >
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
  15: r6 = 0
;; @[comm] = count()
  16: *(u64 *)(r10 -24) = 0
  17: *(u64 *)(r10 -16) = 0
  18: r1 = r10
  19: r1 += -24
  20: r2 = 16
  21: call bpf_get_current_comm#16
  22: r1 = map[fs_0] ll
  24: r2 = r10
  25: r2 += -24
  26: call bpf_map_lookup_elem#1
  27: r4 = r0
  28: if r4 == 0x0 goto pc+4
  29: r3 = *(u64 *)(r4 +0)
  30: r3 += 1
  31: *(u64 *)(r4 +0) = r3
  32: goto pc+52
  33: *(u64 *)(r10 -32) = 1
  34: r1 = map[fs_0] ll
  36: r2 = r10
  37: r2 += -24
  38: r3 = r10
  39: r3 += -32
  40: r4 = 1
  41: call bpf_map_update_elem#2
  42: r3 = r0
  43: if r3 == 0x0 goto pc+41
  44: r3 <<= 32
  45: r3 s>>= 32
  46: if r3 != 0xffffffef goto pc+11
  47: r1 = map[fs_0] ll
  49: r2 = r10
  50: r2 += -24
  51: call bpf_map_lookup_elem#1
  52: r3 = r0
  53: if r3 == 0x0 goto pc+4
  54: r4 = *(u64 *)(r3 +0)
  55: r4 += 1
  56: *(u64 *)(r3 +0) = r4
  57: goto pc+27
  58: *(u32 *)(r10 -40) = 0
  59: r1 = map[fs_losses] ll
  61: r2 = r10
  62: r2 += -40
  63: call bpf_map_lookup_elem#1
  64: r4 = r0
  65: if r4 == 0x0 goto pc+6
  66: r3 = *(u64 *)(r4 +16)
  67: r3 += 1
  68: *(u64 *)(r4 +16) = r3
  69: r3 = *(u64 *)(r4 +88)
  70: r3 += 1
  71: *(u64 *)(r4 +88) = r3
  72: if r6 != 0x0 goto pc+12
  73: *(u32 *)(r10 -48) = 0
  74: r1 = map[fs_losses] ll
  76: r2 = r10
  77: r2 += -48
  78: call bpf_map_lookup_elem#1
  79: r3 = r0
  80: if r3 == 0x0 goto pc+3
  81: r4 = *(u64 *)(r3 +120)
  82: r4 += 1
  83: *(u64 *)(r3 +120) = r4
  84: r6 = 1
  85: r0 = 0
  86: exit

