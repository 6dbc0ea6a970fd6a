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
  59: if r8 == 0x0 goto pc+68
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
  73: r9 = 1
  74: *(u64 *)(r10 -48) = 0
  75: *(u64 *)(r10 -40) = 0
  76: r8 = r10
  77: r8 += -48
  78: r7 = 16
  79: r1 = *(u64 *)(r10 -72)
  80: r6 = r1
  81: r6 += 40
  82: r1 = r8
  83: r2 = r7
  84: r3 = r6
  85: call bpf_probe_read_kernel#113
  86: r6 = map[fs_0] ll
  88: r7 = r10
  89: r7 += -48
  90: r1 = r6
  91: r2 = r7
  92: call bpf_map_lookup_elem#1
  93: r8 = r0
  94: if r8 == 0x0 goto pc+4
  95: r7 = *(u64 *)(r8 +0)
  96: r7 += r9
  97: *(u64 *)(r8 +0) = r7
  98: goto pc+29
  99: *(u64 *)(r10 -56) = r9
 100: r7 = map[fs_0] ll
 102: r8 = r10
 103: r8 += -48
 104: r9 = r10
 105: r9 += -56
 106: r6 = 1
 107: r1 = r7
 108: r2 = r8
 109: r3 = r9
 110: r4 = r6
 111: call bpf_map_update_elem#2
 112: *(u64 *)(r10 -80) = r0
 113: r1 = *(u64 *)(r10 -80)
 114: if r1 == 0x0 goto pc+13
 115: *(u32 *)(r10 -64) = 0
 116: r6 = map[fs_losses] ll
 118: r9 = r10
 119: r9 += -64
 120: r1 = r6
 121: r2 = r9
 122: call bpf_map_lookup_elem#1
 123: r8 = r0
 124: if r8 == 0x0 goto pc+3
 125: r9 = *(u64 *)(r8 +16)
 126: r9 += 1
 127: *(u64 *)(r8 +16) = r9
 128: r0 = 0
 129: exit

