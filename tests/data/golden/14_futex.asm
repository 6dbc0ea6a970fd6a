futex min 100us < @[uaddr, ustack] = sum(delta); @ops[op] = count() >
fs_0_futex_i0 (tracepoint/syscalls/sys_enter_futex):
   0: r6 = r1
   1: r3 = *(u64 *)(r6 +24)
   2: r3 &= 127
   3: if r3 > 0x1f goto pc+57
   4: r4 = 10817
   5: r4 >>= r3
   6: r4 &= 1
   7: if r4 == 0x0 goto pc+53
   8: call bpf_get_current_pid_tgid#14
   9: *(u64 *)(r10 -32) = r0
  10: r8 = r0
  11: r8 <<= 32
  12: r8 >>= 32
  13: r4 = r8
  14: r4 &= 32767
  15: *(u32 *)(r10 -8) = r4
  16: r1 = map[fs_0_spans] ll
  18: r2 = r10
  19: r2 += -8
  20: call bpf_map_lookup_elem#1
  21: *(u64 *)(r10 -24) = r0
  22: if r0 == 0x0 goto pc+38
  23: r4 = *(u32 *)(r0 +24)
  24: if r4 == r8 goto pc+22
  25: r9 = *(u64 *)(r0 +8)
  26: r7 = *(u64 *)(r0 +16)
  27: if r7 == 0x0 goto pc+14
  28: *(u32 *)(r10 -16) = 0
  29: r1 = map[fs_losses] ll
  31: r2 = r10
  32: r2 += -16
  33: call bpf_map_lookup_elem#1
  34: r4 = r0
  35: if r4 == 0x0 goto pc+6
  36: r3 = *(u64 *)(r4 +64)
  37: r3 += r9
  38: *(u64 *)(r4 +64) = r3
  39: r3 = *(u64 *)(r4 +72)
  40: r3 += r7
  41: *(u64 *)(r4 +72) = r3
  42: r1 = *(u64 *)(r10 -24)
  43: *(u64 *)(r1 +0) = 0
  44: *(u64 *)(r1 +8) = 0
  45: *(u64 *)(r1 +16) = 0
  46: *(u32 *)(r1 +24) = r8
  47: r3 = *(u64 *)(r6 +16)
  48: r1 = *(u64 *)(r10 -24)
  49: *(u64 *)(r1 +32) = r3
  50: r3 = *(u64 *)(r6 +24)
  51: *(u64 *)(r1 +40) = r3
  52: call bpf_ktime_get_ns#5
  53: r3 = r0
  54: r1 = *(u64 *)(r10 -24)
  55: *(u64 *)(r1 +0) = r3
  56: r1 = *(u64 *)(r10 -32)
  57: r3 = r1
  58: r3 >>= 32
  59: r1 = *(u64 *)(r10 -24)
  60: *(u32 *)(r1 +28) = r3
  61: r0 = 0
  62: exit

fs_0_futex_o0 (tracepoint/syscalls/sys_exit_futex):
   0: r6 = r1
   1: call bpf_get_current_pid_tgid#14
   2: r7 = r0
   3: r8 = r7
   4: r8 <<= 32
   5: r8 >>= 32
   6: r3 = r8
   7: r3 &= 32767
   8: *(u32 *)(r10 -8) = r3
   9: r1 = map[fs_0_spans] ll
  11: r2 = r10
  12: r2 += -8
  13: call bpf_map_lookup_elem#1
  14: *(u64 *)(r10 -120) = r0
  15: if r0 == 0x0 goto pc+155
  16: r3 = *(u32 *)(r0 +24)
  17: if r3 != r8 goto pc+153
  18: r9 = *(u64 *)(r0 +0)
  19: if r9 == 0x0 goto pc+151
  20: *(u64 *)(r0 +0) = 0
  21: call bpf_ktime_get_ns#5
  22: r3 = r0
  23: *(u64 *)(r10 -128) = r3
  24: r0 = r3
  25: r0 -= r9
  26: *(u64 *)(r10 -128) = r0
  27: *(u32 *)(r10 -16) = 0
  28: r1 = map[fs_losses] ll
  30: r2 = r10
  31: r2 += -16
  32: call bpf_map_lookup_elem#1
  33: r3 = r0
  34: if r3 == 0x0 goto pc+3
  35: r4 = *(u64 *)(r3 +0)
  36: r4 += 1
  37: *(u64 *)(r3 +0) = r4
  38: *(u64 *)(r10 -80) = 0
  39: *(u64 *)(r10 -72) = 0
  40: *(u64 *)(r10 -64) = 0
  41: *(u64 *)(r10 -56) = 0
  42: *(u64 *)(r10 -48) = 0
  43: *(u64 *)(r10 -40) = 0
  44: *(u64 *)(r10 -32) = 0
  45: *(u64 *)(r10 -24) = 0
  46: r2 = *(u64 *)(r10 -128)
  47: *(u64 *)(r10 -80) = r2
  48: r1 = *(u64 *)(r10 -120)
  49: r4 = *(u64 *)(r1 +32)
  50: *(u64 *)(r10 -64) = r4
  51: r4 = *(u64 *)(r1 +40)
  52: *(u64 *)(r10 -56) = r4
  53: *(u64 *)(r10 -136) = r7
  54: r0 = r7
  55: r0 >>= 32
  56: *(u64 *)(r10 -136) = r0
  57: *(u32 *)(r10 -48) = r0
  58: *(u32 *)(r10 -44) = r8
  59: r1 = r10
  60: r1 += -40
  61: r2 = 16
  62: call bpf_get_current_comm#16
  63: *(u32 *)(r10 -88) = 0
  64: r1 = map[fs_losses] ll
  66: r2 = r10
  67: r2 += -88
  68: call bpf_map_lookup_elem#1
  69: r4 = r0
  70: if r4 == 0x0 goto pc+3
  71: r3 = *(u64 *)(r4 +8)
  72: r3 += 1
  73: *(u64 *)(r4 +8) = r3
  74: r1 = *(u64 *)(r10 -128)
  75: if r1 < 0x186a0 goto pc+78
  76: r0 = -12
  77: *(u64 *)(r10 -144) = r0
  78: *(u32 *)(r10 -96) = 0
  79: r1 = map[fs_scratch] ll
  81: r2 = r10
  82: r2 += -96
  83: call bpf_map_lookup_elem#1
  84: r7 = r0
  85: if r7 == 0x0 goto pc+63
  86: r9 = 0xcbf29ce484222325 ll
  88: r1 = r6
  89: r2 = r7
  90: r3 = 1016
  91: r4 = 256
  92: call bpf_get_stack#67
  93: r3 = r0
  94: *(u64 *)(r10 -144) = r3
  95: if r3 s< 0x0 goto pc+53
  96: r0 = -14
  97: *(u64 *)(r10 -144) = r0
  98: if r3 == 0x0 goto pc+50
  99: r4 = 0xcbf29ce484222325 ll
 101: r5 = r3
 102: r5 >>= 3
 103: r3 = r7
 104: r6 = 0
 105: if r6 >= r5 goto pc+8
 106: r8 = *(u64 *)(r3 +0)
 107: r4 ^= r8
 108: r1 = 0x100000001b3 ll
 110: r4 *= r1
 111: r3 += 8
 112: r6 += 1
 113: if r6 < 0x7f goto pc-9
 114: r9 = r4
 115: r9 >>= 1
 116: *(u64 *)(r10 -144) = r9
 117: *(u64 *)(r10 -104) = r9
 118: r1 = map[fs_stacks] ll
 120: r2 = r10
 121: r2 += -104
 122: call bpf_map_lookup_elem#1
 123: r3 = r0
 124: if r3 != 0x0 goto pc+24
 125: r3 = r7
 126: r1 = map[fs_stacks] ll
 128: r2 = r10
 129: r2 += -104
 130: r4 = 1
 131: call bpf_map_update_elem#2
 132: r3 = r0
 133: if r3 == 0x0 goto pc+15
 134: r5 = r3
 135: r5 <<= 32
 136: r5 s>>= 32
 137: if r5 == 0xffffffef goto pc+11
 138: *(u32 *)(r10 -112) = 0
 139: r1 = map[fs_losses] ll
 141: r2 = r10
 142: r2 += -112
 143: call bpf_map_lookup_elem#1
 144: r5 = r0
 145: if r5 == 0x0 goto pc+3
 146: r3 = *(u64 *)(r5 +96)
 147: r3 += 1
 148: *(u64 *)(r5 +96) = r3
 149: r1 = r10
 150: r1 += -80
 151: r2 = *(u64 *)(r10 -144)
 152: call pc+20
 153: goto pc+17
 154: r1 = *(u64 *)(r10 -120)
 155: r3 = *(u64 *)(r1 +8)
 156: r1 = *(u64 *)(r10 -128)
 157: r3 += r1
 158: r1 = *(u64 *)(r10 -120)
 159: *(u64 *)(r1 +8) = r3
 160: r3 = *(u64 *)(r1 +16)
 161: if r3 != 0x0 goto pc+6
 162: r2 = *(u64 *)(r10 -136)
 163: *(u32 *)(r1 +28) = r2
 164: r5 = *(u64 *)(r10 -40)
 165: *(u64 *)(r1 +48) = r5
 166: r5 = *(u64 *)(r10 -32)
 167: *(u64 *)(r1 +56) = r5
 168: r3 += 1
 169: r1 = *(u64 *)(r10 -120)
 170: *(u64 *)(r1 +16) = r3
 171: r0 = 0
 172: exit
 173: r6 = r1
 174: r3 = r2
 175: r7 = 0
 176: r0 = 0
 177: *(u64 *)(r10 -56) = r0
;; @[uaddr, ustack] = sum(delta)
 178: r9 = *(u64 *)(r6 +0)
 179: *(u64 *)(r10 -24) = 0
 180: *(u64 *)(r10 -16) = 0
 181: *(u64 *)(r10 -8) = 0
 182: r4 = *(u64 *)(r6 +16)
 183: *(u64 *)(r10 -24) = r4
 184: *(u64 *)(r10 -16) = r3
 185: r4 = *(u32 *)(r6 +32)
 186: *(u64 *)(r10 -8) = r4
 187: r1 = map[fs_0] ll
 189: r2 = r10
 190: r2 += -24
 191: call bpf_map_lookup_elem#1
 192: r4 = r0
 193: if r4 == 0x0 goto pc+15
 194: r3 = *(u64 *)(r4 +0)
 195: r5 = r3
 196: r5 += r9
 197: r3 ^= r5
 198: r8 = r9
 199: r8 ^= r5
 200: r8 &= r3
 201: r0 = *(u64 *)(r10 -56)
 202: r0 |= r8
 203: *(u64 *)(r10 -56) = r0
 204: r8 s>>= 63
 205: r3 &= r8
 206: r5 ^= r3
 207: *(u64 *)(r4 +0) = r5
 208: goto pc+63
 209: *(u64 *)(r10 -32) = r9
 210: r1 = map[fs_0] ll
 212: r2 = r10
 213: r2 += -24
 214: r3 = r10
 215: r3 += -32
 216: r4 = 1
 217: call bpf_map_update_elem#2
 218: r5 = r0
 219: if r5 == 0x0 goto pc+52
 220: r5 <<= 32
 221: r5 s>>= 32
 222: if r5 != 0xffffffef goto pc+22
 223: r1 = map[fs_0] ll
 225: r2 = r10
 226: r2 += -24
 227: call bpf_map_lookup_elem#1
 228: r5 = r0
 229: if r5 == 0x0 goto pc+15
 230: r3 = *(u64 *)(r5 +0)
 231: r4 = r3
 232: r4 += r9
 233: r3 ^= r4
 234: r8 = r9
 235: r8 ^= r4
 236: r8 &= r3
 237: r0 = *(u64 *)(r10 -56)
 238: r0 |= r8
 239: *(u64 *)(r10 -56) = r0
 240: r8 s>>= 63
 241: r3 &= r8
 242: r4 ^= r3
 243: *(u64 *)(r5 +0) = r4
 244: goto pc+27
 245: *(u32 *)(r10 -40) = 0
 246: r1 = map[fs_losses] ll
 248: r2 = r10
 249: r2 += -40
 250: call bpf_map_lookup_elem#1
 251: r4 = r0
 252: if r4 == 0x0 goto pc+6
 253: r3 = *(u64 *)(r4 +16)
 254: r3 += 1
 255: *(u64 *)(r4 +16) = r3
 256: r3 = *(u64 *)(r4 +88)
 257: r3 += r9
 258: *(u64 *)(r4 +88) = r3
 259: if r7 != 0x0 goto pc+12
 260: *(u32 *)(r10 -48) = 0
 261: r1 = map[fs_losses] ll
 263: r2 = r10
 264: r2 += -48
 265: call bpf_map_lookup_elem#1
 266: r3 = r0
 267: if r3 == 0x0 goto pc+3
 268: r4 = *(u64 *)(r3 +120)
 269: r4 += 1
 270: *(u64 *)(r3 +120) = r4
 271: r7 = 1
;; @ops[op] = count()
 272: *(u64 *)(r10 -32) = 0
 273: r4 = *(u64 *)(r6 +24)
 274: *(u64 *)(r10 -32) = r4
 275: r1 = map[fs_1_ops] ll
 277: r2 = r10
 278: r2 += -32
 279: call bpf_map_lookup_elem#1
 280: r4 = r0
 281: if r4 == 0x0 goto pc+4
 282: r3 = *(u64 *)(r4 +0)
 283: r3 += 1
 284: *(u64 *)(r4 +0) = r3
 285: goto pc+52
 286: *(u64 *)(r10 -48) = 1
 287: r1 = map[fs_1_ops] ll
 289: r2 = r10
 290: r2 += -32
 291: r3 = r10
 292: r3 += -48
 293: r4 = 1
 294: call bpf_map_update_elem#2
 295: r3 = r0
 296: if r3 == 0x0 goto pc+41
 297: r3 <<= 32
 298: r3 s>>= 32
 299: if r3 != 0xffffffef goto pc+11
 300: r1 = map[fs_1_ops] ll
 302: r2 = r10
 303: r2 += -32
 304: call bpf_map_lookup_elem#1
 305: r3 = r0
 306: if r3 == 0x0 goto pc+4
 307: r4 = *(u64 *)(r3 +0)
 308: r4 += 1
 309: *(u64 *)(r3 +0) = r4
 310: goto pc+27
 311: *(u32 *)(r10 -40) = 0
 312: r1 = map[fs_losses] ll
 314: r2 = r10
 315: r2 += -40
 316: call bpf_map_lookup_elem#1
 317: r4 = r0
 318: if r4 == 0x0 goto pc+6
 319: r3 = *(u64 *)(r4 +16)
 320: r3 += 1
 321: *(u64 *)(r4 +16) = r3
 322: r3 = *(u64 *)(r4 +88)
 323: r3 += 1
 324: *(u64 *)(r4 +88) = r3
 325: if r7 != 0x0 goto pc+12
 326: *(u32 *)(r10 -24) = 0
 327: r1 = map[fs_losses] ll
 329: r2 = r10
 330: r2 += -24
 331: call bpf_map_lookup_elem#1
 332: r3 = r0
 333: if r3 == 0x0 goto pc+3
 334: r4 = *(u64 *)(r3 +120)
 335: r4 += 1
 336: *(u64 *)(r3 +120) = r4
 337: r7 = 1
 338: r1 = *(u64 *)(r10 -56)
 339: if r1 s>= 0x0 goto pc+11
 340: *(u32 *)(r10 -32) = 0
 341: r1 = map[fs_losses] ll
 343: r2 = r10
 344: r2 += -32
 345: call bpf_map_lookup_elem#1
 346: r4 = r0
 347: if r4 == 0x0 goto pc+3
 348: r3 = *(u64 *)(r4 +128)
 349: r3 += 1
 350: *(u64 *)(r4 +128) = r3
 351: r0 = 0
 352: exit

fs_0_futex_i1 (tracepoint/syscalls/sys_enter_futex_waitv):
   0: r6 = r1
   1: call bpf_get_current_pid_tgid#14
   2: *(u64 *)(r10 -32) = r0
   3: r8 = r0
   4: r8 <<= 32
   5: r8 >>= 32
   6: r3 = r8
   7: r3 &= 32767
   8: *(u32 *)(r10 -8) = r3
   9: r1 = map[fs_0_spans] ll
  11: r2 = r10
  12: r2 += -8
  13: call bpf_map_lookup_elem#1
  14: *(u64 *)(r10 -24) = r0
  15: if r0 == 0x0 goto pc+37
  16: r3 = *(u32 *)(r0 +24)
  17: if r3 == r8 goto pc+22
  18: r9 = *(u64 *)(r0 +8)
  19: r7 = *(u64 *)(r0 +16)
  20: if r7 == 0x0 goto pc+14
  21: *(u32 *)(r10 -16) = 0
  22: r1 = map[fs_losses] ll
  24: r2 = r10
  25: r2 += -16
  26: call bpf_map_lookup_elem#1
  27: r3 = r0
  28: if r3 == 0x0 goto pc+6
  29: r4 = *(u64 *)(r3 +64)
  30: r4 += r9
  31: *(u64 *)(r3 +64) = r4
  32: r4 = *(u64 *)(r3 +72)
  33: r4 += r7
  34: *(u64 *)(r3 +72) = r4
  35: r1 = *(u64 *)(r10 -24)
  36: *(u64 *)(r1 +0) = 0
  37: *(u64 *)(r1 +8) = 0
  38: *(u64 *)(r1 +16) = 0
  39: *(u32 *)(r1 +24) = r8
  40: r4 = *(u64 *)(r6 +16)
  41: r1 = *(u64 *)(r10 -24)
  42: *(u64 *)(r1 +32) = r4
  43: *(u64 *)(r1 +40) = 65536
  44: call bpf_ktime_get_ns#5
  45: r4 = r0
  46: r1 = *(u64 *)(r10 -24)
  47: *(u64 *)(r1 +0) = r4
  48: r1 = *(u64 *)(r10 -32)
  49: r4 = r1
  50: r4 >>= 32
  51: r1 = *(u64 *)(r10 -24)
  52: *(u32 *)(r1 +28) = r4
  53: r0 = 0
  54: exit

fs_0_futex_o1 (tracepoint/syscalls/sys_exit_futex_waitv):
   0: r6 = r1
   1: call bpf_get_current_pid_tgid#14
   2: r7 = r0
   3: r8 = r7
   4: r8 <<= 32
   5: r8 >>= 32
   6: r3 = r8
   7: r3 &= 32767
   8: *(u32 *)(r10 -8) = r3
   9: r1 = map[fs_0_spans] ll
  11: r2 = r10
  12: r2 += -8
  13: call bpf_map_lookup_elem#1
  14: *(u64 *)(r10 -120) = r0
  15: if r0 == 0x0 goto pc+155
  16: r3 = *(u32 *)(r0 +24)
  17: if r3 != r8 goto pc+153
  18: r9 = *(u64 *)(r0 +0)
  19: if r9 == 0x0 goto pc+151
  20: *(u64 *)(r0 +0) = 0
  21: call bpf_ktime_get_ns#5
  22: r3 = r0
  23: *(u64 *)(r10 -128) = r3
  24: r0 = r3
  25: r0 -= r9
  26: *(u64 *)(r10 -128) = r0
  27: *(u32 *)(r10 -16) = 0
  28: r1 = map[fs_losses] ll
  30: r2 = r10
  31: r2 += -16
  32: call bpf_map_lookup_elem#1
  33: r3 = r0
  34: if r3 == 0x0 goto pc+3
  35: r4 = *(u64 *)(r3 +0)
  36: r4 += 1
  37: *(u64 *)(r3 +0) = r4
  38: *(u64 *)(r10 -80) = 0
  39: *(u64 *)(r10 -72) = 0
  40: *(u64 *)(r10 -64) = 0
  41: *(u64 *)(r10 -56) = 0
  42: *(u64 *)(r10 -48) = 0
  43: *(u64 *)(r10 -40) = 0
  44: *(u64 *)(r10 -32) = 0
  45: *(u64 *)(r10 -24) = 0
  46: r2 = *(u64 *)(r10 -128)
  47: *(u64 *)(r10 -80) = r2
  48: r1 = *(u64 *)(r10 -120)
  49: r4 = *(u64 *)(r1 +32)
  50: *(u64 *)(r10 -64) = r4
  51: r4 = *(u64 *)(r1 +40)
  52: *(u64 *)(r10 -56) = r4
  53: *(u64 *)(r10 -136) = r7
  54: r0 = r7
  55: r0 >>= 32
  56: *(u64 *)(r10 -136) = r0
  57: *(u32 *)(r10 -48) = r0
  58: *(u32 *)(r10 -44) = r8
  59: r1 = r10
  60: r1 += -40
  61: r2 = 16
  62: call bpf_get_current_comm#16
  63: *(u32 *)(r10 -88) = 0
  64: r1 = map[fs_losses] ll
  66: r2 = r10
  67: r2 += -88
  68: call bpf_map_lookup_elem#1
  69: r4 = r0
  70: if r4 == 0x0 goto pc+3
  71: r3 = *(u64 *)(r4 +8)
  72: r3 += 1
  73: *(u64 *)(r4 +8) = r3
  74: r1 = *(u64 *)(r10 -128)
  75: if r1 < 0x186a0 goto pc+78
  76: r0 = -12
  77: *(u64 *)(r10 -144) = r0
  78: *(u32 *)(r10 -96) = 0
  79: r1 = map[fs_scratch] ll
  81: r2 = r10
  82: r2 += -96
  83: call bpf_map_lookup_elem#1
  84: r7 = r0
  85: if r7 == 0x0 goto pc+63
  86: r9 = 0xcbf29ce484222325 ll
  88: r1 = r6
  89: r2 = r7
  90: r3 = 1016
  91: r4 = 256
  92: call bpf_get_stack#67
  93: r3 = r0
  94: *(u64 *)(r10 -144) = r3
  95: if r3 s< 0x0 goto pc+53
  96: r0 = -14
  97: *(u64 *)(r10 -144) = r0
  98: if r3 == 0x0 goto pc+50
  99: r4 = 0xcbf29ce484222325 ll
 101: r5 = r3
 102: r5 >>= 3
 103: r3 = r7
 104: r6 = 0
 105: if r6 >= r5 goto pc+8
 106: r8 = *(u64 *)(r3 +0)
 107: r4 ^= r8
 108: r1 = 0x100000001b3 ll
 110: r4 *= r1
 111: r3 += 8
 112: r6 += 1
 113: if r6 < 0x7f goto pc-9
 114: r9 = r4
 115: r9 >>= 1
 116: *(u64 *)(r10 -144) = r9
 117: *(u64 *)(r10 -104) = r9
 118: r1 = map[fs_stacks] ll
 120: r2 = r10
 121: r2 += -104
 122: call bpf_map_lookup_elem#1
 123: r3 = r0
 124: if r3 != 0x0 goto pc+24
 125: r3 = r7
 126: r1 = map[fs_stacks] ll
 128: r2 = r10
 129: r2 += -104
 130: r4 = 1
 131: call bpf_map_update_elem#2
 132: r3 = r0
 133: if r3 == 0x0 goto pc+15
 134: r5 = r3
 135: r5 <<= 32
 136: r5 s>>= 32
 137: if r5 == 0xffffffef goto pc+11
 138: *(u32 *)(r10 -112) = 0
 139: r1 = map[fs_losses] ll
 141: r2 = r10
 142: r2 += -112
 143: call bpf_map_lookup_elem#1
 144: r5 = r0
 145: if r5 == 0x0 goto pc+3
 146: r3 = *(u64 *)(r5 +96)
 147: r3 += 1
 148: *(u64 *)(r5 +96) = r3
 149: r1 = r10
 150: r1 += -80
 151: r2 = *(u64 *)(r10 -144)
 152: call pc+20
 153: goto pc+17
 154: r1 = *(u64 *)(r10 -120)
 155: r3 = *(u64 *)(r1 +8)
 156: r1 = *(u64 *)(r10 -128)
 157: r3 += r1
 158: r1 = *(u64 *)(r10 -120)
 159: *(u64 *)(r1 +8) = r3
 160: r3 = *(u64 *)(r1 +16)
 161: if r3 != 0x0 goto pc+6
 162: r2 = *(u64 *)(r10 -136)
 163: *(u32 *)(r1 +28) = r2
 164: r5 = *(u64 *)(r10 -40)
 165: *(u64 *)(r1 +48) = r5
 166: r5 = *(u64 *)(r10 -32)
 167: *(u64 *)(r1 +56) = r5
 168: r3 += 1
 169: r1 = *(u64 *)(r10 -120)
 170: *(u64 *)(r1 +16) = r3
 171: r0 = 0
 172: exit
 173: r6 = r1
 174: r3 = r2
 175: r7 = 0
 176: r0 = 0
 177: *(u64 *)(r10 -56) = r0
;; @[uaddr, ustack] = sum(delta)
 178: r9 = *(u64 *)(r6 +0)
 179: *(u64 *)(r10 -24) = 0
 180: *(u64 *)(r10 -16) = 0
 181: *(u64 *)(r10 -8) = 0
 182: r4 = *(u64 *)(r6 +16)
 183: *(u64 *)(r10 -24) = r4
 184: *(u64 *)(r10 -16) = r3
 185: r4 = *(u32 *)(r6 +32)
 186: *(u64 *)(r10 -8) = r4
 187: r1 = map[fs_0] ll
 189: r2 = r10
 190: r2 += -24
 191: call bpf_map_lookup_elem#1
 192: r4 = r0
 193: if r4 == 0x0 goto pc+15
 194: r3 = *(u64 *)(r4 +0)
 195: r5 = r3
 196: r5 += r9
 197: r3 ^= r5
 198: r8 = r9
 199: r8 ^= r5
 200: r8 &= r3
 201: r0 = *(u64 *)(r10 -56)
 202: r0 |= r8
 203: *(u64 *)(r10 -56) = r0
 204: r8 s>>= 63
 205: r3 &= r8
 206: r5 ^= r3
 207: *(u64 *)(r4 +0) = r5
 208: goto pc+63
 209: *(u64 *)(r10 -32) = r9
 210: r1 = map[fs_0] ll
 212: r2 = r10
 213: r2 += -24
 214: r3 = r10
 215: r3 += -32
 216: r4 = 1
 217: call bpf_map_update_elem#2
 218: r5 = r0
 219: if r5 == 0x0 goto pc+52
 220: r5 <<= 32
 221: r5 s>>= 32
 222: if r5 != 0xffffffef goto pc+22
 223: r1 = map[fs_0] ll
 225: r2 = r10
 226: r2 += -24
 227: call bpf_map_lookup_elem#1
 228: r5 = r0
 229: if r5 == 0x0 goto pc+15
 230: r3 = *(u64 *)(r5 +0)
 231: r4 = r3
 232: r4 += r9
 233: r3 ^= r4
 234: r8 = r9
 235: r8 ^= r4
 236: r8 &= r3
 237: r0 = *(u64 *)(r10 -56)
 238: r0 |= r8
 239: *(u64 *)(r10 -56) = r0
 240: r8 s>>= 63
 241: r3 &= r8
 242: r4 ^= r3
 243: *(u64 *)(r5 +0) = r4
 244: goto pc+27
 245: *(u32 *)(r10 -40) = 0
 246: r1 = map[fs_losses] ll
 248: r2 = r10
 249: r2 += -40
 250: call bpf_map_lookup_elem#1
 251: r4 = r0
 252: if r4 == 0x0 goto pc+6
 253: r3 = *(u64 *)(r4 +16)
 254: r3 += 1
 255: *(u64 *)(r4 +16) = r3
 256: r3 = *(u64 *)(r4 +88)
 257: r3 += r9
 258: *(u64 *)(r4 +88) = r3
 259: if r7 != 0x0 goto pc+12
 260: *(u32 *)(r10 -48) = 0
 261: r1 = map[fs_losses] ll
 263: r2 = r10
 264: r2 += -48
 265: call bpf_map_lookup_elem#1
 266: r3 = r0
 267: if r3 == 0x0 goto pc+3
 268: r4 = *(u64 *)(r3 +120)
 269: r4 += 1
 270: *(u64 *)(r3 +120) = r4
 271: r7 = 1
;; @ops[op] = count()
 272: *(u64 *)(r10 -32) = 0
 273: r4 = *(u64 *)(r6 +24)
 274: *(u64 *)(r10 -32) = r4
 275: r1 = map[fs_1_ops] ll
 277: r2 = r10
 278: r2 += -32
 279: call bpf_map_lookup_elem#1
 280: r4 = r0
 281: if r4 == 0x0 goto pc+4
 282: r3 = *(u64 *)(r4 +0)
 283: r3 += 1
 284: *(u64 *)(r4 +0) = r3
 285: goto pc+52
 286: *(u64 *)(r10 -48) = 1
 287: r1 = map[fs_1_ops] ll
 289: r2 = r10
 290: r2 += -32
 291: r3 = r10
 292: r3 += -48
 293: r4 = 1
 294: call bpf_map_update_elem#2
 295: r3 = r0
 296: if r3 == 0x0 goto pc+41
 297: r3 <<= 32
 298: r3 s>>= 32
 299: if r3 != 0xffffffef goto pc+11
 300: r1 = map[fs_1_ops] ll
 302: r2 = r10
 303: r2 += -32
 304: call bpf_map_lookup_elem#1
 305: r3 = r0
 306: if r3 == 0x0 goto pc+4
 307: r4 = *(u64 *)(r3 +0)
 308: r4 += 1
 309: *(u64 *)(r3 +0) = r4
 310: goto pc+27
 311: *(u32 *)(r10 -40) = 0
 312: r1 = map[fs_losses] ll
 314: r2 = r10
 315: r2 += -40
 316: call bpf_map_lookup_elem#1
 317: r4 = r0
 318: if r4 == 0x0 goto pc+6
 319: r3 = *(u64 *)(r4 +16)
 320: r3 += 1
 321: *(u64 *)(r4 +16) = r3
 322: r3 = *(u64 *)(r4 +88)
 323: r3 += 1
 324: *(u64 *)(r4 +88) = r3
 325: if r7 != 0x0 goto pc+12
 326: *(u32 *)(r10 -24) = 0
 327: r1 = map[fs_losses] ll
 329: r2 = r10
 330: r2 += -24
 331: call bpf_map_lookup_elem#1
 332: r3 = r0
 333: if r3 == 0x0 goto pc+3
 334: r4 = *(u64 *)(r3 +120)
 335: r4 += 1
 336: *(u64 *)(r3 +120) = r4
 337: r7 = 1
 338: r1 = *(u64 *)(r10 -56)
 339: if r1 s>= 0x0 goto pc+11
 340: *(u32 *)(r10 -32) = 0
 341: r1 = map[fs_losses] ll
 343: r2 = r10
 344: r2 += -32
 345: call bpf_map_lookup_elem#1
 346: r4 = r0
 347: if r4 == 0x0 goto pc+3
 348: r3 = *(u64 *)(r4 +128)
 349: r3 += 1
 350: *(u64 *)(r4 +128) = r3
 351: r0 = 0
 352: exit

