/* Shared helpers for the test workloads (tests/workloads.rs builds each .c file alone, with
 * frame pointers). Kept header-only and static so every workload is one translation unit.
 * What a profiler should see is in each workload's own comment, not here. */
#ifndef WORKLOAD_COMMON_H
#define WORKLOAD_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NOINLINE __attribute__((noinline))

/* Seconds on the monotonic clock, as a double (enough for test durations). */
static __attribute__((unused)) double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* argv[idx] as a number, or `dflt` when absent; exits 2 on garbage so a typo in a test's
 * arguments fails loudly instead of running with a default. */
static __attribute__((unused)) double arg_num(int argc, char **argv, int idx, double dflt) {
    if (idx >= argc) return dflt;
    char *end;
    double v = strtod(argv[idx], &end);
    if (*argv[idx] == '\0' || *end != '\0' || v < 0) {
        fprintf(stderr, "bad number argument `%s`\n", argv[idx]);
        exit(2);
    }
    return v;
}

static __attribute__((unused)) void die(const char *what) {
    fprintf(stderr, "%s: %s\n", what, strerror(errno));
    exit(1);
}

/* nanosleep behind a frame of its own: glibc has no frame pointers, so the frame-pointer walk
 * from inside nanosleep skips its direct caller (shared/KERNEL.md). This wrapper is the frame
 * that gets lost, and the named function above it stays visible. */
static __attribute__((unused)) NOINLINE void do_sleep(long ms) {
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
    __asm__ volatile("" ::: "memory"); /* no tail call: keep this frame on the stack */
}

#endif
