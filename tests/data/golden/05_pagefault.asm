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
  28: *(u64 *)(r10 -88) = r0
;; @[ustack] = count()
  29: r0 = 1
  30: *(u64 *)(r10 -96) = r0
  31: *(u64 *)(r10 -32) = 0
  32: *(u64 *)(r10 -24) = 0
  33: r0 = -12
  34: *(u64 *)(r10 -104) = r0
  35: *(u32 *)(r10 -40) = 0
  36: r9 = map[fs_scratch] ll
  38: r7 = r10
  39: r7 += -40
  40: r1 = r9
  41: r2 = r7
  42: call bpf_map_lookup_elem#1
  43: *(u64 *)(r10 -112) = r0
  44: r1 = *(u64 *)(r10 -112)
  45: if r1 == 0x0 goto pc+72
  46: r0 = 0xcbf29ce484222325 ll
  48: *(u64 *)(r10 -120) = r0
  49: r0 = 0x100000001b3 ll
  51: *(u64 *)(r10 -128) = r0
  52: r8 = 1
  53: r8 = 1016
  54: r7 = 256
  55: r1 = r6
  56: r2 = *(u64 *)(r10 -112)
  57: r3 = r8
  58: r4 = r7
  59: call bpf_get_stack#67
  60: r9 = r0
  61: *(u64 *)(r10 -104) = r9
  62: if r9 s< 0x0 goto pc+55
  63: r0 = -14
  64: *(u64 *)(r10 -104) = r0
  65: if r9 == 0x0 goto pc+52
  66: r8 = r9
  67: r8 >>= 3
  68: r1 = *(u64 *)(r10 -112)
  69: r9 = r1
  70: r7 = 0
  71: if r7 >= r8 goto pc+10
  72: r6 = *(u64 *)(r9 +0)
  73: r0 = *(u64 *)(r10 -120)
  74: r0 ^= r6
  75: *(u64 *)(r10 -120) = r0
  76: r1 = *(u64 *)(r10 -128)
  77: r0 *= r1
  78: *(u64 *)(r10 -120) = r0
  79: r9 += 8
  80: r7 += 1
  81: if r7 < 0x7f goto pc-11
  82: r0 = *(u64 *)(r10 -120)
  83: r0 >>= 1
  84: *(u64 *)(r10 -120) = r0
  85: r1 = *(u64 *)(r10 -120)
  86: *(u64 *)(r10 -104) = r1
  87: r2 = *(u64 *)(r10 -120)
  88: *(u64 *)(r10 -48) = r2
  89: r6 = map[fs_stacks] ll
  91: r7 = r10
  92: r7 += -48
  93: r9 = 1
  94: r1 = r6
  95: r2 = r7
  96: r3 = *(u64 *)(r10 -112)
  97: r4 = r9
  98: call bpf_map_update_elem#2
  99: r8 = r0
 100: if r8 == 0x0 goto pc+17
 101: r9 = r8
 102: r9 <<= 32
 103: r9 s>>= 32
 104: if r9 == 0xffffffef goto pc+13
 105: *(u32 *)(r10 -56) = 0
 106: r9 = map[fs_losses] ll
 108: r8 = r10
 109: r8 += -56
 110: r1 = r9
 111: r2 = r8
 112: call bpf_map_lookup_elem#1
 113: r7 = r0
 114: if r7 == 0x0 goto pc+3
 115: r8 = *(u64 *)(r7 +96)
 116: r8 += 1
 117: *(u64 *)(r7 +96) = r8
 118: r2 = *(u64 *)(r10 -104)
 119: *(u64 *)(r10 -32) = r2
 120: call bpf_get_current_pid_tgid#14
 121: r8 = r0
 122: r7 = r8
 123: r7 >>= 32
 124: *(u64 *)(r10 -24) = r7
 125: r7 = map[fs_0] ll
 127: r8 = r10
 128: r8 += -32
 129: r1 = r7
 130: r2 = r8
 131: call bpf_map_lookup_elem#1
 132: r9 = r0
 133: if r9 == 0x0 goto pc+5
 134: r8 = *(u64 *)(r9 +0)
 135: r1 = *(u64 *)(r10 -96)
 136: r8 += r1
 137: *(u64 *)(r9 +0) = r8
 138: goto pc+71
 139: r2 = *(u64 *)(r10 -96)
 140: *(u64 *)(r10 -64) = r2
 141: r8 = map[fs_0] ll
 143: r9 = r10
 144: r9 += -32
 145: r7 = r10
 146: r7 += -64
 147: r6 = 1
 148: r1 = r8
 149: r2 = r9
 150: r3 = r7
 151: r4 = r6
 152: call bpf_map_update_elem#2
 153: *(u64 *)(r10 -104) = r0
 154: r1 = *(u64 *)(r10 -104)
 155: if r1 == 0x0 goto pc+54
 156: r0 <<= 32
 157: *(u64 *)(r10 -104) = r0
 158: r0 s>>= 32
 159: *(u64 *)(r10 -104) = r0
 160: r1 = *(u64 *)(r10 -104)
 161: if r1 != 0xffffffef goto pc+14
 162: r6 = map[fs_0] ll
 164: r7 = r10
 165: r7 += -32
 166: r1 = r6
 167: r2 = r7
 168: call bpf_map_lookup_elem#1
 169: r9 = r0
 170: if r9 == 0x0 goto pc+5
 171: r7 = *(u64 *)(r9 +0)
 172: r1 = *(u64 *)(r10 -96)
 173: r7 += r1
 174: *(u64 *)(r9 +0) = r7
 175: goto pc+34
 176: *(u32 *)(r10 -72) = 0
 177: r7 = map[fs_losses] ll
 179: r9 = r10
 180: r9 += -72
 181: r1 = r7
 182: r2 = r9
 183: call bpf_map_lookup_elem#1
 184: r6 = r0
 185: if r6 == 0x0 goto pc+7
 186: r9 = *(u64 *)(r6 +16)
 187: r9 += 1
 188: *(u64 *)(r6 +16) = r9
 189: r9 = *(u64 *)(r6 +88)
 190: r1 = *(u64 *)(r10 -96)
 191: r9 += r1
 192: *(u64 *)(r6 +88) = r9
 193: r1 = *(u64 *)(r10 -88)
 194: if r1 != 0x0 goto pc+15
 195: *(u32 *)(r10 -80) = 0
 196: r9 = map[fs_losses] ll
 198: r6 = r10
 199: r6 += -80
 200: r1 = r9
 201: r2 = r6
 202: call bpf_map_lookup_elem#1
 203: r7 = r0
 204: if r7 == 0x0 goto pc+3
 205: r6 = *(u64 *)(r7 +120)
 206: r6 += 1
 207: *(u64 *)(r7 +120) = r6
 208: r0 = 1
 209: *(u64 *)(r10 -88) = r0
 210: r0 = 0
 211: exit

