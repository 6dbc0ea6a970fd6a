profile hz 49 < @[comm, ustack] = sum(period) >
fs_0_profile (perf_event):
   0: r6 = r1
;; profile hz 49 < @[comm, ustack] = sum(period) >
   1: *(u32 *)(r10 -8) = 0
   2: r7 = map[fs_losses] ll
   4: r8 = r10
   5: r8 += -8
   6: r1 = r7
   7: r2 = r8
   8: call bpf_map_lookup_elem#1
   9: r9 = r0
  10: if r9 == 0x0 goto pc+3
  11: r8 = *(u64 *)(r9 +0)
  12: r8 += 1
  13: *(u64 *)(r9 +0) = r8
  14: *(u32 *)(r10 -16) = 1
  15: r8 = map[fs_losses] ll
  17: r9 = r10
  18: r9 += -16
  19: r1 = r8
  20: r2 = r9
  21: call bpf_map_lookup_elem#1
  22: r7 = r0
  23: if r7 == 0x0 goto pc+3
  24: r9 = *(u64 *)(r7 +0)
  25: r9 += 1
  26: *(u64 *)(r7 +0) = r9
;; @[comm, ustack] = sum(period)
  27: r0 = *(u64 *)(r6 +168)
  28: *(u64 *)(r10 -80) = r0
  29: *(u64 *)(r10 -48) = 0
  30: *(u64 *)(r10 -40) = 0
  31: *(u64 *)(r10 -32) = 0
  32: *(u64 *)(r10 -24) = 0
  33: r7 = r10
  34: r7 += -48
  35: r8 = 16
  36: r1 = r7
  37: r2 = r8
  38: call bpf_get_current_comm#16
  39: r8 = map[fs_stacks] ll
  41: r7 = 256
  42: r1 = r6
  43: r2 = r8
  44: r3 = r7
  45: call bpf_get_stackid#27
  46: r9 = r0
  47: *(u64 *)(r10 -32) = r9
  48: if r9 != 0xffffffef goto pc+13
  49: *(u32 *)(r10 -56) = 3
  50: r7 = map[fs_losses] ll
  52: r8 = r10
  53: r8 += -56
  54: r1 = r7
  55: r2 = r8
  56: call bpf_map_lookup_elem#1
  57: r9 = r0
  58: if r9 == 0x0 goto pc+3
  59: r8 = *(u64 *)(r9 +0)
  60: r8 += 1
  61: *(u64 *)(r9 +0) = r8
  62: call bpf_get_current_pid_tgid#14
  63: r8 = r0
  64: r9 = r8
  65: r9 >>= 32
  66: *(u64 *)(r10 -24) = r9
  67: r9 = map[fs_0] ll
  69: r8 = r10
  70: r8 += -48
  71: r1 = r9
  72: r2 = r8
  73: call bpf_map_lookup_elem#1
  74: r7 = r0
  75: if r7 == 0x0 goto pc+5
  76: r8 = *(u64 *)(r7 +0)
  77: r1 = *(u64 *)(r10 -80)
  78: r8 += r1
  79: *(u64 *)(r7 +0) = r8
  80: goto pc+30
  81: r2 = *(u64 *)(r10 -80)
  82: *(u64 *)(r10 -64) = r2
  83: r8 = map[fs_0] ll
  85: r7 = r10
  86: r7 += -48
  87: r9 = r10
  88: r9 += -64
  89: r6 = 1
  90: r1 = r8
  91: r2 = r7
  92: r3 = r9
  93: r4 = r6
  94: call bpf_map_update_elem#2
  95: *(u64 *)(r10 -88) = r0
  96: r1 = *(u64 *)(r10 -88)
  97: if r1 == 0x0 goto pc+13
  98: *(u32 *)(r10 -72) = 2
  99: r6 = map[fs_losses] ll
 101: r9 = r10
 102: r9 += -72
 103: r1 = r6
 104: r2 = r9
 105: call bpf_map_lookup_elem#1
 106: r7 = r0
 107: if r7 == 0x0 goto pc+3
 108: r9 = *(u64 *)(r7 +0)
 109: r9 += 1
 110: *(u64 *)(r7 +0) = r9
 111: r0 = 0
 112: exit

