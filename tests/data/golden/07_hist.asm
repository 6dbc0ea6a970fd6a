bio < @sizes = hist(bytes) >
fs_0_bio (tracepoint/block/block_rq_issue):
   0: r6 = r1
;; bio < @sizes = hist(bytes) >
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
  14: *(u32 *)(r10 -16) = 0
  15: r8 = map[fs_losses] ll
  17: r9 = r10
  18: r9 += -16
  19: r1 = r8
  20: r2 = r9
  21: call bpf_map_lookup_elem#1
  22: r7 = r0
  23: if r7 == 0x0 goto pc+3
  24: r9 = *(u64 *)(r7 +8)
  25: r9 += 1
  26: *(u64 *)(r7 +8) = r9
;; @sizes = hist(bytes)
  27: r9 = *(u32 *)(r6 +28)
  28: r6 = r9
  29: r9 = 0
  30: if r6 == 0x0 goto pc+31
  31: r7 = r6
  32: r7 >>= 32
  33: if r7 == 0x0 goto pc+2
  34: r6 = r7
  35: r9 += 32
  36: r7 = r6
  37: r7 >>= 16
  38: if r7 == 0x0 goto pc+2
  39: r6 = r7
  40: r9 += 16
  41: r7 = r6
  42: r7 >>= 8
  43: if r7 == 0x0 goto pc+2
  44: r6 = r7
  45: r9 += 8
  46: r7 = r6
  47: r7 >>= 4
  48: if r7 == 0x0 goto pc+2
  49: r6 = r7
  50: r9 += 4
  51: r7 = r6
  52: r7 >>= 2
  53: if r7 == 0x0 goto pc+2
  54: r6 = r7
  55: r9 += 2
  56: r7 = r6
  57: r7 >>= 1
  58: if r7 == 0x0 goto pc+2
  59: r6 = r7
  60: r9 += 1
  61: r9 += 1
  62: r7 = 1
  63: *(u64 *)(r10 -24) = 0
  64: *(u64 *)(r10 -24) = r9
  65: r9 = map[fs_0_sizes] ll
  67: r6 = r10
  68: r6 += -24
  69: r1 = r9
  70: r2 = r6
  71: call bpf_map_lookup_elem#1
  72: r8 = r0
  73: if r8 == 0x0 goto pc+4
  74: r6 = *(u64 *)(r8 +0)
  75: r6 += r7
  76: *(u64 *)(r8 +0) = r6
  77: goto pc+29
  78: *(u64 *)(r10 -32) = r7
  79: r6 = map[fs_0_sizes] ll
  81: r8 = r10
  82: r8 += -24
  83: r7 = r10
  84: r7 += -32
  85: r9 = 1
  86: r1 = r6
  87: r2 = r8
  88: r3 = r7
  89: r4 = r9
  90: call bpf_map_update_elem#2
  91: *(u64 *)(r10 -48) = r0
  92: r1 = *(u64 *)(r10 -48)
  93: if r1 == 0x0 goto pc+13
  94: *(u32 *)(r10 -40) = 0
  95: r9 = map[fs_losses] ll
  97: r7 = r10
  98: r7 += -40
  99: r1 = r9
 100: r2 = r7
 101: call bpf_map_lookup_elem#1
 102: r8 = r0
 103: if r8 == 0x0 goto pc+3
 104: r7 = *(u64 *)(r8 +16)
 105: r7 += 1
 106: *(u64 *)(r8 +16) = r7
 107: r0 = 0
 108: exit

