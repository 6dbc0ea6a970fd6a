/* load MODE SECONDS: the traced workloads of benches/bench.py, each printing its own throughput
 * as one line `RATE <per second>` so a traced run can be compared with an untraced one.
 *
 *   faults  a page-fault storm: map 64 MiB, refuse huge pages (MADV_NOHUGEPAGE, so each write
 *           is exactly one fault), write one byte per 4 KiB page, unmap; repeat. RATE = faults/s.
 *           `faults SECONDS DEPTH` does it DEPTH frames down a recursion (deep), so every
 *           fault's user stack is DEPTH + 4 frames: the cost of walking deep stacks.
 *   spin    a CPU burner with a fixed caller chain (main → spin_outer → spin_inner). RATE =
 *           million loop iterations per second.
 *
 * Built by bench.py with frame pointers (-fno-omit-frame-pointer), like tests/workloads. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#define NOINLINE __attribute__((noinline))
#define PAGE 4096
#define CHUNK (64L << 20)

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

NOINLINE long touch_chunk(volatile char *base) {
    long n = 0;
    for (long off = 0; off < CHUNK; off += PAGE, n++) base[off] = (char)n;
    return n;
}

NOINLINE double faults(double seconds) {
    double t0 = now_s(), t;
    long n = 0;
    do {
        char *base = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (base == MAP_FAILED) {
            perror("mmap");
            exit(1);
        }
        madvise(base, CHUNK, MADV_NOHUGEPAGE);
        n += touch_chunk(base);
        munmap(base, CHUNK);
        t = now_s();
    } while (t - t0 < seconds);
    return (double)n / (t - t0);
}

NOINLINE double deep(int depth, double seconds) {
    if (depth <= 0) return faults(seconds);
    double r = deep(depth - 1, seconds);
    __asm__ volatile("" ::: "memory"); /* no tail call: every level keeps its frame */
    return r;
}

NOINLINE unsigned long spin_inner(void) {
    volatile unsigned long x = 1;
    for (int i = 0; i < 1000000; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
    return x;
}

NOINLINE double spin_outer(double seconds) {
    double t0 = now_s(), t;
    long n = 0;
    do {
        spin_inner();
        n++;
        t = now_s();
    } while (t - t0 < seconds);
    __asm__ volatile("" ::: "memory"); /* no tail call: spin_outer stays on the stack */
    return (double)n / (t - t0);
}

int main(int argc, char **argv) {
    if (argc != 3 && !(argc == 4 && strcmp(argv[1], "faults") == 0)) {
        fprintf(stderr, "usage: load faults SECONDS [DEPTH] | spin SECONDS\n");
        return 2;
    }
    double seconds = atof(argv[2]);
    double rate;
    if (strcmp(argv[1], "faults") == 0)
        rate = argc == 4 ? deep(atoi(argv[3]), seconds) : faults(seconds);
    else if (strcmp(argv[1], "spin") == 0)
        rate = spin_outer(seconds);
    else {
        fprintf(stderr, "unknown mode `%s`\n", argv[1]);
        return 2;
    }
    printf("RATE %.1f\n", rate);
    return 0;
}
