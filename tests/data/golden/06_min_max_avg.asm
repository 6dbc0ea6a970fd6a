bio < @small = min(bytes); @big = max(bytes); @mean = avg(bytes) >
fs_0_bio (tracepoint/block/block_rq_issue):
   0: *(u64 *)(r10 -80) = r1
;; bio < @small = min(bytes); @big = max(bytes); @mean = avg(by…
   1: *(u32 *)(r10 -8) = 0
   2: r7 = map[fs_losses] ll
   4: r8 = r10
   5: r8 += -8
   6: r1 = r7
   7: r2 = r8
   8: call bpf_map_lookup_elem#1
   9: r9 = r0
  10: if r9 == 0x0 goto pc+6
  11: r8 = *(u64 *)(r9 +0)
  12: r8 += 1
  13: *(u64 *)(r9 +0) = r8
  14: r8 = *(u64 *)(r9 +8)
  15: r8 += 1
  16: *(u64 *)(r9 +8) = r8
  17: r0 = 0
  18: *(u64 *)(r10 -72) = r0
  19: r0 = 0
  20: *(u64 *)(r10 -64) = r0
;; @small = min(bytes)
  21: r1 = *(u64 *)(r10 -80)
  22: r7 = *(u32 *)(r1 +28)
  23: *(u64 *)(r10 -16) = 0
  24: r9 = map[fs_0_small] ll
  26: r8 = r10
  27: r8 += -16
  28: r1 = r9
  29: r2 = r8
  30: call bpf_map_lookup_elem#1
  31: r6 = r0
  32: if r6 == 0x0 goto pc+4
  33: r9 = *(u64 *)(r6 +0)
  34: if r9 <= r7 goto pc+48
  35: *(u64 *)(r6 +0) = r7
  36: goto pc+46
  37: *(u64 *)(r10 -24) = r7
  38: r9 = map[fs_0_small] ll
  40: r7 = r10
  41: r7 += -16
  42: r6 = r10
  43: r6 += -24
  44: r8 = 1
  45: r1 = r9
  46: r2 = r7
  47: r3 = r6
  48: r4 = r8
  49: call bpf_map_update_elem#2
  50: *(u64 *)(r10 -88) = r0
  51: r1 = *(u64 *)(r10 -88)
  52: if r1 == 0x0 goto pc+30
  53: *(u32 *)(r10 -32) = 0
  54: r8 = map[fs_losses] ll
  56: r6 = r10
  57: r6 += -32
  58: r1 = r8
  59: r2 = r6
  60: call bpf_map_lookup_elem#1
  61: r7 = r0
  62: if r7 == 0x0 goto pc+3
  63: r6 = *(u64 *)(r7 +16)
  64: r6 += 1
  65: *(u64 *)(r7 +16) = r6
  66: r1 = *(u64 *)(r10 -72)
  67: if r1 != 0x0 goto pc+15
  68: *(u32 *)(r10 -40) = 0
  69: r6 = map[fs_losses] ll
  71: r7 = r10
  72: r7 += -40
  73: r1 = r6
  74: r2 = r7
  75: call bpf_map_lookup_elem#1
  76: r8 = r0
  77: if r8 == 0x0 goto pc+3
  78: r7 = *(u64 *)(r8 +120)
  79: r7 += 1
  80: *(u64 *)(r8 +120) = r7
  81: r0 = 1
  82: *(u64 *)(r10 -72) = r0
;; @big = max(bytes)
  83: r1 = *(u64 *)(r10 -80)
  84: r7 = *(u32 *)(r1 +28)
  85: *(u64 *)(r10 -16) = 0
  86: r8 = map[fs_1_big] ll
  88: r6 = r10
  89: r6 += -16
  90: r1 = r8
  91: r2 = r6
  92: call bpf_map_lookup_elem#1
  93: r9 = r0
  94: if r9 == 0x0 goto pc+4
  95: r6 = *(u64 *)(r9 +0)
  96: if r6 >= r7 goto pc+48
  97: *(u64 *)(r9 +0) = r7
  98: goto pc+46
  99: *(u64 *)(r10 -40) = r7
 100: r6 = map[fs_1_big] ll
 102: r9 = r10
 103: r9 += -16
 104: r7 = r10
 105: r7 += -40
 106: r8 = 1
 107: r1 = r6
 108: r2 = r9
 109: r3 = r7
 110: r4 = r8
 111: call bpf_map_update_elem#2
 112: *(u64 *)(r10 -88) = r0
 113: r1 = *(u64 *)(r10 -88)
 114: if r1 == 0x0 goto pc+30
 115: *(u32 *)(r10 -32) = 0
 116: r8 = map[fs_losses] ll
 118: r7 = r10
 119: r7 += -32
 120: r1 = r8
 121: r2 = r7
 122: call bpf_map_lookup_elem#1
 123: r9 = r0
 124: if r9 == 0x0 goto pc+3
 125: r7 = *(u64 *)(r9 +16)
 126: r7 += 1
 127: *(u64 *)(r9 +16) = r7
 128: r1 = *(u64 *)(r10 -72)
 129: if r1 != 0x0 goto pc+15
 130: *(u32 *)(r10 -24) = 0
 131: r7 = map[fs_losses] ll
 133: r9 = r10
 134: r9 += -24
 135: r1 = r7
 136: r2 = r9
 137: call bpf_map_lookup_elem#1
 138: r8 = r0
 139: if r8 == 0x0 goto pc+3
 140: r9 = *(u64 *)(r8 +120)
 141: r9 += 1
 142: *(u64 *)(r8 +120) = r9
 143: r0 = 1
 144: *(u64 *)(r10 -72) = r0
;; @mean = avg(bytes)
 145: r1 = *(u64 *)(r10 -80)
 146: r0 = *(u32 *)(r1 +28)
 147: *(u64 *)(r10 -88) = r0
 148: r0 = 1
 149: *(u64 *)(r10 -80) = r0
 150: *(u64 *)(r10 -16) = 0
 151: r7 = map[fs_2_mean] ll
 153: r6 = r10
 154: r6 += -16
 155: r1 = r7
 156: r2 = r6
 157: call bpf_map_lookup_elem#1
 158: r9 = r0
 159: if r9 == 0x0 goto pc+20
 160: r6 = *(u64 *)(r9 +0)
 161: r7 = r6
 162: r1 = *(u64 *)(r10 -88)
 163: r7 += r1
 164: r6 ^= r7
 165: r8 = r1
 166: r8 ^= r7
 167: r8 &= r6
 168: r0 = *(u64 *)(r10 -64)
 169: r0 |= r8
 170: *(u64 *)(r10 -64) = r0
 171: r8 s>>= 63
 172: r6 &= r8
 173: r7 ^= r6
 174: *(u64 *)(r9 +0) = r7
 175: r7 = *(u64 *)(r9 +8)
 176: r1 = *(u64 *)(r10 -80)
 177: r7 += r1
 178: *(u64 *)(r9 +8) = r7
 179: goto pc+88
 180: r2 = *(u64 *)(r10 -88)
 181: *(u64 *)(r10 -56) = r2
 182: r2 = *(u64 *)(r10 -80)
 183: *(u64 *)(r10 -48) = r2
 184: r7 = map[fs_2_mean] ll
 186: r9 = r10
 187: r9 += -16
 188: r6 = r10
 189: r6 += -56
 190: r8 = 1
 191: r1 = r7
 192: r2 = r9
 193: r3 = r6
 194: r4 = r8
 195: call bpf_map_update_elem#2
 196: *(u64 *)(r10 -96) = r0
 197: r1 = *(u64 *)(r10 -96)
 198: if r1 == 0x0 goto pc+69
 199: r0 <<= 32
 200: *(u64 *)(r10 -96) = r0
 201: r0 s>>= 32
 202: *(u64 *)(r10 -96) = r0
 203: r1 = *(u64 *)(r10 -96)
 204: if r1 != 0xffffffef goto pc+29
 205: r8 = map[fs_2_mean] ll
 207: r6 = r10
 208: r6 += -16
 209: r1 = r8
 210: r2 = r6
 211: call bpf_map_lookup_elem#1
 212: r9 = r0
 213: if r9 == 0x0 goto pc+20
 214: r6 = *(u64 *)(r9 +0)
 215: r8 = r6
 216: r1 = *(u64 *)(r10 -88)
 217: r8 += r1
 218: r6 ^= r8
 219: r7 = r1
 220: r7 ^= r8
 221: r7 &= r6
 222: r0 = *(u64 *)(r10 -64)
 223: r0 |= r7
 224: *(u64 *)(r10 -64) = r0
 225: r7 s>>= 63
 226: r6 &= r7
 227: r8 ^= r6
 228: *(u64 *)(r9 +0) = r8
 229: r7 = *(u64 *)(r9 +8)
 230: r1 = *(u64 *)(r10 -80)
 231: r7 += r1
 232: *(u64 *)(r9 +8) = r7
 233: goto pc+34
 234: *(u32 *)(r10 -24) = 0
 235: r7 = map[fs_losses] ll
 237: r9 = r10
 238: r9 += -24
 239: r1 = r7
 240: r2 = r9
 241: call bpf_map_lookup_elem#1
 242: r8 = r0
 243: if r8 == 0x0 goto pc+7
 244: r9 = *(u64 *)(r8 +16)
 245: r9 += 1
 246: *(u64 *)(r8 +16) = r9
 247: r9 = *(u64 *)(r8 +88)
 248: r1 = *(u64 *)(r10 -88)
 249: r9 += r1
 250: *(u64 *)(r8 +88) = r9
 251: r1 = *(u64 *)(r10 -72)
 252: if r1 != 0x0 goto pc+15
 253: *(u32 *)(r10 -32) = 0
 254: r9 = map[fs_losses] ll
 256: r8 = r10
 257: r8 += -32
 258: r1 = r9
 259: r2 = r8
 260: call bpf_map_lookup_elem#1
 261: r7 = r0
 262: if r7 == 0x0 goto pc+3
 263: r8 = *(u64 *)(r7 +120)
 264: r8 += 1
 265: *(u64 *)(r7 +120) = r8
 266: r0 = 1
 267: *(u64 *)(r10 -72) = r0
 268: r1 = *(u64 *)(r10 -64)
 269: if r1 s>= 0x0 goto pc+13
 270: *(u32 *)(r10 -40) = 0
 271: r8 = map[fs_losses] ll
 273: r7 = r10
 274: r7 += -40
 275: r1 = r8
 276: r2 = r7
 277: call bpf_map_lookup_elem#1
 278: r9 = r0
 279: if r9 == 0x0 goto pc+3
 280: r7 = *(u64 *)(r9 +128)
 281: r7 += 1
 282: *(u64 *)(r9 +128) = r7
 283: r0 = 0
 284: exit

