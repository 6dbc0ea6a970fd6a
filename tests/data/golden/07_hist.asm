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
  27: r0 = 0
  28: *(u64 *)(r10 -56) = r0
;; @sizes = hist(bytes)
  29: r7 = *(u32 *)(r6 +28)
  30: r6 = r7
  31: r7 = 0
  32: if r6 == 0x0 goto pc+31
  33: r8 = r6
  34: r8 >>= 32
  35: if r8 == 0x0 goto pc+2
  36: r6 = r8
  37: r7 += 32
  38: r8 = r6
  39: r8 >>= 16
  40: if r8 == 0x0 goto pc+2
  41: r6 = r8
  42: r7 += 16
  43: r8 = r6
  44: r8 >>= 8
  45: if r8 == 0x0 goto pc+2
  46: r6 = r8
  47: r7 += 8
  48: r8 = r6
  49: r8 >>= 4
  50: if r8 == 0x0 goto pc+2
  51: r6 = r8
  52: r7 += 4
  53: r8 = r6
  54: r8 >>= 2
  55: if r8 == 0x0 goto pc+2
  56: r6 = r8
  57: r7 += 2
  58: r8 = r6
  59: r8 >>= 1
  60: if r8 == 0x0 goto pc+2
  61: r6 = r8
  62: r7 += 1
  63: r7 += 1
  64: r0 = 1
  65: *(u64 *)(r10 -64) = r0
  66: *(u64 *)(r10 -24) = 0
  67: *(u64 *)(r10 -24) = r7
  68: r7 = map[fs_0_sizes] ll
  70: r6 = r10
  71: r6 += -24
  72: r1 = r7
  73: r2 = r6
  74: call bpf_map_lookup_elem#1
  75: r9 = r0
  76: if r9 == 0x0 goto pc+5
  77: r6 = *(u64 *)(r9 +0)
  78: r1 = *(u64 *)(r10 -64)
  79: r6 += r1
  80: *(u64 *)(r9 +0) = r6
  81: goto pc+71
  82: r2 = *(u64 *)(r10 -64)
  83: *(u64 *)(r10 -32) = r2
  84: r6 = map[fs_0_sizes] ll
  86: r9 = r10
  87: r9 += -24
  88: r7 = r10
  89: r7 += -32
  90: r8 = 1
  91: r1 = r6
  92: r2 = r9
  93: r3 = r7
  94: r4 = r8
  95: call bpf_map_update_elem#2
  96: *(u64 *)(r10 -72) = r0
  97: r1 = *(u64 *)(r10 -72)
  98: if r1 == 0x0 goto pc+54
  99: r0 <<= 32
 100: *(u64 *)(r10 -72) = r0
 101: r0 s>>= 32
 102: *(u64 *)(r10 -72) = r0
 103: r1 = *(u64 *)(r10 -72)
 104: if r1 != 0xffffffef goto pc+14
 105: r7 = map[fs_0_sizes] ll
 107: r9 = r10
 108: r9 += -24
 109: r1 = r7
 110: r2 = r9
 111: call bpf_map_lookup_elem#1
 112: r6 = r0
 113: if r6 == 0x0 goto pc+5
 114: r9 = *(u64 *)(r6 +0)
 115: r1 = *(u64 *)(r10 -64)
 116: r9 += r1
 117: *(u64 *)(r6 +0) = r9
 118: goto pc+34
 119: *(u32 *)(r10 -40) = 0
 120: r9 = map[fs_losses] ll
 122: r6 = r10
 123: r6 += -40
 124: r1 = r9
 125: r2 = r6
 126: call bpf_map_lookup_elem#1
 127: r7 = r0
 128: if r7 == 0x0 goto pc+7
 129: r6 = *(u64 *)(r7 +16)
 130: r6 += 1
 131: *(u64 *)(r7 +16) = r6
 132: r6 = *(u64 *)(r7 +88)
 133: r1 = *(u64 *)(r10 -64)
 134: r6 += r1
 135: *(u64 *)(r7 +88) = r6
 136: r1 = *(u64 *)(r10 -56)
 137: if r1 != 0x0 goto pc+15
 138: *(u32 *)(r10 -48) = 0
 139: r6 = map[fs_losses] ll
 141: r7 = r10
 142: r7 += -48
 143: r1 = r6
 144: r2 = r7
 145: call bpf_map_lookup_elem#1
 146: r9 = r0
 147: if r9 == 0x0 goto pc+3
 148: r7 = *(u64 *)(r9 +120)
 149: r7 += 1
 150: *(u64 *)(r9 +120) = r7
 151: r0 = 1
 152: *(u64 *)(r10 -56) = r0
 153: r0 = 0
 154: exit

