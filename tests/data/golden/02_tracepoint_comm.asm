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
  10: if r8 == 0x0 goto pc+6
  11: r7 = *(u64 *)(r8 +0)
  12: r7 += 1
  13: *(u64 *)(r8 +0) = r7
  14: r7 = *(u64 *)(r8 +8)
  15: r7 += 1
  16: *(u64 *)(r8 +8) = r7
  17: r0 = 0
  18: *(u64 *)(r10 -56) = r0
;; @[comm] = count()
  19: r0 = 1
  20: *(u64 *)(r10 -64) = r0
  21: *(u64 *)(r10 -24) = 0
  22: *(u64 *)(r10 -16) = 0
  23: r6 = r10
  24: r6 += -24
  25: r9 = 16
  26: r1 = r6
  27: r2 = r9
  28: call bpf_get_current_comm#16
  29: r9 = map[fs_0] ll
  31: r6 = r10
  32: r6 += -24
  33: r1 = r9
  34: r2 = r6
  35: call bpf_map_lookup_elem#1
  36: r7 = r0
  37: if r7 == 0x0 goto pc+5
  38: r6 = *(u64 *)(r7 +0)
  39: r1 = *(u64 *)(r10 -64)
  40: r6 += r1
  41: *(u64 *)(r7 +0) = r6
  42: goto pc+71
  43: r2 = *(u64 *)(r10 -64)
  44: *(u64 *)(r10 -32) = r2
  45: r6 = map[fs_0] ll
  47: r7 = r10
  48: r7 += -24
  49: r9 = r10
  50: r9 += -32
  51: r8 = 1
  52: r1 = r6
  53: r2 = r7
  54: r3 = r9
  55: r4 = r8
  56: call bpf_map_update_elem#2
  57: *(u64 *)(r10 -72) = r0
  58: r1 = *(u64 *)(r10 -72)
  59: if r1 == 0x0 goto pc+54
  60: r0 <<= 32
  61: *(u64 *)(r10 -72) = r0
  62: r0 s>>= 32
  63: *(u64 *)(r10 -72) = r0
  64: r1 = *(u64 *)(r10 -72)
  65: if r1 != 0xffffffef goto pc+14
  66: r9 = map[fs_0] ll
  68: r7 = r10
  69: r7 += -24
  70: r1 = r9
  71: r2 = r7
  72: call bpf_map_lookup_elem#1
  73: r6 = r0
  74: if r6 == 0x0 goto pc+5
  75: r7 = *(u64 *)(r6 +0)
  76: r1 = *(u64 *)(r10 -64)
  77: r7 += r1
  78: *(u64 *)(r6 +0) = r7
  79: goto pc+34
  80: *(u32 *)(r10 -40) = 0
  81: r7 = map[fs_losses] ll
  83: r6 = r10
  84: r6 += -40
  85: r1 = r7
  86: r2 = r6
  87: call bpf_map_lookup_elem#1
  88: r9 = r0
  89: if r9 == 0x0 goto pc+7
  90: r6 = *(u64 *)(r9 +16)
  91: r6 += 1
  92: *(u64 *)(r9 +16) = r6
  93: r6 = *(u64 *)(r9 +88)
  94: r1 = *(u64 *)(r10 -64)
  95: r6 += r1
  96: *(u64 *)(r9 +88) = r6
  97: r1 = *(u64 *)(r10 -56)
  98: if r1 != 0x0 goto pc+15
  99: *(u32 *)(r10 -48) = 0
 100: r6 = map[fs_losses] ll
 102: r9 = r10
 103: r9 += -48
 104: r1 = r6
 105: r2 = r9
 106: call bpf_map_lookup_elem#1
 107: r7 = r0
 108: if r7 == 0x0 goto pc+3
 109: r9 = *(u64 *)(r7 +120)
 110: r9 += 1
 111: *(u64 *)(r7 +120) = r9
 112: r0 = 1
 113: *(u64 *)(r10 -56) = r0
 114: r0 = 0
 115: exit

