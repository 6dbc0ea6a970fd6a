profile hz 99 < @[kstack, ustack] = count() >
fs_0_profile (perf_event):
   0: *(u64 *)(r10 -176) = r1
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
  16: *(u64 *)(r10 -136) = r0
;; @[kstack, ustack] = count()
  17: *(u64 *)(r10 -32) = 0
  18: *(u64 *)(r10 -24) = 0
  19: *(u64 *)(r10 -16) = 0
  20: r0 = -12
  21: *(u64 *)(r10 -144) = r0
  22: *(u32 *)(r10 -40) = 1
  23: r1 = map[fs_scratch] ll
  25: r2 = r10
  26: r2 += -40
  27: call bpf_map_lookup_elem#1
  28: r9 = r0
  29: if r9 == 0x0 goto pc+38
  30: r7 = 0xcbf29ce484222325 ll
  32: r1 = *(u64 *)(r10 -176)
  33: r4 = *(u64 *)(r1 +136)
  34: r4 &= 3
  35: if r4 != 0x3 goto pc+2
  36: r8 = 0
  37: goto pc+7
  38: r2 = r9
  39: r1 = *(u64 *)(r10 -176)
  40: r3 = 1016
  41: r4 = 0
  42: call bpf_get_stack#67
  43: r4 = r0
  44: r8 = r4
  45: *(u64 *)(r10 -144) = r8
  46: if r8 s< 0x0 goto pc+21
  47: r0 = -14
  48: *(u64 *)(r10 -144) = r0
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
  67: *(u64 *)(r10 -144) = r7
  68: r2 = *(u64 *)(r10 -144)
  69: *(u64 *)(r10 -32) = r2
  70: r0 = -12
  71: *(u64 *)(r10 -152) = r0
  72: *(u32 *)(r10 -48) = 0
  73: r1 = map[fs_scratch] ll
  75: r2 = r10
  76: r2 += -48
  77: call bpf_map_lookup_elem#1
  78: *(u64 *)(r10 -168) = r0
  79: if r0 == 0x0 goto pc+138
  80: r0 = 0xcbf29ce484222325 ll
  82: *(u64 *)(r10 -160) = r0
  83: *(u32 *)(r10 -56) = 3
  84: r1 = map[fs_scratch] ll
  86: r2 = r10
  87: r2 += -56
  88: call bpf_map_lookup_elem#1
  89: r8 = r0
  90: if r8 == 0x0 goto pc+94
  91: call bpf_get_current_task_btf#158
  92: r5 = r0
  93: r1 = r5
  94: call bpf_task_pt_regs#175
  95: r3 = r0
  96: r5 = *(u64 *)(r3 +136)
  97: if r5 == 0x0 goto pc+84
  98: if r5 != 0x33 goto pc+86
  99: r5 = *(u64 *)(r3 +128)
 100: r0 = *(u64 *)(r3 +152)
 101: *(u64 *)(r10 -208) = r0
 102: r9 = *(u64 *)(r3 +32)
 103: r1 = *(u64 *)(r10 -168)
 104: *(u64 *)(r1 +0) = r5
 105: r0 = *(u64 *)(r10 -160)
 106: r0 ^= r5
 107: *(u64 *)(r10 -160) = r0
 108: r1 = 0x100000001b3 ll
 110: r0 *= r1
 111: *(u64 *)(r10 -160) = r0
 112: r1 = *(u64 *)(r10 -168)
 113: r6 = r1
 114: r6 += 8
 115: r0 = 0
 116: *(u64 *)(r10 -184) = r0
 117: r0 = 0
 118: *(u64 *)(r10 -192) = r0
 119: r0 = 1
 120: *(u64 *)(r10 -200) = r0
 121: *(u64 *)(r6 +0) = 0
 122: if r9 & 0x7 goto pc+58
 123: r2 = *(u64 *)(r10 -208)
 124: if r9 < r2 goto pc+56
 125: r2 = 0x7fffffffeff0 ll
 127: if r9 > r2 goto pc+53
 128: r2 = *(u64 *)(r10 -192)
 129: if r9 <= r2 goto pc+22
 130: *(u64 *)(r8 +1008) = r9
 131: r7 = *(u64 *)(r8 +1008)
 132: r7 &= 4095
 133: r7 = -r7
 134: r7 += 4096
 135: if r7 <= 0x200 goto pc+1
 136: r7 = 512
 137: if r7 >= 0x10 goto pc+1
 138: r7 = 16
 139: r1 = r8
 140: r2 = r7
 141: r3 = r9
 142: call bpf_probe_read_user#112
 143: r5 = r0
 144: if r5 != 0x0 goto pc+36
 145: *(u64 *)(r10 -184) = r9
 146: *(u64 *)(r10 -192) = r9
 147: r0 = r9
 148: r0 += r7
 149: *(u64 *)(r10 -192) = r0
 150: r0 -= 16
 151: *(u64 *)(r10 -192) = r0
 152: r5 = r9
 153: r1 = *(u64 *)(r10 -184)
 154: r5 -= r1
 155: *(u64 *)(r8 +1008) = r5
 156: r5 = *(u64 *)(r8 +1008)
 157: r5 &= 504
 158: r3 = r8
 159: r3 += r5
 160: r5 = *(u64 *)(r3 +8)
 161: if r5 == 0x0 goto pc+19
 162: r4 = *(u64 *)(r3 +0)
 163: *(u64 *)(r6 +0) = r5
 164: r0 = *(u64 *)(r10 -160)
 165: r0 ^= r5
 166: *(u64 *)(r10 -160) = r0
 167: r1 = 0x100000001b3 ll
 169: r0 *= r1
 170: *(u64 *)(r10 -160) = r0
 171: r6 += 8
 172: *(u64 *)(r10 -208) = r9
 173: r0 = r9
 174: r0 += 16
 175: *(u64 *)(r10 -208) = r0
 176: r9 = r4
 177: r0 = *(u64 *)(r10 -200)
 178: r0 += 1
 179: *(u64 *)(r10 -200) = r0
 180: if r0 < 0x7f goto pc-60
 181: goto pc+32
 182: r0 = -14
 183: *(u64 *)(r10 -152) = r0
 184: goto pc+33
 185: r1 = *(u64 *)(r10 -176)
 186: r2 = *(u64 *)(r10 -168)
 187: r3 = 1016
 188: r4 = 256
 189: call bpf_get_stack#67
 190: r4 = r0
 191: r5 = r4
 192: *(u64 *)(r10 -152) = r5
 193: if r5 s< 0x0 goto pc+24
 194: r0 = -14
 195: *(u64 *)(r10 -152) = r0
 196: if r5 == 0x0 goto pc+21
 197: r4 = 0xcbf29ce484222325 ll
 199: r3 = r5
 200: r3 >>= 3
 201: r1 = *(u64 *)(r10 -168)
 202: r5 = r1
 203: r9 = 0
 204: if r9 >= r3 goto pc+8
 205: r8 = *(u64 *)(r5 +0)
 206: r4 ^= r8
 207: r1 = 0x100000001b3 ll
 209: r4 *= r1
 210: r5 += 8
 211: r9 += 1
 212: if r9 < 0x7f goto pc-9
 213: *(u64 *)(r10 -160) = r4
 214: r0 = *(u64 *)(r10 -160)
 215: r0 >>= 1
 216: *(u64 *)(r10 -160) = r0
 217: *(u64 *)(r10 -152) = r0
 218: r2 = *(u64 *)(r10 -152)
 219: *(u64 *)(r10 -24) = r2
 220: call bpf_get_current_pid_tgid#14
 221: r5 = r0
 222: r3 = r5
 223: r3 >>= 32
 224: *(u64 *)(r10 -16) = r3
 225: r1 = map[fs_0] ll
 227: r2 = r10
 228: r2 += -32
 229: call bpf_map_lookup_elem#1
 230: r3 = r0
 231: if r3 == 0x0 goto pc+4
 232: r5 = *(u64 *)(r3 +0)
 233: r5 += 1
 234: *(u64 *)(r3 +0) = r5
 235: goto pc+136
 236: *(u32 *)(r10 -64) = 1
 237: r1 = map[fs_scratch] ll
 239: r2 = r10
 240: r2 += -64
 241: call bpf_map_lookup_elem#1
 242: r8 = r0
 243: if r8 == 0x0 goto pc+33
 244: r2 = *(u64 *)(r10 -144)
 245: *(u64 *)(r10 -72) = r2
 246: r1 = map[fs_stacks] ll
 248: r2 = r10
 249: r2 += -72
 250: call bpf_map_lookup_elem#1
 251: r5 = r0
 252: if r5 != 0x0 goto pc+24
 253: r3 = r8
 254: r1 = map[fs_stacks] ll
 256: r2 = r10
 257: r2 += -72
 258: r4 = 1
 259: call bpf_map_update_elem#2
 260: r5 = r0
 261: if r5 == 0x0 goto pc+15
 262: r3 = r5
 263: r3 <<= 32
 264: r3 s>>= 32
 265: if r3 == 0xffffffef goto pc+11
 266: *(u32 *)(r10 -80) = 0
 267: r1 = map[fs_losses] ll
 269: r2 = r10
 270: r2 += -80
 271: call bpf_map_lookup_elem#1
 272: r3 = r0
 273: if r3 == 0x0 goto pc+3
 274: r5 = *(u64 *)(r3 +96)
 275: r5 += 1
 276: *(u64 *)(r3 +96) = r5
 277: *(u32 *)(r10 -88) = 0
 278: r1 = map[fs_scratch] ll
 280: r2 = r10
 281: r2 += -88
 282: call bpf_map_lookup_elem#1
 283: r8 = r0
 284: if r8 == 0x0 goto pc+33
 285: r2 = *(u64 *)(r10 -152)
 286: *(u64 *)(r10 -96) = r2
 287: r1 = map[fs_stacks] ll
 289: r2 = r10
 290: r2 += -96
 291: call bpf_map_lookup_elem#1
 292: r5 = r0
 293: if r5 != 0x0 goto pc+24
 294: r3 = r8
 295: r1 = map[fs_stacks] ll
 297: r2 = r10
 298: r2 += -96
 299: r4 = 1
 300: call bpf_map_update_elem#2
 301: r5 = r0
 302: if r5 == 0x0 goto pc+15
 303: r3 = r5
 304: r3 <<= 32
 305: r3 s>>= 32
 306: if r3 == 0xffffffef goto pc+11
 307: *(u32 *)(r10 -104) = 0
 308: r1 = map[fs_losses] ll
 310: r2 = r10
 311: r2 += -104
 312: call bpf_map_lookup_elem#1
 313: r3 = r0
 314: if r3 == 0x0 goto pc+3
 315: r5 = *(u64 *)(r3 +96)
 316: r5 += 1
 317: *(u64 *)(r3 +96) = r5
 318: *(u64 *)(r10 -112) = 1
 319: r1 = map[fs_0] ll
 321: r2 = r10
 322: r2 += -32
 323: r3 = r10
 324: r3 += -112
 325: r4 = 1
 326: call bpf_map_update_elem#2
 327: r5 = r0
 328: if r5 == 0x0 goto pc+43
 329: r5 <<= 32
 330: r5 s>>= 32
 331: if r5 != 0xffffffef goto pc+11
 332: r1 = map[fs_0] ll
 334: r2 = r10
 335: r2 += -32
 336: call bpf_map_lookup_elem#1
 337: r5 = r0
 338: if r5 == 0x0 goto pc+4
 339: r3 = *(u64 *)(r5 +0)
 340: r3 += 1
 341: *(u64 *)(r5 +0) = r3
 342: goto pc+29
 343: *(u32 *)(r10 -120) = 0
 344: r1 = map[fs_losses] ll
 346: r2 = r10
 347: r2 += -120
 348: call bpf_map_lookup_elem#1
 349: r3 = r0
 350: if r3 == 0x0 goto pc+6
 351: r5 = *(u64 *)(r3 +16)
 352: r5 += 1
 353: *(u64 *)(r3 +16) = r5
 354: r5 = *(u64 *)(r3 +88)
 355: r5 += 1
 356: *(u64 *)(r3 +88) = r5
 357: r1 = *(u64 *)(r10 -136)
 358: if r1 != 0x0 goto pc+13
 359: *(u32 *)(r10 -128) = 0
 360: r1 = map[fs_losses] ll
 362: r2 = r10
 363: r2 += -128
 364: call bpf_map_lookup_elem#1
 365: r5 = r0
 366: if r5 == 0x0 goto pc+3
 367: r3 = *(u64 *)(r5 +120)
 368: r3 += 1
 369: *(u64 *)(r5 +120) = r3
 370: r0 = 1
 371: *(u64 *)(r10 -136) = r0
 372: r0 = 0
 373: exit

