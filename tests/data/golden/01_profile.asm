profile hz 99 < @[kstack, ustack] = count() >
fs_0_profile (perf_event):
   0: *(u64 *)(r10 -184) = r1
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
  16: *(u64 *)(r10 -144) = r0
;; @[kstack, ustack] = count()
  17: *(u64 *)(r10 -32) = 0
  18: *(u64 *)(r10 -24) = 0
  19: *(u64 *)(r10 -16) = 0
  20: r0 = -12
  21: *(u64 *)(r10 -152) = r0
  22: *(u32 *)(r10 -40) = 1
  23: r1 = map[fs_scratch] ll
  25: r2 = r10
  26: r2 += -40
  27: call bpf_map_lookup_elem#1
  28: r9 = r0
  29: if r9 == 0x0 goto pc+38
  30: r7 = 0xcbf29ce484222325 ll
  32: r1 = *(u64 *)(r10 -184)
  33: r4 = *(u64 *)(r1 +136)
  34: r4 &= 3
  35: if r4 != 0x3 goto pc+2
  36: r8 = 0
  37: goto pc+7
  38: r2 = r9
  39: r1 = *(u64 *)(r10 -184)
  40: r3 = 1016
  41: r4 = 0
  42: call bpf_get_stack#67
  43: r4 = r0
  44: r8 = r4
  45: *(u64 *)(r10 -152) = r8
  46: if r8 s< 0x0 goto pc+21
  47: r0 = -14
  48: *(u64 *)(r10 -152) = r0
  49: if r8 == 0x0 goto pc+18
  50: r4 = 0xcbf29ce484222325 ll
  52: r3 = r8
  53: r3 >>= 3
  54: r5 = r9
  55: r9 = 0
  56: if r9 >= r3 goto pc+8
  57: r8 = *(u64 *)(r5 +0)
  58: r4 ^= r8
  59: r1 = 0x100000001b3 ll
  61: r4 *= r1
  62: r5 += 8
  63: r9 += 1
  64: if r9 < 0x7f goto pc-9
  65: r7 = r4
  66: r7 >>= 1
  67: *(u64 *)(r10 -152) = r7
  68: r2 = *(u64 *)(r10 -152)
  69: *(u64 *)(r10 -32) = r2
  70: r0 = -12
  71: *(u64 *)(r10 -160) = r0
  72: *(u32 *)(r10 -48) = 0
  73: r1 = map[fs_scratch] ll
  75: r2 = r10
  76: r2 += -48
  77: call bpf_map_lookup_elem#1
  78: *(u64 *)(r10 -176) = r0
  79: if r0 == 0x0 goto pc+94
  80: r0 = 0xcbf29ce484222325 ll
  82: *(u64 *)(r10 -168) = r0
  83: call bpf_get_current_task_btf#158
  84: r5 = r0
  85: r1 = r5
  86: call bpf_task_pt_regs#175
  87: r3 = r0
  88: r5 = *(u64 *)(r3 +136)
  89: if r5 == 0x0 goto pc+48
  90: if r5 != 0x33 goto pc+50
  91: r5 = *(u64 *)(r3 +128)
  92: r8 = *(u64 *)(r3 +152)
  93: r7 = *(u64 *)(r3 +32)
  94: r1 = *(u64 *)(r10 -176)
  95: *(u64 *)(r1 +0) = r5
  96: r0 = *(u64 *)(r10 -168)
  97: r0 ^= r5
  98: *(u64 *)(r10 -168) = r0
  99: r1 = 0x100000001b3 ll
 101: r0 *= r1
 102: *(u64 *)(r10 -168) = r0
 103: r1 = *(u64 *)(r10 -176)
 104: r9 = r1
 105: r9 += 8
 106: r6 = 1
 107: *(u64 *)(r9 +0) = 0
 108: if r7 & 0x7 goto pc+28
 109: if r7 < r8 goto pc+27
 110: r2 = 0x7fffffffeff0 ll
 112: if r7 > r2 goto pc+24
 113: r3 = r7
 114: r1 = r10
 115: r1 += -64
 116: r2 = 16
 117: call bpf_probe_read_user#112
 118: r5 = r0
 119: if r5 != 0x0 goto pc+17
 120: r5 = *(u64 *)(r10 -56)
 121: if r5 == 0x0 goto pc+15
 122: r3 = *(u64 *)(r10 -64)
 123: *(u64 *)(r9 +0) = r5
 124: r0 = *(u64 *)(r10 -168)
 125: r0 ^= r5
 126: *(u64 *)(r10 -168) = r0
 127: r1 = 0x100000001b3 ll
 129: r0 *= r1
 130: *(u64 *)(r10 -168) = r0
 131: r9 += 8
 132: r8 = r7
 133: r8 += 16
 134: r7 = r3
 135: r6 += 1
 136: if r6 < 0x7f goto pc-30
 137: goto pc+32
 138: r0 = -14
 139: *(u64 *)(r10 -160) = r0
 140: goto pc+33
 141: r1 = *(u64 *)(r10 -184)
 142: r2 = *(u64 *)(r10 -176)
 143: r3 = 1016
 144: r4 = 256
 145: call bpf_get_stack#67
 146: r3 = r0
 147: r5 = r3
 148: *(u64 *)(r10 -160) = r5
 149: if r5 s< 0x0 goto pc+24
 150: r0 = -14
 151: *(u64 *)(r10 -160) = r0
 152: if r5 == 0x0 goto pc+21
 153: r3 = 0xcbf29ce484222325 ll
 155: r4 = r5
 156: r4 >>= 3
 157: r1 = *(u64 *)(r10 -176)
 158: r5 = r1
 159: r7 = 0
 160: if r7 >= r4 goto pc+8
 161: r9 = *(u64 *)(r5 +0)
 162: r3 ^= r9
 163: r1 = 0x100000001b3 ll
 165: r3 *= r1
 166: r5 += 8
 167: r7 += 1
 168: if r7 < 0x7f goto pc-9
 169: *(u64 *)(r10 -168) = r3
 170: r0 = *(u64 *)(r10 -168)
 171: r0 >>= 1
 172: *(u64 *)(r10 -168) = r0
 173: *(u64 *)(r10 -160) = r0
 174: r2 = *(u64 *)(r10 -160)
 175: *(u64 *)(r10 -24) = r2
 176: call bpf_get_current_pid_tgid#14
 177: r5 = r0
 178: r4 = r5
 179: r4 >>= 32
 180: *(u64 *)(r10 -16) = r4
 181: r1 = map[fs_0] ll
 183: r2 = r10
 184: r2 += -32
 185: call bpf_map_lookup_elem#1
 186: r4 = r0
 187: if r4 == 0x0 goto pc+4
 188: r5 = *(u64 *)(r4 +0)
 189: r5 += 1
 190: *(u64 *)(r4 +0) = r5
 191: goto pc+136
 192: *(u32 *)(r10 -72) = 1
 193: r1 = map[fs_scratch] ll
 195: r2 = r10
 196: r2 += -72
 197: call bpf_map_lookup_elem#1
 198: r9 = r0
 199: if r9 == 0x0 goto pc+33
 200: r2 = *(u64 *)(r10 -152)
 201: *(u64 *)(r10 -80) = r2
 202: r1 = map[fs_stacks] ll
 204: r2 = r10
 205: r2 += -80
 206: call bpf_map_lookup_elem#1
 207: r5 = r0
 208: if r5 != 0x0 goto pc+24
 209: r3 = r9
 210: r1 = map[fs_stacks] ll
 212: r2 = r10
 213: r2 += -80
 214: r4 = 1
 215: call bpf_map_update_elem#2
 216: r5 = r0
 217: if r5 == 0x0 goto pc+15
 218: r4 = r5
 219: r4 <<= 32
 220: r4 s>>= 32
 221: if r4 == 0xffffffef goto pc+11
 222: *(u32 *)(r10 -88) = 0
 223: r1 = map[fs_losses] ll
 225: r2 = r10
 226: r2 += -88
 227: call bpf_map_lookup_elem#1
 228: r4 = r0
 229: if r4 == 0x0 goto pc+3
 230: r5 = *(u64 *)(r4 +96)
 231: r5 += 1
 232: *(u64 *)(r4 +96) = r5
 233: *(u32 *)(r10 -96) = 0
 234: r1 = map[fs_scratch] ll
 236: r2 = r10
 237: r2 += -96
 238: call bpf_map_lookup_elem#1
 239: r9 = r0
 240: if r9 == 0x0 goto pc+33
 241: r2 = *(u64 *)(r10 -160)
 242: *(u64 *)(r10 -104) = r2
 243: r1 = map[fs_stacks] ll
 245: r2 = r10
 246: r2 += -104
 247: call bpf_map_lookup_elem#1
 248: r5 = r0
 249: if r5 != 0x0 goto pc+24
 250: r3 = r9
 251: r1 = map[fs_stacks] ll
 253: r2 = r10
 254: r2 += -104
 255: r4 = 1
 256: call bpf_map_update_elem#2
 257: r5 = r0
 258: if r5 == 0x0 goto pc+15
 259: r4 = r5
 260: r4 <<= 32
 261: r4 s>>= 32
 262: if r4 == 0xffffffef goto pc+11
 263: *(u32 *)(r10 -112) = 0
 264: r1 = map[fs_losses] ll
 266: r2 = r10
 267: r2 += -112
 268: call bpf_map_lookup_elem#1
 269: r4 = r0
 270: if r4 == 0x0 goto pc+3
 271: r5 = *(u64 *)(r4 +96)
 272: r5 += 1
 273: *(u64 *)(r4 +96) = r5
 274: *(u64 *)(r10 -120) = 1
 275: r1 = map[fs_0] ll
 277: r2 = r10
 278: r2 += -32
 279: r3 = r10
 280: r3 += -120
 281: r4 = 1
 282: call bpf_map_update_elem#2
 283: r5 = r0
 284: if r5 == 0x0 goto pc+43
 285: r5 <<= 32
 286: r5 s>>= 32
 287: if r5 != 0xffffffef goto pc+11
 288: r1 = map[fs_0] ll
 290: r2 = r10
 291: r2 += -32
 292: call bpf_map_lookup_elem#1
 293: r5 = r0
 294: if r5 == 0x0 goto pc+4
 295: r4 = *(u64 *)(r5 +0)
 296: r4 += 1
 297: *(u64 *)(r5 +0) = r4
 298: goto pc+29
 299: *(u32 *)(r10 -128) = 0
 300: r1 = map[fs_losses] ll
 302: r2 = r10
 303: r2 += -128
 304: call bpf_map_lookup_elem#1
 305: r4 = r0
 306: if r4 == 0x0 goto pc+6
 307: r5 = *(u64 *)(r4 +16)
 308: r5 += 1
 309: *(u64 *)(r4 +16) = r5
 310: r5 = *(u64 *)(r4 +88)
 311: r5 += 1
 312: *(u64 *)(r4 +88) = r5
 313: r1 = *(u64 *)(r10 -144)
 314: if r1 != 0x0 goto pc+13
 315: *(u32 *)(r10 -136) = 0
 316: r1 = map[fs_losses] ll
 318: r2 = r10
 319: r2 += -136
 320: call bpf_map_lookup_elem#1
 321: r5 = r0
 322: if r5 == 0x0 goto pc+3
 323: r4 = *(u64 *)(r5 +120)
 324: r4 += 1
 325: *(u64 *)(r5 +120) = r4
 326: r0 = 1
 327: *(u64 *)(r10 -144) = r0
 328: r0 = 0
 329: exit

