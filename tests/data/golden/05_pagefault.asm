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
  18: *(u64 *)(r10 -80) = r0
;; @[ustack] = count()
  19: r0 = 1
  20: *(u64 *)(r10 -88) = r0
  21: *(u64 *)(r10 -24) = 0
  22: *(u64 *)(r10 -16) = 0
  23: r0 = -12
  24: *(u64 *)(r10 -96) = r0
  25: *(u32 *)(r10 -32) = 0
  26: r8 = map[fs_scratch] ll
  28: r9 = r10
  29: r9 += -32
  30: r1 = r8
  31: r2 = r9
  32: call bpf_map_lookup_elem#1
  33: *(u64 *)(r10 -104) = r0
  34: r1 = *(u64 *)(r10 -104)
  35: if r1 == 0x0 goto pc+89
  36: r0 = 0xcbf29ce484222325 ll
  38: *(u64 *)(r10 -112) = r0
  39: r8 = 0x100000001b3 ll
  41: r8 = 1
  42: r8 = 1016
  43: r7 = 256
  44: r1 = r6
  45: r2 = *(u64 *)(r10 -104)
  46: r3 = r8
  47: r4 = r7
  48: call bpf_get_stack#67
  49: r9 = r0
  50: *(u64 *)(r10 -96) = r9
  51: if r9 s< 0x0 goto pc+73
  52: r0 = -14
  53: *(u64 *)(r10 -96) = r0
  54: if r9 == 0x0 goto pc+70
  55: r0 = 0xcbf29ce484222325 ll
  57: *(u64 *)(r10 -120) = r0
  58: r7 = 0x100000001b3 ll
  60: r6 = r9
  61: r6 >>= 3
  62: r1 = *(u64 *)(r10 -104)
  63: *(u64 *)(r10 -128) = r1
  64: r8 = 0
  65: if r8 >= r6 goto pc+12
  66: r1 = *(u64 *)(r10 -128)
  67: r9 = *(u64 *)(r1 +0)
  68: r0 = *(u64 *)(r10 -120)
  69: r0 ^= r9
  70: *(u64 *)(r10 -120) = r0
  71: r0 *= r7
  72: *(u64 *)(r10 -120) = r0
  73: r0 = *(u64 *)(r10 -128)
  74: r0 += 8
  75: *(u64 *)(r10 -128) = r0
  76: r8 += 1
  77: if r8 < 0x7f goto pc-13
  78: r1 = *(u64 *)(r10 -120)
  79: *(u64 *)(r10 -112) = r1
  80: r0 = *(u64 *)(r10 -112)
  81: r0 >>= 1
  82: *(u64 *)(r10 -112) = r0
  83: r1 = *(u64 *)(r10 -112)
  84: *(u64 *)(r10 -96) = r1
  85: r2 = *(u64 *)(r10 -112)
  86: *(u64 *)(r10 -40) = r2
  87: r9 = map[fs_stacks] ll
  89: r6 = r10
  90: r6 += -40
  91: r1 = r9
  92: r2 = r6
  93: call bpf_map_lookup_elem#1
  94: r7 = r0
  95: if r7 != 0x0 goto pc+29
  96: r7 = map[fs_stacks] ll
  98: r6 = r10
  99: r6 += -40
 100: r9 = 1
 101: r1 = r7
 102: r2 = r6
 103: r3 = *(u64 *)(r10 -104)
 104: r4 = r9
 105: call bpf_map_update_elem#2
 106: r8 = r0
 107: if r8 == 0x0 goto pc+17
 108: r9 = r8
 109: r9 <<= 32
 110: r9 s>>= 32
 111: if r9 == 0xffffffef goto pc+13
 112: *(u32 *)(r10 -48) = 0
 113: r9 = map[fs_losses] ll
 115: r8 = r10
 116: r8 += -48
 117: r1 = r9
 118: r2 = r8
 119: call bpf_map_lookup_elem#1
 120: r6 = r0
 121: if r6 == 0x0 goto pc+3
 122: r8 = *(u64 *)(r6 +96)
 123: r8 += 1
 124: *(u64 *)(r6 +96) = r8
 125: r2 = *(u64 *)(r10 -96)
 126: *(u64 *)(r10 -24) = r2
 127: call bpf_get_current_pid_tgid#14
 128: r8 = r0
 129: r6 = r8
 130: r6 >>= 32
 131: *(u64 *)(r10 -16) = r6
 132: r6 = map[fs_0] ll
 134: r8 = r10
 135: r8 += -24
 136: r1 = r6
 137: r2 = r8
 138: call bpf_map_lookup_elem#1
 139: r9 = r0
 140: if r9 == 0x0 goto pc+5
 141: r8 = *(u64 *)(r9 +0)
 142: r1 = *(u64 *)(r10 -88)
 143: r8 += r1
 144: *(u64 *)(r9 +0) = r8
 145: goto pc+71
 146: r2 = *(u64 *)(r10 -88)
 147: *(u64 *)(r10 -56) = r2
 148: r8 = map[fs_0] ll
 150: r9 = r10
 151: r9 += -24
 152: r6 = r10
 153: r6 += -56
 154: r7 = 1
 155: r1 = r8
 156: r2 = r9
 157: r3 = r6
 158: r4 = r7
 159: call bpf_map_update_elem#2
 160: *(u64 *)(r10 -96) = r0
 161: r1 = *(u64 *)(r10 -96)
 162: if r1 == 0x0 goto pc+54
 163: r0 <<= 32
 164: *(u64 *)(r10 -96) = r0
 165: r0 s>>= 32
 166: *(u64 *)(r10 -96) = r0
 167: r1 = *(u64 *)(r10 -96)
 168: if r1 != 0xffffffef goto pc+14
 169: r7 = map[fs_0] ll
 171: r6 = r10
 172: r6 += -24
 173: r1 = r7
 174: r2 = r6
 175: call bpf_map_lookup_elem#1
 176: r9 = r0
 177: if r9 == 0x0 goto pc+5
 178: r6 = *(u64 *)(r9 +0)
 179: r1 = *(u64 *)(r10 -88)
 180: r6 += r1
 181: *(u64 *)(r9 +0) = r6
 182: goto pc+34
 183: *(u32 *)(r10 -64) = 0
 184: r6 = map[fs_losses] ll
 186: r9 = r10
 187: r9 += -64
 188: r1 = r6
 189: r2 = r9
 190: call bpf_map_lookup_elem#1
 191: r7 = r0
 192: if r7 == 0x0 goto pc+7
 193: r9 = *(u64 *)(r7 +16)
 194: r9 += 1
 195: *(u64 *)(r7 +16) = r9
 196: r9 = *(u64 *)(r7 +88)
 197: r1 = *(u64 *)(r10 -88)
 198: r9 += r1
 199: *(u64 *)(r7 +88) = r9
 200: r1 = *(u64 *)(r10 -80)
 201: if r1 != 0x0 goto pc+15
 202: *(u32 *)(r10 -72) = 0
 203: r9 = map[fs_losses] ll
 205: r7 = r10
 206: r7 += -72
 207: r1 = r9
 208: r2 = r7
 209: call bpf_map_lookup_elem#1
 210: r6 = r0
 211: if r6 == 0x0 goto pc+3
 212: r7 = *(u64 *)(r6 +120)
 213: r7 += 1
 214: *(u64 *)(r6 +120) = r7
 215: r0 = 1
 216: *(u64 *)(r10 -80) = r0
 217: r0 = 0
 218: exit

