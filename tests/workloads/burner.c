/* burner [SECONDS=2]: a pure user-space CPU burn with a known caller chain,
 * main → spin_outer → burn_cpu. A CPU profile of it should put nearly all samples in burn_cpu
 * (the clock is read only every 64 Ki iterations, so clock_gettime stays a sliver). */
#include "common.h"
#include <sys/resource.h>

NOINLINE unsigned long burn_cpu(double seconds) {
    volatile unsigned long x = 1;
    double end = now_s() + seconds;
    for (;;) {
        for (int i = 0; i < 65536; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
        if (now_s() >= end) break;
    }
    return x;
}

NOINLINE unsigned long spin_outer(double seconds) {
    unsigned long res = burn_cpu(seconds);
    __asm__ volatile("" ::: "memory"); /* no tail call: spin_outer stays on the stack */
    return res;
}

int main(int argc, char **argv) {
    double seconds = arg_num(argc, argv, 1, 2);
    unsigned long res = spin_outer(seconds);
    /* The CPU time it really got, so a test can expect samples = cpu × hz even on a busy
     * machine (wall time overstates it when the CPU is shared). */
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr, "burner: cpu_seconds=%.3f\n",
            (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
    return res == 0 ? 3 : 0; /* use the result so the loop is not dead code */
}
