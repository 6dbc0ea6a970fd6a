/* recurse [SECONDS=2] [SEED=1] [MAX_DEPTH=20]: a stress workload for stack maps. Each round
 * recurses to a pseudo-random depth (1..MAX_DEPTH), choosing one of f0..f7 at every level with
 * a seeded PRNG, and burns a little CPU at the leaf; so a fast CPU profile sees tens of
 * thousands of distinct user stacks (8^depth possible paths), with a reproducible mix for a
 * given seed. */
#include "common.h"

static unsigned long long rng_state;

/* xorshift64*: small, seeded, good enough to spread the paths. */
static unsigned next_rand(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (unsigned)((rng_state * 2685821657736338717ULL) >> 32);
}

NOINLINE unsigned long leaf_burn(void) {
    volatile unsigned long x = 1;
    for (int i = 0; i < 20000; i++) x = x * 6364136223846793005UL + 1;
    return x;
}

typedef unsigned long (*level_fn)(int depth);
static const level_fn levels[8];

/* One level: burn at the leaf, else call a random next level. The addition after the call
 * keeps it from being a tail call, so every level keeps its frame. */
#define LEVEL(name)                                            \
    NOINLINE unsigned long name(int depth) {                   \
        if (depth <= 0) return leaf_burn();                    \
        unsigned long r = levels[next_rand() & 7](depth - 1);  \
        __asm__ volatile("" ::: "memory");                     \
        return r + 1;                                          \
    }
LEVEL(f0)
LEVEL(f1)
LEVEL(f2)
LEVEL(f3)
LEVEL(f4)
LEVEL(f5)
LEVEL(f6)
LEVEL(f7)
static const level_fn levels[8] = {f0, f1, f2, f3, f4, f5, f6, f7};

int main(int argc, char **argv) {
    double seconds = arg_num(argc, argv, 1, 2);
    rng_state = (unsigned long long)arg_num(argc, argv, 2, 1) * 0x9E3779B97F4A7C15ULL + 1;
    int max_depth = (int)arg_num(argc, argv, 3, 20);
    if (max_depth < 1) max_depth = 1;
    double end = now_s() + seconds;
    unsigned long sum = 0;
    do {
        int depth = 1 + (int)(next_rand() % (unsigned)max_depth);
        sum += levels[next_rand() & 7](depth);
    } while (now_s() < end);
    return sum == 0 ? 3 : 0;
}
