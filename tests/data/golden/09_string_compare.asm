tracepoint:sched:sched_switch /args.prev_comm == "swapper/0" || args.prev_pid == 0/ < @[args.next_comm] = count() >
fs_0_tracepoint (tracepoint/sched/sched_switch):
   0: r6 = r1
;; tracepoint:sched:sched_switch /args.prev_comm == "swapper/0"…
   1: *(u32 *)(r10 -8) = 0
   2: r1 = map[fs_losses] ll
   4: r2 = r10
   5: r2 += -8
   6: call bpf_map_lookup_elem#1
   7: r3 = r0
   8: if r3 == 0x0 goto pc+3
   9: r4 = *(u64 *)(r3 +0)
  10: r4 += 1
  11: *(u64 *)(r3 +0) = r4
;; args.prev_comm == "swapper/0" || args.prev_pid == 0
  12: r7 = 1
  13: *(u64 *)(r10 -24) = 0
  14: *(u64 *)(r10 -16) = 0
  15: r4 = r6
  16: r4 += 8
  17: r3 = r4
  18: r1 = r10
  19: r1 += -24
  20: r2 = 16
  21: call bpf_probe_read_kernel#113
  22: r4 = 0
  23: r3 = *(u8 *)(r10 -24)
  24: if r3 != 0x73 goto pc+19
  25: r3 = *(u8 *)(r10 -23)
  26: if r3 != 0x77 goto pc+17
  27: r3 = *(u8 *)(r10 -22)
  28: if r3 != 0x61 goto pc+15
  29: r3 = *(u8 *)(r10 -21)
  30: if r3 != 0x70 goto pc+13
  31: r3 = *(u8 *)(r10 -20)
  32: if r3 != 0x70 goto pc+11
  33: r3 = *(u8 *)(r10 -19)
  34: if r3 != 0x65 goto pc+9
  35: r3 = *(u8 *)(r10 -18)
  36: if r3 != 0x72 goto pc+7
  37: r3 = *(u8 *)(r10 -17)
  38: if r3 != 0x2f goto pc+5
  39: r3 = *(u8 *)(r10 -16)
  40: if r3 != 0x30 goto pc+3
  41: r3 = *(u8 *)(r10 -15)
  42: if r3 != 0x0 goto pc+1
  43: r4 = 1
  44: if r4 != 0x0 goto pc+8
  45: r3 = *(u32 *)(r6 +24)
  46: r3 <<= 32
  47: r3 s>>= 32
  48: r4 = 1
  49: if r3 == 0x0 goto pc+1
  50: r4 = 0
  51: if r4 != 0x0 goto pc+1
  52: r7 = 0
  53: if r7 == 0x0 goto pc+83
  54: *(u32 *)(r10 -32) = 0
  55: r1 = map[fs_losses] ll
  57: r2 = r10
  58: r2 += -32
  59: call bpf_map_lookup_elem#1
  60: r4 = r0
  61: if r4 == 0x0 goto pc+3
  62: r3 = *(u64 *)(r4 +8)
  63: r3 += 1
  64: *(u64 *)(r4 +8) = r3
  65: r7 = 0
;; @[args.next_comm] = count()
  66: *(u64 *)(r10 -48) = 0
  67: *(u64 *)(r10 -40) = 0
  68: r3 = r6
  69: r3 += 40
  70: r1 = r10
  71: r1 += -48
  72: r2 = 16
  73: call bpf_probe_read_kernel#113
  74: r1 = map[fs_0] ll
  76: r2 = r10
  77: r2 += -48
  78: call bpf_map_lookup_elem#1
  79: r3 = r0
  80: if r3 == 0x0 goto pc+4
  81: r4 = *(u64 *)(r3 +0)
  82: r4 += 1
  83: *(u64 *)(r3 +0) = r4
  84: goto pc+52
  85: *(u64 *)(r10 -56) = 1
  86: r1 = map[fs_0] ll
  88: r2 = r10
  89: r2 += -48
  90: r3 = r10
  91: r3 += -56
  92: r4 = 1
  93: call bpf_map_update_elem#2
  94: r4 = r0
  95: if r4 == 0x0 goto pc+41
  96: r4 <<= 32
  97: r4 s>>= 32
  98: if r4 != 0xffffffef goto pc+11
  99: r1 = map[fs_0] ll
 101: r2 = r10
 102: r2 += -48
 103: call bpf_map_lookup_elem#1
 104: r4 = r0
 105: if r4 == 0x0 goto pc+4
 106: r3 = *(u64 *)(r4 +0)
 107: r3 += 1
 108: *(u64 *)(r4 +0) = r3
 109: goto pc+27
 110: *(u32 *)(r10 -64) = 0
 111: r1 = map[fs_losses] ll
 113: r2 = r10
 114: r2 += -64
 115: call bpf_map_lookup_elem#1
 116: r3 = r0
 117: if r3 == 0x0 goto pc+6
 118: r4 = *(u64 *)(r3 +16)
 119: r4 += 1
 120: *(u64 *)(r3 +16) = r4
 121: r4 = *(u64 *)(r3 +88)
 122: r4 += 1
 123: *(u64 *)(r3 +88) = r4
 124: if r7 != 0x0 goto pc+12
 125: *(u32 *)(r10 -72) = 0
 126: r1 = map[fs_losses] ll
 128: r2 = r10
 129: r2 += -72
 130: call bpf_map_lookup_elem#1
 131: r4 = r0
 132: if r4 == 0x0 goto pc+3
 133: r3 = *(u64 *)(r4 +120)
 134: r3 += 1
 135: *(u64 *)(r4 +120) = r3
 136: r7 = 1
 137: r0 = 0
 138: exit

