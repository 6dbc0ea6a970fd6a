bio < @[kstack] = sum(bytes) >
fs_0_bio (tracepoint/block/block_rq_issue):
   0: r6 = r1
;; bio < @[kstack] = sum(bytes) >
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
;; @[kstack] = sum(bytes)
  27: r0 = *(u32 *)(r6 +28)
  28: *(u64 *)(r10 -56) = r0
  29: *(u64 *)(r10 -24) = 0
  30: r7 = map[fs_stacks] ll
  32: r8 = 0
  33: r1 = r6
  34: r2 = r7
  35: r3 = r8
  36: call bpf_get_stackid#27
  37: r9 = r0
  38: *(u64 *)(r10 -24) = r9
  39: if r9 != 0xffffffef goto pc+13
  40: *(u32 *)(r10 -32) = 3
  41: r8 = map[fs_losses] ll
  43: r7 = r10
  44: r7 += -32
  45: r1 = r8
  46: r2 = r7
  47: call bpf_map_lookup_elem#1
  48: r9 = r0
  49: if r9 == 0x0 goto pc+3
  50: r7 = *(u64 *)(r9 +0)
  51: r7 += 1
  52: *(u64 *)(r9 +0) = r7
  53: r7 = map[fs_0] ll
  55: r9 = r10
  56: r9 += -24
  57: r1 = r7
  58: r2 = r9
  59: call bpf_map_lookup_elem#1
  60: r8 = r0
  61: if r8 == 0x0 goto pc+5
  62: r9 = *(u64 *)(r8 +0)
  63: r1 = *(u64 *)(r10 -56)
  64: r9 += r1
  65: *(u64 *)(r8 +0) = r9
  66: goto pc+30
  67: r2 = *(u64 *)(r10 -56)
  68: *(u64 *)(r10 -40) = r2
  69: r9 = map[fs_0] ll
  71: r8 = r10
  72: r8 += -24
  73: r7 = r10
  74: r7 += -40
  75: r6 = 1
  76: r1 = r9
  77: r2 = r8
  78: r3 = r7
  79: r4 = r6
  80: call bpf_map_update_elem#2
  81: *(u64 *)(r10 -64) = r0
  82: r1 = *(u64 *)(r10 -64)
  83: if r1 == 0x0 goto pc+13
  84: *(u32 *)(r10 -48) = 2
  85: r6 = map[fs_losses] ll
  87: r7 = r10
  88: r7 += -48
  89: r1 = r6
  90: r2 = r7
  91: call bpf_map_lookup_elem#1
  92: r8 = r0
  93: if r8 == 0x0 goto pc+3
  94: r7 = *(u64 *)(r8 +0)
  95: r7 += 1
  96: *(u64 *)(r8 +0) = r7
  97: r0 = 0
  98: exit

