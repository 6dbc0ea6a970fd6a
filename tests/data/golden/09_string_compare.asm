tracepoint:sched:sched_switch /args.prev_comm == "swapper/0" || args.prev_pid == 0/ < @[args.next_comm] = count() >
fs_0_tracepoint (tracepoint/sched/sched_switch):
   0: *(u64 *)(r10 -72) = r1
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
  20: r1 = *(u64 *)(r10 -72)
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
  50: r1 = *(u64 *)(r10 -72)
  51: r9 = *(u32 *)(r1 +24)
  52: r9 <<= 32
  53: r9 s>>= 32
  54: r7 = 1
  55: if r9 == 0x0 goto pc+1
  56: r7 = 0
  57: if r7 != 0x0 goto pc+1
  58: r8 = 0
  59: if r8 == 0x0 goto pc+95
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
;; @[args.next_comm] = count()
  73: r0 = 1
  74: *(u64 *)(r10 -80) = r0
  75: *(u64 *)(r10 -48) = 0
  76: *(u64 *)(r10 -40) = 0
  77: r8 = r10
  78: r8 += -48
  79: r7 = 16
  80: r1 = *(u64 *)(r10 -72)
  81: r6 = r1
  82: r6 += 40
  83: r1 = r8
  84: r2 = r7
  85: r3 = r6
  86: call bpf_probe_read_kernel#113
  87: r6 = map[fs_0] ll
  89: r7 = r10
  90: r7 += -48
  91: r1 = r6
  92: r2 = r7
  93: call bpf_map_lookup_elem#1
  94: r8 = r0
  95: if r8 == 0x0 goto pc+5
  96: r7 = *(u64 *)(r8 +0)
  97: r1 = *(u64 *)(r10 -80)
  98: r7 += r1
  99: *(u64 *)(r8 +0) = r7
 100: goto pc+54
 101: r2 = *(u64 *)(r10 -80)
 102: *(u64 *)(r10 -56) = r2
 103: r7 = map[fs_0] ll
 105: r8 = r10
 106: r8 += -48
 107: r6 = r10
 108: r6 += -56
 109: r9 = 1
 110: r1 = r7
 111: r2 = r8
 112: r3 = r6
 113: r4 = r9
 114: call bpf_map_update_elem#2
 115: *(u64 *)(r10 -72) = r0
 116: r1 = *(u64 *)(r10 -72)
 117: if r1 == 0x0 goto pc+37
 118: r0 <<= 32
 119: *(u64 *)(r10 -72) = r0
 120: r0 s>>= 32
 121: *(u64 *)(r10 -72) = r0
 122: r1 = *(u64 *)(r10 -72)
 123: if r1 != 0xffffffef goto pc+14
 124: r6 = map[fs_0] ll
 126: r8 = r10
 127: r8 += -48
 128: r1 = r6
 129: r2 = r8
 130: call bpf_map_lookup_elem#1
 131: r7 = r0
 132: if r7 == 0x0 goto pc+5
 133: r8 = *(u64 *)(r7 +0)
 134: r1 = *(u64 *)(r10 -80)
 135: r8 += r1
 136: *(u64 *)(r7 +0) = r8
 137: goto pc+17
 138: *(u32 *)(r10 -64) = 0
 139: r8 = map[fs_losses] ll
 141: r7 = r10
 142: r7 += -64
 143: r1 = r8
 144: r2 = r7
 145: call bpf_map_lookup_elem#1
 146: r6 = r0
 147: if r6 == 0x0 goto pc+7
 148: r7 = *(u64 *)(r6 +16)
 149: r7 += 1
 150: *(u64 *)(r6 +16) = r7
 151: r7 = *(u64 *)(r6 +88)
 152: r1 = *(u64 *)(r10 -80)
 153: r7 += r1
 154: *(u64 *)(r6 +88) = r7
 155: r0 = 0
 156: exit

