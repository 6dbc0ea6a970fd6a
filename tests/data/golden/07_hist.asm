bio < @sizes = hist(bytes) >
fs_0_bio (tracepoint/block/block_rq_issue):
   0: r6 = r1
;; bio < @sizes = hist(bytes) >
   1: *(u32 *)(r10 -8) = 0
   2: r1 = map[fs_losses] ll
   4: r2 = r10
   5: r2 += -8
   6: call bpf_map_lookup_elem#1
   7: r3 = r0
   8: if r3 == 0x0 goto pc+6
   9: r4 = *(u64 *)(r3 +0)
  10: r4 += 1
  11: *(u64 *)(r3 +0) = r4
  12: r4 = *(u64 *)(r3 +8)
  13: r4 += 1
  14: *(u64 *)(r3 +8) = r4
  15: r7 = 0
;; @sizes = hist(bytes)
  16: r4 = *(u32 *)(r6 +28)
  17: r3 = r4
  18: r4 = 0
  19: if r3 == 0x0 goto pc+31
  20: r5 = r3
  21: r5 >>= 32
  22: if r5 == 0x0 goto pc+2
  23: r3 = r5
  24: r4 += 32
  25: r5 = r3
  26: r5 >>= 16
  27: if r5 == 0x0 goto pc+2
  28: r3 = r5
  29: r4 += 16
  30: r5 = r3
  31: r5 >>= 8
  32: if r5 == 0x0 goto pc+2
  33: r3 = r5
  34: r4 += 8
  35: r5 = r3
  36: r5 >>= 4
  37: if r5 == 0x0 goto pc+2
  38: r3 = r5
  39: r4 += 4
  40: r5 = r3
  41: r5 >>= 2
  42: if r5 == 0x0 goto pc+2
  43: r3 = r5
  44: r4 += 2
  45: r5 = r3
  46: r5 >>= 1
  47: if r5 == 0x0 goto pc+2
  48: r3 = r5
  49: r4 += 1
  50: r4 += 1
  51: *(u64 *)(r10 -16) = 0
  52: *(u64 *)(r10 -16) = r4
  53: r1 = map[fs_0_sizes] ll
  55: r2 = r10
  56: r2 += -16
  57: call bpf_map_lookup_elem#1
  58: r5 = r0
  59: if r5 == 0x0 goto pc+4
  60: r4 = *(u64 *)(r5 +0)
  61: r4 += 1
  62: *(u64 *)(r5 +0) = r4
  63: goto pc+52
  64: *(u64 *)(r10 -24) = 1
  65: r1 = map[fs_0_sizes] ll
  67: r2 = r10
  68: r2 += -16
  69: r3 = r10
  70: r3 += -24
  71: r4 = 1
  72: call bpf_map_update_elem#2
  73: r4 = r0
  74: if r4 == 0x0 goto pc+41
  75: r4 <<= 32
  76: r4 s>>= 32
  77: if r4 != 0xffffffef goto pc+11
  78: r1 = map[fs_0_sizes] ll
  80: r2 = r10
  81: r2 += -16
  82: call bpf_map_lookup_elem#1
  83: r4 = r0
  84: if r4 == 0x0 goto pc+4
  85: r5 = *(u64 *)(r4 +0)
  86: r5 += 1
  87: *(u64 *)(r4 +0) = r5
  88: goto pc+27
  89: *(u32 *)(r10 -32) = 0
  90: r1 = map[fs_losses] ll
  92: r2 = r10
  93: r2 += -32
  94: call bpf_map_lookup_elem#1
  95: r5 = r0
  96: if r5 == 0x0 goto pc+6
  97: r4 = *(u64 *)(r5 +16)
  98: r4 += 1
  99: *(u64 *)(r5 +16) = r4
 100: r4 = *(u64 *)(r5 +88)
 101: r4 += 1
 102: *(u64 *)(r5 +88) = r4
 103: if r7 != 0x0 goto pc+12
 104: *(u32 *)(r10 -40) = 0
 105: r1 = map[fs_losses] ll
 107: r2 = r10
 108: r2 += -40
 109: call bpf_map_lookup_elem#1
 110: r4 = r0
 111: if r4 == 0x0 goto pc+3
 112: r5 = *(u64 *)(r4 +120)
 113: r5 += 1
 114: *(u64 *)(r4 +120) = r5
 115: r7 = 1
 116: r0 = 0
 117: exit

