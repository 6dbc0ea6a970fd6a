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
  28: *(u64 *)(r10 -72) = r0
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
  48: call bpf_get_current_pid_tgid#14
  49: r7 = r0
  50: r8 = r7
  51: r8 >>= 32
  52: *(u64 *)(r10 -24) = r8
  53: r8 = map[fs_0] ll
  55: r7 = r10
  56: r7 += -48
  57: r1 = r8
  58: r2 = r7
  59: call bpf_map_lookup_elem#1
  60: r9 = r0
  61: if r9 == 0x0 goto pc+5
  62: r7 = *(u64 *)(r9 +0)
  63: r1 = *(u64 *)(r10 -72)
  64: r7 += r1
  65: *(u64 *)(r9 +0) = r7
  66: goto pc+30
  67: r2 = *(u64 *)(r10 -72)
  68: *(u64 *)(r10 -56) = r2
  69: r7 = map[fs_0] ll
  71: r9 = r10
  72: r9 += -48
  73: r8 = r10
  74: r8 += -56
  75: r6 = 1
  76: r1 = r7
  77: r2 = r9
  78: r3 = r8
  79: r4 = r6
  80: call bpf_map_update_elem#2
  81: *(u64 *)(r10 -80) = r0
  82: r1 = *(u64 *)(r10 -80)
  83: if r1 == 0x0 goto pc+13
  84: *(u32 *)(r10 -64) = 2
  85: r6 = map[fs_losses] ll
  87: r8 = r10
  88: r8 += -64
  89: r1 = r6
  90: r2 = r8
  91: call bpf_map_lookup_elem#1
  92: r9 = r0
  93: if r9 == 0x0 goto pc+3
  94: r8 = *(u64 *)(r9 +0)
  95: r8 += 1
  96: *(u64 *)(r9 +0) = r8
  97: r0 = 0
  98: exit

