/* contend [ROUNDS=10] [MS=20]: two threads on one pthread mutex. The holder takes it ROUNDS
 * times and keeps it MS ms each time (sleeping, in hold_lock); the waiter tries to take it each
 * time only once it is held (a semaphore says so), so it blocks ≈ ROUNDS × MS in wait_lock
 * (through the do_lock wrapper, see do_sleep in common.h). An off-CPU or futex profile should
 * show ≈ ROUNDS × MS under wait_lock and under hold_lock. The waiter measures its own time in
 * do_lock and reports it at exit (`contend: wait_ns=N`): the known answer, however slow the
 * machine wakes it. */
#include "common.h"

#include <pthread.h>
#include <semaphore.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static sem_t held, done;
static int rounds = 10;
static long hold_ms = 20;
static double waited_s;

static NOINLINE void do_lock(pthread_mutex_t *m) {
    if ((errno = pthread_mutex_lock(m)) != 0) die("pthread_mutex_lock");
    __asm__ volatile("" ::: "memory");
}

NOINLINE void hold_lock(long ms) {
    do_lock(&lock);
    sem_post(&held);
    do_sleep(ms);
    pthread_mutex_unlock(&lock);
}

NOINLINE void wait_lock(void) {
    double t0 = now_s();
    do_lock(&lock);
    waited_s += now_s() - t0;
    pthread_mutex_unlock(&lock);
    __asm__ volatile("" ::: "memory");
}

static void *holder(void *arg) {
    (void)arg;
    for (int i = 0; i < rounds; i++) {
        hold_lock(hold_ms);
        while (sem_wait(&done) != 0) {
        }
    }
    return NULL;
}

static void *waiter(void *arg) {
    (void)arg;
    for (int i = 0; i < rounds; i++) {
        while (sem_wait(&held) != 0) {
        }
        wait_lock();
        sem_post(&done);
    }
    return NULL;
}

int main(int argc, char **argv) {
    rounds = (int)arg_num(argc, argv, 1, 10);
    hold_ms = (long)arg_num(argc, argv, 2, 20);
    if (sem_init(&held, 0, 0) != 0 || sem_init(&done, 0, 0) != 0) die("sem_init");
    pthread_t h, w;
    if ((errno = pthread_create(&w, NULL, waiter, NULL)) != 0) die("pthread_create");
    if ((errno = pthread_create(&h, NULL, holder, NULL)) != 0) die("pthread_create");
    pthread_join(h, NULL);
    pthread_join(w, NULL);
    fprintf(stderr, "contend: wait_ns=%.0f\n", waited_s * 1e9);
    return 0;
}
