// offcpu: where threads wait (I/O, locks, sleeps, preemption), weighted by the time they spent
// off the CPU. Waits shorter than 1 ms are left out, so the graph shows the blocking that hurts.
offcpu min 1ms < @[kstack, ustack] = sum(delta) >
