tracepoint:raw_syscalls:sys_enter /args.id == 0/ < @reads[pid] = count() >
fs_0_tracepoint (tracepoint/raw_syscalls/sys_enter):
   0: r6 = r1
;; tracepoint:raw_syscalls:sys_enter /args.id == 0/ < @reads[pi…
   1: *(u32 *)(r10 -8) = 0
   2: r1 = map[fs_losses] ll
   4: r2 = r10
   5: r2 += -8
   6: call bpf_map_lookup_elem#1
   7: r3 = r0
   8: if r3 == 0x0 goto pc+3
   9: r4 = *(u64 *)(r3 +0)
  10: r4 += 1
  11: *(u64 *)(r3 +0) = r4
;; args.id == 0
  12: r4 = *(u64 *)(r6 +8)
  13: r3 = 1
  14: if r4 == 0x0 goto pc+1
  15: r3 = 0
  16: if r3 == 0x0 goto pc+81
  17: *(u32 *)(r10 -16) = 0
  18: r1 = map[fs_losses] ll
  20: r2 = r10
  21: r2 += -16
  22: call bpf_map_lookup_elem#1
  23: r3 = r0
  24: if r3 == 0x0 goto pc+3
  25: r4 = *(u64 *)(r3 +8)
  26: r4 += 1
  27: *(u64 *)(r3 +8) = r4
  28: r6 = 0
;; @reads[pid] = count()
  29: *(u64 *)(r10 -24) = 0
  30: call bpf_get_current_pid_tgid#14
  31: r4 = r0
  32: r3 = r4
  33: r3 >>= 32
  34: *(u64 *)(r10 -24) = r3
  35: r1 = map[fs_0_reads] ll
  37: r2 = r10
  38: r2 += -24
  39: call bpf_map_lookup_elem#1
  40: r3 = r0
  41: if r3 == 0x0 goto pc+4
  42: r4 = *(u64 *)(r3 +0)
  43: r4 += 1
  44: *(u64 *)(r3 +0) = r4
  45: goto pc+52
  46: *(u64 *)(r10 -32) = 1
  47: r1 = map[fs_0_reads] ll
  49: r2 = r10
  50: r2 += -24
  51: r3 = r10
  52: r3 += -32
  53: r4 = 1
  54: call bpf_map_update_elem#2
  55: r4 = r0
  56: if r4 == 0x0 goto pc+41
  57: r4 <<= 32
  58: r4 s>>= 32
  59: if r4 != 0xffffffef goto pc+11
  60: r1 = map[fs_0_reads] ll
  62: r2 = r10
  63: r2 += -24
  64: call bpf_map_lookup_elem#1
  65: r4 = r0
  66: if r4 == 0x0 goto pc+4
  67: r3 = *(u64 *)(r4 +0)
  68: r3 += 1
  69: *(u64 *)(r4 +0) = r3
  70: goto pc+27
  71: *(u32 *)(r10 -40) = 0
  72: r1 = map[fs_losses] ll
  74: r2 = r10
  75: r2 += -40
  76: call bpf_map_lookup_elem#1
  77: r3 = r0
  78: if r3 == 0x0 goto pc+6
  79: r4 = *(u64 *)(r3 +16)
  80: r4 += 1
  81: *(u64 *)(r3 +16) = r4
  82: r4 = *(u64 *)(r3 +88)
  83: r4 += 1
  84: *(u64 *)(r3 +88) = r4
  85: if r6 != 0x0 goto pc+12
  86: *(u32 *)(r10 -48) = 0
  87: r1 = map[fs_losses] ll
  89: r2 = r10
  90: r2 += -48
  91: call bpf_map_lookup_elem#1
  92: r4 = r0
  93: if r4 == 0x0 goto pc+3
  94: r3 = *(u64 *)(r4 +120)
  95: r3 += 1
  96: *(u64 *)(r4 +120) = r3
  97: r6 = 1
  98: r0 = 0
  99: exit

