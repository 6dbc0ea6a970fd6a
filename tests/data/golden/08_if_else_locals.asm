// if/else with a local: classify requests by size
bio {
  $kib = bytes / 1024
  if ($kib >= 64) { @large[comm] = count() }
  else if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
  else { @last_small = $kib }
}
fs_0_bio (tracepoint/block/block_rq_issue):
   0: *(u64 *)(r10 -64) = r1
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
  15: *(u64 *)(r10 -56) = r0
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
;; $kib = bytes / 1024
  29: r1 = *(u64 *)(r10 -64)
  30: r7 = *(u32 *)(r1 +28)
  31: r8 = r7
  32: r8 /= 1024
  33: *(u64 *)(r10 -56) = r8
;; if ($kib >= 64) { @large[comm] = count() }
  34: r8 = 1
  35: r1 = *(u64 *)(r10 -56)
  36: if r1 >= 0x40 goto pc+1
  37: r8 = 0
  38: if r8 == 0x0 goto pc+79
;; @large[comm] = count()
  39: r0 = 1
  40: *(u64 *)(r10 -72) = r0
  41: *(u64 *)(r10 -32) = 0
  42: *(u64 *)(r10 -24) = 0
  43: r7 = r10
  44: r7 += -32
  45: r9 = 16
  46: r1 = r7
  47: r2 = r9
  48: call bpf_get_current_comm#16
  49: r9 = map[fs_0_large] ll
  51: r7 = r10
  52: r7 += -32
  53: r1 = r9
  54: r2 = r7
  55: call bpf_map_lookup_elem#1
  56: r6 = r0
  57: if r6 == 0x0 goto pc+5
  58: r7 = *(u64 *)(r6 +0)
  59: r1 = *(u64 *)(r10 -72)
  60: r7 += r1
  61: *(u64 *)(r6 +0) = r7
  62: goto pc+54
  63: r2 = *(u64 *)(r10 -72)
  64: *(u64 *)(r10 -40) = r2
  65: r7 = map[fs_0_large] ll
  67: r6 = r10
  68: r6 += -32
  69: r9 = r10
  70: r9 += -40
  71: r8 = 1
  72: r1 = r7
  73: r2 = r6
  74: r3 = r9
  75: r4 = r8
  76: call bpf_map_update_elem#2
  77: *(u64 *)(r10 -80) = r0
  78: r1 = *(u64 *)(r10 -80)
  79: if r1 == 0x0 goto pc+37
  80: r0 <<= 32
  81: *(u64 *)(r10 -80) = r0
  82: r0 s>>= 32
  83: *(u64 *)(r10 -80) = r0
  84: r1 = *(u64 *)(r10 -80)
  85: if r1 != 0xffffffef goto pc+14
  86: r9 = map[fs_0_large] ll
  88: r6 = r10
  89: r6 += -32
  90: r1 = r9
  91: r2 = r6
  92: call bpf_map_lookup_elem#1
  93: r7 = r0
  94: if r7 == 0x0 goto pc+5
  95: r6 = *(u64 *)(r7 +0)
  96: r1 = *(u64 *)(r10 -72)
  97: r6 += r1
  98: *(u64 *)(r7 +0) = r6
  99: goto pc+17
 100: *(u32 *)(r10 -48) = 0
 101: r6 = map[fs_losses] ll
 103: r7 = r10
 104: r7 += -48
 105: r1 = r6
 106: r2 = r7
 107: call bpf_map_lookup_elem#1
 108: r9 = r0
 109: if r9 == 0x0 goto pc+7
 110: r7 = *(u64 *)(r9 +16)
 111: r7 += 1
 112: *(u64 *)(r9 +16) = r7
 113: r7 = *(u64 *)(r9 +88)
 114: r1 = *(u64 *)(r10 -72)
 115: r7 += r1
 116: *(u64 *)(r9 +88) = r7
 117: goto pc+120
;; if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
 118: r7 = 0
 119: r9 = 1
 120: r1 = *(u64 *)(r10 -56)
 121: if r1 > 0x4 goto pc+1
 122: r9 = 0
 123: if r9 == 0x0 goto pc+9
 124: call bpf_get_current_pid_tgid#14
 125: r9 = r0
 126: r6 = r9
 127: r6 >>= 32
 128: r9 = 1
 129: if r6 != 0x1 goto pc+1
 130: r9 = 0
 131: if r9 == 0x0 goto pc+1
 132: r7 = 1
 133: if r7 == 0x0 goto pc+73
;; @medium = sum(bytes)
 134: r1 = *(u64 *)(r10 -64)
 135: r0 = *(u32 *)(r1 +28)
 136: *(u64 *)(r10 -72) = r0
 137: *(u64 *)(r10 -40) = 0
 138: r6 = map[fs_1_medium] ll
 140: r7 = r10
 141: r7 += -40
 142: r1 = r6
 143: r2 = r7
 144: call bpf_map_lookup_elem#1
 145: r8 = r0
 146: if r8 == 0x0 goto pc+5
 147: r7 = *(u64 *)(r8 +0)
 148: r1 = *(u64 *)(r10 -72)
 149: r7 += r1
 150: *(u64 *)(r8 +0) = r7
 151: goto pc+54
 152: r2 = *(u64 *)(r10 -72)
 153: *(u64 *)(r10 -48) = r2
 154: r7 = map[fs_1_medium] ll
 156: r8 = r10
 157: r8 += -40
 158: r6 = r10
 159: r6 += -48
 160: r9 = 1
 161: r1 = r7
 162: r2 = r8
 163: r3 = r6
 164: r4 = r9
 165: call bpf_map_update_elem#2
 166: *(u64 *)(r10 -64) = r0
 167: r1 = *(u64 *)(r10 -64)
 168: if r1 == 0x0 goto pc+37
 169: r0 <<= 32
 170: *(u64 *)(r10 -64) = r0
 171: r0 s>>= 32
 172: *(u64 *)(r10 -64) = r0
 173: r1 = *(u64 *)(r10 -64)
 174: if r1 != 0xffffffef goto pc+14
 175: r6 = map[fs_1_medium] ll
 177: r8 = r10
 178: r8 += -40
 179: r1 = r6
 180: r2 = r8
 181: call bpf_map_lookup_elem#1
 182: r7 = r0
 183: if r7 == 0x0 goto pc+5
 184: r8 = *(u64 *)(r7 +0)
 185: r1 = *(u64 *)(r10 -72)
 186: r8 += r1
 187: *(u64 *)(r7 +0) = r8
 188: goto pc+17
 189: *(u32 *)(r10 -32) = 0
 190: r8 = map[fs_losses] ll
 192: r7 = r10
 193: r7 += -32
 194: r1 = r8
 195: r2 = r7
 196: call bpf_map_lookup_elem#1
 197: r6 = r0
 198: if r6 == 0x0 goto pc+7
 199: r7 = *(u64 *)(r6 +16)
 200: r7 += 1
 201: *(u64 *)(r6 +16) = r7
 202: r7 = *(u64 *)(r6 +88)
 203: r1 = *(u64 *)(r10 -72)
 204: r7 += r1
 205: *(u64 *)(r6 +88) = r7
 206: goto pc+31
;; @last_small = $kib
 207: *(u64 *)(r10 -40) = 0
 208: r2 = *(u64 *)(r10 -56)
 209: *(u64 *)(r10 -48) = r2
 210: r7 = map[fs_2_last_small] ll
 212: r6 = r10
 213: r6 += -40
 214: r8 = r10
 215: r8 += -48
 216: r9 = 0
 217: r1 = r7
 218: r2 = r6
 219: r3 = r8
 220: r4 = r9
 221: call bpf_map_update_elem#2
 222: *(u64 *)(r10 -56) = r0
 223: r1 = *(u64 *)(r10 -56)
 224: if r1 == 0x0 goto pc+13
 225: *(u32 *)(r10 -32) = 0
 226: r9 = map[fs_losses] ll
 228: r8 = r10
 229: r8 += -32
 230: r1 = r9
 231: r2 = r8
 232: call bpf_map_lookup_elem#1
 233: r6 = r0
 234: if r6 == 0x0 goto pc+3
 235: r8 = *(u64 *)(r6 +16)
 236: r8 += 1
 237: *(u64 *)(r6 +16) = r8
 238: r0 = 0
 239: exit

