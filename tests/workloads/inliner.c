/* inliner [SECONDS=2]: a hot function the compiler inlines, built at -O2 (tests/workloads.rs
 * gives it that flag). `mix_inlined` is `static inline` and always_inline, so its loop lives
 * inside `hot_caller` (noinline) and no symbol `mix_inlined` exists: only DWARF's
 * inlined-subroutine records still name it. A CPU profile that reads inline frames shows
 * main → hot_caller → mix_inlined (inlined) for nearly every sample; one that does not puts
 * them all in hot_caller. */
#include "common.h"

static inline __attribute__((always_inline)) unsigned long mix_inlined(unsigned long seed) {
    /* volatile: every multiply-add is done, and not folded into a closed form at -O2. */
    volatile unsigned long x = seed;
    for (int i = 0; i < 65536; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
    return x;
}

NOINLINE unsigned long hot_caller(double seconds) {
    unsigned long acc = 1;
    double end = now_s() + seconds;
    do {
        acc += mix_inlined(acc);
    } while (now_s() < end);
    __asm__ volatile("" ::: "memory"); /* no tail call: hot_caller stays on the stack */
    return acc;
}

int main(int argc, char **argv) {
    double seconds = arg_num(argc, argv, 1, 2);
    unsigned long res = hot_caller(seconds);
    return res == 0 ? 3 : 0; /* use the result so the loop is not dead code */
}
