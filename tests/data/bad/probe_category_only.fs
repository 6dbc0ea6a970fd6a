// a tracepoint without its `tracepoint:` prefix
sched:sched_switch { @ = count() }
