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
  18: if r6 == 0x0 goto pc+89
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
;; @reads[pid] = count()
  32: r0 = 1
  33: *(u64 *)(r10 -48) = r0
  34: *(u64 *)(r10 -24) = 0
  35: call bpf_get_current_pid_tgid#14
  36: r9 = r0
  37: r6 = r9
  38: r6 >>= 32
  39: *(u64 *)(r10 -24) = r6
  40: r6 = map[fs_0_reads] ll
  42: r9 = r10
  43: r9 += -24
  44: r1 = r6
  45: r2 = r9
  46: call bpf_map_lookup_elem#1
  47: r7 = r0
  48: if r7 == 0x0 goto pc+5
  49: r9 = *(u64 *)(r7 +0)
  50: r1 = *(u64 *)(r10 -48)
  51: r9 += r1
  52: *(u64 *)(r7 +0) = r9
  53: goto pc+54
  54: r2 = *(u64 *)(r10 -48)
  55: *(u64 *)(r10 -32) = r2
  56: r9 = map[fs_0_reads] ll
  58: r7 = r10
  59: r7 += -24
  60: r6 = r10
  61: r6 += -32
  62: r8 = 1
  63: r1 = r9
  64: r2 = r7
  65: r3 = r6
  66: r4 = r8
  67: call bpf_map_update_elem#2
  68: *(u64 *)(r10 -56) = r0
  69: r1 = *(u64 *)(r10 -56)
  70: if r1 == 0x0 goto pc+37
  71: r0 <<= 32
  72: *(u64 *)(r10 -56) = r0
  73: r0 s>>= 32
  74: *(u64 *)(r10 -56) = r0
  75: r1 = *(u64 *)(r10 -56)
  76: if r1 != 0xffffffef goto pc+14
  77: r6 = map[fs_0_reads] ll
  79: r7 = r10
  80: r7 += -24
  81: r1 = r6
  82: r2 = r7
  83: call bpf_map_lookup_elem#1
  84: r9 = r0
  85: if r9 == 0x0 goto pc+5
  86: r7 = *(u64 *)(r9 +0)
  87: r1 = *(u64 *)(r10 -48)
  88: r7 += r1
  89: *(u64 *)(r9 +0) = r7
  90: goto pc+17
  91: *(u32 *)(r10 -40) = 0
  92: r7 = map[fs_losses] ll
  94: r9 = r10
  95: r9 += -40
  96: r1 = r7
  97: r2 = r9
  98: call bpf_map_lookup_elem#1
  99: r6 = r0
 100: if r6 == 0x0 goto pc+7
 101: r9 = *(u64 *)(r6 +16)
 102: r9 += 1
 103: *(u64 *)(r6 +16) = r9
 104: r9 = *(u64 *)(r6 +88)
 105: r1 = *(u64 *)(r10 -48)
 106: r9 += r1
 107: *(u64 *)(r6 +88) = r9
 108: r0 = 0
 109: exit

