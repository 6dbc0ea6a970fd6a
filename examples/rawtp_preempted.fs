// rawtp_preempted: which programs are preempted, read from the scheduler's raw tracepoint.
// `rawtracepoint:sched_switch` runs before any tracefs record is built; its first argument
// is `preempt` (1 when the outgoing task was preempted rather than blocking). Keyed by the
// outgoing task's name and the kernel stack of the switch.
rawtracepoint:sched_switch /arg0 != 0/ < @[comm, kstack] = count() >
