tracepoint:raw_syscalls:sys_enter /args.id == 0/ < @reads[pid] = count() >
fs_0_tracepoint (tracepoint/raw_syscalls/sys_enter):
   0: r6 = r1
;; tracepoint:raw_syscalls:sys_enter /args.id == 0/ < @reads[pi…
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
;; args.id == 0
  14: r8 = *(u64 *)(r6 +8)
  15: r6 = 1
  16: if r8 == 0x0 goto pc+1
  17: r6 = 0
  18: if r6 == 0x0 goto pc+108
  19: *(u32 *)(r10 -16) = 0
  20: r6 = map[fs_losses] ll
  22: r8 = r10
  23: r8 += -16
  24: r1 = r6
  25: r2 = r8
  26: call bpf_map_lookup_elem#1
  27: r9 = r0
  28: if r9 == 0x0 goto pc+3
  29: r8 = *(u64 *)(r9 +8)
  30: r8 += 1
  31: *(u64 *)(r9 +8) = r8
  32: r0 = 0
  33: *(u64 *)(r10 -56) = r0
;; @reads[pid] = count()
  34: r0 = 1
  35: *(u64 *)(r10 -64) = r0
  36: *(u64 *)(r10 -24) = 0
  37: call bpf_get_current_pid_tgid#14
  38: r6 = r0
  39: r7 = r6
  40: r7 >>= 32
  41: *(u64 *)(r10 -24) = r7
  42: r7 = map[fs_0_reads] ll
  44: r6 = r10
  45: r6 += -24
  46: r1 = r7
  47: r2 = r6
  48: call bpf_map_lookup_elem#1
  49: r8 = r0
  50: if r8 == 0x0 goto pc+5
  51: r6 = *(u64 *)(r8 +0)
  52: r1 = *(u64 *)(r10 -64)
  53: r6 += r1
  54: *(u64 *)(r8 +0) = r6
  55: goto pc+71
  56: r2 = *(u64 *)(r10 -64)
  57: *(u64 *)(r10 -32) = r2
  58: r6 = map[fs_0_reads] ll
  60: r8 = r10
  61: r8 += -24
  62: r7 = r10
  63: r7 += -32
  64: r9 = 1
  65: r1 = r6
  66: r2 = r8
  67: r3 = r7
  68: r4 = r9
  69: call bpf_map_update_elem#2
  70: *(u64 *)(r10 -72) = r0
  71: r1 = *(u64 *)(r10 -72)
  72: if r1 == 0x0 goto pc+54
  73: r0 <<= 32
  74: *(u64 *)(r10 -72) = r0
  75: r0 s>>= 32
  76: *(u64 *)(r10 -72) = r0
  77: r1 = *(u64 *)(r10 -72)
  78: if r1 != 0xffffffef goto pc+14
  79: r7 = map[fs_0_reads] ll
  81: r8 = r10
  82: r8 += -24
  83: r1 = r7
  84: r2 = r8
  85: call bpf_map_lookup_elem#1
  86: r6 = r0
  87: if r6 == 0x0 goto pc+5
  88: r8 = *(u64 *)(r6 +0)
  89: r1 = *(u64 *)(r10 -64)
  90: r8 += r1
  91: *(u64 *)(r6 +0) = r8
  92: goto pc+34
  93: *(u32 *)(r10 -40) = 0
  94: r8 = map[fs_losses] ll
  96: r6 = r10
  97: r6 += -40
  98: r1 = r8
  99: r2 = r6
 100: call bpf_map_lookup_elem#1
 101: r7 = r0
 102: if r7 == 0x0 goto pc+7
 103: r6 = *(u64 *)(r7 +16)
 104: r6 += 1
 105: *(u64 *)(r7 +16) = r6
 106: r6 = *(u64 *)(r7 +88)
 107: r1 = *(u64 *)(r10 -64)
 108: r6 += r1
 109: *(u64 *)(r7 +88) = r6
 110: r1 = *(u64 *)(r10 -56)
 111: if r1 != 0x0 goto pc+15
 112: *(u32 *)(r10 -48) = 0
 113: r6 = map[fs_losses] ll
 115: r7 = r10
 116: r7 += -48
 117: r1 = r6
 118: r2 = r7
 119: call bpf_map_lookup_elem#1
 120: r8 = r0
 121: if r8 == 0x0 goto pc+3
 122: r7 = *(u64 *)(r8 +120)
 123: r7 += 1
 124: *(u64 *)(r8 +120) = r7
 125: r0 = 1
 126: *(u64 *)(r10 -56) = r0
 127: r0 = 0
 128: exit

