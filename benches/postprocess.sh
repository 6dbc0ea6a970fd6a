#!/bin/sh
# Post-processing benchmark (issue 11; numbers in docs/PERFORMANCE.md): symbolize, fold and
# render ~100 000 distinct stacks, three ways.
#
#   1. `cargo bench --bench postprocess`: the library phases on 100 000 user stacks of real
#      addresses (no kernel, no root), best of 3, wall and CPU time.
#   2. `flamescript render` of 100 000 distinct folded stacks (generated here, seeded: C-like
#      names, depth 10-40, fan-out 4) to each output format: wall time and peak memory.
#   3. As root: a real profile, `profile hz 9999 < @[ustack] = count() >` over the `recurse`
#      workload for 10 s (about 90 000 distinct stacks), written to .svg, .folded and .pb.gz:
#      the time after tracing, split by FLAMESCRIPT_TIMINGS, and peak memory.
#
# usage: benches/postprocess.sh            (from the repository root; release build)
#        FS=/path/to/flamescript BENCH=/path/to/postprocess-binary benches/postprocess.sh
#        to measure other builds (e.g. an older commit's) with the same inputs.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
work=${TMPDIR:-/tmp}/flamescript-postprocess
mkdir -p "$work"

if [ -z "${FS:-}" ]; then
    cargo build --release -j1 --bin flamescript --manifest-path "$root/Cargo.toml" >&2
    FS=$root/target/release/flamescript
fi

echo "== 1. library phases (cargo bench postprocess)"
if [ -n "${BENCH:-}" ]; then
    "$BENCH" --runs 3
else
    cargo bench -j1 -q -p flamescript-runtime --bench postprocess \
        --manifest-path "$root/Cargo.toml" -- --runs 3
fi

echo "== 2. flamescript render of 100 000 distinct folded stacks"
python3 - "$work/in.folded" <<'EOF'
import random, sys
random.seed(11)
names = [f"func_{i}_{random.choice(['read', 'parse', 'hash', 'lock', 'send'])}" for i in range(4096)]
seen, lines = set(), []
while len(lines) < 100_000:
    depth, path, frames = random.randint(10, 40), 0, []
    for _ in range(depth):
        # A frame depends only on the path above it, so stacks share prefixes.
        path = (path * 1_000_003 + random.randint(1, 4)) % (1 << 61)
        frames.append(names[hash(path) % len(names)])
    stack = ";".join(frames)
    if stack not in seen:
        seen.add(stack)
        lines.append(f"{stack} {random.randint(1, 20)}")
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
EOF
for ext in svg folded pb.gz json; do
    /usr/bin/time -f "  .$ext: %e s, peak %M KiB" "$FS" render "$work/in.folded" -o "$work/out.$ext"
done

echo "== 3. a real profile (root)"
if [ "$(id -u)" != 0 ]; then
    echo "  skipped: not root"
    exit 0
fi
cc -O1 -g -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -pthread -Wall -Werror \
    -o "$work/recurse" "$root/tests/workloads/recurse.c"
FLAMESCRIPT_TIMINGS=1 /usr/bin/time -f "  whole run: %e s, peak %M KiB" "$FS" \
    -e 'profile hz 9999 < @[ustack] = count() >' \
    --map-entries 262144 --stack-entries 262144 \
    -c "$work/recurse 10 7 40" \
    -o "$work/run.svg" -o "$work/run.folded" -o "$work/run.pb.gz" 2>&1 >/dev/null |
    grep -v '^Attached' | sed 's/^/  /'
echo "  $(wc -l <"$work/run.folded") distinct stacks"
