/* sleepy [--migrate] [COUNT=5] [MS=100]: one thread sleeps COUNT × MS in sleepy_wait (through
 * do_sleep, see common.h), so an off-CPU profile should show COUNT × MS under sleepy_wait.
 * With --migrate the thread moves to the next CPU between sleeps (sched_setaffinity), to test
 * that per-CPU state does not lose or double-count a block that starts on one CPU and ends on
 * another. */
#include "common.h"

#include <pthread.h>
#include <sched.h>
#include <unistd.h>

struct params {
    int count;
    long ms;
    int migrate;
};

static NOINLINE void move_to_next_cpu(int i) {
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(i % (ncpu > 0 ? ncpu : 1), &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) die("sched_setaffinity");
}

NOINLINE void sleepy_wait(const struct params *p) {
    for (int i = 0; i < p->count; i++) {
        if (p->migrate) move_to_next_cpu(i);
        do_sleep(p->ms);
    }
    __asm__ volatile("" ::: "memory");
}

static void *thread_main(void *arg) {
    sleepy_wait(arg);
    return NULL;
}

int main(int argc, char **argv) {
    struct params p = {.count = 5, .ms = 100, .migrate = 0};
    int idx = 1;
    if (idx < argc && strcmp(argv[idx], "--migrate") == 0) {
        p.migrate = 1;
        idx++;
    }
    p.count = (int)arg_num(argc, argv, idx, 5);
    p.ms = (long)arg_num(argc, argv, idx + 1, 100);
    pthread_t t;
    if ((errno = pthread_create(&t, NULL, thread_main, &p)) != 0) die("pthread_create");
    if ((errno = pthread_join(t, NULL)) != 0) die("pthread_join");
    return 0;
}
