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
  28: *(u64 *)(r10 -80) = r0
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
  41: if r9 != 0xffffffef goto pc+13
  42: *(u32 *)(r10 -48) = 3
  43: r8 = map[fs_losses] ll
  45: r7 = r10
  46: r7 += -48
  47: r1 = r8
  48: r2 = r7
  49: call bpf_map_lookup_elem#1
  50: r9 = r0
  51: if r9 == 0x0 goto pc+3
  52: r7 = *(u64 *)(r9 +0)
  53: r7 += 1
  54: *(u64 *)(r9 +0) = r7
  55: r7 = map[fs_stacks] ll
  57: r9 = 256
  58: r1 = r6
  59: r2 = r7
  60: r3 = r9
  61: call bpf_get_stackid#27
  62: r8 = r0
  63: *(u64 *)(r10 -32) = r8
  64: if r8 != 0xffffffef goto pc+13
  65: *(u32 *)(r10 -56) = 3
  66: r8 = map[fs_losses] ll
  68: r9 = r10
  69: r9 += -56
  70: r1 = r8
  71: r2 = r9
  72: call bpf_map_lookup_elem#1
  73: r7 = r0
  74: if r7 == 0x0 goto pc+3
  75: r9 = *(u64 *)(r7 +0)
  76: r9 += 1
  77: *(u64 *)(r7 +0) = r9
  78: call bpf_get_current_pid_tgid#14
  79: r9 = r0
  80: r7 = r9
  81: r7 >>= 32
  82: *(u64 *)(r10 -24) = r7
  83: r7 = map[fs_0] ll
  85: r9 = r10
  86: r9 += -40
  87: r1 = r7
  88: r2 = r9
  89: call bpf_map_lookup_elem#1
  90: r8 = r0
  91: if r8 == 0x0 goto pc+5
  92: r9 = *(u64 *)(r8 +0)
  93: r1 = *(u64 *)(r10 -80)
  94: r9 += r1
  95: *(u64 *)(r8 +0) = r9
  96: goto pc+30
  97: r2 = *(u64 *)(r10 -80)
  98: *(u64 *)(r10 -64) = r2
  99: r9 = map[fs_0] ll
 101: r8 = r10
 102: r8 += -40
 103: r7 = r10
 104: r7 += -64
 105: r6 = 1
 106: r1 = r9
 107: r2 = r8
 108: r3 = r7
 109: r4 = r6
 110: call bpf_map_update_elem#2
 111: *(u64 *)(r10 -88) = r0
 112: r1 = *(u64 *)(r10 -88)
 113: if r1 == 0x0 goto pc+13
 114: *(u32 *)(r10 -72) = 2
 115: r6 = map[fs_losses] ll
 117: r7 = r10
 118: r7 += -72
 119: r1 = r6
 120: r2 = r7
 121: call bpf_map_lookup_elem#1
 122: r8 = r0
 123: if r8 == 0x0 goto pc+3
 124: r7 = *(u64 *)(r8 +0)
 125: r7 += 1
 126: *(u64 *)(r8 +0) = r7
 127: r0 = 0
 128: exit

