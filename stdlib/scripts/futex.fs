// futex: where threads wait on contended locks and condition variables, weighted by the time
// spent waiting. Waits under 100 µs are left out.
futex min 100us < @[ustack] = sum(delta) >
