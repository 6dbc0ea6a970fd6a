bio < @[kstack] = sum(bytes) >
fs_0_bio (tracepoint/block/block_rq_issue):
   0: r6 = r1
;; bio < @[kstack] = sum(bytes) >
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
  15: r0 = 0
  16: *(u64 *)(r10 -88) = r0
  17: r0 = 0
  18: *(u64 *)(r10 -80) = r0
;; @[kstack] = sum(bytes)
  19: r0 = *(u32 *)(r6 +28)
  20: *(u64 *)(r10 -96) = r0
  21: *(u64 *)(r10 -16) = 0
  22: r8 = -12
  23: *(u32 *)(r10 -24) = 1
  24: r1 = map[fs_scratch] ll
  26: r2 = r10
  27: r2 += -24
  28: call bpf_map_lookup_elem#1
  29: r7 = r0
  30: if r7 == 0x0 goto pc+31
  31: r9 = 0xcbf29ce484222325 ll
  33: r1 = r6
  34: r2 = r7
  35: r3 = 1016
  36: r4 = 0
  37: call bpf_get_stack#67
  38: r4 = r0
  39: r3 = r4
  40: r8 = r3
  41: if r3 s< 0x0 goto pc+20
  42: r8 = -14
  43: if r3 == 0x0 goto pc+18
  44: r4 = 0xcbf29ce484222325 ll
  46: r5 = r3
  47: r5 >>= 3
  48: r3 = r7
  49: r7 = 0
  50: if r7 >= r5 goto pc+8
  51: r6 = *(u64 *)(r3 +0)
  52: r4 ^= r6
  53: r1 = 0x100000001b3 ll
  55: r4 *= r1
  56: r3 += 8
  57: r7 += 1
  58: if r7 < 0x7f goto pc-9
  59: r9 = r4
  60: r9 >>= 1
  61: r8 = r9
  62: *(u64 *)(r10 -16) = r8
  63: r1 = map[fs_0] ll
  65: r2 = r10
  66: r2 += -16
  67: call bpf_map_lookup_elem#1
  68: r3 = r0
  69: if r3 == 0x0 goto pc+16
  70: r5 = *(u64 *)(r3 +0)
  71: r4 = r5
  72: r1 = *(u64 *)(r10 -96)
  73: r4 += r1
  74: r5 ^= r4
  75: r6 = r1
  76: r6 ^= r4
  77: r6 &= r5
  78: r0 = *(u64 *)(r10 -80)
  79: r0 |= r6
  80: *(u64 *)(r10 -80) = r0
  81: r6 s>>= 63
  82: r5 &= r6
  83: r4 ^= r5
  84: *(u64 *)(r3 +0) = r4
  85: goto pc+108
  86: *(u32 *)(r10 -32) = 1
  87: r1 = map[fs_scratch] ll
  89: r2 = r10
  90: r2 += -32
  91: call bpf_map_lookup_elem#1
  92: r6 = r0
  93: if r6 == 0x0 goto pc+32
  94: *(u64 *)(r10 -40) = r8
  95: r1 = map[fs_stacks] ll
  97: r2 = r10
  98: r2 += -40
  99: call bpf_map_lookup_elem#1
 100: r4 = r0
 101: if r4 != 0x0 goto pc+24
 102: r3 = r6
 103: r1 = map[fs_stacks] ll
 105: r2 = r10
 106: r2 += -40
 107: r4 = 1
 108: call bpf_map_update_elem#2
 109: r4 = r0
 110: if r4 == 0x0 goto pc+15
 111: r5 = r4
 112: r5 <<= 32
 113: r5 s>>= 32
 114: if r5 == 0xffffffef goto pc+11
 115: *(u32 *)(r10 -48) = 0
 116: r1 = map[fs_losses] ll
 118: r2 = r10
 119: r2 += -48
 120: call bpf_map_lookup_elem#1
 121: r5 = r0
 122: if r5 == 0x0 goto pc+3
 123: r4 = *(u64 *)(r5 +96)
 124: r4 += 1
 125: *(u64 *)(r5 +96) = r4
 126: r2 = *(u64 *)(r10 -96)
 127: *(u64 *)(r10 -56) = r2
 128: r1 = map[fs_0] ll
 130: r2 = r10
 131: r2 += -16
 132: r3 = r10
 133: r3 += -56
 134: r4 = 1
 135: call bpf_map_update_elem#2
 136: r4 = r0
 137: if r4 == 0x0 goto pc+56
 138: r4 <<= 32
 139: r4 s>>= 32
 140: if r4 != 0xffffffef goto pc+23
 141: r1 = map[fs_0] ll
 143: r2 = r10
 144: r2 += -16
 145: call bpf_map_lookup_elem#1
 146: r4 = r0
 147: if r4 == 0x0 goto pc+16
 148: r5 = *(u64 *)(r4 +0)
 149: r3 = r5
 150: r1 = *(u64 *)(r10 -96)
 151: r3 += r1
 152: r5 ^= r3
 153: r6 = r1
 154: r6 ^= r3
 155: r6 &= r5
 156: r0 = *(u64 *)(r10 -80)
 157: r0 |= r6
 158: *(u64 *)(r10 -80) = r0
 159: r6 s>>= 63
 160: r5 &= r6
 161: r3 ^= r5
 162: *(u64 *)(r4 +0) = r3
 163: goto pc+30
 164: *(u32 *)(r10 -64) = 0
 165: r1 = map[fs_losses] ll
 167: r2 = r10
 168: r2 += -64
 169: call bpf_map_lookup_elem#1
 170: r3 = r0
 171: if r3 == 0x0 goto pc+7
 172: r5 = *(u64 *)(r3 +16)
 173: r5 += 1
 174: *(u64 *)(r3 +16) = r5
 175: r5 = *(u64 *)(r3 +88)
 176: r1 = *(u64 *)(r10 -96)
 177: r5 += r1
 178: *(u64 *)(r3 +88) = r5
 179: r1 = *(u64 *)(r10 -88)
 180: if r1 != 0x0 goto pc+13
 181: *(u32 *)(r10 -72) = 0
 182: r1 = map[fs_losses] ll
 184: r2 = r10
 185: r2 += -72
 186: call bpf_map_lookup_elem#1
 187: r5 = r0
 188: if r5 == 0x0 goto pc+3
 189: r3 = *(u64 *)(r5 +120)
 190: r3 += 1
 191: *(u64 *)(r5 +120) = r3
 192: r0 = 1
 193: *(u64 *)(r10 -88) = r0
 194: r1 = *(u64 *)(r10 -80)
 195: if r1 s>= 0x0 goto pc+11
 196: *(u32 *)(r10 -16) = 0
 197: r1 = map[fs_losses] ll
 199: r2 = r10
 200: r2 += -16
 201: call bpf_map_lookup_elem#1
 202: r3 = r0
 203: if r3 == 0x0 goto pc+3
 204: r5 = *(u64 *)(r3 +128)
 205: r5 += 1
 206: *(u64 *)(r3 +128) = r5
 207: r0 = 0
 208: exit

