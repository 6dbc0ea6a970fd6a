pagefault user < @[ustack] = count() >
fs_0_pagefault (tracepoint/exceptions/page_fault_user):
   0: r6 = r1
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
  16: *(u64 *)(r10 -88) = r0
;; @[ustack] = count()
  17: *(u64 *)(r10 -24) = 0
  18: *(u64 *)(r10 -16) = 0
  19: r8 = -12
  20: *(u32 *)(r10 -32) = 0
  21: r1 = map[fs_scratch] ll
  23: r2 = r10
  24: r2 += -32
  25: call bpf_map_lookup_elem#1
  26: r9 = r0
  27: if r9 == 0x0 goto pc+30
  28: r7 = 0xcbf29ce484222325 ll
  30: r1 = r6
  31: r2 = r9
  32: r3 = 1016
  33: r4 = 256
  34: call bpf_get_stack#67
  35: r4 = r0
  36: r8 = r4
  37: if r4 s< 0x0 goto pc+20
  38: r8 = -14
  39: if r4 == 0x0 goto pc+18
  40: r3 = 0xcbf29ce484222325 ll
  42: r5 = r4
  43: r5 >>= 3
  44: r4 = r9
  45: r9 = 0
  46: if r9 >= r5 goto pc+8
  47: r6 = *(u64 *)(r4 +0)
  48: r3 ^= r6
  49: r1 = 0x100000001b3 ll
  51: r3 *= r1
  52: r4 += 8
  53: r9 += 1
  54: if r9 < 0x7f goto pc-9
  55: r7 = r3
  56: r7 >>= 1
  57: r8 = r7
  58: *(u64 *)(r10 -24) = r8
  59: call bpf_get_current_pid_tgid#14
  60: r4 = r0
  61: r5 = r4
  62: r5 >>= 32
  63: *(u64 *)(r10 -16) = r5
  64: r1 = map[fs_0] ll
  66: r2 = r10
  67: r2 += -24
  68: call bpf_map_lookup_elem#1
  69: r5 = r0
  70: if r5 == 0x0 goto pc+4
  71: r4 = *(u64 *)(r5 +0)
  72: r4 += 1
  73: *(u64 *)(r5 +0) = r4
  74: goto pc+94
  75: *(u32 *)(r10 -40) = 0
  76: r1 = map[fs_scratch] ll
  78: r2 = r10
  79: r2 += -40
  80: call bpf_map_lookup_elem#1
  81: r6 = r0
  82: if r6 == 0x0 goto pc+32
  83: *(u64 *)(r10 -48) = r8
  84: r1 = map[fs_stacks] ll
  86: r2 = r10
  87: r2 += -48
  88: call bpf_map_lookup_elem#1
  89: r4 = r0
  90: if r4 != 0x0 goto pc+24
  91: r3 = r6
  92: r1 = map[fs_stacks] ll
  94: r2 = r10
  95: r2 += -48
  96: r4 = 1
  97: call bpf_map_update_elem#2
  98: r4 = r0
  99: if r4 == 0x0 goto pc+15
 100: r5 = r4
 101: r5 <<= 32
 102: r5 s>>= 32
 103: if r5 == 0xffffffef goto pc+11
 104: *(u32 *)(r10 -56) = 0
 105: r1 = map[fs_losses] ll
 107: r2 = r10
 108: r2 += -56
 109: call bpf_map_lookup_elem#1
 110: r5 = r0
 111: if r5 == 0x0 goto pc+3
 112: r4 = *(u64 *)(r5 +96)
 113: r4 += 1
 114: *(u64 *)(r5 +96) = r4
 115: *(u64 *)(r10 -64) = 1
 116: r1 = map[fs_0] ll
 118: r2 = r10
 119: r2 += -24
 120: r3 = r10
 121: r3 += -64
 122: r4 = 1
 123: call bpf_map_update_elem#2
 124: r4 = r0
 125: if r4 == 0x0 goto pc+43
 126: r4 <<= 32
 127: r4 s>>= 32
 128: if r4 != 0xffffffef goto pc+11
 129: r1 = map[fs_0] ll
 131: r2 = r10
 132: r2 += -24
 133: call bpf_map_lookup_elem#1
 134: r4 = r0
 135: if r4 == 0x0 goto pc+4
 136: r5 = *(u64 *)(r4 +0)
 137: r5 += 1
 138: *(u64 *)(r4 +0) = r5
 139: goto pc+29
 140: *(u32 *)(r10 -72) = 0
 141: r1 = map[fs_losses] ll
 143: r2 = r10
 144: r2 += -72
 145: call bpf_map_lookup_elem#1
 146: r5 = r0
 147: if r5 == 0x0 goto pc+6
 148: r4 = *(u64 *)(r5 +16)
 149: r4 += 1
 150: *(u64 *)(r5 +16) = r4
 151: r4 = *(u64 *)(r5 +88)
 152: r4 += 1
 153: *(u64 *)(r5 +88) = r4
 154: r1 = *(u64 *)(r10 -88)
 155: if r1 != 0x0 goto pc+13
 156: *(u32 *)(r10 -80) = 0
 157: r1 = map[fs_losses] ll
 159: r2 = r10
 160: r2 += -80
 161: call bpf_map_lookup_elem#1
 162: r4 = r0
 163: if r4 == 0x0 goto pc+3
 164: r5 = *(u64 *)(r4 +120)
 165: r5 += 1
 166: *(u64 *)(r4 +120) = r5
 167: r0 = 1
 168: *(u64 *)(r10 -88) = r0
 169: r0 = 0
 170: exit

