/* phases [SECONDS=0.3]: three CPU-bound phases in sequence, each SECONDS long: phase_a, then
 * phase_b, then phase_c, all called from main. A flame chart of it (frames in time order)
 * shows them left to right in that order; a flame graph (alphabetical) cannot tell. */
#include "common.h"

static NOINLINE unsigned long spin(double seconds) {
    volatile unsigned long x = 1;
    double end = now_s() + seconds;
    while (now_s() < end) {
        for (int i = 0; i < 4096; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
    }
    return x;
}

NOINLINE unsigned long phase_c(double s) {
    unsigned long r = spin(s);
    __asm__ volatile("" ::: "memory");
    return r;
}

NOINLINE unsigned long phase_b(double s) {
    unsigned long r = spin(s);
    __asm__ volatile("" ::: "memory");
    return r;
}

NOINLINE unsigned long phase_a(double s) {
    unsigned long r = spin(s);
    __asm__ volatile("" ::: "memory");
    return r;
}

int main(int argc, char **argv) {
    double s = arg_num(argc, argv, 1, 0.3);
    unsigned long r = phase_a(s);
    r += phase_b(s);
    r += phase_c(s);
    return r == 0 ? 3 : 0;
}
