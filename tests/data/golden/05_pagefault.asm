pagefault user < @[ustack] = count() >
fs_0_pagefault (tracepoint/exceptions/page_fault_user):
   0: r6 = r1
;; pagefault user < @[ustack] = count() >
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
;; @[ustack] = count()
  27: r0 = 1
  28: *(u64 *)(r10 -64) = r0
  29: *(u64 *)(r10 -32) = 0
  30: *(u64 *)(r10 -24) = 0
  31: r7 = map[fs_stacks] ll
  33: r8 = 256
  34: r1 = r6
  35: r2 = r7
  36: r3 = r8
  37: call bpf_get_stackid#27
  38: r9 = r0
  39: *(u64 *)(r10 -32) = r9
  40: if r9 != 0xffffffef goto pc+13
  41: *(u32 *)(r10 -40) = 3
  42: r8 = map[fs_losses] ll
  44: r7 = r10
  45: r7 += -40
  46: r1 = r8
  47: r2 = r7
  48: call bpf_map_lookup_elem#1
  49: r9 = r0
  50: if r9 == 0x0 goto pc+3
  51: r7 = *(u64 *)(r9 +0)
  52: r7 += 1
  53: *(u64 *)(r9 +0) = r7
  54: call bpf_get_current_pid_tgid#14
  55: r7 = r0
  56: r9 = r7
  57: r9 >>= 32
  58: *(u64 *)(r10 -24) = r9
  59: r9 = map[fs_0] ll
  61: r7 = r10
  62: r7 += -32
  63: r1 = r9
  64: r2 = r7
  65: call bpf_map_lookup_elem#1
  66: r8 = r0
  67: if r8 == 0x0 goto pc+5
  68: r7 = *(u64 *)(r8 +0)
  69: r1 = *(u64 *)(r10 -64)
  70: r7 += r1
  71: *(u64 *)(r8 +0) = r7
  72: goto pc+30
  73: r2 = *(u64 *)(r10 -64)
  74: *(u64 *)(r10 -48) = r2
  75: r7 = map[fs_0] ll
  77: r8 = r10
  78: r8 += -32
  79: r9 = r10
  80: r9 += -48
  81: r6 = 1
  82: r1 = r7
  83: r2 = r8
  84: r3 = r9
  85: r4 = r6
  86: call bpf_map_update_elem#2
  87: *(u64 *)(r10 -72) = r0
  88: r1 = *(u64 *)(r10 -72)
  89: if r1 == 0x0 goto pc+13
  90: *(u32 *)(r10 -56) = 2
  91: r6 = map[fs_losses] ll
  93: r9 = r10
  94: r9 += -56
  95: r1 = r6
  96: r2 = r9
  97: call bpf_map_lookup_elem#1
  98: r8 = r0
  99: if r8 == 0x0 goto pc+3
 100: r9 = *(u64 *)(r8 +0)
 101: r9 += 1
 102: *(u64 *)(r8 +0) = r9
 103: r0 = 0
 104: exit

