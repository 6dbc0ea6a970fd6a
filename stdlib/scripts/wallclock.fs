// wallclock: where threads spend their wall-clock time, running or waiting, in one graph.
// On-CPU samples are weighted by the time each stands for (`period`), off-CPU waits by their
// length (`delta`), both in nanoseconds, so the two halves add up and compare directly.
profile hz 99 < @[kstack, ustack] = sum(period) >
offcpu min 1ms < @[kstack, ustack] = sum(delta) >
