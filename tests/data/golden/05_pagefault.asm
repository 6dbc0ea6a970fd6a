pagefault user < @[ustack] = count() >
fs_0_pagefault (tracepoint/exceptions/page_fault_user):
   0: *(u64 *)(r10 -128) = r1
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
  16: *(u64 *)(r10 -96) = r0
;; @[ustack] = count()
  17: *(u64 *)(r10 -24) = 0
  18: *(u64 *)(r10 -16) = 0
  19: r0 = -12
  20: *(u64 *)(r10 -104) = r0
  21: *(u32 *)(r10 -32) = 0
  22: r1 = map[fs_scratch] ll
  24: r2 = r10
  25: r2 += -32
  26: call bpf_map_lookup_elem#1
  27: *(u64 *)(r10 -120) = r0
  28: if r0 == 0x0 goto pc+140
  29: r0 = 0xcbf29ce484222325 ll
  31: *(u64 *)(r10 -112) = r0
  32: *(u32 *)(r10 -40) = 2
  33: r1 = map[fs_scratch] ll
  35: r2 = r10
  36: r2 += -40
  37: call bpf_map_lookup_elem#1
  38: r8 = r0
  39: if r8 == 0x0 goto pc+96
  40: call bpf_get_current_task_btf#158
  41: r4 = r0
  42: r1 = r4
  43: call bpf_task_pt_regs#175
  44: r3 = r0
  45: r4 = *(u64 *)(r3 +136)
  46: if r4 == 0x0 goto pc+86
  47: if r4 != 0x33 goto pc+88
  48: r4 = *(u64 *)(r3 +128)
  49: r7 = *(u64 *)(r3 +152)
  50: r0 = *(u64 *)(r3 +32)
  51: *(u64 *)(r10 -160) = r0
  52: r1 = *(u64 *)(r10 -120)
  53: *(u64 *)(r1 +0) = r4
  54: r0 = *(u64 *)(r10 -112)
  55: r0 ^= r4
  56: *(u64 *)(r10 -112) = r0
  57: r1 = 0x100000001b3 ll
  59: r0 *= r1
  60: *(u64 *)(r10 -112) = r0
  61: r1 = *(u64 *)(r10 -120)
  62: r6 = r1
  63: r6 += 8
  64: r0 = 0
  65: *(u64 *)(r10 -136) = r0
  66: r0 = 0
  67: *(u64 *)(r10 -144) = r0
  68: r0 = 1
  69: *(u64 *)(r10 -152) = r0
  70: *(u64 *)(r6 +0) = 0
  71: r1 = *(u64 *)(r10 -160)
  72: if r1 & 0x7 goto pc+59
  73: if r1 < r7 goto pc+58
  74: r2 = 0x7fffffffeff0 ll
  76: if r1 > r2 goto pc+55
  77: r2 = *(u64 *)(r10 -144)
  78: if r1 <= r2 goto pc+24
  79: *(u64 *)(r8 +1008) = r1
  80: r9 = *(u64 *)(r8 +1008)
  81: r9 &= 4095
  82: r9 = -r9
  83: r9 += 4096
  84: if r9 <= 0x200 goto pc+1
  85: r9 = 512
  86: if r9 >= 0x10 goto pc+1
  87: r9 = 16
  88: r1 = r8
  89: r2 = r9
  90: r3 = *(u64 *)(r10 -160)
  91: call bpf_probe_read_user#112
  92: r4 = r0
  93: if r4 != 0x0 goto pc+38
  94: r1 = *(u64 *)(r10 -160)
  95: *(u64 *)(r10 -136) = r1
  96: r1 = *(u64 *)(r10 -160)
  97: *(u64 *)(r10 -144) = r1
  98: r0 = r1
  99: r0 += r9
 100: *(u64 *)(r10 -144) = r0
 101: r0 -= 16
 102: *(u64 *)(r10 -144) = r0
 103: r1 = *(u64 *)(r10 -160)
 104: r4 = r1
 105: r1 = *(u64 *)(r10 -136)
 106: r4 -= r1
 107: *(u64 *)(r8 +1008) = r4
 108: r4 = *(u64 *)(r8 +1008)
 109: r4 &= 504
 110: r3 = r8
 111: r3 += r4
 112: r4 = *(u64 *)(r3 +8)
 113: if r4 == 0x0 goto pc+18
 114: r5 = *(u64 *)(r3 +0)
 115: *(u64 *)(r6 +0) = r4
 116: r0 = *(u64 *)(r10 -112)
 117: r0 ^= r4
 118: *(u64 *)(r10 -112) = r0
 119: r1 = 0x100000001b3 ll
 121: r0 *= r1
 122: *(u64 *)(r10 -112) = r0
 123: r6 += 8
 124: r1 = *(u64 *)(r10 -160)
 125: r7 = r1
 126: r7 += 16
 127: *(u64 *)(r10 -160) = r5
 128: r0 = *(u64 *)(r10 -152)
 129: r0 += 1
 130: *(u64 *)(r10 -152) = r0
 131: if r0 < 0x7f goto pc-62
 132: goto pc+32
 133: r0 = -14
 134: *(u64 *)(r10 -104) = r0
 135: goto pc+33
 136: r1 = *(u64 *)(r10 -128)
 137: r2 = *(u64 *)(r10 -120)
 138: r3 = 1016
 139: r4 = 256
 140: call bpf_get_stack#67
 141: r5 = r0
 142: r4 = r5
 143: *(u64 *)(r10 -104) = r4
 144: if r4 s< 0x0 goto pc+24
 145: r0 = -14
 146: *(u64 *)(r10 -104) = r0
 147: if r4 == 0x0 goto pc+21
 148: r5 = 0xcbf29ce484222325 ll
 150: r3 = r4
 151: r3 >>= 3
 152: r1 = *(u64 *)(r10 -120)
 153: r4 = r1
 154: r8 = 0
 155: if r8 >= r3 goto pc+8
 156: r7 = *(u64 *)(r4 +0)
 157: r5 ^= r7
 158: r1 = 0x100000001b3 ll
 160: r5 *= r1
 161: r4 += 8
 162: r8 += 1
 163: if r8 < 0x7f goto pc-9
 164: *(u64 *)(r10 -112) = r5
 165: r0 = *(u64 *)(r10 -112)
 166: r0 >>= 1
 167: *(u64 *)(r10 -112) = r0
 168: *(u64 *)(r10 -104) = r0
 169: r2 = *(u64 *)(r10 -104)
 170: *(u64 *)(r10 -24) = r2
 171: call bpf_get_current_pid_tgid#14
 172: r4 = r0
 173: r3 = r4
 174: r3 >>= 32
 175: *(u64 *)(r10 -16) = r3
 176: r1 = map[fs_0] ll
 178: r2 = r10
 179: r2 += -24
 180: call bpf_map_lookup_elem#1
 181: r3 = r0
 182: if r3 == 0x0 goto pc+4
 183: r4 = *(u64 *)(r3 +0)
 184: r4 += 1
 185: *(u64 *)(r3 +0) = r4
 186: goto pc+95
 187: *(u32 *)(r10 -48) = 0
 188: r1 = map[fs_scratch] ll
 190: r2 = r10
 191: r2 += -48
 192: call bpf_map_lookup_elem#1
 193: r7 = r0
 194: if r7 == 0x0 goto pc+33
 195: r2 = *(u64 *)(r10 -104)
 196: *(u64 *)(r10 -56) = r2
 197: r1 = map[fs_stacks] ll
 199: r2 = r10
 200: r2 += -56
 201: call bpf_map_lookup_elem#1
 202: r4 = r0
 203: if r4 != 0x0 goto pc+24
 204: r3 = r7
 205: r1 = map[fs_stacks] ll
 207: r2 = r10
 208: r2 += -56
 209: r4 = 1
 210: call bpf_map_update_elem#2
 211: r4 = r0
 212: if r4 == 0x0 goto pc+15
 213: r3 = r4
 214: r3 <<= 32
 215: r3 s>>= 32
 216: if r3 == 0xffffffef goto pc+11
 217: *(u32 *)(r10 -64) = 0
 218: r1 = map[fs_losses] ll
 220: r2 = r10
 221: r2 += -64
 222: call bpf_map_lookup_elem#1
 223: r3 = r0
 224: if r3 == 0x0 goto pc+3
 225: r4 = *(u64 *)(r3 +96)
 226: r4 += 1
 227: *(u64 *)(r3 +96) = r4
 228: *(u64 *)(r10 -72) = 1
 229: r1 = map[fs_0] ll
 231: r2 = r10
 232: r2 += -24
 233: r3 = r10
 234: r3 += -72
 235: r4 = 1
 236: call bpf_map_update_elem#2
 237: r4 = r0
 238: if r4 == 0x0 goto pc+43
 239: r4 <<= 32
 240: r4 s>>= 32
 241: if r4 != 0xffffffef goto pc+11
 242: r1 = map[fs_0] ll
 244: r2 = r10
 245: r2 += -24
 246: call bpf_map_lookup_elem#1
 247: r4 = r0
 248: if r4 == 0x0 goto pc+4
 249: r3 = *(u64 *)(r4 +0)
 250: r3 += 1
 251: *(u64 *)(r4 +0) = r3
 252: goto pc+29
 253: *(u32 *)(r10 -80) = 0
 254: r1 = map[fs_losses] ll
 256: r2 = r10
 257: r2 += -80
 258: call bpf_map_lookup_elem#1
 259: r3 = r0
 260: if r3 == 0x0 goto pc+6
 261: r4 = *(u64 *)(r3 +16)
 262: r4 += 1
 263: *(u64 *)(r3 +16) = r4
 264: r4 = *(u64 *)(r3 +88)
 265: r4 += 1
 266: *(u64 *)(r3 +88) = r4
 267: r1 = *(u64 *)(r10 -96)
 268: if r1 != 0x0 goto pc+13
 269: *(u32 *)(r10 -88) = 0
 270: r1 = map[fs_losses] ll
 272: r2 = r10
 273: r2 += -88
 274: call bpf_map_lookup_elem#1
 275: r4 = r0
 276: if r4 == 0x0 goto pc+3
 277: r3 = *(u64 *)(r4 +120)
 278: r3 += 1
 279: *(u64 *)(r4 +120) = r3
 280: r0 = 1
 281: *(u64 *)(r10 -96) = r0
 282: r0 = 0
 283: exit

