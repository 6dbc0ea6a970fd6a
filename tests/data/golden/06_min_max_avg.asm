bio < @small = min(bytes); @big = max(bytes); @mean = avg(bytes) >
fs_0_bio (tracepoint/block/block_rq_issue):
   0: *(u64 *)(r10 -88) = r1
;; bio < @small = min(bytes); @big = max(bytes); @mean = avg(by…
   1: *(u32 *)(r10 -8) = 0
   2: r7 = map[fs_losses] ll
   4: r8 = r10
   5: r8 += -8
   6: r1 = r7
   7: r2 = r8
   8: call bpf_map_lookup_elem#1
   9: r9 = r0
  10: if r9 == 0x0 goto pc+3
  11: r8 = *(u64 *)(r9 +0)
  12: r8 += 1
  13: *(u64 *)(r9 +0) = r8
  14: *(u32 *)(r10 -16) = 0
  15: r8 = map[fs_losses] ll
  17: r9 = r10
  18: r9 += -16
  19: r1 = r8
  20: r2 = r9
  21: call bpf_map_lookup_elem#1
  22: r7 = r0
  23: if r7 == 0x0 goto pc+3
  24: r9 = *(u64 *)(r7 +8)
  25: r9 += 1
  26: *(u64 *)(r7 +8) = r9
  27: r0 = 0
  28: *(u64 *)(r10 -80) = r0
  29: r0 = 0
  30: *(u64 *)(r10 -72) = r0
;; @small = min(bytes)
  31: r1 = *(u64 *)(r10 -88)
  32: r8 = *(u32 *)(r1 +28)
  33: *(u64 *)(r10 -24) = 0
  34: r7 = map[fs_0_small] ll
  36: r9 = r10
  37: r9 += -24
  38: r1 = r7
  39: r2 = r9
  40: call bpf_map_lookup_elem#1
  41: r6 = r0
  42: if r6 == 0x0 goto pc+4
  43: r7 = *(u64 *)(r6 +0)
  44: if r7 <= r8 goto pc+48
  45: *(u64 *)(r6 +0) = r8
  46: goto pc+46
  47: *(u64 *)(r10 -32) = r8
  48: r7 = map[fs_0_small] ll
  50: r8 = r10
  51: r8 += -24
  52: r6 = r10
  53: r6 += -32
  54: r9 = 1
  55: r1 = r7
  56: r2 = r8
  57: r3 = r6
  58: r4 = r9
  59: call bpf_map_update_elem#2
  60: *(u64 *)(r10 -96) = r0
  61: r1 = *(u64 *)(r10 -96)
  62: if r1 == 0x0 goto pc+30
  63: *(u32 *)(r10 -40) = 0
  64: r9 = map[fs_losses] ll
  66: r6 = r10
  67: r6 += -40
  68: r1 = r9
  69: r2 = r6
  70: call bpf_map_lookup_elem#1
  71: r8 = r0
  72: if r8 == 0x0 goto pc+3
  73: r6 = *(u64 *)(r8 +16)
  74: r6 += 1
  75: *(u64 *)(r8 +16) = r6
  76: r1 = *(u64 *)(r10 -80)
  77: if r1 != 0x0 goto pc+15
  78: *(u32 *)(r10 -48) = 0
  79: r6 = map[fs_losses] ll
  81: r8 = r10
  82: r8 += -48
  83: r1 = r6
  84: r2 = r8
  85: call bpf_map_lookup_elem#1
  86: r9 = r0
  87: if r9 == 0x0 goto pc+3
  88: r8 = *(u64 *)(r9 +120)
  89: r8 += 1
  90: *(u64 *)(r9 +120) = r8
  91: r0 = 1
  92: *(u64 *)(r10 -80) = r0
;; @big = max(bytes)
  93: r1 = *(u64 *)(r10 -88)
  94: r8 = *(u32 *)(r1 +28)
  95: *(u64 *)(r10 -24) = 0
  96: r9 = map[fs_1_big] ll
  98: r6 = r10
  99: r6 += -24
 100: r1 = r9
 101: r2 = r6
 102: call bpf_map_lookup_elem#1
 103: r7 = r0
 104: if r7 == 0x0 goto pc+4
 105: r6 = *(u64 *)(r7 +0)
 106: if r6 >= r8 goto pc+48
 107: *(u64 *)(r7 +0) = r8
 108: goto pc+46
 109: *(u64 *)(r10 -48) = r8
 110: r6 = map[fs_1_big] ll
 112: r7 = r10
 113: r7 += -24
 114: r8 = r10
 115: r8 += -48
 116: r9 = 1
 117: r1 = r6
 118: r2 = r7
 119: r3 = r8
 120: r4 = r9
 121: call bpf_map_update_elem#2
 122: *(u64 *)(r10 -96) = r0
 123: r1 = *(u64 *)(r10 -96)
 124: if r1 == 0x0 goto pc+30
 125: *(u32 *)(r10 -40) = 0
 126: r9 = map[fs_losses] ll
 128: r8 = r10
 129: r8 += -40
 130: r1 = r9
 131: r2 = r8
 132: call bpf_map_lookup_elem#1
 133: r7 = r0
 134: if r7 == 0x0 goto pc+3
 135: r8 = *(u64 *)(r7 +16)
 136: r8 += 1
 137: *(u64 *)(r7 +16) = r8
 138: r1 = *(u64 *)(r10 -80)
 139: if r1 != 0x0 goto pc+15
 140: *(u32 *)(r10 -32) = 0
 141: r8 = map[fs_losses] ll
 143: r7 = r10
 144: r7 += -32
 145: r1 = r8
 146: r2 = r7
 147: call bpf_map_lookup_elem#1
 148: r9 = r0
 149: if r9 == 0x0 goto pc+3
 150: r7 = *(u64 *)(r9 +120)
 151: r7 += 1
 152: *(u64 *)(r9 +120) = r7
 153: r0 = 1
 154: *(u64 *)(r10 -80) = r0
;; @mean = avg(bytes)
 155: r1 = *(u64 *)(r10 -88)
 156: r0 = *(u32 *)(r1 +28)
 157: *(u64 *)(r10 -96) = r0
 158: r0 = 1
 159: *(u64 *)(r10 -88) = r0
 160: *(u64 *)(r10 -24) = 0
 161: r8 = map[fs_2_mean] ll
 163: r6 = r10
 164: r6 += -24
 165: r1 = r8
 166: r2 = r6
 167: call bpf_map_lookup_elem#1
 168: r7 = r0
 169: if r7 == 0x0 goto pc+20
 170: r6 = *(u64 *)(r7 +0)
 171: r8 = r6
 172: r1 = *(u64 *)(r10 -96)
 173: r8 += r1
 174: r6 ^= r8
 175: r9 = r1
 176: r9 ^= r8
 177: r9 &= r6
 178: r0 = *(u64 *)(r10 -72)
 179: r0 |= r9
 180: *(u64 *)(r10 -72) = r0
 181: r9 s>>= 63
 182: r6 &= r9
 183: r8 ^= r6
 184: *(u64 *)(r7 +0) = r8
 185: r8 = *(u64 *)(r7 +8)
 186: r1 = *(u64 *)(r10 -88)
 187: r8 += r1
 188: *(u64 *)(r7 +8) = r8
 189: goto pc+88
 190: r2 = *(u64 *)(r10 -96)
 191: *(u64 *)(r10 -64) = r2
 192: r2 = *(u64 *)(r10 -88)
 193: *(u64 *)(r10 -56) = r2
 194: r8 = map[fs_2_mean] ll
 196: r7 = r10
 197: r7 += -24
 198: r6 = r10
 199: r6 += -64
 200: r9 = 1
 201: r1 = r8
 202: r2 = r7
 203: r3 = r6
 204: r4 = r9
 205: call bpf_map_update_elem#2
 206: *(u64 *)(r10 -104) = r0
 207: r1 = *(u64 *)(r10 -104)
 208: if r1 == 0x0 goto pc+69
 209: r0 <<= 32
 210: *(u64 *)(r10 -104) = r0
 211: r0 s>>= 32
 212: *(u64 *)(r10 -104) = r0
 213: r1 = *(u64 *)(r10 -104)
 214: if r1 != 0xffffffef goto pc+29
 215: r9 = map[fs_2_mean] ll
 217: r6 = r10
 218: r6 += -24
 219: r1 = r9
 220: r2 = r6
 221: call bpf_map_lookup_elem#1
 222: r7 = r0
 223: if r7 == 0x0 goto pc+20
 224: r6 = *(u64 *)(r7 +0)
 225: r9 = r6
 226: r1 = *(u64 *)(r10 -96)
 227: r9 += r1
 228: r6 ^= r9
 229: r8 = r1
 230: r8 ^= r9
 231: r8 &= r6
 232: r0 = *(u64 *)(r10 -72)
 233: r0 |= r8
 234: *(u64 *)(r10 -72) = r0
 235: r8 s>>= 63
 236: r6 &= r8
 237: r9 ^= r6
 238: *(u64 *)(r7 +0) = r9
 239: r8 = *(u64 *)(r7 +8)
 240: r1 = *(u64 *)(r10 -88)
 241: r8 += r1
 242: *(u64 *)(r7 +8) = r8
 243: goto pc+34
 244: *(u32 *)(r10 -32) = 0
 245: r8 = map[fs_losses] ll
 247: r7 = r10
 248: r7 += -32
 249: r1 = r8
 250: r2 = r7
 251: call bpf_map_lookup_elem#1
 252: r9 = r0
 253: if r9 == 0x0 goto pc+7
 254: r7 = *(u64 *)(r9 +16)
 255: r7 += 1
 256: *(u64 *)(r9 +16) = r7
 257: r7 = *(u64 *)(r9 +88)
 258: r1 = *(u64 *)(r10 -96)
 259: r7 += r1
 260: *(u64 *)(r9 +88) = r7
 261: r1 = *(u64 *)(r10 -80)
 262: if r1 != 0x0 goto pc+15
 263: *(u32 *)(r10 -40) = 0
 264: r7 = map[fs_losses] ll
 266: r9 = r10
 267: r9 += -40
 268: r1 = r7
 269: r2 = r9
 270: call bpf_map_lookup_elem#1
 271: r8 = r0
 272: if r8 == 0x0 goto pc+3
 273: r9 = *(u64 *)(r8 +120)
 274: r9 += 1
 275: *(u64 *)(r8 +120) = r9
 276: r0 = 1
 277: *(u64 *)(r10 -80) = r0
 278: r1 = *(u64 *)(r10 -72)
 279: if r1 s>= 0x0 goto pc+13
 280: *(u32 *)(r10 -48) = 0
 281: r9 = map[fs_losses] ll
 283: r8 = r10
 284: r8 += -48
 285: r1 = r9
 286: r2 = r8
 287: call bpf_map_lookup_elem#1
 288: r7 = r0
 289: if r7 == 0x0 goto pc+3
 290: r8 = *(u64 *)(r7 +128)
 291: r8 += 1
 292: *(u64 *)(r7 +128) = r8
 293: r0 = 0
 294: exit

