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
  10: if r9 == 0x0 goto pc+6
  11: r8 = *(u64 *)(r9 +0)
  12: r8 += 1
  13: *(u64 *)(r9 +0) = r8
  14: r8 = *(u64 *)(r9 +8)
  15: r8 += 1
  16: *(u64 *)(r9 +8) = r8
  17: r0 = 0
  18: *(u64 *)(r10 -48) = r0
;; @sizes = hist(bytes)
  19: r9 = *(u32 *)(r6 +28)
  20: r6 = r9
  21: r9 = 0
  22: if r6 == 0x0 goto pc+31
  23: r7 = r6
  24: r7 >>= 32
  25: if r7 == 0x0 goto pc+2
  26: r6 = r7
  27: r9 += 32
  28: r7 = r6
  29: r7 >>= 16
  30: if r7 == 0x0 goto pc+2
  31: r6 = r7
  32: r9 += 16
  33: r7 = r6
  34: r7 >>= 8
  35: if r7 == 0x0 goto pc+2
  36: r6 = r7
  37: r9 += 8
  38: r7 = r6
  39: r7 >>= 4
  40: if r7 == 0x0 goto pc+2
  41: r6 = r7
  42: r9 += 4
  43: r7 = r6
  44: r7 >>= 2
  45: if r7 == 0x0 goto pc+2
  46: r6 = r7
  47: r9 += 2
  48: r7 = r6
  49: r7 >>= 1
  50: if r7 == 0x0 goto pc+2
  51: r6 = r7
  52: r9 += 1
  53: r9 += 1
  54: r0 = 1
  55: *(u64 *)(r10 -56) = r0
  56: *(u64 *)(r10 -16) = 0
  57: *(u64 *)(r10 -16) = r9
  58: r9 = map[fs_0_sizes] ll
  60: r6 = r10
  61: r6 += -16
  62: r1 = r9
  63: r2 = r6
  64: call bpf_map_lookup_elem#1
  65: r8 = r0
  66: if r8 == 0x0 goto pc+5
  67: r6 = *(u64 *)(r8 +0)
  68: r1 = *(u64 *)(r10 -56)
  69: r6 += r1
  70: *(u64 *)(r8 +0) = r6
  71: goto pc+71
  72: r2 = *(u64 *)(r10 -56)
  73: *(u64 *)(r10 -24) = r2
  74: r6 = map[fs_0_sizes] ll
  76: r8 = r10
  77: r8 += -16
  78: r9 = r10
  79: r9 += -24
  80: r7 = 1
  81: r1 = r6
  82: r2 = r8
  83: r3 = r9
  84: r4 = r7
  85: call bpf_map_update_elem#2
  86: *(u64 *)(r10 -64) = r0
  87: r1 = *(u64 *)(r10 -64)
  88: if r1 == 0x0 goto pc+54
  89: r0 <<= 32
  90: *(u64 *)(r10 -64) = r0
  91: r0 s>>= 32
  92: *(u64 *)(r10 -64) = r0
  93: r1 = *(u64 *)(r10 -64)
  94: if r1 != 0xffffffef goto pc+14
  95: r9 = map[fs_0_sizes] ll
  97: r8 = r10
  98: r8 += -16
  99: r1 = r9
 100: r2 = r8
 101: call bpf_map_lookup_elem#1
 102: r6 = r0
 103: if r6 == 0x0 goto pc+5
 104: r8 = *(u64 *)(r6 +0)
 105: r1 = *(u64 *)(r10 -56)
 106: r8 += r1
 107: *(u64 *)(r6 +0) = r8
 108: goto pc+34
 109: *(u32 *)(r10 -32) = 0
 110: r8 = map[fs_losses] ll
 112: r6 = r10
 113: r6 += -32
 114: r1 = r8
 115: r2 = r6
 116: call bpf_map_lookup_elem#1
 117: r9 = r0
 118: if r9 == 0x0 goto pc+7
 119: r6 = *(u64 *)(r9 +16)
 120: r6 += 1
 121: *(u64 *)(r9 +16) = r6
 122: r6 = *(u64 *)(r9 +88)
 123: r1 = *(u64 *)(r10 -56)
 124: r6 += r1
 125: *(u64 *)(r9 +88) = r6
 126: r1 = *(u64 *)(r10 -48)
 127: if r1 != 0x0 goto pc+15
 128: *(u32 *)(r10 -40) = 0
 129: r6 = map[fs_losses] ll
 131: r9 = r10
 132: r9 += -40
 133: r1 = r6
 134: r2 = r9
 135: call bpf_map_lookup_elem#1
 136: r8 = r0
 137: if r8 == 0x0 goto pc+3
 138: r9 = *(u64 *)(r8 +120)
 139: r9 += 1
 140: *(u64 *)(r8 +120) = r9
 141: r0 = 1
 142: *(u64 *)(r10 -48) = r0
 143: r0 = 0
 144: exit

