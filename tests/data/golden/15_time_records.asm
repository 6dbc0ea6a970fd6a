// options: events
// A run that keeps each event's time (-o heat.html, --flamechart): every update of the map -o
// writes (the first flame-graph map, @) also reserves a record in the fs_events ring buffer
// (time, thread, name, weight, the sample's period, the key) and counts it with its weight
// when the buffer is full; @off's updates send none.
profile hz 99 < @[ustack] = count() >
offcpu min 1ms < @off[kstack] = sum(delta) >
;; offcpu: user stacks at switch-in (sched_exit_tp alone)

fs_0_profile (perf_event):
   0: *(u64 *)(r10 -120) = r1
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
  16: *(u64 *)(r10 -128) = r0
;; @[ustack] = count()
  17: *(u64 *)(r10 -24) = 0
  18: *(u64 *)(r10 -16) = 0
  19: r0 = -12
  20: *(u64 *)(r10 -136) = r0
  21: *(u32 *)(r10 -32) = 0
  22: r1 = map[fs_scratch] ll
  24: r2 = r10
  25: r2 += -32
  26: call bpf_map_lookup_elem#1
  27: *(u64 *)(r10 -152) = r0
  28: if r0 == 0x0 goto pc+140
  29: r0 = 0xcbf29ce484222325 ll
  31: *(u64 *)(r10 -144) = r0
  32: *(u32 *)(r10 -40) = 3
  33: r1 = map[fs_scratch] ll
  35: r2 = r10
  36: r2 += -40
  37: call bpf_map_lookup_elem#1
  38: r7 = r0
  39: if r7 == 0x0 goto pc+96
  40: call bpf_get_current_task_btf#158
  41: r4 = r0
  42: r1 = r4
  43: call bpf_task_pt_regs#175
  44: r3 = r0
  45: r4 = *(u64 *)(r3 +136)
  46: if r4 == 0x0 goto pc+86
  47: if r4 != 0x33 goto pc+88
  48: r4 = *(u64 *)(r3 +128)
  49: r8 = *(u64 *)(r3 +152)
  50: r6 = *(u64 *)(r3 +32)
  51: r1 = *(u64 *)(r10 -152)
  52: *(u64 *)(r1 +0) = r4
  53: r0 = *(u64 *)(r10 -144)
  54: r0 ^= r4
  55: *(u64 *)(r10 -144) = r0
  56: r1 = 0x100000001b3 ll
  58: r0 *= r1
  59: *(u64 *)(r10 -144) = r0
  60: r1 = *(u64 *)(r10 -152)
  61: *(u64 *)(r10 -184) = r1
  62: r0 = r1
  63: r0 += 8
  64: *(u64 *)(r10 -184) = r0
  65: r0 = 0
  66: *(u64 *)(r10 -160) = r0
  67: r0 = 0
  68: *(u64 *)(r10 -168) = r0
  69: r0 = 1
  70: *(u64 *)(r10 -176) = r0
  71: r1 = *(u64 *)(r10 -184)
  72: *(u64 *)(r1 +0) = 0
  73: if r6 & 0x7 goto pc+58
  74: if r6 < r8 goto pc+57
  75: r2 = 0x7fffffffeff0 ll
  77: if r6 > r2 goto pc+54
  78: r2 = *(u64 *)(r10 -168)
  79: if r6 <= r2 goto pc+22
  80: *(u64 *)(r7 +1008) = r6
  81: r9 = *(u64 *)(r7 +1008)
  82: r9 &= 4095
  83: r9 = -r9
  84: r9 += 4096
  85: if r9 <= 0x200 goto pc+1
  86: r9 = 512
  87: if r9 >= 0x10 goto pc+1
  88: r9 = 16
  89: r1 = r7
  90: r2 = r9
  91: r3 = r6
  92: call bpf_probe_read_user#112
  93: r4 = r0
  94: if r4 != 0x0 goto pc+37
  95: *(u64 *)(r10 -160) = r6
  96: *(u64 *)(r10 -168) = r6
  97: r0 = r6
  98: r0 += r9
  99: *(u64 *)(r10 -168) = r0
 100: r0 -= 16
 101: *(u64 *)(r10 -168) = r0
 102: r4 = r6
 103: r1 = *(u64 *)(r10 -160)
 104: r4 -= r1
 105: *(u64 *)(r7 +1008) = r4
 106: r4 = *(u64 *)(r7 +1008)
 107: r4 &= 504
 108: r3 = r7
 109: r3 += r4
 110: r4 = *(u64 *)(r3 +8)
 111: if r4 == 0x0 goto pc+20
 112: r5 = *(u64 *)(r3 +0)
 113: r1 = *(u64 *)(r10 -184)
 114: *(u64 *)(r1 +0) = r4
 115: r0 = *(u64 *)(r10 -144)
 116: r0 ^= r4
 117: *(u64 *)(r10 -144) = r0
 118: r1 = 0x100000001b3 ll
 120: r0 *= r1
 121: *(u64 *)(r10 -144) = r0
 122: r0 = *(u64 *)(r10 -184)
 123: r0 += 8
 124: *(u64 *)(r10 -184) = r0
 125: r8 = r6
 126: r8 += 16
 127: r6 = r5
 128: r0 = *(u64 *)(r10 -176)
 129: r0 += 1
 130: *(u64 *)(r10 -176) = r0
 131: if r0 < 0x7f goto pc-61
 132: goto pc+32
 133: r0 = -14
 134: *(u64 *)(r10 -136) = r0
 135: goto pc+33
 136: r1 = *(u64 *)(r10 -120)
 137: r2 = *(u64 *)(r10 -152)
 138: r3 = 1016
 139: r4 = 256
 140: call bpf_get_stack#67
 141: r5 = r0
 142: r4 = r5
 143: *(u64 *)(r10 -136) = r4
 144: if r4 s< 0x0 goto pc+24
 145: r0 = -14
 146: *(u64 *)(r10 -136) = r0
 147: if r4 == 0x0 goto pc+21
 148: r5 = 0xcbf29ce484222325 ll
 150: r3 = r4
 151: r3 >>= 3
 152: r1 = *(u64 *)(r10 -152)
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
 164: *(u64 *)(r10 -144) = r5
 165: r0 = *(u64 *)(r10 -144)
 166: r0 >>= 1
 167: *(u64 *)(r10 -144) = r0
 168: *(u64 *)(r10 -136) = r0
 169: r2 = *(u64 *)(r10 -136)
 170: *(u64 *)(r10 -24) = r2
 171: call bpf_get_current_pid_tgid#14
 172: r7 = r0
 173: r4 = r7
 174: r4 >>= 32
 175: *(u64 *)(r10 -16) = r4
 176: r1 = map[fs_0] ll
 178: r2 = r10
 179: r2 += -24
 180: call bpf_map_lookup_elem#1
 181: r4 = r0
 182: if r4 == 0x0 goto pc+4
 183: r3 = *(u64 *)(r4 +0)
 184: r3 += 1
 185: *(u64 *)(r4 +0) = r3
 186: goto pc+95
 187: *(u32 *)(r10 -48) = 0
 188: r1 = map[fs_scratch] ll
 190: r2 = r10
 191: r2 += -48
 192: call bpf_map_lookup_elem#1
 193: r8 = r0
 194: if r8 == 0x0 goto pc+33
 195: r2 = *(u64 *)(r10 -136)
 196: *(u64 *)(r10 -56) = r2
 197: r1 = map[fs_stacks] ll
 199: r2 = r10
 200: r2 += -56
 201: call bpf_map_lookup_elem#1
 202: r3 = r0
 203: if r3 != 0x0 goto pc+24
 204: r3 = r8
 205: r1 = map[fs_stacks] ll
 207: r2 = r10
 208: r2 += -56
 209: r4 = 1
 210: call bpf_map_update_elem#2
 211: r3 = r0
 212: if r3 == 0x0 goto pc+15
 213: r4 = r3
 214: r4 <<= 32
 215: r4 s>>= 32
 216: if r4 == 0xffffffef goto pc+11
 217: *(u32 *)(r10 -64) = 0
 218: r1 = map[fs_losses] ll
 220: r2 = r10
 221: r2 += -64
 222: call bpf_map_lookup_elem#1
 223: r4 = r0
 224: if r4 == 0x0 goto pc+3
 225: r3 = *(u64 *)(r4 +96)
 226: r3 += 1
 227: *(u64 *)(r4 +96) = r3
 228: *(u64 *)(r10 -72) = 1
 229: r1 = map[fs_0] ll
 231: r2 = r10
 232: r2 += -24
 233: r3 = r10
 234: r3 += -72
 235: r4 = 1
 236: call bpf_map_update_elem#2
 237: r3 = r0
 238: if r3 == 0x0 goto pc+43
 239: r3 <<= 32
 240: r3 s>>= 32
 241: if r3 != 0xffffffef goto pc+11
 242: r1 = map[fs_0] ll
 244: r2 = r10
 245: r2 += -24
 246: call bpf_map_lookup_elem#1
 247: r3 = r0
 248: if r3 == 0x0 goto pc+4
 249: r4 = *(u64 *)(r3 +0)
 250: r4 += 1
 251: *(u64 *)(r3 +0) = r4
 252: goto pc+29
 253: *(u32 *)(r10 -80) = 0
 254: r1 = map[fs_losses] ll
 256: r2 = r10
 257: r2 += -80
 258: call bpf_map_lookup_elem#1
 259: r4 = r0
 260: if r4 == 0x0 goto pc+6
 261: r3 = *(u64 *)(r4 +16)
 262: r3 += 1
 263: *(u64 *)(r4 +16) = r3
 264: r3 = *(u64 *)(r4 +88)
 265: r3 += 1
 266: *(u64 *)(r4 +88) = r3
 267: r1 = *(u64 *)(r10 -128)
 268: if r1 != 0x0 goto pc+13
 269: *(u32 *)(r10 -88) = 0
 270: r1 = map[fs_losses] ll
 272: r2 = r10
 273: r2 += -88
 274: call bpf_map_lookup_elem#1
 275: r3 = r0
 276: if r3 == 0x0 goto pc+3
 277: r4 = *(u64 *)(r3 +120)
 278: r4 += 1
 279: *(u64 *)(r3 +120) = r4
 280: r0 = 1
 281: *(u64 *)(r10 -128) = r0
 282: r8 = r7
 283: r1 = r10
 284: r1 += -104
 285: r2 = 16
 286: call bpf_get_current_comm#16
 287: r1 = *(u64 *)(r10 -120)
 288: r7 = *(u64 *)(r1 +168)
 289: call bpf_ktime_get_ns#5
 290: r6 = r0
 291: r1 = map[fs_events] ll
 293: r2 = 72
 294: r3 = 0
 295: call bpf_ringbuf_reserve#131
 296: r4 = r0
 297: if r4 == 0x0 goto pc+19
 298: *(u64 *)(r4 +0) = r6
 299: *(u64 *)(r4 +8) = r8
 300: r3 = *(u64 *)(r10 -104)
 301: *(u64 *)(r4 +16) = r3
 302: r3 = *(u64 *)(r10 -96)
 303: *(u64 *)(r4 +24) = r3
 304: *(u64 *)(r4 +32) = 1
 305: *(u64 *)(r4 +40) = r7
 306: r2 = 0x1000000000 ll
 308: *(u64 *)(r4 +48) = r2
 309: r3 = *(u64 *)(r10 -24)
 310: *(u64 *)(r4 +56) = r3
 311: r3 = *(u64 *)(r10 -16)
 312: *(u64 *)(r4 +64) = r3
 313: r1 = r4
 314: r2 = 0
 315: call bpf_ringbuf_submit#132
 316: goto pc+14
 317: *(u32 *)(r10 -112) = 0
 318: r1 = map[fs_losses] ll
 320: r2 = r10
 321: r2 += -112
 322: call bpf_map_lookup_elem#1
 323: r3 = r0
 324: if r3 == 0x0 goto pc+6
 325: r4 = *(u64 *)(r3 +136)
 326: r4 += 1
 327: *(u64 *)(r3 +136) = r4
 328: r4 = *(u64 *)(r3 +144)
 329: r4 += 1
 330: *(u64 *)(r3 +144) = r4
 331: r1 = 0
 332: if r1 s>= 0x0 goto pc+11
 333: *(u32 *)(r10 -32) = 0
 334: r1 = map[fs_losses] ll
 336: r2 = r10
 337: r2 += -32
 338: call bpf_map_lookup_elem#1
 339: r4 = r0
 340: if r4 == 0x0 goto pc+3
 341: r3 = *(u64 *)(r4 +128)
 342: r3 += 1
 343: *(u64 *)(r4 +128) = r3
 344: r0 = 0
 345: exit

fs_1_offcpu (tp_btf/sched_exit_tp):
   0: *(u64 *)(r10 -112) = r1
;; offcpu min 1ms < @off[kstack] = sum(delta) >
   1: r3 = *(u8 *)(r1 +0)
   2: if r3 == 0x0 goto pc+454
   3: call bpf_get_current_task_btf#158
   4: r3 = r0
   5: r7 = *(u32 *)(r3 +1264)
   6: r0 = *(u64 *)(r3 +1008)
   7: *(u64 *)(r10 -136) = r0
   8: r4 = *(u64 *)(r3 +296)
   9: r3 = *(u64 *)(r4 +312)
  10: r0 = *(u64 *)(r3 +2776)
  11: *(u64 *)(r10 -128) = r0
  12: *(u32 *)(r10 -8) = 0
  13: r1 = map[fs_1_last] ll
  15: r2 = r10
  16: r2 += -8
  17: call bpf_map_lookup_elem#1
  18: r3 = r0
  19: if r3 == 0x0 goto pc+437
  20: r6 = *(u32 *)(r3 +0)
  21: *(u64 *)(r10 -120) = r7
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
  57: r2 = *(u64 *)(r10 -128)
  58: *(u64 *)(r7 +0) = r2
  59: r1 = *(u64 *)(r10 -120)
  60: if r1 == 0x0 goto pc+396
  61: r4 = r1
  62: r4 &= 32767
  63: *(u32 *)(r10 -8) = r4
  64: r1 = map[fs_1_spans] ll
  66: r2 = r10
  67: r2 += -8
  68: call bpf_map_lookup_elem#1
  69: r7 = r0
  70: if r7 == 0x0 goto pc+386
  71: r1 = *(u64 *)(r10 -136)
  72: if r1 != 0x1 goto pc+27
  73: r4 = *(u32 *)(r7 +24)
  74: r2 = *(u64 *)(r10 -120)
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
  96: r2 = *(u64 *)(r10 -120)
  97: *(u32 *)(r7 +24) = r2
  98: *(u64 *)(r7 +0) = 0
  99: goto pc+357
 100: r3 = *(u32 *)(r7 +24)
 101: r2 = *(u64 *)(r10 -120)
 102: if r3 != r2 goto pc+343
 103: r3 = *(u64 *)(r7 +0)
 104: if r3 == 0x0 goto pc+341
 105: *(u64 *)(r7 +0) = 0
 106: r1 = *(u64 *)(r10 -128)
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
 141: goto pc+315
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
 162: *(u64 *)(r10 -128) = r0
 163: if r0 == 0x0 goto pc+293
 164: call bpf_get_current_task_btf#158
 165: r3 = r0
 166: r4 = *(u32 *)(r3 +1268)
 167: r1 = *(u64 *)(r10 -128)
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
 178: r2 = *(u64 *)(r10 -120)
 179: *(u32 *)(r1 +44) = r2
 180: r4 = *(u64 *)(r3 +1752)
 181: *(u64 *)(r1 +48) = r4
 182: r4 = *(u64 *)(r3 +1760)
 183: *(u64 *)(r1 +56) = r4
 184: r0 = -12
 185: *(u64 *)(r10 -120) = r0
 186: *(u32 *)(r10 -48) = 2
 187: r1 = map[fs_scratch] ll
 189: r2 = r10
 190: r2 += -48
 191: call bpf_map_lookup_elem#1
 192: r7 = r0
 193: if r7 == 0x0 goto pc+64
 194: r9 = 0xcbf29ce484222325 ll
 196: r2 = r7
 197: r1 = *(u64 *)(r10 -112)
 198: r3 = 1016
 199: r4 = 0
 200: call bpf_get_stack#67
 201: r4 = r0
 202: r3 = r4
 203: *(u64 *)(r10 -120) = r3
 204: if r3 s< 0x0 goto pc+53
 205: r0 = -14
 206: *(u64 *)(r10 -120) = r0
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
 225: *(u64 *)(r10 -120) = r9
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
 258: r1 = *(u64 *)(r10 -128)
 259: r2 = *(u64 *)(r10 -120)
 260: *(u64 *)(r1 +16) = r2
 261: r0 = -12
 262: *(u64 *)(r10 -120) = r0
 263: *(u32 *)(r10 -72) = 0
 264: r1 = map[fs_scratch] ll
 266: r2 = r10
 267: r2 += -72
 268: call bpf_map_lookup_elem#1
 269: *(u64 *)(r10 -136) = r0
 270: if r0 == 0x0 goto pc+168
 271: r0 = 0xcbf29ce484222325 ll
 273: *(u64 *)(r10 -144) = r0
 274: *(u32 *)(r10 -80) = 3
 275: r1 = map[fs_scratch] ll
 277: r2 = r10
 278: r2 += -80
 279: call bpf_map_lookup_elem#1
 280: *(u64 *)(r10 -176) = r0
 281: if r0 == 0x0 goto pc+92
 282: call bpf_get_current_task_btf#158
 283: r3 = r0
 284: r1 = r3
 285: call bpf_task_pt_regs#175
 286: r5 = r0
 287: r3 = *(u64 *)(r5 +136)
 288: if r3 == 0x0 goto pc+82
 289: if r3 != 0x33 goto pc+84
 290: r3 = *(u64 *)(r5 +128)
 291: r7 = *(u64 *)(r5 +152)
 292: r9 = *(u64 *)(r5 +32)
 293: r1 = *(u64 *)(r10 -136)
 294: *(u64 *)(r1 +0) = r3
 295: r0 = *(u64 *)(r10 -144)
 296: r0 ^= r3
 297: *(u64 *)(r10 -144) = r0
 298: r1 = 0x100000001b3 ll
 300: r0 *= r1
 301: *(u64 *)(r10 -144) = r0
 302: r1 = *(u64 *)(r10 -136)
 303: r6 = r1
 304: r6 += 8
 305: r0 = 0
 306: *(u64 *)(r10 -152) = r0
 307: r0 = 0
 308: *(u64 *)(r10 -160) = r0
 309: r0 = 1
 310: *(u64 *)(r10 -168) = r0
 311: *(u64 *)(r6 +0) = 0
 312: if r9 & 0x7 goto pc+57
 313: if r9 < r7 goto pc+56
 314: r2 = 0x7fffffffeff0 ll
 316: if r9 > r2 goto pc+53
 317: r2 = *(u64 *)(r10 -160)
 318: if r9 <= r2 goto pc+23
 319: r1 = *(u64 *)(r10 -176)
 320: *(u64 *)(r1 +1008) = r9
 321: r8 = *(u64 *)(r1 +1008)
 322: r8 &= 4095
 323: r8 = -r8
 324: r8 += 4096
 325: if r8 <= 0x200 goto pc+1
 326: r8 = 512
 327: if r8 >= 0x10 goto pc+1
 328: r8 = 16
 329: r2 = r8
 330: r3 = r9
 331: r1 = *(u64 *)(r10 -176)
 332: call bpf_probe_read_user#112
 333: r3 = r0
 334: if r3 != 0x0 goto pc+35
 335: *(u64 *)(r10 -152) = r9
 336: *(u64 *)(r10 -160) = r9
 337: r0 = r9
 338: r0 += r8
 339: *(u64 *)(r10 -160) = r0
 340: r0 -= 16
 341: *(u64 *)(r10 -160) = r0
 342: r3 = r9
 343: r1 = *(u64 *)(r10 -152)
 344: r3 -= r1
 345: r1 = *(u64 *)(r10 -176)
 346: *(u64 *)(r1 +1008) = r3
 347: r3 = *(u64 *)(r1 +1008)
 348: r3 &= 504
 349: r5 = r1
 350: r5 += r3
 351: r3 = *(u64 *)(r5 +8)
 352: if r3 == 0x0 goto pc+17
 353: r4 = *(u64 *)(r5 +0)
 354: *(u64 *)(r6 +0) = r3
 355: r0 = *(u64 *)(r10 -144)
 356: r0 ^= r3
 357: *(u64 *)(r10 -144) = r0
 358: r1 = 0x100000001b3 ll
 360: r0 *= r1
 361: *(u64 *)(r10 -144) = r0
 362: r6 += 8
 363: r7 = r9
 364: r7 += 16
 365: r9 = r4
 366: r0 = *(u64 *)(r10 -168)
 367: r0 += 1
 368: *(u64 *)(r10 -168) = r0
 369: if r0 < 0x7f goto pc-59
 370: goto pc+32
 371: r0 = -14
 372: *(u64 *)(r10 -120) = r0
 373: goto pc+65
 374: r1 = *(u64 *)(r10 -112)
 375: r2 = *(u64 *)(r10 -136)
 376: r3 = 1016
 377: r4 = 256
 378: call bpf_get_stack#67
 379: r4 = r0
 380: r3 = r4
 381: *(u64 *)(r10 -120) = r3
 382: if r3 s< 0x0 goto pc+56
 383: r0 = -14
 384: *(u64 *)(r10 -120) = r0
 385: if r3 == 0x0 goto pc+53
 386: r4 = 0xcbf29ce484222325 ll
 388: r5 = r3
 389: r5 >>= 3
 390: r1 = *(u64 *)(r10 -136)
 391: r3 = r1
 392: r6 = 0
 393: if r6 >= r5 goto pc+8
 394: r9 = *(u64 *)(r3 +0)
 395: r4 ^= r9
 396: r1 = 0x100000001b3 ll
 398: r4 *= r1
 399: r3 += 8
 400: r6 += 1
 401: if r6 < 0x7f goto pc-9
 402: *(u64 *)(r10 -144) = r4
 403: r0 = *(u64 *)(r10 -144)
 404: r0 >>= 1
 405: *(u64 *)(r10 -144) = r0
 406: *(u64 *)(r10 -120) = r0
 407: *(u64 *)(r10 -88) = r0
 408: r1 = map[fs_stacks] ll
 410: r2 = r10
 411: r2 += -88
 412: call bpf_map_lookup_elem#1
 413: r3 = r0
 414: if r3 != 0x0 goto pc+24
 415: r1 = map[fs_stacks] ll
 417: r2 = r10
 418: r2 += -88
 419: r3 = *(u64 *)(r10 -136)
 420: r4 = 1
 421: call bpf_map_update_elem#2
 422: r3 = r0
 423: if r3 == 0x0 goto pc+15
 424: r5 = r3
 425: r5 <<= 32
 426: r5 s>>= 32
 427: if r5 == 0xffffffef goto pc+11
 428: *(u32 *)(r10 -96) = 0
 429: r1 = map[fs_losses] ll
 431: r2 = r10
 432: r2 += -96
 433: call bpf_map_lookup_elem#1
 434: r5 = r0
 435: if r5 == 0x0 goto pc+3
 436: r3 = *(u64 *)(r5 +96)
 437: r3 += 1
 438: *(u64 *)(r5 +96) = r3
 439: r1 = *(u64 *)(r10 -128)
 440: r3 = r1
 441: r3 += 8
 442: r1 = r3
 443: r2 = *(u64 *)(r10 -120)
 444: call pc+14
 445: goto pc+11
 446: *(u32 *)(r10 -104) = 0
 447: r1 = map[fs_losses] ll
 449: r2 = r10
 450: r2 += -104
 451: call bpf_map_lookup_elem#1
 452: r3 = r0
 453: if r3 == 0x0 goto pc+3
 454: r5 = *(u64 *)(r3 +24)
 455: r5 += 1
 456: *(u64 *)(r3 +24) = r5
 457: r0 = 0
 458: exit
 459: r6 = r1
 460: r3 = r2
 461: r7 = 0
 462: r8 = 0
;; @off[kstack] = sum(delta)
 463: r9 = *(u64 *)(r6 +0)
 464: *(u64 *)(r10 -8) = 0
 465: r3 = *(u64 *)(r6 +8)
 466: *(u64 *)(r10 -8) = r3
 467: r1 = map[fs_1_off] ll
 469: r2 = r10
 470: r2 += -8
 471: call bpf_map_lookup_elem#1
 472: r3 = r0
 473: if r3 == 0x0 goto pc+13
 474: r4 = *(u64 *)(r3 +0)
 475: r5 = r4
 476: r5 += r9
 477: r4 ^= r5
 478: r6 = r9
 479: r6 ^= r5
 480: r6 &= r4
 481: r8 |= r6
 482: r6 s>>= 63
 483: r4 &= r6
 484: r5 ^= r4
 485: *(u64 *)(r3 +0) = r5
 486: goto pc+61
 487: *(u64 *)(r10 -16) = r9
 488: r1 = map[fs_1_off] ll
 490: r2 = r10
 491: r2 += -8
 492: r3 = r10
 493: r3 += -16
 494: r4 = 1
 495: call bpf_map_update_elem#2
 496: r5 = r0
 497: if r5 == 0x0 goto pc+50
 498: r5 <<= 32
 499: r5 s>>= 32
 500: if r5 != 0xffffffef goto pc+20
 501: r1 = map[fs_1_off] ll
 503: r2 = r10
 504: r2 += -8
 505: call bpf_map_lookup_elem#1
 506: r5 = r0
 507: if r5 == 0x0 goto pc+13
 508: r4 = *(u64 *)(r5 +0)
 509: r3 = r4
 510: r3 += r9
 511: r4 ^= r3
 512: r6 = r9
 513: r6 ^= r3
 514: r6 &= r4
 515: r8 |= r6
 516: r6 s>>= 63
 517: r4 &= r6
 518: r3 ^= r4
 519: *(u64 *)(r5 +0) = r3
 520: goto pc+27
 521: *(u32 *)(r10 -24) = 0
 522: r1 = map[fs_losses] ll
 524: r2 = r10
 525: r2 += -24
 526: call bpf_map_lookup_elem#1
 527: r3 = r0
 528: if r3 == 0x0 goto pc+6
 529: r4 = *(u64 *)(r3 +16)
 530: r4 += 1
 531: *(u64 *)(r3 +16) = r4
 532: r4 = *(u64 *)(r3 +88)
 533: r4 += r9
 534: *(u64 *)(r3 +88) = r4
 535: if r7 != 0x0 goto pc+12
 536: *(u32 *)(r10 -32) = 0
 537: r1 = map[fs_losses] ll
 539: r2 = r10
 540: r2 += -32
 541: call bpf_map_lookup_elem#1
 542: r4 = r0
 543: if r4 == 0x0 goto pc+3
 544: r3 = *(u64 *)(r4 +120)
 545: r3 += 1
 546: *(u64 *)(r4 +120) = r3
 547: r7 = 1
 548: if r8 s>= 0x0 goto pc+11
 549: *(u32 *)(r10 -8) = 0
 550: r1 = map[fs_losses] ll
 552: r2 = r10
 553: r2 += -8
 554: call bpf_map_lookup_elem#1
 555: r3 = r0
 556: if r3 == 0x0 goto pc+3
 557: r4 = *(u64 *)(r3 +128)
 558: r4 += 1
 559: *(u64 *)(r3 +128) = r4
 560: r0 = 0
 561: exit

