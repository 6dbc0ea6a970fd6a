// options: events
// A run that keeps each event's time (-o heat.html, --flamechart): every update of the map -o
// writes (the first flame-graph map, @) also reserves a record in the fs_events ring buffer
// (time, thread, name, weight, the sample's period, the key) and counts it with its weight
// when the buffer is full; @off's updates send none.
profile hz 99 < @[ustack] = count() >
offcpu min 1ms < @off[kstack] = sum(delta) >
;; offcpu: user stacks at switch-in (sched_exit_tp alone)

fs_0_profile (perf_event):
   0: *(u64 *)(r10 -128) = r1
;; profile hz 99 < @[ustack] = count() >
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
  16: *(u64 *)(r10 -136) = r0
;; @[ustack] = count()
  17: *(u64 *)(r10 -24) = 0
  18: *(u64 *)(r10 -16) = 0
  19: r0 = -12
  20: *(u64 *)(r10 -144) = r0
  21: *(u32 *)(r10 -32) = 0
  22: r1 = map[fs_scratch] ll
  24: r2 = r10
  25: r2 += -32
  26: call bpf_map_lookup_elem#1
  27: *(u64 *)(r10 -160) = r0
  28: if r0 == 0x0 goto pc+94
  29: r0 = 0xcbf29ce484222325 ll
  31: *(u64 *)(r10 -152) = r0
  32: call bpf_get_current_task_btf#158
  33: r4 = r0
  34: r1 = r4
  35: call bpf_task_pt_regs#175
  36: r3 = r0
  37: r4 = *(u64 *)(r3 +136)
  38: if r4 == 0x0 goto pc+48
  39: if r4 != 0x33 goto pc+50
  40: r4 = *(u64 *)(r3 +128)
  41: r7 = *(u64 *)(r3 +152)
  42: r8 = *(u64 *)(r3 +32)
  43: r1 = *(u64 *)(r10 -160)
  44: *(u64 *)(r1 +0) = r4
  45: r0 = *(u64 *)(r10 -152)
  46: r0 ^= r4
  47: *(u64 *)(r10 -152) = r0
  48: r1 = 0x100000001b3 ll
  50: r0 *= r1
  51: *(u64 *)(r10 -152) = r0
  52: r1 = *(u64 *)(r10 -160)
  53: r6 = r1
  54: r6 += 8
  55: r9 = 1
  56: *(u64 *)(r6 +0) = 0
  57: if r8 & 0x7 goto pc+28
  58: if r8 < r7 goto pc+27
  59: r2 = 0x7fffffffeff0 ll
  61: if r8 > r2 goto pc+24
  62: r3 = r8
  63: r1 = r10
  64: r1 += -48
  65: r2 = 16
  66: call bpf_probe_read_user#112
  67: r4 = r0
  68: if r4 != 0x0 goto pc+17
  69: r4 = *(u64 *)(r10 -40)
  70: if r4 == 0x0 goto pc+15
  71: r3 = *(u64 *)(r10 -48)
  72: *(u64 *)(r6 +0) = r4
  73: r0 = *(u64 *)(r10 -152)
  74: r0 ^= r4
  75: *(u64 *)(r10 -152) = r0
  76: r1 = 0x100000001b3 ll
  78: r0 *= r1
  79: *(u64 *)(r10 -152) = r0
  80: r6 += 8
  81: r7 = r8
  82: r7 += 16
  83: r8 = r3
  84: r9 += 1
  85: if r9 < 0x7f goto pc-30
  86: goto pc+32
  87: r0 = -14
  88: *(u64 *)(r10 -144) = r0
  89: goto pc+33
  90: r1 = *(u64 *)(r10 -128)
  91: r2 = *(u64 *)(r10 -160)
  92: r3 = 1016
  93: r4 = 256
  94: call bpf_get_stack#67
  95: r3 = r0
  96: r4 = r3
  97: *(u64 *)(r10 -144) = r4
  98: if r4 s< 0x0 goto pc+24
  99: r0 = -14
 100: *(u64 *)(r10 -144) = r0
 101: if r4 == 0x0 goto pc+21
 102: r3 = 0xcbf29ce484222325 ll
 104: r5 = r4
 105: r5 >>= 3
 106: r1 = *(u64 *)(r10 -160)
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
 118: *(u64 *)(r10 -152) = r3
 119: r0 = *(u64 *)(r10 -152)
 120: r0 >>= 1
 121: *(u64 *)(r10 -152) = r0
 122: *(u64 *)(r10 -144) = r0
 123: r2 = *(u64 *)(r10 -144)
 124: *(u64 *)(r10 -24) = r2
 125: call bpf_get_current_pid_tgid#14
 126: r8 = r0
 127: r4 = r8
 128: r4 >>= 32
 129: *(u64 *)(r10 -16) = r4
 130: r1 = map[fs_0] ll
 132: r2 = r10
 133: r2 += -24
 134: call bpf_map_lookup_elem#1
 135: r4 = r0
 136: if r4 == 0x0 goto pc+4
 137: r5 = *(u64 *)(r4 +0)
 138: r5 += 1
 139: *(u64 *)(r4 +0) = r5
 140: goto pc+95
 141: *(u32 *)(r10 -56) = 0
 142: r1 = map[fs_scratch] ll
 144: r2 = r10
 145: r2 += -56
 146: call bpf_map_lookup_elem#1
 147: r9 = r0
 148: if r9 == 0x0 goto pc+33
 149: r2 = *(u64 *)(r10 -144)
 150: *(u64 *)(r10 -64) = r2
 151: r1 = map[fs_stacks] ll
 153: r2 = r10
 154: r2 += -64
 155: call bpf_map_lookup_elem#1
 156: r5 = r0
 157: if r5 != 0x0 goto pc+24
 158: r3 = r9
 159: r1 = map[fs_stacks] ll
 161: r2 = r10
 162: r2 += -64
 163: r4 = 1
 164: call bpf_map_update_elem#2
 165: r5 = r0
 166: if r5 == 0x0 goto pc+15
 167: r4 = r5
 168: r4 <<= 32
 169: r4 s>>= 32
 170: if r4 == 0xffffffef goto pc+11
 171: *(u32 *)(r10 -72) = 0
 172: r1 = map[fs_losses] ll
 174: r2 = r10
 175: r2 += -72
 176: call bpf_map_lookup_elem#1
 177: r4 = r0
 178: if r4 == 0x0 goto pc+3
 179: r5 = *(u64 *)(r4 +96)
 180: r5 += 1
 181: *(u64 *)(r4 +96) = r5
 182: *(u64 *)(r10 -80) = 1
 183: r1 = map[fs_0] ll
 185: r2 = r10
 186: r2 += -24
 187: r3 = r10
 188: r3 += -80
 189: r4 = 1
 190: call bpf_map_update_elem#2
 191: r5 = r0
 192: if r5 == 0x0 goto pc+43
 193: r5 <<= 32
 194: r5 s>>= 32
 195: if r5 != 0xffffffef goto pc+11
 196: r1 = map[fs_0] ll
 198: r2 = r10
 199: r2 += -24
 200: call bpf_map_lookup_elem#1
 201: r5 = r0
 202: if r5 == 0x0 goto pc+4
 203: r4 = *(u64 *)(r5 +0)
 204: r4 += 1
 205: *(u64 *)(r5 +0) = r4
 206: goto pc+29
 207: *(u32 *)(r10 -88) = 0
 208: r1 = map[fs_losses] ll
 210: r2 = r10
 211: r2 += -88
 212: call bpf_map_lookup_elem#1
 213: r4 = r0
 214: if r4 == 0x0 goto pc+6
 215: r5 = *(u64 *)(r4 +16)
 216: r5 += 1
 217: *(u64 *)(r4 +16) = r5
 218: r5 = *(u64 *)(r4 +88)
 219: r5 += 1
 220: *(u64 *)(r4 +88) = r5
 221: r1 = *(u64 *)(r10 -136)
 222: if r1 != 0x0 goto pc+13
 223: *(u32 *)(r10 -96) = 0
 224: r1 = map[fs_losses] ll
 226: r2 = r10
 227: r2 += -96
 228: call bpf_map_lookup_elem#1
 229: r5 = r0
 230: if r5 == 0x0 goto pc+3
 231: r4 = *(u64 *)(r5 +120)
 232: r4 += 1
 233: *(u64 *)(r5 +120) = r4
 234: r0 = 1
 235: *(u64 *)(r10 -136) = r0
 236: r9 = r8
 237: r1 = r10
 238: r1 += -112
 239: r2 = 16
 240: call bpf_get_current_comm#16
 241: r1 = *(u64 *)(r10 -128)
 242: r8 = *(u64 *)(r1 +168)
 243: call bpf_ktime_get_ns#5
 244: r7 = r0
 245: r1 = map[fs_events] ll
 247: r2 = 72
 248: r3 = 0
 249: call bpf_ringbuf_reserve#131
 250: r4 = r0
 251: if r4 == 0x0 goto pc+19
 252: *(u64 *)(r4 +0) = r7
 253: *(u64 *)(r4 +8) = r9
 254: r5 = *(u64 *)(r10 -112)
 255: *(u64 *)(r4 +16) = r5
 256: r5 = *(u64 *)(r10 -104)
 257: *(u64 *)(r4 +24) = r5
 258: *(u64 *)(r4 +32) = 1
 259: *(u64 *)(r4 +40) = r8
 260: r2 = 0x1000000000 ll
 262: *(u64 *)(r4 +48) = r2
 263: r5 = *(u64 *)(r10 -24)
 264: *(u64 *)(r4 +56) = r5
 265: r5 = *(u64 *)(r10 -16)
 266: *(u64 *)(r4 +64) = r5
 267: r1 = r4
 268: r2 = 0
 269: call bpf_ringbuf_submit#132
 270: goto pc+14
 271: *(u32 *)(r10 -120) = 0
 272: r1 = map[fs_losses] ll
 274: r2 = r10
 275: r2 += -120
 276: call bpf_map_lookup_elem#1
 277: r5 = r0
 278: if r5 == 0x0 goto pc+6
 279: r4 = *(u64 *)(r5 +136)
 280: r4 += 1
 281: *(u64 *)(r5 +136) = r4
 282: r4 = *(u64 *)(r5 +144)
 283: r4 += 1
 284: *(u64 *)(r5 +144) = r4
 285: r1 = 0
 286: if r1 s>= 0x0 goto pc+11
 287: *(u32 *)(r10 -32) = 0
 288: r1 = map[fs_losses] ll
 290: r2 = r10
 291: r2 += -32
 292: call bpf_map_lookup_elem#1
 293: r4 = r0
 294: if r4 == 0x0 goto pc+3
 295: r5 = *(u64 *)(r4 +128)
 296: r5 += 1
 297: *(u64 *)(r4 +128) = r5
 298: r0 = 0
 299: exit

fs_1_offcpu (tp_btf/sched_exit_tp):
   0: *(u64 *)(r10 -120) = r1
;; offcpu min 1ms < @off[kstack] = sum(delta) >
   1: r3 = *(u8 *)(r1 +0)
   2: if r3 == 0x0 goto pc+412
   3: call bpf_get_current_task_btf#158
   4: r3 = r0
   5: r7 = *(u32 *)(r3 +1264)
   6: r0 = *(u64 *)(r3 +1008)
   7: *(u64 *)(r10 -144) = r0
   8: r4 = *(u64 *)(r3 +296)
   9: r3 = *(u64 *)(r4 +312)
  10: r0 = *(u64 *)(r3 +2776)
  11: *(u64 *)(r10 -136) = r0
  12: *(u32 *)(r10 -8) = 0
  13: r1 = map[fs_1_last] ll
  15: r2 = r10
  16: r2 += -8
  17: call bpf_map_lookup_elem#1
  18: r3 = r0
  19: if r3 == 0x0 goto pc+395
  20: r6 = *(u32 *)(r3 +0)
  21: *(u64 *)(r10 -128) = r7
  22: *(u32 *)(r3 +0) = r7
  23: if r6 == 0x0 goto pc+35
  24: r3 = r6
  25: r3 &= 32767
  26: *(u32 *)(r10 -8) = r3
  27: r1 = map[fs_1_spans] ll
  29: r2 = r10
  30: r2 += -8
  31: call bpf_map_lookup_elem#1
  32: r7 = r0
  33: if r7 == 0x0 goto pc+25
  34: r3 = *(u32 *)(r7 +24)
  35: if r3 == r6 goto pc+21
  36: r9 = *(u64 *)(r7 +8)
  37: r8 = *(u64 *)(r7 +16)
  38: if r8 == 0x0 goto pc+14
  39: *(u32 *)(r10 -16) = 0
  40: r1 = map[fs_losses] ll
  42: r2 = r10
  43: r2 += -16
  44: call bpf_map_lookup_elem#1
  45: r3 = r0
  46: if r3 == 0x0 goto pc+6
  47: r4 = *(u64 *)(r3 +64)
  48: r4 += r9
  49: *(u64 *)(r3 +64) = r4
  50: r4 = *(u64 *)(r3 +72)
  51: r4 += r8
  52: *(u64 *)(r3 +72) = r4
  53: *(u64 *)(r7 +0) = 0
  54: *(u64 *)(r7 +8) = 0
  55: *(u64 *)(r7 +16) = 0
  56: *(u32 *)(r7 +24) = r6
  57: r2 = *(u64 *)(r10 -136)
  58: *(u64 *)(r7 +0) = r2
  59: r1 = *(u64 *)(r10 -128)
  60: if r1 == 0x0 goto pc+354
  61: r4 = r1
  62: r4 &= 32767
  63: *(u32 *)(r10 -8) = r4
  64: r1 = map[fs_1_spans] ll
  66: r2 = r10
  67: r2 += -8
  68: call bpf_map_lookup_elem#1
  69: r7 = r0
  70: if r7 == 0x0 goto pc+344
  71: r1 = *(u64 *)(r10 -144)
  72: if r1 != 0x1 goto pc+27
  73: r4 = *(u32 *)(r7 +24)
  74: r2 = *(u64 *)(r10 -128)
  75: if r4 == r2 goto pc+22
  76: r8 = *(u64 *)(r7 +8)
  77: r6 = *(u64 *)(r7 +16)
  78: if r6 == 0x0 goto pc+14
  79: *(u32 *)(r10 -24) = 0
  80: r1 = map[fs_losses] ll
  82: r2 = r10
  83: r2 += -24
  84: call bpf_map_lookup_elem#1
  85: r4 = r0
  86: if r4 == 0x0 goto pc+6
  87: r3 = *(u64 *)(r4 +64)
  88: r3 += r8
  89: *(u64 *)(r4 +64) = r3
  90: r3 = *(u64 *)(r4 +72)
  91: r3 += r6
  92: *(u64 *)(r4 +72) = r3
  93: *(u64 *)(r7 +0) = 0
  94: *(u64 *)(r7 +8) = 0
  95: *(u64 *)(r7 +16) = 0
  96: r2 = *(u64 *)(r10 -128)
  97: *(u32 *)(r7 +24) = r2
  98: *(u64 *)(r7 +0) = 0
  99: goto pc+315
 100: r3 = *(u32 *)(r7 +24)
 101: r2 = *(u64 *)(r10 -128)
 102: if r3 != r2 goto pc+301
 103: r3 = *(u64 *)(r7 +0)
 104: if r3 == 0x0 goto pc+299
 105: *(u64 *)(r7 +0) = 0
 106: r1 = *(u64 *)(r10 -136)
 107: r6 = r1
 108: r6 -= r3
 109: if r1 >= r3 goto pc+15
 110: r4 = r3
 111: r4 -= r1
 112: if r4 <= 0x186a0 goto pc+11
 113: *(u32 *)(r10 -32) = 0
 114: r1 = map[fs_losses] ll
 116: r2 = r10
 117: r2 += -32
 118: call bpf_map_lookup_elem#1
 119: r4 = r0
 120: if r4 == 0x0 goto pc+3
 121: r3 = *(u64 *)(r4 +112)
 122: r3 += 1
 123: *(u64 *)(r4 +112) = r3
 124: r6 = 0
 125: if r6 >= 0xf4240 goto pc+16
 126: r3 = *(u64 *)(r7 +8)
 127: r3 += r6
 128: *(u64 *)(r7 +8) = r3
 129: r8 = *(u64 *)(r7 +16)
 130: if r8 != 0x0 goto pc+8
 131: call bpf_get_current_task_btf#158
 132: r3 = r0
 133: r4 = *(u32 *)(r3 +1268)
 134: *(u32 *)(r7 +28) = r4
 135: r4 = *(u64 *)(r3 +1752)
 136: *(u64 *)(r7 +48) = r4
 137: r4 = *(u64 *)(r3 +1760)
 138: *(u64 *)(r7 +56) = r4
 139: r8 += 1
 140: *(u64 *)(r7 +16) = r8
 141: goto pc+273
 142: *(u32 *)(r10 -40) = 0
 143: r1 = map[fs_losses] ll
 145: r2 = r10
 146: r2 += -40
 147: call bpf_map_lookup_elem#1
 148: r4 = r0
 149: if r4 == 0x0 goto pc+6
 150: r3 = *(u64 *)(r4 +0)
 151: r3 += 1
 152: *(u64 *)(r4 +0) = r3
 153: r3 = *(u64 *)(r4 +8)
 154: r3 += 1
 155: *(u64 *)(r4 +8) = r3
 156: *(u32 *)(r10 -8) = 0
 157: r1 = map[fs_1_last] ll
 159: r2 = r10
 160: r2 += -8
 161: call bpf_map_lookup_elem#1
 162: *(u64 *)(r10 -136) = r0
 163: if r0 == 0x0 goto pc+251
 164: call bpf_get_current_task_btf#158
 165: r3 = r0
 166: r4 = *(u32 *)(r3 +1268)
 167: r1 = *(u64 *)(r10 -136)
 168: *(u64 *)(r1 +8) = 0
 169: *(u64 *)(r1 +16) = 0
 170: *(u64 *)(r1 +24) = 0
 171: *(u64 *)(r1 +32) = 0
 172: *(u64 *)(r1 +40) = 0
 173: *(u64 *)(r1 +48) = 0
 174: *(u64 *)(r1 +56) = 0
 175: *(u64 *)(r1 +64) = 0
 176: *(u64 *)(r1 +8) = r6
 177: *(u32 *)(r1 +40) = r4
 178: r2 = *(u64 *)(r10 -128)
 179: *(u32 *)(r1 +44) = r2
 180: r4 = *(u64 *)(r3 +1752)
 181: *(u64 *)(r1 +48) = r4
 182: r4 = *(u64 *)(r3 +1760)
 183: *(u64 *)(r1 +56) = r4
 184: r0 = -12
 185: *(u64 *)(r10 -128) = r0
 186: *(u32 *)(r10 -48) = 2
 187: r1 = map[fs_scratch] ll
 189: r2 = r10
 190: r2 += -48
 191: call bpf_map_lookup_elem#1
 192: r7 = r0
 193: if r7 == 0x0 goto pc+64
 194: r9 = 0xcbf29ce484222325 ll
 196: r2 = r7
 197: r1 = *(u64 *)(r10 -120)
 198: r3 = 1016
 199: r4 = 0
 200: call bpf_get_stack#67
 201: r4 = r0
 202: r3 = r4
 203: *(u64 *)(r10 -128) = r3
 204: if r3 s< 0x0 goto pc+53
 205: r0 = -14
 206: *(u64 *)(r10 -128) = r0
 207: if r3 == 0x0 goto pc+50
 208: r4 = 0xcbf29ce484222325 ll
 210: r5 = r3
 211: r5 >>= 3
 212: r3 = r7
 213: r8 = 0
 214: if r8 >= r5 goto pc+8
 215: r6 = *(u64 *)(r3 +0)
 216: r4 ^= r6
 217: r1 = 0x100000001b3 ll
 219: r4 *= r1
 220: r3 += 8
 221: r8 += 1
 222: if r8 < 0x7f goto pc-9
 223: r9 = r4
 224: r9 >>= 1
 225: *(u64 *)(r10 -128) = r9
 226: *(u64 *)(r10 -56) = r9
 227: r1 = map[fs_stacks] ll
 229: r2 = r10
 230: r2 += -56
 231: call bpf_map_lookup_elem#1
 232: r3 = r0
 233: if r3 != 0x0 goto pc+24
 234: r3 = r7
 235: r1 = map[fs_stacks] ll
 237: r2 = r10
 238: r2 += -56
 239: r4 = 1
 240: call bpf_map_update_elem#2
 241: r3 = r0
 242: if r3 == 0x0 goto pc+15
 243: r5 = r3
 244: r5 <<= 32
 245: r5 s>>= 32
 246: if r5 == 0xffffffef goto pc+11
 247: *(u32 *)(r10 -64) = 0
 248: r1 = map[fs_losses] ll
 250: r2 = r10
 251: r2 += -64
 252: call bpf_map_lookup_elem#1
 253: r5 = r0
 254: if r5 == 0x0 goto pc+3
 255: r3 = *(u64 *)(r5 +96)
 256: r3 += 1
 257: *(u64 *)(r5 +96) = r3
 258: r1 = *(u64 *)(r10 -136)
 259: r2 = *(u64 *)(r10 -128)
 260: *(u64 *)(r1 +16) = r2
 261: r0 = -12
 262: *(u64 *)(r10 -128) = r0
 263: *(u32 *)(r10 -72) = 0
 264: r1 = map[fs_scratch] ll
 266: r2 = r10
 267: r2 += -72
 268: call bpf_map_lookup_elem#1
 269: *(u64 *)(r10 -144) = r0
 270: if r0 == 0x0 goto pc+126
 271: r0 = 0xcbf29ce484222325 ll
 273: *(u64 *)(r10 -152) = r0
 274: call bpf_get_current_task_btf#158
 275: r3 = r0
 276: r1 = r3
 277: call bpf_task_pt_regs#175
 278: r5 = r0
 279: r3 = *(u64 *)(r5 +136)
 280: if r3 == 0x0 goto pc+48
 281: if r3 != 0x33 goto pc+50
 282: r3 = *(u64 *)(r5 +128)
 283: r8 = *(u64 *)(r5 +152)
 284: r7 = *(u64 *)(r5 +32)
 285: r1 = *(u64 *)(r10 -144)
 286: *(u64 *)(r1 +0) = r3
 287: r0 = *(u64 *)(r10 -152)
 288: r0 ^= r3
 289: *(u64 *)(r10 -152) = r0
 290: r1 = 0x100000001b3 ll
 292: r0 *= r1
 293: *(u64 *)(r10 -152) = r0
 294: r1 = *(u64 *)(r10 -144)
 295: r9 = r1
 296: r9 += 8
 297: r6 = 1
 298: *(u64 *)(r9 +0) = 0
 299: if r7 & 0x7 goto pc+28
 300: if r7 < r8 goto pc+27
 301: r2 = 0x7fffffffeff0 ll
 303: if r7 > r2 goto pc+24
 304: r3 = r7
 305: r1 = r10
 306: r1 += -88
 307: r2 = 16
 308: call bpf_probe_read_user#112
 309: r3 = r0
 310: if r3 != 0x0 goto pc+17
 311: r3 = *(u64 *)(r10 -80)
 312: if r3 == 0x0 goto pc+15
 313: r5 = *(u64 *)(r10 -88)
 314: *(u64 *)(r9 +0) = r3
 315: r0 = *(u64 *)(r10 -152)
 316: r0 ^= r3
 317: *(u64 *)(r10 -152) = r0
 318: r1 = 0x100000001b3 ll
 320: r0 *= r1
 321: *(u64 *)(r10 -152) = r0
 322: r9 += 8
 323: r8 = r7
 324: r8 += 16
 325: r7 = r5
 326: r6 += 1
 327: if r6 < 0x7f goto pc-30
 328: goto pc+32
 329: r0 = -14
 330: *(u64 *)(r10 -128) = r0
 331: goto pc+65
 332: r1 = *(u64 *)(r10 -120)
 333: r2 = *(u64 *)(r10 -144)
 334: r3 = 1016
 335: r4 = 256
 336: call bpf_get_stack#67
 337: r5 = r0
 338: r3 = r5
 339: *(u64 *)(r10 -128) = r3
 340: if r3 s< 0x0 goto pc+56
 341: r0 = -14
 342: *(u64 *)(r10 -128) = r0
 343: if r3 == 0x0 goto pc+53
 344: r5 = 0xcbf29ce484222325 ll
 346: r4 = r3
 347: r4 >>= 3
 348: r1 = *(u64 *)(r10 -144)
 349: r3 = r1
 350: r8 = 0
 351: if r8 >= r4 goto pc+8
 352: r6 = *(u64 *)(r3 +0)
 353: r5 ^= r6
 354: r1 = 0x100000001b3 ll
 356: r5 *= r1
 357: r3 += 8
 358: r8 += 1
 359: if r8 < 0x7f goto pc-9
 360: *(u64 *)(r10 -152) = r5
 361: r0 = *(u64 *)(r10 -152)
 362: r0 >>= 1
 363: *(u64 *)(r10 -152) = r0
 364: *(u64 *)(r10 -128) = r0
 365: *(u64 *)(r10 -96) = r0
 366: r1 = map[fs_stacks] ll
 368: r2 = r10
 369: r2 += -96
 370: call bpf_map_lookup_elem#1
 371: r3 = r0
 372: if r3 != 0x0 goto pc+24
 373: r1 = map[fs_stacks] ll
 375: r2 = r10
 376: r2 += -96
 377: r3 = *(u64 *)(r10 -144)
 378: r4 = 1
 379: call bpf_map_update_elem#2
 380: r3 = r0
 381: if r3 == 0x0 goto pc+15
 382: r4 = r3
 383: r4 <<= 32
 384: r4 s>>= 32
 385: if r4 == 0xffffffef goto pc+11
 386: *(u32 *)(r10 -104) = 0
 387: r1 = map[fs_losses] ll
 389: r2 = r10
 390: r2 += -104
 391: call bpf_map_lookup_elem#1
 392: r4 = r0
 393: if r4 == 0x0 goto pc+3
 394: r3 = *(u64 *)(r4 +96)
 395: r3 += 1
 396: *(u64 *)(r4 +96) = r3
 397: r1 = *(u64 *)(r10 -136)
 398: r3 = r1
 399: r3 += 8
 400: r1 = r3
 401: r2 = *(u64 *)(r10 -128)
 402: call pc+14
 403: goto pc+11
 404: *(u32 *)(r10 -112) = 0
 405: r1 = map[fs_losses] ll
 407: r2 = r10
 408: r2 += -112
 409: call bpf_map_lookup_elem#1
 410: r3 = r0
 411: if r3 == 0x0 goto pc+3
 412: r4 = *(u64 *)(r3 +24)
 413: r4 += 1
 414: *(u64 *)(r3 +24) = r4
 415: r0 = 0
 416: exit
 417: r6 = r1
 418: r3 = r2
 419: r7 = 0
 420: r8 = 0
;; @off[kstack] = sum(delta)
 421: r9 = *(u64 *)(r6 +0)
 422: *(u64 *)(r10 -8) = 0
 423: r3 = *(u64 *)(r6 +8)
 424: *(u64 *)(r10 -8) = r3
 425: r1 = map[fs_1_off] ll
 427: r2 = r10
 428: r2 += -8
 429: call bpf_map_lookup_elem#1
 430: r3 = r0
 431: if r3 == 0x0 goto pc+13
 432: r4 = *(u64 *)(r3 +0)
 433: r5 = r4
 434: r5 += r9
 435: r4 ^= r5
 436: r6 = r9
 437: r6 ^= r5
 438: r6 &= r4
 439: r8 |= r6
 440: r6 s>>= 63
 441: r4 &= r6
 442: r5 ^= r4
 443: *(u64 *)(r3 +0) = r5
 444: goto pc+61
 445: *(u64 *)(r10 -16) = r9
 446: r1 = map[fs_1_off] ll
 448: r2 = r10
 449: r2 += -8
 450: r3 = r10
 451: r3 += -16
 452: r4 = 1
 453: call bpf_map_update_elem#2
 454: r5 = r0
 455: if r5 == 0x0 goto pc+50
 456: r5 <<= 32
 457: r5 s>>= 32
 458: if r5 != 0xffffffef goto pc+20
 459: r1 = map[fs_1_off] ll
 461: r2 = r10
 462: r2 += -8
 463: call bpf_map_lookup_elem#1
 464: r5 = r0
 465: if r5 == 0x0 goto pc+13
 466: r4 = *(u64 *)(r5 +0)
 467: r3 = r4
 468: r3 += r9
 469: r4 ^= r3
 470: r6 = r9
 471: r6 ^= r3
 472: r6 &= r4
 473: r8 |= r6
 474: r6 s>>= 63
 475: r4 &= r6
 476: r3 ^= r4
 477: *(u64 *)(r5 +0) = r3
 478: goto pc+27
 479: *(u32 *)(r10 -24) = 0
 480: r1 = map[fs_losses] ll
 482: r2 = r10
 483: r2 += -24
 484: call bpf_map_lookup_elem#1
 485: r3 = r0
 486: if r3 == 0x0 goto pc+6
 487: r4 = *(u64 *)(r3 +16)
 488: r4 += 1
 489: *(u64 *)(r3 +16) = r4
 490: r4 = *(u64 *)(r3 +88)
 491: r4 += r9
 492: *(u64 *)(r3 +88) = r4
 493: if r7 != 0x0 goto pc+12
 494: *(u32 *)(r10 -32) = 0
 495: r1 = map[fs_losses] ll
 497: r2 = r10
 498: r2 += -32
 499: call bpf_map_lookup_elem#1
 500: r4 = r0
 501: if r4 == 0x0 goto pc+3
 502: r3 = *(u64 *)(r4 +120)
 503: r3 += 1
 504: *(u64 *)(r4 +120) = r3
 505: r7 = 1
 506: if r8 s>= 0x0 goto pc+11
 507: *(u32 *)(r10 -8) = 0
 508: r1 = map[fs_losses] ll
 510: r2 = r10
 511: r2 += -8
 512: call bpf_map_lookup_elem#1
 513: r3 = r0
 514: if r3 == 0x0 goto pc+3
 515: r4 = *(u64 *)(r3 +128)
 516: r4 += 1
 517: *(u64 *)(r3 +128) = r4
 518: r0 = 0
 519: exit

