pagefault user < @[ustack] = count() >
fs_0_pagefault (tracepoint/exceptions/page_fault_user):
   0: *(u64 *)(r10 -136) = r1
;; pagefault user < @[ustack] = count() >
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
  15: r0 = 0
  16: *(u64 *)(r10 -104) = r0
;; @[ustack] = count()
  17: *(u64 *)(r10 -24) = 0
  18: *(u64 *)(r10 -16) = 0
  19: r0 = -12
  20: *(u64 *)(r10 -112) = r0
  21: *(u32 *)(r10 -32) = 0
  22: r1 = map[fs_scratch] ll
  24: r2 = r10
  25: r2 += -32
  26: call bpf_map_lookup_elem#1
  27: *(u64 *)(r10 -128) = r0
  28: if r0 == 0x0 goto pc+94
  29: r0 = 0xcbf29ce484222325 ll
  31: *(u64 *)(r10 -120) = r0
  32: call bpf_get_current_task_btf#158
  33: r4 = r0
  34: r1 = r4
  35: call bpf_task_pt_regs#175
  36: r3 = r0
  37: r4 = *(u64 *)(r3 +136)
  38: if r4 == 0x0 goto pc+48
  39: if r4 != 0x33 goto pc+50
  40: r4 = *(u64 *)(r3 +128)
  41: r8 = *(u64 *)(r3 +152)
  42: r7 = *(u64 *)(r3 +32)
  43: r1 = *(u64 *)(r10 -128)
  44: *(u64 *)(r1 +0) = r4
  45: r0 = *(u64 *)(r10 -120)
  46: r0 ^= r4
  47: *(u64 *)(r10 -120) = r0
  48: r1 = 0x100000001b3 ll
  50: r0 *= r1
  51: *(u64 *)(r10 -120) = r0
  52: r1 = *(u64 *)(r10 -128)
  53: r9 = r1
  54: r9 += 8
  55: r6 = 1
  56: *(u64 *)(r9 +0) = 0
  57: if r7 & 0x7 goto pc+28
  58: if r7 < r8 goto pc+27
  59: r2 = 0x7fffffffeff0 ll
  61: if r7 > r2 goto pc+24
  62: r3 = r7
  63: r1 = r10
  64: r1 += -48
  65: r2 = 16
  66: call bpf_probe_read_user#112
  67: r4 = r0
  68: if r4 != 0x0 goto pc+17
  69: r4 = *(u64 *)(r10 -40)
  70: if r4 == 0x0 goto pc+15
  71: r3 = *(u64 *)(r10 -48)
  72: *(u64 *)(r9 +0) = r4
  73: r0 = *(u64 *)(r10 -120)
  74: r0 ^= r4
  75: *(u64 *)(r10 -120) = r0
  76: r1 = 0x100000001b3 ll
  78: r0 *= r1
  79: *(u64 *)(r10 -120) = r0
  80: r9 += 8
  81: r8 = r7
  82: r8 += 16
  83: r7 = r3
  84: r6 += 1
  85: if r6 < 0x7f goto pc-30
  86: goto pc+32
  87: r0 = -14
  88: *(u64 *)(r10 -112) = r0
  89: goto pc+33
  90: r1 = *(u64 *)(r10 -136)
  91: r2 = *(u64 *)(r10 -128)
  92: r3 = 1016
  93: r4 = 256
  94: call bpf_get_stack#67
  95: r3 = r0
  96: r4 = r3
  97: *(u64 *)(r10 -112) = r4
  98: if r4 s< 0x0 goto pc+24
  99: r0 = -14
 100: *(u64 *)(r10 -112) = r0
 101: if r4 == 0x0 goto pc+21
 102: r3 = 0xcbf29ce484222325 ll
 104: r5 = r4
 105: r5 >>= 3
 106: r1 = *(u64 *)(r10 -128)
 107: r4 = r1
 108: r9 = 0
 109: if r9 >= r5 goto pc+8
 110: r8 = *(u64 *)(r4 +0)
 111: r3 ^= r8
 112: r1 = 0x100000001b3 ll
 114: r3 *= r1
 115: r4 += 8
 116: r9 += 1
 117: if r9 < 0x7f goto pc-9
 118: *(u64 *)(r10 -120) = r3
 119: r0 = *(u64 *)(r10 -120)
 120: r0 >>= 1
 121: *(u64 *)(r10 -120) = r0
 122: *(u64 *)(r10 -112) = r0
 123: r2 = *(u64 *)(r10 -112)
 124: *(u64 *)(r10 -24) = r2
 125: call bpf_get_current_pid_tgid#14
 126: r4 = r0
 127: r5 = r4
 128: r5 >>= 32
 129: *(u64 *)(r10 -16) = r5
 130: r1 = map[fs_0] ll
 132: r2 = r10
 133: r2 += -24
 134: call bpf_map_lookup_elem#1
 135: r5 = r0
 136: if r5 == 0x0 goto pc+4
 137: r4 = *(u64 *)(r5 +0)
 138: r4 += 1
 139: *(u64 *)(r5 +0) = r4
 140: goto pc+95
 141: *(u32 *)(r10 -56) = 0
 142: r1 = map[fs_scratch] ll
 144: r2 = r10
 145: r2 += -56
 146: call bpf_map_lookup_elem#1
 147: r8 = r0
 148: if r8 == 0x0 goto pc+33
 149: r2 = *(u64 *)(r10 -112)
 150: *(u64 *)(r10 -64) = r2
 151: r1 = map[fs_stacks] ll
 153: r2 = r10
 154: r2 += -64
 155: call bpf_map_lookup_elem#1
 156: r4 = r0
 157: if r4 != 0x0 goto pc+24
 158: r3 = r8
 159: r1 = map[fs_stacks] ll
 161: r2 = r10
 162: r2 += -64
 163: r4 = 1
 164: call bpf_map_update_elem#2
 165: r4 = r0
 166: if r4 == 0x0 goto pc+15
 167: r5 = r4
 168: r5 <<= 32
 169: r5 s>>= 32
 170: if r5 == 0xffffffef goto pc+11
 171: *(u32 *)(r10 -72) = 0
 172: r1 = map[fs_losses] ll
 174: r2 = r10
 175: r2 += -72
 176: call bpf_map_lookup_elem#1
 177: r5 = r0
 178: if r5 == 0x0 goto pc+3
 179: r4 = *(u64 *)(r5 +96)
 180: r4 += 1
 181: *(u64 *)(r5 +96) = r4
 182: *(u64 *)(r10 -80) = 1
 183: r1 = map[fs_0] ll
 185: r2 = r10
 186: r2 += -24
 187: r3 = r10
 188: r3 += -80
 189: r4 = 1
 190: call bpf_map_update_elem#2
 191: r4 = r0
 192: if r4 == 0x0 goto pc+43
 193: r4 <<= 32
 194: r4 s>>= 32
 195: if r4 != 0xffffffef goto pc+11
 196: r1 = map[fs_0] ll
 198: r2 = r10
 199: r2 += -24
 200: call bpf_map_lookup_elem#1
 201: r4 = r0
 202: if r4 == 0x0 goto pc+4
 203: r5 = *(u64 *)(r4 +0)
 204: r5 += 1
 205: *(u64 *)(r4 +0) = r5
 206: goto pc+29
 207: *(u32 *)(r10 -88) = 0
 208: r1 = map[fs_losses] ll
 210: r2 = r10
 211: r2 += -88
 212: call bpf_map_lookup_elem#1
 213: r5 = r0
 214: if r5 == 0x0 goto pc+6
 215: r4 = *(u64 *)(r5 +16)
 216: r4 += 1
 217: *(u64 *)(r5 +16) = r4
 218: r4 = *(u64 *)(r5 +88)
 219: r4 += 1
 220: *(u64 *)(r5 +88) = r4
 221: r1 = *(u64 *)(r10 -104)
 222: if r1 != 0x0 goto pc+13
 223: *(u32 *)(r10 -96) = 0
 224: r1 = map[fs_losses] ll
 226: r2 = r10
 227: r2 += -96
 228: call bpf_map_lookup_elem#1
 229: r4 = r0
 230: if r4 == 0x0 goto pc+3
 231: r5 = *(u64 *)(r4 +120)
 232: r5 += 1
 233: *(u64 *)(r4 +120) = r5
 234: r0 = 1
 235: *(u64 *)(r10 -104) = r0
 236: r0 = 0
 237: exit

