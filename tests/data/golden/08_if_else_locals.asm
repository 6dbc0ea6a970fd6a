// if/else with a local: classify requests by size
bio {
  $kib = bytes / 1024
  if ($kib >= 64) { @large[comm] = count() }
  else if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
  else { @last_small = $kib }
}
fs_0_bio (tracepoint/block/block_rq_issue):
   0: *(u64 *)(r10 -112) = r1
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
  15: *(u64 *)(r10 -104) = r0
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
  29: r1 = *(u64 *)(r10 -112)
  30: r7 = *(u32 *)(r1 +28)
  31: r8 = r7
  32: r8 /= 1024
  33: *(u64 *)(r10 -104) = r8
;; if ($kib >= 64) { @large[comm] = count() }
  34: r8 = 1
  35: r1 = *(u64 *)(r10 -104)
  36: if r1 >= 0x40 goto pc+1
  37: r8 = 0
  38: if r8 == 0x0 goto pc+52
;; @large[comm] = count()
  39: r8 = 1
  40: *(u64 *)(r10 -32) = 0
  41: *(u64 *)(r10 -24) = 0
  42: r7 = r10
  43: r7 += -32
  44: r9 = 16
  45: r1 = r7
  46: r2 = r9
  47: call bpf_get_current_comm#16
  48: r9 = map[fs_0_large] ll
  50: r7 = r10
  51: r7 += -32
  52: r1 = r9
  53: r2 = r7
  54: call bpf_map_lookup_elem#1
  55: r6 = r0
  56: if r6 == 0x0 goto pc+4
  57: r7 = *(u64 *)(r6 +0)
  58: r7 += r8
  59: *(u64 *)(r6 +0) = r7
  60: goto pc+29
  61: *(u64 *)(r10 -40) = r8
  62: r7 = map[fs_0_large] ll
  64: r8 = r10
  65: r8 += -32
  66: r6 = r10
  67: r6 += -40
  68: r9 = 1
  69: r1 = r7
  70: r2 = r8
  71: r3 = r6
  72: r4 = r9
  73: call bpf_map_update_elem#2
  74: *(u64 *)(r10 -120) = r0
  75: r1 = *(u64 *)(r10 -120)
  76: if r1 == 0x0 goto pc+13
  77: *(u32 *)(r10 -48) = 0
  78: r9 = map[fs_losses] ll
  80: r6 = r10
  81: r6 += -48
  82: r1 = r9
  83: r2 = r6
  84: call bpf_map_lookup_elem#1
  85: r8 = r0
  86: if r8 == 0x0 goto pc+3
  87: r6 = *(u64 *)(r8 +16)
  88: r6 += 1
  89: *(u64 *)(r8 +16) = r6
  90: goto pc+93
;; if ($kib > 4 && pid != 1) { @medium = sum(bytes) }
  91: r6 = 0
  92: r8 = 1
  93: r1 = *(u64 *)(r10 -104)
  94: if r1 > 0x4 goto pc+1
  95: r8 = 0
  96: if r8 == 0x0 goto pc+9
  97: call bpf_get_current_pid_tgid#14
  98: r8 = r0
  99: r9 = r8
 100: r9 >>= 32
 101: r8 = 1
 102: if r9 != 0x1 goto pc+1
 103: r8 = 0
 104: if r8 == 0x0 goto pc+1
 105: r6 = 1
 106: if r6 == 0x0 goto pc+46
;; @medium = sum(bytes)
 107: r1 = *(u64 *)(r10 -112)
 108: r8 = *(u32 *)(r1 +28)
 109: *(u64 *)(r10 -56) = 0
 110: r9 = map[fs_1_medium] ll
 112: r6 = r10
 113: r6 += -56
 114: r1 = r9
 115: r2 = r6
 116: call bpf_map_lookup_elem#1
 117: r7 = r0
 118: if r7 == 0x0 goto pc+4
 119: r6 = *(u64 *)(r7 +0)
 120: r6 += r8
 121: *(u64 *)(r7 +0) = r6
 122: goto pc+29
 123: *(u64 *)(r10 -64) = r8
 124: r6 = map[fs_1_medium] ll
 126: r7 = r10
 127: r7 += -56
 128: r8 = r10
 129: r8 += -64
 130: r9 = 1
 131: r1 = r6
 132: r2 = r7
 133: r3 = r8
 134: r4 = r9
 135: call bpf_map_update_elem#2
 136: *(u64 *)(r10 -128) = r0
 137: r1 = *(u64 *)(r10 -128)
 138: if r1 == 0x0 goto pc+13
 139: *(u32 *)(r10 -72) = 0
 140: r9 = map[fs_losses] ll
 142: r8 = r10
 143: r8 += -72
 144: r1 = r9
 145: r2 = r8
 146: call bpf_map_lookup_elem#1
 147: r7 = r0
 148: if r7 == 0x0 goto pc+3
 149: r8 = *(u64 *)(r7 +16)
 150: r8 += 1
 151: *(u64 *)(r7 +16) = r8
 152: goto pc+31
;; @last_small = $kib
 153: *(u64 *)(r10 -80) = 0
 154: r2 = *(u64 *)(r10 -104)
 155: *(u64 *)(r10 -88) = r2
 156: r8 = map[fs_2_last_small] ll
 158: r7 = r10
 159: r7 += -80
 160: r9 = r10
 161: r9 += -88
 162: r6 = 0
 163: r1 = r8
 164: r2 = r7
 165: r3 = r9
 166: r4 = r6
 167: call bpf_map_update_elem#2
 168: *(u64 *)(r10 -136) = r0
 169: r1 = *(u64 *)(r10 -136)
 170: if r1 == 0x0 goto pc+13
 171: *(u32 *)(r10 -96) = 0
 172: r6 = map[fs_losses] ll
 174: r9 = r10
 175: r9 += -96
 176: r1 = r6
 177: r2 = r9
 178: call bpf_map_lookup_elem#1
 179: r7 = r0
 180: if r7 == 0x0 goto pc+3
 181: r9 = *(u64 *)(r7 +16)
 182: r9 += 1
 183: *(u64 *)(r7 +16) = r9
 184: r0 = 0
 185: exit

