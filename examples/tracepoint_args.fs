// tracepoint_args: involuntary context switches. A raw tracepoint's record is read with
// `args.FIELD`: `prev_state == 0` keeps the switches where the outgoing task was still
// runnable, i.e. preempted. The graph is one tower per preempted program (`args.prev_comm`,
// the root frame) over the kernel stack of the switch; wide towers are programs that lose the
// CPU to others while they still have work.
tracepoint:sched:sched_switch /args.prev_state == 0/ < @[args.prev_comm, kstack] = count() >
