// futex: where threads wait on contended locks and condition variables, weighted by the time
// spent waiting. Waits under 100 µs keep their time but not their stacks: one
// `[blocks < 100us]` frame per thread.
futex min 100us < @[ustack] = sum(delta) >
