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
  28: *(u64 *)(r10 -48) = r0
  29: *(u64 *)(r10 -24) = 0
  30: r7 = map[fs_stacks] ll
  32: r8 = 0
  33: r1 = r6
  34: r2 = r7
  35: r3 = r8
  36: call bpf_get_stackid#27
  37: r9 = r0
  38: *(u64 *)(r10 -24) = r9
  39: r8 = map[fs_0] ll
  41: r7 = r10
  42: r7 += -24
  43: r1 = r8
  44: r2 = r7
  45: call bpf_map_lookup_elem#1
  46: r9 = r0
  47: if r9 == 0x0 goto pc+5
  48: r7 = *(u64 *)(r9 +0)
  49: r1 = *(u64 *)(r10 -48)
  50: r7 += r1
  51: *(u64 *)(r9 +0) = r7
  52: goto pc+30
  53: r2 = *(u64 *)(r10 -48)
  54: *(u64 *)(r10 -32) = r2
  55: r7 = map[fs_0] ll
  57: r9 = r10
  58: r9 += -24
  59: r8 = r10
  60: r8 += -32
  61: r6 = 1
  62: r1 = r7
  63: r2 = r9
  64: r3 = r8
  65: r4 = r6
  66: call bpf_map_update_elem#2
  67: *(u64 *)(r10 -56) = r0
  68: r1 = *(u64 *)(r10 -56)
  69: if r1 == 0x0 goto pc+13
  70: *(u32 *)(r10 -40) = 2
  71: r6 = map[fs_losses] ll
  73: r8 = r10
  74: r8 += -40
  75: r1 = r6
  76: r2 = r8
  77: call bpf_map_lookup_elem#1
  78: r9 = r0
  79: if r9 == 0x0 goto pc+3
  80: r8 = *(u64 *)(r9 +0)
  81: r8 += 1
  82: *(u64 *)(r9 +0) = r8
  83: r0 = 0
  84: exit

