/* nofp [SECONDS=2]: built -O2 -fomit-frame-pointer, like most distribution binaries: a CPU
 * burn at the end of a five-deep chain main → chain_a → chain_b → chain_c → chain_d →
 * chain_e. Frame-pointer stacks of it are a leaf and garbage; a profile unwound from unwind
 * info (.eh_frame) should carry the whole chain on ≥ 95% of its samples. It reports the rounds
 * of work it did (stderr), so a benchmark can tell what profiling it costs. */
#include "common.h"

static volatile unsigned long sink;

static unsigned long rounds;

NOINLINE unsigned long chain_e(double end) {
    unsigned long x = 1;
    while (now_s() < end) {
        for (int i = 0; i < 65536; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
        rounds++;
    }
    sink = x;
    return x;
}

/* Each link does work after its call, so the compiler cannot turn it into a tail jump. */
NOINLINE unsigned long chain_d(double end) { unsigned long r = chain_e(end); sink += r; return r + 4; }
NOINLINE unsigned long chain_c(double end) { unsigned long r = chain_d(end); sink += r; return r + 3; }
NOINLINE unsigned long chain_b(double end) { unsigned long r = chain_c(end); sink += r; return r + 2; }
NOINLINE unsigned long chain_a(double end) { unsigned long r = chain_b(end); sink += r; return r + 1; }

int main(int argc, char **argv) {
    double seconds = arg_num(argc, argv, 1, 2);
    unsigned long r = chain_a(now_s() + seconds);
    sink += r;
    /* Work done, for benchmarks of what profiling it costs. */
    fprintf(stderr, "nofp: rounds=%lu\n", rounds);
    return 0;
}
