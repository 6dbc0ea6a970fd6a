bio < @small = min(bytes); @big = max(bytes); @mean = avg(bytes) >
fs_0_bio (tracepoint/block/block_rq_issue):
   0: r6 = r1
;; bio < @small = min(bytes); @big = max(bytes); @mean = avg(by…
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
;; @small = min(bytes)
  17: r9 = *(u32 *)(r6 +28)
  18: *(u64 *)(r10 -16) = 0
  19: r1 = map[fs_0_small] ll
  21: r2 = r10
  22: r2 += -16
  23: call bpf_map_lookup_elem#1
  24: r4 = r0
  25: if r4 == 0x0 goto pc+4
  26: r3 = *(u64 *)(r4 +0)
  27: if r3 <= r9 goto pc+37
  28: *(u64 *)(r4 +0) = r9
  29: goto pc+35
  30: *(u64 *)(r10 -24) = r9
  31: r1 = map[fs_0_small] ll
  33: r2 = r10
  34: r2 += -16
  35: r3 = r10
  36: r3 += -24
  37: r4 = 1
  38: call bpf_map_update_elem#2
  39: r3 = r0
  40: if r3 == 0x0 goto pc+24
  41: *(u32 *)(r10 -32) = 0
  42: r1 = map[fs_losses] ll
  44: r2 = r10
  45: r2 += -32
  46: call bpf_map_lookup_elem#1
  47: r3 = r0
  48: if r3 == 0x0 goto pc+3
  49: r4 = *(u64 *)(r3 +16)
  50: r4 += 1
  51: *(u64 *)(r3 +16) = r4
  52: if r7 != 0x0 goto pc+12
  53: *(u32 *)(r10 -40) = 0
  54: r1 = map[fs_losses] ll
  56: r2 = r10
  57: r2 += -40
  58: call bpf_map_lookup_elem#1
  59: r4 = r0
  60: if r4 == 0x0 goto pc+3
  61: r3 = *(u64 *)(r4 +120)
  62: r3 += 1
  63: *(u64 *)(r4 +120) = r3
  64: r7 = 1
;; @big = max(bytes)
  65: r9 = *(u32 *)(r6 +28)
  66: *(u64 *)(r10 -16) = 0
  67: r1 = map[fs_1_big] ll
  69: r2 = r10
  70: r2 += -16
  71: call bpf_map_lookup_elem#1
  72: r3 = r0
  73: if r3 == 0x0 goto pc+4
  74: r4 = *(u64 *)(r3 +0)
  75: if r4 >= r9 goto pc+37
  76: *(u64 *)(r3 +0) = r9
  77: goto pc+35
  78: *(u64 *)(r10 -40) = r9
  79: r1 = map[fs_1_big] ll
  81: r2 = r10
  82: r2 += -16
  83: r3 = r10
  84: r3 += -40
  85: r4 = 1
  86: call bpf_map_update_elem#2
  87: r4 = r0
  88: if r4 == 0x0 goto pc+24
  89: *(u32 *)(r10 -32) = 0
  90: r1 = map[fs_losses] ll
  92: r2 = r10
  93: r2 += -32
  94: call bpf_map_lookup_elem#1
  95: r4 = r0
  96: if r4 == 0x0 goto pc+3
  97: r3 = *(u64 *)(r4 +16)
  98: r3 += 1
  99: *(u64 *)(r4 +16) = r3
 100: if r7 != 0x0 goto pc+12
 101: *(u32 *)(r10 -24) = 0
 102: r1 = map[fs_losses] ll
 104: r2 = r10
 105: r2 += -24
 106: call bpf_map_lookup_elem#1
 107: r3 = r0
 108: if r3 == 0x0 goto pc+3
 109: r4 = *(u64 *)(r3 +120)
 110: r4 += 1
 111: *(u64 *)(r3 +120) = r4
 112: r7 = 1
;; @mean = avg(bytes)
 113: r9 = *(u32 *)(r6 +28)
 114: *(u64 *)(r10 -16) = 0
 115: r1 = map[fs_2_mean] ll
 117: r2 = r10
 118: r2 += -16
 119: call bpf_map_lookup_elem#1
 120: r4 = r0
 121: if r4 == 0x0 goto pc+16
 122: r3 = *(u64 *)(r4 +0)
 123: r5 = r3
 124: r5 += r9
 125: r3 ^= r5
 126: r6 = r9
 127: r6 ^= r5
 128: r6 &= r3
 129: r8 |= r6
 130: r6 s>>= 63
 131: r3 &= r6
 132: r5 ^= r3
 133: *(u64 *)(r4 +0) = r5
 134: r5 = *(u64 *)(r4 +8)
 135: r5 += 1
 136: *(u64 *)(r4 +8) = r5
 137: goto pc+65
 138: *(u64 *)(r10 -56) = r9
 139: *(u64 *)(r10 -48) = 1
 140: r1 = map[fs_2_mean] ll
 142: r2 = r10
 143: r2 += -16
 144: r3 = r10
 145: r3 += -56
 146: r4 = 1
 147: call bpf_map_update_elem#2
 148: r5 = r0
 149: if r5 == 0x0 goto pc+53
 150: r5 <<= 32
 151: r5 s>>= 32
 152: if r5 != 0xffffffef goto pc+23
 153: r1 = map[fs_2_mean] ll
 155: r2 = r10
 156: r2 += -16
 157: call bpf_map_lookup_elem#1
 158: r5 = r0
 159: if r5 == 0x0 goto pc+16
 160: r4 = *(u64 *)(r5 +0)
 161: r3 = r4
 162: r3 += r9
 163: r4 ^= r3
 164: r6 = r9
 165: r6 ^= r3
 166: r6 &= r4
 167: r8 |= r6
 168: r6 s>>= 63
 169: r4 &= r6
 170: r3 ^= r4
 171: *(u64 *)(r5 +0) = r3
 172: r3 = *(u64 *)(r5 +8)
 173: r3 += 1
 174: *(u64 *)(r5 +8) = r3
 175: goto pc+27
 176: *(u32 *)(r10 -24) = 0
 177: r1 = map[fs_losses] ll
 179: r2 = r10
 180: r2 += -24
 181: call bpf_map_lookup_elem#1
 182: r3 = r0
 183: if r3 == 0x0 goto pc+6
 184: r5 = *(u64 *)(r3 +16)
 185: r5 += 1
 186: *(u64 *)(r3 +16) = r5
 187: r5 = *(u64 *)(r3 +88)
 188: r5 += r9
 189: *(u64 *)(r3 +88) = r5
 190: if r7 != 0x0 goto pc+12
 191: *(u32 *)(r10 -32) = 0
 192: r1 = map[fs_losses] ll
 194: r2 = r10
 195: r2 += -32
 196: call bpf_map_lookup_elem#1
 197: r5 = r0
 198: if r5 == 0x0 goto pc+3
 199: r3 = *(u64 *)(r5 +120)
 200: r3 += 1
 201: *(u64 *)(r5 +120) = r3
 202: r7 = 1
 203: if r8 s>= 0x0 goto pc+11
 204: *(u32 *)(r10 -40) = 0
 205: r1 = map[fs_losses] ll
 207: r2 = r10
 208: r2 += -40
 209: call bpf_map_lookup_elem#1
 210: r3 = r0
 211: if r3 == 0x0 goto pc+3
 212: r5 = *(u64 *)(r3 +128)
 213: r5 += 1
 214: *(u64 *)(r3 +128) = r5
 215: r0 = 0
 216: exit

