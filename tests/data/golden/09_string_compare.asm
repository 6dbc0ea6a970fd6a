tracepoint:sched:sched_switch /args.prev_comm == "swapper/0" || args.prev_pid == 0/ < @[args.next_comm] = count() >
fs_0_tracepoint (tracepoint/sched/sched_switch):
   0: *(u64 *)(r10 -80) = r1
;; tracepoint:sched:sched_switch /args.prev_comm == "swapper/0"…
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
;; args.prev_comm == "swapper/0" || args.prev_pid == 0
  14: r8 = 1
  15: *(u64 *)(r10 -24) = 0
  16: *(u64 *)(r10 -16) = 0
  17: r9 = r10
  18: r9 += -24
  19: r7 = 16
  20: r1 = *(u64 *)(r10 -80)
  21: r6 = r1
  22: r6 += 8
  23: r1 = r9
  24: r2 = r7
  25: r3 = r6
  26: call bpf_probe_read_kernel#113
  27: r7 = 0
  28: r9 = *(u8 *)(r10 -24)
  29: if r9 != 0x73 goto pc+19
  30: r9 = *(u8 *)(r10 -23)
  31: if r9 != 0x77 goto pc+17
  32: r9 = *(u8 *)(r10 -22)
  33: if r9 != 0x61 goto pc+15
  34: r9 = *(u8 *)(r10 -21)
  35: if r9 != 0x70 goto pc+13
  36: r9 = *(u8 *)(r10 -20)
  37: if r9 != 0x70 goto pc+11
  38: r9 = *(u8 *)(r10 -19)
  39: if r9 != 0x65 goto pc+9
  40: r9 = *(u8 *)(r10 -18)
  41: if r9 != 0x72 goto pc+7
  42: r9 = *(u8 *)(r10 -17)
  43: if r9 != 0x2f goto pc+5
  44: r9 = *(u8 *)(r10 -16)
  45: if r9 != 0x30 goto pc+3
  46: r9 = *(u8 *)(r10 -15)
  47: if r9 != 0x0 goto pc+1
  48: r7 = 1
  49: if r7 != 0x0 goto pc+9
  50: r1 = *(u64 *)(r10 -80)
  51: r9 = *(u32 *)(r1 +24)
  52: r9 <<= 32
  53: r9 s>>= 32
  54: r7 = 1
  55: if r9 == 0x0 goto pc+1
  56: r7 = 0
  57: if r7 != 0x0 goto pc+1
  58: r8 = 0
  59: if r8 == 0x0 goto pc+114
  60: *(u32 *)(r10 -32) = 0
  61: r7 = map[fs_losses] ll
  63: r9 = r10
  64: r9 += -32
  65: r1 = r7
  66: r2 = r9
  67: call bpf_map_lookup_elem#1
  68: r8 = r0
  69: if r8 == 0x0 goto pc+3
  70: r9 = *(u64 *)(r8 +8)
  71: r9 += 1
  72: *(u64 *)(r8 +8) = r9
  73: r0 = 0
  74: *(u64 *)(r10 -88) = r0
;; @[args.next_comm] = count()
  75: r0 = 1
  76: *(u64 *)(r10 -96) = r0
  77: *(u64 *)(r10 -48) = 0
  78: *(u64 *)(r10 -40) = 0
  79: r7 = r10
  80: r7 += -48
  81: r6 = 16
  82: r1 = *(u64 *)(r10 -80)
  83: r9 = r1
  84: r9 += 40
  85: r1 = r7
  86: r2 = r6
  87: r3 = r9
  88: call bpf_probe_read_kernel#113
  89: r6 = map[fs_0] ll
  91: r7 = r10
  92: r7 += -48
  93: r1 = r6
  94: r2 = r7
  95: call bpf_map_lookup_elem#1
  96: r9 = r0
  97: if r9 == 0x0 goto pc+5
  98: r7 = *(u64 *)(r9 +0)
  99: r1 = *(u64 *)(r10 -96)
 100: r7 += r1
 101: *(u64 *)(r9 +0) = r7
 102: goto pc+71
 103: r2 = *(u64 *)(r10 -96)
 104: *(u64 *)(r10 -56) = r2
 105: r7 = map[fs_0] ll
 107: r9 = r10
 108: r9 += -48
 109: r6 = r10
 110: r6 += -56
 111: r8 = 1
 112: r1 = r7
 113: r2 = r9
 114: r3 = r6
 115: r4 = r8
 116: call bpf_map_update_elem#2
 117: *(u64 *)(r10 -80) = r0
 118: r1 = *(u64 *)(r10 -80)
 119: if r1 == 0x0 goto pc+54
 120: r0 <<= 32
 121: *(u64 *)(r10 -80) = r0
 122: r0 s>>= 32
 123: *(u64 *)(r10 -80) = r0
 124: r1 = *(u64 *)(r10 -80)
 125: if r1 != 0xffffffef goto pc+14
 126: r6 = map[fs_0] ll
 128: r9 = r10
 129: r9 += -48
 130: r1 = r6
 131: r2 = r9
 132: call bpf_map_lookup_elem#1
 133: r7 = r0
 134: if r7 == 0x0 goto pc+5
 135: r9 = *(u64 *)(r7 +0)
 136: r1 = *(u64 *)(r10 -96)
 137: r9 += r1
 138: *(u64 *)(r7 +0) = r9
 139: goto pc+34
 140: *(u32 *)(r10 -64) = 0
 141: r9 = map[fs_losses] ll
 143: r7 = r10
 144: r7 += -64
 145: r1 = r9
 146: r2 = r7
 147: call bpf_map_lookup_elem#1
 148: r6 = r0
 149: if r6 == 0x0 goto pc+7
 150: r7 = *(u64 *)(r6 +16)
 151: r7 += 1
 152: *(u64 *)(r6 +16) = r7
 153: r7 = *(u64 *)(r6 +88)
 154: r1 = *(u64 *)(r10 -96)
 155: r7 += r1
 156: *(u64 *)(r6 +88) = r7
 157: r1 = *(u64 *)(r10 -88)
 158: if r1 != 0x0 goto pc+15
 159: *(u32 *)(r10 -72) = 0
 160: r7 = map[fs_losses] ll
 162: r6 = r10
 163: r6 += -72
 164: r1 = r7
 165: r2 = r6
 166: call bpf_map_lookup_elem#1
 167: r9 = r0
 168: if r9 == 0x0 goto pc+3
 169: r6 = *(u64 *)(r9 +120)
 170: r6 += 1
 171: *(u64 *)(r9 +120) = r6
 172: r0 = 1
 173: *(u64 *)(r10 -88) = r0
 174: r0 = 0
 175: exit

