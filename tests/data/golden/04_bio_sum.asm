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
  30: if r7 == 0x0 goto pc+30
  31: r9 = 0xcbf29ce484222325 ll
  33: r1 = r6
  34: r2 = r7
  35: r3 = 1016
  36: r4 = 0
  37: call bpf_get_stack#67
  38: r4 = r0
  39: r8 = r4
  40: if r4 s< 0x0 goto pc+20
  41: r8 = -14
  42: if r4 == 0x0 goto pc+18
  43: r3 = 0xcbf29ce484222325 ll
  45: r5 = r4
  46: r5 >>= 3
  47: r4 = r7
  48: r7 = 0
  49: if r7 >= r5 goto pc+8
  50: r6 = *(u64 *)(r4 +0)
  51: r3 ^= r6
  52: r1 = 0x100000001b3 ll
  54: r3 *= r1
  55: r4 += 8
  56: r7 += 1
  57: if r7 < 0x7f goto pc-9
  58: r9 = r3
  59: r9 >>= 1
  60: r8 = r9
  61: *(u64 *)(r10 -16) = r8
  62: r1 = map[fs_0] ll
  64: r2 = r10
  65: r2 += -16
  66: call bpf_map_lookup_elem#1
  67: r4 = r0
  68: if r4 == 0x0 goto pc+16
  69: r5 = *(u64 *)(r4 +0)
  70: r3 = r5
  71: r1 = *(u64 *)(r10 -96)
  72: r3 += r1
  73: r5 ^= r3
  74: r6 = r1
  75: r6 ^= r3
  76: r6 &= r5
  77: r0 = *(u64 *)(r10 -80)
  78: r0 |= r6
  79: *(u64 *)(r10 -80) = r0
  80: r6 s>>= 63
  81: r5 &= r6
  82: r3 ^= r5
  83: *(u64 *)(r4 +0) = r3
  84: goto pc+108
  85: *(u32 *)(r10 -32) = 1
  86: r1 = map[fs_scratch] ll
  88: r2 = r10
  89: r2 += -32
  90: call bpf_map_lookup_elem#1
  91: r6 = r0
  92: if r6 == 0x0 goto pc+32
  93: *(u64 *)(r10 -40) = r8
  94: r1 = map[fs_stacks] ll
  96: r2 = r10
  97: r2 += -40
  98: call bpf_map_lookup_elem#1
  99: r3 = r0
 100: if r3 != 0x0 goto pc+24
 101: r3 = r6
 102: r1 = map[fs_stacks] ll
 104: r2 = r10
 105: r2 += -40
 106: r4 = 1
 107: call bpf_map_update_elem#2
 108: r3 = r0
 109: if r3 == 0x0 goto pc+15
 110: r5 = r3
 111: r5 <<= 32
 112: r5 s>>= 32
 113: if r5 == 0xffffffef goto pc+11
 114: *(u32 *)(r10 -48) = 0
 115: r1 = map[fs_losses] ll
 117: r2 = r10
 118: r2 += -48
 119: call bpf_map_lookup_elem#1
 120: r5 = r0
 121: if r5 == 0x0 goto pc+3
 122: r3 = *(u64 *)(r5 +96)
 123: r3 += 1
 124: *(u64 *)(r5 +96) = r3
 125: r2 = *(u64 *)(r10 -96)
 126: *(u64 *)(r10 -56) = r2
 127: r1 = map[fs_0] ll
 129: r2 = r10
 130: r2 += -16
 131: r3 = r10
 132: r3 += -56
 133: r4 = 1
 134: call bpf_map_update_elem#2
 135: r3 = r0
 136: if r3 == 0x0 goto pc+56
 137: r3 <<= 32
 138: r3 s>>= 32
 139: if r3 != 0xffffffef goto pc+23
 140: r1 = map[fs_0] ll
 142: r2 = r10
 143: r2 += -16
 144: call bpf_map_lookup_elem#1
 145: r3 = r0
 146: if r3 == 0x0 goto pc+16
 147: r5 = *(u64 *)(r3 +0)
 148: r4 = r5
 149: r1 = *(u64 *)(r10 -96)
 150: r4 += r1
 151: r5 ^= r4
 152: r6 = r1
 153: r6 ^= r4
 154: r6 &= r5
 155: r0 = *(u64 *)(r10 -80)
 156: r0 |= r6
 157: *(u64 *)(r10 -80) = r0
 158: r6 s>>= 63
 159: r5 &= r6
 160: r4 ^= r5
 161: *(u64 *)(r3 +0) = r4
 162: goto pc+30
 163: *(u32 *)(r10 -64) = 0
 164: r1 = map[fs_losses] ll
 166: r2 = r10
 167: r2 += -64
 168: call bpf_map_lookup_elem#1
 169: r4 = r0
 170: if r4 == 0x0 goto pc+7
 171: r5 = *(u64 *)(r4 +16)
 172: r5 += 1
 173: *(u64 *)(r4 +16) = r5
 174: r5 = *(u64 *)(r4 +88)
 175: r1 = *(u64 *)(r10 -96)
 176: r5 += r1
 177: *(u64 *)(r4 +88) = r5
 178: r1 = *(u64 *)(r10 -88)
 179: if r1 != 0x0 goto pc+13
 180: *(u32 *)(r10 -72) = 0
 181: r1 = map[fs_losses] ll
 183: r2 = r10
 184: r2 += -72
 185: call bpf_map_lookup_elem#1
 186: r5 = r0
 187: if r5 == 0x0 goto pc+3
 188: r4 = *(u64 *)(r5 +120)
 189: r4 += 1
 190: *(u64 *)(r5 +120) = r4
 191: r0 = 1
 192: *(u64 *)(r10 -88) = r0
 193: r1 = *(u64 *)(r10 -80)
 194: if r1 s>= 0x0 goto pc+11
 195: *(u32 *)(r10 -16) = 0
 196: r1 = map[fs_losses] ll
 198: r2 = r10
 199: r2 += -16
 200: call bpf_map_lookup_elem#1
 201: r4 = r0
 202: if r4 == 0x0 goto pc+3
 203: r5 = *(u64 *)(r4 +128)
 204: r5 += 1
 205: *(u64 *)(r4 +128) = r5
 206: r0 = 0
 207: exit

