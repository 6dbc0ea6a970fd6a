profile hz 99 < @[kstack, ustack] = count() >
fs_0_profile (perf_event):
   0: r6 = r1
;; profile hz 99 < @[kstack, ustack] = count() >
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
;; @[kstack, ustack] = count()
  27: r0 = 1
  28: *(u64 *)(r10 -64) = r0
  29: *(u64 *)(r10 -40) = 0
  30: *(u64 *)(r10 -32) = 0
  31: *(u64 *)(r10 -24) = 0
  32: r7 = map[fs_stacks] ll
  34: r8 = 0
  35: r1 = r6
  36: r2 = r7
  37: r3 = r8
  38: call bpf_get_stackid#27
  39: r9 = r0
  40: *(u64 *)(r10 -40) = r9
  41: r8 = map[fs_stacks] ll
  43: r7 = 256
  44: r1 = r6
  45: r2 = r8
  46: r3 = r7
  47: call bpf_get_stackid#27
  48: r9 = r0
  49: *(u64 *)(r10 -32) = r9
  50: call bpf_get_current_pid_tgid#14
  51: r9 = r0
  52: r7 = r9
  53: r7 >>= 32
  54: *(u64 *)(r10 -24) = r7
  55: r7 = map[fs_0] ll
  57: r9 = r10
  58: r9 += -40
  59: r1 = r7
  60: r2 = r9
  61: call bpf_map_lookup_elem#1
  62: r8 = r0
  63: if r8 == 0x0 goto pc+5
  64: r9 = *(u64 *)(r8 +0)
  65: r1 = *(u64 *)(r10 -64)
  66: r9 += r1
  67: *(u64 *)(r8 +0) = r9
  68: goto pc+30
  69: r2 = *(u64 *)(r10 -64)
  70: *(u64 *)(r10 -48) = r2
  71: r9 = map[fs_0] ll
  73: r8 = r10
  74: r8 += -40
  75: r7 = r10
  76: r7 += -48
  77: r6 = 1
  78: r1 = r9
  79: r2 = r8
  80: r3 = r7
  81: r4 = r6
  82: call bpf_map_update_elem#2
  83: *(u64 *)(r10 -72) = r0
  84: r1 = *(u64 *)(r10 -72)
  85: if r1 == 0x0 goto pc+13
  86: *(u32 *)(r10 -56) = 2
  87: r6 = map[fs_losses] ll
  89: r7 = r10
  90: r7 += -56
  91: r1 = r6
  92: r2 = r7
  93: call bpf_map_lookup_elem#1
  94: r8 = r0
  95: if r8 == 0x0 goto pc+3
  96: r7 = *(u64 *)(r8 +0)
  97: r7 += 1
  98: *(u64 *)(r8 +0) = r7
  99: r0 = 0
 100: exit

