/* direct sleep|lock|write FILE: functions that call glibc DIRECTLY, with no wrapper frame of
 * our own in between (compare do_sleep in common.h). glibc here has no frame pointers, so a
 * frame-pointer walk from inside glibc skips the function that called it: these are the frames
 * issue 12 recovers from unwind info.
 *   sleep: sleep_direct calls nanosleep 5 × 100 ms → ≈ 500 ms off-CPU under sleep_direct.
 *   lock:  two threads on one mutex; the holder keeps it 10 × 20 ms; lock_direct calls
 *          pthread_mutex_lock → ≈ 200 ms of futex wait under lock_direct.
 *   write FILE: write_all_direct calls write(2) with O_DIRECT, 64 × 1 MiB → ≥ 64 MiB of block
 *          I/O under write_all_direct.
 *   clock: clock_direct calls clock_gettime for 1 s of CPU: nearly every sample is in the vDSO
 *          (code the kernel maps without a file) or in the PLT stub that leads there.
 *   topstack: a child (clone, shared memory) on a 64 KiB stack whose end is a PROT_NONE page
 *          runs top_of_stack → sleep_direct(5, 100 ms): ≈ 500 ms off-CPU a few hundred bytes
 *          below the end of its stack, where any copy of 1 KiB or more from the stack
 *          pointer crosses into the unreadable page.
 *   oddcfa: sleeps 1.5 s (time to attach with -p), then main → via_odd → odd_cfa →
 *          sleep_leaf → nanosleep, 5 × 100 ms. odd_cfa (assembly) keeps its frame in rbx,
 *          as ld.so's lazy-binding trampoline does (CFI `def_cfa rbx`): no unwinder that
 *          tracks rsp and rbp alone can step past it, and a frame-pointer guess there skips
 *          via_odd and still reaches main. */
#include "common.h"

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <semaphore.h>
#include <unistd.h>

NOINLINE void sleep_direct(int n, long ms) {
    for (int i = 0; i < n; i++) {
        struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
        }
    }
    __asm__ volatile("" ::: "memory");
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t held, done;

NOINLINE void lock_direct(void) {
    if ((errno = pthread_mutex_lock(&lock)) != 0) die("pthread_mutex_lock");
    pthread_mutex_unlock(&lock);
    __asm__ volatile("" ::: "memory");
}

static void *waiter(void *arg) {
    long rounds = (long)arg;
    for (long i = 0; i < rounds; i++) {
        sem_wait(&held);
        lock_direct();
        sem_post(&done);
    }
    return NULL;
}

static void contend(long rounds, long ms) {
    sem_init(&held, 0, 0);
    sem_init(&done, 0, 0);
    pthread_t t;
    if ((errno = pthread_create(&t, NULL, waiter, (void *)rounds)) != 0) die("pthread_create");
    for (long i = 0; i < rounds; i++) {
        pthread_mutex_lock(&lock);
        sem_post(&held);
        do_sleep(ms);
        pthread_mutex_unlock(&lock);
        sem_wait(&done);
    }
    pthread_join(t, NULL);
}

#define CHUNK (1 << 20)

NOINLINE long write_all_direct(int fd, const char *buf, long chunks) {
    for (long i = 0; i < chunks; i++) {
        if (write(fd, buf, CHUNK) != CHUNK) die("write");
    }
    __asm__ volatile("" ::: "memory");
    return chunks;
}

NOINLINE long clock_direct(double seconds) {
    struct timespec start, now;
    long calls = 0;
    clock_gettime(CLOCK_MONOTONIC, &start);
    do {
        clock_gettime(CLOCK_MONOTONIC, &now);
        calls++;
    } while ((double)(now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9 < seconds);
    __asm__ volatile("" ::: "memory");
    return calls;
}

NOINLINE void sleep_leaf(void) {
    struct timespec ts = {.tv_sec = 0, .tv_nsec = 100 * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
    __asm__ volatile("" ::: "memory");
}

/* odd_cfa(): calls sleep_leaf with the stack realigned and its CFA in rbx. */
void odd_cfa(void);
__asm__(".text\n"
        ".globl odd_cfa\n"
        ".type odd_cfa, @function\n"
        "odd_cfa:\n"
        ".cfi_startproc\n"
        "push %rbx\n"
        ".cfi_adjust_cfa_offset 8\n"
        ".cfi_rel_offset %rbx, 0\n"
        "mov %rsp, %rbx\n"
        ".cfi_def_cfa_register %rbx\n"
        "and $-64, %rsp\n"
        "call sleep_leaf\n"
        "mov %rbx, %rsp\n"
        ".cfi_def_cfa_register %rsp\n"
        "pop %rbx\n"
        ".cfi_adjust_cfa_offset -8\n"
        "ret\n"
        ".cfi_endproc\n"
        ".size odd_cfa, .-odd_cfa\n");

NOINLINE void via_odd(int n) {
    for (int i = 0; i < n; i++) odd_cfa();
    __asm__ volatile("" ::: "memory");
}

NOINLINE int top_of_stack(void *arg) {
    (void)arg;
    sleep_direct(5, 100);
    __asm__ volatile("" ::: "memory");
    return 0;
}

static void topstack(void) {
    const long page = 4096, pages = 16;
    char *base = mmap(NULL, (pages + 1) * page, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (base == MAP_FAILED) die("mmap");
    if (mprotect(base + pages * page, page, PROT_NONE) != 0) die("mprotect");
    pid_t child = clone(top_of_stack, base + pages * page, CLONE_VM | SIGCHLD, NULL);
    if (child < 0) die("clone");
    int status;
    if (waitpid(child, &status, 0) != child) die("waitpid");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) exit(1);
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "sleep") == 0) {
        sleep_direct(5, 100);
    } else if (argc >= 2 && strcmp(argv[1], "lock") == 0) {
        contend(10, 20);
    } else if (argc >= 3 && strcmp(argv[1], "write") == 0) {
        void *buf;
        if ((errno = posix_memalign(&buf, 4096, CHUNK)) != 0) die("posix_memalign");
        memset(buf, 0xcd, CHUNK);
        int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0600);
        if (fd < 0) die("open O_DIRECT");
        write_all_direct(fd, buf, 64);
        if (fsync(fd) != 0) die("fsync");
        close(fd);
        unlink(argv[2]);
    } else if (argc >= 2 && strcmp(argv[1], "oddcfa") == 0) {
        do_sleep(1500);
        via_odd(5);
    } else if (argc >= 2 && strcmp(argv[1], "topstack") == 0) {
        topstack();
    } else if (argc >= 2 && strcmp(argv[1], "clock") == 0) {
        printf("calls=%ld\n", clock_direct(1.0));
    } else {
        fprintf(stderr, "usage: direct sleep | lock | write FILE | clock | topstack | oddcfa\n");
        return 2;
    }
    return 0;
}
