// futex_locks: where threads wait on contended locks and condition variables, weighted by the
// time spent inside futex(2). Calls under 100 us are left out. Expect towers ending in
// `pthread_mutex_lock` or `pthread_cond_wait` under the code that took the lock.
// Checked today; `futex` has no code generator yet, so running it is refused.
futex min 100us < @[comm, ustack] = sum(delta) >
