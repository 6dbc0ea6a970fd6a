pagefault user < @[ustack] = count() >
fs_0_pagefault (tracepoint/exceptions/page_fault_user):
   0: r6 = r1
;; pagefault user < @[ustack] = count() >
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
  18: *(u64 *)(r10 -88) = r0
;; @[ustack] = count()
  19: r0 = 1
  20: *(u64 *)(r10 -96) = r0
  21: *(u64 *)(r10 -24) = 0
  22: *(u64 *)(r10 -16) = 0
  23: r0 = -12
  24: *(u64 *)(r10 -104) = r0
  25: *(u32 *)(r10 -32) = 0
  26: r8 = map[fs_scratch] ll
  28: r9 = r10
  29: r9 += -32
  30: r1 = r8
  31: r2 = r9
  32: call bpf_map_lookup_elem#1
  33: *(u64 *)(r10 -120) = r0
  34: r1 = *(u64 *)(r10 -120)
  35: if r1 == 0x0 goto pc+49
  36: r0 = 0xcbf29ce484222325 ll
  38: *(u64 *)(r10 -112) = r0
  39: r8 = 0x100000001b3 ll
  41: r8 = 1
  42: r8 = 1016
  43: r9 = 256
  44: r1 = r6
  45: r2 = *(u64 *)(r10 -120)
  46: r3 = r8
  47: r4 = r9
  48: call bpf_get_stack#67
  49: r7 = r0
  50: *(u64 *)(r10 -104) = r7
  51: if r7 s< 0x0 goto pc+33
  52: r0 = -14
  53: *(u64 *)(r10 -104) = r0
  54: if r7 == 0x0 goto pc+30
  55: r0 = 0xcbf29ce484222325 ll
  57: *(u64 *)(r10 -128) = r0
  58: r9 = 0x100000001b3 ll
  60: r6 = r7
  61: r6 >>= 3
  62: r1 = *(u64 *)(r10 -120)
  63: *(u64 *)(r10 -136) = r1
  64: r8 = 0
  65: if r8 >= r6 goto pc+12
  66: r1 = *(u64 *)(r10 -136)
  67: r7 = *(u64 *)(r1 +0)
  68: r0 = *(u64 *)(r10 -128)
  69: r0 ^= r7
  70: *(u64 *)(r10 -128) = r0
  71: r0 *= r9
  72: *(u64 *)(r10 -128) = r0
  73: r0 = *(u64 *)(r10 -136)
  74: r0 += 8
  75: *(u64 *)(r10 -136) = r0
  76: r8 += 1
  77: if r8 < 0x7f goto pc-13
  78: r1 = *(u64 *)(r10 -128)
  79: *(u64 *)(r10 -112) = r1
  80: r0 = *(u64 *)(r10 -112)
  81: r0 >>= 1
  82: *(u64 *)(r10 -112) = r0
  83: r1 = *(u64 *)(r10 -112)
  84: *(u64 *)(r10 -104) = r1
  85: r2 = *(u64 *)(r10 -104)
  86: *(u64 *)(r10 -24) = r2
  87: call bpf_get_current_pid_tgid#14
  88: r7 = r0
  89: r6 = r7
  90: r6 >>= 32
  91: *(u64 *)(r10 -16) = r6
  92: r6 = map[fs_0] ll
  94: r7 = r10
  95: r7 += -24
  96: r1 = r6
  97: r2 = r7
  98: call bpf_map_lookup_elem#1
  99: r9 = r0
 100: if r9 == 0x0 goto pc+5
 101: r7 = *(u64 *)(r9 +0)
 102: r1 = *(u64 *)(r10 -96)
 103: r7 += r1
 104: *(u64 *)(r9 +0) = r7
 105: goto pc+122
 106: *(u32 *)(r10 -40) = 0
 107: r7 = map[fs_scratch] ll
 109: r9 = r10
 110: r9 += -40
 111: r1 = r7
 112: r2 = r9
 113: call bpf_map_lookup_elem#1
 114: r6 = r0
 115: if r6 == 0x0 goto pc+41
 116: r2 = *(u64 *)(r10 -104)
 117: *(u64 *)(r10 -48) = r2
 118: r9 = map[fs_stacks] ll
 120: r7 = r10
 121: r7 += -48
 122: r1 = r9
 123: r2 = r7
 124: call bpf_map_lookup_elem#1
 125: r8 = r0
 126: if r8 != 0x0 goto pc+30
 127: r8 = map[fs_stacks] ll
 129: r7 = r10
 130: r7 += -48
 131: r9 = 1
 132: r1 = r8
 133: r2 = r7
 134: r3 = r6
 135: r4 = r9
 136: call bpf_map_update_elem#2
 137: *(u64 *)(r10 -104) = r0
 138: r1 = *(u64 *)(r10 -104)
 139: if r1 == 0x0 goto pc+17
 140: r9 = r1
 141: r9 <<= 32
 142: r9 s>>= 32
 143: if r9 == 0xffffffef goto pc+13
 144: *(u32 *)(r10 -56) = 0
 145: r9 = map[fs_losses] ll
 147: r7 = r10
 148: r7 += -56
 149: r1 = r9
 150: r2 = r7
 151: call bpf_map_lookup_elem#1
 152: r8 = r0
 153: if r8 == 0x0 goto pc+3
 154: r7 = *(u64 *)(r8 +96)
 155: r7 += 1
 156: *(u64 *)(r8 +96) = r7
 157: r2 = *(u64 *)(r10 -96)
 158: *(u64 *)(r10 -64) = r2
 159: r7 = map[fs_0] ll
 161: r8 = r10
 162: r8 += -24
 163: r9 = r10
 164: r9 += -64
 165: r6 = 1
 166: r1 = r7
 167: r2 = r8
 168: r3 = r9
 169: r4 = r6
 170: call bpf_map_update_elem#2
 171: *(u64 *)(r10 -104) = r0
 172: r1 = *(u64 *)(r10 -104)
 173: if r1 == 0x0 goto pc+54
 174: r0 <<= 32
 175: *(u64 *)(r10 -104) = r0
 176: r0 s>>= 32
 177: *(u64 *)(r10 -104) = r0
 178: r1 = *(u64 *)(r10 -104)
 179: if r1 != 0xffffffef goto pc+14
 180: r6 = map[fs_0] ll
 182: r9 = r10
 183: r9 += -24
 184: r1 = r6
 185: r2 = r9
 186: call bpf_map_lookup_elem#1
 187: r8 = r0
 188: if r8 == 0x0 goto pc+5
 189: r9 = *(u64 *)(r8 +0)
 190: r1 = *(u64 *)(r10 -96)
 191: r9 += r1
 192: *(u64 *)(r8 +0) = r9
 193: goto pc+34
 194: *(u32 *)(r10 -72) = 0
 195: r9 = map[fs_losses] ll
 197: r8 = r10
 198: r8 += -72
 199: r1 = r9
 200: r2 = r8
 201: call bpf_map_lookup_elem#1
 202: r6 = r0
 203: if r6 == 0x0 goto pc+7
 204: r8 = *(u64 *)(r6 +16)
 205: r8 += 1
 206: *(u64 *)(r6 +16) = r8
 207: r8 = *(u64 *)(r6 +88)
 208: r1 = *(u64 *)(r10 -96)
 209: r8 += r1
 210: *(u64 *)(r6 +88) = r8
 211: r1 = *(u64 *)(r10 -88)
 212: if r1 != 0x0 goto pc+15
 213: *(u32 *)(r10 -80) = 0
 214: r8 = map[fs_losses] ll
 216: r6 = r10
 217: r6 += -80
 218: r1 = r8
 219: r2 = r6
 220: call bpf_map_lookup_elem#1
 221: r9 = r0
 222: if r9 == 0x0 goto pc+3
 223: r6 = *(u64 *)(r9 +120)
 224: r6 += 1
 225: *(u64 *)(r9 +120) = r6
 226: r0 = 1
 227: *(u64 *)(r10 -88) = r0
 228: r0 = 0
 229: exit

