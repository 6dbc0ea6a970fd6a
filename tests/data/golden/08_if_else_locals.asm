// if/else with a local: classify requests by size
bio {
  $kib = bytes / 1024
  if ($kib >= 64) { @large[comm] = count() }
  else if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
  else { @last_small = $kib }
}
fs_0_bio (tracepoint/block/block_rq_issue):
   0: *(u64 *)(r10 -88) = r1
;; bio {
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
  14: r0 = 0
  15: *(u64 *)(r10 -64) = r0
  16: *(u32 *)(r10 -16) = 0
  17: r9 = map[fs_losses] ll
  19: r7 = r10
  20: r7 += -16
  21: r1 = r9
  22: r2 = r7
  23: call bpf_map_lookup_elem#1
  24: r8 = r0
  25: if r8 == 0x0 goto pc+3
  26: r7 = *(u64 *)(r8 +8)
  27: r7 += 1
  28: *(u64 *)(r8 +8) = r7
  29: r0 = 0
  30: *(u64 *)(r10 -80) = r0
  31: r0 = 0
  32: *(u64 *)(r10 -72) = r0
;; $kib = bytes / 1024
  33: r1 = *(u64 *)(r10 -88)
  34: r9 = *(u32 *)(r1 +28)
  35: r8 = r9
  36: r8 /= 1024
  37: *(u64 *)(r10 -64) = r8
;; if ($kib >= 64) { @large[comm] = count() }
  38: r9 = 1
  39: r1 = *(u64 *)(r10 -64)
  40: if r1 >= 0x40 goto pc+1
  41: r9 = 0
  42: if r9 == 0x0 goto pc+96
;; @large[comm] = count()
  43: r0 = 1
  44: *(u64 *)(r10 -96) = r0
  45: *(u64 *)(r10 -32) = 0
  46: *(u64 *)(r10 -24) = 0
  47: r8 = r10
  48: r8 += -32
  49: r7 = 16
  50: r1 = r8
  51: r2 = r7
  52: call bpf_get_current_comm#16
  53: r8 = map[fs_0_large] ll
  55: r7 = r10
  56: r7 += -32
  57: r1 = r8
  58: r2 = r7
  59: call bpf_map_lookup_elem#1
  60: r6 = r0
  61: if r6 == 0x0 goto pc+5
  62: r7 = *(u64 *)(r6 +0)
  63: r1 = *(u64 *)(r10 -96)
  64: r7 += r1
  65: *(u64 *)(r6 +0) = r7
  66: goto pc+71
  67: r2 = *(u64 *)(r10 -96)
  68: *(u64 *)(r10 -40) = r2
  69: r7 = map[fs_0_large] ll
  71: r6 = r10
  72: r6 += -32
  73: r8 = r10
  74: r8 += -40
  75: r9 = 1
  76: r1 = r7
  77: r2 = r6
  78: r3 = r8
  79: r4 = r9
  80: call bpf_map_update_elem#2
  81: *(u64 *)(r10 -104) = r0
  82: r1 = *(u64 *)(r10 -104)
  83: if r1 == 0x0 goto pc+54
  84: r0 <<= 32
  85: *(u64 *)(r10 -104) = r0
  86: r0 s>>= 32
  87: *(u64 *)(r10 -104) = r0
  88: r1 = *(u64 *)(r10 -104)
  89: if r1 != 0xffffffef goto pc+14
  90: r8 = map[fs_0_large] ll
  92: r6 = r10
  93: r6 += -32
  94: r1 = r8
  95: r2 = r6
  96: call bpf_map_lookup_elem#1
  97: r7 = r0
  98: if r7 == 0x0 goto pc+5
  99: r6 = *(u64 *)(r7 +0)
 100: r1 = *(u64 *)(r10 -96)
 101: r6 += r1
 102: *(u64 *)(r7 +0) = r6
 103: goto pc+34
 104: *(u32 *)(r10 -48) = 0
 105: r6 = map[fs_losses] ll
 107: r7 = r10
 108: r7 += -48
 109: r1 = r6
 110: r2 = r7
 111: call bpf_map_lookup_elem#1
 112: r8 = r0
 113: if r8 == 0x0 goto pc+7
 114: r7 = *(u64 *)(r8 +16)
 115: r7 += 1
 116: *(u64 *)(r8 +16) = r7
 117: r7 = *(u64 *)(r8 +88)
 118: r1 = *(u64 *)(r10 -96)
 119: r7 += r1
 120: *(u64 *)(r8 +88) = r7
 121: r1 = *(u64 *)(r10 -80)
 122: if r1 != 0x0 goto pc+15
 123: *(u32 *)(r10 -56) = 0
 124: r7 = map[fs_losses] ll
 126: r8 = r10
 127: r8 += -56
 128: r1 = r7
 129: r2 = r8
 130: call bpf_map_lookup_elem#1
 131: r6 = r0
 132: if r6 == 0x0 goto pc+3
 133: r8 = *(u64 *)(r6 +120)
 134: r8 += 1
 135: *(u64 *)(r6 +120) = r8
 136: r0 = 1
 137: *(u64 *)(r10 -80) = r0
 138: goto pc+176
;; if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
 139: r8 = 0
 140: r6 = 1
 141: r1 = *(u64 *)(r10 -64)
 142: if r1 > 0x4 goto pc+1
 143: r6 = 0
 144: if r6 == 0x0 goto pc+9
 145: call bpf_get_current_pid_tgid#14
 146: r6 = r0
 147: r7 = r6
 148: r7 >>= 32
 149: r6 = 1
 150: if r7 != 0x1 goto pc+1
 151: r6 = 0
 152: if r6 == 0x0 goto pc+1
 153: r8 = 1
 154: if r8 == 0x0 goto pc+112
;; @medium = sum(bytes)
 155: r1 = *(u64 *)(r10 -88)
 156: r0 = *(u32 *)(r1 +28)
 157: *(u64 *)(r10 -96) = r0
 158: *(u64 *)(r10 -40) = 0
 159: r7 = map[fs_1_medium] ll
 161: r8 = r10
 162: r8 += -40
 163: r1 = r7
 164: r2 = r8
 165: call bpf_map_lookup_elem#1
 166: r9 = r0
 167: if r9 == 0x0 goto pc+16
 168: r8 = *(u64 *)(r9 +0)
 169: r7 = r8
 170: r1 = *(u64 *)(r10 -96)
 171: r7 += r1
 172: r8 ^= r7
 173: r6 = r1
 174: r6 ^= r7
 175: r6 &= r8
 176: r0 = *(u64 *)(r10 -72)
 177: r0 |= r6
 178: *(u64 *)(r10 -72) = r0
 179: r6 s>>= 63
 180: r8 &= r6
 181: r7 ^= r8
 182: *(u64 *)(r9 +0) = r7
 183: goto pc+82
 184: r2 = *(u64 *)(r10 -96)
 185: *(u64 *)(r10 -56) = r2
 186: r7 = map[fs_1_medium] ll
 188: r8 = r10
 189: r8 += -40
 190: r9 = r10
 191: r9 += -56
 192: r6 = 1
 193: r1 = r7
 194: r2 = r8
 195: r3 = r9
 196: r4 = r6
 197: call bpf_map_update_elem#2
 198: *(u64 *)(r10 -88) = r0
 199: r1 = *(u64 *)(r10 -88)
 200: if r1 == 0x0 goto pc+65
 201: r0 <<= 32
 202: *(u64 *)(r10 -88) = r0
 203: r0 s>>= 32
 204: *(u64 *)(r10 -88) = r0
 205: r1 = *(u64 *)(r10 -88)
 206: if r1 != 0xffffffef goto pc+25
 207: r6 = map[fs_1_medium] ll
 209: r9 = r10
 210: r9 += -40
 211: r1 = r6
 212: r2 = r9
 213: call bpf_map_lookup_elem#1
 214: r8 = r0
 215: if r8 == 0x0 goto pc+16
 216: r9 = *(u64 *)(r8 +0)
 217: r6 = r9
 218: r1 = *(u64 *)(r10 -96)
 219: r6 += r1
 220: r9 ^= r6
 221: r7 = r1
 222: r7 ^= r6
 223: r7 &= r9
 224: r0 = *(u64 *)(r10 -72)
 225: r0 |= r7
 226: *(u64 *)(r10 -72) = r0
 227: r7 s>>= 63
 228: r9 &= r7
 229: r6 ^= r9
 230: *(u64 *)(r8 +0) = r6
 231: goto pc+34
 232: *(u32 *)(r10 -48) = 0
 233: r7 = map[fs_losses] ll
 235: r6 = r10
 236: r6 += -48
 237: r1 = r7
 238: r2 = r6
 239: call bpf_map_lookup_elem#1
 240: r9 = r0
 241: if r9 == 0x0 goto pc+7
 242: r6 = *(u64 *)(r9 +16)
 243: r6 += 1
 244: *(u64 *)(r9 +16) = r6
 245: r6 = *(u64 *)(r9 +88)
 246: r1 = *(u64 *)(r10 -96)
 247: r6 += r1
 248: *(u64 *)(r9 +88) = r6
 249: r1 = *(u64 *)(r10 -80)
 250: if r1 != 0x0 goto pc+15
 251: *(u32 *)(r10 -32) = 0
 252: r6 = map[fs_losses] ll
 254: r9 = r10
 255: r9 += -32
 256: r1 = r6
 257: r2 = r9
 258: call bpf_map_lookup_elem#1
 259: r7 = r0
 260: if r7 == 0x0 goto pc+3
 261: r9 = *(u64 *)(r7 +120)
 262: r9 += 1
 263: *(u64 *)(r7 +120) = r9
 264: r0 = 1
 265: *(u64 *)(r10 -80) = r0
 266: goto pc+48
;; @last_small = $kib
 267: *(u64 *)(r10 -40) = 0
 268: r2 = *(u64 *)(r10 -64)
 269: *(u64 *)(r10 -56) = r2
 270: r9 = map[fs_2_last_small] ll
 272: r7 = r10
 273: r7 += -40
 274: r6 = r10
 275: r6 += -56
 276: r8 = 0
 277: r1 = r9
 278: r2 = r7
 279: r3 = r6
 280: r4 = r8
 281: call bpf_map_update_elem#2
 282: *(u64 *)(r10 -64) = r0
 283: r1 = *(u64 *)(r10 -64)
 284: if r1 == 0x0 goto pc+30
 285: *(u32 *)(r10 -48) = 0
 286: r8 = map[fs_losses] ll
 288: r6 = r10
 289: r6 += -48
 290: r1 = r8
 291: r2 = r6
 292: call bpf_map_lookup_elem#1
 293: r7 = r0
 294: if r7 == 0x0 goto pc+3
 295: r6 = *(u64 *)(r7 +16)
 296: r6 += 1
 297: *(u64 *)(r7 +16) = r6
 298: r1 = *(u64 *)(r10 -80)
 299: if r1 != 0x0 goto pc+15
 300: *(u32 *)(r10 -32) = 0
 301: r6 = map[fs_losses] ll
 303: r7 = r10
 304: r7 += -32
 305: r1 = r6
 306: r2 = r7
 307: call bpf_map_lookup_elem#1
 308: r8 = r0
 309: if r8 == 0x0 goto pc+3
 310: r7 = *(u64 *)(r8 +120)
 311: r7 += 1
 312: *(u64 *)(r8 +120) = r7
 313: r0 = 1
 314: *(u64 *)(r10 -80) = r0
 315: r1 = *(u64 *)(r10 -72)
 316: if r1 s>= 0x0 goto pc+13
 317: *(u32 *)(r10 -40) = 0
 318: r7 = map[fs_losses] ll
 320: r8 = r10
 321: r8 += -40
 322: r1 = r7
 323: r2 = r8
 324: call bpf_map_lookup_elem#1
 325: r6 = r0
 326: if r6 == 0x0 goto pc+3
 327: r8 = *(u64 *)(r6 +128)
 328: r8 += 1
 329: *(u64 *)(r6 +128) = r8
 330: r0 = 0
 331: exit

