/* touch [PAGES=10000] [DEPTH=0]: first-touches PAGES fresh 4 KiB pages in touch_pages, one
 * write each, on an anonymous mapping with transparent huge pages refused (MADV_NOHUGEPAGE) so
 * that each write is exactly one page fault: a user page-fault profile should count PAGES
 * faults (plus a few for the program's own startup) under touch_pages. With DEPTH, main calls
 * touch_pages DEPTH frames down a recursion of `down`, so every one of those faults has the
 * user stack main → down × DEPTH → touch_pages. */
#include "common.h"

#include <sys/mman.h>

#define PAGE 4096

NOINLINE unsigned long touch_pages(volatile char *base, long pages) {
    for (long i = 0; i < pages; i++) base[i * PAGE] = (char)i;
    return (unsigned long)pages;
}

NOINLINE unsigned long down(long depth, volatile char *base, long pages) {
    unsigned long n = depth > 0 ? down(depth - 1, base, pages) : touch_pages(base, pages);
    __asm__ volatile("" ::: "memory"); /* no tail call: every level keeps its frame */
    return n;
}

int main(int argc, char **argv) {
    long pages = (long)arg_num(argc, argv, 1, 10000);
    long depth = (long)arg_num(argc, argv, 2, 0);
    size_t len = (size_t)(pages > 0 ? pages : 1) * PAGE;
    char *base = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) die("mmap");
    if (madvise(base, len, MADV_NOHUGEPAGE) != 0) die("madvise");
    unsigned long n = depth > 0 ? down(depth - 1, base, pages) : touch_pages(base, pages);
    if (munmap(base, len) != 0) die("munmap");
    return n == (unsigned long)pages ? 0 : 1;
}
