profile hz 49 < @[comm, ustack] = sum(period) >
fs_0_profile (perf_event):
   0: *(u64 *)(r10 -168) = r1
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
  16: *(u64 *)(r10 -128) = r0
  17: r0 = 0
  18: *(u64 *)(r10 -120) = r0
;; @[comm, ustack] = sum(period)
  19: r1 = *(u64 *)(r10 -168)
  20: r0 = *(u64 *)(r1 +168)
  21: *(u64 *)(r10 -136) = r0
  22: *(u64 *)(r10 -40) = 0
  23: *(u64 *)(r10 -32) = 0
  24: *(u64 *)(r10 -24) = 0
  25: *(u64 *)(r10 -16) = 0
  26: r1 = r10
  27: r1 += -40
  28: r2 = 16
  29: call bpf_get_current_comm#16
  30: r0 = -12
  31: *(u64 *)(r10 -144) = r0
  32: *(u32 *)(r10 -48) = 0
  33: r1 = map[fs_scratch] ll
  35: r2 = r10
  36: r2 += -48
  37: call bpf_map_lookup_elem#1
  38: *(u64 *)(r10 -160) = r0
  39: if r0 == 0x0 goto pc+94
  40: r0 = 0xcbf29ce484222325 ll
  42: *(u64 *)(r10 -152) = r0
  43: call bpf_get_current_task_btf#158
  44: r4 = r0
  45: r1 = r4
  46: call bpf_task_pt_regs#175
  47: r3 = r0
  48: r4 = *(u64 *)(r3 +136)
  49: if r4 == 0x0 goto pc+48
  50: if r4 != 0x33 goto pc+50
  51: r4 = *(u64 *)(r3 +128)
  52: r8 = *(u64 *)(r3 +152)
  53: r9 = *(u64 *)(r3 +32)
  54: r1 = *(u64 *)(r10 -160)
  55: *(u64 *)(r1 +0) = r4
  56: r0 = *(u64 *)(r10 -152)
  57: r0 ^= r4
  58: *(u64 *)(r10 -152) = r0
  59: r1 = 0x100000001b3 ll
  61: r0 *= r1
  62: *(u64 *)(r10 -152) = r0
  63: r1 = *(u64 *)(r10 -160)
  64: r7 = r1
  65: r7 += 8
  66: r6 = 1
  67: *(u64 *)(r7 +0) = 0
  68: if r9 & 0x7 goto pc+28
  69: if r9 < r8 goto pc+27
  70: r2 = 0x7fffffffeff0 ll
  72: if r9 > r2 goto pc+24
  73: r3 = r9
  74: r1 = r10
  75: r1 += -64
  76: r2 = 16
  77: call bpf_probe_read_user#112
  78: r4 = r0
  79: if r4 != 0x0 goto pc+17
  80: r4 = *(u64 *)(r10 -56)
  81: if r4 == 0x0 goto pc+15
  82: r3 = *(u64 *)(r10 -64)
  83: *(u64 *)(r7 +0) = r4
  84: r0 = *(u64 *)(r10 -152)
  85: r0 ^= r4
  86: *(u64 *)(r10 -152) = r0
  87: r1 = 0x100000001b3 ll
  89: r0 *= r1
  90: *(u64 *)(r10 -152) = r0
  91: r7 += 8
  92: r8 = r9
  93: r8 += 16
  94: r9 = r3
  95: r6 += 1
  96: if r6 < 0x7f goto pc-30
  97: goto pc+32
  98: r0 = -14
  99: *(u64 *)(r10 -144) = r0
 100: goto pc+33
 101: r1 = *(u64 *)(r10 -168)
 102: r2 = *(u64 *)(r10 -160)
 103: r3 = 1016
 104: r4 = 256
 105: call bpf_get_stack#67
 106: r3 = r0
 107: r4 = r3
 108: *(u64 *)(r10 -144) = r4
 109: if r4 s< 0x0 goto pc+24
 110: r0 = -14
 111: *(u64 *)(r10 -144) = r0
 112: if r4 == 0x0 goto pc+21
 113: r3 = 0xcbf29ce484222325 ll
 115: r5 = r4
 116: r5 >>= 3
 117: r1 = *(u64 *)(r10 -160)
 118: r4 = r1
 119: r9 = 0
 120: if r9 >= r5 goto pc+8
 121: r8 = *(u64 *)(r4 +0)
 122: r3 ^= r8
 123: r1 = 0x100000001b3 ll
 125: r3 *= r1
 126: r4 += 8
 127: r9 += 1
 128: if r9 < 0x7f goto pc-9
 129: *(u64 *)(r10 -152) = r3
 130: r0 = *(u64 *)(r10 -152)
 131: r0 >>= 1
 132: *(u64 *)(r10 -152) = r0
 133: *(u64 *)(r10 -144) = r0
 134: r2 = *(u64 *)(r10 -144)
 135: *(u64 *)(r10 -24) = r2
 136: call bpf_get_current_pid_tgid#14
 137: r4 = r0
 138: r5 = r4
 139: r5 >>= 32
 140: *(u64 *)(r10 -16) = r5
 141: r1 = map[fs_0] ll
 143: r2 = r10
 144: r2 += -40
 145: call bpf_map_lookup_elem#1
 146: r5 = r0
 147: if r5 == 0x0 goto pc+16
 148: r4 = *(u64 *)(r5 +0)
 149: r3 = r4
 150: r1 = *(u64 *)(r10 -136)
 151: r3 += r1
 152: r4 ^= r3
 153: r8 = r1
 154: r8 ^= r3
 155: r8 &= r4
 156: r0 = *(u64 *)(r10 -120)
 157: r0 |= r8
 158: *(u64 *)(r10 -120) = r0
 159: r8 s>>= 63
 160: r4 &= r8
 161: r3 ^= r4
 162: *(u64 *)(r5 +0) = r3
 163: goto pc+109
 164: *(u32 *)(r10 -72) = 0
 165: r1 = map[fs_scratch] ll
 167: r2 = r10
 168: r2 += -72
 169: call bpf_map_lookup_elem#1
 170: r8 = r0
 171: if r8 == 0x0 goto pc+33
 172: r2 = *(u64 *)(r10 -144)
 173: *(u64 *)(r10 -80) = r2
 174: r1 = map[fs_stacks] ll
 176: r2 = r10
 177: r2 += -80
 178: call bpf_map_lookup_elem#1
 179: r3 = r0
 180: if r3 != 0x0 goto pc+24
 181: r3 = r8
 182: r1 = map[fs_stacks] ll
 184: r2 = r10
 185: r2 += -80
 186: r4 = 1
 187: call bpf_map_update_elem#2
 188: r3 = r0
 189: if r3 == 0x0 goto pc+15
 190: r4 = r3
 191: r4 <<= 32
 192: r4 s>>= 32
 193: if r4 == 0xffffffef goto pc+11
 194: *(u32 *)(r10 -88) = 0
 195: r1 = map[fs_losses] ll
 197: r2 = r10
 198: r2 += -88
 199: call bpf_map_lookup_elem#1
 200: r4 = r0
 201: if r4 == 0x0 goto pc+3
 202: r3 = *(u64 *)(r4 +96)
 203: r3 += 1
 204: *(u64 *)(r4 +96) = r3
 205: r2 = *(u64 *)(r10 -136)
 206: *(u64 *)(r10 -96) = r2
 207: r1 = map[fs_0] ll
 209: r2 = r10
 210: r2 += -40
 211: r3 = r10
 212: r3 += -96
 213: r4 = 1
 214: call bpf_map_update_elem#2
 215: r3 = r0
 216: if r3 == 0x0 goto pc+56
 217: r3 <<= 32
 218: r3 s>>= 32
 219: if r3 != 0xffffffef goto pc+23
 220: r1 = map[fs_0] ll
 222: r2 = r10
 223: r2 += -40
 224: call bpf_map_lookup_elem#1
 225: r3 = r0
 226: if r3 == 0x0 goto pc+16
 227: r4 = *(u64 *)(r3 +0)
 228: r5 = r4
 229: r1 = *(u64 *)(r10 -136)
 230: r5 += r1
 231: r4 ^= r5
 232: r8 = r1
 233: r8 ^= r5
 234: r8 &= r4
 235: r0 = *(u64 *)(r10 -120)
 236: r0 |= r8
 237: *(u64 *)(r10 -120) = r0
 238: r8 s>>= 63
 239: r4 &= r8
 240: r5 ^= r4
 241: *(u64 *)(r3 +0) = r5
 242: goto pc+30
 243: *(u32 *)(r10 -104) = 0
 244: r1 = map[fs_losses] ll
 246: r2 = r10
 247: r2 += -104
 248: call bpf_map_lookup_elem#1
 249: r5 = r0
 250: if r5 == 0x0 goto pc+7
 251: r4 = *(u64 *)(r5 +16)
 252: r4 += 1
 253: *(u64 *)(r5 +16) = r4
 254: r4 = *(u64 *)(r5 +88)
 255: r1 = *(u64 *)(r10 -136)
 256: r4 += r1
 257: *(u64 *)(r5 +88) = r4
 258: r1 = *(u64 *)(r10 -128)
 259: if r1 != 0x0 goto pc+13
 260: *(u32 *)(r10 -112) = 0
 261: r1 = map[fs_losses] ll
 263: r2 = r10
 264: r2 += -112
 265: call bpf_map_lookup_elem#1
 266: r4 = r0
 267: if r4 == 0x0 goto pc+3
 268: r5 = *(u64 *)(r4 +120)
 269: r5 += 1
 270: *(u64 *)(r4 +120) = r5
 271: r0 = 1
 272: *(u64 *)(r10 -128) = r0
 273: r1 = *(u64 *)(r10 -120)
 274: if r1 s>= 0x0 goto pc+11
 275: *(u32 *)(r10 -48) = 0
 276: r1 = map[fs_losses] ll
 278: r2 = r10
 279: r2 += -48
 280: call bpf_map_lookup_elem#1
 281: r5 = r0
 282: if r5 == 0x0 goto pc+3
 283: r4 = *(u64 *)(r5 +128)
 284: r4 += 1
 285: *(u64 *)(r5 +128) = r4
 286: r0 = 0
 287: exit

