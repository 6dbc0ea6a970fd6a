#!/usr/bin/env bash
# kernel-tests.sh — the known answers every kernel of the matrix must give, run inside one
# guest of scripts/kernels/matrix.sh (or on this machine, where `cargo test` runs them anyway).
#
#   scripts/kernel-tests.sh TEST-BINARY
#
# TEST-BINARY is the prebuilt integration-test binary (`cargo test --no-run --test tests`).
# Each test asserts its known answer, or, where the kernel lacks a feature, the clear error.
set -euo pipefail
bin=${1:?usage: kernel-tests.sh TEST-BINARY}
# The block I/O test writes to FLAMESCRIPT_SCRATCH_DIR, an ext4 file system on the guest's
# scratch disk that matrix.sh mounts (the guest's root is a RAM overlay over 9p, where O_DIRECT
# reaches no block device). On this machine the test writes under target/ instead.
uname -r
tests=(
  golden::kernel_loads_every_golden            # every golden program passes this verifier
  e2e::e2e_profile_command_under_c             # profile: a burner's samples
  spans::spans_offcpu_sleeps_fold_under_their_function   # offcpu min 1ms: 5 x 100 ms
  spans::spans_offcpu_preempted_threads_keep_their_stack
  spans::spans_offcpu_forking_parent_keeps_its_waits  # a new thread's first run
  spans::spans_offcpu_every_design_gives_the_known_answers  # or each missing design's error
  spans::spans_futex_contended_mutex           # futex: a contended mutex
  e2e::e2e_pagefault_counts_first_touches      # pagefault user: 10 000 first touches
  stacks::stacks_fp_walk_keeps_deep_stacks_whole_or_marks_the_cut  # --unwind fp: 100 / 150 deep
  e2e::e2e_bio_sums_direct_writes              # bio: O_DIRECT writes to the scratch disk
  spans::spans_wallclock_script_runs_by_name   # the wallclock script (see the test)
  e2e::e2e_tracepoint_counts_execs             # a tracepoint
  e2e::e2e_rawtracepoint_counts_execs          # a raw (BTF-typed) tracepoint
  spans::spans_list_says_what_this_kernel_offers # -l: the design, futex_waitv
)
exec "$bin" --exact --test-threads=1 "${tests[@]}"
