profile hz 99 < @[kstack, ustack] = count() >
fs_0_profile (perf_event):
   0: r6 = r1
;; profile hz 99 < @[kstack, ustack] = count() >
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
  16: *(u64 *)(r10 -128) = r0
;; @[kstack, ustack] = count()
  17: *(u64 *)(r10 -32) = 0
  18: *(u64 *)(r10 -24) = 0
  19: *(u64 *)(r10 -16) = 0
  20: r0 = -12
  21: *(u64 *)(r10 -136) = r0
  22: *(u32 *)(r10 -40) = 1
  23: r1 = map[fs_scratch] ll
  25: r2 = r10
  26: r2 += -40
  27: call bpf_map_lookup_elem#1
  28: r9 = r0
  29: if r9 == 0x0 goto pc+31
  30: r7 = 0xcbf29ce484222325 ll
  32: r1 = r6
  33: r2 = r9
  34: r3 = 1016
  35: r4 = 0
  36: call bpf_get_stack#67
  37: r4 = r0
  38: *(u64 *)(r10 -136) = r4
  39: if r4 s< 0x0 goto pc+21
  40: r0 = -14
  41: *(u64 *)(r10 -136) = r0
  42: if r4 == 0x0 goto pc+18
  43: r3 = 0xcbf29ce484222325 ll
  45: r5 = r4
  46: r5 >>= 3
  47: r4 = r9
  48: r9 = 0
  49: if r9 >= r5 goto pc+8
  50: r8 = *(u64 *)(r4 +0)
  51: r3 ^= r8
  52: r1 = 0x100000001b3 ll
  54: r3 *= r1
  55: r4 += 8
  56: r9 += 1
  57: if r9 < 0x7f goto pc-9
  58: r7 = r3
  59: r7 >>= 1
  60: *(u64 *)(r10 -136) = r7
  61: r2 = *(u64 *)(r10 -136)
  62: *(u64 *)(r10 -32) = r2
  63: r9 = -12
  64: *(u32 *)(r10 -48) = 0
  65: r1 = map[fs_scratch] ll
  67: r2 = r10
  68: r2 += -48
  69: call bpf_map_lookup_elem#1
  70: r8 = r0
  71: if r8 == 0x0 goto pc+30
  72: r7 = 0xcbf29ce484222325 ll
  74: r1 = r6
  75: r2 = r8
  76: r3 = 1016
  77: r4 = 256
  78: call bpf_get_stack#67
  79: r4 = r0
  80: r9 = r4
  81: if r4 s< 0x0 goto pc+20
  82: r9 = -14
  83: if r4 == 0x0 goto pc+18
  84: r5 = 0xcbf29ce484222325 ll
  86: r3 = r4
  87: r3 >>= 3
  88: r4 = r8
  89: r8 = 0
  90: if r8 >= r3 goto pc+8
  91: r6 = *(u64 *)(r4 +0)
  92: r5 ^= r6
  93: r1 = 0x100000001b3 ll
  95: r5 *= r1
  96: r4 += 8
  97: r8 += 1
  98: if r8 < 0x7f goto pc-9
  99: r7 = r5
 100: r7 >>= 1
 101: r9 = r7
 102: *(u64 *)(r10 -24) = r9
 103: call bpf_get_current_pid_tgid#14
 104: r4 = r0
 105: r3 = r4
 106: r3 >>= 32
 107: *(u64 *)(r10 -16) = r3
 108: r1 = map[fs_0] ll
 110: r2 = r10
 111: r2 += -32
 112: call bpf_map_lookup_elem#1
 113: r3 = r0
 114: if r3 == 0x0 goto pc+4
 115: r4 = *(u64 *)(r3 +0)
 116: r4 += 1
 117: *(u64 *)(r3 +0) = r4
 118: goto pc+135
 119: *(u32 *)(r10 -56) = 1
 120: r1 = map[fs_scratch] ll
 122: r2 = r10
 123: r2 += -56
 124: call bpf_map_lookup_elem#1
 125: r6 = r0
 126: if r6 == 0x0 goto pc+33
 127: r2 = *(u64 *)(r10 -136)
 128: *(u64 *)(r10 -64) = r2
 129: r1 = map[fs_stacks] ll
 131: r2 = r10
 132: r2 += -64
 133: call bpf_map_lookup_elem#1
 134: r4 = r0
 135: if r4 != 0x0 goto pc+24
 136: r3 = r6
 137: r1 = map[fs_stacks] ll
 139: r2 = r10
 140: r2 += -64
 141: r4 = 1
 142: call bpf_map_update_elem#2
 143: r4 = r0
 144: if r4 == 0x0 goto pc+15
 145: r3 = r4
 146: r3 <<= 32
 147: r3 s>>= 32
 148: if r3 == 0xffffffef goto pc+11
 149: *(u32 *)(r10 -72) = 0
 150: r1 = map[fs_losses] ll
 152: r2 = r10
 153: r2 += -72
 154: call bpf_map_lookup_elem#1
 155: r3 = r0
 156: if r3 == 0x0 goto pc+3
 157: r4 = *(u64 *)(r3 +96)
 158: r4 += 1
 159: *(u64 *)(r3 +96) = r4
 160: *(u32 *)(r10 -80) = 0
 161: r1 = map[fs_scratch] ll
 163: r2 = r10
 164: r2 += -80
 165: call bpf_map_lookup_elem#1
 166: r6 = r0
 167: if r6 == 0x0 goto pc+32
 168: *(u64 *)(r10 -88) = r9
 169: r1 = map[fs_stacks] ll
 171: r2 = r10
 172: r2 += -88
 173: call bpf_map_lookup_elem#1
 174: r4 = r0
 175: if r4 != 0x0 goto pc+24
 176: r3 = r6
 177: r1 = map[fs_stacks] ll
 179: r2 = r10
 180: r2 += -88
 181: r4 = 1
 182: call bpf_map_update_elem#2
 183: r4 = r0
 184: if r4 == 0x0 goto pc+15
 185: r3 = r4
 186: r3 <<= 32
 187: r3 s>>= 32
 188: if r3 == 0xffffffef goto pc+11
 189: *(u32 *)(r10 -96) = 0
 190: r1 = map[fs_losses] ll
 192: r2 = r10
 193: r2 += -96
 194: call bpf_map_lookup_elem#1
 195: r3 = r0
 196: if r3 == 0x0 goto pc+3
 197: r4 = *(u64 *)(r3 +96)
 198: r4 += 1
 199: *(u64 *)(r3 +96) = r4
 200: *(u64 *)(r10 -104) = 1
 201: r1 = map[fs_0] ll
 203: r2 = r10
 204: r2 += -32
 205: r3 = r10
 206: r3 += -104
 207: r4 = 1
 208: call bpf_map_update_elem#2
 209: r4 = r0
 210: if r4 == 0x0 goto pc+43
 211: r4 <<= 32
 212: r4 s>>= 32
 213: if r4 != 0xffffffef goto pc+11
 214: r1 = map[fs_0] ll
 216: r2 = r10
 217: r2 += -32
 218: call bpf_map_lookup_elem#1
 219: r4 = r0
 220: if r4 == 0x0 goto pc+4
 221: r3 = *(u64 *)(r4 +0)
 222: r3 += 1
 223: *(u64 *)(r4 +0) = r3
 224: goto pc+29
 225: *(u32 *)(r10 -112) = 0
 226: r1 = map[fs_losses] ll
 228: r2 = r10
 229: r2 += -112
 230: call bpf_map_lookup_elem#1
 231: r3 = r0
 232: if r3 == 0x0 goto pc+6
 233: r4 = *(u64 *)(r3 +16)
 234: r4 += 1
 235: *(u64 *)(r3 +16) = r4
 236: r4 = *(u64 *)(r3 +88)
 237: r4 += 1
 238: *(u64 *)(r3 +88) = r4
 239: r1 = *(u64 *)(r10 -128)
 240: if r1 != 0x0 goto pc+13
 241: *(u32 *)(r10 -120) = 0
 242: r1 = map[fs_losses] ll
 244: r2 = r10
 245: r2 += -120
 246: call bpf_map_lookup_elem#1
 247: r4 = r0
 248: if r4 == 0x0 goto pc+3
 249: r3 = *(u64 *)(r4 +120)
 250: r3 += 1
 251: *(u64 *)(r4 +120) = r3
 252: r0 = 1
 253: *(u64 *)(r10 -128) = r0
 254: r0 = 0
 255: exit

