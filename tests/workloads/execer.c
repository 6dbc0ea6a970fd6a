/* execer [N=20]: runs /bin/true N times (fork, exec, wait), in run_true. An exec-counting
 * script should see exactly N execs of `true` from this process's children. Exits 1 if any
 * child fails. */
#include "common.h"

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

int main(int argc, char **argv) {
    int n = (int)arg_num(argc, argv, 1, 20);
    int ok = 0;
    for (int i = 0; i < n; i++) ok += run_true();
    return ok == n ? 0 : 1;
}
