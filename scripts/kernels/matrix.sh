#!/usr/bin/env bash
# matrix.sh — run one command inside each of Debian's kernels (5.10, 6.1, 6.12, sid) under QEMU.
#
#   scripts/kernels/matrix.sh [OPTIONS] -- CMD [ARGS...]
#   scripts/kernels/matrix.sh [OPTIONS] --test-binary PATH -- [TEST-ARGS...]
#   scripts/kernels/matrix.sh [OPTIONS] --cargo-test NAME -- [TEST-ARGS...]
#
# Options:
#   --kernels 'LIST'   labels to run, in order (default '5.10 6.1 6.12 sid'; see fetch.sh)
#   --timeout SEC      per kernel, boot included (default 600; MATRIX_TIMEOUT); the command
#                      itself is killed 20 s before, so its partial output still comes back
#   --mem SIZE         guest memory (default 3G)     --cpus N   guest CPUs (default 2)
#   --env NAME=VALUE   also export this in the guest (repeatable)
#   --test-binary PATH run PATH with the arguments after `--` (a prebuilt cargo test binary)
#   --cargo-test NAME  find the prebuilt binary of integration test NAME (e.g. `tests`) with
#                      `cargo test --no-run --message-format=json --test NAME` (a no-op when it is
#                      already built) and run it as --test-binary does; cargo runs on the host only
#   --no-setup         do not install missing tools (see setup.sh)
#   --no-scratch       no ext4 scratch disk (see below); the guest gets a blank 64 MiB /dev/vda
#
# For each kernel the guest boots with this machine's / as its root (read-only, writes go to
# guest RAM), the repository root as working directory, and CMD runs as root with
#   FLAMESCRIPT_REQUIRE_KERNEL=1  FLAMESCRIPT_KERNEL_LABEL=<label>  RUST_BACKTRACE=1
#   FLAMESCRIPT_SCRATCH_DIR=/run/scratch  (an empty 512 MiB ext4 file system on the guest's
#                                          virtio disk: the only place where O_DIRECT and
#                                          block I/O work, since / and /tmp are RAM or 9p)
# exported. Its output (stdout and stderr merged) streams live, each line prefixed `[LABEL] `.
# A summary table (kernel, release, exit status, seconds) ends the run; the exit status is 0
# only if CMD exited 0 on every kernel (124: timed out; 125: the guest failed to boot/run;
# 137: killed by the in-guest time limit).
#
# Example (CI, after `cargo test --no-run`):
#   scripts/kernels/matrix.sh --cargo-test tests -- matrix:: --test-threads=1
# The binary can also be found by hand: the `"executable"` of the compiler-artifact line whose
# target name is `tests` in `cargo test --no-run --message-format=json` (see find_test_binary).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

KERNELS=${MATRIX_KERNELS:-"5.10 6.1 6.12 sid"}
TIMEOUT=${MATRIX_TIMEOUT:-600}
MEM=3G; CPUS=2; SETUP=1; TEST_BIN=; CARGO_TEST=; SCRATCH=/run/scratch
extra_env=()
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --kernels) KERNELS=$2; shift 2;;
    --timeout) TIMEOUT=$2; shift 2;;
    --mem) MEM=$2; shift 2;;
    --cpus) CPUS=$2; shift 2;;
    --env) extra_env+=(-e "$2"); shift 2;;
    --test-binary) TEST_BIN=$2; shift 2;;
    --cargo-test) CARGO_TEST=$2; shift 2;;
    --no-setup) SETUP=0; shift;;
    --no-scratch) SCRATCH=; shift;;
    -h|--help) usage; exit 0;;
    --) shift; break;;
    *) echo "matrix.sh: unknown argument '$1' (want OPTIONS -- CMD ARGS...)" >&2; usage >&2; exit 2;;
  esac
done

# find_test_binary NAME < cargo-json: the executable of integration test NAME from the output of
# `cargo test --no-run --message-format=json` (one JSON object a line).
find_test_binary() {
  grep '"reason":"compiler-artifact"' | grep -F "\"name\":\"$1\"" | grep -F '"test":true' |
    grep -o '"executable":"[^"]*"' | tail -1 | sed 's/^"executable":"//; s/"$//'
}

if [[ -n $CARGO_TEST ]]; then
  TEST_BIN=$(cd "$REPO" && cargo test --no-run --message-format=json --test "$CARGO_TEST" 2>/dev/null |
             find_test_binary "$CARGO_TEST")
  [[ -n $TEST_BIN ]] || { echo "matrix.sh: cargo gave no executable for test '$CARGO_TEST'" >&2; exit 2; }
fi
if [[ -n $TEST_BIN ]]; then
  TEST_BIN=$(readlink -f "$TEST_BIN")
  [[ -x $TEST_BIN ]] || { echo "matrix.sh: $TEST_BIN is not an executable" >&2; exit 2; }
  set -- "$TEST_BIN" "$@"
fi
[[ $# -gt 0 ]] || { echo "matrix.sh: no command given" >&2; usage >&2; exit 2; }

[[ $SETUP == 1 ]] && "$HERE/setup.sh"

t_fetch=$(date +%s)
read -r -a labels <<< "$KERNELS"
# fetch.sh exits non-zero when a kernel is missing; those still get a row (status 125).
fetched=$("$HERE/fetch.sh" "${labels[@]}") || echo "matrix.sh: some kernels could not be fetched" >&2
echo "matrix.sh: kernels ready in $(( $(date +%s) - t_fetch )) s" >&2
declare -A image=()
while read -r l p; do [[ -n $l ]] && image[$l]=$p; done <<< "$fetched"

export IK_CACHE=${IK_CACHE:-${FLAMESCRIPT_KERNEL_CACHE:-/var/tmp/flamescript-kernels}/initrd}
tmp=$(mktemp -d); times=$tmp/times; mkfifo "$tmp/out"
ikpid=
# A signal (e.g. CI's time limit) stops the running guest too: in-kernel.sh kills its qemu.
trap '[[ -n $ikpid ]] && kill "$ikpid" 2>/dev/null; wait; rm -rf "$tmp"' EXIT
trap 'exit 143' TERM; trap 'exit 130' INT
rows=(); failed=0
scratch_opts=()
[[ -n $SCRATCH ]] && scratch_opts=(-d "$SCRATCH" -e "FLAMESCRIPT_SCRATCH_DIR=$SCRATCH")
cd "$REPO"
for l in "${labels[@]}"; do
  k=${image[$l]:-}
  if [[ -z $k ]]; then rows+=("$l|-|125|0|-|no kernel image"); failed=1; continue; fi
  rel=$(basename "$(dirname "$k")"); [[ $k == */boot/vmlinuz-* ]] && rel=${k##*/vmlinuz-}
  # A guest that hangs (rc 124: the emulated kernel stopped making progress; seen once in
  # ~10 runs of 5.10 as a soft lockup under TCG) gets one more boot; the row says so, and a
  # second hang fails the matrix. So does a guest that died of the TCG code-patching oops below.
  retried=
  for attempt in 1 2; do
    echo "==== [$l] $rel: $* ===="
    : > "$times"
    t0=$(date +%s)
    (sed -u "s/^/[$l] /" < "$tmp/out" | tee "$tmp/log") & spid=$!
    IK_TIMES=$times "$HERE/in-kernel.sh" -S -t "$TIMEOUT" -m "$MEM" -c "$CPUS" \
      -e FLAMESCRIPT_REQUIRE_KERNEL=1 -e "FLAMESCRIPT_KERNEL_LABEL=$l" -e RUST_BACKTRACE=1 \
      "${scratch_opts[@]}" "${extra_env[@]}" "$k" -- "$@" > "$tmp/out" 2>&1 < /dev/null &
    ikpid=$!
    rc=0; wait $ikpid || rc=$?
    ikpid=
    wait $spid || true
    [[ $attempt == 1 ]] || break
    if [[ $rc == 124 ]]; then
      retried=" (after a hung guest, retried)"
      echo "==== [$l] the guest hung: booting it once more ===="
    elif [[ $rc == 125 ]] && grep -q 'Oops: int3' "$tmp/log"; then
      # The emulated kernel trapped on a breakpoint it had itself placed while patching a
      # static branch (text_poke_bp, as any tracepoint is enabled): a CPU kept running the
      # stale byte under TCG. Seen once in 6.12's syscall_trace_enter; not the test's doing.
      retried=" (after the guest's own int3 oops, retried)"
      echo "==== [$l] the guest oopsed in its own code patching: booting it once more ===="
    else
      break
    fi
  done
  secs=$(( $(date +%s) - t0 ))
  boot=$(sed -n 's/.*boot=\([^ ]*\).*/\1/p' "$times"); boot=${boot:--}
  case $rc in 0) what=ok;; 124) what="timed out (${TIMEOUT}s)";; 125) what="guest failed";;
              137) what="killed by the in-guest limit";; *) what=failed;; esac
  [[ $rc == 0 ]] || failed=1
  rows+=("$l|$rel|$rc|$secs|$boot|$what$retried")
  echo "==== [$l] exit $rc after ${secs}s ===="
done

echo
echo "kernel matrix: $*"
printf '%-6s %-24s %6s %8s %7s  %s\n' kernel release exit seconds boot result
for r in "${rows[@]}"; do
  IFS='|' read -r l rel rc secs boot what <<< "$r"
  printf '%-6s %-24s %6s %8s %7s  %s\n' "$l" "$rel" "$rc" "$secs" "$boot" "$what"
done
exit $failed
