profile hz 49 < @[comm, ustack] = sum(period) >
fs_0_profile (perf_event):
   0: r6 = r1
;; profile hz 49 < @[comm, ustack] = sum(period) >
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
  16: *(u64 *)(r10 -112) = r0
  17: r0 = 0
  18: *(u64 *)(r10 -104) = r0
;; @[comm, ustack] = sum(period)
  19: r0 = *(u64 *)(r6 +168)
  20: *(u64 *)(r10 -120) = r0
  21: *(u64 *)(r10 -40) = 0
  22: *(u64 *)(r10 -32) = 0
  23: *(u64 *)(r10 -24) = 0
  24: *(u64 *)(r10 -16) = 0
  25: r1 = r10
  26: r1 += -40
  27: r2 = 16
  28: call bpf_get_current_comm#16
  29: r8 = -12
  30: *(u32 *)(r10 -48) = 0
  31: r1 = map[fs_scratch] ll
  33: r2 = r10
  34: r2 += -48
  35: call bpf_map_lookup_elem#1
  36: r7 = r0
  37: if r7 == 0x0 goto pc+30
  38: r9 = 0xcbf29ce484222325 ll
  40: r1 = r6
  41: r2 = r7
  42: r3 = 1016
  43: r4 = 256
  44: call bpf_get_stack#67
  45: r4 = r0
  46: r8 = r4
  47: if r4 s< 0x0 goto pc+20
  48: r8 = -14
  49: if r4 == 0x0 goto pc+18
  50: r3 = 0xcbf29ce484222325 ll
  52: r5 = r4
  53: r5 >>= 3
  54: r4 = r7
  55: r7 = 0
  56: if r7 >= r5 goto pc+8
  57: r6 = *(u64 *)(r4 +0)
  58: r3 ^= r6
  59: r1 = 0x100000001b3 ll
  61: r3 *= r1
  62: r4 += 8
  63: r7 += 1
  64: if r7 < 0x7f goto pc-9
  65: r9 = r3
  66: r9 >>= 1
  67: r8 = r9
  68: *(u64 *)(r10 -24) = r8
  69: call bpf_get_current_pid_tgid#14
  70: r4 = r0
  71: r5 = r4
  72: r5 >>= 32
  73: *(u64 *)(r10 -16) = r5
  74: r1 = map[fs_0] ll
  76: r2 = r10
  77: r2 += -40
  78: call bpf_map_lookup_elem#1
  79: r5 = r0
  80: if r5 == 0x0 goto pc+16
  81: r4 = *(u64 *)(r5 +0)
  82: r3 = r4
  83: r1 = *(u64 *)(r10 -120)
  84: r3 += r1
  85: r4 ^= r3
  86: r6 = r1
  87: r6 ^= r3
  88: r6 &= r4
  89: r0 = *(u64 *)(r10 -104)
  90: r0 |= r6
  91: *(u64 *)(r10 -104) = r0
  92: r6 s>>= 63
  93: r4 &= r6
  94: r3 ^= r4
  95: *(u64 *)(r5 +0) = r3
  96: goto pc+108
  97: *(u32 *)(r10 -56) = 0
  98: r1 = map[fs_scratch] ll
 100: r2 = r10
 101: r2 += -56
 102: call bpf_map_lookup_elem#1
 103: r6 = r0
 104: if r6 == 0x0 goto pc+32
 105: *(u64 *)(r10 -64) = r8
 106: r1 = map[fs_stacks] ll
 108: r2 = r10
 109: r2 += -64
 110: call bpf_map_lookup_elem#1
 111: r3 = r0
 112: if r3 != 0x0 goto pc+24
 113: r3 = r6
 114: r1 = map[fs_stacks] ll
 116: r2 = r10
 117: r2 += -64
 118: r4 = 1
 119: call bpf_map_update_elem#2
 120: r3 = r0
 121: if r3 == 0x0 goto pc+15
 122: r4 = r3
 123: r4 <<= 32
 124: r4 s>>= 32
 125: if r4 == 0xffffffef goto pc+11
 126: *(u32 *)(r10 -72) = 0
 127: r1 = map[fs_losses] ll
 129: r2 = r10
 130: r2 += -72
 131: call bpf_map_lookup_elem#1
 132: r4 = r0
 133: if r4 == 0x0 goto pc+3
 134: r3 = *(u64 *)(r4 +96)
 135: r3 += 1
 136: *(u64 *)(r4 +96) = r3
 137: r2 = *(u64 *)(r10 -120)
 138: *(u64 *)(r10 -80) = r2
 139: r1 = map[fs_0] ll
 141: r2 = r10
 142: r2 += -40
 143: r3 = r10
 144: r3 += -80
 145: r4 = 1
 146: call bpf_map_update_elem#2
 147: r3 = r0
 148: if r3 == 0x0 goto pc+56
 149: r3 <<= 32
 150: r3 s>>= 32
 151: if r3 != 0xffffffef goto pc+23
 152: r1 = map[fs_0] ll
 154: r2 = r10
 155: r2 += -40
 156: call bpf_map_lookup_elem#1
 157: r3 = r0
 158: if r3 == 0x0 goto pc+16
 159: r4 = *(u64 *)(r3 +0)
 160: r5 = r4
 161: r1 = *(u64 *)(r10 -120)
 162: r5 += r1
 163: r4 ^= r5
 164: r6 = r1
 165: r6 ^= r5
 166: r6 &= r4
 167: r0 = *(u64 *)(r10 -104)
 168: r0 |= r6
 169: *(u64 *)(r10 -104) = r0
 170: r6 s>>= 63
 171: r4 &= r6
 172: r5 ^= r4
 173: *(u64 *)(r3 +0) = r5
 174: goto pc+30
 175: *(u32 *)(r10 -88) = 0
 176: r1 = map[fs_losses] ll
 178: r2 = r10
 179: r2 += -88
 180: call bpf_map_lookup_elem#1
 181: r5 = r0
 182: if r5 == 0x0 goto pc+7
 183: r4 = *(u64 *)(r5 +16)
 184: r4 += 1
 185: *(u64 *)(r5 +16) = r4
 186: r4 = *(u64 *)(r5 +88)
 187: r1 = *(u64 *)(r10 -120)
 188: r4 += r1
 189: *(u64 *)(r5 +88) = r4
 190: r1 = *(u64 *)(r10 -112)
 191: if r1 != 0x0 goto pc+13
 192: *(u32 *)(r10 -96) = 0
 193: r1 = map[fs_losses] ll
 195: r2 = r10
 196: r2 += -96
 197: call bpf_map_lookup_elem#1
 198: r4 = r0
 199: if r4 == 0x0 goto pc+3
 200: r5 = *(u64 *)(r4 +120)
 201: r5 += 1
 202: *(u64 *)(r4 +120) = r5
 203: r0 = 1
 204: *(u64 *)(r10 -112) = r0
 205: r1 = *(u64 *)(r10 -104)
 206: if r1 s>= 0x0 goto pc+11
 207: *(u32 *)(r10 -48) = 0
 208: r1 = map[fs_losses] ll
 210: r2 = r10
 211: r2 += -48
 212: call bpf_map_lookup_elem#1
 213: r5 = r0
 214: if r5 == 0x0 goto pc+3
 215: r4 = *(u64 *)(r5 +128)
 216: r4 += 1
 217: *(u64 *)(r5 +128) = r4
 218: r0 = 0
 219: exit

