// offcpu_waits: where threads block (I/O, locks, sleep, preemption), weighted by the time they
// spent off the CPU. Waits under 1 ms are dropped in the kernel before any stack is taken, so
// the graph shows the blocking that hurts: wide towers end in the kernel's wait functions
// (`schedule`, `io_schedule`, `futex_wait`) under the user code that waited.
// Checked today; `offcpu` has no code generator yet, so running it is refused.
offcpu min 1ms < @[comm, kstack, ustack] = sum(delta) >
