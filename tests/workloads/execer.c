/* execer [N=20]: runs /bin/true N times (fork, exec, wait), in run_true. An exec-counting
 * script should see exactly N execs of `true` from this process's children. Exits 1 if any
 * child fails. Reports on stderr its thread id, the loop's elapsed time and its own CPU time
 * (`execer: tid=… elapsed_ns=… cpu_ns=…`): its off-CPU total over the loop is elapsed − CPU,
 * every wait for a child that had just been created included. */
#include "common.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

NOINLINE int run_true(void) {
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        execl("/bin/true", "true", (char *)NULL);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) < 0) die("waitpid");
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static long ns(struct timeval tv) { return tv.tv_sec * 1000000000L + tv.tv_usec * 1000L; }

int main(int argc, char **argv) {
    int n = (int)arg_num(argc, argv, 1, 20);
    int ok = 0;
    struct rusage before, after;
    if (getrusage(RUSAGE_THREAD, &before) != 0) die("getrusage");
    double start = now_s();
    for (int i = 0; i < n; i++) ok += run_true();
    double elapsed = now_s() - start;
    if (getrusage(RUSAGE_THREAD, &after) != 0) die("getrusage");
    long cpu = ns(after.ru_utime) + ns(after.ru_stime) - ns(before.ru_utime) - ns(before.ru_stime);
    fprintf(stderr, "execer: tid=%ld elapsed_ns=%.0f cpu_ns=%ld\n", (long)syscall(SYS_gettid),
            elapsed * 1e9, cpu);
    return ok == n ? 0 : 1;
}
