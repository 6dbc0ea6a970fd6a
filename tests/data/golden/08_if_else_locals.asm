// if/else with a local: classify requests by size
bio {
  $kib = bytes / 1024
  if ($kib >= 64) { @large[comm] = count() }
  else if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
  else { @last_small = $kib }
}
fs_0_bio (tracepoint/block/block_rq_issue):
   0: r6 = r1
;; bio {
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
  15: r7 = 0
  16: r8 = 0
  17: r0 = 0
  18: *(u64 *)(r10 -56) = r0
;; $kib = bytes / 1024
  19: r4 = *(u32 *)(r6 +28)
  20: r3 = r4
  21: r3 /= 1024
  22: r7 = r3
;; if ($kib >= 64) { @large[comm] = count() }
  23: r3 = 1
  24: if r7 >= 0x40 goto pc+1
  25: r3 = 0
  26: if r3 == 0x0 goto pc+70
;; @large[comm] = count()
  27: *(u64 *)(r10 -24) = 0
  28: *(u64 *)(r10 -16) = 0
  29: r1 = r10
  30: r1 += -24
  31: r2 = 16
  32: call bpf_get_current_comm#16
  33: r1 = map[fs_0_large] ll
  35: r2 = r10
  36: r2 += -24
  37: call bpf_map_lookup_elem#1
  38: r3 = r0
  39: if r3 == 0x0 goto pc+4
  40: r4 = *(u64 *)(r3 +0)
  41: r4 += 1
  42: *(u64 *)(r3 +0) = r4
  43: goto pc+52
  44: *(u64 *)(r10 -32) = 1
  45: r1 = map[fs_0_large] ll
  47: r2 = r10
  48: r2 += -24
  49: r3 = r10
  50: r3 += -32
  51: r4 = 1
  52: call bpf_map_update_elem#2
  53: r4 = r0
  54: if r4 == 0x0 goto pc+41
  55: r4 <<= 32
  56: r4 s>>= 32
  57: if r4 != 0xffffffef goto pc+11
  58: r1 = map[fs_0_large] ll
  60: r2 = r10
  61: r2 += -24
  62: call bpf_map_lookup_elem#1
  63: r4 = r0
  64: if r4 == 0x0 goto pc+4
  65: r3 = *(u64 *)(r4 +0)
  66: r3 += 1
  67: *(u64 *)(r4 +0) = r3
  68: goto pc+27
  69: *(u32 *)(r10 -40) = 0
  70: r1 = map[fs_losses] ll
  72: r2 = r10
  73: r2 += -40
  74: call bpf_map_lookup_elem#1
  75: r3 = r0
  76: if r3 == 0x0 goto pc+6
  77: r4 = *(u64 *)(r3 +16)
  78: r4 += 1
  79: *(u64 *)(r3 +16) = r4
  80: r4 = *(u64 *)(r3 +88)
  81: r4 += 1
  82: *(u64 *)(r3 +88) = r4
  83: if r8 != 0x0 goto pc+12
  84: *(u32 *)(r10 -48) = 0
  85: r1 = map[fs_losses] ll
  87: r2 = r10
  88: r2 += -48
  89: call bpf_map_lookup_elem#1
  90: r4 = r0
  91: if r4 == 0x0 goto pc+3
  92: r3 = *(u64 *)(r4 +120)
  93: r3 += 1
  94: *(u64 *)(r4 +120) = r3
  95: r8 = 1
  96: goto pc+139
;; if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
  97: r9 = 0
  98: r3 = 1
  99: if r7 > 0x4 goto pc+1
 100: r3 = 0
 101: if r3 == 0x0 goto pc+9
 102: call bpf_get_current_pid_tgid#14
 103: r3 = r0
 104: r4 = r3
 105: r4 >>= 32
 106: r3 = 1
 107: if r4 != 0x1 goto pc+1
 108: r3 = 0
 109: if r3 == 0x0 goto pc+1
 110: r9 = 1
 111: if r9 == 0x0 goto pc+88
;; @medium = sum(bytes)
 112: r9 = *(u32 *)(r6 +28)
 113: *(u64 *)(r10 -32) = 0
 114: r1 = map[fs_1_medium] ll
 116: r2 = r10
 117: r2 += -32
 118: call bpf_map_lookup_elem#1
 119: r3 = r0
 120: if r3 == 0x0 goto pc+15
 121: r4 = *(u64 *)(r3 +0)
 122: r5 = r4
 123: r5 += r9
 124: r4 ^= r5
 125: r6 = r9
 126: r6 ^= r5
 127: r6 &= r4
 128: r0 = *(u64 *)(r10 -56)
 129: r0 |= r6
 130: *(u64 *)(r10 -56) = r0
 131: r6 s>>= 63
 132: r4 &= r6
 133: r5 ^= r4
 134: *(u64 *)(r3 +0) = r5
 135: goto pc+63
 136: *(u64 *)(r10 -48) = r9
 137: r1 = map[fs_1_medium] ll
 139: r2 = r10
 140: r2 += -32
 141: r3 = r10
 142: r3 += -48
 143: r4 = 1
 144: call bpf_map_update_elem#2
 145: r5 = r0
 146: if r5 == 0x0 goto pc+52
 147: r5 <<= 32
 148: r5 s>>= 32
 149: if r5 != 0xffffffef goto pc+22
 150: r1 = map[fs_1_medium] ll
 152: r2 = r10
 153: r2 += -32
 154: call bpf_map_lookup_elem#1
 155: r5 = r0
 156: if r5 == 0x0 goto pc+15
 157: r4 = *(u64 *)(r5 +0)
 158: r3 = r4
 159: r3 += r9
 160: r4 ^= r3
 161: r6 = r9
 162: r6 ^= r3
 163: r6 &= r4
 164: r0 = *(u64 *)(r10 -56)
 165: r0 |= r6
 166: *(u64 *)(r10 -56) = r0
 167: r6 s>>= 63
 168: r4 &= r6
 169: r3 ^= r4
 170: *(u64 *)(r5 +0) = r3
 171: goto pc+27
 172: *(u32 *)(r10 -40) = 0
 173: r1 = map[fs_losses] ll
 175: r2 = r10
 176: r2 += -40
 177: call bpf_map_lookup_elem#1
 178: r3 = r0
 179: if r3 == 0x0 goto pc+6
 180: r4 = *(u64 *)(r3 +16)
 181: r4 += 1
 182: *(u64 *)(r3 +16) = r4
 183: r4 = *(u64 *)(r3 +88)
 184: r4 += r9
 185: *(u64 *)(r3 +88) = r4
 186: if r8 != 0x0 goto pc+12
 187: *(u32 *)(r10 -24) = 0
 188: r1 = map[fs_losses] ll
 190: r2 = r10
 191: r2 += -24
 192: call bpf_map_lookup_elem#1
 193: r4 = r0
 194: if r4 == 0x0 goto pc+3
 195: r3 = *(u64 *)(r4 +120)
 196: r3 += 1
 197: *(u64 *)(r4 +120) = r3
 198: r8 = 1
 199: goto pc+36
;; @last_small = $kib
 200: *(u64 *)(r10 -32) = 0
 201: *(u64 *)(r10 -48) = r7
 202: r1 = map[fs_2_last_small] ll
 204: r2 = r10
 205: r2 += -32
 206: r3 = r10
 207: r3 += -48
 208: r4 = 0
 209: call bpf_map_update_elem#2
 210: r3 = r0
 211: if r3 == 0x0 goto pc+24
 212: *(u32 *)(r10 -40) = 0
 213: r1 = map[fs_losses] ll
 215: r2 = r10
 216: r2 += -40
 217: call bpf_map_lookup_elem#1
 218: r3 = r0
 219: if r3 == 0x0 goto pc+3
 220: r4 = *(u64 *)(r3 +16)
 221: r4 += 1
 222: *(u64 *)(r3 +16) = r4
 223: if r8 != 0x0 goto pc+12
 224: *(u32 *)(r10 -24) = 0
 225: r1 = map[fs_losses] ll
 227: r2 = r10
 228: r2 += -24
 229: call bpf_map_lookup_elem#1
 230: r4 = r0
 231: if r4 == 0x0 goto pc+3
 232: r3 = *(u64 *)(r4 +120)
 233: r3 += 1
 234: *(u64 *)(r4 +120) = r3
 235: r8 = 1
 236: r1 = *(u64 *)(r10 -56)
 237: if r1 s>= 0x0 goto pc+11
 238: *(u32 *)(r10 -32) = 0
 239: r1 = map[fs_losses] ll
 241: r2 = r10
 242: r2 += -32
 243: call bpf_map_lookup_elem#1
 244: r3 = r0
 245: if r3 == 0x0 goto pc+3
 246: r4 = *(u64 *)(r3 +128)
 247: r4 += 1
 248: *(u64 *)(r3 +128) = r4
 249: r0 = 0
 250: exit

