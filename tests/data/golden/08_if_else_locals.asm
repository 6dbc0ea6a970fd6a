// if/else with a local: classify requests by size
bio {
  $kib = bytes / 1024
  if ($kib >= 64) { @large[comm] = count() }
  else if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
  else { @last_small = $kib }
}
fs_0_bio (tracepoint/block/block_rq_issue):
   0: *(u64 *)(r10 -80) = r1
;; bio {
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
  21: r0 = 0
  22: *(u64 *)(r10 -56) = r0
;; $kib = bytes / 1024
  23: r1 = *(u64 *)(r10 -80)
  24: r7 = *(u32 *)(r1 +28)
  25: r9 = r7
  26: r9 /= 1024
  27: *(u64 *)(r10 -72) = r9
;; if ($kib >= 64) { @large[comm] = count() }
  28: r7 = 1
  29: r1 = *(u64 *)(r10 -72)
  30: if r1 >= 0x40 goto pc+1
  31: r7 = 0
  32: if r7 == 0x0 goto pc+96
;; @large[comm] = count()
  33: r0 = 1
  34: *(u64 *)(r10 -88) = r0
  35: *(u64 *)(r10 -24) = 0
  36: *(u64 *)(r10 -16) = 0
  37: r9 = r10
  38: r9 += -24
  39: r8 = 16
  40: r1 = r9
  41: r2 = r8
  42: call bpf_get_current_comm#16
  43: r9 = map[fs_0_large] ll
  45: r8 = r10
  46: r8 += -24
  47: r1 = r9
  48: r2 = r8
  49: call bpf_map_lookup_elem#1
  50: r6 = r0
  51: if r6 == 0x0 goto pc+5
  52: r8 = *(u64 *)(r6 +0)
  53: r1 = *(u64 *)(r10 -88)
  54: r8 += r1
  55: *(u64 *)(r6 +0) = r8
  56: goto pc+71
  57: r2 = *(u64 *)(r10 -88)
  58: *(u64 *)(r10 -32) = r2
  59: r8 = map[fs_0_large] ll
  61: r6 = r10
  62: r6 += -24
  63: r9 = r10
  64: r9 += -32
  65: r7 = 1
  66: r1 = r8
  67: r2 = r6
  68: r3 = r9
  69: r4 = r7
  70: call bpf_map_update_elem#2
  71: *(u64 *)(r10 -96) = r0
  72: r1 = *(u64 *)(r10 -96)
  73: if r1 == 0x0 goto pc+54
  74: r0 <<= 32
  75: *(u64 *)(r10 -96) = r0
  76: r0 s>>= 32
  77: *(u64 *)(r10 -96) = r0
  78: r1 = *(u64 *)(r10 -96)
  79: if r1 != 0xffffffef goto pc+14
  80: r9 = map[fs_0_large] ll
  82: r6 = r10
  83: r6 += -24
  84: r1 = r9
  85: r2 = r6
  86: call bpf_map_lookup_elem#1
  87: r8 = r0
  88: if r8 == 0x0 goto pc+5
  89: r6 = *(u64 *)(r8 +0)
  90: r1 = *(u64 *)(r10 -88)
  91: r6 += r1
  92: *(u64 *)(r8 +0) = r6
  93: goto pc+34
  94: *(u32 *)(r10 -40) = 0
  95: r6 = map[fs_losses] ll
  97: r8 = r10
  98: r8 += -40
  99: r1 = r6
 100: r2 = r8
 101: call bpf_map_lookup_elem#1
 102: r9 = r0
 103: if r9 == 0x0 goto pc+7
 104: r8 = *(u64 *)(r9 +16)
 105: r8 += 1
 106: *(u64 *)(r9 +16) = r8
 107: r8 = *(u64 *)(r9 +88)
 108: r1 = *(u64 *)(r10 -88)
 109: r8 += r1
 110: *(u64 *)(r9 +88) = r8
 111: r1 = *(u64 *)(r10 -64)
 112: if r1 != 0x0 goto pc+15
 113: *(u32 *)(r10 -48) = 0
 114: r8 = map[fs_losses] ll
 116: r9 = r10
 117: r9 += -48
 118: r1 = r8
 119: r2 = r9
 120: call bpf_map_lookup_elem#1
 121: r6 = r0
 122: if r6 == 0x0 goto pc+3
 123: r9 = *(u64 *)(r6 +120)
 124: r9 += 1
 125: *(u64 *)(r6 +120) = r9
 126: r0 = 1
 127: *(u64 *)(r10 -64) = r0
 128: goto pc+176
;; if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
 129: r9 = 0
 130: r6 = 1
 131: r1 = *(u64 *)(r10 -72)
 132: if r1 > 0x4 goto pc+1
 133: r6 = 0
 134: if r6 == 0x0 goto pc+9
 135: call bpf_get_current_pid_tgid#14
 136: r6 = r0
 137: r8 = r6
 138: r8 >>= 32
 139: r6 = 1
 140: if r8 != 0x1 goto pc+1
 141: r6 = 0
 142: if r6 == 0x0 goto pc+1
 143: r9 = 1
 144: if r9 == 0x0 goto pc+112
;; @medium = sum(bytes)
 145: r1 = *(u64 *)(r10 -80)
 146: r0 = *(u32 *)(r1 +28)
 147: *(u64 *)(r10 -88) = r0
 148: *(u64 *)(r10 -32) = 0
 149: r8 = map[fs_1_medium] ll
 151: r9 = r10
 152: r9 += -32
 153: r1 = r8
 154: r2 = r9
 155: call bpf_map_lookup_elem#1
 156: r7 = r0
 157: if r7 == 0x0 goto pc+16
 158: r9 = *(u64 *)(r7 +0)
 159: r8 = r9
 160: r1 = *(u64 *)(r10 -88)
 161: r8 += r1
 162: r9 ^= r8
 163: r6 = r1
 164: r6 ^= r8
 165: r6 &= r9
 166: r0 = *(u64 *)(r10 -56)
 167: r0 |= r6
 168: *(u64 *)(r10 -56) = r0
 169: r6 s>>= 63
 170: r9 &= r6
 171: r8 ^= r9
 172: *(u64 *)(r7 +0) = r8
 173: goto pc+82
 174: r2 = *(u64 *)(r10 -88)
 175: *(u64 *)(r10 -48) = r2
 176: r8 = map[fs_1_medium] ll
 178: r9 = r10
 179: r9 += -32
 180: r7 = r10
 181: r7 += -48
 182: r6 = 1
 183: r1 = r8
 184: r2 = r9
 185: r3 = r7
 186: r4 = r6
 187: call bpf_map_update_elem#2
 188: *(u64 *)(r10 -80) = r0
 189: r1 = *(u64 *)(r10 -80)
 190: if r1 == 0x0 goto pc+65
 191: r0 <<= 32
 192: *(u64 *)(r10 -80) = r0
 193: r0 s>>= 32
 194: *(u64 *)(r10 -80) = r0
 195: r1 = *(u64 *)(r10 -80)
 196: if r1 != 0xffffffef goto pc+25
 197: r6 = map[fs_1_medium] ll
 199: r7 = r10
 200: r7 += -32
 201: r1 = r6
 202: r2 = r7
 203: call bpf_map_lookup_elem#1
 204: r9 = r0
 205: if r9 == 0x0 goto pc+16
 206: r7 = *(u64 *)(r9 +0)
 207: r6 = r7
 208: r1 = *(u64 *)(r10 -88)
 209: r6 += r1
 210: r7 ^= r6
 211: r8 = r1
 212: r8 ^= r6
 213: r8 &= r7
 214: r0 = *(u64 *)(r10 -56)
 215: r0 |= r8
 216: *(u64 *)(r10 -56) = r0
 217: r8 s>>= 63
 218: r7 &= r8
 219: r6 ^= r7
 220: *(u64 *)(r9 +0) = r6
 221: goto pc+34
 222: *(u32 *)(r10 -40) = 0
 223: r8 = map[fs_losses] ll
 225: r6 = r10
 226: r6 += -40
 227: r1 = r8
 228: r2 = r6
 229: call bpf_map_lookup_elem#1
 230: r7 = r0
 231: if r7 == 0x0 goto pc+7
 232: r6 = *(u64 *)(r7 +16)
 233: r6 += 1
 234: *(u64 *)(r7 +16) = r6
 235: r6 = *(u64 *)(r7 +88)
 236: r1 = *(u64 *)(r10 -88)
 237: r6 += r1
 238: *(u64 *)(r7 +88) = r6
 239: r1 = *(u64 *)(r10 -64)
 240: if r1 != 0x0 goto pc+15
 241: *(u32 *)(r10 -24) = 0
 242: r6 = map[fs_losses] ll
 244: r7 = r10
 245: r7 += -24
 246: r1 = r6
 247: r2 = r7
 248: call bpf_map_lookup_elem#1
 249: r8 = r0
 250: if r8 == 0x0 goto pc+3
 251: r7 = *(u64 *)(r8 +120)
 252: r7 += 1
 253: *(u64 *)(r8 +120) = r7
 254: r0 = 1
 255: *(u64 *)(r10 -64) = r0
 256: goto pc+48
;; @last_small = $kib
 257: *(u64 *)(r10 -32) = 0
 258: r2 = *(u64 *)(r10 -72)
 259: *(u64 *)(r10 -48) = r2
 260: r7 = map[fs_2_last_small] ll
 262: r8 = r10
 263: r8 += -32
 264: r6 = r10
 265: r6 += -48
 266: r9 = 0
 267: r1 = r7
 268: r2 = r8
 269: r3 = r6
 270: r4 = r9
 271: call bpf_map_update_elem#2
 272: *(u64 *)(r10 -72) = r0
 273: r1 = *(u64 *)(r10 -72)
 274: if r1 == 0x0 goto pc+30
 275: *(u32 *)(r10 -40) = 0
 276: r9 = map[fs_losses] ll
 278: r6 = r10
 279: r6 += -40
 280: r1 = r9
 281: r2 = r6
 282: call bpf_map_lookup_elem#1
 283: r8 = r0
 284: if r8 == 0x0 goto pc+3
 285: r6 = *(u64 *)(r8 +16)
 286: r6 += 1
 287: *(u64 *)(r8 +16) = r6
 288: r1 = *(u64 *)(r10 -64)
 289: if r1 != 0x0 goto pc+15
 290: *(u32 *)(r10 -24) = 0
 291: r6 = map[fs_losses] ll
 293: r8 = r10
 294: r8 += -24
 295: r1 = r6
 296: r2 = r8
 297: call bpf_map_lookup_elem#1
 298: r9 = r0
 299: if r9 == 0x0 goto pc+3
 300: r8 = *(u64 *)(r9 +120)
 301: r8 += 1
 302: *(u64 *)(r9 +120) = r8
 303: r0 = 1
 304: *(u64 *)(r10 -64) = r0
 305: r1 = *(u64 *)(r10 -56)
 306: if r1 s>= 0x0 goto pc+13
 307: *(u32 *)(r10 -32) = 0
 308: r8 = map[fs_losses] ll
 310: r9 = r10
 311: r9 += -32
 312: r1 = r8
 313: r2 = r9
 314: call bpf_map_lookup_elem#1
 315: r6 = r0
 316: if r6 == 0x0 goto pc+3
 317: r9 = *(u64 *)(r6 +128)
 318: r9 += 1
 319: *(u64 *)(r6 +128) = r9
 320: r0 = 0
 321: exit

