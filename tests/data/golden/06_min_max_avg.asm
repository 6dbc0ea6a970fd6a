bio < @small = min(bytes); @big = max(bytes); @mean = avg(bytes) >
fs_0_bio (tracepoint/block/block_rq_issue):
   0: *(u64 *)(r10 -64) = r1
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
;; @small = min(bytes)
  27: r1 = *(u64 *)(r10 -64)
  28: r9 = *(u32 *)(r1 +28)
  29: *(u64 *)(r10 -24) = 0
  30: r7 = map[fs_0_small] ll
  32: r8 = r10
  33: r8 += -24
  34: r1 = r7
  35: r2 = r8
  36: call bpf_map_lookup_elem#1
  37: r6 = r0
  38: if r6 == 0x0 goto pc+4
  39: r8 = *(u64 *)(r6 +0)
  40: if r8 <= r9 goto pc+31
  41: *(u64 *)(r6 +0) = r9
  42: goto pc+29
  43: *(u64 *)(r10 -32) = r9
  44: r8 = map[fs_0_small] ll
  46: r9 = r10
  47: r9 += -24
  48: r6 = r10
  49: r6 += -32
  50: r7 = 1
  51: r1 = r8
  52: r2 = r9
  53: r3 = r6
  54: r4 = r7
  55: call bpf_map_update_elem#2
  56: *(u64 *)(r10 -72) = r0
  57: r1 = *(u64 *)(r10 -72)
  58: if r1 == 0x0 goto pc+13
  59: *(u32 *)(r10 -40) = 0
  60: r7 = map[fs_losses] ll
  62: r6 = r10
  63: r6 += -40
  64: r1 = r7
  65: r2 = r6
  66: call bpf_map_lookup_elem#1
  67: r9 = r0
  68: if r9 == 0x0 goto pc+3
  69: r6 = *(u64 *)(r9 +16)
  70: r6 += 1
  71: *(u64 *)(r9 +16) = r6
;; @big = max(bytes)
  72: r1 = *(u64 *)(r10 -64)
  73: r6 = *(u32 *)(r1 +28)
  74: *(u64 *)(r10 -24) = 0
  75: r9 = map[fs_1_big] ll
  77: r7 = r10
  78: r7 += -24
  79: r1 = r9
  80: r2 = r7
  81: call bpf_map_lookup_elem#1
  82: r8 = r0
  83: if r8 == 0x0 goto pc+4
  84: r7 = *(u64 *)(r8 +0)
  85: if r7 >= r6 goto pc+31
  86: *(u64 *)(r8 +0) = r6
  87: goto pc+29
  88: *(u64 *)(r10 -40) = r6
  89: r7 = map[fs_1_big] ll
  91: r8 = r10
  92: r8 += -24
  93: r6 = r10
  94: r6 += -40
  95: r9 = 1
  96: r1 = r7
  97: r2 = r8
  98: r3 = r6
  99: r4 = r9
 100: call bpf_map_update_elem#2
 101: *(u64 *)(r10 -72) = r0
 102: r1 = *(u64 *)(r10 -72)
 103: if r1 == 0x0 goto pc+13
 104: *(u32 *)(r10 -32) = 0
 105: r9 = map[fs_losses] ll
 107: r6 = r10
 108: r6 += -32
 109: r1 = r9
 110: r2 = r6
 111: call bpf_map_lookup_elem#1
 112: r8 = r0
 113: if r8 == 0x0 goto pc+3
 114: r6 = *(u64 *)(r8 +16)
 115: r6 += 1
 116: *(u64 *)(r8 +16) = r6
;; @mean = avg(bytes)
 117: r1 = *(u64 *)(r10 -64)
 118: r0 = *(u32 *)(r1 +28)
 119: *(u64 *)(r10 -72) = r0
 120: r0 = 1
 121: *(u64 *)(r10 -64) = r0
 122: *(u64 *)(r10 -24) = 0
 123: r9 = map[fs_2_mean] ll
 125: r7 = r10
 126: r7 += -24
 127: r1 = r9
 128: r2 = r7
 129: call bpf_map_lookup_elem#1
 130: r6 = r0
 131: if r6 == 0x0 goto pc+9
 132: r7 = *(u64 *)(r6 +0)
 133: r1 = *(u64 *)(r10 -72)
 134: r7 += r1
 135: *(u64 *)(r6 +0) = r7
 136: r7 = *(u64 *)(r6 +8)
 137: r1 = *(u64 *)(r10 -64)
 138: r7 += r1
 139: *(u64 *)(r6 +8) = r7
 140: goto pc+60
 141: r2 = *(u64 *)(r10 -72)
 142: *(u64 *)(r10 -56) = r2
 143: r2 = *(u64 *)(r10 -64)
 144: *(u64 *)(r10 -48) = r2
 145: r7 = map[fs_2_mean] ll
 147: r6 = r10
 148: r6 += -24
 149: r9 = r10
 150: r9 += -56
 151: r8 = 1
 152: r1 = r7
 153: r2 = r6
 154: r3 = r9
 155: r4 = r8
 156: call bpf_map_update_elem#2
 157: *(u64 *)(r10 -80) = r0
 158: r1 = *(u64 *)(r10 -80)
 159: if r1 == 0x0 goto pc+41
 160: r0 <<= 32
 161: *(u64 *)(r10 -80) = r0
 162: r0 s>>= 32
 163: *(u64 *)(r10 -80) = r0
 164: r1 = *(u64 *)(r10 -80)
 165: if r1 != 0xffffffef goto pc+18
 166: r9 = map[fs_2_mean] ll
 168: r6 = r10
 169: r6 += -24
 170: r1 = r9
 171: r2 = r6
 172: call bpf_map_lookup_elem#1
 173: r7 = r0
 174: if r7 == 0x0 goto pc+9
 175: r6 = *(u64 *)(r7 +0)
 176: r1 = *(u64 *)(r10 -72)
 177: r6 += r1
 178: *(u64 *)(r7 +0) = r6
 179: r6 = *(u64 *)(r7 +8)
 180: r1 = *(u64 *)(r10 -64)
 181: r6 += r1
 182: *(u64 *)(r7 +8) = r6
 183: goto pc+17
 184: *(u32 *)(r10 -32) = 0
 185: r6 = map[fs_losses] ll
 187: r7 = r10
 188: r7 += -32
 189: r1 = r6
 190: r2 = r7
 191: call bpf_map_lookup_elem#1
 192: r9 = r0
 193: if r9 == 0x0 goto pc+7
 194: r7 = *(u64 *)(r9 +16)
 195: r7 += 1
 196: *(u64 *)(r9 +16) = r7
 197: r7 = *(u64 *)(r9 +88)
 198: r1 = *(u64 *)(r10 -72)
 199: r7 += r1
 200: *(u64 *)(r9 +88) = r7
 201: r0 = 0
 202: exit

