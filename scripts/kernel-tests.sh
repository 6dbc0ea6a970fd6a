#!/usr/bin/env bash
# kernel-tests.sh — the known answers every kernel of the matrix must give, run inside one
# guest of scripts/kernels/matrix.sh (or on this machine, where `cargo test` runs them anyway).
#
#   scripts/kernel-tests.sh TEST-BINARY
#
# TEST-BINARY is the prebuilt integration-test binary (`cargo test --no-run --test tests`).
# The guest's root is a RAM overlay over 9p, where O_DIRECT reaches no block device: the
# scratch disk (/dev/vda) gets a file system for the block I/O test (FLAMESCRIPT_SCRATCH_DIR).
# Each test asserts its known answer, or, where the kernel lacks a feature, the clear error.
set -euo pipefail
bin=${1:?usage: kernel-tests.sh TEST-BINARY}
if [[ -b /dev/vda ]] && ! mountpoint -q /mnt/fs-scratch 2>/dev/null; then
  mkdir -p /mnt/fs-scratch
  modprobe ext4 2>/dev/null || true   # a module in Debian's kernels
  mkfs.ext4 -q -F /dev/vda && mount /dev/vda /mnt/fs-scratch
  export FLAMESCRIPT_SCRATCH_DIR=/mnt/fs-scratch
fi
uname -r
tests=(
  golden::kernel_loads_every_golden            # every golden program passes this verifier
  e2e::e2e_profile_command_under_c             # profile: a burner's samples
  spans::spans_offcpu_sleeps_fold_under_their_function   # offcpu min 1ms: 5 x 100 ms
  spans::spans_offcpu_preempted_threads_keep_their_stack
  spans::spans_offcpu_every_design_gives_the_known_answers  # or each missing design's error
  spans::spans_futex_contended_mutex           # futex: a contended mutex
  e2e::e2e_pagefault_counts_first_touches      # pagefault user: 10 000 first touches
  e2e::e2e_bio_sums_direct_writes              # bio: O_DIRECT writes to the scratch disk
  spans::spans_wallclock_adds_up_to_elapsed    # the wallclock script
  e2e::e2e_tracepoint_counts_execs             # a tracepoint
)
exec "$bin" --exact --test-threads=1 "${tests[@]}"
