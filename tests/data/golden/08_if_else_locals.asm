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
  30: *(u64 *)(r10 -72) = r0
;; $kib = bytes / 1024
  31: r1 = *(u64 *)(r10 -80)
  32: r8 = *(u32 *)(r1 +28)
  33: r9 = r8
  34: r9 /= 1024
  35: *(u64 *)(r10 -64) = r9
;; if ($kib >= 64) { @large[comm] = count() }
  36: r9 = 1
  37: r1 = *(u64 *)(r10 -64)
  38: if r1 >= 0x40 goto pc+1
  39: r9 = 0
  40: if r9 == 0x0 goto pc+96
;; @large[comm] = count()
  41: r0 = 1
  42: *(u64 *)(r10 -88) = r0
  43: *(u64 *)(r10 -32) = 0
  44: *(u64 *)(r10 -24) = 0
  45: r8 = r10
  46: r8 += -32
  47: r7 = 16
  48: r1 = r8
  49: r2 = r7
  50: call bpf_get_current_comm#16
  51: r8 = map[fs_0_large] ll
  53: r7 = r10
  54: r7 += -32
  55: r1 = r8
  56: r2 = r7
  57: call bpf_map_lookup_elem#1
  58: r6 = r0
  59: if r6 == 0x0 goto pc+5
  60: r7 = *(u64 *)(r6 +0)
  61: r1 = *(u64 *)(r10 -88)
  62: r7 += r1
  63: *(u64 *)(r6 +0) = r7
  64: goto pc+71
  65: r2 = *(u64 *)(r10 -88)
  66: *(u64 *)(r10 -40) = r2
  67: r7 = map[fs_0_large] ll
  69: r6 = r10
  70: r6 += -32
  71: r8 = r10
  72: r8 += -40
  73: r9 = 1
  74: r1 = r7
  75: r2 = r6
  76: r3 = r8
  77: r4 = r9
  78: call bpf_map_update_elem#2
  79: *(u64 *)(r10 -96) = r0
  80: r1 = *(u64 *)(r10 -96)
  81: if r1 == 0x0 goto pc+54
  82: r0 <<= 32
  83: *(u64 *)(r10 -96) = r0
  84: r0 s>>= 32
  85: *(u64 *)(r10 -96) = r0
  86: r1 = *(u64 *)(r10 -96)
  87: if r1 != 0xffffffef goto pc+14
  88: r8 = map[fs_0_large] ll
  90: r6 = r10
  91: r6 += -32
  92: r1 = r8
  93: r2 = r6
  94: call bpf_map_lookup_elem#1
  95: r7 = r0
  96: if r7 == 0x0 goto pc+5
  97: r6 = *(u64 *)(r7 +0)
  98: r1 = *(u64 *)(r10 -88)
  99: r6 += r1
 100: *(u64 *)(r7 +0) = r6
 101: goto pc+34
 102: *(u32 *)(r10 -48) = 0
 103: r6 = map[fs_losses] ll
 105: r7 = r10
 106: r7 += -48
 107: r1 = r6
 108: r2 = r7
 109: call bpf_map_lookup_elem#1
 110: r8 = r0
 111: if r8 == 0x0 goto pc+7
 112: r7 = *(u64 *)(r8 +16)
 113: r7 += 1
 114: *(u64 *)(r8 +16) = r7
 115: r7 = *(u64 *)(r8 +88)
 116: r1 = *(u64 *)(r10 -88)
 117: r7 += r1
 118: *(u64 *)(r8 +88) = r7
 119: r1 = *(u64 *)(r10 -72)
 120: if r1 != 0x0 goto pc+15
 121: *(u32 *)(r10 -56) = 0
 122: r7 = map[fs_losses] ll
 124: r8 = r10
 125: r8 += -56
 126: r1 = r7
 127: r2 = r8
 128: call bpf_map_lookup_elem#1
 129: r6 = r0
 130: if r6 == 0x0 goto pc+3
 131: r8 = *(u64 *)(r6 +120)
 132: r8 += 1
 133: *(u64 *)(r6 +120) = r8
 134: r0 = 1
 135: *(u64 *)(r10 -72) = r0
 136: goto pc+154
;; if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
 137: r8 = 0
 138: r6 = 1
 139: r1 = *(u64 *)(r10 -64)
 140: if r1 > 0x4 goto pc+1
 141: r6 = 0
 142: if r6 == 0x0 goto pc+9
 143: call bpf_get_current_pid_tgid#14
 144: r6 = r0
 145: r7 = r6
 146: r7 >>= 32
 147: r6 = 1
 148: if r7 != 0x1 goto pc+1
 149: r6 = 0
 150: if r6 == 0x0 goto pc+1
 151: r8 = 1
 152: if r8 == 0x0 goto pc+90
;; @medium = sum(bytes)
 153: r1 = *(u64 *)(r10 -80)
 154: r0 = *(u32 *)(r1 +28)
 155: *(u64 *)(r10 -88) = r0
 156: *(u64 *)(r10 -40) = 0
 157: r7 = map[fs_1_medium] ll
 159: r8 = r10
 160: r8 += -40
 161: r1 = r7
 162: r2 = r8
 163: call bpf_map_lookup_elem#1
 164: r9 = r0
 165: if r9 == 0x0 goto pc+5
 166: r8 = *(u64 *)(r9 +0)
 167: r1 = *(u64 *)(r10 -88)
 168: r8 += r1
 169: *(u64 *)(r9 +0) = r8
 170: goto pc+71
 171: r2 = *(u64 *)(r10 -88)
 172: *(u64 *)(r10 -56) = r2
 173: r8 = map[fs_1_medium] ll
 175: r9 = r10
 176: r9 += -40
 177: r7 = r10
 178: r7 += -56
 179: r6 = 1
 180: r1 = r8
 181: r2 = r9
 182: r3 = r7
 183: r4 = r6
 184: call bpf_map_update_elem#2
 185: *(u64 *)(r10 -80) = r0
 186: r1 = *(u64 *)(r10 -80)
 187: if r1 == 0x0 goto pc+54
 188: r0 <<= 32
 189: *(u64 *)(r10 -80) = r0
 190: r0 s>>= 32
 191: *(u64 *)(r10 -80) = r0
 192: r1 = *(u64 *)(r10 -80)
 193: if r1 != 0xffffffef goto pc+14
 194: r7 = map[fs_1_medium] ll
 196: r9 = r10
 197: r9 += -40
 198: r1 = r7
 199: r2 = r9
 200: call bpf_map_lookup_elem#1
 201: r8 = r0
 202: if r8 == 0x0 goto pc+5
 203: r9 = *(u64 *)(r8 +0)
 204: r1 = *(u64 *)(r10 -88)
 205: r9 += r1
 206: *(u64 *)(r8 +0) = r9
 207: goto pc+34
 208: *(u32 *)(r10 -48) = 0
 209: r9 = map[fs_losses] ll
 211: r8 = r10
 212: r8 += -48
 213: r1 = r9
 214: r2 = r8
 215: call bpf_map_lookup_elem#1
 216: r7 = r0
 217: if r7 == 0x0 goto pc+7
 218: r8 = *(u64 *)(r7 +16)
 219: r8 += 1
 220: *(u64 *)(r7 +16) = r8
 221: r8 = *(u64 *)(r7 +88)
 222: r1 = *(u64 *)(r10 -88)
 223: r8 += r1
 224: *(u64 *)(r7 +88) = r8
 225: r1 = *(u64 *)(r10 -72)
 226: if r1 != 0x0 goto pc+15
 227: *(u32 *)(r10 -32) = 0
 228: r8 = map[fs_losses] ll
 230: r7 = r10
 231: r7 += -32
 232: r1 = r8
 233: r2 = r7
 234: call bpf_map_lookup_elem#1
 235: r9 = r0
 236: if r9 == 0x0 goto pc+3
 237: r7 = *(u64 *)(r9 +120)
 238: r7 += 1
 239: *(u64 *)(r9 +120) = r7
 240: r0 = 1
 241: *(u64 *)(r10 -72) = r0
 242: goto pc+48
;; @last_small = $kib
 243: *(u64 *)(r10 -40) = 0
 244: r2 = *(u64 *)(r10 -64)
 245: *(u64 *)(r10 -56) = r2
 246: r7 = map[fs_2_last_small] ll
 248: r9 = r10
 249: r9 += -40
 250: r8 = r10
 251: r8 += -56
 252: r6 = 0
 253: r1 = r7
 254: r2 = r9
 255: r3 = r8
 256: r4 = r6
 257: call bpf_map_update_elem#2
 258: *(u64 *)(r10 -64) = r0
 259: r1 = *(u64 *)(r10 -64)
 260: if r1 == 0x0 goto pc+30
 261: *(u32 *)(r10 -48) = 0
 262: r6 = map[fs_losses] ll
 264: r8 = r10
 265: r8 += -48
 266: r1 = r6
 267: r2 = r8
 268: call bpf_map_lookup_elem#1
 269: r9 = r0
 270: if r9 == 0x0 goto pc+3
 271: r8 = *(u64 *)(r9 +16)
 272: r8 += 1
 273: *(u64 *)(r9 +16) = r8
 274: r1 = *(u64 *)(r10 -72)
 275: if r1 != 0x0 goto pc+15
 276: *(u32 *)(r10 -32) = 0
 277: r8 = map[fs_losses] ll
 279: r9 = r10
 280: r9 += -32
 281: r1 = r8
 282: r2 = r9
 283: call bpf_map_lookup_elem#1
 284: r6 = r0
 285: if r6 == 0x0 goto pc+3
 286: r9 = *(u64 *)(r6 +120)
 287: r9 += 1
 288: *(u64 *)(r6 +120) = r9
 289: r0 = 1
 290: *(u64 *)(r10 -72) = r0
 291: r0 = 0
 292: exit

