tracepoint:sched:sched_process_exec < @[comm] = count() >
fs_0_tracepoint (tracepoint/sched/sched_process_exec):
   0: r6 = r1
;; tracepoint:sched:sched_process_exec < @[comm] = count() >
   1: *(u32 *)(r10 -8) = 0
   2: r6 = map[fs_losses] ll
   4: r7 = r10
   5: r7 += -8
   6: r1 = r6
   7: r2 = r7
   8: call bpf_map_lookup_elem#1
   9: r8 = r0
  10: if r8 == 0x0 goto pc+3
  11: r7 = *(u64 *)(r8 +0)
  12: r7 += 1
  13: *(u64 *)(r8 +0) = r7
  14: *(u32 *)(r10 -16) = 0
  15: r7 = map[fs_losses] ll
  17: r8 = r10
  18: r8 += -16
  19: r1 = r7
  20: r2 = r8
  21: call bpf_map_lookup_elem#1
  22: r6 = r0
  23: if r6 == 0x0 goto pc+3
  24: r8 = *(u64 *)(r6 +8)
  25: r8 += 1
  26: *(u64 *)(r6 +8) = r8
;; @[comm] = count()
  27: r0 = 1
  28: *(u64 *)(r10 -56) = r0
  29: *(u64 *)(r10 -32) = 0
  30: *(u64 *)(r10 -24) = 0
  31: r6 = r10
  32: r6 += -32
  33: r7 = 16
  34: r1 = r6
  35: r2 = r7
  36: call bpf_get_current_comm#16
  37: r7 = map[fs_0] ll
  39: r6 = r10
  40: r6 += -32
  41: r1 = r7
  42: r2 = r6
  43: call bpf_map_lookup_elem#1
  44: r9 = r0
  45: if r9 == 0x0 goto pc+5
  46: r6 = *(u64 *)(r9 +0)
  47: r1 = *(u64 *)(r10 -56)
  48: r6 += r1
  49: *(u64 *)(r9 +0) = r6
  50: goto pc+54
  51: r2 = *(u64 *)(r10 -56)
  52: *(u64 *)(r10 -40) = r2
  53: r6 = map[fs_0] ll
  55: r9 = r10
  56: r9 += -32
  57: r7 = r10
  58: r7 += -40
  59: r8 = 1
  60: r1 = r6
  61: r2 = r9
  62: r3 = r7
  63: r4 = r8
  64: call bpf_map_update_elem#2
  65: *(u64 *)(r10 -64) = r0
  66: r1 = *(u64 *)(r10 -64)
  67: if r1 == 0x0 goto pc+37
  68: r0 <<= 32
  69: *(u64 *)(r10 -64) = r0
  70: r0 s>>= 32
  71: *(u64 *)(r10 -64) = r0
  72: r1 = *(u64 *)(r10 -64)
  73: if r1 != 0xffffffef goto pc+14
  74: r7 = map[fs_0] ll
  76: r9 = r10
  77: r9 += -32
  78: r1 = r7
  79: r2 = r9
  80: call bpf_map_lookup_elem#1
  81: r6 = r0
  82: if r6 == 0x0 goto pc+5
  83: r9 = *(u64 *)(r6 +0)
  84: r1 = *(u64 *)(r10 -56)
  85: r9 += r1
  86: *(u64 *)(r6 +0) = r9
  87: goto pc+17
  88: *(u32 *)(r10 -48) = 0
  89: r9 = map[fs_losses] ll
  91: r6 = r10
  92: r6 += -48
  93: r1 = r9
  94: r2 = r6
  95: call bpf_map_lookup_elem#1
  96: r7 = r0
  97: if r7 == 0x0 goto pc+7
  98: r6 = *(u64 *)(r7 +16)
  99: r6 += 1
 100: *(u64 *)(r7 +16) = r6
 101: r6 = *(u64 *)(r7 +88)
 102: r1 = *(u64 *)(r10 -56)
 103: r6 += r1
 104: *(u64 *)(r7 +88) = r6
 105: r0 = 0
 106: exit

