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
  62: r0 = 1
  63: *(u64 *)(r10 -48) = r0
  64: *(u64 *)(r10 -24) = 0
  65: *(u64 *)(r10 -24) = r9
  66: r9 = map[fs_0_sizes] ll
  68: r6 = r10
  69: r6 += -24
  70: r1 = r9
  71: r2 = r6
  72: call bpf_map_lookup_elem#1
  73: r8 = r0
  74: if r8 == 0x0 goto pc+5
  75: r6 = *(u64 *)(r8 +0)
  76: r1 = *(u64 *)(r10 -48)
  77: r6 += r1
  78: *(u64 *)(r8 +0) = r6
  79: goto pc+54
  80: r2 = *(u64 *)(r10 -48)
  81: *(u64 *)(r10 -32) = r2
  82: r6 = map[fs_0_sizes] ll
  84: r8 = r10
  85: r8 += -24
  86: r9 = r10
  87: r9 += -32
  88: r7 = 1
  89: r1 = r6
  90: r2 = r8
  91: r3 = r9
  92: r4 = r7
  93: call bpf_map_update_elem#2
  94: *(u64 *)(r10 -56) = r0
  95: r1 = *(u64 *)(r10 -56)
  96: if r1 == 0x0 goto pc+37
  97: r0 <<= 32
  98: *(u64 *)(r10 -56) = r0
  99: r0 s>>= 32
 100: *(u64 *)(r10 -56) = r0
 101: r1 = *(u64 *)(r10 -56)
 102: if r1 != 0xffffffef goto pc+14
 103: r9 = map[fs_0_sizes] ll
 105: r8 = r10
 106: r8 += -24
 107: r1 = r9
 108: r2 = r8
 109: call bpf_map_lookup_elem#1
 110: r6 = r0
 111: if r6 == 0x0 goto pc+5
 112: r8 = *(u64 *)(r6 +0)
 113: r1 = *(u64 *)(r10 -48)
 114: r8 += r1
 115: *(u64 *)(r6 +0) = r8
 116: goto pc+17
 117: *(u32 *)(r10 -40) = 0
 118: r8 = map[fs_losses] ll
 120: r6 = r10
 121: r6 += -40
 122: r1 = r8
 123: r2 = r6
 124: call bpf_map_lookup_elem#1
 125: r9 = r0
 126: if r9 == 0x0 goto pc+7
 127: r6 = *(u64 *)(r9 +16)
 128: r6 += 1
 129: *(u64 *)(r9 +16) = r6
 130: r6 = *(u64 *)(r9 +88)
 131: r1 = *(u64 *)(r10 -48)
 132: r6 += r1
 133: *(u64 *)(r9 +88) = r6
 134: r0 = 0
 135: exit

