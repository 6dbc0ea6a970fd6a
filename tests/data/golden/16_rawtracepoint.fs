// A raw tracepoint: a tp_btf program on sched_switch, its first argument (`preempt`) read from
// the context's array of arguments.
rawtracepoint:sched_switch < @[comm, arg0] = count() >
