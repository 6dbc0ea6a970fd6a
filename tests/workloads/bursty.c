/* bursty [SECONDS=4]: burns the CPU for the first 200 ms of every second since it started
 * (in burst), and sleeps the other 800 ms (in rest, off-CPU). A FlameScope heatmap of a CPU
 * recording of it has its weight in the rows of offsets 0-200 ms of every column, and the
 * flame graph of that band is burst's. */
#include "common.h"

NOINLINE unsigned long burst(double until) {
    volatile unsigned long x = 1;
    while (now_s() < until) {
        for (int i = 0; i < 4096; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
    }
    return x;
}

NOINLINE void rest(double until) {
    double left = until - now_s();
    if (left > 0) do_sleep((long)(left * 1000));
    __asm__ volatile("" ::: "memory"); /* no tail call */
}

int main(int argc, char **argv) {
    int seconds = (int)arg_num(argc, argv, 1, 4);
    double start = now_s();
    unsigned long res = 0;
    for (int s = 0; s < seconds; s++) {
        res += burst(start + s + 0.2);
        rest(start + s + 1.0);
    }
    return res == 0 ? 3 : 0;
}
