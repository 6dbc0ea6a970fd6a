// offcpu: where threads wait (I/O, locks, sleeps, preemption), weighted by the time they spent
// off the CPU. Waits shorter than 1 ms keep their time but not their stacks (one `[blocks < 1ms]`
// frame per thread), so the graph shows the blocking that hurts and still adds up.
offcpu min 1ms < @[kstack, ustack] = sum(delta) >
