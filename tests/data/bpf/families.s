; Every opcode family once: the encoder round-trip (text → Insn → bytes → Insn → text).
; ALU64, immediate and register operands
r0 = 1
r1 = -1
r2 = r1
r2 += 5
r2 -= r1
r2 *= 3
r2 /= r1
r2 |= 0x10
r2 &= r1
r2 <<= 2
r2 >>= r1
r2 %= 7
r2 ^= r1
r2 s>>= 1
r4 = -r4
; ALU32 (w registers), negation, byte order
w3 = 7
w3 += w4
w3 s>>= w4
w4 = -w4
r5 = be16 r5
r5 = le64 r5
; JMP and JMP32, immediate and register, every condition
if r1 == 0x0 goto pc+1
if r1 != r2 goto pc+1
if r1 > 0xffffffff goto pc+1
if r1 >= r2 goto pc-2
if r1 < 0x5 goto pc+0
if r1 <= r2 goto pc+0
if r1 s> 0x5 goto pc+0
if r1 s>= r2 goto pc+0
if r1 s< 0x5 goto pc+0
if r1 s<= r2 goto pc+0
if r1 & 0x8 goto pc+0
if w1 == 0x3 goto pc+1
if w1 s< w2 goto pc-3
goto pc+0
; loads and stores of every size
r1 = *(u8 *)(r10 -1)
r1 = *(u16 *)(r10 -2)
r1 = *(u32 *)(r10 -4)
r1 = *(u64 *)(r6 +8)
*(u8 *)(r10 -1) = r1
*(u16 *)(r10 -2) = r1
*(u32 *)(r10 -4) = r1
*(u64 *)(r10 -16) = r1
*(u8 *)(r10 -1) = 1
*(u16 *)(r10 -2) = 2
*(u32 *)(r10 -4) = -3
*(u64 *)(r10 -16) = 4
; atomics
lock *(u64 *)(r1 +0) += r2
lock *(u32 *)(r1 +8) |= r2
r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)
r2 = atomic_xchg((u32 *)(r1 +4), r2)
r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)
; 64-bit constants and map addresses
r1 = 0x1122334455667788 ll
r1 = map[fs_counts] ll
; calls: helper, kfunc, local function
call bpf_get_stackid#27
call kfunc#12345
call pc+2
exit
; a slot the printer has no name for
.raw 0xff 1 2 3 4
