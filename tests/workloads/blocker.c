/* blocker [SHORT=20000] [SHORT_US=50] [LONG=5] [LONG_MS=100] [BURN_MS=0]: one thread blocks
 * SHORT times for about SHORT_US µs each (short_waits), burns BURN_MS ms of its own CPU time in
 * user space (burn), and blocks LONG times for LONG_MS ms (long_waits), through do_sleep's
 * frame (see common.h). It reports on stderr its thread id, its elapsed time and its
 * CPU time (getrusage RUSAGE_THREAD), so a profiler's off-CPU total for that thread must equal
 * elapsed − CPU: `blocker: tid=… elapsed_ns=… cpu_ns=…`. An `offcpu min 1ms` profile should show
 * ≈ LONG × LONG_MS under long_waits and every short block in a `[blocks < 1ms]` frame. */
#include "common.h"

#include <pthread.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

struct params {
    long shorts, short_us, longs, long_ms, burn_ms;
};

static NOINLINE void do_usleep(long us) {
    struct timespec ts = {.tv_sec = us / 1000000, .tv_nsec = (us % 1000000) * 1000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
    __asm__ volatile("" ::: "memory");
}

NOINLINE void short_waits(long n, long us) {
    for (long i = 0; i < n; i++) do_usleep(us);
    __asm__ volatile("" ::: "memory");
}

NOINLINE void long_waits(long n, long ms) {
    for (long i = 0; i < n; i++) do_sleep(ms);
    __asm__ volatile("" ::: "memory");
}

static double thread_cpu_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time a timer sample can see: user-space work with interrupts on, unlike the kernel's
 * side of a sleep (timer programming, the context switch), which runs with them off. */
NOINLINE unsigned long burn(long ms) {
    double end = thread_cpu_s() + (double)ms / 1e3;
    unsigned long x = 1;
    while (thread_cpu_s() < end)
        for (int i = 0; i < 10000; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
    __asm__ volatile("" ::: "memory");
    return x;
}

static long ns(struct timeval tv) { return tv.tv_sec * 1000000000L + tv.tv_usec * 1000L; }

static void *thread_main(void *arg) {
    const struct params *p = arg;
    /* Timer slack would stretch every short sleep by 50 µs; the test wants them short. */
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    double start = now_s();
    short_waits(p->shorts, p->short_us);
    if (p->burn_ms > 0) burn(p->burn_ms);
    long_waits(p->longs, p->long_ms);
    double elapsed = now_s() - start;
    struct rusage ru;
    if (getrusage(RUSAGE_THREAD, &ru) != 0) die("getrusage");
    fprintf(stderr, "blocker: tid=%ld elapsed_ns=%.0f cpu_ns=%ld\n", (long)syscall(SYS_gettid),
            elapsed * 1e9, ns(ru.ru_utime) + ns(ru.ru_stime));
    return NULL;
}

int main(int argc, char **argv) {
    struct params p;
    p.shorts = (long)arg_num(argc, argv, 1, 20000);
    p.short_us = (long)arg_num(argc, argv, 2, 50);
    p.longs = (long)arg_num(argc, argv, 3, 5);
    p.long_ms = (long)arg_num(argc, argv, 4, 100);
    p.burn_ms = (long)arg_num(argc, argv, 5, 0);
    pthread_t t;
    if ((errno = pthread_create(&t, NULL, thread_main, &p)) != 0) die("pthread_create");
    if ((errno = pthread_join(t, NULL)) != 0) die("pthread_join");
    return 0;
}
