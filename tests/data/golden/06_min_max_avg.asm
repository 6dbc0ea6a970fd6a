bio < @small = min(bytes); @big = max(bytes); @mean = avg(bytes) >
fs_0_bio (tracepoint/block/block_rq_issue):
   0: *(u64 *)(r10 -104) = r1
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
  27: r1 = *(u64 *)(r10 -104)
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
  56: *(u64 *)(r10 -112) = r0
  57: r1 = *(u64 *)(r10 -112)
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
  72: r1 = *(u64 *)(r10 -104)
  73: r6 = *(u32 *)(r1 +28)
  74: *(u64 *)(r10 -48) = 0
  75: r9 = map[fs_1_big] ll
  77: r7 = r10
  78: r7 += -48
  79: r1 = r9
  80: r2 = r7
  81: call bpf_map_lookup_elem#1
  82: r8 = r0
  83: if r8 == 0x0 goto pc+4
  84: r7 = *(u64 *)(r8 +0)
  85: if r7 >= r6 goto pc+31
  86: *(u64 *)(r8 +0) = r6
  87: goto pc+29
  88: *(u64 *)(r10 -56) = r6
  89: r7 = map[fs_1_big] ll
  91: r8 = r10
  92: r8 += -48
  93: r6 = r10
  94: r6 += -56
  95: r9 = 1
  96: r1 = r7
  97: r2 = r8
  98: r3 = r6
  99: r4 = r9
 100: call bpf_map_update_elem#2
 101: *(u64 *)(r10 -120) = r0
 102: r1 = *(u64 *)(r10 -120)
 103: if r1 == 0x0 goto pc+13
 104: *(u32 *)(r10 -64) = 0
 105: r9 = map[fs_losses] ll
 107: r6 = r10
 108: r6 += -64
 109: r1 = r9
 110: r2 = r6
 111: call bpf_map_lookup_elem#1
 112: r8 = r0
 113: if r8 == 0x0 goto pc+3
 114: r6 = *(u64 *)(r8 +16)
 115: r6 += 1
 116: *(u64 *)(r8 +16) = r6
;; @mean = avg(bytes)
 117: r1 = *(u64 *)(r10 -104)
 118: r6 = *(u32 *)(r1 +28)
 119: r0 = 1
 120: *(u64 *)(r10 -128) = r0
 121: *(u64 *)(r10 -72) = 0
 122: r9 = map[fs_2_mean] ll
 124: r7 = r10
 125: r7 += -72
 126: r1 = r9
 127: r2 = r7
 128: call bpf_map_lookup_elem#1
 129: r8 = r0
 130: if r8 == 0x0 goto pc+8
 131: r7 = *(u64 *)(r8 +0)
 132: r7 += r6
 133: *(u64 *)(r8 +0) = r7
 134: r7 = *(u64 *)(r8 +8)
 135: r1 = *(u64 *)(r10 -128)
 136: r7 += r1
 137: *(u64 *)(r8 +8) = r7
 138: goto pc+31
 139: *(u64 *)(r10 -88) = r6
 140: r2 = *(u64 *)(r10 -128)
 141: *(u64 *)(r10 -80) = r2
 142: r7 = map[fs_2_mean] ll
 144: r8 = r10
 145: r8 += -72
 146: r6 = r10
 147: r6 += -88
 148: r9 = 1
 149: r1 = r7
 150: r2 = r8
 151: r3 = r6
 152: r4 = r9
 153: call bpf_map_update_elem#2
 154: *(u64 *)(r10 -136) = r0
 155: r1 = *(u64 *)(r10 -136)
 156: if r1 == 0x0 goto pc+13
 157: *(u32 *)(r10 -96) = 0
 158: r9 = map[fs_losses] ll
 160: r6 = r10
 161: r6 += -96
 162: r1 = r9
 163: r2 = r6
 164: call bpf_map_lookup_elem#1
 165: r8 = r0
 166: if r8 == 0x0 goto pc+3
 167: r6 = *(u64 *)(r8 +16)
 168: r6 += 1
 169: *(u64 *)(r8 +16) = r6
 170: r0 = 0
 171: exit

