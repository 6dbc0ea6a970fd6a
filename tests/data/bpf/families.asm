   0: r0 = 1
   1: r1 = -1
   2: r2 = r1
   3: r2 += 5
   4: r2 -= r1
   5: r2 *= 3
   6: r2 /= r1
   7: r2 |= 16
   8: r2 &= r1
   9: r2 <<= 2
  10: r2 >>= r1
  11: r2 %= 7
  12: r2 ^= r1
  13: r2 s>>= 1
  14: r4 = -r4
  15: w3 = 7
  16: w3 += w4
  17: w3 s>>= w4
  18: w4 = -w4
  19: r5 = be16 r5
  20: r5 = le64 r5
  21: if r1 == 0x0 goto pc+1
  22: if r1 != r2 goto pc+1
  23: if r1 > 0xffffffff goto pc+1
  24: if r1 >= r2 goto pc-2
  25: if r1 < 0x5 goto pc+0
  26: if r1 <= r2 goto pc+0
  27: if r1 s> 0x5 goto pc+0
  28: if r1 s>= r2 goto pc+0
  29: if r1 s< 0x5 goto pc+0
  30: if r1 s<= r2 goto pc+0
  31: if r1 & 0x8 goto pc+0
  32: if w1 == 0x3 goto pc+1
  33: if w1 s< w2 goto pc-3
  34: goto pc+0
  35: r1 = *(u8 *)(r10 -1)
  36: r1 = *(u16 *)(r10 -2)
  37: r1 = *(u32 *)(r10 -4)
  38: r1 = *(u64 *)(r6 +8)
  39: *(u8 *)(r10 -1) = r1
  40: *(u16 *)(r10 -2) = r1
  41: *(u32 *)(r10 -4) = r1
  42: *(u64 *)(r10 -16) = r1
  43: *(u8 *)(r10 -1) = 1
  44: *(u16 *)(r10 -2) = 2
  45: *(u32 *)(r10 -4) = -3
  46: *(u64 *)(r10 -16) = 4
  47: lock *(u64 *)(r1 +0) += r2
  48: lock *(u32 *)(r1 +8) |= r2
  49: r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)
  50: r2 = atomic_xchg((u32 *)(r1 +4), r2)
  51: r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)
  52: r1 = 0x1122334455667788 ll
  54: r1 = map[fs_counts] ll
  56: call bpf_get_stackid#27
  57: call kfunc#12345
  58: call pc+2
  59: exit
  60: .raw 0xff 1 2 3 4
