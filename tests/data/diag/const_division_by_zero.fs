// Constants are folded: a divisor or remainder that is zero once computed, a shift of 64 bits or
// more, and a constant product too large are refused here, not by the kernel's verifier.
// See: #19
profile < @a[comm] = sum(pid / (2 - 2)) >
profile < @b[comm] = sum(pid % 0) >
profile < @c[comm] = sum(pid % (4 * 0)) >
profile < @d[comm] = sum(1 << 70) >
profile < @e[comm] = sum(pid >> (60 + 4)) >
profile < @f[comm] = sum(4294967296 * 4294967296) >
offcpu < @g = sum(delta / (1ms - 1ms)) >
