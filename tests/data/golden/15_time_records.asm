// options: events
// A run that keeps each event's time (-o heat.html, --flamechart): every update of the map -o
// writes (the first flame-graph map, @) also reserves a record in the fs_events ring buffer
// (time, thread, name, weight, the sample's period, the key) and counts it with its weight
// when the buffer is full; @off's updates send none.
profile hz 99 < @[ustack] = count() >
offcpu min 1ms < @off[kstack] = sum(delta) >
;; offcpu: user stacks at switch-in (sched_exit_tp alone)

fs_0_profile (perf_event):
   0: *(u64 *)(r10 -112) = r1
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
  16: *(u64 *)(r10 -120) = r0
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
  28: r6 = 0xcbf29ce484222325 ll
  30: r2 = r9
  31: r1 = *(u64 *)(r10 -112)
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
  47: r7 = *(u64 *)(r4 +0)
  48: r3 ^= r7
  49: r1 = 0x100000001b3 ll
  51: r3 *= r1
  52: r4 += 8
  53: r9 += 1
  54: if r9 < 0x7f goto pc-9
  55: r6 = r3
  56: r6 >>= 1
  57: r8 = r6
  58: *(u64 *)(r10 -24) = r8
  59: call bpf_get_current_pid_tgid#14
  60: r9 = r0
  61: r4 = r9
  62: r4 >>= 32
  63: *(u64 *)(r10 -16) = r4
  64: r1 = map[fs_0] ll
  66: r2 = r10
  67: r2 += -24
  68: call bpf_map_lookup_elem#1
  69: r4 = r0
  70: if r4 == 0x0 goto pc+4
  71: r5 = *(u64 *)(r4 +0)
  72: r5 += 1
  73: *(u64 *)(r4 +0) = r5
  74: goto pc+94
  75: *(u32 *)(r10 -40) = 0
  76: r1 = map[fs_scratch] ll
  78: r2 = r10
  79: r2 += -40
  80: call bpf_map_lookup_elem#1
  81: r7 = r0
  82: if r7 == 0x0 goto pc+32
  83: *(u64 *)(r10 -48) = r8
  84: r1 = map[fs_stacks] ll
  86: r2 = r10
  87: r2 += -48
  88: call bpf_map_lookup_elem#1
  89: r5 = r0
  90: if r5 != 0x0 goto pc+24
  91: r3 = r7
  92: r1 = map[fs_stacks] ll
  94: r2 = r10
  95: r2 += -48
  96: r4 = 1
  97: call bpf_map_update_elem#2
  98: r5 = r0
  99: if r5 == 0x0 goto pc+15
 100: r4 = r5
 101: r4 <<= 32
 102: r4 s>>= 32
 103: if r4 == 0xffffffef goto pc+11
 104: *(u32 *)(r10 -56) = 0
 105: r1 = map[fs_losses] ll
 107: r2 = r10
 108: r2 += -56
 109: call bpf_map_lookup_elem#1
 110: r4 = r0
 111: if r4 == 0x0 goto pc+3
 112: r5 = *(u64 *)(r4 +96)
 113: r5 += 1
 114: *(u64 *)(r4 +96) = r5
 115: *(u64 *)(r10 -64) = 1
 116: r1 = map[fs_0] ll
 118: r2 = r10
 119: r2 += -24
 120: r3 = r10
 121: r3 += -64
 122: r4 = 1
 123: call bpf_map_update_elem#2
 124: r5 = r0
 125: if r5 == 0x0 goto pc+43
 126: r5 <<= 32
 127: r5 s>>= 32
 128: if r5 != 0xffffffef goto pc+11
 129: r1 = map[fs_0] ll
 131: r2 = r10
 132: r2 += -24
 133: call bpf_map_lookup_elem#1
 134: r5 = r0
 135: if r5 == 0x0 goto pc+4
 136: r4 = *(u64 *)(r5 +0)
 137: r4 += 1
 138: *(u64 *)(r5 +0) = r4
 139: goto pc+29
 140: *(u32 *)(r10 -72) = 0
 141: r1 = map[fs_losses] ll
 143: r2 = r10
 144: r2 += -72
 145: call bpf_map_lookup_elem#1
 146: r4 = r0
 147: if r4 == 0x0 goto pc+6
 148: r5 = *(u64 *)(r4 +16)
 149: r5 += 1
 150: *(u64 *)(r4 +16) = r5
 151: r5 = *(u64 *)(r4 +88)
 152: r5 += 1
 153: *(u64 *)(r4 +88) = r5
 154: r1 = *(u64 *)(r10 -120)
 155: if r1 != 0x0 goto pc+13
 156: *(u32 *)(r10 -80) = 0
 157: r1 = map[fs_losses] ll
 159: r2 = r10
 160: r2 += -80
 161: call bpf_map_lookup_elem#1
 162: r5 = r0
 163: if r5 == 0x0 goto pc+3
 164: r4 = *(u64 *)(r5 +120)
 165: r4 += 1
 166: *(u64 *)(r5 +120) = r4
 167: r0 = 1
 168: *(u64 *)(r10 -120) = r0
 169: r7 = r9
 170: r1 = r10
 171: r1 += -96
 172: r2 = 16
 173: call bpf_get_current_comm#16
 174: r1 = *(u64 *)(r10 -112)
 175: r9 = *(u64 *)(r1 +168)
 176: call bpf_ktime_get_ns#5
 177: r8 = r0
 178: r1 = map[fs_events] ll
 180: r2 = 72
 181: r3 = 0
 182: call bpf_ringbuf_reserve#131
 183: r4 = r0
 184: if r4 == 0x0 goto pc+19
 185: *(u64 *)(r4 +0) = r8
 186: *(u64 *)(r4 +8) = r7
 187: r5 = *(u64 *)(r10 -96)
 188: *(u64 *)(r4 +16) = r5
 189: r5 = *(u64 *)(r10 -88)
 190: *(u64 *)(r4 +24) = r5
 191: *(u64 *)(r4 +32) = 1
 192: *(u64 *)(r4 +40) = r9
 193: r2 = 0x1000000000 ll
 195: *(u64 *)(r4 +48) = r2
 196: r5 = *(u64 *)(r10 -24)
 197: *(u64 *)(r4 +56) = r5
 198: r5 = *(u64 *)(r10 -16)
 199: *(u64 *)(r4 +64) = r5
 200: r1 = r4
 201: r2 = 0
 202: call bpf_ringbuf_submit#132
 203: goto pc+14
 204: *(u32 *)(r10 -104) = 0
 205: r1 = map[fs_losses] ll
 207: r2 = r10
 208: r2 += -104
 209: call bpf_map_lookup_elem#1
 210: r5 = r0
 211: if r5 == 0x0 goto pc+6
 212: r4 = *(u64 *)(r5 +136)
 213: r4 += 1
 214: *(u64 *)(r5 +136) = r4
 215: r4 = *(u64 *)(r5 +144)
 216: r4 += 1
 217: *(u64 *)(r5 +144) = r4
 218: r1 = 0
 219: if r1 s>= 0x0 goto pc+11
 220: *(u32 *)(r10 -32) = 0
 221: r1 = map[fs_losses] ll
 223: r2 = r10
 224: r2 += -32
 225: call bpf_map_lookup_elem#1
 226: r4 = r0
 227: if r4 == 0x0 goto pc+3
 228: r5 = *(u64 *)(r4 +128)
 229: r5 += 1
 230: *(u64 *)(r4 +128) = r5
 231: r0 = 0
 232: exit

fs_1_offcpu (tp_btf/sched_exit_tp):
   0: *(u64 *)(r10 -104) = r1
;; offcpu min 1ms < @off[kstack] = sum(delta) >
   1: r3 = *(u8 *)(r1 +0)
   2: if r3 == 0x0 goto pc+348
   3: call bpf_get_current_task_btf#158
   4: r3 = r0
   5: r7 = *(u32 *)(r3 +1264)
   6: r0 = *(u64 *)(r3 +1008)
   7: *(u64 *)(r10 -128) = r0
   8: r4 = *(u64 *)(r3 +296)
   9: r3 = *(u64 *)(r4 +312)
  10: r0 = *(u64 *)(r3 +2776)
  11: *(u64 *)(r10 -120) = r0
  12: *(u32 *)(r10 -8) = 0
  13: r1 = map[fs_1_last] ll
  15: r2 = r10
  16: r2 += -8
  17: call bpf_map_lookup_elem#1
  18: r3 = r0
  19: if r3 == 0x0 goto pc+331
  20: r6 = *(u32 *)(r3 +0)
  21: *(u64 *)(r10 -112) = r7
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
  57: r2 = *(u64 *)(r10 -120)
  58: *(u64 *)(r7 +0) = r2
  59: r1 = *(u64 *)(r10 -112)
  60: if r1 == 0x0 goto pc+290
  61: r4 = r1
  62: r4 &= 32767
  63: *(u32 *)(r10 -8) = r4
  64: r1 = map[fs_1_spans] ll
  66: r2 = r10
  67: r2 += -8
  68: call bpf_map_lookup_elem#1
  69: r7 = r0
  70: if r7 == 0x0 goto pc+280
  71: r1 = *(u64 *)(r10 -128)
  72: if r1 != 0x1 goto pc+27
  73: r4 = *(u32 *)(r7 +24)
  74: r2 = *(u64 *)(r10 -112)
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
  96: r2 = *(u64 *)(r10 -112)
  97: *(u32 *)(r7 +24) = r2
  98: *(u64 *)(r7 +0) = 0
  99: goto pc+251
 100: r3 = *(u32 *)(r7 +24)
 101: r2 = *(u64 *)(r10 -112)
 102: if r3 != r2 goto pc+237
 103: r3 = *(u64 *)(r7 +0)
 104: if r3 == 0x0 goto pc+235
 105: *(u64 *)(r7 +0) = 0
 106: r1 = *(u64 *)(r10 -120)
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
 141: goto pc+209
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
 162: *(u64 *)(r10 -120) = r0
 163: if r0 == 0x0 goto pc+187
 164: call bpf_get_current_task_btf#158
 165: r3 = r0
 166: r4 = *(u32 *)(r3 +1268)
 167: r1 = *(u64 *)(r10 -120)
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
 178: r2 = *(u64 *)(r10 -112)
 179: *(u32 *)(r1 +44) = r2
 180: r4 = *(u64 *)(r3 +1752)
 181: *(u64 *)(r1 +48) = r4
 182: r4 = *(u64 *)(r3 +1760)
 183: *(u64 *)(r1 +56) = r4
 184: r0 = -12
 185: *(u64 *)(r10 -112) = r0
 186: *(u32 *)(r10 -48) = 2
 187: r1 = map[fs_scratch] ll
 189: r2 = r10
 190: r2 += -48
 191: call bpf_map_lookup_elem#1
 192: r7 = r0
 193: if r7 == 0x0 goto pc+63
 194: r9 = 0xcbf29ce484222325 ll
 196: r2 = r7
 197: r1 = *(u64 *)(r10 -104)
 198: r3 = 1016
 199: r4 = 0
 200: call bpf_get_stack#67
 201: r4 = r0
 202: *(u64 *)(r10 -112) = r4
 203: if r4 s< 0x0 goto pc+53
 204: r0 = -14
 205: *(u64 *)(r10 -112) = r0
 206: if r4 == 0x0 goto pc+50
 207: r3 = 0xcbf29ce484222325 ll
 209: r5 = r4
 210: r5 >>= 3
 211: r4 = r7
 212: r8 = 0
 213: if r8 >= r5 goto pc+8
 214: r6 = *(u64 *)(r4 +0)
 215: r3 ^= r6
 216: r1 = 0x100000001b3 ll
 218: r3 *= r1
 219: r4 += 8
 220: r8 += 1
 221: if r8 < 0x7f goto pc-9
 222: r9 = r3
 223: r9 >>= 1
 224: *(u64 *)(r10 -112) = r9
 225: *(u64 *)(r10 -56) = r9
 226: r1 = map[fs_stacks] ll
 228: r2 = r10
 229: r2 += -56
 230: call bpf_map_lookup_elem#1
 231: r4 = r0
 232: if r4 != 0x0 goto pc+24
 233: r3 = r7
 234: r1 = map[fs_stacks] ll
 236: r2 = r10
 237: r2 += -56
 238: r4 = 1
 239: call bpf_map_update_elem#2
 240: r4 = r0
 241: if r4 == 0x0 goto pc+15
 242: r5 = r4
 243: r5 <<= 32
 244: r5 s>>= 32
 245: if r5 == 0xffffffef goto pc+11
 246: *(u32 *)(r10 -64) = 0
 247: r1 = map[fs_losses] ll
 249: r2 = r10
 250: r2 += -64
 251: call bpf_map_lookup_elem#1
 252: r5 = r0
 253: if r5 == 0x0 goto pc+3
 254: r4 = *(u64 *)(r5 +96)
 255: r4 += 1
 256: *(u64 *)(r5 +96) = r4
 257: r1 = *(u64 *)(r10 -120)
 258: r2 = *(u64 *)(r10 -112)
 259: *(u64 *)(r1 +16) = r2
 260: r0 = -12
 261: *(u64 *)(r10 -112) = r0
 262: *(u32 *)(r10 -72) = 0
 263: r1 = map[fs_scratch] ll
 265: r2 = r10
 266: r2 += -72
 267: call bpf_map_lookup_elem#1
 268: r9 = r0
 269: if r9 == 0x0 goto pc+63
 270: r6 = 0xcbf29ce484222325 ll
 272: r2 = r9
 273: r1 = *(u64 *)(r10 -104)
 274: r3 = 1016
 275: r4 = 256
 276: call bpf_get_stack#67
 277: r4 = r0
 278: *(u64 *)(r10 -112) = r4
 279: if r4 s< 0x0 goto pc+53
 280: r0 = -14
 281: *(u64 *)(r10 -112) = r0
 282: if r4 == 0x0 goto pc+50
 283: r5 = 0xcbf29ce484222325 ll
 285: r3 = r4
 286: r3 >>= 3
 287: r4 = r9
 288: r8 = 0
 289: if r8 >= r3 goto pc+8
 290: r7 = *(u64 *)(r4 +0)
 291: r5 ^= r7
 292: r1 = 0x100000001b3 ll
 294: r5 *= r1
 295: r4 += 8
 296: r8 += 1
 297: if r8 < 0x7f goto pc-9
 298: r6 = r5
 299: r6 >>= 1
 300: *(u64 *)(r10 -112) = r6
 301: *(u64 *)(r10 -80) = r6
 302: r1 = map[fs_stacks] ll
 304: r2 = r10
 305: r2 += -80
 306: call bpf_map_lookup_elem#1
 307: r4 = r0
 308: if r4 != 0x0 goto pc+24
 309: r3 = r9
 310: r1 = map[fs_stacks] ll
 312: r2 = r10
 313: r2 += -80
 314: r4 = 1
 315: call bpf_map_update_elem#2
 316: r4 = r0
 317: if r4 == 0x0 goto pc+15
 318: r3 = r4
 319: r3 <<= 32
 320: r3 s>>= 32
 321: if r3 == 0xffffffef goto pc+11
 322: *(u32 *)(r10 -88) = 0
 323: r1 = map[fs_losses] ll
 325: r2 = r10
 326: r2 += -88
 327: call bpf_map_lookup_elem#1
 328: r3 = r0
 329: if r3 == 0x0 goto pc+3
 330: r4 = *(u64 *)(r3 +96)
 331: r4 += 1
 332: *(u64 *)(r3 +96) = r4
 333: r1 = *(u64 *)(r10 -120)
 334: r4 = r1
 335: r4 += 8
 336: r1 = r4
 337: r2 = *(u64 *)(r10 -112)
 338: call pc+14
 339: goto pc+11
 340: *(u32 *)(r10 -96) = 0
 341: r1 = map[fs_losses] ll
 343: r2 = r10
 344: r2 += -96
 345: call bpf_map_lookup_elem#1
 346: r4 = r0
 347: if r4 == 0x0 goto pc+3
 348: r3 = *(u64 *)(r4 +24)
 349: r3 += 1
 350: *(u64 *)(r4 +24) = r3
 351: r0 = 0
 352: exit
 353: r6 = r1
 354: r3 = r2
 355: r7 = 0
 356: r8 = 0
;; @off[kstack] = sum(delta)
 357: r9 = *(u64 *)(r6 +0)
 358: *(u64 *)(r10 -8) = 0
 359: r3 = *(u64 *)(r6 +8)
 360: *(u64 *)(r10 -8) = r3
 361: r1 = map[fs_1_off] ll
 363: r2 = r10
 364: r2 += -8
 365: call bpf_map_lookup_elem#1
 366: r3 = r0
 367: if r3 == 0x0 goto pc+13
 368: r4 = *(u64 *)(r3 +0)
 369: r5 = r4
 370: r5 += r9
 371: r4 ^= r5
 372: r6 = r9
 373: r6 ^= r5
 374: r6 &= r4
 375: r8 |= r6
 376: r6 s>>= 63
 377: r4 &= r6
 378: r5 ^= r4
 379: *(u64 *)(r3 +0) = r5
 380: goto pc+61
 381: *(u64 *)(r10 -16) = r9
 382: r1 = map[fs_1_off] ll
 384: r2 = r10
 385: r2 += -8
 386: r3 = r10
 387: r3 += -16
 388: r4 = 1
 389: call bpf_map_update_elem#2
 390: r5 = r0
 391: if r5 == 0x0 goto pc+50
 392: r5 <<= 32
 393: r5 s>>= 32
 394: if r5 != 0xffffffef goto pc+20
 395: r1 = map[fs_1_off] ll
 397: r2 = r10
 398: r2 += -8
 399: call bpf_map_lookup_elem#1
 400: r5 = r0
 401: if r5 == 0x0 goto pc+13
 402: r4 = *(u64 *)(r5 +0)
 403: r3 = r4
 404: r3 += r9
 405: r4 ^= r3
 406: r6 = r9
 407: r6 ^= r3
 408: r6 &= r4
 409: r8 |= r6
 410: r6 s>>= 63
 411: r4 &= r6
 412: r3 ^= r4
 413: *(u64 *)(r5 +0) = r3
 414: goto pc+27
 415: *(u32 *)(r10 -24) = 0
 416: r1 = map[fs_losses] ll
 418: r2 = r10
 419: r2 += -24
 420: call bpf_map_lookup_elem#1
 421: r3 = r0
 422: if r3 == 0x0 goto pc+6
 423: r4 = *(u64 *)(r3 +16)
 424: r4 += 1
 425: *(u64 *)(r3 +16) = r4
 426: r4 = *(u64 *)(r3 +88)
 427: r4 += r9
 428: *(u64 *)(r3 +88) = r4
 429: if r7 != 0x0 goto pc+12
 430: *(u32 *)(r10 -32) = 0
 431: r1 = map[fs_losses] ll
 433: r2 = r10
 434: r2 += -32
 435: call bpf_map_lookup_elem#1
 436: r4 = r0
 437: if r4 == 0x0 goto pc+3
 438: r3 = *(u64 *)(r4 +120)
 439: r3 += 1
 440: *(u64 *)(r4 +120) = r3
 441: r7 = 1
 442: if r8 s>= 0x0 goto pc+11
 443: *(u32 *)(r10 -8) = 0
 444: r1 = map[fs_losses] ll
 446: r2 = r10
 447: r2 += -8
 448: call bpf_map_lookup_elem#1
 449: r3 = r0
 450: if r3 == 0x0 goto pc+3
 451: r4 = *(u64 *)(r3 +128)
 452: r4 += 1
 453: *(u64 *)(r3 +128) = r4
 454: r0 = 0
 455: exit

