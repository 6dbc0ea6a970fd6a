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
  28: *(u64 *)(r10 -72) = r0
;; @small = min(bytes)
  29: r1 = *(u64 *)(r10 -80)
  30: r7 = *(u32 *)(r1 +28)
  31: *(u64 *)(r10 -24) = 0
  32: r8 = map[fs_0_small] ll
  34: r9 = r10
  35: r9 += -24
  36: r1 = r8
  37: r2 = r9
  38: call bpf_map_lookup_elem#1
  39: r6 = r0
  40: if r6 == 0x0 goto pc+4
  41: r8 = *(u64 *)(r6 +0)
  42: if r8 <= r7 goto pc+48
  43: *(u64 *)(r6 +0) = r7
  44: goto pc+46
  45: *(u64 *)(r10 -32) = r7
  46: r8 = map[fs_0_small] ll
  48: r7 = r10
  49: r7 += -24
  50: r6 = r10
  51: r6 += -32
  52: r9 = 1
  53: r1 = r8
  54: r2 = r7
  55: r3 = r6
  56: r4 = r9
  57: call bpf_map_update_elem#2
  58: *(u64 *)(r10 -88) = r0
  59: r1 = *(u64 *)(r10 -88)
  60: if r1 == 0x0 goto pc+30
  61: *(u32 *)(r10 -40) = 0
  62: r9 = map[fs_losses] ll
  64: r6 = r10
  65: r6 += -40
  66: r1 = r9
  67: r2 = r6
  68: call bpf_map_lookup_elem#1
  69: r7 = r0
  70: if r7 == 0x0 goto pc+3
  71: r6 = *(u64 *)(r7 +16)
  72: r6 += 1
  73: *(u64 *)(r7 +16) = r6
  74: r1 = *(u64 *)(r10 -72)
  75: if r1 != 0x0 goto pc+15
  76: *(u32 *)(r10 -48) = 0
  77: r6 = map[fs_losses] ll
  79: r7 = r10
  80: r7 += -48
  81: r1 = r6
  82: r2 = r7
  83: call bpf_map_lookup_elem#1
  84: r9 = r0
  85: if r9 == 0x0 goto pc+3
  86: r7 = *(u64 *)(r9 +120)
  87: r7 += 1
  88: *(u64 *)(r9 +120) = r7
  89: r0 = 1
  90: *(u64 *)(r10 -72) = r0
;; @big = max(bytes)
  91: r1 = *(u64 *)(r10 -80)
  92: r7 = *(u32 *)(r1 +28)
  93: *(u64 *)(r10 -24) = 0
  94: r9 = map[fs_1_big] ll
  96: r6 = r10
  97: r6 += -24
  98: r1 = r9
  99: r2 = r6
 100: call bpf_map_lookup_elem#1
 101: r8 = r0
 102: if r8 == 0x0 goto pc+4
 103: r6 = *(u64 *)(r8 +0)
 104: if r6 >= r7 goto pc+48
 105: *(u64 *)(r8 +0) = r7
 106: goto pc+46
 107: *(u64 *)(r10 -48) = r7
 108: r6 = map[fs_1_big] ll
 110: r8 = r10
 111: r8 += -24
 112: r7 = r10
 113: r7 += -48
 114: r9 = 1
 115: r1 = r6
 116: r2 = r8
 117: r3 = r7
 118: r4 = r9
 119: call bpf_map_update_elem#2
 120: *(u64 *)(r10 -88) = r0
 121: r1 = *(u64 *)(r10 -88)
 122: if r1 == 0x0 goto pc+30
 123: *(u32 *)(r10 -40) = 0
 124: r9 = map[fs_losses] ll
 126: r7 = r10
 127: r7 += -40
 128: r1 = r9
 129: r2 = r7
 130: call bpf_map_lookup_elem#1
 131: r8 = r0
 132: if r8 == 0x0 goto pc+3
 133: r7 = *(u64 *)(r8 +16)
 134: r7 += 1
 135: *(u64 *)(r8 +16) = r7
 136: r1 = *(u64 *)(r10 -72)
 137: if r1 != 0x0 goto pc+15
 138: *(u32 *)(r10 -32) = 0
 139: r7 = map[fs_losses] ll
 141: r8 = r10
 142: r8 += -32
 143: r1 = r7
 144: r2 = r8
 145: call bpf_map_lookup_elem#1
 146: r9 = r0
 147: if r9 == 0x0 goto pc+3
 148: r8 = *(u64 *)(r9 +120)
 149: r8 += 1
 150: *(u64 *)(r9 +120) = r8
 151: r0 = 1
 152: *(u64 *)(r10 -72) = r0
;; @mean = avg(bytes)
 153: r1 = *(u64 *)(r10 -80)
 154: r0 = *(u32 *)(r1 +28)
 155: *(u64 *)(r10 -88) = r0
 156: r0 = 1
 157: *(u64 *)(r10 -80) = r0
 158: *(u64 *)(r10 -24) = 0
 159: r7 = map[fs_2_mean] ll
 161: r6 = r10
 162: r6 += -24
 163: r1 = r7
 164: r2 = r6
 165: call bpf_map_lookup_elem#1
 166: r8 = r0
 167: if r8 == 0x0 goto pc+9
 168: r6 = *(u64 *)(r8 +0)
 169: r1 = *(u64 *)(r10 -88)
 170: r6 += r1
 171: *(u64 *)(r8 +0) = r6
 172: r6 = *(u64 *)(r8 +8)
 173: r1 = *(u64 *)(r10 -80)
 174: r6 += r1
 175: *(u64 *)(r8 +8) = r6
 176: goto pc+77
 177: r2 = *(u64 *)(r10 -88)
 178: *(u64 *)(r10 -64) = r2
 179: r2 = *(u64 *)(r10 -80)
 180: *(u64 *)(r10 -56) = r2
 181: r6 = map[fs_2_mean] ll
 183: r8 = r10
 184: r8 += -24
 185: r7 = r10
 186: r7 += -64
 187: r9 = 1
 188: r1 = r6
 189: r2 = r8
 190: r3 = r7
 191: r4 = r9
 192: call bpf_map_update_elem#2
 193: *(u64 *)(r10 -96) = r0
 194: r1 = *(u64 *)(r10 -96)
 195: if r1 == 0x0 goto pc+58
 196: r0 <<= 32
 197: *(u64 *)(r10 -96) = r0
 198: r0 s>>= 32
 199: *(u64 *)(r10 -96) = r0
 200: r1 = *(u64 *)(r10 -96)
 201: if r1 != 0xffffffef goto pc+18
 202: r7 = map[fs_2_mean] ll
 204: r8 = r10
 205: r8 += -24
 206: r1 = r7
 207: r2 = r8
 208: call bpf_map_lookup_elem#1
 209: r6 = r0
 210: if r6 == 0x0 goto pc+9
 211: r8 = *(u64 *)(r6 +0)
 212: r1 = *(u64 *)(r10 -88)
 213: r8 += r1
 214: *(u64 *)(r6 +0) = r8
 215: r8 = *(u64 *)(r6 +8)
 216: r1 = *(u64 *)(r10 -80)
 217: r8 += r1
 218: *(u64 *)(r6 +8) = r8
 219: goto pc+34
 220: *(u32 *)(r10 -32) = 0
 221: r8 = map[fs_losses] ll
 223: r6 = r10
 224: r6 += -32
 225: r1 = r8
 226: r2 = r6
 227: call bpf_map_lookup_elem#1
 228: r7 = r0
 229: if r7 == 0x0 goto pc+7
 230: r6 = *(u64 *)(r7 +16)
 231: r6 += 1
 232: *(u64 *)(r7 +16) = r6
 233: r6 = *(u64 *)(r7 +88)
 234: r1 = *(u64 *)(r10 -88)
 235: r6 += r1
 236: *(u64 *)(r7 +88) = r6
 237: r1 = *(u64 *)(r10 -72)
 238: if r1 != 0x0 goto pc+15
 239: *(u32 *)(r10 -40) = 0
 240: r6 = map[fs_losses] ll
 242: r7 = r10
 243: r7 += -40
 244: r1 = r6
 245: r2 = r7
 246: call bpf_map_lookup_elem#1
 247: r8 = r0
 248: if r8 == 0x0 goto pc+3
 249: r7 = *(u64 *)(r8 +120)
 250: r7 += 1
 251: *(u64 *)(r8 +120) = r7
 252: r0 = 1
 253: *(u64 *)(r10 -72) = r0
 254: r0 = 0
 255: exit

