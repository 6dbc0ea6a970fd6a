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
  28: *(u64 *)(r10 -56) = r0
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
  40: call bpf_get_current_pid_tgid#14
  41: r8 = r0
  42: r7 = r8
  43: r7 >>= 32
  44: *(u64 *)(r10 -24) = r7
  45: r7 = map[fs_0] ll
  47: r8 = r10
  48: r8 += -32
  49: r1 = r7
  50: r2 = r8
  51: call bpf_map_lookup_elem#1
  52: r9 = r0
  53: if r9 == 0x0 goto pc+5
  54: r8 = *(u64 *)(r9 +0)
  55: r1 = *(u64 *)(r10 -56)
  56: r8 += r1
  57: *(u64 *)(r9 +0) = r8
  58: goto pc+30
  59: r2 = *(u64 *)(r10 -56)
  60: *(u64 *)(r10 -40) = r2
  61: r8 = map[fs_0] ll
  63: r9 = r10
  64: r9 += -32
  65: r7 = r10
  66: r7 += -40
  67: r6 = 1
  68: r1 = r8
  69: r2 = r9
  70: r3 = r7
  71: r4 = r6
  72: call bpf_map_update_elem#2
  73: *(u64 *)(r10 -64) = r0
  74: r1 = *(u64 *)(r10 -64)
  75: if r1 == 0x0 goto pc+13
  76: *(u32 *)(r10 -48) = 2
  77: r6 = map[fs_losses] ll
  79: r7 = r10
  80: r7 += -48
  81: r1 = r6
  82: r2 = r7
  83: call bpf_map_lookup_elem#1
  84: r9 = r0
  85: if r9 == 0x0 goto pc+3
  86: r7 = *(u64 *)(r9 +0)
  87: r7 += 1
  88: *(u64 *)(r9 +0) = r7
  89: r0 = 0
  90: exit

