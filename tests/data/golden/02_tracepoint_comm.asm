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
  27: r0 = 0
  28: *(u64 *)(r10 -64) = r0
;; @[comm] = count()
  29: r0 = 1
  30: *(u64 *)(r10 -72) = r0
  31: *(u64 *)(r10 -32) = 0
  32: *(u64 *)(r10 -24) = 0
  33: r7 = r10
  34: r7 += -32
  35: r9 = 16
  36: r1 = r7
  37: r2 = r9
  38: call bpf_get_current_comm#16
  39: r9 = map[fs_0] ll
  41: r7 = r10
  42: r7 += -32
  43: r1 = r9
  44: r2 = r7
  45: call bpf_map_lookup_elem#1
  46: r8 = r0
  47: if r8 == 0x0 goto pc+5
  48: r7 = *(u64 *)(r8 +0)
  49: r1 = *(u64 *)(r10 -72)
  50: r7 += r1
  51: *(u64 *)(r8 +0) = r7
  52: goto pc+71
  53: r2 = *(u64 *)(r10 -72)
  54: *(u64 *)(r10 -40) = r2
  55: r7 = map[fs_0] ll
  57: r8 = r10
  58: r8 += -32
  59: r9 = r10
  60: r9 += -40
  61: r6 = 1
  62: r1 = r7
  63: r2 = r8
  64: r3 = r9
  65: r4 = r6
  66: call bpf_map_update_elem#2
  67: *(u64 *)(r10 -80) = r0
  68: r1 = *(u64 *)(r10 -80)
  69: if r1 == 0x0 goto pc+54
  70: r0 <<= 32
  71: *(u64 *)(r10 -80) = r0
  72: r0 s>>= 32
  73: *(u64 *)(r10 -80) = r0
  74: r1 = *(u64 *)(r10 -80)
  75: if r1 != 0xffffffef goto pc+14
  76: r9 = map[fs_0] ll
  78: r8 = r10
  79: r8 += -32
  80: r1 = r9
  81: r2 = r8
  82: call bpf_map_lookup_elem#1
  83: r7 = r0
  84: if r7 == 0x0 goto pc+5
  85: r8 = *(u64 *)(r7 +0)
  86: r1 = *(u64 *)(r10 -72)
  87: r8 += r1
  88: *(u64 *)(r7 +0) = r8
  89: goto pc+34
  90: *(u32 *)(r10 -48) = 0
  91: r8 = map[fs_losses] ll
  93: r7 = r10
  94: r7 += -48
  95: r1 = r8
  96: r2 = r7
  97: call bpf_map_lookup_elem#1
  98: r9 = r0
  99: if r9 == 0x0 goto pc+7
 100: r7 = *(u64 *)(r9 +16)
 101: r7 += 1
 102: *(u64 *)(r9 +16) = r7
 103: r7 = *(u64 *)(r9 +88)
 104: r1 = *(u64 *)(r10 -72)
 105: r7 += r1
 106: *(u64 *)(r9 +88) = r7
 107: r1 = *(u64 *)(r10 -64)
 108: if r1 != 0x0 goto pc+15
 109: *(u32 *)(r10 -56) = 0
 110: r7 = map[fs_losses] ll
 112: r9 = r10
 113: r9 += -56
 114: r1 = r7
 115: r2 = r9
 116: call bpf_map_lookup_elem#1
 117: r8 = r0
 118: if r8 == 0x0 goto pc+3
 119: r9 = *(u64 *)(r8 +120)
 120: r9 += 1
 121: *(u64 *)(r8 +120) = r9
 122: r0 = 1
 123: *(u64 *)(r10 -64) = r0
 124: r0 = 0
 125: exit

