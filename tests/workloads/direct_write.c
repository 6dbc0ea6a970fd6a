/* direct_write FILE [MIB=64]: writes MIB MiB to FILE with O_DIRECT in 1 MiB writes from an
 * aligned buffer, in write_direct (through the do_write wrapper, see do_sleep in common.h for
 * why), then fsyncs and unlinks FILE. Bypassing the page cache makes each write a block I/O
 * issued in this task's context: a bio profile should see MIB MiB under write_direct. FILE must
 * be on a filesystem that supports O_DIRECT (not tmpfs). */
#include "common.h"

#include <fcntl.h>
#include <unistd.h>

#define CHUNK (1 << 20)

static NOINLINE ssize_t do_write(int fd, const void *buf, size_t len) {
    ssize_t res = write(fd, buf, len);
    __asm__ volatile("" ::: "memory");
    return res;
}

NOINLINE long write_direct(int fd, const char *buf, long chunks) {
    for (long i = 0; i < chunks; i++) {
        ssize_t n = do_write(fd, buf, CHUNK);
        if (n != CHUNK) die("write");
    }
    return chunks;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: direct_write FILE [MIB]\n");
        return 2;
    }
    const char *path = argv[1];
    long mib = (long)arg_num(argc, argv, 2, 64);
    void *buf;
    if ((errno = posix_memalign(&buf, 4096, CHUNK)) != 0) die("posix_memalign");
    memset(buf, 0xab, CHUNK);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_DIRECT, 0600);
    if (fd < 0) die("open O_DIRECT");
    long n = write_direct(fd, buf, mib);
    if (fsync(fd) != 0) die("fsync");
    if (close(fd) != 0) die("close");
    if (unlink(path) != 0) die("unlink");
    free(buf);
    return n == mib ? 0 : 1;
}
